//! [`Context`]: what pricing an option needs (tokens, loads, hours), and each option kind's
//! months. A plan's member is priced by the same code on a context of its own workloads.
use super::offers::blocks::Sizing;
use super::tokens::RequestTokens;
use super::traffic::load::{LoadModel, MonthLoad};
use super::{MonthCost, offers::ondemand, offers::provisioned, offers::reserved, offers::selfhost, tokens};
use crate::catalog::{Model, PriceSet, Tier};
use crate::scenario::{OptionKind, Overflow, ReservedCapacity, Scenario, Units, Workload};

/// What pricing any option of a scenario needs: tokens, loads, the hours of a month.
#[derive(Debug, Clone)]
pub struct Context {
    pub workloads: Vec<(Workload, RequestTokens)>,
    pub mix: RequestTokens,
    pub load: LoadModel,
    pub base_requests: f64,
    pub hours_per_month: f64,
}

impl Context {
    pub fn new(s: &Scenario) -> Self {
        Self {
            workloads: s.workloads.iter().map(|w| (w.clone(), tokens::workload_tokens(w))).collect(),
            mix: tokens::mix_tokens(&s.workloads),
            load: LoadModel::new(s),
            base_requests: s.base_requests_per_month(),
            hours_per_month: s.hours_per_month,
        }
    }

    /// USD per average request at these on-demand prices, prompt caching included.
    pub fn usd_per_request(&self, p: &ondemand::Prices) -> f64 {
        ondemand::mix_cost_usd(&self.workloads, p)
    }

    /// USD per average request of an on-demand option: its endpoint's and region's prices ×
    /// its tier.
    pub fn on_demand_usd_per_request(&self, model: &Model, tier: Tier, prices: &PriceSet) -> f64 {
        let k = model.tier_multiplier(tier).expect("tiers are validated against the catalog");
        self.usd_per_request(&ondemand::Prices::new(prices, k, model.long_context))
    }

    /// USD per average request of an on-demand option in `month` (1-based): that month's prices
    /// (docs/model.md#start-month), month 1's beyond the list.
    pub fn on_demand_month_usd_per_request(&self, kind: &OptionKind, month: u32) -> Option<f64> {
        let OptionKind::OnDemand { model, tier, prices, monthly, .. } = kind else { return None };
        let set = monthly.get(month as usize - 1).unwrap_or(prices);
        Some(self.on_demand_usd_per_request(model, *tier, set))
    }

    /// USD per average request of traffic above bought capacity: the model's standard in-region
    /// prices.
    pub fn overflow_usd_per_request(&self, model: &Model) -> f64 {
        self.usd_per_request(&ondemand::Prices::standard(model))
    }

    /// Input-token equivalents an average request burns of a capacity unit's budget: each
    /// token kind at its weight, prompt caching and the long-context rule included
    /// (docs/model.md#capacity-units). The on-demand cost of the mix at "prices" equal to the
    /// weights, per token instead of per million.
    pub fn weighted_tokens_per_request(&self, offer: &crate::catalog::UnitOffer) -> f64 {
        let w = offer.weights;
        let weights = ondemand::Prices {
            input: 1.0,
            output: w.output,
            cache: Some(ondemand::Cache {
                write: w.cache_write,
                write_1h: Some(w.cache_write_1h.unwrap_or(w.cache_write)),
                read: w.cache_read,
            }),
            long_context: offer.long_context,
        };
        self.usd_per_request(&weights) * 1e6
    }

    /// Requests per minute one MU (provisioned) or instance (self-hosted) serves.
    pub fn unit_capacity(&self, kind: &OptionKind) -> Option<f64> {
        match kind {
            OptionKind::Provisioned { offer: Some(offer), .. } => {
                // A mix that burns nothing (all of it cache hits that weigh 0) is served by any
                // purchase: a billionth of a token keeps the capacity finite.
                Some(offer.tokens_per_minute_per_unit / self.weighted_tokens_per_request(offer).max(1e-9))
            }
            OptionKind::Provisioned { model, .. } => model.provisioned.as_ref().map(|o| {
                provisioned::requests_per_mu_minute(
                    self.mix.input,
                    self.mix.output,
                    o.input_tpm_per_mu,
                    o.output_tpm_per_mu,
                )
            }),
            OptionKind::SelfHosted(sh) => self.self_host_capacity(sh).map(|c| c.per_instance_per_min),
            OptionKind::OnDemand { .. } | OptionKind::Reserved { .. } => None,
        }
    }

