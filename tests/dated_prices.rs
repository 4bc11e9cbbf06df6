//! Prices that change on a date (docs/catalog.md#price-periods) and the scenario's start month
//! (docs/model.md#start-month): month m of the horizon is the calendar month start + m − 1, priced
//! with the figures in force on its days. Every run pins its today with `INFERCAST_TODAY`.
mod common;

use common::{TempPath, close};

/// A toy model at $2 per million tokens in and out (its undated figures), at $1 until 2027-02-14.
const CATALOG: &str = r#"[catalog]
provider = "aws-bedrock"
region = "us-east-1"
currency = "USD"
source = "https://aws.amazon.com/bedrock/pricing/"
retrieved = 2026-01-01

[[model]]
key = "toy"
id = "vendor.toy-v1:0"
input_usd_per_mtok = 2.00
output_usd_per_mtok = 2.00
context_window_tokens = 100_000
max_output_tokens = 10_000

[[model.price_period]]
until = 2027-02-14
input_usd_per_mtok = 1.00
output_usd_per_mtok = 1.00
"#;

/// 1,000,000 requests a month of 500 input and 500 output tokens: 1e9 tokens, so a month costs
/// $1,000 per $1 per million tokens.
fn scenario(header: &str) -> String {
    format!(
        "[scenario]\nname = \"dated\"\n{header}\n[traffic]\nrequests_per_month = 1_000_000\n\
         [[workload]]\nname = \"w\"\nshare = 1\ninput_tokens = 500\noutput_tokens = 500\nmax_tokens = 1000\n\
         [[option]]\nname = \"toy\"\nkind = \"on-demand\"\nmodel = \"toy\"\n"
    )
}

fn write(name: &str, catalog: Option<&str>, scenario: &str) -> (TempPath, TempPath) {
    let dir = TempPath::fresh(name);
    let (pricing, path) = (dir.join("pricing"), dir.join("scenario.toml"));
    std::fs::create_dir_all(&pricing).unwrap();
    if let Some(c) = catalog {
        std::fs::write(pricing.join("toy.toml"), c).unwrap();
    }
    std::fs::write(&path, scenario).unwrap();
    (pricing, path)
}

