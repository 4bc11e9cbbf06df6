//! [`estimate`]: every option and plan of a scenario priced, compared and recommended.
use super::analysis::caveats::{self, Caveat, Facts, Warning};
use super::analysis::recommend;
use super::plan::{self, MemberView, PlanEstimate};
use super::*;
use crate::scenario::PlanOption;

/// Prices every option and plan of `s` month by month and decides what to recommend.
pub fn estimate(s: &Scenario) -> Estimate {
    let ctx = Context::new(s);
    let services = offers::services::Services::new(s);
    let requests: Vec<f64> = (1..=s.months)
        .map(|m| traffic::week::month_requests(ctx.base_requests, s.traffic.growth_per_month, m))
        .collect();
    let standalone: Vec<&PlanOption> = s.options.iter().filter(|o| o.standalone).collect();
    // Only standalone options read the whole scenario's loads; plan members have their own.
    let loads: Vec<MonthLoad> =
        if standalone.is_empty() { Vec::new() } else { requests.iter().map(|&r| ctx.load.month(r)).collect() };
    let chart_loads = chart_loads(&ctx, &loads, &requests);
    let reference = ctx.reference(s);
    let options: Vec<OptionEstimate> =
        standalone.iter().map(|o| ctx.option_estimate(s, o, &loads, reference, Some(&services))).collect();
    let views: Vec<Vec<MemberView>> =
        s.plans.iter().map(|p| p.members.iter().map(|m| MemberView::new(s, m, reference)).collect()).collect();
    let plans: Vec<PlanEstimate> =
        s.plans.iter().zip(&views).map(|(p, v)| plan::estimate(s, p, v, &services)).collect();
    let breakeven =
        analysis::breakeven::analyse(&ctx, &candidates(&ctx, &standalone, &options, &plans, &views), &services);
    let quota: Vec<offers::quota::QuotaFinding> =
        standalone.iter().filter_map(|o| ctx.own_quota(s, o, &loads)).collect();
    let latency = latency_rows(s, &ctx, &chart_loads);
    let (o, q, v) = (&options, &quota, &views);
    let priced =
        Priced { s, ctx: &ctx, loads: &loads, options: o, quota: q, plans: &plans, views: v, latency: &latency };
    let recommendation = priced.recommend(ctx.first_on_demand(s).and_then(|i| s.options[i].kind.model()));
    let has_quota = !quota.is_empty() || plans.iter().flat_map(|p| &p.members).any(|m| m.quota.is_some());
    Estimate {
        schema: SCHEMA,
        scenario: s.name.clone(),
        description: s.description.clone(),
        months: s.months,
        start: s.start.month.clone(),
        hours_per_month: s.hours_per_month,
        base_requests: ctx.base_requests,
        growth_per_month: s.traffic.growth_per_month,
        alarm_headroom: s.alarm_headroom,
        peak_quantile: s.peak_quantile,
        fits: fits(s),
        per_request: ctx.mix,
        warnings: warnings(s, has_quota),
        uncertain_inputs: s.uncertain.iter().chain(&s.catalog_uncertain).map(|u| u.path.clone()).collect(),
        descope_probability_per_month: s.risk.map(|r| r.descope_probability_per_month),
        routing: recommend::routing(&options, &plans),
        vendors: analysis::vendors::compare(&standalone, &options),
        workloads: ctx.workloads,
        options,
        plans,
        services,
        breakeven,
        quota,
        latency,
        client: s.client.clone(),
        recommendation,
        // The load chart shows every slot's peak, whatever the options read.
        loads: chart_loads,
        cache_read_shares: cache_read_shares(s),
    }
}

/// Each month's load with every slot's peak (the load chart, and the busiest minutes latency
/// reads): the options' loads serve when they carry them all.
fn chart_loads(ctx: &Context, loads: &[MonthLoad], requests: &[f64]) -> Vec<MonthLoad> {
    if ctx.load.peaks == traffic::load::Peaks::All && !loads.is_empty() {
        loads.to_vec()
    } else {
        requests.iter().map(|&r| ctx.load.month_with(r, traffic::load::Peaks::All)).collect()
    }
}

