//! Routing plans end to end on the toy catalog: each member priced and sized on the traffic of
//! its own workloads, the plan the sum of its members (docs/model.md#plans).
mod common;

use common::{close, estimate, num as f, toy};
use statrs::distribution::{DiscreteCDF, NegativeBinomial, Poisson};

/// 1 request/s on a flat week = 60 a minute, 2,628,000 a month (730 h). `plain` (70 %): 1,000 in,
/// 100 out. `agent` (30 %): 2 steps with U = 1,000, R = 100, T = 400, F = 100: input
/// 2 · 1,000 + 500 · 1 = 2,500, output 100 + 100 = 200, 2 calls.
const SCENARIO: &str = r#"
[scenario]
name = "plans"
months = MONTHS
[traffic]
mean_rps = 1
growth_per_month = GROWTH
burstiness = BURST
[[workload]]
name = "plain"
share = 0.7
input_tokens = 1000
output_tokens = 100
max_tokens = 100
[[workload]]
name = "agent"
share = 0.3
input_tokens = 1000
output_tokens = 100
[workload.agent]
steps = 2
thought_tokens = 100
tool_result_tokens = 400
[[option]]
kind = "on-demand"
model = "m"
[[option]]
name = "PT all"
kind = "provisioned"
model = "m"
term = "1-month"
units = "peak"
[[option]]
name = "agent PT"
kind = "provisioned"
model = "m"
term = "1-month"
units = "peak"
standalone = false
[[option]]
kind = "on-demand"
model = "m"
tier = "batch"
standalone = false
[[plan]]
name = "two-tier"
serve = { plain = "on-demand m", agent = "agent PT" }
[[plan]]
name = "all on PT"
serve = { plain = "PT all", agent = "PT all" }
[[plan]]
name = "agent in batch"
serve = { plain = "on-demand m", agent = "on-demand m (batch)" }
"#;

fn run(name: &str, months: u32, growth: f64, burstiness: f64) -> serde_json::Value {
    let text = SCENARIO
        .replace("MONTHS", &months.to_string())
        .replace("GROWTH", &growth.to_string())
        .replace("BURST", &burstiness.to_string());
    let (pricing, scenario) = toy(name, &text);
    estimate(&pricing, &scenario)
}

fn plan<'a>(v: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    v["plans"].as_array().unwrap().iter().find(|p| p["name"] == name).unwrap()
}

/// E[(N − c)⁺] of Poisson(λ) for any c ≥ 0: with m = ⌊c⌋ + 1 the first count above c and
/// k·p(k) = λ·p(k − 1), Σ_{k≥m} (k − c)·p(k) = λ·P(N ≥ m − 1) − c·P(N ≥ m) (docs/model.md#overflow).
fn excess(lambda: f64, c: f64) -> f64 {
    let n = Poisson::new(lambda).unwrap();
    let m = c.floor() as u64 + 1;
    lambda * n.sf(m - 2) - c * n.sf(m - 1)
}

#[test]
fn a_two_tier_plan_prices_each_member_on_its_own_traffic() {
    let v = run("plans-two-tier", 1, 0.0, 1.0);
    let p = plan(&v, "two-tier");
    // Plain on demand: 0.7 · 2,628,000 = 1,839,600 requests at 1,000 · $10/M + 100 · $20/M = $0.012.
    let plain = &p["members"][0];
    assert_eq!((plain["option"].as_str(), plain["workloads"][0].as_str()), (Some("on-demand m"), Some("plain")));
    assert!(close(f(&plain["months"][0]["requests"]), 1_839_600.0));
    assert!(close(f(&plain["months"][0]["cost_usd"]), 22_075.2));
    // The agent on PT, sized on its own 30 %: mean 0.3 · 60 = 18 a minute, its 99th-percentile
    // minute by statrs; one MU serves 1 / (2,500/100,000 + 200/10,000) = 1/0.045 = 22.2 agent
    // requests a minute, so ⌈peak · 0.045⌉ MUs at $10 · 730 = $7,300 each. The minutes above
    // their capacity overflow, 43,800 · E[(N − MUs/0.045)⁺] agent requests at (2,500 · 10 +
    // 200 · 20) / 10⁶ = $0.029 each.
    let peak = Poisson::new(18.0).unwrap().inverse_cdf(0.99) as f64;
    let mus = (peak * 0.045).ceil();
    let over = excess(18.0, mus / 0.045);
    let agent_usd = mus * 7_300.0 + 0.029 * 43_800.0 * over;
    let agent = &p["members"][1];
    assert_eq!(agent["option"], "agent PT");
    assert_eq!(f(&agent["months"][0]["units"]), mus);
    assert!(close(f(&agent["months"][0]["overflow_share"]), over / 18.0));
    assert!(close(f(&agent["months"][0]["requests"]), 788_400.0));
    assert!(close(f(&agent["months"][0]["cost_usd"]), agent_usd));
    // The plan: the sum, over all 2,628,000 requests.
    assert!(close(f(&p["months"][0]["cost_usd"]), 22_075.2 + agent_usd));
    assert!(close(f(&p["months"][0]["requests"]), 2_628_000.0));
    assert!(close(f(&p["usd_per_1k_requests"]), (22_075.2 + agent_usd) / 2_628.0));
    assert_eq!(p["eligible"], true);
    // The plain member's quota sees plain calls only: (1,000 + 100) / 1 = 1,100 quota tokens a call
    // (the whole mix's would be (1,450 + 130) / 1.3 = 1,215.4). The PT member has no quota of its own.
    assert!(close(f(&plain["quota"]["tokens_per_invocation"]), 1_100.0));
    assert!(agent["quota"].is_null());
}

