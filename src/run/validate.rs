//! `infercast validate`: every catalog and scenario file checked, plus the age of every price
//! and the list of assumed figures when `--max-age` is given.
use super::{Kind, Outcome, expand, kind_of, load_scenarios, scenario_paths_or_default};
use crate::catalog::Catalog;
use crate::error::{Error, ExitCode, Result};
use crate::format::count;
use std::fmt::Write;
use std::path::PathBuf;

/// The `--max-age` check.
#[derive(Debug, Clone, Copy)]
pub struct Age {
    pub max_days: u32,
    /// Fail (exit 1) on stale figures instead of warning.
    pub strict: bool,
    /// Days since 1970-01-01 that ages are counted to.
    pub today: i64,
}

pub fn validate(paths: &[PathBuf], catalog: &Catalog, age: Option<Age>, today: Option<i64>) -> Result<Outcome> {
    let mut diags = Vec::new();
    let (mut catalogs, mut scenarios) = (Vec::new(), Vec::new());
    for file in expand(&scenario_paths_or_default(paths))? {
        match kind_of(&file) {
            Ok(Kind::Catalog) => catalogs.push(file),
            Ok(Kind::Scenario) => scenarios.push(file),
            Err(d) => diags.push(d),
        }
    }
    let mut summary = format!(
        "ok: catalog ({}, {} from {})",
        count(catalog.models.len() as f64, "model"),
        count(catalog.services.len() as f64, "service"),
        count(catalog.files.len() as f64, "file")
    );
    // Catalog files given as paths are checked together; their figures are the ones aged.
    let aged = given_catalog(&catalogs, &mut summary, &mut diags).unwrap_or_else(|| catalog.clone());
    if let Some(day) = today {
        diags.extend(crate::dates::after(&aged.written_dates, crate::dates::Today::Given(day)));
    }
    let n = scenarios.len();
    let loaded = match load_scenarios(&scenarios, catalog) {
        Ok(s) => s,
        Err(Error::Input(d)) => {
            diags.extend(d);
            Vec::new()
        }
        Err(e) => return Err(e),
    };
    if !diags.is_empty() {
        return Err(Error::Input(diags));
    }
    let mut out = format!("{summary}, {n} scenario{}\n", if n == 1 { "" } else { "s" });
    let mut code = ExitCode::Ok;
    if let Some(age) = age {
        // Scenarios named without catalog files: only the figures they use are aged.
        let scope: Option<Vec<_>> =
            (!paths.is_empty() && catalogs.is_empty()).then(|| loaded.iter().flat_map(|s| s.offers_used()).collect());
        if scope.is_some() {
            let _ = writeln!(out, "ages of the catalog figures these scenarios use:");
        }
        let stale = ages(&aged, scope.as_deref(), age, &mut out);
        if stale > 0 && age.strict {
            code = ExitCode::Drift;
        }
    }
    Ok(Outcome { stdout: out, code, warnings: Vec::new(), notes: Vec::new() })
}

/// The catalog files named on the command line, checked together, and said in the summary; `None`
/// when none are named or they do not load (their problems are added to `diags`).
fn given_catalog(
    catalogs: &[crate::source::SourceFile],
    summary: &mut String,
    diags: &mut Vec<crate::error::Diagnostic>,
) -> Option<Catalog> {
    if catalogs.is_empty() {
        return None;
    }
    match Catalog::from_files(catalogs.to_vec()) {
        Ok(c) => {
            summary.push_str(&format!(
                ", {} given ({})",
                count(catalogs.len() as f64, "catalog file"),
                count(c.models.len() as f64, "model")
            ));
            Some(c)
        }
        Err(d) => {
            diags.extend(d);
            None
        }
    }
}

/// Writes the stale and assumed figures; returns how many are stale.
fn ages(c: &Catalog, scope: Option<&[(String, crate::catalog::Offer)]>, age: Age, out: &mut String) -> usize {
    let mut figures = c.dated_figures();
    if let Some(used) = scope {
        figures.retain(|f| used.contains(&f.subject));
    }
    let today = crate::dates::format(age.today);
    // A retired model's prices are history: AWS no longer publishes them, so they cannot be
    // re-checked, and a scenario reaches them only with `allow_retired = true`.
    let retired = retired_models(c, age.today);
    let historical = figures.iter().filter(|f| retired.contains(&f.subject.0)).count();
    figures.retain(|f| !retired.contains(&f.subject.0));
    let stale = stale_lines(&figures, age);
    let verb = if age.strict { "error" } else { "warning" };
    if stale.is_empty() {
        let _ =
            writeln!(out, "every catalog figure was retrieved within {} of {today}", count(age.max_days as f64, "day"));
    } else {
        let _ = writeln!(
            out,
            "{verb}: {} retrieved more than {} before {today}; re-check {} at {} source:",
            count(stale.len() as f64, "catalog figure"),
            count(age.max_days as f64, "day"),
            if stale.len() == 1 { "it" } else { "them" },
            if stale.len() == 1 { "its" } else { "their" }
        );
        for line in &stale {
            let _ = writeln!(out, "  {line}");
        }
    }
    if historical > 0 {
        let _ = writeln!(
            out,
            "{} of {} not aged: their prices are history, used only with `allow_retired = true`",
            count(historical as f64, "figure"),
            count(retired.len() as f64, "retired model")
        );
    }
    let assumed: Vec<_> = figures.iter().filter(|f| f.provenance.assumed).collect();
    let _ = writeln!(
        out,
        "{} assumed figures (published nowhere; each has its basis beside it in the file):",
        assumed.len()
    );
    for f in assumed {
        let _ = writeln!(out, "  {} ({})", f.what, f.file);
    }
    stale.len()
}

/// One line per figure retrieved more than `age.max_days` before `age.today`.
fn stale_lines(figures: &[crate::catalog::DatedFigure], age: Age) -> Vec<String> {
    figures
        .iter()
        .filter_map(|f| {
            let days = crate::dates::parse(&f.provenance.retrieved).map(|d| age.today - d)?;
            (days > i64::from(age.max_days)).then(|| {
                format!(
                    "{} ({}): retrieved {}, {} ago",
                    f.what,
                    f.file,
                    f.provenance.retrieved,
                    count(days as f64, "day")
                )
            })
        })
        .collect()
}

/// Keys of the models whose end of life is on or before `today` (days since 1970-01-01).
fn retired_models(c: &Catalog, today: i64) -> Vec<String> {
    c.models.iter().filter(|m| m.standing(today) == crate::catalog::Standing::Retired).map(|m| m.key.clone()).collect()
}
