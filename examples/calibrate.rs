//! Fits each engine's efficiency constants (pricing/serving.toml) to the calibration half of the
//! published measurements in pricing/measured/, and prints the errors on both halves
//! (docs/model.md#calibration-and-accuracy). `cargo run --release --example calibrate`.
use infercast::catalog::{Catalog, EngineKind};
use infercast::keyword::Keyword;
use infercast::model::serving::calibrate::{self, Measurement, quantile};

fn main() {
    let catalog = Catalog::embedded().expect("the bundled catalog loads");
    let (fit_rows, held) = infercast::model::serving::calibrate::split(&load());
    for kind in EngineKind::ALL {
        let Some(start) = catalog.engine(*kind) else { continue };
        let mine: Vec<Measurement> = fit_rows.iter().filter(|m| m.engine == *kind).cloned().collect();
        if mine.is_empty() {
            continue;
        }
        let e = if std::env::args().any(|a| a == "--no-fit") {
            start.clone()
        } else {
            calibrate::fit(&catalog, &mine, start)
        };
        if std::env::args().any(|a| a == "--rows") {
            rows(&catalog, &mine, &e);
        }
        println!(
            "{}: bandwidth_efficiency = {:.3}, compute_efficiency = {:.3}, moe_efficiency = {:.3}, step_overhead_ms = {:.3}, sequence_overhead_us = {:.3}, collective_latency_us = {:.3}",
            kind.as_str(),
            e.bandwidth_efficiency,
            e.compute_efficiency,
            e.moe_efficiency,
            e.step_overhead_ms,
            e.sequence_overhead_us,
            e.collective_latency_us
        );
        for (name, rows) in
            [("calibration", &mine), ("validation", &held.iter().filter(|m| m.engine == *kind).cloned().collect())]
        {
            report(name, &catalog, rows, &e);
        }
    }
}

fn report(name: &str, catalog: &Catalog, rows: &[Measurement], e: &infercast::catalog::Engine) {
    let predicted: Vec<(&Measurement, infercast::model::serving::Prediction)> =
        rows.iter().filter_map(|m| calibrate::predicted(catalog, m, e).map(|p| (m, p))).collect();
    let errs: Vec<f64> = predicted.iter().map(|(m, p)| p.output_tokens_per_s / m.output_tokens_per_s - 1.0).collect();
    let optimistic = errs.iter().filter(|x| **x > 0.5).count();
    let dense: Vec<f64> = predicted
        .iter()
        .filter(|(m, _)| catalog.open_model(&m.model).is_some_and(|o| o.experts.is_none()))
        .map(|(m, p)| p.output_tokens_per_s / m.output_tokens_per_s - 1.0)
        .collect();
    // TTFT of an offline run (every request queued at once) depends on how many were queued, which
    // the tables do not all give: only runs held to a concurrency count.
    let ttft: Vec<f64> = predicted
        .iter()
        .filter(|(m, _)| m.concurrency.is_some())
        .filter_map(|(m, p)| m.ttft_ms.map(|t| p.ttft_ms / t - 1.0))
        .collect();
    let itl: Vec<f64> = predicted.iter().filter_map(|(m, p)| m.itl_ms.map(|t| p.itl_ms / t - 1.0)).collect();
    println!(
        "  {name}: {} of {} rows predicted; |error| median {:.1} %, p90 {:.1} %; optimistic by > 50 %: {} ({:.1} %); \
         dense median {:.1} % ({} rows); TTFT median {:.1} % ({} rows); ITL median {:.1} % ({} rows)",
        errs.len(),
        rows.len(),
        100.0 * abs_quantile(&errs, 0.5),
        100.0 * abs_quantile(&errs, 0.9),
        optimistic,
        100.0 * optimistic as f64 / errs.len().max(1) as f64,
        100.0 * abs_quantile(&dense, 0.5),
        dense.len(),
        100.0 * abs_quantile(&ttft, 0.5),
        ttft.len(),
        100.0 * abs_quantile(&itl, 0.5),
        itl.len()
    );
}

/// The q-quantile of |errors|.
fn abs_quantile(errors: &[f64], q: f64) -> f64 {
    let mut a: Vec<f64> = errors.iter().map(|x| x.abs()).collect();
    a.sort_by(f64::total_cmp);
    quantile(&a, q)
}

fn load() -> Vec<Measurement> {
    let mut out = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir("pricing/measured")
        .expect("run from the repository root")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    paths.sort();
    for p in paths.iter().filter(|p| p.extension().is_some_and(|e| e == "csv")) {
        let text = std::fs::read_to_string(p).unwrap();
        match calibrate::read_measurements(&text) {
            Ok(rows) => out.extend(rows),
            Err(e) => eprintln!("{}: {e}", p.display()),
        }
    }
    out
}

/// With `--rows`: every row's error, for diagnosis.
pub fn rows(catalog: &Catalog, rows: &[Measurement], e: &infercast::catalog::Engine) {
    for m in rows {
        if let Some(p) = calibrate::predicted(catalog, m, e) {
            if std::env::args().any(|a| a == "--ttft") {
                if let Some(t) = m.ttft_ms {
                    println!(
                        "ttft {:>7.1}% {} {} {} x{} {}/{} c={:?} pred {:.0} meas {:.0} batch {:.0} itl pred {:.1} meas {:?}",
                        100.0 * (p.ttft_ms / t - 1.0),
                        m.version,
                        m.model,
                        m.gpu,
                        m.gpus,
                        m.shape.input,
                        m.shape.output,
                        m.concurrency,
                        p.ttft_ms,
                        t,
                        p.replica.batch,
                        p.itl_ms,
                        m.itl_ms
                    );
                }
                continue;
            }
            println!(
                "{:>6.1}% {} {} {} x{} {:?} {:?} {}/{} c={:?} pred {:.0} meas {:.0} batch {:.0} cap {:?} bound {:?}",
                100.0 * (p.output_tokens_per_s / m.output_tokens_per_s - 1.0),
                m.version,
                m.model,
                m.gpu,
                m.gpus,
                m.parallel,
                m.precision,
                m.shape.input,
                m.shape.output,
                m.concurrency,
                p.output_tokens_per_s,
                m.output_tokens_per_s,
                p.replica.batch,
                p.replica.cap,
                p.replica.bound
            );
        }
    }
}
