//! `catalog import`: what the AWS Price List changes in a catalog. Each price of a model the
//! catalog names (`price_list`) lands on one figure: the model's own prices (its base regions),
//! `[model.global]`, a `[[model.region_price]]`, or a tier multiplier; figures that differ become
//! changes, the rest is reported (docs/catalog.md#refreshing-prices-from-the-aws-price-list).
use super::{Kind, Offer, Price, Scope, Tier};
use crate::catalog::{Catalog, Model, Tier as CatalogTier};
use serde::Serialize;
use std::collections::BTreeMap;

/// Decimal places the Price List publishes prices to (`"0.0032000000"`): figures are read to
/// them, so 0.0032 per 1K tokens is 3.2 per million, not 3.2000000000000006.
const PLACES: i32 = 10;

/// `x` rounded to [`PLACES`] decimals.
pub fn published(x: f64) -> f64 {
    let scale = 10f64.powi(PLACES);
    let r = (x * scale).round() / scale;
    if r.is_finite() { r } else { x }
}

/// A Price List price and the offer (index into [`Plan::offers`]) it is cited from.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub price: Price,
    pub offer: usize,
}

/// The block of a catalog model a figure is written in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "block", content = "region", rename_all = "kebab-case")]
pub enum Block {
    /// The model's own prices: its base regions, in-region and geographic profiles.
    Base,
    /// `[model.global]`.
    Global,
    /// The `[[model.region_price]]` of this region.
    Region(String),
}

/// Which figure of a block: a token price, or (base block only) a tier's multiplier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(untagged)]
pub enum Figure {
    Price(Kind),
    Tier(CatalogTier),
}

/// One figure set to the Price List's value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub model: String,
    /// The catalog file holding the model.
    pub file: String,
    #[serde(flatten)]
    pub block: Block,
    pub figure: Figure,
    /// The catalog's figure before (`null`: it had none, the key is added).
    pub old: Option<f64>,
    pub new: f64,
    /// Index into [`Plan::offers`] of the offer cited.
    #[serde(skip)]
    pub offer: usize,
}

/// Why a Price List price, or a tier, is not written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Why {
    /// A region that is neither the model's own nor has a `[[model.region_price]]`.
    NoRegionPrice,
    /// A global price of a region other than the model's own.
    GlobalOfAnotherRegion,
    /// A global price of a model without `[model.global]`.
    NoGlobal,
    /// The files give different prices for one figure.
    Conflict,
    /// The tier's prices are not one multiplier of the standard ones.
    NotOneMultiplier,
    /// No standard figure of the same block and kind to divide a tier price by.
    NoStandardPrice,
    /// The catalog has no latency-optimised tier.
    NoSuchTier,
    /// The block's figures are `private` (a negotiated price): never replaced by a list price.
    Private,
    /// A price period of the model sets this figure on the offer's publication day: the undated
    /// figure is not the one the offer prices.
    InPricePeriod,
}

/// A Price List price, or a tier, that is not written, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotWritten {
    pub model: String,
    pub region: String,
    pub scope: Scope,
    pub tier: Tier,
    /// `null` for a whole tier.
    pub kind: Option<Kind>,
    pub reason: Why,
    /// The Price List figures concerned, USD per million tokens.
    pub prices: Vec<f64>,
}

/// A Price List model no catalog entry names, with its prices.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unmatched {
    pub model: String,
    pub prices: Vec<Price>,
}

/// Everything the import decides.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub offers: Vec<Offer>,
    pub changes: Vec<Change>,
    pub not_written: Vec<NotWritten>,
    pub not_in_catalog: Vec<Unmatched>,
    /// Catalog models naming Price List products none of whose prices the files hold.
    pub not_in_files: Vec<String>,
}

/// What `catalog import` did: the plan, and the files written into `dir`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Imported {
    pub dir: String,
    /// DIR held no catalog and was filled with the current one first.
    pub seeded: bool,
    /// Files written, in file-name order.
    pub written: Vec<String>,
    #[serde(flatten)]
    pub plan: Plan,
}

impl Plan {
    /// The offer a block's changes cite: the latest published among them.
    pub fn cited(&self, changes: &[&Change]) -> Option<&Offer> {
        changes.iter().map(|c| &self.offers[c.offer]).max_by(|a, b| {
            (&a.publication_date, &a.version, &a.offer_code).cmp(&(&b.publication_date, &b.version, &b.offer_code))
        })
    }
}

