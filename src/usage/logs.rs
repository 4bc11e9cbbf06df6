//! Bedrock model-invocation log records (AWS user guide, "Monitor model invocation using
//! CloudWatch Logs and Amazon S3"), one JSON object a line, streamed into [`Usage`]: only the
//! fields needed are read, message bodies are skipped by the parser and never held.
use super::read::{At, Counts, Options, UNTAGGED, bad, broken, expand, open};
use super::{Invocation, Usage};
use crate::error::Diagnostic;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::BufRead;
use std::path::PathBuf;

/// The fields of a record that are read; every other field (bodies, identity…) is skipped.
#[derive(Deserialize)]
struct Record<'a> {
    #[serde(borrow)]
    timestamp: Cow<'a, str>,
    #[serde(borrow)]
    region: Cow<'a, str>,
    #[serde(borrow, rename = "modelId")]
    model_id: Cow<'a, str>,
    input: Input,
    output: Output,
    #[serde(borrow, rename = "requestMetadata", default)]
    request_metadata: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct Input {
    #[serde(rename = "inputTokenCount")]
    input: u64,
    #[serde(rename = "cacheReadInputTokenCount", default)]
    cache_read: Option<u64>,
    #[serde(rename = "cacheWriteInputTokenCount", default)]
    cache_write: Option<u64>,
}

#[derive(Deserialize)]
struct Output {
    #[serde(rename = "outputTokenCount")]
    output: u64,
}

/// A CloudWatch Logs export wraps each log event: the record is the text of its `message`.
#[derive(Deserialize)]
struct Wrapped<'a> {
    #[serde(borrow)]
    message: Cow<'a, str>,
}

/// Reads every file (folders expanded) into `usage`, in order; a bad record is skipped while
/// `--skip-bad` allows, else the error, at its `file:line`, naming the field.
pub fn read(paths: &[PathBuf], opts: &Options, usage: &mut Usage) -> Result<Counts, Diagnostic> {
    let mut counts = Counts::default();
    for path in expand(paths)? {
        let shown = path.display().to_string();
        let reader = open(&path)?;
        usage.files.push(shown.clone());
        read_stream(reader, &shown, opts, usage, &mut counts)?;
    }
    Ok(counts)
}

/// One stream of records, line by line through one reused buffer: memory does not grow with it.
pub fn read_stream(
    mut reader: impl BufRead,
    path: &str,
    opts: &Options,
    usage: &mut Usage,
    counts: &mut Counts,
) -> Result<(), Diagnostic> {
    let mut buf: Vec<u8> = Vec::with_capacity(64 * 1024);
    let mut line = 0;
    loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => return Ok(()),
            Ok(_) => line += 1,
            Err(e) => return Err(broken(path, line, &e)),
        }
        let at = At { path, line, column: None, text: None };
        let text = match std::str::from_utf8(&buf) {
            Ok(t) => t.trim_end_matches(['\n', '\r']),
            Err(e) => {
                bad(
                    usage,
                    opts,
                    &at,
                    format!("this line is not UTF-8 text (a bad byte at column {})", e.valid_up_to() + 1),
                )?;
                continue;
            }
        };
        if text.trim().is_empty() {
            continue;
        }
        if let Err(why) = record(text, opts, usage, counts) {
            bad(usage, opts, &at, why)?;
        }
    }
}

/// One line: a record, or a CloudWatch Logs event whose `message` holds one.
fn record(text: &str, opts: &Options, usage: &mut Usage, counts: &mut Counts) -> Result<(), String> {
    match serde_json::from_str::<Record>(text) {
        Ok(r) => count(&r, opts, usage, counts),
        Err(first) => match serde_json::from_str::<Wrapped>(text) {
            Ok(w) => match serde_json::from_str::<Record>(&w.message) {
                Ok(r) => count(&r, opts, usage, counts),
                Err(e) => Err(format!("in `message`: {}", diagnose(&w.message, &e))),
            },
            Err(_) => Err(diagnose(text, &first)),
        },
    }
}

