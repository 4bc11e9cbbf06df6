//! `compare`: two scenarios priced side by side, options matched by name.
use super::{Outcome, load_scenarios};
use crate::catalog::Catalog;
use crate::error::{Diagnostic, Error, Result};
use crate::files;
use crate::model::analysis::compare::compare;
use crate::output_format::OutputFormat;
use crate::report::compare::render;
use crate::source::SourceFile;
use std::path::Path;

/// Loads both scenarios (every problem in either is reported), prices them and compares.
pub fn run(before: &Path, after: &Path, format: OutputFormat, catalog: &Catalog) -> Result<Outcome> {
    let mut sources = Vec::new();
    let mut diags = Vec::new();
    for path in [before, after] {
        match read_one(path) {
            Ok(f) => sources.push(f),
            Err(Error::Input(d)) => diags.extend(d),
            Err(e) => return Err(e),
        }
    }
    if !diags.is_empty() {
        return Err(Error::Input(diags));
    }
    let scenarios = load_scenarios(&sources, catalog)?;
    let estimates = super::checked::estimates(&sources, &scenarios)?;
    let comparison = compare(&estimates[0], &estimates[1]);
    Ok(render(&comparison, format).into())
}

/// One scenario file; a folder is refused, since these commands take exactly one file per slot.
pub(super) fn read_one(path: &Path) -> Result<SourceFile> {
    if path.is_dir() {
        return Err(Diagnostic::file(path.display().to_string(), "this is a folder; one scenario file is needed here")
            .help("give the path of a scenario .toml file")
            .into());
    }
    files::read(path)
}
