//! Shared by catalog and scenario loading: TOML → raw serde types with located,
//! human-worded errors, and the field checks that turn raw values into validated ones.
use crate::error::{Diagnostic, MAX_PER_FILE};
use crate::source::{SourceFile, Span};
use crate::suggest::did_you_mean;
use serde::de::DeserializeOwned;
use toml::Spanned;

/// Parses `file` into the raw type `T`, turning toml/serde errors into one [`Diagnostic`].
pub fn parse<T: DeserializeOwned>(file: &SourceFile) -> Result<T, Diagnostic> {
    parse_text(file, &file.text)
}

/// Parses `text`, the text of `file` with its distributions replaced by numbers of the same
/// length (docs/model.md#uncertain-inputs); messages quote `file` as written.
pub fn parse_text<T: DeserializeOwned>(file: &SourceFile, text: &str) -> Result<T, Diagnostic> {
    toml::from_str(text).map_err(|e| toml_diagnostic(file, e.message(), e.span()))
}

/// Top-level tables of catalog and scenario files, and what each must hold.
const TABLES: &[(&str, &str)] = &[
    ("catalog", "with `provider`, `region`, `currency`, `source` and `retrieved`"),
    ("scenario", "with the scenario's `name`"),
    ("traffic", "with the volume, e.g. `requests_per_month = 1_000_000`,"),
];

fn between<'s>(s: &'s str, start: &str, end: &str) -> Option<&'s str> {
    let rest = &s[s.find(start)? + start.len()..];
    Some(&rest[..rest.find(end)?])
}

fn table_phrase(file: &SourceFile, offset: usize) -> String {
    file.table_at(offset).map_or_else(|| "at the top level".to_string(), |t| format!("in {t}"))
}

/// The key a value belongs to, read from the source line (`key = value`).
fn key_before(file: &SourceFile, offset: usize) -> Option<String> {
    let line_start = file.text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = file.text[line_start..offset].trim_end().strip_suffix('=')?.trim_end();
    let key = before.rsplit(|c: char| c == '{' || c == ',' || c.is_whitespace()).next()?;
    (!key.is_empty()).then(|| key.trim_matches('"').to_string())
}

fn describe_expected(serde_expected: &str) -> &'static str {
    match serde_expected.trim() {
        e if e.starts_with('f') => "a number",
        e if e.starts_with('u') || e.starts_with('i') || e == "an integer" => "a whole number",
        e if e.contains("string") => "a string",
        e if e.contains("bool") => "true or false",
        e if e.contains("sequence") || e.contains("array") => "an array",
        e if e.contains("date") => "a date like 2026-03-29 (no quotes)",
        _ => "a table",
    }
}

fn describe_found(found: &str) -> String {
    let found = found.trim();
    if let Some(s) = found.strip_prefix("string ") {
        return format!("the string {s}");
    }
    if let Some(v) = found.strip_prefix("floating point ").or_else(|| found.strip_prefix("integer ")) {
        return format!("the number {}", v.trim_matches('`'));
    }
    match found {
        "sequence" => "an array".into(),
        "map" => "a table".into(),
        f if f.starts_with("boolean") => format!("the boolean {}", f.trim_start_matches("boolean ").trim_matches('`')),
        f => f.to_string(),
    }
}

/// A required table or key is missing: a table at the end of the file, where it can be added;
/// a key at the header of the table that lacks it.
fn missing_field(file: &SourceFile, name: &str, span: &Span, at: impl Fn(String) -> Diagnostic) -> Diagnostic {
    let example =
        if file.text.contains("[catalog]") { "pricing/bedrock-anthropic.toml" } else { "scenarios/support-agent.toml" };
    if let Some(what) = TABLES.iter().find(|(t, _)| *t == name && span.start == 0).map(|(_, what)| what) {
        return Diagnostic::at_end(file, format!("missing the [{name}] table"))
            .help(format!("add a [{name}] table {what} at the end of the file (see {example} for an example)"));
    }
    let help = match name {
        "throughput_assumed" => "add `throughput_assumed = true` when the tokens-per-minute figures per MU are \
                                 estimates (AWS does not publish them), or `false` when they are published or measured"
            .to_string(),
        _ => format!("add `{name} = …` to this table (see {example} for an example)"),
    };
    at(format!("missing required key `{name}` {}", table_phrase(file, span.start))).help(help)
}

