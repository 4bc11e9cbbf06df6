//! Options that buy a vendor's capacity units (docs/model.md#capacity-units): `kind` names a
//! catalog product (`azure-ptu`, `vertex-gsu`, `openai-scale-tier`); the product's data, not
//! code, says which models, deployments, terms and unit counts it sells.
use super::offers::units;
use super::raw::OptionEntry;
use super::*;
use crate::catalog::{CapacityProduct, ModelCapacity, ProductDeployment, UnitOffer, Vendor};
use crate::input::Checker;
use crate::keyword::Keyword;
use toml::Spanned;

/// The models `product` covers, by the key a scenario writes ("none in this catalog" if none).
fn covered(catalog: &Catalog, product: &CapacityProduct) -> String {
    super::offers::with_offer(catalog, |m| m.capacity.iter().any(|c| c.product == product.key))
}

/// The model of a product option: named with or without its vendor's prefix, covered by the product.
pub(super) fn model<'c>(
    ck: &mut Checker,
    key: &Spanned<String>,
    product: &CapacityProduct,
    catalog: &'c Catalog,
) -> Option<(&'c Model, &'c ModelCapacity)> {
    let written = key.get_ref();
    let name = match Vendor::split(written) {
        Some((v, _)) if v != product.vendor => {
            ck.error(
                &key.span(),
                format!(
                    "`{written}` is sold by {}; `{}` sells {} capacity",
                    v.label(),
                    product.key,
                    product.vendor.label()
                ),
                format!("models `{}` covers: {}", product.key, covered(catalog, product)),
            );
            return None;
        }
        Some((_, name)) => name,
        None => written.as_str(),
    };
    let found = catalog.model(&product.vendor.key(name));
    let Some((m, c)) = found.and_then(|m| Some((m, m.capacity.iter().find(|c| c.product == product.key)?))) else {
        let what = if found.is_some() { "is not covered by" } else { "is not a model of" };
        ck.error(
            &key.span(),
            format!("model `{written}` {what} `{}`", product.key),
            format!("models `{}` covers: {}", product.key, covered(catalog, product)),
        );
        return None;
    };
    Some((m, c))
}

/// The deployment an option buys on: written, or the only one that serves the model.
fn deployment<'p>(
    ck: &mut Checker,
    o: &OptionEntry,
    product: &'p CapacityProduct,
    capacity: &'p ModelCapacity,
    model: &Model,
) -> Option<&'p ProductDeployment> {
    let serving: Vec<&ProductDeployment> = product.deployments_for(capacity).collect();
    let names = serving.iter().map(|d| d.name.as_str()).collect::<Vec<_>>().join(", ");
    match &o.deployment {
        Some(d) => {
            let found = serving.iter().find(|x| x.name == *d.get_ref()).copied();
            if found.is_none() {
                ck.error(
                    &d.span(),
                    format!("`{}` sells no `{}` deployment of `{}`", product.key, d.get_ref(), model.key),
                    format!("deployments of `{}` on `{}`: {names}", model.key, product.key),
                );
            }
            found
        }
        None if serving.len() == 1 => Some(serving[0]),
        None => {
            ck.error(
                &o.kind.span(),
                format!("`{}` sells `{}` on several deployments; the option must name one", product.key, model.key),
                format!("add `deployment = \"…\"`, one of: {names}"),
            );
            None
        }
    }
}

/// A `kind = "<product>"` option, with its model, deployment, term, units and overflow.
pub(super) fn option(
    ck: &mut Checker,
    o: &OptionEntry,
    product: &CapacityProduct,
    catalog: &Catalog,
    workloads: &[Workload],
    horizon: super::lifecycle::Horizon,
) -> Option<(OptionKind, Option<Lifecycle>)> {
    let Some(key) = &o.model else {
        ck.error(
            &o.kind.span(),
            format!("{} option needs a `model`", super::options::article(&format!("`{}`", product.key))),
            format!("add `model = \"…\"`, one of: {}", covered(catalog, product)),
        );
        return None;
    };
    let (model, capacity) = model(ck, key, product, catalog)?;
    let lifecycle = super::lifecycle::check(ck, key, model, o.allow_retired.as_ref(), horizon);
    let d = deployment(ck, o, product, capacity, model)?;
    let (term, offer) = offer(ck, o, product, (d, capacity), model)?;
    let units = o.units.as_ref().map_or(Some(Units::Peak), |u| units(ck, u))?;
    if let (Units::Count(n), Some(u)) = (units, &o.units)
        && !offer.sells(n)
    {
        ck.error(
            &u.span(),
            format!(
                "`units = {n}` cannot be bought: `{}` {} sells {} {}s or more, in steps of {}",
                product.key, offer.deployment, offer.min_units, offer.unit, offer.increment
            ),
            format!("write e.g. units = {}, or \"peak\" / \"optimal\"", sellable_near(&offer, n)),
        );
        return None;
    }
    let overflow = super::options::overflow(ck, o, units)?;
    if overflow == Overflow::OnDemand {
        super::endpoint::check_cache(ck, key, &model.key, &model.base_prices(), workloads);
    }
    let usd_per_mu_hour = offer.price.usd_per_unit_month(horizon.hours_per_month) / horizon.hours_per_month;
    let kind = OptionKind::Provisioned {
        model: model.clone(),
        term,
        units,
        overflow,
        usd_per_mu_hour,
        offer: Some(Box::new(offer)),
    };
    Some((kind, lifecycle))
}

/// The written term and its offer: one the product sells this model on this deployment.
fn offer(
    ck: &mut Checker,
    o: &OptionEntry,
    product: &CapacityProduct,
    (d, capacity): (&ProductDeployment, &ModelCapacity),
    model: &Model,
) -> Option<(Term, UnitOffer)> {
    // In the order terms run, shortest first.
    let sold = product.prices(d, capacity);
    let terms: Vec<&str> = Term::ALL.iter().filter(|t| sold.contains_key(t)).map(|t| t.as_str()).collect();
    let Some(t) = &o.term else {
        ck.error(
            &o.kind.span(),
            format!("{} option needs a `term`", super::options::article(&format!("`{}`", product.key))),
            format!("add `term = \"…\"`, one of: {}", terms.join(", ")),
        );
        return None;
    };
    let sold = Term::parse(t.get_ref()).and_then(|term| Some((term, product.offer(d, capacity, term)?)));
    if sold.is_none() {
        ck.error(
            &t.span(),
            format!("`{}` sells no `{}` term for `{}` on {}", product.key, t.get_ref(), model.key, d.name),
            format!("terms it sells there: {}", terms.join(", ")),
        );
    }
    sold
}

/// The nearest count at or above `n` that the offer sells.
fn sellable_near(offer: &UnitOffer, n: u32) -> u32 {
    if n <= offer.min_units {
        return offer.min_units;
    }
    offer.min_units + (n - offer.min_units).div_ceil(offer.increment) * offer.increment
}
