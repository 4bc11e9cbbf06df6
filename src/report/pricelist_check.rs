//! `catalog crosscheck --aws-price-list`: the catalog against the AWS Price List, as a table,
//! markdown or JSON (schema `infercast/pricelist-check-v1`).
use super::crosscheck::CrosscheckFormat;
use super::format::{Align, count, table};
use super::pricelist::{kind, price, scope, tier};
use crate::pricelist::compare::{Check, Verdict};

fn verdict(v: Verdict) -> &'static str {
    match v {
        Verdict::Agree => "agrees",
        Verdict::Differ => "DIFFERS",
        Verdict::MissingFromCatalog => "missing from the catalog",
    }
}

/// The check in `format`.
pub fn render(c: &Check, format: CrosscheckFormat) -> String {
    match format {
        CrosscheckFormat::Table => text(c),
        CrosscheckFormat::Markdown => format!("```text\n{}```\n", text(c)),
        CrosscheckFormat::Json => {
            #[derive(serde::Serialize)]
            struct Document<'a> {
                schema: &'static str,
                #[serde(flatten)]
                check: &'a Check,
            }
            crate::json::write(&Document { schema: "infercast/pricelist-check-v1", check: c })
        }
    }
}

fn text(c: &Check) -> String {
    let mut out = String::from("Catalog against the AWS Price List\n");
    for o in &c.offers {
        out += &format!("  {}  version {}  published {}  ({})\n", o.offer_code, o.version, o.publication_date, o.file);
    }
    out += &format!(
        "\n{}: {} agree within 0.5 %, {} differ, {} missing from the catalog\n",
        count(c.rows.len() as f64, "Price List price"),
        c.count(Verdict::Agree),
        c.count(Verdict::Differ),
        c.count(Verdict::MissingFromCatalog)
    );
    let rows: Vec<Vec<String>> = c
        .rows
        .iter()
        .filter(|r| r.verdict != Verdict::Agree)
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
                verdict(r.verdict).into(),
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
    if !c.not_in_catalog.is_empty() {
        out += &format!("\nNot in the catalog: {}\n", c.not_in_catalog.join(", "));
    }
    if !c.not_in_files.is_empty() {
        out += &format!("\nCatalog models these files do not price: {}\n", c.not_in_files.join(", "));
    }
    out
}
