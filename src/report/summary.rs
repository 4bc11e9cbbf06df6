//! `summary.md`: the one-page recommendation a product manager reads, charts inline.
use super::table::token_line;
use super::{advice, rows, words};
use crate::format::percent;
use crate::model::Estimate;
use crate::scenario::Scenario;
use std::fmt::Write;

/// The Markdown summary of one scenario; charts are referenced as `NAME.png` beside it.
pub fn markdown(s: &Scenario, e: &Estimate, sim: Option<&crate::simulate::Simulation>) -> String {
    let mut out = String::new();
    let name = escape(&e.scenario);
    let title = e.description.as_ref().map_or(name.clone(), |d| format!("{name}: {d}"));
    let _ = writeln!(out, "# {title}\n");
    let _ = writeln!(
        out,
        "*{}. Scenario `{}`, priced by infercast {}.*\n",
        words::traffic_line(e),
        s.path,
        env!("CARGO_PKG_VERSION")
    );
    recommendation(&mut out, e);
    if let Some(sim) = sim {
        how_sure(&mut out, e, sim);
    }
    options_table(&mut out, e);
    vendors_section(&mut out, e);
    let _ = writeln!(out, "## Daily spend\n");
    let daily = advice::daily(e);
    for l in &daily.advice {
        let _ = writeln!(out, "{l}\n");
    }
    for l in &daily.lines {
        let _ = writeln!(out, "- {l}");
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "## Hidden tokens\n");
    for (w, t) in &e.workloads {
        let _ = writeln!(out, "- **{}** ({}): {}", escape(&w.name), percent(w.share), token_line(t));
    }
    if e.workloads.len() > 1 {
        let _ = writeln!(out, "- **mix**: {}", token_line(&e.per_request));
    }
    let _ = writeln!(out, "\n![Where the tokens go: visible vs billed tokens](tokens.png)\n");
    if let Some(w) = words::workloads(e) {
        section_md(&mut out, &w);
    }
    let _ = writeln!(out, "## Break-even\n");
    for section in [words::breakeven(e), words::cheapest(e)].iter().flatten() {
        section_md(&mut out, section);
    }
    let _ = writeln!(out, "![Break-even: monthly cost by monthly volume](breakeven.png)\n");
    let _ = writeln!(out, "## Monthly projection\n\n![Cost per month over the horizon](monthly.png)\n");
    let _ = writeln!(out, "## Load vs capacity\n\n![Load vs capacity over a week](load.png)\n");
    selfhost_charts(&mut out, s, e);
    if let Some(q) = words::quota(e) {
        let _ = writeln!(out, "## Quotas\n");
        section_md(&mut out, &q);
    }
    latency_section(&mut out, e);
    if let Some(w) = words::warnings(e) {
        let _ = writeln!(out, "## Warnings\n");
        section_md(&mut out, &w);
    }
    super::figures::provenance(&mut out, s);
    out
}

/// "Latency and timeouts": per option what to act on, then the table of every option and
/// workload.
fn latency_section(out: &mut String, e: &Estimate) {
    use super::latency;
    if e.latency.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n", latency::HEADING);
    for a in latency::advice(e, |name| format!("**{}**", escape(name))) {
        let _ = writeln!(out, "- {a}");
    }
    let _ = writeln!(out);
    if let Some(note) = latency::markdown_notes(e) {
        let _ = writeln!(out, "{note}\n");
    }
    let _ = writeln!(out, "*Latency ({}).*\n", latency::caption(e));
    table_md(out, &latency::header(e), &latency::rows(e), 3);
    if let Some(link) = super::charts::latency::latency_chart_link(e) {
        let _ = writeln!(out, "{link}\n");
    }
}

/// "Vendors compared": per vendor what its cheapest option costs and rests on, then the table.
fn vendors_section(out: &mut String, e: &Estimate) {
    use super::vendors;
    if e.vendors.is_none() {
        return;
    }
    let _ = writeln!(out, "## {}\n", vendors::HEADING);
    for a in vendors::advice(e, |name| format!("**{}**", escape(name))) {
        let _ = writeln!(out, "- {a}");
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "*Vendors ({}).*\n", vendors::CAPTION);
    table_md(out, &vendors::header(e), &vendors::rows(e), 2);
}

/// A Markdown table: the first `left` columns left-aligned, the rest right-aligned.
fn table_md(out: &mut String, header: &[String], rows: &[Vec<String>], left: usize) {
    let _ = writeln!(out, "| {} |", cells(header));
    let align: Vec<&str> = (0..header.len()).map(|i| if i < left { "---" } else { "---:" }).collect();
    let _ = writeln!(out, "| {} |", align.join(" | "));
    for row in rows {
        let _ = writeln!(out, "| {} |", cells(row));
    }
    let _ = writeln!(out);
}

