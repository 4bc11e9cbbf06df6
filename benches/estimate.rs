//! `cargo bench`: how long `estimate` takes per bundled scenario (load catalog, parse, validate,
//! price, render), on a 36-month custom-shape scenario across volumes and burstiness, and for
//! `baseline check` and for a routing plan against its members alone, as figures to read, not a pass/fail timing test.
#[path = "../tests/common/mod.rs"]
mod common;

use infercast::catalog::Catalog;
use infercast::output_format::OutputFormat;
use infercast::scenario::Scenario;
use infercast::source::SourceFile;
use std::time::{Duration, Instant};

/// Runs `f` at least once and until `runs` runs or 2 s have passed; the median.
fn time(runs: usize, mut f: impl FnMut()) -> (Duration, usize) {
    let start = Instant::now();
    let mut v = Vec::new();
    while v.len() < runs && (v.is_empty() || start.elapsed() < Duration::from_secs(2)) {
        let t = Instant::now();
        f();
        v.push(t.elapsed());
    }
    v.sort();
    (v[v.len() / 2], v.len())
}

/// A 36-month scenario on the toy catalog: a custom hourly shape with 24 distinct weights,
/// weekdays, on demand, PT (peak and optimal), Reserved (peak and optimal) and self-hosting
/// (hourly and fixed). Growth is 2 % a month unless that would carry a month past 1e15.
fn long_scenario(requests_per_month: f64, burstiness: f64) -> String {
    let growth = if requests_per_month * 1.02f64.powi(35) <= 1e15 { 0.02 } else { 0.0 };
    let shape: Vec<String> =
        (0..24).map(|h| format!("{:.2}", 0.2 + h as f64 * 0.05 + (h % 5) as f64 * 0.013)).collect();
    format!(
        r#"
[scenario]
name = "long"
months = 36
[traffic]
requests_per_month = {requests_per_month:e}
daily_shape = [{}]
weekly_shape = "weekdays"
growth_per_month = {growth}
burstiness = {burstiness}
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
term = "1-month"
units = "peak"
[[option]]
kind = "provisioned"
model = "m"
term = "6-month"
units = "optimal"
[[option]]
kind = "reserved"
model = "m"
term = "1-month"
capacity = "peak"
[[option]]
kind = "reserved"
model = "m"
term = "1-month"
capacity = "optimal"
[[option]]
kind = "self-hosted"
name = "hourly"
deployment = "d@i"
[[option]]
kind = "self-hosted"
name = "fixed"
deployment = "d@i"
scaling = "fixed"
"#,
        shape.join(", ")
    )
}

fn bundled(catalog: &Catalog) {
    let mut paths: Vec<_> = std::fs::read_dir("scenarios").unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    for path in paths {
        let file = infercast::files::read(&path).unwrap();
        let (t, n) = time(200, || {
            let s = Scenario::from_source(&file, catalog).unwrap();
            let e = infercast::model::estimate(&s);
            std::hint::black_box(infercast::report::renderer(OutputFormat::Json).estimates(&[e]));
        });
        println!("estimate {}: median {t:?} over {n} runs (parse, validate, price, JSON)", path.display());
    }
}

fn long(toy: &Catalog) {
    for volume in [1e9, 1e12, 1e15] {
        for burstiness in [2.0, 10.0, 1000.0] {
            let file = SourceFile::new("long.toml", long_scenario(volume, burstiness));
            let (t, n) = time(50, || {
                let s = Scenario::from_source(&file, toy).unwrap();
                std::hint::black_box(infercast::model::estimate(&s));
            });
            println!(
                "estimate 36-month custom shape, {volume:e}/month, burstiness {burstiness}: median {t:?} over {n} runs"
            );
        }
    }
}

