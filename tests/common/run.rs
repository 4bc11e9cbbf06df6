//! Running the binary.
use assert_cmd::Command;
use std::path::Path;

/// The day runs that price legacy models are judged on (docs/model.md#lifecycle): before the
/// end of life of the legacy models the bundled scenarios and tests name (claude-3.5-haiku
/// 2026-06-19, claude-3-haiku 2026-09-10, …), after claude-3.7-sonnet's (2026-04-28), so
/// results never depend on the clock.
pub const TODAY: &str = "2026-06-01";

/// The binary, as the tests run it.
pub fn infercast() -> Command {
    Command::new(assert_cmd::cargo::cargo_bin!("infercast"))
}

/// The binary with its today pinned to `TODAY`.
pub fn on_today() -> Command {
    let mut c = infercast();
    c.env("INFERCAST_TODAY", TODAY);
    c
}

/// The JSON `infercast ARGS` prints (on `TODAY`), asserting it exits 0.
pub fn json_of(args: &[&str]) -> serde_json::Value {
    let out = on_today().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `estimate --format json` of `scenario` priced with the catalog folder `pricing`.
pub fn estimate(pricing: &Path, scenario: &Path) -> serde_json::Value {
    let out = infercast()
        .args(["--pricing", pricing.to_str().unwrap(), "estimate", scenario.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `estimate PATH --format json` on `TODAY`, with the catalog folder `pricing` or the bundled
/// catalog, asserting it exits 0; the JSON and stderr.
pub fn estimate_on_today(path: &Path, pricing: Option<&Path>) -> (serde_json::Value, String) {
    let mut cmd = on_today();
    if let Some(p) = pricing {
        cmd.arg("--pricing").arg(p);
    }
    let out = cmd.arg("estimate").arg(path).args(["--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    (serde_json::from_slice(&out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// Every `tests/bad/<prefix>*.args` (one argument a line) run with `command()`: each must exit 2
/// with exactly the message of its `.stderr` and print nothing on stdout. Returns how many ran.
pub fn bad_args_cases(prefix: &str, command: impl Fn() -> Command) -> usize {
    let mut cases: Vec<_> = std::fs::read_dir("tests/bad")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "args"))
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(prefix)))
        .collect();
    cases.sort();
    let mut failures = Vec::new();
    for case in &cases {
        let args = std::fs::read_to_string(case).unwrap();
        let expected = std::fs::read_to_string(case.with_extension("stderr")).unwrap();
        let out = command().args(args.lines()).output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        if out.status.code() != Some(2) || stderr != expected || !out.stdout.is_empty() {
            failures.push(format!(
                "--- {} (exit {:?})\nexpected:\n{expected}\ngot:\n{stderr}",
                case.display(),
                out.status.code()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    cases.len()
}