/// Counts a well-formed record: its time checked, its group found, kept when in the period.
fn count(r: &Record, opts: &Options, usage: &mut Usage, counts: &mut Counts) -> Result<(), String> {
    let t: jiff::Timestamp = r.timestamp.parse().map_err(|_| {
        format!("`timestamp` is not an RFC 3339 time like 2026-11-03T14:22:05Z: `{}`", cut(&r.timestamp))
    })?;
    let timestamp_s = t.as_second();
    let group = match &opts.group_by {
        None => Some(Cow::Borrowed(r.model_id.as_ref())),
        Some(key) => tag(r.request_metadata, key)?,
    };
    if !opts.in_period(timestamp_s) {
        counts.outside += 1;
        return Ok(());
    }
    let group = group.unwrap_or_else(|| {
        counts.untagged += 1;
        Cow::Borrowed(UNTAGGED)
    });
    usage.add(&Invocation {
        timestamp_s,
        region: &r.region,
        model_id: &r.model_id,
        group: &group,
        input: r.input.input,
        cache_read: r.input.cache_read.unwrap_or(0),
        cache_write: r.input.cache_write.unwrap_or(0),
        output: r.output.output,
    });
    Ok(())
}

/// The value of tag `key` in `requestMetadata` (a string), `None` when it is absent or null.
fn tag<'a>(meta: Option<&'a RawValue>, key: &str) -> Result<Option<Cow<'a, str>>, String> {
    let Some(meta) = meta.filter(|m| m.get() != "null") else { return Ok(None) };
    let map: HashMap<Cow<'a, str>, &'a RawValue> =
        serde_json::from_str(meta.get()).map_err(|_| "`requestMetadata` is not an object".to_string())?;
    let Some(value) = map.get(key).filter(|v| v.get() != "null") else { return Ok(None) };
    serde_json::from_str::<Cow<'a, str>>(value.get())
        .map(Some)
        .map_err(|_| format!("`requestMetadata.{key}` is not a string: `{}`", cut(value.get())))
}

/// Why a line is not a record, naming the field: parsed again as a plain JSON value, only
/// when the fast reading failed.
fn diagnose(text: &str, e: &serde_json::Error) -> String {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return format!("not valid JSON at column {}: {}", e.column(), without_position(&e)),
    };
    let Some(obj) = value.as_object() else {
        return format!("not a JSON object but `{}`", cut(&value.to_string()));
    };
    for field in ["timestamp", "region", "modelId"] {
        match obj.get(field) {
            None => return format!("`{field}` is missing"),
            Some(Value::String(_)) => {}
            Some(v) => return format!("`{field}` is not a string: `{}`", cut(&v.to_string())),
        }
    }
    let required = [("input", "inputTokenCount", true), ("output", "outputTokenCount", true)];
    let optional = [("input", "cacheReadInputTokenCount", false), ("input", "cacheWriteInputTokenCount", false)];
    for (parent, field, needed) in required.into_iter().chain(optional) {
        if let Some(why) = token_count(obj, parent, field, needed) {
            return why;
        }
    }
    // Not expected: every field the reading names was checked above.
    without_position(e)
}

/// Why `parent.field` is not a token count, if it is not one.
fn token_count(obj: &Map<String, Value>, parent: &str, field: &str, needed: bool) -> Option<String> {
    let p = match obj.get(parent) {
        None => return Some(format!("`{parent}` is missing")),
        Some(Value::Object(p)) => p,
        Some(v) => return Some(format!("`{parent}` is not an object: `{}`", cut(&v.to_string()))),
    };
    let name = format!("{parent}.{field}");
    match p.get(field) {
        None if needed => Some(format!("`{name}` is missing")),
        None | Some(Value::Null) if !needed => None,
        Some(Value::Number(n)) if n.as_u64().is_some() => None,
        Some(Value::Number(n)) if n.as_f64().is_some_and(|x| x < 0.0) => Some(format!("`{name}` is negative: `{n}`")),
        Some(v) => Some(format!("`{name}` is not a whole number of tokens: `{}`", cut(&v.to_string()))),
        None => None,
    }
}

