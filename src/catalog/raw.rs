//! Serde mirror of `pricing/*.toml`: exactly what the file says, nothing checked yet.
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogFile {
    pub catalog: Spanned<Header>,
    #[serde(default)]
    pub model: Vec<Spanned<Model>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub provider: Spanned<String>,
    pub region: Spanned<String>,
    pub currency: Spanned<String>,
    pub source: Spanned<String>,
    pub retrieved: Spanned<Datetime>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Model {
    pub key: Spanned<String>,
    pub name: Option<Spanned<String>>,
    pub id: Spanned<String>,
    pub input_usd_per_mtok: Spanned<f64>,
    pub output_usd_per_mtok: Spanned<f64>,
    pub cache_write_usd_per_mtok: Option<Spanned<f64>>,
    pub cache_read_usd_per_mtok: Option<Spanned<f64>>,
    pub quota_rpm: Option<Spanned<f64>>,
    pub quota_tpm: Option<Spanned<f64>>,
    pub quota_output_burndown: Option<Spanned<f64>>,
    pub quota_source: Option<Spanned<String>>,
    pub quota_retrieved: Option<Spanned<Datetime>>,
    /// Tier name → multiplier, or a table with its own provenance.
    pub tiers: Option<Spanned<toml::Table>>,
    pub source: Option<Spanned<String>>,
    pub retrieved: Option<Spanned<Datetime>>,
    pub assumed: Option<bool>,
    pub note: Option<String>,
}

/// A tier given as a table: `{ multiplier = 0.5, source = "…", retrieved = …, assumed = true }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierTable {
    pub multiplier: f64,
    pub source: Option<String>,
    pub retrieved: Option<Datetime>,
    pub assumed: Option<bool>,
}
