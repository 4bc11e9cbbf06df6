//! The one JSON writer every command prints and writes with: pretty, newline-terminated, every
//! float rounded to 12 significant digits and never `-0` (README "JSON": numbers carry at most 12
//! significant digits), so float noise such as `1.5999999999999999` never reaches a reader.
//! Reading, [`duplicate_keys`] finds the keys serde_json would otherwise drop silently.
use serde::Serialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;
use std::cell::RefCell;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::ops::Range;

/// Significant digits every float keeps.
pub const SIGNIFICANT_DIGITS: usize = 12;

/// `v` as the text of a JSON document: tidied (see [`tidy`]), pretty, ending in a newline.
pub fn write(v: &impl Serialize) -> String {
    serde_json::to_string_pretty(&to_value(v)).expect("a JSON value always serialises") + "\n"
}

/// `v` as a JSON value with float noise removed (see [`tidy`]).
pub fn to_value(v: &impl Serialize) -> Value {
    let mut v = serde_json::to_value(v).expect("every output type serialises (string keys, finite floats)");
    tidy(&mut v);
    v
}

/// Rounds every float to 12 significant digits and flushes magnitudes below 1e-12 (and `-0`)
/// to 0, so that `1.5999999999999999` calls read 1.6 and a 1e-315 share reads 0, on every
/// machine.
pub fn tidy(v: &mut Value) {
    match v {
        Value::Number(n) if n.is_f64() => {
            let x = n.as_f64().expect("an f64");
            if let Some(r) = serde_json::Number::from_f64(round_sig(x)) {
                *n = r;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(tidy),
        Value::Object(map) => map.values_mut().for_each(tidy),
        _ => {}
    }
}

/// Significant digits of a float written as `{:e}` (`-1.2345e-7` → 5).
fn significant_digits(e: &str) -> usize {
    let mantissa = e.split('e').next().unwrap_or(e);
    mantissa.bytes().filter(u8::is_ascii_digit).count()
}

/// `x` to 12 significant digits; below 1e-12 in magnitude (and `-0`), `0`.
pub fn round_sig(x: f64) -> f64 {
    if !x.is_finite() {
        return x;
    }
    if x.abs() < 1e-12 {
        // Also turns -0.0 into 0.0: a reader should never see `-0`.
        return 0.0;
    }
    // The shortest decimal that reads back as `x` (what `{x}` prints): with at most 12
    // significant digits, `x` is already the nearest f64 to a 12-digit decimal, so it is its own
    // rounding (a second pass over a tidied document costs one short format per float).
    if significant_digits(&format!("{x:e}")) <= SIGNIFICANT_DIGITS {
        return x;
    }
    // Formatting with a fixed count of significant digits rounds correctly; parsing it back
    // gives the nearest f64 to the rounded decimal, which serde_json prints in its shortest
    // form (at most 12 digits).
    let r: f64 = format!("{x:.prec$e}", prec = SIGNIFICANT_DIGITS - 1).parse().unwrap_or(x);
    if r == 0.0 { 0.0 } else { r }
}

/// A key that repeats an earlier key of the same object: the byte spans of both, quotes included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    pub first: Range<usize>,
    pub again: Range<usize>,
}

/// Every key of the JSON text `text` that repeats a key of its own object, in the order they are
/// written (serde_json would keep the last silently). Keys are compared decoded, so `"a"` and
/// `"\u0061"` are the same key. The text is read whole by serde_json, so a syntax error comes
/// back as serde_json's error, at its line and column.
pub fn duplicate_keys(text: &str) -> Result<Vec<DuplicateKey>, serde_json::Error> {
    let found = RefCell::new(Vec::new());
    let mut de = serde_json::Deserializer::from_str(text);
    Walk { text, found: &found }.deserialize(&mut de)?;
    de.end()?;
    Ok(found.into_inner())
}

/// A visitor over any JSON value that tracks, per object, the keys seen and where.
#[derive(Clone, Copy)]
struct Walk<'a> {
    text: &'a str,
    found: &'a RefCell<Vec<DuplicateKey>>,
}

