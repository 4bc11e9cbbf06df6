//! One workload's panel: seconds across (log or linear, as the model chose), the share of
//! requests finished up (0–100 %), a curve per option (or per options alike), the timeouts dashed and named, the time
//! past the shortest shaded and the share it cuts written beside it.
use super::axis::{Axis, Scale, axis, tick, ticks};
use super::{Error, FONT, Layout, Looks, cut_words, names, timeout_words};
use crate::format::percent;
use crate::model::Estimate;
use crate::model::latency::chart::{Curve, Panel, same_curve};
use crate::report::charts::place::Rect;
use crate::report::charts::{FAMILY, colour, marker, plot_rect, shorten};
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;

type Plot<'a, DB> = ChartContext<'a, DB, Cartesian2d<Axis, Axis>>;

pub(super) const LIMIT: RGBColor = RGBColor(90, 90, 90);
pub(super) const SHADE: RGBColor = RGBColor(213, 94, 0);
pub(super) const SHADE_ALPHA: f64 = 0.1;
/// The y axis runs past 100 % so the timeouts' names fit above the curves.
const TOP: f64 = 1.25;

/// Draws panel `p` in `area`, each curve in its look (`looks`).
pub(super) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    area: &DrawingArea<DB, Shift>,
    (e, looks): (&Estimate, &Looks),
    p: &Panel,
    last: bool,
    layout: &mut Layout,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let scale = Scale { log: p.log };
    let (a, b) = p.axis;
    let seconds_at = ticks(a, b, p.log);
    let step = seconds_at.get(1).zip(seconds_at.first()).map(|(y, x)| y - x);
    let keys: Vec<f64> = seconds_at.iter().map(|t| scale.to(*t)).collect();
    let x = axis(scale.to(a)..scale.to(b), keys);
    let y = axis(0.0..TOP, vec![0.0, 0.25, 0.5, 0.75, 1.0]);
    let mut chart = ChartBuilder::on(area)
        .margin(4)
        .margin_top(26)
        .margin_left(24)
        .margin_right(24)
        .x_label_area_size(if last { 44 } else { 24 })
        .y_label_area_size(64)
        .build_cartesian_2d(x, y)?;
    let x_desc = if p.log { "seconds (log scale)" } else { "seconds" };
    let x_label = |v: &f64| tick(scale.from(*v), if p.log { None } else { step });
    let y_label = |v: &f64| percent(*v);
    let mut mesh = chart.configure_mesh();
    mesh.x_label_formatter(&x_label)
        .y_label_formatter(&y_label)
        .y_desc("finished")
        .label_style((FAMILY, 13))
        .axis_desc_style((FAMILY, 14))
        .bold_line_style(RGBColor(225, 225, 225))
        .light_line_style(TRANSPARENT);
    if last {
        mesh.x_desc(x_desc);
    }
    mesh.draw()?;
    let plot = plot_rect(&chart);
    layout.plots.push(plot);
    let heading = title(root, e, p, plot, layout)?;
    // Shaded: past the shortest timeout, what it cuts.
    if let Some(l) = e.client.timeouts.first().map(|t| t.limit_s).filter(|l| *l < b) {
        let shade = [(scale.to(l.max(a)), 0.0), (scale.to(b), TOP)];
        chart.draw_series(std::iter::once(Rectangle::new(shade, SHADE.mix(SHADE_ALPHA).filled())))?;
    }
    let mut marks = timeout_lines(&mut chart, e, p, scale)?;
    for (k, c) in p.curves.iter().enumerate() {
        let same = p.curves[..k].iter().any(|o| same_curve(o, c));
        marks.extend(curve(&mut chart, c, looks.of(c), same, scale)?);
    }
    marks.extend(crossings(&mut chart, (e, looks), p, scale)?);
    labels(root, &chart, (e, p, looks), scale, (&marks, heading), layout)?;
    layout.marks.extend(marks);
    Ok(())
}

/// The panel's title above its plot: the workload, its share, and any timeout off the axis.
fn title<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    e: &Estimate,
    p: &Panel,
    plot: Rect,
    layout: &mut Layout,
) -> Result<Rect, Error>
where
    DB::ErrorType: 'static,
{
    let mut text = format!("{} ({} of requests)", shorten(&p.workload, 40), percent(p.share));
    for t in &e.client.timeouts {
        if t.limit_s > p.axis.1 {
            text.push_str(&format!("; {} is past every request: cuts none", timeout_words(t)));
        } else if t.limit_s < p.axis.0 {
            text.push_str(&format!("; {} is before every request: cuts all", timeout_words(t)));
        }
    }
    let font: TextStyle = (FAMILY, 15).into();
    let (tw, th) = root.estimate_text_size(&text, &font)?;
    let at = (plot.x0, plot.y0 - th as i32 - 5);
    root.draw(&Text::new(text.clone(), at, font))?;
    let r = Rect::at(at, (tw as i32, th as i32));
    layout.texts.push((text, r));
    Ok(r)
}

