//! Typed errors, the one place they are rendered, and the exit codes they map to.
use crate::source::{SourceFile, Span};
use std::fmt;

/// Process exit codes: public API, documented in the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// Success.
    Ok = 0,
    /// A check found a difference (baseline drift).
    Drift = 1,
    /// Bad input: a file could not be read, parsed or validated.
    BadInput = 2,
    /// An output (stdout, a report file, a baseline) could not be written.
    WriteFailed = 3,
}

/// One problem in one input file, located and explained for the person editing it.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// File path as shown to the user.
    pub path: String,
    /// Byte range in the file, when the problem has one.
    pub span: Option<Span>,
    /// 1-based line and column, once located (see [`Diagnostic::locate`]).
    pub location: Option<(usize, usize)>,
    /// What is wrong, one sentence.
    pub message: String,
    /// The offending source line, cut to a window around the marker.
    pub snippet: Option<Snippet>,
    /// How to fix it.
    pub help: Option<String>,
    /// Further problems in the same file that are counted but not shown (past [`MAX_PER_FILE`]).
    pub omitted: usize,
}

/// Diagnostics shown per file; the rest are counted in one line.
pub const MAX_PER_FILE: usize = 50;
/// Characters of a source line shown under a message; a longer line is cut around the marker.
const WINDOW: usize = 100;
/// Characters kept before the marker when a long line is cut there.
const BEFORE: usize = 30;

/// The source line under a message, with the marked part.
#[derive(Debug, Clone, PartialEq)]
pub struct Snippet {
    /// At most [`WINDOW`] characters of the line, with `…` where it was cut.
    pub text: String,
    /// Characters of `text` before the marker.
    pub indent: usize,
    /// Width of the marker in characters (at least 1).
    pub width: usize,
}

impl Snippet {
    /// `line` with `width` characters marked from 0-based character `col`: one 64 KB line with
    /// thousands of problems prints a window of it per problem, not the whole line each time.
    pub fn new(line: &str, col: usize, width: usize) -> Self {
        let n = line.chars().count();
        let width = width.max(1);
        if n <= WINDOW {
            return Self { text: line.to_string(), indent: col, width };
        }
        let start = if col + width <= WINDOW { 0 } else { col.saturating_sub(BEFORE).min(n - WINDOW) };
        let end = start + WINDOW;
        let mut text = String::with_capacity(WINDOW + 8);
        if start > 0 {
            text.push('…');
        }
        text.extend(line.chars().skip(start).take(WINDOW));
        if end < n {
            text.push('…');
        }
        Self { text, indent: col - start + usize::from(start > 0), width: width.min(end.saturating_sub(col)).max(1) }
    }
}

impl Diagnostic {
    /// A problem at `span` of `file`.
    pub fn at(file: &SourceFile, span: &Span, message: impl Into<String>) -> Self {
        let mut d = Self::file(&file.path, message);
        d.span = Some(span.clone());
        d.locate(file);
        d
    }

    /// Something missing from `file`, located at the end of its text: where it can be added.
    pub fn at_end(file: &SourceFile, message: impl Into<String>) -> Self {
        let end = file.text.trim_end().len();
        Self::at(file, &(end..end), message)
    }

    /// A problem with a whole file (no position), e.g. it cannot be read.
    pub fn file(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            span: None,
            location: None,
            message: message.into(),
            snippet: None,
            help: None,
            omitted: 0,
        }
    }

    /// Adds the fix.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Fills in the line, column and snippet of the span (once), from the file it is in.
    pub fn locate(&mut self, file: &SourceFile) {
        let Some(span) = self.span.as_ref().filter(|_| self.location.is_none()) else { return };
        let (line, col) = file.line_col(span.start);
        let text = file.line_text(line);
        let line_rest = text.chars().count().saturating_sub(col - 1).max(1);
        let start = span.start.min(file.text.len());
        let width = file.text[start..span.end.clamp(start, file.text.len())]
            .lines()
            .next()
            .map_or(1, |s| s.chars().count().max(1));
        self.location = Some((line, col));
        self.snippet = Some(Snippet::new(text, col - 1, width.min(line_rest)));
    }
}

