//! `baseline check` output: text for people, Markdown for a pull-request comment, JSON for tools.
use super::diff::{Diff, FigureChange, relative, signed_pct};
use crate::report::format::{Align, table, thousands, trim, usd, usd_rate};
use serde_json::json;
use std::fmt::Write;

/// Output formats of `baseline check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    Text,
    Markdown,
    Json,
}

fn is_usd(figure: &str) -> bool {
    figure.ends_with("_usd") || figure.starts_with("usd_per_")
}

/// A dollar figure as every other output prints it: an amount to the cent, a rate (`usd_per_…`)
/// with its sub-cent digits.
fn dollars(figure: &str, x: f64) -> String {
    if figure.starts_with("usd_per_") { usd_rate(x) } else { usd(x) }
}

fn value(figure: &str, x: Option<f64>) -> String {
    match x {
        None => "(none)".into(),
        Some(x) if is_usd(figure) => dollars(figure, x),
        // Three decimals for a share; past any real share, `percent`'s scientific form (never inf).
        Some(x) if figure.contains("share") && (x * 100.0).abs() < 1e13 => format!("{}%", trim(x * 100.0, 3)),
        Some(x) if figure.contains("share") => crate::report::format::percent(x),
        Some(x) if x.abs() >= 1000.0 => thousands(x),
        Some(x) => trim(x, 4),
    }
}

fn change(f: &FigureChange) -> String {
    let Some(r) = relative(f.baseline, f.now) else {
        return if f.now.is_some() { "new".into() } else { "gone".into() };
    };
    match (f.baseline, f.now) {
        (Some(b), Some(n)) if is_usd(&f.figure) => {
            let d = n - b;
            let sign = if d >= 0.0 { "+" } else { "-" };
            format!("{} ({sign}{})", signed_pct(r), dollars(&f.figure, d.abs()))
        }
        _ => signed_pct(r),
    }
}

fn verdict(d: &Diff, tolerance: f64) -> String {
    if d.passed() {
        let moved = d.changes();
        if moved == 0 {
            format!("PASS: nothing moved beyond the {} tolerance", crate::report::format::percent(tolerance))
        } else {
            format!("PASS: {moved} change{} within the guardrails", if moved == 1 { "" } else { "s" })
        }
    } else {
        format!("FAIL: {}", d.failures.join("; "))
    }
}

fn rows(d: &Diff) -> Vec<Vec<String>> {
    d.figures
        .iter()
        .map(|f| {
            vec![
                f.scenario.clone(),
                f.option.clone(),
                f.figure.clone(),
                value(&f.figure, f.baseline),
                value(&f.figure, f.now),
                change(f),
            ]
        })
        .collect()
}

const HEADER: [&str; 6] = ["scenario", "option", "figure", "baseline", "now", "change"];

/// The diff in one format; `baseline` names the file compared against.
pub fn render(d: &Diff, format: DiffFormat, baseline: &str, tolerance: f64) -> String {
    match format {
        DiffFormat::Text => text(d, baseline, tolerance),
        DiffFormat::Markdown => markdown(d, baseline, tolerance),
        DiffFormat::Json => {
            let figures: Vec<_> = d
                .figures
                .iter()
                .map(|f| {
                    json!({ "scenario": f.scenario, "option": f.option, "figure": f.figure,
                            "baseline": f.baseline, "now": f.now, "change": relative(f.baseline, f.now).filter(|r| r.is_finite()) })
                })
                .collect();
            let prices: Vec<_> = d
                .prices
                .iter()
                .map(|p| json!({ "entry": p.entry, "figure": p.figure, "baseline": p.baseline, "now": p.now, "line": p.line() }))
                .collect();
            let provenance: Vec<_> = d
                .provenance
                .iter()
                .map(|p| json!({ "entry": p.entry, "field": p.field, "baseline": p.baseline, "now": p.now, "line": p.line() }))
                .collect();
            let v = json!({
                "schema": "infercast/baseline-diff-v1",
                "baseline": baseline,
                "passed": d.passed(),
                "verdict": verdict(d, tolerance),
                "failures": d.failures,
                "prices": prices,
                "provenance": provenance,
                "figures": figures,
                "added": d.added,
                "removed": d.removed,
            });
            crate::json::write(&v)
        }
    }
}

fn text(d: &Diff, baseline: &str, tolerance: f64) -> String {
    let mut out = format!("{}\nbaseline: {baseline}\n", verdict(d, tolerance));
    if !d.prices.is_empty() {
        let _ = writeln!(out, "\nPrice changes");
        for p in &d.prices {
            let _ = writeln!(out, "  {}", p.line());
        }
    }
    if !d.provenance.is_empty() {
        let _ = writeln!(out, "\nProvenance changes");
        for p in &d.provenance {
            let _ = writeln!(out, "  {}", p.line());
        }
    }
    if !d.figures.is_empty() {
        let _ = writeln!(out, "\nFigure changes");
        let header: Vec<(&str, Align)> =
            HEADER.iter().enumerate().map(|(i, h)| (*h, if i >= 3 { Align::Right } else { Align::Left })).collect();
        out.push_str(&table(&header, &rows(d), "  "));
    }
    for (title, items) in [("Added", &d.added), ("Removed", &d.removed)] {
        if !items.is_empty() {
            let _ = writeln!(out, "\n{title}");
            for i in items {
                let _ = writeln!(out, "  {i}");
            }
        }
    }
    out
}

fn markdown(d: &Diff, baseline: &str, tolerance: f64) -> String {
    let mark = if d.passed() { "✅" } else { "❌" };
    let mut out = format!("{mark} **infercast {}**\n\n<sub>compared with `{baseline}`</sub>\n", verdict(d, tolerance));
    if !d.prices.is_empty() {
        let _ = writeln!(out, "\n#### Price changes\n");
        for p in &d.prices {
            let _ = writeln!(out, "- {}", p.line());
        }
    }
    if !d.provenance.is_empty() {
        let _ = writeln!(out, "\n#### Provenance changes\n");
        for p in &d.provenance {
            let _ = writeln!(out, "- {}", p.line());
        }
    }
    if !d.figures.is_empty() {
        let _ = writeln!(out, "\n#### Figure changes\n");
        let _ = writeln!(out, "| {} |", HEADER.join(" | "));
        let _ = writeln!(out, "| --- | --- | --- | ---: | ---: | ---: |");
        for r in rows(d) {
            let _ = writeln!(out, "| {} |", r.join(" | "));
        }
    }
    for (title, items) in [("Added", &d.added), ("Removed", &d.removed)] {
        if !items.is_empty() {
            let _ = writeln!(out, "\n#### {title}\n");
            for i in items {
                let _ = writeln!(out, "- {i}");
            }
        }
    }
    out
}
