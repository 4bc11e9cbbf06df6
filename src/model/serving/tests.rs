//! The serving model on round figures (those of tests/fixtures/serving/serving.toml), every
//! expected value derived by hand in a comment.
//!
//! GPU: 100 GB, 2,000 GB/s, 1,000 FP8 / 500 BF16 TFLOPS, 400 GB/s. Engine: 50 % of bandwidth and
//! compute, experts at 25 % of that, 1 ms + 10 µs a sequence per step, 10 µs a collective, 90 %
//! of the memory the weights leave, batches ≤ 64, chunks of 1,000. One GPU at FP8: 1e12 B/s and
//! 5e14 FLOP/s; attention runs at the BF16 rate, 500e12 · 0.5 = 2.5e14 FLOP/s.
use super::*;
use crate::catalog::{EngineKind, Provenance};
use std::collections::BTreeMap;

fn provenance() -> Provenance {
    Provenance {
        source: "https://example.com/specs".into(),
        retrieved: "2026-01-01".into(),
        assumed: false,
        private: false,
    }
}

fn gpu() -> Gpu {
    Gpu {
        key: "toy-gpu".into(),
        name: "Toy GPU".into(),
        memory_gb: 100.0,
        memory_bandwidth_gb_s: 2000.0,
        tflops: BTreeMap::from([(Precision::Bf16, 500.0), (Precision::Fp8, 1000.0)]),
        interconnect_gb_s: 400.0,
        provenance: provenance(),
    }
}

fn engine() -> Engine {
    Engine {
        kind: EngineKind::TrtLlm,
        bandwidth_efficiency: 0.5,
        compute_efficiency: 0.5,
        moe_efficiency: 0.25,
        step_overhead_ms: 1.0,
        sequence_overhead_us: 10.0,
        collective_latency_us: 10.0,
        memory_fraction: 0.9,
        max_batch: 64,
        prefill_chunk_tokens: 1000,
        provenance: provenance(),
        derivation: "round test figures".into(),
    }
}

/// 80 B dense, 50 layers, hidden 5,000, 40 heads and 8 KV heads of 125: 2,000 KV elements per
/// token per layer, attention 4 · 40 · 125 = 20,000 FLOPs per token per context token per layer.
fn dense() -> OpenModel {
    OpenModel {
        key: "toy/Dense-80B".into(),
        aliases: vec!["dense-80b".into()],
        name: "Toy Dense 80B".into(),
        params_b: 80.0,
        active_params_b: 80.0,
        layers: 50,
        hidden_size: 5000,
        attention_heads: 40,
        kv_heads: 8,
        head_dim: 125,
        max_context: 200_000,
        experts: None,
        kv_elements_per_token_layer: 2000.0,
        latent_kv: false,
        window: None,
        provenance: provenance(),
    }
}

/// 100 B, 40 B active: 20 B shared and 8 experts of 10 B, 2 a token (e = (100 − 40) / (8 − 2)).
fn moe() -> OpenModel {
    OpenModel {
        key: "toy/MoE-100B-A40B".into(),
        aliases: vec![],
        name: "Toy MoE".into(),
        params_b: 100.0,
        active_params_b: 40.0,
        layers: 20,
        hidden_size: 4000,
        attention_heads: 32,
        kv_heads: 4,
        head_dim: 125,
        max_context: 100_000,
        experts: Some((8, 2)),
        kv_elements_per_token_layer: 1000.0,
        latent_kv: false,
        window: None,
        ..dense()
    }
}

fn setup<'a>(m: &'a OpenModel, g: &'a Gpu, e: &'a Engine, tp: u32, precision: Precision) -> Setup<'a> {
    Setup { model: m, gpu: g, engine: e, precision, gpus: tp, tp, parallel: Parallel::Tp }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

const SHAPE: Shape = Shape { input: 1000.0, output: 1000.0 };

#[test]
fn weight_bytes_by_precision() {
    let (m, g, e) = (dense(), gpu(), engine());
    // 80e9 parameters: 1 byte each at FP8, 2 at BF16.
    assert_eq!(Replica::new(&setup(&m, &g, &e, 1, Precision::Fp8)).unwrap().weight_bytes(), 80e9);
    assert_eq!(Replica::new(&setup(&m, &g, &e, 2, Precision::Bf16)).unwrap().weight_bytes(), 160e9);
    // FP4 with its block scales: 4.5 bits = 0.5625 bytes a weight, 45e9 (the GPU needs an FP4 figure).
    let mut g4 = gpu();
    g4.tflops.insert(Precision::Fp4, 2000.0);
    assert_eq!(Replica::new(&setup(&m, &g4, &e, 1, Precision::Fp4)).unwrap().weight_bytes(), 45e9);
}

