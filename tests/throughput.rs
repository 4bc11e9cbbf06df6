//! `infercast throughput` on the serving fixture (tests/fixtures/serving/serving.toml): every
//! figure derived by hand from the formulas of docs/model.md#self-hosting-from-physics, the
//! table's layout, and every refusal of the bad-input corpus (`tests/bad/throughput-*.args`).
//!
//! The fixture, as the model reads it (`Replica::new`):
//! - GPU: 100 GB, 2,000 GB/s, 1,000 FP8 / 500 BF16 dense TFLOPS, 400 GB/s GPU to GPU.
//! - Engine: 50 % of bandwidth and compute, MoE experts at 25 % of that, 1 ms + 10 µs per
//!   sequence a step, 10 µs a collective, 90 % of the memory the weights leave (the KV pool),
//!   batches ≤ 64, prefill chunks of 1,000.
//!   So one GPU reads 2,000e9 · 0.5 = 1e12 B/s and computes 1,000e12 · 0.5 = 5e14 FLOP/s at FP8;
//!   attention runs at the 16-bit (BF16) rate whatever the precision: 500e12 · 0.5 = 2.5e14 FLOP/s.
//! - Dense 80B: 50 layers, 40 heads × 125 (attention 4 · 40 · 125 = 20,000 FLOPs per token per
//!   context token per layer), 2,000 KV elements per token per layer (FP8 KV: 2,000 B).
//! - MoE 100B-A40B: 20 layers, hidden 4,000, 32 heads × 125 (attention 16,000), 1,000 KV elements
//!   per token per layer; 20 B shared + 8 experts of 10 B, 2 per token: 20 B dense + 20 B expert
//!   parameters active.
mod common;

use common::{close, infercast, num};
use serde_json::Value;

const PRICING: &str = "tests/fixtures/serving";

