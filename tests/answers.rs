//! Answers a user acts on, end to end on the toy catalog: eligibility, the recommendation and
//! its caveats, break-even utilisation, daily spend and alarms, cost by workload. Every expected
//! figure is derived by hand from the toy catalog's round prices.
mod common;

use common::{close, estimate, num as f, poisson_excess, toy};

/// 1 request/s = 60/min on a flat week; 1,000 in / 100 out; 730 h → 2,628,000 requests a month.
/// On demand: 1,000 · $10/M + 100 · $20/M = $0.012 a request → $31,536 a month.
const FLAT: &str = r#"
[scenario]
name = "answers"
months = 3
[traffic]
mean_rps = 1
WEEKLY
[[workload]]
name = "w"
share = 1
input_tokens = 1000
output_tokens = 100
max_tokens = 100
LATENCY
[[option]]
kind = "on-demand"
model = "m"
[[option]]
kind = "on-demand"
model = "m"
tier = "batch"
[[option]]
kind = "provisioned"
model = "m"
term = "1-month"
units = "peak"
[[option]]
kind = "reserved"
model = "m"
term = "1-month"
capacity = "peak"
[[option]]
kind = "self-hosted"
deployment = "d@i"
min_instances = 2
target_utilization = 0.5
ops_usd_per_month = 1000
"#;

fn scenario(weekly: &str, latency: &str) -> String {
    FLAT.replace("WEEKLY", weekly).replace("LATENCY", latency)
}

#[test]
fn a_batch_tier_cannot_serve_an_interactive_workload() {
    let (pricing, path) = toy("answers-batch", &scenario("", ""));
    let v = estimate(&pricing, &path);
    let batch = &v["options"][1];
    // Priced all the same: half of $31,536.
    assert!(close(f(&batch["months"][0]["cost_usd"]), 15_768.0));
    assert_eq!(batch["eligible"], false);
    assert_eq!(batch["ineligible_reason"], "batch tier: cannot serve the interactive workload `w`");
    // Not in break-even, not cheapest, not recommended.
    let names: Vec<&str> = v["breakeven"].as_array().unwrap().iter().map(|b| b["option"].as_str().unwrap()).collect();
    assert!(!names.contains(&"on-demand m (batch)"), "{names:?}");
    assert_ne!(v["recommendation"]["option"], "on-demand m (batch)");

    // The same workload marked batch: the batch tier serves it and is eligible.
    let (pricing, path) = toy("answers-batch-ok", &scenario("", "latency = \"batch\""));
    assert_eq!(estimate(&pricing, &path)["options"][1]["eligible"], true);
}

