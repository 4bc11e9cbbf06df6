//! Renderers: one output format per file behind [`Render`]; `run` writes what they return.
pub mod advice;
pub mod baseline;
pub mod charts;
pub mod compare;
pub mod crosscheck;
pub mod csv;
pub mod figures;
pub mod findings;
pub mod folder;
pub mod json;
pub mod latency;
pub mod models;
pub mod models_table;
pub mod pricelist;
pub mod pricelist_check;
pub mod pricelist_import;
pub mod reconcile;
pub mod rows;
pub mod simulate;
pub mod solve;
pub mod summary;
pub mod table;
pub mod throughput;
pub mod uncertainty;
pub mod usage;
pub mod vendors;
pub mod words;

use crate::model::Estimate;
use crate::output_format::OutputFormat;

/// Turns results into text in one format.
pub trait Render {
    /// The estimates of one or more scenarios.
    fn estimates(&self, estimates: &[Estimate]) -> String;
    /// The break-even findings of one or more scenarios.
    fn breakeven(&self, estimates: &[Estimate]) -> String;
}

/// Output formats of `estimate`, `breakeven`, `solve` and `simulate`.
pub const FORMATS: &[OutputFormat] = &[OutputFormat::Table, OutputFormat::Json];

/// The renderer for `format`, one of [`FORMATS`].
pub fn renderer(format: OutputFormat) -> &'static dyn Render {
    match format {
        OutputFormat::Table => &table::Table,
        OutputFormat::Json => &json::Json,
        OutputFormat::Csv | OutputFormat::Markdown => format.not_accepted(FORMATS),
    }
}
