//! Capacity units of other vendors (docs/model.md#capacity-units) on the test catalog of
//! tests/fixtures/vendors/pricing: an Azure PTU product (global: 15 PTUs then steps of 5; $1 a
//! PTU-hour, $260 a PTU-month, $2,652 a PTU-year) for gpt-4.1 (3,000 input TPM per PTU, output ×4,
//! on demand $2 / $8 per million) and a Vertex GSU product ($2,700 a GSU-month) for Gemini 2.5
//! Flash (2,690 tokens a second per GSU, output ×9, on demand $0.30 / $2.50).
mod common;

use common::run::estimate;
use statrs::distribution::{DiscreteCDF, Poisson};
use std::path::Path;

const PRICING: &str = "tests/fixtures/vendors/pricing";

fn option<'a>(json: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    json["options"].as_array().unwrap().iter().find(|o| o["name"] == name).unwrap()
}

fn month_1(o: &serde_json::Value) -> f64 {
    o["months"][0]["cost_usd"].as_f64().unwrap()
}

#[test]
fn the_issues_worked_checks() {
    let json = estimate(Path::new(PRICING), Path::new("tests/fixtures/vendors/ptu.toml"));
    // 100 global PTUs by the hour for a 730-hour month: 100 · $1 · 730 = $73,000.
    let hourly = option(&json, "hourly");
    assert!((month_1(hourly) - 73_000.0).abs() < 1e-6, "{hourly}");
    // The same 100 PTUs on the monthly reservation: 100 · $260 = $26,000.
    let monthly = option(&json, "monthly");
    assert!((month_1(monthly) - 26_000.0).abs() < 1e-6, "{monthly}");
    // 10 GSUs on the monthly term: 10 · $2,700 = $27,000.
    let gsu = option(&json, "gsu");
    assert!((month_1(gsu) - 27_000.0).abs() < 1e-6, "{gsu}");
    // Each says what it bought, in its own unit, under the kind the scenario wrote.
    assert_eq!(
        (hourly["kind"].as_str(), hourly["unit"].as_str(), hourly["vendor"].as_str()),
        (Some("azure-ptu"), Some("PTU"), Some("azure"))
    );
    assert_eq!((gsu["kind"].as_str(), gsu["unit"].as_str()), (Some("vertex-gsu"), Some("GSU")));
    assert_eq!(monthly["months"][0]["units"].as_f64(), Some(100.0));
}

#[test]
fn a_unit_breaks_even_against_its_own_vendors_pay_as_you_go() {
    let json = estimate(Path::new(PRICING), Path::new("tests/fixtures/vendors/ptu.toml"));
    // A request of 1,000 in and 100 out weighs 1,000 + 4 · 100 = 1,400 input tokens: one PTU
    // serves 3,000 / 1,400 = 2.142857 a minute, 128.57 an hour, each worth $2 · 0.001 + $8 · 0.0001
    // = $0.0028 on Azure's pay-as-you-go: $0.36 an hour. The monthly reservation costs
    // $260 / 730 = $0.356164 an hour: break-even at 0.356164 / 0.36 = 98.93 % use.
    let monthly = option(&json, "monthly");
    let per_hour = 3_000.0 / 1_400.0 * 60.0 * 0.0028;
    assert!((monthly["full_use_usd_per_hour"].as_f64().unwrap() - per_hour).abs() < 1e-9);
    let breakeven = (260.0 / 730.0) / per_hour;
    assert!((monthly["breakeven_utilization"].as_f64().unwrap() - breakeven).abs() < 1e-9, "{monthly}");
    // A GSU: 2,690 · 60 = 161,400 weighted tokens a minute over 1,000 + 9 · 100 = 1,900 a request
    // = 84.947 requests a minute, each $0.30 · 0.001 + $2.50 · 0.0001 = $0.00055 on Vertex's own
    // prices (not on Azure's, the scenario's reference): $2.8033 an hour at full use against
    // $2,700 / 730 = $3.6986 an hour: 131.9 %, it never wins.
    let gsu = option(&json, "gsu");
    let per_hour = 161_400.0 / 1_900.0 * 60.0 * 0.00055;
    assert!((gsu["full_use_usd_per_hour"].as_f64().unwrap() - per_hour).abs() < 1e-9);
    assert!((gsu["breakeven_utilization"].as_f64().unwrap() - (2_700.0 / 730.0) / per_hour).abs() < 1e-9);
}

#[test]
fn peak_sizing_rounds_up_to_what_is_sold() {
    // Flat traffic of 50 requests a minute (2,190,000 over 730 hours): the busiest minute of
    // every hour is the 99th percentile of Poisson(50). One PTU serves 3,000 / 1,400 = 2.142857
    // requests a minute, so the peak needs ⌈q / 2.142857⌉ PTUs, bought as 15 plus steps of 5.
    let q = Poisson::new(50.0).unwrap().inverse_cdf(0.99) as f64;
    let needed = (q / (3_000.0 / 1_400.0)).ceil();
    let sold = 15.0 + ((needed - 15.0) / 5.0).ceil() * 5.0;
    let dir = common::temp::TempPath::fresh("units-peak");
    let path = dir.join("peak.toml");
    std::fs::write(
        &path,
        "[scenario]\nname = \"peak\"\nmonths = 1\n\n[traffic]\nrequests_per_month = 2_190_000\n\n\
         [[workload]]\nname = \"chat\"\nshare = 1.0\ninput_tokens = 1_000\noutput_tokens = 100\nmax_tokens = 200\n\n\
         [[option]]\nkind = \"on-demand\"\nmodel = \"azure:gpt-4.1\"\n\n\
         [[option]]\nname = \"peak\"\nkind = \"azure-ptu\"\nmodel = \"gpt-4.1\"\ndeployment = \"global\"\nterm = \"1-month\"\n",
    )
    .unwrap();
    let json = estimate(Path::new(PRICING), &path);
    let peak = option(&json, "peak");
    assert!(needed > 15.0 && sold % 5.0 == 0.0 && sold >= needed, "{q} {needed} {sold}");
    assert_eq!(peak["months"][0]["units"].as_f64(), Some(sold), "{peak}");
    assert!((month_1(peak) - sold * 260.0 - overflow_usd(peak)).abs() < 1e-6, "{peak}");
}

