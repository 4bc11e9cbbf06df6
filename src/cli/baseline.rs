//! Command-line types of `baseline`.
use super::*;

#[derive(Debug, Subcommand)]
pub enum BaselineAction {
    /// Write the baseline (byte-identical when nothing changed).
    Write {
        /// File to write.
        #[arg(long, value_name = "FILE", default_value = "reports/baseline.json")]
        out: PathBuf,
        /// Scenario files or folders (default: ./scenarios).
        #[arg(value_name = "SCENARIO")]
        scenarios: Vec<PathBuf>,
    },
    /// Recompute and compare with the baseline; exit 1 when something moved beyond the bounds.
    Check {
        /// Baseline file to compare with.
        #[arg(long, value_name = "FILE", default_value = "reports/baseline.json")]
        baseline: PathBuf,
        /// Changes smaller than this are not reported, e.g. 0.1% (the default); finite, ≥ 0.
        #[arg(long, value_name = "PERCENT", default_value = "0.1%", allow_hyphen_values = true,
              value_parser = parse_percent)]
        tolerance: f64,
        /// Fail only when a monthly cost rises by more than this many percent (finite, ≥ 0), or
        /// when an option or scenario of the baseline is missing.
        #[arg(long, value_name = "P", allow_hyphen_values = true, value_parser = parse_limit_pct)]
        fail_above_pct: Option<f64>,
        /// Fail only when a monthly cost rises by more than this many dollars (finite, ≥ 0), or
        /// when an option or scenario of the baseline is missing.
        #[arg(long, value_name = "USD", allow_hyphen_values = true, value_parser = parse_limit_usd)]
        fail_above_usd: Option<f64>,
        /// Output format; markdown is a ready pull-request comment (`text` is read as `table`).
        #[arg(long, default_value = "table", value_parser = formats(crate::report::baseline::FORMATS, &["text"]))]
        format: OutputFormat,
        /// Scenario files or folders (default: ./scenarios).
        #[arg(value_name = "SCENARIO")]
        scenarios: Vec<PathBuf>,
    },
}
