//! Provisioned Throughput (docs/model.md#provisioned-throughput): model units by the hour, sized per commitment block,
//! with traffic above them billed on demand or rejected. Vendors' capacity units
//! (docs/model.md#capacity-units) are priced alike, bought from a minimum in steps.
use crate::model::offers::blocks::{Sizing, plan};
use crate::model::traffic::load::{MonthLoad, ceil_tol};
use crate::model::{MonthCost, share_of};

/// Requests per minute one MU serves: `1 / (Ī/C_in + Ō/C_out)`.
pub fn requests_per_mu_minute(input_per_request: f64, output_per_request: f64, input_tpm: f64, output_tpm: f64) -> f64 {
    1.0 / (input_per_request / input_tpm + output_per_request / output_tpm)
}

/// A priced PT offer applied to one scenario.
#[derive(Debug, Clone, Copy)]
pub struct Pt {
    /// Requests per minute one MU serves (c).
    pub per_mu_per_min: f64,
    pub usd_per_mu_hour: f64,
    pub hours_per_month: f64,
    /// USD per overflowed request billed on demand; `None` when overflow is rejected.
    pub overflow_usd_per_request: Option<f64>,
    /// The smallest purchase, units (1 for Provisioned Throughput).
    pub min_units: u64,
    /// Purchases above the minimum go in steps of this many units (1 for Provisioned Throughput).
    pub increment: u64,
}

impl Pt {
    /// Units bought at purchase level `level`: none at 0, the minimum at 1, one increment more
    /// at each level above.
    pub fn units(&self, level: u64) -> u64 {
        if level == 0 { 0 } else { self.min_units + (level - 1) * self.increment }
    }

    /// The purchase level that buys exactly `units` (a count the offer sells).
    pub fn level_of(&self, units: u64) -> u64 {
        if units == 0 { 0 } else { 1 + units.saturating_sub(self.min_units) / self.increment }
    }

    /// The smallest level a month needs for its busiest slot: `ceil(peak / c)` units, rounded
    /// up to what the offer sells.
    pub fn peak_level(&self, m: &MonthLoad) -> u64 {
        let needed = ceil_tol(m.max_peak() / self.per_mu_per_min) as u64;
        if needed == 0 { 0 } else { 1 + needed.saturating_sub(self.min_units).div_ceil(self.increment) }
    }

    /// Cost of a month at purchase level `level`, and the requests above it.
    pub fn month_cost(&self, m: &MonthLoad, level: u64) -> (f64, f64) {
        let k = self.units(level) as f64;
        let over = m.overflow_requests(k * self.per_mu_per_min);
        let units = k * self.usd_per_mu_hour * self.hours_per_month;
        (units + over * self.overflow_usd_per_request.unwrap_or(0.0), over)
    }

