//! A replica in steady state at a concurrency: step time, tokens/s, TTFT, inter-token latency,
//! and the largest concurrency that meets a service-level objective.
use super::{Misfit, Replica, Shape};
use crate::scenario::Slo;

/// A decode step's time, by what it spends it on (seconds).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Step {
    /// Weights and KV cache read over the memory bandwidth.
    pub memory: f64,
    /// Matrix and attention FLOPs, this step's share of new requests' prefill included.
    pub compute: f64,
    /// Tensor-parallel all-reduces.
    pub interconnect: f64,
    /// Host and launch time.
    pub overhead: f64,
}

impl Step {
    pub fn total(&self) -> f64 {
        self.memory + self.compute + self.interconnect + self.overhead
    }

    /// The part that takes longest.
    pub fn bound(&self) -> Bound {
        let parts = [
            (self.memory, Bound::MemoryBandwidth),
            (self.compute, Bound::Compute),
            (self.interconnect, Bound::Interconnect),
            (self.overhead, Bound::HostOverhead),
        ];
        parts.iter().fold(parts[0], |a, b| if b.0 > a.0 { *b } else { a }).1
    }
}

/// What a step's time mostly goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Bound {
    MemoryBandwidth,
    Compute,
    Interconnect,
    HostOverhead,
}

/// What caps the batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cap {
    /// The KV cache beside the weights holds no more sequences.
    KvCache,
    /// The engine's batch limit.
    EngineBatch,
    /// The concurrency asked for (or the SLO's) is below both.
    Requested,
}

/// One replica at one concurrency.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// Requests in flight (queued ones included).
    pub concurrency: f64,
    /// Sequences decoding together.
    pub batch: f64,
    pub output_tokens_per_s: f64,
    pub requests_per_s: f64,
    pub ttft_s: f64,
    pub itl_s: f64,
    /// Time to first token plus every further token.
    pub latency_s: f64,
    pub step: Step,
    pub bound: Bound,
    pub cap: Cap,
}

impl Replica<'_> {
    /// A decode step over `batch` sequences of mean context `context`, with `prefill_s` of
    /// prefill compute folded in.
    pub fn step(&self, batch: f64, context: f64, prefill_s: f64) -> Step {
        let e = self.engine;
        let memory = (self.weights_read(batch) + batch * self.kv_bytes(context)) / self.bandwidth;
        let dense = 2.0 * batch * self.dense_params;
        let experts = 2.0 * batch * self.expert_params / e.moe_efficiency;
        Step {
            memory,
            compute: (dense + experts) / self.flops + batch * self.attention_time(context) + prefill_s,
            interconnect: self.collectives(batch),
            overhead: e.step_overhead_ms * 1e-3 + e.sequence_overhead_us * 1e-6 * batch,
        }
    }

    /// Seconds to prefill one request of `input` tokens: its FLOPs over the compute (causal
    /// attention over half the prompt on average), or reading the weights once if longer.
    pub fn prefill(&self, input: f64) -> f64 {
        let flops = 2.0 * input * (self.dense_params + self.expert_params);
        let compute = flops / self.flops + input * self.attention_time(input) / 2.0;
        compute.max(self.weight_bytes / self.bandwidth) + self.collectives(input)
    }

    /// Steady state with `concurrency` requests in flight (closed loop: each finished request is
    /// replaced at once). Beyond the batch limit the rest wait in a queue.
    pub fn at(&self, shape: Shape, concurrency: f64) -> Result<Point, Misfit> {
        let (limit, by_kv) = self.batch_limit(shape)?;
        let batch = concurrency.clamp(f64::MIN_POSITIVE, limit);
        let cap = if concurrency < limit { Cap::Requested } else if by_kv { Cap::KvCache } else { Cap::EngineBatch };
        let prefill = self.prefill(shape.input);
        let context = shape.input + shape.output / 2.0;
        // Each step decodes `batch` tokens; batch/output requests finish per step and as many
        // prefills join it.
        let step = self.step(batch, context, batch / shape.output * prefill);
        let itl = step.total();
        let tokens_per_s = batch / itl;
        let requests_per_s = tokens_per_s / shape.output;
        // A new prompt is prefilled in chunks, one per step, each step also decoding the batch;
        // it waits behind other prompts as an M/D/1 queue with the prefill share of time as load.
        let chunks = (shape.input / self.engine_chunk()).ceil().max(1.0);
        let decode_only = itl - batch / shape.output * prefill;
        let load = (requests_per_s * prefill).min(0.95);
        let own = prefill + chunks * decode_only + load / (2.0 * (1.0 - load)) * prefill;
        let served = own + (shape.output - 1.0).max(0.0) * itl;
        let queued = (concurrency.max(batch) / requests_per_s - served).max(0.0);
        let ttft = own + queued;
        Ok(Point {
            concurrency: concurrency.max(batch),
            batch,
            output_tokens_per_s: tokens_per_s,
            requests_per_s,
            ttft_s: ttft,
            itl_s: itl,
            latency_s: ttft + (shape.output - 1.0).max(0.0) * itl,
            step,
            bound: step.bound(),
            cap,
        })
    }

    /// Prompt tokens prefilled per step.
    fn engine_chunk(&self) -> f64 {
        f64::from(self.engine.prefill_chunk_tokens.max(1))
    }

    /// The offline maximum: the batch as full as the KV cache and the engine allow.
    pub fn offline(&self, shape: Shape) -> Result<Point, Misfit> {
        let (limit, _) = self.batch_limit(shape)?;
        self.at(shape, limit)
    }

    /// The largest whole concurrency (at least 1) whose point meets `slo`, and that point;
    /// `None` when even one request alone misses it.
    pub fn within(&self, shape: Shape, slo: &Slo) -> Result<Option<Point>, Misfit> {
        let (limit, _) = self.batch_limit(shape)?;
        let meets = |p: &Point| {
            slo.ttft_ms.is_none_or(|t| p.ttft_s * 1e3 <= t)
                && slo.tokens_per_s.is_none_or(|r| 1.0 / p.itl_s >= r)
                && slo.latency_s.is_none_or(|l| p.latency_s <= l)
        };
        let first = self.at(shape, 1.0)?;
        if !meets(&first) {
            return Ok(None);
        }
        // Every figure grows with the batch, so the largest batch that meets the SLO is found by
        // bisection over 1..=limit.
        let (mut lo, mut hi) = (1.0_f64, limit.max(1.0));
        let mut best = first;
        if let Ok(p) = self.at(shape, hi) {
            if meets(&p) {
                return Ok(Some(p));
            }
        }
        while hi - lo > 1.0 {
            let mid = ((lo + hi) / 2.0).floor();
            let p = self.at(shape, mid)?;
            if meets(&p) {
                lo = mid;
                best = p;
            } else {
                hi = mid;
            }
        }
        Ok(Some(best))
    }
}
