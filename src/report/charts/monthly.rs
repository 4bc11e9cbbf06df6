//! Monthly projection: each option's cost month by month over the horizon.
use super::{FAMILY, colour, marker, short_usd};
use crate::model::Estimate;
use plotters::coord::Shift;
use plotters::prelude::*;

type R = Result<(), Box<dyn std::error::Error>>;

pub fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, e: &Estimate) -> R
where
    DB::ErrorType: 'static,
{
    let max = e.options.iter().flat_map(|o| o.cost.months.iter().map(|m| m.cost_usd)).fold(0.0, f64::max);
    let months = e.months as f64;
    let mut chart = ChartBuilder::on(root)
        .caption(format!("{}: cost per month over {} months", e.scenario, e.months), (FAMILY, 26))
        .margin(24)
        .x_label_area_size(56)
        .y_label_area_size(90)
        .build_cartesian_2d(0.5..months + 0.5, 0.0..max * super::legend_headroom(e.options.len()))?;
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
    for (i, o) in e.options.iter().enumerate() {
        let points: Vec<(f64, f64)> = o.cost.months.iter().map(|m| (f64::from(m.month), m.cost_usd)).collect();
        chart.draw_series(LineSeries::new(points.clone(), colour(i).stroke_width(2)))?.label(o.name.as_str()).legend(
            move |(x, y)| {
                EmptyElement::at((x, y))
                    + PathElement::new(vec![(0, 0), (24, 0)], colour(i).stroke_width(2))
                    + marker::<DB>(i, (12, 0))
            },
        );
        chart.draw_series(points.iter().map(|p| EmptyElement::at(*p) + marker::<DB>(i, (0, 0))))?;
    }
    super::legend(&mut chart, SeriesLabelPosition::UpperLeft, 15)?;
    Ok(())
}
