//! Response time against the client's timeouts (docs/model.md#latency-and-timeouts): one panel
//! per workload, stacked (the busiest four at most), each option's share of requests finished by
//! each second; every `[client]` timeout a dashed vertical line with its name, the time past
//! the shortest one shaded and the share it cuts written at it. With streaming, the curves are
//! of the longest silence, which is what a timeout then measures. The legend sits under the
//! panels; labels are placed clear of lines and of each other.
use super::place::Rect;
use super::{FAMILY, register_font, shorten};
use crate::format::{percent, thousands, trim};
use crate::model::Estimate;
use crate::model::latency::chart::{Curve, LatencyChart, latency_chart};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::path::Path;

type Error = Box<dyn std::error::Error>;

const FONT: u32 = 14;
/// Top of the panels: below the title and two lines of subtitle.
const BODY_TOP: i32 = 86;
const WIDTH: u32 = 1100;

pub(crate) use super::place::Layout;

/// The chart's data, `None` when no option of `e` has a speed for any workload.
pub fn data(e: &Estimate) -> Option<LatencyChart> {
    let shares: Vec<(&str, f64)> = e.workloads.iter().map(|(w, _)| (w.name.as_str(), w.share)).collect();
    latency_chart(&e.latency, &shares, &e.client)
}

/// The Markdown line that shows the chart in `summary.md` (`latency.png` beside it), `None`
/// when the report writes no such chart.
pub fn latency_chart_link(e: &Estimate) -> Option<String> {
    data(e)?;
    let what = if e.client.streaming { "Longest silence" } else { "Response time" };
    Some(format!("![{what} by workload and option against the client's timeouts](latency.png)"))
}

/// Pixel size: the usual chart for one or two panels, taller for three or four.
pub fn size(c: &LatencyChart) -> (u32, u32) {
    let n = c.panels.len() as u32;
    (WIDTH, if n <= 2 { 640 } else { 150 + 190 * n })
}

/// The chart as an SVG document.
pub fn svg(e: &Estimate) -> Result<String, String> {
    let c = data(e).ok_or("latency chart: no option has a speed")?;
    Ok(svg_layout(e, &c)?.0)
}

/// The SVG and where everything went.
pub(crate) fn svg_layout(e: &Estimate, c: &LatencyChart) -> Result<(String, Layout), String> {
    register_font()?;
    let mut out = String::new();
    let layout = {
        let root = SVGBackend::with_string(&mut out, size(c)).into_drawing_area();
        draw(&root, e, c).map_err(|err| format!("latency chart: {err}"))?
    };
    Ok((out, layout))
}

/// Renders the chart as a PNG file at `path`.
pub fn png(e: &Estimate, path: &Path) -> Result<(), String> {
    register_font()?;
    let c = data(e).ok_or("latency chart: no option has a speed")?;
    let root = BitMapBackend::new(path, size(&c)).into_drawing_area();
    draw(&root, e, &c).map_err(|err| super::backend_reason(&err))?;
    Ok(())
}

fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, e: &Estimate, c: &LatencyChart) -> Result<Layout, Error>
where
    DB::ErrorType: 'static,
{
    let finite = |p: &(f64, f64)| p.0.is_finite() && p.0 >= 0.0 && (0.0..=1.0).contains(&p.1);
    if c.panels.iter().flat_map(|p| &p.curves).flat_map(|k| &k.points).any(|p| !finite(p)) {
        return Err("a point of a curve is not a finite time and share".into());
    }
    root.fill(&WHITE)?;
    let mut layout = Layout::default();
    header(root, e, c, &mut layout)?;
    let (w, h) = root.dim_in_pixel();
    let looks = Looks::new(e, c);
    let entries = legend::entries(root, (e, c, &looks), w as i32 - 48)?;
    let legend_h = legend::height(root, &entries, w as i32 - 48)?;
    let body_h = h as i32 - BODY_TOP - legend_h - 16;
    let n = c.panels.len() as i32;
    for (k, p) in c.panels.iter().enumerate() {
        let k = k as i32;
        let (top, bottom) = (BODY_TOP + body_h * k / n, BODY_TOP + body_h * (k + 1) / n);
        let area = root.clone().shrink((0, top), (w, (bottom - top) as u32));
        panel::draw(root, &area, (e, &looks), p, k + 1 == n, &mut layout)?;
    }
    let top = BODY_TOP + body_h + 8;
    layout.legend = Some(legend::draw(root, &entries, Rect::at((24, top), (w as i32 - 48, legend_h)))?);
    root.present()?;
    Ok(layout)
}

/// Each curve's colour and marker, by the first option it is of.
pub(crate) struct Looks {
    styles: Vec<(String, usize)>,
}

