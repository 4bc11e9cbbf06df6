//! Raw scenario → validated [`Scenario`]: header, traffic and workloads (options in `options.rs`).
use super::presets::{DAILY_PRESETS, WEEKLY_PRESETS, base_requests_per_month, daily_preset, weekly_preset};
use super::raw;
use super::*;
use crate::input::Checker;
use crate::limits;
use crate::suggest::did_you_mean;
use toml::Spanned;

/// Shares and step probabilities must sum to 1 within this.
pub(super) const SUM_TOLERANCE: f64 = 1e-6;

pub(super) fn scenario(
    file: &SourceFile,
    raw: &raw::ScenarioFile,
    catalog: &Catalog,
) -> Result<Scenario, Vec<Diagnostic>> {
    let mut ck = Checker::new(file);
    let h = raw.scenario.get_ref();
    if h.name.get_ref().trim().is_empty() {
        ck.error(&h.name.span(), "`name` must not be empty", "name the scenario, e.g. name = \"support-agent\"");
    }
    ck.printable(&h.name.span(), h.name.get_ref(), "name");
    let months = months(&mut ck, h);
    let hours_per_month = h.hours_per_month.as_ref().map_or(730.0, |v| ck.number_in(v, "hours_per_month", 1.0, 744.0));
    let alarm_headroom = h.alarm_headroom.as_ref().map_or(0.25, |v| ck.number_in(v, "alarm_headroom", 0.0, 10.0));
    let traffic = traffic(&mut ck, &raw.traffic);
    volume_in_range(&mut ck, &raw.traffic, &traffic, months, hours_per_month);
    let mut workloads = super::workload::workloads(&mut ck, &raw.workload);
    super::services::resolve(&mut ck, &raw.workload, &mut workloads, catalog);
    let peak_quantile = raw
        .capacity
        .as_ref()
        .and_then(|c| c.get_ref().peak_quantile.as_ref())
        .map_or(0.99, |q| ck.number_in(q, "peak_quantile", 0.5, 0.99999));
    let region = h.region.as_ref().map(|r| r.get_ref().clone());
    limits::lines(&mut ck, &raw.option, &raw.plan);
    let start = super::start::start(&mut ck, h.start.as_ref(), catalog.today());
    let horizon = super::lifecycle::Horizon {
        today: catalog.today(),
        months,
        start: (start.first_day, start.written),
        hours_per_month,
    };
    let options = super::options::options(&mut ck, &raw.option, &workloads, catalog, region.as_deref(), horizon);
    let plans = super::plans::plans(&mut ck, raw, &workloads, &options);
    super::fit::check(&mut ck, &raw.workload, &workloads, &options, &plans);
    let fixed = super::services::fixed(&mut ck, &raw.fixed, catalog);
    let ingestion = super::services::ingestion(&mut ck, &raw.ingestion, catalog);
    let risk = raw.risk.as_ref().map(|r| super::risk::risk(&mut ck, r.get_ref()));
    let client = super::client::client(&mut ck, raw.client.as_ref());
    ck.finish(Scenario {
        name: h.name.get_ref().clone(),
        description: h.description.clone(),
        path: file.path.clone(),
        months,
        start,
        hours_per_month,
        traffic,
        workloads,
        peak_quantile,
        alarm_headroom,
        options,
        plans,
        fixed,
        ingestion,
        uncertain: Vec::new(),
        catalog_uncertain: Vec::new(),
        risk,
        client,
    })
}

/// `months`: the horizon, 1 to 120 (default 12).
fn months(ck: &mut Checker, h: &raw::Header) -> u32 {
    let months = h.months.as_ref().map_or(12, |m| ck.whole(m, "months", 1));
    if let Some(m) = h.months.as_ref().filter(|_| months > 120) {
        ck.error(&m.span(), format!("`months` must be at most 120, found {months}"), "plan at most ten years ahead");
    }
    months
}

