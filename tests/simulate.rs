//! `simulate` against closed forms: on-demand cost linear in a lognormal volume, an option that
//! wins every draw, the expected waste of monthly PT terms derived by hand, a fitted deployment's
//! throughput drawn within its fit error, what the "how sure" sentence says was held fixed, and
//! the same bytes for a seed whatever the number of threads.
mod common;

use common::toy::catalog_of as toy;
use infercast::catalog::Catalog;
use infercast::scenario::Scenario;
use infercast::simulate::{Request, Simulation, simulate};
use infercast::source::SourceFile;

fn run(text: &str, catalog: &Catalog, samples: usize, seed: u64, threads: usize) -> Simulation {
    let file = SourceFile::new("s.toml", text);
    let s = Scenario::from_source(&file, catalog).unwrap();
    simulate(&Request { file: &file, scenario: &s, catalog, samples, seed, threads }, &|_| {}).unwrap()
}

/// 1,000 in + 100 out a request on the toy model: 1,000 · $10/M + 100 · $20/M = $0.012.
const LOGNORMAL: &str = r#"
[scenario]
name = "lognormal"
months = 2
[traffic]
requests_per_month = { lognormal = { p50 = 1e6, p90 = 3e6 } }
[[workload]]
name = "w"
share = 1
input_tokens = 1000
output_tokens = 100
latency = "batch"
[[option]]
name = "standard"
kind = "on-demand"
model = "m"
[[option]]
name = "batch"
kind = "on-demand"
model = "m"
tier = "batch"
"#;

#[test]
fn on_demand_quantiles_are_the_cost_at_the_volume_quantiles() {
    // Cost is linear in volume: month-1 p50 = 1e6 · $0.012 = $12,000, p90 = 3e6 · 0.012 = $36,000,
    // p10 = p50²/p90 = 333,333 requests = $4,000 (σ = ln 3 / z₀.₉ is symmetric in ln V).
    // Nearest-rank quantiles of 5,000 draws: standard errors of about 2 % (p10, p90) and 1.5 % (p50).
    let sim = run(LOGNORMAL, &toy(common::CATALOG), 5_000, 42, 2);
    let m1 = sim.options[0].months[0];
    for (got, want) in [(m1.p10, 4_000.0), (m1.p50, 12_000.0), (m1.p90, 36_000.0)] {
        assert!((got / want - 1.0).abs() < 0.06, "{got} vs {want}");
    }
    // No growth: month 2 draws nothing new, so it equals month 1 in every draw.
    assert_eq!(sim.options[0].months[1], infercast::simulate::MonthQuantiles { month: 2, ..m1 });
}

#[test]
fn an_option_cheaper_in_every_draw_is_cheapest_with_probability_one() {
    // The batch tier halves every price and the workload accepts batch: it wins every draw, and
    // the standard tier's regret is its total minus batch's = batch's total (twice as dear).
    let sim = run(LOGNORMAL, &toy(common::CATALOG), 500, 7, 1);
    let (standard, batch) = (&sim.options[0], &sim.options[1]);
    assert_eq!((batch.p_cheapest, standard.p_cheapest), (1.0, 0.0));
    assert_eq!(batch.expected_regret_usd, Some(0.0));
    let regret = standard.expected_regret_usd.unwrap();
    assert!((regret / batch.total.mean - 1.0).abs() < 1e-9, "{regret} vs {}", batch.total.mean);
}

const ONE_MU: &str = r#"
[scenario]
name = "one-mu"
months = 3
hours_per_month = 730
[traffic]
requests_per_month = 1000
[[workload]]
name = "w"
share = 1
input_tokens = 1000
output_tokens = 100
[[option]]
name = "pt"
kind = "provisioned"
model = "m"
term = "1-month"
units = 1
[risk]
descope_probability_per_month = 0.1
"#;

#[test]
fn expected_waste_of_one_mu_on_monthly_terms() {
    // One MU at $60/h on 1-month terms, 3 months of 730 h, p = 0.1:
    // 43,800 · 0.1 · (1 + 0.9 + 0.81) = $11,869.80.
    let catalog = toy(&common::CATALOG.replace("1-month = 10.0", "1-month = 60.0"));
    let s = Scenario::from_source(&SourceFile::new("s.toml", ONE_MU), &catalog).unwrap();
    let e = infercast::model::estimate(&s);
    let waste = e.options[0].expected_waste_usd.unwrap();
    assert!((waste - 11_869.80).abs() < 1e-6, "{waste}");
    // In simulate the month of the cut is drawn: a cut at month m bills months 1..=m (its own
    // term runs out), so the total is 43,800 · m, or 3 · 43,800 without a cut (the volume is far
    // inside one MU). Mean: 43,800 · (1 · 0.1 + 2 · 0.09 + 3 · 0.81) = 43,800 · 2.71 = $118,698;
    // standard deviation 43,800 · √(7.75 − 2.71²) = $27,900, so ±$441 over 4,000 draws.
    let sim = run(ONE_MU, &catalog, 4_000, 3, 2);
    let t = sim.options[0].total;
    assert_eq!((t.p50, t.p90), (131_400.0, 131_400.0));
    assert!((t.mean - 118_698.0).abs() < 1_800.0, "{}", t.mean);
}

