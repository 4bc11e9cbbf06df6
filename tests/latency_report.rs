//! "Latency and timeouts" in every output (docs/model.md#latency-and-timeouts): the JSON rows of
//! tests/fixtures/latency/ against figures derived by hand, the sentences of the text table and
//! summary.md, the quota line's requests in flight and tighter `max_tokens`, and a layout
//! snapshot of the new sections.
mod common;

use common::{close, num};
use infercast::catalog::Catalog;
use infercast::model::{Estimate, estimate};
use infercast::report::{Render, summary, table::Table};
use infercast::scenario::Scenario;
use serde_json::Value;
use statrs::distribution::{DiscreteCDF, Poisson};
use std::path::Path;

const PRICING: &str = "tests/fixtures/latency/pricing";
const TIMEOUTS: &str = "tests/fixtures/latency/timeouts.toml";
const STREAMING: &str = "tests/fixtures/latency/streaming.toml";
const AGENT: &str = "tests/fixtures/latency/agent.toml";

/// Requests in the busiest minute of the fixtures: 87,600 a month over 730 h is 2 a minute,
/// flat; the 0.99 quantile of Poisson(2) is 6 (P(≤ 5) = 0.98344 < 0.99 ≤ P(≤ 6) = 0.99547).
const BUSIEST: f64 = 6.0;

fn load(path: &str) -> (Scenario, Estimate) {
    let catalog = Catalog::load(Some(Path::new(PRICING))).unwrap();
    let file = infercast::files::read(Path::new(path)).unwrap();
    let s = Scenario::from_source(&file, &catalog).unwrap();
    let e = estimate(&s);
    (s, e)
}

fn json(path: &str) -> Value {
    common::estimate(Path::new(PRICING), Path::new(path))
}

fn row<'a>(v: &'a Value, option: &str) -> &'a Value {
    v["latency"].as_array().unwrap().iter().find(|r| r["option"] == option).unwrap()
}

fn assert_close(v: &Value, want: f64, what: &str) {
    assert!(close(num(v), want), "{what}: {v} against {want}");
}

#[test]
fn the_busiest_minute_is_the_poisson_quantile() {
    let p = Poisson::new(2.0).unwrap();
    assert!(p.cdf(5) < 0.99 && p.cdf(6) >= 0.99, "{} {}", p.cdf(5), p.cdf(6));
    assert!((p.cdf(5) - 0.98344).abs() < 1e-5 && (p.cdf(6) - 0.99547).abs() < 1e-5);
}

/// One call of 4,000 output tokens at exactly 50 tokens/s after 800 ms: 0.8 + 80 = 80.8 s for
/// every request, over `api-gateway` (29 s) and under `alb-idle` (90 s).
#[test]
fn an_exact_speed_gives_closed_form_figures() {
    let v = json(TIMEOUTS);
    let r = row(&v, "fixed");
    assert_eq!(r["workload"], "answer");
    assert_eq!(r["speed"]["basis"], "override");
    assert_close(&r["ttft_ms"], 800.0, "ttft");
    for k in ["response_s_p50", "response_s_p95", "response_s_mean"] {
        assert_close(&r[k], 80.8, k);
    }
    // Little's law: 6 requests a minute = 0.1 a second, each in flight 80.8 s.
    assert_close(&r["in_flight_peak"], BUSIEST / 60.0 * 80.8, "in flight");
    assert_eq!(r["in_flight_month"], 1);
    let cuts = r["timeouts"].as_array().unwrap();
    assert_eq!(
        (cuts[0]["name"].as_str(), num(&cuts[0]["limit_s"]), num(&cuts[0]["share_cut"])),
        (Some("api-gateway"), 29.0, 1.0)
    );
    assert_eq!(
        (cuts[1]["name"].as_str(), num(&cuts[1]["limit_s"]), num(&cuts[1]["share_cut"])),
        (Some("alb-idle"), 90.0, 0.0)
    );
    assert_eq!(num(&r["share_cut"]), 1.0);
    // Stream: the longest silence is the first token, 0.8 s. Raise: to ⌈80.8⌉ = 81 s, only the
    // limit that cuts. Cap: (29 − 0.8) · 50 = 1,410 tokens fit in 29 s.
    let fixes = r["fixes"].as_array().unwrap();
    assert_eq!(fixes.len(), 3, "{fixes:?}");
    assert_eq!((fixes[0]["fix"].as_str(), num(&fixes[0]["silence_s"])), (Some("stream"), 0.8));
    assert_eq!(fixes[0]["text"], "stream the answer (the longest silence is then 0.8 s)");
    assert_eq!(
        (fixes[1]["fix"].as_str(), fixes[1]["name"].as_str(), num(&fixes[1]["to_s"])),
        (Some("raise"), Some("api-gateway"), 81.0)
    );
    assert_eq!(fixes[1]["text"], "raise `api-gateway` to 81 s");
    assert_eq!((fixes[2]["fix"].as_str(), num(&fixes[2]["max_tokens"])), (Some("cap-max-tokens"), 1410.0));
    assert_eq!(fixes[2]["text"], "cap `max_tokens` at 1,410");
    // The recommendation (the first of the equally priced eligible options) says so before
    // anything else is acted on.
    let caveats = v["recommendation"]["caveats"].as_array().unwrap();
    assert_eq!(v["recommendation"]["option"], "fixed");
    assert_eq!(caveats[0]["kind"], "timed-out");
    assert_eq!(
        caveats[0]["text"],
        "`api-gateway` (29 s) cuts 100% of the `answer` requests — stream the answer (the longest silence is then \
         0.8 s), raise `api-gateway` to 81 s, or cap `max_tokens` at 1,410"
    );
}

