//! Retrieval and services end to end on the toy catalog plus toy services: every option and plan
//! carries the services once, priced the same way (docs/model.md#services).
mod common;

use common::{close, estimate, num as f, toy};

/// Toy services: an embedding at $0.10 per M tokens, a rerank at $2 per 1,000 queries, a vector
/// store at $0.50 per unit-hour with a minimum of 2 units.
const SERVICES: &str = include_str!("fixtures/services/services.toml");

/// 1,000,000 requests in month 1 (flat, 730 h), growing 10 % a month over 2 months. `rag` (60 %):
/// U = 100, F = 200, S = 0, 4 chunks of 250 tokens (K = 1,000), query embedding and rerank.
/// `plain` (40 %): 500 in, 100 out, no retrieval. One vector store asked at 1 unit; a 10M-token
/// corpus embedded 3 times a month, plus once in month 1.
const SCENARIO: &str = include_str!("fixtures/services/rag.toml");

fn run() -> serde_json::Value {
    let (pricing, scenario) = toy("services", SCENARIO);
    std::fs::write(pricing.join("services.toml"), SERVICES).unwrap();
    estimate(&pricing, &scenario)
}

#[test]
fn every_service_line_is_priced_by_hand() {
    let v = run();
    let items = v["options"][0]["services"].as_array().unwrap();
    let month_1 = |name: &str| f(&items.iter().find(|i| i["name"] == name).unwrap()["month_1_usd"]);
    // Query embedding: 1,000,000 · 0.6 requests · 100 tokens · $0.10/M = $6.
    assert!(close(month_1("query embedding (embed)"), 6.0));
    // Rerank: 600,000 requests · 1 query · $2/1,000 = $1,200.
    assert!(close(month_1("rerank (rerank)"), 1_200.0));
    // Vector store: 1 unit asked, 2 billed (the minimum): 2 · $0.50 · 730 h = $730.
    assert!(close(month_1("vector store"), 730.0));
    assert_eq!(v["services"][2]["billed_at_minimum"], true);
    // Ingestion: 10M · 3 · $0.10/M = $3 a month, plus the initial $1 in month 1 only.
    assert!(close(month_1("ingestion (embed)"), 4.0));
    let total = f(&items.iter().find(|i| i["name"] == "ingestion (embed)").unwrap()["total_usd"]);
    assert!(close(total, 4.0 + 3.0));
    // Month 2 has 1,100,000 requests: the per-request items grow 10 %, the fixed ones do not:
    // 6.6 + 1,320 + 730 + 3 = 2,059.6; month 1: 6 + 1,200 + 730 + 4 = 1,940.
    let months = v["options"][0]["months"].as_array().unwrap();
    assert!(close(f(&months[0]["services_usd"]), 1_940.0));
    assert!(close(f(&months[1]["services_usd"]), 2_059.6));
}

#[test]
fn retrieved_tokens_are_hidden_input() {
    let v = run();
    let rag = &v["tokens"]["workloads"][0];
    // 100 + 1,000 = 1,100 in, 1,000 of them retrieved; visible U + F = 300; (1,100 + 200) / 300.
    assert_eq!((f(&rag["input"]), f(&rag["retrieved"]), f(&rag["visible"])), (1_100.0, 1_000.0, 300.0));
    assert!(close(f(&rag["overhead_ratio"]), 1_300.0 / 300.0));
    // The option: on demand at $10 / $20 per M: rag 1,100 · 10 + 200 · 20 = 15,000 µ$, plain
    // 500 · 10 + 100 · 20 = 7,000 µ$; per request 0.6 · 0.015 + 0.4 · 0.007 = $0.0118: $11,800 of
    // generation in month 1, plus $1,940 of services.
    assert!(close(f(&v["options"][0]["months"][0]["cost_usd"]), 11_800.0 + 1_940.0));
}

#[test]
fn a_plan_carries_the_services_once_not_once_per_member() {
    let v = run();
    let plan = &v["plans"][0];
    // Members: rag on demand (600,000 · $0.015 = $9,000), plain in batch (400,000 · $0.0035 =
    // $1,400). The plan: 9,000 + 1,400 + 1,940 of services, once.
    let members: f64 = plan["members"].as_array().unwrap().iter().map(|m| f(&m["months"][0]["cost_usd"])).sum();
    assert!(close(members, 10_400.0));
    assert!(close(f(&plan["months"][0]["services_usd"]), 1_940.0));
    assert!(close(f(&plan["months"][0]["cost_usd"]), 10_400.0 + 1_940.0));
    assert_eq!(plan["services"], v["options"][0]["services"]);
}

#[test]
fn a_unit_count_below_the_minimum_is_billed_at_the_minimum_and_said() {
    let v = run();
    let store = &v["services"][2];
    assert_eq!(store["name"], "vector store");
    // 2 · $0.50 · 730 h = $730 a month, whatever the 1 unit asked.
    assert!(close(f(&store["usd_per_month"]), 730.0));
    assert_eq!(store["basis"], "2 OCU × $0.5 per OCU-hour × 730 h (1 OCU asked; the service bills at least 2)");
}

#[test]
fn solve_counts_the_services_in_the_bill() {
    let (pricing, scenario) = toy("services-solve", SCENARIO);
    std::fs::write(pricing.join("services.toml"), SERVICES).unwrap();
    let out = common::infercast()
        .args(["--pricing", pricing.to_str().unwrap(), "solve", scenario.to_str().unwrap()])
        .args(["--bill", "13740", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Month 1: $734 fixed (730 store + 4 ingestion) + per request $0.0118 of generation,
    // $0.000006 of embedding (0.6 · 100 · 0.10 / 10⁶) and $0.0012 of rerank (0.6 · 2 / 1,000):
    // $13,740 = 734 + 1,000,000 · 0.013006.
    assert!(close(f(&v["requests_per_month"]), 1_000_000.0), "{v}");
}
