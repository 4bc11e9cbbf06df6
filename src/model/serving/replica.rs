//! One replica's memory and step times (docs/model.md#self-hosting-from-physics).
use super::{Setup, Shape};
use crate::catalog::{Engine, Precision};

/// Why a setup cannot run.
#[derive(Debug, Clone, PartialEq)]
pub enum Misfit {
    /// The GPU has no tensor throughput at the precision.
    Precision { has: Vec<&'static str> },
    /// `tp` does not divide `gpus`, or one is zero.
    Split { gpus: u32, tp: u32 },
    /// The weights do not fit the replica's GPU memory.
    Memory { weights_gb: f64, usable_gb: f64 },
    /// Not even one request of the shape fits the KV cache beside the weights.
    Sequence { tokens: f64, capacity_tokens: f64 },
    /// The request is longer than the model's context.
    Context { tokens: f64, max_context: u64 },
}

/// A replica's derived constants: bytes, FLOP rates and the KV pool.
#[derive(Debug, Clone)]
pub struct Replica<'a> {
    pub(super) engine: &'a Engine,
    pub(super) gpus: f64,
    /// Bytes per second the replica's GPUs read at the engine's efficiency.
    pub(super) bandwidth: f64,
    /// FLOP/s at the engine's efficiency.
    pub(super) flops: f64,
    /// FLOP/s of attention (16-bit) at the engine's efficiency.
    pub(super) attention_flops: f64,
    /// One direction of one GPU's link, bytes/s.
    pub(super) link: f64,
    pub(super) weight_bytes: f64,
    /// Weights every step reads whatever the batch (all of a dense model; a MoE's shared part).
    shared_bytes: f64,
    /// Bytes of all routed experts; `experts`, `per_token`.
    expert_bytes: f64,
    experts: Option<(f64, f64)>,
    /// Active parameters outside and inside the routed experts.
    pub(super) dense_params: f64,
    pub(super) expert_params: f64,
    layers: f64,
    window: Option<(f64, f64)>,
    /// KV bytes per token per layer, replication across the replica's GPUs included.
    kv_token_layer: f64,
    /// FLOPs of attention per token per unit of context per layer: 4 · heads · head_dim.
    attention: f64,
    pub(super) hidden: f64,
    pub(super) kv_pool_bytes: f64,
    pub(super) max_context: u64,
}

impl<'a> Replica<'a> {
    pub fn new(s: &Setup<'a>) -> Result<Self, Misfit> {
        if s.tp == 0 || s.gpus == 0 || !s.gpus.is_multiple_of(s.tp) {
            return Err(Misfit::Split { gpus: s.gpus, tp: s.tp });
        }
        let Some(tflops) = s.gpu.tflops.get(&s.precision) else {
            use crate::keyword::Keyword;
            return Err(Misfit::Precision { has: s.gpu.tflops.keys().map(|p| p.as_str()).collect() });
        };
        let (m, t) = (s.model, f64::from(s.tp));
        let weight_bytes = m.weight_bytes(s.precision);
        let memory = t * s.gpu.memory_gb * 1e9;
        if weight_bytes >= memory {
            return Err(Misfit::Memory { weights_gb: weight_bytes / 1e9, usable_gb: memory / 1e9 });
        }
        // Attention runs at 16-bit tensor rate whatever the weights' precision.
        let sixteen = s.gpu.tflops.get(&Precision::Bf16).or(s.gpu.tflops.get(&Precision::Fp16)).unwrap_or(tflops);
        let (shared_params, expert_all, expert_active, experts) =
            split_params(m.params_b, m.active_params_b, m.experts);
        Ok(Replica {
            engine: s.engine,
            gpus: t,
            bandwidth: t * s.gpu.memory_bandwidth_gb_s * 1e9 * s.engine.bandwidth_efficiency,
            flops: t * tflops * 1e12 * s.engine.compute_efficiency,
            attention_flops: t * sixteen * 1e12 * s.engine.compute_efficiency,
            link: s.gpu.interconnect_gb_s * 1e9 / 2.0,
            weight_bytes,
            shared_bytes: shared_params * s.precision.weight_bytes(),
            expert_bytes: expert_all * s.precision.weight_bytes(),
            experts,
            dense_params: (m.active_params_b * 1e9 - expert_active).max(0.0),
            expert_params: expert_active,
            layers: f64::from(m.layers),
            window: m.window.map(|(l, w)| (f64::from(l), w as f64)),
            kv_token_layer: m.kv_bytes_per_token_layer(s.precision, s.parallel, s.tp),
            attention: 4.0 * f64::from(m.attention_heads) * f64::from(m.head_dim),
            hidden: f64::from(m.hidden_size),
            // The engine takes its fraction of the memory the weights leave free.
            kv_pool_bytes: m.kv_pool_bytes(s.gpu, s.engine, s.precision, s.tp),
            max_context: m.max_context,
        })
    }

