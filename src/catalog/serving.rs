//! Spec tables for self-hosting (docs/model.md#self-hosting-from-physics): GPUs, open-weights
//! models and the serving engines' efficiency constants, as validated types.
use super::Provenance;
use crate::keyword::Keyword;
use std::collections::BTreeMap;

/// A weight precision a deployment runs at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Fp4,
    Fp8,
    Fp16,
    Bf16,
}

impl Keyword for Precision {
    const ALL: &'static [Self] = &[Precision::Fp4, Precision::Fp8, Precision::Fp16, Precision::Bf16];
    const NAMES: &'static [&'static str] = &["fp4", "fp8", "fp16", "bf16"];
}

impl Precision {
    /// Bytes per weight. FP4 formats store 4-bit values with an 8-bit scale per block of 16
    /// (NVFP4) or 32 (MXFP4): 4.5 bits is taken for both.
    pub fn weight_bytes(self) -> f64 {
        match self {
            Precision::Fp4 => 0.5625,
            Precision::Fp8 => 1.0,
            Precision::Fp16 | Precision::Bf16 => 2.0,
        }
    }

    /// Bytes per KV-cache element: engines serving FP8 or FP4 weights keep an FP8 KV cache (the
    /// TensorRT-LLM tables' setting); 16-bit weights keep a 16-bit cache.
    pub fn kv_bytes(self) -> f64 {
        match self {
            Precision::Fp4 | Precision::Fp8 => 1.0,
            Precision::Fp16 | Precision::Bf16 => 2.0,
        }
    }
}

/// A serving engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub enum EngineKind {
    #[serde(rename = "trtllm")]
    TrtLlm,
    #[serde(rename = "vllm")]
    Vllm,
    #[serde(rename = "sglang")]
    Sglang,
}

impl Keyword for EngineKind {
    const ALL: &'static [Self] = &[EngineKind::TrtLlm, EngineKind::Vllm, EngineKind::Sglang];
    const NAMES: &'static [&'static str] = &["trtllm", "vllm", "sglang"];
}

/// How a replica's GPUs share the work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Parallel {
    /// Tensor parallel: every layer split across the GPUs, two all-reduces per layer.
    Tp,
    /// Attention data parallel with expert parallel (MoE): each GPU keeps its own sequences' KV
    /// cache; tokens are exchanged with the experts' GPUs (modelled as the same traffic as TP).
    Dep,
}

impl Keyword for Parallel {
    const ALL: &'static [Self] = &[Parallel::Tp, Parallel::Dep];
    const NAMES: &'static [&'static str] = &["tp", "dep"];
}

/// One GPU's published figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Gpu {
    pub key: String,
    pub name: String,
    pub memory_gb: f64,
    pub memory_bandwidth_gb_s: f64,
    /// Dense tensor TFLOPS by precision; a precision absent is one the GPU lacks.
    pub tflops: BTreeMap<Precision, f64>,
    /// GPU-to-GPU bandwidth per GPU as published (NVLink both directions, or PCIe).
    pub interconnect_gb_s: f64,
    pub provenance: Provenance,
}

/// An open-weights model's architecture.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenModel {
    /// The Hugging Face repo id.
    pub key: String,
    pub aliases: Vec<String>,
    pub name: String,
    pub params_b: f64,
    pub active_params_b: f64,
    pub layers: u32,
    pub hidden_size: u32,
    pub attention_heads: u32,
    pub kv_heads: u32,
    pub head_dim: u32,
    pub max_context: u64,
    /// Routed experts per MoE layer and experts per token.
    pub experts: Option<(u32, u32)>,
    /// KV-cache elements stored per token per layer (2 · kv_heads · head_dim, or MLA's latent).
    pub kv_elements_per_token_layer: f64,
    /// True for multi-head latent attention (one latent shared by every head).
    pub latent_kv: bool,
    /// Layers that attend over a window only, and the window.
    pub window: Option<(u32, u64)>,
    pub provenance: Provenance,
}

impl OpenModel {
    /// Bytes of the weights at `precision`.
    pub fn weight_bytes(&self, precision: Precision) -> f64 {
        self.params_b * 1e9 * precision.weight_bytes()
    }

    /// KV-cache bytes per token per layer on a replica of `tp` GPUs: heads fewer than the GPUs
    /// are copied to each (tensor parallel), and a latent KV is copied to every GPU; with
    /// attention data parallel each GPU keeps its own sequences.
    pub fn kv_bytes_per_token_layer(&self, precision: Precision, parallel: Parallel, tp: u32) -> f64 {
        let t = f64::from(tp.max(1));
        let replication = match (parallel, self.latent_kv) {
            (Parallel::Dep, _) => 1.0,
            (Parallel::Tp, true) => t,
            (Parallel::Tp, false) => (t / f64::from(self.kv_heads.max(1))).max(1.0),
        };
        self.kv_elements_per_token_layer * precision.kv_bytes() * replication
    }

    /// Bytes of KV cache a replica of `tp` GPUs holds beside the weights: the engine's fraction
    /// of the memory the weights leave (0 when they do not fit).
    pub fn kv_pool_bytes(&self, gpu: &Gpu, engine: &Engine, precision: Precision, tp: u32) -> f64 {
        (f64::from(tp) * gpu.memory_gb * 1e9 - self.weight_bytes(precision)).max(0.0) * engine.memory_fraction
    }

    /// Tokens of full-attention KV cache that pool holds: every layer's bytes per token.
    pub fn kv_capacity_tokens(
        &self,
        gpu: &Gpu,
        engine: &Engine,
        precision: Precision,
        parallel: Parallel,
        tp: u32,
    ) -> f64 {
        let pool = self.kv_pool_bytes(gpu, engine, precision, tp);
        (pool / (f64::from(self.layers) * self.kv_bytes_per_token_layer(precision, parallel, tp))).floor()
    }

    /// True when `name` is the key or one of its aliases.
    pub fn is(&self, name: &str) -> bool {
        self.key == name || self.aliases.iter().any(|a| a == name)
    }

    /// The shortest name to show: the first alias, else the key.
    pub fn short(&self) -> &str {
        self.aliases.first().map_or(self.key.as_str(), String::as_str)
    }
}

/// A serving engine's efficiency constants, calibrated on published measurements.
#[derive(Debug, Clone, PartialEq)]
pub struct Engine {
    pub kind: EngineKind,
    /// Fraction of peak memory bandwidth a decode step achieves.
    pub bandwidth_efficiency: f64,
    /// Fraction of peak dense TFLOPS a dense GEMM or attention achieves.
    pub compute_efficiency: f64,
    /// Further fraction for MoE expert GEMMs (small, ragged batches per expert).
    pub moe_efficiency: f64,
    /// Fixed time per decode step (launch, scheduling, sampling), milliseconds.
    pub step_overhead_ms: f64,
    /// Host time per sequence per step (scheduling, detokenising), microseconds.
    pub sequence_overhead_us: f64,
    /// Latency of one collective (all-reduce) across the replica's GPUs, microseconds.
    pub collective_latency_us: f64,
    /// Fraction of the memory the weights leave that the engine gives the KV cache.
    pub memory_fraction: f64,
    /// Most sequences the engine batches at once (its default scheduler limit).
    pub max_batch: u32,
    /// Prompt tokens prefilled per step (chunked prefill).
    pub prefill_chunk_tokens: u32,
    pub provenance: Provenance,
    pub derivation: String,
}
