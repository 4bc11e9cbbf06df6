//! The binary end to end: exit codes, stdout, stderr (assert_cmd).
mod common;

use assert_cmd::Command;
use statrs::distribution::{DiscreteCDF, Poisson};
use std::path::Path;

/// The day every run here is judged on (docs/model.md#lifecycle): before the end of life of the
/// legacy models the corpus names (claude-3.5-haiku 2026-06-19, claude-3-haiku 2026-09-10, …),
/// after claude-3.7-sonnet's (2026-04-28), so results never depend on the clock.
const TODAY: &str = "2026-06-01";

fn infercast() -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin!("infercast"));
    c.env("INFERCAST_TODAY", TODAY);
    c
}

/// Every `tests/bad/NAME.toml` (or folder `tests/bad/NAME/`) must fail `validate` with exit 2
/// and exactly the message in `tests/bad/NAME.stderr`; `estimate` must fail the same way
/// for scenario files.
#[test]
fn bad_inputs_get_their_exact_messages() {
    let dir = Path::new("tests/bad");
    let mut cases: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    cases.sort();
    let mut checked = 0;
    let mut failures = Vec::new();
    for case in cases.iter().filter(|p| p.extension().is_none_or(|e| e == "toml")) {
        let expected_path = case.with_extension("stderr");
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} has no {}", case.display(), expected_path.display()));
        let out = infercast().arg("validate").arg(case).output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        if out.status.code() != Some(2) || stderr != expected {
            failures.push(format!(
                "--- {} (exit {:?})\nexpected:\n{expected}\ngot:\n{stderr}",
                case.display(),
                out.status.code()
            ));
        }
        assert!(out.stdout.is_empty(), "{}: nothing on stdout when validation fails", case.display());
        // Lossy: some cases are deliberately not UTF-8.
        let is_scenario =
            case.is_file() && String::from_utf8_lossy(&std::fs::read(case).unwrap()).contains("[scenario]");
        if is_scenario {
            let est = infercast().arg("estimate").arg(case).output().unwrap();
            let est_stderr = String::from_utf8(est.stderr).unwrap();
            if est.status.code() != Some(2) || est_stderr != expected {
                failures.push(format!(
                    "--- estimate {} (exit {:?})\ngot:\n{est_stderr}",
                    case.display(),
                    est.status.code()
                ));
            }
        }
        checked += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 15, "the corpus has {checked} cases; keep at least 15");
}

#[test]
fn bundled_scenarios_validate() {
    let out = infercast().arg("validate").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    // 6 bundled scenarios; the catalog line counts models, so only its start is fixed.
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with("ok: catalog (") && stdout.ends_with(", 6 scenarios\n"), "{stdout}");
}

