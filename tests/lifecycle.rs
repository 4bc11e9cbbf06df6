//! Lifecycle (docs/model.md#lifecycle): a model past its end of life is refused unless the option
//! allows it; one whose end of life falls inside the horizon is priced with a caveat naming the
//! month. Every run pins its today with `INFERCAST_TODAY`, so nothing depends on the clock.
mod common;

use common::TempPath;
use std::path::Path;

/// `months` months of 1,000,000 requests of 1,000 input and 100 output tokens, priced by `options`.
fn scenario(name: &str, months: u32, options: &str) -> TempPath {
    let path = TempPath::fresh(name).join(format!("{name}.toml"));
    let text = format!(
        "[scenario]\nname = \"{name}\"\nmonths = {months}\n[traffic]\nrequests_per_month = 1_000_000\n\
         [[workload]]\nname = \"w\"\nshare = 1\ninput_tokens = 1000\noutput_tokens = 100\n{options}"
    );
    std::fs::write(&path, text).unwrap();
    path
}

fn run(today: &str, args: &[&str], path: &Path) -> (Option<i32>, String, String) {
    let out = common::infercast().env("INFERCAST_TODAY", today).args(args).arg(path).output().unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn estimate(today: &str, path: &Path) -> serde_json::Value {
    let (code, stdout, stderr) = run(today, &["estimate", "--format", "json"], path);
    assert_eq!(code, Some(0), "{stderr}");
    serde_json::from_str(&stdout).unwrap()
}

fn caveats(v: &serde_json::Value) -> Vec<(String, String)> {
    v["recommendation"]["caveats"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["kind"].as_str().unwrap().to_string(), c["text"].as_str().unwrap().to_string()))
        .collect()
}

const HAIKU_3: &str = "[[option]]\nkind = \"on-demand\"\nmodel = \"claude-3-haiku\"\n";

#[test]
fn a_model_past_its_end_of_life_is_refused_at_the_option_s_model() {
    // pricing/bedrock-anthropic.toml: claude-3-haiku ends 2026-09-10, successor claude-haiku-4.5.
    let path = scenario("retired", 12, HAIKU_3);
    for command in ["validate", "estimate"] {
        let (code, stdout, stderr) = run("2026-12-07", &[command], &path);
        assert_eq!(code, Some(2), "{command}: {stderr}");
        assert!(stdout.is_empty());
        let shown = path.display();
        // Line 13 of the scenario is `model = "claude-3-haiku"`; the value starts at column 9.
        assert_eq!(
            stderr,
            format!(
                "error: {shown}:13:9: `claude-3-haiku` reached its end of life on 2026-09-10 (before 2026-12-07): \
                 Bedrock no longer serves it\n   |\n13 | model = \"claude-3-haiku\"\n   |         ^^^^^^^^^^^^^^^^\n  \
                 = help: move to `claude-haiku-4.5`, the successor named for it; or set `allow_retired = true` \
                 on the option to price it at its last prices\n"
            )
        );
    }
    // The end-of-life day itself is retired: AWS stops serving the model on it.
    assert_eq!(run("2026-09-10", &["validate"], &path).0, Some(2));
    assert_eq!(run("2026-09-09", &["validate"], &path).0, Some(0));
}

#[test]
fn a_retired_model_without_a_successor_says_none_is_named() {
    // jamba-1.5-large ends 2026-11-26 and names no successor.
    let path = scenario("no-successor", 12, "[[option]]\nkind = \"on-demand\"\nmodel = \"jamba-1.5-large\"\n");
    let (code, _, stderr) = run("2026-12-07", &["validate"], &path);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("`jamba-1.5-large` reached its end of life on 2026-11-26 (before 2026-12-07)"), "{stderr}");
    assert!(stderr.contains("= help: no successor is named for it: pick a current model"), "{stderr}");
}

