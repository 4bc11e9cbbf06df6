//! Capacity sold in units by every vendor (docs/model.md#capacity-units): Azure OpenAI PTUs,
//! Vertex AI GSUs, OpenAI Scale Tier units. One shape, all of it data: a unit serves a number of
//! weighted tokens a minute for each model, and costs a price per unit-time by term.
mod convert;
pub(super) mod raw;

use super::{Provenance, Term};
use crate::keyword::Keyword;
use std::collections::BTreeMap;

pub(super) use convert::{model_capacity, products, vendor};

/// Who sells a model: where a catalog file's prices come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Vendor {
    /// Amazon Bedrock (the files without a `vendor`).
    Bedrock,
    /// Azure OpenAI in Microsoft Foundry.
    Azure,
    /// Google Cloud Vertex AI.
    Vertex,
    /// The OpenAI API.
    OpenAi,
    /// The Anthropic API.
    Anthropic,
}

impl Keyword for Vendor {
    const ALL: &'static [Self] = &[Vendor::Bedrock, Vendor::Azure, Vendor::Vertex, Vendor::OpenAi, Vendor::Anthropic];
    const NAMES: &'static [&'static str] = &["bedrock", "azure", "vertex", "openai", "anthropic"];
}

impl Vendor {
    /// A model key of this vendor: Bedrock's as written, the others' prefixed (`azure:gpt-5`).
    pub fn key(self, name: &str) -> String {
        match self {
            Vendor::Bedrock => name.to_string(),
            v => format!("{}:{name}", v.as_str()),
        }
    }

    /// The vendor a prefixed key names, and the rest of it (`azure:gpt-5` → azure, `gpt-5`).
    pub fn split(reference: &str) -> Option<(Vendor, &str)> {
        let (prefix, name) = reference.split_once(':')?;
        Vendor::parse(prefix).filter(|v| *v != Vendor::Bedrock).map(|v| (v, name))
    }

    /// How reports name it.
    pub fn label(self) -> &'static str {
        match self {
            Vendor::Bedrock => "Amazon Bedrock",
            Vendor::Azure => "Azure OpenAI",
            Vendor::Vertex => "Vertex AI",
            Vendor::OpenAi => "OpenAI",
            Vendor::Anthropic => "Anthropic",
        }
    }
}

/// The period a published unit price is quoted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Per {
    Hour,
    Day,
    Week,
    Month,
    Year,
}

impl Keyword for Per {
    const ALL: &'static [Self] = &[Per::Hour, Per::Day, Per::Week, Per::Month, Per::Year];
    const NAMES: &'static [&'static str] = &["hour", "day", "week", "month", "year"];
}

/// A price per unit, as published: `usd` for each `per`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UnitPrice {
    pub usd: f64,
    pub per: Per,
    /// Nobody publishes it: an estimate, with its basis in the catalog's comments.
    pub assumed: bool,
}

impl UnitPrice {
    /// USD one unit costs a month of `hours_per_month` hours: by the hour, day or week for the
    /// hours the month has; a month's price as it is; a year's over 12 months.
    pub fn usd_per_unit_month(&self, hours_per_month: f64) -> f64 {
        match self.per {
            Per::Hour => self.usd * hours_per_month,
            Per::Day => self.usd * hours_per_month / 24.0,
            Per::Week => self.usd * hours_per_month / 168.0,
            Per::Month => self.usd,
            Per::Year => self.usd / 12.0,
        }
    }
}

/// One deployment type of a product: the smallest purchase, its step, its prices by term.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductDeployment {
    pub name: String,
    pub min_units: u32,
    pub increment: u32,
    pub prices: BTreeMap<Term, UnitPrice>,
}

/// A capacity product (`[[capacity]]`): what an option of its `key` buys.
#[derive(Debug, Clone, PartialEq)]
pub struct CapacityProduct {
    /// The option `kind` that buys it.
    pub key: String,
    pub name: String,
    /// What one unit is called.
    pub unit: String,
    pub vendor: Vendor,
    pub deployments: Vec<ProductDeployment>,
    pub provenance: Provenance,
    pub note: Option<String>,
    /// Catalog file it came from.
    pub file: String,
}