fn traffic(ck: &mut Checker, t: &Spanned<raw::Traffic>) -> Traffic {
    let r = t.get_ref();
    let given: Vec<(&str, &Spanned<f64>)> = [
        ("requests_per_month", &r.requests_per_month),
        ("requests_per_day", &r.requests_per_day),
        ("mean_rps", &r.mean_rps),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.as_ref().map(|v| (k, v)))
    .collect();
    let volume = match given.as_slice() {
        [] => {
            ck.error(
                &t.span(),
                "[traffic] gives no volume",
                "add exactly one of `requests_per_month`, `requests_per_day` or `mean_rps`",
            );
            Volume::PerMonth(1.0)
        }
        [(key, v), rest @ ..] => {
            if let Some((other, second)) = rest.first() {
                ck.error(
                    &second.span(),
                    format!("[traffic] gives both `{key}` and `{other}`"),
                    "keep exactly one of `requests_per_month`, `requests_per_day` or `mean_rps`",
                );
            }
            let x = ck.positive(v, key);
            match *key {
                "requests_per_month" => Volume::PerMonth(x),
                "requests_per_day" => Volume::PerDay(x),
                _ => Volume::MeanRps(x),
            }
        }
    };
    Traffic {
        volume,
        daily: shape(ck, &r.daily_shape, "daily_shape", 24, DAILY_PRESETS, daily_preset),
        weekly: shape(ck, &r.weekly_shape, "weekly_shape", 7, WEEKLY_PRESETS, weekly_preset),
        week: r.hour_of_week.as_ref().and_then(|w| hour_of_week(ck, w, r)),
        growth_per_month: r.growth_per_month.as_ref().map_or(0.0, |g| growth(ck, g)),
        burstiness: r.burstiness.as_ref().map_or(1.0, |b| ck.number_in(b, "burstiness", 1.0, 1000.0)),
    }
}

/// `growth_per_month` is a fraction: above [`crate::limits::MAX_GROWTH`] it is almost surely a percentage
/// written as a whole number (5 for 5 %), which would compound to trillions of requests.
fn growth(ck: &mut Checker, g: &Spanned<f64>) -> f64 {
    let x = *g.get_ref();
    if x.is_finite() && x > crate::limits::MAX_GROWTH {
        ck.error(
            &g.span(),
            format!(
                "`growth_per_month` is a fraction: {x} means +{} % a month; infercast accepts up to {} (+{} % a month)",
                crate::format::thousands(x * 100.0),
                crate::limits::MAX_GROWTH,
                crate::limits::MAX_GROWTH * 100.0
            ),
            format!("write {} for {x} % a month (docs/model.md#limits-of-the-inputs)", x / 100.0),
        );
        return 0.0;
    }
    ck.number_in(g, "growth_per_month", -0.99, crate::limits::MAX_GROWTH)
}

/// The month-1 volume, and every month's after growth, stay within the documented range.
fn volume_in_range(ck: &mut Checker, raw: &Spanned<raw::Traffic>, t: &Traffic, months: u32, hours_per_month: f64) {
    use limits::REQUESTS_PER_MONTH as R;
    if !ck.diags.is_empty() {
        return;
    }
    let r = raw.get_ref();
    let given = [&r.requests_per_month, &r.requests_per_day, &r.mean_rps].into_iter().flatten().next();
    let (Some(given), v) = (given, base_requests_per_month(t.volume, hours_per_month)) else {
        return;
    };
    if !(R.min..=R.max).contains(&v) {
        ck.error(
            &given.span(),
            format!("this volume is {} requests a month; infercast plans from 1 to 1e15 requests a month", short(v)),
            "give a volume in that range (docs/model.md#limits-of-the-inputs)",
        );
        return;
    }
    let last = v * (1.0 + t.growth_per_month).powi(months as i32 - 1);
    let Some(g) = r.growth_per_month.as_ref() else { return };
    if last > R.max {
        ck.error(
            &g.span(),
            format!(
                "at this growth month {months} would see {} requests; infercast plans up to 1e15 a month",
                short(last)
            ),
            "lower `growth_per_month` or shorten `months` (docs/model.md#limits-of-the-inputs)",
        );
    } else if last.is_nan() || last < MIN_SHRUNK {
        // A shrinking volume may fall below 1 a month, not to nothing: it names the floor it crossed.
        ck.error(
            &g.span(),
            format!(
                "at this decline month {months} would see {} requests; shrinking traffic may fall to 1e-6 a month, \
                 no lower",
                short(last)
            ),
            "raise `growth_per_month` toward 0 or shorten `months` (docs/model.md#limits-of-the-inputs)",
        );
    }
}

