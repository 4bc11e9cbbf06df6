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