/// serde_json's message without its " at line L column C" (the line is the file's, given apart).
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// At most 40 characters of a value shown in a message.
fn cut(s: &str) -> String {
    if s.chars().count() <= 40 { s.to_string() } else { s.chars().take(40).collect::<String>() + "…" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::usage::Measured;

    fn one(line: &str, opts: &Options) -> (Usage, Counts, Result<(), String>) {
        let (mut u, mut c) = (Usage::new(Measured::InvocationLogs), Counts::default());
        let r = record(line, opts, &mut u, &mut c);
        (u, c, r)
    }

    const OK: &str = r#"{"timestamp":"2026-11-03T14:22:05Z","region":"us-east-1","modelId":"m","input":{"inputBodyJson":{"messages":[{"content":"hi \"there\""}]},"inputTokenCount":812,"cacheReadInputTokenCount":1200},"output":{"outputTokenCount":230},"requestMetadata":{"feature":"chat"}}"#;

    #[test]
    fn a_record_counts_its_tokens_and_absent_cache_counts_are_zero() {
        let (u, c, r) = one(OK, &Options::default());
        r.unwrap();
        let g = &u.groups["m"];
        // 2026-11-03 is day 20,760 (1970–2025: 56 × 365 + 14 leap days = 20,454; Jan–Oct 2026: 304;
        // then 2 more): 20,760 × 86,400 + 14 × 3,600 = 1,793,714,400.
        let h = g.hours[&1_793_714_400];
        assert_eq!((h.invocations, h.input, h.cache_read, h.cache_write, h.output), (1, 812, 1200, 0, 230));
        assert_eq!(c, Counts::default());
    }

    #[test]
    fn bad_fields_are_named() {
        let cases = [
            (OK.replace("\"inputTokenCount\":812,", ""), "`input.inputTokenCount` is missing"),
            (OK.replace("812", "-5"), "`input.inputTokenCount` is negative: `-5`"),
            (OK.replace("230", "\"230\""), "`output.outputTokenCount` is not a whole number of tokens: `\"230\"`"),
            (OK.replace("1200", "1.5"), "`input.cacheReadInputTokenCount` is not a whole number of tokens: `1.5`"),
            (OK.replace("\"m\"", "null"), "`modelId` is not a string: `null`"),
            (
                OK.replace("2026-11-03T14:22:05Z", "yesterday"),
                "`timestamp` is not an RFC 3339 time like 2026-11-03T14:22:05Z: `yesterday`",
            ),
            (OK[..40].to_string(), "not valid JSON at column 40: EOF while parsing a string"),
        ];
        for (line, why) in cases {
            assert_eq!(one(&line, &Options::default()).2, Err(why.to_string()), "{line}");
        }
    }

    #[test]
    fn a_cloudwatch_event_is_read_from_its_message() {
        let wrapped = serde_json::json!({ "timestamp": 1_762_179_725_000_i64, "message": OK }).to_string();
        let (u, _, r) = one(&wrapped, &Options::default());
        r.unwrap();
        assert_eq!(u.records, 1);
    }

    #[test]
    fn groups_by_a_tag_and_counts_the_untagged() {
        let opts = Options { group_by: Some("feature".into()), ..Options::default() };
        let (u, c, r) = one(OK, &opts);
        r.unwrap();
        assert_eq!((u.groups["chat"].model_id.as_str(), c.untagged), ("m", 0));
        let (u, c, _) = one(&OK.replace("feature", "team"), &opts);
        assert_eq!((u.groups.keys().map(String::as_str).collect::<Vec<_>>(), c.untagged), (vec![UNTAGGED], 1));
    }
}
