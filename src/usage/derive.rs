//! The figures a scenario is written from, derived from [`Usage`] (docs/usage.md#derived-figures):
//! the period and its full calendar months, the monthly volume, growth, the hour-of-week shape,
//! burstiness and each group's token profile. Pure functions, no words.
use super::{Group, HOUR_S, MINUTE_S, Measured, Totals, Usage};
use std::collections::BTreeMap;

const DAY_S: i64 = 86_400;
/// Hours in the month `requests_per_month` extrapolates to (the AWS convention, as the scenario's
/// `hours_per_month` default).
pub const HOURS_PER_MONTH: f64 = 730.0;

/// The time the records cover: from the first record's UTC day to the last record's, whole days
/// (logs are delivered by the day; a month is full when every one of its days is covered).
#[derive(Debug, Clone, PartialEq)]
pub struct Period {
    /// Unix seconds of the first and last record.
    pub first_s: i64,
    pub last_s: i64,
    /// Start of the first covered day and end (exclusive) of the last.
    pub from_s: i64,
    pub to_s: i64,
    /// Full calendar months inside, in order: (start, end exclusive), unix seconds.
    pub months: Vec<(i64, i64)>,
}

impl Period {
    /// Hours covered: whole days × 24.
    pub fn hours(&self) -> i64 {
        (self.to_s - self.from_s) / HOUR_S
    }
}

/// Unix seconds of the first day of the month `n` months after the month holding `s`.
pub fn month_start(s: i64, n: u32) -> i64 {
    let first = crate::dates::first_of_month(s.div_euclid(DAY_S));
    crate::dates::add_months(first, n) * DAY_S
}

/// The period of the records; `None` without records.
pub fn period(u: &Usage) -> Option<Period> {
    let (first_s, last_s) = (u.first_s?, u.last_s?);
    let from_s = first_s.div_euclid(DAY_S) * DAY_S;
    let to_s = (last_s.div_euclid(DAY_S) + 1) * DAY_S;
    let mut months = Vec::new();
    let mut start = if month_start(from_s, 0) == from_s { from_s } else { month_start(from_s, 1) };
    while month_start(start, 1) <= to_s {
        let end = month_start(start, 1);
        months.push((start, end));
        start = end;
    }
    Some(Period { first_s, last_s, from_s, to_s, months })
}

/// Invocations of every group between `from` (inclusive) and `to` (exclusive), unix seconds.
pub fn invocations_between(u: &Usage, from: i64, to: i64) -> u64 {
    u.groups.values().flat_map(|g| g.hours.range(from..to)).map(|(_, t)| t.invocations).sum()
}

/// Every invocation counted.
pub fn invocations(u: &Usage) -> u64 {
    u.groups.values().flat_map(|g| g.hours.values()).map(|t| t.invocations).sum()
}

/// How `requests_per_month` was measured.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Volume {
    /// The invocations of the last full calendar month.
    LastFullMonth { start_s: i64, invocations: u64 },
    /// No full month: invocations ÷ hours covered × 730.
    Extrapolated { invocations: u64, hours: i64 },
}

impl Volume {
    pub fn requests_per_month(&self) -> f64 {
        match *self {
            Volume::LastFullMonth { invocations, .. } => invocations as f64,
            Volume::Extrapolated { invocations, hours } => invocations as f64 / hours as f64 * HOURS_PER_MONTH,
        }
    }
}

/// The monthly volume: the last full month's invocations, else the rate over the period × 730 h.
pub fn volume(u: &Usage, p: &Period) -> Volume {
    match p.months.last() {
        Some(&(start_s, end)) => Volume::LastFullMonth { start_s, invocations: invocations_between(u, start_s, end) },
        None => Volume::Extrapolated { invocations: invocations(u), hours: p.hours() },
    }
}

/// Compound growth a month over the k ≥ 2 full months: (last / first)^(1/(k−1)) − 1; `None`
/// with fewer than two full months (or none called in the first).
pub fn growth_per_month(u: &Usage, p: &Period) -> Option<f64> {
    let (&(a0, b0), &(a1, b1)) = (p.months.first()?, p.months.last()?);
    let k = p.months.len();
    let (first, last) = (invocations_between(u, a0, b0), invocations_between(u, a1, b1));
    if k < 2 || first == 0 {
        return None;
    }
    Some((last as f64 / first as f64).powf(1.0 / (k as f64 - 1.0)) - 1.0)
}

/// The hour-of-week slot (0 = Monday 00:00–01:00 UTC, 167 = Sunday 23:00) of a unix second.
/// 1970-01-01 was a Thursday: day 0 is weekday 3 counting from Monday = 0.
pub fn slot(s: i64) -> usize {
    let weekday = (s.div_euclid(DAY_S) + 3).rem_euclid(7);
    (weekday * 24 + s.rem_euclid(DAY_S) / HOUR_S) as usize
}

