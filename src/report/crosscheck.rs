//! `catalog crosscheck` output: one set of rows and lists, in a terminal table, Markdown or JSON.
use super::format::{Align, percent, table, trim};
use crate::crosscheck::{Crosscheck, Disagreement, MapSummary};
use serde::Serialize;
use std::fmt::Write;

/// Output formats of `catalog crosscheck`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CrosscheckFormat {
    /// Aligned text for people.
    Table,
    /// Markdown, e.g. for a pull-request comment.
    Markdown,
    /// JSON for tools (schema `infercast/crosscheck-v1`).
    Json,
}

/// The cross-check in `format`.
pub fn render(c: &Crosscheck, format: CrosscheckFormat) -> String {
    match format {
        CrosscheckFormat::Table => text(c),
        CrosscheckFormat::Markdown => markdown(c),
        CrosscheckFormat::Json => json(c),
    }
}

#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    #[serde(flatten)]
    crosscheck: &'a Crosscheck,
}

fn json(c: &Crosscheck) -> String {
    let doc = Document { schema: "infercast/crosscheck-v1", crosscheck: c };
    crate::json::write(&doc)
}

const HEADER: [(&str, Align); 8] = [
    ("model", Align::Left),
    ("scope", Align::Left),
    ("figure", Align::Left),
    ("catalog", Align::Right),
    ("LiteLLM", Align::Right),
    ("genai-prices", Align::Right),
    ("difference", Align::Right),
    ("note", Align::Left),
];

/// A price in USD per Mtok, `-` when the map does not give it.
fn price(x: Option<f64>) -> String {
    x.map_or("-".into(), |x| trim(x, 6))
}

/// `+10%`, `-1%`; `n/a` when the catalog price is zero.
fn difference(r: Option<f64>) -> String {
    match r {
        Some(r) if r < 0.0 => format!("-{}", percent(-r)),
        Some(r) => format!("+{}", percent(r)),
        None => "n/a".into(),
    }
}

/// The table rows every text format shares: one per disagreement.
pub fn rows(list: &[Disagreement]) -> Vec<Vec<String>> {
    list.iter()
        .map(|d| {
            vec![
                d.model.clone(),
                d.scope.label(),
                d.figure.label().to_string(),
                trim(d.catalog, 6),
                price(d.litellm),
                price(d.genai_prices),
                difference(d.relative_difference),
                d.note.clone().unwrap_or_default(),
            ]
        })
        .collect()
}

fn map(name: &str, m: &MapSummary) -> String {
    format!("{name} ({}, {} Bedrock entries)", m.file, m.entries_read)
}

/// The sentence every format opens with.
fn summary(c: &Crosscheck) -> String {
    format!(
        "Catalog prices against {} and {}: {} compared, {} agree within 0.5%, {} accepted, {} disagree.",
        map("LiteLLM", &c.litellm),
        map("genai-prices", &c.genai_prices),
        c.compared,
        c.agree,
        c.accepted.len(),
        c.disagreements.len()
    )
}

/// A titled list; `ids` when its items are ids (code in Markdown).
type List = (&'static str, Vec<String>, bool);

/// The titled sections: the two tables, then the lists.
fn sections(c: &Crosscheck) -> (Vec<(&'static str, &[Disagreement])>, Vec<List>) {
    let tables = vec![
        ("Disagreements (a `crosscheck_note` on the catalog entry accepts one)", c.disagreements.as_slice()),
        ("Accepted (the catalog entry's `crosscheck_note` explains)", c.accepted.as_slice()),
    ];
    let not_compared = c
        .not_compared
        .iter()
        .map(|n| format!("{} ({}) in {}: {}", n.model, n.scope.label(), n.map, n.reason))
        .collect();
    let lists = vec![
        ("Not compared", not_compared, false),
        ("In the catalog, in neither map", c.missing_in_maps.clone(), true),
        ("Bedrock text models the maps price and the catalog lacks", c.missing_in_catalog.clone(), true),
    ];
    (tables, lists)
}

fn text(c: &Crosscheck) -> String {
    let mut out = summary(c) + "\n";
    let (tables, lists) = sections(c);
    for (title, list) in tables.into_iter().filter(|(_, l)| !l.is_empty()) {
        let _ = writeln!(out, "\n{}", title.replace('`', ""));
        out.push_str(&table(&HEADER, &rows(list), "  "));
    }
    for (title, items, _) in lists.into_iter().filter(|(_, i, _)| !i.is_empty()) {
        let _ = writeln!(out, "\n{title} ({})", items.len());
        for item in items {
            let _ = writeln!(out, "  {item}");
        }
    }
    out
}

fn markdown(c: &Crosscheck) -> String {
    let mut out = format!("## Price cross-check\n\n{}\n", summary(c));
    let (tables, lists) = sections(c);
    for (title, list) in tables.into_iter().filter(|(_, l)| !l.is_empty()) {
        let _ = writeln!(out, "\n### {title}\n");
        let names: Vec<&str> = HEADER.iter().map(|h| h.0).collect();
        let rule: Vec<&str> = HEADER.iter().map(|h| if h.1 == Align::Right { "---:" } else { "---" }).collect();
        let _ = writeln!(out, "| {} |\n| {} |", names.join(" | "), rule.join(" | "));
        for r in rows(list) {
            let cells: Vec<String> = r.iter().map(|c| c.replace('|', "\\|")).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
    }
    for (title, items, ids) in lists.into_iter().filter(|(_, i, _)| !i.is_empty()) {
        let _ = writeln!(out, "\n### {title} ({})\n", items.len());
        for item in items {
            let _ = if ids { writeln!(out, "- `{item}`") } else { writeln!(out, "- {item}") };
        }
    }
    out
}
