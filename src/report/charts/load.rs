//! Load vs capacity over a week of the month under most stress (the highest peak against a
//! capacity or a quota, [`data::stressed_month`]): mean and peak requests per minute per hour,
//! the capacity each bought-capacity option or plan member holds and each on-demand option's
//! default quota, and the load above each line shaded. Every line is in requests per minute of
//! the whole scenario: a quota counts model calls, so it is divided by the calls one request
//! makes; a plan member's capacity counts its own requests, so it is divided by its share.
use super::overlap::{self, Coincidence};
use super::{FAMILY, colour, data, short};
use crate::format::thousands;
use crate::model::traffic::load::SlotLoad;
use crate::model::{Estimate, Kind, OptionEstimate};
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;

type R = Result<(), Box<dyn std::error::Error>>;
type Chart<'a, DB> =
    ChartContext<'a, DB, Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>>;

/// Dash and gap lengths by option, so capacity lines differ in greyscale too.
const DASH: [(i32, i32); 4] = [(10, 4), (4, 4), (18, 6), (7, 3)];

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

const MEAN: RGBColor = RGBColor(190, 190, 190);
const PEAK: RGBColor = RGBColor(90, 90, 90);

/// A line the load meets: an option's or a plan member's bought capacity, or an on-demand
/// option's default quota.
struct Limit<'a> {
    /// Index of the option or plan in [`Estimate::lines`]: its colour.
    index: usize,
    /// The option; for a plan member, the member's own estimate.
    option: &'a OptionEstimate,
    /// For a plan member: the plan's name and the member's share of the requests.
    plan: Option<(&'a str, f64)>,
    /// Requests per minute per hour slot, month by month.
    by_month: Vec<Vec<f64>>,
    /// The shown month's.
    per_min: Vec<f64>,
    /// For a quota: the calls per minute it admits.
    quota_calls_per_min: Option<f64>,
}

impl Limit<'_> {
    /// The option's name, or `plan: member`.
    fn name(&self) -> String {
        match self.plan {
            Some((plan, _)) => format!("{plan}: {}", self.option.name),
            None => self.option.name.clone(),
        }
    }
}

/// Every limit, month by month, its `per_min` set to month `m`'s once chosen.
fn limits(e: &Estimate) -> Vec<Limit<'_>> {
    let limit = |index, option, plan, by_month: Vec<Vec<f64>>, quota_calls_per_min| Limit {
        index,
        option,
        plan,
        per_min: by_month.first().cloned().unwrap_or_default(),
        by_month,
        quota_calls_per_min,
    };
    let mut out: Vec<Limit> = e
        .options
        .iter()
        .enumerate()
        .filter_map(|(i, o)| o.capacity.clone().map(|c| limit(i, o, None, c, None)))
        .collect();
    for q in &e.quota {
        if let Some(calls) = q.limit_per_min {
            let index = super::option_index(e, &q.option);
            let per_min = vec![vec![calls / e.per_request.calls; e.loads[0].slots.len()]; e.loads.len()];
            out.push(limit(index, &e.options[index], None, per_min, Some(calls)));
        }
    }
    for p in &e.plans {
        let index = super::option_index(e, &p.name);
        for m in p.members.iter().filter(|m| m.share > 0.0) {
            let Some(c) = &m.estimate.capacity else { continue };
            // The member's requests per minute ÷ its share: the whole load at which it fills.
            let whole = c.iter().map(|month| month.iter().map(|v| v / m.share).collect()).collect();
            out.push(limit(index, &m.estimate, Some((&p.name, m.share)), whole, None));
        }
    }
    out
}

