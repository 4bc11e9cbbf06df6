//! `estimate` of the bundled scenarios end to end, every figure derived by hand from the bundled
//! catalog's prices read here (so that a price update moves the expectation with it); the worked
//! numbers in the comments are today's.
mod common;

use common::bundled::{self, mu_is_idle, per_request, support_agent_per_request, usd};
use common::{close, json_of, num, on_today};
use infercast::catalog::Tier;
use serde_json::Value;
use statrs::distribution::{DiscreteCDF, Poisson};

/// Month-1 requests of support-agent: 1,500,000, growing 5 % a month over 12 months.
const REQUESTS: f64 = 1_500_000.0;

/// The name and total of the eligible option or plan with the lowest total (docs/model.md#recommendation:
/// within one cent the first listed wins).
fn cheapest<'a>(items: impl Iterator<Item = &'a Value>) -> Option<(String, f64)> {
    let mut best: Option<(String, f64)> = None;
    for x in items.filter(|x| x["eligible"] == true) {
        let total = num(&x["total_usd"]);
        if best.as_ref().is_none_or(|(_, b)| total < b - 0.01) {
            best = Some((x["name"].as_str().unwrap().to_string(), total));
        }
    }
    best
}

#[test]
fn support_agent_tokens_are_the_hand_derived_ones() {
    let v = json_of(&["estimate", "scenarios/support-agent.toml", "--format", "json"]);
    assert_eq!(v["schema"], "infercast/estimate-v2");
    assert_eq!(v["scenario"], "support-agent");
    // Mix (docs/model.md#tokens-per-request): 0.7·(150+300) + 0.3·4,950 = 1,800 in; 0.7·200 + 0.3·700 = 350 out;
    // 0.7·1 + 0.3·3 = 1.6 calls; 0.7·500 + 0.3·800 = 590 visible; 2,150 / 590 billed per visible.
    let t = &v["tokens"]["per_request"];
    for (field, want) in [("input", 1800.0), ("output", 350.0), ("calls", 1.6), ("visible", 590.0)] {
        assert!(close(t[field].as_f64().unwrap(), want), "{field}: {}", t[field]);
    }
    assert!(close(t["overhead_ratio"].as_f64().unwrap(), 2150.0 / 590.0));
    assert_eq!(v["tokens"]["workloads"][1]["name"], "multi-step");
    assert_eq!(v["tokens"]["workloads"][1]["input"], 4950.0);
    assert_eq!(v["tokens"]["workloads"][1]["output"], 700.0);
}

#[test]
fn support_agent_on_demand_costs_are_the_hand_derived_ones() {
    let v = json_of(&["estimate", "scenarios/support-agent.toml", "--format", "json"]);
    let sonnet = bundled::model("claude-sonnet-4.5");
    let (simple, agent) = support_agent_per_request(&sonnet);
    // Mix: 0.7 · simple + 0.3 · agent a request, × 1,500,000 in month 1 (today 9,849.84 µ$ and
    // $14,774.76).
    let m1 = REQUESTS * (0.7 * simple + 0.3 * agent);
    let o = &v["options"][0];
    assert_eq!(o["name"], "on-demand claude-sonnet-4.5");
    assert_eq!(o["kind"], "on-demand");
    assert_eq!((o["endpoint"].as_str(), o["region"].as_str()), (Some("in-region"), Some("us-east-1")));
    assert!(close(num(&o["months"][0]["cost_usd"]), m1), "{} against {m1}", o["months"][0]["cost_usd"]);
    // 12 months at +5 %/month: m1 · (1.05¹² − 1) / 0.05.
    assert!(close(num(&o["total_usd"]), m1 * (1.05f64.powi(12) - 1.0) / 0.05), "{}", o["total_usd"]);
    assert_eq!(o["months"].as_array().unwrap().len(), 12);
    assert!(close(num(&o["months"][11]["requests"]), REQUESTS * 1.05f64.powi(11)));
    // Per 1k requests is the same every month for on demand (today $9.84984).
    assert!(close(num(&o["usd_per_1k_requests"]), 1_000.0 * (0.7 * simple + 0.3 * agent)));

    // The router's plans (docs/model.md#plans). claude-haiku-4.5 through the global profile serves
    // `simple` only, 0.7 · 1,500,000 = 1,050,000 requests (today $1 / $5: 1,450 µ$ → $1,522.50);
    // Sonnet on demand serves the agent's 450,000 (today $9,750.51). The plan is their sum.
    let global = bundled::model("claude-haiku-4.5").global.expect("Haiku 4.5 has a global profile");
    let haiku_simple = (450.0 * global.input_usd_per_mtok + 200.0 * global.output_usd_per_mtok) / 1e6;
    let plan = &v["plans"][0];
    assert_eq!(plan["name"], "two-tier on demand");
    let (routed, agent_m1) = (1_050_000.0 * haiku_simple, 450_000.0 * agent);
    assert!(close(num(&plan["members"][0]["months"][0]["cost_usd"]), routed));
    assert!(close(num(&plan["members"][1]["months"][0]["cost_usd"]), agent_m1));
    assert!(close(num(&plan["months"][0]["cost_usd"]), routed + agent_m1));
}

