//! Reports: the files `report` writes, snapshots of every rendered chart (SVG), CSV and summary
//! of the bundled scenarios, and the figures in them that can be derived by hand.
mod common;

use common::bundled::{self, prices_in};
use infercast::catalog::{Catalog, PriceSet};
use infercast::keyword::Keyword;
use infercast::model::{Estimate, estimate};
use infercast::report::charts::Chart;
use infercast::report::{charts, csv, summary};
use infercast::scenario::Scenario;
use std::path::Path;

const BUNDLED: [&str; 6] =
    ["doc-summariser", "knowledge-base", "launch-quota", "selfhost-chat", "steady-classifier", "support-agent"];

fn load(name: &str) -> (Scenario, Estimate) {
    let file = infercast::files::read(Path::new(&format!("scenarios/{name}.toml"))).unwrap();
    load_source(&file)
}

fn load_source(file: &infercast::source::SourceFile) -> (Scenario, Estimate) {
    let catalog = Catalog::embedded().unwrap();
    let s = Scenario::from_source(file, &catalog).unwrap();
    let e = estimate(&s);
    (s, e)
}

#[test]
fn snapshots_of_every_bundled_report() {
    for name in BUNDLED {
        let (s, e) = load(name);
        let file = infercast::files::read(Path::new(&format!("scenarios/{name}.toml"))).unwrap();
        let sim = infercast::simulate::for_report(&file, &s, &Catalog::embedded().unwrap()).unwrap();
        insta::assert_snapshot!(format!("{name}-summary.md"), summary::markdown(&s, &e, sim.as_ref()));
        if let Some(sim) = &sim {
            insta::assert_snapshot!(format!("{name}-fan.svg"), charts::fan::svg(sim).unwrap());
        }
        insta::assert_snapshot!(format!("{name}-costs.csv"), csv::costs(&e));
        for &chart in Chart::ALL {
            let svg = charts::svg(chart, &e).unwrap();
            assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"), "{name} {chart}");
            insta::assert_snapshot!(format!("{name}-{chart}.svg"), svg);
        }
    }
}

#[test]
fn report_writes_every_file_for_every_bundled_scenario() {
    let out = common::TempPath::fresh("report-all");
    let run = common::infercast().args(["report", "scenarios", "--out", out.to_str().unwrap()]).output().unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    // Not a terminal: no progress bar on stderr.
    assert!(run.stderr.is_empty(), "{}", String::from_utf8_lossy(&run.stderr));
    for name in BUNDLED {
        let dir = out.join(name);
        for f in ["summary.md", "costs.csv", "breakeven.csv", "result.json"] {
            assert!(dir.join(f).is_file(), "{name}/{f}");
        }
        for &chart in Chart::ALL {
            let png = std::fs::read(dir.join(format!("{chart}.png"))).unwrap();
            assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{name}/{chart}.png is a PNG");
            // IHDR width and height: 1100 × 640.
            assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), charts::SIZE.0);
            assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), charts::SIZE.1);
            let svg = std::fs::read_to_string(dir.join(format!("{chart}.svg"))).unwrap();
            assert!(svg.trim_end().ends_with("</svg>"));
        }
        assert!(!dir.join("breakeven.partial.png").exists());
        // result.json is the estimate JSON.
        let (_, e) = load(name);
        // Compared as text: serde_json's default float parser is not exactly round-trip.
        let written = std::fs::read_to_string(dir.join("result.json")).unwrap();
        assert_eq!(written, serde_json::to_string_pretty(&infercast::report::json::estimate(&e)).unwrap() + "\n");
    }
}

#[test]
fn costs_csv_has_a_row_per_month_and_a_column_per_option() {
    let (_, e) = load("support-agent");
    let text = csv::costs(&e);
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(
        rows[0],
        "month,requests,on-demand claude-sonnet-4.5,\"PT claude-sonnet-4.5, 1-month, optimal\",two-tier on demand,\"two-tier, agent on PT\""
    );
    assert_eq!(rows.len(), 13);
    // Month 1: 1,500,000 requests; on-demand claude-sonnet-4.5 (today $14,774.76), PT optimal
    // (the same while its MU is idle), the two-tier plan: Haiku 4.5 global for `simple`, Sonnet
    // on demand for the agent (today $11,273.01); all derived in tests/cli_estimate.rs.
    let sonnet = bundled::model("claude-sonnet-4.5");
    let (simple, agent) = bundled::support_agent_per_request(&sonnet);
    let on_demand = 1_500_000.0 * (0.7 * simple + 0.3 * agent);
    let global = bundled::model("claude-haiku-4.5").global.unwrap();
    let plan = 1_050_000.0 * (450.0 * global.input_usd_per_mtok + 200.0 * global.output_usd_per_mtok) / 1e6
        + 450_000.0 * agent;
    let pt = if bundled::mu_is_idle(&sonnet) {
        format!("{on_demand:.2}")
    } else {
        rows[1].split(',').nth(3).unwrap().into()
    };
    let want = format!("1,1500000,{on_demand:.2},{pt},{plan:.2},");
    assert!(rows[1].starts_with(&want), "{} against {want}", rows[1]);
}

