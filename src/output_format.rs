//! The output formats of every command: one set of words for `--format`. Each command accepts
//! the formats its renderer lists (its `FORMATS`); the command line refuses the others.
use crate::keyword::Keyword;

/// How a command prints its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// Aligned text for people.
    Table,
    /// JSON for tools; each command's help names its schema.
    Json,
    /// Rows for spreadsheets.
    Csv,
    /// Markdown, e.g. for a pull-request comment or a wiki page.
    Markdown,
}

impl Keyword for OutputFormat {
    const ALL: &'static [Self] = &[OutputFormat::Table, OutputFormat::Json, OutputFormat::Csv, OutputFormat::Markdown];
    const NAMES: &'static [&'static str] = &["table", "json", "csv", "markdown"];
}

impl OutputFormat {
    /// What the format is for, as `--help` lists it.
    pub fn help(self) -> &'static str {
        match self {
            OutputFormat::Table => "Aligned text for people",
            OutputFormat::Json => "JSON for tools (each command's help names its schema)",
            OutputFormat::Csv => "Rows for spreadsheets",
            OutputFormat::Markdown => "Markdown, e.g. for a pull-request comment or a wiki page",
        }
    }

    /// The arm of a renderer for a format its command does not accept: the command line
    /// refuses such a format before anything runs (`cli.rs`, from the renderer's `accepted`).
    pub fn not_accepted(self, accepted: &[OutputFormat]) -> ! {
        let names: Vec<&str> = accepted.iter().map(|f| f.as_str()).collect();
        unreachable!("`--format {}` is refused on the command line: accepted are {}", self.as_str(), names.join(", "))
    }
}
