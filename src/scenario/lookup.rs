//! The catalog model an option names: by key, provider id or inference-profile id, with or
//! without a vendor (docs/model.md#capacity-units), and where capacity may be bought for it.
use super::*;
use crate::catalog::Vendor;
use crate::input::Checker;
use crate::suggest::did_you_mean;
use std::ops::Range;
use toml::Spanned;

/// The model a reference names (key, provider id or inference-profile id), and the prefix of a
/// profile id; unknown references get the closest keys and ids.
pub(super) fn lookup_model<'c, 'k>(
    ck: &mut Checker,
    key: &'k Spanned<String>,
    catalog: &'c Catalog,
    vendor: Option<(Vendor, Range<usize>)>,
) -> Option<(&'c Model, Option<&'k str>)> {
    let reference = key.get_ref();
    let prefixed = Vendor::split(reference);
    if let (Some((named, _)), Some((v, span))) = (prefixed, &vendor)
        && named != *v
    {
        ck.error(
            span,
            format!("`vendor = \"{}\"` contradicts the model `{reference}`, sold by {}", v.as_str(), named.label()),
            "remove `vendor`, or name the model without its prefix",
        );
        return None;
    }
    let found = match vendor {
        Some((v, _)) if v != Vendor::Bedrock && prefixed.is_none() => {
            catalog.model(&v.key(reference)).map(|m| (m, None))
        }
        Some((Vendor::Bedrock, _)) if prefixed.is_some() => None,
        _ => catalog.resolve(reference),
    };
    let found = match (found, &vendor) {
        (None, None) => elsewhere(ck, key, catalog)?,
        (found, _) => found,
    };
    if let (None, Some((v, _))) = (found, &vendor) {
        not_sold_by(ck, key, catalog, *v);
        return None;
    }
    if found.is_none() {
        let names = catalog.keys().chain(catalog.models.iter().map(|m| m.id.as_str()));
        let close = crate::suggest::closest(key.get_ref(), names.clone());
        let help = if close.is_empty() {
            "`infercast models` lists the catalog's models, by key and provider id".to_string()
        } else {
            did_you_mean(key.get_ref(), names, "")
        };
        ck.error(&key.span(), format!("model `{}` is not in the catalog", key.get_ref()), help);
    }
    found
}

/// `vendor` sells no model of that name: who does, or its closest models.
fn not_sold_by(ck: &mut Checker, key: &Spanned<String>, catalog: &Catalog, vendor: Vendor) {
    let name = Vendor::split(key.get_ref()).map_or(key.get_ref().as_str(), |(_, n)| n);
    // Bedrock's model of that key, then the other vendors' (catalog order either way).
    let sellers = catalog.model(name).into_iter().chain(catalog.elsewhere(name));
    let others: Vec<&str> = sellers.filter(|m| m.vendor != vendor).map(|m| m.key.as_str()).collect();
    let help = if others.is_empty() {
        let own = catalog.models.iter().filter(|m| m.vendor == vendor).map(|m| m.key.as_str());
        did_you_mean(key.get_ref(), own, &format!("{}'s models", vendor.label()))
    } else {
        format!("it is sold by: {}; change `vendor` or name that model", others.join(", "))
    };
    ck.error(&key.span(), format!("{} sells no model `{name}` in the catalog", vendor.label()), help);
}

/// A model that Bedrock does not sell, named without a vendor: the one other vendor's model of
/// that name; `None` inside when there is none; an error when several vendors sell one.
#[allow(clippy::option_option)]
fn elsewhere<'c, 'k>(
    ck: &mut Checker,
    key: &'k Spanned<String>,
    catalog: &'c Catalog,
) -> Option<Option<(&'c Model, Option<&'k str>)>> {
    match catalog.elsewhere(key.get_ref()).as_slice() {
        [] => Some(None),
        [one] => Some(Some((*one, None))),
        several => {
            let keys: Vec<&str> = several.iter().map(|m| m.key.as_str()).collect();
            ck.error(
                &key.span(),
                format!("model `{}` is sold by several vendors: {}", key.get_ref(), keys.join(", ")),
                format!("name one with its vendor's prefix, e.g. model = \"{}\"", keys[0]),
            );
            None
        }
    }
}

/// Capacity options are priced where the catalog has their offers: a scenario region or an
/// inference-profile id cannot move them.
pub(super) fn capacity_region(
    ck: &mut Checker,
    key: &Spanned<String>,
    model: &Model,
    is_profile_id: bool,
    region: Option<&str>,
) {
    if is_profile_id {
        ck.error(
            &key.span(),
            format!("`{}` is an inference-profile id; capacity is bought for a model, not a profile", key.get_ref()),
            format!("write model = \"{}\"", model.key),
        );
    }
    if let Some(r) = region.filter(|r| !model.regions.iter().any(|m| m == r)) {
        ck.error(
            &key.span(),
            format!("the catalog prices `{}` capacity in {} only, not in {r}", model.key, model.regions.join(", ")),
            "remove `region` from [scenario], or price the capacity option in a scenario of its own",
        );
    }
}