// Drawn here rather than by annotate-snippets or codespan-reporting: both draw rustc's layout
// (`error: message` then ` --> file:line:col`), not the one-line `error: file:line:col: message`
// that editors and CI logs jump to; the drawing is these few lines, the window is `Snippet`.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location {
            Some((line, col)) => writeln!(f, "error: {}:{line}:{col}: {}", self.path, self.message)?,
            None => writeln!(f, "error: {}: {}", self.path, self.message)?,
        }
        if let (Some((line, _)), Some(s)) = (self.location, &self.snippet) {
            let gutter = " ".repeat(line.to_string().len());
            writeln!(f, "{gutter} |")?;
            writeln!(f, "{line} | {}", s.text)?;
            writeln!(f, "{gutter} | {}{}", " ".repeat(s.indent), "^".repeat(s.width))?;
        }
        if let Some(help) = &self.help {
            writeln!(f, "  = help: {help}")?;
        }
        Ok(())
    }
}

/// Everything that can stop a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One or more input files are wrong; each diagnostic is one problem.
    #[error("{}", render(.0))]
    Input(Vec<Diagnostic>),
    /// An output could not be written: `path` names it (a file, a folder, or stdout), `source`
    /// carries the operating system's reason.
    #[error("error: cannot write {path}: {}", io_reason(.source))]
    Write { path: String, source: std::io::Error },
}

impl Error {
    /// The exit code this error maps to.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Error::Input(_) => ExitCode::BadInput,
            Error::Write { .. } => ExitCode::WriteFailed,
        }
    }
}

/// The operating system's reason for an I/O error, as a phrase that fits after a colon:
/// `No space left on device (os error 28)` → `no space left on device`.
pub fn io_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    let text = match text.rfind(" (os error ") {
        Some(at) if text.ends_with(')') => text[..at].to_string(),
        _ => text,
    };
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        // Lower the capital of a sentence, not of an acronym ("I/O error" stays).
        (Some(first), Some(second)) if first.is_ascii_uppercase() && second.is_ascii_lowercase() => {
            first.to_ascii_lowercase().to_string() + &text[1..]
        }
        _ => text,
    }
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Self {
        Error::Input(vec![d])
    }
}

