//! `simulate` (docs/model.md#simulation): every distribution of a scenario and of the catalog
//! figures it uses drawn once per sample, each fitted deployment's throughput drawn within its
//! error against its runs, the scenario re-read with the draws in place, every option and plan priced over
//! the horizon, and the feature's cut month drawn under `[risk]`.
//! Sample i always draws from its own stream (seed, i) and results are reduced in sample order,
//! so the output is the same, byte for byte, whatever the number of threads.
mod costs;
pub mod inputs;
mod summary;

pub use summary::{LineSummary, MonthQuantiles, SCHEMA, Simulation, TotalQuantiles, Verdict};

use crate::catalog::Catalog;
use crate::error::Diagnostic;
use crate::limits::MAX_SIMULATED_COSTS;
use crate::model::sample;
use crate::scenario::Scenario;
use crate::source::SourceFile;
use crate::uncertain::{Stream, substitute};
use costs::{Chunk, Costs};
use rayon::prelude::*;

/// The most samples one run may ask for: memory grows as samples × lines × months.
pub const MAX_SAMPLES: usize = 100_000;
/// Samples when `--samples` is not given, and what `report` draws.
pub const DEFAULT_SAMPLES: usize = 2_000;
/// Seed when `--seed` is not given, and what `report` uses.
pub const DEFAULT_SEED: u64 = 1;
/// Tries of a sample's scenario draws that the scenario's own checks refuse before giving up.
const TRIES: usize = 100;
/// Samples a thread takes at a time (and the progress bar moves by).
const CHUNK: usize = 32;

/// What to simulate.
pub struct Request<'a> {
    pub file: &'a SourceFile,
    /// The scenario at its means (from `file`).
    pub scenario: &'a Scenario,
    pub catalog: &'a Catalog,
    pub samples: usize,
    pub seed: u64,
    pub threads: usize,
}

/// Draws and prices `req.samples` samples on a pool of `req.threads` threads; `progress` is told
/// of each finished chunk.
pub fn simulate(req: &Request, progress: &(dyn Fn(usize) + Sync)) -> Result<Simulation, Diagnostic> {
    too_many_costs(req)?;
    let s = req.scenario;
    // Catalog figures and fitted throughputs change capacity, not traffic: without draws of the
    // scenario's own numbers every sample has the same month loads (their peaks are the slow part).
    let loads = s.uncertain.is_empty().then(|| sample::month_loads(s));
    let loads = loads.as_deref();
    let lines = s.options.iter().filter(|o| o.standalone).count() + s.plans.len();
    let months = s.months as usize;
    let chunk = |c: usize| -> Result<Chunk, Diagnostic> {
        let (start, end) = (c * CHUNK, ((c + 1) * CHUNK).min(req.samples));
        let mut out = Chunk::with_capacity(end - start, lines, months);
        for i in start..end {
            out.push(draw(req, i as u64, loads)?);
        }
        progress(end - start);
        Ok(out)
    };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(req.threads.max(1)).build().map_err(|e| {
        Diagnostic::file(&req.file.path, format!("cannot start {} threads for the draws: {e}", req.threads))
            .help("give --threads 1")
    })?;
    // Every chunk is drawn and kept in chunk order (rayon's own collect into a `Result` would
    // return whichever error came first in time), so a refusal names the lowest refused sample
    // whatever the threads (each sample draws from its own stream).
    let chunks: Vec<Result<Chunk, Diagnostic>> =
        pool.install(|| (0..req.samples.div_ceil(CHUNK)).into_par_iter().map(chunk).collect());
    let chunks = chunks.into_iter().collect::<Result<Vec<_>, _>>()?;
    Ok(summary::summarise(req, &Costs::new(chunks, CHUNK, req.samples, lines, months)))
}