/// toml checks dates against the calendar (`2026-02-31`: "expected day between 01 and 28");
/// said with the month: "February 2026 has 28 days".
fn why_not_a_date(file: &SourceFile, span: &Span, toml_reason: &str) -> String {
    match crate::dates::check(file.text.get(span.clone()).unwrap_or("")) {
        Err(crate::dates::NotADate::NoSuchDay { month, days }) => format!("{month} has {days} days"),
        _ => toml_reason.to_string(),
    }
}

/// Words a raw toml/serde error for the person editing the file.
pub fn toml_diagnostic(file: &SourceFile, message: &str, span: Option<Span>) -> Diagnostic {
    // toml gives a span for every error it reports; without one, the file is all there is to name.
    let located = span.clone();
    let at = |msg: String| match &located {
        Some(span) => Diagnostic::at(file, span, msg),
        None => Diagnostic::file(&file.path, msg),
    };
    let span = span.unwrap_or(0..0);
    let (line, _) = file.line_col(span.start);
    let header = file.line_text(line).trim_start();
    // A span on a header line names a table: its context is its parent, not itself.
    let on_header = header.starts_with('[');
    let table = match file.table_at(span.start) {
        Some(t) if on_header => t.split_once(" of ").map_or("at the top level".into(), |(_, p)| format!("in {p}")),
        _ if on_header => "at the top level".into(),
        _ => table_phrase(file, span.start),
    };
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let name = &rest[..rest.find('`').unwrap_or(rest.len())];
        let expected: Vec<&str> = rest.split("expected").nth(1).unwrap_or("").split('`').skip(1).step_by(2).collect();
        let what = if on_header { "table" } else { "key" };
        return at(format!("unknown {what} `{name}` {table}")).help(did_you_mean(
            name,
            expected.iter().copied(),
            "valid names here",
        ));
    }
    if let Some(name) = between(message, "missing field `", "`") {
        return missing_field(file, name, &span, at);
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected").unwrap_or((rest, ""));
        let key = key_before(file, span.start).map_or_else(String::new, |k| format!("`{k}` "));
        return at(format!("{key}must be {}, found {}", describe_expected(expected), describe_found(found)))
            .help(format!("write {}", describe_expected(expected)));
    }
    if message.starts_with("invalid value: ") || message.starts_with("unknown variant") {
        return at(format!("invalid value {table}: {message}"));
    }
    if message == "duplicate key" {
        let key = &file.text[span.clone()];
        return at(format!("duplicate key `{key}` {table}")).help("each key may appear once per table; remove one");
    }
    if let Some(reason) = message.strip_prefix("invalid date, ") {
        let name = key_before(file, span.start);
        let key = name.as_ref().map_or_else(String::new, |k| format!("`{k}` "));
        let d = at(format!("{key}is not a calendar date: {}", why_not_a_date(file, &span, reason)));
        // A scenario's `start` is a month, written as a string (docs/model.md#start-month).
        if name.as_deref() == Some("start") {
            return d.help("`start` is a year and month in quotes: write e.g. start = \"2027-01\"");
        }
        return d.help("write a real date like 2026-02-28 (no quotes)");
    }
    at(format!("invalid TOML: {message}")).help("fix the TOML syntax at this position")
}

