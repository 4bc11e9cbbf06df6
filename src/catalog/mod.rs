//! The pricing catalog: `pricing/*.toml` (embedded, or `--pricing DIR`) → validated [`Catalog`].
mod call_limits;
mod capacity;
mod convert;
mod dated;
pub mod fit;
mod periods;
mod private;
mod profiles;
mod raw;
mod select;
mod service;
mod term;
mod types;

use crate::error::{Diagnostic, Error, Result};
use crate::input::{Checker, parse_text};
use crate::keyword::Keyword;

use crate::source::SourceFile;
use crate::suggest::did_you_mean;
use std::collections::BTreeMap;
use std::path::Path;

pub use service::{Service, ServiceKind, ServicePrice, article};

pub use dated::{DatedFigure, Offer};
pub use periods::{PriceChange, PricePeriod, describe as describe_period};
pub use profiles::{GEO_PROFILES, GOVCLOUD_PROFILE, is_source_region};
pub use select::{Filter, Sold, Standing};
pub use term::Term;
pub use types::*;

include!(concat!(env!("OUT_DIR"), "/embedded_pricing.rs"));

/// The validated catalog: every model, in file order.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub models: Vec<Model>,
    pub instances: Vec<Instance>,
    pub deployments: Vec<Deployment>,
    /// Embedding, rerank and vector-store services.
    pub services: Vec<Service>,
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
    pub fn resolve<'r>(&self, reference: &'r str) -> Option<(&Model, Option<&'r str>)> {
        if let Some(m) = self.models.iter().find(|m| m.key == reference || m.id == reference) {
            return Some((m, None));
        }
        let (prefix, id) = reference.split_once('.')?;
        self.models.iter().find(|m| m.id == id).map(|m| (m, Some(prefix)))
    }

    /// The instance with this key.
    pub fn instance(&self, key: &str) -> Option<&Instance> {
        self.instances.iter().find(|i| i.key == key)
    }

    /// The deployment with this key.
    pub fn deployment(&self, key: &str) -> Option<&Deployment> {
        self.deployments.iter().find(|d| d.key == key)
    }

    /// The service with this key.
    pub fn service(&self, key: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.key == key)
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
                let mut user = Catalog::from_files(sources).map_err(Error::Input)?;
                if let Ok(built_in) = Catalog::embedded() {
                    user.warnings = private::same_source_changes(&user, &built_in);
                }
                Ok(user)
            }
        }
    }

    /// Parses and validates catalog files together (keys must be unique across them).
    pub fn from_files(files: Vec<SourceFile>) -> std::result::Result<Catalog, Vec<Diagnostic>> {
        let mut catalog = Catalog::default();
        let mut diags = Vec::new();
        let mut seen = Seen::default();
        let mut instance_refs = Vec::new();
        let mut successors = Vec::new();
        for file in &files {
            let inputs = match crate::uncertain::extract(file, crate::uncertain::fields::catalog) {
                Ok(inputs) => inputs,
                Err(d) => {
                    diags.extend(d);
                    continue;
                }
            };
            let raw: raw::CatalogFile = match parse_text(file, &crate::uncertain::at_means(&file.text, &inputs)) {
                Ok(r) => r,
                Err(d) => {
                    diags.push(d);
                    continue;
                }
            };
            catalog.written_dates.extend(crate::dates::written(file));
            let mut ck = Checker::new(file);
            let header = convert::header(&mut ck, raw.catalog.get_ref());
            for m in &raw.model {
                let model = convert::model(&mut ck, m.get_ref(), raw.catalog.get_ref(), &header);
                if let Some(s) = &m.get_ref().successor {
                    successors.push((file.clone(), model.key.clone(), s.clone()));
                }
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
                    let at = d.get_ref().gpus_per_run.as_ref().map_or(d.get_ref().instance.span(), |g| g.span());
                    instance_refs.push((file.clone(), d.get_ref().instance.clone(), catalog.deployments.len(), at));
                    catalog.deployments.push(dep);
                }
            }
            catalog.services.extend(service::services(&mut ck, &raw.service, &header, &mut seen));
            diags.extend(ck.finish(()).err().unwrap_or_default());
            catalog.files.push(file.path.clone());
            catalog.uncertain.extend(inputs);
        }
        diags.extend(crate::dates::after(&catalog.written_dates, crate::dates::Today::Clock(crate::dates::today())));
        for (file, inst, dep, at) in instance_refs {
            if let Some(instance) = catalog.instances.iter().find(|i| i.key == *inst.get_ref()) {
                if let Err((message, help)) = capacity::scale_to_instance(&mut catalog.deployments[dep], instance) {
                    diags.push(Diagnostic::at(&file, &at, message).help(help));
                }
            } else {
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
        diags.extend(successors.iter().filter_map(|(file, key, s)| successor(&catalog, file, key, s)));
        if diags.is_empty() { Ok(catalog) } else { Err(diags) }
    }
}

/// A `successor` must name another catalog model.
fn successor(catalog: &Catalog, file: &SourceFile, key: &str, s: &toml::Spanned<String>) -> Option<Diagnostic> {
    let name = s.get_ref();
    if name == key {
        let d = Diagnostic::at(file, &s.span(), format!("model `{key}` names itself as its `successor`"));
        return Some(d.help("name the model the vendor moves users to, or remove `successor`"));
    }
    if catalog.model(name).is_some() {
        return None;
    }
    let help = did_you_mean(name, catalog.keys(), "models in the catalog");
    Some(Diagnostic::at(file, &s.span(), format!("successor `{name}` is not a model in the catalog")).help(help))
}

/// Where each key was first defined, and as what: keys are unique across models, instances,
/// deployments and services, so a scenario's reference can never mean two things.
#[derive(Default)]
pub(crate) struct Seen(BTreeMap<String, (&'static str, String)>);

impl Seen {
    /// True the first time `key` appears; reports a duplicate otherwise.
    pub(crate) fn first(
        &mut self,
        kind: &'static str,
        key: &str,
        span: &std::ops::Range<usize>,
        ck: &mut Checker,
    ) -> bool {
        if !ck.identifier(span, key, "key") {
            return false;
        }
        if let Some((was, first)) = self.0.get(key) {
            let help = if *was == kind {
                format!("`{key}` is already defined at {first}; keys must be unique across all catalog files")
            } else {
                format!(
                    "`{key}` is already the key of a {was} at {first}; keys must be unique across models, \
                     instances, deployments and services"
                )
            };
            ck.error(span, format!("duplicate {kind} key `{key}`"), help);
            return false;
        }
        let (l, c) = ck.file.line_col(span.start);
        self.0.insert(key.to_string(), (kind, format!("{}:{l}:{c}", ck.file.path)));
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