/// The catalog's range, 40–80 tokens/s and 0.5–1.5 s, met at one point u (0 fastest, 1 slowest)
/// for a whole request: response(u) = 0.5 + u + 4,000 / (80 − 40u).
#[test]
fn a_speed_range_gives_quantiles_over_it() {
    let v = json(TIMEOUTS);
    let r = row(&v, "ranged");
    assert_eq!(r["speed"]["basis"], "published");
    assert_close(&r["ttft_ms"], 1000.0, "ttft at the middle");
    assert_close(&r["response_s_p50"], 1.0 + 4000.0 / 60.0, "p50 at u = 0.5");
    assert_close(&r["response_s_p95"], 1.45 + 4000.0 / 42.0, "p95 at u = 0.95");
    // The mean of 1/speed over a uniform 40–80 is ln(80/40) / 40.
    let mean = 1.0 + 4000.0 * 2f64.ln() / 40.0;
    assert_close(&r["response_s_mean"], mean, "mean");
    assert_close(&r["in_flight_peak"], BUSIEST / 60.0 * mean, "in flight");
    // response(u) > 90 s: (89.5 − u)(80 − 40u) = 4,000 ⇔ u² − 91.5u + 79 = 0, u = (91.5 − √8,056.25) / 2.
    let u = (91.5 - 8056.25f64.sqrt()) / 2.0;
    let cuts = r["timeouts"].as_array().unwrap();
    assert_eq!(num(&cuts[0]["share_cut"]), 1.0);
    assert!((num(&cuts[1]["share_cut"]) - (1.0 - u)).abs() < 1e-9, "{} against {}", cuts[1]["share_cut"], 1.0 - u);
    // The slowest request: 1.5 + 4,000 / 40 = 101.5 s → raise both limits to 102 s; cap at
    // (29 − 1.5) · 40 = 1,100 tokens; the longest silence is the slowest first token, 1.5 s.
    let text: Vec<&str> = r["fixes"].as_array().unwrap().iter().map(|f| f["text"].as_str().unwrap()).collect();
    assert_eq!(
        text,
        [
            "stream the answer (the longest silence is then 1.5 s)",
            "raise `api-gateway` to 102 s",
            "raise `alb-idle` to 102 s",
            "cap `max_tokens` at 1,100"
        ]
    );
    // Its p95 (96.7 s) exceeds the workload's SLO of 85 s: not eligible, with that reason.
    let o = &v["options"][1];
    assert_eq!((o["name"].as_str(), o["eligible"].as_bool()), (Some("ranged"), Some(false)));
    assert_eq!(
        o["ineligible_reason"],
        "too slow for the interactive workload `answer` (asks a response within 85 s, its 95th percentile takes 96.7 s)"
    );
}

/// An agent of 1 or 6 steps (half each) at 50 tokens/s and 1 s to each first token, 100 tokens
/// an intermediate step, 400 the answer and 2 s a tool call: n steps take
/// n + ((n − 1) · 100 + 400) / 50 + 2 (n − 1) = 5n + 4 s, 9 s and 34 s.
#[test]
fn an_agent_adds_its_steps_and_tool_calls() {
    let v = json(AGENT);
    let r = row(&v, "fixed");
    // p50: P(≤ 9 s) = 0.5 already; p95: the 6-step half; mean (9 + 34) / 2.
    assert_close(&r["response_s_p50"], 9.0, "p50");
    assert_close(&r["response_s_p95"], 34.0, "p95");
    assert_close(&r["response_s_mean"], 21.5, "mean");
    assert_close(&r["in_flight_peak"], BUSIEST / 60.0 * 21.5, "in flight");
    // The 6-step half outlasts 29 s. Streamed, the longest silence is a whole intermediate
    // step, 1 + 100 / 50 = 3 s (a tool call is 2 s); 5 steps take 29 s, within the limit.
    assert_eq!(num(&r["share_cut"]), 0.5);
    let text: Vec<&str> = r["fixes"].as_array().unwrap().iter().map(|f| f["text"].as_str().unwrap()).collect();
    assert_eq!(
        text,
        [
            "stream the answer (the longest silence is then 3 s)",
            "raise `api-gateway` to 34 s",
            "stop agent loops after 5 steps"
        ]
    );
    assert_eq!((r["fixes"][2]["fix"].as_str(), num(&r["fixes"][2]["steps"])), (Some("fewer-steps"), 5.0));
    let out = Table.estimates(&[load(AGENT).1]);
    assert!(
        out.contains(
            "  fixed, `agent`: 50% of requests take longer than `api-gateway` (29 s); to let every request through, \
             stream the answer (the longest silence is then 3 s), raise `api-gateway` to 34 s, or stop agent loops \
             after 5 steps.\n"
        ),
        "{out}"
    );
}

