//! Uncertain inputs (docs/model.md#uncertain-inputs): numbers written as distributions in
//! scenarios and catalog files. They are found in the text before the typed parse; the typed
//! parser then reads the same text with each distribution replaced by one number (its mean, or
//! a draw), padded to the same length so every span, and every located message, stays exact.
mod dist;
mod extract;
pub mod fields;

pub use dist::{Distribution, KINDS, Z90};
pub use extract::{MAX_OUTSIDE, extract};
use rand::rngs::ChaCha8Rng;
use rand::{Rng, SeedableRng};
use std::ops::Range;

/// Columns a number may need where it replaces a distribution (`-1.23456789e-300`).
pub const NUMBER_WIDTH: usize = 16;
/// Redraws of a draw outside its field's range before it is clamped to the range.
const REDRAWS: usize = 100;

/// One number of a file written as a distribution.
#[derive(Debug, Clone, PartialEq)]
pub struct Uncertain {
    /// Where, as a reader finds it: `traffic.requests_per_month`, `workload[chat].input_tokens`,
    /// `model[claude-sonnet-4.5].provisioned.input_tpm_per_mu`.
    pub path: String,
    /// The key path without array entries: `["model", "provisioned", "input_tpm_per_mu"]`.
    pub keys: Vec<String>,
    /// The top-level array entry it sits in (its `name` or `key`), if any.
    pub entry: Option<String>,
    pub dist: Distribution,
    /// Each draw rounded to the nearest whole number (`round = true`).
    pub round: bool,
    /// The field's range: a draw outside it is redrawn.
    pub min: f64,
    pub max: f64,
    /// Byte span of the distribution in its file.
    pub span: Range<usize>,
    /// What deterministic commands use: the mean (rounded when `round`), to 12 significant digits.
    pub mean: f64,
}

impl Uncertain {
    /// One draw in the field's range: rounded when asked, redrawn while outside the range (a
    /// truncated distribution), clamped after [`REDRAWS`] tries so no draw ever leaves it.
    pub fn draw(&self, s: &mut Stream) -> f64 {
        for _ in 0..REDRAWS {
            let x = self.dist.sample(|| s.uniform());
            let x = if self.round { x.round() } else { x };
            if (self.min..=self.max).contains(&x) {
                return x;
            }
        }
        self.mean.clamp(self.min, self.max)
    }
}

/// `x` to 12 significant digits, the precision of every output: a symmetric range written in
/// decimals then has its centre as mean, not the centre ± float noise.
pub fn significant(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    format!("{x:.11e}").parse().unwrap_or(x)
}

/// The random numbers of one sample: ChaCha8 keyed by the seed and the sample's index, so every
/// sample has its own stream whichever thread draws it (docs/model.md#simulation).
pub struct Stream(ChaCha8Rng);

impl Stream {
    pub fn new(seed: u64, sample: u64) -> Self {
        let mut key = [0u8; 32];
        key[..8].copy_from_slice(&seed.to_le_bytes());
        key[8..16].copy_from_slice(&sample.to_le_bytes());
        Stream(ChaCha8Rng::from_seed(key))
    }

    /// A uniform number in [0, 1) with 53 random bits.
    pub fn uniform(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

/// `x` as a TOML number of at most `width` characters: a whole number when `whole`.
fn literal(x: f64, whole: bool, width: usize) -> String {
    if whole {
        return format!("{}", x as i64);
    }
    let plain = format!("{x:?}");
    if plain.len() <= width {
        return plain;
    }
    (0..15)
        .rev()
        .map(|digits| format!("{x:.digits$e}"))
        .find(|s| s.len() <= width)
        .unwrap_or_else(|| format!("{x:.0e}"))
}

/// `text` with each input's distribution replaced by its value, padded with spaces to the same
/// length (newlines kept), so every byte offset after it is unchanged.
pub fn substitute(text: &str, inputs: &[Uncertain], values: &[f64]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for (u, &x) in inputs.iter().zip(values) {
        let span = &mut bytes[u.span.clone()];
        let width = span.iter().position(|&b| b == b'\n').unwrap_or(span.len());
        let number = literal(x, u.round, width);
        for (i, b) in span.iter_mut().enumerate() {
            *b = match number.as_bytes().get(i) {
                Some(&c) => c,
                None if *b == b'\n' || *b == b'\r' => *b,
                None => b' ',
            };
        }
    }
    // Only ASCII replaced whole spans of valid UTF-8 (a distribution starts and ends with braces).
    String::from_utf8(bytes).expect("spans replaced by ASCII stay UTF-8")
}

/// The text deterministic commands parse: every distribution at its mean.
pub fn at_means(text: &str, inputs: &[Uncertain]) -> String {
    substitute(text, inputs, &inputs.iter().map(|u| u.mean).collect::<Vec<_>>())
}

#[cfg(test)]
mod tests;
