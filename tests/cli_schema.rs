//! The JSON outputs as public API: the keys of estimate-v2 (options, plans, services) change only
//! on purpose, numbers carry no float noise, and a caveat travels with its recommendation.
mod common;

use common::{json_of, key_paths};
use std::collections::BTreeSet;

/// The keys every estimate-v2 output has (arrays collapsed to `[]`), besides those below.
const ESTIMATE_KEYS: &[&str] = &[
    ".schema",
    ".scenario",
    ".description",
    ".months",
    ".start",
    ".hours_per_month",
    ".base_requests_per_month",
    ".growth_per_month",
    ".alarm_headroom",
    ".peak_quantile",
    ".tokens",
    ".tokens.per_request",
    ".tokens.workloads",
    ".options",
    ".options[].name",
    ".options[].kind",
    ".options[].vendor",
    ".options[].unit",
    ".options[].model",
    ".options[].tier",
    ".options[].rejects_overflow",
    ".options[].eligible",
    ".options[].ineligible_reason",
    ".options[].buys_nothing",
    ".options[].months",
    ".options[].total_usd",
    ".options[].usd_per_1k_requests",
    ".options[].usd_per_mtok",
    ".options[].breakeven_utilization",
    ".options[].full_use_usd_per_hour",
    ".options[].unit_usd_per_hour",
    ".options[].mean_utilization",
    ".options[].daily_alarm_usd",
    ".options[].workloads",
    ".options[].workloads[].name",
    ".options[].workloads[].month_1_usd",
    ".options[].workloads[].share_of_cost",
    ".options[].months[].month",
    ".options[].months[].requests",
    ".options[].months[].cost_usd",
    ".options[].months[].services_usd",
    ".options[].services",
    ".options[].months[].units",
    ".options[].months[].overflow_share",
    ".options[].months[].average_day_usd",
    ".options[].months[].busiest_day_usd",
    ".options[].months[].busiest_day",
    ".breakeven",
    ".breakeven[].option",
    ".breakeven[].vs",
    ".breakeven[].requests_per_month",
    ".breakeven[].mtok_per_month",
    ".breakeven[].cheaper_everywhere",
    ".cheapest",
    ".cheapest.range_requests_per_month",
    ".cheapest.at_bottom",
    ".cheapest.changes",
    ".cheapest.changes[].requests_per_month",
    ".cheapest.changes[].mtok_per_month",
    ".cheapest.changes[].from",
    ".cheapest.changes[].to",
    ".quota",
    ".quota[].option",
    ".quota[].tokens_per_invocation",
    ".quota[].limit_per_min",
    ".quota[].binding",
    ".quota[].throttled_share",
    ".quota[].recommended_rpm",
    ".quota[].recommended_tpm",
    ".quota[].tighter",
    ".quota[].tighter.workloads",
    ".quota[].tighter.workloads[].workload",
    ".quota[].tighter.workloads[].max_tokens_now",
    ".quota[].tighter.workloads[].max_tokens",
    ".quota[].tighter.tokens_per_invocation",
    ".quota[].tighter.freed_tpm",
    ".quota[].tighter.model_max_tokens",
    ".latency",
    ".latency[].workload",
    ".latency[].option",
    ".latency[].speed",
    ".latency[].speed.output_tokens_per_s",
    ".latency[].speed.output_tokens_per_s.low",
    ".latency[].speed.output_tokens_per_s.high",
    ".latency[].speed.ttft_ms",
    ".latency[].speed.ttft_ms.low",
    ".latency[].speed.ttft_ms.high",
    ".latency[].speed.basis",
    ".latency[].speed.source",
    ".latency[].ttft_ms",
    ".latency[].response_s_p50",
    ".latency[].response_s_p95",
    ".latency[].response_s_mean",
    ".latency[].in_flight_peak",
    ".latency[].in_flight_month",
    ".latency[].timeouts",
    ".latency[].share_cut",
    ".latency[].fixes",
    ".recommendation",
    ".recommendation.option",
    ".recommendation.total_usd",
    ".recommendation.next",
    ".recommendation.saving_vs_next_usd",
    ".recommendation.saving_vs_next_pct",
    ".recommendation.caveats",
    ".recommendation.caveats[].kind",
    ".recommendation.caveats[].text",
    ".routing",
    ".plans",
    ".services",
    ".warnings",
];

/// Fails naming the keys `want` has and `paths` lacks, and those `paths` has beyond `want`.
fn same_keys(paths: &BTreeSet<String>, want: &BTreeSet<String>) {
    let missing: Vec<_> = want.difference(paths).collect();
    let extra: Vec<_> = paths.difference(want).collect();
    assert!(missing.is_empty() && extra.is_empty(), "missing {missing:?}\nextra {extra:?}");
}

/// The estimate-v2 schema is public API: this list changes only on purpose.
#[test]
fn the_estimate_schema_is_pinned() {
    let v = json_of(&["estimate", "scenarios/steady-classifier.toml", "--format", "json"]);
    let mut paths = BTreeSet::new();
    key_paths(&v, "", &mut paths);
    let token_fields = ["input", "output", "retrieved", "visible", "calls", "overhead_ratio", "truncated_share"];
    let mut want: BTreeSet<String> = ESTIMATE_KEYS.iter().map(|s| s.to_string()).collect();
    for f in token_fields {
        want.insert(format!(".tokens.per_request.{f}"));
        want.insert(format!(".tokens.workloads[].{f}"));
    }
    // The scenario has uncertain inputs and [risk]: the note, the probability and each committed
    // option's expected waste.
    for f in [".uncertain_inputs", ".descope_probability_per_month", ".options[].expected_waste_usd"] {
        want.insert(f.to_string());
    }
    // On-demand options name their endpoint and region.
    want.insert(".options[].endpoint".to_string());
    want.insert(".options[].region".to_string());
    for f in ["name", "share", "latency"] {
        want.insert(format!(".tokens.workloads[].{f}"));
    }
    same_keys(&paths, &want);
}

