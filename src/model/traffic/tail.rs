//! Arrival-count tails at large means without walking the support (docs/model.md#arrivals-and-peaks):
//! the Lugannani–Rice saddlepoint approximation with the second continuity correction for
//! P(M ≥ k) (Daniels 1987, "Tail probability approximations", Int. Stat. Review 55; Butler
//! 2007, *Saddlepoint Approximations with Applications*, §1.2), whose relative error falls as
//! 1/r (negative binomial, r = μ/(b−1)) or 1/μ (Poisson); and a skew-corrected normal for the
//! expected excess. Both cost a few logarithms whatever the mean.
use statrs::distribution::{ContinuousCDF, Normal};
use statrs::function::beta::beta_reg;
use statrs::function::erf::erfc;
use std::f64::consts::{FRAC_1_SQRT_2, PI};

/// (1 + t)·ln(1 + t) − t without cancellation near t = 0.
fn h(t: f64) -> f64 {
    if t.abs() < 1e-2 {
        // Σ_{n≥2} (−1)ⁿ tⁿ / (n(n − 1)): six terms reach 1e-17 relative at |t| = 0.01.
        let mut sum = 0.0;
        let mut power = t * t;
        for n in 2..9 {
            let n = n as f64;
            sum += power / (n * (n - 1.0));
            power *= -t;
        }
        sum
    } else {
        (1.0 + t) * t.ln_1p() - t
    }
}

/// The upper normal tail 1 − Φ(w), accurate far out.
fn upper_normal(w: f64) -> f64 {
    0.5 * erfc(w * FRAC_1_SQRT_2)
}

fn density(w: f64) -> f64 {
    (-0.5 * w * w).exp() / (2.0 * PI).sqrt()
}

/// Per-minute arrivals: mean μ and burstiness b (Poisson when b = 1).
#[derive(Debug, Clone, Copy)]
pub struct Tail {
    mean: f64,
    burstiness: f64,
}

impl Tail {
    pub fn new(mean: f64, burstiness: f64) -> Self {
        Self { mean, burstiness }
    }

    /// Skewness: (2b − 1)/√(bμ) for both distributions.
    fn skewness(&self) -> f64 {
        (2.0 * self.burstiness - 1.0) / (self.burstiness * self.mean).sqrt()
    }

    /// The saddlepoint ŝ of K'(s) = x (K the cumulant generating function), the deviance
    /// D = ŝx − K(ŝ) ≥ 0, and K''(ŝ), for x > 0.
    fn saddle(&self, x: f64) -> (f64, f64, f64) {
        let (mu, b) = (self.mean, self.burstiness);
        let t = (x - mu) / mu;
        if b == 1.0 {
            (t.ln_1p(), mu * h(t), x)
        } else {
            let r = mu / (b - 1.0);
            let u = (x - mu) / (r + mu);
            (t.ln_1p() - u.ln_1p(), mu * h(t) - (r + mu) * h(u), x * (r + x) / r)
        }
    }

    /// The signed root w, u and the saddlepoint ŝ of the Lugannani–Rice formula at `x`.
    fn roots(&self, x: f64) -> (f64, f64, f64) {
        let (s, d, k2) = self.saddle(x);
        let w = (2.0 * d.max(0.0)).sqrt().copysign(x - self.mean);
        (w, 2.0 * (0.5 * s).sinh() * k2.sqrt(), s)
    }

    /// A Chernoff bound on the expected excess past `c` on the side away from the mean:
    /// E[(M − c)⁺] when c > μ, E[(c − M)⁺] when c < μ (docs/model.md#overflow).
    ///
    /// Proof. For every real y, y⁺ ≤ e^(y − 1): at y ≤ 0 the right side is positive, and above
    /// 0, e^z ≥ 1 + z at z = y − 1. For s > 0 put y = s(M − c): (M − c)⁺ ≤ e^(s(M − c) − 1)/s,
    /// so E[(M − c)⁺] ≤ e^(K(s) − sc − 1)/s; likewise E[(c − M)⁺] ≤ e^(K(−s) + sc − 1)/s. Both
    /// hold for every s where K is finite; take |ŝ|, the saddlepoint at c (positive above the
    /// mean, negative below, and for the negative binomial always below ln(b/(b − 1)), where K
    /// ends). The exponent is then −(ŝc − K(ŝ)) − 1 = −D − 1: the bound is e^(−D − 1)/|ŝ|. It
    /// is infinite at c = μ, and 0 for c ≤ 0, where (c − M)⁺ = 0 as M ≥ 0.
    pub fn excess_bound(&self, c: f64) -> f64 {
        if c <= 0.0 {
            return 0.0;
        }
        let (s, d, _) = self.saddle(c);
        (-d.max(0.0) - 1.0).exp() / s.abs()
    }