#[test]
fn kv_capacity_is_the_memory_beside_the_weights() {
    let (m, g, e) = (dense(), gpu(), engine());
    // One GPU: (100e9 − 80e9) · 0.9 = 18e9 B; FP8 KV, 2,000 B per token per layer, 50 layers:
    // 18e9 / 100,000 = 180,000 tokens.
    assert_eq!(Replica::new(&setup(&m, &g, &e, 1, Precision::Fp8)).unwrap().kv_capacity_tokens(), 180_000.0);
    // 16 GPUs over 8 KV heads: each head is kept on 16 / 8 = 2 GPUs, 4,000 B per token per layer;
    // (16 · 100e9 − 80e9) · 0.9 = 1,368e9 B: 1,368e9 / (50 · 4,000) = 6,840,000 tokens.
    assert_eq!(Replica::new(&setup(&m, &g, &e, 16, Precision::Fp8)).unwrap().kv_capacity_tokens(), 6_840_000.0);
}

#[test]
fn the_batch_is_capped_by_the_kv_cache_or_the_engine() {
    let (m, g, e) = (dense(), gpu(), engine());
    // A request of 4,000 + 1,000 tokens holds 50 · 5,000 · 2,000 = 5e8 B. One GPU: 18e9 / 5e8 = 36,
    // under the engine's 64: the KV cache caps.
    let long = Shape { input: 4000.0, output: 1000.0 };
    assert_eq!(Replica::new(&setup(&m, &g, &e, 1, Precision::Fp8)).unwrap().batch_limit(long), Ok((36.0, true)));
    // A request of 2,000 tokens holds 50 · 2,000 · 2,000 = 2e8 B. One GPU: 18e9 / 2e8 = 90; two GPUs:
    // (200e9 − 80e9) · 0.9 / 2e8 = 540: both over the engine's 64, which caps.
    assert_eq!(Replica::new(&setup(&m, &g, &e, 1, Precision::Fp8)).unwrap().batch_limit(SHAPE), Ok((64.0, false)));
    assert_eq!(Replica::new(&setup(&m, &g, &e, 2, Precision::Fp8)).unwrap().batch_limit(SHAPE), Ok((64.0, false)));
    // 185,000 + 1,000 tokens: 50 · 186,000 · 2,000 = 1.86e10 B, over the 1.8e10 of one GPU.
    let longer = Shape { input: 185_000.0, output: 1000.0 };
    let refused = Replica::new(&setup(&m, &g, &e, 1, Precision::Fp8)).unwrap().batch_limit(longer);
    assert_eq!(refused, Err(Misfit::Sequence { tokens: 186_000.0, capacity_tokens: 180_000.0 }));
    // Over the 200,000-token context.
    let over = Shape { input: 199_000.0, output: 2000.0 };
    let refused = Replica::new(&setup(&m, &g, &e, 1, Precision::Fp8)).unwrap().batch_limit(over);
    assert_eq!(refused, Err(Misfit::Context { tokens: 201_000.0, max_context: 200_000 }));
}

#[test]
fn a_decode_step_in_four_parts() {
    let (m, g, e) = (dense(), gpu(), engine());
    let r = Replica::new(&setup(&m, &g, &e, 2, Precision::Fp8)).unwrap();
    // Two GPUs: 2e12 B/s, 1e15 FLOP/s (attention 5e14), 400e9 / 2 = 200e9 B/s a link one way.
    // Batch 10 at context 1,500:
    //   memory (80e9 + 10 · 50 · 1,500 · 2,000) / 2e12 = 81.5e9 / 2e12 = 0.04075 s
    //   compute 2 · 10 · 80e9 / 1e15 + 10 · 20,000 · 50 · 1,500 / 5e14 = 0.0016 + 1.5e10 / 5e14
    //     = 0.0016 + 0.00003 = 0.00163 s
    //   interconnect 50 layers · 2 · (10 µs + 2 · 1/2 · 10 · 5,000 · 2 B / 200e9) = 100 · 1.05e-5
    //     = 0.00105 s
    //   overhead 1 ms + 10 · 10 µs = 0.0011 s
    let s = r.step(10.0, 1500.0, 0.0);
    assert!(close(s.memory, 0.04075) && close(s.compute, 0.00163), "{s:?}");
    assert!(close(s.interconnect, 0.00105) && close(s.overhead, 0.0011), "{s:?}");
    assert_eq!(s.bound(), Bound::MemoryBandwidth);
    // Prefill time folded in is compute.
    assert!(close(r.step(10.0, 1500.0, 0.5).compute, 0.50163));
}

#[test]
fn a_moe_step_reads_the_experts_its_tokens_chose() {
    let (m, g, e) = (moe(), gpu(), engine());
    let r = Replica::new(&setup(&m, &g, &e, 2, Precision::Fp8)).unwrap();
    // One token: the 20e9 shared and 2 of the 8 experts, 2 · 10e9: the 40e9 active. Two tokens:
    // each expert unchosen with (6/8)² = 0.5625, so 20e9 + 80e9 · 0.4375 = 55e9.
    assert!(close(r.weights_read(1.0), 40e9));
    assert!(close(r.weights_read(2.0), 55e9));
    // Compute of one token: 2 · 20e9 dense + 2 · 20e9 expert at 25 % → 4e10 + 1.6e11 = 2e11 FLOPs
    // over 1e15, and attention over 1 context token, 16,000 · 20 = 320,000 FLOPs, over 5e14.
    assert!(close(r.step(1.0, 1.0, 0.0).compute, 2e11 / 1e15 + 320_000.0 / 5e14));
}

