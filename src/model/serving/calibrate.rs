//! How far the physics model is from published measurements: per deployment (its catalog runs)
//! and over a table of measurements (docs/model.md#calibration-and-accuracy).
use super::{Setup, Shape, predict};
use crate::catalog::{Catalog, Deployment, Engine, EngineKind, Measured, Parallel, Precision};

/// One published run against the prediction.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunError {
    pub input_tokens: f64,
    pub output_tokens: f64,
    /// Output tokens/s, as published (one replica) and as predicted.
    pub measured: f64,
    pub predicted: f64,
}

impl RunError {
    /// predicted / measured − 1: above zero when the model is optimistic.
    pub fn error(&self) -> f64 {
        self.predicted / self.measured - 1.0
    }
}

/// A deployment's prediction against its published runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    pub runs: Vec<RunError>,
    /// Median of |error| over the runs.
    pub median_error: f64,
    /// Largest |error|.
    pub worst_error: f64,
}

/// Median and largest of |errors| (0 for none).
pub fn summary(errors: &[f64]) -> (f64, f64) {
    let mut a: Vec<f64> = errors.iter().map(|e| e.abs()).collect();
    a.sort_by(f64::total_cmp);
    (quantile(&a, 0.5), a.last().copied().unwrap_or(0.0))
}

/// The q-quantile of sorted values, interpolated linearly between ranks (0 for none).
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    match sorted.len() {
        0 => 0.0,
        n => {
            let x = q * (n - 1) as f64;
            let (lo, hi) = (x.floor() as usize, x.ceil() as usize);
            sorted[lo] + (sorted[hi] - sorted[lo]) * (x - lo as f64)
        }
    }
}

/// The deployment's offline prediction at each of its runs, one replica; `None` without runs
/// or when the catalog lacks a spec it names (refused when the catalog loads).
pub fn deployment(catalog: &Catalog, d: &Deployment) -> Option<Calibration> {
    let instance = catalog.instance(&d.instance)?;
    let setup = Setup {
        model: catalog.open_model(&d.open_model)?,
        gpu: catalog.gpu(&instance.gpu)?,
        engine: catalog.engine(d.engine)?,
        precision: d.precision,
        gpus: d.gpus_per_replica,
        tp: d.gpus_per_replica,
        parallel: d.parallel,
    };
    against(&setup, d.measured.as_ref()?)
}

/// A self-hosted option's deployment against its runs.
pub fn self_hosted(sh: &crate::scenario::SelfHosted) -> Option<Calibration> {
    let setup = Setup {
        gpus: sh.deployment.gpus_per_replica,
        ..crate::model::offers::selfhost::setup(sh)
    };
    against(&setup, sh.deployment.measured.as_ref()?)
}

