//! The text table people read in a terminal.
use super::Render;
use super::format::{Align, percent, table, thousands, trim, usd};
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

    fn models(&self, catalog: &Catalog) -> String {
        models(catalog)
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
    let growth = if e.growth_per_month != 0.0 {
        format!(", growing {} a month", percent(e.growth_per_month))
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "  {} requests in month 1{growth}; {} months of {} hours\n",
        thousands(e.base_requests),
        e.months,
        trim(e.hours_per_month, 2)
    );
    let _ = writeln!(out, "Tokens per request (billed vs what the application logs)");
    for (w, t) in &e.workloads {
        let _ = writeln!(out, "  {} ({}): {}", w.name, percent(w.share), token_line(t));
    }
    if e.workloads.len() > 1 {
        let _ = writeln!(out, "  mix: {}", token_line(&e.per_request));
    }
    let _ = writeln!(out, "\nOptions (USD)");
    let header = [
        ("option", Align::Left),
        ("month 1", Align::Right),
        (&*format!("{} months", e.months), Align::Right),
        ("per 1k requests", Align::Right),
        ("units", Align::Right),
        ("overflow", Align::Right),
    ];
    let rows: Vec<Vec<String>> = e.options.iter().map(option_row).collect();
    out.push_str(&table(&header, &rows, "  "));
    for o in &e.options {
        if let Err(why) = &o.cost {
            let _ = writeln!(out, "  n/a: {}: {why}", o.name);
        }
    }
    out
}

fn option_row(o: &OptionEstimate) -> Vec<String> {
    match &o.cost {
        Ok(c) => {
            let first = &c.months[0];
            let units = if o.kind == "on-demand" { "-".into() } else { trim(first.units, 1) };
            let overflow = if o.kind == "on-demand" { "-".into() } else { percent(first.overflow_share) };
            vec![o.name.clone(), usd(first.cost_usd), usd(c.total_usd), usd(c.usd_per_1k_requests), units, overflow]
        }
        Err(_) => [o.name.as_str(), "n/a", "n/a", "n/a", "n/a", "n/a"].map(String::from).to_vec(),
    }
}

fn models(c: &Catalog) -> String {
    let mut sources: Vec<String> = Vec::new();
    let mut cite = |s: &str| -> String {
        let i = sources.iter().position(|x| x == s).unwrap_or_else(|| {
            sources.push(s.to_string());
            sources.len() - 1
        });
        format!("[{}]", i + 1)
    };
    let mut rows = Vec::new();
    for m in &c.models {
        let cache = m
            .cache
            .map_or("-".into(), |c| format!("{}/{}", trim(c.write_usd_per_mtok, 5), trim(c.read_usd_per_mtok, 5)));
        let tiers: Vec<String> =
            m.tiers.iter().map(|(t, p)| format!("{} x{}", t.as_str(), trim(p.multiplier, 3))).collect();
        let quota = |q: Option<f64>| q.map_or("-".into(), thousands);
        let quota_src = m.quota.provenance.as_ref().map_or(String::new(), |p| cite(&p.source));
        let assumed = if m.provenance.assumed { " (assumed)" } else { "" };
        rows.push(vec![
            m.key.clone(),
            m.id.clone(),
            trim(m.input_usd_per_mtok, 5),
            trim(m.output_usd_per_mtok, 5),
            cache,
            if tiers.is_empty() { "-".into() } else { tiers.join(", ") },
            quota(m.quota.rpm),
            quota(m.quota.tpm),
            trim(m.quota.output_burndown, 2),
            format!("{} {}{assumed}", m.provenance.retrieved, cite(&m.provenance.source)),
            quota_src,
        ]);
    }
    let header = [
        ("model", Align::Left),
        ("provider id", Align::Left),
        ("in $/M", Align::Right),
        ("out $/M", Align::Right),
        ("cache w/r $/M", Align::Right),
        ("tiers", Align::Left),
        ("quota RPM", Align::Right),
        ("quota TPM", Align::Right),
        ("burndown", Align::Right),
        ("prices as of", Align::Left),
        ("quota src", Align::Left),
    ];
    let mut out = table(&header, &rows, "");
    out.push_str("\nPrices are USD per million tokens; tiers multiply every token price; \"-\" = not in the catalog.\nSources:\n");
    for (i, s) in sources.iter().enumerate() {
        let _ = writeln!(out, "  [{}] {s}", i + 1);
    }
    out
}
