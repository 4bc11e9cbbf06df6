//! A model's `tiers`: each service tier's multiplier of the standard prices, written as a number
//! (`batch = 0.5`) or as a table with its own provenance.
use super::raw;
use super::{Provenance, Tier, TierPrice};
use crate::input::Checker;
use crate::keyword::Keyword;
use crate::limits;
use crate::suggest::did_you_mean;
use std::collections::BTreeMap;
use std::ops::Range;
use toml::Spanned;

/// Every tier listed, at its multiplier; a tier with a problem is reported and left out.
pub(super) fn tiers(ck: &mut Checker, t: &Spanned<toml::Table>, entry: &Provenance) -> BTreeMap<Tier, TierPrice> {
    let span = t.span();
    let mut out = BTreeMap::new();
    for (name, value) in t.get_ref() {
        let Some(tier) = tier(ck, &span, name) else { continue };
        let Some(price) = price(ck, &span, name, value, entry) else { continue };
        if in_range(ck, &span, name, price.multiplier) {
            out.insert(tier, price);
        }
    }
    out
}

/// The tier a key names: one of batch, flex, priority (`standard` always has multiplier 1).
fn tier(ck: &mut Checker, span: &Range<usize>, name: &str) -> Option<Tier> {
    match Tier::parse(name) {
        Some(Tier::Standard) => {
            ck.error(
                span,
                "`standard` is not a tier to list: its multiplier is always 1",
                "remove `standard` from `tiers`",
            );
            None
        }
        Some(tier) => Some(tier),
        None => {
            let help = did_you_mean(name, ["batch", "flex", "priority"], "tiers are");
            ck.error(span, format!("unknown tier `{name}` in `tiers`"), help);
            None
        }
    }
}

/// A tier's multiplier and provenance: the entry's for a bare number, overridden by what a table
/// states.
fn price(
    ck: &mut Checker,
    span: &Range<usize>,
    name: &str,
    value: &toml::Value,
    entry: &Provenance,
) -> Option<TierPrice> {
    match value {
        toml::Value::Float(x) => Some(TierPrice { multiplier: *x, provenance: entry.clone() }),
        toml::Value::Integer(x) => Some(TierPrice { multiplier: *x as f64, provenance: entry.clone() }),
        toml::Value::Table(_) => match value.clone().try_into::<raw::TierTable>() {
            Ok(table) => Some(from_table(table, entry)),
            Err(e) => {
                ck.error(
                    span,
                    format!("tier `{name}`: {}", e.message()),
                    "write `{ multiplier = 0.5, source = \"https://…\", retrieved = 2026-01-01 }`",
                );
                None
            }
        },
        other => {
            ck.error(
                span,
                format!("tier `{name}` must be a number or a table, found {}", other.type_str()),
                "write e.g. `batch = 0.5`",
            );
            None
        }
    }
}

/// `{ multiplier, source, retrieved, assumed }`: the source and date override the entry's; a
/// tier is never private.
fn from_table(table: raw::TierTable, entry: &Provenance) -> TierPrice {
    let mut provenance = entry.clone();
    if let Some(s) = table.source {
        provenance.source = s;
    }
    if let Some(r) = table.retrieved {
        provenance.retrieved = r.to_string();
    }
    provenance.assumed = table.assumed.unwrap_or(false);
    provenance.private = false;
    TierPrice { multiplier: table.multiplier, provenance }
}

/// A multiplier within [`limits::MULTIPLIER`]; reports one outside it.
fn in_range(ck: &mut Checker, span: &Range<usize>, name: &str, x: f64) -> bool {
    let m = limits::MULTIPLIER;
    let ok = x.is_finite() && x >= m.min && x <= m.max;
    if !ok {
        ck.error(
            span,
            format!("tier `{name}` multiplier must be from {} to {}, found {x}", m.min, m.max),
            "write e.g. `batch = 0.5`",
        );
    }
    ok
}
