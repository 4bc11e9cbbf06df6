//! Where the tokens go: per workload, what the application sees against what is billed; for an
//! agent, what each call of the loop bills, so the re-sent context is visible at a glance.
use super::{FAMILY, short};
use crate::format::thousands;
use crate::model::Estimate;
use crate::model::tokens::RequestTokens;
use crate::scenario::Workload;
use crate::scenario::calls::{Step, agent_steps};
use plotters::coord::Shift;
use plotters::prelude::*;

type R = Result<(), Box<dyn std::error::Error>>;

const VISIBLE: RGBColor = RGBColor(0, 114, 178);
const HIDDEN: RGBColor = RGBColor(230, 159, 0);
/// Retrieved chunks: hidden, but their own colour.
const RETRIEVED: RGBColor = RGBColor(204, 121, 167);
/// System-prompt tokens read from the prompt cache: hidden, billed at a fraction of input.
const CACHED: RGBColor = RGBColor(175, 175, 175);
/// Parts of an agent call: cached system prompt, the rest of it, user message, retrieved
/// chunks, history, output.
const PARTS: [(&str, RGBColor); 6] = [
    ("", CACHED),
    ("system prompt (re-sent every call)", RGBColor(110, 110, 110)),
    ("user message", VISIBLE),
    ("retrieved chunks (re-sent every call)", RETRIEVED),
    ("history: earlier thoughts + tool results", HIDDEN),
    ("output of the call", RGBColor(0, 158, 115)),
];
const CACHE_PART: usize = 0;
const SYSTEM_PART: usize = 1;
const RETRIEVED_PART: usize = 3;

/// What a cached prompt token is billed, in words: the cache-read price as a share of the
/// input price of the on-demand models (docs/model.md#prompt-caching), e.g. `10 % of input`,
/// or the range over models that differ, `10–25 % of input`.
fn cached_words(shares: &[(String, f64)]) -> String {
    let (lo, hi) = shares.iter().fold((f64::MAX, 0.0f64), |(lo, hi), (_, r)| (lo.min(*r), hi.max(*r)));
    match shares {
        [] => "billed as cache reads".to_string(),
        _ if (hi - lo).abs() < 1e-9 => format!("billed at {:.0} % of input", hi * 100.0),
        _ => format!("billed at {:.0}–{:.0} % of input, by model", lo * 100.0, hi * 100.0),
    }
}

pub fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, e: &Estimate) -> R
where
    DB::ErrorType: 'static,
{
    let root = root.titled(&format!("{}: where the tokens go", e.scenario), (FAMILY, 26))?;
    let agent = e.workloads.iter().map(|(w, _)| w).find(|w| w.agent.is_some());
    let (left, right) = match agent {
        Some(_) => root.split_horizontally(root.dim_in_pixel().0 * 45 / 100),
        None => (root.clone(), root.clone()),
    };
    workloads(&left, e)?;
    if let Some(w) = agent {
        steps(&right, w, &cached_words(&e.cache_read_shares))?;
    }
    Ok(())
}

fn workloads<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, e: &Estimate) -> R
where
    DB::ErrorType: 'static,
{
    let n = e.workloads.len();
    // At least three bar slots, so a lone workload is a bar, not a wall; bars centred.
    let slots = n.max(3);
    let offset = (slots - n) as f64 / 2.0;
    let max = e.workloads.iter().map(|(_, t)| t.billed()).fold(0.0, f64::max);
    let mut chart = ChartBuilder::on(area)
        .caption("billed vs visible tokens per request", (FAMILY, 18))
        .margin(16)
        .x_label_area_size(50)
        .y_label_area_size(70)
        .build_cartesian_2d(-0.5..slots as f64 - 0.5, 0.0..max * 1.45)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        // No ticks: they would fall on round numbers, between the bars.
        .x_labels(0)
        .y_desc("tokens per request")
        .y_label_formatter(&|v| short(*v))
        .label_style((FAMILY, 14))
        .axis_desc_style((FAMILY, 16))
        .light_line_style(RGBColor(235, 235, 235))
        .draw()?;
    for (i, (w, t)) in e.workloads.iter().enumerate() {
        let x = i as f64 + offset;
        // Workload names under their bars (plotters' ticks fall on round numbers, not on bars).
        let (px, py) = chart.backend_coord(&(x, 0.0));
        centred(area, &w.name, (px, py + 6), 15)?;
        for (from, to, colour) in segments(w, t) {
            // Only a workload with retrieval (caching) has a retrieved (cached) segment.
            if to > from {
                chart
                    .draw_series(std::iter::once(Rectangle::new([(x - 0.3, from), (x + 0.3, to)], colour.filled())))?;
            }
        }
        let ratio = format!("{:.1}×", t.overhead_ratio());
        centred(area, &ratio, chart.backend_coord(&(x, t.billed() + max * 0.08)), 18)?;
    }
    workload_legend(&mut chart, e)?;
    Ok(())
}

