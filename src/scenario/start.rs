//! The month a scenario's horizon starts (`start = "2027-01"`, docs/model.md#start-month), and
//! what follows from it for on-demand options whose catalog figures change on a date: each
//! month's prices, prorated by days, and the changes a reader must be told about.
use crate::catalog::{CachePrices, Endpoint, Model, PriceSet};
use crate::input::Checker;
use toml::Spanned;

/// The first month of the horizon: month m is the calendar month `start` + m − 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Start {
    /// `YYYY-MM`.
    pub month: String,
    /// Its first day, in days since 1970-01-01.
    pub first_day: i64,
    /// True when the scenario writes `start`; false: the month of the run's today.
    pub written: bool,
}

/// `start` as written (a `"YYYY-MM"` string), or the month holding `today`.
pub(super) fn start(ck: &mut Checker, v: Option<&Spanned<toml::Value>>, today: i64) -> Start {
    let default = || {
        let first_day = crate::dates::first_of_month(today);
        Start { month: crate::dates::format_month(first_day), first_day, written: false }
    };
    let Some(v) = v else { return default() };
    let parsed = match v.get_ref() {
        toml::Value::String(s) => crate::dates::parse_month(s).map(|d| (s.clone(), d)),
        _ => None,
    };
    match parsed {
        Some((month, first_day)) => Start { month, first_day, written: true },
        None => {
            let found = match v.get_ref() {
                toml::Value::String(s) => format!("\"{s}\""),
                other => other.to_string(),
            };
            ck.error(
                &v.span(),
                format!("`start` must be a year and month like \"2027-01\", found {found}"),
                "write the first month of the horizon in quotes, e.g. start = \"2027-01\"; leave it out to start this month",
            );
            default()
        }
    }
}

/// A change of an option's on-demand prices inside the horizon.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceShift {
    pub model: String,
    /// The first day of the new prices, `YYYY-MM-DD`.
    pub date: String,
    /// The month of the horizon it falls in (1-based), and that month as `YYYY-MM`.
    pub month: u32,
    pub month_text: String,
    /// Days of that month at the old prices, and the month's days.
    pub days_before: i64,
    pub days_in_month: i64,
    /// Each price that changes: its name, old and new USD per million tokens (tier applied).
    pub changes: Vec<(&'static str, f64, f64)>,
}

/// The prices of a call from `region` through `endpoint`, month by month over `months` months
/// from `start`: a month with a change is priced with each figure weighted by the days it is in
/// force, since traffic is spread evenly over a month's days. Empty when the model has no price
/// for that endpoint and region at all (the option is refused for it).
pub fn monthly(model: &Model, endpoint: Endpoint, region: &str, start: i64, months: u32) -> Vec<PriceSet> {
    let Ok(undated) = model.prices(endpoint, region) else { return Vec::new() };
    if model.price_periods.is_empty() {
        return vec![undated; months as usize];
    }
    (0..months)
        .map(|m| {
            let (first, next) = (crate::dates::add_months(start, m), crate::dates::add_months(start, m + 1));
            let mut parts: Vec<(PriceSet, f64)> = Vec::new();
            for day in first..next {
                let Ok(p) = model.prices_on(day, endpoint, region) else { continue };
                match parts.last_mut() {
                    Some((q, n)) if *q == p => *n += 1.0,
                    _ => parts.push((p, 1.0)),
                }
            }
            prorate(&parts)
        })
        .collect()
}

/// Σ priceᵢ · daysᵢ / Σ days; a single part as it is (no rounding).
fn prorate(parts: &[(PriceSet, f64)]) -> PriceSet {
    if let [(p, _)] = parts {
        return *p;
    }
    let total: f64 = parts.iter().map(|(_, n)| n).sum();
    let mean = |f: &dyn Fn(&PriceSet) -> f64| parts.iter().map(|(p, n)| f(p) * n).sum::<f64>() / total;
    let opt = |f: &dyn Fn(&PriceSet) -> Option<f64>| {
        parts.iter().map(|(p, n)| f(p).map(|x| x * n)).sum::<Option<f64>>().map(|x| x / total)
    };
    PriceSet {
        input_usd_per_mtok: mean(&|p| p.input_usd_per_mtok),
        output_usd_per_mtok: mean(&|p| p.output_usd_per_mtok),
        cache: parts[0].0.cache.map(|_| CachePrices {
            write_usd_per_mtok: opt(&|p| p.cache.and_then(|c| c.write_usd_per_mtok)),
            write_1h_usd_per_mtok: opt(&|p| p.cache.and_then(|c| c.write_1h_usd_per_mtok)),
            read_usd_per_mtok: mean(&|p| p.cache.map_or(0.0, |c| c.read_usd_per_mtok)),
        }),
    }
}

