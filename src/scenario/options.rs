//! `[[option]]` entries → validated [`PlanOption`]s: per-kind fields, catalog look-ups, names.
use super::lifecycle::Horizon;
use super::lookup::{capacity_region, lookup_model};
use super::offers::{pt_price, reserved_capacity, reserved_prices, self_hosted, units};
use super::raw::OptionEntry;
use super::*;
use crate::catalog::{CapacityProduct, Vendor};
use crate::input::Checker;
use crate::keyword::Keyword;
use std::ops::Range;
use toml::Spanned;

/// "an on-demand", "a provisioned", …
fn a(kind: Kind) -> String {
    article(kind.as_str())
}

/// The word with its indefinite article: "an on-demand", "a `vertex-gsu`" (backquotes kept).
pub(super) fn article(word: &str) -> String {
    let article = if word.trim_start_matches('`').starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    format!("{article} {word}")
}

pub(super) fn options(
    ck: &mut Checker,
    raw: &[Spanned<OptionEntry>],
    workloads: &[Workload],
    catalog: &Catalog,
    region: Option<&str>,
    horizon: Horizon,
) -> Vec<PlanOption> {
    if raw.is_empty() {
        ck.file_error(
            "the scenario has no [[option]] to price",
            "add e.g. [[option]] with kind = \"on-demand\" and model = \"claude-3-haiku\"",
        );
    }
    let mut out: Vec<PlanOption> = Vec::new();
    for o in raw {
        if let Some(n) = &o.get_ref().name {
            ck.identifier(&n.span(), n.get_ref(), "name");
        }
        let Some(opt) = option(ck, o.get_ref(), workloads, catalog, (region, horizon)) else { continue };
        if out.iter().any(|x| x.name == opt.name) {
            let span = o.get_ref().name.as_ref().map_or(o.get_ref().kind.span(), |n| n.span());
            ck.error(&span, format!("two options are named \"{}\"", opt.name), "give one of them a different `name`");
        }
        out.push(opt);
    }
    out
}

/// Fields each kind accepts besides `name` and `kind`.
fn allowed_fields(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::OnDemand => &["model", "vendor", "tier", "endpoint", "region", "allow_retired"],
        Kind::Provisioned => &["model", "term", "units", "overflow", "allow_retired"],
        Kind::Reserved => &["model", "term", "capacity", "allow_retired"],
        Kind::SelfHosted => &[
            "deployment",
            "price",
            "scaling",
            "min_instances",
            "target_utilization",
            "ops_usd_per_month",
            "setup_usd",
            "amortize_months",
            "commitment_months",
        ],
    }
}

fn given_fields(o: &OptionEntry) -> Vec<(&'static str, Range<usize>)> {
    let s = |v: &Option<Spanned<String>>| v.as_ref().map(|v| v.span());
    let n = |v: &Option<Spanned<f64>>| v.as_ref().map(|v| v.span());
    let t = |v: &Option<Spanned<toml::Value>>| v.as_ref().map(|v| v.span());
    [
        ("model", s(&o.model)),
        ("vendor", s(&o.vendor)),
        ("tier", s(&o.tier)),
        ("endpoint", s(&o.endpoint)),
        ("region", s(&o.region)),
        ("term", s(&o.term)),
        ("units", t(&o.units)),
        ("overflow", s(&o.overflow)),
        ("capacity", t(&o.capacity)),
        ("deployment", s(&o.deployment)),
        ("price", s(&o.price)),
        ("scaling", s(&o.scaling)),
        ("min_instances", n(&o.min_instances)),
        ("target_utilization", n(&o.target_utilization)),
        ("ops_usd_per_month", n(&o.ops_usd_per_month)),
        ("setup_usd", n(&o.setup_usd)),
        ("amortize_months", n(&o.amortize_months)),
        ("commitment_months", n(&o.commitment_months)),
        ("allow_retired", o.allow_retired.as_ref().map(|v| v.span())),
    ]
    .into_iter()
    .filter_map(|(k, span)| span.map(|s| (k, s)))
    .collect()
}