    /// Requests per minute an option's bought capacity serves in each slot of a month, given
    /// what that month bought (`month`: its MUs or its TPM, decided for the whole commitment
    /// block); on demand has none.
    pub fn slot_capacity(&self, kind: &OptionKind, load: &MonthLoad, month: &MonthCost) -> Option<Vec<f64>> {
        match kind {
            OptionKind::OnDemand { .. } => None,
            OptionKind::Provisioned { .. } => self.unit_capacity(kind).map(|c| vec![month.units * c; load.slots.len()]),
            OptionKind::Reserved { .. } => {
                let (i, o) = (month.input_tpm.unwrap_or(0.0), month.output_tpm.unwrap_or(0.0));
                let serves = (i / self.mix.input).min(o / self.mix.output);
                Some(vec![serves; load.slots.len()])
            }
            OptionKind::SelfHosted(sh) => {
                let host = self.self_host(sh)?;
                Some(host.instances(load).iter().map(|n| n * host.per_instance_per_min).collect())
            }
        }
    }

    /// What one instance of a self-hosted option serves for this mix; `None` when the setup
    /// cannot run (refused when the scenario loads, so not met in practice).
    pub fn self_host_capacity(&self, sh: &crate::scenario::SelfHosted) -> Option<selfhost::Capacity> {
        selfhost::capacity(sh, &self.workloads).ok()
    }

    /// The option's fleet: the capacity at the operating points, computed once.
    fn self_host(&self, sh: &crate::scenario::SelfHosted) -> Option<selfhost::SelfHost> {
        let capacity = self.self_host_capacity(sh)?;
        Some(selfhost::SelfHost {
            per_instance_per_min: capacity.per_instance_per_min,
            usd_per_hour: sh.usd_per_hour,
            hours_per_month: self.hours_per_month,
            scaling: sh.scaling,
            min_instances: sh.min_instances,
            target_utilization: capacity.target_utilization,
            ops_usd_per_month: sh.ops_usd_per_month,
            setup_usd: sh.setup_usd,
            amortize_months: sh.amortize_months,
        })
    }

    /// Each month of one option, given the months' loads.
    pub fn option_months(&self, kind: &OptionKind, loads: &[MonthLoad]) -> Vec<MonthCost> {
        let h = self.hours_per_month;
        match kind {
            OptionKind::OnDemand { model, tier, prices, monthly, .. } => {
                let per_request = self.on_demand_usd_per_request(model, *tier, prices);
                loads
                    .iter()
                    .enumerate()
                    .map(|(i, m)| {
                        // Month i's own prices where a dated change makes them differ from month 1's.
                        let usd = match monthly.get(i).filter(|p| *p != prices) {
                            Some(p) => self.on_demand_usd_per_request(model, *tier, p),
                            None => per_request,
                        };
                        MonthCost::new(i as u32 + 1, m.requests, m.requests * usd)
                    })
                    .collect()
            }
            OptionKind::Provisioned { model, term, units, overflow, usd_per_mu_hour, offer } => {
                let pt = provisioned::Pt {
                    min_units: offer.as_ref().map_or(1, |o| u64::from(o.min_units)),
                    increment: offer.as_ref().map_or(1, |o| u64::from(o.increment)),
                    per_mu_per_min: self.unit_capacity(kind).expect("PT offers are validated against the catalog"),
                    usd_per_mu_hour: *usd_per_mu_hour,
                    hours_per_month: h,
                    overflow_usd_per_request: (*overflow == Overflow::OnDemand)
                        .then(|| self.overflow_usd_per_request(model)),
                };
                let sizing = match units {
                    Units::Peak => Sizing::Peak,
                    Units::Optimal => Sizing::Optimal,
                    Units::Count(n) => Sizing::Fixed(u64::from(*n)),
                };
                pt.months(loads, term.months(), sizing)
            }
            OptionKind::Reserved { model, term, capacity, usd_per_1k_input_tpm_month, usd_per_1k_output_tpm_month } => {
                let offer = model.reserved.as_ref().expect("Reserved offers are validated against the catalog");
                let r = reserved::Reserved {
                    input_per_request: self.mix.input,
                    output_per_request: self.mix.output,
                    usd_per_1k_input_tpm_month: *usd_per_1k_input_tpm_month,
                    usd_per_1k_output_tpm_month: *usd_per_1k_output_tpm_month,
                    min_input_tpm: offer.min_input_tpm,
                    min_output_tpm: offer.min_output_tpm,
                    overflow_usd_per_request: self.overflow_usd_per_request(model),
                };
                let (sizing, explicit) = match capacity {
                    ReservedCapacity::Peak => (Sizing::Peak, None),
                    ReservedCapacity::Optimal => (Sizing::Optimal, None),
                    ReservedCapacity::Explicit { input_tpm, output_tpm } => {
                        (Sizing::Fixed(0), Some(reserved::Tpm { input: *input_tpm, output: *output_tpm }))
                    }
                };
                r.months(loads, term.months(), sizing, explicit)
            }
            OptionKind::SelfHosted(sh) => {
                self.self_host(sh).expect("self-hosted setups are checked when the scenario loads").months(loads)
            }
        }
    }
}
