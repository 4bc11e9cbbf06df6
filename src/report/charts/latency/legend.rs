//! The legend under the panels: one entry per curve, then the timeouts and the shading, in
//! rows as wide as the chart.
use super::{Error, Looks};
use crate::model::Estimate;
use crate::model::latency::chart::LatencyChart;
use crate::report::charts::place::Rect;
use crate::report::charts::{FAMILY, colour, marker};
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

/// One entry per curve, naming every option it is of (as many as fit in a legend `width`
/// pixels wide), then the timeouts and the shading.
pub(super) fn entries<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    (e, c, looks): (&Estimate, &LatencyChart, &Looks),
    width: i32,
) -> Result<Vec<(Sample, String)>, Error>
where
    DB::ErrorType: 'static,
{
    let font: TextStyle = (FAMILY, FONT).into();
    let room = width - 2 * PAD - SAMPLE - GAP;
    let mut out: Vec<(Sample, String)> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for curve in c.panels.iter().flat_map(|p| &p.curves) {
        if seen.contains(&curve.options[0].as_str()) {
            continue;
        }
        seen.push(&curve.options[0]);
        let mut most = curve.options.iter().map(|o| o.chars().count() + 3).sum::<usize>();
        let mut text = super::names(curve, most);
        while most > 32 && root.estimate_text_size(&text, &font)?.0 as i32 > room {
            most -= 8;
            text = super::names(curve, most);
        }
        out.push((Sample::Curve(looks.of(curve)), text));
    }
    let on = |l: f64| c.panels.iter().any(|p| l >= p.axis.0 && l <= p.axis.1);
    if e.client.timeouts.iter().any(|t| on(t.limit_s)) {
        out.push((Sample::Timeout, "a [client] timeout".to_string()));
    }
    if let Some(t) = e.client.timeouts.first().filter(|t| c.panels.iter().any(|p| t.limit_s < p.axis.1)) {
        let words = super::timeout_words(t);
        out.push((Sample::Shade, format!("past {words}: cut (a marker where each curve meets it)")));
    }
    Ok(out)
}

pub(super) use crate::report::charts::rows::height;
use crate::report::charts::rows::{FONT, GAP, PAD, SAMPLE};

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
