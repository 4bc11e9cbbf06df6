//! The CI baseline: every bundled scenario's headline figures and every catalog price with its
//! provenance, written in a stable order so a re-write with no change is byte-identical, and
//! compared against a fresh computation by `baseline check`.
pub mod diff;
mod file;
mod provenance;
pub mod subject;

pub use file::read;

use crate::catalog::{Catalog, Provenance};
use crate::keyword::Keyword;
use crate::model::Estimate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Schema name of the baseline file. v2 records each scenario's recommendation and keeps plans,
/// and their members by workload and option, apart from the options.
pub const SCHEMA: &str = "infercast/baseline-v2";

/// Named figures; `BTreeMap` so the file's order never depends on the run.
pub type Figures = BTreeMap<String, f64>;

/// The baseline file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub schema: String,
    /// By scenario name.
    pub scenarios: BTreeMap<String, ScenarioFigures>,
    /// By catalog entry: model key, `instance:KEY`, `deployment:KEY` or `service:KEY`.
    pub prices: BTreeMap<String, PriceEntry>,
}

/// One scenario's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFigures {
    /// File the scenario was read from.
    pub path: String,
    /// The horizon's first month, `YYYY-MM` (docs/model.md#start-month); absent in baselines
    /// written before scenarios had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// The option or plan `estimate` recommends; `None` when none serves every workload.
    pub recommendation: Option<String>,
    /// Token figures per request of the mix.
    pub tokens: Figures,
    /// By option name.
    pub options: BTreeMap<String, Figures>,
    /// By plan name.
    pub plans: BTreeMap<String, PlanFigures>,
}

/// One plan's figures and its members'.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanFigures {
    pub figures: Figures,
    /// By the member's workloads, joined with " + " (a plan routes each workload to one member).
    pub members: BTreeMap<String, MemberFigures>,
}

/// One member of a plan: the option its workloads go to, and its figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberFigures {
    pub option: String,
    pub figures: Figures,
}

/// One catalog entry's prices and their provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceEntry {
    pub figures: Figures,
    pub source: String,
    pub retrieved: String,
    pub assumed: bool,
}

/// The figures of one estimate that CI tracks.
pub fn scenario_figures(path: &str, e: &Estimate) -> ScenarioFigures {
    let t = &e.per_request;
    let mut tokens = Figures::from([
        ("input_per_request".to_string(), t.input),
        ("output_per_request".to_string(), t.output),
        ("calls_per_request".to_string(), t.calls),
        ("overhead_ratio".to_string(), t.overhead_ratio()),
    ]);
    if t.retrieved > 0.0 {
        tokens.insert("retrieved_per_request".into(), t.retrieved);
    }
    let mut options = BTreeMap::new();
    for o in &e.options {
        let c = &o.cost;
        let (first, last) = (&c.months[0], &c.months[c.months.len() - 1]);
        let mut f = Figures::from([
            ("month_1_usd".to_string(), first.cost_usd),
            (format!("month_{}_usd", last.month), last.cost_usd),
            ("total_usd".to_string(), c.total_usd),
            ("usd_per_1k_requests".to_string(), c.usd_per_1k_requests),
            ("usd_per_mtok".to_string(), c.usd_per_mtok),
            ("units_month_1".to_string(), first.units),
            ("overflow_share_month_1".to_string(), first.overflow_share),
        ]);
        if let Some(b) = e.breakeven.breakeven.iter().find(|b| b.option == o.name)
            && let Some(r) = b.requests_per_month
        {
            f.insert("breakeven_requests_per_month".into(), r);
        }
        f.insert("daily_alarm_usd".into(), o.daily_alarm_usd);
        if !e.services.items.is_empty() {
            f.insert("services_month_1_usd".into(), first.services_usd);
        }
        if let Some(u) = o.utilization.breakeven_utilization {
            f.insert("breakeven_utilization".into(), u);
        }
        if let Some(q) = e.quota.iter().find(|q| q.option == o.name) {
            f.insert("throttled_share_month_1".into(), q.throttled_share[0]);
            f.insert("recommended_tpm".into(), q.recommended_tpm);
        }
        latency_figures(e, &o.name, &mut f);
        options.insert(o.name.clone(), f);
    }
    let plans = e.plans.iter().map(|p| (p.name.clone(), plan_figures(e, p))).collect();
    let recommendation = e.recommendation.as_ref().map(|r| r.option.clone());
    ScenarioFigures { path: path.to_string(), start: Some(e.start.clone()), recommendation, tokens, options, plans }
}

/// Each workload's 95th-percentile response on the option, and with timeouts the share they cut
/// (docs/model.md#latency-and-timeouts): a speed or timeout change moves them.
fn latency_figures(e: &Estimate, option: &str, f: &mut Figures) {
    for r in e.latency.iter().filter(|r| r.option == option) {
        if let Some(p95) = r.response_s_p95 {
            f.insert(format!("{} response_s_p95", r.workload), p95);
        }
        if !r.timeouts.is_empty() {
            f.insert(format!("{} share_cut", r.workload), r.share_cut);
        }
    }
}

