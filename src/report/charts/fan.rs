//! Fan chart (docs/model.md#simulation): each option's and plan's monthly cost over the draws,
//! the 10th–90th percentile band and the median line. Lines differ by colour, dash pattern and
//! marker, so they read in greyscale too.
use super::{FAMILY, SIZE, colour, marker, register_font, short_usd};
use crate::simulate::Simulation;
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use std::path::Path;

type R = Result<(), Box<dyn std::error::Error>>;

/// (dash, gap) in pixels of line `i`'s median; (0, 0) is solid.
fn dashes(i: usize) -> (u32, u32) {
    [(0, 0), (12, 6), (4, 4), (16, 4), (8, 8)][i % 5]
}

fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, s: &Simulation) -> R
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE)?;
    let max = s.options.iter().flat_map(|l| l.months.iter().map(|m| m.p90)).fold(0.0, f64::max).max(1.0);
    let months = f64::from(s.months);
    let mut chart = ChartBuilder::on(root)
        .caption(
            format!(
                "{}: cost per month, 10th–90th percentile of {} draws",
                s.scenario,
                crate::report::format::thousands(s.samples as f64)
            ),
            (FAMILY, 24),
        )
        .margin(24)
        .x_label_area_size(56)
        .y_label_area_size(90)
        .build_cartesian_2d(0.5..months + 0.5, 0.0..max * super::legend_headroom(s.options.len()))?;
    chart
        .configure_mesh()
        .x_desc("month")
        .y_desc("cost, $ per month (band: p10–p90; line: median)")
        .x_labels(s.months.min(24) as usize)
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| short_usd(*v))
        .label_style((FAMILY, 15))
        .axis_desc_style((FAMILY, 17))
        .light_line_style(RGBColor(235, 235, 235))
        .bold_line_style(RGBColor(210, 210, 210))
        .draw()?;
    for (i, l) in s.options.iter().enumerate() {
        let c = colour(i);
        let lower: Vec<(f64, f64)> = l.months.iter().map(|m| (f64::from(m.month), m.p10)).collect();
        let upper: Vec<(f64, f64)> = l.months.iter().rev().map(|m| (f64::from(m.month), m.p90)).collect();
        let band: Vec<(f64, f64)> = lower.iter().chain(&upper).copied().collect();
        chart.draw_series(std::iter::once(Polygon::new(band, c.mix(0.12).filled())))?;
        for edge in [&lower, &upper] {
            chart.draw_series(DashedLineSeries::new(edge.iter().copied(), 3, 3, c.mix(0.6).stroke_width(1)))?;
        }
        let median: Vec<(f64, f64)> = l.months.iter().map(|m| (f64::from(m.month), m.p50)).collect();
        let style = c.stroke_width(2);
        let (dash, gap) = dashes(i);
        let line = if dash == 0 {
            chart.draw_series(LineSeries::new(median.clone(), style))?
        } else {
            chart.draw_series(DashedLineSeries::new(median.clone(), dash, gap, style))?
        };
        line.label(l.name.clone()).legend(move |(x, y)| {
            let sample: DynElement<'static, DB, (i32, i32)> = if dash == 0 {
                PathElement::new(vec![(0, 0), (26, 0)], colour(i).stroke_width(2)).into_dyn()
            } else {
                DashedPathElement::new(vec![(0, 0), (26, 0)], dash, gap, colour(i).stroke_width(2)).into_dyn()
            };
            EmptyElement::at((x, y)) + sample + marker::<DB>(i, (13, 0))
        });
        chart.draw_series(median.into_iter().map(|p| EmptyElement::at(p) + marker::<DB>(i, (0, 0))))?;
    }
    super::legend(&mut chart, SeriesLabelPosition::UpperLeft, 15)?;
    root.present()?;
    Ok(())
}

/// The fan chart as an SVG document.
pub fn svg(s: &Simulation) -> Result<String, String> {
    register_font()?;
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, SIZE).into_drawing_area();
        draw(&root, s).map_err(|e| format!("fan chart: {e}"))?;
    }
    Ok(out)
}

/// Renders the fan chart as a PNG file at `path`.
pub fn png(s: &Simulation, path: &Path) -> Result<(), String> {
    register_font()?;
    let root = BitMapBackend::new(path, SIZE).into_drawing_area();
    draw(&root, s).map_err(|e| format!("fan chart: {e}"))
}
