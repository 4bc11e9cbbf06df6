//! Self-hosting from physics (docs/model.md#self-hosting-from-physics): what one replica of a
//! model on some GPUs sustains, from the bytes a decode step reads over the memory bandwidth, the
//! FLOPs over the compute, the tensor-parallel traffic over the interconnect, and the KV cache
//! that fits beside the weights. Pure arithmetic on catalog figures.
pub mod calibrate;
mod operate;
mod replica;
#[cfg(test)]
mod tests;

pub use crate::scenario::Slo;
pub use operate::{Bound, Cap, Point, Step};
pub use replica::{Misfit, Replica};

use crate::catalog::{Engine, Gpu, OpenModel, Parallel, Precision};

/// What is deployed: a model on `gpus` GPUs, split into replicas of `tp` GPUs each.
#[derive(Debug, Clone, Copy)]
pub struct Setup<'a> {
    pub model: &'a OpenModel,
    pub gpu: &'a Gpu,
    pub engine: &'a Engine,
    pub precision: Precision,
    /// GPUs of the whole group.
    pub gpus: u32,
    /// GPUs of one replica (its tensor- or expert-parallel group).
    pub tp: u32,
    pub parallel: Parallel,
}

impl Setup<'_> {
    /// Replicas in the group.
    pub fn replicas(&self) -> u32 {
        self.gpus / self.tp.max(1)
    }
}

/// One request's length: input (prompt) and output tokens.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shape {
    pub input: f64,
    pub output: f64,
}

/// A whole group's prediction at one concurrency.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prediction {
    /// Output tokens per second of the whole group.
    pub output_tokens_per_s: f64,
    /// Requests in flight across the group.
    pub concurrency: f64,
    pub ttft_ms: f64,
    pub itl_ms: f64,
    /// Requests completed per second across the group.
    pub requests_per_s: f64,
    /// KV-cache tokens one replica holds.
    pub kv_capacity_tokens: f64,
    /// The point one replica runs at.
    pub replica: Point,
}

/// The group at `concurrency` requests in flight (spread evenly over the replicas), or at the
/// offline maximum (every replica's batch full) when `None`.
pub fn predict(setup: &Setup, shape: Shape, concurrency: Option<f64>) -> Result<Prediction, Misfit> {
    let replica = Replica::new(setup)?;
    let n = f64::from(setup.replicas());
    let point = match concurrency {
        Some(c) => replica.at(shape, c / n)?,
        None => replica.offline(shape)?,
    };
    Ok(Prediction {
        output_tokens_per_s: point.output_tokens_per_s * n,
        concurrency: point.concurrency * n,
        ttft_ms: point.ttft_s * 1e3,
        itl_ms: point.itl_s * 1e3,
        requests_per_s: point.requests_per_s * n,
        kv_capacity_tokens: replica.kv_capacity_tokens(),
        replica: point,
    })
}
