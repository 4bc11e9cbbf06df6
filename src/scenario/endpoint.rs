//! On-demand options: which endpoint and region they call, the prices that follow, and the
//! cache prices their workloads need (docs/model.md#on-demand).
use super::raw::OptionEntry;
use super::*;
use crate::catalog::{GEO_PROFILES, GOVCLOUD_PROFILE, is_source_region};
use crate::input::Checker;
use crate::keyword::Keyword;
use toml::Spanned;

/// Validates an on-demand option: tier, endpoint (written, or implied by a profile id),
/// region, and the prices those select.
pub(super) fn on_demand(
    ck: &mut Checker,
    o: &OptionEntry,
    key: &Spanned<String>,
    (model, profile): (Model, Option<&str>),
    workloads: &[Workload],
    (scenario_region, horizon): (Option<&str>, super::lifecycle::Horizon),
) -> Option<OptionKind> {
    let implied = match profile {
        Some(prefix) => Some(profile_endpoint(ck, key, &model, prefix)?),
        None => None,
    };
    let tier = o.tier.as_ref().map_or(Some(Tier::Standard), |t| tier(ck, t, &model))?;
    let written = match &o.endpoint {
        None => None,
        Some(e) => Some((ck.one_of(e, "endpoint", Endpoint::NAMES).and_then(Endpoint::parse)?, e)),
    };
    let endpoint = match (written, implied) {
        (Some((w, span)), Some(i)) if w != i => {
            ck.error(
                &span.span(),
                format!(
                    "`endpoint = \"{}\"` contradicts the model id `{}`, which is a {} profile",
                    w.as_str(),
                    key.get_ref(),
                    i.as_str()
                ),
                format!("remove `endpoint`, or name the model by its key `{}`", model.key),
            );
            return None;
        }
        (Some((w, _)), _) => w,
        (None, Some(i)) => i,
        (None, None) => Endpoint::InRegion,
    };
    let geo_prefix = profile.filter(|_| endpoint == Endpoint::Geo);
    let region = region(ck, o, key, &model, geo_prefix, scenario_region)?;
    let prices = match model.prices(endpoint, &region) {
        Ok(p) => p,
        Err(why) => {
            let span =
                o.region.as_ref().map(|r| r.span()).or(o.endpoint.as_ref().map(|e| e.span())).unwrap_or(key.span());
            ck.error(&span, why, "pick an endpoint and region the catalog prices (`infercast models` lists them)");
            return None;
        }
    };
    check_cache(ck, key, &model.key, &prices, workloads);
    let monthly = super::start::monthly(&model, endpoint, &region, horizon.start.0, horizon.months);
    let prices = monthly.first().copied().unwrap_or(prices);
    Some(OptionKind::OnDemand { model, tier, endpoint, region, prices, monthly })
}

/// The endpoint a profile id calls, when the catalog lists its prefix for the model: any other
/// prefix is refused with the ones it lists, and `us-gov.` always, since GovCloud bills prices of
/// its own that the catalog does not hold (docs/model.md#inference-profiles).
fn profile_endpoint(ck: &mut Checker, key: &Spanned<String>, model: &Model, prefix: &str) -> Option<Endpoint> {
    let by_key = format!("or name the model by its key `{}` (in-region prices)", model.key);
    let (message, help) = if prefix == GOVCLOUD_PROFILE {
        (
            format!("`{}` is a GovCloud profile id; GovCloud profile prices are not in the catalog", key.get_ref()),
            format!(
                "GovCloud bills prices of its own; name the model by its key `{}` for commercial prices, or set \
                 `region` to a GovCloud region the catalog prices (`infercast models` lists them)",
                model.key
            ),
        )
    } else if prefix != "global" && !GEO_PROFILES.contains(&prefix) {
        (
            format!("`{prefix}.` in `{}` is not an inference-profile prefix", key.get_ref()),
            format!("profiles of `{}`: {}; {by_key}", model.key, model.profile_list()),
        )
    } else if model.profiles.is_empty() {
        (
            format!("model `{}` has no inference profiles in the catalog", model.key),
            format!("name it by its key `{}` (in-region prices)", model.key),
        )
    } else if !model.profiles.iter().any(|p| p == prefix) {
        (
            format!("model `{}` has no `{prefix}.` inference profile in the catalog", model.key),
            format!("profiles it has: {}; {by_key}", model.profile_list()),
        )
    } else {
        return Some(Endpoint::of_profile(prefix));
    };
    ck.error(&key.span(), message, help);
    None
}

