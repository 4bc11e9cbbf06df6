//! `infercast throughput` on the serving fixture (tests/fixtures/serving/serving.toml): every
//! figure derived by hand from the formulas of docs/model.md#self-hosting-from-physics, the
//! table's layout, and every refusal of the bad-input corpus (`tests/bad/throughput-*.args`).
//!
//! The fixture, as the model reads it (`Replica::new`):
//! - GPU: 100 GB, 2,000 GB/s, 1,000 FP8 / 500 BF16 dense TFLOPS, 400 GB/s GPU to GPU.
//! - Engine: 50 % of bandwidth and compute, MoE experts at 25 % of that, 1 ms + 10 µs per
//!   sequence a step, 10 µs a collective, 90 % of memory, batches ≤ 64, prefill chunks of 1,000.
//!   So one GPU reads 2,000e9 · 0.5 = 1e12 B/s and computes 1,000e12 · 0.5 = 5e14 FLOP/s at FP8.
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
    let v = json(&["--model", "dense-80b", "--gpu", "toy-gpu", "--gpus", "1", "--input", "1000", "--output", "1000"]);
    // Weights 80e9 B at FP8 (the default: the GPU has FP8); usable 100e9 · 0.9 = 90e9; KV pool 10e9.
    // KV capacity: 10e9 / (50 layers · 2,000 B) = 100,000 tokens. A request holds 2,000 tokens:
    // 50 · 2,000 · 2,000 = 2e8 B, so 10e9 / 2e8 = 50 fit, under the engine's 64: the KV cache caps.
    // Prefill of 1,000 tokens: (2 · 1,000 · 80e9 + 1,000 · 20,000 · 50 · 1,000 / 2) / 5e14
    //   = (1.6e14 + 5e11) / 5e14 = 0.321 s (more than reading the weights, 80e9 / 1e12 = 0.08 s).
    // Step at batch 50, mean context 1,000 + 1,000 / 2 = 1,500:
    //   memory  (80e9 + 50 · 50 · 1,500 · 2,000) / 1e12 = 87.5e9 / 1e12 = 0.0875 s
    //   compute (2 · 50 · 80e9 + 50 · 20,000 · 50 · 1,500) / 5e14 = 8.075e12 / 5e14 = 0.01615 s,
    //           plus 50 / 1,000 finishing requests' prefill, 0.05 · 0.321 = 0.01605 s: 0.0322 s
    //   overhead 1 ms + 50 · 10 µs = 0.0015 s; no interconnect on one GPU.
    //   ITL = 0.0875 + 0.0322 + 0.0015 = 0.1212 s.
    // Tokens/s 50 / 0.1212; requests/s that / 1,000. TTFT: the prefill, one chunk of decode
    // (0.1212 − 0.01605 = 0.10515 s) and the M/D/1 wait at load 50 / 0.1212 / 1,000 · 0.321; the
    // 50 in flight are all in the batch, so nobody queues (50 / rps = 121.2 s < 999 · 0.1212 + TTFT).
    let load = 50.0 / 0.1212 / 1000.0 * 0.321;
    assert_figures(
        &v,
        &[
            ("/output_tokens_per_s", 50.0 / 0.1212),
            ("/per_user_tokens_per_s", 1.0 / 0.1212),
            ("/itl_ms", 121.2),
            ("/ttft_ms", (0.321 + 0.10515 + queue_wait(load, 0.321)) * 1e3),
            ("/requests_per_s", 50.0 / 0.1212 / 1000.0),
            ("/concurrency", 50.0),
            ("/kv_capacity_tokens", 100_000.0),
            ("/weights_gb", 80.0),
            ("/kv_cache_gb", 10.0),
            ("/step_ms/memory", 87.5),
            ("/step_ms/compute", 32.2),
            ("/step_ms/interconnect", 0.0),
            ("/step_ms/overhead", 1.5),
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
    // 4 replicas of 1 GPU, 40 / 4 = 10 requests each, under the 50 the KV cache holds: requested.
    // Step at batch 10, context 1,500:
    //   memory  (80e9 + 10 · 1.5e8) / 1e12 = 0.0815 s
    //   compute (2 · 10 · 80e9 + 10 · 1.5e9) / 5e14 = 1.615e12 / 5e14 = 0.00323 s, plus
    //           10 / 1,000 · 0.321 = 0.00321 s: 0.00644 s
    //   overhead 1 ms + 10 · 10 µs = 0.0011 s. ITL = 0.0815 + 0.00644 + 0.0011 = 0.08904 s.
    // The group: 4 · 10 / 0.08904 tokens/s. TTFT: 0.321 + (0.08904 − 0.00321) + the M/D/1 wait.
    let itl = 0.08904;
    let load = 10.0 / itl / 1000.0 * 0.321;
    assert_figures(
        &v,
        &[
            ("/output_tokens_per_s", 4.0 * 10.0 / itl),
            ("/itl_ms", 89.04),
            ("/ttft_ms", (0.321 + (itl - 0.00321) + queue_wait(load, 0.321)) * 1e3),
            ("/requests_per_s", 4.0 * 10.0 / itl / 1000.0),
            ("/concurrency", 40.0),
            ("/concurrency_per_replica", 10.0),
            ("/kv_capacity_tokens", 100_000.0),
            ("/step_ms/memory", 81.5),
            ("/step_ms/compute", 6.44),
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
    // TP 2 (default: --gpus). Weights 100e9 B at FP8; usable 2 · 90e9 = 180e9; KV pool 80e9. KV is
    // split over the GPUs (2 < 4 KV heads: no replication): 1,000 B per token per layer.
    // KV capacity: 80e9 / (20 · 1,000) = 4,000,000 tokens; a request holds 20 · 2,000 · 1,000 = 4e7 B,
    // 80e9 / 4e7 = 2,000 fit, over the engine's 64: the engine caps.
    // Two GPUs: 2e12 B/s, 1e15 FLOP/s; a link carries 400e9 / 2 = 200e9 B/s one way.
    // Collectives over n tokens: 20 layers · 2 · (10 µs + 2 · (2 − 1) / 2 · n · 4,000 · 2 B / 200e9).
    //   n = 1,000: 40 · (1e-5 + 4e-5) = 0.002 s; n = 64: 40 · (1e-5 + 2.56e-6) = 5.024e-4 s.
    // Prefill: (2 · 1,000 · 40e9 + 1,000 · 16,000 · 20 · 1,000 / 2) / 1e15 = 8.016e13 / 1e15
    //   = 0.08016 s (over 100e9 / 2e12 = 0.05 s), plus its collectives 0.002 s: 0.08216 s.
    // Step at batch 64, context 1,500: weights read are the 20e9 shared and the share of the
    // 80e9 of experts some token chose, 1 − (1 − 2/8)^64; KV 64 · 20 · 1,500 · 1,000 = 1.92e9.
    //   memory  (20e9 + 80e9 · (1 − 0.75^64) + 1.92e9) / 2e12
    //   compute (2 · 64 · 20e9 + 64 · 16,000 · 20 · 1,500 + 2 · 64 · 20e9 / 0.25) / 1e15
    //           = (2.56e12 + 3.072e10 + 1.024e13) / 1e15 = 0.01283072 s, plus 64 / 1,000 · 0.08216
    //   overhead 1 ms + 64 · 10 µs = 0.00164 s.
    let memory = (20e9 + 80e9 * (1.0 - 0.75f64.powi(64)) + 1.92e9) / 2e12;
    let compute = 0.01283072 + 0.064 * 0.08216;
    let itl = memory + compute + 5.024e-4 + 0.00164;
    let load = 64.0 / itl / 1000.0 * 0.08216;
    let ttft = 0.08216 + (itl - 0.064 * 0.08216) + queue_wait(load, 0.08216);
    assert_figures(
        &v,
        &[
            ("/output_tokens_per_s", 64.0 / itl),
            ("/itl_ms", itl * 1e3),
            ("/ttft_ms", ttft * 1e3),
            ("/concurrency", 64.0),
            ("/kv_capacity_tokens", 4_000_000.0),
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
    // as in the test above (2e12 B/s, 1e15 FLOP/s, prefill 0.08216 s), at batch 50, context 1,500:
    //   memory  (20e9 + 80e9 · (1 − 0.75^50) + 50 · 20 · 1,500 · 1,000) / 2e12
    //   compute (2 · 50 · 20e9 + 50 · 16,000 · 20 · 1,500 + 2 · 50 · 20e9 / 0.25) / 1e15
    //           = (2e12 + 2.4e10 + 8e12) / 1e15 = 0.010024 s, plus 50 / 1,000 · 0.08216 = 0.004108 s
    //   interconnect 40 · (10 µs + 50 · 4,000 · 2 B / 200e9) = 40 · 1.2e-5 = 4.8e-4 s
    //   overhead 1 ms + 50 · 10 µs = 0.0015 s
    let memory = (20e9 + 80e9 * (1.0 - 0.75f64.powi(50)) + 1.5e9) / 2e12;
    let itl = memory + 0.010024 + 0.004108 + 4.8e-4 + 0.0015;
    let load = 50.0 / itl / 1000.0 * 0.08216;
    assert_figures(
        &v,
        &[
            ("/output_tokens_per_s", 2.0 * 50.0 / itl),
            ("/itl_ms", itl * 1e3),
            ("/ttft_ms", (0.08216 + (itl - 0.004108) + queue_wait(load, 0.08216)) * 1e3),
            ("/requests_per_s", 2.0 * 50.0 / itl / 1000.0),
            ("/concurrency", 100.0),
            ("/kv_capacity_tokens", 4_000_000.0),
            ("/step_ms/interconnect", 0.48),
        ],
    );
    assert_eq!((v["concurrency_cap"].as_str(), v["bound"].as_str()), (Some("requested"), Some("memory-bandwidth")));
}

#[test]
fn requests_beyond_the_batch_wait_for_their_first_token() {
    let args = ["--model", "dense-80b", "--gpu", "toy-gpu", "--gpus", "2", "--tp", "1", "--concurrency", "300"];
    let shape = ["--input", "1000", "--output", "1000"];
    let v = json(&[&args[..], &shape].concat());
    // 300 / 2 = 150 a replica, of which 50 (the KV cache's) decode at ITL 0.1212 s, as offline.
    // A request is in the system 150 / (50 / 0.1212 / 1,000) = 363.6 s (Little's law); served it
    // is TTFT + 999 · 0.1212 s, so its TTFT, wait included, is 363.6 − 121.0788 = 242.5212 s.
    assert_figures(&v, &[("/ttft_ms", 242_521.2), ("/itl_ms", 121.2), ("/batch_per_replica", 50.0)]);
    assert_eq!(v["concurrency_cap"], "kv-cache");
    let mut cmd = infercast();
    cmd.args(["--pricing", PRICING, "throughput"]).args(args).args(shape);
    let text = String::from_utf8(cmd.output().unwrap().stdout).unwrap();
    assert!(text.contains("  TTFT               242.5 s\n"), "{text}");
    let said = "300 (150 per replica), capped by the KV cache; 50 decode at once in each replica, the rest wait";
    assert!(text.contains(said), "{text}");
}

#[test]
fn a_precision_given_is_used_and_said_so() {
    let args = ["--model", "dense-80b", "--gpu", "toy-gpu", "--gpus", "2", "--precision", "bf16"];
    let v = json(&[&args[..], &["--input", "1000", "--output", "1000"]].concat());
    // BF16: 160e9 B of weights; usable 2 · 90e9 = 180e9; KV pool 20e9, KV 2 B an element:
    // 20e9 / (50 · 2,000 · 2) = 100,000 tokens.
    assert_figures(&v, &[("/weights_gb", 160.0), ("/kv_cache_gb", 20.0), ("/kv_capacity_tokens", 100_000.0)]);
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
    let mut cases: Vec<_> = std::fs::read_dir("tests/bad")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "args"))
        .collect();
    cases.sort();
    let mut failures = Vec::new();
    for case in &cases {
        let args = std::fs::read_to_string(case).unwrap();
        let expected = std::fs::read_to_string(case.with_extension("stderr")).unwrap();
        let out = infercast().args(args.lines()).output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        if out.status.code() != Some(2) || stderr != expected || !out.stdout.is_empty() {
            failures.push(format!(
                "--- {} (exit {:?})\nexpected:\n{expected}\ngot:\n{stderr}",
                case.display(),
                out.status.code()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(cases.len() >= 15, "{} throughput cases", cases.len());
}