/// The legend text of a limit's line.
fn line_label(l: &Limit, e: &Estimate) -> String {
    let name = l.name();
    match (l.quota_calls_per_min, l.plan) {
        (None, None) => format!("{name}: capacity"),
        (None, Some((_, share))) => {
            format!("{name}: capacity ÷ its {:.0} % of requests", share * 100.0)
        }
        (Some(calls), _) if (e.per_request.calls - 1.0).abs() < 1e-9 => {
            format!("{name}: default quota, {} requests/min", thousands(calls))
        }
        (Some(calls), _) => format!(
            "{name}: default quota, {} calls/min = {} requests/min ({:.1} calls per request)",
            thousands(calls),
            thousands(calls / e.per_request.calls),
            e.per_request.calls
        ),
    }
}

/// The legend text of the shading above a limit.
fn shade_label(l: &Limit) -> String {
    let (o, name) = (l.option, l.name());
    match (l.quota_calls_per_min, o.rejects, o.kind) {
        (Some(_), _, _) => format!("shaded: above {name}'s quota, throttled"),
        (None, true, _) => format!("shaded: above {name}'s capacity, rejected"),
        (None, false, Kind::Provisioned | Kind::Reserved) => {
            format!("shaded: above {name}'s capacity, billed on demand")
        }
        (None, false, Kind::OnDemand | Kind::SelfHosted) => format!("shaded: load above {name}'s capacity"),
    }
}

/// Points of a step line through `v(s)` for `n` hour slots: steps only where the value changes,
/// so dashed lines keep an even rhythm.
fn step(n: usize, v: impl Fn(usize) -> f64) -> Vec<(f64, f64)> {
    let mut points: Vec<(f64, f64)> = Vec::new();
    for s in 0..n {
        if s == 0 || v(s) != v(s - 1) {
            if s > 0 {
                points.push((s as f64, v(s - 1)));
            }
            points.push((s as f64, v(s)));
        }
    }
    points.push((n as f64, v(n - 1)));
    points
}

/// The slots where the mean load is above `cap`.
fn over(slots: &[SlotLoad], cap: &[f64]) -> Vec<usize> {
    (0..slots.len()).filter(|&s| cap[s] > 0.0 && slots[s].mean_per_min > cap[s]).collect()
}

pub fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, e: &Estimate) -> R
where
    DB::ErrorType: 'static,
{
    let mut limits = limits(e);
    let per_slot = |f: fn(&SlotLoad) -> f64| -> Vec<Vec<f64>> {
        e.loads.iter().map(|l| l.slots.iter().map(f).collect()).collect()
    };
    let (peaks, means) = (per_slot(|s| s.peak_per_min), per_slot(|s| s.mean_per_min));
    let by_month: Vec<Vec<Vec<f64>>> = limits.iter().map(|l| l.by_month.clone()).collect();
    let (m, limited) = data::stressed_month(&peaks, &means, &by_month);
    for l in &mut limits {
        l.per_min = l.by_month[m].clone();
    }
    let slots = &e.loads[m].slots;
    let found = overlap::coincidences(&limits.iter().map(|l| l.per_min.as_slice()).collect::<Vec<_>>());
    let peak = slots.iter().map(|s| s.peak_per_min).fold(0.0, f64::max);
    // Lines far above the load would flatten it: the axis stops at twice the peak (plus room).
    let top = peak.max(1.0) * 1.3;
    let highest = limits.iter().flat_map(|l| l.per_min.iter().copied()).filter(|v| *v <= 2.0 * top).fold(0.0, f64::max);
    let shaded = limits.iter().zip(&found).filter(|(l, f)| f.is_none() && !over(slots, &l.per_min).is_empty()).count();
    // Headroom above the highest line keeps the legend (upper right) clear of the data.
    let noted = usize::from(limits.is_empty() || limits.iter().any(|l| straddles(l, 2.0 * top)));
    let y_max = top.max(highest) * super::legend_headroom(2 + limits.len() + shaded + noted);
    let mut chart = ChartBuilder::on(root)
        .caption(title(&e.scenario, (m, e.months), limited), (FAMILY, 26))
        .margin(24)
        .x_label_area_size(56)
        .y_label_area_size(90)
        .build_cartesian_2d(0.0..168.0, 0.0..y_max)?;
    chart
        .configure_mesh()
        .x_desc("hour of the week")
        .y_desc("requests per minute")
        .disable_x_mesh()
        .x_label_formatter(&|_| String::new())
        .y_label_formatter(&|v| short(*v))
        .label_style((FAMILY, 15))
        .axis_desc_style((FAMILY, 17))
        .light_line_style(RGBColor(235, 235, 235))
        .bold_line_style(RGBColor(210, 210, 210))
        .draw()?;
    load(&mut chart, root, slots, y_max)?;
    for (k, l) in limits.iter().enumerate() {
        limit(&mut chart, e, slots, (l, &limits), (&found, k), y_max)?;
    }
    notes(&mut chart, &limits, y_max)?;
    super::legend(&mut chart, SeriesLabelPosition::UpperRight, 15)?;
    Ok(())
}

