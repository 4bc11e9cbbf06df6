//! Tests of `model::latency`: every figure derived by hand in the comment beside it.
use super::time::{Measure, Pace, Path, Times};
use super::*;
use crate::catalog::{Catalog, Endpoint};
use crate::scenario::{Scenario, Timeout};
use crate::source::SourceFile;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

fn pace(tps: (f64, f64), ttft_ms: (f64, f64), tool: f64) -> Pace {
    Pace {
        output_tokens_per_s: Spread { low: tps.0, high: tps.1 },
        ttft_ms: Spread { low: ttft_ms.0, high: ttft_ms.1 },
        tool_latency_s: tool,
    }
}

fn call(output: f64) -> Path {
    Path { probability: 1.0, calls: 1, output, step_output: 0.0, answers: true }
}

/// The issue's worked check: one call of 4,000 output tokens at 50 tokens/s after 800 ms:
/// 0.8 + 4,000 / 50 = 80.8 s. Not streamed, a 29 s limit cuts every request; streamed, the
/// longest silence is the 0.8 s before the first token, and none is cut.
#[test]
fn the_worked_check_takes_80_8_s_and_is_cut_unless_streamed() {
    let p = pace((50.0, 50.0), (800.0, 800.0), 0.0);
    let paths = [call(4_000.0)];
    let whole = Times { pace: &p, paths: &paths, measure: Measure::Response };
    assert!(close(whole.quantile(0.5), 80.8) && close(whole.quantile(0.95), 80.8));
    assert!(close(p.mean_response_s(&paths), 80.8));
    assert_eq!(whole.beyond(29.0), 1.0);
    let streamed = Times { measure: Measure::Silence, ..whole };
    assert!(close(streamed.quantile(1.0), 0.8));
    assert_eq!(streamed.beyond(29.0), 0.0);
}

/// 1,000 output tokens at 40–60 tokens/s after 500–1,500 ms. At point u of the range the
/// request takes T(u) = (0.5 + u) + 1,000 / (60 − 20u) s, and u is uniform, so the q quantile
/// is T(q): p50 = 1.0 + 1,000/50 = 21 s; p95 = 1.45 + 1,000/41 = 25.8402439 s. The share done
/// by 21 s is 0.5. The mean: 1.0 s of first token + 1,000 · ln(60/40)/(60 − 40) = 21.2732554 s.
#[test]
fn a_range_gives_closed_form_quantiles() {
    let p = pace((40.0, 60.0), (500.0, 1_500.0), 0.0);
    let paths = [call(1_000.0)];
    let t = Times { pace: &p, paths: &paths, measure: Measure::Response };
    assert!(close(t.quantile(0.5), 21.0));
    assert!(close(t.quantile(0.95), 1.45 + 1_000.0 / 41.0));
    assert!((t.cdf(21.0) - 0.5).abs() < 1e-12);
    assert!(close(p.mean_response_s(&paths), 1.0 + 1_000.0 * 1.5f64.ln() / 20.0));
    // The fastest and slowest: 0.5 + 1,000/60 and 1.5 + 1,000/40.
    let (lo, hi) = t.bounds();
    assert!(close(lo, 0.5 + 1_000.0 / 60.0) && close(hi, 26.5));
}

/// An agent of 1 or 3 steps (half each), R = 150, F = 400, 2 s of tool per intermediate step,
/// exactly 50 tokens/s and 1 s to first token. One step: 1 + 400/50 = 9 s. Three: 3 · 1 +
/// (2 · 150 + 400)/50 + 2 · 2 = 21 s. p50 = 9 s (half are done by then), p95 = 21 s, mean 15 s;
/// a 10 s limit cuts the half that takes 21 s. Streamed, the longest silence of a 3-step
/// request is a whole intermediate step, 1 + 150/50 = 4 s (more than the 2 s tool call or the
/// 1 s first token of the answer): a 3 s limit cuts that half, a 5 s limit none.
#[test]
fn an_agent_sums_its_steps_and_tools() {
    let p = pace((50.0, 50.0), (1_000.0, 1_000.0), 2.0);
    let paths = [
        Path { probability: 0.5, calls: 1, output: 400.0, step_output: 150.0, answers: true },
        Path { probability: 0.5, calls: 3, output: 700.0, step_output: 150.0, answers: true },
    ];
    let t = Times { pace: &p, paths: &paths, measure: Measure::Response };
    assert!(close(t.quantile(0.5), 9.0) && close(t.quantile(0.95), 21.0));
    assert!(close(p.mean_response_s(&paths), 15.0));
    assert!(close(t.beyond(10.0), 0.5));
    let s = Times { measure: Measure::Silence, ..t };
    assert!(close(s.beyond(3.0), 0.5) && s.beyond(5.0) == 0.0);
}