/// A plan's figures: its totals, and each member's month 1 under its workloads.
fn plan_figures(e: &Estimate, p: &crate::model::plan::PlanEstimate) -> PlanFigures {
    let (first, last) = (&p.months[0], &p.months[p.months.len() - 1]);
    let mut f = Figures::from([
        ("month_1_usd".to_string(), first.cost_usd),
        (format!("month_{}_usd", last.month), last.cost_usd),
        ("total_usd".to_string(), p.total_usd),
        ("usd_per_1k_requests".to_string(), p.usd_per_1k_requests),
        ("usd_per_mtok".to_string(), p.usd_per_mtok),
        ("daily_alarm_usd".to_string(), p.daily_alarm_usd),
    ]);
    if !e.services.items.is_empty() {
        f.insert("services_month_1_usd".into(), first.services_usd);
    }
    if let Some(r) = e.breakeven.breakeven.iter().find(|b| b.option == p.name).and_then(|b| b.requests_per_month) {
        f.insert("breakeven_requests_per_month".into(), r);
    }
    let members = p
        .members
        .iter()
        .map(|m| {
            let figures = Figures::from([
                ("month_1_usd".to_string(), m.months[0].cost_usd),
                ("units_month_1".to_string(), m.months[0].units),
            ]);
            (m.workloads.join(" + "), MemberFigures { option: m.option.clone(), figures })
        })
        .collect();
    PlanFigures { figures: f, members }
}

fn entry(figures: Figures, p: &Provenance) -> PriceEntry {
    PriceEntry { figures, source: p.source.clone(), retrieved: p.retrieved.clone(), assumed: p.assumed }
}

/// A model's Provisioned Throughput and Reserved-tier figures, named for the baseline.
fn capacity_figures(m: &crate::catalog::Model, f: &mut Figures) {
    if let Some(pt) = &m.provisioned {
        for (term, usd) in &pt.usd_per_mu_hour {
            f.insert(format!("PT {term}"), *usd);
        }
        f.insert("PT input_tpm_per_mu".into(), pt.input_tpm_per_mu);
        f.insert("PT output_tpm_per_mu".into(), pt.output_tpm_per_mu);
    }
    if let Some(r) = &m.reserved {
        for (term, usd) in &r.usd_per_1k_input_tpm_month {
            f.insert(format!("reserved {term} input"), *usd);
        }
        for (term, usd) in &r.usd_per_1k_output_tpm_month {
            f.insert(format!("reserved {term} output"), *usd);
        }
        f.insert("reserved min_input_tpm".into(), r.min_input_tpm);
        f.insert("reserved min_output_tpm".into(), r.min_output_tpm);
    }
    // Another vendor's units (docs/model.md#capacity-units): what one unit serves of this model.
    for u in &m.capacity {
        let p = &u.product;
        f.insert(format!("{p} tokens_per_minute_per_unit"), u.tokens_per_minute_per_unit);
        f.insert(format!("{p} weight output"), u.weights.output);
        f.insert(format!("{p} weight cache_read"), u.weights.cache_read);
        f.insert(format!("{p} weight cache_write"), u.weights.cache_write);
        for (name, n) in [("min_units", u.min_units), ("increment", u.increment)] {
            if let Some(n) = n {
                f.insert(format!("{p} {name}"), f64::from(n));
            }
        }
        for (term, price) in &u.prices {
            f.insert(format!("{p} {term} usd per {}", price.per.as_str()), price.usd);
        }
    }
}

/// A capacity product's deployments: smallest purchase, step and prices by term.
fn product_figures(p: &crate::catalog::CapacityProduct) -> Figures {
    let mut f = Figures::new();
    for d in &p.deployments {
        f.insert(format!("{} min_units", d.name), f64::from(d.min_units));
        f.insert(format!("{} increment", d.name), f64::from(d.increment));
        for (term, price) in &d.prices {
            f.insert(format!("{} {term} usd per {}", d.name, price.per.as_str()), price.usd);
        }
    }
    f
}

/// A model's speed ranges (docs/catalog.md#speed), where the catalog gives them.
fn speed_figures(m: &crate::catalog::Model, f: &mut Figures) {
    if let Some(s) = &m.speed {
        f.insert("speed output_tokens_per_s low".into(), s.base.output_tokens_per_s.low);
        f.insert("speed output_tokens_per_s high".into(), s.base.output_tokens_per_s.high);
        f.insert("speed ttft_ms low".into(), s.base.ttft_ms.low);
        f.insert("speed ttft_ms high".into(), s.base.ttft_ms.high);
    }
}

