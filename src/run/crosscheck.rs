//! `catalog crosscheck`: read both price maps and the catalog, compare, exit 1 on a disagreement
//! that no `crosscheck_note` accepts.
use super::Outcome;
use crate::catalog::Catalog;
use crate::crosscheck::genai::{self, GenaiPrices};
use crate::crosscheck::litellm::{self, LiteLlm};
use crate::crosscheck::{compare, price_points};
use crate::error::{Diagnostic, Error, ExitCode, Result};
use crate::output_format::OutputFormat;
use crate::report::crosscheck::render;
use crate::source::SourceFile;
use std::path::Path;

/// Reads both maps (every problem in either is reported), compares the catalog with them.
pub fn run(ll: &Path, gp: &Path, format: OutputFormat, catalog: &Catalog) -> Result<Outcome> {
    let mut diags = Vec::new();
    let ll = read(ll, "model_prices_and_context_window.json", litellm::URL)
        .and_then(|f| LiteLlm::parse(&f))
        .map_err(|d| diags.push(d))
        .ok();
    let gp = read(gp, "prices/providers/aws.yml", genai::URL)
        .and_then(|f| GenaiPrices::parse(&f))
        .map_err(|d| diags.push(d))
        .ok();
    let (Some(ll), Some(gp)) = (ll, gp) else { return Err(Error::Input(diags)) };
    let result = compare(&price_points(catalog), &ll, &gp);
    let code = if result.passes() { ExitCode::Ok } else { ExitCode::Drift };
    Ok(Outcome { stdout: render(&result, format), code, warnings: Vec::new(), notes: Vec::new() })
}

/// One map file, with a help that says where to get it.
fn read(path: &Path, name: &str, url: &str) -> std::result::Result<SourceFile, Diagnostic> {
    let shown = path.display().to_string();
    let help = format!("check the path, or download {name}: {url}");
    if path.is_dir() {
        return Err(Diagnostic::file(shown, "this is a folder; one price map file is needed here").help(help));
    }
    match crate::files::read(path) {
        Ok(f) => Ok(f),
        Err(Error::Input(d)) => {
            let message = d.into_iter().next().map_or_else(|| "cannot read this file".into(), |d| d.message);
            Err(Diagnostic::file(shown, message).help(help))
        }
        Err(e) => Err(Diagnostic::file(shown, e.to_string()).help(help)),
    }
}
