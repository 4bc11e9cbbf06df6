//! Results checked after pricing (docs/model.md#limits-of-the-results): in-range inputs whose
//! products are absurd are refused with one located message and exit 2; inputs that used to
//! print `inf`, `NaN` or a 300-digit ratio now print finite, derivable figures.
mod common;

use common::{CATALOG, toy};

/// The toy scenario (tests/fixtures/toy.toml's options) with `traffic` and `workload` swapped in.
fn scenario(traffic: &str, workload: &str) -> String {
    format!(
        "[scenario]\nname = \"toy\"\nmonths = 2\n\n[traffic]\n{traffic}\n\n[[workload]]\nname = \"w\"\nshare = 1\n\
         {workload}\n\n[[option]]\nname = \"on demand\"\nkind = \"on-demand\"\nmodel = \"m\"\n\n[[option]]\n\
         name = \"PT peak\"\nkind = \"provisioned\"\nmodel = \"m\"\nterm = \"1-month\"\nunits = \"peak\"\n"
    )
}

const PLAIN: &str = "input_tokens = 1000\noutput_tokens = 100";

fn run(pricing: &std::path::Path, args: &[&str]) -> std::process::Output {
    common::infercast().arg("--pricing").arg(pricing).args(args).output().unwrap()
}

/// Runs `estimate` and returns (exit code, stdout, stderr with the temporary folder as `DIR`).
fn estimate(name: &str, pricing_extra: Option<(&str, &str)>, scenario: &str) -> (Option<i32>, String, String) {
    let (pricing, path) = toy(&format!("bad-results-{name}"), scenario);
    if let Some((from, to)) = pricing_extra {
        std::fs::write(pricing.join("toy.toml"), CATALOG.replace(from, to)).unwrap();
    }
    let out = run(&pricing, &["estimate", path.to_str().unwrap()]);
    let dir = path.parent().unwrap().display().to_string();
    let stderr = String::from_utf8(out.stderr).unwrap().replace(&dir, "DIR");
    (out.status.code(), String::from_utf8(out.stdout).unwrap(), stderr)
}

#[test]
fn a_unit_that_serves_one_token_a_minute_is_refused_at_its_option() {
    // 1e12 requests over 730 h = 1e12 / 43,800 = 22,831,050 a minute; the 99th-percentile
    // minute is about 22,831,050 + 2.326·√22,831,050 ≈ 22,842,165. At 1 token a minute in and
    // out, one MU serves 1 / (1,000/1 + 100/1) = 1/1,100 requests a minute: 2.5126e10 MUs.
    // Their cost, 2.5126e10 · $10 · 730 h = 1.83e14 USD, is within 1e15; the count is not.
    let extra =
        ("input_tpm_per_mu = 100_000\noutput_tpm_per_mu = 10_000", "input_tpm_per_mu = 1\noutput_tpm_per_mu = 1");
    let (code, stdout, stderr) = estimate("one-tpm", Some(extra), &scenario("requests_per_month = 1e12", PLAIN));
    assert_eq!(code, Some(2));
    assert!(stdout.is_empty());
    assert_eq!(
        stderr,
        "error: DIR/scenario.toml:19:1: option `PT peak`: the capacity it buys in month 1 is 2.51e10, above the 1e9 \
         infercast accepts\n   |\n19 | [[option]]\n   | ^^^^^^^^^^\n  = help: check the catalog's `input_tpm_per_mu` \
         and `output_tpm_per_mu` of model `m` (a model unit's throughput), then the volume, the token counts and the \
         daily and weekly shapes; every result must stay within docs/model.md#limits-of-the-results\n"
    );
}

#[test]
fn a_month_above_a_thousand_trillion_dollars_is_refused_at_its_option() {
    // (1e6 · $10 + 100 · $20) / 1e6 = $10.002 a request; 1e15 requests: 1.0002e16 USD > 1e15.
    let (code, stdout, stderr) =
        estimate("usd", None, &scenario("requests_per_month = 1e15", "input_tokens = 1e6\noutput_tokens = 100"));
    assert_eq!(code, Some(2));
    assert!(stdout.is_empty());
    assert_eq!(
        stderr,
        "error: DIR/scenario.toml:14:1: option `on demand`: its cost in month 1 is 1e16 USD, above the 1e15 USD \
         infercast accepts\n   |\n14 | [[option]]\n   | ^^^^^^^^^^\n  = help: check the catalog's prices of model \
         `m`, then the volume, the token counts and the daily and weekly shapes; every result must stay within \
         docs/model.md#limits-of-the-results\n"
    );
}

