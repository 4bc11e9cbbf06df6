//! Monthly projection: each option's and each plan's cost month by month over the horizon, over
//! a band of the services they all carry.
use super::{FAMILY, overlap, short_usd};
use crate::model::Estimate;
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
    let max = costs.iter().flatten().copied().fold(0.0, f64::max);
    let months = e.months as f64;
    let mut chart = ChartBuilder::on(root)
        .caption(format!("{}: cost per month over {} months", e.scenario, e.months), (FAMILY, 26))
        .margin(24)
        .x_label_area_size(56)
        .y_label_area_size(90)
        .build_cartesian_2d(0.5..months + 0.5, 0.0..max * super::legend_headroom(lines.len() + usize::from(band)))?;
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
        // The services every option and plan carries, as a band under their lines.
        let grey = RGBColor(190, 190, 190);
        chart
            .draw_series(AreaSeries::new(services, 0.0, grey.mix(0.5)).border_style(grey))?
            .label("services: part of every line above")
            .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 24, y + 6)], grey.mix(0.5).filled()));
    }
    let found = overlap::coincidences(&costs.iter().map(Vec::as_slice).collect::<Vec<_>>());
    for (i, o) in lines.iter().enumerate() {
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
    super::legend(&mut chart, SeriesLabelPosition::UpperLeft, 15)?;
    Ok(())
}
