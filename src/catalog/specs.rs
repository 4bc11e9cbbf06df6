//! `[[gpu]]`, `[[open_model]]` and `[[engine]]` entries → the validated spec tables
//! ([`super::serving`]).
use super::convert::entry_provenance;
use super::serving::{Engine, EngineKind, Gpu, OpenModel, Precision};
use super::{Provenance, raw};
use crate::input::Checker;
use crate::keyword::Keyword;
use std::collections::BTreeMap;
use toml::Spanned;

/// The largest GPU or model figure accepted (GB, GB/s, TFLOPS, billions of parameters): far above
/// any real one, and low enough that the model's products of them stay finite.
const SPEC_MAX: f64 = 1e18;

pub(super) fn gpu(ck: &mut Checker, g: &raw::Gpu, file: &Provenance) -> Gpu {
    let mut tflops = BTreeMap::new();
    for (name, v) in g.tflops.get_ref() {
        match Precision::parse(name) {
            Some(p) => {
                let x = v.as_float().or_else(|| v.as_integer().map(|i| i as f64)).unwrap_or(f64::NAN);
                if x.is_finite() && x > 0.0 && x <= SPEC_MAX {
                    tflops.insert(p, x);
                } else {
                    ck.error(
                        &g.tflops.span(),
                        format!("`tflops.{name}` must be a positive number"),
                        "copy the dense TFLOPS the datasheet gives",
                    );
                }
            }
            None => ck.error(
                &g.tflops.span(),
                format!("`tflops` names an unknown precision `{name}`"),
                format!("use {}", Precision::NAMES.join(", ")),
            ),
        }
    }
    if tflops.is_empty() {
        ck.error(
            &g.tflops.span(),
            format!("GPU `{}` lists no precision in `tflops`", g.key.get_ref()),
            "give e.g. tflops = { bf16 = 989.5, fp8 = 1979 }",
        );
    }
    Gpu {
        key: g.key.get_ref().clone(),
        name: g.name.clone(),
        memory_gb: ck.number_in(&g.memory_gb, "memory_gb", 1e-3, SPEC_MAX),
        memory_bandwidth_gb_s: ck.number_in(&g.memory_bandwidth_gb_s, "memory_bandwidth_gb_s", 1e-3, SPEC_MAX),
        tflops,
        interconnect_gb_s: ck.number_in(&g.interconnect_gb_s, "interconnect_gb_s", 1e-3, SPEC_MAX),
        provenance: entry_provenance(ck, &g.source, &g.retrieved, g.assumed, None, file),
    }
}

pub(super) fn open_model(ck: &mut Checker, m: &raw::OpenModel, file: &Provenance) -> OpenModel {
    let params_b = ck.number_in(&m.params_b, "params_b", 1e-6, SPEC_MAX);
    let active_params_b = ck.number_in(&m.active_params_b, "active_params_b", 1e-6, SPEC_MAX);
    if active_params_b > params_b {
        ck.error(
            &m.active_params_b.span(),
            "`active_params_b` is above `params_b`",
            "a token uses at most every parameter",
        );
    }
    let kv_heads = ck.whole(&m.kv_heads, "kv_heads", 1);
    let head_dim = ck.whole(&m.head_dim, "head_dim", 1);
    let layers = ck.whole(&m.layers, "layers", 1);
    let experts = experts(ck, m);
    let window = window(ck, m, layers);
    OpenModel {
        key: m.key.get_ref().clone(),
        aliases: m.aliases.clone().unwrap_or_default(),
        name: m.name.clone(),
        params_b,
        active_params_b,
        layers,
        hidden_size: ck.whole(&m.hidden_size, "hidden_size", 1),
        attention_heads: ck.whole(&m.attention_heads, "attention_heads", 1),
        kv_heads,
        head_dim,
        max_context: u64::from(ck.whole(&m.max_context, "max_context", 1)),
        experts,
        kv_elements_per_token_layer: m
            .kv_elements_per_token_layer
            .as_ref()
            .map_or(2.0 * f64::from(kv_heads) * f64::from(head_dim), |v| ck.positive(v, "kv_elements_per_token_layer")),
        latent_kv: m.kv_elements_per_token_layer.is_some(),
        window,
        provenance: entry_provenance(ck, &m.source, &m.retrieved, m.assumed, None, file),
    }
}

/// `experts` and `experts_per_token`: both (a MoE model) or neither.
fn experts(ck: &mut Checker, m: &raw::OpenModel) -> Option<(u32, u32)> {
    match (&m.experts, &m.experts_per_token) {
        (Some(e), Some(k)) => {
            let (e, k) = (ck.whole(e, "experts", 2), ck.whole(k, "experts_per_token", 1));
            Some((e, k.min(e)))
        }
        (None, None) => None,
        (Some(s), None) | (None, Some(s)) => {
            ck.error(
                &s.span(),
                "`experts` and `experts_per_token` go together",
                "give both for a MoE model, neither for a dense one",
            );
            None
        }
    }
}

/// `window_layers` and `window_tokens`: both (windowed attention) or neither.
fn window(ck: &mut Checker, m: &raw::OpenModel, layers: u32) -> Option<(u32, u64)> {
    match (&m.window_layers, &m.window_tokens) {
        (Some(l), Some(w)) => {
            Some((ck.whole(l, "window_layers", 1).min(layers), u64::from(ck.whole(w, "window_tokens", 1))))
        }
        (None, None) => None,
        (Some(s), None) | (None, Some(s)) => {
            ck.error(
                &s.span(),
                "`window_layers` and `window_tokens` go together",
                "give both for windowed attention, neither otherwise",
            );
            None
        }
    }
}

pub(super) fn engine(ck: &mut Checker, e: &raw::Engine, file: &Provenance) -> Option<Engine> {
    let kind = ck.keyword::<EngineKind>(&e.key, "key")?;
    let fraction = |ck: &mut Checker, v: &Spanned<f64>, name: &str| ck.number_in(v, name, 1e-3, 1.0);
    Some(Engine {
        kind,
        bandwidth_efficiency: fraction(ck, &e.bandwidth_efficiency, "bandwidth_efficiency"),
        compute_efficiency: fraction(ck, &e.compute_efficiency, "compute_efficiency"),
        moe_efficiency: fraction(ck, &e.moe_efficiency, "moe_efficiency"),
        step_overhead_ms: ck.non_negative(&e.step_overhead_ms, "step_overhead_ms"),
        sequence_overhead_us: ck.non_negative(&e.sequence_overhead_us, "sequence_overhead_us"),
        collective_latency_us: ck.non_negative(&e.collective_latency_us, "collective_latency_us"),
        memory_fraction: fraction(ck, &e.memory_fraction, "memory_fraction"),
        max_batch: ck.whole(&e.max_batch, "max_batch", 1),
        prefill_chunk_tokens: ck.whole(&e.prefill_chunk_tokens, "prefill_chunk_tokens", 1),
        provenance: entry_provenance(ck, &e.source, &e.retrieved, e.assumed, None, file),
        derivation: e.derivation.clone(),
    })
}
