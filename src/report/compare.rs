//! `compare` output: one set of rows and sentences, in a terminal table, Markdown or JSON.
use super::table::token_line;
use crate::format::{Align, percent, ratio, table, thousands, trim, usd};
use crate::model::analysis::compare::{Comparison, OptionChange, TokensPerRequest, Verdict};
use crate::model::tokens::RequestTokens;
use crate::output_format::OutputFormat;
use serde::Serialize;
use std::fmt::Write;

/// Output formats of `compare`.
pub const FORMATS: &[OutputFormat] = &[OutputFormat::Table, OutputFormat::Json, OutputFormat::Markdown];

/// The comparison in `format`.
pub fn render(c: &Comparison, format: OutputFormat) -> String {
    match format {
        OutputFormat::Table => text(c),
        OutputFormat::Json => json(c),
        OutputFormat::Markdown => markdown(c),
        OutputFormat::Csv => format.not_accepted(FORMATS),
    }
}

#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    #[serde(flatten)]
    comparison: &'a Comparison,
}

fn json(c: &Comparison) -> String {
    let doc = Document { schema: "infercast/compare-v1", comparison: c };
    crate::json::write(&doc)
}

const HEADER: [(&str, Align); 7] = [
    ("option", Align::Left),
    ("month 1 before", Align::Right),
    ("month 1 after", Align::Right),
    ("change", Align::Right),
    ("total before", Align::Right),
    ("total after", Align::Right),
    ("change", Align::Right),
];

/// `-$15,015.00`, `+$12.50`.
fn signed_usd(x: f64) -> String {
    if x < 0.0 { format!("-{}", usd(-x)) } else { format!("+{}", usd(x)) }
}

/// `-$15,015.00 (-32.4%)`; the percentage is left out when the before figure is zero.
fn change(usd: f64, pct: Option<f64>) -> String {
    match pct {
        Some(p) if p < 0.0 => format!("{} (-{})", signed_usd(usd), percent(-p / 100.0)),
        Some(p) => format!("{} (+{})", signed_usd(usd), percent(p / 100.0)),
        None => signed_usd(usd),
    }
}

/// The table rows every text format shares.
fn rows(c: &Comparison) -> Vec<Vec<String>> {
    c.options
        .iter()
        .map(|o| {
            vec![
                o.option.clone(),
                usd(o.before_month_1_usd),
                usd(o.after_month_1_usd),
                change(o.delta_month_1_usd, o.delta_month_1_pct),
                usd(o.before_total_usd),
                usd(o.after_total_usd),
                change(o.delta_total_usd, o.delta_total_pct),
            ]
        })
        .collect()
}

/// "`after` saves $15,015.00 a month (32.4%)" for one option.
fn saving(c: &Comparison, o: &OptionChange) -> String {
    let share = |s: Option<f64>| s.map_or(String::new(), |s| format!(" ({})", percent(s)));
    match o.verdict() {
        Verdict::Saves { usd: d, share: s } => {
            format!("{}: {} saves {} a month{}", o.option, c.after, usd(d), share(s))
        }
        Verdict::CostsMore { usd: d, share: s } => {
            format!("{}: {} costs {} more a month{}", o.option, c.after, usd(d), share(s))
        }
        Verdict::Unchanged => format!("{}: {} costs the same a month", o.option, c.after),
    }
}

/// What the sentences and the one-side lists say, one line each.
fn findings(c: &Comparison) -> Vec<String> {
    let mut out: Vec<String> = c.options.iter().map(|o| saving(c, o)).collect();
    let list = |names: &[String]| names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
    if !c.only_before.is_empty() {
        out.push(format!("only in {}: {}", c.before, list(&c.only_before)));
    }
    if !c.only_after.is_empty() {
        out.push(format!("only in {}: {}", c.after, list(&c.only_after)));
    }
    out
}

/// The token line of one side, from the comparison's figures.
fn tokens(t: &TokensPerRequest) -> String {
    token_line(&RequestTokens {
        input: t.input,
        output: t.output,
        system_input: 0.0,
        retrieved: t.retrieved,
        calls: t.calls,
        visible: t.visible,
        truncated_share: t.truncated_share,
    })
}

fn text(c: &Comparison) -> String {
    let mut out = format!("{} → {}\n\n", c.before, c.after);
    let _ = writeln!(out, "Tokens per request (billed vs what the application logs)");
    let _ = writeln!(out, "  before: {}", tokens(&c.tokens.before));
    let _ = writeln!(out, "  after:  {}", tokens(&c.tokens.after));
    if !c.options.is_empty() {
        let _ = writeln!(out, "\nOptions matched by name (USD; totals over each scenario's horizon)");
        out.push_str(&table(&HEADER, &rows(c), "  "));
    }
    let _ = writeln!(out, "\nWhat the change does to the monthly bill (month 1)");
    for line in findings(c) {
        let _ = writeln!(out, "  {line}");
    }
    out
}

/// One figure of a side's tokens, as text.
type Figure = fn(&TokensPerRequest) -> String;

fn markdown(c: &Comparison) -> String {
    let mut out = format!("## {} → {}\n\n", c.before, c.after);
    let _ = writeln!(out, "| tokens per request | before | after |\n| --- | ---: | ---: |");
    let figures: [(&str, Figure); 5] = [
        ("billed input", |t| thousands(t.input)),
        ("billed output", |t| thousands(t.output)),
        ("calls", |t| trim(t.calls, 2)),
        ("visible (what the application logs)", |t| thousands(t.visible)),
        ("billed per visible token", |t| ratio((t.visible > 0.0).then_some(t.overhead_ratio))),
    ];
    for (label, f) in figures {
        let _ = writeln!(out, "| {label} | {} | {} |", f(&c.tokens.before), f(&c.tokens.after));
    }
    out.push('\n');
    if !c.options.is_empty() {
        let names: Vec<&str> = HEADER.iter().map(|h| h.0).collect();
        let _ = writeln!(out, "| {} |", names.join(" | "));
        let rule: Vec<&str> = HEADER.iter().map(|h| if h.1 == Align::Right { "---:" } else { "---" }).collect();
        let _ = writeln!(out, "| {} |", rule.join(" | "));
        for r in rows(c) {
            let _ = writeln!(out, "| {} |", r.join(" | "));
        }
        out.push('\n');
    }
    for line in findings(c) {
        let _ = writeln!(out, "- {line}");
    }
    out
}
