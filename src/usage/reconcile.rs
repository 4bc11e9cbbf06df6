//! Usage held against a forecast (docs/usage.md#reconciling): the measured usage priced with
//! the catalog, the scenario's forecast over the same period, the bill when given, and the
//! difference split into its causes. Pure data, no words (`report/reconcile.rs` says them).
pub mod forecast;

pub use forecast::{Forecast, Member};

use super::bill::{Bill, Charge};
use super::derive::{self, Period};
use super::scenario::options::resolve;
use super::{HOUR_S, Totals, Usage};
use crate::catalog::{Catalog, PriceSet};
use std::collections::BTreeMap;

const DAY_S: i64 = 86_400;

/// One calendar month of the period.
#[derive(Debug, Clone, PartialEq)]
pub struct Month {
    /// `YYYY-MM`.
    pub month: String,
    /// Hours of the period in it, and of the whole calendar month.
    pub hours: i64,
    pub month_hours: i64,
    pub forecast_usd: f64,
    pub usage_usd: f64,
    pub bill_usd: Option<f64>,
}

/// One model: the forecast, the usage and the bill of it over the period.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelRow {
    /// The catalog key, or the model id as logged when the catalog lacks it.
    pub model: String,
    pub forecast_usd: f64,
    pub usage_usd: f64,
    pub bill_usd: Option<f64>,
    /// Invocations measured.
    pub invocations: u64,
}

/// Calls of a model id the catalog cannot price.
#[derive(Debug, Clone, PartialEq)]
pub struct Unpriced {
    pub model_id: String,
    pub invocations: u64,
    pub tokens: u64,
    /// Why (the resolver's sentence).
    pub why: String,
}

/// Which two totals a difference explains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Between {
    /// usage_usd − forecast_usd.
    UsageForecast,
    /// bill_usd − usage_usd.
    BillUsage,
}

/// What a part of a difference is due to.
#[derive(Debug, Clone, PartialEq)]
pub enum Cause {
    /// More or fewer calls than forecast, at the forecast's cost a call.
    Volume { forecast: f64, actual: u64 },
    /// The calls' tokens (cache reads and writes as plain input) at the forecast's prices, against
    /// the forecast's cost a call.
    TokensPerRequest,
    /// Cache reads and writes priced as such rather than as plain input, at the forecast's prices.
    Cache { read: u64, write: u64 },
    /// The prices at the endpoint and region as run against the forecast option's.
    Price,
    /// Calls of models the catalog does not price: not in usage_usd (this is minus their cost at
    /// the forecast's prices).
    UnpricedModels { models: Vec<String>, invocations: u64 },
    /// The bill's lines of a catalog model minus the usage priced of it.
    BillModel { model: String },
    /// Bill lines the catalog does not price, by usage type.
    BillUnpriced { usage_type: String },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    pub between: Between,
    pub cause: Cause,
    pub usd: f64,
}

/// Everything `reconcile` found.
#[derive(Debug, Clone, PartialEq)]
pub struct Reconciled {
    pub scenario: String,
    /// The option or plan compared.
    pub line: String,
    /// First day and last day (inclusive), days since 1970-01-01, and hours.
    pub start_day: i64,
    pub end_day: i64,
    pub hours: i64,
    pub months: Vec<Month>,
    pub usage_usd: f64,
    pub forecast_usd: f64,
    pub bill_usd: Option<f64>,
    /// Calls forecast and measured over the period.
    pub forecast_calls: f64,
    pub actual_calls: u64,
    pub by_model: Vec<ModelRow>,
    pub differences: Vec<Difference>,
    pub unpriced: Vec<Unpriced>,
    /// Throttled calls per model id (CloudWatch `InvocationThrottles`), those above 0.
    pub throttles: Vec<(String, u64)>,
    pub tolerance: f64,
    pub within_tolerance: bool,
}

