//! The JSON of DESIGN §5 (`infercast/estimate-v1`); field names are public API.
use super::Render;
use crate::catalog::{Catalog, Provenance};
use crate::model::breakeven::RANGE;
use crate::model::tokens::RequestTokens;
use crate::model::{Estimate, OptionEstimate};
use serde_json::{Value, json};

/// JSON renderer.
pub struct Json;

impl Render for Json {
    fn estimates(&self, estimates: &[Estimate]) -> String {
        let v = match estimates {
            [one] => estimate(one),
            many => Value::Array(many.iter().map(estimate).collect()),
        };
        serde_json::to_string_pretty(&v).expect("JSON values always serialise") + "\n"
    }

    fn breakeven(&self, estimates: &[Estimate]) -> String {
        let v = match estimates {
            [one] => breakeven(one),
            many => Value::Array(many.iter().map(breakeven).collect()),
        };
        serde_json::to_string_pretty(&v).expect("JSON values always serialise") + "\n"
    }

    fn models(&self, catalog: &Catalog) -> String {
        serde_json::to_string_pretty(&models(catalog)).expect("JSON values always serialise") + "\n"
    }
}

fn tokens(t: &RequestTokens) -> Value {
    json!({
        "input": t.input, "output": t.output, "visible": t.visible, "calls": t.calls,
        "overhead_ratio": t.overhead_ratio(), "truncated_share": t.truncated_share,
    })
}

/// The §5 object for one scenario.
pub fn estimate(e: &Estimate) -> Value {
    let workloads: Vec<Value> = e
        .workloads
        .iter()
        .map(|(w, t)| {
            let mut v = json!({ "name": w.name, "share": w.share });
            v.as_object_mut().unwrap().extend(tokens(t).as_object().unwrap().clone());
            v
        })
        .collect();
    let options: Vec<Value> = e.options.iter().map(option).collect();
    json!({
        "schema": "infercast/estimate-v1",
        "scenario": e.scenario,
        "months": e.months,
        "hours_per_month": e.hours_per_month,
        "base_requests_per_month": e.base_requests,
        "tokens": { "per_request": tokens(&e.per_request), "workloads": workloads },
        "options": options,
        "breakeven": breakeven_list(e),
        "cheapest": cheapest(e),
        "quota": e.quota.iter().map(|(name, q)| json!({
            "option": name, "throttled_share": q.throttled_share,
            "recommended_rpm": q.recommended_rpm, "recommended_tpm": q.recommended_tpm,
            "tokens_per_invocation": q.tokens_per_invocation, "limit_per_min": q.limit_per_min,
            "binding": q.binding,
        })).collect::<Vec<_>>(),
        "warnings": e.warnings,
    })
}

fn breakeven_list(e: &Estimate) -> Value {
    json!(
        e.breakeven
            .breakeven
            .iter()
            .map(|x| json!({
                "option": x.option, "vs": x.vs,
                "requests_per_month": x.requests_per_month, "mtok_per_month": x.mtok_per_month,
                "cheaper_everywhere": x.everywhere,
            }))
            .collect::<Vec<_>>()
    )
}

fn cheapest(e: &Estimate) -> Value {
    let b = &e.breakeven;
    json!({
        "range_requests_per_month": [e.base_requests * RANGE.0, e.base_requests * RANGE.1],
        "at_bottom": b.cheapest_at_bottom,
        "changes": b.cheapest.iter().map(|c| json!({
            "requests_per_month": c.requests_per_month, "mtok_per_month": c.mtok_per_month,
            "from": c.from, "to": c.to,
        })).collect::<Vec<_>>(),
    })
}

/// The `breakeven` command's object for one scenario.
pub fn breakeven(e: &Estimate) -> Value {
    json!({
        "schema": "infercast/breakeven-v1",
        "scenario": e.scenario,
        "base_requests_per_month": e.base_requests,
        "breakeven": breakeven_list(e),
        "cheapest": cheapest(e),
    })
}