/// Response time, in flight and timeouts of every option on its workloads, at the busiest
/// minute of each month of the load chart (which has every slot's peak).
fn latency_rows(s: &Scenario, ctx: &Context, chart_loads: &[MonthLoad]) -> Vec<latency::LatencyRow> {
    let busiest: Vec<f64> = chart_loads.iter().map(MonthLoad::max_peak).collect();
    let self_hosted = |o: &PlanOption| match &o.kind {
        OptionKind::SelfHosted(sh) => ctx.self_host_capacity(sh),
        _ => None,
    };
    latency::rows(s, self_hosted, &busiest)
}

/// Each self-hosted option whose deployment has published runs, with the physics model's error
/// on them, in scenario order.
fn fits(s: &Scenario) -> Vec<SelfHostFit> {
    s.options
        .iter()
        .filter_map(|o| match &o.kind {
            crate::scenario::OptionKind::SelfHosted(sh) => {
                let c = crate::model::serving::calibrate::self_hosted(sh)?;
                Some(SelfHostFit {
                    option: o.name.clone(),
                    deployment: sh.deployment.key.clone(),
                    runs: c.runs.len(),
                    median_error: c.median_error,
                    worst_error: c.worst_error,
                })
            }
            _ => None,
        })
        .collect()
}

/// Each on-demand model whose system prompt a workload caches, once, with its cache-read price
/// ÷ its input price (a tier scales both alike: docs/model.md#prompt-caching).
fn cache_read_shares(s: &Scenario) -> Vec<(String, f64)> {
    let mut out: Vec<(String, f64)> = Vec::new();
    if s.workloads.iter().all(|w| w.cache_hit_rate.is_none()) {
        return out;
    }
    for o in &s.options {
        if let OptionKind::OnDemand { model, prices, .. } = &o.kind
            && let Some(c) = &prices.cache
            && prices.input_usd_per_mtok > 0.0
            && !out.iter().any(|(k, _)| *k == model.key)
        {
            out.push((model.key.clone(), c.read_usd_per_mtok / prices.input_usd_per_mtok));
        }
    }
    out
}

/// Everything priced, as the recommendation's caveats read it.
struct Priced<'a> {
    s: &'a Scenario,
    ctx: &'a Context,
    loads: &'a [MonthLoad],
    options: &'a [OptionEstimate],
    quota: &'a [offers::quota::QuotaFinding],
    plans: &'a [PlanEstimate],
    views: &'a [Vec<MemberView>],
    latency: &'a [latency::LatencyRow],
}