/// Decides every change of `catalog` from the quotes.
pub fn plan(offers: Vec<Offer>, quotes: &[Quote], catalog: &Catalog) -> Plan {
    let mut plan = Plan {
        offers,
        changes: Vec::new(),
        not_written: Vec::new(),
        not_in_catalog: Vec::new(),
        not_in_files: Vec::new(),
    };
    let mut unmatched: BTreeMap<String, Vec<Price>> = BTreeMap::new();
    let mut by_model: BTreeMap<&str, Vec<&Quote>> = BTreeMap::new();
    for q in quotes {
        match q.price.catalog_key.as_deref() {
            Some(k) => by_model.entry(k).or_default().push(q),
            None => unmatched.entry(q.price.model.clone()).or_default().push(q.price.clone()),
        }
    }
    for m in &catalog.models {
        match by_model.get(m.key.as_str()) {
            Some(qs) => model(m, qs, &mut plan),
            None if !m.price_list.is_empty() => plan.not_in_files.push(m.key.clone()),
            None => {}
        }
    }
    for prices in unmatched.values_mut() {
        prices.sort_by(|a, b| {
            (&a.region, a.scope, a.tier, a.kind, &a.sku).cmp(&(&b.region, b.scope, b.tier, b.kind, &b.sku))
        });
        prices.dedup();
    }
    plan.not_in_catalog = unmatched.into_iter().map(|(model, prices)| Unmatched { model, prices }).collect();
    plan
}

/// The figure a price lands on, or why it lands on none.
fn block_of(m: &Model, p: &Price) -> Result<Block, Why> {
    let base = m.is_base_region(&p.region);
    match p.scope {
        Scope::Global if !base => Err(Why::GlobalOfAnotherRegion),
        Scope::Global if m.global.is_none() => Err(Why::NoGlobal),
        _ if m.provenance.private && (base || p.scope == Scope::Global) => Err(Why::Private),
        Scope::Global => Ok(Block::Global),
        _ if base => Ok(Block::Base),
        _ => match m.region_prices.iter().find(|r| r.region == p.region) {
            Some(r) if r.provenance.private => Err(Why::Private),
            Some(_) => Ok(Block::Region(p.region.clone())),
            None => Err(Why::NoRegionPrice),
        },
    }
}

/// The catalog's current figure of a block.
fn current(m: &Model, block: &Block, kind: Kind) -> Option<f64> {
    let set = match block {
        Block::Base => m.base_prices(),
        Block::Global => m.global?,
        Block::Region(r) => m.region_prices.iter().find(|x| &x.region == r)?.prices,
    };
    match kind {
        Kind::Input => Some(set.input_usd_per_mtok),
        Kind::Output => Some(set.output_usd_per_mtok),
        Kind::CacheRead => set.cache.map(|c| c.read_usd_per_mtok),
        Kind::CacheWrite5m => set.cache?.write_usd_per_mtok,
        Kind::CacheWrite1h => set.cache?.write_1h_usd_per_mtok,
    }
}

fn skip(m: &Model, p: &Price, kind: Option<Kind>, reason: Why, prices: Vec<f64>) -> NotWritten {
    NotWritten { model: m.key.clone(), region: p.region.clone(), scope: p.scope, tier: p.tier, kind, reason, prices }
}