    /// Bytes of the weights the replica holds.
    pub fn weight_bytes(&self) -> f64 {
        self.weight_bytes
    }

    /// Token-layers of KV one sequence of `tokens` holds (window layers keep the window only).
    fn token_layers(&self, tokens: f64) -> f64 {
        match self.window {
            Some((wl, w)) => (self.layers - wl) * tokens + wl * tokens.min(w),
            None => self.layers * tokens,
        }
    }

    /// KV-cache bytes a decode step reads for one sequence of `tokens` (window layers read their
    /// window only).
    pub fn kv_bytes(&self, tokens: f64) -> f64 {
        self.token_layers(tokens) * self.kv_token_layer
    }

    /// KV-cache bytes one sequence of `tokens` holds: engines page every layer's cache alike, so
    /// window layers hold the whole sequence too (the published runs of windowed models show no
    /// saving).
    pub fn kv_held(&self, tokens: f64) -> f64 {
        self.layers * tokens * self.kv_token_layer
    }

    /// Bytes of memory the engine gives the KV cache: its fraction of what the weights leave.
    pub fn kv_pool_bytes(&self) -> f64 {
        self.kv_pool_bytes
    }

    /// Tokens of full-attention context the KV pool holds.
    pub fn kv_capacity_tokens(&self) -> f64 {
        (self.kv_pool_bytes / (self.layers * self.kv_token_layer)).floor()
    }

    /// Sequences of `shape` the engine can hold at once: the KV pool reserving each its whole
    /// input + output (no eviction), and the engine's batch limit.
    pub fn batch_limit(&self, shape: Shape) -> Result<(f64, bool), Misfit> {
        let tokens = shape.input + shape.output;
        if tokens > self.max_context as f64 {
            return Err(Misfit::Context { tokens, max_context: self.max_context });
        }
        let fits = (self.kv_pool_bytes / self.kv_held(tokens)).floor();
        if fits < 1.0 {
            return Err(Misfit::Sequence { tokens, capacity_tokens: self.kv_capacity_tokens() });
        }
        let engine = f64::from(self.engine.max_batch);
        Ok(if fits < engine { (fits, true) } else { (engine, false) })
    }

    /// Weight bytes a decode step over `batch` tokens reads: the shared weights, and each routed
    /// expert at least one token chose: a share 1 − (1 − k/E)^batch of them.
    pub(super) fn weights_read(&self, batch: f64) -> f64 {
        match self.experts {
            Some((e, k)) => self.shared_bytes + self.expert_bytes * (1.0 - (1.0 - k / e).powf(batch)),
            None => self.weight_bytes,
        }
    }

    /// Seconds of attention for one token attending over `context` tokens, every layer.
    pub(super) fn attention_time(&self, context: f64) -> f64 {
        self.attention * self.token_layers(context) / self.attention_flops
    }

    /// Seconds of two all-reduces per layer over `tokens` tokens of hidden state (16-bit),
    /// ring algorithm: 2(t−1)/t of the bytes cross each link, plus a fixed latency each.
    pub(super) fn collectives(&self, tokens: f64) -> f64 {
        if self.gpus <= 1.0 {
            return 0.0;
        }
        let bytes = tokens * self.hidden * 2.0;
        2.0 * self.layers
            * (self.engine.collective_latency_us * 1e-6 + 2.0 * (self.gpus - 1.0) / self.gpus * bytes / self.link)
    }
}

/// (shared params, all routed-expert params, active routed-expert params, (E, k)) of a model,
/// in parameters. With T = S + E·e total and A = S + k·e active: e = (T − A)/(E − k).
fn split_params(total_b: f64, active_b: f64, experts: Option<(u32, u32)>) -> (f64, f64, f64, Option<(f64, f64)>) {
    let (t, a) = (total_b * 1e9, active_b * 1e9);
    match experts {
        Some((e, k)) if e > k && t > a => {
            let (e, k) = (f64::from(e), f64::from(k));
            let each = (t - a) / (e - k);
            (t - e * each, e * each, k * each, Some((e, k)))
        }
        _ => (t, 0.0, 0.0, None),
    }
}