    /// P(M ≥ k) for a whole k ≥ 1, at the continuity-corrected point k − ½.
    pub fn upper(&self, k: f64) -> f64 {
        let x = k - 0.5;
        if x <= 0.0 {
            return 1.0;
        }
        let (w, u, _) = self.roots(x);
        let p = if w.abs() < 1e-5 {
            // At the mean the correction tends to the skewness term: 1/w − 1/u → −γ/6.
            upper_normal(w) + density(w) * self.skewness() / 6.0
        } else {
            upper_normal(w) - density(w) * (1.0 / w - 1.0 / u)
        };
        p.clamp(0.0, 1.0)
    }

    /// The smallest k with P(M ≤ k) ≥ q, i.e. with P(M ≥ k + 1) ≤ 1 − q.
    pub fn quantile(&self, q: f64) -> f64 {
        let (mu, b) = (self.mean, self.burstiness);
        let alpha = 1.0 - q;
        let sd = (b * mu).sqrt();
        let z = Normal::standard().inverse_cdf(q);
        // Cornish–Fisher start, then Newton on the continuous tail: dP/dx = −φ(w)·ŝ/w ≈ −pmf.
        let mut x = (mu + sd * (z + (z * z - 1.0) * self.skewness() / 6.0)).max(1.0);
        for _ in 0..8 {
            // dw/dx = ŝ/w, which tends to 1/σ at the mean.
            let (w, _, s) = self.roots(x - 0.5);
            let slope = if w.abs() > 1e-8 { s / w } else { 1.0 / sd };
            let step = (self.upper(x) - alpha) / (density(w) * slope).max(1e-300);
            let next = (x + step.clamp(-sd, sd)).max(1.0);
            if (next - x).abs() < 0.25 {
                x = next;
                break;
            }
            x = next;
        }
        // Settle on the integer: P(M ≥ k + 1) ≤ α < P(M ≥ k). Past 2⁵³ neighbouring integers
        // are one double apart, so the step is a unit in the last place, and a few steps at most.
        let mut k = (x.ceil() - 1.0).max(0.0);
        let unit = |k: f64| (k * f64::EPSILON).max(1.0);
        for _ in 0..64 {
            if k > 0.0 && self.upper(k) <= alpha {
                k -= unit(k);
            } else if self.upper(k + unit(k)) > alpha {
                k += unit(k);
            } else {
                break;
            }
        }
        k
    }

    /// E[(M − cap)⁺]. For a whole limit n, Σ_{j>n} P(M ≥ j) is the midpoint rule of
    /// ∫ₙ^∞ P(Y ≥ v) dv = E[(Y − n)⁺] for Y of density φ(x)(1 + γ·He₃(x)/6) (Edgeworth, first
    /// term): σ[φ(z) − z·Q(z) + γ·z·φ(z)/6], z = (n − μ)/σ. A fractional limit n + f takes
    /// f·P(M > n) off.
    pub fn expected_excess(&self, cap: f64) -> f64 {
        let sd = (self.burstiness * self.mean).sqrt();
        let n = cap.floor();
        let z = (n - self.mean) / sd;
        let phi = density(z);
        let whole = sd * (phi - z * upper_normal(z) + self.skewness() * z * phi / 6.0);
        (whole - (cap - n) * self.upper(n + 1.0)).max(0.0)
    }
}

/// The negative binomial's quantile (shape r, burstiness b) from statrs' cdf, I_p(r, k + 1),
/// galloping out from `start` to a bracket and bisecting it.
pub fn beta_quantile(r: f64, b: f64, q: f64, start: u64) -> u64 {
    let p = 1.0 / b;
    let reaches = |k: u64| beta_reg(r, k as f64 + 1.0, p) >= q;
    // Invariant: lo fails (or is 0 and unchecked), hi reaches q. 64 doublings span u64.
    let (mut lo, mut hi, mut step) = (start, start, 1u64);
    if reaches(start) {
        while lo > 0 && reaches(lo) {
            hi = lo;
            lo = lo.saturating_sub(step);
            step = step.saturating_mul(2);
        }
        if lo == 0 && reaches(0) {
            return 0;
        }
    } else {
        while !reaches(hi) && hi < u64::MAX {
            lo = hi;
            hi = hi.saturating_add(step);
            step = step.saturating_mul(2);
        }
    }
    while hi - lo > 1 {
        let m = lo + (hi - lo) / 2;
        if reaches(m) { hi = m } else { lo = m }
    }
    hi
}

