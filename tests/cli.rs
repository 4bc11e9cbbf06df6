//! The binary end to end: the bad-input corpus, exit codes, `--pricing` and `models` (assert_cmd).
//! Figures of the bundled catalog are read from it, never pinned here.
mod common;

use common::bundled::{self, file_of, pricing_with, set_field, thousands};
use common::{close, json_of, on_today};
use infercast::catalog::Tier;
use std::path::Path;

/// Every `tests/bad/NAME.toml` (or folder `tests/bad/NAME/`) must fail `validate` with exit 2
/// and exactly the message in `tests/bad/NAME.stderr`; `estimate` must fail the same way
/// for scenario files.
#[test]
fn bad_inputs_get_their_exact_messages() {
    let dir = Path::new("tests/bad");
    let mut cases: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    cases.sort();
    let mut checked = 0;
    let mut failures = Vec::new();
    for case in cases.iter().filter(|p| p.extension().is_none_or(|e| e == "toml")) {
        let expected_path = case.with_extension("stderr");
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} has no {}", case.display(), expected_path.display()));
        let out = on_today().arg("validate").arg(case).output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        if out.status.code() != Some(2) || stderr != expected {
            failures.push(format!(
                "--- {} (exit {:?})\nexpected:\n{expected}\ngot:\n{stderr}",
                case.display(),
                out.status.code()
            ));
        }
        assert!(out.stdout.is_empty(), "{}: nothing on stdout when validation fails", case.display());
        // Lossy: some cases are deliberately not UTF-8.
        let is_scenario =
            case.is_file() && String::from_utf8_lossy(&std::fs::read(case).unwrap()).contains("[scenario]");
        if is_scenario {
            let est = on_today().arg("estimate").arg(case).output().unwrap();
            let est_stderr = String::from_utf8(est.stderr).unwrap();
            if est.status.code() != Some(2) || est_stderr != expected {
                failures.push(format!(
                    "--- estimate {} (exit {:?})\ngot:\n{est_stderr}",
                    case.display(),
                    est.status.code()
                ));
            }
        }
        checked += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 15, "the corpus has {checked} cases; keep at least 15");
}

#[test]
fn bundled_scenarios_validate() {
    let out = on_today().arg("validate").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    // 8 bundled scenarios; the catalog line counts models, so only its start is fixed.
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with("ok: catalog (") && stdout.ends_with(", 8 scenarios\n"), "{stdout}");
}

#[test]
fn pricing_dir_replaces_the_built_in_catalog() {
    // Copy the catalog, double Claude 3 Haiku's input price, and price 1M requests of 1,000 in /
    // 100 out: 1,000 · 2·in + 100 · out µ$ → $ (1,000 · 2·in + 100 · out), against
    // 1,000 · in + 100 · out before (today's $0.25 / $1.25: $625 against $375).
    let haiku = bundled::model("claude-3-haiku");
    let (i, o) = (haiku.input_usd_per_mtok, haiku.output_usd_per_mtok);
    let dir = pricing_with("pricing-dir-test", &file_of(&haiku), |t| {
        set_field(t, "claude-3-haiku", "input_usd_per_mtok", &format!("{}", 2.0 * i))
    });
    let scenario = dir.join("one.toml.scenario");
    std::fs::write(
        &scenario,
        "[scenario]\nname = \"one\"\nmonths = 1\n[traffic]\nrequests_per_month = 1_000_000\n\
         [[workload]]\nname = \"w\"\nshare = 1\ninput_tokens = 1000\noutput_tokens = 100\n\
         [[option]]\nkind = \"on-demand\"\nmodel = \"claude-3-haiku\"\n",
    )
    .unwrap();
    let s = scenario.to_str().unwrap();
    let base = json_of(&["estimate", s, "--format", "json"]);
    assert!(close(base["options"][0]["total_usd"].as_f64().unwrap(), 1_000.0 * i + 100.0 * o));
    let changed = json_of(&["--pricing", dir.to_str().unwrap(), "estimate", s, "--format", "json"]);
    assert!(close(changed["options"][0]["total_usd"].as_f64().unwrap(), 2_000.0 * i + 100.0 * o));
    // The global option is accepted after the subcommand too.
    let after = json_of(&["estimate", s, "--format", "json", "--pricing", dir.to_str().unwrap()]);
    assert_eq!(after, changed);
}

#[test]
fn models_lists_prices_tiers_quotas_and_sources() {
    let out = on_today().arg("models").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    // Claude 3 Sonnet's row: its id, prices, batch multiplier and quotas as the catalog gives them.
    let sonnet = bundled::model("claude-3-sonnet");
    let line = s.lines().find(|l| l.starts_with("claude-3-sonnet ")).expect("claude-3-sonnet listed");
    let batch = sonnet.tiers[&Tier::Batch].multiplier;
    let (rpm, tpm) = (sonnet.quota.rpm.unwrap(), sonnet.quota.tpm.unwrap());
    let wants = [
        sonnet.id.clone(),
        format!(" {} ", sonnet.input_usd_per_mtok),
        format!(" {} ", sonnet.output_usd_per_mtok),
        format!("batch x{batch}"),
        thousands(rpm),
        thousands(tpm),
    ];
    for want in wants {
        assert!(line.contains(&want), "{want} missing from: {line}");
    }
    assert!(s.contains("https://aws.amazon.com/bedrock/pricing/"));
    let v = json_of(&["models", "--format", "json"]);
    let listed = v["models"].as_array().unwrap().iter().find(|m| m["key"] == "claude-3-haiku").unwrap();
    let haiku = bundled::model("claude-3-haiku");
    assert_eq!(listed["input_usd_per_mtok"], haiku.input_usd_per_mtok);
    assert_eq!(listed["output_usd_per_mtok"], haiku.output_usd_per_mtok);
    assert_eq!(listed["quota"]["tpm"], haiku.quota.tpm.unwrap());
}

#[test]
fn missing_file_is_bad_input_not_a_panic() {
    let out = on_today().args(["estimate", "scenarios/nope.toml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: scenarios/nope.toml: cannot read this file: it does not exist\n  = help: check the path; infercast reads TOML files\n"
    );
}