/// A 36-month scenario on the toy catalog, 1e9 requests a month at burstiness 10. `which`:
/// "plan" has both workloads, the two options `standalone = false` and a plan routing `chat` to
/// on demand and `agent` to PT; "chat" and "agent" are each member alone: one workload (its
/// share of the volume) and its one option.
fn plan_scenario(which: &str) -> String {
    let chat = "[[workload]]\nname = \"chat\"\nshare = SHARE\ninput_tokens = 1000\noutput_tokens = 100\n";
    let agent = "[[workload]]\nname = \"agent\"\nshare = SHARE\ninput_tokens = 3000\noutput_tokens = 300\n";
    let od = "[[option]]\nname = \"od\"\nkind = \"on-demand\"\nmodel = \"m\"\n";
    let pt =
        "[[option]]\nname = \"pt\"\nkind = \"provisioned\"\nmodel = \"m\"\nterm = \"6-month\"\nunits = \"optimal\"\n";
    let (volume, body) = match which {
        "chat" => (0.7e9, format!("{}{od}", chat.replace("SHARE", "1"))),
        "agent" => (0.3e9, format!("{}{pt}", agent.replace("SHARE", "1"))),
        _ => (
            1e9,
            format!(
                "{}{}{od}standalone = false\n{pt}standalone = false\n[[plan]]\nname = \"routed\"\nserve = {{ chat = \"od\", agent = \"pt\" }}\n",
                chat.replace("SHARE", "0.7"),
                agent.replace("SHARE", "0.3")
            ),
        ),
    };
    format!(
        "[scenario]\nname = \"plan-bench\"\nmonths = 36\n[traffic]\nrequests_per_month = {volume:e}\n\
         daily_shape = \"business-hours\"\nweekly_shape = \"weekdays\"\ngrowth_per_month = 0.02\nburstiness = 10\n{body}"
    )
}

/// A plan against its members priced alone, each on its own workload's traffic in a scenario of
/// its own: the plan prices the same members, so it should take no longer than the two together.
fn plans(toy: &Catalog) {
    let mut alone = Duration::ZERO;
    for which in ["chat", "agent", "plan"] {
        let file = SourceFile::new("plan.toml", plan_scenario(which));
        let (t, n) = time(100, || {
            let s = Scenario::from_source(&file, toy).unwrap();
            std::hint::black_box(infercast::model::estimate(&s));
        });
        if which == "plan" {
            println!(
                "estimate 36-month 1e9/month burstiness 10, a plan of on demand (chat) + PT optimal (agent): median {t:?} over {n} runs; its members alone: {alone:?}"
            );
        } else {
            alone += t;
            println!("estimate 36-month, burstiness 10, member `{which}` alone: median {t:?} over {n} runs");
        }
    }
}

/// `baseline check` over every bundled scenario: recompute, read the committed baseline, compare.
fn baseline_check() {
    let committed = std::fs::read_to_string("reports/baseline.json").unwrap();
    let (t, n) = time(20, || {
        let catalog = Catalog::embedded().unwrap();
        let mut estimates = Vec::new();
        for path in std::fs::read_dir("scenarios").unwrap().map(|e| e.unwrap().path()) {
            let file = infercast::files::read(&path).unwrap();
            let s = Scenario::from_source(&file, &catalog).unwrap();
            estimates.push((s.path.clone(), infercast::model::estimate(&s)));
        }
        let now = infercast::baseline::build(&estimates, &catalog);
        let base: infercast::baseline::Baseline = serde_json::from_str(&committed).unwrap();
        let bounds = infercast::baseline::diff::Bounds { tolerance: 0.001, fail_above_pct: None, fail_above_usd: None };
        std::hint::black_box(infercast::baseline::diff::compare(&base, &now, &bounds));
    });
    println!("baseline check, all bundled scenarios: median {t:?} over {n} runs");
}

/// The `simulate` bench's scenario: see `simulate`.
const SIM_SCENARIO: &str = r#"
[scenario]
name = "sim"
months = 12
[traffic]
requests_per_month = { lognormal = { p50 = 3e6, p90 = 6e6 } }
daily_shape = "business-hours"
weekly_shape = "weekdays"
growth_per_month = { triangular = { min = 0.0, mode = 0.03, max = 0.08 } }
[[workload]]
name = "w"
share = 1
input_tokens = { triangular = { min = 800, mode = 1000, max = 1500 } }
output_tokens = { uniform = { min = 80, max = 150 } }
[[option]]
kind = "on-demand"
model = "m"
[[option]]
kind = "provisioned"
model = "m"
term = "1-month"
units = "peak"
[[option]]
kind = "provisioned"
model = "m"
term = "6-month"
units = "optimal"
[[option]]
kind = "reserved"
model = "m"
term = "1-month"
capacity = "optimal"
[[option]]
kind = "self-hosted"
deployment = "d@i"
scaling = "fixed"
commitment_months = 3
[risk]
descope_probability_per_month = 0.05
"#;

