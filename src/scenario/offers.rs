//! Capacity options: Provisioned Throughput and Reserved-tier offers looked up in the catalog,
//! their `units` and `capacity` values, and self-hosted deployments with their price keys.
use super::raw::OptionEntry;
use super::*;
use crate::input::Checker;
use crate::keyword::Keyword;
use crate::limits;
use crate::suggest::did_you_mean;
use std::ops::Range;
use toml::Spanned;

/// Models that have an offer, for the help of a missing one.
pub(super) fn with_offer(catalog: &Catalog, has: impl Fn(&Model) -> bool) -> String {
    let keys: Vec<&str> = catalog.models.iter().filter(|m| has(m)).map(|m| m.key.as_str()).collect();
    if keys.is_empty() { "none in this catalog".to_string() } else { keys.join(", ") }
}

/// The price for `term` of an offer the model may lack; `what` names the offer in messages.
#[allow(clippy::too_many_arguments)]
fn offer_price<O, T>(
    ck: &mut Checker,
    key: &Spanned<String>,
    term_span: &Range<usize>,
    model: &Model,
    term: Term,
    catalog: &Catalog,
    (what, offer, has): (&str, Option<&O>, fn(&Model) -> bool),
    lookup: impl Fn(&O) -> (Option<T>, Vec<&'static str>),
) -> Option<T> {
    let Some(offer) = offer else {
        let others = with_offer(catalog, has);
        ck.error(
            &key.span(),
            format!("model `{}` has no {what} offer in the catalog", model.key),
            format!("models with one: {others}"),
        );
        return None;
    };
    let (price, terms) = lookup(offer);
    if price.is_none() {
        ck.error(
            term_span,
            format!("model `{}` has no {what} price for term `{term}`", model.key),
            format!("terms it has: {}", terms.join(", ")),
        );
    }
    price
}

pub(super) fn pt_price(
    ck: &mut Checker,
    key: &Spanned<String>,
    term_span: &Range<usize>,
    model: &Model,
    term: Term,
    catalog: &Catalog,
) -> Option<f64> {
    let offer = (
        "Provisioned Throughput",
        model.provisioned.as_ref(),
        (|m: &Model| m.provisioned.is_some()) as fn(&Model) -> bool,
    );
    offer_price(ck, key, term_span, model, term, catalog, offer, |o| {
        (o.usd_per_mu_hour.get(&term).copied(), o.usd_per_mu_hour.keys().map(|t| t.as_str()).collect())
    })
}

pub(super) fn reserved_prices(
    ck: &mut Checker,
    key: &Spanned<String>,
    term_span: &Range<usize>,
    model: &Model,
    term: Term,
    catalog: &Catalog,
) -> Option<(f64, f64)> {
    let offer = ("Reserved-tier", model.reserved.as_ref(), (|m: &Model| m.reserved.is_some()) as fn(&Model) -> bool);
    offer_price(ck, key, term_span, model, term, catalog, offer, |o| {
        let prices = o.usd_per_1k_input_tpm_month.get(&term).zip(o.usd_per_1k_output_tpm_month.get(&term));
        (prices.map(|(i, out)| (*i, *out)), o.usd_per_1k_input_tpm_month.keys().map(|t| t.as_str()).collect())
    })
}

pub(super) fn units(ck: &mut Checker, u: &Spanned<toml::Value>) -> Option<Units> {
    if let Some(auto) = AutoSize::of(u.get_ref()) {
        return Some(match auto {
            AutoSize::Peak => Units::Peak,
            AutoSize::Optimal => Units::Optimal,
        });
    }
    match u.get_ref() {
        toml::Value::Integer(n) if (1..=10_000).contains(n) => Some(Units::Count(*n as u32)),
        other => {
            ck.error(
                &u.span(),
                format!("`units` must be \"peak\", \"optimal\" or a whole number of model units from 1, found {other}"),
                "write units = \"peak\", \"optimal\" or e.g. 2",
            );
            None
        }
    }
}

pub(super) fn reserved_capacity(ck: &mut Checker, c: &Spanned<toml::Value>) -> Option<ReservedCapacity> {
    let number = |v: Option<&toml::Value>| {
        match v {
            Some(toml::Value::Integer(n)) if *n > 0 => Some(*n as f64),
            Some(toml::Value::Float(x)) if x.is_finite() && *x > 0.0 => Some(*x),
            _ => None,
        }
        .filter(|x| *x <= limits::TOKENS_PER_MINUTE.max)
    };
    if let Some(auto) = AutoSize::of(c.get_ref()) {
        return Some(match auto {
            AutoSize::Peak => ReservedCapacity::Peak,
            AutoSize::Optimal => ReservedCapacity::Optimal,
        });
    }
    match c.get_ref() {
        toml::Value::Table(t) if t.len() == 2 => match (number(t.get("input_tpm")), number(t.get("output_tpm"))) {
            (Some(input_tpm), Some(output_tpm)) => Some(ReservedCapacity::Explicit { input_tpm, output_tpm }),
            _ => bad_capacity(ck, c),
        },
        _ => bad_capacity(ck, c),
    }
}

fn bad_capacity(ck: &mut Checker, c: &Spanned<toml::Value>) -> Option<ReservedCapacity> {
    ck.error(
        &c.span(),
        format!(
            "`capacity` must be \"peak\", \"optimal\" or {{ input_tpm = N, output_tpm = N }}, found {}",
            c.get_ref()
        ),
        "write e.g. capacity = { input_tpm = 200_000, output_tpm = 20_000 } (at most 1e15 tokens a minute each)",
    );
    None
}

pub(super) fn self_hosted(ck: &mut Checker, o: &OptionEntry, catalog: &Catalog) -> Option<SelfHosted> {
    let Some(key) = &o.deployment else {
        ck.error(
            &o.kind.span(),
            "a self-hosted option needs a `deployment`",
            "add `deployment = \"…\"` with a key from pricing/selfhost.toml",
        );
        return None;
    };
    let Some(deployment) = catalog.deployment(key.get_ref()) else {
        let keys = catalog.deployments.iter().map(|d| d.key.as_str());
        let help = did_you_mean(key.get_ref(), keys, "deployments in the catalog");
        ck.error(&key.span(), format!("deployment `{}` is not in the catalog", key.get_ref()), help);
        return None;
    };
    let instance =
        catalog.instance(&deployment.instance).expect("deployment instances are checked when the catalog loads");
    let price = o.price.as_ref().map_or_else(|| "on-demand".to_string(), |p| p.get_ref().clone());
    let Some(&usd_per_hour) = instance.usd_per_hour.get(&price) else {
        let span = o.price.as_ref().map_or_else(|| key.span(), |p| p.span());
        let has: Vec<&str> = instance.usd_per_hour.keys().map(String::as_str).collect();
        ck.error(
            &span,
            format!("instance `{}` has no `{price}` price in the catalog", instance.key),
            format!("prices it has: {}; set `price` to one of them", has.join(", ")),
        );
        return None;
    };
    let scaling = match &o.scaling {
        None => Scaling::Hourly,
        Some(s) => ck.keyword::<Scaling>(s, "scaling")?,
    };
    let specs = (catalog.gpu(&instance.gpu), catalog.open_model(&deployment.open_model), catalog.engine(deployment.engine));
    let (Some(gpu), Some(open_model), Some(engine)) = specs else {
        unreachable!("a deployment's GPU, open model and engine are checked when the catalog loads")
    };
    Some(SelfHosted {
        deployment: deployment.clone(),
        instance: instance.clone(),
        gpu: gpu.clone(),
        open_model: open_model.clone(),
        engine: engine.clone(),
        throughput_scale: 1.0,
        price,
        usd_per_hour,
        scaling,
        min_instances: o.min_instances.as_ref().map_or(1, |m| ck.whole(m, "min_instances", 0)),
        target_utilization: o
            .target_utilization
            .as_ref()
            .map_or(0.8, |u| ck.number_in(u, "target_utilization", 0.01, 1.0)),
        ops_usd_per_month: limits::check_or(ck, &o.ops_usd_per_month, "ops_usd_per_month", limits::USD, 0.0),
        setup_usd: limits::check_or(ck, &o.setup_usd, "setup_usd", limits::USD, 0.0),
        amortize_months: o.amortize_months.as_ref().map_or(12, |m| amortize_months(ck, m)),
        commitment_months: super::risk::commitment_months(ck, o, scaling),
    })
}

/// Months a setup cost is spread over: 1 to 120, like the horizon
/// (docs/model.md#limits-of-the-inputs).
fn amortize_months(ck: &mut Checker, m: &Spanned<f64>) -> u32 {
    let n = ck.whole(m, "amortize_months", 1);
    if n > 120 {
        ck.error(
            &m.span(),
            format!("`amortize_months` must be from 1 to 120, found {n}"),
            "spread the setup cost over at most ten years (120 months)",
        );
        return 120;
    }
    n
}
