//! The catalog's validated types: models and their prices by scope, offers, instances,
//! deployments, provenance.
use crate::keyword::Keyword;
use std::collections::BTreeMap;

/// Where a figure came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Provenance {
    /// URL of the source.
    pub source: String,
    /// Date the source states, `YYYY-MM-DD`.
    pub retrieved: String,
    /// True when nobody publishes the figure and it is an estimate.
    pub assumed: bool,
    /// True when the figure comes from a private document (a quote): `source` is then free text.
    pub private: bool,
}

impl Provenance {
    /// The source as a reader should see it: a URL, or "private: …".
    pub fn cite(&self) -> String {
        if self.private { format!("private: {}", self.source) } else { self.source.clone() }
    }
}

/// An on-demand service tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    Standard,
    Batch,
    Flex,
    Priority,
}

impl crate::keyword::Keyword for Tier {
    const ALL: &'static [Self] = &[Tier::Standard, Tier::Batch, Tier::Flex, Tier::Priority];
    const NAMES: &'static [&'static str] = &["standard", "batch", "flex", "priority"];
}

/// A tier's price multiplier against standard, with its provenance.
#[derive(Debug, Clone, PartialEq)]
pub struct TierPrice {
    /// Multiplier applied to every token price of the model (input, output, cache).
    pub multiplier: f64,
    pub provenance: Provenance,
}

/// Prompt-caching prices, USD per million tokens.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CachePrices {
    /// 5-minute cache writes; `None`: writes bill at the input price (Amazon Nova).
    pub write_usd_per_mtok: Option<f64>,
    /// 1-hour cache writes, where sold.
    pub write_1h_usd_per_mtok: Option<f64>,
    pub read_usd_per_mtok: f64,
}

/// Token prices of one scope of a model (in-region, global, another region), USD per million.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PriceSet {
    pub input_usd_per_mtok: f64,
    pub output_usd_per_mtok: f64,
    pub cache: Option<CachePrices>,
}

/// Prices of a model in a region other than its base regions.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionPrice {
    pub region: String,
    pub prices: PriceSet,
    pub provenance: Provenance,
}

/// Multipliers for a call whose input exceeds a threshold (docs/model.md#on-demand).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LongContext {
    /// Input tokens of one call above which the multipliers apply.
    pub above_input_tokens: f64,
    pub input_multiplier: f64,
    pub output_multiplier: f64,
    /// Applied to every cache price.
    pub cache_multiplier: f64,
}

/// Whether the provider still sells a model as current.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Active,
    /// Superseded or scheduled for retirement.
    Legacy,
}

impl Keyword for Status {
    const ALL: &'static [Self] = &[Status::Active, Status::Legacy];
    const NAMES: &'static [&'static str] = &["active", "legacy"];
}

/// Which inference endpoint an on-demand option calls (docs/model.md#on-demand).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Endpoint {
    /// The model id in one region.
    InRegion,
    /// A geographic inference profile (`us.`, `eu.`, `apac.`, `jp.`, `au.`…): in-region prices.
    Geo,
    /// The global cross-region profile (`global.`).
    Global,
}

impl Keyword for Endpoint {
    const ALL: &'static [Self] = &[Endpoint::InRegion, Endpoint::Geo, Endpoint::Global];
    const NAMES: &'static [&'static str] = &["in-region", "geo", "global"];
}

/// Default on-demand quota.
#[derive(Debug, Clone, PartialEq)]
pub struct Quota {
    /// Invocations per minute; `None` = not published in the catalog.
    pub rpm: Option<f64>,
    /// False when the provider no longer throttles on `rpm` (Bedrock since May 2026): the
    /// figure is listed but only the token quota limits traffic.
    pub rpm_enforced: bool,
    /// Tokens per minute (input + output); `None` = not published in the catalog.
    pub tpm: Option<f64>,
    /// Quota tokens charged per output token (default 1).
    pub output_burndown: f64,
    pub provenance: Option<Provenance>,
}

