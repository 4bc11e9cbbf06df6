//! Per-minute arrival counts (DESIGN §4.2): Poisson when burstiness is 1, else negative
//! binomial with the same mean and variance `b·μ`. Quantiles size capacity; expected excess
//! over a limit gives throttled shares.
//!
//! Both distributions share one pmf recurrence, `p(k+1)/p(k) = (k(1 − 1/b) + μ/b) / (k + 1)`
//! (Poisson at b = 1; negative binomial with r = μ/(b−1), p = 1/b otherwise). Walking it out from
//! the mode with unnormalised weights and normalising by their sum needs no log-gamma and no
//! incomplete beta function, so it stays exact where those lose precision: very bursty traffic
//! (b ≥ 80, where p(0) underflows) and b just above 1 (where r is huge). statrs serves as the
//! independent oracle in the tests.

/// Weights below this fraction of the mode's are dropped: the tails beyond hold less than
/// 1e-18 of the mass for every mean and burstiness accepted.
const NEGLIGIBLE: f64 = 1e-21;

/// Arrivals in one minute.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Arrivals {
    /// Mean count per minute, μ.
    pub mean: f64,
    /// Variance / mean, b ≥ 1.
    pub burstiness: f64,
}

/// The distribution's weights relative to the mode (weight 1), tails cut where negligible.
struct Weights {
    /// Weights of k = mode, mode + 1, ….
    up: Vec<f64>,
    /// Weights of k = mode − 1, mode − 2, … (down to 0 at most).
    down: Vec<f64>,
    mode: u64,
    total: f64,
}

impl Weights {
    /// Σ of weights of k < mode.
    fn below_mode(&self) -> f64 {
        self.down.iter().sum()
    }
}

impl Arrivals {
    pub fn new(mean: f64, burstiness: f64) -> Self {
        Self { mean: mean.max(0.0), burstiness: burstiness.max(1.0) }
    }

    /// p(k+1) / p(k).
    fn ratio(&self, k: u64) -> f64 {
        let (b, k) = (self.burstiness, k as f64);
        (k * (1.0 - 1.0 / b) + self.mean / b) / (k + 1.0)
    }

    fn weights(&self) -> Weights {
        // p(k) ≥ p(k−1) ⇔ k ≤ μ + 1 − b: the mode is the largest such k.
        let mode = (self.mean + 1.0 - self.burstiness).floor().max(0.0) as u64;
        let mut up = vec![1.0];
        let mut k = mode;
        loop {
            let w = up[up.len() - 1] * self.ratio(k);
            if w < NEGLIGIBLE {
                break;
            }
            up.push(w);
            k += 1;
        }
        let mut down = Vec::new();
        let mut w = 1.0;
        for k in (0..mode).rev() {
            w /= self.ratio(k);
            if w < NEGLIGIBLE {
                break;
            }
            down.push(w);
        }
        let total = up.iter().sum::<f64>() + down.iter().sum::<f64>();
        Weights { up, down, mode, total }
    }

    /// The smallest k with P(M ≤ k) ≥ q (q in (0, 1)).
    pub fn quantile(&self, q: f64) -> u64 {
        if self.mean <= 0.0 {
            return 0;
        }
        let w = self.weights();
        let target = q * w.total;
        let mut cum = w.below_mode();
        if cum >= target {
            // Below the mode: step down while the cdf one lower still reaches the target.
            let mut k = w.mode;
            for d in &w.down {
                if cum - d < target {
                    return k - 1;
                }
                cum -= d;
                k -= 1;
            }
            return k;
        }
        for (i, u) in w.up.iter().enumerate() {
            cum += u;
            if cum >= target {
                return w.mode + i as u64;
            }
        }
        w.mode + w.up.len() as u64 - 1
    }

