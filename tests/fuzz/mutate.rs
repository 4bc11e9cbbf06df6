//! Seeded byte-level mutations of TOML and JSON inputs: numbers, lines, keys, types, bytes.

pub use super::rng::Rng;

/// Which syntax the input is in: decides which numbers, keys and values make sense.
#[derive(Clone, Copy, PartialEq)]
pub enum Syntax {
    Toml,
    Json,
}

const TOML_NUMBERS: &[&str] = &[
    "0",
    "-1",
    "1e308",
    "-1e308",
    "1e-320",
    "5e-324",
    "1e-300",
    "nan",
    "inf",
    "-inf",
    "+inf",
    "1e22",
    "1e17",
    "1e15",
    "1e9",
    "9223372036854775807",
    "9223372036854775808",
    "1e400",
    "-0.0",
    "0.5",
    "2",
    "36",
    "1000",
    "0.000001",
    "1_000_000_000_000",
];
const JSON_NUMBERS: &[&str] =
    &["0", "-1", "1e308", "-1e308", "1e-320", "5e-324", "1e400", "-0.0", "0.5", "1e22", "18446744073709551616"];
const TOML_VALUES: &[&str] = &[
    "\"text\"",
    "42",
    "4.2",
    "true",
    "{ a = 1 }",
    "[1, 2]",
    "[]",
    "1979-05-27",
    "1979-05-27T07:32:00Z",
    "\"\"",
    "{}",
    "[[1], [\"a\"]]",
];
const JSON_VALUES: &[&str] = &["\"text\"", "42", "true", "{}", "[]", "null", "{\"a\": 1}", "[1, \"a\"]", "\"\""];
const STRINGS: &[&str] = &[
    "",
    "../../x",
    "../../../escape",
    "@ABS@/absolute",
    "a\\u0000b",
    "CON",
    ".hidden",
    "nul",
    "a/b",
    "..",
    ".",
    " ",
    "é\\u202eevil",
    "a\\\\b",
    "x:y",
    "-",
    "_",
];
const BAD_BYTES: &[&[u8]] = &[b"\xff", b"\xc3", b"\x80", b"\xed\xa0\x80", b"\xc0\x80", b"\xfe\xff", b"\0"];

/// Applies one to three mutations; returns the new bytes and what was done, for the report.
/// `@ABS@` in a string mutation is replaced by `abs_dir`, a folder the harness watches.
pub fn mutate(rng: &mut Rng, text: &[u8], other: &[u8], syntax: Syntax, abs_dir: &str) -> (Vec<u8>, Vec<String>) {
    let mut bytes = text.to_vec();
    let mut done = Vec::new();
    let count = 1 + usize::from(rng.chance(40)) + usize::from(rng.chance(15));
    for _ in 0..count {
        let (next, what) = mutate_once(rng, &bytes, other, syntax);
        bytes = next;
        done.push(what);
    }
    (replace_all(&bytes, b"@ABS@", abs_dir.as_bytes()), done)
}

