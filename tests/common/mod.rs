//! The toy catalog and helpers the integration tests share. Its figures make every number
//! derivable by hand: round prices, one model with every kind of offer, one GPU instance.
#![allow(dead_code)]
use assert_cmd::Command;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tempfile::TempDir;

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
context_window_tokens = 100_000_000
max_output_tokens = 10_000_000

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

/// A fresh, empty folder of its own for one test, under Cargo's scratch space for tests;
/// `name` only prefixes it, so tests running at the same time never share a folder. It is
/// removed when the returned value is dropped: keep it alive while the folder is used.
pub fn scratch(name: &str) -> TempDir {
    tempfile::Builder::new()
        .prefix(&format!("{name}-"))
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .expect("creating a temporary folder")
}

/// A path inside a temporary folder that keeps the folder alive: the folder goes when the last
/// path into it is dropped. It reads as a `&Path` wherever one is expected.
#[derive(Clone, Debug)]
pub struct TempPath {
    path: PathBuf,
    _dir: Arc<TempDir>,
}

impl TempPath {
    /// A fresh folder of its own (see `scratch`).
    pub fn fresh(name: &str) -> Self {
        let dir = scratch(name);
        Self { path: dir.path().to_path_buf(), _dir: Arc::new(dir) }
    }

    /// `rel` inside this path, keeping the same folder alive.
    pub fn join(&self, rel: impl AsRef<Path>) -> Self {
        Self { path: self.path.join(rel), _dir: Arc::clone(&self._dir) }
    }
}

impl std::ops::Deref for TempPath {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.path
    }
}

impl AsRef<Path> for TempPath {
    fn as_ref(&self) -> &Path {
        &self.path
    }
}

impl AsRef<OsStr> for TempPath {
    fn as_ref(&self) -> &OsStr {
        self.path.as_os_str()
    }
}

/// Writes the toy catalog and `scenario` into a fresh folder of its own (`name` prefixes it);
/// returns the catalog folder and the scenario file, which keep the folder alive.
pub fn toy(name: &str, scenario: &str) -> (TempPath, TempPath) {
    let dir = TempPath::fresh(name);
    let (pricing, path) = (dir.join("pricing"), dir.join("scenario.toml"));
    std::fs::create_dir_all(&pricing).unwrap();
    std::fs::write(pricing.join("toy.toml"), CATALOG).unwrap();
    std::fs::write(&path, scenario).unwrap();
    (pricing, path)
}

/// 1,000,000 requests a month of 1,000 input and 100 output tokens, flat, priced by `options`.
pub fn flat_scenario(name: &str, options: &str) -> TempPath {
    let path = TempPath::fresh(name).join(format!("{name}.toml"));
    let text = format!(
        "[scenario]\nname = \"{name}\"\nmonths = 1\n[traffic]\nrequests_per_month = 1_000_000\n\
         [[workload]]\nname = \"w\"\nshare = 1\ninput_tokens = 1000\noutput_tokens = 100\n{options}"
    );
    std::fs::write(&path, text).unwrap();
    path
}
