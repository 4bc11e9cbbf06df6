//! The toy catalog and helpers the integration tests share. Its figures make every number
//! derivable by hand: round prices, one model with every kind of offer, one GPU instance.
#![allow(dead_code)]
use assert_cmd::Command;
use std::path::Path;

pub const CATALOG: &str = r#"
[catalog]
provider = "test"
region = "test-1"
currency = "USD"
source = "https://example.com/prices"
retrieved = 2026-01-01

[[model]]
key = "m"
id = "test.m"
input_usd_per_mtok = 10.0
output_usd_per_mtok = 20.0
tiers = { batch = 0.5 }
quota_tpm = 1_000_000
quota_source = "https://example.com/quotas"
quota_retrieved = 2026-01-01

[model.provisioned]
usd_per_mu_hour = { 1-month = 10.0, 6-month = 5.0 }
input_tpm_per_mu = 100_000
output_tpm_per_mu = 10_000
throughput_assumed = true
basis = "toy figures"

[model.reserved]
usd_per_1k_input_tpm_month = { 1-month = 5.0 }
usd_per_1k_output_tpm_month = { 1-month = 20.0 }
min_input_tpm = 100_000
min_output_tpm = 10_000
assumed = true
basis = "toy figures"

[[instance]]
key = "i"
gpus = 1
gpu = "toy"
usd_per_hour = { on-demand = 2.0 }

[[deployment]]
key = "d@i"
model = "toy"
instance = "i"
prefill_tokens_per_s = 10_000
decode_tokens_per_s = 1_000
derivation = "toy figures"
"#;

/// `estimate --format json` of `scenario` priced with the catalog folder `pricing`.
pub fn estimate(pricing: &Path, scenario: &Path) -> serde_json::Value {
    let out = Command::new(assert_cmd::cargo::cargo_bin!("infercast"))
        .args(["--pricing", pricing.to_str().unwrap(), "estimate", scenario.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Equal within 1e-9 relative (absolute below 1).
pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

/// Writes the toy catalog and `scenario` into a fresh folder named `name`; returns the catalog
/// folder and the scenario file.
pub fn toy(name: &str, scenario: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("pricing")).unwrap();
    std::fs::write(dir.join("pricing/toy.toml"), CATALOG).unwrap();
    let path = dir.join("scenario.toml");
    std::fs::write(&path, scenario).unwrap();
    (dir.join("pricing"), path)
}
