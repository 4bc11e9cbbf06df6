//! Monthly projection: each option's and each plan's cost month by month over the horizon, over
//! a band of the services they all carry. Lines far above the cheapest are left out and named
//! (the rule is [`data::off_scale`]).
use super::{FAMILY, data, overlap, short_usd};
use crate::model::Estimate;
use crate::model::plan::Line;
use plotters::coord::Shift;
use plotters::prelude::*;

type R = Result<(), Box<dyn std::error::Error>>;

pub fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, e: &Estimate) -> R
where
    DB::ErrorType: 'static,
{
    let lines = e.lines();
    let costs: Vec<Vec<f64>> = lines.iter().map(|o| o.months.iter().map(|m| m.0).collect()).collect();
    let services: Vec<(f64, f64)> = e
        .month_requests()
        .iter()
        .enumerate()
        .map(|(m, r)| (m as f64 + 1.0, e.services.month_usd(m as u32 + 1, *r)))
        .collect();
    let band = !e.services.items.is_empty();
    let eligible: Vec<bool> = e.options.iter().map(|o| o.eligible).chain(e.plans.iter().map(|p| p.eligible)).collect();
    let hidden = data::off_scale(&costs, &eligible);
    let shown = || (0..lines.len()).filter(|&i| !hidden[i]);
    let max = shown().flat_map(|i| costs[i].iter().copied()).fold(0.0, f64::max);
    let off_scale = hidden.iter().filter(|h| **h).count();
    let entries = shown().count() + usize::from(band) + off_scale + usize::from(off_scale > 0);
    let months = e.months as f64;
    let mut chart = ChartBuilder::on(root)
        .caption(format!("{}: cost per month over {} months", e.scenario, e.months), (FAMILY, 26))
        .margin(24)
        .x_label_area_size(56)
        .y_label_area_size(90)
        .build_cartesian_2d(0.5..months + 0.5, 0.0..max * super::legend_headroom(entries))?;
    chart
        .configure_mesh()
        .x_desc("month")
        .y_desc("cost, $ per month")
        .x_labels(e.months.min(24) as usize)
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| short_usd(*v))
        .label_style((FAMILY, 15))
        .axis_desc_style((FAMILY, 17))
        .light_line_style(RGBColor(235, 235, 235))
        .bold_line_style(RGBColor(210, 210, 210))
        .draw()?;
    if band {
        services_band(&mut chart, services)?;
    }
    let found = overlap::coincidences(&costs.iter().map(Vec::as_slice).collect::<Vec<_>>());
    for (i, o) in lines.iter().enumerate().filter(|(i, _)| !hidden[*i]) {
        let points: Vec<(f64, f64)> = costs[i].iter().enumerate().map(|(m, c)| (m as f64 + 1.0, *c)).collect();
        let (label, rank) = match &found[i] {
            Some(c) => (
                format!("{}{}", o.name, overlap::suffix(c, lines[c.with].name, |k| format!("month {}", k + 1))),
                c.rank,
            ),
            None => (o.name.to_string(), 0),
        };
        super::option_line(&mut chart, (i, rank), &points, points.clone().into_iter(), label, 2)?;
    }
    off_scale_notes(&mut chart, &lines, &costs, &hidden)?;
    super::legend(&mut chart, SeriesLabelPosition::UpperLeft, 15)?;
    Ok(())
}

/// The services every option and plan carries, as a band under their lines.
fn services_band<'a, DB, CT>(chart: &mut ChartContext<'a, DB, CT>, services: Vec<(f64, f64)>) -> R
where
    DB: DrawingBackend + 'a,
    DB::ErrorType: 'static,
    CT: plotters::coord::CoordTranslate<From = (f64, f64)>,
{
    let grey = RGBColor(190, 190, 190);
    chart
        .draw_series(AreaSeries::new(services, 0.0, grey.mix(0.5)).border_style(grey))?
        .label("services: part of every line above")
        .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 24, y + 6)], grey.mix(0.5).filled()));
    Ok(())
}

/// The lines left off the scale, named in the legend where nothing is drawn: the reader knows
/// what is missing, and where it lies.
fn off_scale_notes<'a, DB, CT>(
    chart: &mut ChartContext<'a, DB, CT>,
    lines: &[Line],
    costs: &[Vec<f64>],
    hidden: &[bool],
) -> R
where
    DB: DrawingBackend + 'a,
    DB::ErrorType: 'static,
    CT: plotters::coord::CoordTranslate<From = (f64, f64)>,
{
    let off: Vec<usize> = shown_not(hidden).collect();
    let notes = off.first().map(|_| format!("not shown, over {}× the cheapest every month:", data::OFF_SCALE));
    let ranges = off.iter().map(|&i| {
        let (lo, hi) = costs[i].iter().fold((f64::MAX, 0.0f64), |(lo, hi), c| (lo.min(*c), hi.max(*c)));
        format!("   {}: {} to {} a month", super::shorten(lines[i].name, 48), short_usd(lo), short_usd(hi))
    });
    for text in notes.into_iter().chain(ranges) {
        chart
            .draw_series(std::iter::empty::<Circle<(f64, f64), i32>>())?
            .label(text)
            .legend(|(x, y)| EmptyElement::at((x, y)));
    }
    Ok(())
}

/// The indices of the lines left off the scale.
fn shown_not(hidden: &[bool]) -> impl Iterator<Item = usize> + '_ {
    (0..hidden.len()).filter(|&i| hidden[i])
}
