//! On-demand options: which endpoint and region they call, the prices that follow, and the
//! cache prices their workloads need (docs/model.md#on-demand).
use super::raw::OptionEntry;
use super::*;
use crate::input::Checker;
use crate::keyword::Keyword;
use toml::Spanned;

/// Validates an on-demand option: tier, endpoint (written, or implied by a profile id),
/// region, and the prices those select.
pub(super) fn on_demand(
    ck: &mut Checker,
    o: &OptionEntry,
    key: &Spanned<String>,
    model: Model,
    implied: Option<Endpoint>,
    workloads: &[Workload],
    scenario_region: Option<&str>,
) -> Option<OptionKind> {
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
    let region =
        o.region.as_ref().map(|r| r.get_ref().as_str()).or(scenario_region).unwrap_or(&model.region).to_string();
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
    Some(OptionKind::OnDemand { model, tier, endpoint, region, prices })
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
