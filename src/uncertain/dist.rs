//! The four distributions a number may be written as (docs/model.md#uncertain-inputs): their
//! parameters, mean, share of mass outside a range and one draw from uniform numbers.
use statrs::distribution::{ContinuousCDF, Normal};

/// z of the 90th percentile of the standard normal: Φ⁻¹(0.9).
pub const Z90: f64 = 1.281_551_565_544_600_4;

/// A distribution written in place of a number; in JSON, its kind and parameters as written
/// (`{"distribution": "triangular", "min": …, "mode": …, "max": …}`).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
#[serde(tag = "distribution", rename_all = "lowercase")]
pub enum Distribution {
    /// `{ normal = { mean, sd } }`; sd ≥ 0.
    Normal { mean: f64, sd: f64 },
    /// `{ lognormal = { p50, p90 } }`: ln X normal with μ = ln p50, σ = (ln p90 − ln p50)/z₀.₉.
    LogNormal { p50: f64, p90: f64 },
    /// `{ triangular = { min, mode, max } }`.
    Triangular { min: f64, mode: f64, max: f64 },
    /// `{ uniform = { min, max } }`.
    Uniform { min: f64, max: f64 },
}

/// The kinds as written, and the parameters each takes.
pub const KINDS: [(&str, &[&str]); 4] = [
    ("normal", &["mean", "sd"]),
    ("lognormal", &["p50", "p90"]),
    ("triangular", &["min", "mode", "max"]),
    ("uniform", &["min", "max"]),
];

impl Distribution {
    /// Builds `kind` from its parameters in [`KINDS`] order, or says what is wrong with them.
    pub fn new(kind: &str, p: &[f64]) -> Result<Distribution, (String, String)> {
        let err = |m: String, h: &str| Err((m, h.to_string()));
        match (kind, p) {
            ("normal", &[_, sd]) if sd < 0.0 => err(
                format!("`sd` must be zero or more, found {sd}"),
                "a standard deviation is never negative: write it as a positive number",
            ),
            ("normal", &[mean, sd]) => Ok(Distribution::Normal { mean, sd }),
            ("lognormal", &[p50, _]) if p50 <= 0.0 => {
                err(format!("`p50` of a lognormal must be above zero, found {p50}"), "a lognormal is positive")
            }
            ("lognormal", &[p50, p90]) if p90 <= p50 => err(
                format!("`p90` ({p90}) must be above `p50` ({p50})"),
                "p90 is the value 9 draws in 10 stay below: give a larger p90, or a plain number for no spread",
            ),
            ("lognormal", &[p50, p90]) => Ok(Distribution::LogNormal { p50, p90 }),
            ("triangular", &[min, _, max]) if min > max => {
                err(format!("`min` ({min}) is above `max` ({max})"), "swap them: min ≤ mode ≤ max")
            }
            ("triangular", &[min, mode, max]) if mode < min || mode > max => err(
                format!("`mode` ({mode}) lies outside [min, max] = [{min}, {max}]"),
                "the most likely value must lie between min and max",
            ),
            ("triangular", &[min, mode, max]) => Ok(Distribution::Triangular { min, mode, max }),
            ("uniform", &[min, max]) if min > max => {
                err(format!("`min` ({min}) is above `max` ({max})"), "swap them: min ≤ max")
            }
            ("uniform", &[min, max]) => Ok(Distribution::Uniform { min, max }),
            _ => err(format!("`{kind}` is not a distribution"), "use normal, lognormal, triangular or uniform"),
        }
    }

    /// The kind as written.
    pub fn kind(&self) -> &'static str {
        match self {
            Distribution::Normal { .. } => "normal",
            Distribution::LogNormal { .. } => "lognormal",
            Distribution::Triangular { .. } => "triangular",
            Distribution::Uniform { .. } => "uniform",
        }
    }

    /// σ of ln X for a lognormal.
    fn sigma(p50: f64, p90: f64) -> f64 {
        (p90.ln() - p50.ln()) / Z90
    }

    /// The mean: exp(μ + σ²/2) for a lognormal.
    pub fn mean(&self) -> f64 {
        match *self {
            Distribution::Normal { mean, .. } => mean,
            Distribution::LogNormal { p50, p90 } => (p50.ln() + Self::sigma(p50, p90).powi(2) / 2.0).exp(),
            Distribution::Triangular { min, mode, max } => (min + mode + max) / 3.0,
            Distribution::Uniform { min, max } => (min + max) / 2.0,
        }
    }

    /// Lowest and highest value a draw can take (infinite for normal and lognormal tails).
    pub fn support(&self) -> (f64, f64) {
        match *self {
            Distribution::Normal { sd: 0.0, mean } => (mean, mean),
            Distribution::Normal { .. } => (f64::NEG_INFINITY, f64::INFINITY),
            Distribution::LogNormal { .. } => (0.0, f64::INFINITY),
            Distribution::Triangular { min, max, .. } | Distribution::Uniform { min, max } => (min, max),
        }
    }

    /// The probability that a draw falls outside [lo, hi] (normal and lognormal only; the
    /// bounded kinds must lie inside their field's range).
    pub fn mass_outside(&self, lo: f64, hi: f64) -> f64 {
        let outside = |n: Normal, lo: f64, hi: f64| n.cdf(lo) + (1.0 - n.cdf(hi));
        match *self {
            Distribution::Normal { mean, sd } if sd > 0.0 => Normal::new(mean, sd).map_or(0.0, |n| outside(n, lo, hi)),
            Distribution::LogNormal { p50, p90 } => Normal::new(p50.ln(), Self::sigma(p50, p90))
                .map_or(0.0, |n| outside(n, if lo > 0.0 { lo.ln() } else { f64::NEG_INFINITY }, hi.ln())),
            d => {
                let (a, b) = d.support();
                if a < lo || b > hi { 1.0 } else { 0.0 }
            }
        }
    }

    /// One draw from uniform numbers in [0, 1) (`u` is called once or twice).
    pub fn sample(&self, mut u: impl FnMut() -> f64) -> f64 {
        match *self {
            Distribution::Normal { mean, sd } => mean + sd * standard_normal(&mut u),
            Distribution::LogNormal { p50, p90 } => (p50.ln() + Self::sigma(p50, p90) * standard_normal(&mut u)).exp(),
            Distribution::Triangular { min, mode, max } => {
                // Inverse CDF: F(mode) = (mode − min)/(max − min).
                let (x, w) = (u(), max - min);
                if w == 0.0 {
                    return min;
                }
                let f = (mode - min) / w;
                if x < f { min + (x * w * (mode - min)).sqrt() } else { max - ((1.0 - x) * w * (max - mode)).sqrt() }
            }
            Distribution::Uniform { min, max } => min + u() * (max - min),
        }
    }
}

