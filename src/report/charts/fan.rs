//! Fan chart (docs/model.md#simulation): each option's and plan's monthly cost over the draws,
//! the 10th–90th percentile band and the median line. Lines differ by colour, dash pattern and
//! marker, so they read in greyscale too.
use super::{FAMILY, SIZE, colour, marker, register_font, short_usd};
use crate::simulate::Simulation;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::path::Path;

type R = Result<(), Box<dyn std::error::Error>>;

/// One panel per option or plan, all on the same scale, so bands never cover one another: the
/// 10th–90th percentile band, its edges, and the median line with the option's marker.
fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, s: &Simulation) -> R
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE)?;
    let title = format!(
        "{}: cost per month over {} draws (band: 10th–90th percentile; line: median)",
        s.scenario,
        crate::format::thousands(s.samples as f64)
    );
    let body = root.titled(&title, (FAMILY, 22))?;
    let n = s.options.len().max(1);
    let cols = n.min(3);
    let rows = n.div_ceil(cols);
    let max = s.options.iter().flat_map(|l| l.months.iter().map(|m| m.p90)).fold(0.0, f64::max).max(1.0) * 1.05;
    for (i, (l, panel)) in s.options.iter().zip(body.split_evenly((rows, cols))).enumerate() {
        panel_chart(&panel, l, i, s.months, max)?;
    }
    root.present()?;
    Ok(())
}

fn panel_chart<DB: DrawingBackend>(
    panel: &DrawingArea<DB, Shift>,
    l: &crate::simulate::LineSummary,
    i: usize,
    months: u32,
    max: f64,
) -> R
where
    DB::ErrorType: 'static,
{
    let c = colour(i);
    let mut chart = ChartBuilder::on(panel)
        .caption(super::shorten(&l.name, 44), (FAMILY, 15))
        .margin(8)
        .x_label_area_size(28)
        .y_label_area_size(58)
        .build_cartesian_2d(0.5..f64::from(months) + 0.5, 0.0..max)?;
    chart
        .configure_mesh()
        .x_labels(months.min(12) as usize)
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_labels(5)
        .y_label_formatter(&|v| short_usd(*v))
        .label_style((FAMILY, 12))
        .light_line_style(RGBColor(240, 240, 240))
        .bold_line_style(RGBColor(215, 215, 215))
        .draw()?;
    let lower: Vec<(f64, f64)> = l.months.iter().map(|m| (f64::from(m.month), m.p10)).collect();
    let upper: Vec<(f64, f64)> = l.months.iter().rev().map(|m| (f64::from(m.month), m.p90)).collect();
    let band: Vec<(f64, f64)> = lower.iter().chain(&upper).copied().collect();
    chart.draw_series(std::iter::once(Polygon::new(band, c.mix(0.18).filled())))?;
    for edge in [&lower, &upper] {
        chart.draw_series(DashedLineSeries::new(edge.iter().copied(), 3, 3, c.mix(0.7).stroke_width(1)))?;
    }
    let median: Vec<(f64, f64)> = l.months.iter().map(|m| (f64::from(m.month), m.p50)).collect();
    chart.draw_series(LineSeries::new(median.clone(), c.stroke_width(2)))?;
    chart.draw_series(median.into_iter().map(|p| EmptyElement::at(p) + marker::<DB>(i, (0, 0))))?;
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
    draw(&root, s).map_err(|e| super::backend_reason(&e))
}