fn mutate_once(rng: &mut Rng, b: &[u8], other: &[u8], syntax: Syntax) -> (Vec<u8>, String) {
    let mut lines = split_lines(b);
    if lines.is_empty() {
        lines.push(Vec::new());
    }
    let n = lines.len();
    let i = rng.below(n);
    let what = match rng.below(15) {
        14 if syntax == Syntax::Toml => return inline_flood(rng, b),
        0..=2 => return number(rng, b, syntax),
        3 => {
            let k = 1 + rng.below(3.min(n - i));
            lines.drain(i..i + k);
            format!("deleted {k} line(s) from line {}", i + 1)
        }
        4 => {
            let copy = lines[i].clone();
            lines.insert(i, copy);
            format!("duplicated line {}", i + 1)
        }
        5 => {
            let j = rng.below(n);
            lines.swap(i, j);
            format!("swapped lines {} and {}", i + 1, j + 1)
        }
        6 => return swap_keys(rng, b, syntax),
        7 => {
            let at = rng.below(b.len() + 1);
            return (b[..at].to_vec(), format!("truncated to {at} bytes"));
        }
        8 => {
            let at = rng.below(b.len() + 1);
            let bad = *rng.pick(BAD_BYTES);
            return (splice(b, at..at, bad), format!("inserted bytes {bad:02x?} at byte {at}"));
        }
        9 => {
            lines.insert(i, long_line(rng, syntax));
            format!("inserted a {} byte line before line {}", lines[i].len(), i + 1)
        }
        10 => unknown_key(rng, &mut lines, i, syntax),
        11 => return value(rng, b, syntax, TypeOrString::Type),
        12 => return value(rng, b, syntax, TypeOrString::String),
        _ => {
            let from = split_lines(other);
            if from.is_empty() {
                return (b.to_vec(), "no-op".into());
            }
            lines[i] = rng.pick(&from).clone();
            format!("replaced line {} by a line of another seed", i + 1)
        }
    };
    (lines.join(&b'\n'), what)
}

/// Inserts an unknown key (made up, or a near miss of a key nearby) after line `i`.
fn unknown_key(rng: &mut Rng, lines: &mut Vec<Vec<u8>>, i: usize, syntax: Syntax) -> String {
    let key = if rng.chance(50) { "bogus_key".to_string() } else { near_miss(rng, lines, syntax) };
    let line = match syntax {
        Syntax::Toml => format!("{key} = 1"),
        Syntax::Json => format!("\"{key}\": 1,"),
    };
    lines.insert(i + 1, line.into_bytes());
    format!("inserted unknown key `{key}` after line {}", i + 1)
}

fn split_lines(b: &[u8]) -> Vec<Vec<u8>> {
    b.split(|c| *c == b'\n').map(<[u8]>::to_vec).collect()
}

fn splice(b: &[u8], range: std::ops::Range<usize>, with: &[u8]) -> Vec<u8> {
    [&b[..range.start], with, &b[range.end..]].concat()
}

pub fn replace_all(b: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// Byte ranges of number literals: a digit run not glued to a word and not inside a string
/// (an echoed `+inf` there would read as a non-finite figure), with its sign, `_`, `.` and exponent.
fn numbers(b: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let (mut i, mut in_string) = (0, false);
    while i < b.len() {
        match b[i] {
            b'"' if i == 0 || b[i - 1] != b'\\' => in_string = !in_string,
            b'\n' => in_string = false,
            _ => {}
        }
        let glued = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_' || b[i - 1] == b'.');
        if !b[i].is_ascii_digit() || glued || in_string {
            i += 1;
            continue;
        }
        let start = if i > 0 && (b[i - 1] == b'-' || b[i - 1] == b'+') { i - 1 } else { i };
        let mut end = i;
        while end < b.len() {
            let c = b[end];
            let exp_sign = (c == b'-' || c == b'+') && matches!(b[end - 1], b'e' | b'E');
            if !(c.is_ascii_digit() || matches!(c, b'_' | b'.' | b'e' | b'E') || exp_sign) {
                break;
            }
            end += 1;
        }
        out.push(start..end);
        i = end;
    }
    out
}

fn number(rng: &mut Rng, b: &[u8], syntax: Syntax) -> (Vec<u8>, String) {
    let spans = numbers(b);
    if spans.is_empty() {
        return (b.to_vec(), "no number to change".into());
    }
    let span = rng.pick(&spans).clone();
    let table = if syntax == Syntax::Toml { TOML_NUMBERS } else { JSON_NUMBERS };
    let new = rng.pick(table).to_string();
    let old = String::from_utf8_lossy(&b[span.clone()]).into_owned();
    (splice(b, span, new.as_bytes()), format!("number {old} -> {new}"))
}

/// The key and the value span of a `key = value` (TOML) or `"key": value` (JSON) line.
fn key_value(line: &[u8], syntax: Syntax) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    let text = std::str::from_utf8(line).ok()?;
    let sep = if syntax == Syntax::Toml { " = " } else { "\": " };
    let at = text.find(sep)?;
    let key_start = text.len() - text.trim_start().len() + usize::from(syntax == Syntax::Json);
    let value_start = at + sep.len();
    let value_end = match syntax {
        Syntax::Toml => text.find(" #").filter(|e| *e > value_start).unwrap_or(text.len()),
        Syntax::Json => text.trim_end().trim_end_matches(',').len(),
    };
    (key_start < at && value_start < value_end).then_some((key_start..at, value_start..value_end))
}