#[test]
fn an_option_without_speed_computes_nothing() {
    let v = json(TIMEOUTS);
    let r = row(&v, "unknown");
    for k in ["speed", "ttft_ms", "response_s_p50", "response_s_p95", "in_flight_peak"] {
        assert!(r[k].is_null(), "{k}: {}", r[k]);
    }
    assert_eq!((r["timeouts"].as_array().unwrap().len(), num(&r["share_cut"])), (0, 0.0));
}

/// With streaming a timeout measures the longest silence: 0.8 s and at most 1.5 s, under both
/// limits, so nothing is cut and nothing needs fixing.
#[test]
fn streaming_cuts_nothing() {
    let v = json(STREAMING);
    for option in ["fixed", "ranged"] {
        let r = row(&v, option);
        assert_eq!(num(&r["share_cut"]), 0.0, "{option}");
        assert!(r["timeouts"].as_array().unwrap().iter().all(|c| num(&c["share_cut"]) == 0.0), "{option}");
        assert!(r["fixes"].as_array().unwrap().is_empty(), "{option}");
    }
    assert_close(&row(&v, "fixed")["response_s_p95"], 80.8, "streaming does not change the response time");
}

/// The quota line: recommended RPM is the 99.9th percentile of Poisson(2), 8 (P(≤ 7) = 0.998903
/// < 0.999 ≤ P(≤ 8)); each call reserves 1,000 + 4,096 = 5,096 tokens → 40,768 TPM; at
/// `max_tokens` 4,000 (the answer's length) 5,000 → 40,000 TPM, 768 freed. Without `max_tokens`
/// the model's maximum, 64,000: 65,000 · 8 = 520,000 TPM, 480,000 freed. The TPM quota admits
/// 1,000,000 / 5,096 = 196.2 calls a minute.
#[test]
fn the_quota_line_shows_in_flight_and_a_tighter_max_tokens() {
    let v = json(TIMEOUTS);
    let t = &v["quota"][0]["tighter"];
    assert_eq!(
        (num(&v["quota"][0]["recommended_tpm"]), num(&t["freed_tpm"]), num(&t["model_max_tokens"])),
        (40_768.0, 768.0, 64_000.0)
    );
    let text = Table.estimates(&[load(TIMEOUTS).1]);
    assert!(
        text.contains(
            "  fixed: the TPM quota admits 196 calls/min; practically nothing throttled (under 0.01%); to serve the \
             busiest minute of month 1 (99.9th percentile) ask for 8 RPM and 40,768 TPM; 8.1 requests in flight at \
             the 99th-percentile minute of month 1; a `max_tokens` of 4,000 for `answer` (now 4,096) would free 768 \
             TPM of the recommended quota\n"
        ),
        "{text}"
    );
    // No speed, no requests in flight beside its quota.
    assert!(text.contains("  unknown: the TPM quota admits 196 calls/min; practically nothing throttled (under 0.01%); to serve the busiest minute of month 1 (99.9th percentile) ask for 8 RPM and 40,768 TPM; a `max_tokens`"), "{text}");
    let streamed = Table.estimates(&[load(STREAMING).1]);
    assert!(
        streamed.contains(
            "ask for 8 RPM and 520,000 TPM; 8.1 requests in flight at the 99th-percentile minute of month 1; a \
             `max_tokens` of 4,000 for `answer` (now unset: the model's maximum, 64,000) would free 480,000 TPM of \
             the recommended quota\n"
        ),
        "{streamed}"
    );
}

