//! The Reserved tier (docs/model.md#reserved-tier): input and output tokens-per-minute bought by the month,
//! in the mix's ratio, each at least its minimum, with on-demand overflow.
use crate::model::offers::blocks::{Sizing, plan};
use crate::model::traffic::load::MonthLoad;
use crate::model::{MonthCost, share_of};

/// A priced Reserved offer applied to one scenario.
#[derive(Debug, Clone, Copy)]
pub struct Reserved {
    /// Mix input tokens per request, Ī.
    pub input_per_request: f64,
    /// Mix output tokens per request, Ō.
    pub output_per_request: f64,
    pub usd_per_1k_input_tpm_month: f64,
    pub usd_per_1k_output_tpm_month: f64,
    pub min_input_tpm: f64,
    pub min_output_tpm: f64,
    /// USD per overflowed request at standard on-demand prices.
    pub overflow_usd_per_request: f64,
}

/// Tokens per minute bought.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tpm {
    pub input: f64,
    pub output: f64,
}

impl Reserved {
    /// What serving `r` requests per minute buys: `r·Ī` and `r·Ō`, each at least its minimum;
    /// r = 0 buys nothing.
    pub fn buy(&self, r: u64) -> Tpm {
        if r == 0 {
            return Tpm { input: 0.0, output: 0.0 };
        }
        let r = r as f64;
        Tpm {
            input: (r * self.input_per_request).max(self.min_input_tpm),
            output: (r * self.output_per_request).max(self.min_output_tpm),
        }
    }

    /// Requests per minute a purchase serves: `min(input/Ī, output/Ō)`.
    pub fn serves(&self, t: Tpm) -> f64 {
        (t.input / self.input_per_request).min(t.output / self.output_per_request)
    }

    /// The largest r whose purchase is just the minimums (every r in 1..=floor buys the same).
    pub fn floor(&self) -> u64 {
        (self.min_input_tpm / self.input_per_request).min(self.min_output_tpm / self.output_per_request).floor() as u64
    }

    /// Cost of a month holding `t`, and the requests above it.
    pub fn month_cost(&self, m: &MonthLoad, t: Tpm) -> (f64, f64) {
        let over = m.overflow_requests(self.serves(t));
        let capacity =
            t.input / 1000.0 * self.usd_per_1k_input_tpm_month + t.output / 1000.0 * self.usd_per_1k_output_tpm_month;
        (capacity + over * self.overflow_usd_per_request, over)
    }

