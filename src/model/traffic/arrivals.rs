//! Per-minute arrival counts (docs/model.md#arrivals-and-peaks): Poisson when burstiness is 1, else negative
//! binomial with the same mean and variance `b·μ` (r = μ/(b−1), p = 1/b). Quantiles size
//! capacity; expected excess over a limit gives throttled shares.
//!
//! Both distributions share the pmf recurrence `p(k+1)/p(k) = (k(1 − 1/b) + μ/b) / (k + 1)`.
//! The fast path starts where the answer is (a Cornish–Fisher guess for a quantile, the limit
//! for an excess), takes `ln p(k)` from statrs' log-gamma there (with a Stirling difference when
//! r is huge) and walks the recurrence over the tail it needs. If that start underflows, the
//! exact fallback walks the whole support from the mode with unnormalised weights, which needs
//! no special function at all.
//!
//! A walk costs about 10σ + 42(b − 1) steps (the spread, then a tail decaying like (1 − 1/b)ᵏ),
//! so beyond [`WALK_LIMIT`] steps the work no longer depends on the mean: the saddlepoint tail
//! of [`crate::model::traffic::tail`] when r = μ/(b − 1) ≥ [`SADDLE_MIN_R`] (or Poisson), else statrs'
//! regularised incomplete beta, P(M ≤ k) = I_p(r, k + 1), bisected over k.
use crate::model::traffic::tail::{self, Tail};
use statrs::distribution::{ContinuousCDF, Normal};
use statrs::function::gamma::ln_gamma;

/// Tail terms below this fraction of the running sum are dropped.
const NEGLIGIBLE: f64 = 1e-18;
/// b − 1 below this is Poisson: the variance differs by under 0.1 %.
const POISSON_WITHIN: f64 = 1e-3;
/// Walks longer than this many steps give way to a method whose cost does not grow with μ.
pub const WALK_LIMIT: f64 = 2_000.0;
/// The saddlepoint's relative error falls as 1/r; from r = 10 its quantiles are within one
/// arrival of the exact ones (tested against statrs below).
pub const SADDLE_MIN_R: f64 = 10.0;

/// Arrivals in one minute.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Arrivals {
    /// Mean count per minute, μ.
    pub mean: f64,
    /// Variance / mean, b ≥ 1.
    pub burstiness: f64,
}

/// lnΓ(k + r) − lnΓ(r), without the cancellation of two huge log-gammas when r ≫ k.
fn ln_gamma_ratio(k: f64, r: f64) -> f64 {
    if r < 1e5 {
        ln_gamma(k + r) - ln_gamma(r)
    } else {
        // Stirling: lnΓ(z) = (z − ½)ln z − z + ½ln 2π + 1/(12z) − O(z⁻³), differenced.
        k * r.ln() + (k + r - 0.5) * (k / r).ln_1p() - k + 1.0 / (12.0 * (k + r)) - 1.0 / (12.0 * r)
    }
}

impl Arrivals {
    pub fn new(mean: f64, burstiness: f64) -> Self {
        let b = burstiness.max(1.0);
        Self { mean: mean.max(0.0), burstiness: if b - 1.0 < POISSON_WITHIN { 1.0 } else { b } }
    }

    /// p(k+1) / p(k).
    fn ratio(&self, k: u64) -> f64 {
        let (b, k) = (self.burstiness, k as f64);
        (k * (1.0 - 1.0 / b) + self.mean / b) / (k + 1.0)
    }

    /// p(k), from log-gamma.
    fn pmf(&self, k: u64) -> f64 {
        let (mu, b, kf) = (self.mean, self.burstiness, k as f64);
        let ln = if b == 1.0 {
            kf * mu.ln() - mu - ln_gamma(kf + 1.0)
        } else {
            let r = mu / (b - 1.0);
            ln_gamma_ratio(kf, r) - ln_gamma(kf + 1.0) - r * b.ln() + kf * ((b - 1.0) / b).ln()
        };
        ln.exp()
    }

    fn mode(&self) -> u64 {
        // p(k) ≥ p(k−1) ⇔ k ≤ μ + 1 − b.
        (self.mean + 1.0 - self.burstiness).floor().max(0.0) as u64
    }