/// Cost of `t` at `p`, USD. Cache reads and 5-minute cache writes at their prices; a model without
/// cache prices, or without a write price (Amazon Nova), bills those tokens at the input price
/// (docs/model.md#prompt-caching).
pub fn cost(t: &Totals, p: &PriceSet) -> f64 {
    let read = p.cache.map_or(p.input_usd_per_mtok, |c| c.read_usd_per_mtok);
    let write = p.cache.and_then(|c| c.write_usd_per_mtok).unwrap_or(p.input_usd_per_mtok);
    (t.input as f64 * p.input_usd_per_mtok
        + t.output as f64 * p.output_usd_per_mtok
        + t.cache_read as f64 * read
        + t.cache_write as f64 * write)
        / 1e6
}

/// Cost of `t` at `p` with cache reads and writes billed as plain input, USD.
pub fn plain(t: &Totals, p: &PriceSet) -> f64 {
    let input = (t.input + t.cache_read + t.cache_write) as f64;
    (input * p.input_usd_per_mtok + t.output as f64 * p.output_usd_per_mtok) / 1e6
}

/// A usage group priced: its catalog key and prices as run (`None`: unpriced, with why), and the
/// forecast's prices for it.
struct Priced<'a> {
    id: &'a str,
    totals: Totals,
    actual: Result<(String, PriceSet), String>,
    forecast: Option<PriceSet>,
}

/// Each group's prices as run and in the forecast, with its totals over the period.
fn price_groups<'a>(u: &'a Usage, catalog: &Catalog, f: &Forecast, p: &Period) -> Vec<Priced<'a>> {
    let mut out = Vec::new();
    for (id, g) in &u.groups {
        let mut totals = Totals::default();
        g.hours.range(p.from_s..p.to_s).for_each(|(_, t)| totals.add(t));
        let actual = resolve(catalog, &g.model_id, g.region.as_deref()).and_then(|run| {
            let m = catalog.model(&run.key).ok_or_else(|| format!("model {} is not in the catalog", run.key))?;
            Ok((run.key.clone(), m.prices(run.endpoint, &run.region)?))
        });
        let key = actual.as_ref().ok().map(|(k, _)| k.as_str());
        let forecast = f.prices_for(key).or_else(|| actual.as_ref().ok().map(|(_, p)| *p));
        out.push(Priced { id, totals, actual, forecast });
    }
    out
}

/// The calendar months of the period: `YYYY-MM`, hours in the period and in the month, start.
fn calendar(p: &Period) -> Vec<(i64, i64, i64)> {
    let mut out = Vec::new();
    let mut start = derive::month_start(p.from_s, 0);
    while start < p.to_s {
        let end = derive::month_start(start, 1);
        let inside = (end.min(p.to_s) - start.max(p.from_s)) / HOUR_S;
        out.push((start, inside, (end - start) / HOUR_S));
        start = end;
    }
    out
}

/// Usage, forecast and bill per calendar month; `None` for the month index outside the horizon
/// is refused before (see [`Forecast::check`]).
fn months(u: &Usage, priced: &[Priced], f: &Forecast, p: &Period, bill: Option<&Bill>) -> Vec<Month> {
    calendar(p)
        .into_iter()
        .map(|(start, hours, month_hours)| {
            let end = derive::month_start(start, 1);
            let usage_usd = priced
                .iter()
                .filter_map(|g| g.actual.as_ref().ok().map(|(_, pr)| (g.id, pr)))
                .flat_map(|(id, pr)| {
                    u.groups[id].hours.range(start.max(p.from_s)..end.min(p.to_s)).map(move |(_, t)| cost(t, pr))
                })
                .sum();
            let month = crate::dates::format_month(start / DAY_S);
            let share = hours as f64 / month_hours as f64;
            let bill_usd = bill.map(|b| b.usd.get(&month).map_or(0.0, |m| m.values().sum()));
            Month { forecast_usd: f.month_usd(start) * share, month, hours, month_hours, usage_usd, bill_usd }
        })
        .collect()
}

