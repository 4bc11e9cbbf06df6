//! `baseline write` / `baseline check` end to end: byte-stable files, exact diff lines, exit codes
//! and the guardrails.
mod common;

use common::bundled::{self, file_of, pricing_with, set_field, usd};
use common::{TempPath, infercast};
use infercast::format::percent;
use std::path::Path;

fn write_baseline(name: &str) -> TempPath {
    let out = TempPath::fresh(name).join("baseline.json");
    let run = infercast().args(["baseline", "write", "--out", out.to_str().unwrap()]).output().unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    out
}

fn check(baseline: &Path, pricing: Option<&Path>, extra: &[&str]) -> (Option<i32>, String, String) {
    let mut cmd = infercast();
    if let Some(p) = pricing {
        cmd.args(["--pricing", p.to_str().unwrap()]);
    }
    let run = cmd.args(["baseline", "check", "--baseline", baseline.to_str().unwrap()]).args(extra).output().unwrap();
    (run.status.code(), String::from_utf8(run.stdout).unwrap(), String::from_utf8(run.stderr).unwrap())
}

#[test]
fn writing_twice_gives_identical_bytes() {
    let a = write_baseline("baseline-twice-a");
    let b = write_baseline("baseline-twice-b");
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
}

/// Every number of a JSON value.
fn numbers(v: &serde_json::Value, out: &mut Vec<f64>) {
    match v {
        serde_json::Value::Number(n) => out.push(n.as_f64().unwrap()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| numbers(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| numbers(x, out)),
        _ => {}
    }
}

#[test]
fn figures_are_recorded_to_12_significant_digits() {
    // The shortest decimal that reads back as each figure has at most 12 digits, so the last bits
    // of another machine's arithmetic round away (e.g. calls per request 1.6, not
    // 1.5999999999999999).
    let base = write_baseline("baseline-digits");
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&base).unwrap()).unwrap();
    let mut all = Vec::new();
    numbers(&v, &mut all);
    assert!(all.len() > 1000, "{}", all.len());
    for x in all {
        let shortest = format!("{x:e}");
        let digits = shortest.split('e').next().unwrap().chars().filter(char::is_ascii_digit).count();
        assert!(digits <= 12, "{x} has {digits} significant digits");
    }
    assert_eq!(v["scenarios"]["support-agent"]["tokens"]["calls_per_request"], 1.6);
    // Written values read back exactly: a zero tolerance passes.
    let (code, out, _) = check(&base, None, &["--tolerance", "0"]);
    assert_eq!(code, Some(0), "{out}");
}

#[test]
fn unchanged_inputs_pass() {
    let base = write_baseline("baseline-unchanged");
    let (code, out, _) = check(&base, None, &[]);
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(out, format!("PASS: nothing moved beyond the 0.1% tolerance\nbaseline: {}\n", base.display()));
}

#[test]
fn the_committed_baseline_is_current() {
    // CI runs the same check; a pricing or scenario change must be re-blessed with
    // `cargo run -- baseline write`.
    let (code, out, err) = check(Path::new("reports/baseline.json"), None, &[]);
    assert_eq!(code, Some(0), "{out}{err}");
}

/// steady-classifier's month 1: 16.7 requests a second (the mean of its triangular rate) · 3,600
/// · 730 = 43,887,600 requests of 1,500 input and 50 output tokens.
const STEADY_REQUESTS: f64 = 43_887_600.0;

/// Month 1 of steady-classifier on demand at `input` / `output` USD per million tokens.
fn steady_month_1(input: f64, output: f64) -> f64 {
    STEADY_REQUESTS * (1_500.0 * input + 50.0 * output) / 1e6
}

/// A price as `baseline check` lists it: two decimals when they hold it exactly.
fn price(x: f64) -> String {
    let two = format!("{x:.2}");
    if two.parse::<f64>().ok() == Some(x) { two } else { format!("{x}") }
}

