//! The pricing catalog: `pricing/*.toml` (embedded, or `--pricing DIR`) → validated [`Catalog`].
mod capacity;
mod convert;
mod raw;

use crate::error::{Diagnostic, Error, Result};
use crate::input::{Checker, parse};
use crate::keyword::Keyword;

use crate::source::SourceFile;
use crate::suggest::did_you_mean;
use std::collections::BTreeMap;
use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/embedded_pricing.rs"));

/// Where a figure came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Provenance {
    /// URL of the source.
    pub source: String,
    /// Date the source states, `YYYY-MM-DD`.
    pub retrieved: String,
    /// True when nobody publishes the figure and it is an estimate.
    pub assumed: bool,
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
    pub write_usd_per_mtok: f64,
    pub read_usd_per_mtok: f64,
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
    pub region: String,
    /// USD per million input tokens, standard tier.
    pub input_usd_per_mtok: f64,
    /// USD per million output tokens, standard tier.
    pub output_usd_per_mtok: f64,
    pub cache: Option<CachePrices>,
    pub quota: Quota,
    /// Tiers other than standard.
    pub tiers: BTreeMap<Tier, TierPrice>,
    pub provenance: Provenance,
    /// Why a public price map disagrees with this entry; accepts the disagreement.
    pub crosscheck_note: Option<String>,
    pub note: Option<String>,
    /// Catalog file the entry came from.
    pub file: String,
    /// Provisioned Throughput offer, when the catalog has one.
    pub provisioned: Option<ProvisionedOffer>,
    /// Reserved-tier offer, when the catalog has one.
    pub reserved: Option<ReservedOffer>,
}

/// Provisioned Throughput: model units bought by the hour.
#[derive(Debug, Clone, PartialEq)]
pub struct ProvisionedOffer {
    /// USD per MU-hour by term (`none`, `1-month`, `6-month`).
    pub usd_per_mu_hour: BTreeMap<String, f64>,
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
    pub usd_per_1k_input_tpm_month: BTreeMap<String, f64>,
    /// USD per 1,000 output tokens-per-minute per month, by term.
    pub usd_per_1k_output_tpm_month: BTreeMap<String, f64>,
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

/// A model served on an instance, with measured (or assumed) throughput.
#[derive(Debug, Clone, PartialEq)]
pub struct Deployment {
    pub key: String,
    /// What runs: model, precision, engine, parallelism.
    pub model: String,
    /// Key of the [`Instance`].
    pub instance: String,
    /// Prefill (input) tokens per second, whole instance.
    pub prefill_tokens_per_s: f64,
    /// Decode (output) tokens per second, whole instance.
    pub decode_tokens_per_s: f64,
    pub provenance: Provenance,
    /// The benchmark runs and arithmetic behind P and D.
    pub derivation: Option<String>,
    pub file: String,
}

impl Model {
    /// The tier's multiplier: 1 for standard, `None` when the model has no such tier.
    pub fn tier_multiplier(&self, tier: Tier) -> Option<f64> {
        match tier {
            Tier::Standard => Some(1.0),
            t => self.tiers.get(&t).map(|p| p.multiplier),
        }
    }

    /// Names of the tiers this model offers, standard first.
    pub fn tier_names(&self) -> Vec<&'static str> {
        std::iter::once("standard").chain(self.tiers.keys().map(|t| t.as_str())).collect()
    }
}

/// The validated catalog: every model, in file order.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub models: Vec<Model>,
    pub instances: Vec<Instance>,
    pub deployments: Vec<Deployment>,
    /// Files it was read from.
    pub files: Vec<String>,
}

impl Catalog {
    /// The model with this key.
    pub fn model(&self, key: &str) -> Option<&Model> {
        self.models.iter().find(|m| m.key == key)
    }

    /// The instance with this key.
    pub fn instance(&self, key: &str) -> Option<&Instance> {
        self.instances.iter().find(|i| i.key == key)
    }

    /// The deployment with this key.
    pub fn deployment(&self, key: &str) -> Option<&Deployment> {
        self.deployments.iter().find(|d| d.key == key)
    }

    /// Every model key.
    pub fn keys(&self) -> impl Iterator<Item = &str> + Clone {
        self.models.iter().map(|m| m.key.as_str())
    }

    /// The catalog built into the binary.
    pub fn embedded() -> Result<Catalog> {
        let files = EMBEDDED.iter().map(|(p, t)| SourceFile::new(*p, *t)).collect();
        Catalog::from_files(files).map_err(Error::Input)
    }

    /// Every `*.toml` of a directory, or the embedded catalog when `dir` is `None`.
    pub fn load(dir: Option<&Path>) -> Result<Catalog> {
        match dir {
            None => Catalog::embedded(),
            Some(dir) => {
                let files = crate::files::toml_files_in(dir)?;
                if files.is_empty() {
                    return Err(Diagnostic::file(dir.display().to_string(), "no *.toml catalog files in this folder")
                        .help("point --pricing at a folder like the repository's pricing/")
                        .into());
                }
                let sources = files.iter().map(|p| crate::files::read(p)).collect::<Result<Vec<_>>>()?;
                Catalog::from_files(sources).map_err(Error::Input)
            }
        }
    }

