//! `catalog pricelist`: read AWS Price List files and print their text-token prices;
//! `catalog crosscheck --aws-price-list` and `catalog import` (in `import`) use them.
mod import;
use super::Outcome;
use crate::catalog::Catalog;
use crate::error::{Diagnostic, Error, ExitCode, Result};
use crate::output_format::OutputFormat;
use crate::pricelist::{self, PriceList};
use crate::report::pricelist::render;
use crate::source::SourceFile;
use std::path::PathBuf;

pub use import::{Request, import};

/// Reads every file (each one's problem is reported), prints the prices of `region` or all.
pub fn run(paths: &[PathBuf], region: Option<&str>, format: OutputFormat, catalog: &Catalog) -> Result<Outcome> {
    let list = read(paths, catalog)?;
    let list = match region {
        Some(r) => list.only_region(r).map_err(|found| {
            let shown = paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ");
            let found = if found.is_empty() { "none".to_string() } else { found.join(", ") };
            Error::from(
                Diagnostic::file(shown, format!("no text-token price for region `{r}` in these files"))
                    .help(format!("give one of the regions they price: {found}")),
            )
        })?,
        None => list,
    };
    Ok(render(&list, format).into())
}

/// `catalog crosscheck --aws-price-list`: exit 1 when a price differs.
pub fn check(paths: &[PathBuf], format: OutputFormat, catalog: &Catalog) -> Result<Outcome> {
    let list = read(paths, catalog)?;
    let result = crate::pricelist::compare::check(&list, catalog);
    let code = if result.passes() { ExitCode::Ok } else { ExitCode::Drift };
    Ok(Outcome {
        stdout: crate::report::pricelist_check::render(&result, format),
        code,
        warnings: Vec::new(),
        notes: Vec::new(),
    })
}

fn read(paths: &[PathBuf], catalog: &Catalog) -> Result<PriceList> {
    PriceList::read(&sources(paths)?, catalog).map_err(Error::Input)
}

/// The text of every file given; each one's problem is reported.
fn sources(paths: &[PathBuf]) -> Result<Vec<SourceFile>> {
    let help = format!("check the path, or download an offer file: {}", pricelist::URL);
    let mut files = Vec::new();
    let mut diags = Vec::new();
    for path in paths {
        if path.is_dir() {
            let d = Diagnostic::file(path.display().to_string(), "this is a folder; give Price List files");
            diags.push(d.help(help.clone()));
            continue;
        }
        match crate::files::read_limited(path, &help, pricelist::MAX_BYTES) {
            Ok(f) => files.push(f),
            Err(Error::Input(d)) => diags.extend(d),
            Err(e) => return Err(e),
        }
    }
    if !diags.is_empty() {
        return Err(Error::Input(diags));
    }
    Ok(files)
}
