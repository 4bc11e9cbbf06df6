//! The physics model against published measurements (docs/model.md#calibration-and-accuracy):
//! the bundled deployments' runs, and the held-out half of pricing/measured/.
use infercast::catalog::{Catalog, EngineKind, RunsUnit};
use infercast::model::serving::calibrate::{self, Measurement, quantile};

fn measured() -> Vec<Measurement> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("pricing/measured");
    let mut paths: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    let mut out = Vec::new();
    for p in paths.iter().filter(|p| p.extension().is_some_and(|e| e == "csv")) {
        let text = std::fs::read_to_string(p).unwrap();
        out.extend(calibrate::read_measurements(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display())));
    }
    out
}

#[test]
fn per_gpu_runs_become_one_replicas_throughput() {
    // llama-3.3-70b@p5en.48xlarge copies TensorRT-LLM 1.x's H200 TP2 column, counted per GPU:
    // 1000/1000 → 2,587 tokens/s per GPU × 2 GPUs per replica = 5,174 per replica.
    let c = Catalog::embedded().unwrap();
    let d = c.deployment("llama-3.3-70b@p5en.48xlarge").unwrap();
    let m = d.measured.as_ref().unwrap();
    assert_eq!(m.unit, RunsUnit::PerGpu);
    assert_eq!(d.gpus_per_replica, 2);
    assert_eq!(m.runs[0].output_tokens_per_s, 5_174.0);
}

#[test]
fn every_bundled_deployment_reports_its_error_against_its_runs() {
    let c = Catalog::embedded().unwrap();
    for d in &c.deployments {
        let k = calibrate::deployment(&c, d).unwrap_or_else(|| panic!("{} has no calibration", d.key));
        assert_eq!(k.runs.len(), d.measured.as_ref().unwrap().runs.len());
        assert!(k.median_error.is_finite() && k.median_error <= k.worst_error, "{}", d.key);
        // Each error is predicted / published − 1 of that run, recomputed here.
        for r in &k.runs {
            assert!((r.error() - (r.predicted / r.measured - 1.0)).abs() < 1e-12);
        }
    }
}

#[test]
fn the_held_out_tensorrt_llm_rows_are_predicted_within_the_measured_accuracy() {
    // The accuracy this release reaches on the rows calibration never saw (every row of Llama
    // 3.1 405B, Mixtral 8x22B and Qwen3 30B-A3B, and every third row of the rest). The issue's
    // targets are median ≤ 15 %, p90 ≤ 45 %, ≤ 5 % of rows optimistic by more than 50 %: the
    // median is met, p90 and the optimistic share are not yet (docs/model.md says where it misses).
    let c = Catalog::embedded().unwrap();
    let (_, held) = calibrate::split(&measured());
    let engine = c.engine(EngineKind::TrtLlm).unwrap();
    let errors: Vec<f64> = held
        .iter()
        .filter(|m| m.engine == EngineKind::TrtLlm)
        .filter_map(|m| {
            calibrate::predicted(&c, m, engine).map(|p| p.output_tokens_per_s / m.output_tokens_per_s - 1.0)
        })
        .collect();
    assert!(errors.len() > 500, "{} held-out rows predicted", errors.len());
    let mut a: Vec<f64> = errors.iter().map(|e| e.abs()).collect();
    a.sort_by(f64::total_cmp);
    let optimistic = errors.iter().filter(|e| **e > 0.5).count() as f64 / errors.len() as f64;
    assert!(quantile(&a, 0.5) <= 0.15, "median {}", quantile(&a, 0.5));
    assert!(quantile(&a, 0.9) <= 0.55, "p90 {}", quantile(&a, 0.9));
    assert!(optimistic <= 0.08, "optimistic share {optimistic}");
}

#[test]
fn long_context_costs_what_it_costs() {
    // Llama 3.1 8B on one H100 (FP8, TensorRT-LLM): 20000/2000 must be far below 1000/1000; the
    // published 0.17 runs are 1,401 vs 15,245 tokens/s (a factor 10.9).
    let c = Catalog::embedded().unwrap();
    let m = |input: f64, output: f64| Measurement {
        engine: EngineKind::TrtLlm,
        version: "t".into(),
        model: "llama-3.1-8b".into(),
        gpu: "h100-sxm".into(),
        gpus: 1,
        parallel: infercast::catalog::Parallel::Tp,
        precision: infercast::catalog::Precision::Fp8,
        shape: infercast::model::serving::Shape { input, output },
        concurrency: None,
        output_tokens_per_s: 1.0,
        ttft_ms: None,
        itl_ms: None,
    };
    let e = c.engine(EngineKind::TrtLlm).unwrap();
    let long = calibrate::predicted(&c, &m(20_000.0, 2_000.0), e).unwrap().output_tokens_per_s;
    let short = calibrate::predicted(&c, &m(1_000.0, 1_000.0), e).unwrap().output_tokens_per_s;
    assert!(short / long > 5.0, "1000/1000 {short} vs 20000/2000 {long}");
}
