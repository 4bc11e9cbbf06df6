//! Command-line types (clap derive only; no logic).
mod baseline;
mod usage;
mod values;

pub use baseline::BaselineAction;

pub use usage::{ImportArgs, ImportSource, UsageFormat};

use values::{
    formats, keyword, parse_bill, parse_concurrency, parse_date, parse_gpus, parse_limit_pct, parse_limit_usd,
    parse_percent, parse_samples, parse_threads, parse_tokens, parse_tolerance,
};

use crate::catalog::{EngineKind, Parallel, Precision, Sold, Standing};
use crate::output_format::OutputFormat;
use crate::report;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Plan the capacity and cost of serving LLM traffic: on-demand, provisioned, self-hosted.
#[derive(Debug, Parser)]
#[command(name = "infercast", version, about, long_about = None)]
pub struct Cli {
    /// Folder of pricing/*.toml files to use instead of the catalog built into the binary.
    #[arg(long, global = true, value_name = "DIR")]
    pub pricing: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Price every option of one or more scenarios, with the hidden agent tokens made visible,
    /// and recommend one. JSON schema `infercast/estimate-v2`.
    Estimate {
        /// Scenario files, or folders of them.
        #[arg(required = true, value_name = "SCENARIO")]
        scenarios: Vec<PathBuf>,
        /// Output format.
        #[arg(long, default_value = "table", value_parser = formats(report::FORMATS, &[]))]
        format: OutputFormat,
    },
    /// Where buying capacity beats paying per token: break-even volumes and utilisation in words.
    /// JSON schema `infercast/breakeven-v1`.
    Breakeven {
        /// Scenario files, or folders of them.
        #[arg(required = true, value_name = "SCENARIO")]
        scenarios: Vec<PathBuf>,
        /// Output format.
        #[arg(long, default_value = "table", value_parser = formats(report::FORMATS, &[]))]
        format: OutputFormat,
    },
    /// Write a report per scenario: summary.md, costs.csv, breakeven.csv, result.json (schema
    /// `infercast/estimate-v2`) and charts (SVG and PNG).
    Report {
        /// Scenario files, or folders of them.
        #[arg(required = true, value_name = "SCENARIO")]
        scenarios: Vec<PathBuf>,
        /// Folder to write into; each scenario gets a subfolder named after it.
        #[arg(long, value_name = "DIR", default_value = "reports")]
        out: PathBuf,
        /// Usage as it ran (as `reconcile --usage` reads it): summary.md then holds it against
        /// each scenario's `as-run` plan, "Measured vs forecast".
        #[arg(long, value_name = "PATH", num_args = 1..)]
        usage: Vec<PathBuf>,
        /// What `--usage` holds (default: invocation logs, or an hourly CSV for one `*.csv`).
        #[arg(long, value_enum)]
        usage_format: Option<UsageFormat>,
        /// Seconds each CloudWatch datapoint covers.
        #[arg(long, value_name = "SECONDS", default_value_t = 3600)]
        period: i64,
    },
    /// Draw every uncertain input (and, under [risk], the month the feature is cut) once per
    /// sample: per option and plan, the 10th/50th/90th percentiles of each month and of the
    /// horizon, how often it is the cheapest, and its expected regret. Same seed, same output.
    /// JSON schema `infercast/simulate-v2`.
    Simulate {
        /// Scenario files, or folders of them.
        #[arg(required = true, value_name = "SCENARIO")]
        scenarios: Vec<PathBuf>,
        /// Samples to draw, from 1 to 100,000.
        #[arg(long, value_name = "N", default_value = "2000", allow_hyphen_values = true, value_parser = parse_samples)]
        samples: usize,
        /// Seed of the random streams: the same seed gives the same output, byte for byte.
        #[arg(long, value_name = "S", default_value_t = crate::simulate::DEFAULT_SEED)]
        seed: u64,
        /// Threads to draw with (default: the machine's CPUs); the output does not depend on it.
        #[arg(long, value_name = "N", value_parser = parse_threads)]
        threads: Option<usize>,
        /// Output format.
        #[arg(long, default_value = "table", value_parser = formats(report::FORMATS, &[]))]
        format: OutputFormat,
    },
    /// Before and after: tokens per request and every option's cost in two scenarios, matched by
    /// name, with the monthly saving in words. JSON schema `infercast/compare-v1`.
    Compare {
        /// The scenario as it is.
        #[arg(value_name = "BEFORE")]
        before: PathBuf,
        /// The scenario with the change (a trimmed prompt, fewer agent steps…).
        #[arg(value_name = "AFTER")]
        after: PathBuf,
        /// Output format.
        #[arg(long, default_value = "table", value_parser = formats(report::compare::FORMATS, &[]))]
        format: OutputFormat,
    },
    /// From a monthly bill back to traffic: the month-1 requests at which an option costs USD a
    /// month. JSON schema `infercast/solve-v1`.
    Solve {
        /// Scenario file.
        #[arg(value_name = "SCENARIO")]
        scenario: PathBuf,
        /// The monthly bill in USD, more than zero, e.g. 20000.
        #[arg(long, value_name = "USD", allow_negative_numbers = true, value_parser = parse_bill)]
        bill: f64,
        /// The option to solve for, by name (default: the scenario's first on-demand option).
        #[arg(long, value_name = "NAME")]
        option: Option<String>,
        /// Output format.
        #[arg(long, default_value = "table", value_parser = formats(report::FORMATS, &[]))]
        format: OutputFormat,
    },
    /// List the pricing catalog: prices, tiers, quotas and where each figure came from; a figure
    /// written as a range prints as one. Filters combine (all must hold); with any filter only
    /// models are listed, and no match prints an empty listing, a warning, and exits 0. JSON
    /// schema `infercast/models-v2`.
    Models {
        /// The catalog's provider (aws-bedrock), its vendor (bedrock, azure, vertex, openai,
        /// anthropic) or the model's maker, the start of its id (anthropic, meta…); any case.
        #[arg(long, value_name = "P")]
        provider: Option<String>,
        /// Only models of this standing today: active, legacy, or retired (past their end of life;
        /// `INFERCAST_TODAY=YYYY-MM-DD` sets the day).
        #[arg(long, value_name = "S", value_parser = keyword::<Standing>())]
        status: Option<Standing>,
        /// Only models sold this way: an on-demand tier (standard = every model), provisioned
        /// (Provisioned Throughput) or reserved (the Reserved tier).
        #[arg(long, value_name = "T", value_parser = keyword::<Sold>())]
        tier: Option<Sold>,
        /// Only models sold in this region (e.g. eu-west-1), or through this inference-profile
        /// prefix (us, eu, apac, global…).
        #[arg(long, value_name = "R")]
        region: Option<String>,
        /// Only models whose key, provider id or name contains this text; any case.
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// Output format.
        #[arg(long, default_value = "table", value_parser = formats(report::models::FORMATS, &[]))]
        format: OutputFormat,
    },
    /// An open-weights model on GPUs: output tokens/s, time to first token and inter-token
    /// latency at a concurrency, or the offline maximum and the concurrency it implies. JSON
    /// schema `infercast/throughput-v1`.
    Throughput {
        /// The open-weights model: its Hugging Face id or an alias.
        #[arg(long, value_name = "M")]
        model: String,
        /// The GPU, by catalog key (h100-sxm, l40s…).
        #[arg(long, value_name = "G")]
        gpu: String,
        /// GPUs of the whole group, from 1 to 65,536.
        #[arg(long, value_name = "N", allow_hyphen_values = true, value_parser = parse_gpus)]
        gpus: u32,
        /// GPUs per replica (tensor- or expert-parallel size); it divides --gpus (default: --gpus).
        #[arg(long, value_name = "T", allow_hyphen_values = true, value_parser = parse_gpus)]
        tp: Option<u32>,
        /// Weight precision (default: fp8 when the GPU has it, else bf16).
        #[arg(long, value_name = "P", value_parser = keyword::<Precision>())]
        precision: Option<Precision>,
        /// Serving engine whose efficiency constants apply.
        #[arg(long, value_name = "E", default_value = "trtllm", value_parser = keyword::<EngineKind>())]
        engine: EngineKind,
        /// How a replica's GPUs share the work: tensor parallel, or attention data parallel with
        /// expert parallel (dep, for MoE models).
        #[arg(long, value_name = "P", default_value = "tp", value_parser = keyword::<Parallel>())]
        parallel: Parallel,
        /// Input (prompt) tokens per request, a whole number from 1 to 100,000,000.
        #[arg(long, value_name = "ISL", allow_hyphen_values = true, value_parser = parse_tokens)]
        input: f64,
        /// Output tokens per request, a whole number from 1 to 100,000,000.
        #[arg(long, value_name = "OSL", allow_hyphen_values = true, value_parser = parse_tokens)]
        output: f64,
        /// Requests in flight across the group, above 0 and at most 100,000,000 (default: as many as
        /// the batches hold).
        #[arg(long, value_name = "C", allow_hyphen_values = true, value_parser = parse_concurrency)]
        concurrency: Option<f64>,
        /// Output format.
        #[arg(long, default_value = "table", value_parser = formats(report::throughput::FORMATS, &[]))]
        format: OutputFormat,
    },
    /// Check catalog and scenario files; exit 2 with located messages when something is wrong.
    Validate {
        /// Files or folders (default: the catalog and ./scenarios). Catalog files are checked
        /// together; scenarios are checked against --pricing or the built-in catalog.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Warn about catalog figures retrieved more than this many days ago.
        #[arg(long, value_name = "DAYS")]
        max_age: Option<u32>,
        /// With --max-age: fail (exit 1) instead of warning.
        #[arg(long, requires = "max_age")]
        strict: bool,
        /// The date ages are counted to (default: today), for reproducible checks.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        today: Option<i64>,
    },
    /// A scenario measured from usage as it ran: Bedrock invocation logs, an hourly CSV or
    /// CloudWatch metrics (to update prices from the AWS Price List, see `catalog import`).
    Import {
        #[command(subcommand)]
        source: ImportSource,
    },
    /// Hold a forecast to what happened: the measured usage priced with the catalog, against the
    /// scenario's forecast over the same period (its plan `as-run`, or --option) and, with
    /// --bill, the bill; the difference split into its causes. Exit 1 beyond --tolerance. JSON
    /// schema `infercast/reconcile-v1`.
    Reconcile {
        /// Scenario file (e.g. one `infercast import` wrote).
        #[arg(value_name = "SCENARIO")]
        scenario: PathBuf,
        /// Usage: invocation-log files or folders, or an hourly CSV (`*.csv`), or CloudWatch
        /// metrics with --usage-format cloudwatch.
        #[arg(long, value_name = "PATH", num_args = 1.., required = true)]
        usage: Vec<PathBuf>,
        /// What --usage is (default: an hourly CSV when the path ends in .csv, else logs).
        #[arg(long, value_name = "FORMAT")]
        usage_format: Option<UsageFormat>,
        /// With --usage-format cloudwatch: seconds each datapoint covers.
        #[arg(long, value_name = "SECONDS", default_value_t = 3600, value_parser = clap::value_parser!(i64).range(60..=2_678_400))]
        period: i64,
        /// A Cost and Usage Report 2.0 or FOCUS 1.x CSV holding the Bedrock lines.
        #[arg(long, value_name = "FILE")]
        bill: Option<PathBuf>,
        /// The option or plan compared (default: the plan `as-run`).
        #[arg(long, value_name = "NAME")]
        option: Option<String>,
        /// How far usage may be from the forecast (and the bill from usage): 2% or 0.02.
        #[arg(long, value_name = "FRACTION", default_value = "2%", allow_hyphen_values = true, value_parser = parse_tolerance)]
        tolerance: f64,
        /// Output format.
        #[arg(long, default_value = "table", value_parser = formats(report::reconcile::FORMATS, &[]))]
        format: OutputFormat,
    },
    /// Work with the pricing catalog itself.
    Catalog {
        #[command(subcommand)]
        action: CatalogAction,
    },
    /// Record or check the CI baseline: the figures of every scenario and every catalog price.
    Baseline {
        #[command(subcommand)]
        action: BaselineAction,
    },
}

