//! Raw catalog entries → validated models: prices, cache, tiers, quotas, provenance.
use super::raw;
use super::*;
use crate::input::Checker;
use crate::keyword::Keyword;
use crate::suggest::did_you_mean;
use toml::Spanned;
use toml::value::Datetime;

pub(super) fn date(ck: &mut Checker, d: &Spanned<Datetime>, key: &str) -> String {
    let v = d.get_ref();
    match (v.date, v.time) {
        (Some(date), None) => date.to_string(),
        _ => {
            ck.error(
                &d.span(),
                format!("`{key}` must be a date, found {v}"),
                "write a date like 2026-03-29 (no quotes, no time)",
            );
            String::new()
        }
    }
}

pub(super) fn url(ck: &mut Checker, s: &Spanned<String>, key: &str) -> String {
    let v = s.get_ref();
    if !(v.starts_with("https://") || v.starts_with("http://")) {
        ck.error(
            &s.span(),
            format!("`{key}` must be a URL, found \"{v}\""),
            "give the address the figure was read from, starting with https://",
        );
    }
    v.clone()
}

/// Checks the `[catalog]` header and returns the file-wide provenance.
pub(super) fn header(ck: &mut Checker, h: &raw::Header) -> Provenance {
    if h.currency.get_ref() != "USD" {
        ck.error(
            &h.currency.span(),
            format!("currency must be \"USD\", found \"{}\"", h.currency.get_ref()),
            "infercast prices in USD only for now; convert the prices and write currency = \"USD\"",
        );
    }
    Provenance { source: url(ck, &h.source, "source"), retrieved: date(ck, &h.retrieved, "retrieved"), assumed: false }
}

pub(super) fn entry_provenance(
    ck: &mut Checker,
    source: &Option<Spanned<String>>,
    retrieved: &Option<Spanned<Datetime>>,
    assumed: Option<bool>,
    file: &Provenance,
) -> Provenance {
    let mut p = file.clone();
    if let Some(s) = source {
        p.source = url(ck, s, "source");
        match retrieved {
            Some(r) => p.retrieved = date(ck, r, "retrieved"),
            None => ck.error(
                &s.span(),
                "an entry that overrides `source` must give its `retrieved` date too",
                "add `retrieved = YYYY-MM-DD` beside it",
            ),
        }
    } else if let Some(r) = retrieved {
        p.retrieved = date(ck, r, "retrieved");
    }
    p.assumed = assumed.unwrap_or(false);
    p
}

