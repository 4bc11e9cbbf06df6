//! One option priced over the horizon with everything said about it: eligibility, daily spend,
//! utilisation, cost by workload.
use super::analysis::eligibility::ineligible_reason;
use super::analysis::utilization::mean_utilization;
use super::offers::services::Services;
use super::traffic::load::MonthLoad;
use super::{Context, Kind, MonthCost, OptionEstimate, WorkloadCost, analysis::daily, costed, offers::ondemand};
use crate::scenario::{OptionKind, Overflow, PlanOption, Scenario};

impl Context {
    /// Index of the option others are compared with (docs/model.md#break-even): the cheapest
    /// per request of the standalone on-demand options that can serve every workload, so that
    /// no figure depends on the order the options are listed in; on a tie, the first listed.
    pub fn reference(&self, s: &Scenario) -> Option<usize> {
        self.reference_among(s, None)
    }

    /// [`Context::reference`] among the options of one vendor (`None`: of every vendor).
    fn reference_among(&self, s: &Scenario, vendor: Option<crate::catalog::Vendor>) -> Option<usize> {
        let mut best: Option<(usize, f64)> = None;
        for (i, o) in s.options.iter().enumerate() {
            let OptionKind::OnDemand { model, tier, prices, .. } = &o.kind else { continue };
            if vendor.is_some_and(|v| v != model.vendor) {
                continue;
            }
            if !o.standalone || ineligible_reason(o, &s.workloads, 0.0).is_some() {
                continue;
            }
            let p = self.on_demand_usd_per_request(model, *tier, prices);
            if best.is_none_or(|(_, b)| super::analysis::breakeven::cheaper_than(p, b)) {
                best = Some((i, p));
            }
        }
        best.map(|(i, _)| i)
    }

    /// The first standalone on-demand option that can serve every workload: what the scenario's
    /// author runs today, which a recommendation of another model is checked against (a caveat,
    /// not a figure: every figure is measured against [`Context::reference`]).
    pub fn first_on_demand(&self, s: &Scenario) -> Option<usize> {
        s.options.iter().position(|o| {
            o.standalone
                && matches!(o.kind, OptionKind::OnDemand { .. })
                && ineligible_reason(o, &s.workloads, 0.0).is_none()
        })
    }

    /// Prices `o` over the months' loads; `reference` indexes the scenario's reference option.
    /// `services` are added to every month (none for a plan's member: the plan carries them).
    pub fn option_estimate(
        &self,
        s: &Scenario,
        o: &PlanOption,
        loads: &[MonthLoad],
        reference: Option<usize>,
        services: Option<&Services>,
    ) -> OptionEstimate {
        let (model, tier, endpoint, region) = match &o.kind {
            OptionKind::OnDemand { model, tier, endpoint, region, .. } => {
                (Some(model.key.clone()), Some(*tier), Some(*endpoint), Some(region.clone()))
            }
            k => (k.model().map(|m| m.key.clone()), None, None, None),
        };
        let months = self.months_with_services(&o.kind, loads, services);
        let capacity: Option<Vec<Vec<f64>>> =
            loads.iter().zip(&months).map(|(l, m)| self.slot_capacity(&o.kind, l, m)).collect();
        let rejects = matches!(o.kind, OptionKind::Provisioned { overflow: Overflow::Reject, .. });
        let requests: f64 = months.iter().map(|m| m.requests).sum();
        let rejected = super::share_of(months.iter().map(|m| m.overflow_share * m.requests).sum::<f64>(), requests);
        let reason = ineligible_reason(o, &s.workloads, if rejects { rejected } else { 0.0 });
        let buys_nothing = matches!(o.kind, OptionKind::Provisioned { .. } | OptionKind::Reserved { .. })
            && months.iter().all(|m| m.units == 0.0 && m.input_tpm.unwrap_or(0.0) == 0.0);
        let used = capacity.as_ref().and_then(|c| mean_utilization(&loads[0], &c[0]));
        let reference_cost = self.reference_cost(s, &o.kind, reference);
        let workloads = match &o.kind {
            OptionKind::OnDemand { model, tier, prices, .. } => self.workload_costs(model, *tier, prices, &months[0]),
            _ => Vec::new(),
        };
        OptionEstimate {
            name: o.name.clone(),
            kind: Kind::of(&o.kind),
            kind_name: o.kind.as_str().to_string(),
            vendor: o.kind.vendor(),
            unit: o.kind.unit().map(str::to_string),
            deployment: o.kind.deployment().map(str::to_string),
            model,
            tier,
            endpoint,
            region,
            rejects,
            eligible: reason.is_none(),
            ineligible_reason: reason,
            buys_nothing,
            utilization: self.utilization(s, &o.kind, reference_cost, used),
            daily_alarm_usd: daily::alarm_usd(&months[0].day, s.alarm_headroom),
            capacity,
            services: services
                .map_or_else(Vec::new, |sv| sv.costs(&loads.iter().map(|l| l.requests).collect::<Vec<_>>())),
            expected_waste_usd: s.risk.and_then(|r| {
                let c = super::analysis::risk::commitment(&o.kind, &months, self.hours_per_month)?;
                Some(c.expected_waste(r.descope_probability_per_month))
            }),
            cost: costed(months, self.mix.billed()),
            workloads,
        }
    }