impl Walk<'_> {
    /// Where `raw`, a slice serde_json borrowed from the text, lies in it.
    fn span(&self, raw: &str) -> Option<Range<usize>> {
        let start = (raw.as_ptr() as usize).checked_sub(self.text.as_ptr() as usize)?;
        (start + raw.len() <= self.text.len()).then_some(start..start + raw.len())
    }
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen: HashMap<String, Range<usize>> = HashMap::new();
        // A key read raw is its own text, borrowed from the file: its span and, decoded, its name.
        while let Some(key) = map.next_key::<&RawValue>()? {
            let span = self.span(key.get()).ok_or_else(|| de::Error::custom("a key outside the text"))?;
            let name: String = serde_json::from_str(key.get()).map_err(de::Error::custom)?;
            match seen.entry(name) {
                Entry::Occupied(first) => {
                    self.found.borrow_mut().push(DuplicateKey { first: first.get().clone(), again: span })
                }
                Entry::Vacant(v) => {
                    v.insert(span);
                }
            }
            map.next_value_seed(self)?;
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_to_twelve_significant_digits() {
        assert_eq!(round_sig(1.5999999999999999), 1.6);
        assert_eq!(round_sig(0.1 + 0.2), 0.3);
        // 123456789012.345 has 15 significant digits; the first 12 are 123456789012.
        assert_eq!(round_sig(123_456_789_012.345), 123_456_789_012.0);
        // The 13th digit (5, then 1) rounds the 12th up: 2.0000000000051 → 2.00000000001.
        assert_eq!(round_sig(2.0000000000051), 2.00000000001);
        assert_eq!(round_sig(-7.25), -7.25);
    }

    #[test]
    fn never_writes_minus_zero() {
        assert_eq!(write(&-0.0f64), "0.0\n");
        assert_eq!(write(&-1e-13f64), "0.0\n");
        assert_eq!(write(&vec![1.5999999999999999, -0.0]), "[\n  1.6,\n  0.0\n]\n");
        assert!(round_sig(-0.0).is_sign_positive());
    }

    #[test]
    fn integers_and_non_floats_pass_unchanged() {
        assert_eq!(
            write(&serde_json::json!({ "n": 12345678901234567u64, "s": "x" })),
            "{\n  \"n\": 12345678901234567,\n  \"s\": \"x\"\n}\n"
        );
    }

    #[test]
    fn a_repeated_key_is_found_in_its_own_object_only() {
        // Spans by hand: `{"a": {"x": 1}, "b": {"x": 2, "\u0078": 3}, "c": [{"x": 1}, {"x": 2}]}`;
        // the object under "b" opens at byte 21, its "x" is bytes 22..25 and "\u0078" ("x"
        // decoded) bytes 30..38. The "x" under "a" and those of the array's objects are others'.
        let text = r#"{"a": {"x": 1}, "b": {"x": 2, "\u0078": 3}, "c": [{"x": 1}, {"x": 2}]}"#;
        let found = duplicate_keys(text).unwrap();
        assert_eq!(found, [DuplicateKey { first: 22..25, again: 30..38 }]);
        assert_eq!((&text[22..25], &text[30..38]), ("\"x\"", "\"\\u0078\""));
    }

    #[test]
    fn every_repeat_is_found_in_order_and_syntax_errors_are_serde_jsons() {
        // Three "k" in one object: the second and the third each repeat the first.
        let text = "{\"k\": 1, \"k\": 2, \"k\": 3}";
        let again: Vec<_> = duplicate_keys(text).unwrap().into_iter().map(|d| (d.first, d.again)).collect();
        assert_eq!(again, [(1..4, 9..12), (1..4, 17..20)]);
        // A missing value: serde_json's own message, line 1 column 7 (the `}`).
        let e = duplicate_keys("{\"k\": }").unwrap_err();
        assert_eq!((e.line(), e.column()), (1, 7));
        assert!(duplicate_keys("{} x").is_err(), "trailing characters");
    }
}
