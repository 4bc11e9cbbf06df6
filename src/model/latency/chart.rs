//! What the report's response-time chart draws (docs/model.md#latency-and-timeouts): per
//! workload, each option's share of requests done by time t, sampled densely enough to read as a
//! smooth curve, on an axis that also holds the client's timeouts. Pure data, no words.
use super::LatencyRow;
use super::time::Times;
use crate::scenario::Client;

/// Points sampled evenly over the axis (log-spaced on a log axis).
pub const SAMPLES: usize = 120;
/// The most panels: beyond that, the workloads with the largest shares.
pub const MOST_PANELS: usize = 4;
/// An axis whose end is more than this many times its start is drawn on a log scale.
pub const LOG_SPREAD: f64 = 10.0;
/// A timeout within this factor of the data's range widens the axis to show it; one further
/// off stays off the axis (the chart names it apart).
const REACH: f64 = 10.0;
/// The axis's end past the last time, and on a log axis its start before the first (×, ÷).
const MARGIN: f64 = 1.08;
/// Two figures within this distance, relative to the larger, are the same on the chart.
const SAME: f64 = 1e-9;

/// One option's curve on one workload's panel, or the one curve of several options whose
/// curves are the same on every panel (drawn once).
#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    /// The options it is the curve of, in scenario order: one, or those with the same curve on
    /// every panel.
    pub options: Vec<String>,
    /// (seconds, share of requests done by then, 0–1), seconds ascending; a jump shows as two
    /// points at the same second.
    pub points: Vec<(f64, f64)>,
    /// The fastest and the slowest time any request takes.
    pub bounds: (f64, f64),
    /// The share done by each `[client]` timeout, shortest first (1 − the share it cuts).
    pub done_at_timeouts: Vec<f64>,
}

/// One workload's panel.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    pub workload: String,
    pub share: f64,
    /// The seconds the x axis spans, start < end.
    pub axis: (f64, f64),
    pub log: bool,
    /// Options in the order of the rows (scenario order).
    pub curves: Vec<Curve>,
}

/// The whole chart: panels in scenario order.
#[derive(Debug, Clone, PartialEq)]
pub struct LatencyChart {
    /// True: the curves are of the longest silence of a streamed request, not the whole response.
    pub streaming: bool,
    pub panels: Vec<Panel>,
    /// Workloads with a speed left out for want of room (the smallest shares).
    pub left_out: usize,
}

/// The chart of `rows` (each workload's `share` from `shares`, by name); `None` when no row
/// has a speed.
pub fn latency_chart(rows: &[LatencyRow], shares: &[(&str, f64)], client: &Client) -> Option<LatencyChart> {
    let mut names: Vec<&str> = Vec::new();
    for r in rows.iter().filter(|r| r.speed.is_some() && r.pace.is_some()) {
        if !names.contains(&r.workload.as_str()) {
            names.push(&r.workload);
        }
    }
    if names.is_empty() {
        return None;
    }
    let share = |name: &str| shares.iter().find(|(n, _)| *n == name).map_or(0.0, |s| s.1);
    let mut kept: Vec<usize> = (0..names.len()).collect();
    // Largest share first, scenario order among equals; then back to scenario order.
    kept.sort_by(|&a, &b| share(names[b]).total_cmp(&share(names[a])).then(a.cmp(&b)));
    kept.truncate(MOST_PANELS);
    kept.sort_unstable();
    let limits: Vec<f64> = client.timeouts.iter().map(|t| t.limit_s).collect();
    let panels: Vec<Panel> = kept
        .iter()
        .map(|&k| {
            let of: Vec<&LatencyRow> = rows.iter().filter(|r| r.workload == names[k] && r.pace.is_some()).collect();
            panel(names[k], share(names[k]), &of, &limits)
        })
        .collect();
    let panels = merge(panels);
    Some(LatencyChart { streaming: client.streaming, panels, left_out: names.len() - kept.len() })
}

/// One workload's panel from its rows with a speed.
fn panel(workload: &str, share: f64, rows: &[&LatencyRow], limits: &[f64]) -> Panel {
    let times: Vec<Times<'_>> = rows.iter().filter_map(|r| r.measured()).collect();
    let bounds: Vec<(f64, f64)> = times.iter().map(Times::bounds).collect();
    let lo = bounds.iter().map(|b| b.0).fold(f64::INFINITY, f64::min);
    let hi = bounds.iter().map(|b| b.1).fold(0.0, f64::max);
    let (axis, log) = axis(lo, hi, limits);
    let curves = rows
        .iter()
        .zip(&times)
        .zip(&bounds)
        .map(|((r, t), &b)| Curve {
            options: vec![r.option.clone()],
            points: sample(t, (lo, hi), axis, log),
            bounds: b,
            done_at_timeouts: limits.iter().map(|&l| t.cdf(l)).collect(),
        })
        .collect();
    Panel { workload: workload.to_string(), share, axis, log, curves }
}