fn option(o: &OptionEstimate) -> Value {
    let c = &o.cost;
    let months: Vec<Value> = c
        .months
        .iter()
        .map(|m| {
            let mut v = json!({
                "month": m.month, "requests": m.requests, "cost_usd": m.cost_usd,
                "units": m.units, "overflow_share": m.overflow_share,
            });
            let obj = v.as_object_mut().expect("a JSON object");
            if let (Some(i), Some(out)) = (m.input_tpm, m.output_tpm) {
                obj.insert("input_tpm".into(), json!(i));
                obj.insert("output_tpm".into(), json!(out));
            }
            if let Some(u) = m.utilization {
                obj.insert("utilization".into(), json!(u));
            }
            v
        })
        .collect();
    json!({
        "name": o.name, "kind": o.kind, "model": o.model, "tier": o.tier,
        "rejects_overflow": o.rejects,
        "months": months,
        "total_usd": c.total_usd,
        "usd_per_1k_requests": c.usd_per_1k_requests,
        "usd_per_mtok": c.usd_per_mtok,
        "mean_utilization": c.mean_utilization,
    })
}

fn provenance(p: &Provenance) -> Value {
    json!({ "source": p.source, "retrieved": p.retrieved, "assumed": p.assumed })
}

fn models(c: &Catalog) -> Value {
    let models: Vec<Value> = c
        .models
        .iter()
        .map(|m| {
            json!({
                "key": m.key, "name": m.name, "id": m.id, "provider": m.provider, "region": m.region,
                "input_usd_per_mtok": m.input_usd_per_mtok, "output_usd_per_mtok": m.output_usd_per_mtok,
                "cache_write_usd_per_mtok": m.cache.map(|c| c.write_usd_per_mtok),
                "cache_read_usd_per_mtok": m.cache.map(|c| c.read_usd_per_mtok),
                "tiers": m.tiers.iter().map(|(t, p)| (t.as_str().to_string(), json!({
                    "multiplier": p.multiplier, "provenance": provenance(&p.provenance) }))).collect::<serde_json::Map<_, _>>(),
                "quota": { "rpm": m.quota.rpm, "rpm_enforced": m.quota.rpm_enforced, "tpm": m.quota.tpm, "output_burndown": m.quota.output_burndown,
                           "provenance": m.quota.provenance.as_ref().map(provenance) },
                "provenance": provenance(&m.provenance),
                "provisioned": m.provisioned.as_ref().map(|p| json!({
                    "usd_per_mu_hour": p.usd_per_mu_hour, "input_tpm_per_mu": p.input_tpm_per_mu,
                    "output_tpm_per_mu": p.output_tpm_per_mu, "throughput_assumed": p.throughput_assumed,
                    "basis": p.basis, "provenance": provenance(&p.provenance),
                })),
                "reserved": m.reserved.as_ref().map(|r| json!({
                    "usd_per_1k_input_tpm_month": r.usd_per_1k_input_tpm_month,
                    "usd_per_1k_output_tpm_month": r.usd_per_1k_output_tpm_month,
                    "min_input_tpm": r.min_input_tpm, "min_output_tpm": r.min_output_tpm,
                    "basis": r.basis, "provenance": provenance(&r.provenance),
                })),
                "note": m.note,
                "file": m.file,
            })
        })
        .collect();
    let instances: Vec<Value> = c
        .instances
        .iter()
        .map(|i| {
            json!({ "key": i.key, "gpus": i.gpus, "gpu": i.gpu, "usd_per_hour": i.usd_per_hour,
                         "provenance": provenance(&i.provenance), "note": i.note, "file": i.file })
        })
        .collect();
    let deployments: Vec<Value> = c
        .deployments
        .iter()
        .map(|d| {
            json!({ "key": d.key, "model": d.model, "instance": d.instance,
                         "prefill_tokens_per_s": d.prefill_tokens_per_s, "decode_tokens_per_s": d.decode_tokens_per_s,
                         "derivation": d.derivation, "provenance": provenance(&d.provenance), "file": d.file })
        })
        .collect();
    json!({ "schema": "infercast/models-v1", "models": models, "instances": instances, "deployments": deployments })
}
