//! `infercast baseline write | check`.
use super::{Outcome, expand, load_scenarios, scenario_paths_or_default};
use crate::baseline::{self, Baseline, diff};
use crate::catalog::Catalog;
use crate::cli::BaselineAction;
use crate::error::{Error, ExitCode, Result};
use crate::format::count;
use std::path::PathBuf;

/// Recomputes the baseline of these scenarios against the catalog.
fn compute(scenarios: &[PathBuf], catalog: &Catalog) -> Result<Baseline> {
    let files = expand(&scenario_paths_or_default(scenarios))?;
    let scenarios = load_scenarios(&files, catalog)?;
    let checked = super::checked::estimates(&files, &scenarios)?;
    let estimates: Vec<_> = scenarios.iter().map(|s| s.path.clone()).zip(checked).collect();
    Ok(baseline::build(&estimates, catalog))
}

pub fn run(action: &BaselineAction, catalog: &Catalog) -> Result<Outcome> {
    match action {
        BaselineAction::Write { out, scenarios } => {
            let b = compute(scenarios, catalog)?;
            if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .map_err(|e| Error::Write { path: dir.display().to_string(), source: e })?;
            }
            crate::files::write(out, baseline::to_json(&b).as_bytes())?;
            Ok(format!(
                "wrote {}: {}, {}\n",
                out.display(),
                count(b.scenarios.len() as f64, "scenario"),
                count(b.prices.len() as f64, "catalog entry")
            )
            .into())
        }
        BaselineAction::Check { baseline: file, tolerance, fail_above_pct, fail_above_usd, format, scenarios } => {
            let base = baseline::read(file)?;
            let now = compute(scenarios, catalog)?;
            let bounds = diff::Bounds {
                tolerance: *tolerance,
                fail_above_pct: *fail_above_pct,
                fail_above_usd: *fail_above_usd,
            };
            let d = diff::compare(&base, &now, &bounds);
            let stdout = crate::report::baseline::render(&d, *format, &file.display().to_string(), *tolerance);
            Ok(Outcome {
                stdout,
                code: if d.passed() { ExitCode::Ok } else { ExitCode::Drift },
                warnings: Vec::new(),
                notes: Vec::new(),
            })
        }
    }
}
