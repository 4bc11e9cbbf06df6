//! The x axis of a panel: seconds, on a log or a linear scale, with round ticks.
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

/// A linear axis with ticks where given (plotters' own `WithKeyPoints` of a linear axis has no
/// label formatter to set).
#[derive(Clone)]
pub(super) struct Axis {
    inner: RangedCoordf64,
    keys: Vec<f64>,
}

impl Ranged for Axis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;
    fn map(&self, v: &f64, limit: (i32, i32)) -> i32 {
        self.inner.map(v, limit)
    }
    fn key_points<H: KeyPointHint>(&self, _: H) -> Vec<f64> {
        self.keys.clone()
    }
    fn range(&self) -> std::ops::Range<f64> {
        self.inner.range()
    }
}

pub(super) fn axis(range: std::ops::Range<f64>, keys: Vec<f64>) -> Axis {
    Axis { inner: range.into(), keys }
}

/// Seconds to the x axis's own coordinate: their logarithm on a log axis.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scale {
    pub log: bool,
}

impl Scale {
    pub fn to(self, t: f64) -> f64 {
        if self.log { t.ln() } else { t }
    }
    pub fn from(self, x: f64) -> f64 {
        if self.log { x.exp() } else { x }
    }
}

/// Ticks over `a..b` seconds: 1–2–5 per decade on a log axis, a round step giving 4–10 ticks
/// on a linear one.
pub(super) fn ticks(a: f64, b: f64, log: bool) -> Vec<f64> {
    if log {
        let mut out = Vec::new();
        let mut decade = 10f64.powf(a.log10().floor());
        while decade <= b {
            out.extend([1.0, 2.0, 5.0].iter().map(|m| m * decade).filter(|v| *v >= a && *v <= b));
            decade *= 10.0;
        }
        return out;
    }
    let raw = (b - a) / 6.0;
    let unit = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * unit).find(|s| *s >= raw).unwrap_or(10.0 * unit);
    let first = (a / step).ceil() as i64;
    let last = (b / step).floor() as i64;
    (first..=last).map(|k| k as f64 * step).collect()
}

/// A tick's seconds with as many decimals as tell it from its neighbours: those of the step on
/// a linear axis (`step`), those of its own first digit on a log one.
pub(super) fn tick(v: f64, step: Option<f64>) -> String {
    let first = step.unwrap_or(v);
    let decimals = if first > 0.0 { (-first.log10().floor()).max(0.0) as usize } else { 0 };
    if decimals == 0 { crate::format::thousands(v) } else { crate::format::trim(v, decimals) }
}
