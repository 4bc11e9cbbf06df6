//! The text table people read in a terminal.
use super::Render;
use super::{advice, latency, rows, vendors, words};
use crate::format::{Align, percent, plural, ratio, table, thousands, trim};
use crate::model::Estimate;
use crate::model::tokens::RequestTokens;
use std::fmt::Write;

/// Text renderer.
pub struct Table;

impl Render for Table {
    fn estimates(&self, estimates: &[Estimate]) -> String {
        estimates.iter().map(estimate).collect::<Vec<_>>().join("\n")
    }

    fn breakeven(&self, estimates: &[Estimate]) -> String {
        let one = |e: &Estimate| {
            let head = format!(
                "{}: {} requests in month 1; months of {}\n",
                e.scenario,
                thousands(e.base_requests),
                plural(&trim(e.hours_per_month, 2), "hour")
            );
            let body: String = [words::breakeven(e), words::cheapest(e)].iter().flatten().map(|s| s.text()).collect();
            head + if body.is_empty() { "\nNo on-demand option to compare against.\n" } else { &body }
        };
        estimates.iter().map(one).collect::<Vec<_>>().join("\n")
    }
}

/// "5,650 billed tokens per request (4,950 in + 700 out, 3 calls), 800 visible (7.1x)".
pub fn token_line(t: &RequestTokens) -> String {
    let calls = plural(&trim(t.calls, 2), "call");
    let retrieved =
        if t.retrieved > 0.0 { format!("; {} of the input retrieved", thousands(t.retrieved)) } else { String::new() };
    let mut s = format!(
        "{} billed tokens per request ({} in + {} out, {calls}{retrieved}), {} visible ({})",
        thousands(t.billed()),
        thousands(t.input),
        thousands(t.output),
        thousands(t.visible),
        ratio(t.overhead()),
    );
    if t.truncated_share > 0.0 {
        let _ = write!(s, "; {} of requests hit the token budget", percent(t.truncated_share));
    }
    s
}

fn estimate(e: &Estimate) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}{}", e.scenario, e.description.as_ref().map_or(String::new(), |d| format!(": {d}")));
    let _ = writeln!(out, "  {}", words::traffic_line(e));
    if let Some(note) = super::uncertainty::note(e) {
        let _ = writeln!(out, "  {note}");
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "Tokens per request (billed vs what the application logs)");
    for (w, t) in &e.workloads {
        let _ = writeln!(out, "  {} ({}): {}", w.name, percent(w.share), token_line(t));
    }
    if e.workloads.len() > 1 {
        let _ = writeln!(out, "  mix: {}", token_line(&e.per_request));
    }
    out.push_str(&advice::recommendation(e).text());
    if let Some(r) = advice::routing(e) {
        let _ = writeln!(out, "  {r}");
    }
    let _ = writeln!(out, "\nOptions ({})", rows::CAPTION);
    let header = rows::header(e);
    let aligned: Vec<(&str, Align)> =
        header.iter().enumerate().map(|(i, h)| (h.as_str(), if i == 0 { Align::Left } else { Align::Right })).collect();
    out.push_str(&table(&aligned, &rows::rows(e), "  "));
    for note in rows::notes(e).iter().chain(&rows::assumptions(e)) {
        let _ = writeln!(out, "  {note}");
    }
    if !e.services.items.is_empty() {
        let _ = writeln!(out, "\nServices ({})", rows::SERVICES_CAPTION);
        let header = rows::services_header(e);
        let aligned: Vec<(&str, Align)> = header
            .iter()
            .enumerate()
            .map(|(i, h)| (h.as_str(), if i == 0 || i == 3 { Align::Left } else { Align::Right }))
            .collect();
        out.push_str(&table(&aligned, &rows::services_rows(e), "  "));
    }
    out.push_str(&vendors_text(e));
    for section in [
        words::breakeven(e),
        words::cheapest(e),
        words::workloads(e),
        Some(advice::daily(e).section()),
        words::quota(e),
    ]
    .iter()
    .flatten()
    {
        out.push_str(&section.text());
    }
    out.push_str(&latency_text(e));
    for section in [super::uncertainty::risk(e), words::warnings(e)].iter().flatten() {
        out.push_str(&section.text());
    }
    out
}

/// "Vendors compared": the table of each vendor's cheapest option, then a sentence per vendor.
fn vendors_text(e: &Estimate) -> String {
    if e.vendors.is_none() {
        return String::new();
    }
    let mut out = format!("\n{} ({})\n", vendors::HEADING, vendors::CAPTION);
    let header = vendors::header(e);
    let aligned: Vec<(&str, Align)> =
        header.iter().enumerate().map(|(i, h)| (h.as_str(), if i < 2 { Align::Left } else { Align::Right })).collect();
    out.push_str(&table(&aligned, &vendors::rows(e), "  "));
    for line in vendors::advice(e, str::to_string) {
        let _ = writeln!(out, "  {line}");
    }
    out
}

/// "Latency and timeouts": the table of each option and workload, then the lines under it.
fn latency_text(e: &Estimate) -> String {
    if e.latency.is_empty() {
        return String::new();
    }
    let mut out = format!("\n{} ({})\n", latency::HEADING, latency::caption(e));
    let header = latency::header(e);
    let aligned: Vec<(&str, Align)> =
        header.iter().enumerate().map(|(i, h)| (h.as_str(), if i < 3 { Align::Left } else { Align::Right })).collect();
    out.push_str(&table(&aligned, &latency::rows(e), "  "));
    for note in latency::notes(e) {
        let _ = writeln!(out, "  {note}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_undefined_ratio_reads_n_a() {
        // Nothing visible (every request cut by a hard budget): billed / visible is undefined.
        let t = RequestTokens {
            input: 800.0,
            output: 200.0,
            system_input: 0.0,
            retrieved: 0.0,
            calls: 1.0,
            visible: 0.0,
            truncated_share: 1.0,
        };
        assert!(token_line(&t).contains("0 visible (n/a)"), "{}", token_line(&t));
        // 1,000 billed over 400 visible = 2.5x.
        assert!(token_line(&RequestTokens { visible: 400.0, ..t }).contains("400 visible (2.5x)"));
    }
}
