//! JSON for tools: serialised from the model's own types (`infercast/estimate-v2`,
//! `infercast/breakeven-v1`, `infercast/models-v2`) through the one writer, [`crate::json`];
//! field names are public API.
use super::Render;
use crate::catalog::{Catalog, Provenance};
use crate::keyword::Keyword;
use crate::model::Estimate;
use crate::model::analysis::breakeven::{BreakEven, Cheapest};
use serde::Serialize;
use serde_json::{Value, json};

/// JSON renderer.
pub struct Json;

impl Render for Json {
    fn estimates(&self, estimates: &[Estimate]) -> String {
        one_or_many(estimates.iter().map(estimate).collect())
    }

    fn breakeven(&self, estimates: &[Estimate]) -> String {
        one_or_many(estimates.iter().map(breakeven).collect())
    }
}

fn one_or_many(mut values: Vec<Value>) -> String {
    if values.len() == 1 { pretty(values.remove(0)) } else { pretty(Value::Array(values)) }
}

/// The document's text, tidied in place (no second conversion of the value).
fn pretty(mut v: Value) -> String {
    crate::json::tidy(&mut v);
    serde_json::to_string_pretty(&v).expect("a JSON value always serialises") + "\n"
}

use crate::json::to_value;

/// The `estimate` object of one scenario: the model's own types, with its findings in words.
pub fn estimate(e: &Estimate) -> Value {
    let mut v = to_value(e);
    findings_in_words(&mut v, e);
    v
}

/// The model returns its findings as data (why an option is not eligible, how a service is
/// priced, the caveats, the warnings); the schema carries them as text, written in place here by
/// [`super::findings`], the same words every other output prints.
fn findings_in_words(v: &mut Value, e: &Estimate) {
    use super::findings::{basis, caveat, ineligible, warning};
    let reason = |r: &Option<_>| r.as_ref().map_or(Value::Null, |r| Value::String(ineligible(r)));
    if let Some(options) = v["options"].as_array_mut() {
        for (o, j) in e.options.iter().zip(options) {
            j["ineligible_reason"] = reason(&o.ineligible_reason);
        }
    }
    if let Some(plans) = v["plans"].as_array_mut() {
        for (p, j) in e.plans.iter().zip(plans) {
            j["ineligible_reason"] = reason(&p.ineligible_reason);
        }
    }
    if let Some(items) = v["services"].as_array_mut() {
        for (i, j) in e.services.items.iter().zip(items) {
            j["basis"] = Value::String(basis(&i.basis));
        }
    }
    if let Some(r) = &e.recommendation {
        let caveats = r.caveats.iter().map(|c| json!({ "kind": c.kind(), "text": caveat(c) })).collect();
        v["recommendation"]["caveats"] = Value::Array(caveats);
    }
    v["warnings"] = Value::Array(e.warnings.iter().map(|w| Value::String(warning(w))).collect());
    fixes_in_words(v, e);
    vendors_in_words(v, e);
}

/// What each vendor's cost rests on keeps its data (`"kind"` names it) and gains its words,
/// `"text"`, as the text and Markdown outputs print them.
fn vendors_in_words(v: &mut Value, e: &Estimate) {
    let Some(c) = &e.vendors else { return };
    let Some(rows) = v["vendors"]["vendors"].as_array_mut() else { return };
    for (vendor, j) in c.vendors.iter().zip(rows) {
        if let Some(items) = j["rests_on"].as_array_mut() {
            for (r, jr) in vendor.rests_on.iter().zip(items) {
                jr["text"] = Value::String(super::vendors::rests_on(r, vendor.vendor));
            }
        }
    }
}

/// Each latency row's fixes keep their data (`"fix"` names the kind) and gain their words,
/// `"text"`, as the text and Markdown outputs print them.
fn fixes_in_words(v: &mut Value, e: &Estimate) {
    let Some(rows) = v["latency"].as_array_mut() else { return };
    for (r, j) in e.latency.iter().zip(rows) {
        if let Some(fixes) = j["fixes"].as_array_mut() {
            for (f, jf) in r.fixes.iter().zip(fixes) {
                jf["text"] = Value::String(super::latency::fix(f));
            }
        }
    }
}

/// The `breakeven` command's object for one scenario.
#[derive(Serialize)]
struct BreakevenReport<'a> {
    schema: &'static str,
    scenario: &'a str,
    base_requests_per_month: f64,
    breakeven: &'a [BreakEven],
    cheapest: &'a Cheapest,
}

/// The `breakeven` command's object for one scenario.
pub fn breakeven(e: &Estimate) -> Value {
    to_value(&BreakevenReport {
        schema: "infercast/breakeven-v1",
        scenario: &e.scenario,
        base_requests_per_month: e.base_requests,
        breakeven: &e.breakeven.breakeven,
        cheapest: &e.breakeven.cheapest,
    })
}