/// Reconciles usage with the forecast (and the bill). `f` must cover the period
/// ([`Forecast::check`]).
pub fn reconcile(
    u: &Usage,
    catalog: &Catalog,
    f: &Forecast,
    bill: Option<&Bill>,
    tolerance: f64,
) -> Option<Reconciled> {
    let p = derive::period(u)?;
    let priced = price_groups(u, catalog, f, &p);
    let months = months(u, &priced, f, &p, bill);
    let usage_usd: f64 = months.iter().map(|m| m.usage_usd).sum();
    let forecast_usd: f64 = months.iter().map(|m| m.forecast_usd).sum();
    let bill_usd = bill.map(|_| months.iter().filter_map(|m| m.bill_usd).sum::<f64>());
    let forecast_calls: f64 = calendar(&p).iter().map(|&(s, h, mh)| f.month_calls(s) * h as f64 / mh as f64).sum();
    let actual_calls: u64 = priced.iter().map(|g| g.totals.invocations).sum();
    let mut differences = split(&priced, forecast_usd, forecast_calls, usage_usd);
    let by_model = by_model(&priced, f, &months, bill, &p);
    if let Some(b) = bill {
        differences.extend(bill_split(&by_model, b, &months));
    }
    let within_forecast = (usage_usd - forecast_usd).abs() <= tolerance * forecast_usd;
    let within_bill = bill_usd.is_none_or(|b| (b - usage_usd).abs() <= tolerance * usage_usd);
    Some(Reconciled {
        scenario: f.scenario.clone(),
        line: f.line.clone(),
        start_day: p.from_s / DAY_S,
        end_day: p.to_s / DAY_S - 1,
        hours: p.hours(),
        months,
        usage_usd,
        forecast_usd,
        bill_usd,
        forecast_calls,
        actual_calls,
        by_model,
        differences,
        unpriced: unpriced(&priced),
        throttles: throttles(&priced),
        tolerance,
        within_tolerance: within_forecast && within_bill,
    })
}

/// usage_usd − forecast_usd in its causes (docs/usage.md#reconciling); their sum is exactly
/// the difference: volume + tokens per request + cache + price + unpriced
/// = (N_a − N_f)·c_f + (A − N_a·c_f) + (C − A) + (U − C_p) − (C − C_p) = U − N_f·c_f = U − F,
/// with A, C the calls' tokens plain and with cache at the forecast's prices (all calls), C_p
/// the same for the priced calls only.
fn split(priced: &[Priced], forecast_usd: f64, n_f: f64, usage_usd: f64) -> Vec<Difference> {
    let c_f = if n_f > 0.0 { forecast_usd / n_f } else { 0.0 };
    let n_a: u64 = priced.iter().map(|g| g.totals.invocations).sum();
    let at_forecast = |g: &Priced, with_cache: bool| {
        g.forecast.map_or(0.0, |p| if with_cache { cost(&g.totals, &p) } else { plain(&g.totals, &p) })
    };
    let a: f64 = priced.iter().map(|g| at_forecast(g, false)).sum();
    let c: f64 = priced.iter().map(|g| at_forecast(g, true)).sum();
    let c_p: f64 = priced.iter().filter(|g| g.actual.is_ok()).map(|g| at_forecast(g, true)).sum();
    let read = priced.iter().map(|g| g.totals.cache_read).sum();
    let write = priced.iter().map(|g| g.totals.cache_write).sum();
    let d = |cause, usd| Difference { between: Between::UsageForecast, cause, usd };
    let mut out = vec![
        d(Cause::Volume { forecast: n_f, actual: n_a }, (n_a as f64 - n_f) * c_f),
        d(Cause::TokensPerRequest, a - n_a as f64 * c_f),
        d(Cause::Cache { read, write }, c - a),
        d(Cause::Price, usage_usd - c_p),
    ];
    let unknown: Vec<&Priced> = priced.iter().filter(|g| g.actual.is_err()).collect();
    if !unknown.is_empty() {
        let models = unknown.iter().map(|g| g.id.to_string()).collect();
        let invocations = unknown.iter().map(|g| g.totals.invocations).sum();
        out.push(d(Cause::UnpricedModels { models, invocations }, c_p - c));
    }
    out
}

