//! The AWS Price List read as text-token prices: bulk offer files (JSON and CSV) and
//! `GetProducts` responses of the offers `AmazonBedrock` and `AmazonBedrockFoundationModels`
//! (docs/model.md#the-aws-price-list).
pub mod compare;
mod csv_form;
pub mod edit;
pub mod import;
mod json_form;
pub mod usage;

use crate::catalog::{Catalog, Model, PriceChange, PricePeriod};
use crate::error::Diagnostic;
use crate::source::SourceFile;
use serde::Serialize;
use std::collections::BTreeMap;
pub use usage::{Kind, Scope, Tier, Unread};

/// The offers read.
pub const OFFERS: [&str; 2] = ["AmazonBedrock", "AmazonBedrockFoundationModels"];
/// Where the files come from, for every format error's help.
pub const URL: &str = "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonBedrock/current/index.json";
/// The largest Price List file read: the bulk `AmazonBedrock` offer of every region is tens of
/// megabytes.
pub const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// One file's offer, as it names itself.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Offer {
    pub file: String,
    pub offer_code: String,
    /// `version` of a bulk file; a `GetProducts` item's `version`.
    pub version: String,
    pub publication_date: String,
}

/// One text-token price.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Price {
    /// The Price List's name of the model: its `model` attribute, else `servicename` without
    /// " (Amazon Bedrock Edition)".
    pub model: String,
    /// The catalog key whose `price_list` names this model; `None`: not in the catalog.
    pub catalog_key: Option<String>,
    pub region: String,
    pub scope: Scope,
    pub tier: Tier,
    pub kind: Kind,
    pub usd_per_mtok: f64,
    pub usagetype: String,
    pub sku: String,
    /// The day its offer was published, `YYYY-MM-DD`: the catalog figure it is compared with is
    /// the one in force that day (a price period's, when one covers it).
    pub published: String,
}

impl Price {
    /// The price period of `m` in force on the day this price's offer was published that sets
    /// this price: the global one for a global price, the base regions' for an in-region price of
    /// a base region.
    fn dated<'m>(&self, m: &'m Model) -> Option<&'m PricePeriod> {
        let day = crate::dates::parse(&self.published)?;
        let x = m.price_periods.iter().find(|x| x.covers(day))?;
        let change = match self.scope {
            Scope::Global => &x.global,
            _ if m.is_base_region(&self.region) => &x.base,
            _ => return None,
        };
        sets(change, self.kind).then_some(x)
    }
}

/// Whether a price period's `change` sets the price of this kind.
fn sets(change: &PriceChange, kind: Kind) -> bool {
    match kind {
        Kind::Input => change.input.is_some(),
        Kind::Output => change.output.is_some(),
        Kind::CacheRead => change.cache_read.is_some(),
        Kind::CacheWrite5m => change.cache_write.is_some(),
        Kind::CacheWrite1h => change.cache_write_1h.is_some(),
    }
}

/// Everything read from the files given.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PriceList {
    pub offers: Vec<Offer>,
    pub prices: Vec<Price>,
    /// Products not read as text-token prices: reason → usage type → count.
    pub not_read: BTreeMap<Unread, BTreeMap<String, usize>>,
    /// The offer of the products being read: an index into `offers`.
    #[serde(skip)]
    current: usize,
}

/// One product as every form gives it, before it is classified.
struct Product<'a> {
    sku: &'a str,
    usagetype: &'a str,
    model: String,
    region: &'a str,
    unit: &'a str,
    description: &'a str,
    usd: f64,
}