#[test]
fn support_agent_capacity_options_are_the_hand_derived_ones() {
    let v = json_of(&["estimate", "scenarios/support-agent.toml", "--format", "json"]);
    let sonnet = bundled::model("claude-sonnet-4.5");
    let pt = sonnet.provisioned.as_ref().expect("Sonnet 4.5 has PT");
    let (in_tpm, out_tpm) = (pt.input_tpm_per_mu, pt.output_tpm_per_mu);
    // With the agent on PT (6-month, peak): one MU serves 1 / (4,950/in_tpm + 700/out_tpm) agent
    // requests a minute (today 35.5). The agent's busiest slot (a weekday office hour, weight 20/7)
    // brings 450,000 · 20/7 / 43,800 = 29.35 a minute in month 1, × 1.05^5 in month 6 and × 1.05^11
    // in month 12; each 6-month block buys ⌈q99 / per-MU⌉ MUs for its busiest month, at the
    // 6-month MU-hour price · 730 (today $35).
    let mu = 1.0 / (4_950.0 / in_tpm + 700.0 / out_tpm);
    let mus = |month: i32| {
        let mean = 450_000.0 * 20.0 / 7.0 / 43_800.0 * 1.05f64.powi(month - 1);
        (Poisson::new(mean).unwrap().inverse_cdf(0.99) as f64 / mu).ceil()
    };
    let member = &v["plans"][1]["members"][1];
    assert_eq!(member["option"], "PT claude-sonnet-4.5, 6-month, peak");
    let units = (member["months"][0]["units"].as_f64(), member["months"][11]["units"].as_f64());
    assert_eq!(units, (Some(mus(6)), Some(mus(12))));
    assert!(close(num(&member["months"][0]["cost_usd"]), mus(6) * bundled::mu_hour(&sonnet, "6-month") * 730.0));

    // PT 1-month, optimal: see `mu_is_idle`; either way it never costs more than on demand (0 MUs
    // is a choice it has).
    let idle = mu_is_idle(&sonnet);
    let (od, opt) = (&v["options"][0], &v["options"][1]);
    assert_eq!(opt["kind"], "provisioned");
    assert!(num(&opt["total_usd"]) <= num(&od["total_usd"]) + 0.01);
    if idle {
        assert_eq!(opt["buys_nothing"], true);
        for m in opt["months"].as_array().unwrap() {
            assert_eq!(m["units"], 0.0);
            assert!(close(num(&m["overflow_share"]), 1.0));
        }
        assert!(close(num(&opt["total_usd"]), num(&od["total_usd"])));
        // And it is never cheaper than on demand at any volume checked.
        let be = v["breakeven"].as_array().unwrap().iter().find(|b| b["option"] == opt["name"]).unwrap();
        assert_eq!(be["vs"], "on-demand claude-sonnet-4.5");
        assert!(be["requests_per_month"].is_null());
    }
}

#[test]
fn support_agent_routing_and_recommendation_follow_the_totals() {
    // docs/model.md#plans: routing is stated against the cheapest eligible single option, and the
    // recommendation is the cheapest eligible option or plan.
    let v = json_of(&["estimate", "scenarios/support-agent.toml", "--format", "json"]);
    let options = v["options"].as_array().unwrap();
    let plans = v["plans"].as_array().unwrap();
    let (single, single_total) = cheapest(options.iter()).unwrap();
    let (plan, plan_total) = cheapest(plans.iter()).unwrap();
    assert_eq!(v["routing"]["vs_option"].as_str(), Some(single.as_str()));
    if plan_total < single_total - 0.01 {
        assert_eq!(v["routing"]["plan"].as_str(), Some(plan.as_str()));
        assert_eq!(v["recommendation"]["option"].as_str(), Some(plan.as_str()));
    } else {
        assert_eq!(v["recommendation"]["option"].as_str(), Some(single.as_str()));
    }
}

#[test]
fn doc_summariser_batch_is_half_the_standard_price() {
    let v = json_of(&["estimate", "scenarios/doc-summariser.toml", "--format", "json"]);
    // 20,000 a day · 730/24 = 608,333.33 requests; Nova Pro (today $0.80 / $3.20):
    // (250 + 6,000) · in + 400 · out (6,280 µ$) a request, the batch tier × its multiplier (0.5).
    let nova = bundled::model("nova-pro");
    let requests = 20_000.0 * 730.0 / 24.0;
    assert!(close(num(&v["base_requests_per_month"]), requests));
    let standard = num(&v["options"][0]["months"][0]["cost_usd"]);
    assert!(close(standard, requests * per_request(&nova, 6_250.0, 400.0)), "{standard}");
    let batch = num(&v["options"][1]["months"][0]["cost_usd"]);
    let multiplier = nova.tiers[&Tier::Batch].multiplier;
    assert!(close(batch, requests * per_request(&nova, 6_250.0, 400.0) * multiplier), "{batch}");
    assert_eq!(v["options"][1]["name"], "on-demand nova-pro (batch)");
}

#[test]
fn table_shows_the_hidden_agent_tokens() {
    let out = on_today().args(["estimate", "scenarios/support-agent.toml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains(
            "multi-step (30%): 5,650 billed tokens per request (4,950 in + 700 out, 3 calls), 800 visible (7.1x)"
        ),
        "{s}"
    );
    assert!(s.contains("  on-demand claude-sonnet-4.5 "), "{s}");
    // Month 1 on demand, in dollars and cents (today $14,774.76).
    let sonnet = bundled::model("claude-sonnet-4.5");
    let (simple, agent) = support_agent_per_request(&sonnet);
    let m1 = usd(REQUESTS * (0.7 * simple + 0.3 * agent));
    assert!(s.contains(&m1), "{m1} missing from {s}");
    // An idle MU (see `mu_is_idle`) is never cheaper at any volume checked, up to 1,000 × the
    // scenario's; one that is not would be, well below that.
    let never = "  PT claude-sonnet-4.5, 1-month, optimal: never cheaper up to 1,500,000,000 requests/month";
    assert_eq!(s.contains(never), mu_is_idle(&sonnet), "{s}");
}