    /// Each month priced at the units its block decides (`Sizing::Fixed` counts units).
    pub fn months(&self, loads: &[MonthLoad], block: usize, sizing: Sizing) -> Vec<MonthCost> {
        let sizing = match sizing {
            Sizing::Fixed(n) => Sizing::Fixed(self.level_of(n)),
            s => s,
        };
        let levels =
            plan(loads.len(), block, sizing, 0, |i| self.peak_level(&loads[i]), |k, i| self.month_cost(&loads[i], k).0);
        loads
            .iter()
            .zip(levels)
            .enumerate()
            .map(|(i, (m, level))| {
                let (cost, over) = self.month_cost(m, level);
                MonthCost::new(i as u32 + 1, m.requests, cost)
                    .units(self.units(level) as f64)
                    .overflow(share_of(over, m.requests))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::traffic::load::SlotLoad;
    use crate::model::traffic::load::tests::poisson_excess;

    /// A Provisioned Throughput offer over a 168-hour month: units one at a time from one.
    fn pt(per_mu_per_min: f64, usd_per_mu_hour: f64, overflow_usd_per_request: Option<f64>) -> Pt {
        Pt {
            per_mu_per_min,
            usd_per_mu_hour,
            hours_per_month: 168.0,
            overflow_usd_per_request,
            min_units: 1,
            increment: 1,
        }
    }

    /// A toy week: two busy slots (mean 30 and 12 req/min, Poisson, peaks 40 and 20), the rest
    /// idle, in a 168-hour month so each slot is exactly 60 minutes.
    fn toy_month() -> MonthLoad {
        let mut slots = vec![SlotLoad { mean_per_min: 0.0, peak_per_min: 0.0 }; 168];
        slots[9] = SlotLoad { mean_per_min: 30.0, peak_per_min: 40.0 };
        slots[10] = SlotLoad { mean_per_min: 12.0, peak_per_min: 20.0 };
        MonthLoad::new((30.0 + 12.0) * 60.0, slots, 60.0, crate::model::traffic::load::Peaks::All, 1.0)
    }

    #[test]
    fn mu_capacity_from_token_rates() {
        // The placeholder MU: 300,000 in / 60,000 out per minute; the support-agent mix 1,800 in / 350 out:
        // 1 / (1,800/300,000 + 350/60,000) = 1 / (0.006 + 0.0058333) = 84.507 requests per minute.
        let c = requests_per_mu_minute(1800.0, 350.0, 300_000.0, 60_000.0);
        assert!((c - 1.0 / (0.006 + 350.0 / 60_000.0)).abs() < 1e-12);
        assert!((c - 84.507_042_253_521_13).abs() < 1e-9);
    }

    #[test]
    fn peak_units_round_up_the_busiest_slot() {
        // Peak 40 req/min at 15 per MU: 40/15 = 2.67 → 3 MUs; at exactly 20 per MU: 2, not 3.
        let pt = pt(15.0, 1.0, None);
        assert_eq!(pt.peak_level(&toy_month()), 3);
        assert_eq!(Pt { per_mu_per_min: 20.0, ..pt }.peak_level(&toy_month()), 2);
    }

    /// Requests of the toy month above k MUs of 10 req/min each, in closed form (Poisson).
    fn toy_overflow(k: u64) -> f64 {
        60.0 * (poisson_excess(30.0, 10 * k) + poisson_excess(12.0, 10 * k))
    }

    #[test]
    fn optimal_units_trade_mu_hours_against_overflow_on_a_two_slot_week() {
        // c = 10 req/min per MU, $50 per MU-hour, 168 h: an MU costs $8,400 a month. Overflow is
        // the expected excess of each minute (docs/model.md#overflow), 60 · Σ E[(N − 10k)⁺]:
        //   k=0: 2,520 (all of it); k=1: 1,353.8; k=2: 604.4; k=3: 130.7; k=4: 5.7.
        // At $0.50 per overflowed request, k=0 costs $1,260 and any MU more than that: none.
        let pt = pt(10.0, 50.0, Some(0.5));
        assert!((toy_overflow(0) - 2_520.0).abs() < 1e-9);
        let cheap = pt.months(&[toy_month()], 1, Sizing::Optimal);
        assert_eq!(cheap[0].units, 0.0);
        assert!((cheap[0].cost_usd - 1_260.0).abs() < 1e-9);
        // At $10: k=0 $25,200; k=1 $8,400 + $13,538 = $21,938; k=2 $16,800 + $6,044 = $22,844;
        // k=3 $25,200 + $1,307 → k = 1, overflow share 1,353.8 / 2,520 = 53.7 %.
        let cost = |k: u64| 8_400.0 * k as f64 + 10.0 * toy_overflow(k);
        assert!(cost(1) < cost(0) && cost(1) < cost(2) && cost(2) < cost(3) && cost(3) < cost(4));
        let dear = Pt { overflow_usd_per_request: Some(10.0), ..pt }.months(&[toy_month()], 1, Sizing::Optimal);
        assert_eq!(dear[0].units, 1.0);
        assert!((dear[0].cost_usd / cost(1) - 1.0).abs() < 1e-9);
        assert!((dear[0].overflow_share / (toy_overflow(1) / 2_520.0) - 1.0).abs() < 1e-9);
        // Peak sizing: 40 / 10 = 4 MUs, $33,600, and the minutes above the 99th percentile still
        // overflow: 5.7 requests at $0.50.
        let peak = pt.months(&[toy_month()], 1, Sizing::Peak);
        assert_eq!(peak[0].units, 4.0);
        assert!((peak[0].cost_usd / (33_600.0 + 0.5 * toy_overflow(4)) - 1.0).abs() < 1e-9);
        assert!((peak[0].overflow_share / (toy_overflow(4) / 2_520.0) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn purchases_start_at_the_minimum_and_go_up_in_steps() {
        // Azure's global PTUs: at least 15, then 5 at a time. The toy week's busiest minute brings
        // 40 requests: at 1 a minute per unit it needs 40 units = 15 + 5 · 5 (level 6); at 2, 20
        // = 15 + 5 (level 2); at 10, 4, and the minimum of 15 is bought (level 1).
        let azure = |c: f64| Pt { min_units: 15, increment: 5, ..pt(c, 1.0, None) };
        for (c, level, units) in [(1.0, 6, 40), (2.0, 2, 20), (10.0, 1, 15)] {
            let o = azure(c);
            assert_eq!((o.peak_level(&toy_month()), o.units(o.peak_level(&toy_month()))), (level, units), "{c}");
        }
        // At a hair over 40 / 22 a minute per unit it needs ⌈21.99…⌉ = 22 units, bought as 25 (level 3).
        assert_eq!(azure(40.0 / 22.0 + 1e-9).units(azure(40.0 / 22.0 + 1e-9).peak_level(&toy_month())), 25);
        // A fixed count of units is the level that buys exactly it; its month costs 20 · $1 · 168.
        let m = azure(2.0).months(&[toy_month()], 1, Sizing::Fixed(20));
        assert_eq!((m[0].units, m[0].cost_usd), (20.0, 20.0 * 168.0));
        assert_eq!(azure(2.0).level_of(20), 2);
    }

    #[test]
    fn rejected_overflow_costs_nothing_but_is_reported() {
        // 2 MUs at c = 10: E[(N₃₀ − 20)⁺] + E[(N₁₂ − 20)⁺] a minute over 60 minutes, 604.4 of
        // 2,520 requests, rejected; cost 2 · 50 · 168.
        let pt = pt(10.0, 50.0, None);
        let m = pt.months(&[toy_month()], 1, Sizing::Fixed(2));
        assert_eq!(m[0].cost_usd, 16_800.0);
        assert!((m[0].overflow_share / (toy_overflow(2) / 2_520.0) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn a_month_without_requests_overflows_nothing() {
        // A plan member serving only share-0 workloads: no requests, an overflow share of 0, not 0/0.
        let idle = MonthLoad::new(
            0.0,
            vec![SlotLoad { mean_per_min: 0.0, peak_per_min: 0.0 }; 168],
            60.0,
            crate::model::traffic::load::Peaks::All,
            1.0,
        );
        let pt = pt(10.0, 50.0, None);
        let m = pt.months(&[idle], 1, Sizing::Fixed(1));
        assert_eq!((m[0].cost_usd, m[0].overflow_share), (8_400.0, 0.0));
    }
}
