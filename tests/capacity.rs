//! Capacity options end to end on a toy catalog whose figures make every number derivable by
//! hand: flat traffic, Poisson arrivals, round prices.
mod common;

use common::{TempPath, close, estimate, num, poisson_excess as excess};
use statrs::distribution::{DiscreteCDF, Poisson};

/// 1 request/s on a flat week = 60/min; 1,000 in / 100 out; 730 h → 2,628,000 requests a month.
const SCENARIO: &str = r#"
[scenario]
name = "toy"
months = 12
[traffic]
mean_rps = 1
growth_per_month = GROWTH
[[workload]]
name = "w"
share = 1
input_tokens = 1000
output_tokens = 100
[[option]]
kind = "on-demand"
model = "m"
[[option]]
kind = "provisioned"
model = "m"
term = "TERM"
units = "peak"
[[option]]
kind = "provisioned"
model = "m"
term = "1-month"
units = "optimal"
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

/// The toy catalog and the scenario, in a fresh folder of their own (`name` prefixes it).
fn setup(name: &str, growth: f64, term: &str) -> (TempPath, TempPath) {
    common::toy(name, &SCENARIO.replace("GROWTH", &growth.to_string()).replace("TERM", term))
}

/// The q quantile of Poisson(mean) by statrs' own bisection (an implementation independent of ours).
fn q(mean: f64, p: f64) -> f64 {
    Poisson::new(mean).unwrap().inverse_cdf(p) as f64
}

