//! The JSON of `throughput`: schema `infercast/throughput-v1`, derived with serde.
use super::Query;
use crate::catalog::{Engine, EngineKind, Gpu, OpenModel, Parallel, Precision, Provenance};
use crate::model::serving::{Bound, Cap};
use serde::Serialize;

/// `infercast/throughput-v1`.
#[derive(Serialize)]
pub(super) struct Document<'a> {
    schema: &'static str,
    model: &'a str,
    model_name: &'a str,
    gpu: &'a str,
    gpu_name: &'a str,
    gpus: u32,
    tp: u32,
    replicas: u32,
    parallel: Parallel,
    precision: Precision,
    precision_defaulted: bool,
    engine: EngineKind,
    input_tokens: f64,
    output_tokens: f64,
    requested_concurrency: Option<f64>,
    output_tokens_per_s: f64,
    per_user_tokens_per_s: f64,
    ttft_ms: f64,
    itl_ms: f64,
    requests_per_s: f64,
    concurrency: f64,
    concurrency_per_replica: f64,
    batch_per_replica: f64,
    concurrency_cap: Cap,
    kv_capacity_tokens: f64,
    weights_gb: f64,
    kv_cache_gb: f64,
    bound: Bound,
    step_ms: StepMs,
    basis: Basis<'a>,
}

#[derive(Serialize)]
struct StepMs {
    memory: f64,
    compute: f64,
    interconnect: f64,
    overhead: f64,
    total: f64,
}

#[derive(Serialize)]
struct Source<'a> {
    source: String,
    retrieved: &'a str,
    assumed: bool,
}

impl<'a> Source<'a> {
    fn of(p: &'a Provenance) -> Self {
        Source { source: p.cite(), retrieved: &p.retrieved, assumed: p.assumed }
    }
}

#[derive(Serialize)]
struct Basis<'a> {
    gpu: GpuBasis<'a>,
    model: ModelBasis<'a>,
    engine: EngineBasis<'a>,
}

#[derive(Serialize)]
struct GpuBasis<'a> {
    key: &'a str,
    memory_gb: f64,
    memory_bandwidth_gb_s: f64,
    /// Dense TFLOPS at the precision used.
    tflops: f64,
    interconnect_gb_s: f64,
    #[serde(flatten)]
    source: Source<'a>,
}

#[derive(Serialize)]
struct ModelBasis<'a> {
    key: &'a str,
    params_b: f64,
    active_params_b: f64,
    layers: u32,
    hidden_size: u32,
    attention_heads: u32,
    kv_heads: u32,
    head_dim: u32,
    max_context: u64,
    experts: Option<u32>,
    experts_per_token: Option<u32>,
    kv_elements_per_token_layer: f64,
    #[serde(flatten)]
    source: Source<'a>,
}

#[derive(Serialize)]
struct EngineBasis<'a> {
    key: EngineKind,
    bandwidth_efficiency: f64,
    compute_efficiency: f64,
    moe_efficiency: f64,
    step_overhead_ms: f64,
    sequence_overhead_us: f64,
    collective_latency_us: f64,
    memory_fraction: f64,
    max_batch: u32,
    prefill_chunk_tokens: u32,
    derivation: &'a str,
    #[serde(flatten)]
    source: Source<'a>,
}

impl<'a> Document<'a> {
    pub(super) fn of(q: &'a Query) -> Self {
        let (s, p) = (&q.setup, &q.prediction);
        let step = &p.replica.step;
        Document {
            schema: "infercast/throughput-v1",
            model: &s.model.key,
            model_name: &s.model.name,
            gpu: &s.gpu.key,
            gpu_name: &s.gpu.name,
            gpus: s.gpus,
            tp: s.tp,
            replicas: s.replicas(),
            parallel: s.parallel,
            precision: s.precision,
            precision_defaulted: q.precision_defaulted,
            engine: s.engine.kind,
            input_tokens: q.shape.input,
            output_tokens: q.shape.output,
            requested_concurrency: q.requested,
            output_tokens_per_s: p.output_tokens_per_s,
            per_user_tokens_per_s: 1e3 / p.itl_ms,
            ttft_ms: p.ttft_ms,
            itl_ms: p.itl_ms,
            requests_per_s: p.requests_per_s,
            concurrency: p.concurrency,
            concurrency_per_replica: p.replica.concurrency,
            batch_per_replica: p.replica.batch,
            concurrency_cap: p.replica.cap,
            kv_capacity_tokens: p.kv_capacity_tokens,
            weights_gb: q.weight_bytes / 1e9,
            kv_cache_gb: super::kv_pool_gb(q),
            bound: p.replica.bound,
            step_ms: StepMs {
                memory: step.memory * 1e3,
                compute: step.compute * 1e3,
                interconnect: step.interconnect * 1e3,
                overhead: step.overhead * 1e3,
                total: step.total() * 1e3,
            },
            basis: Basis {
                gpu: gpu_basis(s.gpu, s.precision),
                model: model_basis(s.model),
                engine: engine_basis(s.engine),
            },
        }
    }
}

fn gpu_basis(g: &Gpu, precision: Precision) -> GpuBasis<'_> {
    GpuBasis {
        key: &g.key,
        memory_gb: g.memory_gb,
        memory_bandwidth_gb_s: g.memory_bandwidth_gb_s,
        tflops: g.tflops.get(&precision).copied().unwrap_or(0.0),
        interconnect_gb_s: g.interconnect_gb_s,
        source: Source::of(&g.provenance),
    }
}

fn model_basis(m: &OpenModel) -> ModelBasis<'_> {
    ModelBasis {
        key: &m.key,
        params_b: m.params_b,
        active_params_b: m.active_params_b,
        layers: m.layers,
        hidden_size: m.hidden_size,
        attention_heads: m.attention_heads,
        kv_heads: m.kv_heads,
        head_dim: m.head_dim,
        max_context: m.max_context,
        experts: m.experts.map(|(e, _)| e),
        experts_per_token: m.experts.map(|(_, k)| k),
        kv_elements_per_token_layer: m.kv_elements_per_token_layer,
        source: Source::of(&m.provenance),
    }
}

fn engine_basis(e: &Engine) -> EngineBasis<'_> {
    EngineBasis {
        key: e.kind,
        bandwidth_efficiency: e.bandwidth_efficiency,
        compute_efficiency: e.compute_efficiency,
        moe_efficiency: e.moe_efficiency,
        step_overhead_ms: e.step_overhead_ms,
        sequence_overhead_us: e.sequence_overhead_us,
        collective_latency_us: e.collective_latency_us,
        memory_fraction: e.memory_fraction,
        max_batch: e.max_batch,
        prefill_chunk_tokens: e.prefill_chunk_tokens,
        derivation: &e.derivation,
        source: Source::of(&e.provenance),
    }
}
