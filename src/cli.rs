//! Command-line types (clap derive only; no logic).
use crate::report::Format;
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
    /// Price every option of one or more scenarios, with the hidden agent tokens made visible.
    Estimate {
        /// Scenario files, or folders of them.
        #[arg(required = true, value_name = "SCENARIO")]
        scenarios: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Where buying capacity beats paying per token: break-even volumes in words.
    Breakeven {
        /// Scenario files, or folders of them.
        #[arg(required = true, value_name = "SCENARIO")]
        scenarios: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Write a report per scenario: summary.md, costs.csv, breakeven.csv, result.json and charts (SVG and PNG).
    Report {
        /// Scenario files, or folders of them.
        #[arg(required = true, value_name = "SCENARIO")]
        scenarios: Vec<PathBuf>,
        /// Folder to write into; each scenario gets a subfolder named after it.
        #[arg(long, value_name = "DIR", default_value = "reports")]
        out: PathBuf,
    },
    /// List the pricing catalog: prices, tiers, quotas and where each figure came from.
    Models {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Check catalog and scenario files; exit 2 with located messages when something is wrong.
    Validate {
        /// Files or folders (default: the catalog and ./scenarios). Catalog files are checked
        /// together; scenarios are checked against --pricing or the built-in catalog.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
}