/// The region a call is priced in: `region` (the option's, else the scenario's), else the model's
/// base region. A geographic profile id is billed in the region it is called from, one of its own
/// geography (docs/model.md#inference-profiles): a written region outside it is refused, and
/// without one the first region the catalog prices there is used.
fn region(
    ck: &mut Checker,
    o: &OptionEntry,
    key: &Spanned<String>,
    model: &Model,
    geo_prefix: Option<&str>,
    scenario_region: Option<&str>,
) -> Option<String> {
    let written =
        o.region.as_ref().map(|r| (r.get_ref().as_str(), r.span())).or(scenario_region.map(|r| (r, key.span())));
    let Some(prefix) = geo_prefix else {
        return Some(written.map_or(model.region.as_str(), |(r, _)| r).to_string());
    };
    let there: Vec<&str> = model.all_regions().into_iter().filter(|r| is_source_region(prefix, r)).collect();
    let there = if there.is_empty() { "none".to_string() } else { there.join(", ") };
    match written {
        Some((r, span)) if !is_source_region(prefix, r) => {
            ck.error(
                &span,
                format!(
                    "`{}` is called from a region of the `{prefix}.` profile's geography, not from {r}",
                    key.get_ref()
                ),
                format!("remove `region`, or pick one the catalog prices there: {there}"),
            );
            None
        }
        Some((r, _)) => Some(r.to_string()),
        None => match model.source_region(prefix) {
            Some(r) => Some(r.to_string()),
            None => {
                ck.error(
                    &key.span(),
                    format!(
                        "the catalog has no price for `{}` in a region the `{prefix}.` profile is called from",
                        model.key
                    ),
                    format!(
                        "regions it prices: {}; name a profile of one of them, or the model by its key",
                        model.all_regions().join(", ")
                    ),
                );
                None
            }
        },
    }
}

fn tier(ck: &mut Checker, t: &Spanned<String>, model: &Model) -> Option<Tier> {
    let tier = Tier::parse(ck.one_of(t, "tier", Tier::NAMES)?)?;
    if model.tier_multiplier(tier).is_none() {
        let has = model.tier_names().join(", ");
        ck.error(
            &t.span(),
            format!("model `{}` has no `{}` tier in the catalog", model.key, tier.as_str()),
            format!("tiers it has: {has}"),
        );
        return None;
    }
    Some(tier)
}

/// A workload that caches needs cache prices, and a 1-hour cache a 1-hour write price.
pub(super) fn check_cache(
    ck: &mut Checker,
    key: &Spanned<String>,
    model: &str,
    prices: &PriceSet,
    workloads: &[Workload],
) {
    let Some(w) = workloads.iter().find(|w| w.cache_hit_rate.is_some()) else { return };
    match prices.cache {
        None => ck.error(
            &key.span(),
            format!("workload `{}` caches its system prompt, but model `{model}` has no cache prices in the catalog", w.name),
            "set `cache_system_prompt = false` on that workload, or pick a model with cache prices (`infercast models` shows them)",
        ),
        Some(c) if c.write_1h_usd_per_mtok.is_none() => {
            if let Some(w) = workloads.iter().find(|w| w.cache_hit_rate.is_some() && w.cache_ttl == CacheTtl::OneHour) {
                ck.error(
                    &key.span(),
                    format!("workload `{}` caches for 1 hour, but model `{model}` has no 1-hour cache write price", w.name),
                    "use `cache_ttl = \"5m\"`, or pick a model with 1-hour cache prices",
                );
            }
        }
        Some(_) => {}
    }
}