/// Fields an option buying a vendor's capacity units takes besides `name` and `kind`.
const PRODUCT_FIELDS: &[&str] = &["model", "deployment", "term", "units", "overflow", "allow_retired"];

/// Reports every field given that the kind (`a`: "an on-demand", "an `azure-ptu`") does not take.
fn check_fields(ck: &mut Checker, o: &OptionEntry, a: &str, allowed: &[&str]) {
    for (field, span) in given_fields(o) {
        if !allowed.contains(&field) {
            ck.error(
                &span,
                format!("`{field}` does not apply to {a} option"),
                format!("remove it, or change `kind`; {a} option takes: {}", allowed.join(", ")),
            );
        }
    }
}

/// The kind an option names: built in, or a capacity product of the catalog.
fn kind_of<'c>(ck: &mut Checker, o: &OptionEntry, catalog: &'c Catalog) -> Option<Result<Kind, &'c CapacityProduct>> {
    if let Some(kind) = Kind::parse(o.kind.get_ref()) {
        return Some(Ok(kind));
    }
    if let Some(p) = catalog.product(o.kind.get_ref()) {
        return Some(Err(p));
    }
    // The built-in kinds, then the catalog's capacity products: the error lists them all.
    let products = catalog.products.iter().map(|p| p.key.as_str());
    let names: Vec<&str> = Kind::NAMES.iter().copied().chain(products).collect();
    ck.one_of(&o.kind, "kind", &names);
    None
}

fn option(
    ck: &mut Checker,
    o: &OptionEntry,
    workloads: &[Workload],
    catalog: &Catalog,
    (region, horizon): (Option<&str>, Horizon),
) -> Option<PlanOption> {
    let kind = match kind_of(ck, o, catalog)? {
        Ok(kind) => kind,
        Err(product) => {
            let before = ck.diags.len();
            check_fields(ck, o, &article(&format!("`{}`", product.key)), PRODUCT_FIELDS);
            let speed = super::client::speed(ck, o.speed.as_ref());
            let (kind, lifecycle) = super::units::option(ck, o, product, catalog, workloads, horizon)?;
            return (ck.diags.len() == before).then(|| finish(o, kind, lifecycle, speed, horizon));
        }
    };
    let before = ck.diags.len();
    check_fields(ck, o, &a(kind), allowed_fields(kind));
    let speed = super::client::speed(ck, o.speed.as_ref());
    let at = (region, horizon);
    let (kind, lifecycle) = match kind {
        Kind::SelfHosted => (OptionKind::SelfHosted(self_hosted(ck, o, catalog)?), None),
        Kind::OnDemand => {
            let m = billed_model(ck, o, kind, catalog, at)?;
            // Another vendor's model is priced where its file says: the scenario's region is Bedrock's.
            let at = if m.model.vendor == Vendor::Bedrock { at } else { (None, horizon) };
            (super::endpoint::on_demand(ck, o, m.key, (m.model, m.profile), workloads, at)?, m.lifecycle)
        }
        Kind::Provisioned => {
            let m = billed_model(ck, o, kind, catalog, at)?;
            (provisioned(ck, o, m.key, m.model, workloads, catalog)?, m.lifecycle)
        }
        Kind::Reserved => {
            let m = billed_model(ck, o, kind, catalog, at)?;
            (reserved(ck, o, m.key, m.model, workloads, catalog)?, m.lifecycle)
        }
    };
    if ck.diags.len() > before {
        return None;
    }
    Some(finish(o, kind, lifecycle, speed, horizon))
}

/// The option with its name, price shifts and speed.
fn finish(
    o: &OptionEntry,
    kind: OptionKind,
    lifecycle: Option<Lifecycle>,
    speed: Option<super::SpeedOverride>,
    horizon: Horizon,
) -> PlanOption {
    let name = o.name.as_ref().map_or_else(|| default_name(&kind), |n| n.get_ref().clone());
    let standalone = o.standalone.as_ref().is_none_or(|s| *s.get_ref());
    let price_shifts = match &kind {
        OptionKind::OnDemand { model, tier, endpoint, region, .. } => {
            let k = model.tier_multiplier(*tier).unwrap_or(1.0);
            super::start::shifts(model, *endpoint, region, (horizon.start.0, horizon.months), k)
        }
        OptionKind::Provisioned { .. } | OptionKind::Reserved { .. } | OptionKind::SelfHosted(_) => Vec::new(),
    };
    PlanOption { name, kind, standalone, lifecycle, price_shifts, speed }
}

