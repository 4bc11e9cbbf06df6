//! The legend under the panels: one entry per option, then the timeouts and the shading, in
//! rows as wide as the chart.
use super::{Error, FONT};
use crate::model::Estimate;
use crate::model::latency::chart::LatencyChart;
use crate::report::charts::place::Rect;
use crate::report::charts::{FAMILY, colour, marker, option_index, shorten};
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

pub(super) use crate::report::charts::rows::height;
use crate::report::charts::rows::{GAP, SAMPLE, positions};

/// Draws the legend in `area`; returns its box.
pub(super) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    entries: &[(Sample, String)],
    area: Rect,
) -> Result<Rect, Error>
where
    DB::ErrorType: 'static,
{
    root.draw(&Rectangle::new([(area.x0, area.y0), (area.x1, area.y1)], RGBColor(180, 180, 180).stroke_width(1)))?;
    let font: TextStyle = (FAMILY, FONT).into();
    for ((sample, text), (x, y)) in entries.iter().zip(positions(root, entries, area.x1 - area.x0)?) {
        let (x, y) = (area.x0 + x, area.y0 + y);
        let mid = y + FONT as i32 / 2 + 1;
        let ends = vec![(x, mid), (x + SAMPLE, mid)];
        match *sample {
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
        root.draw(&Text::new(text.clone(), (x + SAMPLE + GAP, y), font.clone()))?;
    }
    Ok(area)
}