/// `throughput ARGS --format json` on the fixture, asserting it exits 0.
fn json(args: &[&str]) -> Value {
    let out =
        infercast().args(["--pricing", PRICING, "throughput"]).args(args).args(["--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Asserts each (field path, expected) within 1e-9 relative.
fn assert_figures(v: &Value, expected: &[(&str, f64)]) {
    for (path, want) in expected {
        let got = num(v.pointer(path).unwrap_or_else(|| panic!("no {path} in {v}")));
        assert!(close(got, *want), "{path}: got {got}, derived {want}");
    }
}

/// M/D/1 wait of a new prompt behind others: load / (2 (1 − load)) prefills.
fn queue_wait(load: f64, prefill: f64) -> f64 {
    load / (2.0 * (1.0 - load)) * prefill
}

#[test]
fn dense_on_one_gpu_offline_is_capped_by_the_kv_cache() {
    let v = json(&["--model", "dense-80b", "--gpu", "toy-gpu", "--gpus", "1", "--input", "1000", "--output", "3000"]);
    // Weights 80e9 B at FP8 (the default: the GPU has FP8); memory 100e9; KV pool
    // (100e9 − 80e9) · 0.9 = 18e9. KV capacity: 18e9 / (50 layers · 2,000 B) = 180,000 tokens.
    // A request holds 4,000 tokens: 50 · 4,000 · 2,000 = 4e8 B, so 18e9 / 4e8 = 45 fit, under the
    // engine's 64: the KV cache caps.
    // Prefill of 1,000 tokens: 2 · 1,000 · 80e9 / 5e14 + 1,000 · 20,000 · 50 · 1,000 / 2 / 2.5e14
    //   = 0.32 + 0.002 = 0.322 s (more than reading the weights, 80e9 / 1e12 = 0.08 s).
    // Step at batch 45, mean context 1,000 + 3,000 / 2 = 2,500:
    //   memory  (80e9 + 45 · 50 · 2,500 · 2,000) / 1e12 = 91.25e9 / 1e12 = 0.09125 s
    //   compute 2 · 45 · 80e9 / 5e14 + 45 · 20,000 · 50 · 2,500 / 2.5e14 = 0.0144 + 0.00045 s,
    //           plus 45 / 3,000 finishing requests' prefill, 0.015 · 0.322 = 0.00483 s: 0.01968 s
    //   overhead 1 ms + 45 · 10 µs = 0.00145 s; no interconnect on one GPU.
    //   ITL = 0.09125 + 0.01968 + 0.00145 = 0.11238 s.
    // Tokens/s 45 / 0.11238; requests/s that / 3,000. TTFT: the prefill, one chunk of decode
    // (0.11238 − 0.00483 = 0.10755 s) and the M/D/1 wait at load 45 / 0.11238 / 3,000 · 0.322; the
    // 45 in flight are all in the batch, so nobody queues (45 / rps = 337.14 s < 2,999 · 0.11238 + TTFT).
    let load = 45.0 / 0.11238 / 3000.0 * 0.322;
    assert_figures(
        &v,
        &[
            ("/output_tokens_per_s", 45.0 / 0.11238),
            ("/per_user_tokens_per_s", 1.0 / 0.11238),
            ("/itl_ms", 112.38),
            ("/ttft_ms", (0.322 + 0.10755 + queue_wait(load, 0.322)) * 1e3),
            ("/requests_per_s", 45.0 / 0.11238 / 3000.0),
            ("/concurrency", 45.0),
            ("/kv_capacity_tokens", 180_000.0),
            ("/weights_gb", 80.0),
            ("/kv_cache_gb", 18.0),
            ("/step_ms/memory", 91.25),
            ("/step_ms/compute", 19.68),
            ("/step_ms/interconnect", 0.0),
            ("/step_ms/overhead", 1.45),
        ],
    );
    assert_eq!(v["concurrency_cap"], "kv-cache");
    assert_eq!(v["bound"], "memory-bandwidth");
    assert_eq!((v["precision"].as_str(), v["precision_defaulted"].as_bool()), (Some("fp8"), Some(true)));
    assert_eq!((v["gpus"].as_u64(), v["tp"].as_u64(), v["replicas"].as_u64()), (Some(1), Some(1), Some(1)));
}

#[test]
fn four_replicas_share_a_requested_concurrency() {
    let args = ["--model", "toy/Dense-80B", "--gpu", "toy-gpu", "--gpus", "4", "--tp", "1", "--concurrency", "40"];
    let v = json(&[&args[..], &["--input", "1000", "--output", "1000"]].concat());
    // 4 replicas of 1 GPU, 40 / 4 = 10 requests each, under the engine's 64 and the
    // 18e9 / (50 · 2,000 · 2,000) = 90 the KV cache holds: requested. Prefill 0.322 s (as above).
    // Step at batch 10, context 1,500:
    //   memory  (80e9 + 10 · 50 · 1,500 · 2,000) / 1e12 = (80e9 + 1.5e9) / 1e12 = 0.0815 s
    //   compute 2 · 10 · 80e9 / 5e14 + 10 · 20,000 · 50 · 1,500 / 2.5e14 = 0.0032 + 0.00006 s, plus
    //           10 / 1,000 · 0.322 = 0.00322 s: 0.00648 s
    //   overhead 1 ms + 10 · 10 µs = 0.0011 s. ITL = 0.0815 + 0.00648 + 0.0011 = 0.08908 s.
    // The group: 4 · 10 / 0.08908 tokens/s. TTFT: 0.322 + (0.08908 − 0.00322) + the M/D/1 wait.
    let itl = 0.08908;
    let load = 10.0 / itl / 1000.0 * 0.322;
    assert_figures(
        &v,
        &[
            ("/output_tokens_per_s", 4.0 * 10.0 / itl),
            ("/itl_ms", 89.08),
            ("/ttft_ms", (0.322 + (itl - 0.00322) + queue_wait(load, 0.322)) * 1e3),
            ("/requests_per_s", 4.0 * 10.0 / itl / 1000.0),
            ("/concurrency", 40.0),
            ("/concurrency_per_replica", 10.0),
            ("/kv_capacity_tokens", 180_000.0),
            ("/step_ms/memory", 81.5),
            ("/step_ms/compute", 6.48),
            ("/step_ms/overhead", 1.1),
        ],
    );
    assert_eq!(v["replicas"].as_u64(), Some(4));
    assert_eq!(v["concurrency_cap"], "requested");
    assert_eq!(v["requested_concurrency"].as_f64(), Some(40.0));
}

#[test]
fn moe_on_two_gpus_is_capped_by_the_engine_batch() {
    let v = json(&["--model", "moe-100b", "--gpu", "toy-gpu", "--gpus", "2", "--input", "1000", "--output", "1000"]);
    // TP 2 (default: --gpus). Weights 100e9 B at FP8; memory 2 · 100e9 = 200e9; KV pool
    // (200e9 − 100e9) · 0.9 = 90e9. KV is split over the GPUs (2 < 4 KV heads: no replication):
    // 1,000 B per token per layer. KV capacity: 90e9 / (20 · 1,000) = 4,500,000 tokens; a request
    // holds 20 · 2,000 · 1,000 = 4e7 B, 90e9 / 4e7 = 2,250 fit, over the engine's 64: the engine caps.
    // Two GPUs: 2e12 B/s, 1e15 FLOP/s, attention at 2 · 500e12 · 0.5 = 5e14 FLOP/s; a link carries
    // 400e9 / 2 = 200e9 B/s one way.
    // Collectives over n tokens: 20 layers · 2 · (10 µs + 2 · (2 − 1) / 2 · n · 4,000 · 2 B / 200e9).
    //   n = 1,000: 40 · (1e-5 + 4e-5) = 0.002 s; n = 64: 40 · (1e-5 + 2.56e-6) = 5.024e-4 s.
    // Prefill: 2 · 1,000 · (20e9 + 20e9 / 0.25) / 1e15 + 1,000 · 16,000 · 20 · 1,000 / 2 / 5e14
    //   = 2e14 / 1e15 + 1.6e11 / 5e14 = 0.2 + 0.00032 = 0.20032 s (over 100e9 / 2e12 = 0.05 s),
    //   plus its collectives 0.002 s: 0.20232 s.
    // Step at batch 64, context 1,500: weights read are the 20e9 shared and the share of the
    // 80e9 of experts some token chose, 1 − (1 − 2/8)^64; KV 64 · 20 · 1,500 · 1,000 = 1.92e9.
    //   memory  (20e9 + 80e9 · (1 − 0.75^64) + 1.92e9) / 2e12
    //   compute (2 · 64 · 20e9 + 2 · 64 · 20e9 / 0.25) / 1e15 + 64 · 16,000 · 20 · 1,500 / 5e14
    //           = (2.56e12 + 1.024e13) / 1e15 + 3.072e10 / 5e14 = 0.0128 + 0.00006144
    //           = 0.01286144 s, plus 64 / 1,000 · 0.20232
    //   overhead 1 ms + 64 · 10 µs = 0.00164 s.
    let memory = (20e9 + 80e9 * (1.0 - 0.75f64.powi(64)) + 1.92e9) / 2e12;
    let compute = 0.01286144 + 0.064 * 0.20232;
    let itl = memory + compute + 5.024e-4 + 0.00164;
    let load = 64.0 / itl / 1000.0 * 0.20232;
    let ttft = 0.20232 + (itl - 0.064 * 0.20232) + queue_wait(load, 0.20232);
    assert_figures(
        &v,
        &[
            ("/output_tokens_per_s", 64.0 / itl),
            ("/itl_ms", itl * 1e3),
            ("/ttft_ms", ttft * 1e3),
            ("/concurrency", 64.0),
            ("/kv_capacity_tokens", 4_500_000.0),
            ("/weights_gb", 100.0),
            ("/step_ms/memory", memory * 1e3),
            ("/step_ms/compute", compute * 1e3),
            ("/step_ms/interconnect", 0.5024),
            ("/step_ms/overhead", 1.64),
        ],
    );
    assert_eq!(v["concurrency_cap"], "engine-batch");
    assert_eq!(v["bound"], "memory-bandwidth");
    assert_eq!((v["tp"].as_u64(), v["replicas"].as_u64()), (Some(2), Some(1)));
}

/// The README's example: its figures, derived here.
#[test]
fn moe_on_two_replicas_at_a_requested_concurrency() {
    let args = ["--model", "moe-100b", "--gpu", "toy-gpu", "--gpus", "4", "--tp", "2", "--concurrency", "100"];
    let v = json(&[&args[..], &["--input", "1000", "--output", "1000"]].concat());
    // 2 replicas of TP 2, 100 / 2 = 50 requests each, under the engine's 64: requested. Per replica
    // as in the test above (2e12 B/s, 1e15 FLOP/s, attention 5e14, prefill 0.20232 s), at batch 50,
    // context 1,500:
    //   memory  (20e9 + 80e9 · (1 − 0.75^50) + 50 · 20 · 1,500 · 1,000) / 2e12
    //   compute (2 · 50 · 20e9 + 2 · 50 · 20e9 / 0.25) / 1e15 + 50 · 16,000 · 20 · 1,500 / 5e14
    //           = (2e12 + 8e12) / 1e15 + 2.4e10 / 5e14 = 0.01 + 0.000048 = 0.010048 s,
    //           plus 50 / 1,000 · 0.20232 = 0.010116 s
    //   interconnect 40 · (10 µs + 50 · 4,000 · 2 B / 200e9) = 40 · 1.2e-5 = 4.8e-4 s
    //   overhead 1 ms + 50 · 10 µs = 0.0015 s
    let memory = (20e9 + 80e9 * (1.0 - 0.75f64.powi(50)) + 1.5e9) / 2e12;
    let itl = memory + 0.010048 + 0.010116 + 4.8e-4 + 0.0015;
    let load = 50.0 / itl / 1000.0 * 0.20232;
    assert_figures(
        &v,
        &[
            ("/output_tokens_per_s", 2.0 * 50.0 / itl),
            ("/itl_ms", itl * 1e3),
            ("/ttft_ms", (0.20232 + (itl - 0.010116) + queue_wait(load, 0.20232)) * 1e3),
            ("/requests_per_s", 2.0 * 50.0 / itl / 1000.0),
            ("/concurrency", 100.0),
            ("/kv_capacity_tokens", 4_500_000.0),
            ("/step_ms/interconnect", 0.48),
        ],
    );
    assert_eq!((v["concurrency_cap"].as_str(), v["bound"].as_str()), (Some("requested"), Some("memory-bandwidth")));
}

#[test]
fn requests_beyond_the_batch_wait_for_their_first_token() {
    let args = ["--model", "dense-80b", "--gpu", "toy-gpu", "--gpus", "2", "--tp", "1", "--concurrency", "300"];
    let shape = ["--input", "1000", "--output", "3000"];
    let v = json(&[&args[..], &shape].concat());
    // 300 / 2 = 150 a replica, of which 45 (the KV cache's) decode at ITL 0.11238 s, as offline
    // (the first test). A request is in the system 150 / (45 / 0.11238 / 3,000) = 1,123.8 s
    // (Little's law); served it is TTFT + 2,999 · 0.11238 s, so its TTFT, wait included, is
    // 1,123.8 − 337.02762 = 786.77238 s.
    assert_figures(&v, &[("/ttft_ms", 786_772.38), ("/itl_ms", 112.38), ("/batch_per_replica", 45.0)]);
    assert_eq!(v["concurrency_cap"], "kv-cache");
    let mut cmd = infercast();
    cmd.args(["--pricing", PRICING, "throughput"]).args(args).args(shape);
    let text = String::from_utf8(cmd.output().unwrap().stdout).unwrap();
    assert!(text.contains("  TTFT               786.8 s\n"), "{text}");
    let said = "300 (150 per replica), capped by the KV cache; 45 decode at once in each replica, the rest wait";
    assert!(text.contains(said), "{text}");
}

#[test]
fn a_precision_given_is_used_and_said_so() {
    let args = ["--model", "dense-80b", "--gpu", "toy-gpu", "--gpus", "2", "--precision", "bf16"];
    let v = json(&[&args[..], &["--input", "1000", "--output", "1000"]].concat());
    // BF16: 160e9 B of weights; memory 2 · 100e9 = 200e9; KV pool (200e9 − 160e9) · 0.9 = 36e9,
    // KV 2 B an element: 36e9 / (50 · 2,000 · 2) = 180,000 tokens.
    assert_figures(&v, &[("/weights_gb", 160.0), ("/kv_cache_gb", 36.0), ("/kv_capacity_tokens", 180_000.0)]);
    assert_eq!((v["precision"].as_str(), v["precision_defaulted"].as_bool()), (Some("bf16"), Some(false)));
    assert_eq!(v["basis"]["gpu"]["tflops"].as_f64(), Some(500.0), "the BF16 figure");
}

#[test]
fn the_json_carries_its_schema_and_basis() {
    let v = json(&["--model", "dense-80b", "--gpu", "toy-gpu", "--gpus", "1", "--input", "100", "--output", "10"]);
    assert_eq!(v["schema"], "infercast/throughput-v1");
    assert_eq!(v["model"], "toy/Dense-80B");
    assert_eq!(v["engine"], "trtllm");
    for (part, key) in [("gpu", "toy-gpu"), ("model", "toy/Dense-80B"), ("engine", "trtllm")] {
        assert_eq!(v["basis"][part]["key"], key);
        assert_eq!(v["basis"][part]["source"], "https://example.com/specs", "{part}: the file's source");
        assert_eq!(v["basis"][part]["retrieved"], "2026-01-01");
    }
    assert_eq!(v["basis"]["engine"]["derivation"], "round test figures");
    assert_eq!(v["requested_concurrency"], Value::Null);
}

#[test]
fn the_table_reads_as_one_block() {
    let out = infercast()
        .args([
            "--pricing",
            PRICING,
            "throughput",
            "--model",
            "moe-100b",
            "--gpu",
            "toy-gpu",
            "--gpus",
            "4",
            "--tp",
            "2",
        ])
        .args(["--input", "1000", "--output", "1000", "--concurrency", "100"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    insta::assert_snapshot!("throughput-table", String::from_utf8(out.stdout).unwrap());
}

/// Every `tests/bad/throughput-*.args` (one argument a line) exits 2 with exactly the message in
/// its `.stderr`, and prints nothing on stdout.
#[test]
fn bad_throughput_queries_get_their_exact_messages() {
    let n = common::run::bad_args_cases("throughput-", infercast);
    assert!(n >= 15, "{n} throughput cases");
}
