//! Break-even utilisation (docs/model.md#break-even-utilisation): how busy bought capacity must
//! be to cost less than the same work on demand, and how busy this scenario keeps it.
use crate::model::Context;
use crate::model::traffic::load::MonthLoad;
use crate::scenario::{OptionKind, Scenario};
use serde::Serialize;

/// Utilisation figures of a capacity option; all `None` for on demand.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Utilization {
    /// What the capacity costs ÷ what it would do on demand at full use; above 1 it never wins.
    pub breakeven_utilization: Option<f64>,
    /// USD per hour of on-demand work one unit (MU, instance) does at full use.
    pub full_use_usd_per_hour: Option<f64>,
    /// USD per hour one unit costs (MU-hour price, instance-hour price); for Reserved, capacity
    /// for one request a minute, per hour.
    pub unit_usd_per_hour: Option<f64>,
    /// Month 1: requests served by the bought capacity ÷ what it could serve.
    pub mean_utilization: Option<f64>,
}

/// Month 1's use of the capacity: Σ E[min(M, c)] ÷ Σ c over the slots, where
/// E[min(M, c)] = μ − E[(M − c)⁺] is what the capacity serves of a minute's arrivals, the
/// complement of the overflow (docs/model.md#overflow).
pub fn mean_utilization(load: &MonthLoad, capacity_per_min: &[f64]) -> Option<f64> {
    let available: f64 = capacity_per_min.iter().sum();
    let served: f64 = load
        .slots
        .iter()
        .zip(capacity_per_min)
        .map(|(l, c)| l.mean_per_min - load.excess_per_min(l.mean_per_min, *c))
        .sum();
    (available > 0.0).then(|| served.max(0.0) / available)
}

impl Context {
    /// Break-even utilisation of an option against the reference (docs/model.md#break-even-utilisation).
    /// `reference_usd_per_request` is the per-request cost of the reference, the on-demand option
    /// every capacity option is compared with (`None`: there is none; PT and Reserved then fall
    /// back to their model's standard on-demand price, self-hosting has no figure).
    pub fn utilization(
        &self,
        s: &Scenario,
        kind: &OptionKind,
        reference_usd_per_request: Option<f64>,
        mean_utilization: Option<f64>,
    ) -> Utilization {
        let per_hour_at_full_use = |per_min: f64, usd_per_request: f64| 60.0 * per_min * usd_per_request;
        let against = |model| reference_usd_per_request.unwrap_or_else(|| self.overflow_usd_per_request(model));
        let (unit, full) = match kind {
            OptionKind::OnDemand { .. } => return Utilization::default(),
            OptionKind::Provisioned { model, usd_per_mu_hour, .. } => {
                let c = self.unit_capacity(kind).unwrap_or(0.0);
                (*usd_per_mu_hour, per_hour_at_full_use(c, against(model)))
            }
            OptionKind::Reserved { model, usd_per_1k_input_tpm_month, usd_per_1k_output_tpm_month, .. } => {
                // Capacity for one request a minute: Ī input and Ō output TPM for a month.
                let month = (self.mix.input * usd_per_1k_input_tpm_month
                    + self.mix.output * usd_per_1k_output_tpm_month)
                    / 1000.0;
                (month / s.hours_per_month, per_hour_at_full_use(1.0, against(model)))
            }
            OptionKind::SelfHosted(sh) => {
                let c = self.unit_capacity(kind).unwrap_or(0.0);
                match reference_usd_per_request {
                    Some(p) => (sh.usd_per_hour, per_hour_at_full_use(c, p)),
                    None => {
                        return Utilization {
                            unit_usd_per_hour: Some(sh.usd_per_hour),
                            mean_utilization,
                            ..Default::default()
                        };
                    }
                }
            }
        };
        Utilization {
            breakeven_utilization: (full > 0.0).then(|| unit / full),
            full_use_usd_per_hour: Some(full),
            unit_usd_per_hour: Some(unit),
            mean_utilization,
        }
    }
}
