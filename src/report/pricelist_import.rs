//! `catalog import`: what the AWS Price List changed in a catalog, as a table or JSON (schema
//! `infercast/import-v1`).
use super::pricelist::{kind, price, scope, tier};
use crate::format::{Align, count, table};
use crate::keyword::Keyword;
use crate::output_format::OutputFormat;
use crate::pricelist::import::{Block, Change, Figure, Imported, NotWritten, Plan, Why};
use std::collections::{BTreeMap, BTreeSet};

/// Output formats of `catalog import`.
pub const FORMATS: &[OutputFormat] = &[OutputFormat::Table, OutputFormat::Json];

/// The import in `format`.
pub fn render(i: &Imported, format: OutputFormat) -> String {
    match format {
        OutputFormat::Table => text(i),
        OutputFormat::Json => {
            #[derive(serde::Serialize)]
            struct Document<'a> {
                schema: &'static str,
                #[serde(flatten)]
                imported: &'a Imported,
            }
            crate::json::write(&Document { schema: "infercast/import-v1", imported: i })
        }
        OutputFormat::Csv | OutputFormat::Markdown => format.not_accepted(FORMATS),
    }
}

fn block(b: &Block) -> String {
    match b {
        Block::Base => "in-region".into(),
        Block::Global => "global".into(),
        Block::Region(r) => r.clone(),
    }
}

/// A figure's words and its value as printed: a price per million tokens, or `×0.5` for a tier.
fn figure(c: &Change) -> (String, String, String) {
    let show = |x: f64| match c.figure {
        Figure::Price(_) => price(x),
        Figure::Tier(_) => format!("×{}", crate::pricelist::edit::number(x)),
    };
    let name = match c.figure {
        Figure::Price(k) => kind(k).to_string(),
        Figure::Tier(t) => format!("{} tier", t.as_str()),
    };
    (name, c.old.map_or("-".into(), show), show(c.new))
}

/// The changed figures as a table under their count.
fn changes(p: &Plan) -> String {
    let mut out = format!(
        "\n{} (USD per million tokens; tiers as multipliers)\n",
        count(p.changes.len() as f64, "changed figure")
    );
    let rows: Vec<Vec<String>> = p
        .changes
        .iter()
        .map(|c| {
            let (name, old, new) = figure(c);
            vec![c.model.clone(), block(&c.block), name, old, "→".into(), new]
        })
        .collect();
    if !rows.is_empty() {
        let header = [
            ("Model", Align::Left),
            ("Scope", Align::Left),
            ("Figure", Align::Left),
            ("Old", Align::Right),
            ("", Align::Left),
            ("New", Align::Right),
        ];
        out += &table(&header, &rows, "  ");
    }
    out
}

fn text(i: &Imported) -> String {
    let p = &i.plan;
    let mut out = format!("Catalog import from the AWS Price List into {}\n", i.dir);
    for o in &p.offers {
        out += &format!("  {}  version {}  published {}  ({})\n", o.offer_code, o.version, o.publication_date, o.file);
    }
    if i.seeded {
        out += &format!("{} held no catalog: filled with the current one first.\n", i.dir);
    }
    out += &changes(p);
    out += &match i.written.len() {
        0 => "Nothing written: the catalog already has these figures.\n".to_string(),
        _ => format!("Wrote {}: {}\n", count(i.written.len() as f64, "file"), i.written.join(", ")),
    };
    out += &not_written(&p.not_written);
    if !p.not_in_catalog.is_empty() {
        out += "\nPrice List models no catalog entry names (`price_list`):\n";
        for u in &p.not_in_catalog {
            let prices: Vec<String> = u
                .prices
                .iter()
                .map(|x| {
                    format!(
                        "{} {} {} {} {}",
                        x.region,
                        scope(x.scope),
                        tier(x.tier),
                        kind(x.kind),
                        price(x.usd_per_mtok)
                    )
                })
                .collect();
            out += &format!("  {}: {}\n", u.model, prices.join(", "));
        }
    }
    if !p.not_in_files.is_empty() {
        out += &format!("\nCatalog models these files do not price: {}\n", p.not_in_files.join(", "));
    }
    out
}

fn why(w: Why) -> &'static str {
    match w {
        Why::NoRegionPrice => {
            "the catalog has no [[model.region_price]] for these regions: add one to take their prices"
        }
        Why::GlobalOfAnotherRegion => {
            "a global price of a region other than the model's own: [model.global] holds those of its own regions"
        }
        Why::NoGlobal => "the catalog has no [model.global]: add one (and \"global\" to `profiles`) to take it",
        Why::Conflict => "the files give different prices for this figure",
        Why::NotOneMultiplier => "the tier's prices are not one multiplier of the standard ones in every scope",
        Why::NoStandardPrice => "no standard price of the same block and kind to divide it by",
        Why::NoSuchTier => "the catalog has no latency-optimized tier",
        Why::Private => "the catalog's figure is private (a negotiated price): a list price never replaces it",
        Why::InPricePeriod => {
            "a [[model.price_period]] sets this figure on the offer's publication day: edit that period, not the undated figure"
        }
    }
}

/// Each figure not written and why; the regions without a block, one line per model.
fn not_written(rows: &[NotWritten]) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let mut out = String::from("\nNot written:\n");
    let mut regions: BTreeMap<&str, (BTreeSet<&str>, usize)> = BTreeMap::new();
    for r in rows {
        if r.reason == Why::NoRegionPrice {
            let e = regions.entry(r.model.as_str()).or_default();
            e.0.insert(r.region.as_str());
            e.1 += r.prices.len();
            continue;
        }
        let what = r.kind.map_or_else(|| format!("{} tier", tier(r.tier)), |k| format!("{} {}", tier(r.tier), kind(k)));
        let prices: Vec<String> = r.prices.iter().map(|x| price(*x)).collect();
        out += &format!(
            "  {} {} {} {} ({}): {}\n",
            r.model,
            r.region,
            scope(r.scope),
            what,
            prices.join(", "),
            why(r.reason)
        );
    }
    for (model, (names, n)) in regions {
        let names: Vec<&str> = names.into_iter().collect();
        out +=
            &format!("  {model}: {} of {}: {}\n", count(n as f64, "price"), names.join(", "), why(Why::NoRegionPrice));
    }
    out
}
