//! The catalog figures a scenario's pricing rests on, each with its value, source and date, for
//! the "Catalog figures used" table of `summary.md`.
use crate::catalog::{Endpoint, Model, Provenance, Term};
use crate::format::{percent, thousands};
use crate::keyword::Keyword;
use crate::scenario::{OptionKind, Scenario};
use std::fmt::Write;

/// Each price period of `model` in force on some day of the horizon, with the prices it sets for
/// the option's endpoint and region.
fn periods_met<'m>(
    s: &Scenario,
    model: &'m Model,
    endpoint: Endpoint,
    region: &str,
) -> impl Iterator<Item = (&'m crate::catalog::PricePeriod, crate::catalog::PriceSet)> {
    let (first, end) = (s.start.first_day, crate::dates::add_months(s.start.first_day, s.months));
    let region = region.to_string();
    model.price_periods.iter().filter_map(move |p| {
        let (from, until) = p.days();
        let day = from.max(first);
        (day < end && until >= first).then(|| model.prices_on(day, endpoint, &region).ok().map(|set| (p, set)))?
    })
}

/// One catalog figure used, with where it came from.
struct Figure {
    what: String,
    value: String,
    provenance: Provenance,
    basis: Option<String>,
}

impl Figure {
    /// A figure with no basis note.
    fn new(what: String, value: String, provenance: &Provenance) -> Self {
        Figure { what, value, provenance: provenance.clone(), basis: None }
    }
}

/// Every catalog figure the scenario's options and services use, each once, in option order.
fn figures(s: &Scenario) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::new();
    for o in &s.options {
        match &o.kind {
            OptionKind::OnDemand { .. } => out.extend(on_demand(s, &o.kind)),
            OptionKind::Provisioned { model, term, offer: Some(offer), .. } => {
                out.push(base_price(model));
                out.push(unit_offer(model, term, offer));
                out.extend(speed(model, Endpoint::InRegion));
            }
            OptionKind::Provisioned { model, term, usd_per_mu_hour, .. } => {
                out.push(base_price(model));
                out.extend(provisioned(model, term, usd_per_mu_hour));
                out.extend(speed(model, Endpoint::InRegion));
            }
            OptionKind::Reserved { model, term, usd_per_1k_input_tpm_month, usd_per_1k_output_tpm_month, .. } => {
                out.push(base_price(model));
                out.extend(speed(model, Endpoint::InRegion));
                let offer = model.reserved.as_ref().expect("validated");
                out.push(Figure {
                    what: format!("`{}` Reserved tier, {term}", model.key),
                    value: format!(
                        "${usd_per_1k_input_tpm_month} / ${usd_per_1k_output_tpm_month} per 1K input / output TPM-month; minimum {} / {} TPM",
                        thousands(offer.min_input_tpm),
                        thousands(offer.min_output_tpm)
                    ),
                    provenance: offer.provenance.clone(),
                    basis: offer.basis.clone(),
                });
            }
            OptionKind::SelfHosted(sh) => out.extend(self_hosted(sh)),
        }
    }
    out.extend(service_figures(s));
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|f| seen.insert(f.what.clone()));
    out
}

/// A model's undated on-demand prices in its home region.
fn base_price(m: &Model) -> Figure {
    Figure::new(format!("`{}` on-demand price", m.key), Model::describe(&m.base_prices()), &m.provenance)
}