#[test]
fn a_subnormal_weekly_shape_is_monday_only_not_infinity() {
    // [5e-324, 0 × 6] is all traffic on Monday. On demand is unchanged by the shape:
    // 1 request/s · 3,600 · 730 = 2,628,000 requests · $0.012 = $31,536.00 a month.
    let s = scenario("mean_rps = 1\nweekly_shape = [5e-324, 0, 0, 0, 0, 0, 0]", PLAIN);
    let (code, stdout, stderr) = estimate("subnormal-shape", None, &s);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("$31,536.00"), "{stdout}");
    for bad in ["inf", "NaN", "18446744073709551616"] {
        assert!(!stdout.contains(bad), "{bad} in:\n{stdout}");
    }
    // Monday carries 7 times the mean: 7 requests/s, 420 a minute; the 99th-percentile minute
    // of Poisson(420) is about 420 + 2.326·√420 ≈ 468, and one MU serves 50 a minute: 10 MUs.
    assert!(stdout.contains("10 MU"), "{stdout}");
}

#[test]
fn a_subnormal_shape_report_finishes_with_finite_charts() {
    let s = scenario("mean_rps = 1\nweekly_shape = [5e-324, 0, 0, 0, 0, 0, 0]", PLAIN);
    let (pricing, path) = toy("bad-results-subnormal-report", &s);
    let out_dir = path.parent().unwrap().join("out");
    let out = run(&pricing, &["report", path.to_str().unwrap(), "--out", out_dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("toy/result.json")).unwrap()).unwrap();
    // On demand, month 1: 2,628,000 requests · $0.012 = $31,536 (a NaN would be null here).
    assert!(common::close(json["options"][0]["months"][0]["cost_usd"].as_f64().unwrap(), 31_536.0), "{json}");
    for chart in ["breakeven", "monthly", "load", "tokens"] {
        assert!(out_dir.join(format!("toy/{chart}.png")).is_file(), "{chart}.png");
    }
}

#[test]
fn a_vanishing_visible_answer_has_no_ratio() {
    // 1,000 + 1e-310 billed, 1e-310 visible (the answer alone): the ratio would be ~1e313, inf.
    let w = "input_tokens = 1000\noutput_tokens = 1e-310\nvisible = \"answer\"";
    let (code, stdout, stderr) = estimate("tiny-visible", None, &scenario("mean_rps = 1", w));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("1,000 billed tokens per request (1,000 in + 0 out, 1 call), 0 visible (n/a)"), "{stdout}");
}

const FREE_SERVICES: &str = r#"
[catalog]
provider = "test"
region = "test-1"
currency = "USD"
source = "https://example.com/prices"
retrieved = 2026-01-01

[[service]]
key = "free-embed"
id = "test.embed"
kind = "embedding"
usd_per_mtok = 0

[[service]]
key = "free-rerank"
id = "test.rerank"
kind = "rerank"
usd_per_1k_queries = 0
"#;

#[test]
fn a_free_embedding_and_rerank_count_their_quantities() {
    let w = "input_tokens = 1000\noutput_tokens = 100\n\n[workload.retrieval]\nchunks = 1\nchunk_tokens = 10\n\
             query_embedding = \"free-embed\"\nrerank = \"free-rerank\"";
    let (pricing, path) = toy("bad-results-free-services", &scenario("mean_rps = 1", w));
    std::fs::write(pricing.join("services.toml"), FREE_SERVICES).unwrap();
    let out = run(&pricing, &["estimate", path.to_str().unwrap()]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!stdout.contains("NaN"), "{stdout}");
    // One workload of share 1: U = 1,000 query tokens embedded and one rerank query a request.
    assert!(stdout.contains("1000 query tokens a request (U, embedded once)"), "{stdout}");
    assert!(stdout.contains("1 query a request"), "{stdout}");
}
