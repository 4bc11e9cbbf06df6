//! Per-minute arrival counts (DESIGN §4.2): Poisson when burstiness is 1, else negative
//! binomial with the same mean and variance `b·μ`. Quantiles size capacity; expected excess
//! over a limit gives throttled shares.
use statrs::distribution::{DiscreteCDF, NegativeBinomial, Poisson};
use statrs::function::gamma::ln_gamma;

/// Standard deviations either side of the mean that the pmf walk covers; outside this window
/// the probability is below 1e-30 for every mean and burstiness we accept.
const WINDOW_SD: f64 = 13.0;

/// Arrivals in one minute.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Arrivals {
    /// Mean count per minute, μ.
    pub mean: f64,
    /// Variance / mean, b ≥ 1.
    pub burstiness: f64,
}

impl Arrivals {
    pub fn new(mean: f64, burstiness: f64) -> Self {
        Self { mean: mean.max(0.0), burstiness: burstiness.max(1.0) }
    }

    fn poisson(&self) -> bool {
        self.burstiness < 1.0 + 1e-9
    }

    /// Negative-binomial (r, p) with mean r(1−p)/p = μ and variance/mean 1/p = b.
    fn nb_params(&self) -> (f64, f64) {
        let p = 1.0 / self.burstiness;
        (self.mean / (self.burstiness - 1.0), p)
    }

    fn sd(&self) -> f64 {
        (self.burstiness * self.mean).sqrt()
    }

    fn window(&self) -> (u64, u64) {
        let spread = WINDOW_SD * self.sd() + 10.0;
        ((self.mean - spread).max(0.0).floor() as u64, (self.mean + spread).ceil() as u64)
    }

    fn ln_pmf(&self, k: u64) -> f64 {
        let kf = k as f64;
        if self.poisson() {
            kf * self.mean.ln() - self.mean - ln_gamma(kf + 1.0)
        } else {
            let (r, p) = self.nb_params();
            ln_gamma(kf + r) - ln_gamma(r) - ln_gamma(kf + 1.0) + r * p.ln() + kf * (1.0 - p).ln()
        }
    }

    /// P(M ≤ k), from statrs' incomplete gamma / beta functions.
    fn cdf(&self, k: u64) -> f64 {
        if self.poisson() {
            Poisson::new(self.mean).map_or(1.0, |d| d.cdf(k))
        } else {
            let (r, p) = self.nb_params();
            NegativeBinomial::new(r, p).map_or(1.0, |d| d.cdf(k))
        }
    }

    /// (k, P(M = k)) for k = from, from+1, … by the pmf recurrence.
    fn pmf_from(&self, from: u64) -> impl Iterator<Item = (u64, f64)> + '_ {
        let mut p = self.ln_pmf(from).exp();
        let (r, nb_q) = if self.poisson() { (0.0, 0.0) } else { (self.nb_params().0, 1.0 - self.nb_params().1) };
        (from..).map(move |k| {
            let out = (k, p);
            let kf = k as f64;
            p *= if self.poisson() { self.mean / (kf + 1.0) } else { (kf + r) / (kf + 1.0) * nb_q };
            out
        })
    }

    /// The smallest k with P(M ≤ k) ≥ q (q in (0, 1)).
    pub fn quantile(&self, q: f64) -> u64 {
        if self.mean <= 0.0 {
            return 0;
        }
        let (lo, hi) = self.window();
        let mut cum = if lo == 0 { 0.0 } else { self.cdf(lo - 1) };
        for (k, p) in self.pmf_from(lo) {
            cum += p;
            // Past the window only a heavy negative-binomial tail is left; stop if it underflows.
            if cum >= q || (k >= hi && p == 0.0) {
                return k;
            }
        }
        unreachable!("the pmf walk is unbounded")
    }

    /// E[(M − cap)⁺]: expected arrivals per minute above a limit of `cap` per minute.
    pub fn expected_excess(&self, cap: f64) -> f64 {
        if self.mean <= 0.0 {
            return 0.0;
        }
        let (lo, hi) = self.window();
        if cap >= self.mean {
            // Upper tail directly: Σ_{k > cap} (k − cap) p(k).
            let start = (cap.floor() as u64 + 1).max(lo);
            let mut sum = 0.0;
            for (k, p) in self.pmf_from(start) {
                let term = (k as f64 - cap) * p;
                sum += term;
                // Beyond the window, stop once the terms no longer move the sum.
                if k >= hi && term <= 1e-17 * sum.max(f64::MIN_POSITIVE) {
                    break;
                }
            }
            sum
        } else {
            // E[M − cap] + Σ_{k ≤ cap} (cap − k) p(k), which avoids summing a long upper tail.
            let below: f64 = if cap < lo as f64 {
                0.0
            } else {
                self.pmf_from(lo).take_while(|(k, _)| (*k as f64) <= cap).map(|(k, p)| (cap - k as f64) * p).sum()
            };
            self.mean - cap + below
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn no_traffic_needs_nothing() {
        assert_eq!(Arrivals::new(0.0, 1.0).quantile(0.99), 0);
        assert_eq!(Arrivals::new(0.0, 2.0).expected_excess(1.0), 0.0);
    }
}
