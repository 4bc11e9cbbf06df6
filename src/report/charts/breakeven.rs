//! Break-even chart: month-1 cost against monthly volume, one line per option, the crossovers
//! against on demand marked and labelled beside their marker, the scenario's own volume marked.
use super::place::{self, Rect};
use super::{FAMILY, colour, option_index, overlap, short, short_usd};
use crate::model::Estimate;
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;

type R = Result<(), Box<dyn std::error::Error>>;
type Chart<'a, DB> = ChartContext<'a, DB, Cartesian2d<LogCoord<f64>, LogCoord<f64>>>;

/// Size of the legend's text, and of the labels on the plot.
const LEGEND_FONT: u32 = 15;
const LABEL_FONT: u32 = 14;
/// Markers on a 400-point curve: one every `STEP` points.
const STEP: usize = 40;

pub fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, e: &Estimate) -> R
where
    DB::ErrorType: 'static,
{
    let b = &e.breakeven;
    if b.curves.is_empty() {
        root.draw(&Text::new("No option serves all traffic: nothing to compare.", (60, 300), (FAMILY, 22)))?;
        return Ok(());
    }
    let x = &b.grid_requests;
    let all = b.curves.iter().flat_map(|(_, c)| c.iter().copied()).filter(|v| *v > 0.0);
    let (lo, hi) = all.fold((f64::MAX, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let mut chart = ChartBuilder::on(root)
        .caption(format!("{}: monthly cost by monthly volume", e.scenario), (FAMILY, 26))
        .margin(24)
        .x_label_area_size(56)
        .y_label_area_size(90)
        .build_cartesian_2d((x[0]..x[x.len() - 1]).log_scale(), (lo * 0.7..hi * 1.5).log_scale())?;
    chart
        .configure_mesh()
        .x_desc("requests per month (log scale)")
        .y_desc("month-1 cost, $ per month (log scale)")
        .x_label_formatter(&|v| short(*v))
        .y_label_formatter(&|v| short_usd(*v))
        .label_style((FAMILY, 15))
        .axis_desc_style((FAMILY, 17))
        .light_line_style(RGBColor(235, 235, 235))
        .bold_line_style(RGBColor(210, 210, 210))
        .draw()?;
    let labels = curves(&mut chart, e)?;
    let plot = super::plot_rect(&chart);
    let legend = super::legend_box(root, plot, &labels, LEGEND_FONT);
    let note = this_scenario(root, &chart, e.base_requests, (lo * 0.7, hi * 1.5), legend)?;
    crossovers(root, &chart, e, &[legend, note])?;
    super::legend(&mut chart, SeriesLabelPosition::UpperLeft, LEGEND_FONT)?;
    Ok(())
}

/// One line per option; a line lying on an earlier one is dashed and says so in the legend.
/// Returns the legend labels.
fn curves<'a, DB: DrawingBackend + 'a>(
    chart: &mut Chart<'a, DB>,
    e: &Estimate,
) -> Result<Vec<String>, Box<dyn std::error::Error>>
where
    DB::ErrorType: 'static,
{
    let b = &e.breakeven;
    let x = &b.grid_requests;
    let found = overlap::coincidences(&b.curves.iter().map(|(_, c)| c.as_slice()).collect::<Vec<_>>());
    let mut labels = Vec::with_capacity(b.curves.len());
    for (k, (name, costs)) in b.curves.iter().enumerate() {
        let i = option_index(e, name);
        let label = match &found[k] {
            Some(c) => {
                format!("{name}{}", overlap::suffix(c, &b.curves[c.with].0, |p| format!("{}/month", short(x[p]))))
            }
            None => name.clone(),
        };
        let points: Vec<(f64, f64)> = x.iter().copied().zip(costs.iter().copied()).filter(|(_, c)| *c > 0.0).collect();
        // Sparse markers, at other points for each option so lines that meet stay distinguishable.
        let marked: Vec<(f64, f64)> = points.iter().copied().skip((i * 7) % STEP).step_by(STEP).collect();
        let rank = found[k].map_or(0, |c| c.rank);
        super::option_line(chart, (i, rank), &points, marked.into_iter(), label.clone(), if i == 0 { 3 } else { 2 })?;
        labels.push(label);
    }
    Ok(labels)
}

/// A dashed line at the scenario's own volume, named at the top of the plot (at the bottom when
/// the legend is in the way). Returns the box of the name.
fn this_scenario<'a, DB: DrawingBackend + 'a>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart<'a, DB>,
    volume: f64,
    (y_lo, y_hi): (f64, f64),
    legend: Rect,
) -> Result<Rect, Box<dyn std::error::Error>>
where
    DB::ErrorType: 'static,
{
    chart.plotting_area().draw(&DashedPathElement::new(
        vec![(volume, y_lo), (volume, y_hi)],
        8,
        6,
        BLACK.stroke_width(1),
    ))?;
    let text = format!("this scenario: {}/month", short(volume));
    let font: TextStyle = (FAMILY, LABEL_FONT + 1).into();
    let (w, h) = root.estimate_text_size(&text, &font)?;
    let (w, h) = (w as i32, h as i32);
    let plot = super::plot_rect(chart);
    let (px, _) = chart.backend_coord(&(volume, y_hi));
    // Right of the line, or left of it near the right edge.
    let x0 = if px + 6 + w <= plot.x1 { px + 6 } else { px - 6 - w };
    let mut rect = Rect::at((x0, plot.y0 + 6), (w, h));
    if rect.overlaps(&legend) {
        rect = Rect::at((x0, plot.y1 - 6 - h), (w, h));
    }
    root.draw(&Text::new(text, (rect.x0, rect.y0), font))?;
    Ok(rect)
}

/// Crossovers against the reference (on-demand costs are proportional to volume): a ring on
/// the line, and a label beside it joined by a short leader line.
fn crossovers<'a, DB: DrawingBackend + 'a>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart<'a, DB>,
    e: &Estimate,
    obstacles: &[Rect],
) -> R
where
    DB::ErrorType: 'static,
{
    let b = &e.breakeven;
    let Some(reference) = b.reference.as_ref().and_then(|r| b.curves.iter().find(|(n, _)| n == r)).map(|(_, c)| c)
    else {
        return Ok(());
    };
    let x = &b.grid_requests;
    let font: TextStyle = (FAMILY, LABEL_FONT).into();
    let mut marks = Vec::new();
    for be in b.breakeven.iter().filter(|be| !be.everywhere) {
        let Some(v) = be.requests_per_month else { continue };
        let at = chart.backend_coord(&(v, reference[0] / x[0] * v));
        // Two lines: the option, then what it does; narrow enough to sit beside the marker.
        let text = [super::shorten(&be.option, 56), format!("beats on-demand above {}/month", short(v))];
        let (w0, h) = root.estimate_text_size(&text[0], &font)?;
        let (w1, _) = root.estimate_text_size(&text[1], &font)?;
        let line = h as i32 + 3;
        marks.push((at, (w0.max(w1) as i32 + 10, 2 * line + 6), text, line, colour(option_index(e, &be.option))));
    }
    let points: Vec<(i32, i32)> = marks.iter().map(|m| m.0).collect();
    let sizes: Vec<(i32, i32)> = marks.iter().map(|m| m.1).collect();
    let boxes = place::place(&points, &sizes, super::plot_rect(chart), obstacles);
    for ((at, _, text, line, c), r) in marks.into_iter().zip(boxes) {
        root.draw(&PathElement::new(vec![at, r.nearest(at)], c.stroke_width(1)))?;
        root.draw(&Circle::new(at, 7, BLACK.stroke_width(2)))?;
        root.draw(&Rectangle::new([(r.x0, r.y0), (r.x1, r.y1)], WHITE.mix(0.9).filled()))?;
        root.draw(&Rectangle::new([(r.x0, r.y0), (r.x1, r.y1)], c.stroke_width(1)))?;
        for (k, t) in text.into_iter().enumerate() {
            root.draw(&Text::new(t, (r.x0 + 5, r.y0 + 4 + k as i32 * line), font.color(&c)))?;
        }
    }
    Ok(())
}
