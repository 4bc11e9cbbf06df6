//! `compare` and `solve` end to end, every format, with figures worked out by hand.
mod common;

use common::bundled::{self, mu_is_idle, support_agent_per_request, thousands, usd};
use statrs::distribution::{DiscreteCDF, Poisson};

const BEFORE: &str = "scenarios/support-agent.toml";
const AFTER: &str = "tests/fixtures/support-agent-trimmed.toml";
const TOY: [&str; 2] = ["--pricing", common::PRICING];

fn stdout_of(args: &[&str]) -> String {
    let out = common::infercast().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty());
    String::from_utf8(out.stdout).unwrap()
}

fn json_of(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&stdout_of(args)).unwrap()
}

fn close(a: &serde_json::Value, b: f64) -> bool {
    let a = a.as_f64().unwrap_or(f64::NAN);
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

/// Month 1 of on-demand claude-sonnet-4.5 on support-agent before the trim, and what the trim
/// saves, from the bundled catalog's prices. Trimming the agent's 800-token instructions to 300
/// removes 3 calls × 500 = 1,500 input tokens from each agent request (30 % of requests): 0.3 ·
/// 1,500 = 450 fewer per average request. Those tokens are cached system-prompt tokens, billed at
/// 0.9 · read + 0.1 · write per token. Today (read $0.33, write $4.125 per M): 0.7095 µ$ a token →
/// 1,500 · 0.7095 = 1,064.25 µ$ an agent request, 0.3 · 1,064.25 = 319.275 µ$ a request, ×
/// 1,500,000 = $478.9125 a month less than $14,774.76 (`support_agent_per_request` derives it).
/// Options are matched by name; plans are not compared (support-agent routes Haiku only in plans).
/// Over 12 months at +5 %/month every figure scales by (1.05¹² − 1) / 0.05.
fn sonnet_month_1() -> (f64, f64) {
    let sonnet = bundled::model("claude-sonnet-4.5");
    let (simple, agent) = support_agent_per_request(&sonnet);
    let cache = sonnet.cache.unwrap();
    let cached = 0.9 * cache.read_usd_per_mtok + 0.1 * cache.write_usd_per_mtok.unwrap();
    (1_500_000.0 * (0.7 * simple + 0.3 * agent), 1_500_000.0 * 0.3 * 1_500.0 * cached / 1e6)
}

/// Whether PT "optimal" buys no MU on either side: one MU (the 1-month MU-hour price · 730, today
/// $45,990 a month) costs more than the on-demand work it would do, busy every minute: today 84.5
/// req/min · 43,800 · $0.00985 ≈ $36,460 before; after, 1 / (1,350/in_tpm + 350/out_tpm) = 96.8 ·
/// 43,800 · $0.00953 ≈ $40,400.
fn pt_idle_on_both_sides() -> bool {
    let sonnet = bundled::model("claude-sonnet-4.5");
    let pt = sonnet.provisioned.as_ref().unwrap();
    let (before, saving) = sonnet_month_1();
    let after_per_request = (before - saving) / 1_500_000.0;
    let per_mu = 1.0 / (1_350.0 / pt.input_tpm_per_mu + 350.0 / pt.output_tpm_per_mu);
    mu_is_idle(&sonnet) && per_mu * 43_800.0 * after_per_request < bundled::mu_hour(&sonnet, "1-month") * 730.0
}

fn horizon() -> f64 {
    (1.05f64.powi(12) - 1.0) / 0.05
}

#[test]
fn compare_json_matches_the_hand_derived_saving() {
    let v = json_of(&["compare", BEFORE, AFTER, "--format", "json"]);
    assert_eq!(v["schema"], "infercast/compare-v1");
    let top: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(top, ["schema", "before", "after", "tokens", "options", "only_before", "only_after"]);
    assert_eq!((v["before"].as_str(), v["after"].as_str()), (Some("support-agent"), Some("support-agent-trimmed")));
    // Mix input 0.7 · 450 + 0.3 · 4,950 = 1,800 before, 0.7 · 450 + 0.3 · 3,450 = 1,350 after;
    // output 350 and visible 590 unchanged, so the hidden-token ratio goes 2,150/590 → 1,700/590.
    let (tb, ta) = (&v["tokens"]["before"], &v["tokens"]["after"]);
    assert!(close(&tb["input"], 1_800.0) && close(&ta["input"], 1_350.0));
    assert!(close(&ta["output"], 350.0) && close(&ta["visible"], 590.0) && close(&ta["calls"], 1.6));
    assert!(close(&tb["overhead_ratio"], 2_150.0 / 590.0) && close(&ta["overhead_ratio"], 1_700.0 / 590.0));

    let (before, saving) = sonnet_month_1();
    let o = &v["options"][0];
    assert_eq!(o["option"], "on-demand claude-sonnet-4.5");
    assert!(close(&o["before_month_1_usd"], before));
    assert!(close(&o["after_month_1_usd"], before - saving));
    assert!(close(&o["delta_month_1_usd"], -saving));
    assert!(close(&o["before_total_usd"], before * horizon()));
    assert!(close(&o["after_total_usd"], (before - saving) * horizon()));
    assert!(close(&o["delta_total_usd"], -saving * horizon()));
    assert!(close(&o["delta_total_pct"], -saving / before * 100.0));
    // PT "optimal" buying no MU on either side (`pt_idle_on_both_sides`) moves exactly like on demand.
    assert_eq!(v["options"][1]["option"], "PT claude-sonnet-4.5, 1-month, optimal");
    if pt_idle_on_both_sides() {
        assert!(close(&v["options"][1]["delta_month_1_usd"], -saving));
    }
    assert_eq!(v["options"].as_array().unwrap().len(), 2);
    // The trimmed file prices all traffic on in-region Haiku too; the bundled one routes Haiku
    // only inside its plans.
    assert_eq!(v["only_before"], serde_json::json!([]));
    assert_eq!(v["only_after"], serde_json::json!(["on-demand claude-haiku-4.5"]));
    let keys: Vec<&str> = o.as_object().unwrap().keys().map(String::as_str).collect();
    for k in ["option", "before_month_1_usd", "after_month_1_usd", "before_total_usd", "after_total_usd"] {
        assert!(keys.contains(&k), "{k} missing: {keys:?}");
    }
}

#[test]
fn compare_says_the_saving_in_words_in_table_and_markdown() {
    // Today $478.9125 → $478.91; 478.9125 / 14,774.76 = 3.24 %; after 14,774.76 − 478.9125 =
    // 14,295.8475; the other way round the same change costs 478.9125 / 14,295.8475 = 3.35 % more.
    let (before, saving) = sonnet_month_1();
    let (pct, back_pct) = (saving / before * 100.0, saving / (before - saving) * 100.0);
    let t = stdout_of(&["compare", BEFORE, AFTER]);
    assert!(t.starts_with("support-agent → support-agent-trimmed\n"), "{t}");
    let saves =
        format!("on-demand claude-sonnet-4.5: support-agent-trimmed saves {} a month ({pct:.1}%)\n", usd(saving));
    assert!(t.contains(&format!("  {saves}")), "{t}");
    assert!(t.contains("  only in support-agent-trimmed: `on-demand claude-haiku-4.5`\n"), "{t}");
    assert!(t.contains("1,700 billed tokens per request (1,350 in + 350 out, 1.6 calls), 590 visible (2.9x)"), "{t}");
    let m = stdout_of(&["compare", BEFORE, AFTER, "--format", "markdown"]);
    assert!(m.starts_with("## support-agent → support-agent-trimmed\n"), "{m}");
    assert!(m.contains("| billed input | 1,800 | 1,350 |\n"), "{m}");
    let (b, a, d) = (usd(before), usd(before - saving), usd(saving));
    assert!(m.contains(&format!("| on-demand claude-sonnet-4.5 | {b} | {a} | -{d} (-{pct:.1}%) |")), "{m}");
    assert!(m.contains(&format!("- {saves}")), "{m}");
    let back = stdout_of(&["compare", AFTER, BEFORE]);
    let costs = format!("on-demand claude-sonnet-4.5: support-agent costs {d} more a month ({back_pct:.1}%)");
    assert!(back.contains(&costs), "{back}");
    assert!(back.contains("  only in support-agent-trimmed: `on-demand claude-haiku-4.5`\n"), "{back}");
}

#[test]
fn solve_on_demand_divides_the_bill_by_the_cost_of_a_request() {
    // claude-sonnet-4.5 mix: month 1 / 1,500,000 a request (today $0.00984984), so a $20,000 bill
    // is 20,000 / 0.00984984 = 2,030,489.8 requests, × 24/730 = 66,755.8 a day, × 2,150 tokens =
    // 4,365,553,146 billed tokens.
    let v = json_of(&["solve", BEFORE, "--bill", "20000", "--format", "json"]);
    let requests = 20_000.0 / (sonnet_month_1().0 / 1_500_000.0);
    assert_eq!(v["schema"], "infercast/solve-v1");
    assert_eq!(v["scenario"], "support-agent");
    assert_eq!(v["option"], "on-demand claude-sonnet-4.5");
    assert!(close(&v["bill_usd"], 20_000.0));
    assert!(close(&v["requests_per_month"], requests));
    assert!(close(&v["requests_per_day"], requests * 24.0 / 730.0));
    assert!(close(&v["billed_tokens_per_month"], requests * 2_150.0));
    assert_eq!(v.as_object().unwrap().len(), 7, "{v}");
    let t = stdout_of(&["solve", BEFORE, "--bill", "20,000"]);
    let (month, day, tokens) = (requests.round(), (requests * 24.0 / 730.0).round(), (requests * 2_150.0).round());
    let line = format!(
        "  a bill of $20,000.00 a month is {} requests a month ({} a day), {} billed tokens, in month 1\n",
        thousands(month),
        thousands(day),
        thousands(tokens)
    );
    assert_eq!(t, format!("support-agent: on-demand claude-sonnet-4.5\n{line}"));
    // Toy catalog: $0.012 a request; $7,300 buys 608,333.3 requests, 608,333.3 · 24/730 = 20,000 a day.
    let v = json_of(&[TOY[0], TOY[1], "solve", common::SCENARIO, "--bill", "7300", "--format", "json"]);
    assert!(close(&v["requests_per_month"], 7_300.0 / 0.012));
    assert!(close(&v["requests_per_day"], 20_000.0));
}

/// The Poisson mean at which the 99th percentile of a minute's arrivals passes `k`:
/// P(X ≤ k) = 0.99, by bisection on statrs' CDF (independent of the program's quantiles).
fn mean_where_q99_passes(k: u64) -> f64 {
    let (mut lo, mut hi) = (1e-9, 1_000.0);
    for _ in 0..200 {
        let mid = (lo + hi) / 2.0;
        if Poisson::new(mid).unwrap().cdf(k) >= 0.99 { lo = mid } else { hi = mid }
    }
    hi
}

#[test]
fn solve_on_a_staircase_finds_the_step() {
    // Flat week: μ = V / (60 · 730) requests a minute. "peak" buys ceil(q99/50) MUs at $7,300.
    // A $7,300 bill is reached exactly where the first MU is needed: q99 > 0 once
    // P(X = 0) = e^−μ < 0.99, μ = −ln 0.99; so V = −ln(0.99) · 43,800 = 440.2 requests a month.
    let args = |bill: &'static str, format: &'static str| {
        [TOY[0], TOY[1], "solve", common::SCENARIO, "--option", "PT peak", "--bill", bill, "--format", format]
    };
    let v = json_of(&args("7300", "json"));
    assert!((v["requests_per_month"].as_f64().unwrap() / (-(0.99f64).ln() * 43_800.0) - 1.0).abs() < 1e-6, "{v}");
    assert!(!stdout_of(&args("7300", "table")).contains("no volume costs exactly"));
    // $10,000 lies between one MU ($7,300) and two ($14,600): the answer is where the second MU
    // is needed, q99 > 50, and it costs $14,600 there.
    let v = json_of(&args("10000", "json"));
    let want = mean_where_q99_passes(50) * 43_800.0;
    assert!((v["requests_per_month"].as_f64().unwrap() / want - 1.0).abs() < 1e-6, "{v} vs {want}");
    let t = stdout_of(&args("10000", "table"));
    assert!(
        t.contains(
            "  no volume costs exactly $10,000.00: bought capacity steps up there, so this is the smallest volume \
             whose bill reaches it, and it costs $14,600.00\n"
        ),
        "{t}"
    );
}