/// Every diagnostic, at most [`MAX_PER_FILE`] a file (then one line counting the rest),
/// and the total when there is more than one.
fn render(diags: &[Diagnostic]) -> String {
    let mut parts: Vec<String> = Vec::new();
    // Per file: diagnostics shown, problems not shown, and where the note about them goes.
    let mut files: Vec<(&str, usize, usize, usize)> = Vec::new();
    for d in diags {
        let i = files.iter().position(|f| f.0 == d.path).unwrap_or_else(|| {
            files.push((&d.path, 0, 0, 0));
            files.len() - 1
        });
        let file = &mut files[i];
        if file.1 < MAX_PER_FILE {
            parts.push(d.to_string());
            file.1 += 1;
            file.2 += d.omitted;
            file.3 = parts.len();
        } else {
            file.2 += 1 + d.omitted;
        }
    }
    let total: usize = files.iter().map(|f| f.1 + f.2).sum();
    files.sort_by_key(|f| std::cmp::Reverse(f.3));
    for (path, shown, hidden, after) in files.into_iter().filter(|f| f.2 > 0) {
        parts.insert(after, format!("note: {path}: {hidden} more problems not shown (only the first {shown} are)\n"));
    }
    let mut out = parts.join("\n");
    if total > 1 {
        out.push_str(&format!("\n{total} problems found\n"));
    }
    out.trim_end().to_string()
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Error as IoError;

    #[test]
    fn io_reasons_read_as_phrases() {
        // ENOSPC is 28 on Linux and macOS; the text is the C library's strerror.
        #[cfg(unix)]
        assert_eq!(io_reason(&IoError::from_raw_os_error(28)), "no space left on device");
        assert_eq!(io_reason(&IoError::other("I/O error")), "I/O error");
        assert_eq!(io_reason(&IoError::other("it is a link")), "it is a link");
    }

    #[test]
    fn write_errors_have_their_own_exit_code() {
        let e = Error::Write { path: "out/x.csv".into(), source: IoError::other("Disk quota exceeded") };
        assert_eq!(e.exit_code() as u8, 3);
        assert_eq!(e.to_string(), "error: cannot write out/x.csv: disk quota exceeded");
        assert_eq!(Error::from(Diagnostic::file("a.toml", "bad")).exit_code() as u8, 2);
    }

    /// `0123456789` repeated: the character at column `c` (0-based) is the digit `c % 10`.
    fn digits(n: usize) -> String {
        (0..n).map(|i| char::from(b'0' + (i % 10) as u8)).collect()
    }

    #[test]
    fn short_lines_are_shown_whole() {
        let s = Snippet::new("model = 3", 8, 1);
        assert_eq!((s.text.as_str(), s.indent, s.width), ("model = 3", 8, 1));
    }

    #[test]
    fn long_lines_are_cut_to_a_window_around_the_marker() {
        let line = digits(64_000);
        // Marker at column 30,000: the window starts 30 characters before it (29,970) and holds
        // 100 characters (to 30,070), with `…` at both ends; the caret sits after `…` + 30.
        let s = Snippet::new(&line, 30_000, 3);
        assert_eq!(s.text, format!("…{}…", &line[29_970..30_070]));
        assert_eq!((s.indent, s.width), (31, 3));
        assert_eq!(s.text.chars().nth(s.indent), Some('0'), "the caret is under column 30,000 (a `0`)");
        // Near the start: the first 100 characters, cut at the end only.
        let s = Snippet::new(&line, 5, 2);
        assert_eq!((s.text, s.indent, s.width), (format!("{}…", &line[..100]), 5, 2));
        // Just past the end (something missing): the last 100 characters; the caret after them.
        let s = Snippet::new(&line, 64_000, 1);
        assert_eq!((s.text, s.indent, s.width), (format!("…{}", &line[63_900..]), 101, 1));
        // A marker wider than the window stops at its edge: 100 − 30 = 70 characters.
        let s = Snippet::new(&line, 1_000, 5_000);
        assert_eq!((s.indent, s.width), (31, 70));
    }

    fn problem(path: &str, n: usize) -> Diagnostic {
        Diagnostic::file(path, format!("problem {n}"))
    }

    #[test]
    fn at_most_fifty_a_file_then_a_count() {
        // a.toml: 60 problems → 50 shown, 10 counted; b.toml: 2 problems, both shown. 62 in all.
        let mut diags: Vec<Diagnostic> = (1..=60).map(|n| problem("a.toml", n)).collect();
        diags.extend((1..=2).map(|n| problem("b.toml", n)));
        let out = Error::Input(diags).to_string();
        assert_eq!(out.matches("error: a.toml: problem").count(), 50);
        assert!(out.contains("error: a.toml: problem 50\n\nnote: a.toml: 10 more problems not shown (only the first 50 are)\n\nerror: b.toml: problem 1\n"), "{out}");
        assert!(!out.contains("problem 51"));
        assert!(out.ends_with("error: b.toml: problem 2\n\n62 problems found"), "{out}");
    }

    #[test]
    fn problems_counted_by_a_checker_are_in_the_total() {
        // A checker kept 50 of 4,000 problems and counted the other 3,950 on the last one.
        let mut diags: Vec<Diagnostic> = (1..=50).map(|n| problem("a.toml", n)).collect();
        diags[49].omitted = 3_950;
        let out = Error::Input(diags).to_string();
        assert!(
            out.ends_with("note: a.toml: 3950 more problems not shown (only the first 50 are)\n\n4000 problems found")
        );
    }
}
