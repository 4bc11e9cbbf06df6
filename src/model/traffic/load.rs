//! A month's load over the week of 168 hour slots: mean and peak arrivals per minute.
use crate::model::traffic::arrivals::Arrivals;
use crate::model::traffic::week::{SLOTS, slot_weights};
use crate::scenario::{OptionKind, Scenario};

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
    /// Which slots' `peak_per_min` were computed (the others hold 0).
    pub peaks: Peaks,
    /// Variance ÷ mean of the per-minute arrivals (docs/model.md#arrivals-and-peaks).
    pub burstiness: f64,
    /// The distinct slot means, busiest first, with how many slots have each: overflow is
    /// computed once per distinct mean (a shaped week has a few dozen, a flat one one).
    by_mean: Vec<(f64, usize)>,
}

/// Which per-minute peaks a month's load needs: quantiles cost more than anything else in the
/// model, so only the ones an option reads are computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Peaks {
    /// None: only on-demand options, which pay per request.
    None,
    /// The busiest slots' only: what bought capacity is sized on (PT, Reserved, fixed
    /// self-hosting). A quantile rises with the mean, so the busiest slot has the largest peak.
    Max,
    /// Every slot's: hourly self-hosting, and the load chart.
    All,
}

impl Peaks {
    /// What a scenario's options read.
    pub fn of(s: &Scenario) -> Peaks {
        s.options
            .iter()
            .filter(|o| o.standalone)
            .map(|o| match &o.kind {
                OptionKind::OnDemand { .. } => Peaks::None,
                OptionKind::Provisioned { .. } | OptionKind::Reserved { .. } => Peaks::Max,
                OptionKind::SelfHosted(sh) if sh.scaling == crate::scenario::Scaling::Hourly => Peaks::All,
                OptionKind::SelfHosted(_) => Peaks::Max,
            })
            .max()
            .unwrap_or(Peaks::None)
    }
}

impl MonthLoad {
    pub fn new(requests: f64, slots: Vec<SlotLoad>, minutes_per_slot: f64, peaks: Peaks, burstiness: f64) -> Self {
        let mut means: Vec<f64> = slots.iter().map(|s| s.mean_per_min).filter(|&m| m > 0.0).collect();
        means.sort_by(|a, b| b.total_cmp(a));
        let mut by_mean: Vec<(f64, usize)> = Vec::new();
        for m in means {
            match by_mean.last_mut() {
                Some((last, n)) if *last == m => *n += 1,
                _ => by_mean.push((m, 1)),
            }
        }
        Self { requests, slots, minutes_per_slot, peaks, burstiness, by_mean }
    }

    /// Expected requests a minute above a capacity of `per_min` in a slot of mean `mean`:
    /// E[(M − c)⁺] of the per-minute arrivals that size the capacity (docs/model.md#overflow).
    pub fn excess_per_min(&self, mean: f64, per_min: f64) -> f64 {
        Arrivals::new(mean, self.burstiness).expected_excess(per_min)
    }

    /// Requests in the month above a capacity of `per_min` requests per minute, minute by
    /// minute: `Σ_slots minutes · E[(M_s − c)⁺]` (docs/model.md#overflow), within 2·[`SKIP`]
    /// of itself ([`excess_sum`]). Convex in `per_min` (to that tolerance), as sizing needs.
    pub fn overflow_requests(&self, per_min: f64) -> f64 {
        excess_sum(&self.by_mean, self.burstiness, per_min) * self.minutes_per_slot
    }

    /// `Σ_slots E[(M_s − q)⁺]` for each slot's arrivals scaled by `scale` (calls per request)
    /// at burstiness `b`: the calls a minute above a quota of `q`, summed over the week's slots,
    /// within 2·[`SKIP`] of itself ([`excess_sum`]).
    pub fn excess_over(&self, scale: f64, b: f64, q: f64) -> f64 {
        let scaled: Vec<(f64, usize)> = self.by_mean.iter().map(|&(m, n)| (m * scale, n)).collect();
        excess_sum(&scaled, b, q)
    }

    /// The largest slot peak.
    pub fn max_peak(&self) -> f64 {
        debug_assert!(self.peaks >= Peaks::Max, "the peaks of this load were not computed");
        self.slots.iter().map(|s| s.peak_per_min).fold(0.0, f64::max)
    }
}

/// Terms of an overflow sum may be dropped while what they could add is below this fraction of
/// the sum: far under the 1e-9 to which any figure is compared or printed.
pub const SKIP: f64 = 1e-13;