/// Every day inside the horizon on which the option's prices change, with what changes (× `k`,
/// the tier's multiplier).
pub fn shifts(model: &Model, endpoint: Endpoint, region: &str, (start, months): (i64, u32), k: f64) -> Vec<PriceShift> {
    let end = crate::dates::add_months(start, months);
    let mut days: Vec<i64> = model
        .price_periods
        .iter()
        .flat_map(|p| {
            let (from, until) = p.days();
            [(from != i64::MIN).then_some(from), (until != i64::MAX).then(|| until + 1)]
        })
        .flatten()
        .filter(|d| *d > start && *d < end)
        .collect();
    days.sort_unstable();
    days.dedup();
    days.into_iter()
        .filter_map(|day| {
            let (Ok(old), Ok(new)) =
                (model.prices_on(day - 1, endpoint, region), model.prices_on(day, endpoint, region))
            else {
                return None;
            };
            let changes: Vec<_> = figures(&old)
                .into_iter()
                .zip(figures(&new))
                .filter(|(a, b)| a != b)
                .map(|(a, b)| (a.0, a.1 * k, b.1 * k))
                .collect();
            if changes.is_empty() {
                return None;
            }
            let month = (0..months).rfind(|m| crate::dates::add_months(start, *m) <= day).unwrap_or(0);
            let first = crate::dates::add_months(start, month);
            Some(PriceShift {
                model: model.key.clone(),
                date: crate::dates::format(day),
                month: month + 1,
                month_text: crate::dates::format_month(first),
                days_before: day - first,
                days_in_month: crate::dates::add_months(start, month + 1) - first,
                changes,
            })
        })
        .collect()
}

/// A price set's figures by name, in a fixed order (absent ones left out).
fn figures(p: &PriceSet) -> Vec<(&'static str, f64)> {
    let mut out = vec![("input", p.input_usd_per_mtok), ("output", p.output_usd_per_mtok)];
    if let Some(c) = p.cache {
        out.extend(c.write_usd_per_mtok.map(|w| ("cache write", w)));
        out.extend(c.write_1h_usd_per_mtok.map(|w| ("1-hour cache write", w)));
        out.push(("cache read", c.read_usd_per_mtok));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(input: f64, output: f64, write: f64, read: f64) -> PriceSet {
        PriceSet {
            input_usd_per_mtok: input,
            output_usd_per_mtok: output,
            cache: Some(CachePrices {
                write_usd_per_mtok: Some(write),
                write_1h_usd_per_mtok: None,
                read_usd_per_mtok: read,
            }),
        }
    }

    #[test]
    fn a_month_s_prices_are_weighted_by_the_days_each_is_in_force() {
        // GPT-5.6 Sol in August 2026: 20 days at 5.50 / 33.00 (cache 6.875 / 0.55), 11 at 4.40 /
        // 22.00 (5.50 / 0.44). Input (20 · 5.50 + 11 · 4.40) / 31 = 158.4 / 31; output
        // (660 + 242) / 31 = 902 / 31; write (137.5 + 60.5) / 31 = 198 / 31; read (11 + 4.84) / 31.
        let p = prorate(&[(set(5.50, 33.00, 6.875, 0.55), 20.0), (set(4.40, 22.00, 5.50, 0.44), 11.0)]);
        let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
        assert!(close(p.input_usd_per_mtok, 158.4 / 31.0), "{p:?}");
        assert!(close(p.output_usd_per_mtok, 902.0 / 31.0), "{p:?}");
        let c = p.cache.unwrap();
        assert!(close(c.write_usd_per_mtok.unwrap(), 198.0 / 31.0) && close(c.read_usd_per_mtok, 15.84 / 31.0));
        // A price neither part sells stays unsold; a single part is returned exactly as it is.
        assert_eq!(c.write_1h_usd_per_mtok, None);
        assert_eq!(prorate(&[(set(1.1, 2.2, 3.3, 0.3), 31.0)]), set(1.1, 2.2, 3.3, 0.3));
    }
}
