//! `cargo bench`: how long `estimate` takes per bundled scenario (load catalog, parse, validate,
//! price, render), as figures to read, not a pass/fail timing test.
use infercast::catalog::Catalog;
use infercast::report::Format;
use infercast::scenario::Scenario;
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    const RUNS: usize = 200;
    let mut paths: Vec<_> = std::fs::read_dir("scenarios").unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    let catalog_times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(Catalog::embedded().unwrap());
            t.elapsed()
        })
        .collect();
    println!("load + validate the built-in catalog: median {:?} over {RUNS} runs", median(catalog_times));
    let catalog = Catalog::embedded().unwrap();
    for path in paths {
        let file = infercast::files::read(&path).unwrap();
        let times: Vec<Duration> = (0..RUNS)
            .map(|_| {
                let t = Instant::now();
                let s = Scenario::from_source(&file, &catalog).unwrap();
                let e = infercast::model::estimate(&s);
                std::hint::black_box(Format::Json.renderer().estimates(&[e]));
                t.elapsed()
            })
            .collect();
        println!(
            "estimate {}: median {:?} over {RUNS} runs (parse, validate, price, JSON)",
            path.display(),
            median(times)
        );
    }
    // `baseline check` over every bundled scenario: recompute, read the committed baseline, compare.
    let committed = std::fs::read_to_string("reports/baseline.json").unwrap();
    let times: Vec<Duration> = (0..20)
        .map(|_| {
            let t = Instant::now();
            let catalog = Catalog::embedded().unwrap();
            let mut estimates = Vec::new();
            for path in std::fs::read_dir("scenarios").unwrap().map(|e| e.unwrap().path()) {
                let file = infercast::files::read(&path).unwrap();
                let s = Scenario::from_source(&file, &catalog).unwrap();
                estimates.push((s.path.clone(), infercast::model::estimate(&s)));
            }
            let now = infercast::baseline::build(&estimates, &catalog);
            let base: infercast::baseline::Baseline = serde_json::from_str(&committed).unwrap();
            let bounds =
                infercast::baseline::diff::Bounds { tolerance: 0.001, fail_above_pct: None, fail_above_usd: None };
            std::hint::black_box(infercast::baseline::diff::compare(&base, &now, &bounds));
            t.elapsed()
        })
        .collect();
    println!("baseline check, all bundled scenarios: median {:?} over 20 runs", median(times));
}
