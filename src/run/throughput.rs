//! `throughput`: one open-weights model on some GPUs, predicted from the catalog's spec tables
//! (docs/model.md#self-hosting-from-physics). A setup that cannot run is refused with what would.
use super::Outcome;
use crate::catalog::{Catalog, EngineKind, Gpu, OpenModel, Parallel, Precision};
use crate::error::{Diagnostic, Result};
use crate::format::{count, thousands, trim};
use crate::keyword::Keyword;
use crate::model::serving::{Misfit, Replica, Setup, Shape, predict};
use crate::output_format::OutputFormat;
use crate::report::throughput::{Query, render};
use crate::suggest::closest;

/// What `throughput` was asked (every count already checked by the argument parser).
pub struct Request<'a> {
    pub model: &'a str,
    pub gpu: &'a str,
    pub gpus: u32,
    /// `None`: every GPU in one replica.
    pub tp: Option<u32>,
    /// `None`: the GPU's default ([`default_precision`]).
    pub precision: Option<Precision>,
    pub engine: EngineKind,
    pub parallel: Parallel,
    pub shape: Shape,
    pub concurrency: Option<f64>,
    pub format: OutputFormat,
}

/// Most GPUs per replica searched for one that holds a model that does not fit.
const MAX_TP: u32 = 65_536;
/// Names listed when a model or GPU is unknown and none is close.
const LISTED: usize = 6;

pub fn run(req: &Request, catalog: &Catalog) -> Result<Outcome> {
    let model = open_model(catalog, req.model)?;
    let gpu = gpu(catalog, req.gpu)?;
    let engine = catalog.engine(req.engine).ok_or_else(|| no_engine(catalog, req.engine))?;
    let (precision, precision_defaulted) = match req.precision {
        Some(p) => (p, false),
        None => (default_precision(gpu), true),
    };
    let setup =
        Setup { model, gpu, engine, precision, gpus: req.gpus, tp: req.tp.unwrap_or(req.gpus), parallel: req.parallel };
    let refuse = |m: Misfit| misfit(&setup, req, m);
    let prediction = predict(&setup, req.shape, req.concurrency).map_err(refuse)?;
    let weight_bytes = Replica::new(&setup).map_err(refuse)?.weight_bytes();
    let query =
        Query { setup, shape: req.shape, precision_defaulted, requested: req.concurrency, weight_bytes, prediction };
    Ok(render(&query, req.format).into())
}

/// FP8 when the GPU has it, else BF16, else FP16, else the first precision it has.
pub fn default_precision(gpu: &Gpu) -> Precision {
    [Precision::Fp8, Precision::Bf16, Precision::Fp16]
        .into_iter()
        .find(|p| gpu.tflops.contains_key(p))
        .or_else(|| gpu.tflops.keys().next().copied())
        .unwrap_or(Precision::Bf16)
}

/// "did you mean `x`?", or a few of the names that exist and how many more, or that the catalog
/// has no `[[table]]` at all.
fn hint<'a>(wrong: &str, known: &[&'a str], shown: &[&'a str], what: &str, table: &str) -> String {
    let close = closest(wrong, known.iter().copied());
    if let Some(first) = close.first() {
        return format!("did you mean `{first}`?");
    }
    if shown.is_empty() {
        return format!("this catalog has no [[{table}]] table: give --pricing DIR with a catalog that has them");
    }
    let list: Vec<String> = shown.iter().take(LISTED).map(|k| format!("`{k}`")).collect();
    let more = shown.len().saturating_sub(LISTED);
    let rest = if more > 0 { format!(" and {more} more") } else { String::new() };
    format!("{what}: {}{rest}", list.join(", "))
}

fn open_model<'c>(catalog: &'c Catalog, name: &str) -> Result<&'c OpenModel> {
    catalog.open_model(name).ok_or_else(|| {
        let models = &catalog.open_models;
        let known: Vec<&str> = models
            .iter()
            .flat_map(|m| std::iter::once(m.key.as_str()).chain(m.aliases.iter().map(String::as_str)))
            .collect();
        let shown: Vec<&str> = models.iter().map(OpenModel::short).collect();
        let help =
            hint(name, &known, &shown, "the catalog's open models (by Hugging Face id or alias) include", "open_model");
        Diagnostic::file("--model", format!("no open model `{name}` in the catalog")).help(help).into()
    })
}

fn gpu<'c>(catalog: &'c Catalog, key: &str) -> Result<&'c Gpu> {
    catalog.gpu(key).ok_or_else(|| {
        let keys: Vec<&str> = catalog.gpus.iter().map(|g| g.key.as_str()).collect();
        let help = hint(key, &keys, &keys, "the catalog's GPUs include", "gpu");
        Diagnostic::file("--gpu", format!("no GPU `{key}` in the catalog")).help(help).into()
    })
}