/// The catalog model an option of a billed kind names, as written and as found.
struct BilledModel<'k> {
    key: &'k Spanned<String>,
    model: Model,
    /// The prefix of an inference-profile id.
    profile: Option<&'k str>,
    lifecycle: Option<Lifecycle>,
}

/// The model of an on-demand, provisioned or reserved option: looked up, checked against its
/// end of life, and for capacity, against where the catalog prices it.
fn billed_model<'k>(
    ck: &mut Checker,
    o: &'k OptionEntry,
    kind: Kind,
    catalog: &Catalog,
    (region, horizon): (Option<&str>, Horizon),
) -> Option<BilledModel<'k>> {
    let Some(key) = &o.model else {
        ck.error(
            &o.kind.span(),
            format!("{} option needs a `model`", a(kind)),
            "add `model = \"…\"` with a key from `infercast models`",
        );
        return None;
    };
    let vendor = match &o.vendor {
        Some(v) => Some((ck.keyword::<Vendor>(v, "vendor")?, v.span())),
        None => None,
    };
    let (model, profile) = lookup_model(ck, key, catalog, vendor)?;
    let model = model.clone();
    let lifecycle = super::lifecycle::check(ck, key, &model, o.allow_retired.as_ref(), horizon);
    if kind != Kind::OnDemand {
        capacity_region(ck, key, &model, profile.is_some(), region);
    }
    Some(BilledModel { key, model, profile, lifecycle })
}

fn provisioned(
    ck: &mut Checker,
    o: &OptionEntry,
    key: &Spanned<String>,
    model: Model,
    workloads: &[Workload],
    catalog: &Catalog,
) -> Option<OptionKind> {
    let term = required_term(ck, o, Kind::Provisioned, Term::PROVISIONED)?;
    let units = o.units.as_ref().map_or(Some(Units::Peak), |u| units(ck, u))?;
    let overflow = overflow(ck, o, units)?;
    // Even "peak" can overflow when the sizing quantile sits below the mean.
    if overflow == Overflow::OnDemand {
        check_cache_prices(ck, key, &model, workloads);
    }
    let term_span = o.term.as_ref().map_or(0..0, |t| t.span());
    let usd_per_mu_hour = pt_price(ck, key, &term_span, &model, term, catalog)?;
    Some(OptionKind::Provisioned { model, term, units, overflow, usd_per_mu_hour, offer: None })
}

fn reserved(
    ck: &mut Checker,
    o: &OptionEntry,
    key: &Spanned<String>,
    model: Model,
    workloads: &[Workload],
    catalog: &Catalog,
) -> Option<OptionKind> {
    let term = required_term(ck, o, Kind::Reserved, Term::RESERVED)?;
    let capacity = o.capacity.as_ref().map_or(Some(ReservedCapacity::Peak), |c| reserved_capacity(ck, c))?;
    check_cache_prices(ck, key, &model, workloads);
    let term_span = o.term.as_ref().map_or(0..0, |t| t.span());
    let (usd_per_1k_input_tpm_month, usd_per_1k_output_tpm_month) =
        reserved_prices(ck, key, &term_span, &model, term, catalog)?;
    if let (ReservedCapacity::Explicit { input_tpm, output_tpm }, Some(offer), Some(c)) =
        (capacity, &model.reserved, &o.capacity)
        && (input_tpm < offer.min_input_tpm || output_tpm < offer.min_output_tpm)
    {
        ck.error(
            &c.span(),
            format!(
                "`capacity` is below the Reserved-tier minimum of {} input and {} output TPM for `{}`",
                offer.min_input_tpm, offer.min_output_tpm, model.key
            ),
            "buy at least the minimums, or use capacity = \"optimal\"",
        );
    }
    Some(OptionKind::Reserved { model, term, capacity, usd_per_1k_input_tpm_month, usd_per_1k_output_tpm_month })
}