    /// Σ_{j > k} f(j) p(j), walking up from k + 1 until the terms no longer count.
    fn sum_above(&self, k: u64, f: impl Fn(u64) -> f64) -> f64 {
        let (mode, mut j, mut p, mut sum) = (self.mode(), k + 1, self.pmf(k + 1), 0.0);
        loop {
            let term = f(j) * p;
            sum += term;
            // A subnormal p is negligible, and must stop the walk: rounding can hold it at the
            // smallest subnormal for ever (ratio > ½), where NEGLIGIBLE · sum underflows to 0.
            if j > mode && (p < f64::MIN_POSITIVE || term.abs() <= NEGLIGIBLE * sum.abs()) {
                return sum;
            }
            p *= self.ratio(j);
            j += 1;
        }
    }

    /// Steps a walk over this distribution's bulk and tail takes, roughly.
    fn walk_steps(&self) -> f64 {
        10.0 * (self.burstiness * self.mean).sqrt() + 42.0 * (self.burstiness - 1.0)
    }

    /// r = μ/(b − 1); infinite for Poisson.
    fn shape(&self) -> f64 {
        if self.burstiness == 1.0 { f64::INFINITY } else { self.mean / (self.burstiness - 1.0) }
    }

    /// The quantile as a double: whole up to 2⁵³, and past u64's range too.
    pub fn peak(&self, q: f64) -> f64 {
        if self.mean > 0.0 && self.walk_steps() > WALK_LIMIT && self.shape() >= SADDLE_MIN_R {
            Tail::new(self.mean, self.burstiness).quantile(q)
        } else {
            self.quantile(q) as f64
        }
    }

    /// The smallest k with P(M ≤ k) ≥ q (q in (0, 1)), saturating at u64::MAX.
    pub fn quantile(&self, q: f64) -> u64 {
        if self.mean <= 0.0 {
            return 0;
        }
        if self.walk_steps() <= WALK_LIMIT {
            return self.quantile_walked(q);
        }
        let (r, b) = (self.shape(), self.burstiness);
        let start = || Tail::new(self.mean, b).quantile(q) as u64;
        if r >= SADDLE_MIN_R {
            return start();
        }
        tail::walked_quantile(r, b, q).unwrap_or_else(|| tail::beta_quantile(r, b, q, start()))
    }

    /// The quantile by the walk: start at a Cornish–Fisher guess and walk the tail.
    fn quantile_walked(&self, q: f64) -> u64 {
        // Cornish–Fisher guess: μ + σ(z + (z² − 1)γ/6), γ the skewness (2b − 1)/√(bμ).
        let (mu, b) = (self.mean, self.burstiness);
        let sd = (b * mu).sqrt();
        let z = Normal::standard().inverse_cdf(q);
        let guess = mu + sd * (z + (z * z - 1.0) * (2.0 * b - 1.0) / sd / 6.0);
        let mut k = guess.round().max(0.0) as u64;
        let mut pk = self.pmf(k);
        if !(pk > 0.0 && pk.is_finite()) {
            return self.quantile_by_walk(q);
        }
        let mut cdf = 1.0 - self.sum_above(k, |_| 1.0);
        if cdf >= q {
            // Step down while the cdf one lower still reaches q.
            while k > 0 && cdf - pk >= q {
                cdf -= pk;
                k -= 1;
                pk /= self.ratio(k);
            }
            k
        } else {
            while cdf < q {
                pk *= self.ratio(k);
                k += 1;
                cdf += pk;
            }
            k
        }
    }

    /// E[(M − cap)⁺]: expected arrivals per minute above a limit of `cap` per minute.
    pub fn expected_excess(&self, cap: f64) -> f64 {
        if self.mean <= 0.0 {
            return 0.0;
        }
        if self.walk_steps() > WALK_LIMIT {
            return self.excess_unwalked(cap.max(0.0));
        }
        let floor = cap.max(0.0).floor() as u64;
        if cap >= self.mean {
            // Upper tail directly: Σ_{k > cap} (k − cap) p(k).
            self.sum_above(floor, |k| k as f64 - cap) + 0.0
        } else {
            // E[M − cap] + Σ_{k ≤ cap} (cap − k) p(k), walking down from ⌊cap⌋.
            let (mut k, mut p, mut below) = (floor, self.pmf(floor), 0.0);
            loop {
                let term = (cap - k as f64) * p;
                below += term;
                // Relative to the whole result: the terms vanish geometrically below the mode.
                // The next term is at most (cap − k + 1)·p: stop once that no longer counts.
                let next = (cap - k as f64 + 1.0) * p;
                if k == 0 || p == 0.0 || (k < self.mode() && next <= NEGLIGIBLE * (self.mean - cap + below)) {
                    break;
                }
                k -= 1;
                p /= self.ratio(k);
            }
            self.mean - cap + below
        }
    }