    /// Each month priced at the purchase its block decides; `explicit` fixes the purchase.
    pub fn months(&self, loads: &[MonthLoad], block: usize, sizing: Sizing, explicit: Option<Tpm>) -> Vec<MonthCost> {
        let levels = plan(
            loads.len(),
            block,
            sizing,
            self.floor(),
            |i| loads[i].max_peak() as u64,
            |r, i| self.month_cost(&loads[i], self.buy(r)).0,
        );
        loads
            .iter()
            .zip(levels)
            .enumerate()
            .map(|(i, (m, r))| {
                let t = explicit.unwrap_or_else(|| self.buy(r));
                let (cost, over) = self.month_cost(m, t);
                MonthCost::new(i as u32 + 1, m.requests, cost)
                    .overflow(share_of(over, m.requests))
                    .tpm(t.input, t.output)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::traffic::load::SlotLoad;
    use crate::model::traffic::load::tests::poisson_excess;

    fn offer() -> Reserved {
        // Ī = 1,000, Ō = 100; $2 per 1K input TPM-month, $10 per 1K output; minimums 100K / 10K.
        Reserved {
            input_per_request: 1000.0,
            output_per_request: 100.0,
            usd_per_1k_input_tpm_month: 2.0,
            usd_per_1k_output_tpm_month: 10.0,
            min_input_tpm: 100_000.0,
            min_output_tpm: 10_000.0,
            overflow_usd_per_request: 0.01,
        }
    }

    fn month(mean: f64, peak: f64) -> MonthLoad {
        let mut slots = vec![SlotLoad { mean_per_min: 0.0, peak_per_min: 0.0 }; 168];
        slots[0] = SlotLoad { mean_per_min: mean, peak_per_min: peak };
        MonthLoad::new(mean * 60.0, slots, 60.0, crate::model::traffic::load::Peaks::All, 1.0)
    }

    #[test]
    fn purchases_respect_the_minimums() {
        let o = offer();
        // 30 req/min needs 30,000 in / 3,000 out: both below the minimums → 100K / 10K, serving 100/min.
        assert_eq!(o.buy(30), Tpm { input: 100_000.0, output: 10_000.0 });
        assert_eq!(o.serves(o.buy(30)), 100.0);
        assert_eq!(o.floor(), 100);
        // 250 req/min: 250K in / 25K out, above both minimums.
        assert_eq!(o.buy(250), Tpm { input: 250_000.0, output: 25_000.0 });
        // Cost at the minimums: 100 · $2 + 10 · $10 = $300 a month.
        assert_eq!(o.month_cost(&month(0.0, 0.0), o.buy(1)).0, 300.0);
        assert_eq!(o.buy(0), Tpm { input: 0.0, output: 0.0 });
    }

    #[test]
    fn peak_sizing_buys_the_busiest_minute() {
        // Peak 250/min → 250K/25K TPM = 250·2 + 25·10 = $750; mean 200 (Poisson), so the minutes
        // above 250 still overflow: 60 · E[(N₂₀₀ − 250)⁺] requests at $0.01.
        let m = offer().months(&[month(200.0, 250.0)], 1, Sizing::Peak, None);
        let over = 60.0 * poisson_excess(200.0, 250);
        assert!(over > 0.0 && over < 1.0, "{over}");
        assert!((m[0].cost_usd / (750.0 + 0.01 * over) - 1.0).abs() < 1e-12);
        assert!((m[0].overflow_share / (over / 12_000.0) - 1.0).abs() < 1e-9);
        assert_eq!((m[0].input_tpm, m[0].output_tpm), (Some(250_000.0), Some(25_000.0)));
    }

    #[test]
    fn optimal_weighs_capacity_against_overflow() {
        // Mean 200/min (Poisson) for 60 minutes (12,000 requests). Each extra request/min of
        // capacity above the minimum costs 1 · $2 + 0.1 · $10 = $3 a month and saves at most 60
        // overflow requests · $0.01 = $0.60, so more capacity never pays: the choice is r = 0
        // (12,000 · $0.01 = $120) or the minimum purchase ($300 + overflow). r = 0 wins.
        let m = offer().months(&[month(200.0, 250.0)], 1, Sizing::Optimal, None);
        assert_eq!(m[0].cost_usd, 120.0);
        assert_eq!(m[0].input_tpm, Some(0.0));
        // At $1 per overflowed request, cost(r) = 3r + 60 · E[(N − r)⁺] above the floor, and
        // E[(N − r)⁺] − E[(N − r − 1)⁺] = P(N > r): one more request/min pays while
        // 60 · P(N > r) > 3, i.e. up to the smallest r with P(N > r) ≤ 0.05, the 95th percentile.
        use statrs::distribution::{DiscreteCDF, Poisson};
        let n = Poisson::new(200.0).unwrap();
        let r = (100..250).find(|&r| n.sf(r) <= 0.05).unwrap();
        let dear = Reserved { overflow_usd_per_request: 1.0, ..offer() };
        let m = dear.months(&[month(200.0, 250.0)], 1, Sizing::Optimal, None);
        assert_eq!(m[0].input_tpm, Some(r as f64 * 1000.0));
        let by_hand = 3.0 * r as f64 + 60.0 * poisson_excess(200.0, r);
        assert!((m[0].cost_usd / by_hand - 1.0).abs() < 1e-9, "{} {by_hand}", m[0].cost_usd);
    }
}