/// One replica's offline prediction at each published run; `None` when a run cannot run.
fn against(setup: &Setup, measured: &Measured) -> Option<Calibration> {
    let runs = measured
        .runs
        .iter()
        .map(|r| {
            let shape = Shape { input: r.input_tokens, output: r.output_tokens };
            let p = predict(setup, shape, None).ok()?;
            Some(RunError {
                input_tokens: r.input_tokens,
                output_tokens: r.output_tokens,
                measured: r.output_tokens_per_s,
                predicted: p.output_tokens_per_s,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let (median_error, worst_error) = summary(&runs.iter().map(RunError::error).collect::<Vec<_>>());
    Some(Calibration { runs, median_error, worst_error })
}

/// One published measurement of a whole group (`pricing/measured/*.csv`, one row).
#[derive(Debug, Clone, PartialEq)]
pub struct Measurement {
    pub engine: EngineKind,
    pub version: String,
    pub model: String,
    pub gpu: String,
    pub gpus: u32,
    pub parallel: Parallel,
    pub precision: Precision,
    pub shape: Shape,
    /// Requests in flight; `None`: offline maximum.
    pub concurrency: Option<f64>,
    /// Output tokens/s of the whole group.
    pub output_tokens_per_s: f64,
    pub ttft_ms: Option<f64>,
    pub itl_ms: Option<f64>,
}

/// A measurement against the prediction with `engine`'s constants; `None` when the catalog
/// lacks the model or GPU, or the setup cannot run.
pub fn predicted(catalog: &Catalog, m: &Measurement, engine: &Engine) -> Option<super::Prediction> {
    let setup = Setup {
        model: catalog.open_model(&m.model)?,
        gpu: catalog.gpu(&m.gpu)?,
        engine,
        precision: m.precision,
        gpus: m.gpus,
        tp: m.gpus,
        parallel: m.parallel,
    };
    predict(&setup, m.shape, m.concurrency).ok()
}

/// The rows of one `pricing/measured/*.csv` file (`#` lines are comments). Rows whose model or
/// GPU the catalog lacks are kept: [`predicted`] skips them.
pub fn read_measurements(text: &str) -> Result<Vec<Measurement>, String> {
    use crate::keyword::Keyword;
    let mut reader = csv::ReaderBuilder::new().comment(Some(b'#')).from_reader(text.as_bytes());
    let mut out = Vec::new();
    for (i, row) in reader.deserialize::<Row>().enumerate() {
        let r = row.map_err(|e| format!("row {}: {e}", i + 1))?;
        let bad = |what: &str| format!("row {}: unknown {what}", i + 1);
        let per_gpu = match r.unit.as_str() {
            "per-gpu" => true,
            "per-group" => false,
            _ => return Err(bad("unit")),
        };
        out.push(Measurement {
            engine: EngineKind::parse(&r.engine).ok_or_else(|| bad("engine"))?,
            version: r.version,
            model: r.model,
            gpu: r.gpu,
            gpus: r.gpus,
            parallel: if r.parallel.starts_with("DEP") { Parallel::Dep } else { Parallel::Tp },
            precision: Precision::parse(&r.precision).ok_or_else(|| bad("precision"))?,
            shape: Shape { input: r.input, output: r.output },
            concurrency: r.concurrency,
            output_tokens_per_s: r.published_tokens_per_s * if per_gpu { f64::from(r.gpus) } else { 1.0 },
            ttft_ms: r.ttft_ms,
            itl_ms: r.itl_ms,
        });
    }
    Ok(out)
}

#[derive(serde::Deserialize)]
struct Row {
    engine: String,
    version: String,
    model: String,
    gpu: String,
    gpus: u32,
    parallel: String,
    precision: String,
    input: f64,
    output: f64,
    concurrency: Option<f64>,
    published_tokens_per_s: f64,
    unit: String,
    ttft_ms: Option<f64>,
    itl_ms: Option<f64>,
}

/// log(predicted / measured) of each figure a measurement publishes (throughput, and TTFT and
/// inter-token latency where given); empty when it cannot be predicted.
pub fn log_errors(catalog: &Catalog, m: &Measurement, engine: &Engine) -> Vec<f64> {
    let Some(p) = predicted(catalog, m, engine) else { return Vec::new() };
    let mut out = vec![(p.output_tokens_per_s / m.output_tokens_per_s).ln()];
    out.extend(m.ttft_ms.filter(|t| *t > 0.0).map(|t| (p.ttft_ms / t).ln()));
    out.extend(m.itl_ms.filter(|t| *t > 0.0).map(|t| (p.itl_ms / t).ln()));
    out.retain(|e| e.is_finite());
    out
}

/// The engine's six efficiency constants that minimise the mean Huber loss of the log errors
/// over `rows` (Nelder–Mead on their logarithms, from `start`); the engine settings stay.
pub fn fit(catalog: &Catalog, rows: &[Measurement], start: &Engine) -> Engine {
    let with = |x: &[f64]| Engine {
        bandwidth_efficiency: x[0].exp().min(1.0),
        compute_efficiency: x[1].exp().min(1.0),
        moe_efficiency: x[2].exp().min(1.0),
        step_overhead_ms: x[3].exp(),
        sequence_overhead_us: x[4].exp(),
        collective_latency_us: x[5].exp(),
        ..start.clone()
    };
    let loss = |x: &[f64]| {
        let e = with(x);
        let errors: Vec<f64> = rows.iter().flat_map(|m| log_errors(catalog, m, &e)).collect();
        let huber = |r: f64| if r.abs() < 0.2 { r * r / 2.0 } else { 0.2 * (r.abs() - 0.1) };
        errors.iter().map(|r| huber(*r)).sum::<f64>() / errors.len().max(1) as f64
    };
    let x0 = [
        start.bandwidth_efficiency.ln(),
        start.compute_efficiency.ln(),
        start.moe_efficiency.ln(),
        start.step_overhead_ms.max(1e-3).ln(),
        start.sequence_overhead_us.max(1e-3).ln(),
        start.collective_latency_us.max(1e-3).ln(),
    ];
    with(&nelder_mead(&loss, &x0, 0.3, 600))
}

/// Minimises `f` from `x0` with simplex steps of `step`, `iterations` times (the standard
/// reflection / expansion / contraction / shrink coefficients 1, 2, ½, ½).
fn nelder_mead(f: &dyn Fn(&[f64]) -> f64, x0: &[f64], step: f64, iterations: usize) -> Vec<f64> {
    let n = x0.len();
    let mut simplex: Vec<(Vec<f64>, f64)> = (0..=n)
        .map(|i| {
            let mut x = x0.to_vec();
            if i > 0 {
                x[i - 1] += step;
            }
            let v = f(&x);
            (x, v)
        })
        .collect();
    let along = |a: &[f64], b: &[f64], t: f64| a.iter().zip(b).map(|(p, q)| p + t * (q - p)).collect::<Vec<f64>>();
    for _ in 0..iterations {
        simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
        let centroid: Vec<f64> = (0..n).map(|j| simplex[..n].iter().map(|p| p.0[j]).sum::<f64>() / n as f64).collect();
        let worst = simplex[n].clone();
        let reflected = along(&centroid, &worst.0, -1.0);
        let fr = f(&reflected);
        if fr < simplex[0].1 {
            let expanded = along(&centroid, &worst.0, -2.0);
            let fe = f(&expanded);
            simplex[n] = if fe < fr { (expanded, fe) } else { (reflected, fr) };
        } else if fr < simplex[n - 1].1 {
            simplex[n] = (reflected, fr);
        } else {
            let contracted = along(&centroid, &worst.0, 0.5);
            let fc = f(&contracted);
            if fc < worst.1 {
                simplex[n] = (contracted, fc);
            } else {
                let best = simplex[0].0.clone();
                for p in simplex.iter_mut().skip(1) {
                    p.0 = along(&best, &p.0, 0.5);
                    p.1 = f(&p.0);
                }
            }
        }
    }
    simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
    simplex.swap_remove(0).0
}

/// The held-out validation set: every measurement of the models in [`HELD_OUT_MODELS`] and every
/// third of the rest (by order), for models and configurations the constants never saw.
pub fn split(rows: &[Measurement]) -> (Vec<Measurement>, Vec<Measurement>) {
    let (mut fit, mut held) = (Vec::new(), Vec::new());
    for (i, m) in rows.iter().enumerate() {
        if HELD_OUT_MODELS.contains(&m.model.as_str()) || i % 3 == 2 {
            held.push(m.clone());
        } else {
            fit.push(m.clone());
        }
    }
    (fit, held)
}

/// Models whose every measurement is held out of calibration.
pub const HELD_OUT_MODELS: &[&str] = &["llama-3.1-405b", "mixtral-8x22b", "qwen3-30b-a3b"];