#[test]
fn the_text_table_says_what_is_cut_and_the_fix() {
    let text = Table.estimates(&[load(TIMEOUTS).1]);
    for line in [
        "  fixed, `answer`: 100% of requests take longer than `api-gateway` (29 s); to let every request through, \
         stream the answer (the longest silence is then 0.8 s), raise `api-gateway` to 81 s, or cap `max_tokens` at 1,410.\n",
        "  ranged, `answer`: 100% of requests take longer than `api-gateway` (29 s) and 12.8% longer than `alb-idle` \
         (90 s); to let every request through, stream the answer (the longest silence is then 1.5 s), raise \
         `api-gateway` and `alb-idle` to 102 s, or cap `max_tokens` at 1,100.\n",
        "  unknown: the catalog gives no speed for its model, so its response times are not checked; set \
         `speed = { output_tokens_per_s = …, ttft_ms = … }` on the option.\n",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    // The table: 80.8 s both, 8.08 in flight, all cut by the gateway; the range's 67.7 / 96.7 s.
    assert!(text.contains("800 ms  80.8 s  80.8 s"), "{text}");
    assert!(text.contains("1,000 ms  67.7 s  96.7 s"), "{text}");
    assert!(text.contains("50 tok/s, 0.8 s (set on the option)"), "{text}");
    assert!(text.contains("40–80 tok/s, 0.5–1.5 s (published)"), "{text}");
}

#[test]
fn summary_md_tells_what_to_do() {
    let (s, e) = load(TIMEOUTS);
    let md = summary::markdown(&s, &e, None);
    // ⌈8.08⌉ = 9 and ⌈7.03⌉ = 8 requests to size for.
    for line in [
        "- **fixed**: `answer` takes 80.8 s at the median and 80.8 s at the 95th percentile. `api-gateway` (29 s) \
         cuts 100% of the `answer` requests; to let them all through, stream the answer (the longest silence is then \
         0.8 s), raise `api-gateway` to 81 s, or cap `max_tokens` at 1,410. Size connection pools and Lambda \
         concurrency for 9 requests in flight (the busiest minute of month 1).\n",
        "Size connection pools and Lambda concurrency for 8 requests in flight (the busiest minute of month 1). It \
         is not eligible: too slow for the interactive workload `answer` (asks a response within 85 s, its 95th \
         percentile takes 96.7 s).\n",
        "- **unknown**: the catalog gives no speed for its model, so its response times are not checked; set \
         `speed = { output_tokens_per_s = …, ttft_ms = … }` on the option.\n",
        "| fixed | answer | 50 tok/s, 0.8 s (set on the option) | 800 ms | 80.8 s | 80.8 s | 8.1 | 100% api-gateway |\n",
    ] {
        assert!(md.contains(line), "missing {line:?} in\n{md}");
    }
    let (s, e) = load(STREAMING);
    let md = summary::markdown(&s, &e, None);
    assert!(md.contains("No request is cut by `api-gateway` (29 s), the shortest limit."), "{md}");
    assert!(md.contains("timeouts measure the longest silence (streaming)"), "{md}");
}

/// Without `[client]` timeouts the section says none are checked and how to add them.
#[test]
fn without_timeouts_the_section_says_how_to_add_them() {
    let text = std::fs::read_to_string(TIMEOUTS).unwrap();
    let start = text.find("[client]").unwrap();
    let end = start + text[start..].find("\n\n").unwrap();
    let dir = common::TempPath::fresh("latency-no-timeouts");
    let path = dir.join("none.toml");
    std::fs::write(&path, format!("{}{}", &text[..start], &text[end + 2..])).unwrap();
    let catalog = Catalog::load(Some(Path::new(PRICING))).unwrap();
    let s = Scenario::from_source(&infercast::files::read(&path).unwrap(), &catalog).unwrap();
    let out = Table.estimates(&[estimate(&s)]);
    assert!(
        out.contains(
            "  No client timeouts are checked: add the limits between your callers and the model, e.g. \
             `[client] timeouts_s = { \"api-gateway\" = 29 }` (and `streaming = true` if the answer streams).\n"
        ),
        "{out}"
    );
    assert!(!out.contains(" cut\n"), "no cut column without timeouts:\n{out}");
}

/// The part of `text` from the line starting `from` to the line starting `to` (or the end).
fn between<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text.find(from).unwrap_or_else(|| panic!("no {from:?} in\n{text}"));
    let end = text[start..].find(to).map_or(text.len(), |i| start + i);
    &text[start..end]
}

/// Layout of the new sections (numbers are asserted above).
#[test]
fn snapshots_of_the_latency_sections() {
    for (name, path) in [("timeouts", TIMEOUTS), ("streaming", STREAMING)] {
        let (s, e) = load(path);
        let text = Table.estimates(std::slice::from_ref(&e));
        insta::assert_snapshot!(
            format!("latency-{name}-estimate"),
            between(&text, "Default on-demand quotas", "\nWarnings")
        );
        let md = summary::markdown(&s, &e, None);
        insta::assert_snapshot!(
            format!("latency-{name}-summary.md"),
            between(&md, "## Quotas", "## Catalog figures used")
        );
    }
}