/// Box–Muller from two uniforms (the cosine half): portable, needs nothing but `ln`, `sqrt`, `cos`.
fn standard_normal(u: &mut impl FnMut() -> f64) -> f64 {
    let (a, b) = (1.0 - u(), u());
    (-2.0 * a.ln()).sqrt() * (std::f64::consts::TAU * b).cos()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn means_follow_the_closed_forms() {
        // Lognormal p50 = 1e6, p90 = 3e6: σ = ln 3 / 1.28155 = 0.857250; mean = 1e6 · e^(0.367439) = 1,444,034.
        let l = Distribution::LogNormal { p50: 1e6, p90: 3e6 };
        assert!((l.mean() - 1e6 * ((3f64.ln() / Z90).powi(2) / 2.0).exp()).abs() < 1e-6);
        assert!((l.mean() - 1_444_034.0).abs() < 1.0, "{}", l.mean());
        assert_eq!(Distribution::Triangular { min: 1.0, mode: 2.0, max: 6.0 }.mean(), 3.0);
        assert_eq!(Distribution::Uniform { min: 2.0, max: 4.0 }.mean(), 3.0);
    }

    #[test]
    fn bad_parameters_are_refused_with_the_reason() {
        assert!(Distribution::new("normal", &[1.0, -1.0]).unwrap_err().0.contains("`sd` must be zero or more"));
        assert!(Distribution::new("lognormal", &[3.0, 3.0]).unwrap_err().0.contains("must be above `p50`"));
        assert!(Distribution::new("triangular", &[3.0, 2.0, 1.0]).unwrap_err().0.contains("is above `max`"));
        assert!(Distribution::new("triangular", &[1.0, 5.0, 3.0]).unwrap_err().0.contains("outside [min, max]"));
        assert!(Distribution::new("uniform", &[2.0, 1.0]).unwrap_err().0.contains("is above `max`"));
    }

    #[test]
    fn draws_from_fixed_uniforms() {
        // Triangular 0..4, mode 1: F(1) = 1/4. u = 0.0625 → √(0.0625·4·1) = 0.5; u = 0.25 → the mode.
        let t = Distribution::Triangular { min: 0.0, mode: 1.0, max: 4.0 };
        assert_eq!(t.sample(|| 0.0625), 0.5);
        assert!((t.sample(|| 0.25) - 1.0).abs() < 1e-12);
        // u = 0.8125: 4 − √(0.1875·4·3) = 4 − 1.5 = 2.5.
        assert!((t.sample(|| 0.8125) - 2.5).abs() < 1e-12);
        // Box–Muller with a = 1 − u₁ = e^(−2) and u₂ = 0: √(−2 ln a) · cos 0 = √4 = 2, so 10 + 3 · 2 = 16.
        let mut us = [1.0 - (-2f64).exp(), 0.0].into_iter();
        assert!((Distribution::Normal { mean: 10.0, sd: 3.0 }.sample(|| us.next().unwrap()) - 16.0).abs() < 1e-9);
    }

    #[test]
    fn mass_outside_a_range() {
        // Normal(0, 1) outside [−1.28155, ∞): 10 %.
        let n = Distribution::Normal { mean: 0.0, sd: 1.0 };
        assert!((n.mass_outside(-Z90, f64::INFINITY) - 0.1).abs() < 1e-9);
        // Lognormal p50 = 1, p90 = e: above e is 10 %.
        let l = Distribution::LogNormal { p50: 1.0, p90: std::f64::consts::E };
        assert!((l.mass_outside(0.0, std::f64::consts::E) - 0.1).abs() < 1e-9);
        assert_eq!(Distribution::Uniform { min: 0.0, max: 2.0 }.mass_outside(0.0, 1.0), 1.0);
    }
}