/// `Σ n · E[(M_μ − c)⁺]` over distinct means `μ` (each `n` slots, busiest first) of arrivals of
/// burstiness `b` and a capacity `c ≥ 0`, within a relative 2·[`SKIP`] of the full sum,
/// evaluating only the slots whose mean lies near `c` (docs/model.md#overflow).
///
/// The arrivals of a larger mean are those of a smaller one plus an independent count (sums of
/// Poisson or of negative binomials of one `b` add their means), so E[(M_μ − c)⁺] rises with μ
/// and E[(c − M_μ)⁺] falls. Below `c`, busiest first: once the slots left, each at most the
/// current slot's skip bound ([`Arrivals::skip_bound`]: its Chernoff bound, widened where the
/// skew-corrected normal stands in for the exact sum), add at most `SKIP` of the sum so far,
/// they are dropped. Above `c`, least busy first: E[(M − c)⁺] = μ − c + E[(c − M)⁺], and
/// once the corrections left are bounded likewise by `SKIP` of Σ n(μ − c) (which the sum
/// exceeds), the busier slots count μ − c alone. The sum moves by at most 2·`SKIP` of itself.
pub fn excess_sum(by_mean: &[(f64, usize)], b: f64, c: f64) -> f64 {
    let arrivals = |m: f64| Arrivals::new(m, b);
    let split = by_mean.partition_point(|&(m, _)| m > c);
    let (above, below) = by_mean.split_at(split);
    let fluid = |slots: &[(f64, usize)]| slots.iter().map(|&(m, n)| n as f64 * (m - c)).sum::<f64>();
    let all_fluid = fluid(above);
    let mut left: f64 = above.iter().map(|&(_, n)| n as f64).sum();
    let mut sum = 0.0;
    for (i, &(m, n)) in above.iter().enumerate().rev() {
        let a = arrivals(m);
        if left * a.skip_bound(c) <= SKIP * all_fluid {
            sum += fluid(&above[..=i]);
            break;
        }
        sum += n as f64 * a.expected_excess(c);
        left -= n as f64;
    }
    let mut left: f64 = below.iter().map(|&(_, n)| n as f64).sum();
    for &(m, n) in below {
        let a = arrivals(m);
        if sum > 0.0 && left * a.skip_bound(c) <= SKIP * sum {
            break;
        }
        sum += n as f64 * a.expected_excess(c);
        left -= n as f64;
    }
    sum
}

/// What turns a month's volume into slot loads.
#[derive(Debug, Clone)]
pub struct LoadModel {
    weights: Vec<f64>,
    /// Slots grouped by equal weight, once per scenario: (weight, its slots), busiest first.
    groups: Vec<(f64, Vec<usize>)>,
    hours_per_month: f64,
    burstiness: f64,
    quantile: f64,
    /// The peaks the scenario's options read.
    pub peaks: Peaks,
}

impl LoadModel {
    pub fn new(s: &Scenario) -> Self {
        let weights = slot_weights(&s.traffic);
        let mut groups: Vec<(f64, Vec<usize>)> = Vec::new();
        for (slot, &w) in weights.iter().enumerate() {
            match groups.iter_mut().find(|(gw, _)| *gw == w) {
                Some((_, slots)) => slots.push(slot),
                None => groups.push((w, vec![slot])),
            }
        }
        groups.sort_by(|a, b| b.0.total_cmp(&a.0));
        Self {
            weights,
            groups,
            hours_per_month: s.hours_per_month,
            burstiness: s.traffic.burstiness,
            quantile: s.peak_quantile,
            peaks: Peaks::of(s),
        }
    }

    /// The slot loads of a month of `requests`, with the peaks the scenario's options read.
    pub fn month(&self, requests: f64) -> MonthLoad {
        self.month_with(requests, self.peaks)
    }

