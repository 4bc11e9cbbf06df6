//! `catalog crosscheck --aws-price-list`: the catalog against the AWS Price List, as a table,
//! markdown or JSON (schema `infercast/pricelist-check-v2`).
use super::pricelist::{kind, price, scope, tier};
use crate::crosscheck::Map;
use crate::format::{Align, table};
use crate::output_format::OutputFormat;
use crate::pricelist::compare::{Check, Verdict};

fn verdict(v: Verdict) -> &'static str {
    match v {
        Verdict::Agree => "agrees",
        Verdict::Differ => "DIFFERS",
        Verdict::Copied => "copied",
        Verdict::MissingFromCatalog => "missing from the catalog",
    }
}

/// The check in `format`.
pub fn render(c: &Check, format: OutputFormat) -> String {
    match format {
        OutputFormat::Table => text(c),
        OutputFormat::Markdown => format!("```text\n{}```\n", text(c)),
        OutputFormat::Json => {
            #[derive(serde::Serialize)]
            struct Document<'a> {
                schema: &'static str,
                #[serde(flatten)]
                check: &'a Check,
            }
            crate::json::write(&Document { schema: "infercast/pricelist-check-v2", check: c })
        }
        OutputFormat::Csv => format.not_accepted(super::crosscheck::FORMATS),
    }
}

fn text(c: &Check) -> String {
    let mut out = String::from("Catalog against the AWS Price List\n");
    for o in &c.offers {
        out += &format!("  {}  version {}  published {}  ({})\n", o.offer_code, o.version, o.publication_date, o.file);
    }
    out += &format!("\n{}.\n", c.counts.sentence("Price List prices", Map::AwsPriceList, "missing from the catalog"));
    let rows: Vec<Vec<String>> = c
        .rows
        .iter()
        .filter(|r| !matches!(r.verdict, Verdict::Agree | Verdict::Copied))
        .map(|r| {
            let p = &r.price;
            vec![
                p.catalog_key.clone().unwrap_or_default(),
                p.region.clone(),
                scope(p.scope).into(),
                tier(p.tier).into(),
                kind(p.kind).into(),
                price(p.usd_per_mtok),
                r.catalog.map_or("-".into(), price),
                match (&r.accepted, r.copied && r.verdict == Verdict::Differ) {
                    (Some(note), _) => format!("differs, accepted: {note}"),
                    (None, true) => "DIFFERS (copied)".into(),
                    (None, false) => verdict(r.verdict).into(),
                },
            ]
        })
        .collect();
    if !rows.is_empty() {
        let header = [
            ("Model", Align::Left),
            ("Region", Align::Left),
            ("Scope", Align::Left),
            ("Tier", Align::Left),
            ("Kind", Align::Left),
            ("AWS", Align::Right),
            ("Catalog", Align::Right),
            ("", Align::Left),
        ];
        out += &table(&header, &rows, "  ");
    }
    if !c.models.is_empty() {
        let rows: Vec<Vec<String>> =
            c.models.iter().map(|m| vec![m.model.clone(), m.prices.to_string(), m.class.label().into()]).collect();
        let header = [("Catalog model", Align::Left), ("Prices", Align::Right), ("Class", Align::Left)];
        out += "\nPer catalog model: differs, else copied, else agrees, over its Price List prices\n";
        out += &table(&header, &rows, "  ");
    }
    if !c.not_in_catalog.is_empty() {
        out += &format!("\nNot in the catalog: {}\n", c.not_in_catalog.join(", "));
    }
    if !c.not_in_files.is_empty() {
        out += &format!("\nCatalog models these files do not price: {}\n", c.not_in_files.join(", "));
    }
    out
}