#[test]
fn a_changed_price_fails_with_the_exact_diff_line() {
    // Claude Sonnet 4.5's in-region input price raised by a sixth, to the cent (today 3.30 →
    // 3.85): (3.85 − 3.30) / 3.30 = +16.7 %.
    let sonnet = bundled::model("claude-sonnet-4.5");
    let (old, output) = (sonnet.input_usd_per_mtok, sonnet.output_usd_per_mtok);
    let new: f64 = format!("{:.2}", old * 7.0 / 6.0).parse().unwrap();
    let base = write_baseline("baseline-price");
    let pricing = pricing_with("baseline-price-pricing", &file_of(&sonnet), |t| {
        set_field(t, "claude-sonnet-4.5", "input_usd_per_mtok", &price(new))
    });
    let (code, out, _) = check(&base, Some(&*pricing), &[]);
    assert_eq!(code, Some(1), "{out}");
    let line =
        format!("claude-sonnet-4.5 input {} → {} $/Mtok (+{})", price(old), price(new), percent((new - old) / old));
    assert!(out.contains(&format!("\n  {line}\n")), "{line} missing from {out}");
    // steady-classifier on demand: today a request is 1,500 in / 50 out at $3.30 / $16.50 =
    // $0.005775; +$0.55/M on 1,500 tokens is +$0.000825 (+14.3 %), and 43,887,600 requests ×
    // $0.000825 = +$36,207.27 on $253,450.89 in month 1.
    let (was, now) = (steady_month_1(old, output), steady_month_1(new, output));
    let change = format!("+{} (+{})", percent((now - was) / was), usd(now - was));
    assert_eq!(
        scenario_row(&out, "steady-classifier", "option on-demand claude-sonnet-4.5, month 1, USD"),
        ["steady-classifier", usd(was).as_str(), usd(now).as_str(), change.as_str()],
        "{out}"
    );
    assert!(out.starts_with("FAIL: "), "{out}");
    let (_, md, _) = check(&base, Some(&*pricing), &["--format", "markdown"]);
    assert!(md.starts_with("❌ **infercast FAIL: "), "{md}");
    assert!(md.contains(&format!("\n- {line}\n")), "{md}");
    let (_, json, _) = check(&base, Some(&*pricing), &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["passed"], false);
    assert_eq!(v["prices"][0]["line"], line);
}

#[test]
fn guardrails_fail_only_on_increases_beyond_them() {
    // Claude Sonnet 4.5 in-region input and output both +4 % (today 3.30 → 3.432, 16.50 → 17.16):
    // every on-demand cost of the model rises exactly 4 %; PT options rise at most that much.
    let sonnet = bundled::model("claude-sonnet-4.5");
    let (input, output) = (sonnet.input_usd_per_mtok, sonnet.output_usd_per_mtok);
    let base = write_baseline("baseline-guardrails");
    let pricing = pricing_with("baseline-guardrails-pricing", &file_of(&sonnet), |t| {
        let t = set_field(t, "claude-sonnet-4.5", "input_usd_per_mtok", &format!("{}", input * 1.04));
        set_field(&t, "claude-sonnet-4.5", "output_usd_per_mtok", &format!("{}", output * 1.04))
    });
    let (code, out, _) = check(&base, Some(&*pricing), &["--fail-above-pct", "5"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.starts_with("PASS: "), "{out}");
    let (code, out, _) = check(&base, Some(&*pricing), &["--fail-above-pct", "3"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("steady-classifier: option on-demand claude-sonnet-4.5, month 1, USD rose +4% (limit +3%)"),
        "{out}"
    );
    // In dollars: steady-classifier on demand, month 1, 4 % of its cost (today $253,450.89 × 4 %
    // = +$10,138.04): a limit 10 % above the rise passes, one 10 % below fails.
    let rise = steady_month_1(input, output) * 0.04;
    let (above, below) = (format!("{:.0}", rise * 1.1), format!("{:.0}", rise * 0.9));
    let (code, _, _) = check(&base, Some(&*pricing), &["--fail-above-usd", &above]);
    assert_eq!(code, Some(0));
    let (code, out, _) = check(&base, Some(&*pricing), &["--fail-above-usd", &below]);
    assert_eq!(code, Some(1));
    let rose = format!(
        "steady-classifier: option on-demand claude-sonnet-4.5, month 1, USD rose {} (limit +${below})",
        usd(rise)
    );
    assert!(out.contains(&rose), "{rose} missing from {out}");
}

/// The columns other than the figure of the table row whose figure is `label` (columns are
/// separated by at least two spaces).
fn row<'a>(out: &'a str, label: &str) -> Vec<&'a str> {
    scenario_row(out, "", label)
}

/// The row of `label` whose line starts with `scenario` (any scenario when empty).
fn scenario_row<'a>(out: &'a str, scenario: &str, label: &str) -> Vec<&'a str> {
    let line = out
        .lines()
        .find(|l| l.trim_start().starts_with(scenario) && l.contains(&format!("  {label}  ")))
        .unwrap_or_else(|| panic!("no row {label}"));
    line.split("  ").map(str::trim).filter(|c| !c.is_empty() && *c != label).collect()
}