/// What one token of each kind counts as, in input tokens.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    pub output: f64,
    pub cache_read: f64,
    pub cache_write: f64,
    /// 1-hour cache writes, where they count apart.
    pub cache_write_1h: Option<f64>,
}

/// How one model burns one product's units (`[model.capacity.<product>]`).
#[derive(Debug, Clone, PartialEq)]
pub struct ModelCapacity {
    /// The product's key.
    pub product: String,
    /// Weighted tokens one unit serves a minute.
    pub tokens_per_minute_per_unit: f64,
    pub weights: Weights,
    /// Deployments that serve the model; `None`: every one of the product's.
    pub deployments: Option<Vec<String>>,
    pub min_units: Option<u32>,
    pub increment: Option<u32>,
    /// The model's own prices by term, replacing the deployment's (empty: the deployment's).
    pub prices: BTreeMap<Term, UnitPrice>,
    /// Calls above a prompt size count more (the multipliers apply to the weights).
    pub long_context: Option<super::LongContext>,
    pub provenance: Provenance,
    pub basis: Option<String>,
}

/// Everything an option needs of a product for one model, deployment and term: resolved once,
/// when the scenario is read.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitOffer {
    pub product: String,
    pub product_name: String,
    pub unit: String,
    pub vendor: Vendor,
    pub deployment: String,
    pub min_units: u32,
    pub increment: u32,
    pub tokens_per_minute_per_unit: f64,
    pub weights: Weights,
    pub long_context: Option<super::LongContext>,
    pub price: UnitPrice,
    /// The throughput figures are estimates (`assumed = true` on the model's table).
    pub throughput_assumed: bool,
    /// Where the throughput and weights come from (the model's table).
    pub throughput_provenance: Provenance,
    /// Where the price comes from (the product's).
    pub price_provenance: Provenance,
    /// How assumed figures were chosen.
    pub basis: Option<String>,
}

impl CapacityProduct {
    /// The deployment named `name`.
    pub fn deployment(&self, name: &str) -> Option<&ProductDeployment> {
        self.deployments.iter().find(|d| d.name == name)
    }

    /// The deployments that serve `capacity`'s model, in the product's order.
    pub fn deployments_for<'a>(&'a self, capacity: &'a ModelCapacity) -> impl Iterator<Item = &'a ProductDeployment> {
        self.deployments.iter().filter(|d| capacity.deployments.as_ref().is_none_or(|names| names.contains(&d.name)))
    }

    /// The prices `capacity`'s model pays on deployment `d`: its own where it has them.
    pub fn prices<'a>(
        &'a self,
        d: &'a ProductDeployment,
        capacity: &'a ModelCapacity,
    ) -> &'a BTreeMap<Term, UnitPrice> {
        if capacity.prices.is_empty() { &d.prices } else { &capacity.prices }
    }

    /// The offer of one model, deployment and term.
    pub fn offer(&self, d: &ProductDeployment, capacity: &ModelCapacity, term: Term) -> Option<UnitOffer> {
        let price = *self.prices(d, capacity).get(&term)?;
        Some(UnitOffer {
            product: self.key.clone(),
            product_name: self.name.clone(),
            unit: self.unit.clone(),
            vendor: self.vendor,
            deployment: d.name.clone(),
            min_units: capacity.min_units.unwrap_or(d.min_units),
            increment: capacity.increment.unwrap_or(d.increment),
            tokens_per_minute_per_unit: capacity.tokens_per_minute_per_unit,
            weights: capacity.weights,
            long_context: capacity.long_context,
            price,
            throughput_assumed: capacity.provenance.assumed,
            throughput_provenance: capacity.provenance.clone(),
            price_provenance: Provenance { assumed: price.assumed, ..self.provenance.clone() },
            basis: capacity.basis.clone(),
        })
    }
}

impl UnitOffer {
    /// True when `n` units can be bought: at least the minimum, in steps of the increment above it.
    pub fn sells(&self, n: u32) -> bool {
        n >= self.min_units && (n - self.min_units).is_multiple_of(self.increment)
    }
}

#[cfg(test)]
mod tests;
