//! Reading input files and folders, and writing output files, with errors that name the path
//! and keep the operating system's reason.
use crate::error::{Diagnostic, Error, Result, io_reason};
use crate::source::SourceFile;
use std::fs::File;
use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// The largest input file read: scenarios, catalogs, baselines and price maps are a few
/// hundred kilobytes at most, so anything larger is the wrong file (and would cost memory).
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a file as UTF-8 text (bytes that are not UTF-8 are reported where they are).
pub fn read(path: &Path) -> Result<SourceFile> {
    read_with_help(path, "check the path; infercast reads TOML files")
}

/// Reads a file as UTF-8 text; `help` says how to fix a path that does not lead to a file.
/// Anything that is not a regular file, or is over [`MAX_INPUT_BYTES`], is refused before a
/// byte is read: a FIFO would block forever and a huge file exhaust memory.
pub fn read_with_help(path: &Path, help: &str) -> Result<SourceFile> {
    read_limited(path, help, MAX_INPUT_BYTES)
}

/// [`read_with_help`] with a size limit of its own: an AWS Price List bulk offer file is tens of
/// megabytes, more than any other input.
pub fn read_limited(path: &Path, help: &str, max_bytes: u64) -> Result<SourceFile> {
    let shown = path.display().to_string();
    let unreadable = |reason: String, help: &str| Error::from(Diagnostic::file(&shown, reason).help(help));
    let meta = std::fs::metadata(path).map_err(|e| unreadable(cannot_read(&e), help_for(&e, help)))?;
    if let Some((what, fix)) = not_a_file(&meta) {
        return Err(unreadable(format!("cannot read this file: it is {what}, not a regular file"), fix));
    }
    if meta.len() > max_bytes {
        return Err(too_large(&shown, meta.len(), max_bytes));
    }
    let mut bytes = Vec::new();
    File::open(path)
        // Bounded even if the file grew since it was measured.
        .and_then(|f| f.take(max_bytes + 1).read_to_end(&mut bytes))
        .map_err(|e| unreadable(cannot_read(&e), help_for(&e, help)))?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(&shown, bytes.len() as u64, max_bytes));
    }
    Ok(text_of(shown, bytes)?)
}

/// A file's bytes as UTF-8 text; bytes that are not UTF-8 are an error at the line and
/// column of the first of them.
pub fn text_of(path: impl Into<String>, bytes: Vec<u8>) -> Result<SourceFile, Diagnostic> {
    let e = match String::from_utf8(bytes) {
        Ok(text) => return Ok(SourceFile::new(path, text)),
        Err(e) => e,
    };
    let at = e.utf8_error().valid_up_to();
    let message = match e.utf8_error().error_len() {
        Some(_) => format!("this file is not UTF-8 text: byte 0x{:02X} cannot appear here", e.as_bytes()[at]),
        None => "this file is not UTF-8 text: it ends in the middle of a character".to_string(),
    };
    // Each bad sequence becomes one U+FFFD (3 bytes); the valid text before it is unchanged,
    // so `at` is where the first replacement character starts.
    let shown = SourceFile::new(path, String::from_utf8_lossy(e.as_bytes()));
    Err(Diagnostic::at(&shown, &(at..at + 3), message).help("save the file as UTF-8 (the bad byte is shown as �)"))
}

fn cannot_read(e: &std::io::Error) -> String {
    let reason = match e.kind() {
        ErrorKind::NotFound => "it does not exist".into(),
        _ => io_reason(e),
    };
    format!("cannot read this file: {reason}")
}

fn help_for<'a>(e: &std::io::Error, help: &'a str) -> &'a str {
    match e.kind() {
        ErrorKind::PermissionDenied => "give infercast read access to the file (e.g. `chmod u+r FILE`), or copy it",
        _ => help,
    }
}

/// What the file is and how to fix it, when it is not a regular file.
fn not_a_file(meta: &std::fs::Metadata) -> Option<(&'static str, &'static str)> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some(("a folder", "give the path of a file inside it"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let save = "infercast reads files only: save the text to a file and give its path";
        if t.is_fifo() {
            return Some(("a named pipe (FIFO)", save));
        }
        if t.is_socket() {
            return Some(("a socket", save));
        }
        if t.is_char_device() || t.is_block_device() {
            return Some(("a device", save));
        }
    }
    Some(("not a file", "give the path of a regular file"))
}

fn too_large(shown: &str, bytes: u64, max_bytes: u64) -> Error {
    let size = crate::format::thousands(bytes as f64);
    let (mib, max) = (max_bytes / (1024 * 1024), crate::format::thousands(max_bytes as f64));
    Diagnostic::file(
        shown,
        format!("cannot read this file: it is {size} bytes, over the {mib} MiB ({max}-byte) limit for an input"),
    )
    .help("infercast inputs are small text files; check that this is the right file")
    .into()
}

/// The `*.toml` files directly inside `dir`, sorted by name; none is an error: a command given
/// an empty folder would otherwise print nothing and succeed.
pub fn toml_files_in_nonempty(dir: &Path) -> Result<Vec<PathBuf>> {
    let files = toml_files_in(dir)?;
    if files.is_empty() {
        return Err(Diagnostic::file(dir.display().to_string(), "this folder has no *.toml file")
            .help("give a folder that holds scenario files, or the files themselves")
            .into());
    }
    Ok(files)
}

