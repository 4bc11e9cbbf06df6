//! Writes the synthetic invocation-log fixtures of `tests/fixtures/usage/`: one JSON record per
//! line, a file per month (`usage::synth` holds the generator and its truth).
//!
//! `cargo run --example usage_fixtures -- tests/fixtures/usage && gzip -n tests/fixtures/usage/2026-11.jsonl`
use infercast::usage::synth;
use std::fmt::Write;

/// The seed the committed fixtures were generated with.
const SEED: u64 = 21;

fn main() -> std::io::Result<()> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "tests/fixtures/usage".to_string());
    std::fs::create_dir_all(&dir)?;
    let mut files: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
    for r in synth::records(SEED) {
        let month = infercast::dates::format_month(r.timestamp_s.div_euclid(86_400));
        let _ = writeln!(files.entry(month).or_default(), "{}", r.json());
    }
    for (month, text) in files {
        std::fs::write(format!("{dir}/{month}.jsonl"), text)?;
    }
    Ok(())
}