fn run(today: &str, pricing: Option<&TempPath>, args: &[&str]) -> (Option<i32>, String, String) {
    let mut c = common::infercast();
    c.env("INFERCAST_TODAY", today);
    if let Some(p) = pricing {
        c.arg("--pricing").arg(p);
    }
    let out = c.args(args).output().unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn estimate(today: &str, header: &str, name: &str) -> serde_json::Value {
    let (pricing, path) = write(name, Some(CATALOG), &scenario(header));
    let (code, stdout, stderr) = run(today, Some(&pricing), &["estimate", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, Some(0), "{stderr}");
    serde_json::from_str(&stdout).unwrap()
}

fn months(v: &serde_json::Value) -> Vec<f64> {
    v["options"][0]["months"].as_array().unwrap().iter().map(|m| m["cost_usd"].as_f64().unwrap()).collect()
}

fn warnings(v: &serde_json::Value) -> Vec<String> {
    v["warnings"].as_array().unwrap().iter().map(|w| w.as_str().unwrap().to_string()).collect()
}

#[test]
fn a_month_with_a_change_is_prorated_by_days() {
    let v = estimate("2026-06-01", "months = 3\nstart = \"2027-01\"", "dated-prorate");
    assert_eq!(v["start"], "2027-01");
    let m = months(&v);
    // January 2027: 31 days at $1 → $1,000. February (28 days): 1–14 at $1, 15–28 at $2:
    // 14/28 · 1,000 + 14/28 · 2,000 = $1,500. March at $2 → $2,000.
    assert_eq!(m.len(), 3);
    assert!(close(m[0], 1_000.0) && close(m[1], 1_500.0) && close(m[2], 2_000.0), "{m:?}");
    assert!(close(v["options"][0]["total_usd"].as_f64().unwrap(), 4_500.0));
    assert_eq!(
        warnings(&v),
        ["`toy` (option `toy`): on-demand prices change on 2027-02-15, in month 2 (2027-02): input $1.00 → $2.00, \
          output $1.00 → $2.00 per million tokens; month 2 is priced 14 of its 28 days at the old prices and the \
          rest at the new"]
    );
}

#[test]
fn the_recommendation_carries_the_change_as_a_caveat() {
    let v = estimate("2026-06-01", "months = 3\nstart = \"2027-01\"", "dated-caveat");
    let caveats = v["recommendation"]["caveats"].as_array().unwrap();
    let change = caveats.iter().find(|c| c["kind"] == "price-changes").expect("a price-changes caveat");
    assert_eq!(change["text"].as_str().unwrap(), warnings(&v)[0]);
}

#[test]
fn the_start_month_defaults_to_the_month_of_infercast_today() {
    // Today 2027-02-20: the horizon starts with February 2027, prorated as above ($1,500), then
    // March at $2 ($2,000).
    let v = estimate("2027-02-20", "months = 2", "dated-default");
    assert_eq!(v["start"], "2027-02");
    let m = months(&v);
    assert!(close(m[0], 1_500.0) && close(m[1], 2_000.0), "{m:?}");
    // The change falls inside month 1, which starts on 2027-02-01: still inside the horizon.
    assert_eq!(warnings(&v).len(), 1);
    // From March on every day is at $2 and nothing changes: no warning.
    let v = estimate("2027-03-01", "months = 2", "dated-after");
    assert_eq!(v["start"], "2027-03");
    assert!(months(&v).iter().all(|m| close(*m, 2_000.0)));
    assert!(warnings(&v).is_empty());
}

#[test]
fn a_change_on_the_first_of_a_month_prices_that_month_at_the_new_figures() {
    let catalog = CATALOG.replace("until = 2027-02-14", "until = 2027-01-31");
    let (pricing, path) = write("dated-first", Some(&catalog), &scenario("months = 3\nstart = \"2026-12\""));
    let (code, stdout, stderr) =
        run("2026-06-01", Some(&pricing), &["estimate", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, Some(0), "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    // December 2026 and January 2027 at $1, February at $2 from its first day.
    let m = months(&v);
    assert!(close(m[0], 1_000.0) && close(m[1], 1_000.0) && close(m[2], 2_000.0), "{m:?}");
    assert!(warnings(&v)[0].ends_with(
        "in month 3 (2027-02): input $1.00 → $2.00, output $1.00 → $2.00 per million \
                                      tokens; month 3 on is priced at the new prices"
    ));
}

#[test]
fn the_price_change_shows_where_lifecycle_caveats_show() {
    let (pricing, path) = write("dated-table", Some(CATALOG), &scenario("months = 3\nstart = \"2027-01\""));
    let says = "on-demand prices change on 2027-02-15, in month 2 (2027-02)";
    let (code, stdout, stderr) = run("2026-06-01", Some(&pricing), &["estimate", path.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains(says), "{stdout}");
    let out = TempPath::fresh("dated-report");
    let (code, _, stderr) =
        run("2026-06-01", Some(&pricing), &["report", path.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{stderr}");
    let summary = std::fs::read_to_string(out.join("dated").join("summary.md")).unwrap();
    assert!(summary.contains(says), "{summary}");
    // The prices used list the period beside the undated figures, each with its source.
    assert!(summary.contains("| `toy` on-demand price until 2027-02-14 | $1 in / $1 out per M tokens |"), "{summary}");
}

#[test]
fn gpt_5_6_sol_before_and_after_its_cut_of_2026_08_21() {
    // Bundled catalog: 5.50 / 33.00 until 2026-08-20 (AWS's transcription of 2026-07-17), 4.40 /
    // 22.00 from 2026-08-21. 1,000,000 requests of 1,000 in and 100 out a month:
    //   before: 1,000 · 5.50 + 100 · 33.00 = 8,800 µ$ a request → $8,800 a month;
    //   after:  1,000 · 4.40 + 100 · 22.00 = 6,600 µ$           → $6,600 a month.
    // August 2026 (31 days): 20 days before, 11 after: (20 · 8,800 + 11 · 6,600) / 31 = 248,600 / 31.
    let text = "[scenario]\nname = \"sol\"\nmonths = 3\nstart = \"2026-07\"\n[traffic]\nrequests_per_month = 1_000_000\n\
                [[workload]]\nname = \"w\"\nshare = 1\ninput_tokens = 1000\noutput_tokens = 100\nmax_tokens = 200\n\
                [[option]]\nname = \"sol\"\nkind = \"on-demand\"\nmodel = \"gpt-5.6-sol\"\n";
    let (_pricing, path) = write("dated-sol", None, text);
    let (code, stdout, stderr) = run("2026-12-07", None, &["estimate", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, Some(0), "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let m = months(&v);
    assert!(close(m[0], 8_800.0) && close(m[1], 248_600.0 / 31.0) && close(m[2], 6_600.0), "{m:?}");
    assert_eq!(
        warnings(&v),
        ["`gpt-5.6-sol` (option `sol`): on-demand prices change on 2026-08-21, in month 2 (2026-08): input $5.50 → \
          $4.40, output $33.00 → $22.00, cache write $6.875 → $5.50, cache read $0.55 → $0.44 per million tokens; \
          month 2 is priced 20 of its 31 days at the old prices and the rest at the new"]
    );
}

#[test]
fn claude_sonnet_5_5_cache_reads_before_and_after_their_cut_of_2026_10_07() {
    // Bundled catalog: cache reads 0.22 in-region / 0.20 global until 2026-10-06, 0.11 / 0.10
    // from 2026-10-07; nothing else changes. October has 31 days: 6 at the old price.
    let text = "[scenario]\nname = \"s55\"\nmonths = 2\nstart = \"2026-09\"\n[traffic]\nrequests_per_month = 1_000\n\
                [[workload]]\nname = \"w\"\nshare = 1\ninput_tokens = 1000\noutput_tokens = 100\nmax_tokens = 200\n\
                [[option]]\nname = \"s\"\nkind = \"on-demand\"\nmodel = \"global.anthropic.claude-sonnet-5-5\"\n";
    let (_pricing, path) = write("dated-s55", None, text);
    let (code, stdout, stderr) = run("2026-12-07", None, &["estimate", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, Some(0), "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        warnings(&v)[0],
        "`claude-sonnet-5.5` (option `s`): on-demand prices change on 2026-10-07, in month 2 (2026-10): cache read \
         $0.20 → $0.10 per million tokens; month 2 is priced 6 of its 31 days at the old prices and the rest at the new"
    );
}

#[test]
fn end_of_life_counts_months_from_the_written_start() {
    // claude-3-haiku ends 2026-09-10 (pricing/bedrock-anthropic.toml). Today 2026-06-01, start
    // 2026-08: month 1 is August, so 2026-09-10 is in month 2 (from today it would be month 4).
    let text = scenario("months = 12\nstart = \"2026-08\"").replace("model = \"toy\"", "model = \"claude-3-haiku\"");
    let (_pricing, path) = write("dated-eol", None, &text);
    let (code, stdout, stderr) = run("2026-06-01", None, &["estimate", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, Some(0), "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert!(warnings(&v).iter().any(|w| w.starts_with("claude-3-haiku stops on 2026-09-10, in month 2:")), "{v}");
    // Starting in 2026-10, after its end of life, it is refused even though today is before it.
    let text = scenario("months = 12\nstart = \"2026-10\"").replace("model = \"toy\"", "model = \"claude-3-haiku\"");
    let (_pricing, path) = write("dated-eol-after", None, &text);
    let (code, _, stderr) = run("2026-06-01", None, &["validate", path.to_str().unwrap()]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("reached its end of life on 2026-09-10 (before the scenario's start, 2026-10-01)"),
        "{stderr}"
    );
}

#[test]
fn a_period_changes_the_global_profile_through_global_and_leaves_own_region_prices_alone() {
    // Undated: $2 in-region, $1.80 global, $3 in eu-central-1 (a region with prices of its own);
    // until 2027-02-14: $1 in-region, $0.90 global. Batch ×0.5.
    let catalog = CATALOG
        .replace(
            "max_output_tokens = 10_000\n",
            "max_output_tokens = 10_000\nprofiles = [\"global\"]\ntiers = { batch = 0.5 }\n\
             [model.global]\ninput_usd_per_mtok = 1.80\noutput_usd_per_mtok = 1.80\n\
             [[model.region_price]]\nregion = \"eu-central-1\"\ninput_usd_per_mtok = 3.00\noutput_usd_per_mtok = 3.00\n",
        )
        .replace("output_usd_per_mtok = 1.00\n", "output_usd_per_mtok = 1.00\nglobal = { input_usd_per_mtok = 0.90, output_usd_per_mtok = 0.90 }\n");
    let options = "[[option]]\nname = \"global\"\nkind = \"on-demand\"\nmodel = \"toy\"\nendpoint = \"global\"\n\
                   [[option]]\nname = \"eu\"\nkind = \"on-demand\"\nmodel = \"toy\"\nregion = \"eu-central-1\"\n\
                   [[option]]\nname = \"batch\"\nkind = \"on-demand\"\nmodel = \"toy\"\ntier = \"batch\"\n";
    let text = scenario("months = 3\nstart = \"2027-01\"")
        .replace("[[option]]\nname = \"toy\"\nkind = \"on-demand\"\nmodel = \"toy\"\n", options);
    let (pricing, path) = write("dated-scopes", Some(&catalog), &text);
    let (code, stdout, stderr) =
        run("2026-06-01", Some(&pricing), &["estimate", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, Some(0), "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let cost = |i: usize| -> Vec<f64> {
        v["options"][i]["months"].as_array().unwrap().iter().map(|m| m["cost_usd"].as_f64().unwrap()).collect()
    };
    // Global: January at $0.90 → $900; February 14/28 · 900 + 14/28 · 1,800 = $1,350; March $1,800.
    let g = cost(0);
    assert!(close(g[0], 900.0) && close(g[1], 1_350.0) && close(g[2], 1_800.0), "{g:?}");
    // eu-central-1 keeps its own $3: $3,000 every month, and no warning of a change.
    assert!(cost(1).iter().all(|m| close(*m, 3_000.0)), "{:?}", cost(1));
    // Batch in-region: half of $1 then $2: $500, 14/28 · 500 + 14/28 · 1,000 = $750, $1,000.
    let b = cost(2);
    assert!(close(b[0], 500.0) && close(b[1], 750.0) && close(b[2], 1_000.0), "{b:?}");
    let w = warnings(&v);
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(
        w[0].starts_with(
            "`toy` (option `global`): on-demand prices change on 2027-02-15, in month 2 (2027-02): \
                              input $0.90 → $1.80, output $0.90 → $1.80 per million tokens"
        ),
        "{w:?}"
    );
    // The warning shows what the batch option pays: the tier's multiplier applied.
    assert!(
        w[1].starts_with(
            "`toy` (option `batch`): on-demand prices change on 2027-02-15, in month 2 (2027-02): \
                              input $0.50 → $1.00, output $0.50 → $1.00 per million tokens"
        ),
        "{w:?}"
    );
}