    /// Parses and validates catalog files together (keys must be unique across them).
    pub fn from_files(files: Vec<SourceFile>) -> std::result::Result<Catalog, Vec<Diagnostic>> {
        let mut catalog = Catalog::default();
        let mut diags = Vec::new();
        let mut seen = Seen::default();
        let mut instance_refs = Vec::new();
        for file in &files {
            let raw: raw::CatalogFile = match parse(file) {
                Ok(r) => r,
                Err(d) => {
                    diags.push(d);
                    continue;
                }
            };
            let mut ck = Checker::new(file);
            let header = convert::header(&mut ck, raw.catalog.get_ref());
            for m in &raw.model {
                let model = convert::model(&mut ck, m.get_ref(), raw.catalog.get_ref(), &header);
                if seen.first("model", &model.key, &m.get_ref().key.span(), &mut ck) {
                    catalog.models.push(model);
                }
            }
            for i in &raw.instance {
                let inst = capacity::instance(&mut ck, i.get_ref(), &header);
                if seen.first("instance", &inst.key, &i.get_ref().key.span(), &mut ck) {
                    catalog.instances.push(inst);
                }
            }
            for d in &raw.deployment {
                let dep = capacity::deployment(&mut ck, d.get_ref(), &header);
                if seen.first("deployment", &dep.key, &d.get_ref().key.span(), &mut ck) {
                    instance_refs.push((file.clone(), d.get_ref().instance.clone()));
                    catalog.deployments.push(dep);
                }
            }
            diags.extend(ck.finish(()).err().unwrap_or_default());
            catalog.files.push(file.path.clone());
        }
        for (file, inst) in instance_refs {
            if catalog.instance(inst.get_ref()).is_none() {
                let help = did_you_mean(
                    inst.get_ref(),
                    catalog.instances.iter().map(|i| i.key.as_str()),
                    "instances in the catalog",
                );
                diags.push(
                    Diagnostic::at(&file, &inst.span(), format!("instance `{}` is not in the catalog", inst.get_ref()))
                        .help(help),
                );
            }
        }
        if diags.is_empty() { Ok(catalog) } else { Err(diags) }
    }
}

/// One dated figure (or group of figures) of the catalog, for age checks and assumption lists.
#[derive(Debug, Clone, PartialEq)]
pub struct DatedFigure {
    /// What it is: "`claude-3-sonnet` on-demand prices", "instance `p5.48xlarge` prices", ….
    pub what: String,
    /// Catalog file.
    pub file: String,
    pub provenance: Provenance,
}

impl Catalog {
    /// Every dated figure of the catalog, in file order.
    pub fn dated_figures(&self) -> Vec<DatedFigure> {
        let mut out = Vec::new();
        let mut push = |what: String, file: &str, p: &Provenance| {
            out.push(DatedFigure { what, file: file.to_string(), provenance: p.clone() })
        };
        for m in &self.models {
            push(format!("`{}` on-demand prices", m.key), &m.file, &m.provenance);
            for (t, tp) in &m.tiers {
                if tp.provenance != m.provenance {
                    push(format!("`{}` {} tier", m.key, t.as_str()), &m.file, &tp.provenance);
                }
            }
            if let Some(q) = &m.quota.provenance {
                push(format!("`{}` quotas", m.key), &m.file, q);
            }
            if let Some(pt) = &m.provisioned {
                push(format!("`{}` Provisioned Throughput prices", m.key), &m.file, &pt.provenance);
                let throughput = Provenance { assumed: pt.throughput_assumed, ..pt.provenance.clone() };
                push(format!("`{}` MU throughput", m.key), &m.file, &throughput);
            }
            if let Some(r) = &m.reserved {
                push(format!("`{}` Reserved-tier prices", m.key), &m.file, &r.provenance);
            }
        }
        for i in &self.instances {
            push(format!("instance `{}` prices", i.key), &i.file, &i.provenance);
        }
        for d in &self.deployments {
            push(format!("deployment `{}` throughput", d.key), &d.file, &d.provenance);
        }
        out
    }
}

/// Where each key was first defined, per kind of entry.
#[derive(Default)]
struct Seen(BTreeMap<(&'static str, String), String>);

impl Seen {
    /// True the first time `key` of `kind` appears; reports a duplicate otherwise.
    fn first(&mut self, kind: &'static str, key: &str, span: &std::ops::Range<usize>, ck: &mut Checker) -> bool {
        if let Some(first) = self.0.get(&(kind, key.to_string())) {
            ck.error(
                span,
                format!("duplicate {kind} key `{key}`"),
                format!("`{key}` is already defined at {first}; keys must be unique across all catalog files"),
            );
            return false;
        }
        let (l, c) = ck.file.line_col(span.start);
        self.0.insert((kind, key.to_string()), format!("{}:{l}:{c}", ck.file.path));
        true
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

    #[test]
    fn embedded_list_matches_the_pricing_folder() {
        let on_disk = crate::files::toml_files_in(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/pricing"))).unwrap();
        assert_eq!(on_disk.len(), EMBEDDED.len());
    }
}
