//! Reading input files and folders, with errors that name the path.
use crate::error::{Diagnostic, Result};
use crate::source::SourceFile;
use std::path::{Path, PathBuf};

/// Reads a file as UTF-8 text (bytes that are not UTF-8 are reported where they are).
pub fn read(path: &Path) -> Result<SourceFile> {
    let shown = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => Ok(SourceFile::from_bytes(shown, bytes)?),
        Err(e) => Err(Diagnostic::file(shown, format!("cannot read this file: {}", io_reason(&e)))
            .help("check the path; infercast reads TOML files")
            .into()),
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "it does not exist".into(),
        std::io::ErrorKind::InvalidData => "it is not UTF-8 text".into(),
        _ => e.to_string(),
    }
}

/// The `*.toml` files directly inside `dir`, sorted by name.
pub fn toml_files_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let rd = std::fs::read_dir(dir).map_err(|e| {
        Diagnostic::file(dir.display().to_string(), format!("cannot read this folder: {}", io_reason(&e)))
            .help("check the path")
    })?;
    let mut files: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    Ok(files)
}