#[test]
fn steady_classifier_summary_states_the_pt_break_even() {
    // One MU on the 6-month term costs its MU-hour price · 730 a month (today $35 · 730 = $25,550)
    // and serves 1 / (1,500/in_tpm + 50/out_tpm) requests/min (today 171), more than the flat load
    // needs up to that · 43,800 requests a month. On demand (Claude Sonnet 4.5 in-region), a
    // request costs 1,500 · input + 50 · output (today $0.005775). So "optimal" buys its first MU
    // exactly when per request · V = the MU's month: today V = 4,424,242.4 requests a month.
    let sonnet = bundled::model("claude-sonnet-4.5");
    let mu_month = bundled::mu_hour(&sonnet, "6-month") * 730.0;
    let v = mu_month / bundled::per_request(&sonnet, 1_500.0, 50.0);
    let (s, e) = load("steady-classifier");
    let md = summary::markdown(&s, &e, None);
    let be = e.breakeven.breakeven.iter().find(|b| b.option == "PT claude-sonnet-4.5 6-month optimal").unwrap();
    // Bisection stops at 1e-6 relative.
    assert!((be.requests_per_month.unwrap() / v - 1.0).abs() <= 2e-6, "{be:?}");
    // The last two digits are within the bisection's reach.
    let digits = bundled::thousands(v.round());
    let above = format!("- PT claude-sonnet-4.5 6-month optimal: cheaper above {}", &digits[..digits.len() - 2]);
    assert!(md.contains(&above), "{above} missing from {md}");
    let svg = charts::svg(Chart::Breakeven, &e).unwrap();
    // The crossover label: the option on one line, what it does on the next.
    assert!(svg.contains("\nPT claude-sonnet-4.5 6-month optimal\n"), "{svg}");
    assert!(svg.contains(&format!("\nbeats on-demand above {:.1}M/month\n", v / 1e6)), "{svg}");
    // Every assumed figure is listed with its basis.
    assert!(md.contains("**3 of them assumed**"), "{md}");
}

#[test]
fn load_chart_names_one_unit_and_converts_the_quota() {
    // support-agent: 70 % of requests make 1 call, 30 % make 3: 0.7 + 0.9 = 1.6 calls per request.
    // The quota admits calls; the chart's axis is requests: calls/min ÷ 1.6. (Claude 4.5 has no
    // published default quota, so all traffic runs here on Nova Lite, which has one, instead of
    // Haiku inside the plans.)
    let text = std::fs::read_to_string("scenarios/support-agent.toml").unwrap();
    let text = text
        .replacen("model = \"claude-haiku-4.5\"", "model = \"nova-lite\"", 1)
        .replacen("endpoint = \"global\"", "", 1)
        .replacen("standalone = false             # only", "# only", 1)
        .replace("on-demand claude-haiku-4.5 (global)", "on-demand nova-lite");
    let file = infercast::source::SourceFile::new("support-agent-nova.toml", text);
    let (_, e) = load_source(&file);
    let q = e.quota.iter().find(|q| q.option == "on-demand nova-lite").unwrap();
    let calls = q.limit_per_min.unwrap();
    let svg = charts::svg(Chart::Load, &e).unwrap();
    let expected = format!(
        "default quota, {} calls/min = {} requests/min (1.6 calls per request)",
        infercast::format::thousands(calls),
        infercast::format::thousands(calls / 1.6)
    );
    assert!(svg.contains(&expected), "{expected}\n{svg}");
    assert!(!svg.contains("req/min"), "{svg}");
}

#[test]
fn relative_break_even_tells_apart_options_within_ten_percent() {
    // steady-classifier, month 1: on demand is 43,887,600 requests × $0.005775 = $253,450.89
    // (derived above). The 6-month optimal commitment holds 6 MUs, $35 · 730 · 6 = $153,300, and
    // bills the 0.574 % of requests above them minute by minute at on demand (docs/model.md#overflow):
    // 153,300 + 0.00574 · 253,450.89 ≈ 154,755, / 253,450.89 = 0.611; the peak commitment 7 MUs,
    // $178,850: 0.706. On the log chart the two are 14 % apart; here, 0.61× against 0.71×. The
    // ratios move with the catalog's prices, so they are taken from the estimate's month 1 here
    // (the figures themselves are derived in tests/cli_estimate.rs and tests/capacity.rs).
    let (_, e) = load("steady-classifier");
    let month_1 = |name: &str| e.options.iter().find(|o| o.name == name).unwrap().cost.months[0].cost_usd;
    let reference = month_1("on-demand claude-sonnet-4.5");
    let svg = charts::svg(Chart::BreakevenRelative, &e).unwrap();
    assert!(svg.contains("cost relative to on-demand claude-sonnet-4.5"), "{svg}");
    for option in ["PT claude-sonnet-4.5 6-month optimal", "PT claude-sonnet-4.5 6-month peak"] {
        let ratio = month_1(option) / reference;
        let want = format!("{option}: {ratio:.2}× at this scenario");
        assert!(svg.contains(&want), "{want} missing from {svg}");
    }
    assert!(svg.contains("on-demand claude-sonnet-4.5: the reference, 1×"), "{svg}");
    // Bought capacity at the smallest volumes costs many times on demand: cut at 2×, and said.
    assert!(svg.contains("lines above 2× the reference are cut at the top"), "{svg}");
    assert!(svg.contains("this scenario: 43.9M/month"), "{svg}");
}