pub(super) fn model(ck: &mut Checker, m: &raw::Model, h: &raw::Header, file: &Provenance) -> Model {
    let provenance = entry_provenance(ck, &m.source, &m.retrieved, m.assumed, file);
    let cache = match (&m.cache_write_usd_per_mtok, &m.cache_read_usd_per_mtok) {
        (Some(w), Some(r)) => Some(CachePrices {
            write_usd_per_mtok: ck.non_negative(w, "cache_write_usd_per_mtok"),
            read_usd_per_mtok: ck.non_negative(r, "cache_read_usd_per_mtok"),
        }),
        (None, None) => None,
        (Some(one), None) | (None, Some(one)) => {
            let (given, missing) = if m.cache_write_usd_per_mtok.is_some() {
                ("cache_write_usd_per_mtok", "cache_read_usd_per_mtok")
            } else {
                ("cache_read_usd_per_mtok", "cache_write_usd_per_mtok")
            };
            ck.error(
                &one.span(),
                format!("`{given}` is given without `{missing}`; give both cache prices or neither"),
                format!("add `{missing} = …` beside it, or remove `{given}`"),
            );
            None
        }
    };
    let provisioned = m.provisioned.as_ref().map(|p| super::capacity::provisioned(ck, p, &provenance));
    let reserved = m.reserved.as_ref().map(|r| super::capacity::reserved(ck, r, &provenance));
    let quota_given = m.quota_rpm.is_some() || m.quota_tpm.is_some() || m.quota_output_burndown.is_some();
    let quota_prov = match (&m.quota_source, quota_given) {
        (Some(_), _) => Some(entry_provenance(ck, &m.quota_source, &m.quota_retrieved, Some(false), file)),
        (None, true) => {
            ck.error(
                &m.key.span(),
                format!("model `{}` gives a quota without `quota_source`", m.key.get_ref()),
                "add `quota_source = \"https://…\"` and `quota_retrieved = YYYY-MM-DD`",
            );
            None
        }
        (None, false) => None,
    };
    let quota = Quota {
        rpm: m.quota_rpm.as_ref().map(|v| ck.positive(v, "quota_rpm")),
        rpm_enforced: h.quota_rpm_enforced.unwrap_or(true),
        tpm: m.quota_tpm.as_ref().map(|v| ck.positive(v, "quota_tpm")),
        output_burndown: m.quota_output_burndown.as_ref().map_or(1.0, |v| ck.positive(v, "quota_output_burndown")),
        provenance: quota_prov,
    };
    Model {
        key: m.key.get_ref().clone(),
        name: m.name.as_ref().map_or_else(|| m.key.get_ref().clone(), |n| n.get_ref().clone()),
        id: m.id.get_ref().clone(),
        provider: h.provider.get_ref().clone(),
        region: h.region.get_ref().clone(),
        input_usd_per_mtok: ck.non_negative(&m.input_usd_per_mtok, "input_usd_per_mtok"),
        output_usd_per_mtok: ck.non_negative(&m.output_usd_per_mtok, "output_usd_per_mtok"),
        cache,
        quota,
        tiers: m.tiers.as_ref().map(|t| convert_tiers(ck, t, &provenance)).unwrap_or_default(),
        provenance,
        crosscheck_note: m.crosscheck_note.clone(),
        note: m.note.clone(),
        file: ck.file.path.clone(),
        provisioned,
        reserved,
    }
}

fn convert_tiers(ck: &mut Checker, t: &Spanned<toml::Table>, entry: &Provenance) -> BTreeMap<Tier, TierPrice> {
    let mut out = BTreeMap::new();
    let span = t.span();
    for (name, value) in t.get_ref() {
        let tier = match Tier::parse(name) {
            Some(Tier::Standard) => {
                ck.error(
                    &span,
                    "`standard` is not a tier to list: its multiplier is always 1",
                    "remove `standard` from `tiers`",
                );
                continue;
            }
            Some(tier) => tier,
            None => {
                ck.error(
                    &span,
                    format!("unknown tier `{name}` in `tiers`"),
                    did_you_mean(name, ["batch", "flex", "priority"], "tiers are"),
                );
                continue;
            }
        };
        let price = match value {
            toml::Value::Float(x) => Some(TierPrice { multiplier: *x, provenance: entry.clone() }),
            toml::Value::Integer(x) => Some(TierPrice { multiplier: *x as f64, provenance: entry.clone() }),
            toml::Value::Table(_) => match value.clone().try_into::<raw::TierTable>() {
                Ok(tt) => {
                    let mut p = entry.clone();
                    if let Some(s) = tt.source {
                        p.source = s;
                    }
                    if let Some(r) = tt.retrieved {
                        p.retrieved = r.to_string();
                    }
                    p.assumed = tt.assumed.unwrap_or(false);
                    Some(TierPrice { multiplier: tt.multiplier, provenance: p })
                }
                Err(e) => {
                    ck.error(
                        &span,
                        format!("tier `{name}`: {}", e.message()),
                        "write `{ multiplier = 0.5, source = \"https://…\", retrieved = 2026-01-01 }`",
                    );
                    None
                }
            },
            other => {
                ck.error(
                    &span,
                    format!("tier `{name}` must be a number or a table, found {}", other.type_str()),
                    "write e.g. `batch = 0.5`",
                );
                None
            }
        };
        if let Some(p) = price {
            if !(p.multiplier.is_finite() && p.multiplier > 0.0) {
                ck.error(
                    &span,
                    format!("tier `{name}` multiplier must be a positive number, found {}", p.multiplier),
                    "write e.g. `batch = 0.5`",
                );
                continue;
            }
            out.insert(tier, p);
        }
    }
    out
}