/// A request a budget cut short never streams an answer: its silences are its steps.
#[test]
fn a_truncated_request_is_silent_through_its_steps() {
    let p = pace((50.0, 50.0), (1_000.0, 1_000.0), 0.0);
    let cut = Path { probability: 1.0, calls: 2, output: 300.0, step_output: 150.0, answers: false };
    // Each step: 1 s to its first token + 150/50 = 4 s; a canned reply ends it.
    assert!(close(p.silence_s(&cut, 0.5), 4.0));
    assert!(close(p.response_s(&cut, 0.5), 2.0 + 300.0 / 50.0));
}

const CATALOG: &str = r#"
[catalog]
provider = "test"
region = "test-1"
currency = "USD"
source = "https://example.com/prices"
retrieved = 2026-01-01

[[model]]
key = "m"
id = "test.m"
input_usd_per_mtok = 10.0
output_usd_per_mtok = 20.0
context_window_tokens = 1_000_000
max_output_tokens = 100_000

[model.speed]
output_tokens_per_s = [40, 60]
ttft_ms = [500, 1_500]
source = "https://example.com/latency"
retrieved = 2026-06-01

[model.speed.global]
output_tokens_per_s = 30
ttft_ms = 2_000
source = "https://example.com/latency-global"
retrieved = 2026-06-01
assumed = true

[[model]]
key = "bare"
id = "test.bare"
input_usd_per_mtok = 10.0
output_usd_per_mtok = 20.0
context_window_tokens = 1_000_000
max_output_tokens = 100_000
"#;

fn scenario(workload: &str, options: &str) -> Scenario {
    let catalog = Catalog::from_files(vec![SourceFile::new("toy.toml", CATALOG)]).unwrap();
    let text = format!(
        "[scenario]\nname = \"s\"\n[traffic]\nrequests_per_month = 1000\n[[workload]]\nname = \"w\"\nshare = 1\n\
         input_tokens = 100\noutput_tokens = 1000\n{workload}\n{options}"
    );
    Scenario::from_source(&SourceFile::new("s.toml", &text), &catalog).unwrap()
}

#[test]
fn an_endpoint_published_apart_has_its_own_figures() {
    let catalog = Catalog::from_files(vec![SourceFile::new("toy.toml", CATALOG)]).unwrap();
    let speed = catalog.models[0].speed.as_ref().unwrap();
    assert_eq!(speed.at(Endpoint::InRegion).output_tokens_per_s, Spread { low: 40.0, high: 60.0 });
    assert_eq!(speed.at(Endpoint::Geo).ttft_ms, Spread { low: 500.0, high: 1_500.0 });
    assert_eq!(speed.at(Endpoint::Global).output_tokens_per_s, Spread::exactly(30.0));
    assert!(speed.at(Endpoint::Global).provenance.assumed);
    assert!(catalog.models[1].speed.is_none());
}

/// The catalog's range (published), an option's own figure replacing one of them, and a model
/// without figures.
#[test]
fn an_option_s_speed_replaces_the_catalog_s() {
    let s = scenario(
        "",
        "[[option]]\nkind = \"on-demand\"\nmodel = \"m\"\n\
         [[option]]\nname = \"fast\"\nkind = \"on-demand\"\nmodel = \"m\"\nspeed = { output_tokens_per_s = 100 }\n\
         [[option]]\nkind = \"on-demand\"\nmodel = \"bare\"\n",
    );
    let w = &s.workloads[0];
    let published = option_speed(&s.options[0], w, None).unwrap();
    assert_eq!((published.basis, published.ttft_ms), (SpeedBasis::Published, Spread { low: 500.0, high: 1_500.0 }));
    let fast = option_speed(&s.options[1], w, None).unwrap();
    assert_eq!(fast.basis, SpeedBasis::Override);
    assert_eq!(
        (fast.output_tokens_per_s, fast.ttft_ms),
        (Spread::exactly(100.0), Spread { low: 500.0, high: 1_500.0 })
    );
    assert_eq!(fast.source.as_deref(), Some("https://example.com/latency"));
    assert!(option_speed(&s.options[2], w, None).is_none());
    // A row without a speed computes nothing rather than a made-up figure.
    let r = row(&s.options[2], w, None, &s.client, &[6.0]);
    assert!(r.response_s_p95.is_none() && r.in_flight_peak.is_none() && r.timeouts.is_empty());
}