/// An on-demand option's figures: its prices where it calls (undated, then each dated period
/// the horizon meets: docs/catalog.md#price-periods), long-context prices, tier and quota.
fn on_demand(s: &Scenario, kind: &OptionKind) -> Vec<Figure> {
    let OptionKind::OnDemand { model, tier, endpoint, region, prices, .. } = kind else { return Vec::new() };
    let scope = match (endpoint, region == &model.region) {
        (Endpoint::Global, _) => " (global profile)".to_string(),
        (_, true) => String::new(),
        (_, false) => format!(" in {region}"),
    };
    // A region with prices of its own cites where those came from.
    let provenance = model
        .region_prices
        .iter()
        .find(|r| &r.region == region && *endpoint != Endpoint::Global)
        .map_or(&model.provenance, |r| &r.provenance);
    let undated = model.prices(*endpoint, region).unwrap_or(*prices);
    let what = format!("`{}` on-demand price{scope}", model.key);
    let mut out = vec![Figure::new(what.clone(), Model::describe(&undated), provenance)];
    out.extend(periods_met(s, model, *endpoint, region).map(|(p, set)| {
        Figure::new(format!("{what} {}", crate::catalog::describe_period(p)), Model::describe(&set), &p.provenance)
    }));
    if let Some(l) = &model.long_context {
        let value = format!(
            "calls above {} input tokens: input x{}, output x{}, cache x{}",
            thousands(l.above_input_tokens),
            l.input_multiplier,
            l.output_multiplier,
            l.cache_multiplier
        );
        out.push(Figure::new(format!("`{}` long-context prices", model.key), value, &model.provenance));
    }
    if let Some(t) = model.tiers.get(tier) {
        let what = format!("`{}` {} tier", model.key, tier.as_str());
        out.push(Figure::new(what, format!("x{}", t.multiplier), &t.provenance));
    }
    if let Some(q) = &model.quota.provenance {
        let tpm = model.quota.tpm.map_or("no published TPM quota".into(), |t| format!("{} TPM", thousands(t)));
        let value = format!("{tpm}, output burndown {}", model.quota.output_burndown);
        out.push(Figure::new(format!("`{}` default quota", model.key), value, q));
    }
    out.extend(speed(model, *endpoint));
    out
}

/// A model's speed figures at an endpoint (docs/catalog.md#speed), with how an assumed range was
/// formed.
fn speed(model: &Model, endpoint: Endpoint) -> Option<Figure> {
    let s = model.speed.as_ref()?.at(endpoint);
    let scope = if std::ptr::eq(s, &model.speed.as_ref()?.base) {
        String::new()
    } else {
        format!(" ({} endpoint)", endpoint.as_str())
    };
    Some(Figure {
        what: format!("`{}` speed{scope}", model.key),
        value: super::latency::figures(s.output_tokens_per_s, s.ttft_ms),
        provenance: s.provenance.clone(),
        basis: s.derivation.clone().filter(|_| s.provenance.assumed),
    })
}

/// A Provisioned Throughput offer: its MU-hour price for the term, and what an MU does.
fn provisioned(model: &Model, term: &Term, usd_per_mu_hour: &f64) -> [Figure; 2] {
    let offer = model.provisioned.as_ref().expect("validated");
    let term = if term.is_commitment() { term.as_str() } else { "no commitment" };
    [
        Figure {
            what: format!("`{}` Provisioned Throughput, {term}", model.key),
            value: format!("${usd_per_mu_hour} per MU-hour"),
            provenance: offer.provenance.clone(),
            basis: offer.basis.clone().filter(|_| offer.provenance.assumed),
        },
        Figure {
            what: format!("`{}` MU throughput", model.key),
            value: format!(
                "{} in / {} out tokens per minute",
                thousands(offer.input_tpm_per_mu),
                thousands(offer.output_tpm_per_mu)
            ),
            provenance: Provenance { assumed: offer.throughput_assumed, ..offer.provenance.clone() },
            basis: offer.basis.clone().filter(|_| offer.throughput_assumed),
        },
    ]
}

/// A vendor's capacity unit (docs/model.md#capacity-units): its price for the term and what one
/// unit serves, cited as the model's entry (assumed where either figure is).
fn unit_offer(model: &Model, term: &Term, offer: &crate::catalog::UnitOffer) -> Figure {
    use crate::keyword::Keyword;
    let term = if term.is_commitment() { term.as_str() } else { "no commitment" };
    let assumed = offer.price.assumed || offer.throughput_assumed;
    Figure {
        what: format!("`{}` {} ({}), {term}", model.key, offer.product_name, offer.deployment),
        value: format!(
            "{} per {} per {}; {} weighted tokens a minute per {}",
            crate::format::usd_whole(offer.price.usd),
            offer.unit,
            offer.price.per.as_str(),
            thousands(offer.tokens_per_minute_per_unit),
            offer.unit
        ),
        provenance: Provenance { assumed, ..model.provenance.clone() },
        basis: None,
    }
}

