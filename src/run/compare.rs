//! `compare`: two scenarios priced side by side, options matched by name.
use super::{Outcome, load_scenarios};
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::files;
use crate::model::compare::compare;
use crate::model::estimate;
use crate::report::compare::{CompareFormat, render};
use std::path::Path;

/// Loads both scenarios (every problem in either is reported), prices them and compares.
pub fn run(before: &Path, after: &Path, format: CompareFormat, pricing: Option<&Path>) -> Result<Outcome> {
    let catalog = Catalog::load(pricing)?;
    let mut sources = Vec::new();
    let mut diags = Vec::new();
    for path in [before, after] {
        match files::read(path) {
            Ok(f) => sources.push(f),
            Err(Error::Input(d)) => diags.extend(d),
            Err(e) => return Err(e),
        }
    }
    if !diags.is_empty() {
        return Err(Error::Input(diags));
    }
    let scenarios = load_scenarios(&sources, &catalog)?;
    let comparison = compare(&estimate(&scenarios[0]), &estimate(&scenarios[1]));
    Ok(render(&comparison, format).into())
}
