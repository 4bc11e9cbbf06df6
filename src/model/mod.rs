//! The cost model: pure functions, no I/O. [`estimate`] prices every option of a scenario.
pub mod ondemand;
pub mod tokens;
pub mod traffic;

use crate::scenario::{OptionKind, Scenario, Workload};
use tokens::RequestTokens;

/// One month of one option.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthCost {
    /// 1-based month.
    pub month: u32,
    /// Requests served that month.
    pub requests: f64,
    /// USD that month.
    pub cost_usd: f64,
    /// MUs (provisioned), mean instances (self-hosted), 0 otherwise.
    pub units: f64,
    /// Share of requests above bought capacity.
    pub overflow_share: f64,
}

/// An option priced over the horizon.
#[derive(Debug, Clone, PartialEq)]
pub struct Costed {
    pub months: Vec<MonthCost>,
    /// USD over the horizon.
    pub total_usd: f64,
    /// USD per 1,000 requests over the horizon.
    pub usd_per_1k_requests: f64,
}

/// One option's result: priced, or why it cannot be yet.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionEstimate {
    pub name: String,
    pub kind: &'static str,
    /// Catalog model key, for kinds that bill one.
    pub model: Option<String>,
    /// Tier name, for on-demand options.
    pub tier: Option<&'static str>,
    /// `Err` holds the reason an option kind is not priced (never a silent $0).
    pub cost: Result<Costed, String>,
}

/// Everything `estimate` reports for one scenario.
#[derive(Debug, Clone)]
pub struct Estimate {
    pub scenario: String,
    pub description: Option<String>,
    pub months: u32,
    pub hours_per_month: f64,
    /// Month-1 requests.
    pub base_requests: f64,
    pub growth_per_month: f64,
    /// Expected tokens of the average request.
    pub per_request: RequestTokens,
    /// Each workload with its expected tokens per request.
    pub workloads: Vec<(Workload, RequestTokens)>,
    /// In scenario order.
    pub options: Vec<OptionEstimate>,
}

/// Prices every option of `s` month by month.
pub fn estimate(s: &Scenario) -> Estimate {
    let workloads: Vec<(Workload, RequestTokens)> =
        s.workloads.iter().map(|w| (w.clone(), tokens::workload_tokens(w))).collect();
    let base = s.base_requests_per_month();
    let requests: Vec<f64> =
        (1..=s.months).map(|m| traffic::month_requests(base, s.traffic.growth_per_month, m)).collect();
    let options = s
        .options
        .iter()
        .map(|o| {
            let (model, tier) = match &o.kind {
                OptionKind::OnDemand { model, tier } => (Some(model.key.clone()), Some(tier.as_str())),
                k => (k.model().map(|m| m.key.clone()), None),
            };
            let cost = match &o.kind {
                OptionKind::OnDemand { model, tier } => {
                    let prices = ondemand::Prices::of(model, *tier).expect("tier validated against the catalog");
                    let per_request = ondemand::mix_cost_usd(&workloads, &prices);
                    Ok(costed(&requests, |r| r * per_request))
                }
                k => Err(format!("{} options are not priced yet (capacity pricing is being built)", k.as_str())),
            };
            OptionEstimate { name: o.name.clone(), kind: o.kind.as_str(), model, tier, cost }
        })
        .collect();
    Estimate {
        scenario: s.name.clone(),
        description: s.description.clone(),
        months: s.months,
        hours_per_month: s.hours_per_month,
        base_requests: base,
        growth_per_month: s.traffic.growth_per_month,
        per_request: tokens::mix_tokens(&s.workloads),
        workloads,
        options,
    }
}

fn costed(requests: &[f64], cost: impl Fn(f64) -> f64) -> Costed {
    let months: Vec<MonthCost> = requests
        .iter()
        .enumerate()
        .map(|(i, &r)| MonthCost {
            month: i as u32 + 1,
            requests: r,
            cost_usd: cost(r),
            units: 0.0,
            overflow_share: 0.0,
        })
        .collect();
    let total_usd: f64 = months.iter().map(|m| m.cost_usd).sum();
    let total_requests: f64 = requests.iter().sum();
    Costed { months, total_usd, usd_per_1k_requests: total_usd / total_requests * 1000.0 }
}
