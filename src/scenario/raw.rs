//! Serde mirror of `scenarios/*.toml`: exactly what the file says, nothing checked yet.
use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    pub scenario: Spanned<Header>,
    pub traffic: Spanned<Traffic>,
    #[serde(default)]
    pub workload: Vec<Spanned<Workload>>,
    pub capacity: Option<Spanned<Capacity>>,
    #[serde(default)]
    pub option: Vec<Spanned<OptionEntry>>,
    #[serde(default)]
    pub plan: Vec<Spanned<PlanEntry>>,
    #[serde(default)]
    pub fixed: Vec<Spanned<Fixed>>,
    pub ingestion: Option<Spanned<Ingestion>>,
    pub risk: Option<Spanned<Risk>>,
    pub client: Option<Spanned<Client>>,
}

/// `[client]`: how the caller waits for answers (docs/model.md#latency-and-timeouts).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Client {
    pub streaming: Option<Spanned<bool>>,
    /// Limit name → seconds.
    pub timeouts_s: Option<Spanned<std::collections::BTreeMap<Spanned<String>, Spanned<f64>>>>,
}

/// An option's `speed = { … }`: figures that replace the catalog's.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeedOverride {
    pub output_tokens_per_s: Option<Spanned<f64>>,
    pub ttft_ms: Option<Spanned<f64>>,
}

/// `[risk]`: commitment risk (docs/model.md#commitment-risk).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    pub descope_probability_per_month: Spanned<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub name: Spanned<String>,
    pub description: Option<String>,
    pub months: Option<Spanned<f64>>,
    pub hours_per_month: Option<Spanned<f64>>,
    pub alarm_headroom: Option<Spanned<f64>>,
    /// Default region of on-demand options.
    pub region: Option<Spanned<String>>,
    /// The first month of the horizon, `"YYYY-MM"` (default: this month).
    pub start: Option<Spanned<toml::Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Traffic {
    pub requests_per_month: Option<Spanned<f64>>,
    pub requests_per_day: Option<Spanned<f64>>,
    pub mean_rps: Option<Spanned<f64>>,
    /// A preset name or 24 weights.
    pub daily_shape: Option<Spanned<toml::Value>>,
    /// A preset name or 7 weights.
    pub weekly_shape: Option<Spanned<toml::Value>>,
    /// 168 weights, Monday 00:00 first: the week measured hour by hour (instead of the two above).
    pub hour_of_week: Option<Spanned<toml::Value>>,
    pub growth_per_month: Option<Spanned<f64>>,
    pub burstiness: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workload {
    pub name: Spanned<String>,
    pub share: Spanned<f64>,
    pub input_tokens: Spanned<f64>,
    pub output_tokens: Spanned<f64>,
    pub system_prompt_tokens: Option<Spanned<f64>>,
    pub cache_system_prompt: Option<Spanned<bool>>,
    pub cache_hit_rate: Option<Spanned<f64>>,
    pub cache_ttl: Option<Spanned<String>>,
    pub max_tokens: Option<Spanned<f64>>,
    pub latency: Option<Spanned<String>>,
    pub visible: Option<Spanned<String>>,
    pub agent: Option<Spanned<Agent>>,
    pub retrieval: Option<Spanned<Retrieval>>,
    pub slo: Option<Spanned<Slo>>,
    /// Seconds a tool takes after each intermediate agent step.
    pub tool_latency_s: Option<Spanned<f64>>,
}

/// `[workload.slo]`: what each user of a self-hosted option must see.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Slo {
    pub ttft_ms: Option<Spanned<f64>>,
    pub tokens_per_s: Option<Spanned<f64>>,
    pub latency_s: Option<Spanned<f64>>,
}

/// `[workload.retrieval]`: chunks added to every call's input, and the services around them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Retrieval {
    pub chunks: Spanned<f64>,
    pub chunk_tokens: Spanned<f64>,
    pub query_embedding: Option<Spanned<String>>,
    pub rerank: Option<Spanned<String>>,
}

/// `[[fixed]]`: a service billed by the unit-hour, whatever the traffic.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fixed {
    pub name: Spanned<String>,
    pub service: Spanned<String>,
    pub units: Spanned<f64>,
}

/// `[ingestion]`: embedding the corpus, refreshed every month.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ingestion {
    pub corpus_tokens: Spanned<f64>,
    pub refreshes_per_month: Spanned<f64>,
    pub embedding: Spanned<String>,
    pub initial: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agent {
    /// A step count, or a table `{ n = p, … }`.
    pub steps: Spanned<toml::Value>,
    pub thought_tokens: Spanned<f64>,
    pub tool_result_tokens: Spanned<f64>,
    pub token_budget: Option<Spanned<f64>>,
    pub token_budget_mode: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Capacity {
    pub peak_quantile: Option<Spanned<f64>>,
}

/// One `[[option]]`: every field of every kind, checked per kind later.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionEntry {
    pub name: Option<Spanned<String>>,
    pub kind: Spanned<String>,
    pub model: Option<Spanned<String>>,
    /// Who sells an on-demand model: `bedrock` (default), `azure`, `vertex`, `openai`, `anthropic`.
    pub vendor: Option<Spanned<String>>,
    pub tier: Option<Spanned<String>>,
    pub endpoint: Option<Spanned<String>>,
    pub region: Option<Spanned<String>>,
    pub term: Option<Spanned<String>>,
    pub units: Option<Spanned<toml::Value>>,
    pub overflow: Option<Spanned<String>>,
    pub capacity: Option<Spanned<toml::Value>>,
    pub deployment: Option<Spanned<String>>,
    pub price: Option<Spanned<String>>,
    pub scaling: Option<Spanned<String>>,
    pub min_instances: Option<Spanned<f64>>,
    pub target_utilization: Option<Spanned<f64>>,
    pub ops_usd_per_month: Option<Spanned<f64>>,
    pub setup_usd: Option<Spanned<f64>>,
    pub amortize_months: Option<Spanned<f64>>,
    /// Months each commitment to fixed instances runs.
    pub commitment_months: Option<Spanned<f64>>,
    /// False: priced only inside plans, not over all traffic.
    pub standalone: Option<Spanned<bool>>,
    /// True: price a model past its end of life (historical pricing).
    pub allow_retired: Option<Spanned<bool>>,
    /// Speed figures replacing the catalog's (docs/model.md#latency-and-timeouts).
    pub speed: Option<Spanned<SpeedOverride>>,
}

/// One `[[plan]]`: which option serves each workload.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanEntry {
    pub name: Spanned<String>,
    /// Workload name → option name.
    pub serve: Spanned<std::collections::BTreeMap<Spanned<String>, Spanned<String>>>,
}
