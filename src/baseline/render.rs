//! `baseline check` output: text for people, Markdown for a pull-request comment, JSON for tools.
use super::diff::{Diff, FigureChange, Flip, relative, signed_pct};
use super::labels;
use super::subject::Subject;
use crate::format::{Align, table, thousands, trim, usd, usd_rate};
use crate::output_format::OutputFormat;
use serde_json::json;
use std::fmt::Write;

/// Output formats of `baseline check` (`table` is also accepted as `text`).
pub const FORMATS: &[OutputFormat] = &[OutputFormat::Table, OutputFormat::Markdown, OutputFormat::Json];

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
        Some(x) if figure.contains("share") => crate::format::percent(x),
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

/// "support-agent: the recommendation changed from `two-tier` to `sonnet-on-demand`".
fn flip(f: &Flip) -> String {
    let name = |x: &Option<String>| {
        x.as_ref().map_or("nothing (no option serves every workload)".into(), |n| format!("`{n}`"))
    };
    format!("{}: the recommendation changed from {} to {}", f.scenario, name(&f.baseline), name(&f.now))
}

/// "gone: s: option x, month 1, USD (was $600.00)", "new: … (now 3)".
fn one_sided(f: &FigureChange) -> String {
    let what = format!("{}: {}", f.scenario, labels::label(&f.subject, &f.figure));
    match (f.baseline, f.now) {
        (Some(b), None) => format!("gone: {what} (was {})", value(&f.figure, Some(b))),
        (_, n) => format!("new: {what} (now {})", value(&f.figure, n)),
    }
}

fn verdict(d: &Diff, tolerance: f64) -> String {
    if d.passed() {
        let moved = d.changes();
        if moved == 0 {
            format!("PASS: nothing moved beyond the {} tolerance", crate::format::percent(tolerance))
        } else {
            format!("PASS: {moved} change{} within the guardrails", if moved == 1 { "" } else { "s" })
        }
    } else {
        // A changed recommendation first: it is what a reviewer must not miss.
        let all: Vec<String> = d.flips.iter().map(flip).chain(d.failures.iter().cloned()).collect();
        format!("FAIL: {}", all.join("; "))
    }
}

/// Figures present on both sides, as table rows; the others are listed as gone or new.
fn rows(d: &Diff) -> Vec<Vec<String>> {
    d.figures
        .iter()
        .filter(|f| f.baseline.is_some() && f.now.is_some())
        .map(|f| {
            vec![
                f.scenario.clone(),
                labels::label(&f.subject, &f.figure),
                value(&f.figure, f.baseline),
                value(&f.figure, f.now),
                change(f),
            ]
        })
        .collect()
}

const HEADER: [&str; 5] = ["scenario", "figure", "baseline", "now", "change"];

/// Figures on one side only.
fn one_sided_lines(d: &Diff) -> Vec<String> {
    d.figures.iter().filter(|f| f.baseline.is_none() || f.now.is_none()).map(one_sided).collect()
}

fn subject_json(s: &Subject) -> serde_json::Value {
    match s {
        Subject::Tokens => json!({ "kind": "tokens" }),
        Subject::Option(name) => json!({ "kind": "option", "name": name }),
        Subject::Plan(name) => json!({ "kind": "plan", "name": name }),
        Subject::Member { plan, workloads, option } => {
            json!({ "kind": "member", "plan": plan, "workloads": workloads, "option": option })
        }
    }
}

/// The diff in one format; `baseline` names the file compared against.
pub fn render(d: &Diff, format: OutputFormat, baseline: &str, tolerance: f64) -> String {
    match format {
        OutputFormat::Table => text(d, baseline, tolerance),
        OutputFormat::Markdown => markdown(d, baseline, tolerance),
        OutputFormat::Csv => format.not_accepted(FORMATS),
        OutputFormat::Json => {
            let figures: Vec<_> = d
                .figures
                .iter()
                .map(|f| {
                    json!({ "scenario": f.scenario, "subject": subject_json(&f.subject), "figure": f.figure,
                            "label": labels::label(&f.subject, &f.figure),
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
            let flips: Vec<_> = d
                .flips
                .iter()
                .map(|f| json!({ "scenario": f.scenario, "baseline": f.baseline, "now": f.now, "line": flip(f) }))
                .collect();
            let v = json!({
                "schema": "infercast/baseline-diff-v2",
                "baseline": baseline,
                "passed": d.passed(),
                "verdict": verdict(d, tolerance),
                "recommendations": flips,
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
    if !d.flips.is_empty() {
        let _ = writeln!(out, "\nRecommendation changes");
        for f in &d.flips {
            let _ = writeln!(out, "  {}", flip(f));
        }
    }
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
            HEADER.iter().enumerate().map(|(i, h)| (*h, if i >= 2 { Align::Right } else { Align::Left })).collect();
        let rows = rows(d);
        if !rows.is_empty() {
            out.push_str(&table(&header, &rows, "  "));
        }
        for l in one_sided_lines(d) {
            let _ = writeln!(out, "  {l}");
        }
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
    if !d.flips.is_empty() {
        let _ = writeln!(out, "\n#### Recommendation changes\n");
        for f in &d.flips {
            let _ = writeln!(out, "- {}", flip(f));
        }
    }
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
        let rows = rows(d);
        if !rows.is_empty() {
            let _ = writeln!(out, "| {} |", HEADER.join(" | "));
            let _ = writeln!(out, "| --- | --- | ---: | ---: | ---: |");
            for r in rows {
                let _ = writeln!(out, "| {} |", r.join(" | "));
            }
        }
        for l in one_sided_lines(d) {
            let _ = writeln!(out, "- {l}");
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