/// Line start offsets with their key/value spans, for the lines that have one.
fn pairs(b: &[u8], syntax: Syntax) -> Vec<(usize, std::ops::Range<usize>, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in b.split(|c| *c == b'\n') {
        if let Some((k, v)) = key_value(line, syntax) {
            out.push((start, k, v));
        }
        start += line.len() + 1;
    }
    out
}

fn swap_keys(rng: &mut Rng, b: &[u8], syntax: Syntax) -> (Vec<u8>, String) {
    let p = pairs(b, syntax);
    if p.len() < 2 {
        return (b.to_vec(), "no keys to swap".into());
    }
    let (x, y) = (rng.pick(&p).clone(), rng.pick(&p).clone());
    let (first, second) = if x.0 <= y.0 { (x, y) } else { (y, x) };
    if first.0 == second.0 {
        return (b.to_vec(), "swapped a key with itself".into());
    }
    let r1 = first.0 + first.1.start..first.0 + first.1.end;
    let r2 = second.0 + second.1.start..second.0 + second.1.end;
    let (k1, k2) = (b[r1.clone()].to_vec(), b[r2.clone()].to_vec());
    let out = splice(&splice(b, r2, &k1), r1, &k2);
    let what = format!("swapped keys `{}` and `{}`", String::from_utf8_lossy(&k1), String::from_utf8_lossy(&k2));
    (out, what)
}

/// Sets the first `key = "…"` string to one of the path-like names (a report folder is named
/// after the scenario's `name`).
pub fn path_like(rng: &mut Rng, b: &[u8], key: &str) -> (Vec<u8>, String) {
    let found = pairs(b, Syntax::Toml)
        .into_iter()
        .find(|(s, k, v)| &b[s + k.start..s + k.end] == key.as_bytes() && b[s + v.start] == b'"');
    let Some((start, _, v)) = found else { return (b.to_vec(), format!("no `{key}` string")) };
    let new = format!("\"{}\"", rng.pick(STRINGS));
    let out = replace_all(&splice(b, start + v.start..start + v.end, new.as_bytes()), b"@ABS@", b"@CASE@");
    (out, format!("value of `{key}` -> {new}"))
}

enum TypeOrString {
    Type,
    String,
}

fn value(rng: &mut Rng, b: &[u8], syntax: Syntax, kind: TypeOrString) -> (Vec<u8>, String) {
    let mut p = pairs(b, syntax);
    if let TypeOrString::String = kind {
        p.retain(|(s, _, v)| b[s + v.start] == b'"');
    }
    if p.is_empty() {
        return (b.to_vec(), "no value to change".into());
    }
    let (start, key, v) = rng.pick(&p).clone();
    let new = match kind {
        TypeOrString::Type => rng.pick(if syntax == Syntax::Toml { TOML_VALUES } else { JSON_VALUES }).to_string(),
        TypeOrString::String if rng.chance(10) => format!("\"{}\"", "n".repeat(300)),
        TypeOrString::String => format!("\"{}\"", rng.pick(STRINGS)),
    };
    let key = String::from_utf8_lossy(&b[start + key.start..start + key.end]).into_owned();
    (splice(b, start + v.start..start + v.end, new.as_bytes()), format!("value of `{key}` -> {new}"))
}

