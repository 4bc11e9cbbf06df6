//! The lean costing path `simulate` runs once per draw (docs/model.md#simulation): each option's
//! and plan's months, whether it serves every workload, and what it commits to. No break-even,
//! quota, daily spend or charts.
use super::analysis::eligibility::ineligible_reason;
use super::analysis::risk::{Commitment, commitment, with_cut};
use super::plan::MemberView;
pub use super::traffic::load::MonthLoad;
use super::{Context, MonthCost, traffic};
use crate::scenario::{OptionKind, Overflow, PlanOption, Scenario};

/// One option, or one member of a plan, priced month by month.
#[derive(Debug, Clone)]
pub struct Part {
    pub months: Vec<f64>,
    pub commitment: Option<Commitment>,
}

/// An option (one part) or a plan (a part per member), listed as `estimate` lists them.
#[derive(Debug, Clone)]
pub struct Line {
    pub parts: Vec<Part>,
    /// Serves every workload (docs/model.md#eligibility).
    pub eligible: bool,
}

impl Line {
    /// Each month's cost when the feature is cut at the start of month `cut` (`None`: never).
    pub fn months(&self, cut: Option<usize>) -> Vec<f64> {
        let mut sum = vec![0.0; self.parts.first().map_or(0, |p| p.months.len())];
        for p in &self.parts {
            for (s, x) in sum.iter_mut().zip(with_cut(&p.months, p.commitment.as_ref(), cut)) {
                *s += x;
            }
        }
        sum
    }
}

/// A priced option's part and whether it serves its workloads.
fn part(ctx: &Context, s: &Scenario, option: &PlanOption, loads: &[MonthLoad]) -> (Part, bool) {
    let kind = &option.kind;
    let months: Vec<MonthCost> = ctx.option_months(kind, loads);
    let rejected = if matches!(kind, OptionKind::Provisioned { overflow: Overflow::Reject, .. }) {
        let requests: f64 = months.iter().map(|m| m.requests).sum();
        super::share_of(months.iter().map(|m| m.overflow_share * m.requests).sum::<f64>(), requests)
    } else {
        0.0
    };
    let eligible = ineligible_reason(option, &s.workloads, rejected).is_none();
    let commitment = commitment(kind, &months, ctx.hours_per_month);
    (Part { months: months.iter().map(|m| m.cost_usd).collect(), commitment }, eligible)
}

/// Each month's load of `s`'s traffic for its standalone options (empty without one): the same
/// in every draw that leaves the scenario's own numbers alone, so `simulate` computes it once.
pub fn month_loads(s: &Scenario) -> Vec<MonthLoad> {
    if !s.options.iter().any(|o| o.standalone) {
        return Vec::new();
    }
    let ctx = Context::new(s);
    (1..=s.months)
        .map(|m| ctx.load.month(traffic::week::month_requests(ctx.base_requests, s.traffic.growth_per_month, m)))
        .collect()
}

/// Every standalone option, then every plan, of `s` priced over the horizon; each carries the
/// scenario's services (docs/model.md#services) as one more part, which stops at a cut.
pub fn lines(s: &Scenario) -> Vec<Line> {
    lines_with(s, None)
}

/// [`lines`], with the standalone options' month loads given when already known
/// ([`month_loads`] of a scenario with the same traffic).
pub fn lines_with(s: &Scenario, known: Option<&[MonthLoad]>) -> Vec<Line> {
    let ctx = Context::new(s);
    let services = super::offers::services::Services::new(s);
    let service_part = Part {
        months: (1..=s.months)
            .map(|m| {
                services.month_usd(m, traffic::week::month_requests(ctx.base_requests, s.traffic.growth_per_month, m))
            })
            .collect(),
        commitment: None,
    };
    let standalone: Vec<&PlanOption> = s.options.iter().filter(|o| o.standalone).collect();
    let loads: Vec<MonthLoad> = match known {
        Some(l) => l.to_vec(),
        None => month_loads(s),
    };
    let options = standalone.iter().map(|kind| {
        let (p, eligible) = part(&ctx, s, kind, &loads);
        Line { parts: vec![p, service_part.clone()], eligible }
    });
    let reference = ctx.reference(s);
    let plans = s.plans.iter().map(|plan| {
        let priced: Vec<(Part, bool)> = plan
            .members
            .iter()
            .map(|m| {
                let v = MemberView::new(s, m, reference);
                part(&v.ctx, &v.scenario, &v.scenario.options[0], &v.loads)
            })
            .collect();
        let eligible = priced.iter().all(|(_, e)| *e);
        let parts = priced.into_iter().map(|(p, _)| p).chain([service_part.clone()]).collect();
        Line { eligible, parts }
    });
    options.collect::<Vec<_>>().into_iter().chain(plans).collect()
}
