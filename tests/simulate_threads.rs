//! `simulate` draws sample i from its own stream (seed, i) and keeps the samples in order, so the
//! command's output is the same bytes whatever `--threads` (docs/model.md#simulation).
mod common;

use assert_cmd::Command;
use common::TempPath;

/// stdout of `simulate SCENARIO --samples 300 --seed 7 --threads N --format json`, run in a
/// folder of its own.
fn simulate(scenario: &str, threads: &str) -> Vec<u8> {
    let dir = TempPath::fresh(&format!("simulate-threads-{threads}"));
    let scenario = std::env::current_dir().unwrap().join(scenario);
    let out = Command::new(assert_cmd::cargo::cargo_bin!("infercast"))
        .current_dir(&dir)
        .args(["simulate", scenario.to_str().unwrap(), "--samples", "300", "--seed", "7", "--format", "json"])
        .args(["--threads", threads])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

#[test]
fn one_thread_and_three_give_the_same_json() {
    // 300 samples are 10 chunks of 32 (the last of 12): three threads share them unevenly.
    // steady-classifier draws its volume, catalog ranges and the cut month; selfhost-chat its
    // fitted throughput.
    for scenario in ["scenarios/steady-classifier.toml", "scenarios/selfhost-chat.toml"] {
        let one = simulate(scenario, "1");
        assert!(one.starts_with(b"{\n  \"schema\": \"infercast/simulate-v2\""), "{scenario}");
        assert_eq!(String::from_utf8(one).unwrap(), String::from_utf8(simulate(scenario, "3")).unwrap(), "{scenario}");
    }
}