    /// E[(M − cap)⁺]: expected arrivals per minute above a limit of `cap` per minute.
    pub fn expected_excess(&self, cap: f64) -> f64 {
        if self.mean <= 0.0 {
            return 0.0;
        }
        let w = self.weights();
        let ks_up = w.up.iter().enumerate().map(|(i, x)| ((w.mode + i as u64) as f64, *x));
        let ks_down = w.down.iter().enumerate().map(|(i, x)| ((w.mode - 1 - i as u64) as f64, *x));
        if cap >= self.mean {
            // Upper tail directly: Σ_{k > cap} (k − cap) p(k).
            // `+ 0.0`: an empty sum is −0.0, which would print as "-0".
            ks_up.chain(ks_down).filter(|(k, _)| *k > cap).map(|(k, x)| (k - cap) * x).sum::<f64>() / w.total + 0.0
        } else {
            // E[M − cap] + Σ_{k ≤ cap} (cap − k) p(k): no long upper tail to sum.
            let below: f64 = ks_up.chain(ks_down).filter(|(k, _)| *k <= cap).map(|(k, x)| (cap - k) * x).sum();
            self.mean - cap + below / w.total
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use statrs::distribution::{DiscreteCDF, NegativeBinomial, Poisson};

    #[test]
    fn poisson_quantiles_match_hand_values() {
        // Poisson(4): cdf(4) = e⁻⁴(1 + 4 + 8 + 32/3 + 32/3) = 0.628837 ≥ 0.5 and cdf(3) = 0.433470 < 0.5.
        assert_eq!(Arrivals::new(4.0, 1.0).quantile(0.5), 4);
        // cdf(7) = 0.948866 < 0.95 ≤ cdf(8) = 0.978637 → the 95th percentile is 8.
        assert_eq!(Arrivals::new(4.0, 1.0).quantile(0.95), 8);
        // Poisson(1): cdf(3) = e⁻¹(1 + 1 + 1/2 + 1/6) = 0.981012 ≥ 0.98 → 3; cdf(2) = 0.919699.
        assert_eq!(Arrivals::new(1.0, 1.0).quantile(0.98), 3);
    }

    #[test]
    fn negative_binomial_geometric_case_matches_the_closed_form() {
        // b = 2, μ = 1 → p = 1/2, r = μ/(b−1) = 1: geometric, P(M ≤ k) = 1 − 0.5^(k+1).
        // 0.99 needs 0.5^(k+1) ≤ 0.01 → k + 1 ≥ log2(100) = 6.64 → k = 6.
        assert_eq!(Arrivals::new(1.0, 2.0).quantile(0.99), 6);
        // 0.75 needs 0.5^(k+1) ≤ 0.25 → k = 1.
        assert_eq!(Arrivals::new(1.0, 2.0).quantile(0.75), 1);
    }

    #[test]
    fn quantiles_agree_with_statrs_bisection_over_a_range_of_means() {
        for &mean in &[0.3, 2.5, 17.0, 140.0, 1_234.5, 48_000.0] {
            for &b in &[1.0, 1.5, 4.0, 60.0] {
                for &q in &[0.5, 0.9, 0.99, 0.999] {
                    let a = Arrivals::new(mean, b);
                    let want = if b == 1.0 {
                        Poisson::new(mean).unwrap().inverse_cdf(q)
                    } else {
                        NegativeBinomial::new(mean / (b - 1.0), 1.0 / b).unwrap().inverse_cdf(q)
                    };
                    assert_eq!(a.quantile(q), want, "mean {mean}, b {b}, q {q}");
                }
            }
        }
    }

    #[test]
    fn expected_excess_matches_direct_sums() {
        // Poisson(2) above 3: Σ_{k≥4} (k−3) p(k) = E[M] − 3 + Σ_{k≤3} (3−k) p(k)
        //   = 2 − 3 + e⁻²(3 + 2·2 + 1·2) = −1 + 9e⁻² = 0.218010.
        let a = Arrivals::new(2.0, 1.0);
        assert!((a.expected_excess(3.0) - (-1.0 + 9.0 * (-2.0f64).exp())).abs() < 1e-12);
        // Below the mean: E[(M − 1)⁺] = 2 − 1 + (1 − 0)·e⁻² = 1 + e⁻².
        assert!((a.expected_excess(1.0) - (1.0 + (-2.0f64).exp())).abs() < 1e-12);
        // A limit far above the mean throttles nothing; zero limit throttles everything.
        assert!(Arrivals::new(100.0, 1.0).expected_excess(1_000.0) < 1e-30);
        assert!((Arrivals::new(100.0, 3.0).expected_excess(0.0) - 100.0).abs() < 1e-9);
        // Geometric (b = 2, μ = 1) above 0.5: Σ_{k≥1} (k − 0.5)·0.5^(k+1) = 1 − 0.5·0.5 = 0.75.
        assert!((Arrivals::new(1.0, 2.0).expected_excess(0.5) - 0.75).abs() < 1e-12);
    }

    #[test]
    fn very_bursty_traffic_neither_hangs_nor_underflows() {
        // b = 100, μ = 16,500/min: p(0) = 0.01^(16,500/99) ≈ 1e-333 underflows a double. The 99th
        // percentile, from a direct pmf sum in Python (mpmath, 50 digits) by the reviewer: 19,634.
        assert_eq!(Arrivals::new(16_500.0, 100.0).quantile(0.99), 19_634);
        // The mean is recovered from the expected excess over 0 at any size.
        for mean in [16_000.0, 1.6e6] {
            let a = Arrivals::new(mean, 100.0);
            assert!((a.expected_excess(0.0) / mean - 1.0).abs() < 1e-9);
        }
    }

    #[test]
    fn burstiness_a_hair_above_one_is_poisson() {
        // b = 1 + 2e-9 has variance 1.000000002 μ: its quantiles are Poisson's.
        assert_eq!(Arrivals::new(1_000.0, 1.000_000_002).quantile(0.999), Arrivals::new(1_000.0, 1.0).quantile(0.999));
        assert_eq!(Arrivals::new(1_000.0, 1.0).quantile(0.999), Poisson::new(1_000.0).unwrap().inverse_cdf(0.999));
    }

    #[test]
    fn no_traffic_needs_nothing() {
        assert_eq!(Arrivals::new(0.0, 1.0).quantile(0.99), 0);
        assert_eq!(Arrivals::new(0.0, 2.0).expected_excess(1.0), 0.0);
    }
}