#[test]
fn prefill_is_compute_or_one_read_of_the_weights() {
    let (m, g, e) = (dense(), gpu(), engine());
    let r = Replica::new(&setup(&m, &g, &e, 1, Precision::Fp8)).unwrap();
    // 1,000 tokens: 2 · 1,000 · 80e9 / 5e14 + 1,000 · 20,000 · 50 · 1,000 / 2 / 2.5e14
    //   = 1.6e14 / 5e14 + 5e11 / 2.5e14 = 0.32 + 0.002 = 0.322 s.
    assert!(close(r.prefill(1000.0), 0.322));
    // 10 tokens: 1.6e12 / 5e14 + 10 · 20,000 · 50 · 10 / 2 / 2.5e14 = 0.0032 + 2e-7 s, less than
    // reading the weights once: 80e9 / 1e12 = 0.08 s.
    assert!(close(r.prefill(10.0), 0.08));
}

#[test]
fn the_offline_maximum_fills_the_batch() {
    let (m, g, e) = (dense(), gpu(), engine());
    let r = Replica::new(&setup(&m, &g, &e, 1, Precision::Fp8)).unwrap();
    // Batch 64 (the engine's; the KV cache holds 90). ITL at batch b, context 1,500 (per request
    // 1.5e8 B of KV over 1e12 B/s, 2 · 80e9 FLOPs over 5e14, 20,000 · 50 · 1,500 = 1.5e9 attention
    // FLOPs over 2.5e14, 0.322 / 1,000 s of prefill, 10 µs):
    //   0.08 + 0.001 + b · (1.5e-4 + 3.2e-4 + 6e-6 + 3.22e-4 + 1e-5) = 0.081 + 8.08e-4 · b;
    // at 64: 0.081 + 0.051712 = 0.132712 s, so 64 / 0.132712 tokens/s.
    let p = r.offline(SHAPE).unwrap();
    assert_eq!((p.batch, p.cap), (64.0, Cap::EngineBatch));
    assert!(close(p.itl_s, 0.132712), "{p:?}");
    assert!(close(p.output_tokens_per_s, 64.0 / 0.132712));
    assert!(close(p.requests_per_s, 64.0 / 0.132712 / 1000.0));
}

#[test]
fn the_slo_search_finds_the_largest_batch_that_meets_it() {
    let (m, g, e) = (dense(), gpu(), engine());
    let r = Replica::new(&setup(&m, &g, &e, 1, Precision::Fp8)).unwrap();
    // 10 tokens/s per user: ITL ≤ 0.1 s, 0.081 + 8.08e-4 · b ≤ 0.1 → b ≤ 0.019 / 8.08e-4 = 23.5:
    // 23 (ITL 0.099584 s); 24 would be 0.100392 s.
    let slo = Slo { tokens_per_s: Some(10.0), ..Slo::default() };
    let p = r.within(SHAPE, &slo).unwrap().expect("one request meets it");
    assert_eq!(p.concurrency, 23.0);
    assert!(close(p.itl_s, 0.099584), "{p:?}");
    // 20 tokens/s: ITL ≤ 0.05 s, under the 0.081 s of the weights alone: nothing meets it.
    let slo = Slo { tokens_per_s: Some(20.0), ..Slo::default() };
    assert_eq!(r.within(SHAPE, &slo), Ok(None));
}

#[test]
fn setups_that_cannot_run_say_why() {
    let (m, g, e) = (dense(), gpu(), engine());
    let misfit = |s: Setup| Replica::new(&s).err();
    assert_eq!(
        misfit(Setup { gpus: 8, ..setup(&m, &g, &e, 3, Precision::Fp8) }),
        Some(Misfit::Split { gpus: 8, tp: 3 })
    );
    // BF16 on one GPU: 160 GB of weights, over the GPU's 100 GB.
    assert_eq!(
        misfit(setup(&m, &g, &e, 1, Precision::Bf16)),
        Some(Misfit::Memory { weights_gb: 160.0, usable_gb: 100.0 })
    );
    assert_eq!(misfit(setup(&m, &g, &e, 1, Precision::Fp4)), Some(Misfit::Precision { has: vec!["fp8", "bf16"] }));
}

#[test]
fn a_group_is_its_replicas_side_by_side() {
    let (m, g, e) = (dense(), gpu(), engine());
    // 4 GPUs of 1: 4 replicas at 40 / 4 = 10 requests each; ITL 0.081 + 8.08e-4 · 10 = 0.08908 s.
    let s = Setup { gpus: 4, ..setup(&m, &g, &e, 1, Precision::Fp8) };
    let p = predict(&s, SHAPE, Some(40.0)).unwrap();
    assert!(close(p.itl_ms, 89.08), "{p:?}");
    assert!(close(p.output_tokens_per_s, 4.0 * 10.0 / 0.08908));
    assert_eq!((p.concurrency, p.replica.cap), (40.0, Cap::Requested));
}
