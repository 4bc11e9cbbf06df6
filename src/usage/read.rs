//! What the usage readers share: the options of a read, what it counted besides records, files
//! and folders opened as line streams (gzip included), and a bad record kept or refused.
use super::{Skipped, Usage};
use crate::error::{Diagnostic, Snippet, io_reason};
use std::fs::File;
use std::io::{BufRead, BufReader, ErrorKind};
use std::path::{Path, PathBuf};

/// Seconds in a day.
const DAY_S: i64 = 86_400;
/// Read buffer: large enough that a gzip member or a long record streams in few system calls.
const BUFFER: usize = 256 * 1024;

/// How records are read: grouping, the period kept, bad records tolerated.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// The `requestMetadata` tag whose value is the group (`--group-by requestMetadata.KEY`);
    /// `None`: the group is the model id as written.
    pub group_by: Option<String>,
    /// First day kept (days since 1970-01-01, UTC), inclusive.
    pub from_day: Option<i64>,
    /// Last day kept, inclusive.
    pub to_day: Option<i64>,
    /// Bad records skipped (each kept in [`Usage::skipped`]) before one is an error.
    pub skip_bad: u64,
}

impl Options {
    /// Whether a time (unix seconds) falls in the days kept.
    pub fn in_period(&self, t: i64) -> bool {
        let day = t.div_euclid(DAY_S);
        self.from_day.is_none_or(|f| day >= f) && self.to_day.is_none_or(|l| day <= l)
    }
}

/// What a read counted besides the records it added to [`Usage`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Well-formed records outside `--from`/`--to`: read, not counted.
    pub outside: u64,
    /// Records counted in the group `(untagged)`: they lack the `--group-by` tag.
    pub untagged: u64,
}

/// The group of records that lack the `--group-by` tag.
pub const UNTAGGED: &str = "(untagged)";

/// Where a bad record is: its file, line and (for CSV) column, and the line's text.
pub struct At<'a> {
    pub path: &'a str,
    pub line: usize,
    pub column: Option<usize>,
    pub text: Option<&'a str>,
}

/// A bad record: kept in `usage.skipped` while `--skip-bad` allows, else the error.
pub fn bad(usage: &mut Usage, opts: &Options, at: &At, why: String) -> Result<(), Diagnostic> {
    if (usage.skipped.len() as u64) < opts.skip_bad {
        usage.skipped.push(Skipped { at: format!("{}:{}", at.path, at.line), why });
        return Ok(());
    }
    let mut d = match at.column {
        None => Diagnostic::file(format!("{}:{}", at.path, at.line), why),
        Some(col) => {
            let mut d = Diagnostic::file(at.path, why);
            d.location = Some((at.line, col));
            d.snippet = at.text.map(|t| Snippet::new(t, col - 1, 1));
            d
        }
    };
    d.help = Some(if opts.skip_bad == 0 {
        "fix or remove the record, or give --skip-bad N to skip up to N bad records (each is reported)".to_string()
    } else {
        let n = opts.skip_bad;
        let records = if n == 1 { "record was" } else { "records were" };
        format!("{n} bad {records} skipped before this one, as many as --skip-bad {n} allows")
    });
    Err(d)
}

/// The files to read, in order: each path given as it is, each folder's files found
/// recursively, in name order, those named `*.json`, `*.jsonl`, `*.log` or `*.gz` (hidden files
/// and folders skipped).
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let before = out.len();
            walk(p, &mut out)?;
            if out.len() == before {
                return Err(Diagnostic::file(
                    p.display().to_string(),
                    "this folder has no *.json, *.jsonl, *.log or *.gz file",
                )
                .help("give a folder that holds invocation-log files, or the files themselves"));
            }
        } else {
            // Checked now, not when its turn comes after hours of reading the files before it.
            std::fs::metadata(p).map_err(|e| unreadable(p, &e))?;
            out.push(p.clone());
        }
    }
    Ok(out)
}

const EXTENSIONS: &[&str] = &["json", "jsonl", "log", "gz"];

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Diagnostic> {
    let rd = std::fs::read_dir(dir).map_err(|e| {
        Diagnostic::file(dir.display().to_string(), format!("cannot read this folder: {}", reason(&e)))
            .help("check the path")
    })?;
    let mut entries: Vec<_> = rd.filter_map(|e| e.ok()).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        if e.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = e.path();
        // A link to a folder is not followed (no loops); a link to a file is read.
        let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
        if is_dir {
            walk(&path, out)?;
        } else if path.is_file() && path.extension().is_some_and(|x| EXTENSIONS.iter().any(|w| x == *w)) {
            out.push(path);
        }
    }
    Ok(())
}

fn reason(e: &std::io::Error) -> String {
    if e.kind() == ErrorKind::NotFound { "it does not exist".into() } else { io_reason(e) }
}

/// A file as a stream of bytes, gunzipped when it starts with gzip's magic bytes (every member
/// of a concatenated file is read: S3 deliveries may be several gzip members in one object).
pub fn open(path: &Path) -> Result<Box<dyn BufRead>, Diagnostic> {
    let shown = path.display().to_string();
    let unreadable = |e: std::io::Error| unreadable(path, &e);
    if path.is_dir() {
        return Err(
            Diagnostic::file(&shown, "cannot read this file: it is a folder").help("give the path of a file inside it")
        );
    }
    let mut reader = BufReader::with_capacity(BUFFER, File::open(path).map_err(unreadable)?);
    let head = reader.fill_buf().map_err(unreadable)?;
    if head.starts_with(&[0x1f, 0x8b]) {
        let gz = flate2::bufread::MultiGzDecoder::new(reader);
        Ok(Box::new(BufReader::with_capacity(BUFFER, gz)))
    } else {
        Ok(Box::new(reader))
    }
}

fn unreadable(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::file(path.display().to_string(), format!("cannot read this file: {}", reason(e)))
        .help("check the path: give log files, folders of them, or an hourly CSV")
}

/// An error reading a stream after `line` lines (a truncated or corrupt gzip file): not a bad
/// record, the rest of the file cannot be read.
pub fn broken(path: &str, line: usize, e: &std::io::Error) -> Diagnostic {
    Diagnostic::file(format!("{path}:{}", line + 1), format!("cannot read past line {line}: {}", io_reason(e)))
        .help("the file is truncated or corrupt: fetch it again")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_period_is_whole_utc_days_inclusive() {
        // Days 2026-11-01 and 2026-11-02: from the first second of one to the last of the other.
        let day = jiff::civil::date(2026, 11, 1).duration_since(jiff::civil::date(1970, 1, 1)).as_secs() / DAY_S;
        let o = Options { from_day: Some(day), to_day: Some(day + 1), ..Options::default() };
        let start = day * DAY_S;
        assert!(!o.in_period(start - 1));
        assert!(o.in_period(start));
        assert!(o.in_period(start + 2 * DAY_S - 1));
        assert!(!o.in_period(start + 2 * DAY_S));
        assert!(Options::default().in_period(0));
    }
}