/// A key one edit away from an existing one: the kind of typo `did you mean` is for.
fn near_miss(rng: &mut Rng, lines: &[Vec<u8>], syntax: Syntax) -> String {
    let keys: Vec<String> = lines
        .iter()
        .filter_map(|l| key_value(l, syntax).map(|(k, _)| String::from_utf8_lossy(&l[k]).into_owned()))
        .filter(|k| k.len() > 2 && k.is_ascii())
        .collect();
    if keys.is_empty() {
        return "bogus_key".into();
    }
    let mut k = rng.pick(&keys).clone();
    k.remove(rng.below(k.len()));
    k
}

/// A 64 KB-class line: a comment, a long string, or an array of thousands of wrong values
/// (the one-line error flood).
fn long_line(rng: &mut Rng, syntax: Syntax) -> Vec<u8> {
    let n = 4_000 + rng.below(66_000);
    let wrong = rng.pick(&["\"x\"", "-1", "true", "{}"]);
    let line = match (syntax, rng.below(3)) {
        (Syntax::Toml, 0) => format!("# {}", "x".repeat(n)),
        (Syntax::Toml, 1) => format!("long_key = \"{}\"", "y".repeat(n)),
        (Syntax::Toml, _) => format!("daily_shape = [{}]", vec![*wrong; n / 4].join(", ")),
        (Syntax::Json, 0) => format!("\"long_key\": \"{}\",", "y".repeat(n)),
        (Syntax::Json, _) => format!("\"long_key\": [{}],", vec![*wrong; n / 4].join(", ")),
    };
    line.into_bytes()
}

/// Every `[[name]]` block (and its sub-tables) moved into one top-level `name = [ … ]` line of
/// hundreds of copies of the first block, each with the same wrong value: one line, a problem
/// per copy.
fn inline_flood(rng: &mut Rng, b: &[u8]) -> (Vec<u8>, String) {
    let lines = split_lines(b);
    let text = |l: &Vec<u8>| String::from_utf8_lossy(l).trim().to_string();
    let arrays: Vec<String> = lines
        .iter()
        .map(text)
        .filter_map(|l| l.strip_prefix("[[").and_then(|r| r.strip_suffix("]]")).map(str::to_string))
        .collect();
    if arrays.is_empty() {
        return (b.to_vec(), "no [[array]] to inline".into());
    }
    let name = rng.pick(&arrays).clone();
    let header = format!("[[{name}]]");
    // `inside`: in one of its blocks or their sub-tables; `keys`: in the first block proper.
    let (mut kept, mut first, mut inside, mut keys, mut blocks) = (Vec::new(), Vec::new(), false, false, 0);
    for line in &lines {
        let t = text(line);
        if t.starts_with('[') {
            blocks += usize::from(t == header);
            inside = t == header || t.starts_with(&format!("[{name}."));
            keys = t == header && blocks == 1;
        }
        if !inside {
            kept.push(line.clone());
        } else if keys && let Some((k, v)) = key_value(line, Syntax::Toml) {
            first
                .push((String::from_utf8_lossy(&line[k]).into_owned(), String::from_utf8_lossy(&line[v]).into_owned()));
        }
    }
    if first.is_empty() {
        return (b.to_vec(), format!("{header} has no keys"));
    }
    let at = rng.below(first.len());
    first[at].1 = rng.pick(TOML_VALUES).to_string();
    let pairs: Vec<String> = first.iter().map(|(k, v)| format!("{k} = {}", v.trim())).collect();
    let item = format!("{{ {} }}", pairs.join(", "));
    // At most ~1 MB: larger files are the size limit's business, and slow every run.
    let copies = (300 + rng.below(1_700)).min(1_000_000 / item.len()).max(1);
    kept.insert(0, format!("{name} = [{}]", vec![item.as_str(); copies].join(", ")).into_bytes());
    (kept.join(&b'\n'), format!("{header} blocks inlined as {copies} copies with `{}` wrong", first[at].0))
}
