//! `throughput` output: one model on some GPUs, what it sustains and what bounds it, as a block
//! of text or as JSON (schema `infercast/throughput-v1`, in [`json`]).
mod json;

use crate::catalog::{Engine, EngineKind, Gpu, OpenModel, Precision, Provenance};
use crate::format::{Align, percent, table, thousands, trim};
use crate::keyword::Keyword;
use crate::model::serving::{Bound, Cap, Prediction, Setup, Shape};
use crate::output_format::OutputFormat;

/// Output formats of `throughput`.
pub const FORMATS: &[OutputFormat] = &[OutputFormat::Table, OutputFormat::Json];

/// What was asked and what the model predicts.
#[derive(Debug, Clone, Copy)]
pub struct Query<'a> {
    pub setup: Setup<'a>,
    pub shape: Shape,
    /// True when `--precision` was not given and the GPU's default was taken.
    pub precision_defaulted: bool,
    /// `--concurrency`, when given.
    pub requested: Option<f64>,
    /// Bytes of weights one replica holds.
    pub weight_bytes: f64,
    pub prediction: Prediction,
}

/// The query in `format`, one of [`FORMATS`].
pub fn render(q: &Query, format: OutputFormat) -> String {
    match format {
        OutputFormat::Table => text(q),
        OutputFormat::Json => crate::json::write(&json::Document::of(q)),
        OutputFormat::Csv | OutputFormat::Markdown => format.not_accepted(FORMATS),
    }
}

/// The engine as its makers write it.
fn engine_name(kind: EngineKind) -> &'static str {
    match kind {
        EngineKind::TrtLlm => "TensorRT-LLM",
        EngineKind::Vllm => "vLLM",
        EngineKind::Sglang => "SGLang",
    }
}

/// What bounds the step, in words.
fn bound_words(b: Bound) -> &'static str {
    match b {
        Bound::MemoryBandwidth => "memory bandwidth",
        Bound::Compute => "compute",
        Bound::Interconnect => "the interconnect",
        Bound::HostOverhead => "host overhead",
    }
}

/// What caps the concurrency, in words.
fn cap_words(c: Cap) -> &'static str {
    match c {
        Cap::KvCache => "capped by the KV cache",
        Cap::EngineBatch => "capped by the engine's batch limit",
        Cap::Requested => "as requested: under the KV cache's and the engine's batch limits",
    }
}

/// A figure to four significant digits, thousands separated from 1,000 on: `412.5`, `0.4125`.
fn figure(x: f64) -> String {
    if x.abs() >= 1000.0 || x == 0.0 {
        return thousands(x);
    }
    let decimals = (3 - x.abs().log10().floor() as i32).clamp(0, 9) as usize;
    trim(x, decimals)
}

/// Milliseconds as written, in seconds from 10 s on: `450.6 ms`, `242.5 s`.
fn duration(ms: f64) -> String {
    if ms >= 1e4 { format!("{} s", figure(ms / 1e3)) } else { format!("{} ms", figure(ms)) }
}

/// Billions of parameters as written: `80B`, `3.8B`.
fn billions(b: f64) -> String {
    format!("{}B", trim(b, 3))
}

fn text(q: &Query) -> String {
    let s = &q.setup;
    let default = match (q.precision_defaulted, s.precision) {
        (false, _) => "",
        (true, Precision::Fp8) => " (the default: the GPU has FP8)",
        (true, _) => " (the default: the GPU has no FP8)",
    };
    let at = match q.requested {
        Some(c) => format!("{} requests in flight", figure(c)),
        None => "the offline maximum (every batch full)".to_string(),
    };
    format!(
        "{} on {} × {}: {} × TP {}, {}{default}, {}\nrequests of {} input + {} output tokens, at {at}\n\n{}\nbasis\n{}",
        s.model.name,
        s.gpus,
        s.gpu.name,
        crate::format::count(s.replicas(), "replica"),
        s.tp,
        s.precision.as_str(),
        engine_name(s.engine.kind),
        thousands(q.shape.input),
        thousands(q.shape.output),
        block(&figures(q)),
        block(&basis_rows(s.gpu, s.model, s.engine, s.precision)),
    )
}

/// Two aligned columns, indented, without a header.
fn block(rows: &[Vec<String>]) -> String {
    let t = table(&[("", Align::Left), ("", Align::Left)], rows, "  ");
    t.split_once('\n').map_or(String::new(), |(_, rows)| rows.to_string())
}

