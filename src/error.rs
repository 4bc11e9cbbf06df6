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
    /// 1-based line and column, when the problem has a location.
    pub location: Option<(usize, usize)>,
    /// What is wrong, one sentence.
    pub message: String,
    /// The offending source line and the width of the marker under it.
    pub snippet: Option<(String, usize)>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem at `span` of `file`.
    pub fn at(file: &SourceFile, span: &Span, message: impl Into<String>) -> Self {
        let (line, col) = file.line_col(span.start);
        let text = file.line_text(line).to_string();
        let line_rest = text.chars().count().saturating_sub(col - 1).max(1);
        let width = file.text[span.clone()].lines().next().map_or(1, |s| s.chars().count().max(1));
        Self {
            path: file.path.clone(),
            location: Some((line, col)),
            message: message.into(),
            snippet: Some((text, width.min(line_rest))),
            help: None,
        }
    }

    /// A problem with a whole file (no position), e.g. it cannot be read.
    pub fn file(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self { path: path.into(), location: None, message: message.into(), snippet: None, help: None }
    }

    /// Adds the fix.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location {
            Some((line, col)) => writeln!(f, "error: {}:{line}:{col}: {}", self.path, self.message)?,
            None => writeln!(f, "error: {}: {}", self.path, self.message)?,
        }
        if let (Some((line, col)), Some((text, width))) = (self.location, &self.snippet) {
            let gutter = " ".repeat(line.to_string().len());
            writeln!(f, "{gutter} |")?;
            writeln!(f, "{line} | {text}")?;
            writeln!(f, "{gutter} | {}{}", " ".repeat(col - 1), "^".repeat(*width))?;
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

fn render(diags: &[Diagnostic]) -> String {
    let mut out: String = diags.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n");
    if diags.len() > 1 {
        out.push_str(&format!("\n{} problems found\n", diags.len()));
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
}
