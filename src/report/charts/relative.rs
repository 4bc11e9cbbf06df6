//! Relative break-even chart: each option's month-1 cost ÷ the reference's (the first eligible
//! on-demand option), by monthly volume. On the break-even chart's log cost axis options within
//! 10 % of each other merge; on this linear ratio axis they stand apart, and 1 is break-even.
use super::{FAMILY, data, option_index, overlap, short};
use crate::model::Estimate;
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;

type R = Result<(), Box<dyn std::error::Error>>;
type Chart<'a, DB> = ChartContext<'a, DB, Cartesian2d<LogCoord<f64>, plotters::coord::types::RangedCoordf64>>;

const LEGEND_FONT: u32 = 15;
/// Markers on a 400-point curve: one every `STEP` points.
const STEP: usize = 40;

/// The reference's name and curve, when there is one.
fn reference(e: &Estimate) -> Option<(&str, &[f64])> {
    let b = &e.breakeven;
    let name = b.reference.as_deref()?;
    b.curves.iter().find(|(n, _)| n == name).map(|(n, c)| (n.as_str(), c.as_slice()))
}

/// Month-1 cost of `name` ÷ the reference's, at the scenario's own volume.
fn ratio_here(e: &Estimate, name: &str, reference: &str) -> Option<f64> {
    let month1 = |n: &str| e.line(n).and_then(|l| l.months.first().map(|m| m.0));
    let (c, r) = (month1(name)?, month1(reference)?);
    data::relative(&[c], &[r])[0]
}

pub fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, e: &Estimate) -> R
where
    DB::ErrorType: 'static,
{
    let Some((ref_name, ref_curve)) = reference(e) else {
        let text = "No on-demand option serves all traffic: nothing to compare with.";
        root.draw(&Text::new(text, (60, 300), (FAMILY, 22)))?;
        return Ok(());
    };
    let b = &e.breakeven;
    let x = &b.grid_requests;
    let ratios: Vec<Vec<Option<f64>>> = b.curves.iter().map(|(_, c)| data::relative(c, ref_curve)).collect();
    let (lo, hi) = data::relative_range(ratios.iter().flatten().flatten().copied());
    // Room above the data for the legend (upper left), as on the other charts.
    let top = lo + (hi - lo) * super::legend_headroom(b.curves.len() + 2);
    let mut chart = ChartBuilder::on(root)
        .caption(format!("{}: cost relative to {ref_name}", e.scenario), (FAMILY, 26))
        .margin(24)
        .x_label_area_size(56)
        .y_label_area_size(90)
        .build_cartesian_2d((x[0]..x[x.len() - 1]).log_scale(), lo..top)?;
    chart
        .configure_mesh()
        .x_desc("requests per month (log scale)")
        .y_desc(format!("month-1 cost ÷ {}'s", super::shorten(ref_name, 30)))
        .x_label_formatter(&|v| short(*v))
        .y_labels(16)
        .y_label_formatter(&|v| format!("{v:.2}×"))
        .label_style((FAMILY, 15))
        .axis_desc_style((FAMILY, 17))
        .light_line_style(RGBColor(235, 235, 235))
        .bold_line_style(RGBColor(210, 210, 210))
        .draw()?;
    lines(&mut chart, e, &ratios, ref_name, hi)?;
    this_scenario(&mut chart, e.base_requests, (lo, top))?;
    super::legend(&mut chart, SeriesLabelPosition::UpperLeft, LEGEND_FONT)?;
    Ok(())
}

