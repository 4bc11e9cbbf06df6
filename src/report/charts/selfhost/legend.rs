//! The legend under the panels: one entry per line or mark, in rows as wide as the chart.
use super::{Error, ITL, LIMIT, TOKENS, TTFT, in_flight, ms};
use crate::format::trim;
use crate::model::offers::selfhost_curve::SelfHostCurve;
use crate::report::charts::place::Rect;
use crate::report::charts::{colour, marker};
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;

/// What an entry's sample looks like.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Sample {
    /// A curve: a line in colour `i` with its marker.
    Curve(usize),
    /// An SLO limit: dashed in colour `i`.
    Slo(usize),
    /// The operating point's ring.
    Ring,
    /// The batch limit: dotted grey.
    Batch,
}

pub(super) fn entries(c: &SelfHostCurve) -> Vec<(Sample, String)> {
    let mut out = vec![
        (Sample::Curve(TOKENS), "output tokens/s, whole instance".to_string()),
        (Sample::Curve(TTFT), "time to first token (TTFT)".to_string()),
        (Sample::Curve(ITL), "inter-token latency (ITL)".to_string()),
    ];
    if let Some(t) = c.slo.and_then(|s| s.ttft_ms) {
        out.push((Sample::Slo(TTFT), format!("SLO: TTFT \u{2264} {} ms", ms(t))));
    }
    if let Some(r) = c.slo.and_then(|s| s.tokens_per_s) {
        out.push((
            Sample::Slo(ITL),
            format!("SLO: ITL \u{2264} {} ms ({} tokens/s per user)", ms(1e3 / r), trim(r, 1)),
        ));
    }
    out.push((Sample::Ring, "operating point sizing uses".to_string()));
    let why = if c.limit_by_kv { "the KV cache is full" } else { "the engine's batch limit" };
    out.push((Sample::Batch, format!("batch limit: {} in flight ({why})", in_flight(c.batch_limit))));
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
    let (x, y) = at;
    let ends = vec![(x, y), (x + SAMPLE, y)];
    match sample {
        Sample::Curve(i) => {
            root.draw(&PathElement::new(ends, colour(i).stroke_width(2)))?;
            root.draw(&(EmptyElement::at((x + SAMPLE / 2, y)) + marker::<DB>(i, (0, 0))))?;
        }
        Sample::Slo(i) => root.draw(&DashedPathElement::new(ends, 7, 4, colour(i).stroke_width(2)))?,
        Sample::Ring => root.draw(&Circle::new((x + SAMPLE / 2, y), 8, BLACK.stroke_width(2)))?,
        Sample::Batch => root.draw(&DashedPathElement::new(ends, 2, 3, LIMIT.stroke_width(2)))?,
    }
    Ok(())
}
