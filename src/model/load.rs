//! A month's load over the week of 168 hour slots: mean and peak arrivals per minute.
use super::arrivals::Arrivals;
use super::traffic::{SLOTS, slot_weights};
use crate::scenario::Scenario;
use std::collections::HashMap;

/// One hour slot of the week in one month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SlotLoad {
    /// Mean requests per minute, μ.
    pub mean_per_min: f64,
    /// The `peak_quantile` quantile of requests in a minute.
    pub peak_per_min: f64,
}

/// One month of traffic, slot by slot.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthLoad {
    /// Requests in the month.
    pub requests: f64,
    /// The 168 slots, Monday 00:00 first.
    pub slots: Vec<SlotLoad>,
    /// Minutes each slot accounts for in the month: 60 · hours_per_month / 168.
    pub minutes_per_slot: f64,
}

impl MonthLoad {
    /// Requests in the month above a capacity of `per_min` requests per minute (fluid model).
    pub fn overflow_requests(&self, per_min: f64) -> f64 {
        self.slots.iter().map(|s| (s.mean_per_min - per_min).max(0.0)).sum::<f64>() * self.minutes_per_slot
    }

    /// The largest slot peak.
    pub fn max_peak(&self) -> f64 {
        self.slots.iter().map(|s| s.peak_per_min).fold(0.0, f64::max)
    }
}

/// What turns a month's volume into slot loads.
#[derive(Debug, Clone)]
pub struct LoadModel {
    weights: Vec<f64>,
    hours_per_month: f64,
    burstiness: f64,
    quantile: f64,
}

impl LoadModel {
    pub fn new(s: &Scenario) -> Self {
        Self {
            weights: slot_weights(&s.traffic),
            hours_per_month: s.hours_per_month,
            burstiness: s.traffic.burstiness,
            quantile: s.peak_quantile,
        }
    }

    /// The slot loads of a month of `requests`. Slots of equal weight share one quantile.
    pub fn month(&self, requests: f64) -> MonthLoad {
        let mut peaks: HashMap<u64, f64> = HashMap::new();
        let slots = self
            .weights
            .iter()
            .map(|&w| {
                // μ = 60 λ = 60 · V w / (3600 H) = V w / (60 H) requests per minute.
                let mean = requests * w / (60.0 * self.hours_per_month);
                let peak = *peaks
                    .entry(mean.to_bits())
                    .or_insert_with(|| Arrivals::new(mean, self.burstiness).peak(self.quantile));
                SlotLoad { mean_per_min: mean, peak_per_min: peak }
            })
            .collect();
        MonthLoad { requests, slots, minutes_per_slot: 60.0 * self.hours_per_month / SLOTS as f64 }
    }
}

/// `ceil(x)`, treating values within 1e-9 of an integer as that integer (docs/model.md#provisioned-throughput).
pub fn ceil_tol(x: f64) -> f64 {
    let r = x.round();
    if (x - r).abs() < 1e-9 { r } else { x.ceil() }
}

/// The smallest minimiser of `f` over `lo..=hi` for `f` convex on that range (ties → smaller).
pub fn smallest_minimiser(lo: u64, hi: u64, f: impl Fn(u64) -> f64) -> u64 {
    let (mut a, mut b) = (lo, hi);
    // Invariant: a minimiser lies in a..=b; stop at the first k where f(k+1) ≥ f(k).
    while a < b {
        let m = a + (b - a) / 2;
        let (fm, fn_) = (f(m), f(m + 1));
        if fn_ < fm - 1e-9 * fm.abs().max(1.0) { a = m + 1 } else { b = m }
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ceil_tolerates_float_noise() {
        assert_eq!(ceil_tol(3.0000000001), 3.0);
        assert_eq!(ceil_tol(2.9999999999), 3.0);
        assert_eq!(ceil_tol(3.01), 4.0);
    }

    #[test]
    fn minimiser_of_a_convex_staircase_takes_the_smaller_tie() {
        // f(k) = |k − 7| + 0 for k ≤ 7, flat 0 between 7 and 9, rising after: minimisers 7..=9 → 7.
        let f = |k: u64| {
            if k < 7 {
                (7 - k) as f64
            } else if k <= 9 {
                0.0
            } else {
                (k - 9) as f64
            }
        };
        assert_eq!(smallest_minimiser(0, 20, f), 7);
        assert_eq!(smallest_minimiser(0, 0, f), 0);
        // Decreasing all the way: the top.
        assert_eq!(smallest_minimiser(0, 5, |k| -(k as f64)), 5);
    }

    #[test]
    fn overflow_is_the_fluid_excess_over_capacity() {
        // Two slots at 10 and 4 req/min, the rest idle; a 730-hour month: each slot is
        // 60 · 730/168 = 260.714… minutes. Capacity 6/min: overflow (10 − 6) · 260.714 = 1,042.86.
        let mut slots = vec![SlotLoad { mean_per_min: 0.0, peak_per_min: 0.0 }; 168];
        slots[0].mean_per_min = 10.0;
        slots[1].mean_per_min = 4.0;
        let m = MonthLoad { requests: 0.0, slots, minutes_per_slot: 60.0 * 730.0 / 168.0 };
        assert!((m.overflow_requests(6.0) - 4.0 * 60.0 * 730.0 / 168.0).abs() < 1e-9);
    }
}