/// One model's on-demand offer.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// What scenarios refer to.
    pub key: String,
    /// Display name (defaults to the key).
    pub name: String,
    /// The provider's model id.
    pub id: String,
    pub provider: String,
    /// Who sells it (a key of another vendor than Bedrock starts with its name: `azure:gpt-5`).
    pub vendor: super::Vendor,
    /// The file's region: where the base prices were read.
    pub region: String,
    pub status: Status,
    /// Retirement date, `YYYY-MM-DD`, where published.
    pub end_of_life: Option<String>,
    /// The catalog key of the model the vendor names as its replacement, where it names one.
    pub successor: Option<String>,
    /// USD per million input tokens, standard tier, in-region (and geographic profiles).
    pub input_usd_per_mtok: f64,
    /// USD per million output tokens, standard tier, in-region.
    pub output_usd_per_mtok: f64,
    pub cache: Option<CachePrices>,
    /// Regions sold at the base prices.
    pub regions: Vec<String>,
    /// Other regions, with their own prices.
    pub region_prices: Vec<RegionPrice>,
    /// Dates on which the on-demand figures above differ, in date order (docs/catalog.md#price-periods).
    pub price_periods: Vec<super::PricePeriod>,
    /// Inference-profile prefixes sold (`us`, `eu`, …, `global`); empty: none, so a profile id
    /// or `endpoint = "geo"` is refused.
    pub profiles: Vec<String>,
    /// Prices of the global cross-region profile, where sold.
    pub global: Option<PriceSet>,
    pub long_context: Option<LongContext>,
    /// Context window and output limit of one call, where the catalog gives them.
    pub limits: Option<CallLimits>,
    /// Why a public price map disagrees with this entry.
    pub crosscheck_note: Option<String>,
    /// Why the AWS Price List's price differs from this entry's: `catalog crosscheck
    /// --aws-price-list` then reports the difference as accepted and passes.
    pub price_list_note: Option<String>,
    /// The names the AWS Price List gives this model (empty when none is recorded).
    pub price_list: Vec<String>,
    pub quota: Quota,
    /// Tiers other than standard.
    pub tiers: BTreeMap<Tier, TierPrice>,
    pub provenance: Provenance,
    pub note: Option<String>,
    /// Catalog file the entry came from.
    pub file: String,
    /// Provisioned Throughput offer, when the catalog has one.
    pub provisioned: Option<ProvisionedOffer>,
    /// Reserved-tier offer, when the catalog has one.
    pub reserved: Option<ReservedOffer>,
    /// How fast it answers one caller (docs/model.md#latency-and-timeouts); `None` when the
    /// catalog gives no figures.
    pub speed: Option<super::ModelSpeed>,
    pub capacity: Vec<super::ModelCapacity>, // capacity units it burns (docs/model.md#capacity-units)
}

/// Provisioned Throughput: model units bought by the hour.
#[derive(Debug, Clone, PartialEq)]
pub struct ProvisionedOffer {
    /// USD per MU-hour by term (`none`, `1-month`, `6-month`).
    pub usd_per_mu_hour: BTreeMap<super::Term, f64>,
    /// Input tokens per minute one MU sustains.
    pub input_tpm_per_mu: f64,
    /// Output tokens per minute one MU sustains.
    pub output_tpm_per_mu: f64,
    /// Provenance of the prices.
    pub provenance: Provenance,
    /// True when the tokens-per-minute figures are not published (AWS never publishes them).
    pub throughput_assumed: bool,
    /// How assumed figures were chosen.
    pub basis: Option<String>,
}

/// The Reserved tier: tokens per minute bought by the month.
#[derive(Debug, Clone, PartialEq)]
pub struct ReservedOffer {
    /// USD per 1,000 input tokens-per-minute per month, by term (`1-month`, `3-month`).
    pub usd_per_1k_input_tpm_month: BTreeMap<super::Term, f64>,
    /// USD per 1,000 output tokens-per-minute per month, by term.
    pub usd_per_1k_output_tpm_month: BTreeMap<super::Term, f64>,
    /// Smallest input TPM that can be bought.
    pub min_input_tpm: f64,
    /// Smallest output TPM that can be bought.
    pub min_output_tpm: f64,
    pub provenance: Provenance,
    pub basis: Option<String>,
}

/// A GPU instance type.
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    pub key: String,
    pub gpus: u32,
    pub gpu: String,
    /// USD per hour by price key (`on-demand`, `reserved-1y`, …).
    pub usd_per_hour: BTreeMap<String, f64>,
    pub provenance: Provenance,
    pub note: Option<String>,
    pub file: String,
}

/// An open-weights model served on an instance (docs/model.md#self-hosting-from-physics).
#[derive(Debug, Clone, PartialEq)]
pub struct Deployment {
    pub key: String,
    /// What runs, in words: model, precision, engine, parallelism.
    pub model: String,
    /// Key of the [`Instance`].
    pub instance: String,
    /// Key of the [`super::OpenModel`] served.
    pub open_model: String,
    pub precision: super::Precision,
    pub engine: super::EngineKind,
    pub parallel: super::Parallel,
    /// GPUs of one replica; the instance holds `gpus / gpus_per_replica` replicas.
    pub gpus_per_replica: u32,
    /// The published runs the prediction is checked against.
    pub measured: Option<Measured>,
    pub provenance: Provenance,
    /// The benchmark and arithmetic behind the runs.
    pub derivation: Option<String>,
    pub file: String,
}

/// What a benchmark table's throughput counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunsUnit {
    /// Output tokens/s of one GPU (TensorRT-LLM 1.x `tokens/sec/gpu`).
    PerGpu,
    /// Output tokens/s of the whole run, i.e. of its `gpus_per_run` GPUs (older tables' totals).
    PerRun,
    /// Output tokens/s of the whole instance.
    PerInstance,
}

