//! `baseline write` / `baseline check` end to end: byte-stable files, exact diff lines, exit codes
//! and the guardrails.
mod common;

use common::bundled::pricing_with;
use common::{TempPath, infercast};
use std::path::Path;

/// Replaces the first `key = old` line of the `[[model]]` whose key is `model`.
fn set_price(text: &str, model: &str, key: &str, old: &str, new: &str) -> String {
    let start = text.find(&format!("key = \"{model}\"")).unwrap();
    let at = start + text[start..].find(&format!("{key} = {old}")).unwrap();
    format!("{}{key} = {new}{}", &text[..at], &text[at + key.len() + 3 + old.len()..])
}

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

#[test]
fn a_changed_price_fails_with_the_exact_diff_line() {
    let base = write_baseline("baseline-price");
    let pricing = pricing_with("baseline-price-pricing", "bedrock-anthropic.toml", |t| {
        set_price(t, "claude-sonnet-4.5", "input_usd_per_mtok", "3.30", "3.85")
    });
    let (code, out, _) = check(&base, Some(&*pricing), &[]);
    assert_eq!(code, Some(1), "{out}");
    // (3.85 − 3.30) / 3.30 = +16.7 %.
    assert!(out.contains("\n  claude-sonnet-4.5 input 3.30 → 3.85 $/Mtok (+16.7%)\n"), "{out}");
    // steady-classifier on demand: a request is 1,500 in / 50 out at $3.30 / $16.50 = $0.005775;
    // +$0.55/M on 1,500 tokens is +$0.000825 (+14.3 %), and 43,887,600 requests × $0.000825 =
    // +$36,207.27 on $253,450.89 in month 1.
    assert_eq!(
        row(&out, "option on-demand claude-sonnet-4.5, month 1, USD"),
        ["steady-classifier", "$253,450.89", "$289,658.16", "+14.3% (+$36,207.27)"],
        "{out}"
    );
    assert!(out.starts_with("FAIL: "), "{out}");
    let (_, md, _) = check(&base, Some(&*pricing), &["--format", "markdown"]);
    assert!(md.starts_with("❌ **infercast FAIL: "), "{md}");
    assert!(md.contains("\n- claude-sonnet-4.5 input 3.30 → 3.85 $/Mtok (+16.7%)\n"), "{md}");
    let (_, json, _) = check(&base, Some(&*pricing), &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["passed"], false);
    assert_eq!(v["prices"][0]["line"], "claude-sonnet-4.5 input 3.30 → 3.85 $/Mtok (+16.7%)");
}