/// `simulate` on a 12-month scenario of 5 options on the toy catalog with four uncertain scenario
/// inputs, an uncertain MU throughput and a 5 % monthly descoping risk: 10,000 samples on the
/// machine's threads (the CI machine has 2 cores), and on one.
fn simulate(toy: &Catalog) {
    let uncertain_toy = common::CATALOG.replace(
        "input_tpm_per_mu = 100_000",
        "input_tpm_per_mu = { triangular = { min = 50_000, mode = 100_000, max = 150_000 } }",
    );
    let toy_u = common::toy::catalog_of(&uncertain_toy);
    let _ = toy;
    let file = SourceFile::new("sim.toml", SIM_SCENARIO);
    let s = Scenario::from_source(&file, &toy_u).unwrap();
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    for threads in [cpus, 1] {
        let (t, n) = time(5, || {
            let req = infercast::simulate::Request {
                file: &file,
                scenario: &s,
                catalog: &toy_u,
                samples: 10_000,
                seed: 1,
                threads,
            };
            std::hint::black_box(infercast::simulate::simulate(&req, &|_| {}).unwrap());
        });
        println!("simulate 10,000 samples x 12 months x 5 options on {threads} thread(s): median {t:?} over {n} runs");
    }
}

/// One `throughput` query's compute (the physics model, no I/O): Llama 3.1 70B FP8 on 8 H100s
/// as 4 TP2 replicas at 1,000 in / 1,000 out, offline and at 64 requests in flight; and the
/// SLO search that sizing runs per workload.
fn throughput(catalog: &Catalog) {
    use infercast::catalog::{EngineKind, Parallel, Precision};
    use infercast::model::serving::{Replica, Setup, Shape, Slo, predict};
    let setup = Setup {
        model: catalog.open_model("llama-3.1-70b").unwrap(),
        gpu: catalog.gpu("h100-sxm").unwrap(),
        engine: catalog.engine(EngineKind::TrtLlm).unwrap(),
        precision: Precision::Fp8,
        gpus: 8,
        tp: 2,
        parallel: Parallel::Tp,
    };
    let shape = Shape { input: 1000.0, output: 1000.0 };
    let (t, n) = time(20_000, || {
        std::hint::black_box(predict(&setup, shape, None).unwrap());
        std::hint::black_box(predict(&setup, shape, Some(64.0)).unwrap());
    });
    println!("throughput: two queries (offline, at 64 in flight): median {t:?} over {n} runs");
    let slo = Slo { ttft_ms: Some(800.0), tokens_per_s: Some(25.0), latency_s: None };
    let (t, n) = time(20_000, || {
        std::hint::black_box(Replica::new(&setup).unwrap().within(shape, &slo).unwrap());
    });
    println!("throughput: the SLO search of one workload: median {t:?} over {n} runs");
}

fn main() {
    if std::env::var("SIMULATE_ONLY").is_ok() {
        let toy = common::toy::catalog_of(common::CATALOG);
        simulate(&toy);
        return;
    }
    if std::env::var("PLANS_ONLY").is_ok() {
        let toy = common::toy::catalog_of(common::CATALOG);
        let file = SourceFile::new("plan.toml", plan_scenario("plan"));
        for _ in 0..400 {
            let s = Scenario::from_source(&file, &toy).unwrap();
            std::hint::black_box(infercast::model::estimate(&s));
        }
        return;
    }
    let (t, n) = time(200, || {
        std::hint::black_box(Catalog::embedded().unwrap());
    });
    println!("load + validate the built-in catalog: median {t:?} over {n} runs");
    bundled(&Catalog::embedded().unwrap());
    throughput(&Catalog::embedded().unwrap());
    baseline_check();
    let toy = common::toy::catalog_of(common::CATALOG);
    plans(&toy);
    long(&toy);
    simulate(&toy);
}
