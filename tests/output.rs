//! What every command prints, across commands: one JSON writer (12 significant digits, never
//! `-0`), one percent scale for `_pct` fields, and the assumptions stated beside the figures.
mod common;

use common::infercast;
use common::{close, toy};

/// Runs infercast with `args`; asserts exit `code`; returns stdout.
fn stdout_of(args: &[&str], code: i32) -> String {
    let out = infercast().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(code), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Significant digits of `x` as the shortest decimal that reads back as `x` (what a JSON
/// reader sees): `1.5999999999999999` has 17, `1.6` has 2.
fn significant_digits(x: f64) -> usize {
    let s = format!("{:e}", x.abs());
    let mantissa = s.split('e').next().unwrap();
    mantissa.chars().filter(char::is_ascii_digit).count()
}

/// Every float in `v` with more than 12 significant digits or equal to `-0`, with its path.
fn noise(v: &serde_json::Value, path: &str, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Number(n) if n.is_f64() => {
            let x = n.as_f64().unwrap();
            if significant_digits(x) > 12 || (x == 0.0 && x.is_sign_negative()) {
                out.push(format!("{path} = {x:?}"));
            }
        }
        serde_json::Value::Array(items) => {
            items.iter().enumerate().for_each(|(i, x)| noise(x, &format!("{path}[{i}]"), out))
        }
        serde_json::Value::Object(map) => map.iter().for_each(|(k, x)| noise(x, &format!("{path}.{k}"), out)),
        _ => {}
    }
}

/// What is wrong with the JSON `text` of command `what`, if anything.
fn problems(what: &str, text: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{what}: {e}"));
    let mut found = Vec::new();
    noise(&v, "", &mut found);
    found.truncate(5);
    (!found.is_empty()).then(|| format!("{what}: {found:?}"))
}

#[test]
fn the_unit_test_helper_counts_digits_as_a_reader_does() {
    assert_eq!(significant_digits(1.5999999999999999), 17);
    assert_eq!(significant_digits(1.6), 2);
    assert_eq!(significant_digits(123_456_789_012.0), 12);
    assert_eq!(significant_digits(0.1 + 0.2), 17);
}

/// Every command's JSON goes through one writer: no float has more than 12 significant digits
/// and none is `-0`.
#[test]
fn every_command_writes_json_without_float_noise() {
    let sa = "scenarios/support-agent.toml";
    let cases: Vec<(&str, Vec<&str>)> = vec![
        ("estimate", vec!["estimate", "scenarios", "--format", "json"]),
        ("breakeven", vec!["breakeven", "scenarios", "--format", "json"]),
        ("models", vec!["models", "--format", "json"]),
        ("compare", vec!["compare", sa, "tests/fixtures/support-agent-trimmed.toml", "--format", "json"]),
        ("solve", vec!["solve", sa, "--bill", "20000", "--format", "json"]),
        (
            "solve capacity",
            vec![
                "solve",
                "scenarios/steady-classifier.toml",
                "--bill",
                "200000",
                "--option",
                "PT claude-sonnet-4.5 6-month optimal",
                "--format",
                "json",
            ],
        ),
        (
            "simulate",
            vec!["simulate", "scenarios/launch-quota.toml", "--samples", "40", "--seed", "3", "--format", "json"],
        ),
    ];
    let mut failures: Vec<String> = Vec::new();
    for (what, args) in cases {
        failures.extend(problems(what, &stdout_of(&args, 0)));
    }
    let dir = "tests/fixtures/crosscheck";
    let (litellm, genai, pricing) = (format!("{dir}/litellm.json"), format!("{dir}/aws.yml"), format!("{dir}/pricing"));
    let out = infercast()
        .args(["--pricing", &pricing, "catalog", "crosscheck", "--litellm", &litellm, "--genai-prices", &genai])
        .args(["--format", "json"])
        .output()
        .unwrap();
    failures.extend(problems("catalog crosscheck", &String::from_utf8(out.stdout).unwrap()));

    let file = common::TempPath::fresh("output-json-baseline").join("baseline.json");
    stdout_of(&["baseline", "write", "--out", file.to_str().unwrap()], 0);
    failures.extend(problems("baseline write", &std::fs::read_to_string(&file).unwrap()));
    let check = stdout_of(&["baseline", "check", "--baseline", file.to_str().unwrap(), "--format", "json"], 0);
    failures.extend(problems("baseline check", &check));
    assert!(failures.is_empty(), "float noise or -0 in JSON:\n{}", failures.join("\n"));
}

/// Two workloads on the toy model m ($10 in, $20 out per M tokens), 1 request/s on a flat week
/// of 730 hours: 2,628,000 requests in the one month.
const ROUTED: &str = r#"
[scenario]
name = "routed"
months = 1
[traffic]
mean_rps = 1
[[workload]]
name = "plain"
share = 0.7
input_tokens = 1000
output_tokens = 100
latency = "batch"
[[workload]]
name = "agent"
share = 0.3
input_tokens = 2500
output_tokens = 200
[[option]]
kind = "on-demand"
model = "m"
[[option]]
kind = "on-demand"
model = "m"
tier = "batch"
standalone = false
[[plan]]
name = "split"
serve = { plain = "on-demand m (batch)", agent = "on-demand m" }
"#;

/// `_pct` fields are per cent, like `compare`'s: routing's saving, derived by hand.
#[test]
fn routing_saving_is_in_percent() {
    let (pricing, path) = toy("output-routing-pct", ROUTED);
    let v = common::estimate(&pricing, &path);
    assert_eq!(v["schema"], "infercast/estimate-v2");
    // plain: 0.7 · 2,628,000 = 1,839,600 requests at 1,000 · $10/M + 100 · $20/M = $0.012 → $22,075.20;
    // agent: 788,400 requests at 2,500 · $10/M + 200 · $20/M = $0.029 → $22,863.60.
    // All on demand: $44,938.80. The plan sends plain to batch at half price: $11,037.60 saved,
    // 11,037.6 / 44,938.8 · 100 = 24.5614…%.
    let r = &v["routing"];
    assert_eq!((r["plan"].as_str(), r["vs_option"].as_str()), (Some("split"), Some("on-demand m")));
    assert!(close(r["saving_usd"].as_f64().unwrap(), 11_037.6));
    assert!(close(r["saving_pct"].as_f64().unwrap(), 11_037.6 / 44_938.8 * 100.0));
    // The recommendation's saving against the next cheapest (the option) is the same, in per cent.
    let rec = &v["recommendation"];
    assert_eq!((rec["option"].as_str(), rec["next"].as_str()), (Some("split"), Some("on-demand m")));
    assert!(close(rec["saving_vs_next_pct"].as_f64().unwrap(), 11_037.6 / 44_938.8 * 100.0));
    // The text says 24.6% (one decimal), over "1 month", not "1 months".
    let text = stdout_of(&["--pricing", pricing.to_str().unwrap(), "estimate", path.to_str().unwrap()], 0);
    assert!(text.contains("Routing saves $11,037.60 (24.6%) over 1 month:"), "{text}");
    assert!(text.contains("($11,037.60 (24.6%) less") || text.contains("$11,037.60 (24.6%) less"), "{text}");
    assert!(!text.contains("1 months"), "{text}");
}

/// The toy model m on demand and as PT, growing 10 % a month over 3 months of 700 hours, PT
/// sized for the 95th-percentile minute.
const STATED: &str = r#"
[scenario]
name = "stated"
months = 3
hours_per_month = 700
[traffic]
mean_rps = 1
growth_per_month = 0.1
[capacity]
peak_quantile = 0.95
[[workload]]
name = "w"
share = 1.0
input_tokens = 1000
output_tokens = 100
[[option]]
kind = "on-demand"
model = "m"
[[option]]
kind = "provisioned"
model = "m"
term = "1-month"
units = "peak"
"#;

/// The assumptions behind the figures are printed beside them: the sizing quantile, what the
/// per-1k and per-M columns average over, the month and percentile of the quota advice, and the
/// month length in the `breakeven` and `simulate` headers.
#[test]
fn the_assumptions_are_stated_where_the_figures_are() {
    let (pricing, path) = toy("output-stated", STATED);
    let (p, s) = (pricing.to_str().unwrap(), path.to_str().unwrap());
    let text = stdout_of(&["--pricing", p, "estimate", s], 0);
    // peak_quantile = 0.95 is the 95th percentile.
    assert!(
        text.contains("sized for the 95th-percentile minute of each hour of the week (`peak_quantile` = 0.95)"),
        "{text}"
    );
    assert!(text.contains("Per 1k req and per M tok average the whole horizon"), "{text}");
    assert!(text.contains("rejected ones included"), "{text}");
    // Traffic grows, so the busiest minute of the horizon is in the last month, 3; the quota
    // advice is its 99.9th percentile (docs/model.md#quotas).
    assert!(text.contains("to serve the busiest minute of month 3 (99.9th percentile) ask for"), "{text}");
    // The horizon's calendar months follow today's month (no `start` is written): only their count
    // and the month length are fixed.
    assert!(text.contains("; 3 months (") && text.contains(") of 700 hours"), "{text}");

    let breakeven = stdout_of(&["--pricing", p, "breakeven", s], 0);
    assert!(breakeven.lines().next().unwrap().ends_with("; months of 700 hours"), "{breakeven}");
    let sim = stdout_of(&["--pricing", p, "simulate", s, "--samples", "5"], 0);
    assert!(sim.contains("Cost over 3 months of 700 hours"), "{sim}");
    assert!(!sim.contains("1 draws") && !text.contains("1 months"), "{sim}");
}

/// The same share rounds the same way in every sentence: the quota caveat beside the
/// recommendation and the quota section say the same per cent.
#[test]
fn one_share_reads_the_same_in_every_sentence() {
    let text = stdout_of(&["estimate", "scenarios/launch-quota.toml"], 0);
    let caveat = text.split("Check first: the default quota throttles ").nth(1).expect("a throttled caveat");
    let (share, rest) = caveat.split_once(" of calls in month ").unwrap();
    let month = rest.split_whitespace().next().unwrap();
    let quota = text.lines().find(|l| l.contains("calls/min; throttles")).expect("a quota line");
    assert!(quota.contains(&format!(", {share} in month {month};")), "caveat says {share}:\n{quota}");
}