fn json_of(args: &[&str]) -> serde_json::Value {
    let out = infercast().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

#[test]
fn support_agent_on_demand_costs_are_the_hand_derived_ones() {
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

    // claude-sonnet-4.5 in-region at $3.30 / $16.50, cache write 4.125, read 0.33
    // (pricing/bedrock-anthropic.toml: the global price + 10 %):
    //   simple: 450·3.30 + 200·16.50 = 1,485 + 3,300 = 4,785 µ$ per request;
    //   agent: 2,400 cached S tokens at 0.9·0.33 + 0.1·4.125 = 0.7095 → 1,702.8 µ$; 2,550 other
    //          input ·3.30 = 8,415; 700 out ·16.50 = 11,550 → 21,667.8 µ$ per request;
    //   mix: 0.7·4,785 + 0.3·21,667.8 = 9,849.84 µ$; × 1,500,000 = $14,774.76 in month 1.
    let o = &v["options"][0];
    assert_eq!(o["name"], "on-demand claude-sonnet-4.5");
    assert_eq!(o["kind"], "on-demand");
    assert_eq!((o["endpoint"].as_str(), o["region"].as_str()), (Some("in-region"), Some("us-east-1")));
    let m1 = o["months"][0]["cost_usd"].as_f64().unwrap();
    assert!(close(m1, 14_774.76), "{m1}");
    // 12 months at +5 %/month: 14,774.76 · (1.05¹² − 1) / 0.05.
    let total = o["total_usd"].as_f64().unwrap();
    assert!(close(total, 14_774.76 * (1.05f64.powi(12) - 1.0) / 0.05), "{total}");
    assert_eq!(o["months"].as_array().unwrap().len(), 12);
    assert!(close(o["months"][11]["requests"].as_f64().unwrap(), 1_500_000.0 * 1.05f64.powi(11)));
    // Per 1k requests is the same every month for on-demand: $9.84984.
    assert!(close(o["usd_per_1k_requests"].as_f64().unwrap(), 9.84984));

    // The router's plans (docs/model.md#plans). claude-haiku-4.5 through the global profile at
    // $1 / $5 serves `simple` only: 450 · 1 + 200 · 5 = 1,450 µ$ a request × 0.7 · 1,500,000 =
    // 1,050,000 requests = $1,522.50. Sonnet on demand serves the agent: 21,667.8 µ$ (above) ×
    // 450,000 = $9,750.51. The plan: $11,273.01 in month 1.
    let plan = &v["plans"][0];
    assert_eq!(plan["name"], "two-tier on demand");
    assert!(close(plan["members"][0]["months"][0]["cost_usd"].as_f64().unwrap(), 1_522.5));
    assert!(close(plan["members"][1]["months"][0]["cost_usd"].as_f64().unwrap(), 9_750.51));
    assert!(close(plan["months"][0]["cost_usd"].as_f64().unwrap(), 11_273.01));
    // With the agent on PT (6-month, peak): one MU serves 1 / (4,950/300,000 + 700/60,000) = 35.5
    // agent requests a minute. The agent's busiest slot (a weekday office hour, weight 20/7) brings
    // 450,000 · 20/7 / 43,800 = 29.35 a minute in month 1, × 1.05^5 in month 6 and × 1.05^11 in
    // month 12; each 6-month block buys ⌈q99 / 35.5⌉ MUs for its busiest month, at $35 · 730.
    let mu = 1.0 / (4_950.0 / 300_000.0 + 700.0 / 60_000.0);
    let mus = |month: i32| {
        let mean = 450_000.0 * 20.0 / 7.0 / 43_800.0 * 1.05f64.powi(month - 1);
        (Poisson::new(mean).unwrap().inverse_cdf(0.99) as f64 / mu).ceil()
    };
    let pt = &v["plans"][1]["members"][1];
    assert_eq!(pt["option"], "PT claude-sonnet-4.5, 6-month, peak");
    assert_eq!((pt["months"][0]["units"].as_f64(), pt["months"][11]["units"].as_f64()), (Some(mus(6)), Some(mus(12))));
    assert!(close(pt["months"][0]["cost_usd"].as_f64().unwrap(), mus(6) * 35.0 * 730.0));
    // Routing saves against the cheapest single option, all on Sonnet on demand.
    assert_eq!(
        (v["routing"]["plan"].as_str(), v["routing"]["vs_option"].as_str()),
        (Some("two-tier on demand"), Some("on-demand claude-sonnet-4.5"))
    );
    assert_eq!(v["recommendation"]["option"], "two-tier on demand");

    // PT claude-sonnet-4.5, 1-month, optimal. One MU serves 1 / (1,800/300,000 + 350/60,000) = 84.507
    // requests a minute (catalog placeholders); even busy every minute of a 730-hour month that is
    // 84.507 · 43,800 · $0.00984984 = $36,459 of on-demand traffic, less than the $63 · 730 = $45,990
    // the MU costs. So "optimal" buys 0 MUs every month, everything overflows to on demand, and the
    // option costs exactly what on-demand costs.
    let pt = &v["options"][1];
    assert_eq!(pt["kind"], "provisioned");
    assert_eq!(pt["buys_nothing"], true);
    for m in pt["months"].as_array().unwrap() {
        assert_eq!(m["units"], 0.0);
        assert!(close(m["overflow_share"].as_f64().unwrap(), 1.0));
    }
    assert!(close(pt["total_usd"].as_f64().unwrap(), total));
    // And it is never cheaper than on-demand at any volume checked.
    let be = v["breakeven"].as_array().unwrap().iter().find(|b| b["option"] == pt["name"]).unwrap();
    assert_eq!(be["vs"], "on-demand claude-sonnet-4.5");
    assert!(be["requests_per_month"].is_null());
}

#[test]
fn doc_summariser_batch_is_half_the_standard_price() {
    let v = json_of(&["estimate", "scenarios/doc-summariser.toml", "--format", "json"]);
    // 20,000 a day · 730/24 = 608,333.33 requests; Nova Pro $0.80 / $3.20:
    // (250 + 6,000)·0.80 + 400·3.20 = 6,280 µ$ per request → $3,820.333… in month 1.
    let requests = 20_000.0 * 730.0 / 24.0;
    assert!(close(v["base_requests_per_month"].as_f64().unwrap(), requests));
    let standard = v["options"][0]["months"][0]["cost_usd"].as_f64().unwrap();
    assert!(close(standard, requests * 0.00628), "{standard}");
    let batch = v["options"][1]["months"][0]["cost_usd"].as_f64().unwrap();
    assert!(close(batch, requests * 0.00314), "{batch}");
    assert_eq!(v["options"][1]["name"], "on-demand nova-pro (batch)");
}

#[test]
fn table_shows_the_hidden_agent_tokens() {
    let out = infercast().args(["estimate", "scenarios/support-agent.toml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains(
            "multi-step (30%): 5,650 billed tokens per request (4,950 in + 700 out, 3 calls), 800 visible (7.1x)"
        ),
        "{s}"
    );
    assert!(s.contains("  on-demand claude-sonnet-4.5 "), "{s}");
    assert!(s.contains("$14,774.76"), "{s}");
    assert!(
        s.contains("  PT claude-sonnet-4.5, 1-month, optimal: never cheaper up to 1,500,000,000 requests/month"),
        "{s}"
    );
}

#[test]
fn pricing_dir_replaces_the_built_in_catalog() {
    // Copy the catalog, raise Claude 3 Haiku from $0.25 to $0.50 input, and price 1M requests of
    // 1,000 in / 100 out: 1,000·0.50 + 100·1.25 = 625 µ$ → $625 (was 250 + 125 = $375).
    let dir = common::TempPath::fresh("pricing-dir-test");
    for f in std::fs::read_dir("pricing").unwrap() {
        let f = f.unwrap().path();
        let text = std::fs::read_to_string(&f).unwrap();
        let text = text.replacen("input_usd_per_mtok = 0.25", "input_usd_per_mtok = 0.50", 1);
        std::fs::write(dir.join(f.file_name().unwrap()), text).unwrap();
    }
    let scenario = dir.join("one.toml.scenario");
    std::fs::write(
        &scenario,
        "[scenario]\nname = \"one\"\nmonths = 1\n[traffic]\nrequests_per_month = 1_000_000\n\
         [[workload]]\nname = \"w\"\nshare = 1\ninput_tokens = 1000\noutput_tokens = 100\n\
         [[option]]\nkind = \"on-demand\"\nmodel = \"claude-3-haiku\"\n",
    )
    .unwrap();
    let s = scenario.to_str().unwrap();
    let base = json_of(&["estimate", s, "--format", "json"]);
    assert!(close(base["options"][0]["total_usd"].as_f64().unwrap(), 375.0));
    let changed = json_of(&["--pricing", dir.to_str().unwrap(), "estimate", s, "--format", "json"]);
    assert!(close(changed["options"][0]["total_usd"].as_f64().unwrap(), 625.0));
    // The global option is accepted after the subcommand too.
    let after = json_of(&["estimate", s, "--format", "json", "--pricing", dir.to_str().unwrap()]);
    assert_eq!(after, changed);
}

#[test]
fn models_lists_prices_tiers_quotas_and_sources() {
    let out = infercast().arg("models").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    let line = s.lines().find(|l| l.starts_with("claude-3-sonnet ")).expect("claude-3-sonnet listed");
    for want in ["anthropic.claude-3-sonnet-20240229-v1:0", " 3 ", " 15 ", "batch x0.5", "500", "1,000,000"] {
        assert!(line.contains(want), "{want} missing from: {line}");
    }
    assert!(s.contains("https://aws.amazon.com/bedrock/pricing/"));
    let v = json_of(&["models", "--format", "json"]);
    let haiku = v["models"].as_array().unwrap().iter().find(|m| m["key"] == "claude-3-haiku").unwrap();
    // AWS Bedrock pricing page (https://aws.amazon.com/bedrock/pricing/): $0.00025 / $0.00125 per 1K = $0.25 / $1.25 per M.
    assert_eq!(haiku["input_usd_per_mtok"], 0.25);
    assert_eq!(haiku["output_usd_per_mtok"], 1.25);
    assert_eq!(haiku["quota"]["tpm"], 2_000_000.0);
}

#[test]
fn missing_file_is_bad_input_not_a_panic() {
    let out = infercast().args(["estimate", "scenarios/nope.toml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: scenarios/nope.toml: cannot read this file: it does not exist\n  = help: check the path; infercast reads TOML files\n"
    );
}

/// Every key path of a JSON value, arrays collapsed to `[]` (the union over their elements).
fn key_paths(v: &serde_json::Value, prefix: &str, out: &mut std::collections::BTreeSet<String>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, x) in map {
                let path = format!("{prefix}.{k}");
                out.insert(path.clone());
                key_paths(x, &path, out);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|x| key_paths(x, &format!("{prefix}[]"), out)),
        _ => {}
    }
}

