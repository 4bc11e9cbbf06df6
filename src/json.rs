//! The one JSON writer every command prints and writes with: pretty, newline-terminated, every
//! float rounded to 12 significant digits and never `-0` (README "JSON": numbers carry at most 12
//! significant digits), so float noise such as `1.5999999999999999` never reaches a reader.
use serde::Serialize;
use serde_json::Value;

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

/// `x` to 12 significant digits; below 1e-12 in magnitude (and `-0`), `0`.
pub fn round_sig(x: f64) -> f64 {
    if !x.is_finite() {
        return x;
    }
    if x.abs() < 1e-12 {
        // Also turns -0.0 into 0.0: a reader should never see `-0`.
        return 0.0;
    }
    // Formatting with a fixed count of significant digits rounds correctly; parsing it back
    // gives the nearest f64 to the rounded decimal, which serde_json prints in its shortest
    // form (at most 12 digits).
    let r: f64 = format!("{x:.prec$e}", prec = SIGNIFICANT_DIGITS - 1).parse().unwrap_or(x);
    if r == 0.0 { 0.0 } else { r }
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
}
