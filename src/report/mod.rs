//! Renderers: one output format per file behind [`Render`]; `run` writes what they return.
pub mod advice;
pub mod charts;
pub mod compare;
pub mod crosscheck;
pub mod csv;
pub mod figures;
pub mod findings;
pub mod folder;
pub mod json;
pub mod models;
pub mod models_table;
pub mod pricelist;
pub mod pricelist_check;
pub mod pricelist_import;
pub mod rows;
pub mod simulate;
pub mod solve;
pub mod summary;
pub mod table;
pub mod uncertainty;
pub mod words;

use crate::model::Estimate;

/// Turns results into text in one format.
pub trait Render {
    /// The estimates of one or more scenarios.
    fn estimates(&self, estimates: &[Estimate]) -> String;
    /// The break-even findings of one or more scenarios.
    fn breakeven(&self, estimates: &[Estimate]) -> String;
}

/// Output formats of `estimate`, `breakeven`, `solve` and `simulate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned text for people.
    Table,
    /// JSON for tools (each command's help names its schema).
    Json,
}

impl Format {
    /// The renderer for this format.
    pub fn renderer(self) -> &'static dyn Render {
        match self {
            Format::Table => &table::Table,
            Format::Json => &json::Json,
        }
    }
}
