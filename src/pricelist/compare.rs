//! The catalog against the AWS Price List: every Price List price of a model the catalog names
//! (`price_list`) agrees within 0.5 %, differs, was copied from the Price List (agrees, but is no
//! evidence), or has no catalog figure (docs/model.md#the-aws-price-list).
use super::{Kind, Offer, Price, PriceList, Scope, Tier};
use crate::catalog::{Catalog, Model, Tier as CatalogTier};
use crate::crosscheck::{Class, Counts, Map, TOLERANCE};
use serde::Serialize;

/// What the catalog says of one Price List price.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Within 0.5 %, and the catalog figure cites a source other than the Price List.
    Agree,
    /// More than 0.5 % apart (a figure copied from the Price List included).
    Differ,
    /// Within 0.5 %, but the catalog figure was copied from the Price List: no evidence.
    Copied,
    /// The catalog has no figure for this region, scope, tier or kind.
    MissingFromCatalog,
}

/// One Price List price of a catalog model, and the catalog's figure for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    #[serde(flatten)]
    pub price: Price,
    /// The catalog's figure, USD per million tokens (`null`: none).
    pub catalog: Option<f64>,
    /// The sources of the catalog's figure: the prices' (the model's or a region's), then a
    /// tier multiplier's when it has its own.
    pub catalog_sources: Vec<String>,
    /// True when one of them is the Price List (or a copy of it).
    pub copied: bool,
    pub verdict: Verdict,
    /// For a difference: the model's `price_list_note`, which accepts it.
    pub accepted: Option<String>,
}

/// One catalog model: what its Price List prices say, as one class.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelRow {
    /// Catalog key.
    pub model: String,
    /// Price List prices of it in the files.
    pub prices: usize,
    /// `differs` when any differs, else `copied` when any was copied, else `agrees`, else
    /// `missing` (the catalog has none of the figures).
    pub class: Class,
}

/// The whole check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    pub offers: Vec<Offer>,
    /// The rows by class (`missing`: Price List prices the catalog has no figure for).
    pub counts: Counts,
    pub rows: Vec<Row>,
    /// Every catalog model the files price, in catalog order.
    pub models: Vec<ModelRow>,
    /// Catalog models that name Price List models none of whose prices the files hold.
    pub not_in_files: Vec<String>,
    /// Price List models no catalog entry names.
    pub not_in_catalog: Vec<String>,
}

impl Check {
    /// No price differs, but where a `price_list_note` accepts the difference.
    pub fn passes(&self) -> bool {
        self.rows.iter().all(|r| r.verdict != Verdict::Differ || r.accepted.is_some())
    }

    pub fn count(&self, v: Verdict) -> usize {
        self.rows.iter().filter(|r| r.verdict == v).count()
    }
}

/// Compares every price of a named model with the catalog.
pub fn check(list: &PriceList, catalog: &Catalog) -> Check {
    let mut rows = Vec::new();
    let mut not_in_catalog: Vec<String> = Vec::new();
    let mut counts = Counts::default();
    for p in &list.prices {
        let Some(m) = p.catalog_key.as_ref().and_then(|k| catalog.models.iter().find(|m| &m.key == k)) else {
            not_in_catalog.push(p.model.clone());
            continue;
        };
        let (figure, catalog_sources) = catalog_figure(m, p).map_or((None, Vec::new()), |(f, s)| (Some(f), s));
        let copied = catalog_sources.iter().any(|s| Map::AwsPriceList.is_source_of(s));
        let verdict = match figure {
            None => Verdict::MissingFromCatalog,
            Some(c) if differs(c, p.usd_per_mtok) => Verdict::Differ,
            Some(_) if copied => Verdict::Copied,
            Some(_) => Verdict::Agree,
        };
        counts.add(class(verdict), copied);
        let accepted = if verdict == Verdict::Differ { m.price_list_note.clone() } else { None };
        rows.push(Row { price: p.clone(), catalog: figure, catalog_sources, copied, verdict, accepted });
    }
    not_in_catalog.sort();
    not_in_catalog.dedup();
    let not_in_files = catalog
        .models
        .iter()
        .filter(|m| !m.price_list.is_empty())
        .filter(|m| !list.prices.iter().any(|p| p.catalog_key.as_deref() == Some(m.key.as_str())))
        .map(|m| m.key.clone())
        .collect();
    let models = model_rows(catalog, &rows);
    Check { offers: list.offers.clone(), counts, rows, models, not_in_files, not_in_catalog }
}

/// A verdict as the class every cross-check shares.
fn class(v: Verdict) -> Class {
    match v {
        Verdict::Agree => Class::Agrees,
        Verdict::Differ => Class::Differs,
        Verdict::Copied => Class::Copied,
        Verdict::MissingFromCatalog => Class::Missing,
    }
}

/// One row per catalog model the files price, in catalog order.
fn model_rows(catalog: &Catalog, rows: &[Row]) -> Vec<ModelRow> {
    catalog
        .models
        .iter()
        .filter_map(|m| {
            let of: Vec<Verdict> = rows
                .iter()
                .filter(|r| r.price.catalog_key.as_deref() == Some(m.key.as_str()))
                .map(|r| r.verdict)
                .collect();
            let class = Class::worst(of.iter().map(|v| class(*v)));
            (!of.is_empty()).then(|| ModelRow { model: m.key.clone(), prices: of.len(), class })
        })
        .collect()
}

/// More than [`TOLERANCE`] apart, relative to the catalog (any difference from a zero price).
fn differs(catalog: f64, aws: f64) -> bool {
    if catalog == 0.0 { aws != 0.0 } else { ((aws - catalog) / catalog).abs() > TOLERANCE }
}

/// The catalog's price for the Price List price's region, scope, tier and kind, per million, and
/// the sources it rests on.
fn catalog_figure(m: &Model, p: &Price) -> Option<(f64, Vec<String>)> {
    let base_region = m.is_base_region(&p.region);
    let own = m.base_prices();
    // The figure in force the day the offer was published: a price period's where one covers it
    // and sets this price (its source is then the period's).
    let (set, source) = match (p.scope, p.dated(m)) {
        (Scope::Global, Some(x)) => (x.global.apply(m.global?), &x.provenance.source),
        (Scope::Global, None) => (m.global?, &m.provenance.source),
        (_, Some(x)) => (x.base.apply(own), &x.provenance.source),
        _ if base_region => (own, &m.provenance.source),
        _ => {
            let r = m.region_prices.iter().find(|r| r.region == p.region)?;
            (r.prices, &r.provenance.source)
        }
    };
    let mut sources = vec![source.clone()];
    // Tiers are multipliers of every token price (docs/model.md#on-demand).
    let tier = match p.tier {
        Tier::Standard => None,
        Tier::Batch => Some(CatalogTier::Batch),
        Tier::Flex => Some(CatalogTier::Flex),
        Tier::Priority => Some(CatalogTier::Priority),
        Tier::LatencyOptimized => return None,
    };
    let multiplier = match tier {
        None => 1.0,
        Some(t) => {
            let t = m.tiers.get(&t)?;
            if !sources.contains(&t.provenance.source) {
                sources.push(t.provenance.source.clone());
            }
            t.multiplier
        }
    };
    let cache = set.cache;
    let base = match p.kind {
        Kind::Input => set.input_usd_per_mtok,
        Kind::Output => set.output_usd_per_mtok,
        Kind::CacheRead => cache?.read_usd_per_mtok,
        Kind::CacheWrite5m => cache?.write_usd_per_mtok?,
        Kind::CacheWrite1h => cache?.write_1h_usd_per_mtok?,
    };
    Some((base * multiplier, sources))
}