impl PriceList {
    /// Reads each file; every file's problems are reported.
    pub fn read(files: &[SourceFile], catalog: &Catalog) -> Result<PriceList, Vec<Diagnostic>> {
        let mut list = PriceList { offers: Vec::new(), prices: Vec::new(), not_read: BTreeMap::new(), current: 0 };
        let mut diags = Vec::new();
        for f in files {
            let read = if f.text.trim_start_matches('\u{feff}').trim_start().starts_with('{') {
                json_form::read(f, &mut list)
            } else {
                csv_form::read(f, &mut list)
            };
            if let Err(d) = read {
                diags.push(d);
            }
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        let names = catalog_names(catalog);
        for p in &mut list.prices {
            p.catalog_key = names.get(&p.model.to_ascii_lowercase()).cloned();
        }
        list.prices.sort_by(|a, b| {
            (&a.model, &a.region, a.scope, a.tier, a.kind, &a.sku)
                .cmp(&(&b.model, &b.region, b.scope, b.tier, b.kind, &b.sku))
        });
        // The same product read from two files (a bulk file and a GetProducts answer) is one price;
        // two dimensions of one SKU at different prices stay two rows.
        list.prices.dedup();
        Ok(list)
    }

    /// Only the prices of `region`; `Err` with the regions the files price when none is there.
    pub fn only_region(mut self, region: &str) -> Result<Self, Vec<String>> {
        if !self.prices.iter().any(|p| p.region == region) {
            let mut regions: Vec<String> = self.prices.iter().map(|p| p.region.clone()).collect();
            regions.sort();
            regions.dedup();
            return Err(regions);
        }
        self.prices.retain(|p| p.region == region);
        Ok(self)
    }

    /// The products read next belong to `offer`, which is added unless it is there already.
    fn reading(&mut self, offer: Offer) {
        self.current = self.offers.iter().position(|o| *o == offer).unwrap_or_else(|| {
            self.offers.push(offer);
            self.offers.len() - 1
        });
    }

    /// Classifies one product: a price, or a count under the reason it is not read.
    fn add(&mut self, p: Product) {
        let read = usage::classify(p.usagetype)
            .and_then(|c| usage::tokens_per_unit(p.unit, p.description).map(|t| (c, t)).ok_or(Unread::UnknownUnit));
        match read {
            Ok(((scope, tier, kind), tokens)) => self.prices.push(Price {
                model: p.model,
                catalog_key: None,
                region: p.region.to_string(),
                scope,
                tier,
                kind,
                // USD per unit of `tokens` tokens → per million.
                usd_per_mtok: p.usd * 1e6 / tokens,
                usagetype: p.usagetype.to_string(),
                sku: p.sku.to_string(),
                published: self
                    .offers
                    .get(self.current)
                    .map_or("", |o| o.publication_date.get(..10).unwrap_or(""))
                    .into(),
            }),
            Err(why) => *self.not_read.entry(why).or_default().entry(p.usagetype.to_string()).or_default() += 1,
        }
    }
}

/// The model named by a product's attributes: `model`, else `servicename` without its
/// " (Amazon Bedrock Edition)", else the usage-type stem before `-input`/`-output`/`-cache`.
fn model_name(model: Option<&str>, servicename: Option<&str>, usagetype: &str) -> String {
    let named = model.or(servicename).map(str::trim).filter(|s| !s.is_empty());
    if let Some(n) = named {
        return n.strip_suffix("(Amazon Bedrock Edition)").unwrap_or(n).trim().to_string();
    }
    let b = usage::body(usagetype);
    let cut = ["-input", "-output", "-cache", "inputtokencount", "outputtokencount"]
        .iter()
        .filter_map(|w| b.find(w))
        .min()
        .unwrap_or(b.len());
    b[..cut].to_string()
}

/// A price from its text: a finite number of zero or more.
fn usd(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok().filter(|x| x.is_finite() && *x >= 0.0)
}

/// Every `price_list` name of the catalog, lower case → model key.
fn catalog_names(catalog: &Catalog) -> BTreeMap<String, String> {
    catalog
        .models
        .iter()
        .flat_map(|m| m.price_list.iter().map(move |n| (n.to_ascii_lowercase(), m.key.clone())))
        .collect()
}

/// The one help of every format error.
fn help() -> String {
    format!(
        "give an AWS Price List file of AmazonBedrock or AmazonBedrockFoundationModels: a bulk offer file \
         (index.json or index.csv, e.g. {URL}) or the output of `aws pricing get-products --service-code \
         AmazonBedrockFoundationModels`"
    )
}