/// What bought units do with the traffic above them: on demand (the default) or rejected; a
/// count that minimises cost needs the overflow billed, or it buys nothing.
pub(super) fn overflow(ck: &mut Checker, o: &OptionEntry, units: Units) -> Option<Overflow> {
    let overflow = match &o.overflow {
        None => Overflow::OnDemand,
        Some(v) => ck.keyword::<Overflow>(v, "overflow")?,
    };
    if let (Overflow::Reject, Units::Optimal, Some(u)) = (overflow, units, &o.units) {
        ck.error(
            &u.span(),
            "`units = \"optimal\"` needs `overflow = \"on-demand\"`",
            "with rejected overflow the cheapest plan buys nothing; use \"peak\" or a count, or bill overflow on demand",
        );
        return None;
    }
    Some(overflow)
}

/// The `term` of a capacity option, one of `allowed`.
fn required_term(ck: &mut Checker, o: &OptionEntry, kind: Kind, allowed: &[Term]) -> Option<Term> {
    match &o.term {
        Some(v) => ck.keyword_among(v, "term", allowed),
        None => {
            ck.error(
                &o.kind.span(),
                format!("{} option needs a `term`", a(kind)),
                format!("add `term = \"…\"`, one of: {}", Term::names(allowed).join(", ")),
            );
            None
        }
    }
}

fn check_cache_prices(ck: &mut Checker, key: &Spanned<String>, model: &Model, workloads: &[Workload]) {
    super::endpoint::check_cache(ck, key, &model.key, &model.base_prices(), workloads);
}

/// "on-demand claude-3-sonnet", "on-demand nova-pro (batch)", "PT claude-3-sonnet 1-month optimal", …
pub fn default_name(kind: &OptionKind) -> String {
    match kind {
        OptionKind::OnDemand { model, tier, endpoint, region, .. } => {
            let mut qualifiers: Vec<&str> = Vec::new();
            if *tier != Tier::Standard {
                qualifiers.push(tier.as_str());
            }
            if *endpoint != Endpoint::InRegion {
                qualifiers.push(endpoint.as_str());
            }
            if *region != model.region {
                qualifiers.push(region);
            }
            match qualifiers.as_slice() {
                [] => format!("on-demand {}", model.key),
                q => format!("on-demand {} ({})", model.key, q.join(", ")),
            }
        }
        OptionKind::Provisioned { model, term, units, overflow, offer, .. } => {
            let units = match units {
                Units::Peak => "peak".to_string(),
                Units::Optimal => "optimal".to_string(),
                Units::Count(n) => format!("{n} {}", kind.unit().unwrap_or("MU")),
            };
            let reject = if *overflow == Overflow::Reject { ", reject overflow" } else { "" };
            let term = match term {
                Term::NoCommitment => "no-commit",
                committed => committed.as_str(),
            };
            match offer {
                // "azure-ptu gpt-5 global 1-month peak": the model without its vendor's prefix.
                Some(o) => {
                    let name = Vendor::split(&model.key).map_or(model.key.as_str(), |(_, n)| n);
                    format!("{} {name} {} {term} {units}{reject}", o.product, o.deployment)
                }
                None => format!("PT {} {term} {units}{reject}", model.key),
            }
        }
        OptionKind::Reserved { model, term, capacity, .. } => {
            let cap = match capacity {
                ReservedCapacity::Peak => "peak".to_string(),
                ReservedCapacity::Optimal => "optimal".to_string(),
                ReservedCapacity::Explicit { input_tpm, output_tpm } => format!("{input_tpm}/{output_tpm} TPM"),
            };
            format!("reserved {} {term} {cap}", model.key)
        }
        OptionKind::SelfHosted(s) => format!("self-hosted {} ({})", s.deployment.key, s.price),
    }
}