#[test]
fn monthly_chart_leaves_out_and_names_options_far_above_the_cheapest() {
    // support-agent: the plan with the agent on PT pays for a 6-month MU whatever the traffic,
    // over twice the two-tier on-demand plan in every month (tested in the model's figures); it
    // is left out and named. The options that compete stay.
    let (_, e) = load("support-agent");
    let svg = charts::svg(Chart::Monthly, &e).unwrap();
    assert!(svg.contains("not shown, over 2× the cheapest every month:"), "{svg}");
    assert!(svg.contains("   two-tier, agent on PT: $"), "{svg}");
    assert!(svg.contains("\ntwo-tier on demand\n"), "{svg}");
    // steady-classifier: the batch tier is the cheapest but cannot serve live traffic, so it is
    // no yardstick: on demand (1.65× the 6-month commitment) is shown.
    let (_, e) = load("steady-classifier");
    let svg = charts::svg(Chart::Monthly, &e).unwrap();
    assert!(!svg.contains("not shown"), "{svg}");
}

#[test]
fn load_chart_shows_the_month_under_most_stress_and_plan_members() {
    // launch-quota grows 15 % a month for 6 months against a fixed default quota: the last
    // month's peak is the highest against it.
    let (_, e) = load("launch-quota");
    let svg = charts::svg(Chart::Load, &e).unwrap();
    assert!(svg.contains("a week of month 6 (most stressed)"), "{svg}");
    // steady-classifier is flat: every month alike, so month 1.
    let (_, e) = load("steady-classifier");
    assert!(charts::svg(Chart::Load, &e).unwrap().contains("a week of month 1 (most stressed)"));
    // support-agent's plan buys a PT model unit for the agent, 30 % of the requests: its line is
    // that capacity ÷ 0.3, in requests of the whole scenario.
    let (_, e) = load("support-agent");
    let svg = charts::svg(Chart::Load, &e).unwrap();
    assert!(
        svg.contains("two-tier, agent on PT: PT claude-sonnet-4.5, 6-month, peak: capacity ÷ its 30 % of requests")
    );
}

/// Cache read ÷ input of `p`.
fn share(p: &PriceSet) -> f64 {
    p.cache.unwrap().read_usd_per_mtok / p.input_usd_per_mtok
}

/// The tokens chart's words for cached prompt tokens at these shares: one per cent where they
/// are all equal, else their range "by model".
fn cached_words(shares: &[f64]) -> String {
    let lo = shares.iter().copied().fold(f64::MAX, f64::min);
    let hi = shares.iter().copied().fold(0.0, f64::max);
    if (hi - lo).abs() < 1e-9 {
        format!("billed at {:.0} % of input", hi * 100.0)
    } else {
        format!("billed at {:.0}–{:.0} % of input, by model", lo * 100.0, hi * 100.0)
    }
}

#[test]
fn tokens_chart_shows_the_cached_prompt_and_its_rate() {
    // The cache-read price as a share of the input price of each on-demand model and endpoint
    // (docs/model.md#prompt-caching), in whole per cent, or their range where they differ.
    // support-agent: Claude Sonnet 4.5 in-region (today $0.33 against $3.30, 10 %) and Claude
    // Haiku 4.5 global (today $0.10 against $1.00, 10 %).
    let (sonnet, haiku) = (bundled::model("claude-sonnet-4.5"), bundled::model("claude-haiku-4.5"));
    let words = cached_words(&[share(&prices_in(&sonnet, "us-east-1")), share(&haiku.global.unwrap())]);
    let (_, e) = load("support-agent");
    let svg = charts::svg(Chart::Tokens, &e).unwrap();
    assert!(svg.contains(&format!("hidden: cached prompt, {words}")), "{words}: {svg}");
    // The agent's calls: 90 % of the system prompt is read from the cache (cache_hit_rate = 0.9).
    assert!(svg.contains(&format!("system prompt, 90 % cache hits: {words}")), "{svg}");
    // knowledge-base prices Claude Haiku 4.5 (each model once, at its first option's endpoint:
    // in-region, today 10 %) and Nova Pro (today $0.20 ÷ $0.80 = 25 %): "billed at 10–25 % of
    // input, by model".
    let nova = bundled::model("nova-pro");
    let words = cached_words(&[share(&prices_in(&haiku, "us-east-1")), share(&prices_in(&nova, "us-east-1"))]);
    let (_, e) = load("knowledge-base");
    assert!(charts::svg(Chart::Tokens, &e).unwrap().contains(&words), "{words}");
}