#[test]
fn allow_retired_prices_it_with_a_caveat() {
    let path = scenario("allowed", 1, &format!("{HAIKU_3}allow_retired = true\n"));
    let v = estimate("2026-12-07", &path);
    // Its catalog prices, 1,000 · input + 100 · output µ$ a request, $ for a million a month
    // (today $0.25 / $1.25: 375 µ$ → $375).
    let haiku = common::bundled::model("claude-3-haiku");
    let want = common::bundled::per_request(&haiku, 1_000.0, 100.0) * 1e6;
    assert!(common::close(v["options"][0]["months"][0]["cost_usd"].as_f64().unwrap(), want));
    let c = caveats(&v);
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].0, "retired");
    assert!(c[0].1.starts_with("claude-3-haiku was retired on 2026-09-10 (allow_retired)"), "{c:?}");
    assert!(c[0].1.ends_with("its successor: claude-haiku-4.5"), "{c:?}");
    // `allow_retired` is for Bedrock models only.
    let bad = scenario(
        "allowed-selfhost",
        1,
        "[[option]]\nkind = \"self-hosted\"\ndeployment = \"x\"\nprice = \"on-demand\"\nallow_retired = true\n",
    );
    let (code, _, stderr) = run("2026-12-07", &["validate"], &bad);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("`allow_retired` does not apply to a self-hosted option"), "{stderr}");
}

#[test]
fn an_end_of_life_inside_the_horizon_names_its_month() {
    // Today 2026-06-01, end of life 2026-09-10. Months from today: 06-01..06-30 is month 1,
    // 07-01.. month 2, 08-01.. month 3, 09-01..09-30 month 4: it stops in month 4.
    let path = scenario("ends", 12, HAIKU_3);
    let v = estimate("2026-06-01", &path);
    let c = caveats(&v);
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].0, "ends-in-horizon");
    assert!(
        c[0].1.starts_with("claude-3-haiku stops on 2026-09-10, in month 4: move to claude-haiku-4.5 before then"),
        "{c:?}"
    );
    let warnings = v["warnings"].as_array().unwrap();
    assert!(warnings.iter().any(|w| w.as_str().unwrap().starts_with("claude-3-haiku stops on 2026-09-10")));
    // Today 2026-06-10: 06-10..07-09 month 1, ..08-09 month 2, ..09-09 month 3, and 09-10 (three
    // whole months on) opens month 4. A day later, 06-11..09-10 holds months 1 to 3: month 3.
    assert!(caveats(&estimate("2026-06-10", &path))[0].1.contains(", in month 4:"));
    assert!(caveats(&estimate("2026-06-11", &path))[0].1.contains(", in month 3:"));
    // A 3-month horizon from 2026-06-01 ends before it: only the legacy note remains.
    let short = scenario("ends-later", 3, HAIKU_3);
    let c = caveats(&estimate("2026-06-01", &short));
    assert_eq!(c.iter().map(|c| c.0.as_str()).collect::<Vec<_>>(), ["legacy-model"]);
}

#[test]
fn a_malformed_today_is_refused() {
    let path = scenario("bad-today", 1, HAIKU_3);
    let (code, _, stderr) = run("2026-02-30", &["estimate"], &path);
    assert_eq!(code, Some(2));
    assert_eq!(
        stderr,
        "error: environment variable INFERCAST_TODAY: `2026-02-30` is not a date: February 2026 has 28 days\n  \
         = help: set INFERCAST_TODAY to a date like 2026-11-25, or unset it to use today's\n"
    );
}

#[test]
fn validate_today_overrides_the_environment() {
    // On 2026-06-01 claude-3-haiku is still served; `--today 2026-12-07` judges it retired.
    let path = scenario("validate-today", 12, HAIKU_3);
    assert_eq!(run("2026-06-01", &["validate"], &path).0, Some(0));
    let (code, _, stderr) = run("2026-06-01", &["validate", "--today", "2026-12-07"], &path);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("reached its end of life on 2026-09-10 (before 2026-12-07)"), "{stderr}");
}
