//! Load vs capacity over the week of month 1: mean and peak requests per minute per hour, the
//! capacity each bought-capacity option holds, and the overflow above it shaded.
use super::{FAMILY, colour, short};
use crate::model::Estimate;
use plotters::coord::Shift;
use plotters::prelude::*;

type R = Result<(), Box<dyn std::error::Error>>;

/// Dash and gap lengths by option, so capacity lines differ in greyscale too.
const DASH: [(i32, i32); 4] = [(10, 4), (4, 4), (18, 6), (7, 3)];

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

pub fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, e: &Estimate) -> R
where
    DB::ErrorType: 'static,
{
    let slots = &e.month1_load.slots;
    let mut caps: Vec<(usize, Vec<f64>, &str)> = e
        .options
        .iter()
        .enumerate()
        .filter_map(|(i, o)| o.month1_capacity.clone().map(|c| (i, c, "capacity")))
        .collect();
    // On-demand options meet their default quota instead: requests/min it admits.
    for q in &e.quota {
        if let Some(limit) = q.limit_per_min {
            let i = super::option_index(e, &q.option);
            caps.push((i, vec![limit / e.per_request.calls; slots.len()], "default quota"));
        }
    }
    let peak = slots.iter().map(|s| s.peak_per_min).fold(0.0, f64::max);
    let cap_max = caps.iter().flat_map(|(_, c, _)| c.iter().copied()).fold(0.0, f64::max);
    // Capacity far above the load would flatten it; clip the axis at twice the peak and say so.
    let top = peak.max(1.0) * 1.3;
    // Headroom above the highest line keeps the legend (upper right) clear of the data.
    let y_max = if cap_max > 2.0 * top { 2.0 * top } else { top.max(cap_max) } * super::legend_headroom(2 + caps.len());
    let mut chart = ChartBuilder::on(root)
        .caption(format!("{}: load vs capacity and quota, a week of month 1", e.scenario), (FAMILY, 26))
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

    // Mean load as a grey area, the sizing peak as a thin dark step line. Steps only where the
    // value changes, so dashed capacity lines keep an even rhythm.
    let step = |v: &dyn Fn(usize) -> f64| -> Vec<(f64, f64)> {
        let mut points: Vec<(f64, f64)> = Vec::new();
        for s in 0..slots.len() {
            if s == 0 || v(s) != v(s - 1) {
                if s > 0 {
                    points.push((s as f64, v(s - 1)));
                }
                points.push((s as f64, v(s)));
            }
        }
        points.push((slots.len() as f64, v(slots.len() - 1)));
        points
    };
    chart
        .draw_series(AreaSeries::new(step(&|s| slots[s].mean_per_min), 0.0, RGBColor(190, 190, 190).mix(0.6)))?
        .label("mean load")
        .legend(|(x, y)| Rectangle::new([(x, y - 6), (x + 24, y + 6)], RGBColor(190, 190, 190).filled()));
    chart
        .draw_series(LineSeries::new(step(&|s| slots[s].peak_per_min), RGBColor(90, 90, 90).stroke_width(1)))?
        .label("peak minute (sizing quantile)")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], RGBColor(90, 90, 90).stroke_width(1)));

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

    for (i, cap, what) in &caps {
        let (i, cap) = (*i, cap.as_slice());
        let c = colour(i);
        let name = e.options[i].name.clone();
        if cap.iter().all(|v| *v > y_max) {
            // Far above the load: a line pinned to the top edge would misread as a value.
            let lowest = cap.iter().copied().fold(f64::MAX, f64::min);
            chart
                .draw_series(std::iter::empty::<Circle<(f64, f64), i32>>())?
                .label(format!("{name}: {what} {} req/min and up, above the chart", short(lowest)))
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], c.stroke_width(3)));
            continue;
        }
        if cap.iter().all(|v| *v <= 0.0) {
            // Buys nothing: no line, no shading, but say so in the legend.
            chart
                .draw_series(std::iter::empty::<Circle<(f64, f64), i32>>())?
                .label(format!("{name}: buys no capacity (all on demand)"))
                .legend(move |(x, y)| Cross::new((x + 12, y), 5, c.stroke_width(2)));
            continue;
        }
        // Overflow: where the mean load is above this option's capacity.
        chart.draw_series((0..slots.len()).filter(|&s| slots[s].mean_per_min > cap[s]).map(|s| {
            Rectangle::new(
                [(s as f64, cap[s].min(y_max)), (s as f64 + 1.0, slots[s].mean_per_min.min(y_max))],
                c.mix(0.35).filled(),
            )
        }))?;
        chart
            .draw_series(DashedLineSeries::new(
                step(&|s| cap[s].min(y_max)),
                DASH[i % 4].0,
                DASH[i % 4].1,
                c.stroke_width(3),
            ))?
            .label(format!("{name}: {what}"))
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], c.stroke_width(3)));
    }
    let clipped = caps.iter().any(|(_, c, _)| c.iter().any(|v| *v > y_max) && c.iter().any(|v| *v <= y_max));
    if clipped {
        root.draw(&Text::new(
            format!("capacity lines above {} req/min are clipped", short(y_max)),
            (130, 70),
            (FAMILY, 14),
        ))?;
    }
    if caps.is_empty() {
        root.draw(&Text::new(
            "No capacity bought and no quota known: on demand scales with the load.",
            (130, 70),
            (FAMILY, 15),
        ))?;
    }
    super::legend(&mut chart, SeriesLabelPosition::UpperRight, 15)?;
    Ok(())
}
