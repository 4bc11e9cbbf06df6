//! Command-line types of the usage commands: `import` and `reconcile --usage-format`.
use super::values::{parse_date, parse_group_by};
use clap::Subcommand;
use std::path::PathBuf;

/// What `reconcile --usage` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum UsageFormat {
    /// Bedrock model-invocation logs (as `import invocation-logs`).
    Logs,
    /// The hourly CSV (as `import hourly`).
    Hourly,
    /// CloudWatch metrics (as `import cloudwatch`).
    Cloudwatch,
}

#[derive(Debug, Subcommand)]
pub enum ImportSource {
    /// Bedrock model-invocation logs as delivered to S3 or exported from CloudWatch Logs: one
    /// JSON record a line, plain or gzip, files or folders of them (*.json, *.jsonl, *.log, *.gz).
    InvocationLogs {
        /// Log files, or folders read recursively in name order.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// One workload per value of this requestMetadata tag (default: one per model id).
        #[arg(long, value_name = "requestMetadata.KEY", value_parser = parse_group_by)]
        group_by: Option<String>,
        #[command(flatten)]
        common: ImportArgs,
    },
    /// The hourly CSV that the SQL in docs/usage-at-scale.md aggregates from logs in S3: hour,
    /// model, group, invocations, input, output, cache read and cache write tokens.
    Hourly {
        /// The CSV file (plain or gzip).
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[command(flatten)]
        common: ImportArgs,
    },
    /// CloudWatch `AWS/Bedrock` metrics by model: the JSON `aws cloudwatch get-metric-data`
    /// prints (each result labelled "<ModelId> <MetricName>"), or a CSV of
    /// timestamp,model,metric,value rows. Totals only: no burstiness, no per-call ranges.
    Cloudwatch {
        /// The metrics file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Seconds each datapoint covers (the query's period); a period longer than an hour is
        /// spread evenly over its hours.
        #[arg(long, value_name = "SECONDS", default_value_t = 3600, value_parser = clap::value_parser!(i64).range(60..=2_678_400))]
        period: i64,
        #[command(flatten)]
        common: ImportArgs,
    },
}

/// The options every `import` shares.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Count only records from this day (UTC, inclusive); the others are reported.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub from: Option<i64>,
    /// Count only records up to this day (UTC, inclusive); the others are reported.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub to: Option<i64>,
    /// Skip up to N bad records, each reported; the next one is an error.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub skip_bad: u64,
    /// Write the scenario to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The scenario's name.
    #[arg(long, value_name = "NAME", default_value = "imported")]
    pub name: String,
}
