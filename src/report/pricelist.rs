//! `catalog pricelist`: the AWS Price List's text-token prices as a table, JSON or CSV; every
//! word about a scope, tier, kind or unread product is made here.
use crate::format::{Align, count, table, usd_rate};
use crate::output_format::OutputFormat;

use crate::pricelist::{Kind, Price, PriceList, Scope, Tier, Unread};
use serde::Serialize;

/// Output formats of `catalog pricelist`; CSV has one row per price.
pub const FORMATS: &[OutputFormat] = &[OutputFormat::Table, OutputFormat::Json, OutputFormat::Csv];

/// The list in `format`.
pub fn render(list: &PriceList, format: OutputFormat) -> String {
    match format {
        OutputFormat::Table => text(list),
        OutputFormat::Json => json(list),
        OutputFormat::Csv => csv(list),
        OutputFormat::Markdown => format.not_accepted(FORMATS),
    }
}

pub fn scope(s: Scope) -> &'static str {
    match s {
        Scope::InRegion => "in-region",
        Scope::Geo => "geo",
        Scope::Global => "global",
    }
}

pub fn tier(t: Tier) -> &'static str {
    match t {
        Tier::Standard => "standard",
        Tier::Batch => "batch",
        Tier::Flex => "flex",
        Tier::Priority => "priority",
        Tier::LatencyOptimized => "latency-optimized",
    }
}

pub fn kind(k: Kind) -> &'static str {
    match k {
        Kind::Input => "input",
        Kind::Output => "output",
        Kind::CacheRead => "cache read",
        Kind::CacheWrite5m => "cache write 5m",
        Kind::CacheWrite1h => "cache write 1h",
    }
}

fn unread(u: Unread) -> &'static str {
    match u {
        Unread::NotTextTokens => "not text tokens",
        Unread::NotPerToken => "not priced per token",
        Unread::LongContext => "long-context rate",
        Unread::UnknownUsageType => "usage type not recognised",
        Unread::UnknownUnit => "unit not recognised",
    }
}

/// A price per million tokens as published: cents, and up to four decimals where the Price List
/// has them ($0.165, $1.375, $0.5775), never rounded to a different price.
pub fn price(x: f64) -> String {
    if x.abs() < 0.01 {
        return usd_rate(x);
    }
    let four = format!("{x:.4}");
    let (whole, frac) = four.split_once('.').unwrap_or((&four, "0000"));
    let frac = frac.trim_end_matches('0');
    let frac = format!("{frac:0<2}");
    let whole: f64 = whole.parse().unwrap_or(0.0);
    format!("${}.{frac}", crate::format::thousands(whole))
}

const NOT_IN_CATALOG: &str = "not in the catalog";

fn catalog(p: &Price) -> &str {
    p.catalog_key.as_deref().unwrap_or(NOT_IN_CATALOG)
}

fn text(list: &PriceList) -> String {
    let mut out = String::from("AWS Price List\n");
    for o in &list.offers {
        out += &format!("  {}  version {}  published {}  ({})\n", o.offer_code, o.version, o.publication_date, o.file);
    }
    let rows: Vec<Vec<String>> = list
        .prices
        .iter()
        .map(|p| {
            vec![
                p.model.clone(),
                catalog(p).to_string(),
                p.region.clone(),
                scope(p.scope).into(),
                tier(p.tier).into(),
                kind(p.kind).into(),
                price(p.usd_per_mtok),
                p.usagetype.clone(),
            ]
        })
        .collect();
    let header = [
        ("Model", Align::Left),
        ("Catalog", Align::Left),
        ("Region", Align::Left),
        ("Scope", Align::Left),
        ("Tier", Align::Left),
        ("Kind", Align::Left),
        ("USD/M tokens", Align::Right),
        ("Usage type", Align::Left),
    ];
    out += &format!("\n{} (USD per million tokens)\n", count(list.prices.len() as f64, "text-token price"));
    if !rows.is_empty() {
        out += &table(&header, &rows, "  ");
    }
    let total: usize = list.not_read.values().flat_map(|m| m.values()).sum();
    if total > 0 {
        out += &format!("\nNot read: {}\n", count(total as f64, "product"));
        for (why, types) in &list.not_read {
            for (usagetype, n) in types {
                out += &format!("  {}: {usagetype} ({n})\n", unread(*why));
            }
        }
    }
    out
}

#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    offers: &'a [crate::pricelist::Offer],
    prices: &'a [Price],
    not_read: Vec<NotRead<'a>>,
}

#[derive(Serialize)]
struct NotRead<'a> {
    reason: Unread,
    usagetype: &'a str,
    count: usize,
}

fn json(list: &PriceList) -> String {
    let not_read = list
        .not_read
        .iter()
        .flat_map(|(why, m)| m.iter().map(|(u, n)| NotRead { reason: *why, usagetype: u, count: *n }))
        .collect();
    let doc = Document { schema: "infercast/pricelist-v1", offers: &list.offers, prices: &list.prices, not_read };
    crate::json::write(&doc)
}

fn csv(list: &PriceList) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let header = ["model", "catalog_key", "region", "scope", "tier", "kind", "usd_per_mtok", "usagetype", "sku"];
    w.write_record(header).expect("writing to memory");
    for p in &list.prices {
        let usd = crate::json::round_sig(p.usd_per_mtok).to_string();
        let row =
            [&p.model, p.catalog_key.as_deref().unwrap_or(""), &p.region, scope(p.scope), tier(p.tier), kind(p.kind)];
        let mut row: Vec<&str> = row.into_iter().map(|s| s as &str).collect();
        row.extend([usd.as_str(), &p.usagetype, &p.sku]);
        w.write_record(row).expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("CSV of UTF-8 text")
}

#[cfg(test)]
mod tests {
    use super::price;

    #[test]
    fn prices_keep_the_digits_published() {
        assert_eq!(price(1.375), "$1.375");
        assert_eq!(price(0.5775), "$0.5775");
        assert_eq!(price(3.2), "$3.20");
        assert_eq!(price(16.5), "$16.50");
        assert_eq!(price(1234.5), "$1,234.50");
        // Below a cent: four significant digits (0.00875 per million).
        assert_eq!(price(0.00875), "$0.008750");
    }
}