/// 1,000 tokens at 40–60 tokens/s after 0.5–1.5 s (the catalog's range): p95 25.84 s as above.
/// The busiest minutes of three months bring 4, 7 and 5 requests: 7/60 a second in month 2, times
/// the mean response 21.2732554 s = 2.4818 requests in flight. A 20 s limit cuts the slow end
/// of the range: the share s with T(1 − s) = 20 s, checked against T at the share returned.
#[test]
fn a_row_has_quantiles_in_flight_requests_cuts_and_fixes() {
    let s = scenario("", "[[option]]\nkind = \"on-demand\"\nmodel = \"m\"\n");
    let client = Client { streaming: false, timeouts: vec![Timeout { name: "api-gateway".into(), limit_s: 20.0 }] };
    let r = row(&s.options[0], &s.workloads[0], None, &client, &[4.0, 7.0, 5.0]);
    assert!(close(r.response_s_p95.unwrap(), 1.45 + 1_000.0 / 41.0));
    assert_eq!(r.ttft_ms, Some(1_000.0));
    let mean = 1.0 + 1_000.0 * 1.5f64.ln() / 20.0;
    assert!(close(r.in_flight_peak.unwrap(), 7.0 / 60.0 * mean));
    assert_eq!(r.in_flight_month, 2);
    // The cut share s: the request at point 1 − s of the range takes exactly 20 s.
    let cut = r.timeouts[0].share_cut;
    let u = 1.0 - cut;
    assert!((0.5 + u + 1_000.0 / (60.0 - 20.0 * u) - 20.0).abs() < 1e-9, "cut {cut}");
    assert_eq!(r.share_cut, cut);
    // Fixes: streaming leaves at most 1.5 s of silence; raise the limit to the slowest request,
    // 1.5 + 1,000/40 = 26.5 → 27 s; or cap max_tokens so the slowest call ends by 20 s:
    // (20 − 1.5) · 40 = 740 tokens.
    assert_eq!(
        r.fixes,
        vec![
            Fix::Stream { silence_s: 1.5 },
            Fix::Raise { name: "api-gateway".into(), to_s: 27.0 },
            Fix::CapMaxTokens { name: "api-gateway".into(), max_tokens: 740.0 },
        ]
    );
}

/// An agent of up to 4 steps at exactly 50 tokens/s after 1 s, 2 s of tool per step, behind a
/// 15 s limit: 4 steps take 4 + (3 · 150 + 1,000)/50 + 3 · 2 = 39 s; 3 take 3 + 1,300/50 + 4 =
/// 33 s; 2 take 2 + 23 + 2 = 27 s; 1 takes 1 + 20 = 21 s: none fits, so no fewer-steps fix. With
/// a 30 s limit, 2 steps fit.
#[test]
fn fewer_steps_is_offered_when_a_shorter_loop_fits() {
    let agent = "tool_latency_s = 2\n[workload.agent]\nsteps = 4\nthought_tokens = 150\ntool_result_tokens = 100\n";
    let opt = "[[option]]\nkind = \"on-demand\"\nmodel = \"m\"\nspeed = { output_tokens_per_s = 50, ttft_ms = 1000 }\n";
    let s = scenario(agent, opt);
    let limit = |l: f64| Client { streaming: false, timeouts: vec![Timeout { name: "alb".into(), limit_s: l }] };
    let r = row(&s.options[0], &s.workloads[0], None, &limit(30.0), &[6.0]);
    assert!(close(r.response_s_p50.unwrap(), 39.0));
    assert!(r.fixes.contains(&Fix::FewerSteps { name: "alb".into(), steps: 2 }));
    let r = row(&s.options[0], &s.workloads[0], None, &limit(15.0), &[6.0]);
    assert!(!r.fixes.iter().any(|f| matches!(f, Fix::FewerSteps { .. })));
}

/// An interactive workload asking a response within 20 s, on the catalog's range (p95 25.84 s):
/// too slow, the option ineligible with both figures. Relaxed, it is not held to it.
#[test]
fn an_interactive_slo_beyond_the_p95_makes_the_option_ineligible() {
    use crate::model::analysis::eligibility::{Ineligible, ineligible_reason};
    let s = scenario("[workload.slo]\nlatency_s = 20\n", "[[option]]\nkind = \"on-demand\"\nmodel = \"m\"\n");
    let Some(Ineligible::Latency { slow }) = ineligible_reason(&s.options[0], &s.workloads, 0.0) else {
        panic!("expected a latency reason")
    };
    assert_eq!((slow[0].workload.as_str(), slow[0].latency_s), ("w", 20.0));
    assert!(close(slow[0].response_s_p95, 1.45 + 1_000.0 / 41.0));
    let s = scenario(
        "latency = \"relaxed\"\n[workload.slo]\nlatency_s = 20\n",
        "[[option]]\nkind = \"on-demand\"\nmodel = \"m\"\n",
    );
    assert_eq!(ineligible_reason(&s.options[0], &s.workloads, 0.0), None);
}