/// The estimate-v2 schema is public API: this list changes only on purpose.
#[test]
fn the_estimate_schema_is_pinned() {
    let v = json_of(&["estimate", "scenarios/steady-classifier.toml", "--format", "json"]);
    let mut paths = std::collections::BTreeSet::new();
    key_paths(&v, "", &mut paths);
    let expected = [
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
    let token_fields = ["input", "output", "retrieved", "visible", "calls", "overhead_ratio", "truncated_share"];
    let mut want: std::collections::BTreeSet<String> = expected.iter().map(|s| s.to_string()).collect();
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
    let missing: Vec<_> = want.difference(&paths).collect();
    let extra: Vec<_> = paths.difference(&want).collect();
    assert!(missing.is_empty() && extra.is_empty(), "missing {missing:?}\nextra {extra:?}");
}

/// The plans part of estimate-v2, on a scenario with plans: every key of a plan, its months and
/// its members, and of the routing saving.
#[test]
fn the_plans_schema_is_pinned() {
    let v = json_of(&["estimate", "scenarios/support-agent.toml", "--format", "json"]);
    let mut paths = std::collections::BTreeSet::new();
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
        .chain(["recommended_rpm", "recommended_tpm"])
        .map(|f| format!("[].members[].quota.{f}"));
    let routing = ["plan", "vs_option", "saving_usd", "saving_pct"].map(|f| format!(".routing.{f}"));
    let want: std::collections::BTreeSet<String> =
        plan.chain(month).chain(member).chain(member_month).chain(quota).chain(routing).collect();
    let missing: Vec<_> = want.difference(&paths).collect();
    let extra: Vec<_> = paths.difference(&want).collect();
    assert!(missing.is_empty() && extra.is_empty(), "missing {missing:?}\nextra {extra:?}");
}

/// The services part of estimate-v2, on a scenario with services: the line items at the top,
/// and each option's and plan's month-1 and horizon cost of every item.
#[test]
fn the_services_schema_is_pinned() {
    let v = json_of(&["estimate", "scenarios/knowledge-base.toml", "--format", "json"]);
    let mut paths = std::collections::BTreeSet::new();
    key_paths(&v["services"], ".services", &mut paths);
    key_paths(&v["options"][0]["services"], ".options[].services", &mut paths);
    let items = ["name", "kind", "service", "usd_per_request", "usd_per_month", "first_month_usd"]
        .into_iter()
        .chain(["billed_at_minimum", "basis"])
        .map(|f| format!(".services[].{f}"));
    let carried = ["name", "month_1_usd", "total_usd"].map(|f| format!(".options[].services[].{f}"));
    let want: std::collections::BTreeSet<String> = items.chain(carried).collect();
    let missing: Vec<_> = want.difference(&paths).collect();
    let extra: Vec<_> = paths.difference(&want).collect();
    assert!(missing.is_empty() && extra.is_empty(), "missing {missing:?}\nextra {extra:?}");
    let kinds: Vec<&str> = v["services"].as_array().unwrap().iter().map(|i| i["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["query-embedding", "rerank", "fixed", "ingestion"]);
}

/// Float noise is rounded away: 0.7 · 1 + 0.3 · 3 = 1.6 calls exactly, not 1.5999999999999999.
#[test]
fn json_numbers_carry_no_float_noise() {
    let v = json_of(&["estimate", "scenarios/support-agent.toml", "--format", "json"]);
    assert_eq!(v["tokens"]["per_request"]["calls"], 1.6);
    // Every number prints with at most 12 significant digits, and none is a denormal speck.
    fn check(v: &serde_json::Value) {
        match v {
            serde_json::Value::Number(n) => {
                let x = n.as_f64().unwrap();
                assert!(x == 0.0 || x.abs() >= 1e-12, "{x}");
                let digits: String = format!("{x:e}").split('e').next().unwrap().replace(['-', '.'], "");
                assert!(digits.len() <= 12, "{x} has noise digits");
            }
            serde_json::Value::Array(a) => a.iter().for_each(check),
            serde_json::Value::Object(m) => m.values().for_each(check),
            _ => {}
        }
    }
    check(&v);
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
