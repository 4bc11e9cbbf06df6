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
    #[serde(default)]
    pub service: Vec<Spanned<Service>>,
    #[serde(default)]
    pub gpu: Vec<Spanned<Gpu>>,
    #[serde(default)]
    pub open_model: Vec<Spanned<OpenModel>>,
    #[serde(default)]
    pub engine: Vec<Spanned<Engine>>,
    /// Capacity products sold in units (docs/catalog.md#capacity-products).
    #[serde(default)]
    pub capacity: Vec<Spanned<super::units::raw::Product>>,
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
    /// Who sells the file's models: `azure`, `vertex`, `openai`, `anthropic`; Bedrock when absent.
    pub vendor: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Model {
    pub key: Spanned<String>,
    pub name: Option<Spanned<String>>,
    pub id: Spanned<String>,
    /// `active` (default) or `legacy`.
    pub status: Option<Spanned<String>>,
    pub end_of_life: Option<Spanned<Datetime>>,
    /// The catalog key of the model the vendor names as its replacement.
    pub successor: Option<Spanned<String>>,
    pub input_usd_per_mtok: Spanned<f64>,
    pub output_usd_per_mtok: Spanned<f64>,
    pub cache_write_usd_per_mtok: Option<Spanned<f64>>,
    pub cache_write_1h_usd_per_mtok: Option<Spanned<f64>>,
    pub cache_read_usd_per_mtok: Option<Spanned<f64>>,
    /// Regions sold at the prices above (default: the file's region).
    pub regions: Option<Spanned<Vec<String>>>,
    /// Inference-profile prefixes sold (`us`, `eu`, …, `global`).
    pub profiles: Option<Spanned<Vec<String>>>,
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
    pub private: Option<Spanned<bool>>,
    pub note: Option<String>,
    /// Why a public price map disagrees with this entry.
    pub crosscheck_note: Option<String>,
    /// Why the AWS Price List's price differs from this entry's, accepting the difference.
    pub price_list_note: Option<String>,
    /// The names the AWS Price List gives this model: its products' `model` or `servicename`
    /// attribute (without " (Amazon Bedrock Edition)"), or the usage-type stem
    /// (docs/model.md#the-aws-price-list).
    pub price_list: Option<Vec<String>>,
    /// Prices of the global cross-region profile.
    pub global: Option<Spanned<PriceTable>>,
    pub long_context: Option<Spanned<LongContext>>,
    /// Largest input + output of one call, tokens (the model's context window).
    pub context_window_tokens: Option<Spanned<u64>>,
    /// Largest output of one call, tokens.
    pub max_output_tokens: Option<Spanned<u64>>,
    /// Where the two limits above were published (a model card or the provider's docs).
    pub limits_source: Option<Spanned<String>>,
    #[serde(default)]
    pub region_price: Vec<Spanned<RegionPrice>>,
    /// On-demand figures in force between two dates (docs/catalog.md#price-periods).
    #[serde(default)]
    pub price_period: Vec<Spanned<PricePeriod>>,
    pub provisioned: Option<Spanned<Provisioned>>,
    pub reserved: Option<Spanned<Reserved>>,
    /// How fast the model answers one caller (docs/catalog.md#speed).
    pub speed: Option<Spanned<SpeedTable>>,
    /// How it burns the units of each capacity product of its file, by product key.
    #[serde(default)]
    pub capacity: std::collections::BTreeMap<String, Spanned<super::units::raw::ModelCapacity>>,
}

/// `[model.speed]`: output tokens/s and time to first token, each a number or `[low, high]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeedTable {
    pub output_tokens_per_s: Spanned<toml::Value>,
    pub ttft_ms: Spanned<toml::Value>,
    pub source: Option<Spanned<String>>,
    pub retrieved: Option<Spanned<Datetime>>,
    pub assumed: Option<bool>,
    pub derivation: Option<String>,
    /// Figures of the global cross-region endpoint, where published apart.
    pub global: Option<Spanned<SpeedFigures>>,
    /// Figures of the geographic profiles, where published apart.
    pub geo: Option<Spanned<SpeedFigures>>,
}