/// A self-hosted option's instance price, and what its throughput rests on.
fn self_hosted(sh: &crate::scenario::SelfHosted) -> [Figure; 3] {
    let d = &sh.deployment;
    let checked = crate::model::serving::calibrate::self_hosted(sh).map_or(String::new(), |c| {
        format!(
            "; against {} published runs it is off by {} at the median, {} at worst",
            c.runs.len(),
            percent(c.median_error),
            percent(c.worst_error)
        )
    });
    let g = &sh.gpu;
    let e = &sh.engine;
    [
        Figure::new(
            format!("`{}` {} price", sh.instance.key, sh.price),
            format!("${} per hour ({} × {})", sh.usd_per_hour, sh.instance.gpus, g.name),
            &sh.instance.provenance,
        ),
        Figure {
            what: format!("`{}` GPU", g.key),
            value: format!(
                "{} GB, {} GB/s memory bandwidth, {} GB/s interconnect",
                thousands(g.memory_gb),
                thousands(g.memory_bandwidth_gb_s),
                thousands(g.interconnect_gb_s)
            ),
            provenance: g.provenance.clone(),
            basis: None,
        },
        Figure {
            what: format!("`{}` throughput", d.key),
            value: format!(
                "{} on {} per replica, {}, {} (bandwidth efficiency {}, compute efficiency {}){checked}",
                sh.open_model.name,
                crate::format::count(f64::from(d.gpus_per_replica), "GPU"),
                crate::keyword::Keyword::as_str(d.precision),
                crate::keyword::Keyword::as_str(e.kind),
                percent(e.bandwidth_efficiency),
                percent(e.compute_efficiency)
            ),
            provenance: d.provenance.clone(),
            basis: d.derivation.clone(),
        },
    ]
}

/// The price of every service the scenario uses.
fn service_figures(s: &Scenario) -> impl Iterator<Item = Figure> + '_ {
    s.services_used().into_iter().map(|sv| Figure {
        what: format!("`{}` {} price", sv.key, sv.kind().as_str()),
        value: sv.price.describe(),
        provenance: sv.provenance.clone(),
        basis: None,
    })
}

/// The "Catalog figures used" section: every figure, how many are assumed, and the basis of
/// each assumed or derived one.
pub fn provenance(out: &mut String, s: &Scenario) {
    let figures = figures(s);
    let assumed: Vec<&Figure> = figures.iter().filter(|f| f.provenance.assumed).collect();
    let _ = writeln!(out, "## Catalog figures used\n");
    let _ = writeln!(
        out,
        "{} from the catalog, **{} of them assumed** (not published anywhere; see the basis below).\n",
        crate::format::count(figures.len() as f64, "figure"),
        assumed.len()
    );
    let _ = writeln!(out, "| figure | value | source | as of | assumed |");
    let _ = writeln!(out, "| --- | --- | --- | --- | --- |");
    for f in &figures {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            f.what.replace('|', "\\|"),
            f.value,
            if f.provenance.private { f.provenance.cite() } else { format!("<{}>", f.provenance.source) },
            f.provenance.retrieved,
            if f.provenance.assumed { "**yes**" } else { "no" }
        );
    }
    // One line per distinct basis, naming every figure it covers.
    let mut notes: Vec<(String, Vec<&str>)> = Vec::new();
    for f in &figures {
        if let Some(b) = &f.basis {
            match notes.iter_mut().find(|(basis, _)| basis == b) {
                Some((_, whats)) => whats.push(&f.what),
                None => notes.push((b.clone(), vec![&f.what])),
            }
        }
    }
    if !notes.is_empty() {
        let _ = writeln!(out, "\nHow the assumed and derived figures were chosen:\n");
        for (basis, whats) in notes {
            let _ = writeln!(out, "- {}: {basis}", whats.join("; "));
        }
    }
}
