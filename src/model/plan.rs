//! Routing plans (docs/model.md#plans): each member option is priced, by the same code as an
//! option, on a view of the scenario that holds only the workloads routed to it; the plan costs
//! the sum of its members.
use super::analysis::daily::{self, DaySpend};
use super::offers::quota::QuotaFinding;
use super::offers::services::{ItemCost, Services};
use super::traffic::load::MonthLoad;
use super::{Context, MonthCost, OptionEstimate, traffic};
use crate::scenario::{Member, Plan, Scenario, Traffic, Volume};
use serde::Serialize;

/// A member's slice of the scenario: its workloads with their shares renormalised to sum to 1,
/// the volume times their total share, the same week, growth and burstiness. Its options are the
/// member's option, then the scenario's reference (what self-hosting is compared with).
#[derive(Debug, Clone)]
pub struct MemberView {
    pub scenario: Scenario,
    pub ctx: Context,
    /// The member's share of the scenario's requests.
    pub share: f64,
    /// Each month's load of the member's traffic.
    pub loads: Vec<MonthLoad>,
}

impl MemberView {
    /// The view of `m`; `reference` indexes the scenario's reference option.
    pub fn new(s: &Scenario, m: &Member, reference: Option<usize>) -> Self {
        let share: f64 = m.workloads.iter().map(|&w| s.workloads[w].share).sum();
        let n = m.workloads.len() as f64;
        let workloads = m
            .workloads
            .iter()
            .map(|&w| {
                let mut w = s.workloads[w].clone();
                // Workloads of share 0 still have a mix: equal weights, no traffic.
                w.share = if share > 0.0 { w.share / share } else { 1.0 / n };
                w
            })
            .collect();
        // Standalone within its view, so the view's load reads the peaks the option needs.
        let mut options = vec![crate::scenario::PlanOption { standalone: true, ..s.options[m.option].clone() }];
        options.extend(reference.map(|r| s.options[r].clone()));
        let scenario = Scenario {
            name: s.name.clone(),
            description: None,
            path: s.path.clone(),
            months: s.months,
            start: s.start.clone(),
            hours_per_month: s.hours_per_month,
            traffic: Traffic { volume: Volume::PerMonth(s.base_requests_per_month() * share), ..s.traffic.clone() },
            workloads,
            peak_quantile: s.peak_quantile,
            alarm_headroom: s.alarm_headroom,
            options,
            plans: Vec::new(),
            // Services are the plan's, priced once on all its traffic, never a member's.
            fixed: Vec::new(),
            ingestion: None,
            uncertain: Vec::new(),
            catalog_uncertain: Vec::new(),
            client: s.client.clone(),
            risk: s.risk,
        };
        let ctx = Context::new(&scenario);
        let loads = (1..=s.months)
            .map(|i| ctx.load.month(traffic::week::month_requests(ctx.base_requests, s.traffic.growth_per_month, i)))
            .collect();
        Self { scenario, ctx, share, loads }
    }

    /// The member's option priced on its own traffic.
    pub fn estimate(&self) -> OptionEstimate {
        let reference = (self.scenario.options.len() > 1).then_some(1);
        self.ctx.option_estimate(&self.scenario, &self.scenario.options[0], &self.loads, reference, None)
    }
}

/// One month of a plan: the sum of its members.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanMonth {
    pub month: u32,
    pub requests: f64,
    /// USD, services included.
    pub cost_usd: f64,
    /// USD of `cost_usd` that pays for services (docs/model.md#services), carried once by the
    /// plan, not by each member.
    pub services_usd: f64,
    /// Average and busiest day of the members' summed hourly costs.
    #[serde(flatten)]
    pub day: DaySpend,
}

/// One month of a member, on its own traffic.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberMonth {
    pub month: u32,
    pub requests: f64,
    pub cost_usd: f64,
    /// As an option's: MUs, mean instances, 0 otherwise.
    pub units: f64,
    pub overflow_share: f64,
}

/// The option serving some of a plan's workloads, priced on their traffic only.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberEstimate {
    /// The option's name.
    pub option: String,
    /// The workloads routed to it, in scenario order.
    pub workloads: Vec<String>,
    /// Their share of the scenario's requests.
    pub share: f64,
    pub months: Vec<MemberMonth>,
    /// The default on-demand quota on this member's traffic (on-demand members, batch excepted).
    pub quota: Option<QuotaFinding>,
    /// Everything an option's estimate says, on the member's traffic.
    #[serde(skip)]
    pub estimate: OptionEstimate,
}

/// A plan priced over the horizon.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanEstimate {
    pub name: String,
    pub months: Vec<PlanMonth>,
    pub total_usd: f64,
    pub usd_per_1k_requests: f64,
    /// USD per million billed tokens over the horizon.
    pub usd_per_mtok: f64,
    /// Every member serves its workloads (docs/model.md#eligibility).
    pub eligible: bool,
    /// Why not: its first member that cannot serve its workloads, as data.
    pub ineligible_reason: Option<super::analysis::eligibility::Ineligible>,
    /// Suggested daily spend alarm, USD: the busiest day of the members' summed costs.
    pub daily_alarm_usd: f64,
    pub members: Vec<MemberEstimate>,
    /// Each service line item carried, month 1 and horizon.
    pub services: Vec<ItemCost>,
    /// With `[risk]`, the members' expected committed charges after a cut (`None` when no
    /// member commits; docs/model.md#commitment-risk).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_waste_usd: Option<f64>,
}