/// Each self-hosted option's throughput–latency chart, under a heading of their own.
fn selfhost_charts(out: &mut String, s: &Scenario, e: &Estimate) {
    let curves = crate::model::offers::selfhost_curve::curves(s, &e.workloads);
    if curves.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Self-hosting: throughput and latency\n");
    for (c, stem) in curves.iter().zip(super::charts::selfhost::stems(&curves)) {
        let _ = writeln!(out, "{}\n", operating_point(c));
        let _ = writeln!(out, "![{}: throughput and latency by requests in flight]({stem}.png)\n", escape(&c.option));
    }
}

/// What one instance does at the point sizing uses, and why that point, in one sentence.
fn operating_point(c: &crate::model::offers::selfhost_curve::SelfHostCurve) -> String {
    use crate::format::{thousands, trim};
    let p = &c.chosen;
    let why = match (&c.slo, c.meets) {
        (Some(_), true) => "the most that meets the SLO".to_string(),
        (Some(_), false) => "no number of requests meets the SLO, so the option cannot serve this workload".to_string(),
        (None, _) => {
            "the offline maximum (no SLO: sizing keeps the option's `target_utilization` headroom)".to_string()
        }
    };
    format!(
        "{}: each {} runs {} requests of `{}` at a time ({why}): {} output tokens/s, the first token after {} ms, \
         then {} tokens/s per user.",
        escape(&c.option),
        c.instance,
        thousands(p.concurrency),
        c.workload,
        thousands(p.output_tokens_per_s),
        thousands(p.ttft_ms),
        trim(1000.0 / p.itl_ms, 1)
    )
}

/// "How sure": the simulation's verdict, the commitment risk and the fan chart.
fn how_sure(out: &mut String, e: &Estimate, sim: &crate::simulate::Simulation) {
    use super::simulate as sim_words;
    let _ = writeln!(out, "## How sure\n");
    if let Some(note) = super::uncertainty::note_then(e, "drawn below.") {
        let _ = writeln!(out, "{note}\n");
    }
    let _ = writeln!(out, "Over {}: {}\n", sim_words::what_was_drawn(sim), sim_words::how_sure(sim));
    if let Some(risk) = super::uncertainty::risk(e) {
        section_md(out, &risk);
    }
    let _ = writeln!(out, "![Cost per month over the draws: 10th–90th percentile band and median](fan.png)\n");
}

fn section_md(out: &mut String, s: &words::Section) {
    let _ = writeln!(out, "{}:\n", s.heading);
    for l in &s.lines {
        let _ = writeln!(out, "- {l}");
    }
    let _ = writeln!(out);
}

/// The recommendation with its caveats beside it, then the options that are not compared.
fn recommendation(out: &mut String, e: &Estimate) {
    let _ = writeln!(out, "## Recommendation\n");
    let v = advice::verdict(e, |name| format!("**{}**", escape(name)));
    let _ = writeln!(out, "{}\n", v.headline);
    if !v.caveats.is_empty() {
        let _ = writeln!(out, "Before you act on it:\n");
        for c in &v.caveats {
            let _ = writeln!(out, "- {c}.");
        }
        let _ = writeln!(out);
    }
    if let Some(r) = advice::routing(e) {
        let _ = writeln!(out, "{r}\n");
    }
    for note in rows::notes(e) {
        let _ = writeln!(out, "*{note}*\n");
    }
}

/// A name as Markdown text: its punctuation escaped, so `*`, `_`, `|` or `<` in a scenario,
/// workload or option name shows as written instead of formatting the page.
fn escape(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A table row's cells: a `|` inside one (an option named `a|b`) would start another column.
fn cells<S: AsRef<str>>(row: &[S]) -> String {
    row.iter().map(|c| c.as_ref().replace('|', "\\|")).collect::<Vec<_>>().join(" | ")
}

fn options_table(out: &mut String, e: &Estimate) {
    let _ = writeln!(out, "*Options ({}).*\n", rows::CAPTION);
    let header = rows::header(e);
    let _ = writeln!(out, "| {} |", cells(&header));
    let align: Vec<&str> = header.iter().enumerate().map(|(i, _)| if i == 0 { "---" } else { "---:" }).collect();
    let _ = writeln!(out, "| {} |", align.join(" | "));
    for row in rows::rows(e) {
        let _ = writeln!(out, "| {} |", cells(&row));
    }
    let _ = writeln!(out);
    for note in rows::assumptions(e) {
        let _ = writeln!(out, "*{note}*\n");
    }
    if e.services.items.is_empty() {
        return;
    }
    let _ = writeln!(out, "*Services ({}).*\n", rows::SERVICES_CAPTION);
    let header = rows::services_header(e);
    let _ = writeln!(out, "| {} |", cells(&header));
    let _ = writeln!(out, "| --- | ---: | ---: | --- |");
    for row in rows::services_rows(e) {
        let _ = writeln!(out, "| {} |", cells(&row));
    }
    let _ = writeln!(out);
}