/// Every draw's monthly cost of every line is kept until the quantiles are taken: refuses a run
/// that would keep more than [`MAX_SIMULATED_COSTS`] (docs/model.md#limits-of-the-inputs).
fn too_many_costs(req: &Request) -> Result<(), Diagnostic> {
    let s = req.scenario;
    let per_sample = (s.options.len() + s.plans.len()).max(1) * s.months as usize;
    if req.samples.saturating_mul(per_sample) <= MAX_SIMULATED_COSTS {
        return Ok(());
    }
    let n = |x: usize| crate::format::thousands(x as f64);
    Err(Diagnostic::file(
        &req.file.path,
        format!(
            "{} samples of {} options and plans over {} months are {} monthly costs to keep; at most {} fit",
            n(req.samples),
            n(s.options.len() + s.plans.len()),
            s.months,
            n(req.samples.saturating_mul(per_sample)),
            n(MAX_SIMULATED_COSTS)
        ),
    )
    .help(format!(
        "give --samples {} or fewer for this scenario, or fewer options, plans or months (docs/model.md#limits-of-the-inputs)",
        n(MAX_SIMULATED_COSTS / per_sample)
    )))
}

/// What `report` draws for a scenario with distributions or risk: [`DEFAULT_SAMPLES`] samples
/// from [`DEFAULT_SEED`], so a report is reproducible; `None` for a scenario with neither.
pub fn for_report(file: &SourceFile, s: &Scenario, catalog: &Catalog) -> Result<Option<Simulation>, Diagnostic> {
    if s.uncertain.is_empty() && s.catalog_uncertain.is_empty() && s.risk.is_none() && inputs::fitted(s).is_empty() {
        return Ok(None);
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let r = Request { file, scenario: s, catalog, samples: DEFAULT_SAMPLES, seed: DEFAULT_SEED, threads };
    simulate(&r, &|_| {}).map(Some)
}

/// Sample `i` (`loads`: the month loads when no scenario number is drawn): catalog draws, fitted throughput multipliers, scenario draws (redrawn while the
/// scenario's checks refuse them), the cut month, every line priced.
fn draw(req: &Request, i: u64, loads: Option<&[sample::MonthLoad]>) -> Result<Vec<(Vec<f64>, bool)>, Diagnostic> {
    let s = req.scenario;
    let mut rng = Stream::new(req.seed, i);
    let catalog: Vec<f64> = s.catalog_uncertain.iter().map(|u| u.draw(&mut rng)).collect();
    let fitted = inputs::fitted(s);
    let multipliers: Vec<f64> = fitted.iter().map(|f| f.multiplier(rng.uniform())).collect();
    let mut drawn = if s.uncertain.is_empty() { Ok(s.clone()) } else { Err(Vec::new()) };
    for _ in 0..TRIES {
        if drawn.is_ok() {
            break;
        }
        let values: Vec<f64> = s.uncertain.iter().map(|u| u.draw(&mut rng)).collect();
        drawn = Scenario::from_text(req.file, &substitute(&req.file.text, &s.uncertain, &values), req.catalog);
    }
    let mut one = drawn.map_err(|d| refused(req.file, i, d))?;
    for (u, x) in s.catalog_uncertain.iter().zip(catalog) {
        one.set_catalog(u, x);
    }
    for (f, m) in fitted.iter().zip(multipliers) {
        inputs::apply(&mut one, f, m);
    }
    let cut = one.risk.and_then(|r| (1..=s.months as usize).find(|_| rng.uniform() < r.descope_probability_per_month));
    Ok(sample::lines_with(&one, loads).iter().map(|l| (l.months(cut), l.eligible)).collect())
}

/// Every try of a sample made a scenario its own checks refuse (shares, growth past the limits,
/// a budget below the first step…): the distributions allow too much.
fn refused(file: &SourceFile, i: u64, diags: Vec<Diagnostic>) -> Diagnostic {
    let first = diags.into_iter().next().map_or_else(String::new, |d| {
        let at = d.location.map_or(String::new(), |(l, c)| format!(" (line {l}, column {c})"));
        format!(": {}{at}", d.message)
    });
    Diagnostic::file(
        &file.path,
        format!("sample {i}: {TRIES} draws of this scenario's distributions were all invalid{first}"),
    )
    .help("narrow the distributions so that every draw makes a valid scenario")
}
