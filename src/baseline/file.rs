//! Reading a baseline file: a regular file of at most 16 MiB, UTF-8 JSON with each key once per
//! object, of this schema; every problem is a located message.
use super::{Baseline, SCHEMA};
use crate::error::{Diagnostic, Error, Result};
use crate::source::{SourceFile, Span};
use std::collections::HashMap;
use std::path::Path;

/// At most this many duplicate keys are reported per file.
const MAX_DIAGNOSTICS: usize = 50;

const REGENERATE: &str = "regenerate it with `infercast baseline write`";

/// Reads and parses a baseline file.
pub fn read(path: &Path) -> Result<Baseline> {
    let file = read_text(path)?;
    // Syntax first (serde_json locates it), so that the key scan only ever sees valid JSON.
    serde_json::from_str::<serde::de::IgnoredAny>(&file.text).map_err(|e| json_error(&file, &e))?;
    let duplicates = duplicate_keys(&file);
    if !duplicates.is_empty() {
        return Err(Error::Input(duplicates));
    }
    // The format first: an older file differs in shape, and "unknown field" would hide why.
    let schema = serde_json::from_str::<serde_json::Value>(&file.text)
        .ok()
        .and_then(|v| v.get("schema").and_then(|s| s.as_str()).map(str::to_string));
    if let Some(found) = schema.filter(|s| s != SCHEMA) {
        return Err(old_schema(&file, &found).into());
    }
    let b: Baseline = serde_json::from_str(&file.text).map_err(|e| json_error(&file, &e))?;
    Ok(b)
}

/// A file of another format: an older one is re-blessed with this version once its changes are
/// understood; anything else is regenerated.
fn old_schema(file: &SourceFile, found: &str) -> Diagnostic {
    let span = schema_value(&file.text).unwrap_or(0..0);
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
        serde_json::error::Category::Data => {
            strings(text).into_iter().map(|(_, s)| s).find(|s| s.end == at + 1).unwrap_or(at..at)
        }
        _ => at..at,
    };
    let message = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = message.strip_suffix(&suffix).unwrap_or(&message);
    Diagnostic::at(file, &span, format!("not a valid baseline: {message}")).help(REGENERATE).into()
}

/// One message per key that repeats a key of the same object: serde_json would keep the last
/// silently, so an edited baseline could hide a figure from the check.
fn duplicate_keys(file: &SourceFile) -> Vec<Diagnostic> {
    let mut seen: HashMap<(usize, String), usize> = HashMap::new();
    let mut out = Vec::new();
    for (object, span) in object_keys(&file.text) {
        let raw = &file.text[span.clone()];
        // Decoded, so that "a" and "\u0061" are the same key.
        let name: String = serde_json::from_str(raw).unwrap_or_else(|_| raw.to_string());
        if let Some(first) = seen.get(&(object, name.clone())) {
            let (line, _) = file.line_col(*first);
            out.push(
                Diagnostic::at(file, &span, format!("key {raw} appears twice in this object (first on line {line})"))
                    .help(format!("a baseline has each key once: delete one, or {REGENERATE}")),
            );
            if out.len() == MAX_DIAGNOSTICS {
                break;
            }
        } else {
            seen.insert((object, name), span.start);
        }
    }
    out
}

/// End (exclusive) of the JSON string opening at `start`.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Every string of a valid JSON text, with its quotes: the index of its object when it is a key
/// (objects numbered in the order of their opening braces, 0 the outermost), and its span.
fn strings(text: &str) -> Vec<(Option<usize>, Span)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    // Per open container: its object index, or `None` for an array.
    let mut open: Vec<Option<usize>> = Vec::new();
    let (mut objects, mut expect_key, mut i) = (0, false, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'{' => {
                open.push(Some(objects));
                objects += 1;
                expect_key = true;
            }
            b'[' => open.push(None),
            b'}' | b']' => {
                open.pop();
            }
            b',' => expect_key = matches!(open.last(), Some(Some(_))),
            b'"' => {
                let end = string_end(bytes, i);
                out.push((open.last().copied().flatten().filter(|_| expect_key), i..end));
                expect_key = false;
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Every object key: the index of its object and its span.
fn object_keys(text: &str) -> impl Iterator<Item = (usize, Span)> {
    strings(text).into_iter().filter_map(|(object, span)| Some((object?, span)))
}

/// Span of the top-level `schema` value, when it is a string.
fn schema_value(text: &str) -> Option<Span> {
    let (_, key) = object_keys(text).find(|(o, k)| *o == 0 && &text[k.clone()] == "\"schema\"")?;
    let rest = text[key.end..].trim_start().strip_prefix(':')?.trim_start();
    let start = text.len() - rest.len();
    rest.starts_with('"').then(|| start..string_end(text.as_bytes(), start))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<(usize, &str)> {
        object_keys(text).map(|(o, s)| (o, &text[s])).collect()
    }

    #[test]
    fn keys_are_told_from_values_at_every_level() {
        // Objects in opening order: 0 the outer, 1 under "b", 2 the empty one, 3 and 4 the array's.
        let text = r#"{"a": "x", "b": {"c": [1, "d"], "e": {}}, "f": [{"g": 1}, {"h\"": "i"}]}"#;
        assert_eq!(
            keys(text),
            [(0, "\"a\""), (0, "\"b\""), (1, "\"c\""), (1, "\"e\""), (0, "\"f\""), (3, "\"g\""), (4, "\"h\\\"\"")]
        );
    }

    #[test]
    fn a_repeated_key_is_found_in_its_own_object_only() {
        let file = SourceFile::new("b.json", "{\n  \"a\": {\"x\": 1},\n  \"b\": {\"x\": 2, \"\\u0078\": 3}\n}\n");
        let d = duplicate_keys(&file);
        // "\u0078" is "x" again, in the object opened on line 3 (the "x" of line 2 is another's).
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].location, Some((3, 17)));
        assert_eq!(d[0].message, "key \"\\u0078\" appears twice in this object (first on line 3)");
    }

    #[test]
    fn the_schema_value_is_located() {
        let text = "{ \"scenarios\": {\"schema\": 1}, \"schema\" :  \"v0\" }";
        assert_eq!(schema_value(text).map(|s| &text[s]), Some("\"v0\""));
    }
}
