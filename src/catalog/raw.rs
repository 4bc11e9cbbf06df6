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
    #[serde(default)]
    pub instance: Vec<Spanned<Instance>>,
    #[serde(default)]
    pub deployment: Vec<Spanned<Deployment>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub provider: Spanned<String>,
    pub region: Spanned<String>,
    pub currency: Spanned<String>,
    pub source: Spanned<String>,
    pub retrieved: Spanned<Datetime>,
    /// False when the provider no longer throttles on requests per minute (default true).
    pub quota_rpm_enforced: Option<bool>,
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
    /// Why a public price map disagrees with this entry (`catalog crosscheck`).
    pub crosscheck_note: Option<String>,
    pub note: Option<String>,
    pub provisioned: Option<Spanned<Provisioned>>,
    pub reserved: Option<Spanned<Reserved>>,
}

/// `[model.provisioned]`: Provisioned Throughput per model unit.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provisioned {
    pub usd_per_mu_hour: Spanned<toml::Table>,
    pub input_tpm_per_mu: Spanned<f64>,
    pub output_tpm_per_mu: Spanned<f64>,
    pub source: Option<Spanned<String>>,
    pub retrieved: Option<Spanned<Datetime>>,
    pub assumed: Option<bool>,
    pub throughput_assumed: Spanned<bool>,
    pub basis: Option<String>,
}

/// `[model.reserved]`: the Reserved tier, tokens per minute by the month.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reserved {
    pub usd_per_1k_input_tpm_month: Spanned<toml::Table>,
    pub usd_per_1k_output_tpm_month: Spanned<toml::Table>,
    pub min_input_tpm: Spanned<f64>,
    pub min_output_tpm: Spanned<f64>,
    pub source: Option<Spanned<String>>,
    pub retrieved: Option<Spanned<Datetime>>,
    pub assumed: Option<bool>,
    pub basis: Option<String>,
}

/// `[[instance]]`: a GPU instance type and its hourly prices.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instance {
    pub key: Spanned<String>,
    pub gpus: Spanned<f64>,
    pub gpu: String,
    pub usd_per_hour: Spanned<toml::Table>,
    pub source: Option<Spanned<String>>,
    pub retrieved: Option<Spanned<Datetime>>,
    pub assumed: Option<bool>,
    pub note: Option<String>,
}

/// `[[deployment]]`: a model served on an instance, with measured throughput.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deployment {
    pub key: Spanned<String>,
    pub model: String,
    pub instance: Spanned<String>,
    pub prefill_tokens_per_s: Spanned<f64>,
    pub decode_tokens_per_s: Spanned<f64>,
    pub source: Option<Spanned<String>>,
    pub retrieved: Option<Spanned<Datetime>>,
    pub assumed: Option<bool>,
    pub derivation: Option<String>,
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
