//! `infercast models`: the catalog, filtered, in one format.
use super::Outcome;
use crate::catalog::{Catalog, Filter};
use crate::output_format::OutputFormat;
use crate::report::models::render;

/// The listing of the models `filter` keeps. No match is not an error: the listing is empty
/// (a header, an empty JSON list) and stderr says so, so a script gets a well-formed answer.
pub fn run(catalog: &Catalog, filter: &Filter, format: OutputFormat) -> Outcome {
    let selected = catalog.select(filter);
    let mut out: Outcome = render(&selected, format).into();
    if selected.models.is_empty() && !filter.is_empty() {
        out.warnings.push("no catalog model meets every filter given; `infercast models` lists them all".into());
    }
    out
}
