//! Catalog files → one validated [`Catalog`]: each file is read and checked on its own, then what
//! one file may name in another (a deployment's instance, a model's successor) is resolved.
use super::{Catalog, EMBEDDED, capacity, convert, private, raw, service, specs, units};
use crate::error::{Diagnostic, Error, Result};
use crate::input::{Checker, parse_text};
use crate::keyword::Keyword;
use crate::source::SourceFile;
use crate::suggest::did_you_mean;
use crate::uncertain::Uncertain;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

impl Catalog {
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
        let mut pending = Pending::default();
        // Parsing is most of the load and each file's is independent: in parallel, in file order.
        let parsed: Vec<_> = {
            use rayon::prelude::*;
            files.par_iter().map(parse).collect()
        };
        for (file, parsed) in files.iter().zip(parsed) {
            match parsed {
                Ok((raw, inputs)) => {
                    catalog.written_dates.extend(crate::dates::written(file));
                    diags.extend(catalog.add_file(file, &raw, &mut seen, &mut pending));
                    catalog.uncertain.extend(inputs);
                }
                Err(d) => diags.extend(d),
            }
        }
        diags.extend(crate::dates::after(&catalog.written_dates, crate::dates::Today::Clock(crate::dates::today())));
        diags.extend(pending.instances.into_iter().filter_map(|r| catalog.link(r)));
        diags.extend(pending.successors.iter().filter_map(|(file, key, s)| successor(&catalog, file, key, s)));
        if diags.is_empty() { Ok(catalog) } else { Err(diags) }
    }

    /// Checks one file's entries and adds those whose keys are new; what they name that another
    /// file may define is left in `pending`. Returns the file's problems.
    fn add_file(
        &mut self,
        file: &SourceFile,
        raw: &raw::CatalogFile,
        seen: &mut Seen,
        pending: &mut Pending,
    ) -> Vec<Diagnostic> {
        let mut ck = Checker::new(file);
        let header = convert::header(&mut ck, raw.catalog.get_ref());
        let vendor = units::vendor(&mut ck, &raw.catalog.get_ref().vendor);
        let products = units::products(&mut ck, &raw.capacity, &header, vendor, &file.path);
        for m in raw.model.iter().map(Spanned::get_ref) {
            let mut model = convert::model(&mut ck, m, raw.catalog.get_ref(), &header);
            model.vendor = vendor;
            model.key = vendor.key(&model.key);
            model.successor = model.successor.map(|s| vendor.key(&s));
            model.capacity = units::model_capacity(&mut ck, &m.capacity, &products, &model.provenance);
            if let Some(s) = &m.successor {
                let named = Spanned::new(s.span(), vendor.key(s.get_ref()));
                pending.successors.push((file.clone(), model.key.clone(), named));
            }
            if seen.first("model", &model.key, &m.key.span(), &mut ck) {
                self.models.push(model);
            }
        }
        for i in raw.instance.iter().map(Spanned::get_ref) {
            let inst = capacity::instance(&mut ck, i, &header);
            if seen.first("instance", &inst.key, &i.key.span(), &mut ck) {
                self.instances.push(inst);
            }
        }
        for d in raw.deployment.iter().map(Spanned::get_ref) {
            let dep = capacity::deployment(&mut ck, d, &header);
            if seen.first("deployment", &dep.key, &d.key.span(), &mut ck) {
                let at = d.gpus_per_run.as_ref().map_or(d.instance.span(), |g| g.span());
                let deployment = self.deployments.len();
                pending.instances.push(InstanceRef {
                    file: file.clone(),
                    instance: d.instance.clone(),
                    deployment,
                    at,
                    names: [d.open_model.span(), d.engine.span(), d.precision.span()],
                });
                self.deployments.push(dep);
            }
        }
        for (p, r) in products.into_iter().zip(&raw.capacity) {
            if seen.first("capacity product", &p.key, &r.get_ref().key.span(), &mut ck) {
                self.products.push(p);
            }
        }
        self.services.extend(service::services(&mut ck, &raw.service, &header, seen));
        self.add_specs(&mut ck, raw, &header, &mut pending.specs);
        self.files.push(file.path.clone());
        ck.finish(()).err().unwrap_or_default()
    }

    /// The file's GPUs, open-weights models and engines; their keys (and the models' aliases)
    /// are a namespace of their own, so `llama-3.1-8b` can name both the Bedrock model and the
    /// open weights.
    fn add_specs(
        &mut self,
        ck: &mut Checker,
        raw: &raw::CatalogFile,
        header: &crate::catalog::Provenance,
        seen: &mut Seen,
    ) {
        for g in raw.gpu.iter().map(Spanned::get_ref) {
            let gpu = specs::gpu(ck, g, header);
            if seen.first("gpu", &gpu.key, &g.key.span(), ck) {
                self.gpus.push(gpu);
            }
        }
        for m in raw.open_model.iter().map(Spanned::get_ref) {
            let model = specs::open_model(ck, m, header);
            let names = std::iter::once(&model.key).chain(&model.aliases);
            // Every name is checked (and reported) even after a duplicate.
            let fresh: Vec<bool> = names.map(|n| seen.first("open model", n, &m.key.span(), ck)).collect();
            if fresh.iter().all(|f| *f) {
                self.open_models.push(model);
            }
        }
        for e in raw.engine.iter().map(Spanned::get_ref) {
            if let Some(engine) = specs::engine(ck, e, header)
                && seen.first("engine", engine.kind.as_str(), &e.key.span(), ck)
            {
                self.engines.push(engine);
            }
        }
    }

    /// Scales a deployment to the instance it names, which any file may define.
    fn link(&mut self, r: InstanceRef) -> Option<Diagnostic> {
        let name = r.instance.get_ref();
        let Some(instance) = self.instances.iter().find(|i| i.key == *name) else {
            let help = did_you_mean(name, self.instances.iter().map(|i| i.key.as_str()), "instances in the catalog");
            let message = format!("instance `{name}` is not in the catalog");
            return Some(Diagnostic::at(&r.file, &r.instance.span(), message).help(help));
        };
        let instance = instance.clone();
        if let Err((message, help)) = capacity::scale_to_instance(&mut self.deployments[r.deployment], &instance) {
            return Some(Diagnostic::at(&r.file, &r.at, message).help(help));
        }
        let (field, message, help) = self.spec_problem(&self.deployments[r.deployment], &instance)?;
        let at = field.map_or(r.instance.span(), |f| r.names[f as usize].clone());
        Some(Diagnostic::at(&r.file, &at, message).help(help))
    }

    /// The deployment's weights at its precision fill its replica's memory: located at `precision`.
    fn weights_problem(
        &self,
        d: &crate::catalog::Deployment,
        gpu: &crate::catalog::Gpu,
    ) -> Option<(Option<Named>, String, String)> {
        let m = self.open_model(&d.open_model)?;
        let (weights, memory) = (m.weight_bytes(d.precision) / 1e9, f64::from(d.gpus_per_replica) * gpu.memory_gb);
        (weights >= memory).then(|| {
            (
                Some(Named::Precision),
                format!(
                    "deployment `{}`: the weights of {} at {} are {} GB, more than the {} GB of its replica of {} × {}",
                    d.key,
                    m.key,
                    d.precision.as_str(),
                    crate::format::trim(weights, 1),
                    crate::format::trim(memory, 1),
                    d.gpus_per_replica,
                    gpu.key
                ),
                "give `gpus_per_run` more GPUs per replica, or a smaller `precision`".into(),
            )
        })
    }

    /// What the deployment names that the spec tables lack: its instance's GPU, its open model,
    /// its engine, or its precision on that GPU; with the deployment's field that names it (none
    /// for the GPU, named by the instance, which may be in another file).
    fn spec_problem(
        &self,
        d: &crate::catalog::Deployment,
        instance: &crate::catalog::Instance,
    ) -> Option<(Option<Named>, String, String)> {
        let Some(gpu) = self.gpu(&instance.gpu) else {
            let help = did_you_mean(&instance.gpu, self.gpus.iter().map(|g| g.key.as_str()), "GPUs in the catalog");
            return Some((
                None,
                format!("instance `{}` names GPU `{}`, which is not in the catalog", instance.key, instance.gpu),
                help,
            ));
        };
        if self.open_model(&d.open_model).is_none() {
            let names =
                self.open_models.iter().flat_map(|m| m.aliases.iter().map(String::as_str).chain([m.key.as_str()]));
            let help = did_you_mean(&d.open_model, names, "open models in the catalog");
            return Some((
                Some(Named::OpenModel),
                format!("deployment `{}` serves open model `{}`, which is not in the catalog", d.key, d.open_model),
                help,
            ));
        }
        if let Some(problem) = self.weights_problem(d, gpu) {
            return Some(problem);
        }
        if self.engine(d.engine).is_none() {
            return Some((
                Some(Named::Engine),
                format!(
                    "deployment `{}` runs on engine `{}`, which has no `[[engine]]` entry",
                    d.key,
                    d.engine.as_str()
                ),
                "add the engine's constants (see pricing/serving.toml)".into(),
            ));
        }
        if !gpu.tflops.contains_key(&d.precision) {
            let has: Vec<&str> = gpu.tflops.keys().map(|p| p.as_str()).collect();
            return Some((
                Some(Named::Precision),
                format!(
                    "deployment `{}` runs at {} but {} has no {} tensor throughput",
                    d.key,
                    d.precision.as_str(),
                    gpu.name,
                    d.precision.as_str()
                ),
                format!("use one of {}", has.join(", ")),
            ));
        }
        None
    }
}

