//! Commitment risk (docs/model.md#commitment-risk): what an option has committed to each month,
//! what is still owed when the feature is cut, and the expected waste over the cut month.
use crate::model::MonthCost;
use crate::scenario::{OptionKind, Scaling};

/// The committed part of an option's months: capacity bought for whole blocks of months.
#[derive(Debug, Clone, PartialEq)]
pub struct Commitment {
    /// Months in one block (a term); blocks start at month 1.
    pub block: usize,
    /// Committed USD of each month: MU-hours, Reserved TPM, fixed instance-hours.
    pub usd: Vec<f64>,
}

/// The committed USD of one month, from what it bought.
type PerMonth = Box<dyn Fn(&MonthCost) -> f64>;

/// What `kind` commits to in each of `months`; `None` when nothing is committed (on demand,
/// PT without a term, hourly or uncommitted self-hosting).
pub fn commitment(kind: &OptionKind, months: &[MonthCost], hours_per_month: f64) -> Option<Commitment> {
    let (block, per_month): (usize, PerMonth) = match kind {
        OptionKind::Provisioned { term, usd_per_mu_hour, .. } if term.is_commitment() => {
            let price = *usd_per_mu_hour;
            (term.months(), Box::new(move |m| m.units * price * hours_per_month))
        }
        OptionKind::Reserved { term, usd_per_1k_input_tpm_month: i, usd_per_1k_output_tpm_month: o, .. } => {
            let (i, o) = (*i, *o);
            let tpm =
                move |m: &MonthCost| m.input_tpm.unwrap_or(0.0) / 1000.0 * i + m.output_tpm.unwrap_or(0.0) / 1000.0 * o;
            (term.months(), Box::new(tpm))
        }
        OptionKind::SelfHosted(sh) if sh.scaling == Scaling::Fixed => {
            let (block, price) = (sh.commitment_months? as usize, sh.usd_per_hour);
            (block, Box::new(move |m| m.units * price * hours_per_month))
        }
        _ => return None,
    };
    Some(Commitment { block: block.max(1), usd: months.iter().map(per_month).collect() })
}

impl Commitment {
    /// Committed USD still billed when the feature is cut at the start of month `m` (1-based):
    /// month m to the end of the block it falls in (or of the horizon).
    pub fn owed_from(&self, m: usize) -> f64 {
        let end = (m.div_ceil(self.block) * self.block).min(self.usd.len());
        self.usd[m - 1..end].iter().sum()
    }

    /// Σ_m P(cut at m) · owed_from(m), P(cut at m) = p (1 − p)^(m−1).
    pub fn expected_waste(&self, p: f64) -> f64 {
        (1..=self.usd.len()).map(|m| p * (1.0 - p).powi(m as i32 - 1) * self.owed_from(m)).sum()
    }

    /// Each month's cost when the feature is cut at the start of month `cut`: as planned before
    /// it, the committed charges to the end of the block in force, then nothing.
    pub fn after_cut(&self, costs: &[f64], cut: usize) -> Vec<f64> {
        let end = cut.div_ceil(self.block) * self.block;
        (1..=costs.len())
            .map(|m| {
                if m < cut {
                    costs[m - 1]
                } else if m <= end {
                    self.usd[m - 1]
                } else {
                    0.0
                }
            })
            .collect()
    }
}

/// Each month's cost when the feature is cut at month `cut` (1-based, `None`: never), for an
/// option committed as `c` (`None`: everything stops at the cut).
pub fn with_cut(costs: &[f64], c: Option<&Commitment>, cut: Option<usize>) -> Vec<f64> {
    match (cut, c) {
        (None, _) => costs.to_vec(),
        (Some(cut), Some(c)) => c.after_cut(costs, cut),
        (Some(cut), None) => costs.iter().enumerate().map(|(i, &x)| if i + 1 < cut { x } else { 0.0 }).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_mu_on_monthly_terms_over_three_months() {
        // One MU at $60/h × 730 h = $43,800 a month, 1-month terms, p = 0.1:
        // 43,800 × 0.1 × (1 + 0.9 + 0.81) = $11,869.80.
        let c = Commitment { block: 1, usd: vec![43_800.0; 3] };
        assert!((c.expected_waste(0.1) - 11_869.80).abs() < 1e-6);
        assert_eq!(c.expected_waste(0.0), 0.0);
    }

    #[test]
    fn a_block_bills_to_its_end() {
        // 6-month blocks over 8 months at $10 a month: a cut in month 2 still owes months 2–6 ($50),
        // a cut in month 7 owes months 7–8 ($20: the horizon ends first).
        let c = Commitment { block: 6, usd: vec![10.0; 8] };
        assert_eq!((c.owed_from(2), c.owed_from(6), c.owed_from(7)), (50.0, 10.0, 20.0));
        // Costs of $15 a month ($10 committed + $5 overflow): cut at 3 → 15, 15, then 10 to month 6, 0 after.
        assert_eq!(c.after_cut(&[15.0; 8], 3), [15.0, 15.0, 10.0, 10.0, 10.0, 10.0, 0.0, 0.0]);
        assert_eq!(with_cut(&[15.0; 3], None, Some(2)), [15.0, 0.0, 0.0]);
        assert_eq!(with_cut(&[15.0; 3], Some(&c), None), [15.0; 3]);
    }
}
