//! `infercast reconcile`: the closed-form case of `tests/fixtures/reconcile/` (a hand-written
//! hourly CSV against a hand-written scenario, every figure derived here from the catalog's
//! prices), the synthetic logs of `tests/fixtures/usage/` against the scenario `import` writes
//! from them, and the bad-input corpus `tests/bad/reconcile-*.args`.
mod common;

use common::{TempPath, bundled, close, on_today};
use infercast::catalog::{Endpoint, PriceSet};
use serde_json::Value;

const DIR: &str = "tests/fixtures/reconcile";

/// (exit code, stdout) of `reconcile ARGS` on the tests' today; stderr must be empty.
fn reconcile(args: &[&str]) -> (Option<i32>, String) {
    let out = on_today().arg("reconcile").args(args).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.is_empty(), "{args:?}: {stderr}");
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

fn json(args: &[&str]) -> (Option<i32>, Value) {
    let (code, out) = reconcile(&[args, &["--format", "json"]].concat());
    (code, serde_json::from_str(&out).unwrap())
}

fn prices(key: &str) -> PriceSet {
    bundled::model(key).prices(Endpoint::InRegion, "us-east-1").unwrap()
}

/// (input, output, cache read, cache write) USD per million tokens.
fn four(p: &PriceSet) -> (f64, f64, f64, f64) {
    let c = p.cache.expect("claude 4.5 has cache prices");
    (p.input_usd_per_mtok, p.output_usd_per_mtok, c.read_usd_per_mtok, c.write_usd_per_mtok.unwrap())
}

/// The figures of the closed-form case, derived by hand.
struct Hand {
    usage: f64,
    forecast: f64,
    volume: f64,
    tokens: f64,
    cache: f64,
    sonnet_usage: f64,
    sonnet_forecast: f64,
}

/// hourly.csv: 2026-11-03 10:00, Sonnet 4.5 in-region, 100 calls, 200,000 input and 50,000 output
/// tokens; 2026-11-04 12:00, Haiku 4.5 in-region, 300 calls, 150,000 input, 60,000 output,
/// 600,000 cache read, 30,000 cache write. The period: 2026-11-03 and 04, 48 of November's 720 h.
/// scenario.toml, plan as-run: 7,200 requests a month, 25 % Sonnet (2,000 in, 500 out), 75 %
/// Haiku (500 in, 200 out), no cache, one call a request, no growth; over 48/720 of the month.
fn hand() -> Hand {
    let (si, so, _, _) = four(&prices("claude-sonnet-4.5"));
    let (hi, ho, hr, hw) = four(&prices("claude-haiku-4.5"));
    let share = 48.0 / 720.0;
    let sonnet_usage = (200_000.0 * si + 50_000.0 * so) / 1e6;
    let haiku_usage = (150_000.0 * hi + 60_000.0 * ho + 600_000.0 * hr + 30_000.0 * hw) / 1e6;
    let sonnet_forecast = 7_200.0 * 0.25 * (2_000.0 * si + 500.0 * so) / 1e6 * share;
    let haiku_forecast = 7_200.0 * 0.75 * (500.0 * hi + 200.0 * ho) / 1e6 * share;
    let forecast = sonnet_forecast + haiku_forecast;
    // Calls forecast: 7,200 × 48/720 = 480; measured 400; forecast USD a call c_f = F / 480.
    let c_f = forecast / 480.0;
    // Tokens plain at the forecast's prices (the same models and region): cache as input.
    let plain = sonnet_usage + ((150_000.0 + 600_000.0 + 30_000.0) * hi + 60_000.0 * ho) / 1e6;
    let usage = sonnet_usage + haiku_usage;
    Hand {
        usage,
        forecast,
        volume: (400.0 - 480.0) * c_f,
        tokens: plain - 400.0 * c_f,
        cache: usage - plain,
        sonnet_usage,
        sonnet_forecast,
    }
}