#[test]
fn guardrails_fail_only_on_increases_beyond_them() {
    // Claude Sonnet 4.5 in-region input and output both +4 % (3.30 → 3.432, 16.50 → 17.16): every
    // on-demand cost of the model rises exactly 4 %; PT options rise at most that much.
    let base = write_baseline("baseline-guardrails");
    let pricing = pricing_with("baseline-guardrails-pricing", "bedrock-anthropic.toml", |t| {
        let t = set_price(t, "claude-sonnet-4.5", "input_usd_per_mtok", "3.30", "3.432");
        set_price(&t, "claude-sonnet-4.5", "output_usd_per_mtok", "16.50", "17.16")
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
    // In dollars: steady-classifier on demand, month 1, $253,450.89 × 4 % = +$10,138.04.
    let (code, _, _) = check(&base, Some(&*pricing), &["--fail-above-usd", "11000"]);
    assert_eq!(code, Some(0));
    let (code, out, _) = check(&base, Some(&*pricing), &["--fail-above-usd", "10000"]);
    assert_eq!(code, Some(1));
    assert!(
        out.contains(
            "steady-classifier: option on-demand claude-sonnet-4.5, month 1, USD rose $10,138.04 (limit +$10000)"
        ),
        "{out}"
    );
}

/// The columns other than the figure of the table row whose figure is `label` (columns are
/// separated by at least two spaces).
fn row<'a>(out: &'a str, label: &str) -> Vec<&'a str> {
    let line = out.lines().find(|l| l.contains(&format!("  {label}  "))).unwrap_or_else(|| panic!("no row {label}"));
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
    // The baseline gains an option the recomputation does not have, and only two of the six
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
        gone("scenario selfhost-chat"),
        gone("option \"on-demand retired\" in steady-classifier"),
    ];
    let removed = "scenario doc-summariser\n  scenario knowledge-base\n  scenario launch-quota\n  scenario \
                   selfhost-chat\n  option \"on-demand retired\" in steady-classifier\n";
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
    // Claude Sonnet 4.5 re-sourced and re-dated, a deployment marked assumed; no figure changes.
    let base = write_baseline("baseline-provenance");
    let pricing = pricing_with("baseline-provenance-pricing", "bedrock-anthropic.toml", |t| {
        let t = set_price(t, "claude-sonnet-4.5", "retrieved", "2026-08-21", "2026-11-20");
        let old = "\"https://github.com/pydantic/genai-prices/blob/main/prices/providers/aws.yml\"";
        set_price(&t, "claude-sonnet-4.5", "source", old, "\"https://aws.amazon.com/bedrock/pricing/\"")
    });
    let selfhost = pricing.join("selfhost.toml");
    let text = std::fs::read_to_string(&selfhost).unwrap();
    std::fs::write(&selfhost, set_price(&text, "llama-3.1-70b@p4de.24xlarge", "assumed", "false", "true")).unwrap();
    let lines = [
        "claude-sonnet-4.5 source https://github.com/pydantic/genai-prices/blob/main/prices/providers/aws.yml → \
         https://aws.amazon.com/bedrock/pricing/",
        "claude-sonnet-4.5 retrieved 2026-08-21 → 2026-11-20",
        "deployment:llama-3.1-70b@p4de.24xlarge assumed no → yes",
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
    assert_eq!((&v["provenance"][2]["baseline"], &v["provenance"][2]["now"]), (&false.into(), &true.into()));
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
    // 2025-11-25 → 2026-11-25 is 365 more (no 29 February between) and 2026-11-25 → 2026-12-07
    // 12 more: 641 days. The latest were read on 2026-12-07 (Claude Sonnet 5's model card), so
    // that is the first day every figure existed on.
    let run = infercast().args(["validate", "--max-age", "100", "--today", "2026-12-07"]).output().unwrap();
    assert_eq!(run.status.code(), Some(0));
    let out = String::from_utf8(run.stdout).unwrap();
    assert!(out.contains("warning: ") && out.contains("retrieved 2025-03-06, 641 days ago"), "{out}");
    assert!(out.contains("assumed figures (published nowhere"), "{out}");
    let strict =
        infercast().args(["validate", "--max-age", "100", "--strict", "--today", "2026-12-07"]).output().unwrap();
    assert_eq!(strict.status.code(), Some(1));
    // Nothing is older than 1,000 days: no warning.
    let fresh =
        infercast().args(["validate", "--max-age", "1000", "--strict", "--today", "2026-12-07"]).output().unwrap();
    assert_eq!(fresh.status.code(), Some(0));
}

#[test]
fn a_flipped_recommendation_is_reported_first_and_fails() {
    // Claude Haiku 4.5's global input price 1.00 → 30.00 $/Mtok: the router's simple tier (70 %
    // of support-agent's requests, on Haiku) now costs more than sending everything to Sonnet.
    let base = write_baseline("baseline-flip");
    let pricing = pricing_with("baseline-flip-pricing", "bedrock-anthropic.toml", |t| {
        let start = t.find("key = \"claude-haiku-4.5\"").unwrap();
        let at = start + t[start..].find("[model.global]").unwrap();
        let at = at + t[at..].find("input_usd_per_mtok = 1.00").unwrap();
        format!("{}input_usd_per_mtok = 30.00{}", &t[..at], &t[at + "input_usd_per_mtok = 1.00".len()..])
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