/// Each timeout on the axis, dashed from 0 to the top; returns a thin box along each.
fn timeout_lines<'a, DB: DrawingBackend + 'a>(
    chart: &mut Plot<'a, DB>,
    e: &Estimate,
    p: &Panel,
    scale: Scale,
) -> Result<Vec<Rect>, Error>
where
    DB::ErrorType: 'static,
{
    let plot = plot_rect(chart);
    let mut out = Vec::new();
    for t in e.client.timeouts.iter().filter(|t| t.limit_s >= p.axis.0 && t.limit_s <= p.axis.1) {
        let x = scale.to(t.limit_s);
        chart.plotting_area().draw(&DashedPathElement::new(vec![(x, 0.0), (x, TOP)], 6, 4, LIMIT.stroke_width(2)))?;
        let px = chart.backend_coord(&(x, 0.0)).0;
        out.push(Rect { x0: px - 2, y0: plot.y0, x1: px + 2, y1: plot.y1 });
    }
    Ok(out)
}

/// Draws one option's curve (dashed when it lies on an earlier one); returns boxes along it.
fn curve<'a, DB: DrawingBackend + 'a>(
    chart: &mut Plot<'a, DB>,
    c: &Curve,
    i: usize,
    dashed: bool,
    scale: Scale,
) -> Result<Vec<Rect>, Error>
where
    DB::ErrorType: 'static,
{
    let points: Vec<(f64, f64)> = c.points.iter().map(|&(t, s)| (scale.to(t), s)).collect();
    let style = colour(i).stroke_width(2);
    if dashed {
        chart.draw_series(DashedLineSeries::new(points.clone(), 10, 8, style))?;
    } else {
        chart.draw_series(LineSeries::new(points.clone(), style))?;
    }
    let pixels: Vec<(i32, i32)> = points.iter().map(|p| chart.backend_coord(p)).collect();
    let mut boxes = Vec::new();
    for w in pixels.windows(2) {
        let ((x0, y0), (x1, y1)) = (w[0], w[1]);
        let steps = ((x1 - x0).abs().max((y1 - y0).abs()) / 4).max(1);
        for k in 0..=steps {
            boxes.push(Rect::around((x0 + (x1 - x0) * k / steps, y0 + (y1 - y0) * k / steps), 2));
        }
    }
    Ok(boxes)
}