#[test]
fn a_member_keeps_the_burstiness_of_the_whole() {
    // b = 4: the agent's minutes have mean 18 and variance 4 · 18 = 72, a negative binomial with
    // r = 18 / 3 = 6 and success probability 1/4 (statrs counts failures: mean 6 · 0.75 / 0.25 = 18).
    let v = run("plans-bursty", 1, 0.0, 4.0);
    let peak = NegativeBinomial::new(6.0, 0.25).unwrap().inverse_cdf(0.99) as f64;
    let agent = &plan(&v, "two-tier")["members"][1];
    assert_eq!(f(&agent["months"][0]["units"]), (peak * 0.045).ceil());
}

#[test]
fn a_plan_costs_the_sum_of_its_members_month_by_month() {
    // Growing 20 % a month over 6 months: the agent's MUs step up with its own traffic.
    let v = run("plans-sum", 6, 0.2, 1.0);
    for p in v["plans"].as_array().unwrap() {
        for m in 0..6 {
            let members: f64 = p["members"].as_array().unwrap().iter().map(|x| f(&x["months"][m]["cost_usd"])).sum();
            assert!(close(f(&p["months"][m]["cost_usd"]), members), "{} month {}", p["name"], m + 1);
            assert_eq!(f(&p["months"][m]["services_usd"]), 0.0);
        }
        let total: f64 = (0..6).map(|m| f(&p["months"][m]["cost_usd"])).sum();
        assert!(close(f(&p["total_usd"]), total));
    }
    let agent = &plan(&v, "two-tier")["members"][1]["months"];
    // Month 6 carries 1.2^5 = 2.49 times month 1's agent traffic: mean 18 · 1.2^5 a minute.
    let peak6 = Poisson::new(18.0 * 1.2f64.powi(5)).unwrap().inverse_cdf(0.99) as f64;
    assert_eq!(f(&agent[5]["units"]), (peak6 * 0.045).ceil());
}

#[test]
fn a_one_member_plan_serving_everything_costs_the_option_alone() {
    let v = run("plans-one-member", 3, 0.1, 1.0);
    let option = v["options"].as_array().unwrap().iter().find(|o| o["name"] == "PT all").unwrap();
    let p = plan(&v, "all on PT");
    assert_eq!(p["members"].as_array().unwrap().len(), 1);
    assert_eq!(p["members"][0]["workloads"], serde_json::json!(["plain", "agent"]));
    for m in 0..3 {
        assert!(close(f(&p["months"][m]["cost_usd"]), f(&option["months"][m]["cost_usd"])));
        assert_eq!(f(&p["members"][0]["months"][m]["units"]), f(&option["months"][m]["units"]));
    }
    assert!(close(f(&p["daily_alarm_usd"]), f(&option["daily_alarm_usd"])));
    // Only standalone options have rows of their own: `agent PT` and the batch tier are plan-only.
    let names: Vec<&str> = v["options"].as_array().unwrap().iter().map(|o| o["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["on-demand m", "PT all"]);
}

#[test]
fn plans_take_part_in_eligibility_the_recommendation_and_break_even() {
    let v = run("plans-compare", 1, 0.0, 1.0);
    // A batch tier cannot serve the interactive agent: the plan is priced but not compared.
    let batch = plan(&v, "agent in batch");
    assert_eq!(batch["eligible"], false);
    assert_eq!(
        batch["ineligible_reason"],
        "on-demand m (batch) (serving `agent`): batch tier: cannot serve the interactive workload `agent`"
    );
    let compared: Vec<&str> =
        v["breakeven"].as_array().unwrap().iter().map(|b| b["option"].as_str().unwrap()).collect();
    assert_eq!(compared, ["PT all", "two-tier", "all on PT"]);
    // All on PT: Ī = 0.7 · 1,000 + 0.3 · 2,500 = 1,450, Ō = 0.7 · 100 + 0.3 · 200 = 130, so an MU
    // serves 1 / (0.0145 + 0.013) = 36.4 requests a minute; the full 60 a minute peaks at q99.
    let mus = (Poisson::new(60.0).unwrap().inverse_cdf(0.99) as f64 * 0.0275).ceil();
    let two_tier = 22_075.2 + (Poisson::new(18.0).unwrap().inverse_cdf(0.99) as f64 * 0.045).ceil() * 7_300.0;
    assert!(mus * 7_300.0 < two_tier, "the derivation below assumes PT over everything is cheapest");
    // "PT all" and the one-member plan "all on PT" tie; the option is listed first and wins.
    let r = &v["recommendation"];
    assert_eq!((r["option"].as_str(), r["next"].as_str()), (Some("PT all"), Some("all on PT")));
    assert!(close(f(&r["total_usd"]), mus * 7_300.0));
    // The cheapest plan against the cheapest option: the same cost, nothing saved.
    assert_eq!(
        (v["routing"]["plan"].as_str(), v["routing"]["vs_option"].as_str()),
        (Some("all on PT"), Some("PT all"))
    );
    assert!(f(&v["routing"]["saving_usd"]).abs() < 1e-6);
}