/// One model's figures, and whether any of them is assumed.
fn model_figures(m: &crate::catalog::Model) -> (Figures, bool) {
    let mut f: Figures = m.price_figures().into_iter().collect();
    // Dated figures under their period: "until 2026-08-20 input" (docs/catalog.md#price-periods).
    for p in &m.price_periods {
        let when = crate::catalog::describe_period(p);
        f.extend(p.figures().into_iter().map(|(name, v)| (format!("{when} {name}"), v)));
    }
    if let Some(l) = &m.long_context {
        f.insert("long_context above_input_tokens".into(), l.above_input_tokens);
        f.insert("long_context input_multiplier".into(), l.input_multiplier);
        f.insert("long_context output_multiplier".into(), l.output_multiplier);
        f.insert("long_context cache_multiplier".into(), l.cache_multiplier);
    }
    for (t, p) in &m.tiers {
        f.insert(format!("tier {}", t.as_str()), p.multiplier);
    }
    if let Some(rpm) = m.quota.rpm {
        f.insert("quota_rpm".into(), rpm);
    }
    if let Some(tpm) = m.quota.tpm {
        f.insert("quota_tpm".into(), tpm);
    }
    f.insert("quota_output_burndown".into(), m.quota.output_burndown);
    speed_figures(m, &mut f);
    capacity_figures(m, &mut f);
    let assumed = m.provenance.assumed
        || m.provisioned.as_ref().is_some_and(|p| p.provenance.assumed || p.throughput_assumed)
        || m.reserved.as_ref().is_some_and(|r| r.provenance.assumed)
        || m.capacity.iter().any(|u| u.provenance.assumed);
    (f, assumed)
}

/// Every price of the catalog, flattened to named figures.
pub fn catalog_prices(c: &Catalog) -> BTreeMap<String, PriceEntry> {
    let mut out = BTreeMap::new();
    for m in &c.models {
        let (f, assumed) = model_figures(m);
        out.insert(m.key.clone(), PriceEntry { assumed, ..entry(f, &m.provenance) });
    }
    for p in &c.products {
        out.insert(format!("product:{}", p.key), entry(product_figures(p), &p.provenance));
    }
    for i in &c.instances {
        let f = i.usd_per_hour.iter().map(|(k, v)| (k.clone(), *v)).collect();
        out.insert(format!("instance:{}", i.key), entry(f, &i.provenance));
    }
    for g in &c.gpus {
        let mut f = Figures::from([
            ("memory_gb".to_string(), g.memory_gb),
            ("memory_bandwidth_gb_s".to_string(), g.memory_bandwidth_gb_s),
            ("interconnect_gb_s".to_string(), g.interconnect_gb_s),
        ]);
        f.extend(g.tflops.iter().map(|(p, t)| (format!("tflops.{}", crate::keyword::Keyword::as_str(*p)), *t)));
        out.insert(format!("gpu:{}", g.key), entry(f, &g.provenance));
    }
    for e in &c.engines {
        let f = Figures::from([
            ("bandwidth_efficiency".to_string(), e.bandwidth_efficiency),
            ("compute_efficiency".to_string(), e.compute_efficiency),
            ("moe_efficiency".to_string(), e.moe_efficiency),
            ("step_overhead_ms".to_string(), e.step_overhead_ms),
            ("sequence_overhead_us".to_string(), e.sequence_overhead_us),
        ]);
        out.insert(format!("engine:{}", crate::keyword::Keyword::as_str(e.kind)), entry(f, &e.provenance));
    }
    for s in &c.services {
        out.insert(format!("service:{}", s.key), entry(s.price_figures().into_iter().collect(), &s.provenance));
    }
    out
}

/// The baseline of these (path, estimate) pairs against this catalog, every figure rounded.
pub fn build(estimates: &[(String, Estimate)], catalog: &Catalog) -> Baseline {
    let mut b = Baseline {
        schema: SCHEMA.to_string(),
        scenarios: estimates.iter().map(|(p, e)| (e.scenario.clone(), scenario_figures(p, e))).collect(),
        prices: catalog_prices(catalog),
    };
    for s in b.scenarios.values_mut() {
        round(&mut s.tokens);
        s.options.values_mut().for_each(round);
        for p in s.plans.values_mut() {
            round(&mut p.figures);
            p.members.values_mut().for_each(|m| round(&mut m.figures));
        }
    }
    b.prices.values_mut().for_each(|p| round(&mut p.figures));
    b
}

/// To 12 significant digits, as the JSON reports are: the last bits of a computed figure may
/// differ between machines (another libm, fused multiply-add), so a baseline written on one
/// machine checks clean on another, even with `--tolerance 0`.
fn round(figures: &mut Figures) {
    figures.values_mut().for_each(|v| *v = crate::json::round_sig(*v));
}

/// The file's bytes: pretty JSON, keys in `BTreeMap` order, newline-terminated.
pub fn to_json(b: &Baseline) -> String {
    crate::json::write(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_differing_in_the_last_bits_round_alike() {
        // 0.1 + 0.2 is 0.30000000000000004 in binary; 1.6 - 2^-52 prints as 1.5999999999999999.
        let mut f = Figures::from([
            ("a".to_string(), 0.1 + 0.2),
            ("b".to_string(), 1.6 - f64::EPSILON),
            ("c".to_string(), 253_450.891_234_567_8),
        ]);
        round(&mut f);
        assert_eq!(f["a"], 0.3);
        assert_eq!(f["b"], 1.6);
        // 12 significant digits: 253,450.891235.
        assert_eq!(f["c"], 253_450.891_235);
    }
}