/// Prices `plan` from its members' views (in the plan's member order), with the scenario's
/// services once.
pub fn estimate(s: &Scenario, plan: &Plan, views: &[MemberView], services: &Services) -> PlanEstimate {
    let members: Vec<MemberEstimate> = plan.members.iter().zip(views).map(|(m, v)| member(s, m, v)).collect();
    let months: Vec<PlanMonth> = (0..s.months as usize).map(|i| month(s, i, views, &members, services)).collect();
    let total_usd: f64 = months.iter().map(|m| m.cost_usd).sum();
    let requests: f64 = months.iter().map(|m| m.requests).sum();
    let mtok: f64 =
        views.iter().map(|v| v.loads.iter().map(|l| l.requests).sum::<f64>() * v.ctx.mix.billed() / 1e6).sum();
    let ineligible_reason = members.iter().find_map(|m| {
        let r = m.estimate.ineligible_reason.clone()?;
        let who = super::Member { option: m.option.clone(), workloads: m.workloads.clone() };
        Some(super::analysis::eligibility::Ineligible::Member(who, Box::new(r)))
    });
    let monthly: Vec<f64> = months.iter().map(|m| m.requests).collect();
    let wastes: Vec<f64> = members.iter().filter_map(|m| m.estimate.expected_waste_usd).collect();
    PlanEstimate {
        services: services.costs(&monthly),
        expected_waste_usd: (!wastes.is_empty()).then(|| wastes.iter().sum()),
        name: plan.name.clone(),
        daily_alarm_usd: daily::alarm_usd(&months[0].day, s.alarm_headroom),
        months,
        total_usd,
        usd_per_1k_requests: if requests > 0.0 { total_usd / requests * 1000.0 } else { 0.0 },
        usd_per_mtok: if mtok > 0.0 { total_usd / mtok } else { 0.0 },
        eligible: ineligible_reason.is_none(),
        ineligible_reason,
        members,
    }
}

fn member(s: &Scenario, m: &Member, v: &MemberView) -> MemberEstimate {
    let estimate = v.estimate();
    let months = estimate
        .cost
        .months
        .iter()
        .map(|c| MemberMonth {
            month: c.month,
            requests: c.requests,
            cost_usd: c.cost_usd,
            units: c.units,
            overflow_share: c.overflow_share,
        })
        .collect();
    MemberEstimate {
        option: estimate.name.clone(),
        workloads: m.workloads.iter().map(|&w| s.workloads[w].name.clone()).collect(),
        share: v.share,
        months,
        quota: v.ctx.own_quota(&v.scenario, &v.scenario.options[0], &v.loads),
        estimate,
    }
}

/// Month `i` of the plan: the members' costs summed, the services on all their traffic, and
/// the day spend of their summed slots.
fn month(s: &Scenario, i: usize, views: &[MemberView], members: &[MemberEstimate], services: &Services) -> PlanMonth {
    let mut slots = vec![0.0; traffic::week::SLOTS];
    let mut per_min = vec![0.0; traffic::week::SLOTS];
    let mut sum = MonthCost::new(i as u32 + 1, 0.0, 0.0);
    for (v, m) in views.iter().zip(members) {
        let c = &m.estimate.cost.months[i];
        let kind = &v.scenario.options[0].kind;
        for (sum, x) in slots.iter_mut().zip(v.ctx.slot_costs(kind, &v.loads[i], c)) {
            *sum += x;
        }
        for (sum, x) in per_min.iter_mut().zip(&v.loads[i].slots) {
            *sum += x.mean_per_min;
        }
        sum.requests += c.requests;
        sum.cost_usd += c.cost_usd;
    }
    services.add(&mut sum, &per_min, &mut slots, s.hours_per_month);
    PlanMonth {
        month: sum.month,
        requests: sum.requests,
        cost_usd: sum.cost_usd,
        services_usd: sum.services_usd,
        day: daily::day_spend(&slots, sum.cost_usd, s.hours_per_month),
    }
}

/// An option or a plan as every output lists them: options first, then plans.
pub struct Line<'a> {
    pub name: &'a str,
    pub usd_per_1k_requests: f64,
    pub daily_alarm_usd: f64,
    /// Each month's cost, USD, and daily spend.
    pub months: Vec<(f64, &'a DaySpend)>,
}

impl super::Estimate {
    /// The options, then the plans.
    pub fn lines(&self) -> Vec<Line<'_>> {
        let options = self.options.iter().map(|o| Line {
            name: &o.name,
            usd_per_1k_requests: o.cost.usd_per_1k_requests,
            daily_alarm_usd: o.daily_alarm_usd,
            months: o.cost.months.iter().map(|m| (m.cost_usd, &m.day)).collect(),
        });
        let plans = self.plans.iter().map(|p| Line {
            name: &p.name,
            usd_per_1k_requests: p.usd_per_1k_requests,
            daily_alarm_usd: p.daily_alarm_usd,
            months: p.months.iter().map(|m| (m.cost_usd, &m.day)).collect(),
        });
        options.chain(plans).collect()
    }

    /// The option or plan of that name.
    pub fn line(&self, name: &str) -> Option<Line<'_>> {
        self.lines().into_iter().find(|l| l.name == name)
    }

    /// Requests in each month of the horizon.
    pub fn month_requests(&self) -> Vec<f64> {
        (1..=self.months).map(|m| traffic::week::month_requests(self.base_requests, self.growth_per_month, m)).collect()
    }
}