/// `[model.speed.global]` / `[model.speed.geo]`: an endpoint's own figures.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeedFigures {
    pub output_tokens_per_s: Spanned<toml::Value>,
    pub ttft_ms: Spanned<toml::Value>,
    pub source: Option<Spanned<String>>,
    pub retrieved: Option<Spanned<Datetime>>,
    pub assumed: Option<bool>,
    pub derivation: Option<String>,
}

/// `[model.global]`: token prices of another scope of the same model.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceTable {
    pub input_usd_per_mtok: Spanned<f64>,
    pub output_usd_per_mtok: Spanned<f64>,
    pub cache_write_usd_per_mtok: Option<Spanned<f64>>,
    pub cache_write_1h_usd_per_mtok: Option<Spanned<f64>>,
    pub cache_read_usd_per_mtok: Option<Spanned<f64>>,
}

/// `[[model.price_period]]`: on-demand figures in force from `from` to `until` (both inclusive),
/// each replacing the model's undated one.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PricePeriod {
    pub from: Option<Spanned<Datetime>>,
    pub until: Option<Spanned<Datetime>>,
    pub input_usd_per_mtok: Option<Spanned<f64>>,
    pub output_usd_per_mtok: Option<Spanned<f64>>,
    pub cache_write_usd_per_mtok: Option<Spanned<f64>>,
    pub cache_write_1h_usd_per_mtok: Option<Spanned<f64>>,
    pub cache_read_usd_per_mtok: Option<Spanned<f64>>,
    /// The global profile's figures in the period.
    pub global: Option<Spanned<PeriodPrices>>,
    pub source: Option<Spanned<String>>,
    pub retrieved: Option<Spanned<Datetime>>,
}

/// `global = { … }` of a price period: any of the five token prices.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodPrices {
    pub input_usd_per_mtok: Option<Spanned<f64>>,
    pub output_usd_per_mtok: Option<Spanned<f64>>,
    pub cache_write_usd_per_mtok: Option<Spanned<f64>>,
    pub cache_write_1h_usd_per_mtok: Option<Spanned<f64>>,
    pub cache_read_usd_per_mtok: Option<Spanned<f64>>,
}

/// `[[model.region_price]]`: a region with prices of its own.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionPrice {
    pub region: Spanned<String>,
    pub input_usd_per_mtok: Spanned<f64>,
    pub output_usd_per_mtok: Spanned<f64>,
    pub cache_write_usd_per_mtok: Option<Spanned<f64>>,
    pub cache_write_1h_usd_per_mtok: Option<Spanned<f64>>,
    pub cache_read_usd_per_mtok: Option<Spanned<f64>>,
    pub source: Option<Spanned<String>>,
    pub retrieved: Option<Spanned<Datetime>>,
    pub private: Option<Spanned<bool>>,
}

/// `[model.long_context]`: multipliers for a call whose input exceeds a threshold.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LongContext {
    pub above_input_tokens: Spanned<f64>,
    pub input_multiplier: Spanned<f64>,
    pub output_multiplier: Spanned<f64>,
    pub cache_multiplier: Option<Spanned<f64>>,
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
    pub private: Option<Spanned<bool>>,
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
    pub private: Option<Spanned<bool>>,
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
    pub private: Option<Spanned<bool>>,
    pub note: Option<String>,
}

/// `[[deployment]]`: an open-weights model served on an instance, with the published runs it is
/// checked against.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deployment {
    pub key: Spanned<String>,
    pub model: String,
    pub instance: Spanned<String>,
    /// The `[[open_model]]` served: Hugging Face id or alias.
    pub open_model: Spanned<String>,
    pub precision: Spanned<String>,
    pub engine: Spanned<String>,
    /// `tp` (default) or `dep`.
    pub parallel: Option<Spanned<String>>,
    /// The benchmark table's published runs; the model's prediction is checked against them.
    pub runs: Option<Spanned<Vec<Spanned<Run>>>>,
    /// What a run's throughput counts: `per-gpu`, `per-run` or `per-instance`.
    pub runs_unit: Option<Spanned<String>>,
    /// GPUs of one replica (its tensor/pipeline/expert-parallel group), and of each run.
    pub gpus_per_run: Option<Spanned<f64>>,
    pub source: Option<Spanned<String>>,
    pub retrieved: Option<Spanned<Datetime>>,
    pub assumed: Option<bool>,
    pub private: Option<Spanned<bool>>,
    pub derivation: Option<String>,
}