    /// USD per request of the reference an option's break-even utilisation is measured against
    /// (docs/model.md#capacity-units): bought capacity is judged against its own vendor's
    /// pay-as-you-go, the scenario's reference when that is the vendor's, else the vendor's
    /// cheapest on-demand option; a vendor's units without one against their own model's prices
    /// (`None` makes the break-even fall back to them). Self-hosting has no vendor: the reference.
    fn reference_cost(&self, s: &Scenario, kind: &OptionKind, reference: Option<usize>) -> Option<f64> {
        let vendor_of = |i: usize| s.options[i].kind.vendor();
        let reference = match (kind, kind.vendor()) {
            (OptionKind::Provisioned { .. } | OptionKind::Reserved { .. }, Some(v)) => {
                reference.filter(|&i| vendor_of(i) == Some(v)).or_else(|| self.reference_among(s, Some(v)))
            }
            _ => reference,
        };
        match &s.options[reference?].kind {
            OptionKind::OnDemand { model, tier, prices, .. } => {
                Some(self.on_demand_usd_per_request(model, *tier, prices))
            }
            _ => None,
        }
    }

    /// Each month of an option with its services, and its daily spend.
    fn months_with_services(
        &self,
        kind: &OptionKind,
        loads: &[MonthLoad],
        services: Option<&Services>,
    ) -> Vec<MonthCost> {
        let mut months = self.option_months(kind, loads);
        for (m, load) in months.iter_mut().zip(loads) {
            let mut slots = self.slot_costs(kind, load, m);
            if let Some(sv) = services {
                let per_min: Vec<f64> = load.slots.iter().map(|s| s.mean_per_min).collect();
                sv.add(m, &per_min, &mut slots, self.hours_per_month);
            }
            m.day = daily::day_spend(&slots, m.cost_usd, self.hours_per_month);
        }
        months
    }

    /// Month-1 cost of each workload of an on-demand option: its requests × its own cost per request.
    fn workload_costs(
        &self,
        model: &crate::catalog::Model,
        tier: crate::catalog::Tier,
        set: &crate::catalog::PriceSet,
        month: &super::MonthCost,
    ) -> Vec<WorkloadCost> {
        let k = model.tier_multiplier(tier).expect("tiers are validated against the catalog");
        let prices = ondemand::Prices::new(set, k, model.long_context);
        self.workloads
            .iter()
            .map(|(w, _)| {
                let usd = month.requests * w.share * ondemand::workload_cost_usd(w, &prices);
                // A share of what generation costs: the services are not any workload's.
                let generation = month.cost_usd - month.services_usd;
                WorkloadCost {
                    name: w.name.clone(),
                    month_1_usd: usd,
                    share_of_cost: if generation > 0.0 { usd / generation } else { 0.0 },
                }
            })
            .collect()
    }
}