/// The groups the catalog cannot price.
fn unpriced(priced: &[Priced]) -> Vec<Unpriced> {
    priced
        .iter()
        .filter_map(|g| {
            let why = g.actual.as_ref().err()?;
            let t = &g.totals;
            let tokens = t.input + t.output + t.cache_read + t.cache_write;
            Some(Unpriced { model_id: g.id.to_string(), invocations: t.invocations, tokens, why: why.clone() })
        })
        .collect()
}

fn throttles(priced: &[Priced]) -> Vec<(String, u64)> {
    priced.iter().filter(|g| g.totals.throttles > 0).map(|g| (g.id.to_string(), g.totals.throttles)).collect()
}

/// Per model: the forecast (the members running it), the usage priced, the bill.
fn by_model(priced: &[Priced], f: &Forecast, months: &[Month], bill: Option<&Bill>, p: &Period) -> Vec<ModelRow> {
    let mut rows: BTreeMap<String, ModelRow> = BTreeMap::new();
    let row = |rows: &mut BTreeMap<String, ModelRow>, key: &str| {
        let blank = ModelRow {
            model: key.to_string(),
            forecast_usd: 0.0,
            usage_usd: 0.0,
            bill_usd: bill.map(|_| 0.0),
            invocations: 0,
        };
        rows.entry(key.to_string()).or_insert(blank).clone()
    };
    for g in priced {
        let key = g.actual.as_ref().map_or(g.id, |(k, _)| k.as_str()).to_string();
        let mut r = row(&mut rows, &key);
        r.usage_usd += g.actual.as_ref().map_or(0.0, |(_, pr)| cost(&g.totals, pr));
        r.invocations += g.totals.invocations;
        rows.insert(key, r);
    }
    for (start, hours, month_hours) in calendar(p) {
        for (key, usd) in f.month_by_model(start) {
            let mut r = row(&mut rows, &key);
            r.forecast_usd += usd * hours as f64 / month_hours as f64;
            rows.insert(key, r);
        }
    }
    if let Some(b) = bill {
        for (charge, usd) in months.iter().filter_map(|m| b.usd.get(&m.month)).flatten() {
            if let Charge::Model(key) = charge {
                let mut r = row(&mut rows, key);
                r.bill_usd = Some(r.bill_usd.unwrap_or(0.0) + usd);
                rows.insert(key.clone(), r);
            }
        }
    }
    rows.into_values().collect()
}

/// bill_usd − usage_usd: each model's bill lines minus its usage, then each unpriced usage type.
fn bill_split(rows: &[ModelRow], b: &Bill, months: &[Month]) -> Vec<Difference> {
    let mut out: Vec<Difference> = rows
        .iter()
        .filter(|r| r.bill_usd.unwrap_or(0.0) != 0.0 || r.usage_usd != 0.0)
        .map(|r| Difference {
            between: Between::BillUsage,
            cause: Cause::BillModel { model: r.model.clone() },
            usd: r.bill_usd.unwrap_or(0.0) - r.usage_usd,
        })
        .collect();
    let mut types: BTreeMap<&str, f64> = BTreeMap::new();
    for (charge, usd) in months.iter().filter_map(|m| b.usd.get(&m.month)).flatten() {
        if let Charge::Unpriced(t) = charge {
            *types.entry(t).or_default() += usd;
        }
    }
    out.extend(types.into_iter().map(|(t, usd)| Difference {
        between: Between::BillUsage,
        cause: Cause::BillUnpriced { usage_type: t.to_string() },
        usd,
    }));
    out
}

#[cfg(test)]
mod tests;
