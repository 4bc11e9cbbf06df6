//! Reading a baseline file: a regular file of at most 16 MiB, UTF-8 JSON with each key once per
//! object, of this schema; every problem is a located message.
use super::{Baseline, SCHEMA};
use crate::error::{Diagnostic, Error, Result};
use crate::source::{SourceFile, Span};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::path::Path;

/// At most this many duplicate keys are reported per file.
const MAX_DIAGNOSTICS: usize = 50;

const REGENERATE: &str = "regenerate it with `infercast baseline write`";

/// Reads and parses a baseline file.
pub fn read(path: &Path) -> Result<Baseline> {
    let file = read_text(path)?;
    // Syntax first, with the messages of serde_json's skimming parser ("key must be a string"
    // for a trailing comma), then repeated keys.
    serde_json::from_str::<serde::de::IgnoredAny>(&file.text).map_err(|e| json_error(&file, &e))?;
    let duplicates = duplicate_keys(&file)?;
    if !duplicates.is_empty() {
        return Err(Error::Input(duplicates));
    }
    // The format first: an older file differs in shape, and "unknown field" would hide why.
    let schema = serde_json::from_str::<Top>(&file.text).ok().and_then(|t| t.schema);
    if let Some(raw) = schema {
        let found = serde_json::from_str::<String>(raw.get()).ok().filter(|s| s != SCHEMA);
        if let Some(found) = found {
            return Err(old_schema(&file, &found, span_of(&file.text, raw.get())).into());
        }
    }
    let b: Baseline = serde_json::from_str(&file.text).map_err(|e| json_error(&file, &e))?;
    Ok(b)
}

/// The top-level `schema` value as written (any other field is skipped).
#[derive(Deserialize)]
struct Top<'a> {
    #[serde(borrow)]
    schema: Option<&'a RawValue>,
}

/// Where `raw`, a slice serde_json borrowed from `text`, lies in it.
fn span_of(text: &str, raw: &str) -> Span {
    let start = (raw.as_ptr() as usize).saturating_sub(text.as_ptr() as usize).min(text.len());
    start..(start + raw.len()).min(text.len())
}

/// A file of another format: an older one is re-blessed with this version once its changes are
/// understood; anything else is regenerated.
fn old_schema(file: &SourceFile, found: &str, span: Span) -> Diagnostic {
    let older = found.strip_prefix("infercast/baseline-v").and_then(|v| v.parse::<u32>().ok()).is_some_and(|v| v < 2);
    if older {
        Diagnostic::at(
            file,
            &span,
            format!(
                "this baseline is in the older format \"{found}\"; this infercast reads \"{SCHEMA}\", which also \
                 records each scenario's recommendation"
            ),
        )
        .help("re-bless it with this version: `infercast baseline write`, then review the new file's diff")
    } else {
        Diagnostic::at(file, &span, format!("baseline schema is \"{found}\", expected \"{SCHEMA}\""))
            .help("regenerate it with this version: `infercast baseline write`")
    }
}

/// The file as text: refused before reading when it is not a regular file or too large (a FIFO
/// would block forever), located at the first byte that is not UTF-8, with the OS reason when it
/// cannot be read (all in `crate::files`).
fn read_text(path: &Path) -> Result<SourceFile> {
    crate::files::read_with_help(path, "write one with `infercast baseline write`, or pass --baseline FILE")
}

/// A serde_json error at its line and column.
fn json_error(file: &SourceFile, e: &serde_json::Error) -> Error {
    let text = &file.text;
    let line_start: usize = text.split_inclusive('\n').take(e.line().saturating_sub(1)).map(str::len).sum();
    // serde_json counts columns in bytes; step back to a character boundary.
    let mut at = (line_start + e.column().saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    // A data error ("unknown field", "invalid type") is reported on the last byte of its key or
    // value: mark that whole string.
    let span = match e.classify() {
        serde_json::error::Category::Data if text.as_bytes().get(at) == Some(&b'"') => string_start(text, at)..at + 1,
        _ => at..at,
    };
    let message = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = message.strip_suffix(&suffix).unwrap_or(&message);
    Diagnostic::at(file, &span, format!("not a valid baseline: {message}")).help(REGENERATE).into()
}

/// The opening quote of the JSON string whose closing quote is at `end`: the nearest quote before
/// it that is not escaped (preceded by an even number of backslashes).
fn string_start(text: &str, end: usize) -> usize {
    let bytes = text.as_bytes();
    let escaped = |i: usize| bytes[..i].iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1;
    (0..end).rev().find(|&i| bytes[i] == b'"' && !escaped(i)).unwrap_or(end)
}

/// One message per key that repeats a key of the same object (found by serde_json, see
/// [`crate::json::duplicate_keys`]): serde_json would keep the last silently, so an edited
/// baseline could hide a figure from the check. A syntax error (or a number out of range, which
/// the syntax check skims over) is one message at its place.
fn duplicate_keys(file: &SourceFile) -> Result<Vec<Diagnostic>> {
    let found = crate::json::duplicate_keys(&file.text).map_err(|e| json_error(file, &e))?;
    let message = |d: &crate::json::DuplicateKey| {
        let (line, _) = file.line_col(d.first.start);
        let raw = &file.text[d.again.clone()];
        Diagnostic::at(file, &d.again, format!("key {raw} appears twice in this object (first on line {line})"))
            .help(format!("a baseline has each key once: delete one, or {REGENERATE}"))
    };
    Ok(found.iter().take(MAX_DIAGNOSTICS).map(message).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_key_is_found_in_its_own_object_only() {
        let file = SourceFile::new("b.json", "{\n  \"a\": {\"x\": 1},\n  \"b\": {\"x\": 2, \"\\u0078\": 3}\n}\n");
        let d = duplicate_keys(&file).unwrap();
        // "\u0078" is "x" again, in the object opened on line 3 (the "x" of line 2 is another's).
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].location, Some((3, 17)));
        assert_eq!(d[0].message, "key \"\\u0078\" appears twice in this object (first on line 3)");
    }

    #[test]
    fn a_string_is_found_back_from_its_closing_quote() {
        // `{"a\"b": ""}`: the key's quotes at 1 and 6 (the one at 4 is escaped), the empty
        // string's at 9 and 10.
        let text = r#"{"a\"b": ""}"#;
        assert_eq!((string_start(text, 6), string_start(text, 10)), (1, 9));
        // `"\\"`: a backslash escaped, so the quote after it closes the string.
        assert_eq!(string_start(r#"["\\", 1]"#, 4), 1);
    }

    #[test]
    fn the_schema_value_is_located() {
        let text = "{ \"scenarios\": {\"schema\": 1}, \"schema\" :  \"v0\" }";
        let raw = serde_json::from_str::<Top>(text).unwrap().schema.unwrap();
        assert_eq!(&text[span_of(text, raw.get())], "\"v0\"");
    }
}
