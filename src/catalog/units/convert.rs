//! Raw capacity-product tables → validated [`CapacityProduct`]s and [`ModelCapacity`]s.
use super::raw;
use super::*;
use crate::catalog::convert::entry_provenance;
use crate::input::Checker;
use crate::limits;
use toml::Spanned;

/// The file's vendor: `vendor` in `[catalog]`, Bedrock when absent.
pub(in crate::catalog) fn vendor(ck: &mut Checker, v: &Option<Spanned<String>>) -> Vendor {
    v.as_ref().map_or(Some(Vendor::Bedrock), |v| ck.keyword::<Vendor>(v, "vendor")).unwrap_or(Vendor::Bedrock)
}

/// A whole number of units from 1 to [`limits::MAX_UNITS`].
fn units(ck: &mut Checker, v: &Spanned<i64>, key: &str) -> u32 {
    let n = *v.get_ref();
    if (1..=limits::MAX_UNITS).contains(&n) {
        return n as u32;
    }
    ck.error(
        &v.span(),
        format!("`{key}` must be a whole number of units from 1 to {}, found {n}", limits::MAX_UNITS),
        "write the vendor's published figure, e.g. 15",
    );
    1
}

/// `prices = [ { term, usd, per }, … ]`: each term once, each a term infercast knows.
fn prices(ck: &mut Checker, rows: &[Spanned<raw::Price>]) -> BTreeMap<Term, UnitPrice> {
    let mut out = BTreeMap::new();
    for row in rows {
        let r = row.get_ref();
        let term = ck.keyword::<Term>(&r.term, "term");
        let per = ck.keyword::<Per>(&r.per, "per");
        let usd = limits::check(ck, &r.usd, "usd", limits::USD_PER_UNIT);
        let (Some(term), Some(per)) = (term, per) else { continue };
        if out.insert(term, UnitPrice { usd, per, assumed: r.assumed.unwrap_or(false) }).is_some() {
            ck.error(&r.term.span(), format!("term `{term}` is priced twice"), "keep one row per term");
        }
    }
    out
}

/// The file's `[[capacity]]` products.
pub(in crate::catalog) fn products(
    ck: &mut Checker,
    raw: &[Spanned<raw::Product>],
    file: &Provenance,
    vendor: Vendor,
    path: &str,
) -> Vec<CapacityProduct> {
    raw.iter().map(|p| product(ck, p, file, vendor, path)).collect()
}

fn product(
    ck: &mut Checker,
    p: &Spanned<raw::Product>,
    file: &Provenance,
    vendor: Vendor,
    path: &str,
) -> CapacityProduct {
    let r = p.get_ref();
    ck.identifier(&r.key.span(), r.key.get_ref(), "key");
    ck.identifier(&r.name.span(), r.name.get_ref(), "name");
    ck.identifier(&r.unit.span(), r.unit.get_ref(), "unit");
    let provenance = entry_provenance(ck, &r.source, &r.retrieved, None, None, file);
    if r.deployment.is_empty() {
        ck.error(
            &p.span(),
            format!("capacity product `{}` has no [[capacity.deployment]]", r.key.get_ref()),
            "add one with `name`, `min_units`, `increment` and `prices` (name it \"standard\" when the vendor has one kind)",
        );
    }
    let mut deployments: Vec<ProductDeployment> = Vec::new();
    for d in &r.deployment {
        let d = d.get_ref();
        ck.identifier(&d.name.span(), d.name.get_ref(), "name");
        if deployments.iter().any(|x| x.name == *d.name.get_ref()) {
            ck.error(&d.name.span(), format!("deployment `{}` is listed twice", d.name.get_ref()), "keep one");
        }
        deployments.push(ProductDeployment {
            name: d.name.get_ref().clone(),
            min_units: units(ck, &d.min_units, "min_units"),
            increment: units(ck, &d.increment, "increment"),
            prices: prices(ck, &d.prices),
        });
    }
    CapacityProduct {
        key: r.key.get_ref().clone(),
        name: r.name.get_ref().clone(),
        unit: r.unit.get_ref().clone(),
        vendor,
        deployments,
        provenance,
        note: r.note.clone(),
        file: path.to_string(),
    }
}