fn no_engine(catalog: &Catalog, kind: EngineKind) -> crate::error::Error {
    let has: Vec<&str> = catalog.engines.iter().map(|e| e.kind.as_str()).collect();
    let help = match has.as_slice() {
        [] => "this catalog has no [[engine]] table: give --pricing DIR with a catalog that has them".to_string(),
        _ => format!("give --engine {} (the engines it has constants for)", or_list(&has)),
    };
    Diagnostic::file("--engine", format!("the catalog has no constants for engine `{}`", kind.as_str()))
        .help(help)
        .into()
}

/// "a", "a or b", "a, b or c".
fn or_list(items: &[impl AsRef<str>]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} or {}", init.join(", "), last.as_ref())
        }
    }
}

/// The option a replica's size is set with: `--tp` when given, else `--gpus`.
fn size_option(req: &Request) -> &'static str {
    if req.tp.is_some() { "--tp" } else { "--gpus" }
}

/// Why the setup cannot run, as the one message to print.
fn misfit(s: &Setup, req: &Request, m: Misfit) -> crate::error::Error {
    let d = match m {
        Misfit::Precision { has } => Diagnostic::file(
            "--precision",
            format!("GPU `{}` has no {} tensor throughput in the catalog", s.gpu.key, s.precision.as_str()),
        )
        .help(format!("give --precision {} (the precisions it has)", or_list(&has))),
        Misfit::Split { gpus, tp } => {
            Diagnostic::file("--tp", format!("--tp {tp} does not divide --gpus {gpus} into whole replicas"))
                .help(format!("give a --tp that divides {gpus}: {}", divisors(gpus)))
        }
        Misfit::Context { tokens, max_context } => Diagnostic::file(
            "--input, --output",
            format!(
                "a request of {} tokens ({} in + {} out) is over the context of {}, {} tokens",
                thousands(tokens),
                thousands(req.shape.input),
                thousands(req.shape.output),
                s.model.key,
                thousands(max_context as f64)
            ),
        )
        .help(format!("give an --input and --output that add up to {} or fewer", thousands(max_context as f64))),
        Misfit::Memory { weights_gb, usable_gb } => Diagnostic::file(
            size_option(req),
            format!(
                "the weights of {} at {} are {} GB, over the {} GB of memory of a replica of {}",
                s.model.key,
                s.precision.as_str(),
                trim(weights_gb, 1),
                trim(usable_gb, 1),
                count(s.tp, &format!("{} GPU", s.gpu.key))
            ),
        )
        .help(what_fits(s, req)),
        Misfit::Sequence { tokens, capacity_tokens } => Diagnostic::file(
            size_option(req),
            format!(
                "one request of {} tokens needs more KV cache than a replica holds beside the weights: {} tokens",
                thousands(tokens),
                thousands(capacity_tokens)
            ),
        )
        .help(what_fits(s, req) + ", or a shorter --input or --output"),
    };
    d.into()
}

/// The divisors of `n`, at most eight listed: "1, 2, 4 or 8".
fn divisors(n: u32) -> String {
    let all: Vec<String> = (1..=n).filter(|d| n.is_multiple_of(*d)).map(|d| d.to_string()).collect();
    if all.len() <= 8 {
        return or_list(&all);
    }
    format!("{}, … or {}", all[..7].join(", "), all[all.len() - 1])
}

/// True when `s` runs requests of `shape`: the weights fit and one request's KV cache beside them.
fn runs(s: &Setup, shape: Shape) -> bool {
    Replica::new(s).and_then(|r| r.batch_limit(shape)).is_ok()
}

/// The smallest replica of this GPU, and the other precisions at this size, that would run.
fn what_fits(s: &Setup, req: &Request) -> String {
    let bigger = (s.tp + 1..=MAX_TP).find(|t| runs(&Setup { gpus: *t, tp: *t, ..*s }, req.shape));
    let mut ways = Vec::new();
    if let Some(t) = bigger {
        ways.push(match req.tp {
            Some(_) => format!("give --tp {t} or more, with --gpus a multiple of it"),
            None => format!("give --gpus {t} or more"),
        });
    }
    let precisions: Vec<String> = s
        .gpu
        .tflops
        .keys()
        .filter(|p| **p != s.precision && runs(&Setup { precision: **p, ..*s }, req.shape))
        .map(|p| format!("--precision {} ({} GB of weights)", p.as_str(), trim(s.model.params_b * p.weight_bytes(), 1)))
        .collect();
    if !precisions.is_empty() {
        let lead = if ways.is_empty() { "give " } else { "" };
        ways.push(format!("{lead}{}", or_list(&precisions)));
    }
    match ways.as_slice() {
        [] => format!("no replica of up to {} of these GPUs holds it", thousands(f64::from(MAX_TP))),
        _ => ways.join(", or "),
    }
}
