//! "Vendors compared" as the binary prints it: each vendor's cheapest option on the test catalog
//! of capacity units. Every figure is worked out by hand from the catalog's published prices:
//! Azure OpenAI gpt-4.1 $2.00 in / $8.00 out per million tokens, a global PTU $1.00 an hour or
//! $260 a month; a Vertex AI GSU $2,700 a month.
mod common;

use common::{close, infercast, num};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

const PRICING: &str = "tests/fixtures/vendors/pricing";

fn json(scenario: &str) -> Value {
    common::estimate(Path::new(PRICING), Path::new(scenario))
}

fn text(args: &[&str]) -> String {
    let out = infercast().args(["--pricing", PRICING]).args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn each_vendors_cheapest_month_by_month_and_the_gap() {
    // Azure: monthly 100 PTU × $260 = $26,000 a month, $78,000 over 3 (hourly: 100 × $1.00 ×
    // 730 h = $73,000 a month, dearer). Vertex: 10 GSU × $2,700 = $27,000 a month, $81,000 over
    // 3: $3,000 more than Azure's.
    let v = json("tests/fixtures/vendors/compare.toml");
    let vendors = v["vendors"]["vendors"].as_array().expect("two vendors compared");
    assert_eq!(vendors.len(), 2);
    let (azure, vertex) = (&vendors[0], &vendors[1]);
    assert_eq!((azure["vendor"].as_str(), azure["option"].as_str()), (Some("azure"), Some("monthly")));
    assert_eq!((azure["kind"].as_str(), azure["unit"].as_str()), (Some("azure-ptu"), Some("PTU")));
    let months = |x: &Value| x["months_usd"].as_array().unwrap().iter().map(num).collect::<Vec<f64>>();
    assert!(months(azure).len() == 3 && months(azure).iter().all(|&m| close(m, 26_000.0)), "{azure}");
    assert!(close(num(&azure["total_usd"]), 78_000.0) && num(&azure["more_than_cheapest_usd"]) == 0.0);
    assert_eq!((vertex["vendor"].as_str(), vertex["option"].as_str()), (Some("vertex"), Some("gsu")));
    assert!(months(vertex).iter().all(|&m| close(m, 27_000.0)), "{vertex}");
    assert!(close(num(&vertex["total_usd"]), 81_000.0));
    assert!(close(num(&vertex["more_than_cheapest_usd"]), 3_000.0));
    // Azure's figures are all published; Vertex's runs another model, said in data and words.
    assert_eq!(azure["rests_on"], Value::Array(Vec::new()));
    let other = &vertex["rests_on"][0];
    assert_eq!(other["kind"].as_str(), Some("other-model"));
    assert_eq!(other["model"].as_str(), Some("vertex:gemini-2.5-flash"));
    assert!(other["text"].as_str().unwrap().contains("not quality"), "{other}");
}

#[test]
fn on_demand_stands_for_its_vendor_when_cheapest() {
    // On demand: 100,000 × (1,000 × $2.00 + 100 × $8.00) / 1e6 = $280, cheaper than Azure's
    // PTUs; Vertex's 10 GSU cost $27,000: $26,720 more.
    let v = json("tests/fixtures/vendors/ptu.toml");
    let azure = &v["vendors"]["vendors"][0];
    assert_eq!(azure["kind"].as_str(), Some("on-demand"));
    assert!(close(num(&azure["total_usd"]), 280.0), "{azure}");
    assert!(close(num(&v["vendors"]["vendors"][1]["more_than_cheapest_usd"]), 26_720.0));
}

#[test]
fn the_text_and_summary_show_the_section() {
    let t = text(&["estimate", "tests/fixtures/vendors/compare.toml"]);
    assert!(t.contains("\nVendors compared ("), "{t}");
    assert!(t.contains("month 3"), "{t}");
    assert!(
        t.contains(
            "Vertex AI's cheapest is gsu (vertex-gsu, 10 GSU): $81,000.00 over 3 months, $3,000.00 more than Azure OpenAI's"
        ),
        "{t}"
    );
    // After the options, before the break-even.
    let (options, vendors) = (t.find("\nOptions (").unwrap(), t.find("\nVendors compared").unwrap());
    assert!(options < vendors && vendors < t.find("\nBreak-even").unwrap_or(t.len()));
    let dir = common::scratch("vendors-report");
    text(&["report", "--out", dir.path().to_str().unwrap(), "tests/fixtures/vendors/compare.toml"]);
    let md = std::fs::read_to_string(dir.path().join("vendor-compare/summary.md")).unwrap();
    assert!(md.contains("## Vendors compared\n"), "{md}");
    assert!(md.contains("| Azure OpenAI | monthly | $26,000.00 | $26,000.00 | $26,000.00 | $78,000.00 | - |"), "{md}");
}

#[test]
fn one_vendor_has_no_section_and_no_key() {
    let path = "tests/fixtures/vendors/azure-only.toml";
    let v = json(path);
    assert!(v.get("vendors").is_none(), "{}", v["vendors"]);
    assert!(!text(&["estimate", path]).contains("Vendors compared"));
}

#[test]
fn the_vendors_keys_are_pinned() {
    let v = json("tests/fixtures/vendors/compare.toml");
    let mut paths = BTreeSet::new();
    common::key_paths(&v["vendors"], "", &mut paths);
    let want: BTreeSet<String> = [
        ".vendors",
        ".vendors[].vendor",
        ".vendors[].option",
        ".vendors[].kind",
        ".vendors[].model",
        ".vendors[].unit",
        ".vendors[].months_usd",
        ".vendors[].total_usd",
        ".vendors[].more_than_cheapest_usd",
        ".vendors[].rests_on",
        ".vendors[].rests_on[].kind",
        ".vendors[].rests_on[].model",
        ".vendors[].rests_on[].cheapest",
        ".vendors[].rests_on[].text",
    ]
    .map(String::from)
    .into();
    assert_eq!(paths, want);
}

#[test]
fn a_long_horizon_shows_month_1_the_last_month_and_the_total() {
    // 12 months: more than six month columns, so month 1, month 12 and the 12 months' total;
    // Azure's monthly PTUs cost 12 × $26,000 = $312,000, Vertex's GSUs 12 × $27,000 = $324,000.
    let dir = common::scratch("vendors-year");
    let path = dir.path().join("year.toml");
    let text_of = std::fs::read_to_string("tests/fixtures/vendors/compare.toml").unwrap();
    std::fs::write(&path, text_of.replace("months = 3", "months = 12")).unwrap();
    let t = text(&["estimate", path.to_str().unwrap()]);
    let section = &t[t.find("\nVendors compared").unwrap()..];
    let header = section.lines().nth(2).unwrap();
    assert!(header.contains("month 1") && header.contains("month 12") && header.contains("12 months"), "{header}");
    assert!(!header.contains("month 2 "), "{header}");
    let azure = section.lines().nth(3).unwrap();
    assert!(azure.contains("$312,000.00"), "{azure}");
    assert!(section.contains("$324,000.00 over 12 months, $12,000.00 more than Azure OpenAI's"), "{section}");
}