impl Keyword for RunsUnit {
    const ALL: &'static [Self] = &[RunsUnit::PerGpu, RunsUnit::PerRun, RunsUnit::PerInstance];
    const NAMES: &'static [&'static str] = &["per-gpu", "per-run", "per-instance"];
}

/// One published offline (max-throughput) run of a deployment's replica.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Run {
    pub input_tokens: f64,
    pub output_tokens: f64,
    /// Output tokens per second of ONE replica (the table's figure in its unit, converted).
    pub output_tokens_per_s: f64,
}

/// A deployment's published runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Measured {
    pub runs: Vec<Run>,
    /// The unit the table counted in (runs above are converted to one replica).
    pub unit: RunsUnit,
}

impl Model {
    /// The tier's multiplier: 1 for standard, `None` when the model has no such tier.
    pub fn tier_multiplier(&self, tier: Tier) -> Option<f64> {
        match tier {
            Tier::Standard => Some(1.0),
            t => self.tiers.get(&t).map(|p| p.multiplier),
        }
    }

    /// The base (in-region) prices.
    pub fn base_prices(&self) -> PriceSet {
        PriceSet {
            input_usd_per_mtok: self.input_usd_per_mtok,
            output_usd_per_mtok: self.output_usd_per_mtok,
            cache: self.cache,
        }
    }

    /// Every token price of the model as (name, USD per million tokens), in a fixed order:
    /// in-region, then global, then each other region; for baselines and cross-checks.
    pub fn price_figures(&self) -> Vec<(String, f64)> {
        let mut out = Vec::new();
        let mut push = |scope: &str, p: &PriceSet| {
            let name = |f: &str| if scope.is_empty() { f.to_string() } else { format!("{scope} {f}") };
            out.push((name("input"), p.input_usd_per_mtok));
            out.push((name("output"), p.output_usd_per_mtok));
            if let Some(c) = p.cache {
                if let Some(w) = c.write_usd_per_mtok {
                    out.push((name("cache_write"), w));
                }
                if let Some(w) = c.write_1h_usd_per_mtok {
                    out.push((name("cache_write_1h"), w));
                }
                out.push((name("cache_read"), c.read_usd_per_mtok));
            }
        };
        push("", &self.base_prices());
        if let Some(g) = &self.global {
            push("global", g);
        }
        for r in &self.region_prices {
            push(&r.region, &r.prices);
        }
        out
    }

    /// "$3 in / $15 out; cache $3.75 write / $0.3 read" for one scope.
    pub fn describe(p: &PriceSet) -> String {
        let cache = p.cache.map_or(String::new(), |c| {
            let write = c.write_usd_per_mtok.map_or("input-price".to_string(), |w| format!("${w}"));
            let hour = c.write_1h_usd_per_mtok.map_or(String::new(), |w| format!(" (1 h: ${w})"));
            format!("; cache {write} write{hour} / ${} read", c.read_usd_per_mtok)
        });
        format!("${} in / ${} out per M tokens{cache}", p.input_usd_per_mtok, p.output_usd_per_mtok)
    }

    /// Whether `region` is one of the model's base regions, sold at its own (base) prices.
    pub fn is_base_region(&self, region: &str) -> bool {
        self.regions.iter().any(|r| r == region)
    }

    /// Every region with a price, base regions first.
    pub fn all_regions(&self) -> Vec<&str> {
        self.regions.iter().map(String::as_str).chain(self.region_prices.iter().map(|r| r.region.as_str())).collect()
    }

    /// The prices an on-demand call pays through `endpoint` from `region`, or why there are none.
    pub fn prices(&self, endpoint: Endpoint, region: &str) -> std::result::Result<PriceSet, String> {
        let regional = || {
            if self.is_base_region(region) {
                return Ok(self.base_prices());
            }
            self.region_prices.iter().find(|r| r.region == region).map(|r| r.prices).ok_or_else(|| {
                format!("`{}` has no price in {region}; regions with one: {}", self.key, self.all_regions().join(", "))
            })
        };
        match endpoint {
            Endpoint::InRegion => regional(),
            // A geographic profile is billed at its source region's prices.
            Endpoint::Geo if self.geo_profile_from(region).is_some() => regional(),
            Endpoint::Geo => Err(format!(
                "`{}` has no geographic inference profile called from {region} in the catalog; profiles it has: {}",
                self.key,
                self.profile_list()
            )),
            Endpoint::Global => {
                regional()?;
                self.global.ok_or_else(|| format!("`{}` has no global cross-region profile in the catalog", self.key))
            }
        }
    }

    /// Names of the tiers this model offers, standard first.
    pub fn tier_names(&self) -> Vec<&'static str> {
        std::iter::once("standard").chain(self.tiers.keys().map(|t| t.as_str())).collect()
    }
}

/// What one call to a model can hold.
#[derive(Debug, Clone, PartialEq)]
pub struct CallLimits {
    pub context_window_tokens: u64, // input + output tokens of one call (the context window)
    pub max_output_tokens: u64,     // output tokens of one call
    /// Where the limits were published.
    pub source: Option<String>,
}
