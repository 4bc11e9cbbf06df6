//! Serde mirror of the capacity-product tables (docs/catalog.md#capacity-products): exactly what
//! the file says, nothing checked yet.
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

/// `[[capacity]]`: a product that sells capacity in units.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Product {
    /// The option `kind` that buys it (`azure-ptu`).
    pub key: Spanned<String>,
    pub name: Spanned<String>,
    /// What one unit is called (`PTU`).
    pub unit: Spanned<String>,
    pub source: Option<Spanned<String>>,
    pub retrieved: Option<Spanned<Datetime>>,
    pub note: Option<String>,
    #[serde(default)]
    pub deployment: Vec<Spanned<Deployment>>,
}

/// `[[capacity.deployment]]`: one deployment type, with its smallest purchase and its prices.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deployment {
    pub name: Spanned<String>,
    pub min_units: Spanned<i64>,
    pub increment: Spanned<i64>,
    #[serde(default)]
    pub prices: Vec<Spanned<Price>>,
}

/// One row of `prices`: a term and its price per unit for a period.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Price {
    pub term: Spanned<String>,
    pub usd: Spanned<f64>,
    pub per: Spanned<String>,
    pub assumed: Option<bool>,
}

/// `[model.capacity.<product>]`: how one model burns a product's units.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelCapacity {
    pub tokens_per_minute_per_unit: Option<Spanned<f64>>,
    pub tokens_per_second_per_unit: Option<Spanned<f64>>,
    pub weights: Spanned<Weights>,
    pub deployments: Option<Spanned<Vec<String>>>,
    pub min_units: Option<Spanned<i64>>,
    pub increment: Option<Spanned<i64>>,
    pub prices: Option<Vec<Spanned<Price>>>,
    /// The same table as a model's `[model.long_context]`, with the weights' multipliers.
    pub long_context: Option<Spanned<crate::catalog::raw::LongContext>>,
    pub source: Option<Spanned<String>>,
    pub retrieved: Option<Spanned<Datetime>>,
    pub assumed: Option<bool>,
    pub basis: Option<String>,
}

/// `weights = { … }`: what one token of each kind counts as, in input tokens.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    pub output: Spanned<f64>,
    pub cache_read: Spanned<f64>,
    pub cache_write: Spanned<f64>,
    pub cache_write_1h: Option<Spanned<f64>>,
}