#[test]
fn every_capacity_option_matches_the_hand_derivation() {
    let (pricing, scenario) = setup("capacity-flat", 0.0, "1-month");
    let v = estimate(&pricing, &scenario);
    let month = |o: usize, field: &str| v["options"][o]["months"][0][field].as_f64().unwrap();
    let peak = q(60.0, 0.99); // 99th percentile of Poisson(60) per minute
    // On demand: 1,000 · $10/M + 100 · $20/M = $0.012 a request; 2,628,000 · 0.012 = $31,536.
    assert!(close(month(0, "cost_usd"), 31_536.0));
    // One MU: 1 / (1,000/100,000 + 100/10,000) = 50 requests/min. Peak → ceil(peak/50) MUs at $10 · 730.
    // The minutes above the MUs' capacity still overflow: 43,800 · E[(N − 50·MUs)⁺] requests a
    // month at $0.012 (docs/model.md#overflow), a share E[(N − 50·MUs)⁺] / 60.
    let mus = (peak / 50.0).ceil();
    assert_eq!(month(1, "units"), mus);
    let over = |k: f64| excess(60.0, 50 * k as u64);
    assert!(close(month(1, "cost_usd"), mus * 7_300.0 + 0.012 * 43_800.0 * over(mus)));
    assert!(close(month(1, "overflow_share"), over(mus) / 60.0));
    // Optimal: k=0 $31,536; k=1 $7,300 + 43,800 · E[(N − 50)⁺] ≈ 10.1 a minute · $0.012 ≈ $12,624;
    // k=2 $14,600 + almost nothing → 1 MU.
    let one = 7_300.0 + 0.012 * 43_800.0 * over(1.0);
    assert!(one < 14_600.0);
    assert_eq!(month(2, "units"), 1.0);
    assert!(close(month(2, "cost_usd"), one));
    assert!(close(month(2, "overflow_share"), over(1.0) / 60.0));
    // Reserved, peak: peak·1,000 input and peak·100 output TPM, each raised to the 100K / 10K minimums
    // (peak < 100); 100 · $5 + 10 · $20 = $700, serving 100/min, plus the minutes above 100.
    assert!(peak < 100.0);
    assert!(close(month(3, "cost_usd"), 700.0 + 0.012 * 43_800.0 * excess(60.0, 100)));
    assert_eq!((month(3, "input_tpm"), month(3, "output_tpm")), (100_000.0, 10_000.0));
    // Self-hosted: one toy instance serves 60 / (100 · 2 ms + 2 ms) = 297.03 calls/min (toy.toml),
    // 148.5 at u = 0.5; ceil(peak/148.5) = 1 < min_instances = 2 → 2 instances all month:
    // 2 · $2 · 730 + $1,000 ops; they carry 60/min of 2 · 297.03: 60 · 0.202 / 120.
    assert!(close(month(4, "cost_usd"), 2.0 * 2.0 * 730.0 + 1_000.0));
    assert_eq!(month(4, "units"), 2.0);
    assert!(close(month(4, "utilization"), 60.0 * 0.202 / 120.0));

    // Break-even of PT peak and PT optimal against on demand: one MU ($7,300) beats on demand as soon
    // as on demand costs more, 7,300 / 0.012 = 608,333.3 requests/month (μ = 13.9/min, peak < 50,
    // so one MU suffices), and more MUs are cheaper still above that.
    for b in v["breakeven"].as_array().unwrap().iter().filter(|b| b["option"].as_str().unwrap().starts_with("PT")) {
        let r = b["requests_per_month"].as_f64().unwrap();
        assert!((r / (7_300.0 / 0.012) - 1.0).abs() < 2e-6, "{b}");
        // 1,100 billed tokens a request.
        assert!((b["mtok_per_month"].as_f64().unwrap() / (r * 1_100.0 / 1e6) - 1.0).abs() < 1e-9);
    }

    // Quota: the workload sets no max_tokens, so each call reserves its 1,000 input tokens and the
    // toy model's maximum output, 10,000,000: 10,001,000 quota tokens a call, more than the
    // 1,000,000 TPM quota admits in a minute (0.1 calls/min ≪ 60): nearly every call throttled.
    // Ask for the 99.9th percentile of Poisson(60) calls/min, and that × 10,001,000 TPM.
    let quota = &v["quota"][0];
    assert_eq!(quota["binding"], "TPM");
    assert_eq!(num(&quota["tokens_per_invocation"]), 10_001_000.0);
    assert!(quota["throttled_share"].as_array().unwrap().iter().all(|t| t.as_f64().unwrap() > 0.99));
    assert_eq!(quota["recommended_rpm"].as_f64().unwrap(), q(60.0, 0.999));
    assert_eq!(quota["recommended_tpm"].as_f64().unwrap(), q(60.0, 0.999) * 10_001_000.0);
    // A max_tokens of the answer's 100 tokens would reserve 1,100 a call: the quota asked for
    // shrinks by q · (10,001,000 − 1,100).
    let tighter = &quota["tighter"];
    assert_eq!(tighter["workloads"][0]["workload"], "w");
    assert!(tighter["workloads"][0]["max_tokens_now"].is_null());
    assert_eq!(num(&tighter["workloads"][0]["max_tokens"]), 100.0);
    assert_eq!(num(&tighter["tokens_per_invocation"]), 1_100.0);
    assert_eq!(num(&tighter["freed_tpm"]), q(60.0, 0.999) * (10_001_000.0 - 1_100.0));
    // The workload sets no max_tokens: warned.
    assert!(v["warnings"][0].as_str().unwrap().contains("workload `w` sets no `max_tokens`"));
}

#[test]
fn a_six_month_block_is_sized_on_its_last_month() {
    // +10 %/month: month m has μ = 60 · 1.1^(m−1) per minute. A 6-month block holds the MUs its
    // busiest (last) month needs: months 1–6 ceil(q99(60·1.1⁵)/50), months 7–12 ceil(q99(60·1.1¹¹)/50).
    let (pricing, scenario) = setup("capacity-six-month", 0.1, "6-month");
    let v = estimate(&pricing, &scenario);
    let units: Vec<f64> =
        v["options"][1]["months"].as_array().unwrap().iter().map(|m| m["units"].as_f64().unwrap()).collect();
    let first = (q(60.0 * 1.1f64.powi(5), 0.99) / 50.0).ceil();
    let second = (q(60.0 * 1.1f64.powi(11), 0.99) / 50.0).ceil();
    assert!(first < second);
    assert_eq!(units, [[first; 6], [second; 6]].concat());
    // $5 per MU-hour on the 6-month term.
    assert!(close(v["options"][1]["months"][0]["cost_usd"].as_f64().unwrap(), first * 5.0 * 730.0));
}