/// The week's shape: each slot's mean invocations per occurrence of that slot in the period
/// (hours without calls count as 0). `covered` says which slots the period holds at least once;
/// a slot it never holds (a period under a week) gets the mean of the covered ones.
#[derive(Debug, Clone, PartialEq)]
pub struct Week {
    pub weights: Vec<f64>,
    pub uncovered: usize,
}

pub fn hour_of_week(u: &Usage, p: &Period) -> Week {
    let mut sums = [0.0f64; 168];
    let mut seen = [0u32; 168];
    for (h, t) in u.hours().range(p.from_s..p.to_s) {
        sums[slot(*h)] += t.invocations as f64;
    }
    for h in (p.from_s..p.to_s).step_by(HOUR_S as usize) {
        seen[slot(h)] += 1;
    }
    let covered: Vec<f64> = (0..168).filter(|&i| seen[i] > 0).map(|i| sums[i] / f64::from(seen[i])).collect();
    let fill = covered.iter().sum::<f64>() / covered.len().max(1) as f64;
    let weights = (0..168).map(|i| if seen[i] > 0 { sums[i] / f64::from(seen[i]) } else { fill }).collect();
    Week { weights, uncovered: seen.iter().filter(|&&n| n == 0).count() }
}

/// `x` rounded to `digits` significant digits.
pub fn significant(x: f64, digits: i32) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let scale = 10f64.powi(digits - 1 - x.abs().log10().floor() as i32);
    (x * scale).round() / scale
}

/// Burstiness: the index of dispersion (sample variance ÷ mean, the variance over the hour's 60
/// minutes with 59 degrees of freedom, zeros included) of per-minute invocations within each hour,
/// averaged over hours weighted by their invocations. A Poisson stream gives 1 in expectation.
/// `None` when minutes are not known (hourly or CloudWatch data), or nothing was called.
pub fn burstiness(u: &Usage) -> Option<f64> {
    if u.measured != Measured::InvocationLogs {
        return None;
    }
    let mut per_minute: BTreeMap<i64, u64> = BTreeMap::new();
    for (m, c) in u.groups.values().flat_map(|g| g.minutes.iter()) {
        *per_minute.entry(*m).or_default() += u64::from(*c);
    }
    let mut hours: BTreeMap<i64, Vec<u64>> = BTreeMap::new();
    for (m, c) in per_minute {
        hours.entry(m.div_euclid(HOUR_S) * HOUR_S).or_default().push(c);
    }
    let (mut weighted, mut calls) = (0.0, 0.0);
    for counts in hours.values() {
        let n: u64 = counts.iter().sum();
        let mean = n as f64 / (HOUR_S / MINUTE_S) as f64;
        let zeros = (HOUR_S / MINUTE_S) as usize - counts.len();
        let squares: f64 = counts.iter().map(|&c| (c as f64 - mean).powi(2)).sum::<f64>() + zeros as f64 * mean * mean;
        let index = squares / 59.0 / mean;
        weighted += n as f64 * index;
        calls += n as f64;
    }
    (calls > 0.0).then(|| weighted / calls)
}

/// A group's token profile.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub invocations: u64,
    /// Its invocations ÷ all invocations.
    pub share: f64,
    /// Per call means.
    pub input: f64,
    pub output: f64,
    pub cache_read: f64,
    pub cache_write: f64,
    /// Per call p10 and p90 of uncached input and output (logs only).
    pub input_p10_p90: Option<(f64, f64)>,
    pub output_p10_p90: Option<(f64, f64)>,
}

impl Profile {
    /// Cache hit rate in tokens: reads ÷ (reads + writes); `None` without cache use.
    pub fn cache_hit_rate(&self) -> Option<f64> {
        let both = self.cache_read + self.cache_write;
        (both > 0.0).then(|| self.cache_read / both)
    }
}

/// The profile of one group; `all` is every group's invocations.
pub fn profile(g: &Group, all: u64) -> Profile {
    let mut t = Totals::default();
    g.hours.values().for_each(|h| t.add(h));
    let n = t.invocations.max(1) as f64;
    let range = |h: &super::Histogram| h.quantile(0.1).zip(h.quantile(0.9));
    Profile {
        invocations: t.invocations,
        share: if all == 0 { 0.0 } else { t.invocations as f64 / all as f64 },
        input: t.input as f64 / n,
        output: t.output as f64 / n,
        cache_read: t.cache_read as f64 / n,
        cache_write: t.cache_write as f64 / n,
        input_p10_p90: g.per_call.as_ref().and_then(|pc| range(&pc.input)),
        output_p10_p90: g.per_call.as_ref().and_then(|pc| range(&pc.output)),
    }
}

#[cfg(test)]
mod tests;