fn price_set(p: &crate::catalog::PriceSet) -> Value {
    json!({
        "input_usd_per_mtok": p.input_usd_per_mtok, "output_usd_per_mtok": p.output_usd_per_mtok,
        "cache_write_usd_per_mtok": p.cache.and_then(|c| c.write_usd_per_mtok),
        "cache_write_1h_usd_per_mtok": p.cache.and_then(|c| c.write_1h_usd_per_mtok),
        "cache_read_usd_per_mtok": p.cache.map(|c| c.read_usd_per_mtok),
    })
}

fn provenance(p: &Provenance) -> Value {
    json!({ "source": p.source, "retrieved": p.retrieved, "assumed": p.assumed, "private": p.private })
}

/// The `services` of `models --format json`: each with the price fields of its kind.
fn services(c: &Catalog) -> Vec<Value> {
    c.services
        .iter()
        .map(|s| {
            let mut price: serde_json::Map<String, Value> =
                s.price_figures().into_iter().map(|(k, v)| (k, json!(v))).collect();
            if let crate::catalog::ServicePrice::VectorStore { unit, .. } = &s.price {
                price.insert("unit".into(), json!(unit));
            }
            json!({ "key": s.key, "name": s.name, "id": s.id, "kind": s.kind(), "price": price,
                    "crosscheck_note": s.crosscheck_note, "note": s.note,
                    "provenance": provenance(&s.provenance), "file": s.file })
        })
        .collect()
}

/// A figure written as a range: its distribution as written, and the mean every deterministic
/// command prices with (docs/model.md#uncertain-inputs).
#[derive(Serialize)]
struct Ranged<'a> {
    #[serde(flatten)]
    dist: &'a crate::uncertain::Distribution,
    mean: f64,
}

/// A catalog figure: a number, or `{"distribution", its parameters, "mean"}` when the file wrote
/// a range. `at` is the entry's table, its key and the field's path inside it.
fn figure(c: &Catalog, at: (&str, &str, &[&str]), value: f64) -> Value {
    c.range(at.0, at.1, at.2).map_or(json!(value), |dist| json!(Ranged { dist, mean: value }))
}

/// A map of figures by term or pricing model (`none`, `1-month`, `on-demand`…), each as [`figure`].
fn figures<K: AsRef<str>>(c: &Catalog, at: (&str, &str, &[&str]), map: &std::collections::BTreeMap<K, f64>) -> Value {
    let entries = map.iter().map(|(t, v)| {
        let field: Vec<&str> = at.2.iter().copied().chain([t.as_ref()]).collect();
        (t.as_ref().to_string(), figure(c, (at.0, at.1, &field), *v))
    });
    Value::Object(entries.collect())
}

/// The Provisioned Throughput and Reserved offers of a model, ranges as ranges.
fn capacity(c: &Catalog, m: &crate::catalog::Model) -> (Value, Value) {
    let at = |f: &'static [&'static str]| ("model", m.key.as_str(), f);
    let pt = m.provisioned.as_ref().map(|p| {
        json!({
            "usd_per_mu_hour": figures(c, at(&["provisioned", "usd_per_mu_hour"]), &p.usd_per_mu_hour),
            "input_tpm_per_mu": figure(c, at(&["provisioned", "input_tpm_per_mu"]), p.input_tpm_per_mu),
            "output_tpm_per_mu": figure(c, at(&["provisioned", "output_tpm_per_mu"]), p.output_tpm_per_mu),
            "throughput_assumed": p.throughput_assumed, "basis": p.basis, "provenance": provenance(&p.provenance),
        })
    });
    let reserved = m.reserved.as_ref().map(|r| json!({
        "usd_per_1k_input_tpm_month": figures(c, at(&["reserved", "usd_per_1k_input_tpm_month"]), &r.usd_per_1k_input_tpm_month),
        "usd_per_1k_output_tpm_month": figures(c, at(&["reserved", "usd_per_1k_output_tpm_month"]), &r.usd_per_1k_output_tpm_month),
        "min_input_tpm": r.min_input_tpm, "min_output_tpm": r.min_output_tpm,
        "basis": r.basis, "provenance": provenance(&r.provenance),
    }));
    (json!(pt), json!(reserved))
}

/// A model's `[model.speed]` (docs/catalog.md#speed): every endpoint's figures.
fn model_speed(s: &crate::catalog::ModelSpeed) -> Value {
    let one = |s: &crate::catalog::Speed| {
        json!({
            "output_tokens_per_s": s.output_tokens_per_s, "ttft_ms": s.ttft_ms,
            "derivation": s.derivation, "provenance": provenance(&s.provenance),
        })
    };
    json!({ "base": one(&s.base), "global": s.global.as_ref().map(one), "geo": s.geo.as_ref().map(one) })
}