/// A copy of `base` with `edit` applied to its JSON.
fn edited(base: &Path, name: &str, edit: impl Fn(&mut serde_json::Value)) -> TempPath {
    let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(base).unwrap()).unwrap();
    edit(&mut v);
    let out = TempPath::fresh(name).join("baseline.json");
    std::fs::write(&out, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    out
}

#[test]
fn nan_cannot_switch_the_guardrail_off() {
    // Every monthly cost halved in the baseline: now is exactly twice it, +100 %.
    let base = write_baseline("baseline-halved");
    let halved = edited(&base, "baseline-halved-edit", |v| {
        for s in v["scenarios"].as_object_mut().unwrap().values_mut() {
            for o in s["options"].as_object_mut().unwrap().values_mut() {
                for (f, x) in o.as_object_mut().unwrap() {
                    if f.starts_with("month_") && f.ends_with("_usd") {
                        *x = (x.as_f64().unwrap() / 2.0).into();
                    }
                }
            }
        }
    });
    // NaN compares false with everything, so it used to pass this with exit 0.
    let (code, out, err) = check(&halved, None, &["--fail-above-pct", "NaN"]);
    assert_eq!((code, out.as_str()), (Some(2), ""));
    assert_eq!(
        err,
        "error: invalid value 'NaN' for '--fail-above-pct <P>': `NaN` is not a limit: give a finite percentage of \
         zero or more, like 5\n\nFor more information, try '--help'.\n"
    );
    let (code, out, _) = check(&halved, None, &["--fail-above-pct", "99"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("steady-classifier: option on-demand claude-sonnet-4.5, month 1, USD rose +100% (limit +99%)"),
        "{out}"
    );
    let (code, out, _) = check(&halved, None, &["--fail-above-pct", "100"]);
    assert_eq!(code, Some(0), "{out}");
}

#[test]
fn under_guardrails_a_missing_option_or_scenario_fails() {
    // The baseline gains an option the recomputation does not have, and only two of the eight
    // bundled scenarios are recomputed.
    let base = write_baseline("baseline-missing");
    let edited = edited(&base, "baseline-missing-edit", |v| {
        let options = v["scenarios"]["steady-classifier"]["options"].as_object_mut().unwrap();
        let copy = options["on-demand nova-pro (batch)"].clone();
        options.insert("on-demand retired".into(), copy);
    });
    let only = ["scenarios/steady-classifier.toml", "scenarios/support-agent.toml"];
    let gone = |what: &str| format!("{what} is in the baseline but missing from the recomputation");
    let failures = [
        gone("scenario doc-summariser"),
        gone("scenario knowledge-base"),
        gone("scenario launch-quota"),
        gone("scenario report-writer"),
        gone("scenario selfhost-chat"),
        gone("option \"on-demand retired\" in steady-classifier"),
        gone("scenario vendor-quotes"),
    ];
    let removed = "scenario doc-summariser\n  scenario knowledge-base\n  scenario launch-quota\n  scenario \
                   report-writer\n  scenario selfhost-chat\n  option \"on-demand retired\" in steady-classifier\n  \
                   scenario vendor-quotes\n";
    let (code, out, _) = check(&edited, None, &[&["--fail-above-pct", "5"], &only[..]].concat());
    assert_eq!(code, Some(1), "{out}");
    assert_eq!(out, format!("FAIL: {}\nbaseline: {}\n\nRemoved\n  {removed}", failures.join("; "), edited.display()));
    let (code, md, _) = check(&edited, None, &[&["--fail-above-usd", "0", "--format", "markdown"], &only[..]].concat());
    assert_eq!(code, Some(1), "{md}");
    assert!(md.starts_with(&format!("❌ **infercast FAIL: {}**\n", failures.join("; "))), "{md}");
    assert!(md.ends_with(&format!("\n#### Removed\n\n- {}", removed.replace("\n  ", "\n- "))), "{md}");
    let (code, json, _) = check(&edited, None, &[&["--fail-above-pct", "5", "--format", "json"], &only[..]].concat());
    assert_eq!(code, Some(1), "{json}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["passed"], false);
    assert_eq!(v["failures"], serde_json::json!(failures));
}

#[test]
fn provenance_changes_are_listed_and_fail_only_without_guardrails() {
    // Claude Sonnet 4.5 re-sourced and re-dated (from the catalog's own source and date), a
    // GPU's figures re-dated; no figure changes.
    let sonnet = bundled::model("claude-sonnet-4.5");
    let (source, retrieved) = (&sonnet.provenance.source, &sonnet.provenance.retrieved);
    let new_source = "https://example.com/bedrock/quote";
    let new_date = if retrieved == "2026-11-20" { "2026-11-21" } else { "2026-11-20" };
    let base = write_baseline("baseline-provenance");
    let pricing = pricing_with("baseline-provenance-pricing", &file_of(&sonnet), |t| {
        let t = set_field(t, "claude-sonnet-4.5", "retrieved", new_date);
        set_field(&t, "claude-sonnet-4.5", "source", &format!("\"{new_source}\""))
    });
    let gpus = pricing.join("gpus.toml");
    let text = std::fs::read_to_string(&gpus).unwrap();
    let gpu = bundled::catalog().gpu("h100-sxm").unwrap().provenance.retrieved.clone();
    let gpu_date = if gpu == "2026-11-20" { "2026-11-21" } else { "2026-11-20" };
    std::fs::write(&gpus, set_field(&text, "h100-sxm", "retrieved", gpu_date)).unwrap();
    let lines = [
        format!("claude-sonnet-4.5 source {source} → {new_source}"),
        format!("claude-sonnet-4.5 retrieved {retrieved} → {new_date}"),
        format!("gpu:h100-sxm retrieved {gpu} → {gpu_date}"),
    ];
    let (code, out, _) = check(&base, Some(&*pricing), &[]);
    assert_eq!(code, Some(1), "{out}");
    let listed = format!("\nProvenance changes\n  {}\n", lines.join("\n  "));
    assert_eq!(out, format!("FAIL: 3 changes beyond the 0.1% tolerance\nbaseline: {}\n{listed}", base.display()));
    // Not a cost increase: under guardrails, listed and passing.
    let (code, out, _) = check(&base, Some(&*pricing), &["--fail-above-pct", "0"]);
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(out, format!("PASS: 3 changes within the guardrails\nbaseline: {}\n{listed}", base.display()));
    let (_, md, _) = check(&base, Some(&*pricing), &["--format", "markdown"]);
    assert!(md.ends_with(&format!("\n#### Provenance changes\n\n- {}\n", lines.join("\n- "))), "{md}");
    let (_, json, _) = check(&base, Some(&*pricing), &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let got: Vec<_> = v["provenance"].as_array().unwrap().iter().map(|p| p["line"].as_str().unwrap()).collect();
    assert_eq!(got, lines);
    assert_eq!((&v["provenance"][2]["baseline"], &v["provenance"][2]["now"]), (&gpu.as_str().into(), &gpu_date.into()));
}

#[test]
fn a_broken_catalog_is_bad_input_with_its_location() {
    let base = write_baseline("baseline-broken");
    let pricing =
        pricing_with("baseline-broken-pricing", "bedrock-meta.toml", |t| t.replacen("[catalog]", "[catalog", 1));
    let (code, out, err) = check(&base, Some(&*pricing), &[]);
    assert_eq!(code, Some(2));
    assert!(out.is_empty());
    let line = std::fs::read_to_string(pricing.join("bedrock-meta.toml"))
        .unwrap()
        .lines()
        .position(|l| l == "[catalog")
        .unwrap()
        + 1;
    assert!(err.starts_with(&format!("error: {}:{line}:", pricing.join("bedrock-meta.toml").display())), "{err}");
    assert!(err.contains("invalid TOML"), "{err}");
}

#[test]
fn a_missing_baseline_says_how_to_make_one() {
    let (code, _, err) = check(Path::new("nope/baseline.json"), None, &[]);
    assert_eq!(code, Some(2));
    assert_eq!(
        err,
        "error: nope/baseline.json: cannot read this file: it does not exist\n  = help: write one with `infercast baseline write`, or pass --baseline FILE\n"
    );
}

#[test]
fn validate_max_age_warns_and_strict_fails() {
    // The oldest bundled figures were retrieved 2025-03-06: 264 days before 2025-11-25,
    // 2025-11-25 → 2026-11-25 is 365 more (no 29 February between) and 2026-11-25 → 2026-12-08
    // 13 more: 642 days. The latest were read on 2026-12-08 (the other vendors' pricing pages,
    // which print no date), so that is the first day every figure existed on.
    let run = infercast().args(["validate", "--max-age", "100", "--today", "2026-12-08"]).output().unwrap();
    assert_eq!(run.status.code(), Some(0));
    let out = String::from_utf8(run.stdout).unwrap();
    assert!(out.contains("warning: ") && out.contains("retrieved 2025-03-06, 642 days ago"), "{out}");
    assert!(out.contains("assumed figures (published nowhere"), "{out}");
    let strict =
        infercast().args(["validate", "--max-age", "100", "--strict", "--today", "2026-12-08"]).output().unwrap();
    assert_eq!(strict.status.code(), Some(1));
    // Nothing is older than 1,000 days: no warning.
    let fresh =
        infercast().args(["validate", "--max-age", "1000", "--strict", "--today", "2026-12-08"]).output().unwrap();
    assert_eq!(fresh.status.code(), Some(0));
}

#[test]
fn a_flipped_recommendation_is_reported_first_and_fails() {
    // Claude Haiku 4.5's global input price (today 1.00) → 30.00 $/Mtok: the router's simple tier (70 %
    // of support-agent's requests, on Haiku) now costs more than sending everything to Sonnet.
    let base = write_baseline("baseline-flip");
    let haiku = bundled::model("claude-haiku-4.5");
    let pricing = pricing_with("baseline-flip-pricing", &file_of(&haiku), |t| {
        // The first `input_usd_per_mtok` line after Haiku 4.5's `[model.global]`, whatever it says.
        let start = t.find("key = \"claude-haiku-4.5\"").unwrap();
        let at = start + t[start..].find("[model.global]").unwrap();
        let at = at + t[at..].find("\ninput_usd_per_mtok = ").unwrap() + 1;
        let end = at + t[at..].find('\n').unwrap();
        format!("{}input_usd_per_mtok = 30.00{}", &t[..at], &t[end..])
    });
    let flip = "support-agent: the recommendation changed from `two-tier on demand` to `on-demand claude-sonnet-4.5`";
    let only = ["scenarios/support-agent.toml"];
    let (code, out, _) = check(&base, Some(&pricing), &only);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.starts_with(&format!("FAIL: {flip}; ")), "{out}");
    // Its own section comes before every figure.
    let section = format!("\n\nRecommendation changes\n  {flip}\n\nPrice changes\n");
    assert!(out.contains(&section), "{out}");
    // A reviewer reads each row without the file open: a plan's member by its workload and option.
    let member = "plan two-tier on demand, member `simple` (on-demand claude-haiku-4.5 (global)), month 1, USD";
    assert_eq!(row(&out, member)[0], "support-agent", "{out}");
    // A figure the recomputation no longer has says what it was.
    let gone = "  gone: support-agent: plan two-tier on demand, break-even, requests a month (was ";
    assert!(out.lines().any(|l| l.starts_with(gone) && l.ends_with(')')), "{out}");
    assert!(!out.contains("member_") && !out.contains("(none)"), "{out}");
    // Guardrails loose enough to pass every cost rise (all scenarios, so none is missing) still
    // fail on the flip.
    let (code, out, _) = check(&base, Some(&pricing), &["--fail-above-pct", "100000"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.starts_with(&format!("FAIL: {flip}\n")), "{out}");
    let (_, md, _) = check(&base, Some(&pricing), &[&["--format", "markdown"], &only[..]].concat());
    assert!(md.contains(&format!("\n#### Recommendation changes\n\n- {flip}\n")), "{md}");
    let (_, json, _) = check(&base, Some(&pricing), &[&["--format", "json"], &only[..]].concat());
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["schema"], "infercast/baseline-diff-v2");
    assert_eq!(v["recommendations"][0]["line"], flip);
    assert_eq!(v["recommendations"][0]["baseline"], "two-tier on demand");
    assert_eq!(v["recommendations"][0]["now"], "on-demand claude-sonnet-4.5");
}

#[test]
fn each_scenario_records_its_recommendation_and_plan_members_by_workload() {
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("reports/baseline.json").unwrap()).unwrap();
    assert_eq!(v["schema"], "infercast/baseline-v2");
    let s = &v["scenarios"]["support-agent"];
    assert_eq!(s["recommendation"], "two-tier on demand");
    let member = &s["plans"]["two-tier on demand"]["members"]["simple"];
    assert_eq!(member["option"], "on-demand claude-haiku-4.5 (global)");
    assert!(member["figures"]["month_1_usd"].is_number());
}
