//! The scenario written from the synthetic invocation logs of `tests/fixtures/usage/` recovers
//! the generator's truth (`usage::synth::truth`), loads, and prices as the hand derivation says.
mod common;

use infercast::catalog::Endpoint;
use infercast::scenario::Scenario;
use infercast::source::SourceFile;
use infercast::usage::synth::{self, truth};
use infercast::usage::{Measured, Usage, scenario};

/// The seed `examples/usage_fixtures.rs` wrote the fixtures with.
const SEED: u64 = 21;

fn usage() -> Usage {
    let mut u = Usage::new(Measured::InvocationLogs);
    synth::records(SEED).iter().for_each(|r| u.add(&r.invocation()));
    u.files = vec!["2026-09.jsonl".into(), "2026-10.jsonl".into(), "2026-11.jsonl.gz".into()];
    u
}

fn written() -> (String, toml::Table) {
    let text = scenario::write(&usage(), &common::bundled::catalog(), "as-run");
    let table = text.parse::<toml::Table>().unwrap_or_else(|e| panic!("{e}\n{text}"));
    (text, table)
}

fn num(v: &toml::Value) -> f64 {
    v.as_float().or(v.as_integer().map(|i| i as f64)).expect("a number")
}

/// The committed plain fixtures are the generator's records of their months, line for line.
#[test]
fn the_fixtures_are_the_generators_records() {
    let records = synth::records(SEED);
    for month in ["2026-09", "2026-10"] {
        let text = std::fs::read_to_string(format!("tests/fixtures/usage/{month}.jsonl")).unwrap();
        let expected: Vec<String> = records
            .iter()
            .filter(|r| r.json().contains(&format!("\"timestamp\":\"{month}")))
            .map(|r| r.json())
            .collect();
        assert_eq!(text.lines().collect::<Vec<_>>(), expected, "{month}");
    }
}

/// Volume, growth, shape and burstiness against the truth, each within about 3 standard errors:
/// - November has 781 sessions of k ∈ {1, 2, 3} calls: 1,562 calls expected, variance
///   781 · Var k = 781 · 2/3 = 521, sd 22.8 (1.46 %). The horizon starts in December, so the
///   written volume is November's grown one month: 1,562 · (1 + 0.2498) = 1,952, its relative sd
///   √(1.46 %² + (0.0146 / 1.2498)²) = 1.87 %, 36.5 calls; 3 sd = 110.
/// - Growth (N_nov / N_sep)^(1/2) − 1: truth (781/500)^(1/2) − 1 = 0.2498; the relative sd of a
///   month's calls is √(Var k / n) / E k: 1.83 % (500 sessions), 1.46 % (781), 2.34 % of the
///   ratio 1.5625, and growth's sd is 1.5625 · 0.0234 / (2 · 1.25) = 0.0146; 3 sd = 0.044.
/// - The week: peak slots (weekdays 09–17, 45 of them) weigh 10 times the others; about 2,990
///   calls fall in the peak and 820 outside, in sessions of mean square 14/3 over mean 2
///   (dispersion 7/3), so the ratio's relative sd is √(7/3 · (1/2990 + 1/820)) = 6 %; 3 sd = 18 %.
/// - Burstiness: calls of a session share a minute, so the index is E k² / E k = (14/3) / 2 = 7/3
///   (the 59-degree variance makes it unbiased); its sd over ~1,900 sessions is ≈ 0.03; ± 0.1.
#[test]
fn the_traffic_written_recovers_the_truth() {
    let (text, t) = written();
    let traffic = t["traffic"].as_table().unwrap();
    let growth = (truth::SESSIONS[2] as f64 / truth::SESSIONS[0] as f64).sqrt() - 1.0;
    let expected = truth::SESSIONS[2] as f64 * 2.0 * (1.0 + growth);
    let rpm = num(&traffic["requests_per_month"]);
    assert!((rpm - expected).abs() <= 110.0, "{rpm} vs {expected}");
    assert!(
        text.contains("# measured: invocations of 2026-11, the last full month × (1 + growth)^1, grown to 2026-12"),
        "{text}"
    );
    let g = num(&traffic["growth_per_month"]);
    assert!((g - growth).abs() <= 0.044, "{g} vs {growth}");
    let week: Vec<f64> = traffic["hour_of_week"].as_array().unwrap().iter().map(num).collect();
    assert_eq!(week.len(), 168);
    // Slot i is hour i % 24 of weekday i / 24 (Monday 0); 2026-11-02 was a Monday.
    let peak = |i: usize| truth::peak(1_793_577_600 + 3_600 * i as i64);
    let mean = |p: bool| {
        let w: Vec<f64> = (0..168).filter(|&i| peak(i) == p).map(|i| week[i]).collect();
        w.iter().sum::<f64>() / w.len() as f64
    };
    let ratio = mean(true) / mean(false);
    assert!((ratio / (truth::PEAK / truth::TROUGH) - 1.0).abs() <= 0.18, "{ratio}");
    let b = num(&traffic["burstiness"]);
    assert!((b - 7.0 / 3.0).abs() <= 0.1, "{b}");
    assert_eq!(t["scenario"]["start"].as_str(), Some("2026-12"));
    assert_eq!(t["scenario"]["months"].as_integer(), Some(12));
}