/// One published run: `{ input = 1000, output = 1000, output_tokens_per_s = 25943 }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Run {
    pub input: Spanned<f64>,
    pub output: Spanned<f64>,
    pub output_tokens_per_s: Spanned<f64>,
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

/// `[[service]]`: an embedding model, a rerank model or a vector store, priced by its kind.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub key: Spanned<String>,
    pub name: Option<Spanned<String>>,
    pub id: Option<Spanned<String>>,
    /// `embedding`, `rerank` or `vector-store`.
    pub kind: Spanned<String>,
    pub usd_per_mtok: Option<Spanned<f64>>,
    pub usd_per_1k_queries: Option<Spanned<f64>>,
    pub usd_per_unit_hour: Option<Spanned<f64>>,
    pub min_units: Option<Spanned<f64>>,
    pub unit: Option<Spanned<String>>,
    pub source: Option<Spanned<String>>,
    pub retrieved: Option<Spanned<Datetime>>,
    pub assumed: Option<bool>,
    pub private: Option<Spanned<bool>>,
    pub note: Option<String>,
    /// Why a public price map disagrees with this entry.
    pub crosscheck_note: Option<String>,
}

/// `[[gpu]]`: one GPU's published figures.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gpu {
    pub key: Spanned<String>,
    pub name: String,
    pub memory_gb: Spanned<f64>,
    pub memory_bandwidth_gb_s: Spanned<f64>,
    /// Precision → dense TFLOPS.
    pub tflops: Spanned<toml::Table>,
    pub interconnect_gb_s: Spanned<f64>,
    /// `nvlink` or `pcie` (documentation only).
    #[allow(dead_code)]
    pub interconnect: Option<String>,
    pub source: Option<Spanned<String>>,
    pub retrieved: Option<Spanned<Datetime>>,
    pub assumed: Option<bool>,
    #[allow(dead_code)]
    pub note: Option<String>,
}

/// `[[open_model]]`: an open-weights model's architecture, from its `config.json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenModel {
    pub key: Spanned<String>,
    pub aliases: Option<Vec<String>>,
    pub name: String,
    pub params_b: Spanned<f64>,
    pub active_params_b: Spanned<f64>,
    pub layers: Spanned<f64>,
    pub hidden_size: Spanned<f64>,
    pub attention_heads: Spanned<f64>,
    pub kv_heads: Spanned<f64>,
    pub head_dim: Spanned<f64>,
    pub max_context: Spanned<f64>,
    pub experts: Option<Spanned<f64>>,
    pub experts_per_token: Option<Spanned<f64>>,
    pub kv_elements_per_token_layer: Option<Spanned<f64>>,
    pub window_layers: Option<Spanned<f64>>,
    pub window_tokens: Option<Spanned<f64>>,
    pub source: Option<Spanned<String>>,
    pub retrieved: Option<Spanned<Datetime>>,
    pub assumed: Option<bool>,
    #[allow(dead_code)]
    pub note: Option<String>,
}

/// `[[engine]]`: a serving engine's efficiency constants.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Engine {
    pub key: Spanned<String>,
    pub bandwidth_efficiency: Spanned<f64>,
    pub compute_efficiency: Spanned<f64>,
    pub moe_efficiency: Spanned<f64>,
    pub step_overhead_ms: Spanned<f64>,
    pub sequence_overhead_us: Spanned<f64>,
    pub collective_latency_us: Spanned<f64>,
    pub memory_fraction: Spanned<f64>,
    pub max_batch: Spanned<f64>,
    pub prefill_chunk_tokens: Spanned<f64>,
    pub source: Option<Spanned<String>>,
    pub retrieved: Option<Spanned<Datetime>>,
    pub assumed: Option<bool>,
    pub derivation: String,
}