/// The least a shrinking volume may fall to in any month (docs/model.md#limits-of-the-inputs).
const MIN_SHRUNK: f64 = 1e-6;

/// A volume for a message: "2.5e17", "1,234".
fn short(x: f64) -> String {
    if x >= 1e9 || (x > 0.0 && x < 1e-3) { format!("{x:.2e}") } else { crate::format::thousands(x) }
}

/// A daily (24 weights) or weekly (7 weights) shape: a preset's name or the weights written
/// out; flat when not given, or after a problem is reported.
fn shape(
    ck: &mut Checker,
    v: &Option<Spanned<toml::Value>>,
    key: &str,
    len: usize,
    presets: &[&str],
    preset: fn(&str) -> Option<Vec<f64>>,
) -> Shape {
    let flat = Shape { name: "flat".into(), weights: vec![1.0; len] };
    let Some(v) = v else { return flat };
    let span = v.span();
    let shape = match v.get_ref() {
        toml::Value::String(name) => {
            let weights = preset(name);
            if weights.is_none() {
                ck.error(
                    &span,
                    format!("`{key}` has no preset \"{name}\""),
                    did_you_mean(name, presets.iter().copied(), "presets"),
                );
            }
            weights.map(|weights| Shape { name: name.clone(), weights })
        }
        toml::Value::Array(items) => {
            custom_weights(ck, &span, key, len, presets, items).map(|weights| Shape { name: "custom".into(), weights })
        }
        other => {
            ck.error(
                &span,
                format!("`{key}` must be a preset name or an array of {len} numbers, found {}", other.type_str()),
                format!("presets: {}", presets.join(", ")),
            );
            None
        }
    };
    shape.unwrap_or(flat)
}

/// `hour_of_week`: 168 weights, Monday 00:00 first, alone (not with the daily or weekly shape,
/// which it replaces).
fn hour_of_week(ck: &mut Checker, w: &Spanned<toml::Value>, r: &raw::Traffic) -> Option<Vec<f64>> {
    if let Some(other) = r.daily_shape.as_ref().or(r.weekly_shape.as_ref()) {
        ck.error(
            &other.span(),
            "[traffic] gives `hour_of_week` and a daily or weekly shape",
            "`hour_of_week` already sets every hour of the week: keep it, or the daily and weekly shapes",
        );
        return None;
    }
    match w.get_ref() {
        toml::Value::Array(items) => custom_weights(ck, &w.span(), "hour_of_week", 168, &[], items),
        other => {
            ck.error(
                &w.span(),
                format!("`hour_of_week` must be an array of 168 numbers, found {}", other.type_str()),
                "give one weight per hour of the week, Monday 00:00 first",
            );
            None
        }
    }
}

/// Weights written out, one per hour or day: numbers from 0 to 1e9, not all zero (only their
/// ratios matter).
fn custom_weights(
    ck: &mut Checker,
    span: &std::ops::Range<usize>,
    key: &str,
    len: usize,
    presets: &[&str],
    items: &[toml::Value],
) -> Option<Vec<f64>> {
    let weights: Vec<f64> = items
        .iter()
        .map(|i| match i {
            toml::Value::Float(x) => *x,
            toml::Value::Integer(x) => *x as f64,
            _ => f64::NAN,
        })
        .collect();
    let unit = match len {
        24 => "hour 0..23",
        7 => "day Monday..Sunday",
        _ => "hour of the week, Monday 00:00 first",
    };
    if weights.len() != len {
        ck.error(
            span,
            format!("`{key}` must have {len} weights (one per {unit}), found {}", weights.len()),
            if presets.is_empty() {
                format!("give exactly {len} numbers")
            } else {
                format!("give exactly {len} numbers, or a preset: {}", presets.join(", "))
            },
        );
    } else if weights.iter().any(|w| !w.is_finite() || *w < 0.0 || *w > 1e9) {
        ck.error(
            span,
            format!("`{key}` weights must be numbers from 0 to 1e9"),
            "replace the negative, huge or non-numeric entries: only their ratios matter",
        );
    } else if weights.iter().sum::<f64>() == 0.0 {
        ck.error(span, format!("`{key}` weights are all zero"), "give at least one positive weight");
    } else {
        return Some(weights);
    }
    None
}
