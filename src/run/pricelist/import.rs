//! `catalog import --aws-price-list FILE… --write DIR`: the catalog in DIR (filled first from
//! the current catalog when DIR is missing or empty) updated in place from the Price List, checked
//! to load before a byte is written.
use super::super::Outcome;
use super::sources;
use crate::catalog::{Catalog, EMBEDDED};
use crate::error::{Diagnostic, Error, Result, io_reason};
use crate::output_format::OutputFormat;
use crate::pricelist::import::{self, Imported, Quote};
use crate::pricelist::{Offer, PriceList, edit};
use crate::report::pricelist_import::render;
use crate::source::SourceFile;
use std::path::{Path, PathBuf};

/// What `catalog import` was asked.
pub struct Request<'a> {
    pub files: &'a [PathBuf],
    pub dir: &'a Path,
    /// `--pricing`: the catalog DIR is filled from when it holds none (else the built-in one).
    pub pricing: Option<&'a Path>,
    pub format: OutputFormat,
}

/// Reads, plans, edits, checks, then writes; prints what changed.
pub fn import(req: &Request) -> Result<Outcome> {
    let lists = sources(req.files)?;
    let (files, seeded) = catalog_files(req.dir, req.pricing)?;
    let catalog = Catalog::from_files(files.clone()).map_err(Error::Input)?;
    let (offers, quotes) = quotes(&lists, &catalog)?;
    let plan = import::plan(offers, &quotes, &catalog);
    let edited = edit::apply(&files, &plan)?;
    let after: Vec<SourceFile> =
        files.iter().map(|f| edited.iter().find(|e| e.path == f.path).unwrap_or(f).clone()).collect();
    if let Err(mut diags) = Catalog::from_files(after.clone()) {
        diags.push(
            Diagnostic::file(req.dir.display().to_string(), "nothing was written: the updated catalog would not load")
                .help("fix the catalog entry named above (or the Price List file), then import again"),
        );
        return Err(Error::Input(diags));
    }
    writable(req.dir)?;
    let mut written = Vec::new();
    for (before, now) in files.iter().zip(&after) {
        if seeded || before.text != now.text {
            crate::files::write(Path::new(&now.path), now.text.as_bytes())?;
            written.push(now.path.clone());
        }
    }
    let imported = Imported { dir: req.dir.display().to_string(), seeded, written, plan };
    Ok(render(&imported, req.format).into())
}

/// DIR exists (created if need be) and a file can be made in it, checked before any catalog
/// file is replaced, so that a folder that cannot be written is refused with nothing changed.
fn writable(dir: &Path) -> Result<()> {
    let refused = |what: &str, e: std::io::Error| -> Error {
        Diagnostic::file(dir.display().to_string(), format!("{what}: {}", io_reason(&e)))
            .help("give --write a folder you can write in, or the path of one that can be created")
            .into()
    };
    std::fs::create_dir_all(dir).map_err(|e| refused("cannot create this folder", e))?;
    let probe = dir.join(format!(".infercast-import.{}.probe", std::process::id()));
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .map_err(|e| refused("cannot write in this folder", e))?;
    std::fs::remove_file(&probe).map_err(|e| refused("cannot write in this folder", e))
}

/// DIR's catalog files, or (DIR missing or without `*.toml`) the current catalog's at DIR's
/// paths, and whether they are that seed.
fn catalog_files(dir: &Path, pricing: Option<&Path>) -> Result<(Vec<SourceFile>, bool)> {
    if dir.exists() && !dir.is_dir() {
        return Err(Diagnostic::file(dir.display().to_string(), "--write names a file, not a folder")
            .help("give --write a catalog folder (like pricing/), or the path of one to create")
            .into());
    }
    if dir.is_dir() {
        let paths = crate::files::toml_files_in(dir)?;
        if !paths.is_empty() {
            let files = paths.iter().map(|p| crate::files::read(p)).collect::<Result<Vec<_>>>()?;
            return Ok((files, false));
        }
    }
    let at = |name: &str, text: String| SourceFile::new(dir.join(name).display().to_string(), text);
    let seed = match pricing {
        Some(p) => {
            let paths = crate::files::toml_files_in(p)?;
            let mut files = Vec::new();
            for path in paths {
                let f = crate::files::read(&path)?;
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                files.push(at(&name, f.text));
            }
            files
        }
        None => EMBEDDED.iter().map(|(p, t)| at(p.trim_start_matches("pricing/"), (*t).to_string())).collect(),
    };
    Ok((seed, true))
}

/// Every file's prices, each citing its file's offer (the latest published, when a `GetProducts`
/// answer mixes versions); every file's problems are reported.
fn quotes(lists: &[SourceFile], catalog: &Catalog) -> Result<(Vec<Offer>, Vec<Quote>)> {
    let mut offers = Vec::new();
    let mut quotes = Vec::new();
    let mut diags = Vec::new();
    for f in lists {
        let list = match PriceList::read(std::slice::from_ref(f), catalog) {
            Ok(list) => list,
            Err(d) => {
                diags.extend(d);
                continue;
            }
        };
        let latest =
            list.offers.iter().max_by(|a, b| (&a.publication_date, &a.version).cmp(&(&b.publication_date, &b.version)));
        let Some(latest) = latest else { continue };
        let offer = match offers.iter().position(|o| o == latest) {
            Some(i) => i,
            None => {
                offers.push(latest.clone());
                offers.len() - 1
            }
        };
        quotes.extend(list.prices.into_iter().map(|price| Quote { price, offer }));
    }
    if !diags.is_empty() {
        return Err(Error::Input(diags));
    }
    Ok((offers, quotes))
}
