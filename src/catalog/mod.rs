//! The pricing catalog: `pricing/*.toml` (embedded, or `--pricing DIR`) → validated [`Catalog`].
mod call_limits;
mod capacity;
mod convert;
mod dated;
mod load;
mod periods;
mod private;
mod profiles;
mod raw;
mod select;
mod service;
mod serving;
mod specs;
mod speed;
mod term;
mod tiers;
mod types;
mod units;

use crate::keyword::Keyword;
use std::collections::BTreeMap;

pub use service::{Service, ServiceKind, ServicePrice, article};
pub use serving::{Engine, EngineKind, Gpu, OpenModel, Parallel, Precision};

pub use dated::{DatedFigure, Offer};
pub use periods::{PriceChange, PricePeriod, describe as describe_period};
pub use profiles::{GEO_PROFILES, GOVCLOUD_PROFILE, is_source_region};
pub use select::{Filter, Sold, Standing};
pub use speed::{ModelSpeed, Speed, Spread};
pub use term::Term;
pub use types::*;
pub use units::{CapacityProduct, ModelCapacity, Per, ProductDeployment, UnitOffer, UnitPrice, Vendor, Weights};

use load::Seen;

include!(concat!(env!("OUT_DIR"), "/embedded_pricing.rs"));

/// The validated catalog: every model, in file order.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub models: Vec<Model>,
    pub instances: Vec<Instance>,
    pub deployments: Vec<Deployment>,
    /// GPUs, open-weights models and serving engines (docs/model.md#self-hosting-from-physics).
    pub gpus: Vec<Gpu>,
    pub open_models: Vec<OpenModel>,
    pub engines: Vec<Engine>,
    /// Embedding, rerank and vector-store services.
    pub services: Vec<Service>,
    /// Capacity products sold in units by vendors other than Bedrock's PT (docs/model.md#capacity-units).
    pub products: Vec<CapacityProduct>,
    /// Files it was read from.
    pub files: Vec<String>,
    /// Things to know about the catalog that are not errors.
    pub warnings: Vec<String>,
    /// Figures written as distributions, at their means above (docs/model.md#uncertain-inputs).
    pub uncertain: Vec<crate::uncertain::Uncertain>,
    /// Every provenance date as written, located: `validate --today` refuses those after it.
    pub written_dates: Vec<crate::dates::Written>,
    /// The day lifecycles are judged on (docs/model.md#lifecycle): `validate --today` or
    /// `INFERCAST_TODAY`; `None` is the clock's.
    pub today: Option<i64>,
}

impl Catalog {
    /// The day a scenario's models are checked against their end of life.
    pub fn today(&self) -> i64 {
        self.today.unwrap_or_else(crate::dates::today)
    }

    /// The model with this key.
    pub fn model(&self, key: &str) -> Option<&Model> {
        self.models.iter().find(|m| m.key == key)
    }

    /// The model a scenario names by catalog key, provider model id or inference-profile id
    /// (`us.…`, `global.…`), with the profile prefix such an id starts with. The prefix is not
    /// checked here: the scenario refuses one the model does not sell, naming those it does.
    /// Ids and profiles are Bedrock's: another vendor's model is named by its key (`azure:gpt-5`).
    pub fn resolve<'r>(&self, reference: &'r str) -> Option<(&Model, Option<&'r str>)> {
        let bedrock = || self.models.iter().filter(|m| m.vendor == Vendor::Bedrock);
        if let Some(m) =
            self.models.iter().find(|m| m.key == reference).or_else(|| bedrock().find(|m| m.id == reference))
        {
            return Some((m, None));
        }
        let (prefix, id) = reference.split_once('.')?;
        bedrock().find(|m| m.id == id).map(|m| (m, Some(prefix)))
    }

    /// The models of vendors other than Bedrock whose key is `name` once the vendor's prefix is
    /// taken off (`gpt-5` → `azure:gpt-5`, `openai:gpt-5`).
    pub fn elsewhere(&self, name: &str) -> Vec<&Model> {
        self.models.iter().filter(|m| Vendor::split(&m.key).is_some_and(|(_, n)| n == name)).collect()
    }

    /// The instance with this key.
    pub fn instance(&self, key: &str) -> Option<&Instance> {
        self.instances.iter().find(|i| i.key == key)
    }

    /// The deployment with this key.
    pub fn deployment(&self, key: &str) -> Option<&Deployment> {
        self.deployments.iter().find(|d| d.key == key)
    }

    /// The GPU with this key.
    pub fn gpu(&self, key: &str) -> Option<&Gpu> {
        self.gpus.iter().find(|g| g.key == key)
    }

    /// The open-weights model with this Hugging Face id or alias.
    pub fn open_model(&self, name: &str) -> Option<&OpenModel> {
        self.open_models.iter().find(|m| m.is(name))
    }

    /// The engine's constants.
    pub fn engine(&self, kind: EngineKind) -> Option<&Engine> {
        self.engines.iter().find(|e| e.kind == kind)
    }

    /// The capacity product an option `kind` names.
    pub fn product(&self, key: &str) -> Option<&CapacityProduct> {
        self.products.iter().find(|p| p.key == key)
    }

    /// The service with this key.
    pub fn service(&self, key: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.key == key)
    }

    /// Every model key.
    pub fn keys(&self) -> impl Iterator<Item = &str> + Clone {
        self.models.iter().map(|m| m.key.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_catalog_loads_and_has_the_seed_models() {
        let c = Catalog::embedded().expect("bundled catalog is valid");
        for key in [
            "claude-3-haiku",
            "claude-3-sonnet",
            "claude-3.5-sonnet-v2",
            "claude-3.5-haiku",
            "claude-sonnet-4",
            "claude-haiku-4.5",
            "llama-3.1-8b",
            "llama-3.1-70b",
            "llama-3.3-70b",
            "mistral-large-2",
            "nova-micro",
            "nova-lite",
            "nova-pro",
        ] {
            assert!(c.model(key).is_some(), "{key} missing from the bundled catalog");
        }
        // AWS Bedrock pricing page (https://aws.amazon.com/bedrock/pricing/): Claude 3 Sonnet $0.003 / $0.015 per 1K → 3 / 15 per Mtok; batch 0.0015 / 0.003 = 0.5.
        let s = c.model("claude-3-sonnet").unwrap();
        assert_eq!((s.input_usd_per_mtok, s.output_usd_per_mtok), (3.0, 15.0));
        assert_eq!(s.tier_multiplier(Tier::Batch), Some(0.5));
        assert_eq!(s.tier_multiplier(Tier::Flex), None);
        // AWS lists caching as N/A for Claude 3 Sonnet.
        assert_eq!(s.cache, None);
    }
}
