//! The cost model: pure functions, no I/O. [`estimate`] prices every option of a scenario and
//! decides what to recommend; every output renders what it returns (docs/model.md).
pub mod analysis;
mod context;
mod estimate;
pub mod latency;
pub mod offers;
mod option;
pub mod plan;
pub mod sample;
pub mod serving;
pub mod tokens;
pub mod traffic;

use crate::catalog::Tier;
use crate::scenario::{OptionKind, Scenario, Workload};
use analysis::daily::DaySpend;
use analysis::utilization::Utilization;
pub use context::Context;
pub use estimate::estimate;
use serde::Serialize;
use tokens::RequestTokens;
use traffic::load::MonthLoad;

/// The JSON schema name of [`Estimate`].
pub const SCHEMA: &str = "infercast/estimate-v2";

/// One month of one option.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthCost {
    /// 1-based month.
    pub month: u32,
    /// Requests that month.
    pub requests: f64,
    /// USD that month, services included.
    pub cost_usd: f64,
    /// USD of `cost_usd` that pays for services (docs/model.md#services): the same for every
    /// option and plan.
    pub services_usd: f64,
    /// MUs (provisioned), hour-weighted mean instances (self-hosted), 0 otherwise.
    pub units: f64,
    /// Share of requests above bought capacity (billed on demand, or rejected).
    pub overflow_share: f64,
    /// Reserved tier: input and output tokens per minute bought.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input_tpm: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output_tpm: Option<f64>,
    /// Self-hosted: mean load / capacity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub utilization: Option<f64>,
    /// Average and busiest day (docs/model.md#daily-spend).
    #[serde(flatten)]
    pub day: DaySpend,
}

impl MonthCost {
    pub fn new(month: u32, requests: f64, cost_usd: f64) -> Self {
        Self {
            month,
            requests,
            cost_usd,
            services_usd: 0.0,
            units: 0.0,
            overflow_share: 0.0,
            input_tpm: None,
            output_tpm: None,
            utilization: None,
            day: DaySpend::default(),
        }
    }
    pub fn units(self, units: f64) -> Self {
        Self { units, ..self }
    }
    pub fn overflow(self, overflow_share: f64) -> Self {
        Self { overflow_share, ..self }
    }
    pub fn tpm(self, input: f64, output: f64) -> Self {
        Self { input_tpm: Some(input), output_tpm: Some(output), ..self }
    }
    pub fn utilization(self, u: f64) -> Self {
        Self { utilization: Some(u), ..self }
    }
}

/// An option priced over the horizon.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Costed {
    pub months: Vec<MonthCost>,
    /// USD over the horizon.
    pub total_usd: f64,
    /// USD per 1,000 requests over the horizon.
    pub usd_per_1k_requests: f64,
    /// USD per million billed tokens over the horizon.
    pub usd_per_mtok: f64,
}

/// Option kinds, as written in TOML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    OnDemand,
    Provisioned,
    Reserved,
    SelfHosted,
}

impl Kind {
    pub fn of(kind: &OptionKind) -> Kind {
        match kind {
            OptionKind::OnDemand { .. } => Kind::OnDemand,
            OptionKind::Provisioned { .. } => Kind::Provisioned,
            OptionKind::Reserved { .. } => Kind::Reserved,
            OptionKind::SelfHosted(_) => Kind::SelfHosted,
        }
    }
}

/// A plan's member as a reader finds it: its option and the workloads routed to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Member {
    pub option: String,
    /// In scenario order.
    pub workloads: Vec<String>,
}

/// One workload's part of an on-demand bill in month 1 (docs/model.md#cost-by-workload).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkloadCost {
    pub name: String,
    pub month_1_usd: f64,
    /// Share of the option's month-1 cost.
    pub share_of_cost: f64,
}

/// One option's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionEstimate {
    pub name: String,
    #[serde(skip)]
    pub kind: Kind,
    /// The kind as the scenario writes it: a built-in kind, or a capacity product's key.
    #[serde(rename = "kind")]
    pub kind_name: String,
    /// Who sells what it bills (none for self-hosting).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vendor: Option<crate::catalog::Vendor>,
    /// What one unit of its bought capacity is called (`MU`, `PTU`, `GSU`), for kinds that buy units.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The product's deployment type, for a vendor's capacity units.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deployment: Option<String>,
    /// Catalog model key, for kinds that bill one.
    pub model: Option<String>,
    /// Tier, for on-demand options.
    pub tier: Option<Tier>,
    /// Endpoint and region, for on-demand options.
    pub endpoint: Option<crate::catalog::Endpoint>,
    pub region: Option<String>,
    /// True when traffic above capacity is rejected: such an option serves less.
    #[serde(rename = "rejects_overflow")]
    pub rejects: bool,
    /// Whether it can serve every workload (docs/model.md#eligibility); only eligible options
    /// take part in the recommendation, "cheapest" and break-even.
    pub eligible: bool,
    /// Why not, as data; the JSON renderer writes its words in its place.
    pub ineligible_reason: Option<analysis::eligibility::Ineligible>,
    /// A capacity option that buys nothing in any month: on demand under another name.
    pub buys_nothing: bool,
    /// Requests per minute the option's bought capacity serves in each hour slot, month by
    /// month (`None` for on-demand, which has no capacity of its own).
    #[serde(skip)]
    pub capacity: Option<Vec<Vec<f64>>>,
    #[serde(flatten)]
    pub cost: Costed,
    #[serde(flatten)]
    pub utilization: Utilization,
    /// Suggested daily spend alarm, USD (docs/model.md#daily-spend).
    pub daily_alarm_usd: f64,
    /// On-demand options: month-1 cost by workload.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub workloads: Vec<WorkloadCost>,
    /// Each service line item carried, month 1 and horizon (docs/model.md#services).
    pub services: Vec<offers::services::ItemCost>,
    /// With `[risk]`, a committed option's expected charges after the feature is cut
    /// (docs/model.md#commitment-risk); `None` otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_waste_usd: Option<f64>,
}