    /// A Chernoff bound on what lies past `cap` away from the mean ([`Tail::excess_bound`]):
    /// above the mean it bounds [`Self::expected_excess`]; below, the amount by which that
    /// exceeds μ − cap, E[(cap − M)⁺]. A few logarithms, whatever μ.
    pub fn excess_bound(&self, cap: f64) -> f64 {
        Tail::new(self.mean, self.burstiness).excess_bound(cap)
    }

    /// How far [`Self::expected_excess`] can lie from 0 (cap above the mean) or from μ − cap
    /// (below) where an overflow sum skips it (docs/model.md#overflow): the Chernoff bound of
    /// the exact value, and, where the skew-corrected normal stands in for it, also how far
    /// that can be from the same: with n = ⌊cap⌋ and z = (n − μ)/σ, its σ(φ(z) − zQ(z) +
    /// γzφ(z)/6) is (μ − n) + σ(φ(z) + zΦ(z) + γzφ(z)/6), and |zΦ(z)| ≤ φ(z) for z < 0 (Mills),
    /// φ(z) − zQ(z) ≤ φ(z) for z > 0: within σφ(z)(2 + γ|z|/6) of 0 or μ − n either way.
    pub fn skip_bound(&self, cap: f64) -> f64 {
        let chernoff = self.excess_bound(cap);
        if !(self.walk_steps() > WALK_LIMIT && self.shape() >= SADDLE_MIN_R) {
            return chernoff;
        }
        let sd = (self.burstiness * self.mean).sqrt();
        let z = (cap.max(0.0).floor() - self.mean) / sd;
        let gamma = (2.0 * self.burstiness - 1.0) / sd;
        let phi = (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt();
        chernoff.max(sd * phi * (2.0 + gamma * z.abs() / 6.0))
    }

    /// E[(M − cap)⁺] at a cost independent of μ. Σ_{k>n} k·p(k) = μ·P(M' ≥ n) with M' the
    /// negative binomial of shape r + 1 (k·p_r(k) = μ·p_{r+1}(k − 1)), so for n = ⌊cap⌋ the
    /// excess is μ·P(M' ≥ n) − cap·P(M ≥ n + 1), both tails from statrs' incomplete beta.
    /// Large r takes the skew-corrected normal of [`Tail::expected_excess`] instead, as the
    /// two tails would cancel there.
    fn excess_unwalked(&self, cap: f64) -> f64 {
        let r = self.shape();
        if r >= SADDLE_MIN_R {
            return Tail::new(self.mean, self.burstiness).expected_excess(cap);
        }
        tail::beta_excess(self.mean, r, self.burstiness, cap)
    }

    /// Whether [`Self::expected_excess`] takes the skew-corrected normal, the one approximate
    /// method (within σ/r of the exact sum).
    #[cfg(test)]
    pub(crate) fn excess_is_approximate(&self) -> bool {
        self.mean > 0.0 && self.walk_steps() > WALK_LIMIT && self.shape() >= SADDLE_MIN_R
    }

    /// The exact fallback: unnormalised weights over the whole support, from the mode out.
    fn quantile_by_walk(&self, q: f64) -> u64 {
        let mode = self.mode();
        let mut up = vec![1.0];
        while let Some(&w) = up.last() {
            let next = w * self.ratio(mode + up.len() as u64 - 1);
            if next < 1e-21 {
                break;
            }
            up.push(next);
        }
        let mut down = Vec::new();
        let mut w = 1.0;
        for k in (0..mode).rev() {
            w /= self.ratio(k);
            if w < 1e-21 {
                break;
            }
            down.push(w);
        }
        let total = up.iter().sum::<f64>() + down.iter().sum::<f64>();
        let target = q * total;
        let mut cum: f64 = down.iter().sum();
        let mut k = mode;
        if cum >= target {
            for d in &down {
                if cum - d < target {
                    return k - 1;
                }
                cum -= d;
                k -= 1;
            }
            return k;
        }
        for (i, u) in up.iter().enumerate() {
            cum += u;
            if cum >= target {
                return mode + i as u64;
            }
        }
        mode + up.len() as u64 - 1
    }
}

#[cfg(test)]
#[path = "arrivals_tests.rs"]
mod tests;