#[test]
fn on_demand_stops_at_the_cut_month() {
    // On demand only, $12 a month (1,000 requests × $0.012), p = 0.5 over 2 months: the cut falls
    // in month 1 with probability 1/2, month 2 with 1/4, never with 1/4, so the total is
    // 0 (1/2), $12 (1/4) or $24 (1/4); p50 = $0, p90 = $24, mean ≈ $9.
    let text = ONE_MU.replace("months = 3", "months = 2").replace(
        "name = \"pt\"\nkind = \"provisioned\"\nmodel = \"m\"\nterm = \"1-month\"\nunits = 1",
        "name = \"od\"\nkind = \"on-demand\"\nmodel = \"m\"",
    );
    let sim = run(&text.replace("= 0.1", "= 0.5"), &toy(common::CATALOG), 4_000, 11, 2);
    let t = sim.options[0].total;
    assert_eq!((t.p10, t.p50, t.p90), (0.0, 0.0, 24.0));
    assert!((t.mean - 9.0).abs() < 0.5, "{}", t.mean);
}

#[test]
fn the_same_seed_gives_the_same_bytes_on_any_number_of_threads() {
    let catalog = toy(&common::CATALOG.replace(
        "input_tpm_per_mu = 100_000",
        "input_tpm_per_mu = { triangular = { min = 50_000, mode = 100_000, max = 150_000 } }",
    ));
    let text = format!("{ONE_MU}\n")
        .replace("units = 1", "units = \"optimal\"")
        .replace("requests_per_month = 1000", "requests_per_month = { lognormal = { p50 = 5e6, p90 = 2e7 } }");
    let json = |threads| {
        let sim = run(&text, &catalog, 300, 5, threads);
        infercast::report::simulate::render(&[sim], infercast::output_format::OutputFormat::Json)
    };
    let one = json(1);
    assert_eq!(one, json(2));
    assert_eq!(one, json(3));
    assert_ne!(
        one,
        infercast::report::simulate::render(
            &[run(&text, &catalog, 300, 6, 2)],
            infercast::output_format::OutputFormat::Json
        )
    );
    assert!(one.contains("\"schema\": \"infercast/simulate-v2\""));
}

#[test]
fn the_simulate_schema_is_pinned() {
    let sim = run(LOGNORMAL, &toy(common::CATALOG), 10, 1, 1);
    let v: serde_json::Value = serde_json::from_str(&infercast::report::simulate::render(
        &[sim],
        infercast::output_format::OutputFormat::Json,
    ))
    .unwrap();
    let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    let top = [
        "schema",
        "scenario",
        "samples",
        "seed",
        "months",
        "hours_per_month",
        "uncertain_inputs",
        "fitted_throughput",
        "held_fixed",
        "descope_probability_per_month",
        "options",
    ];
    assert_eq!(keys(&v), top);
    let option = &v["options"][0];
    assert_eq!(keys(option), ["name", "months", "total", "p_cheapest", "expected_regret_usd"]);
    assert_eq!(keys(&option["months"][0]), ["month", "p10", "p50", "p90"]);
    assert_eq!(keys(&option["total"]), ["p10", "p50", "p90", "mean"]);
}

/// With nothing uncertain every draw is the estimate itself: each option's simulated total equals
/// its `estimate` total, services included (knowledge-base: every option carries the services,
/// docs/model.md#services; their cost follows the bundled catalog's prices, so only its being
/// there is checked).
#[test]
fn a_certain_scenario_simulates_to_its_estimate_services_included() {
    let catalog = Catalog::embedded().unwrap();
    let text = std::fs::read_to_string("scenarios/knowledge-base.toml").unwrap();
    let s = Scenario::from_source(&SourceFile::new("knowledge-base.toml", text.clone()), &catalog).unwrap();
    let e = infercast::model::estimate(&s);
    let sim = run(&text, &catalog, 20, 1, 1);
    for (o, x) in e.options.iter().zip(&sim.options) {
        let (want, got) = (o.cost.total_usd, x.total.p50);
        assert!((got - want).abs() <= 1e-9 * want, "{}: simulated {got}, estimated {want}", o.name);
        assert!(o.services.iter().map(|s| s.total_usd).sum::<f64>() > 0.0, "{}: no services", o.name);
    }
}

