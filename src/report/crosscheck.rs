//! `catalog crosscheck` output: one set of rows and lists, in a terminal table, Markdown or JSON.
use crate::crosscheck::{Crosscheck, Disagreement, Map, MapSummary, ModelRow};
use crate::format::{Align, percent, table, trim};
use crate::output_format::OutputFormat;
use serde::Serialize;
use std::fmt::Write;

/// Output formats of `catalog crosscheck` (with the public maps or the AWS Price List).
pub const FORMATS: &[OutputFormat] = &[OutputFormat::Table, OutputFormat::Markdown, OutputFormat::Json];

/// The cross-check in `format`.
pub fn render(c: &Crosscheck, format: OutputFormat) -> String {
    match format {
        OutputFormat::Table => text(c),
        OutputFormat::Markdown => markdown(c),
        OutputFormat::Json => json(c),
        OutputFormat::Csv => format.not_accepted(FORMATS),
    }
}

#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    #[serde(flatten)]
    crosscheck: &'a Crosscheck,
}

fn json(c: &Crosscheck) -> String {
    let doc = Document { schema: "infercast/crosscheck-v2", crosscheck: c };
    crate::json::write(&doc)
}

const HEADER: [(&str, Align); 9] = [
    ("model", Align::Left),
    ("scope", Align::Left),
    ("figure", Align::Left),
    ("catalog", Align::Right),
    ("LiteLLM", Align::Right),
    ("genai-prices", Align::Right),
    ("difference", Align::Right),
    ("copied from", Align::Left),
    ("note", Align::Left),
];

const MODEL_HEADER: [(&str, Align); 4] =
    [("model", Align::Left), ("scope", Align::Left), ("LiteLLM", Align::Left), ("genai-prices", Align::Left)];

/// The maps a catalog source is a copy of, or `-`.
fn copied_from(source: &str) -> String {
    let maps: Vec<&str> =
        [Map::LiteLlm, Map::GenaiPrices].into_iter().filter(|m| m.is_source_of(source)).map(Map::label).collect();
    if maps.is_empty() { "-".into() } else { maps.join(", ") }
}

/// One row per catalog model and scope: each map's class.
fn model_rows(list: &[ModelRow]) -> Vec<Vec<String>> {
    list.iter()
        .map(|r| vec![r.model.clone(), r.scope.label(), r.litellm.label().into(), r.genai_prices.label().into()])
        .collect()
}

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
                copied_from(&d.source),
                d.note.clone().unwrap_or_default(),
            ]
        })
        .collect()
}

fn map(name: &str, m: &MapSummary) -> String {
    format!("{name} ({}, {} Bedrock entries)", m.file, m.entries_read)
}

/// The sentences every format opens with: the whole, then each map's classes.
fn summary(c: &Crosscheck) -> Vec<String> {
    vec![
        format!(
            "Catalog prices against {} and {}: {} compared, {} agree independently, {} only copied (not evidence), {} accepted, {} disagree.",
            map("LiteLLM", &c.litellm),
            map("genai-prices", &c.genai_prices),
            c.compared,
            c.agree,
            c.copied,
            c.accepted.len(),
            c.disagreements.len()
        ),
        format!("{}.", c.litellm.counts.sentence("figures", Map::LiteLlm, "missing from it")),
        format!("{}.", c.genai_prices.counts.sentence("figures", Map::GenaiPrices, "missing from it")),
    ]
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
    let skipped = c.skipped.iter().map(|s| format!("{} `{}`: {}", s.map, s.key, s.reason)).collect();
    let lists = vec![
        ("Not compared", not_compared, false),
        ("Map entries skipped, with why", skipped, false),
        ("In the catalog, in neither map", c.missing_in_maps.clone(), true),
        ("Bedrock text models the maps price and the catalog lacks", c.missing_in_catalog.clone(), true),
    ];
    (tables, lists)
}

/// The per-model table's title.
const MODELS: &str = "Per model and scope: each map's class over its figures (differs, else copied, else agrees)";

fn text(c: &Crosscheck) -> String {
    let mut out = summary(c).join("\n") + "\n";
    let (tables, lists) = sections(c);
    for (title, list) in tables.into_iter().filter(|(_, l)| !l.is_empty()) {
        let _ = writeln!(out, "\n{}", title.replace('`', ""));
        out.push_str(&table(&HEADER, &rows(list), "  "));
    }
    if !c.models.is_empty() {
        let _ = writeln!(out, "\n{MODELS}");
        out.push_str(&table(&MODEL_HEADER, &model_rows(&c.models), "  "));
    }
    for (title, items, _) in lists.into_iter().filter(|(_, i, _)| !i.is_empty()) {
        let _ = writeln!(out, "\n{title} ({})", items.len());
        for item in items {
            let _ = writeln!(out, "  {item}");
        }
    }
    out
}

/// A Markdown table.
fn markdown_table(out: &mut String, header: &[(&str, Align)], rows: Vec<Vec<String>>) {
    let names: Vec<&str> = header.iter().map(|h| h.0).collect();
    let rule: Vec<&str> = header.iter().map(|h| if h.1 == Align::Right { "---:" } else { "---" }).collect();
    let _ = writeln!(out, "| {} |\n| {} |", names.join(" | "), rule.join(" | "));
    for r in rows {
        let cells: Vec<String> = r.iter().map(|c| c.replace('|', "\\|")).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
}

fn markdown(c: &Crosscheck) -> String {
    let mut out = format!("## Price cross-check\n\n{}\n", summary(c).join("\n\n"));
    let (tables, lists) = sections(c);
    for (title, list) in tables.into_iter().filter(|(_, l)| !l.is_empty()) {
        let _ = writeln!(out, "\n### {title}\n");
        markdown_table(&mut out, &HEADER, rows(list));
    }
    if !c.models.is_empty() {
        let _ = writeln!(out, "\n### {MODELS}\n");
        markdown_table(&mut out, &MODEL_HEADER, model_rows(&c.models));
    }
    for (title, items, ids) in lists.into_iter().filter(|(_, i, _)| !i.is_empty()) {
        let _ = writeln!(out, "\n### {title} ({})\n", items.len());
        for item in items {
            let _ = if ids { writeln!(out, "- `{item}`") } else { writeln!(out, "- {item}") };
        }
    }
    out
}