/// `panels` with the options whose curves are the same on every panel (both absent, or both
/// there with [`same_curve`]) drawn as one: the first of them keeps its curve and is joined by
/// the names of the others, whose curves go.
pub fn merge(mut panels: Vec<Panel>) -> Vec<Panel> {
    let mut options: Vec<String> = Vec::new();
    for c in panels.iter().flat_map(|p| &p.curves) {
        if !options.contains(&c.options[0]) {
            options.push(c.options[0].clone());
        }
    }
    let find = |p: &Panel, name: &str| p.curves.iter().position(|c| c.options[0] == name);
    let mut leaders: Vec<&str> = Vec::new();
    for name in &options {
        let alike = |lead: &&str| {
            panels.iter().all(|p| match (find(p, lead), find(p, name)) {
                (Some(a), Some(b)) => same_curve(&p.curves[a], &p.curves[b]),
                (a, b) => a.is_none() && b.is_none(),
            })
        };
        let Some(lead) = leaders.iter().copied().find(alike) else {
            leaders.push(name);
            continue;
        };
        for p in &mut panels {
            if let (Some(a), Some(b)) = (find(p, lead), find(p, name)) {
                let gone = p.curves.remove(b);
                p.curves[a].options.extend(gone.options);
            }
        }
    }
    panels
}

/// Two curves the chart draws the same: the same points, bounds and shares done at each
/// timeout, within [`SAME`].
pub fn same_curve(a: &Curve, b: &Curve) -> bool {
    let same = |x: f64, y: f64| (x - y).abs() <= SAME * x.abs().max(y.abs());
    let pairs = |x: &[(f64, f64)], y: &[(f64, f64)]| {
        x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p.0, q.0) && same(p.1, q.1))
    };
    pairs(&a.points, &b.points)
        && pairs(&[a.bounds], &[b.bounds])
        && a.done_at_timeouts.len() == b.done_at_timeouts.len()
        && a.done_at_timeouts.iter().zip(&b.done_at_timeouts).all(|(x, y)| same(*x, *y))
}

/// The axis over data from `lo` to `hi` seconds and the timeouts within [`REACH`] of it: log,
/// with a margin either side, when its end is more than [`LOG_SPREAD`] times its start; else
/// linear from 0 to a margin past its end.
pub fn axis(lo: f64, hi: f64, limits: &[f64]) -> ((f64, f64), bool) {
    let near = limits.iter().copied().filter(|&l| l > 0.0 && l >= lo / REACH && l <= hi * REACH);
    let (a, b) = near.fold((lo, hi), |(a, b), l| (a.min(l), b.max(l)));
    if a > 0.0 && b / a > LOG_SPREAD {
        return ((a / MARGIN, b * MARGIN), true);
    }
    // Linear: from 0, so times close together look close together, to 8 % past the end.
    ((0.0, MARGIN * b.max(1e-3)), false)
}

/// The curve of `t` across `axis`: its ends, [`SAMPLES`] points spaced evenly (in log on a log
/// axis) over `span`, the times the panel's curves rise over, each path's fastest and slowest
/// times (so kinks and ends are exact), and at a time where the share jumps (a path every
/// request of which takes the same time) the share just before it then at it, so a step is
/// drawn upright.
pub fn sample(t: &Times<'_>, span: (f64, f64), axis: (f64, f64), log: bool) -> Vec<(f64, f64)> {
    let (a, b) = axis;
    let (lo, hi) = span;
    let mut knots: Vec<f64> = (0..SAMPLES)
        .map(|k| {
            let f = k as f64 / (SAMPLES - 1) as f64;
            if log { lo * (hi / lo).powf(f) } else { lo + f * (hi - lo) }
        })
        .filter(|x| *x > a && *x < b)
        .collect();
    knots.extend([a, b]);
    for p in t.paths.iter().filter(|p| p.probability > 0.0) {
        let (fast, slow) = Times { paths: std::slice::from_ref(p), ..*t }.bounds();
        knots.extend([fast, slow].into_iter().filter(|x| *x > a && *x < b));
    }
    knots.sort_by(f64::total_cmp);
    knots.dedup();
    let mut out = Vec::with_capacity(knots.len() + 4);
    for x in knots {
        let at = t.cdf(x);
        let before = t.cdf(x - x.abs() * 1e-12);
        if at - before > 1e-9 {
            out.push((x, before));
        }
        out.push((x, at));
    }
    out
}

#[cfg(test)]
mod tests;