/// The caption: which month is shown, and why (the first when the horizon is one month).
fn title(scenario: &str, (m, months): (usize, u32), limited: bool) -> String {
    let why = match (months, limited) {
        (1, _) => "",
        (_, true) => " (most stressed)",
        (_, false) => " (busiest)",
    };
    format!("{scenario}: load vs capacity and quota, a week of month {}{why}", m + 1)
}

/// Mean load as a grey area, the sizing peak as a thin dark step line, the days of the week.
fn load<'a, DB: DrawingBackend + 'a>(
    chart: &mut Chart<'a, DB>,
    root: &DrawingArea<DB, Shift>,
    slots: &[SlotLoad],
    y_max: f64,
) -> R
where
    DB::ErrorType: 'static,
{
    chart
        .draw_series(AreaSeries::new(step(slots.len(), |s| slots[s].mean_per_min), 0.0, MEAN.mix(0.6)))?
        .label("mean load, requests/min")
        .legend(|(x, y)| Rectangle::new([(x, y - 6), (x + 24, y + 6)], MEAN.mix(0.6).filled()));
    chart
        .draw_series(LineSeries::new(step(slots.len(), |s| slots[s].peak_per_min), PEAK.stroke_width(1)))?
        .label("peak minute of the hour (what capacity is sized for)")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], PEAK.stroke_width(1)));
    // Day names under the axis and a line at each midnight (plotters' own ticks fall on round
    // numbers, not on multiples of 24).
    chart.draw_series((1..7).map(|d| {
        let x = f64::from(d) * 24.0;
        PathElement::new(vec![(x, 0.0), (x, y_max)], RGBColor(200, 200, 200).stroke_width(1))
    }))?;
    for (d, day) in DAYS.iter().enumerate() {
        let (px, py) = chart.backend_coord(&(d as f64 * 24.0 + 12.0, 0.0));
        root.draw(&Text::new(day.to_string(), (px - 14, py + 10), (FAMILY, 15)))?;
    }
    Ok(())
}

/// One limit: its line (or a legend entry alone when there is nothing to draw) and the load
/// above it shaded. A line lying on an earlier one is drawn narrower on top of it, with the same
/// dashes, so the earlier colour frames it; its shading, the same area, is not drawn twice.
fn limit<'a, DB: DrawingBackend + 'a>(
    chart: &mut Chart<'a, DB>,
    e: &Estimate,
    slots: &[SlotLoad],
    (l, all): (&Limit, &[Limit]),
    (found, k): (&[Option<Coincidence>], usize),
    y_max: f64,
) -> R
where
    DB::ErrorType: 'static,
{
    let (c, cap) = (colour(l.index), l.per_min.as_slice());
    let mut label = line_label(l, e);
    if let Some(co) = &found[k] {
        label += &overlap::suffix(co, &all[co.with].name(), |s| format!("hour {s}"));
    }
    if named_only(chart, l, &label, y_max)? {
        return Ok(());
    }
    // The group's leader sets the dashes; each later member is 4 px narrower.
    let leader = found[k].map_or(k, |co| co.with);
    let rank = found[k].map_or(0, |co| co.rank);
    let width = 3 + 4 * (overlap::group_size(found, leader) - 1 - rank) as u32;
    let (dash, gap) = DASH[leader % 4];
    let over = over(slots, cap);
    let shade = found[k].is_none() && !over.is_empty();
    // Under the line, but listed after it in the legend.
    let fill = c.mix(0.35).filled();
    chart.draw_series(over.iter().filter(|_| shade).map(|&s| {
        Rectangle::new([(s as f64, cap[s].min(y_max)), (s as f64 + 1.0, slots[s].mean_per_min.min(y_max))], fill)
    }))?;
    chart
        .draw_series(DashedLineSeries::new(step(slots.len(), |s| cap[s].min(y_max)), dash, gap, c.stroke_width(width)))?
        .label(label)
        .legend(move |(x, y)| DashedPathElement::new(vec![(x, y), (x + 24, y)], dash, gap, c.stroke_width(3)));
    if shade {
        // The shading lies on the mean load: its sample does too.
        entry(chart, shade_label(l), move |(x, y)| {
            EmptyElement::at((x, y))
                + Rectangle::new([(0, -6), (24, 6)], MEAN.mix(0.6).filled())
                + Rectangle::new([(0, -6), (24, 6)], fill)
        })?;
    }
    Ok(())
}

