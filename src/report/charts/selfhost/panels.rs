//! The two panels: throughput (linear axis from 0) and latency (log axis), over requests in
//! flight on a log₂ axis with a tick at each power of two.
use super::{Error, FONT, ITL, LIMIT, Layout, TOKENS, TTFT, in_flight, ms};
use crate::format::{thousands, trim};
use crate::model::offers::selfhost_curve::{CurvePoint, SelfHostCurve};
use crate::report::charts::place::{self, Rect};
use crate::report::charts::{FAMILY, colour, marker, plot_rect, short};
use plotters::coord::Shift;
use plotters::coord::combinators::WithKeyPoints;
use plotters::element::DashedPathElement;
use plotters::prelude::*;

type Panel<'a, DB, Y> = ChartContext<'a, DB, Cartesian2d<WithKeyPoints<LogCoord<f64>>, Y>>;
type Log = WithKeyPoints<LogCoord<f64>>;
/// A latency figure of a point.
type Figure = fn(&CurvePoint) -> f64;

const X_DESC: &str = "requests in flight on one instance (log\u{2082} scale)";

/// A label to place: the point it names, its lines, its colour, and whether a leader joins them.
struct Label {
    at: (i32, i32),
    lines: Vec<String>,
    colour: RGBColor,
    leader: bool,
}

/// The concurrency axis: a little beyond the first and last points, a tick at each power of
/// two (every other one past 12 ticks).
fn x_axis(c: &SelfHostCurve) -> Log {
    let max = c.points.last().map_or(1.0, |p| p.concurrency);
    let mut keys: Vec<f64> = std::iter::successors(Some(1.0), |k| Some(k * 2.0)).take_while(|k| *k <= max).collect();
    if keys.len() > 12 {
        keys = keys.into_iter().step_by(2).collect();
    }
    (0.8..max * 1.25).log_scale().with_key_points(keys)
}

/// A 1–2–5 sequence of ticks covering `lo..hi`.
fn ticks_125(lo: f64, hi: f64) -> Vec<f64> {
    let mut out = Vec::new();
    let mut decade = 10f64.powf(lo.log10().floor());
    while decade <= hi {
        out.extend([1.0, 2.0, 5.0].iter().map(|m| m * decade).filter(|v| *v >= lo && *v <= hi));
        decade *= 10.0;
    }
    out
}

pub(super) fn throughput<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    area: &DrawingArea<DB, Shift>,
    c: &SelfHostCurve,
    layout: &mut Layout,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let top = c.points.iter().map(|p| p.output_tokens_per_s).fold(0.0, f64::max) * 1.3;
    let mut chart = ChartBuilder::on(area)
        .caption("Throughput of one instance", (FAMILY, 17))
        .margin(12)
        .margin_left(24)
        .x_label_area_size(50)
        .y_label_area_size(70)
        .build_cartesian_2d(x_axis(c), 0.0..top)?;
    chart
        .configure_mesh()
        .x_desc(X_DESC)
        .y_desc("output tokens/s, whole instance")
        .x_label_formatter(&|v| in_flight(*v))
        .y_label_formatter(&|v| short(*v))
        .label_style((FAMILY, 13))
        .axis_desc_style((FAMILY, 15))
        .bold_line_style(RGBColor(225, 225, 225))
        .light_line_style(TRANSPARENT)
        .draw()?;
    let plot = plot_rect(&chart);
    layout.plots.push(plot);
    let mut obstacles = vec![batch_line(&chart, c.batch_limit, (0.0, top))?];
    let points: Vec<(f64, f64)> = c.points.iter().map(|p| (p.concurrency, p.output_tokens_per_s)).collect();
    obstacles.extend(curve(&mut chart, &points, TOKENS)?);
    let at = chart.backend_coord(&(c.chosen.concurrency, c.chosen.output_tokens_per_s));
    root.draw(&Circle::new(at, 9, BLACK.stroke_width(2)))?;
    let lines = vec![
        format!("operating point: {} in flight", in_flight(c.chosen.concurrency)),
        format!("{} output tokens/s", thousands(c.chosen.output_tokens_per_s)),
        why(c).to_string(),
    ];
    layout.marks.extend(&obstacles);
    labels(root, plot, vec![Label { at, lines, colour: BLACK, leader: true }], &obstacles, layout)
}

/// Why the operating point is where it is.
fn why(c: &SelfHostCurve) -> &'static str {
    match (&c.slo, c.meets) {
        (None, _) => "(no SLO: the offline maximum)",
        (Some(_), true) => "(the most that meets the SLO)",
        (Some(_), false) => "(misses the SLO even at 1 per replica)",
    }
}