/// The plans part of estimate-v2, on a scenario with plans: every key of a plan, its months and
/// its members, and of the routing saving.
#[test]
fn the_plans_schema_is_pinned() {
    let v = json_of(&["estimate", "scenarios/support-agent.toml", "--format", "json"]);
    let mut paths = BTreeSet::new();
    key_paths(&v["plans"], "", &mut paths);
    key_paths(&v["routing"], ".routing", &mut paths);
    let plan = ["name", "months", "total_usd", "usd_per_1k_requests", "usd_per_mtok", "eligible", "ineligible_reason"]
        .into_iter()
        .chain(["daily_alarm_usd", "members", "services"])
        .map(|f| format!("[].{f}"));
    let month = ["month", "requests", "cost_usd", "services_usd", "average_day_usd", "busiest_day_usd", "busiest_day"]
        .map(|f| format!("[].months[].{f}"));
    let member = ["option", "workloads", "share", "months", "quota"].map(|f| format!("[].members[].{f}"));
    let member_month =
        ["month", "requests", "cost_usd", "units", "overflow_share"].map(|f| format!("[].members[].months[].{f}"));
    let quota = ["option", "tokens_per_invocation", "limit_per_min", "binding", "throttled_share"]
        .into_iter()
        .chain(["recommended_rpm", "recommended_tpm", "tighter", "tighter.workloads", "tighter.workloads[].workload"])
        .chain([
            "tighter.workloads[].max_tokens_now",
            "tighter.workloads[].max_tokens",
            "tighter.tokens_per_invocation",
        ])
        .chain(["tighter.freed_tpm", "tighter.model_max_tokens"])
        .map(|f| format!("[].members[].quota.{f}"));
    let routing = ["plan", "vs_option", "saving_usd", "saving_pct"].map(|f| format!(".routing.{f}"));
    let want: BTreeSet<String> =
        plan.chain(month).chain(member).chain(member_month).chain(quota).chain(routing).collect();
    same_keys(&paths, &want);
}

/// The services part of estimate-v2, on a scenario with services: the line items at the top,
/// and each option's and plan's month-1 and horizon cost of every item.
#[test]
fn the_services_schema_is_pinned() {
    let v = json_of(&["estimate", "scenarios/knowledge-base.toml", "--format", "json"]);
    let mut paths = BTreeSet::new();
    key_paths(&v["services"], ".services", &mut paths);
    key_paths(&v["options"][0]["services"], ".options[].services", &mut paths);
    let items = ["name", "kind", "service", "usd_per_request", "usd_per_month", "first_month_usd"]
        .into_iter()
        .chain(["billed_at_minimum", "basis"])
        .map(|f| format!(".services[].{f}"));
    let carried = ["name", "month_1_usd", "total_usd"].map(|f| format!(".options[].services[].{f}"));
    let want: BTreeSet<String> = items.chain(carried).collect();
    same_keys(&paths, &want);
    let kinds: Vec<&str> = v["services"].as_array().unwrap().iter().map(|i| i["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["query-embedding", "rerank", "fixed", "ingestion"]);
}

/// The latency rows' limits and fixes, on a scenario whose timeouts cut (every kind of fix but
/// fewer steps, which needs an agent): each fix is tagged by `"fix"` and carries its words.
#[test]
fn the_latency_schema_is_pinned() {
    let v = json_of(&[
        "--pricing",
        "tests/fixtures/latency/pricing",
        "estimate",
        "tests/fixtures/latency/timeouts.toml",
        "--format",
        "json",
    ]);
    let mut paths = BTreeSet::new();
    key_paths(&v["latency"], ".latency", &mut paths);
    let paths: BTreeSet<String> = paths
        .into_iter()
        .filter(|p| p.starts_with(".latency[].timeouts[]") || p.starts_with(".latency[].fixes[]"))
        .collect();
    let timeouts = ["name", "limit_s", "share_cut"].map(|f| format!(".latency[].timeouts[].{f}"));
    let fixes = ["fix", "text", "silence_s", "name", "to_s", "max_tokens"].map(|f| format!(".latency[].fixes[].{f}"));
    same_keys(&paths, &timeouts.into_iter().chain(fixes).collect());
    let kinds: BTreeSet<&str> = v["latency"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["fixes"].as_array().unwrap())
        .map(|f| f["fix"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, BTreeSet::from(["stream", "raise", "cap-max-tokens"]));
}

/// Float noise is rounded away: 0.7 · 1 + 0.3 · 3 = 1.6 calls exactly, not 1.5999999999999999.
#[test]
fn json_numbers_carry_no_float_noise() {
    let v = json_of(&["estimate", "scenarios/support-agent.toml", "--format", "json"]);
    assert_eq!(v["tokens"]["per_request"]["calls"], 1.6);
    // Digits and specks are checked in every JSON output by tests/json_noise.rs.
}

/// launch-quota: the cheapest eligible option sends its overflow on demand, where the default
/// quota throttles; the recommendation says so beside itself, with the quota to ask for.
#[test]
fn a_throttled_recommendation_carries_its_caveat() {
    let v = json_of(&["estimate", "scenarios/launch-quota.toml", "--format", "json"]);
    let caveats = v["recommendation"]["caveats"].as_array().unwrap();
    let throttled = caveats.iter().find(|c| c["kind"] == "throttled").expect("a throttled caveat");
    assert!(throttled["text"].as_str().unwrap().contains("ask AWS for"), "{throttled}");
}
