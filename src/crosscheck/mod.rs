//! `catalog crosscheck`: every catalog price against two public price maps (LiteLLM's JSON and
//! genai-prices' YAML), pure: the maps are parsed from text, the catalog arrives as price points.
pub mod compare;
pub mod genai;
mod genai_rules;
pub mod litellm;
pub mod points;
pub mod provenance;
mod yaml_shape;

pub use compare::{Crosscheck, Disagreement, MapSummary, ModelRow, NotCompared, Skipped, compare};
pub use points::price_points;
pub use provenance::{Class, Counts, Map};

use serde::Serialize;
use std::collections::BTreeMap;

/// A relative difference above this (0.5 %) is a disagreement.
pub const TOLERANCE: f64 = 0.005;

/// Which price of a model: an endpoint's scope.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(into = "String")]
pub enum Scope {
    /// The catalog's base prices (us-east-1, in-region and geographic profiles such as `us.`).
    InRegion,
    /// The global cross-region profile (`global.` ids).
    Global,
    /// A region with prices of its own, e.g. `eu-central-1`.
    Region(String),
}

impl Scope {
    /// `in-region`, `global` or the region's name, as tables and JSON show it.
    pub fn label(&self) -> String {
        match self {
            Scope::InRegion => "in-region".into(),
            Scope::Global => "global".into(),
            Scope::Region(r) => r.clone(),
        }
    }
}

impl From<Scope> for String {
    fn from(s: Scope) -> String {
        s.label()
    }
}

/// Which token price.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Figure {
    Input,
    Output,
    /// 5-minute cache writes.
    CacheWrite,
    /// 1-hour cache writes.
    #[serde(rename = "cache-write-1h")]
    CacheWrite1h,
    CacheRead,
}

impl Figure {
    /// The word tables use.
    pub fn label(self) -> &'static str {
        match self {
            Figure::Input => "input",
            Figure::Output => "output",
            Figure::CacheWrite => "cache write",
            Figure::CacheWrite1h => "cache write 1h",
            Figure::CacheRead => "cache read",
        }
    }
}

/// One catalog price to check.
#[derive(Debug, Clone, PartialEq)]
pub struct PricePoint {
    /// Catalog key, e.g. `claude-3-haiku`.
    pub model: String,
    /// The provider's model id, e.g. `anthropic.claude-3-haiku-20240307-v1:0`.
    pub id: String,
    pub scope: Scope,
    pub figure: Figure,
    /// The catalog's price, USD per million tokens.
    pub usd_per_mtok: f64,
    /// Where the catalog's figure comes from: the model's `source`, or the section's own.
    pub source: String,
    /// The entry's `crosscheck_note`: a disagreement with it is accepted.
    pub note: Option<String>,
}

/// A map's prices for one model, USD per million tokens; a figure it does not give is absent.
pub type Prices = BTreeMap<Figure, f64>;

/// What a map says about one model in one scope.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup {
    /// The map prices it.
    Found(Prices),
    /// The map has no entry for it.
    Missing,
    /// The map has an entry, or may have one, that infercast cannot read; the reason says why.
    NotCompared(String),
}

/// A public price map, parsed.
pub trait PriceMap {
    /// What the map says about model `id` in `scope`.
    fn lookup(&self, id: &str, scope: &Scope) -> Lookup;
    /// Base ids of the Bedrock text models the map prices that none of `catalog_ids` covers.
    fn missing_from(&self, catalog_ids: &[&str]) -> Vec<String>;
    /// The file it was read from and how many Bedrock model entries it holds.
    fn summary(&self) -> MapSummary;
    /// Entries the map prices that infercast does not compare, each with why (never dropped
    /// silently): `(key, reason)`.
    fn skipped(&self) -> Vec<(String, String)> {
        Vec::new()
    }
}

/// Profile prefixes of Bedrock inference-profile ids (`us.anthropic.…`), and genai-prices'
/// `regional.` grouping.
const PROFILES: [&str; 9] = ["us", "eu", "apac", "au", "jp", "ca", "global", "us-gov", "regional"];

/// The base model id of a map key: `bedrock/eu-west-1/us.meta.x-v1:0` → `meta.x-v1:0`.
pub fn base_id(key: &str) -> &str {
    let last = key.rsplit('/').next().unwrap_or(key);
    match last.split_once('.') {
        Some((prefix, rest)) if PROFILES.contains(&prefix) => rest,
        _ => last,
    }
}

/// True when a catalog id is this base id, or ends with it after a vendor prefix: LiteLLM lists
/// some models without their vendor (`claude-sonnet-4-5-…` for `anthropic.claude-sonnet-4-5-…`).
pub fn covers(catalog_id: &str, base: &str) -> bool {
    catalog_id == base || catalog_id.strip_suffix(base).is_some_and(|head| head.ends_with('.'))
}

/// USD per token → USD per million tokens, rounded to 1e-9: the maps write decimals, and the
/// product carries float noise (3.3e-6 · 1e6 = 3.3000000000000003) that would show in JSON.
pub fn per_mtok(usd_per_token: f64) -> f64 {
    (usd_per_token * 1e6 * 1e9).round() / 1e9
}

/// The byte span at a 1-based line and column (in bytes, as parsers count them), clamped to
/// the file, for a parser error that gives only those.
pub(crate) fn span_at(file: &crate::source::SourceFile, line: usize, col: usize) -> crate::source::Span {
    let text = &file.text;
    let line_start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    let mut at = (line_start + col.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at..at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_ids_drop_regions_and_profiles() {
        assert_eq!(base_id("anthropic.claude-3-haiku-20240307-v1:0"), "anthropic.claude-3-haiku-20240307-v1:0");
        assert_eq!(base_id("us.anthropic.claude-3-haiku-20240307-v1:0"), "anthropic.claude-3-haiku-20240307-v1:0");
        assert_eq!(base_id("bedrock/eu-west-1/meta.llama3-8b-instruct-v1:0"), "meta.llama3-8b-instruct-v1:0");
        assert_eq!(base_id("regional.anthropic.claude-3-5-haiku"), "anthropic.claude-3-5-haiku");
        assert_eq!(base_id("us-gov.anthropic.x"), "anthropic.x");
    }

    #[test]
    fn a_vendorless_id_is_covered_by_the_vendor_id() {
        assert!(covers("anthropic.claude-x-v1:0", "claude-x-v1:0"));
        assert!(covers("anthropic.claude-x-v1:0", "anthropic.claude-x-v1:0"));
        assert!(!covers("anthropic.claude-x-v1:0", "x-v1:0"));
    }

    #[test]
    fn per_token_prices_become_clean_per_mtok_figures() {
        // 3.3e-6 USD a token · 1,000,000 = 3.3 USD per Mtok exactly, without float noise.
        assert_eq!(per_mtok(3.3e-6), 3.3);
        assert_eq!(per_mtok(8e-8), 0.08);
    }
}
