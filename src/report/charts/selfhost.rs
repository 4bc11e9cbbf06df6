//! Throughput–latency chart of one self-hosted option (docs/model.md#charts), for its busiest
//! workload: one instance's output tokens/s (left) and time to first token and inter-token
//! latency (right) as its requests in flight double, on a log₂ axis; the SLO's limits dashed,
//! the batch limit dotted, the operating point sizing uses ringed and labelled. The legend sits
//! under the panels, clear of the data; labels are placed clear of lines, markers and each other.
use super::place::Rect;
use super::{FAMILY, SIZE, register_font};
use crate::format::{thousands, trim};
use crate::model::offers::selfhost_curve::SelfHostCurve;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::path::Path;

type Error = Box<dyn std::error::Error>;

/// Colour and marker index of each curve (the palette's first three).
const TOKENS: usize = 0;
const TTFT: usize = 1;
const ITL: usize = 2;
const LIMIT: RGBColor = RGBColor(110, 110, 110);
const FONT: u32 = 14;
/// Top of the panels: below the title and two lines of subtitle.
const BODY_TOP: i32 = 86;

pub(crate) use super::place::Layout;

/// The file stem of each curve's chart, in order: `selfhost-` and the option's name in lower
/// case, every run of characters other than ASCII letters, digits and `_` made one `-`, a leading
/// `self-hosted-` dropped, cut to 60 characters; `-2`, `-3`… where two would be the same.
pub fn stems(curves: &[SelfHostCurve]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(curves.len());
    for (i, c) in curves.iter().enumerate() {
        let mut slug = String::new();
        for ch in c.option.to_ascii_lowercase().chars() {
            let ch = if ch.is_ascii_alphanumeric() || ch == '_' { ch } else { '-' };
            if ch != '-' || !(slug.is_empty() || slug.ends_with('-')) {
                slug.push(ch);
            }
        }
        let slug = slug.strip_prefix("self-hosted-").unwrap_or(&slug).chars().take(60).collect::<String>();
        let slug = slug.trim_end_matches('-');
        let base = if slug.is_empty() { format!("selfhost-{}", i + 1) } else { format!("selfhost-{slug}") };
        let mut stem = base.clone();
        let mut k = 2;
        while out.contains(&stem) {
            stem = format!("{base}-{k}");
            k += 1;
        }
        out.push(stem);
    }
    out
}

/// The chart as an SVG document.
pub fn svg(c: &SelfHostCurve) -> Result<String, String> {
    Ok(svg_layout(c)?.0)
}

/// The SVG and where everything went.
pub(crate) fn svg_layout(c: &SelfHostCurve) -> Result<(String, Layout), String> {
    register_font()?;
    let mut out = String::new();
    let layout = {
        let root = SVGBackend::with_string(&mut out, SIZE).into_drawing_area();
        draw(&root, c).map_err(|e| format!("{} chart: {e}", c.option))?
    };
    Ok((out, layout))
}

/// Renders the chart as a PNG file at `path`.
pub fn png(c: &SelfHostCurve, path: &Path) -> Result<(), String> {
    register_font()?;
    let root = BitMapBackend::new(path, SIZE).into_drawing_area();
    draw(&root, c).map_err(|e| super::backend_reason(&e))?;
    Ok(())
}

fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, c: &SelfHostCurve) -> Result<Layout, Error>
where
    DB::ErrorType: 'static,
{
    if c.points
        .iter()
        .any(|p| ![p.concurrency, p.output_tokens_per_s, p.ttft_ms, p.itl_ms].iter().all(|v| v.is_finite() && *v > 0.0))
    {
        return Err("a point of the curve is not a positive finite number".into());
    }
    root.fill(&WHITE)?;
    let mut layout = Layout::default();
    header(root, c, &mut layout)?;
    let (w, h) = root.dim_in_pixel();
    let legend = legend::entries(c);
    let legend_h = legend::height(root, &legend, w as i32 - 48)?;
    let body_h = h as i32 - BODY_TOP - legend_h - 16;
    let body = root.clone().shrink((0, BODY_TOP), (w, body_h as u32));
    let (left, right) = body.split_horizontally(w / 2);
    panels::throughput(root, &left, c, &mut layout)?;
    panels::latency(root, &right, c, &mut layout)?;
    let top = BODY_TOP + body_h + 8;
    layout.legend = Some(legend::draw(root, &legend, Rect::at((24, top), (w as i32 - 48, legend_h)))?);
    root.present()?;
    Ok(layout)
}

/// Title and two lines under it: what runs where, then the workload and its SLO.
fn header<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: &SelfHostCurve,
    layout: &mut Layout,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let title = format!("{}: throughput and latency by requests in flight", super::shorten(&c.option, 60));
    let replicas = crate::format::count(c.replicas, "replica");
    let what = format!("{} on one {} ({replicas}).", c.deployment, c.instance);
    let slo = match &c.slo {
        Some(s) => format!("SLO per user: {}.", slo_words(s)),
        None => "No SLO: the operating point is the offline maximum (every batch full).".into(),
    };
    let call = format!(
        "Busiest workload \u{201c}{}\u{201d}: {} input + {} output tokens a call. {slo}",
        c.workload,
        thousands(c.shape.input),
        thousands(c.shape.output)
    );
    for (text, y, size) in [(title, 12, 22), (what, 42, 15), (call, 62, 15)] {
        let font: TextStyle = (FAMILY, size).into();
        let (tw, th) = root.estimate_text_size(&text, &font)?;
        root.draw(&Text::new(text.clone(), (24, y), font))?;
        layout.texts.push((text, Rect::at((24, y), (tw as i32, th as i32))));
    }
    Ok(())
}

/// An SLO in words: `TTFT ≤ 500 ms, ≥ 20 tokens/s (ITL ≤ 50 ms), response ≤ 10 s`.
fn slo_words(s: &crate::scenario::Slo) -> String {
    let mut parts = Vec::new();
    if let Some(t) = s.ttft_ms {
        parts.push(format!("TTFT \u{2264} {} ms", ms(t)));
    }
    if let Some(r) = s.tokens_per_s {
        parts.push(format!("\u{2265} {} tokens/s (ITL \u{2264} {} ms)", trim(r, 1), ms(1e3 / r)));
    }
    if let Some(l) = s.latency_s {
        parts.push(format!("whole response \u{2264} {} s", trim(l, 1)));
    }
    parts.join(", ")
}

/// Milliseconds to three significant figures at most: `0.85`, `12.3`, `456`, `1,234`.
fn ms(v: f64) -> String {
    match v.abs() {
        a if a >= 100.0 => thousands(v),
        a if a >= 10.0 => trim(v, 1),
        _ => trim(v, 2),
    }
}

/// Requests in flight: whole, or with one decimal when the batch limit is not whole.
fn in_flight(v: f64) -> String {
    if (v - v.round()).abs() < 1e-6 { thousands(v) } else { trim(v, 1) }
}

mod legend;
mod panels;

#[cfg(test)]
mod tests;