/// A self-hosted option whose deployment's catalog runs check the physics model
/// (docs/model.md#calibration-and-accuracy).
#[derive(Debug, Clone, PartialEq)]
pub struct SelfHostFit {
    pub option: String,
    pub deployment: String,
    pub runs: usize,
    /// Median |predicted / published throughput − 1| over the runs.
    pub median_error: f64,
    /// Largest |predicted / published throughput − 1|.
    pub worst_error: f64,
}

/// Everything `estimate` reports for one scenario (JSON schema `infercast/estimate-v2`).
#[derive(Debug, Clone, Serialize)]
pub struct Estimate {
    pub schema: &'static str,
    pub scenario: String,
    pub description: Option<String>,
    pub months: u32,
    /// The first month of the horizon, `YYYY-MM` (docs/model.md#start-month).
    pub start: String,
    pub hours_per_month: f64,
    /// Month-1 requests.
    #[serde(rename = "base_requests_per_month")]
    pub base_requests: f64,
    pub growth_per_month: f64,
    /// The daily alarm's margin over the busiest day.
    pub alarm_headroom: f64,
    /// The quantile of requests in a minute that bought capacity is sized for
    /// (docs/model.md#arrivals-and-peaks).
    pub peak_quantile: f64,
    /// Self-hosted throughput against published runs, per option using it: the readers of its
    /// cost need the error beside it (docs/model.md#calibration-and-accuracy).
    #[serde(skip)]
    pub fits: Vec<SelfHostFit>,
    /// Expected tokens of the average request.
    #[serde(skip)]
    pub per_request: RequestTokens,
    /// Each workload with its expected tokens per request; the JSON `tokens` object.
    #[serde(rename = "tokens", serialize_with = "tokens::serialize_report")]
    pub workloads: Vec<(Workload, RequestTokens)>,
    /// In scenario order; `standalone = false` options are priced only inside plans.
    pub options: Vec<OptionEstimate>,
    /// Routing plans, in scenario order (docs/model.md#plans).
    pub plans: Vec<plan::PlanEstimate>,
    /// Service line items every option and plan carries (docs/model.md#services).
    #[serde(rename = "services", serialize_with = "offers::services::serialize_items")]
    pub services: offers::services::Services,
    /// Break-even against the first eligible on-demand option, and where the cheapest changes.
    #[serde(flatten)]
    pub breakeven: analysis::breakeven::Analysis,
    /// Quota findings of each on-demand option (batch excepted).
    pub quota: Vec<offers::quota::QuotaFinding>,
    /// Response time, requests in flight and timeouts of each workload on each option
    /// (docs/model.md#latency-and-timeouts), options then workloads in scenario order.
    pub latency: Vec<latency::LatencyRow>,
    /// `[client]`: streaming and the timeouts the rows are checked against.
    #[serde(skip)]
    pub client: crate::scenario::Client,
    /// The cheapest eligible option and its caveats; `None` when no option is eligible.
    pub recommendation: Option<analysis::recommend::Recommendation>,
    /// The cheapest eligible plan against the cheapest eligible option; `None` without both.
    pub routing: Option<analysis::recommend::Routing>,
    /// Each vendor's cheapest eligible option, when options of two vendors or more are eligible
    /// (docs/model.md#vendors-compared); `None` otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vendors: Option<analysis::vendors::VendorComparison>,
    /// Things the reader should know that are not errors, as data; the JSON renderer writes
    /// their words in their place.
    pub warnings: Vec<analysis::caveats::Warning>,
    /// The inputs written as distributions, priced at their means (scenario, then catalog).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub uncertain_inputs: Vec<String>,
    /// `[risk]`: the monthly probability that the feature is cut.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub descope_probability_per_month: Option<f64>,
    /// Each month's load over the week, every slot's peak computed (the load chart).
    #[serde(skip)]
    pub loads: Vec<MonthLoad>,
    /// Each on-demand model whose prompt a workload caches, with its cache-read price ÷ its
    /// input price (docs/model.md#prompt-caching): the tokens chart names the rate.
    #[serde(skip)]
    pub cache_read_shares: Vec<(String, f64)>,
}

/// `part ÷ whole`, at most 1; a month or member without requests overflows nothing (a share-0
/// workload routed to capacity), rather than 0/0.
pub fn share_of(part: f64, whole: f64) -> f64 {
    if whole > 0.0 { (part / whole).min(1.0) } else { 0.0 }
}

/// Totals over the horizon; `billed_per_request` = Ī + Ō.
fn costed(months: Vec<MonthCost>, billed_per_request: f64) -> Costed {
    let total_usd: f64 = months.iter().map(|m| m.cost_usd).sum();
    let total_requests: f64 = months.iter().map(|m| m.requests).sum();
    // A plan member may serve only workloads of share 0: no requests, nothing per request.
    let per = |usd: f64, units: f64| if units > 0.0 { usd / units } else { 0.0 };
    Costed {
        total_usd,
        usd_per_1k_requests: per(total_usd, total_requests / 1000.0),
        usd_per_mtok: per(total_usd, total_requests * billed_per_request / 1e6),
        months,
    }
}