/// The toy catalog plus a deployment of the toy model with three published runs. The toy physics
/// (toy.toml: 2 ms a decode step, 2 ms a prefill, one sequence at a time) predicts 1/(2 ms +
/// 2 ms/1,000) = 499.5 tokens/s at 1000/1000 and 2000/1000, 1/(2 ms + 2 ms/2,000) = 499.750125 at
/// 1000/2000: errors −0.5005, −0.5005 and 499.750125/2,000 − 1 = −0.7501249, the worst.
fn with_fitted_deployment() -> Catalog {
    toy(&format!(
        "{}{}",
        common::CATALOG,
        r#"
[[deployment]]
key = "fit@i"
model = "toy"
open_model = "toy-1b"
precision = "bf16"
engine = "trtllm"
instance = "i"
runs_unit = "per-instance"
runs = [
  { input = 1000, output = 1000, output_tokens_per_s = 1000 },
  { input = 2000, output = 1000, output_tokens_per_s = 1000 },
  { input = 1000, output = 2000, output_tokens_per_s = 2000 },
]
derivation = "three toy runs"
"#
    ))
}

/// One fixed fleet of about a thousand instances, so its cost is nearly proportional to
/// 1 / throughput (a whole instance is 0.1 % of it).
const FITTED: &str = r#"
[scenario]
name = "fitted"
months = 1
hours_per_month = 730
[traffic]
requests_per_month = 3_600_000_000
[[workload]]
name = "w"
share = 1
input_tokens = 1000
output_tokens = 1000
[[option]]
name = "gpu"
kind = "self-hosted"
deployment = "fit@i"
price = "on-demand"
scaling = "fixed"
min_instances = 0
target_utilization = 1.0
"#;

#[test]
fn a_fitted_deployments_throughput_is_drawn_within_its_fit_error() {
    let catalog = with_fitted_deployment();
    let s = Scenario::from_source(&SourceFile::new("s.toml", FITTED), &catalog).unwrap();
    // Nothing in the file is a distribution: before, every draw was the estimate itself.
    assert!(s.uncertain.is_empty() && s.catalog_uncertain.is_empty());
    let k = infercast::model::estimate(&s).options[0].cost.total_usd;
    let sim = run(FITTED, &catalog, 2_000, 1, 2);
    assert_eq!(sim.fitted_throughput.len(), 1);
    assert_eq!(sim.fitted_throughput[0].deployment, "fit@i");
    assert!((sim.fitted_throughput[0].fit_error - (1.0 - 1.0 / 0.002001 / 2000.0)).abs() < 1e-9);
    // The multiplier is m = a^U', a = 1.7501249, U' uniform on [−1, 1], and the fleet's cost is
    // K / m (K the estimate, at m = 1). Cost falls as m rises, so its p90 is K at m's p10:
    //   p90 = K · a^0.8 = 1.564787 K,  p10 = K · a^−0.8 = 0.639065 K,  p50 = K.
    // E[1/m] = E[m] (U' is symmetric) = (a − 1/a) / (2 ln a) = 1.053032.
    // Sampling error over 2,000 draws: about 0.4 % for each quantile and for the mean; rounding
    // up to whole instances, at most 0.1 %.
    let t = sim.options[0].total;
    for (got, want) in [(t.p10, 0.639_065), (t.p50, 1.0), (t.p90, 1.564_787), (t.mean, 1.053_032)] {
        assert!((got / k / want - 1.0).abs() < 0.015, "{} vs {want}", got / k);
    }
    assert!(t.p90 > t.p10 * 1.6, "{t:?}");
}

#[test]
fn the_how_sure_sentence_names_what_was_held_fixed() {
    // The fitted fleet: its throughput is drawn, the traffic and the token counts are not.
    let fitted = run(FITTED, &with_fitted_deployment(), 50, 1, 1);
    use infercast::simulate::inputs::Held;
    assert_eq!(fitted.held_fixed, [Held::TrafficVolume, Held::TokenCounts]);
    let words = infercast::report::simulate::how_sure(&fitted);
    assert_eq!(
        words,
        "gpu is the cheapest option that serves every workload in all 50 draws. Traffic volume and token \
         counts were held fixed; give them ranges in the scenario to include them."
    );
    // The toy PT offer gives its throughput and price as single numbers: held fixed too, named
    // by option; the lognormal volume is drawn, so only token counts are listed from the scenario.
    let text = LOGNORMAL.replace(
        "tier = \"batch\"",
        "tier = \"batch\"\n[[option]]\nname = \"pt\"\nkind = \"provisioned\"\nmodel = \"m\"\nterm = \"1-month\"\nunits = 1",
    );
    let sim = run(&text, &toy(common::CATALOG), 50, 1, 1);
    let words = infercast::report::simulate::how_sure(&sim);
    assert!(
        words.ends_with(
            " Token counts were held fixed; give them ranges in the scenario to include them. The assumed PT \
             throughput of `pt` and the assumed PT price of `pt` were held fixed too; give them ranges in the \
             catalog to include them."
        ),
        "{words}"
    );
    let table = infercast::report::simulate::render(&[sim], infercast::output_format::OutputFormat::Table);
    assert!(table.contains(&words), "{table}");
}