pub(super) fn latency<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    area: &DrawingArea<DB, Shift>,
    c: &SelfHostCurve,
    layout: &mut Layout,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let slo_ttft = c.slo.and_then(|s| s.ttft_ms);
    let slo_itl = c.slo.and_then(|s| s.tokens_per_s).map(|r| 1e3 / r);
    let values = c.points.iter().flat_map(|p| [p.ttft_ms, p.itl_ms]).chain(slo_ttft).chain(slo_itl);
    let (lo, hi) = values.fold((f64::MAX, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let (lo, hi) = (lo / 1.6, hi * 2.5);
    let y = (lo..hi).log_scale().with_key_points(ticks_125(lo, hi));
    let mut chart = ChartBuilder::on(area)
        .caption("Latency each user sees", (FAMILY, 17))
        .margin(12)
        .margin_right(24)
        .x_label_area_size(50)
        .y_label_area_size(70)
        .build_cartesian_2d(x_axis(c), y)?;
    chart
        .configure_mesh()
        .x_desc(X_DESC)
        .y_desc("milliseconds (log scale)")
        .x_label_formatter(&|v| in_flight(*v))
        .y_label_formatter(&|v| ms(*v))
        .label_style((FAMILY, 13))
        .axis_desc_style((FAMILY, 15))
        .bold_line_style(RGBColor(225, 225, 225))
        .draw()?;
    let plot = plot_rect(&chart);
    layout.plots.push(plot);
    let mut obstacles = vec![batch_line(&chart, c.batch_limit, (lo, hi))?];
    let slo_labels = slo_lines(&mut chart, [(slo_ttft, TTFT, "TTFT"), (slo_itl, ITL, "ITL")], &mut obstacles)?;
    let series: [(usize, Figure); 2] = [(TTFT, |p| p.ttft_ms), (ITL, |p| p.itl_ms)];
    for (i, f) in series {
        let points: Vec<(f64, f64)> = c.points.iter().map(|p| (p.concurrency, f(p))).collect();
        obstacles.extend(curve(&mut chart, &points, i)?);
    }
    let at = chart.backend_coord(&(c.chosen.concurrency, c.chosen.ttft_ms));
    let at_itl = chart.backend_coord(&(c.chosen.concurrency, c.chosen.itl_ms));
    for p in [at, at_itl] {
        root.draw(&Circle::new(p, 9, BLACK.stroke_width(2)))?;
    }
    let lines = vec![
        format!("TTFT {} ms", ms(c.chosen.ttft_ms)),
        format!("ITL {} ms ({} tokens/s per user)", ms(c.chosen.itl_ms), trim(1e3 / c.chosen.itl_ms, 1)),
    ];
    let mut all = vec![Label { at, lines, colour: BLACK, leader: true }];
    all.extend(slo_labels);
    layout.marks.extend(&obstacles);
    labels(root, plot, all, &obstacles, layout)
}

/// Each SLO limit given (its value, colour and name) as a dashed line across the plot; returns
/// the labels naming them, and adds the lines to `obstacles`.
fn slo_lines<'a, DB: DrawingBackend + 'a, Y: Ranged<ValueType = f64>>(
    chart: &mut Panel<'a, DB, Y>,
    limits: [(Option<f64>, usize, &str); 2],
    obstacles: &mut Vec<Rect>,
) -> Result<Vec<Label>, Error>
where
    DB::ErrorType: 'static,
{
    let plot = plot_rect(chart);
    let x = chart.x_range();
    let mut out = Vec::new();
    for (limit, i, name) in limits {
        let Some(v) = limit else { continue };
        let ends = vec![(x.start, v), (x.end, v)];
        chart.draw_series(std::iter::once(DashedPathElement::new(ends, 9, 5, colour(i).stroke_width(2))))?;
        let py = chart.backend_coord(&(x.start, v)).1;
        obstacles.push(Rect { x0: plot.x0, y0: py - 2, x1: plot.x1, y1: py + 2 });
        let text = format!("SLO: {name} \u{2264} {} ms", ms(v));
        out.push(Label { at: (plot.x0 + 4, py), lines: vec![text], colour: colour(i), leader: false });
    }
    Ok(out)
}

/// The batch limit's dotted vertical line over `(lo, hi)`; returns its box.
fn batch_line<'a, DB: DrawingBackend + 'a, Y: Ranged<ValueType = f64>>(
    chart: &Panel<'a, DB, Y>,
    limit: f64,
    (lo, hi): (f64, f64),
) -> Result<Rect, Error>
where
    DB::ErrorType: 'static,
{
    let ends = vec![(limit, lo), (limit, hi)];
    chart.plotting_area().draw(&DashedPathElement::new(ends, 2, 3, LIMIT.stroke_width(2)))?;
    let plot = plot_rect(chart);
    let x = chart.backend_coord(&(limit, lo)).0;
    Ok(Rect { x0: x - 2, y0: plot.y0, x1: x + 2, y1: plot.y1 })
}

/// Draws a curve with its markers; returns boxes along its line and round its markers, for
/// labels to keep clear of.
fn curve<'a, DB: DrawingBackend + 'a, Y: Ranged<ValueType = f64>>(
    chart: &mut Panel<'a, DB, Y>,
    points: &[(f64, f64)],
    i: usize,
) -> Result<Vec<Rect>, Error>
where
    DB::ErrorType: 'static,
{
    chart.draw_series(LineSeries::new(points.to_vec(), colour(i).stroke_width(2)))?;
    chart.draw_series(points.iter().map(|p| EmptyElement::at(*p) + marker::<DB>(i, (0, 0))))?;
    let pixels: Vec<(i32, i32)> = points.iter().map(|p| chart.backend_coord(p)).collect();
    let mut boxes: Vec<Rect> = pixels.iter().map(|p| Rect::around(*p, 7)).collect();
    for w in pixels.windows(2) {
        let ((x0, y0), (x1, y1)) = (w[0], w[1]);
        let steps = ((x1 - x0).abs().max((y1 - y0).abs()) / 4).max(1);
        for k in 0..=steps {
            let p = (x0 + (x1 - x0) * k / steps, y0 + (y1 - y0) * k / steps);
            boxes.push(Rect::around(p, 2));
        }
    }
    Ok(boxes)
}

/// Places `labels` inside `plot` clear of each other and of `obstacles`, and draws each: a
/// white box with a border of its colour. A label with a leader is placed near its point
/// ([`place::place`]) and joined to it; one without (an SLO line's) sits just above or below
/// its line, as far left as it is clear.
fn labels<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot: Rect,
    labels: Vec<Label>,
    obstacles: &[Rect],
    layout: &mut Layout,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let font: TextStyle = (FAMILY, FONT).into();
    let line = FONT as i32 + 4;
    let sizes = sizes(root, &labels)?;
    let (pointed, along): (Vec<usize>, Vec<usize>) = (0..labels.len()).partition(|&k| labels[k].leader);
    let points: Vec<(i32, i32)> = pointed.iter().map(|&k| labels[k].at).collect();
    let point_sizes: Vec<(i32, i32)> = pointed.iter().map(|&k| sizes[k]).collect();
    // The SLO labels first, each by its line; then the point's, clear of them, with a leader.
    let mut boxes = vec![Rect::around((0, 0), 0); labels.len()];
    let mut shown = vec![true; labels.len()];
    let mut taken: Vec<Rect> = obstacles.to_vec();
    taken.extend(points.iter().map(|p| Rect::around(*p, 9)));
    for &k in &along {
        match beside_line(labels[k].at, sizes[k], plot, &taken) {
            Some(r) => {
                boxes[k] = r;
                taken.push(r);
            }
            None => shown[k] = false,
        }
    }
    for (&k, r) in pointed.iter().zip(place::place(&points, &point_sizes, plot, &taken)) {
        boxes[k] = r;
    }
    for ((l, r), _) in labels.into_iter().zip(boxes).zip(shown).filter(|(_, shown)| *shown) {
        if l.leader {
            root.draw(&PathElement::new(vec![l.at, r.nearest(l.at)], l.colour.stroke_width(1)))?;
        }
        root.draw(&Rectangle::new([(r.x0, r.y0), (r.x1, r.y1)], WHITE.mix(0.92).filled()))?;
        root.draw(&Rectangle::new([(r.x0, r.y0), (r.x1, r.y1)], l.colour.stroke_width(1)))?;
        for (k, t) in l.lines.iter().enumerate() {
            root.draw(&Text::new(t.clone(), (r.x0 + 5, r.y0 + 4 + k as i32 * line), font.color(&l.colour)))?;
        }
        layout.texts.push((l.lines.join(" / "), r));
    }
    Ok(())
}