impl Looks {
    /// Curves in order of first appearance each take the colour and marker of one of their
    /// options in the other charts (scenario order) if no earlier curve has that colour, else
    /// the first colour no curve has yet (one whose marker no curve has either, if any):
    /// distinct colours while there are no more curves than colours. Past that, a curve keeps
    /// its first option's own.
    pub(crate) fn new(e: &Estimate, c: &LatencyChart) -> Self {
        let lines = e.lines();
        let n = super::PALETTE.len();
        let mut styles: Vec<(String, usize)> = Vec::new();
        for curve in c.panels.iter().flat_map(|p| &p.curves) {
            if styles.iter().any(|(name, _)| *name == curve.options[0]) {
                continue;
            }
            let free = |i: &usize| !styles.iter().any(|(_, j)| j % n == i % n);
            let shape = |i: &usize| free(i) && !styles.iter().any(|(_, j)| j % 5 == i % 5);
            let own: Vec<usize> =
                curve.options.iter().filter_map(|o| lines.iter().position(|l| l.name == o.as_str())).collect();
            let style = own.iter().copied().find(free).or_else(|| (0..n).find(shape).or_else(|| (0..n).find(free)));
            styles.push((curve.options[0].clone(), style.or(own.first().copied()).unwrap_or(0)));
        }
        Looks { styles }
    }

    /// The colour and marker index of `curve`.
    pub(crate) fn of(&self, curve: &Curve) -> usize {
        self.styles.iter().find(|(name, _)| *name == curve.options[0]).map_or(0, |s| s.1)
    }
}

/// The options of `curve` in `max` characters at most: their names joined by ` = `, or when
/// that is longer, as many as fit and how many more (`azure on-demand and 2 more`).
pub(crate) fn names(curve: &Curve, max: usize) -> String {
    let all = curve.options.join(" = ");
    let n = curve.options.len();
    if n == 1 || all.chars().count() <= max {
        return shorten(&all, max);
    }
    for k in (1..n).rev() {
        let text = format!("{} and {} more", curve.options[..k].join(" = "), n - k);
        if text.chars().count() <= max {
            return text;
        }
    }
    let more = format!(" and {} more", n - 1);
    format!("{}{more}", shorten(&curve.options[0], max.saturating_sub(more.chars().count()).max(8)))
}

/// Title and two lines under it: what the curves are of, then the timeouts.
fn header<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    e: &Estimate,
    c: &LatencyChart,
    layout: &mut Layout,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let title = if c.streaming {
        "Longest silence against the client's timeouts"
    } else {
        "Response time against the client's timeouts"
    };
    let what = if c.streaming {
        "Streaming: each curve is the share of requests whose longest silence (first token, a hidden step, a tool \
         call) ends by then."
            .to_string()
    } else {
        "Each curve is the share of requests whose whole response (sent to last token) has ended by then.".to_string()
    };
    let mut limits = if e.client.timeouts.is_empty() {
        "No timeouts set in [client].".to_string()
    } else {
        let names: Vec<String> = e.client.timeouts.iter().map(timeout_words).collect();
        format!("Timeouts (dashed): {}; shaded: past the shortest, which cuts the rest.", names.join(", "))
    };
    if c.left_out > 0 {
        let n = crate::format::count(c.left_out as f64, "smaller workload");
        limits.push_str(&format!(" {n} not shown."));
    }
    for (text, y, size) in [(title.to_string(), 12, 22), (what, 42, 15), (limits, 62, 15)] {
        let font: TextStyle = (FAMILY, size).into();
        let (tw, th) = root.estimate_text_size(&text, &font)?;
        root.draw(&Text::new(text.clone(), (24, y), font))?;
        layout.texts.push((text, Rect::at((24, y), (tw as i32, th as i32))));
    }
    Ok(())
}

/// `api-gateway 29 s`.
fn timeout_words(t: &crate::scenario::Timeout) -> String {
    format!("{} {} s", t.name, seconds(t.limit_s))
}

/// Seconds to three significant figures at most: `0.85`, `12.3`, `456`, `1,234`.
fn seconds(v: f64) -> String {
    match v.abs() {
        a if a >= 100.0 => thousands(v),
        a if a >= 10.0 => trim(v, 1),
        _ => trim(v, 2),
    }
}

/// A share cut, never written `0%` when some are cut nor `100%` when some get through.
fn cut_words(share: f64) -> String {
    match share {
        s if s > 0.0 && s < 0.0005 => "< 0.1%".to_string(),
        s if s < 1.0 && s > 0.9995 => "> 99.9%".to_string(),
        s => percent(s),
    }
}

mod axis;
mod legend;
mod panel;

#[cfg(test)]
mod tests;