fn difference(v: &Value, cause: &str) -> f64 {
    let d = v["differences"].as_array().unwrap().iter().find(|d| d["cause"] == cause);
    d.unwrap_or_else(|| panic!("no {cause}"))["usd"].as_f64().unwrap()
}

#[test]
fn the_closed_form_case_adds_up_by_hand() {
    let h = hand();
    let (code, v) = json(&["tests/fixtures/reconcile/scenario.toml", "--usage", &format!("{DIR}/hourly.csv")]);
    assert_eq!(v["schema"], "infercast/reconcile-v1");
    assert_eq!(v["period"], serde_json::json!({ "start": "2026-11-03", "end": "2026-11-04", "hours": 48 }));
    assert!(close(v["usage_usd"].as_f64().unwrap(), h.usage), "{v}");
    assert!(close(v["forecast_usd"].as_f64().unwrap(), h.forecast), "{v}");
    assert_eq!(v["bill_usd"], Value::Null);
    assert!(close(difference(&v, "volume"), h.volume));
    assert!(close(difference(&v, "tokens per request"), h.tokens));
    assert!(close(difference(&v, "cache"), h.cache));
    assert!(difference(&v, "price").abs() < 1e-9, "the forecast ran the same models at the same prices");
    let sum: f64 = v["differences"].as_array().unwrap().iter().map(|d| d["usd"].as_f64().unwrap()).sum();
    assert!((sum - (h.usage - h.forecast)).abs() < 1e-9, "the causes sum to usage − forecast exactly");
    let sonnet = v["by_model"].as_array().unwrap().iter().find(|m| m["model"] == "claude-sonnet-4.5").unwrap();
    assert!(close(sonnet["usage_usd"].as_f64().unwrap(), h.sonnet_usage));
    assert!(close(sonnet["forecast_usd"].as_f64().unwrap(), h.sonnet_forecast));
    assert_eq!(v["calls"], serde_json::json!({ "forecast": 480.0, "actual": 400 }));
    // |U − F| / F is well above 2 %: exit 1, within_tolerance false.
    assert!((h.usage - h.forecast).abs() / h.forecast > 0.02);
    assert_eq!((code, &v["within_tolerance"]), (Some(1), &Value::Bool(false)));
    for key in ["period", "usage_usd", "forecast_usd", "bill_usd", "by_model", "differences", "within_tolerance"] {
        assert!(v.get(key).is_some(), "{key}");
    }
}