/// Token means are uniform on 0.5–1.5 × the mean: sd = mean / √12 = 0.289 · mean; the fewest calls
/// (report-writer, ~1,140) give a standard error of 0.289 / √1,140 = 0.86 %, so 3 % is > 3 se
/// (plus the written value's rounding to a whole token). The share of chat sessions is 0.7 with
/// sd √(0.21 / 1,906) = 1.05 %, a bit more in calls: ± 0.04. Chat's prompt is 1,200 tokens read
/// or written on every call, exactly; its hit rate 0.9 with sd √(0.09 / 2,600) = 0.006: ± 0.02.
#[test]
fn the_workloads_written_recover_the_token_profiles() {
    let (text, t) = written();
    let workloads = t["workload"].as_array().unwrap();
    let w = |name: &str| workloads.iter().find(|w| w["name"].as_str() == Some(name)).unwrap().as_table().unwrap();
    let (chat, report) = (w(truth::CHAT), w(truth::REPORT));
    let near = |x: f64, mean: f64| assert!((x / mean - 1.0).abs() <= 0.03, "{x} vs {mean}");
    near(num(&chat["input_tokens"]), truth::CHAT_TOKENS.0);
    near(num(&chat["output_tokens"]), truth::CHAT_TOKENS.1);
    near(num(&report["input_tokens"]), truth::REPORT_TOKENS.0);
    near(num(&report["output_tokens"]), truth::REPORT_TOKENS.1);
    assert!((num(&chat["share"]) - truth::CHAT_SHARE).abs() <= 0.04);
    assert!((num(&chat["share"]) + num(&report["share"]) - 1.0).abs() < 1e-6);
    assert_eq!(num(&chat["system_prompt_tokens"]), truth::CHAT_PROMPT as f64);
    assert_eq!(chat["cache_system_prompt"].as_bool(), Some(true));
    assert!((num(&chat["cache_hit_rate"]) - truth::CHAT_HIT).abs() <= 0.02);
    assert!(!report.contains_key("cache_system_prompt") && !chat.contains_key("max_tokens"));
    // Chat input is uniform on 200–600: p10 = 240, p90 = 560, each within its bucket's 5 %
    // and a little sampling: the comment names both, rounded.
    let line = text.lines().find(|l| l.starts_with("# per call p10–p90 (measured): input 2")).unwrap();
    let range: Vec<f64> = line.split(['–', ' ', ',']).filter_map(|s| s.parse().ok()).take(2).collect();
    assert!((range[0] / 240.0 - 1.0).abs() < 0.07 && (range[1] / 560.0 - 1.0).abs() < 0.07, "{line}");
}

/// The options are the models the records name: Haiku 4.5 through its `us.` profile (geo),
/// Sonnet 4.5 by foundation-model ARN (in-region), both from us-east-1, and the plan serves each.
#[test]
fn the_written_scenario_loads_and_prices_as_run() {
    let (text, t) = written();
    let s = Scenario::from_source(&SourceFile::new("as-run.toml", text.clone()), &common::bundled::catalog())
        .unwrap_or_else(|d| panic!("{d:?}\n{text}"));
    let serve = t["plan"][0]["serve"].as_table().unwrap();
    assert_eq!(serve[truth::CHAT].as_str(), Some("as-run claude-haiku-4.5"));
    assert_eq!(serve[truth::REPORT].as_str(), Some("as-run claude-sonnet-4.5"));
    let e = infercast::model::estimate(&s);
    let plan = e.plans.iter().find(|p| p.name == "as-run").unwrap();
    // Month 1 by hand: requests × Σ share · per-call cost at each model's prices there.
    let catalog = common::bundled::catalog();
    let per_call = |w: &toml::Value, key: &str, endpoint: Endpoint| {
        let p = catalog.model(key).unwrap().prices(endpoint, truth::REGION).unwrap();
        let mut usd = num(&w["input_tokens"]) * p.input_usd_per_mtok + num(&w["output_tokens"]) * p.output_usd_per_mtok;
        if let Some(s) = w.get("system_prompt_tokens").map(num) {
            let c = p.cache.unwrap();
            let h = num(&w["cache_hit_rate"]);
            usd += s * (h * c.read_usd_per_mtok + (1.0 - h) * c.write_usd_per_mtok.unwrap());
        }
        num(&w["share"]) * usd / 1e6
    };
    let ws = t["workload"].as_array().unwrap();
    let w = |name: &str| ws.iter().find(|w| w["name"].as_str() == Some(name)).unwrap();
    let month1 = num(&t["traffic"]["requests_per_month"])
        * (per_call(w(truth::CHAT), "claude-haiku-4.5", Endpoint::Geo)
            + per_call(w(truth::REPORT), "claude-sonnet-4.5", Endpoint::InRegion));
    let cost = plan.months[0].cost_usd;
    assert!((cost / month1 - 1.0).abs() < 1e-9, "{cost} vs {month1}");
}
