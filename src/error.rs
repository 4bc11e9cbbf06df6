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
    /// An output could not be written.
    #[error("error: cannot write {path}: {source}")]
    Write { path: String, source: std::io::Error },
}

impl Error {
    /// The exit code this error maps to.
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::BadInput
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