/// The tolerance as a fraction or a percentage: just above |U − F| / F passes, just below fails.
#[test]
fn the_exit_code_follows_the_tolerance() {
    let h = hand();
    let gap = (h.usage - h.forecast).abs() / h.forecast;
    let csv = format!("{DIR}/hourly.csv");
    let args = |tol: String| {
        vec![
            "tests/fixtures/reconcile/scenario.toml".to_string(),
            "--usage".into(),
            csv.clone(),
            "--tolerance".into(),
            tol,
        ]
    };
    let run = |tol: String| {
        let a = args(tol);
        reconcile(&a.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let (pass, text) = run(format!("{}", gap * 1.01));
    assert_eq!(pass, Some(0));
    assert!(text.lines().last().unwrap().starts_with("PASS: "), "{text}");
    let (fail, text) = run(format!("{}%", gap * 99.0));
    assert_eq!(fail, Some(1));
    assert!(text.lines().last().unwrap().starts_with("FAIL: "), "{text}");
}

/// `--option all-haiku`: every call forecast at Haiku's prices, so Sonnet's calls move the price
/// cause: their cost as run minus at Haiku's prices.
#[test]
fn another_option_moves_the_price_cause() {
    let (si, so, _, _) = four(&prices("claude-sonnet-4.5"));
    let (hi, ho, _, _) = four(&prices("claude-haiku-4.5"));
    let price = (200_000.0 * (si - hi) + 50_000.0 * (so - ho)) / 1e6;
    // The forecast: 7,200 requests of 0.25 × (2,000, 500) + 0.75 × (500, 200) tokens at Haiku's.
    let forecast =
        7_200.0 * (0.25 * (2_000.0 * hi + 500.0 * ho) + 0.75 * (500.0 * hi + 200.0 * ho)) / 1e6 * 48.0 / 720.0;
    let csv = format!("{DIR}/hourly.csv");
    let (_, v) = json(&["tests/fixtures/reconcile/scenario.toml", "--usage", &csv, "--option", "all-haiku"]);
    assert_eq!(v["compared"], "all-haiku");
    assert!(close(v["forecast_usd"].as_f64().unwrap(), forecast));
    assert!(close(difference(&v, "price"), price));
    let sum: f64 = v["differences"].as_array().unwrap().iter().map(|d| d["usd"].as_f64().unwrap()).sum();
    assert!((sum - (v["usage_usd"].as_f64().unwrap() - forecast)).abs() < 1e-9);
}

/// The synthetic logs imported into a scenario, its horizon moved to start in November, then
/// November's logs reconciled against it: the usage is the November records priced, the causes
/// add up, every model of the plan has a row.
#[test]
fn the_imported_logs_reconcile_against_their_own_scenario() {
    let dir = TempPath::fresh("reconcile-imported");
    std::fs::create_dir_all(&*dir).unwrap();
    let scenario = dir.join("imported.toml");
    let out = on_today()
        .args(["import", "invocation-logs", "tests/fixtures/usage", "--out", scenario.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&scenario).unwrap();
    let start = text.lines().find(|l| l.starts_with("start = ")).unwrap();
    std::fs::write(&scenario, text.replace(start, "start = \"2026-11\"")).unwrap();
    let nov = "tests/fixtures/usage/2026-11.jsonl.gz";
    let (_, v) = json(&[scenario.to_str().unwrap(), "--usage", nov]);
    assert_eq!(v["period"]["start"], "2026-11-01");
    let usage = v["usage_usd"].as_f64().unwrap();
    let by_model: f64 = v["by_model"].as_array().unwrap().iter().map(|m| m["usage_usd"].as_f64().unwrap()).sum();
    assert!((by_model - usage).abs() < 1e-9);
    let sum: f64 = v["differences"].as_array().unwrap().iter().map(|d| d["usd"].as_f64().unwrap()).sum();
    assert!((sum - (usage - v["forecast_usd"].as_f64().unwrap())).abs() < 1e-9);
    // November's 1,549 records (fixtures README), all priced.
    assert_eq!(v["calls"]["actual"], 1_549);
    assert_eq!(v["unpriced"], serde_json::json!([]));
}

/// Every `tests/bad/reconcile-*.args` (one argument a line) exits 2 with exactly the message in
/// its `.stderr`, and prints nothing on stdout.
#[test]
fn bad_reconciles_get_their_exact_messages() {
    let n = common::run::bad_args_cases("reconcile-", on_today);
    assert!(n >= 3, "{n} reconcile cases");
}

/// CloudWatch metrics with 7 throttled calls of Haiku: reported per model beside the quota advice.
#[test]
fn throttled_calls_are_reported_with_cloudwatch_usage() {
    let dir = TempPath::fresh("reconcile-cloudwatch");
    std::fs::create_dir_all(&*dir).unwrap();
    let file = dir.join("metrics.csv");
    let m = "anthropic.claude-haiku-4-5-20251001-v1:0";
    let rows: Vec<String> =
        [("Invocations", 100), ("InputTokenCount", 50_000), ("OutputTokenCount", 20_000), ("InvocationThrottles", 7)]
            .iter()
            .map(|(metric, n)| format!("2026-11-03T10:00:00Z,{m},{metric},{n}"))
            .collect();
    std::fs::write(&*file, format!("timestamp,model,metric,value\n{}\n", rows.join("\n"))).unwrap();
    let args =
        ["tests/fixtures/reconcile/scenario.toml", "--usage", file.to_str().unwrap(), "--usage-format", "cloudwatch"];
    let (_, v) = json(&args);
    assert_eq!(v["throttles"], serde_json::json!([{ "model_id": m, "throttled": 7 }]));
    let (_, text) = reconcile(&args);
    assert!(text.contains(&format!("{m}: 7 calls throttled: see the quota advice of `estimate`")), "{text}");
}

/// A model id the catalog lacks: 50 calls of 100,000 input and 10,000 output tokens, not in the
/// usage, listed as unpriced; the `unpriced` cause is minus their cost at the forecast's prices
/// for a model it does not run, those of the plan's first member (Sonnet, serving `writer`).
#[test]
fn a_model_the_catalog_lacks_is_counted_not_priced() {
    let dir = TempPath::fresh("reconcile-unknown");
    std::fs::create_dir_all(&*dir).unwrap();
    let file = dir.join("hourly.csv");
    let known = std::fs::read_to_string(format!("{DIR}/hourly.csv")).unwrap();
    std::fs::write(&*file, format!("{known}2026-11-04 13:00:00,acme.unknown-v1,,50,100000,10000,0,0\n")).unwrap();
    let (si, so, _, _) = four(&prices("claude-sonnet-4.5"));
    let (_, v) = json(&["tests/fixtures/reconcile/scenario.toml", "--usage", file.to_str().unwrap()]);
    assert!(close(v["usage_usd"].as_f64().unwrap(), hand().usage), "the unknown calls are not priced");
    assert_eq!(v["unpriced"][0]["model_id"], "acme.unknown-v1");
    assert_eq!((&v["unpriced"][0]["invocations"], &v["unpriced"][0]["tokens"]), (&50.into(), &110_000.into()));
    assert!(close(difference(&v, "unpriced"), -(100_000.0 * si + 10_000.0 * so) / 1e6));
    let sum: f64 = v["differences"].as_array().unwrap().iter().map(|d| d["usd"].as_f64().unwrap()).sum();
    assert!((sum - (v["usage_usd"].as_f64().unwrap() - v["forecast_usd"].as_f64().unwrap())).abs() < 1e-9);
    assert_eq!(v["calls"]["actual"], 450);
}

/// The table and Markdown layouts of the closed-form case (its figures are asserted above).
#[test]
fn the_layouts_hold() {
    for format in ["table", "markdown"] {
        let csv = format!("{DIR}/hourly.csv");
        let (_, text) = reconcile(&["tests/fixtures/reconcile/scenario.toml", "--usage", &csv, "--format", format]);
        insta::assert_snapshot!(format!("reconcile-{format}"), text);
    }
}

/// `report --usage`: summary.md ends with "Measured vs forecast", the figures `reconcile` prints
/// for the same scenario and usage; a scenario without a plan `as-run` says it was not compared.
#[test]
fn report_with_usage_adds_measured_vs_forecast() {
    let dir = TempPath::fresh("reconcile-report");
    let usage = "tests/fixtures/reconcile/hourly.csv";
    let out = on_today()
        .args(["report", "tests/fixtures/reconcile/scenario.toml", "scenarios/support-agent.toml", "--out"])
        .arg(&*dir)
        .args(["--usage", usage])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let md = std::fs::read_to_string(dir.join("reconcile-hand").join("summary.md")).unwrap();
    let section = md.split_once("## Measured vs forecast\n\n").expect("the section").1;
    let json = on_today()
        .args(["reconcile", "tests/fixtures/reconcile/scenario.toml", "--usage", usage, "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let usd = |k: &str| format!("${:.2}", v[k].as_f64().unwrap());
    assert!(section.contains(&format!("| forecast | {} |", usd("forecast_usd"))), "{section}");
    assert!(section.contains(&format!("| usage | {} |", usd("usage_usd"))), "{section}");
    let other = std::fs::read_to_string(dir.join("support-agent").join("summary.md")).unwrap();
    assert!(other.contains("## Measured vs forecast\n\nNot compared: this scenario has no plan `as-run`"), "{other}");
}