/// Each option's marker where its curve meets the shortest timeout; returns a box round each.
fn crossings<'a, DB: DrawingBackend + 'a>(
    chart: &mut Plot<'a, DB>,
    (e, looks): (&Estimate, &Looks),
    p: &Panel,
    scale: Scale,
) -> Result<Vec<Rect>, Error>
where
    DB::ErrorType: 'static,
{
    let Some(limit) = e.client.timeouts.first().map(|t| t.limit_s) else { return Ok(Vec::new()) };
    if limit < p.axis.0 || limit > p.axis.1 {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for c in &p.curves {
        let at = (scale.to(limit), c.done_at_timeouts[0]);
        let i = looks.of(c);
        chart.draw_series(std::iter::once(EmptyElement::at(at) + marker::<DB>(i, (0, 0))))?;
        out.push(Rect::around(chart.backend_coord(&at), 7));
    }
    Ok(out)
}

/// A label: its lines, each in its own colour.
struct Label {
    lines: Vec<(String, RGBColor)>,
}

/// Names each timeout on the axis beside its line, near the top, and writes the share the
/// shortest cuts beside it, each clear of the lines, the markers and the other labels; where
/// the plot leaves no room for the shares, they follow the panel's title (`heading`).
fn labels<'a, DB: DrawingBackend + 'a>(
    root: &DrawingArea<DB, Shift>,
    chart: &Plot<'a, DB>,
    (e, p, looks): (&Estimate, &Panel, &Looks),
    scale: Scale,
    (marks, heading): (&[Rect], Rect),
    layout: &mut Layout,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let plot = plot_rect(chart);
    let mut taken: Vec<Rect> = marks.to_vec();
    let on_axis = |l: f64| l >= p.axis.0 && l <= p.axis.1;
    for (k, t) in e.client.timeouts.iter().enumerate().filter(|(_, t)| on_axis(t.limit_s)) {
        let x = chart.backend_coord(&(scale.to(t.limit_s), 0.0)).0;
        let name = Label { lines: vec![(timeout_words(t), LIMIT)] };
        put(root, &name, (x, plot.y0), plot, &mut taken, layout)?;
        if k == 0 {
            let y = chart.backend_coord(&(0.0, 0.5)).1;
            if !put(root, &cut_label(looks, p, t), (x, y), plot, &mut taken, layout)? {
                cuts_by_title(root, (looks, p), t, (heading, plot.x1), layout)?;
            }
        }
    }
    Ok(())
}

/// What the shortest timeout `t` cuts: one line for one option, else a line per option in its
/// colour.
fn cut_label(looks: &Looks, p: &Panel, t: &crate::scenario::Timeout) -> Label {
    let cut = |c: &Curve| cut_words(1.0 - c.done_at_timeouts[0]);
    if let [c] = p.curves.as_slice() {
        return Label { lines: vec![(format!("{}: cuts {}", timeout_words(t), cut(c)), LIMIT)] };
    }
    let mut lines = vec![(format!("{} cuts", timeout_words(t)), LIMIT)];
    lines.extend(p.curves.iter().map(|c| (format!("{}: {}", names(c, 32), cut(c)), colour(looks.of(c)))));
    Label { lines }
}

/// Places `label` beside the vertical line through `at` (right of it, then left, nearest to
/// `at.1` first, then further out), inside `plot` and clear of `taken`, and draws it: a white
/// box with a grey border. Returns false, drawing nothing, when there is no room.
fn put<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    label: &Label,
    at: (i32, i32),
    plot: Rect,
    taken: &mut Vec<Rect>,
    layout: &mut Layout,
) -> Result<bool, Error>
where
    DB::ErrorType: 'static,
{
    let font: TextStyle = (FAMILY, FONT).into();
    let line = FONT as i32 + 4;
    let mut widest = 0;
    for (t, _) in &label.lines {
        widest = widest.max(root.estimate_text_size(t, &font)?.0 as i32);
    }
    let size = (widest + 10, label.lines.len() as i32 * line + 4);
    let mut spots: Vec<Rect> = Vec::new();
    for out in (0..plot.x1 - plot.x0).step_by(24) {
        for y in (plot.y0 + 3..=plot.y1 - 3 - size.1).step_by(4) {
            spots.push(Rect::at((at.0 + 5 + out, y), size));
            spots.push(Rect::at((at.0 - 5 - out - size.0, y), size));
        }
    }
    // Pixels from the line to the box's near side (thrice), plus from `at.1` to its middle.
    let far = |r: &Rect| 3 * if r.x0 >= at.0 { r.x0 - at.0 } else { at.0 - r.x1 } + ((r.y0 + r.y1) / 2 - at.1).abs();
    let inside = |r: &Rect| r.x0 >= plot.x0 + 2 && r.x1 <= plot.x1 - 2;
    let free = spots.into_iter().filter(|r| inside(r) && !taken.iter().any(|t| t.overlaps(r)));
    let Some(r) = free.min_by_key(far) else { return Ok(false) };
    root.draw(&Rectangle::new([(r.x0, r.y0), (r.x1, r.y1)], WHITE.mix(0.92).filled()))?;
    root.draw(&Rectangle::new([(r.x0, r.y0), (r.x1, r.y1)], RGBColor(180, 180, 180).stroke_width(1)))?;
    for (k, (t, c)) in label.lines.iter().enumerate() {
        root.draw(&Text::new(t.clone(), (r.x0 + 5, r.y0 + 3 + k as i32 * line), font.color(c)))?;
    }
    let text: Vec<&str> = label.lines.iter().map(|l| l.0.as_str()).collect();
    layout.texts.push((text.join(" / "), r));
    taken.push(r);
    Ok(true)
}

/// What the shortest timeout `t` cuts, after the panel's title (`heading`), each option's share
/// in its colour; names cut shorter, then left out, until the line ends before `right`.
fn cuts_by_title<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    (looks, p): (&Looks, &Panel),
    t: &crate::scenario::Timeout,
    (heading, right): (Rect, i32),
    layout: &mut Layout,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let font: TextStyle = (FAMILY, 15).into();
    let cut = |c: &Curve| cut_words(1.0 - c.done_at_timeouts[0]);
    for most in [Some(32), Some(16), None] {
        let mut parts = vec![(format!("{} cuts:", timeout_words(t)), LIMIT)];
        parts.extend(p.curves.iter().map(|c| {
            let text = most.map_or(cut(c), |n| format!("{} {}", names(c, n), cut(c)));
            (text, colour(looks.of(c)))
        }));
        let mut widths = Vec::with_capacity(parts.len());
        for (text, _) in &parts {
            widths.push(root.estimate_text_size(text, &font)?.0 as i32);
        }
        let gap = 12;
        let x0 = heading.x1 + 2 * gap;
        let end = x0 + widths.iter().sum::<i32>() + gap * (parts.len() as i32 - 1);
        if end > right && most.is_some() {
            continue;
        }
        let mut x = x0;
        for ((text, c), w) in parts.iter().zip(&widths) {
            root.draw(&Text::new(text.clone(), (x, heading.y0), font.color(c)))?;
            x += w + gap;
        }
        let text: Vec<&str> = parts.iter().map(|p| p.0.as_str()).collect();
        layout.texts.push((text.join(" / "), Rect { x0, y0: heading.y0, x1: end, y1: heading.y1 }));
        return Ok(());
    }
    Ok(())
}