/// A model's `[model.capacity.<product>]` tables, checked against the file's products: each
/// names one, lists only its deployments, and has a price for at least one term on each.
pub(in crate::catalog) fn model_capacity(
    ck: &mut Checker,
    raw: &BTreeMap<String, Spanned<raw::ModelCapacity>>,
    products: &[CapacityProduct],
    entry: &Provenance,
) -> Vec<ModelCapacity> {
    let mut out = Vec::new();
    for (key, c) in raw {
        let Some(product) = products.iter().find(|p| p.key == *key) else {
            let known: Vec<&str> = products.iter().map(|p| p.key.as_str()).collect();
            ck.error(
                &c.span(),
                format!("[model.capacity.{key}] names no [[capacity]] product of this file"),
                if known.is_empty() {
                    "define the product in this file with [[capacity]] key = \"…\"".to_string()
                } else {
                    format!("products of this file: {}", known.join(", "))
                },
            );
            continue;
        };
        if let Some(m) = one(ck, key, c, product, entry) {
            out.push(m);
        }
    }
    out
}

fn one(
    ck: &mut Checker,
    key: &str,
    c: &Spanned<raw::ModelCapacity>,
    product: &CapacityProduct,
    entry: &Provenance,
) -> Option<ModelCapacity> {
    let r = c.get_ref();
    let tpm = throughput(ck, key, c)?;
    let weights = weights(ck, r.weights.get_ref());
    if let Some(names) = &r.deployments {
        known_deployments(ck, names, product);
    }
    let provenance = entry_provenance(ck, &r.source, &r.retrieved, r.assumed, None, entry);
    if provenance.assumed && r.basis.as_deref().is_none_or(|b| b.trim().is_empty()) {
        ck.error(
            &c.span(),
            format!("[model.capacity.{key}] is assumed but has no `basis`"),
            "add `basis = \"…\"`: how the figures were chosen, so readers can judge them",
        );
    }
    let capacity = ModelCapacity {
        product: key.to_string(),
        tokens_per_minute_per_unit: tpm,
        weights,
        deployments: r.deployments.as_ref().map(|d| d.get_ref().clone()),
        min_units: r.min_units.as_ref().map(|v| units(ck, v, "min_units")),
        increment: r.increment.as_ref().map(|v| units(ck, v, "increment")),
        prices: r.prices.as_deref().map(|p| prices(ck, p)).unwrap_or_default(),
        long_context: r.long_context.as_ref().map(|l| long_context(ck, l.get_ref())),
        provenance,
        basis: r.basis.clone(),
    };
    for d in product.deployments_for(&capacity) {
        if product.prices(d, &capacity).is_empty() {
            ck.error(
                &c.span(),
                format!("[model.capacity.{key}] has no price on deployment `{}`", d.name),
                "give `prices` here or on the product's deployment",
            );
        }
    }
    Some(capacity)
}

/// Weighted tokens a minute one unit serves: per minute, or per second × 60; exactly one given.
fn throughput(ck: &mut Checker, key: &str, c: &Spanned<raw::ModelCapacity>) -> Option<f64> {
    let r = c.get_ref();
    match (&r.tokens_per_minute_per_unit, &r.tokens_per_second_per_unit) {
        (Some(m), None) => Some(limits::check(ck, m, "tokens_per_minute_per_unit", limits::TOKENS_PER_MINUTE)),
        (None, Some(s)) => Some(60.0 * limits::check(ck, s, "tokens_per_second_per_unit", limits::TOKENS_PER_MINUTE)),
        _ => {
            ck.error(
                &c.span(),
                format!(
                    "[model.capacity.{key}] needs exactly one of `tokens_per_minute_per_unit` and `tokens_per_second_per_unit`"
                ),
                "give the throughput of one unit as the vendor publishes it",
            );
            None
        }
    }
}

fn weights(ck: &mut Checker, w: &raw::Weights) -> Weights {
    let weight = |ck: &mut Checker, v: &Spanned<f64>, k: &str| limits::check(ck, v, k, limits::UNIT_WEIGHT);
    Weights {
        output: weight(ck, &w.output, "weights.output"),
        cache_read: weight(ck, &w.cache_read, "weights.cache_read"),
        cache_write: weight(ck, &w.cache_write, "weights.cache_write"),
        cache_write_1h: w.cache_write_1h.as_ref().map(|v| weight(ck, v, "weights.cache_write_1h")),
    }
}

/// Every deployment a model lists is one of the product's.
fn known_deployments(ck: &mut Checker, names: &Spanned<Vec<String>>, product: &CapacityProduct) {
    for n in names.get_ref() {
        if product.deployment(n).is_none() {
            let known: Vec<&str> = product.deployments.iter().map(|d| d.name.as_str()).collect();
            ck.error(
                &names.span(),
                format!("`{}` has no deployment `{n}`", product.key),
                format!("its deployments: {}", known.join(", ")),
            );
        }
    }
}

fn long_context(ck: &mut Checker, l: &crate::catalog::raw::LongContext) -> crate::catalog::LongContext {
    super::super::convert::long_context(ck, l)
}