/// What the option's overflow costs in month 1 at Azure's pay-as-you-go, $0.0028 a request.
fn overflow_usd(o: &serde_json::Value) -> f64 {
    let m = &o["months"][0];
    m["overflow_share"].as_f64().unwrap() * m["requests"].as_f64().unwrap() * 0.0028
}

#[test]
fn cached_prompts_and_output_burn_units_at_their_weights() {
    // Each call sends a 2,000-token system prompt (cached, 80 % hits) and 1,000 other input
    // tokens, and writes 100. On a GSU of Gemini 2.5 Flash a hit weighs 0.1, a write 1 and an
    // output token 9: W = 1,000 + 2,000 · (0.8 · 0.1 + 0.2 · 1) + 9 · 100 = 2,460 weighted tokens,
    // so a GSU serves 161,400 / 2,460 requests a minute. On Vertex's own prices a request costs
    // (1,000 · $0.30 + 2,000 · (0.8 · $0.03 + 0.2 · $0.30) + 100 · $2.50) / 1e6 = $0.000718
    // (a write bills at the input price: the model has no write price).
    let dir = common::temp::TempPath::fresh("units-cache");
    let path = dir.join("cache.toml");
    std::fs::write(
        &path,
        "[scenario]\nname = \"cache\"\nmonths = 1\n\n[traffic]\nrequests_per_month = 100_000\n\n\
         [[workload]]\nname = \"chat\"\nshare = 1.0\ninput_tokens = 1_000\noutput_tokens = 100\nmax_tokens = 200\n\
         system_prompt_tokens = 2_000\ncache_system_prompt = true\ncache_hit_rate = 0.8\n\n\
         [[option]]\nkind = \"on-demand\"\nmodel = \"gemini-2.5-flash\"\n\n\
         [[option]]\nname = \"gsu\"\nkind = \"vertex-gsu\"\nmodel = \"gemini-2.5-flash\"\nterm = \"1-month\"\nunits = 1\n",
    )
    .unwrap();
    let json = estimate(Path::new(PRICING), &path);
    let gsu = option(&json, "gsu");
    let per_hour = 161_400.0 / 2_460.0 * 60.0 * 0.000718;
    assert!((gsu["full_use_usd_per_hour"].as_f64().unwrap() / per_hour - 1.0).abs() < 1e-9, "{gsu}");
    assert!((gsu["breakeven_utilization"].as_f64().unwrap() / ((2_700.0 / 730.0) / per_hour) - 1.0).abs() < 1e-9);
}

#[test]
fn bedrock_pt_is_measured_against_bedrock_when_another_vendor_is_cheaper() {
    // Claude Sonnet 4.5 on Bedrock (in-region $3.30 / $16.50 per million) beside GPT-4.1 on Azure
    // ($2 / $8), the cheaper and so the scenario's reference. Bedrock PT is judged against
    // Bedrock's own on-demand option: a request of 1,000 in and 100 out costs $0.00495 there, an
    // MU (placeholders 300,000 in / 60,000 out TPM) serves 1 / (1,000/300,000 + 100/60,000) = 200
    // a minute, $59.40 of work an hour at full use against $63 an MU-hour on the 1-month term:
    // 106.1 %.
    let dir = common::temp::TempPath::fresh("units-bedrock");
    let path = dir.join("mixed.toml");
    std::fs::write(
        &path,
        "[scenario]\nname = \"mixed\"\nmonths = 1\nstart = \"2027-01\"\n\n[traffic]\nrequests_per_month = 1_000_000\n\n\
         [[workload]]\nname = \"chat\"\nshare = 1.0\ninput_tokens = 1_000\noutput_tokens = 100\nmax_tokens = 200\n\n\
         [[option]]\nname = \"bedrock\"\nkind = \"on-demand\"\nmodel = \"claude-sonnet-4.5\"\n\n\
         [[option]]\nname = \"azure\"\nkind = \"on-demand\"\nmodel = \"azure:gpt-4.1\"\n\n\
         [[option]]\nname = \"pt\"\nkind = \"provisioned\"\nmodel = \"claude-sonnet-4.5\"\nterm = \"1-month\"\nunits = 1\n",
    )
    .unwrap();
    let (json, _) = common::run::estimate_on_today(&path, None);
    let pt = option(&json, "pt");
    assert!((pt["full_use_usd_per_hour"].as_f64().unwrap() - 59.4).abs() < 1e-9, "{pt}");
    assert!((pt["breakeven_utilization"].as_f64().unwrap() - 63.0 / 59.4).abs() < 1e-9, "{pt}");
    let line = json["breakeven"].as_array().unwrap().iter().find(|b| b["option"] == "pt").unwrap();
    assert_eq!(line["vs"], "bedrock", "{line}");
    // The on-demand options keep the scenario's reference, Azure's.
    let bedrock = json["breakeven"].as_array().unwrap().iter().find(|b| b["option"] == "bedrock").unwrap();
    assert_eq!(bedrock["vs"], "azure", "{bedrock}");
}