/// The `*.toml` files directly inside `dir`, sorted by name.
pub fn toml_files_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let rd = std::fs::read_dir(dir).map_err(|e| {
        let reason = if e.kind() == ErrorKind::NotFound { "it does not exist".into() } else { io_reason(&e) };
        Diagnostic::file(dir.display().to_string(), format!("cannot read this folder: {reason}")).help("check the path")
    })?;
    let mut files: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    Ok(files)
}

/// Writes `bytes` to `path` as [`write_with`] does.
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    write_with(path, |file, _| file.write_all(bytes))
}

/// Writes `path` through a fresh temporary file beside it (created exclusively under a random
/// name, so no file or link already there is opened), filled by `fill` (given the open file and
/// its path), then renamed over `path`. A rename replaces a link at `path` rather than following
/// it, and a failure never leaves half a file: the temporary file is removed.
pub fn write_with(path: &Path, fill: impl FnOnce(&mut File, &Path) -> std::io::Result<()>) -> Result<()> {
    refuse_special(path)?;
    let failed = |source| Error::Write { path: path.display().to_string(), source };
    let mut tmp = temporary_beside(path).map_err(failed)?;
    let at = tmp.path().to_path_buf();
    let file = tmp.as_file_mut();
    fill(file, &at).and_then(|()| file.flush()).and_then(|()| file.sync_data()).map_err(failed)?;
    // On failure the temporary file comes back in the error and is removed as it drops.
    tmp.persist(path).map(drop).map_err(|e| failed(e.error))
}

/// An output path must be absent, a regular file, or a link (replaced, never followed): the
/// rename would otherwise replace a named pipe or a device node (`--out /dev/null` run as root
/// would replace /dev/null with a regular file), or fail on a folder.
fn refuse_special(path: &Path) -> Result<()> {
    let Ok(meta) = std::fs::symlink_metadata(path) else { return Ok(()) };
    if meta.file_type().is_symlink() {
        return Ok(());
    }
    match not_a_file(&meta) {
        None => Ok(()),
        Some((what, _)) => Err(Diagnostic::file(
            path.display().to_string(),
            format!("cannot write this file: it is {what}, not a regular file"),
        )
        .help("give the path of a regular file, or of one that does not exist yet")
        .into()),
    }
}

/// A report folder must be absent, a folder, or a link to one: anything else at `--out` (a
/// file, a named pipe, a device) is refused before a byte is written.
pub fn output_folder(path: &Path) -> Result<()> {
    let Ok(meta) = std::fs::metadata(path) else { return Ok(()) };
    if meta.is_dir() {
        return Ok(());
    }
    let what = not_a_file(&meta).map_or("a file", |(what, _)| what);
    Err(Diagnostic::file(path.display().to_string(), format!("cannot write a report here: it is {what}, not a folder"))
        .help("give --out a folder, or the path of one that does not exist yet")
        .into())
}

/// A new file `.<stem>.<random>.tmp.<ext>` in `path`'s folder (the extension kept, for writers
/// that choose a format by it), readable as an ordinary new file is (0666 less the umask, not
/// tempfile's 0600), since it becomes the output.
fn temporary_beside(path: &Path) -> std::io::Result<NamedTempFile> {
    let stem = path.file_stem().ok_or_else(|| std::io::Error::other("the path has no file name"))?;
    // Cut, so that a long target name still leaves a temporary name the file system accepts.
    let stem: String = stem.to_string_lossy().chars().take(64).collect();
    let ext = path.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let (prefix, suffix) = (format!(".{stem}."), format!(".tmp{ext}"));
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(&suffix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_that_are_not_utf8_are_located() {
        // Latin-1 `é` is the single byte 0xE9: line 2, after `name = "caf` (11 characters).
        let d = text_of("s.toml", b"[scenario]\nname = \"caf\xE9\"\n".to_vec()).unwrap_err();
        assert_eq!(d.location, Some((2, 12)));
        assert_eq!(d.message, "this file is not UTF-8 text: byte 0xE9 cannot appear here");
        assert_eq!(d.snippet.unwrap().text, "name = \"caf\u{FFFD}\"");
        // The first two of the three bytes of `€` (E2 82 AC), then the end of the file.
        let d = text_of("s.toml", b"# \xE2\x82".to_vec()).unwrap_err();
        assert_eq!(
            (d.location, d.message.as_str()),
            (Some((1, 3)), "this file is not UTF-8 text: it ends in the middle of a character")
        );
        assert_eq!(text_of("s.toml", "# €".as_bytes().to_vec()).unwrap().text, "# €");
    }

    #[test]
    fn a_write_replaces_the_file_whole_or_leaves_the_folder_as_it_was() {
        let dir = tempfile::Builder::new().prefix("files-write-").tempdir().unwrap();
        let path = dir.path().join("out.json");
        write(&path, b"one").unwrap();
        write(&path, b"two").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        // A fill that fails: an error naming the path, the old file kept, no temporary file left.
        let failed = write_with(&path, |f, _| f.write_all(b"half").and(Err(std::io::Error::other("disk full"))));
        assert!(matches!(failed, Err(Error::Write { ref path, .. }) if path.ends_with("out.json")));
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!((names, std::fs::read_to_string(&path).unwrap()), (vec!["out.json".into()], "two".to_string()));
    }
}
