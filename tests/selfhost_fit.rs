//! The bundled catalog's deployments are fitted over every published run of their table.
use infercast::catalog::{Catalog, RunsUnit};

fn near(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * b.abs()
}

#[test]
fn llama_3_3_70b_on_h200_is_the_least_squares_fit_of_its_five_runs() {
    // TensorRT-LLM 1.x perf overview, Llama 3.3 70B, H200 TP2 (FP8), output tok/s PER GPU:
    //   1000/1000 2,587; 1024/1024 2,582; 1024/8192 2,009; 8192/1024 537; 32768/1024 120.
    // Rows (u, v) = (T·in/out, T), target 1 (relative residuals):
    //   (2587, 2587), (2582, 2582), (251.125, 2009), (4296, 537), (3840, 120).
    // Σu² = 46,623,572.77   Σuv = 16,631,555.13   Σv² = 17,698,143   Σu = 13,556.125   Σv = 7,835
    // det = Σu²·Σv² − (Σuv)² = 5.48542e14
    // a = (Σu·Σv² − Σv·Σuv) / det = 1.998206e-4 s/token → P = 5,004.5 per GPU
    // b = (Σu²·Σv − Σuv·Σu) / det = 2.549235e-4 s/token → D = 3,922.7 per GPU
    // × 8 GPUs of p5en.48xlarge: P = 40,035.9, D = 31,382.0 tokens/s.
    // Fitted / published = 1/(u·a + v·b): 1024/8192 gives 1/(0.050180 + 0.512141) = 1.7783, the
    // worst of the five: fit_error = 0.7783.
    let c = Catalog::embedded().unwrap();
    let d = c.deployment("llama-3.3-70b@p5en.48xlarge").expect("in the bundled catalog");
    assert!(near(d.prefill_tokens_per_s, 40_035.9, 1e-5), "{}", d.prefill_tokens_per_s);
    assert!(near(d.decode_tokens_per_s, 31_382.0, 1e-5), "{}", d.decode_tokens_per_s);
    let f = d.fitted.as_ref().expect("fitted to runs");
    assert_eq!((f.runs.len(), f.unit, f.gpus_per_run), (5, RunsUnit::PerGpu, Some(2)));
    assert!(near(f.fit_error, 0.7783, 1e-4), "{}", f.fit_error);
}

#[test]
fn every_bundled_deployment_is_fitted_and_lists_its_error() {
    let c = Catalog::embedded().unwrap();
    assert!(!c.deployments.is_empty());
    for d in &c.deployments {
        let f = d.fitted.as_ref().unwrap_or_else(|| panic!("{} has no runs", d.key));
        assert!(f.runs.len() >= 2, "{}", d.key);
        // A linear model against real tables is never exact; 0 would mean a two-run solve.
        assert!(f.fit_error > 0.01 && f.fit_error.is_finite(), "{}: {}", d.key, f.fit_error);
    }
    // Scenarios use these keys.
    for key in ["llama-3.1-8b@p5.4xlarge", "llama-3.1-8b@g6e.xlarge"] {
        assert!(c.deployment(key).is_some(), "{key}");
    }
}
