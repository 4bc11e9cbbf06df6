//! `infercast baseline write | check`.
use super::{Outcome, expand, load_scenarios, scenario_paths_or_default};
use crate::baseline::{self, Baseline, diff};
use crate::catalog::Catalog;
use crate::cli::BaselineAction;
use crate::error::{Diagnostic, Error, ExitCode, Result};
use crate::model::estimate;
use crate::source::SourceFile;
use std::path::{Path, PathBuf};

/// Recomputes the baseline of these scenarios against the catalog.
fn compute(scenarios: &[PathBuf], catalog: &Catalog) -> Result<Baseline> {
    let scenarios = load_scenarios(&expand(&scenario_paths_or_default(scenarios))?, catalog)?;
    let estimates: Vec<_> = scenarios.iter().map(|s| (s.path.clone(), estimate(s))).collect();
    Ok(baseline::build(&estimates, catalog))
}

/// Reads and parses a baseline file, with a located message when it is not one.
fn read(path: &Path) -> Result<Baseline> {
    let shown = path.display().to_string();
    let text =
        crate::files::read_with_help(path, "write one with `infercast baseline write`, or pass --baseline FILE")?.text;
    let b: Baseline = serde_json::from_str(&text).map_err(|e| {
        let file = SourceFile::new(&shown, text.clone());
        let offset = text.lines().take(e.line().saturating_sub(1)).map(|l| l.len() + 1).sum::<usize>()
            + e.column().saturating_sub(1);
        let offset = offset.min(text.len());
        Error::from(
            Diagnostic::at(&file, &(offset..offset), format!("not a valid baseline: {e}"))
                .help("regenerate it with `infercast baseline write`"),
        )
    })?;
    if b.schema != baseline::SCHEMA {
        return Err(Diagnostic::file(
            &shown,
            format!("baseline schema is \"{}\", expected \"{}\"", b.schema, baseline::SCHEMA),
        )
        .help("regenerate it with this version: `infercast baseline write`")
        .into());
    }
    Ok(b)
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
                "wrote {}: {} scenarios, {} catalog entries\n",
                out.display(),
                b.scenarios.len(),
                b.prices.len()
            )
            .into())
        }
        BaselineAction::Check { baseline: file, tolerance, fail_above_pct, fail_above_usd, format, scenarios } => {
            let base = read(file)?;
            let now = compute(scenarios, catalog)?;
            let bounds = diff::Bounds {
                tolerance: *tolerance,
                fail_above_pct: *fail_above_pct,
                fail_above_usd: *fail_above_usd,
            };
            let d = diff::compare(&base, &now, &bounds);
            let stdout = baseline::render(&d, *format, &file.display().to_string(), *tolerance);
            Ok(Outcome { stdout, code: if d.passed() { ExitCode::Ok } else { ExitCode::Drift }, warnings: Vec::new() })
        }
    }
}