/// A limit with nothing to draw gets a legend entry alone: one far above the load (a line
/// pinned to the top edge would misread as a value), or a capacity of nothing. True if so.
fn named_only<'a, DB: DrawingBackend + 'a>(
    chart: &mut Chart<'a, DB>,
    l: &Limit,
    label: &str,
    y_max: f64,
) -> Result<bool, Box<dyn std::error::Error>>
where
    DB::ErrorType: 'static,
{
    let (c, cap) = (colour(l.index), l.per_min.as_slice());
    if cap.iter().all(|v| *v > y_max) {
        let lowest = cap.iter().copied().fold(f64::MAX, f64::min);
        let above = match l.quota_calls_per_min {
            Some(_) => format!("{label}, above the chart"),
            None => format!("{label} {} requests/min and up, above the chart", thousands(lowest)),
        };
        entry(chart, above, move |(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], c.stroke_width(3)))?;
        return Ok(true);
    }
    if cap.iter().all(|v| *v <= 0.0) {
        let label = format!("{}: buys no capacity (all on demand)", l.name());
        entry(chart, label, move |(x, y)| Cross::new((x + 12, y), 5, c.stroke_width(2)))?;
        return Ok(true);
    }
    Ok(false)
}

/// A legend entry for something drawn otherwise, or not at all.
fn entry<'a, DB, E>(chart: &mut Chart<'a, DB>, label: String, sample: impl Fn((i32, i32)) -> E + 'a) -> R
where
    DB: DrawingBackend + 'a,
    DB::ErrorType: 'static,
    E: IntoDynElement<'a, DB, (i32, i32)>,
{
    chart.draw_series(std::iter::empty::<Circle<(f64, f64), i32>>())?.label(label).legend(sample);
    Ok(())
}

/// True when `l` runs both above and below `y`: clipped at a top edge there.
fn straddles(l: &Limit, y: f64) -> bool {
    l.per_min.iter().any(|v| *v > y) && l.per_min.iter().any(|v| *v <= y)
}

/// Notes in the legend, where they cannot cover data: lines clipped at the top, or nothing to
/// compare the load with.
fn notes<'a, DB: DrawingBackend + 'a>(chart: &mut Chart<'a, DB>, limits: &[Limit], y_max: f64) -> R
where
    DB::ErrorType: 'static,
{
    if limits.iter().any(|l| straddles(l, y_max)) {
        let text = format!("lines above {} requests/min are cut at the top", short(y_max));
        entry(chart, text, |(x, y)| EmptyElement::at((x, y)))?;
    }
    if limits.is_empty() {
        let text = "no capacity bought, no quota known: on demand scales with the load";
        entry(chart, text.to_string(), |(x, y)| EmptyElement::at((x, y)))?;
    }
    Ok(())
}