/// A workload's bar from the bottom: visible, retrieved chunks, the cached share of the re-sent
/// system prompt (docs/model.md#prompt-caching), the rest of what is hidden.
fn segments(w: &Workload, t: &RequestTokens) -> [(f64, f64, RGBColor); 4] {
    let visible = t.visible.min(t.billed());
    let retrieved = visible + t.retrieved.min(t.billed() - visible);
    let cached = retrieved + (w.cache_hit_rate.unwrap_or(0.0) * t.system_input).min(t.billed() - retrieved);
    [
        (0.0, visible, VISIBLE),
        (visible, retrieved, RETRIEVED),
        (retrieved, cached, CACHED),
        (cached, t.billed(), HIDDEN),
    ]
}

/// The left panel's legend: a segment is listed only where some workload has it.
fn workload_legend<'a, DB, CT>(chart: &mut ChartContext<'a, DB, CT>, e: &Estimate) -> R
where
    DB: DrawingBackend + 'a,
    DB::ErrorType: 'static,
    CT: plotters::coord::CoordTranslate<From = (f64, f64)>,
{
    swatch(chart, "visible: user message + answer", VISIBLE)?;
    if e.workloads.iter().any(|(_, t)| t.retrieved > 0.0) {
        swatch(chart, "hidden: retrieved chunks", RETRIEVED)?;
    }
    if e.workloads.iter().any(|(w, t)| w.cache_hit_rate.unwrap_or(0.0) * t.system_input > 0.0) {
        swatch(chart, &format!("hidden: cached prompt, {}", cached_words(&e.cache_read_shares)), CACHED)?;
    }
    swatch(chart, "hidden: billed, never logged", HIDDEN)?;
    chart
        .draw_series(std::iter::empty::<Circle<(f64, f64), i32>>())?
        .label("× over a bar: billed ÷ visible tokens")
        .legend(|(x, y)| EmptyElement::at((x, y)));
    super::legend(chart, SeriesLabelPosition::UpperLeft, 14)?;
    Ok(())
}

fn steps<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, w: &Workload, cached: &str) -> R
where
    DB::ErrorType: 'static,
{
    let a = w.agent.as_ref().expect("called for agent workloads");
    // The most likely step count of the distribution (the only one for a fixed count).
    let n = a.steps.iter().fold((0, -1.0), |best, &(n, p)| if p > best.1 { (n, p) } else { best }).0;
    let (calls, truncated) = agent_steps(w, a, n);
    let total: f64 = calls.iter().map(|c| c.input + c.output).sum();
    let max = calls.iter().map(|c| c.input + c.output).fold(0.0, f64::max);
    let varies = a.steps.len() > 1;
    let (caption, x_desc) = titles(&w.name, (n, calls.len()), total, truncated, varies);
    let mut chart = ChartBuilder::on(area)
        .caption(caption, (FAMILY, 18))
        .margin(16)
        .x_label_area_size(50)
        .y_label_area_size(70)
        .build_cartesian_2d(0.5..calls.len() as f64 + 0.5, 0.0..max * if varies { 1.6 } else { 1.45 })?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(calls.len())
        .x_desc(x_desc)
        .x_label_formatter(&|v| if (v - v.round()).abs() < 1e-6 { format!("{v:.0}") } else { String::new() })
        .y_desc("tokens billed by the call")
        .y_label_formatter(&|v| short(*v))
        .label_style((FAMILY, 14))
        .axis_desc_style((FAMILY, 16))
        .light_line_style(RGBColor(235, 235, 235))
        .draw()?;
    let k = w.retrieved_tokens();
    let system = w.system_prompt_tokens;
    let hit = w.cache_hit_rate.unwrap_or(0.0);
    // Parts a workload has: the cached prompt only when it caches, chunks only with retrieval.
    let has = |part: usize| match part {
        CACHE_PART => hit * system > 0.0,
        RETRIEVED_PART => k > 0.0,
        _ => true,
    };
    step_bars(&mut chart, w, &calls, max, &has)?;
    let listed = step_legend(&mut chart, (hit, cached), has)?;
    super::legend(&mut chart, SeriesLabelPosition::UpperLeft, 14)?;
    if varies {
        // Under the legend (lines of 17.5 px and its margins), in the room the taller axis leaves.
        let (plot, base) = (super::plot_rect(&chart), area.get_base_pixel());
        let at = (plot.x0 - base.0 + 10, plot.y0 - base.1 + 34 + listed as i32 * 35 / 2);
        area.draw(&Text::new(distribution(&a.steps), at, (FAMILY, 14)))?;
    }
    Ok(())
}