/// Each label's box: its widest line and its lines, with a margin.
fn sizes<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, labels: &[Label]) -> Result<Vec<(i32, i32)>, Error>
where
    DB::ErrorType: 'static,
{
    let font: TextStyle = (FAMILY, FONT).into();
    let mut sizes = Vec::with_capacity(labels.len());
    for l in labels {
        let mut widest = 0;
        for t in &l.lines {
            widest = widest.max(root.estimate_text_size(t, &font)?.0 as i32);
        }
        sizes.push((widest + 10, l.lines.len() as i32 * (FONT as i32 + 4) + 6));
    }
    Ok(sizes)
}

/// The box of `size` for a horizontal line starting at `at`: 3 px above it or below it, the
/// leftmost place (in steps of 16 px) inside `plot` clear of `taken`; `None` when there is none
/// (the legend names the line all the same).
fn beside_line(at: (i32, i32), size: (i32, i32), plot: Rect, taken: &[Rect]) -> Option<Rect> {
    let (w, h) = size;
    let candidates = (plot.x0 + 6..=plot.x1 - 6 - w)
        .step_by(16)
        .flat_map(|x| [Rect::at((x, at.1 - 3 - h), size), Rect::at((x, at.1 + 3), size)]);
    candidates.filter(|r| r.y0 >= plot.y0 && r.y1 <= plot.y1).find(|r| !taken.iter().any(|t| t.overlaps(r)))
}