#[derive(Debug, Subcommand)]
pub enum CatalogAction {
    /// Compare every catalog price with LiteLLM's and genai-prices' public price maps (local
    /// copies); exit 1 on a disagreement over 0.5% without a `crosscheck_note`. JSON schema
    /// `infercast/crosscheck-v2`.
    Crosscheck {
        /// LiteLLM's model_prices_and_context_window.json.
        #[arg(long, value_name = "FILE", required_unless_present = "aws_price_list")]
        litellm: Option<PathBuf>,
        /// genai-prices' prices/providers/aws.yml.
        #[arg(long, value_name = "FILE", required_unless_present = "aws_price_list")]
        genai_prices: Option<PathBuf>,
        /// Instead of the public maps: AWS Price List files (see `catalog pricelist`); every price
        /// of a model the catalog names in `price_list` agrees within 0.5 %, differs (exit 1), or
        /// has no catalog figure. JSON schema `infercast/pricelist-check-v2`.
        #[arg(long, value_name = "FILE", num_args = 1.., conflicts_with_all = ["litellm", "genai_prices"])]
        aws_price_list: Vec<PathBuf>,
        /// Output format.
        #[arg(long, default_value = "table", value_parser = formats(report::crosscheck::FORMATS, &[]))]
        format: OutputFormat,
    },
    /// Every text-token price of AWS Price List files (offers AmazonBedrock and
    /// AmazonBedrockFoundationModels: bulk JSON or CSV, or `GetProducts` output) by model, region,
    /// scope, tier and kind, in USD per million tokens. JSON schema `infercast/pricelist-v1`.
    Pricelist {
        /// Price List files.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Only the prices of this region, e.g. us-east-1.
        #[arg(long, value_name = "R")]
        region: Option<String>,
        /// Output format.
        #[arg(long, default_value = "table", value_parser = formats(report::pricelist::FORMATS, &[]))]
        format: OutputFormat,
    },
    /// Refresh a catalog folder from AWS Price List files: every figure of a model the catalog
    /// names in `price_list` that the Price List prices is set to it in place (comments and
    /// layout kept), citing the offer version; prints what changed. A folder that is missing or
    /// holds no catalog is first filled with the current one (built-in, or --pricing). JSON schema
    /// `infercast/import-v1`.
    Import {
        /// AWS Price List files (see `catalog pricelist`).
        #[arg(long, value_name = "FILE", num_args = 1.., required = true)]
        aws_price_list: Vec<PathBuf>,
        /// The catalog folder to update (the layout of pricing/).
        #[arg(long, value_name = "DIR", required = true)]
        write: PathBuf,
        /// Output format.
        #[arg(long, default_value = "table", value_parser = formats(report::pricelist_import::FORMATS, &[]))]
        format: OutputFormat,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keyword::Keyword;

    /// The `--format` of `args` as parsed, or clap's error.
    fn format_of(args: &[&str]) -> Result<OutputFormat, String> {
        let cli = Cli::try_parse_from(["infercast"].iter().chain(args)).map_err(|e| e.to_string())?;
        match cli.command {
            Command::Estimate { format, .. }
            | Command::Breakeven { format, .. }
            | Command::Simulate { format, .. }
            | Command::Compare { format, .. }
            | Command::Solve { format, .. }
            | Command::Reconcile { format, .. }
            | Command::Models { format, .. }
            | Command::Throughput { format, .. } => Ok(format),
            Command::Baseline { action: BaselineAction::Check { format, .. } } => Ok(format),
            Command::Catalog { action: CatalogAction::Crosscheck { format, .. } }
            | Command::Catalog { action: CatalogAction::Pricelist { format, .. } }
            | Command::Catalog { action: CatalogAction::Import { format, .. } } => Ok(format),
            other => Err(format!("no --format: {other:?}")),
        }
    }

    #[test]
    fn each_command_accepts_the_formats_it_always_did() {
        // The words each command's own format enum listed before they became one enum.
        let throughput = ["throughput", "--model", "m", "--gpu", "g", "--gpus", "1", "--input", "1", "--output", "1"];
        let commands: [(&[&str], &[&str]); 12] = [
            (&["estimate", "s.toml"], &["table", "json"]),
            (&["breakeven", "s.toml"], &["table", "json"]),
            (&["simulate", "s.toml"], &["table", "json"]),
            (&["solve", "s.toml", "--bill", "100"], &["table", "json"]),
            (&["compare", "a.toml", "b.toml"], &["table", "json", "markdown"]),
            (&["models"], &["table", "json", "csv", "markdown"]),
            (&throughput, &["table", "json"]),
            (&["catalog", "crosscheck", "--litellm", "l", "--genai-prices", "g"], &["table", "markdown", "json"]),
            (&["catalog", "pricelist", "p.json"], &["table", "json", "csv"]),
            (&["catalog", "import", "--aws-price-list", "p.json", "--write", "out"], &["table", "json"]),
            (&["baseline", "check"], &["table", "markdown", "json"]),
            (&["reconcile", "s.toml", "--usage", "u.csv"], &["table", "markdown", "json"]),
        ];
        for (args, accepted) in commands {
            assert_eq!(format_of(args), Ok(OutputFormat::Table), "{args:?} defaults to table");
            for name in OutputFormat::NAMES {
                let got = format_of(&[args, &["--format", name]].concat());
                if accepted.contains(name) {
                    assert_eq!(got, Ok(OutputFormat::parse(name).unwrap()), "{args:?} {name}");
                } else {
                    let refused = got.expect_err(name);
                    let listed = format!("[possible values: {}]", accepted.join(", "));
                    assert!(refused.contains(&listed), "{args:?} {name}: {refused}");
                }
            }
        }
    }

    #[test]
    fn baseline_check_still_reads_text_as_table() {
        // `baseline check` called its table `text`: scripts that pass it keep working.
        assert_eq!(format_of(&["baseline", "check", "--format", "text"]), Ok(OutputFormat::Table));
        assert!(format_of(&["estimate", "s.toml", "--format", "text"]).is_err());
    }
}