/// One stacked bar per call: the parts the workload has (`has`), its total above it.
fn step_bars<'a, DB, CT>(
    chart: &mut ChartContext<'a, DB, CT>,
    w: &Workload,
    calls: &[Step],
    max: f64,
    has: &impl Fn(usize) -> bool,
) -> R
where
    DB: DrawingBackend + 'a,
    DB::ErrorType: 'static,
    CT: plotters::coord::CoordTranslate<From = (f64, f64)>,
{
    let (k, system, hit) = (w.retrieved_tokens(), w.system_prompt_tokens, w.cache_hit_rate.unwrap_or(0.0));
    for (i, c) in calls.iter().enumerate() {
        let x = i as f64 + 1.0;
        let history = c.input - system - w.input_tokens - k;
        let parts = [hit * system, (1.0 - hit) * system, w.input_tokens, k, history, c.output];
        let mut base = 0.0;
        for (part, v) in parts.iter().enumerate().filter(|(part, _)| has(*part)) {
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x - 0.32, base), (x + 0.32, base + v)],
                PARTS[part].1.filled(),
            )))?;
            base += v;
        }
        chart.draw_series(std::iter::once(Text::new(thousands(base), (x - 0.15, base + max * 0.06), (FAMILY, 15))))?;
    }
    Ok(())
}

/// The right panel's legend entries, listed only where the workload has the part (`has`);
/// returns how many.
fn step_legend<'a, DB, CT>(
    chart: &mut ChartContext<'a, DB, CT>,
    (hit, cached): (f64, &str),
    has: impl Fn(usize) -> bool,
) -> Result<usize, Box<dyn std::error::Error>>
where
    DB: DrawingBackend + 'a,
    DB::ErrorType: 'static,
    CT: plotters::coord::CoordTranslate<From = (f64, f64)>,
{
    let parts: Vec<_> = PARTS.iter().enumerate().filter(|(i, _)| has(*i)).collect();
    for (i, (label, colour)) in &parts {
        let label = match *i {
            CACHE_PART => format!("system prompt, {:.0} % cache hits: {cached}", hit * 100.0),
            SYSTEM_PART if has(CACHE_PART) => "system prompt, cache misses".to_string(),
            _ => label.to_string(),
        };
        swatch(chart, &label, *colour)?;
    }
    Ok(parts.len())
}

/// The panel's caption and x-axis description. When steps vary the panel shows one request,
/// and says which (the note under the legend gives the others).
fn titles(workload: &str, (n, calls): (u32, usize), total: f64, truncated: bool, varies: bool) -> (String, String) {
    let stopped = if truncated { " (stopped by the token budget)" } else { "" };
    if varies {
        let caption = format!("{workload}: per step, for the most likely {n}-step request");
        (caption, format!("call (step of the agent loop); the {calls} calls bill {} tokens{stopped}", thousands(total)))
    } else {
        let caption = format!("{workload}: {calls} calls bill {} tokens{stopped}", thousands(total));
        (caption, "call (step of the agent loop)".to_string())
    }
}

/// `text` centred on the backend pixel `at` (x), its top at `at` (y).
fn centred<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, text: &str, at: (i32, i32), size: u32) -> R
where
    DB::ErrorType: 'static,
{
    let (w, _) = area.estimate_text_size(text, &(FAMILY, size).into())?;
    let base = area.get_base_pixel();
    area.draw(&Text::new(text.to_string(), (at.0 - base.0 - w as i32 / 2, at.1 - base.1), (FAMILY, size)))?;
    Ok(())
}

/// A legend entry: a colour swatch and its meaning.
fn swatch<'a, DB, CT>(chart: &mut ChartContext<'a, DB, CT>, label: &str, colour: RGBColor) -> R
where
    DB: DrawingBackend + 'a,
    DB::ErrorType: 'static,
    CT: plotters::coord::CoordTranslate<From = (f64, f64)>,
{
    chart
        .draw_series(std::iter::empty::<Circle<(f64, f64), i32>>())?
        .label(label)
        .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 16, y + 6)], colour.filled()));
    Ok(())
}

/// `{1 = 0.2, 3 = 0.5, 6 = 0.3}` → `requests take 1 (20 %), 3 (50 %) or 6 (30 %) steps`.
fn distribution(steps: &[(u32, f64)]) -> String {
    let parts: Vec<String> = steps.iter().map(|(n, p)| format!("{n} ({:.0} %)", p * 100.0)).collect();
    match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("requests take {} or {last} steps", rest.join(", ")),
        _ => format!("requests take {} steps", parts.join("")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_distribution_in_words() {
        assert_eq!(distribution(&[(1, 0.2), (3, 0.5), (6, 0.3)]), "requests take 1 (20 %), 3 (50 %) or 6 (30 %) steps");
        assert_eq!(distribution(&[(2, 0.25), (4, 0.75)]), "requests take 2 (25 %) or 4 (75 %) steps");
        assert_eq!(distribution(&[(3, 1.0)]), "requests take 3 (100 %) steps");
    }

    #[test]
    fn cached_prompt_rate_in_words() {
        // Claude Sonnet 4.5 in-region: $0.33 cache read ÷ $3.30 input = 10 %.
        assert_eq!(cached_words(&[("claude-sonnet-4.5".into(), 0.33 / 3.30)]), "billed at 10 % of input");
        // Two models at different rates: the range. Nova Pro: $0.20 ÷ $0.80 = 25 %.
        let two = [("claude-haiku-4.5".into(), 0.1), ("nova-pro".into(), 0.2 / 0.8)];
        assert_eq!(cached_words(&two), "billed at 10–25 % of input, by model");
        assert_eq!(cached_words(&[]), "billed as cache reads");
    }
}