    /// The slot loads of a month of `requests`, with the peaks asked for (one quantile per
    /// group of equal slot weights).
    pub fn month_with(&self, requests: f64, peaks: Peaks) -> MonthLoad {
        // μ = 60 λ = 60 · V w / (3600 H) = V w / (60 H) requests per minute.
        let mean = |w: f64| requests * w / (60.0 * self.hours_per_month);
        let mut slots: Vec<SlotLoad> =
            self.weights.iter().map(|&w| SlotLoad { mean_per_min: mean(w), peak_per_min: 0.0 }).collect();
        let computed = match peaks {
            Peaks::None => 0,
            Peaks::Max => 1,
            Peaks::All => self.groups.len(),
        };
        for (w, group) in self.groups.iter().take(computed) {
            let peak = Arrivals::new(mean(*w), self.burstiness).peak(self.quantile);
            group.iter().for_each(|&s| slots[s].peak_per_min = peak);
        }
        MonthLoad::new(requests, slots, 60.0 * self.hours_per_month / SLOTS as f64, peaks, self.burstiness)
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
pub(crate) mod tests {
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

    /// E[(N − c)⁺] of a Poisson count of mean λ and a whole c, in closed form:
    /// Σ_{k>c} (k − c)·p(k) = Σ_{k>c} k·p(k) − c·P(N > c), and k·p(k) = λ·p(k − 1), so
    /// E[(N − c)⁺] = λ·P(N ≥ c) − c·P(N > c).
    pub(crate) fn poisson_excess(lambda: f64, c: u64) -> f64 {
        use statrs::distribution::{DiscreteCDF, Poisson};
        let n = Poisson::new(lambda).unwrap();
        let at_least = if c == 0 { 1.0 } else { n.sf(c - 1) };
        lambda * at_least - c as f64 * n.sf(c)
    }

    #[test]
    fn overflow_is_the_expected_excess_of_each_minute() {
        // Two slots at 10 and 4 req/min (Poisson), the rest idle; a 730-hour month: each slot is
        // 60 · 730/168 = 260.714… minutes. Capacity 6/min: overflow is
        // 260.714 · (E[(N₁₀ − 6)⁺] + E[(N₄ − 6)⁺]), more than the fluid (10 − 6) · 260.714.
        let mut slots = vec![SlotLoad { mean_per_min: 0.0, peak_per_min: 0.0 }; 168];
        slots[0].mean_per_min = 10.0;
        slots[1].mean_per_min = 4.0;
        let minutes = 60.0 * 730.0 / 168.0;
        let m = MonthLoad::new(0.0, slots, minutes, Peaks::All, 1.0);
        let expected = minutes * (poisson_excess(10.0, 6) + poisson_excess(4.0, 6));
        assert!((m.overflow_requests(6.0) / expected - 1.0).abs() < 1e-9, "{}", m.overflow_requests(6.0));
        assert!(m.overflow_requests(6.0) > 4.0 * minutes);
        // No capacity: every request overflows, 14 a minute.
        assert!((m.overflow_requests(0.0) - 14.0 * minutes).abs() < 1e-9);
    }

    #[test]
    fn the_skipping_sum_meets_the_full_sum() {
        // A week of 48 distinct means, 0.2 to 1.4 of a base in uneven steps (some shared by
        // several slots), at bases from 0.5 to 1e7 a minute, every burstiness regime (walk,
        // incomplete beta, skew-corrected normal), and capacities from none to far past the
        // busiest slot. The full sum evaluates every slot; the fast one may drop at most
        // 2·SKIP of itself (see excess_sum), plus 1e-15 for the order of the additions, where
        // every slot's excess is exact (walked, or from the incomplete beta). Where the
        // skew-corrected normal of large means stands in, the skip bound also covers how far
        // that is from 0 or μ − c, except its fractional term (c − ⌊c⌋)·P(M > ⌊c⌋) from a
        // saddlepoint tail: within a relative 1e-12 here, asserted.
        let shape: Vec<(f64, usize)> = (0..48).map(|i| (1.4 - 0.025 * i as f64, 1 + i % 4)).collect();
        for &b in &[1.0, 1.8, 10.0, 1000.0] {
            for &base in &[0.5, 30.0, 2_000.0, 150_000.0, 1e7] {
                let by_mean: Vec<(f64, usize)> = shape.iter().map(|&(w, n)| (w * base, n)).collect();
                let sd = (b * base).sqrt();
                let caps = [0.0, 0.3 * base, base - 3.0 * sd, base, base + 2.0 * sd, 1.4 * base + 5.0 * sd];
                for c in caps.into_iter().map(|c| c.max(0.0)).chain((1..=30).map(|i| 1.6 * base * i as f64 / 30.0)) {
                    let full: f64 =
                        by_mean.iter().map(|&(m, n)| n as f64 * Arrivals::new(m, b).expected_excess(c)).sum();
                    let fast = excess_sum(&by_mean, b, c);
                    let approximate = by_mean.iter().any(|&(m, _)| Arrivals::new(m, b).excess_is_approximate());
                    let bound = if approximate { 1e-12 } else { 2.0 * SKIP + 1e-15 } * full;
                    assert!((fast - full).abs() <= bound, "b {b}, base {base}, c {c}: {fast} vs {full}");
                }
            }
        }
    }

    #[test]
    fn a_quiet_slot_overflows_by_hand() {
        // Mean 2 a minute, capacity 3: E[(N − 3)⁺] = E[N − 3] + E[(3 − N)⁺]
        // = −1 + 3·p(0) + 2·p(1) + 1·p(2) = −1 + e⁻²·(3 + 4 + 2) = −1 + 9e⁻² = 0.21802 a minute,
        // where the hour's average (2 < 3) overflows nothing. One 60-minute slot: 13.08 requests.
        let mut slots = vec![SlotLoad { mean_per_min: 0.0, peak_per_min: 0.0 }; 168];
        slots[0].mean_per_min = 2.0;
        let m = MonthLoad::new(120.0, slots, 60.0, Peaks::All, 1.0);
        let by_hand = 60.0 * (-1.0 + 9.0 * (-2.0f64).exp());
        assert!((m.overflow_requests(3.0) - by_hand).abs() < 1e-9 * by_hand);
        assert!((poisson_excess(2.0, 3) * 60.0 - by_hand).abs() < 1e-9 * by_hand);
    }
}
