//! Reading figures out of the JSON outputs, and the closed forms tests derive them with.
use serde_json::Value;
use statrs::distribution::{DiscreteCDF, Poisson};
use std::collections::BTreeSet;

/// Equal within 1e-9 relative (absolute below 1).
pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

/// A JSON number as f64; fails the test on anything else.
pub fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// Month 1's cost of option number `option` of an estimate.
pub fn month_1(v: &Value, option: usize) -> f64 {
    num(&v["options"][option]["months"][0]["cost_usd"])
}

/// E[(N − c)⁺] of N ~ Poisson(λ) for a whole c ≥ 1: k·p(k) = λ·p(k − 1), so
/// Σ_{k>c} (k − c)·p(k) = λ·P(N ≥ c) − c·P(N > c) (docs/model.md#overflow).
pub fn poisson_excess(lambda: f64, c: u64) -> f64 {
    let n = Poisson::new(lambda).unwrap();
    lambda * n.sf(c - 1) - c as f64 * n.sf(c)
}

/// Every key path of a JSON value under `prefix`, arrays collapsed to `[]` (the union over their
/// elements).
pub fn key_paths(v: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                let path = format!("{prefix}.{k}");
                out.insert(path.clone());
                key_paths(x, &path, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|x| key_paths(x, &format!("{prefix}[]"), out)),
        _ => {}
    }
}
