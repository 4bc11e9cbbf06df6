//! The properties every run must keep, whatever its input; each broken one is a failure class.
use super::run::Outcome;
use std::path::Path;

/// Exit codes the README documents: 0 success, 1 a check found a difference, 2 bad input,
/// 3 an output could not be written.
const DOCUMENTED: std::ops::RangeInclusive<i32> = 0..=3;
/// Diagnostics per file (docs: at most 50) and bytes of stderr in all: a flood beyond these is
/// a failure even when every message is right.
const MAX_ERRORS_PER_FILE: usize = 50;
const MAX_STDERR: usize = 256 * 1024;

/// Messages about a file that no line and column could point to: the file as a whole could not
/// be read (its OS reason follows), is not a regular file, or is too large to read; and
/// `solve`'s messages about the command's choice of option, which is not in the file.
const UNLOCATED_OK: &[&str] = &[
    "cannot read",
    "not a regular file",
    "is a folder",
    "16 MiB",
    "the one `solve` uses",
    "no option named",
    "the bill of",
];

/// Unless the message says the problem is in the bytes: those have a line and column.
const CONTENT_PROBLEMS: &[&str] = &["UTF-8"];

/// One broken property: `class` groups failures of one kind, `detail` shows this one.
pub struct Failure {
    pub class: String,
    pub detail: String,
}

fn fail(class: impl Into<String>, detail: impl Into<String>) -> Failure {
    Failure { class: class.into(), detail: detail.into() }
}

/// Checks the process-level properties; `inputs` are the file paths as passed on the command line.
pub fn outcome(o: &Outcome, inputs: &[String]) -> Vec<Failure> {
    let stderr = String::from_utf8_lossy(&o.stderr);
    let mut out = Vec::new();
    if o.code == Some(101) || stderr.contains("panicked at") {
        return vec![fail(format!("panic: {}", normalise(panic_site(&stderr))), first_lines(&stderr))];
    }
    let Some(code) = o.code else {
        return vec![fail(format!("killed by signal {:?}", o.signal), first_lines(&stderr))];
    };
    if !DOCUMENTED.contains(&code) {
        out.push(fail(format!("undocumented exit code {code}"), first_lines(&stderr)));
    }
    if o.stderr_len > MAX_STDERR {
        let start: Vec<String> = stderr.lines().take(6).map(|l| cut(l, 200)).collect();
        out.push(fail("stderr flood", format!("{} bytes of stderr, starting:\n{}", o.stderr_len, start.join("\n"))));
    }
    if code == 2 {
        if stderr.trim().is_empty() {
            out.push(fail("exit 2 without a message", String::new()));
        }
        if !o.stdout.is_empty() {
            out.push(fail("stdout written on exit 2", first_lines(&String::from_utf8_lossy(&o.stdout))));
        }
        out.extend(locations(&stderr, inputs));
    }
    if code == 0 || code == 1 {
        out.extend(finite(&String::from_utf8_lossy(&o.stdout), "stdout"));
    }
    out
}

/// Every `error:` line about one of `inputs` has `:LINE:COL:` unless it is one of the
/// `UNLOCATED_OK` kinds; at most `MAX_ERRORS_PER_FILE` per file.
fn locations(stderr: &str, inputs: &[String]) -> Vec<Failure> {
    let mut out = Vec::new();
    for path in inputs {
        let prefix = format!("error: {path}:");
        let mut count = 0;
        for line in stderr.lines().filter_map(|l| l.strip_prefix(&prefix)) {
            count += 1;
            let located = line.split(':').take(2).all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
            let whole_file =
                UNLOCATED_OK.iter().any(|ok| line.contains(ok)) && !CONTENT_PROBLEMS.iter().any(|c| line.contains(c));
            if !located && !whole_file {
                out.push(fail(format!("unlocated: {}", normalise(line.trim())), format!("error: {path}:{line}")));
            }
        }
        if count > MAX_ERRORS_PER_FILE {
            out.push(fail("more than 50 diagnostics for one file", format!("{count} for {path}")));
        }
    }
    out
}

/// `inf`, `infinity` or `NaN` as a word of an output meant for people or programs.
pub fn finite(text: &str, what: &str) -> Vec<Failure> {
    let words = text.split(|c: char| !c.is_ascii_alphabetic());
    let bad: Vec<&str> =
        words.filter(|w| matches!(w.to_ascii_lowercase().as_str(), "inf" | "infinity" | "nan")).collect();
    if bad.is_empty() {
        return Vec::new();
    }
    let line = text.lines().find(|l| bad.iter().any(|b| l.contains(b))).unwrap_or_default();
    vec![fail(format!("non-finite figure in {what}"), cut(line, 300))]
}

/// The text files a `report` wrote under `dir` must be finite too.
pub fn report_files(dir: &Path) -> Vec<Failure> {
    let mut out = Vec::new();
    for (path, _) in super::run::listing(dir) {
        let text_file = path.extension().is_some_and(|e| ["md", "csv", "json", "svg"].iter().any(|x| e == *x));
        if text_file && let Ok(text) = std::fs::read_to_string(&path) {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            out.extend(finite(&text, &format!("report file {name}")));
        }
    }
    out
}

/// Where the panic happened (`src/…:line:col`), to group panics by site.
fn panic_site(stderr: &str) -> &str {
    stderr.lines().find(|l| l.contains("panicked at")).unwrap_or("(no panic line)")
}

/// Groups messages by shape: digits, quoted names and paths do not make a new class.
pub fn normalise(message: &str) -> String {
    let mut out = String::new();
    let mut quote = None;
    for c in message.chars() {
        match c {
            '`' | '"' if quote.is_none_or(|q| q == c) => {
                quote = if quote.is_some() { None } else { Some(c) };
                out.push(c);
                if quote.is_some() {
                    out.push('…');
                }
            }
            _ if quote.is_some() => {}
            '0'..='9' => {
                if !out.ends_with('#') {
                    out.push('#');
                }
            }
            _ => out.push(c),
        }
    }
    cut(&out, 160)
}

fn first_lines(text: &str) -> String {
    cut(&text.lines().take(8).collect::<Vec<_>>().join("\n"), 1200)
}

/// At most `max` characters, marked when cut.
pub fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}
