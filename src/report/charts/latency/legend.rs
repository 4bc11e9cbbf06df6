//! The legend under the panels: one entry per option, then the timeouts and the shading, in
//! rows as wide as the chart.
use super::Error;
use crate::model::Estimate;
use crate::model::latency::chart::LatencyChart;
use crate::report::charts::place::Rect;
use crate::report::charts::{colour, marker, option_index, shorten};
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;

/// What an entry's sample looks like.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Sample {
    /// An option's curve: a line in colour `i` with its marker (where it meets the timeout).
    Curve(usize),
    /// A timeout: dashed grey.
    Timeout,
    /// The time past the shortest timeout: shaded.
    Shade,
}

pub(super) fn entries(e: &Estimate, c: &LatencyChart) -> Vec<(Sample, String)> {
    let mut out: Vec<(Sample, String)> = Vec::new();
    for curve in c.panels.iter().flat_map(|p| &p.curves) {
        let i = option_index(e, &curve.option);
        if !out.iter().any(|(s, _)| *s == Sample::Curve(i)) {
            out.push((Sample::Curve(i), shorten(&curve.option, 60)));
        }
    }
    let on = |l: f64| c.panels.iter().any(|p| l >= p.axis.0 && l <= p.axis.1);
    if e.client.timeouts.iter().any(|t| on(t.limit_s)) {
        out.push((Sample::Timeout, "a [client] timeout".to_string()));
    }
    if let Some(t) = e.client.timeouts.first().filter(|t| c.panels.iter().any(|p| t.limit_s < p.axis.1)) {
        let words = super::timeout_words(t);
        out.push((Sample::Shade, format!("past {words}: cut (a marker where each curve meets it)")));
    }
    out
}

use crate::report::charts::rows::SAMPLE;
pub(super) use crate::report::charts::rows::height;

/// Draws the legend in `area`; returns its box.
pub(super) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    entries: &[(Sample, String)],
    area: Rect,
) -> Result<Rect, Error>
where
    DB::ErrorType: 'static,
{
    crate::report::charts::rows::draw(root, entries, area, draw_sample)
}

/// One sample, `SAMPLE` pixels wide, its left end at `at`.
fn draw_sample<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, sample: Sample, at: (i32, i32)) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let (x, mid) = at;
    let ends = vec![(x, mid), (x + SAMPLE, mid)];
    match sample {
        Sample::Curve(i) => {
            root.draw(&PathElement::new(ends, colour(i).stroke_width(2)))?;
            root.draw(&(EmptyElement::at((x + SAMPLE / 2, mid)) + marker::<DB>(i, (0, 0))))?;
        }
        Sample::Timeout => root.draw(&DashedPathElement::new(ends, 6, 4, super::panel::LIMIT.stroke_width(2)))?,
        Sample::Shade => {
            let shade = super::panel::SHADE.mix(super::panel::SHADE_ALPHA).filled();
            root.draw(&Rectangle::new([(x, mid - 7), (x + SAMPLE, mid + 7)], shade))?;
        }
    }
    Ok(())
}