#[test]
fn the_recommendation_is_the_cheapest_eligible_option_with_its_caveats() {
    let (pricing, path) = toy("answers-recommend", &scenario("", ""));
    let v = estimate(&pricing, &path);
    // Month costs (flat, no growth, 3 months):
    //   reserved peak: 100K/10K TPM minimums · ($5, $20 per 1K) = $700, serving 100/min, plus
    //   the minutes above 100 billed on demand, 43,800 · E[(N₆₀ − 100)⁺] = 0.089 requests at
    //   $0.012 (docs/model.md#overflow) → $2,100.003;
    //   self-hosted: 2 instances · $2 · 730 + $1,000 ops = $3,920 → $11,760 (the next cheapest);
    //   PT peak: ceil(q99(Poisson 60) = 79 / 50) = 2 MUs · $10 · 730 = $14,600; on demand $31,536.
    let r = &v["recommendation"];
    assert_eq!(r["option"], "reserved m 1-month peak");
    let reserved = 3.0 * (700.0 + 0.012 * 43_800.0 * poisson_excess(60.0, 100));
    assert!(close(f(&r["total_usd"]), reserved));
    assert_eq!(r["next"], "self-hosted d@i (on-demand)");
    assert!(close(f(&r["saving_vs_next_usd"]), 11_760.0 - reserved));
    // In per cent, like every `_pct` field: (11,760 − reserved) / 11,760 · 100.
    assert!(close(f(&r["saving_vs_next_pct"]), (11_760.0 - reserved) / 11_760.0 * 100.0));
    // Reserved prices are marked assumed in the toy catalog; same model as the reference.
    let kinds: Vec<&str> = r["caveats"].as_array().unwrap().iter().map(|c| c["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["assumed"]);
}

#[test]
fn break_even_utilisation_of_each_capacity_option() {
    let (pricing, path) = toy("answers-utilisation", &scenario("", ""));
    let v = estimate(&pricing, &path);
    let o = |i: usize, k: &str| v["options"][i][k].clone();
    // On demand has none.
    assert!(o(0, "breakeven_utilization").is_null() && o(0, "mean_utilization").is_null());
    // PT: one MU serves 1 / (1,000/100,000 + 100/10,000) = 50 requests/min; at full use that is
    // 60 · 50 · $0.012 = $36/h of on-demand work for $10/h: break-even at 10/36 = 27.8 % use.
    // 2 MUs (100/min) serve E[min(N, 100)] = 60 − E[(N − 100)⁺] of the flat 60/min (Poisson):
    // 60 % used, less the rare minutes above 100 (docs/model.md#overflow).
    assert!(close(f(&o(2, "full_use_usd_per_hour")), 36.0));
    assert!(close(f(&o(2, "breakeven_utilization")), 10.0 / 36.0));
    let used = (60.0 - poisson_excess(60.0, 100)) / 100.0;
    assert!(close(f(&o(2, "mean_utilization")), used));
    // Reserved: one request a minute needs 1,000 in / 100 out TPM: (1,000 · 5 + 100 · 20)/1,000 = $7
    // a month, $7/730 an hour, against 60 · $0.012 = $0.72 of on-demand work an hour.
    // The minimums buy 100K/10K TPM = 100 requests/min, used as the 2 MUs are.
    assert!(close(f(&o(3, "breakeven_utilization")), 7.0 / 730.0 / 0.72));
    assert!(close(f(&o(3, "mean_utilization")), used));
    // Self-hosted: the toy deployment (tests/fixtures/toy-catalog/toy.toml) takes 100 decode steps
    // of 2 ms and a 2 ms prefill per call: 60 / 0.202 = 297.03 calls/min; 60 · 297.03 · $0.012 =
    // 43.2 / 0.202 = $213.86/h of on-demand work for $2/h. Two instances carry 60: 60 · 0.202 / 120.
    assert!(close(f(&o(4, "full_use_usd_per_hour")), 43.2 / 0.202));
    assert!(close(f(&o(4, "breakeven_utilization")), 2.0 / (43.2 / 0.202)));
    assert!(close(f(&o(4, "mean_utilization")), 60.0 * 0.202 / 120.0));
}

#[test]
fn daily_spend_on_a_flat_week() {
    let (pricing, path) = toy("answers-daily-flat", &scenario("", ""));
    let v = estimate(&pricing, &path);
    let m1 = &v["options"][0]["months"][0];
    // Flat: every day is average: $31,536 · 24 / 730 = $1,036.80; ties go to Monday.
    assert!(close(f(&m1["average_day_usd"]), 1_036.8));
    assert!(close(f(&m1["busiest_day_usd"]), 1_036.8));
    assert_eq!(m1["busiest_day"], "Mon");
    // Alarm: 1,036.80 · 1.25 = 1,296 → two significant figures, rounded up: $1,300.
    assert!(close(f(&v["options"][0]["daily_alarm_usd"]), 1_300.0));
    // Self-hosted: $3,920 a month spread over 730 hours → 3,920 · 24 / 730 = $128.88 every day.
    assert!(close(f(&v["options"][4]["months"][0]["busiest_day_usd"]), 3_920.0 * 24.0 / 730.0));
}

#[test]
fn daily_spend_on_a_weekday_shaped_week() {
    let (pricing, path) = toy("answers-daily-weekdays", &scenario("weekly_shape = \"weekdays\"", ""));
    let v = estimate(&pricing, &path);
    let od = &v["options"][0];
    // Weekdays 1.0, weekend 0.3: mean 5.6/7 = 0.8, so a weekday carries 1/0.8 = 1.25 × the average
    // day: 1,036.80 · 1.25 = $1,296, first on Monday; alarm 1,296 · 1.25 = 1,620 → $1,700.
    let m1 = &od["months"][0];
    assert!(close(f(&m1["average_day_usd"]), 1_036.8));
    assert!(close(f(&m1["busiest_day_usd"]), 1_296.0));
    assert_eq!(m1["busiest_day"], "Mon");
    assert!(close(f(&od["daily_alarm_usd"]), 1_700.0));
    // PT peak: a weekday brings 60 · 1.25 = 75 a minute (Poisson), so ⌈q99(75) / 50⌉ MUs at $10
    // an hour, which do not follow the traffic: $240 a day each. The minutes of a weekday above
    // their capacity overflow E[(N − 50·MUs)⁺] a minute at $0.012 (docs/model.md#overflow), and
    // a weekday carries its own: Monday costs MUs · 240 + 24 · 60 · 0.012 · E.
    use statrs::distribution::{DiscreteCDF, Poisson};
    let mus = (Poisson::new(75.0).unwrap().inverse_cdf(0.99) as f64 / 50.0).ceil();
    let pt = &v["options"][2]["months"][0];
    assert_eq!(f(&pt["units"]), mus);
    let monday = mus * 240.0 + 24.0 * 60.0 * 0.012 * poisson_excess(75.0, 50 * mus as u64);
    assert!(close(f(&pt["busiest_day_usd"]), monday));
}

#[test]
fn cost_by_workload_splits_an_on_demand_bill() {
    // 75 % plain (1,000 in / 100 out: $0.012) and 25 % large (4,000 in / 400 out: $0.048).
    // A month of 2,628,000 requests: plain 0.75 · 2,628,000 · 0.012 = $23,652; large
    // 0.25 · 2,628,000 · 0.048 = $31,536; the large quarter of requests is 31,536 / 55,188 = 57.1 %.
    let s = scenario("", "").replace("share = 1\n", "share = 0.75\n").replace(
        "[[option]]\nkind = \"on-demand\"\nmodel = \"m\"\n[[option]]",
        "[[workload]]\nname = \"large\"\nshare = 0.25\ninput_tokens = 4000\noutput_tokens = 400\n\
         [[option]]\nkind = \"on-demand\"\nmodel = \"m\"\n[[option]]",
    );
    let (pricing, path) = toy("answers-workloads", &s);
    let v = estimate(&pricing, &path);
    let w = &v["options"][0]["workloads"];
    assert_eq!((w[0]["name"].as_str(), w[1]["name"].as_str()), (Some("w"), Some("large")));
    assert!(close(f(&w[0]["month_1_usd"]), 23_652.0));
    assert!(close(f(&w[1]["month_1_usd"]), 31_536.0));
    assert!(close(f(&w[1]["share_of_cost"]), 31_536.0 / 55_188.0));
    // Capacity options carry no per-workload split.
    assert!(v["options"][2].get("workloads").is_none());
}