/// The changes of one model: standard prices first, then tiers against them.
fn model(m: &Model, quotes: &[&Quote], plan: &mut Plan) {
    // (block, kind) → (figure, offer) of every standard price landing there.
    let mut slots: BTreeMap<(Block, Kind), Vec<(f64, usize)>> = BTreeMap::new();
    let mut tiers: BTreeMap<Tier, Vec<&Quote>> = BTreeMap::new();
    for q in quotes {
        let p = &q.price;
        if p.tier != Tier::Standard {
            tiers.entry(p.tier).or_default().push(q);
            continue;
        }
        if p.dated(m).is_some() {
            plan.not_written.push(skip(m, p, Some(p.kind), Why::InPricePeriod, vec![published(p.usd_per_mtok)]));
            continue;
        }
        match block_of(m, p) {
            Ok(b) => slots.entry((b, p.kind)).or_default().push((published(p.usd_per_mtok), q.offer)),
            Err(why) => plan.not_written.push(skip(m, p, Some(p.kind), why, vec![published(p.usd_per_mtok)])),
        }
    }
    let mut standard: BTreeMap<(Block, Kind), f64> = BTreeMap::new();
    for ((block, kind), found) in slots {
        let mut values: Vec<f64> = found.iter().map(|f| f.0).collect();
        values.sort_by(f64::total_cmp);
        values.dedup();
        let first = quotes
            .iter()
            .map(|q| &q.price)
            .find(|p| p.tier == Tier::Standard && p.kind == kind && block_of(m, p).as_ref() == Ok(&block));
        if values.len() > 1 {
            plan.not_written.extend(first.map(|p| skip(m, p, Some(kind), Why::Conflict, values)));
            continue;
        }
        let new = values[0];
        standard.insert((block.clone(), kind), new);
        let old = current(m, &block, kind);
        if old != Some(new) {
            let offer = found.iter().map(|f| f.1).max_by_key(|&o| (&plan.offers[o].publication_date, o)).unwrap_or(0);
            plan.changes.push(Change {
                model: m.key.clone(),
                file: m.file.clone(),
                block,
                figure: Figure::Price(kind),
                old,
                new,
                offer,
            });
        }
    }
    for (tier, qs) in tiers {
        multiplier(m, tier, &qs, &standard, plan);
    }
}

/// A tier whose every published price is one multiplier of the standard figure of the same
/// block and kind (the Price List's, else the catalog's) becomes that multiplier.
fn multiplier(m: &Model, tier: Tier, qs: &[&Quote], standard: &BTreeMap<(Block, Kind), f64>, plan: &mut Plan) {
    let p0 = &qs[0].price;
    let figures: Vec<f64> = qs.iter().map(|q| published(q.price.usd_per_mtok)).collect();
    let catalog_tier = match tier {
        Tier::Batch => CatalogTier::Batch,
        Tier::Flex => CatalogTier::Flex,
        Tier::Priority => CatalogTier::Priority,
        Tier::Standard | Tier::LatencyOptimized => {
            plan.not_written.push(skip(m, p0, None, Why::NoSuchTier, figures));
            return;
        }
    };
    let mut pairs = Vec::new();
    for q in qs {
        let p = &q.price;
        let base = block_of(m, p)
            .ok()
            .and_then(|b| standard.get(&(b.clone(), p.kind)).copied().or_else(|| current(m, &b, p.kind)));
        match base.filter(|b| *b > 0.0) {
            Some(b) => pairs.push((b, published(p.usd_per_mtok), q.offer)),
            None => {
                plan.not_written.push(skip(m, p, None, Why::NoStandardPrice, figures));
                return;
            }
        }
    }
    let factor = published(pairs[0].1 / pairs[0].0);
    if pairs.iter().any(|(b, t, _)| published(b * factor) != *t) {
        plan.not_written.push(skip(m, p0, None, Why::NotOneMultiplier, figures));
        return;
    }
    if m.tiers.get(&catalog_tier).is_some_and(|t| t.provenance.private) {
        plan.not_written.push(skip(m, p0, None, Why::Private, figures));
        return;
    }
    let old = m.tiers.get(&catalog_tier).map(|t| t.multiplier);
    if old != Some(factor) {
        let offer = pairs.iter().map(|p| p.2).max_by_key(|&o| (&plan.offers[o].publication_date, o)).unwrap_or(0);
        let figure = Figure::Tier(catalog_tier);
        plan.changes.push(Change {
            model: m.key.clone(),
            file: m.file.clone(),
            block: Block::Base,
            figure,
            old,
            new: factor,
            offer,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::published;

    #[test]
    fn prices_are_read_to_the_ten_places_published() {
        // 0.0032 per 1K tokens × 1,000,000 / 1,000 is 3.2000000000000006 in binary floating point.
        assert_eq!(published(0.0032 * 1e6 / 1e3), 3.2);
        assert_eq!(published(0.0005775 * 1e3), 0.5775);
        assert_eq!(published(0.5775 / 0.33), 1.75);
    }
}
