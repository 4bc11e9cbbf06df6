//! The text table people read in a terminal.
use super::Render;
use super::format::{Align, percent, table, thousands, trim, usd};
use super::words;
use crate::catalog::Catalog;
use crate::model::tokens::RequestTokens;
use crate::model::{Estimate, OptionEstimate};
use std::fmt::Write;

/// Text renderer.
pub struct Table;

impl Render for Table {
    fn estimates(&self, estimates: &[Estimate]) -> String {
        estimates.iter().map(estimate).collect::<Vec<_>>().join("\n")
    }

    fn breakeven(&self, estimates: &[Estimate]) -> String {
        let one = |e: &Estimate| {
            let head = format!("{}: {} requests in month 1\n", e.scenario, thousands(e.base_requests));
            let body: String = [words::breakeven(e), words::cheapest(e)].iter().flatten().map(|s| s.text()).collect();
            head + if body.is_empty() { "\nNo on-demand option to compare against.\n" } else { &body }
        };
        estimates.iter().map(one).collect::<Vec<_>>().join("\n")
    }

    fn models(&self, catalog: &Catalog) -> String {
        super::models_table::models(catalog)
    }
}

/// "5,650 billed tokens per request (4,950 in + 700 out, 3 calls), 800 visible (7.1x)".
pub fn token_line(t: &RequestTokens) -> String {
    let calls = trim(t.calls, 2);
    let plural = if calls == "1" { "call" } else { "calls" };
    let mut s = format!(
        "{} billed tokens per request ({} in + {} out, {calls} {plural}), {} visible ({:.1}x)",
        thousands(t.billed()),
        thousands(t.input),
        thousands(t.output),
        thousands(t.visible),
        t.overhead_ratio(),
    );
    if t.truncated_share > 0.0 {
        let _ = write!(s, "; {} of requests hit the token budget", percent(t.truncated_share));
    }
    s
}

fn estimate(e: &Estimate) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}{}", e.scenario, e.description.as_ref().map_or(String::new(), |d| format!(": {d}")));
    let _ = writeln!(out, "  {}\n", words::traffic_line(e));
    let _ = writeln!(out, "Tokens per request (billed vs what the application logs)");
    for (w, t) in &e.workloads {
        let _ = writeln!(out, "  {} ({}): {}", w.name, percent(w.share), token_line(t));
    }
    if e.workloads.len() > 1 {
        let _ = writeln!(out, "  mix: {}", token_line(&e.per_request));
    }
    let _ = writeln!(out, "\nOptions (USD; units and overflow in month 1)");
    let horizon = format!("{} months", e.months);
    let header = [
        ("option", Align::Left),
        ("month 1", Align::Right),
        (horizon.as_str(), Align::Right),
        ("per 1k requests", Align::Right),
        ("per M tokens", Align::Right),
        ("units", Align::Right),
        ("overflow", Align::Right),
    ];
    let rows: Vec<Vec<String>> = e.options.iter().map(option_row).collect();
    out.push_str(&table(&header, &rows, "  "));
    for section in [words::breakeven(e), words::cheapest(e), words::quota(e), words::warnings(e)].iter().flatten() {
        out.push_str(&section.text());
    }
    out
}

fn option_row(o: &OptionEstimate) -> Vec<String> {
    let c = &o.cost;
    let first = &c.months[0];
    let units = match o.kind {
        "provisioned" => format!("{} MU", trim(first.units, 0)),
        "self-hosted" => {
            format!("{} inst, {} busy", trim(first.units, 1), percent(first.utilization.unwrap_or(0.0).min(1.0)))
        }
        "reserved" => match (first.input_tpm, first.output_tpm) {
            (Some(i), Some(out)) if i > 0.0 => format!("{}k/{}k TPM", thousands(i / 1000.0), thousands(out / 1000.0)),
            _ => "none".into(),
        },
        _ => "-".into(),
    };
    let overflow = match o.kind {
        "on-demand" | "self-hosted" => "-".into(),
        _ if o.rejects => format!("{} rejected", percent(first.overflow_share)),
        _ => percent(first.overflow_share),
    };
    vec![
        o.name.clone(),
        usd(first.cost_usd),
        usd(c.total_usd),
        usd(c.usd_per_1k_requests),
        usd(c.usd_per_mtok),
        units,
        overflow,
    ]
}