impl Priced<'_> {
    /// The cheapest eligible option or plan; a plan's caveats are its members', each named.
    fn recommend(&self, reference_model: Option<&crate::catalog::Model>) -> Option<recommend::Recommendation> {
        let facts = |c: &Context,
                     sc: &Scenario,
                     e: &OptionEstimate,
                     loads: &[MonthLoad],
                     own: Option<&offers::quota::QuotaFinding>| {
            let option = sc.options.iter().find(|x| x.name == e.name).expect("estimates follow the scenario's options");
            Facts {
                other_model: caveats::other_model(&option.kind, reference_model),
                quota: own.cloned().or_else(|| c.overflow_quota(sc, &option.kind, loads, e)),
                assumed: caveats::assumed_figures(&option.kind),
                legacy: caveats::lifecycle_note(option),
                price_changes: caveats::price_changes(option),
                latency: self
                    .latency
                    .iter()
                    .filter(|r| r.option == e.name && sc.workloads.iter().any(|w| w.name == r.workload))
                    .cloned()
                    .collect(),
            }
        };
        let caveats = |name: &str| -> Vec<Caveat> {
            if let Some(o) = self.options.iter().find(|o| o.name == name) {
                let own = self.quota.iter().find(|q| q.option == name);
                return caveats::caveats(o, &facts(self.ctx, self.s, o, self.loads, own));
            }
            let (p, v) = self
                .plans
                .iter()
                .zip(self.views)
                .find(|(p, _)| p.name == name)
                .expect("candidates are options or plans");
            p.members
                .iter()
                .zip(v)
                .flat_map(|(m, v)| {
                    let f = facts(&v.ctx, &v.scenario, &m.estimate, &v.loads, m.quota.as_ref());
                    let who = Member { option: m.option.clone(), workloads: m.workloads.clone() };
                    caveats::caveats(&m.estimate, &f)
                        .into_iter()
                        .map(move |c| Caveat::OfMember(who.clone(), Box::new(c)))
                })
                .collect()
        };
        let entries: Vec<recommend::Entry> = self
            .options
            .iter()
            .map(|o| recommend::Entry { name: &o.name, total_usd: o.cost.total_usd, eligible: o.eligible })
            .chain(self.plans.iter().map(|p| recommend::Entry {
                name: &p.name,
                total_usd: p.total_usd,
                eligible: p.eligible,
            }))
            .collect();
        recommend::recommend(&entries, caveats)
    }
}

/// What break-even and "cheapest" compare: the eligible options, each one part on the whole
/// scenario, and the eligible plans, one part per member on its own view.
fn candidates<'a>(
    ctx: &'a Context,
    standalone: &[&'a PlanOption],
    options: &[OptionEstimate],
    plans: &[PlanEstimate],
    views: &'a [Vec<MemberView>],
) -> Vec<analysis::breakeven::Candidate<'a>> {
    let singles =
        standalone.iter().zip(options).filter(|(_, e)| e.eligible).map(|(o, _)| analysis::breakeven::Candidate {
            name: o.name.clone(),
            parts: vec![(ctx, &o.kind)],
            on_demand: matches!(o.kind, OptionKind::OnDemand { .. }),
            vendor: o.kind.vendor(),
            fixed: fixed_purchase(&o.kind),
        });
    let routed = plans.iter().zip(views).filter(|(p, _)| p.eligible).map(|(p, v)| analysis::breakeven::Candidate {
        name: p.name.clone(),
        parts: v.iter().map(|v| (&v.ctx, &v.scenario.options[0].kind)).collect(),
        on_demand: false,
        vendor: None,
        fixed: v.iter().all(|v| fixed_purchase(&v.scenario.options[0].kind)),
    });
    singles.chain(routed).collect()
}

/// Buys the same capacity whatever the volume (docs/model.md#break-even): on demand, a number of
/// MUs, a Reserved purchase in TPM.
fn fixed_purchase(kind: &OptionKind) -> bool {
    use crate::scenario::{ReservedCapacity, Units};
    match kind {
        OptionKind::OnDemand { .. } => true,
        OptionKind::Provisioned { units, .. } => matches!(units, Units::Count(_)),
        OptionKind::Reserved { capacity, .. } => matches!(capacity, ReservedCapacity::Explicit { .. }),
        OptionKind::SelfHosted(_) => false,
    }
}

/// The lifecycle and price-change notes of every option, each once; then, where a quota is
/// checked, each workload without `max_tokens`.
fn warnings(s: &Scenario, has_quota: bool) -> Vec<Warning> {
    let mut out: Vec<Warning> = Vec::new();
    let shifts = s.options.iter().flat_map(caveats::price_changes);
    for note in s.options.iter().filter_map(caveats::lifecycle_note).chain(shifts).map(Warning::Caveat) {
        if !out.contains(&note) {
            out.push(note);
        }
    }
    if has_quota {
        let unbounded = s.workloads.iter().filter(|w| w.max_tokens.is_none());
        out.extend(unbounded.map(|w| Warning::NoMaxTokens { workload: w.name.clone() }));
    }
    out
}