/// The figures block: label, value and what it means.
fn figures(q: &Query) -> Vec<Vec<String>> {
    let p = &q.prediction;
    let step = &p.replica.step;
    let total = step.total();
    let share = |x: f64| percent(if total > 0.0 { x / total } else { 0.0 });
    let row = |a: &str, b: String| vec![a.to_string(), b];
    vec![
        row("output tokens/s", format!("{} (whole group)", figure(p.output_tokens_per_s))),
        row("per-user tokens/s", format!("{} (each user: 1 / ITL)", figure(1e3 / p.itl_ms))),
        row("TTFT", duration(p.ttft_ms)),
        row("ITL", duration(p.itl_ms)),
        row("requests/s", figure(p.requests_per_s)),
        row("concurrency", concurrency(q)),
        row(
            "KV capacity",
            format!(
                "{} tokens per replica ({} GB beside {} GB of weights)",
                thousands(p.kv_capacity_tokens),
                figure(kv_pool_gb(q)),
                figure(q.weight_bytes / 1e9)
            ),
        ),
        row(
            "decode step",
            format!(
                "{} ms, bound by {}: memory {}, compute {}, interconnect {}, host overhead {}",
                figure(total * 1e3),
                bound_words(p.replica.bound),
                share(step.memory),
                share(step.compute),
                share(step.interconnect),
                share(step.overhead)
            ),
        ),
    ]
}

/// Requests in flight, per replica when there are several, and those beyond the batch waiting.
fn concurrency(q: &Query) -> String {
    let r = &q.prediction.replica;
    let per_replica =
        if q.setup.replicas() > 1 { format!(" ({} per replica)", figure(r.concurrency)) } else { String::new() };
    let waiting = if r.concurrency > r.batch {
        format!("; {} decode at once in each replica, the rest wait", figure(r.batch))
    } else {
        String::new()
    };
    format!("{}{per_replica}, {}{waiting}", figure(q.prediction.concurrency), cap_words(r.cap))
}

/// GB of one replica's memory the engine leaves to the KV cache.
pub(super) fn kv_pool_gb(q: &Query) -> f64 {
    crate::model::serving::Replica::new(&q.setup).map_or(0.0, |r| r.kv_pool_bytes() / 1e9)
}

/// "source: URL (date)", marked when assumed.
fn cite(p: &Provenance) -> String {
    let assumed = if p.assumed { ", assumed" } else { "" };
    format!("source: {} ({}{assumed})", p.cite(), p.retrieved)
}

/// A labelled row, and rows under it with no label.
fn labelled(label: &str, lines: Vec<String>) -> Vec<Vec<String>> {
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| vec![if i == 0 { label.to_string() } else { String::new() }, l])
        .collect()
}

fn basis_rows(gpu: &Gpu, m: &OpenModel, e: &Engine, precision: Precision) -> Vec<Vec<String>> {
    let tflops = gpu.tflops.get(&precision).copied().unwrap_or(0.0);
    let experts = m.experts.map_or(String::new(), |(n, k)| format!(" ({n} experts, {k} per token)"));
    let mut rows = labelled(
        "GPU",
        vec![
            format!(
                "{} ({}): {} GB at {} GB/s, {} dense {} TFLOPS, {} GB/s GPU to GPU",
                gpu.name,
                gpu.key,
                figure(gpu.memory_gb),
                figure(gpu.memory_bandwidth_gb_s),
                figure(tflops),
                precision.as_str(),
                figure(gpu.interconnect_gb_s)
            ),
            cite(&gpu.provenance),
        ],
    );
    rows.extend(labelled(
        "model",
        vec![
            format!(
                "{} ({}): {} parameters, {} active{experts}",
                m.name,
                m.key,
                billions(m.params_b),
                billions(m.active_params_b)
            ),
            format!(
                "{} layers, hidden {}, {} heads, {} KV heads × {}, context {} tokens",
                m.layers,
                thousands(f64::from(m.hidden_size)),
                m.attention_heads,
                m.kv_heads,
                m.head_dim,
                thousands(m.max_context as f64)
            ),
            cite(&m.provenance),
        ],
    ));
    rows.extend(labelled("engine", engine_lines(e)));
    rows
}

fn engine_lines(e: &Engine) -> Vec<String> {
    vec![
        format!(
            "{} ({}): {} of peak bandwidth, {} of peak compute, {} of that in MoE experts",
            engine_name(e.kind),
            e.kind.as_str(),
            percent(e.bandwidth_efficiency),
            percent(e.compute_efficiency),
            percent(e.moe_efficiency)
        ),
        format!(
            "a step costs {} ms + {} µs per sequence, a collective {} µs",
            figure(e.step_overhead_ms),
            figure(e.sequence_overhead_us),
            figure(e.collective_latency_us)
        ),
        format!(
            "{} of the memory beside the weights for the KV cache, batches of at most {}, prefill in chunks of {} tokens",
            percent(e.memory_fraction),
            thousands(f64::from(e.max_batch)),
            thousands(f64::from(e.prefill_chunk_tokens))
        ),
        cite(&e.provenance),
        format!("derived: {}", e.derivation),
    ]
}