/// One file's entries, read at the means of the figures it writes as distributions, and those
/// figures.
fn parse(file: &SourceFile) -> std::result::Result<(raw::CatalogFile, Vec<Uncertain>), Vec<Diagnostic>> {
    let inputs = crate::uncertain::extract(file, crate::uncertain::fields::catalog)?;
    let raw = parse_text(file, &crate::uncertain::at_means(&file.text, &inputs)).map_err(|d| vec![d])?;
    Ok((raw, inputs))
}

/// What a file names that another file may define, resolved once every file is read.
#[derive(Default)]
struct Pending {
    instances: Vec<InstanceRef>,
    /// (file, model key, its `successor` as written)
    successors: Vec<(SourceFile, String, Spanned<String>)>,
    /// Keys of GPUs, open-weights models (and aliases) and engines.
    specs: Seen,
}

/// A deployment's `instance`, as written.
struct InstanceRef {
    file: SourceFile,
    instance: Spanned<String>,
    /// The deployment's index in [`Catalog::deployments`].
    deployment: usize,
    /// Where a problem scaling the deployment to its instance is reported: its `gpus_per_run`
    /// when given, else its `instance`.
    at: Range<usize>,
    /// Its `open_model`, `engine` and `precision`, indexed by [`Named`].
    names: [Range<usize>; 3],
}

/// A deployment's field naming a spec table's entry.
#[derive(Clone, Copy)]
enum Named {
    OpenModel,
    Engine,
    Precision,
}

/// A `successor` must name another catalog model.
fn successor(catalog: &Catalog, file: &SourceFile, key: &str, s: &Spanned<String>) -> Option<Diagnostic> {
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
    pub(crate) fn first(&mut self, kind: &'static str, key: &str, span: &Range<usize>, ck: &mut Checker) -> bool {
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