/// One line per option, cut above `hi` (so a line never runs along the top edge as if it
/// were a value); a line lying on an earlier one is dashed and says so in the legend.
fn lines<'a, DB: DrawingBackend + 'a>(
    chart: &mut Chart<'a, DB>,
    e: &Estimate,
    ratios: &[Vec<Option<f64>>],
    ref_name: &str,
    hi: f64,
) -> R
where
    DB::ErrorType: 'static,
{
    let b = &e.breakeven;
    let x = &b.grid_requests;
    let found = overlap::coincidences(&b.curves.iter().map(|(_, c)| c.as_slice()).collect::<Vec<_>>());
    let mut cut = false;
    for (k, (name, _)) in b.curves.iter().enumerate() {
        let i = option_index(e, name);
        let mut label = match ratio_here(e, name, ref_name) {
            _ if name == ref_name => format!("{name}: the reference, 1×"),
            Some(r) => format!("{name}: {r:.2}× at this scenario's volume"),
            None => name.clone(),
        };
        if let Some(c) = &found[k] {
            label += &overlap::suffix(c, &b.curves[c.with].0, |p| format!("{}/month", short(x[p])));
        }
        // Runs of points under the cap, each its own line.
        let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
        for (v, r) in x.iter().zip(&ratios[k]) {
            match r {
                Some(r) if *r <= hi => runs.last_mut().expect("never empty").push((*v, *r)),
                _ => {
                    cut |= r.is_some();
                    runs.push(Vec::new());
                }
            }
        }
        let rank = found[k].map_or(0, |c| c.rank);
        let mut labelled = false;
        for run in runs.into_iter().filter(|r| !r.is_empty()) {
            let marked: Vec<(f64, f64)> = run.iter().copied().skip((i * 7) % STEP).step_by(STEP).collect();
            let label = if labelled { None } else { Some(label.clone()) };
            labelled = true;
            line(chart, (i, rank), &run, marked, label)?;
        }
        if !labelled {
            // Above the cap at every volume: named all the same, with its marker.
            let text = format!("{label}, above {}× at every volume", data::RELATIVE_CAP);
            let sample = move |(x, y): (i32, i32)| EmptyElement::at((x, y)) + super::marker::<DB>(i, (12, 0));
            chart.draw_series(std::iter::empty::<Circle<(f64, f64), i32>>())?.label(text).legend(sample);
        }
    }
    if cut {
        let note = format!("lines above {}× the reference are cut at the top", data::RELATIVE_CAP);
        chart
            .draw_series(std::iter::empty::<Circle<(f64, f64), i32>>())?
            .label(note)
            .legend(|(x, y)| EmptyElement::at((x, y)));
    }
    Ok(())
}

/// One run of an option's line; only the first run is named in the legend.
fn line<'a, DB: DrawingBackend + 'a>(
    chart: &mut Chart<'a, DB>,
    (i, rank): (usize, usize),
    run: &[(f64, f64)],
    marked: Vec<(f64, f64)>,
    label: Option<String>,
) -> R
where
    DB::ErrorType: 'static,
{
    match label {
        Some(label) => super::option_line(chart, (i, rank), run, marked.into_iter(), label, 2)?,
        None => {
            let style = super::colour(i).stroke_width(2);
            if rank == 0 {
                chart.draw_series(LineSeries::new(run.to_vec(), style))?;
            } else {
                chart.draw_series(DashedLineSeries::new(run.to_vec(), 10, 8, style))?;
            }
            let dx = overlap::nudge(rank);
            chart.draw_series(marked.into_iter().map(|p| EmptyElement::at(p) + super::marker::<DB>(i, (dx, 0))))?;
        }
    }
    Ok(())
}

/// A dashed line at the scenario's own volume, named in the legend (a name on the plot would
/// sit on the lines, which gather at the bottom at high volume).
fn this_scenario<'a, DB: DrawingBackend + 'a>(chart: &mut Chart<'a, DB>, volume: f64, (lo, top): (f64, f64)) -> R
where
    DB::ErrorType: 'static,
{
    let line = DashedPathElement::new(vec![(volume, lo), (volume, top)], 8, 6, BLACK.stroke_width(1));
    chart
        .draw_series(std::iter::once(line))?
        .label(format!("this scenario: {}/month", short(volume)))
        .legend(|(x, y)| DashedPathElement::new(vec![(x, y), (x + 24, y)], 5, 3, BLACK.stroke_width(1)));
    Ok(())
}
