//! The catalog against the AWS Price List: every Price List price of a model the catalog names
//! (`price_list`) agrees within 0.5 %, differs, or has no catalog figure
//! (docs/model.md#the-aws-price-list).
use super::{Kind, Offer, Price, PriceList, Scope, Tier};
use crate::catalog::{Catalog, Model, PriceSet, Tier as CatalogTier};
use crate::crosscheck::TOLERANCE;
use serde::Serialize;

/// What the catalog says of one Price List price.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Within 0.5 %.
    Agree,
    /// More than 0.5 % apart.
    Differ,
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
    pub verdict: Verdict,
}

/// The whole check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    pub offers: Vec<Offer>,
    pub rows: Vec<Row>,
    /// Catalog models that name Price List models none of whose prices the files hold.
    pub not_in_files: Vec<String>,
    /// Price List models no catalog entry names.
    pub not_in_catalog: Vec<String>,
}

impl Check {
    /// No price differs.
    pub fn passes(&self) -> bool {
        self.rows.iter().all(|r| r.verdict != Verdict::Differ)
    }

    pub fn count(&self, v: Verdict) -> usize {
        self.rows.iter().filter(|r| r.verdict == v).count()
    }
}

/// Compares every price of a named model with the catalog.
pub fn check(list: &PriceList, catalog: &Catalog) -> Check {
    let mut rows = Vec::new();
    let mut not_in_catalog: Vec<String> = Vec::new();
    for p in &list.prices {
        let Some(m) = p.catalog_key.as_ref().and_then(|k| catalog.models.iter().find(|m| &m.key == k)) else {
            not_in_catalog.push(p.model.clone());
            continue;
        };
        let figure = catalog_figure(m, p);
        let verdict = match figure {
            None => Verdict::MissingFromCatalog,
            Some(c) if differs(c, p.usd_per_mtok) => Verdict::Differ,
            Some(_) => Verdict::Agree,
        };
        rows.push(Row { price: p.clone(), catalog: figure, verdict });
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
    Check { offers: list.offers.clone(), rows, not_in_files, not_in_catalog }
}

/// More than [`TOLERANCE`] apart, relative to the catalog (any difference from a zero price).
fn differs(catalog: f64, aws: f64) -> bool {
    if catalog == 0.0 { aws != 0.0 } else { ((aws - catalog) / catalog).abs() > TOLERANCE }
}

/// The catalog's price for the Price List price's region, scope, tier and kind, per million.
fn catalog_figure(m: &Model, p: &Price) -> Option<f64> {
    let base_region = m.regions.iter().any(|r| r == &p.region) || (m.regions.is_empty() && m.region == p.region);
    let own = PriceSet {
        input_usd_per_mtok: m.input_usd_per_mtok,
        output_usd_per_mtok: m.output_usd_per_mtok,
        cache: m.cache,
    };
    let set = match p.scope {
        Scope::Global => m.global?,
        _ if base_region => own,
        _ => m.region_prices.iter().find(|r| r.region == p.region)?.prices,
    };
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
        Some(t) => m.tiers.get(&t)?.multiplier,
    };
    let cache = set.cache;
    let base = match p.kind {
        Kind::Input => set.input_usd_per_mtok,
        Kind::Output => set.output_usd_per_mtok,
        Kind::CacheRead => cache?.read_usd_per_mtok,
        Kind::CacheWrite5m => cache?.write_usd_per_mtok?,
        Kind::CacheWrite1h => cache?.write_1h_usd_per_mtok?,
    };
    Some(base * multiplier)
}