/// Collects problems while converting one file's raw values into validated ones.
pub struct Checker<'a> {
    pub file: &'a SourceFile,
    pub diags: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    pub fn new(file: &'a SourceFile) -> Self {
        Self { file, diags: Vec::new() }
    }

    /// Records a problem at `span`; its line, column and snippet are filled in by
    /// [`Self::finish`], only for the problems that are shown.
    pub fn error(&mut self, span: &Span, message: impl Into<String>, help: impl Into<String>) {
        let mut d = Diagnostic::file(&self.file.path, message).help(help);
        d.span = Some(span.clone());
        self.diags.push(d);
    }

    /// A name or key as people and logs read it: not blank, and free of control characters —
    /// a line break, carriage return or escape code would reach terminals, CI logs and report
    /// files raw, and could forge a line there. Reports and returns false otherwise.
    pub fn identifier(&mut self, span: &Span, s: &str, key: &str) -> bool {
        if s.trim().is_empty() {
            self.error(
                span,
                format!("`{key}` must not be blank"),
                format!("give `{key}` at least one visible character"),
            );
            return false;
        }
        self.printable(span, s, key)
    }

    /// `s` has no control character (see [`Self::identifier`]); reports and returns false otherwise.
    pub fn printable(&mut self, span: &Span, s: &str, key: &str) -> bool {
        let Some(c) = s.chars().find(|c| c.is_control()) else { return true };
        self.error(
            span,
            format!("`{key}` holds the control character `{}`", c.escape_debug()),
            "use printable characters only: control characters would reach terminals and CI logs raw",
        );
        false
    }

    /// Records something missing from the file, located at its end: where the help says to add it.
    pub fn file_error(&mut self, message: impl Into<String>, help: impl Into<String>) {
        let end = self.file.text.trim_end().len();
        self.error(&(end..end), message, format!("{} at the end of the file", help.into()));
    }

    /// A finite number within `[min, max]` (inclusive); reports and returns `min` otherwise.
    pub fn number_in(&mut self, v: &Spanned<f64>, key: &str, min: f64, max: f64) -> f64 {
        let x = *v.get_ref();
        if !x.is_finite() {
            self.error(&v.span(), format!("`{key}` must be a finite number, found {x}"), "write a plain number");
            return min;
        }
        if x < min || x > max {
            let (range, help) = match (min, max) {
                (a, b) if a == 0.0 && b == f64::INFINITY => {
                    ("zero or more".to_string(), "use zero or a positive number".to_string())
                }
                (a, b) if b == f64::INFINITY => (format!("at least {a}"), format!("use a number of at least {a}")),
                (a, b) => (format!("between {a} and {b}"), format!("use a number between {a} and {b}")),
            };
            self.error(&v.span(), format!("`{key}` must be {range}, found {x}"), help);
            return min;
        }
        x
    }

    /// A finite number ≥ 0.
    pub fn non_negative(&mut self, v: &Spanned<f64>, key: &str) -> f64 {
        self.number_in(v, key, 0.0, f64::INFINITY)
    }

    /// Like [`Self::non_negative`] for an optional field, with a default.
    pub fn non_negative_or(&mut self, v: &Option<Spanned<f64>>, key: &str, default: f64) -> f64 {
        v.as_ref().map_or(default, |v| self.non_negative(v, key))
    }

    /// A finite number > 0.
    pub fn positive(&mut self, v: &Spanned<f64>, key: &str) -> f64 {
        let x = *v.get_ref();
        // Below zero too, not "zero or more": zero is refused here as well.
        if x.is_finite() && x <= 0.0 {
            let found = if x == 0.0 { 0.0 } else { x };
            self.error(&v.span(), format!("`{key}` must be greater than zero, found {found}"), "use a positive value");
            return 0.0;
        }
        self.non_negative(v, key)
    }

    /// A whole number ≥ `min`.
    pub fn whole(&mut self, v: &Spanned<f64>, key: &str, min: u32) -> u32 {
        let x = self.number_in(v, key, f64::from(min), f64::INFINITY);
        if x > f64::from(u32::MAX) {
            self.error(&v.span(), format!("`{key}` is too large, found {x}"), "use a realistic count");
            return min;
        }
        if x.fract() != 0.0 {
            self.error(&v.span(), format!("`{key}` must be a whole number, found {x}"), "drop the fraction");
            return min;
        }
        x as u32
    }

    /// A name from a fixed list, with a suggestion when misspelt.
    pub fn one_of<'k>(&mut self, v: &Spanned<String>, key: &str, allowed: &[&'k str]) -> Option<&'k str> {
        let found = allowed.iter().find(|a| **a == v.get_ref().as_str()).copied();
        if found.is_none() {
            let help = did_you_mean(v.get_ref(), allowed.iter().copied(), "allowed values");
            self.error(&v.span(), format!("`{key}` cannot be \"{}\"", v.get_ref()), help);
        }
        found
    }

    /// The variant of `K` that `v` names; an error listing `K`'s names otherwise.
    pub fn keyword<K: crate::keyword::Keyword>(&mut self, v: &Spanned<String>, key: &str) -> Option<K> {
        self.one_of(v, key, K::NAMES).and_then(K::parse)
    }

    /// The variant among `allowed` that `v` names; an error listing their names otherwise.
    pub fn keyword_among<K: crate::keyword::Keyword>(
        &mut self,
        v: &Spanned<String>,
        key: &str,
        allowed: &[K],
    ) -> Option<K> {
        let names: Vec<&'static str> = allowed.iter().map(|k| k.as_str()).collect();
        self.one_of(v, key, &names).and_then(K::parse)
    }

    /// Ok when nothing was reported. Problems come out in file order, whatever order the
    /// checks ran in: the first [`MAX_PER_FILE`] located, the rest only counted.
    pub fn finish<T>(mut self, value: T) -> Result<T, Vec<Diagnostic>> {
        if self.diags.is_empty() {
            return Ok(value);
        }
        self.diags.sort_by_key(|d| d.span.as_ref().map(|s| s.start));
        let omitted = self.diags.len().saturating_sub(MAX_PER_FILE);
        self.diags.truncate(MAX_PER_FILE);
        for d in &mut self.diags {
            d.locate(self.file);
        }
        if let Some(last) = self.diags.last_mut() {
            last.omitted += omitted;
        }
        Err(self.diags)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_checker_keeps_the_first_fifty_in_file_order_and_counts_the_rest() {
        // One 64 KB line, `x = [` then 4,000 items `"bad-item-abc", ` of 16 characters each,
        // with a problem at every item: 4,000 problems.
        let line = format!("x = [{}]", vec!["\"bad-item-abc\""; 4_000].join(", "));
        let file = SourceFile::new("flood.toml", line.clone());
        let mut ck = Checker::new(&file);
        let starts: Vec<usize> = line.match_indices("\"bad").map(|(i, _)| i).collect();
        assert_eq!(starts.len(), 4_000);
        // Reported backwards: they still come out in file order.
        for &s in starts.iter().rev() {
            ck.error(&(s..s + 14), "bad item", "fix it");
        }
        let diags = ck.finish(()).unwrap_err();
        assert_eq!(diags.len(), 50);
        assert_eq!(diags[49].omitted, 3_950);
        // Item k (0-based) starts at byte 5 + 16·k, column 6 + 16·k.
        assert_eq!(line.len(), 5 + 4_000 * 16 - 2 + 1);
        assert_eq!(diags[0].location, Some((1, 6)));
        assert_eq!(diags[49].location, Some((1, 6 + 16 * 49)));
        let out = crate::error::Error::Input(diags).to_string();
        // 50 windows of at most 102 characters each, not 50 (or 4,000) copies of the line.
        assert!(out.len() < 50 * 400, "{} bytes", out.len());
        assert!(out.ends_with(
            "note: flood.toml: 3950 more problems not shown (only the first 50 are)\n\n4000 problems found"
        ));
    }

    #[test]
    fn something_missing_is_located_at_the_end_of_the_file() {
        let file = SourceFile::new("s.toml", "[scenario]\nname = \"x\"\n\n");
        let mut ck = Checker::new(&file);
        ck.file_error("no [[option]]", "add one");
        let d = ck.finish(()).unwrap_err().remove(0);
        // After `name = "x"` (10 characters) on line 2; trailing blank lines are not counted.
        assert_eq!((d.location, d.help.as_deref()), (Some((2, 11)), Some("add one at the end of the file")));
    }
}
