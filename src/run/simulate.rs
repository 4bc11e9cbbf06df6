//! `simulate`: each scenario's uncertain inputs drawn, priced per sample, summarised.
use super::{Outcome, expand, load_scenarios};
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::output_format::OutputFormat;
use crate::simulate::{self, Simulation};
use std::path::PathBuf;

/// Runs longer than this many samples show a progress bar on a terminal.
const PROGRESS_FROM: usize = 20_000;

/// What `simulate` was asked.
pub struct Request<'a> {
    pub paths: &'a [PathBuf],
    pub samples: usize,
    pub seed: u64,
    /// `None`: as many as the machine has CPUs.
    pub threads: Option<usize>,
}

pub fn run(req: &Request, format: OutputFormat, catalog: &Catalog) -> Result<Outcome> {
    let files = expand(req.paths)?;
    let scenarios = load_scenarios(&files, catalog)?;
    let threads = req.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let bar = indicatif::ProgressBar::new((req.samples * scenarios.len()) as u64);
    if req.samples < PROGRESS_FROM {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} samples {msg}")
            .expect("a valid progress template"),
    );
    let mut out: Vec<Simulation> = Vec::new();
    for (file, s) in files.iter().zip(&scenarios) {
        bar.set_message(s.name.clone());
        let r = simulate::Request { file, scenario: s, catalog, samples: req.samples, seed: req.seed, threads };
        out.push(simulate::simulate(&r, &|n| bar.inc(n as u64)).map_err(|d| Error::Input(vec![d]))?);
    }
    bar.finish_and_clear();
    Ok(crate::report::simulate::render(&out, format).into())
}