/// Steps [`walked_quantile`] may take: far beyond the ~3·10⁴ the widest accepted shape needs.
const ZERO_WALK_LIMIT: u64 = 1_000_000;

/// The negative binomial's quantile (shape r < 10, burstiness b) by summing its pmf up from 0:
/// P(M = 0) = b^(−r) ≥ 1000^(−10) = 1e-30 does not underflow for b ≤ 1000 (the largest
/// accepted burstiness), and p(k+1)/p(k) = (k(1 − 1/b) + r(b − 1)/b)/(k + 1). The quantile lies
/// within about b·(r + ln 1/(1 − q)) of 0, so the walk is bounded and costs no special function,
/// where [`beta_quantile`] evaluates the incomplete beta some 20 times. `None` if the walk would
/// be longer than [`ZERO_WALK_LIMIT`] (or its terms underflow) before reaching q.
pub fn walked_quantile(r: f64, b: f64, q: f64) -> Option<u64> {
    let mu = r * (b - 1.0);
    let mut p = (-r * b.ln()).exp();
    let (mut cdf, mut k) = (p, 0u64);
    while cdf < q {
        if k >= ZERO_WALK_LIMIT || p == 0.0 {
            return None;
        }
        p *= (k as f64 * (1.0 - 1.0 / b) + mu / b) / (k as f64 + 1.0);
        k += 1;
        cdf += p;
    }
    Some(k)
}

/// E[(M − cap)⁺] of the negative binomial of shape r and mean μ from two statrs tails.
pub fn beta_excess(mean: f64, r: f64, b: f64, cap: f64) -> f64 {
    let (n, q) = (cap.floor(), 1.0 - 1.0 / b);
    // P(NB(r) ≥ k) = I_{1−p}(k, r) for k ≥ 1.
    let above = |shape: f64, k: f64| if k <= 0.0 { 1.0 } else { beta_reg(k, shape, q) };
    (mean * above(r + 1.0, n) - cap * above(r, n + 1.0)).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_deviance_series_meets_the_closed_form() {
        // At |t| = 0.01 both forms hold: (1.01)·ln 1.01 − 0.01 = 4.983 × 10⁻⁵.
        for t in [0.009_999, -0.009_999] {
            let closed = (1.0 + t) * f64::ln_1p(t) - t;
            assert!((h(t) / closed - 1.0).abs() < 1e-9, "{t}");
        }
    }

    #[test]
    fn the_walk_from_zero_meets_the_incomplete_beta() {
        // Both answer "the smallest k with P(M ≤ k) ≥ q": the walk sums the pmf, the bisection
        // reads the cdf I_{1/b}(r, k + 1) from statrs. They agree over small shapes and the
        // whole range of burstiness and sizing quantiles.
        for r in [1e-4, 0.01, 0.5, 3.0, 9.9] {
            for b in [1.5, 50.0, 1000.0] {
                for q in [0.5, 0.9, 0.99, 0.999, 0.99999] {
                    let walked = walked_quantile(r, b, q).unwrap();
                    assert_eq!(walked, beta_quantile(r, b, q, walked + 7), "r {r} b {b} q {q}");
                }
            }
        }
    }

    #[test]
    fn at_the_mean_the_poisson_tail_meets_ramanujan() {
        // Poisson with a whole mean μ: P(M ≤ μ) = ½ + 2/(3√(2πμ)) + O(1/μ) (Ramanujan), so at
        // μ = 10⁸ P(M ≥ μ + 1) = ½ − 2/(3 · 25,066.3) = 0.499973404 to within 1e-8.
        let p = Tail::new(1e8, 1.0).upper(1e8 + 1.0);
        assert!((p - (0.5 - 2.0 / (3.0 * (2.0 * PI * 1e8).sqrt()))).abs() < 1e-8, "{p}");
    }
}