/// The document of `models --format json` (schema `infercast/models-v2`).
pub fn models(c: &Catalog) -> Value {
    let models: Vec<Value> = c
        .models
        .iter()
        .map(|m| {
            json!({
                "key": m.key, "name": m.name, "id": m.id, "provider": m.provider, "vendor": m.vendor, "region": m.region,
                "input_usd_per_mtok": m.input_usd_per_mtok, "output_usd_per_mtok": m.output_usd_per_mtok,
                "cache_write_usd_per_mtok": m.cache.and_then(|c| c.write_usd_per_mtok),
                "cache_write_1h_usd_per_mtok": m.cache.and_then(|c| c.write_1h_usd_per_mtok),
                "cache_read_usd_per_mtok": m.cache.map(|c| c.read_usd_per_mtok),
                "status": m.standing(c.today()), "end_of_life": m.end_of_life,
                "regions": m.regions, "profiles": m.profiles,
                "global": m.global.as_ref().map(price_set),
                "region_prices": m.region_prices.iter().map(|r| json!({
                    "region": r.region, "prices": price_set(&r.prices), "provenance": provenance(&r.provenance) })).collect::<Vec<_>>(),
                "long_context": m.long_context.map(|l| json!({
                    "above_input_tokens": l.above_input_tokens, "input_multiplier": l.input_multiplier,
                    "output_multiplier": l.output_multiplier, "cache_multiplier": l.cache_multiplier })),
                "crosscheck_note": m.crosscheck_note, "price_list_note": m.price_list_note,
                "tiers": m.tiers.iter().map(|(t, p)| (t.as_str().to_string(), json!({
                    "multiplier": p.multiplier, "provenance": provenance(&p.provenance) }))).collect::<serde_json::Map<_, _>>(),
                "quota": { "rpm": m.quota.rpm, "rpm_enforced": m.quota.rpm_enforced, "tpm": m.quota.tpm, "output_burndown": m.quota.output_burndown,
                           "provenance": m.quota.provenance.as_ref().map(provenance) },
                "provenance": provenance(&m.provenance),
                "provisioned": capacity(c, m).0,
                "reserved": capacity(c, m).1,
                "speed": m.speed.as_ref().map(model_speed),
                "capacity_units": m.capacity.iter().map(model_capacity).collect::<Vec<_>>(),
                "note": m.note,
                "file": m.file,
            })
        })
        .collect();
    let instances: Vec<Value> = c
        .instances
        .iter()
        .map(|i| {
            json!({ "key": i.key, "gpus": i.gpus, "gpu": i.gpu,
                    "usd_per_hour": figures(c, ("instance", &i.key, &["usd_per_hour"]), &i.usd_per_hour),
                         "provenance": provenance(&i.provenance), "note": i.note, "file": i.file })
        })
        .collect();
    let deployments: Vec<Value> = c
        .deployments
        .iter()
        .map(|d| {
            let k = crate::model::serving::calibrate::deployment(c, d);
            json!({ "key": d.key, "model": d.model, "instance": d.instance, "open_model": d.open_model,
                         "precision": d.precision.as_str(), "engine": d.engine.as_str(),
                         "gpus_per_replica": d.gpus_per_replica,
                         "median_error": k.as_ref().map(|k| k.median_error),
                         "worst_error": k.as_ref().map(|k| k.worst_error),
                         "runs": k.as_ref().map(|k| k.runs.len()),
                         "derivation": d.derivation, "provenance": provenance(&d.provenance), "file": d.file })
        })
        .collect();
    json!({ "schema": "infercast/models-v2", "models": models, "instances": instances, "deployments": deployments,
            "services": services(c), "capacity_products": c.products.iter().map(product).collect::<Vec<_>>() })
}

/// Prices by term, as published: `{ "1-month": { "usd": 260, "per": "month", "assumed": false } }`.
fn unit_prices(prices: &std::collections::BTreeMap<crate::catalog::Term, crate::catalog::UnitPrice>) -> Value {
    prices
        .iter()
        .map(|(t, p)| (t.as_str().to_string(), json!({ "usd": p.usd, "per": p.per.as_str(), "assumed": p.assumed })))
        .collect::<serde_json::Map<_, _>>()
        .into()
}

/// A capacity product of `models --format json` (docs/catalog.md#capacity-products).
fn product(p: &crate::catalog::CapacityProduct) -> Value {
    json!({ "key": p.key, "name": p.name, "unit": p.unit, "vendor": p.vendor, "note": p.note,
            "deployments": p.deployments.iter().map(|d| json!({ "name": d.name, "min_units": d.min_units,
                "increment": d.increment, "prices": unit_prices(&d.prices) })).collect::<Vec<_>>(),
            "provenance": provenance(&p.provenance), "file": p.file })
}

/// How one model burns a product's units.
fn model_capacity(c: &crate::catalog::ModelCapacity) -> Value {
    let w = c.weights;
    json!({ "product": c.product, "tokens_per_minute_per_unit": c.tokens_per_minute_per_unit,
            "weights": { "output": w.output, "cache_read": w.cache_read, "cache_write": w.cache_write,
                         "cache_write_1h": w.cache_write_1h },
            "deployments": c.deployments, "min_units": c.min_units, "increment": c.increment,
            "prices": (!c.prices.is_empty()).then(|| unit_prices(&c.prices)),
            "long_context": c.long_context.map(|l| json!({ "above_input_tokens": l.above_input_tokens,
                "input_multiplier": l.input_multiplier, "output_multiplier": l.output_multiplier,
                "cache_multiplier": l.cache_multiplier })),
            "basis": c.basis, "provenance": provenance(&c.provenance) })
}
