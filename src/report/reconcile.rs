//! `reconcile` in words (docs/usage.md#reconciling): the period, the three totals, each model,
//! the differences with their causes said, PASS or FAIL; as a table, Markdown or JSON
//! (`infercast/reconcile-v1`).
use crate::format::{Align, percent, table, thousands, usd, usd_rate};
use crate::output_format::OutputFormat;
use crate::usage::reconcile::{Between, Cause, Difference, Reconciled};
use serde::Serialize;

/// Output formats of `reconcile`.
pub const FORMATS: &[OutputFormat] = &[OutputFormat::Table, OutputFormat::Markdown, OutputFormat::Json];

pub fn render(r: &Reconciled, format: OutputFormat) -> String {
    match format {
        OutputFormat::Table => text(r),
        OutputFormat::Markdown => markdown(r),
        OutputFormat::Csv => format.not_accepted(FORMATS),
        OutputFormat::Json => crate::json::write(&json(r)),
    }
}

/// "+$1,204.33", "-$3.10", "$0.00".
pub fn signed(x: f64) -> String {
    let s = usd(x.abs());
    if s == "$0.00" {
        s
    } else if x > 0.0 {
        format!("+{s}")
    } else {
        format!("-{s}")
    }
}

/// "+8.1 %" of `part` against `whole`; "n/a" against nothing.
fn share(part: f64, whole: f64) -> String {
    if whole == 0.0 {
        return "n/a".into();
    }
    let p = percent(part / whole);
    if part > 0.0 { format!("+{p}") } else { p }
}

/// The words of one difference.
pub fn words(d: &Difference, r: &Reconciled) -> String {
    let usd = signed(d.usd);
    match &d.cause {
        Cause::Volume { forecast, actual } => {
            let more = *actual as f64 - forecast;
            let (n, dir) = (thousands(more.abs()), if more >= 0.0 { "more" } else { "fewer" });
            format!("volume: {n} {dir} calls than forecast ({}) cost {usd}", share(more, *forecast))
        }
        Cause::TokensPerRequest => {
            let per_call = if r.forecast_calls > 0.0 { r.forecast_usd / r.forecast_calls } else { 0.0 };
            format!(
                "tokens per request: the calls' tokens at the forecast's prices (cache as plain input) cost {usd} against the forecast's {} a call",
                usd_rate(per_call)
            )
        }
        Cause::Cache { read, write } => format!(
            "cache: {} tokens read from and {} written to the cache cost {usd} against plain input",
            thousands(*read as f64),
            thousands(*write as f64)
        ),
        Cause::Price => {
            format!("price: the prices at the endpoint and region as run, against the forecast option's, cost {usd}")
        }
        Cause::UnpricedModels { models, invocations } => format!(
            "unpriced: {} calls of {} the catalog does not price are not in the usage ({usd} at the forecast's prices)",
            thousands(*invocations as f64),
            models.join(", ")
        ),
        Cause::BillModel { model } => {
            format!("bill vs usage: the bill's lines of {model} minus its usage priced: {usd}")
        }
        Cause::BillUnpriced { usage_type } => {
            format!("unpriced: the bill's {usage_type} lines, which the catalog does not price: {usd}")
        }
    }
}

/// The cause as JSON names it.
fn cause_name(c: &Cause) -> &'static str {
    match c {
        Cause::Volume { .. } => "volume",
        Cause::TokensPerRequest => "tokens per request",
        Cause::Cache { .. } => "cache",
        Cause::Price => "price",
        Cause::UnpricedModels { .. } | Cause::BillUnpriced { .. } => "unpriced",
        Cause::BillModel { .. } => "bill vs usage",
    }
}

fn between_name(b: Between) -> &'static str {
    match b {
        Between::UsageForecast => "usage - forecast",
        Between::BillUsage => "bill - usage",
    }
}

/// "PASS: usage is within 2% of the forecast" or "FAIL: …".
pub fn verdict(r: &Reconciled) -> String {
    let tol = percent(r.tolerance);
    let mut parts = vec![format!(
        "usage {} is {} from the forecast {}",
        usd(r.usage_usd),
        share(r.usage_usd - r.forecast_usd, r.forecast_usd),
        usd(r.forecast_usd)
    )];
    if let Some(b) = r.bill_usd {
        parts.push(format!("the bill {} is {} from the usage", usd(b), share(b - r.usage_usd, r.usage_usd)));
    }
    let (word, how) = if r.within_tolerance { ("PASS", "within") } else { ("FAIL", "beyond") };
    format!("{word}: {}; {how} the {tol} tolerance", parts.join(", "))
}

/// "N calls throttled: see the quota advice of `estimate`" per model.
fn throttle_lines(r: &Reconciled) -> Vec<String> {
    r.throttles
        .iter()
        .map(|(m, n)| format!("{m}: {} calls throttled: see the quota advice of `estimate`", thousands(*n as f64)))
        .collect()
}

fn period(r: &Reconciled) -> String {
    let (a, b) = (crate::dates::format(r.start_day), crate::dates::format(r.end_day));
    format!("{a} to {b} (UTC, {} h)", thousands(r.hours as f64))
}

fn model_rows(r: &Reconciled) -> Vec<Vec<String>> {
    r.by_model
        .iter()
        .map(|m| {
            vec![
                m.model.clone(),
                usd(m.forecast_usd),
                usd(m.usage_usd),
                m.bill_usd.map_or("n/a".into(), usd),
                signed(m.usage_usd - m.forecast_usd),
            ]
        })
        .collect()
}

const MODEL_HEADER: [(&str, Align); 5] = [
    ("model", Align::Left),
    ("forecast", Align::Right),
    ("usage", Align::Right),
    ("bill", Align::Right),
    ("usage - forecast", Align::Right),
];

fn text(r: &Reconciled) -> String {
    let mut out = format!("reconcile {} against `{}`, {}\n\n", r.scenario, r.line, period(r));
    let totals = vec![
        vec!["forecast".to_string(), usd(r.forecast_usd)],
        vec!["usage".to_string(), usd(r.usage_usd)],
        vec!["bill".to_string(), r.bill_usd.map_or("n/a".into(), usd)],
    ];
    out += &table(&[("total", Align::Left), ("USD", Align::Right)], &totals, "  ");
    out += "\nBy model:\n";
    out += &table(&MODEL_HEADER, &model_rows(r), "  ");
    for b in [Between::UsageForecast, Between::BillUsage] {
        let ds: Vec<&Difference> = r.differences.iter().filter(|d| d.between == b).collect();
        if !ds.is_empty() {
            out += &format!("\nDifferences ({}):\n", between_name(b));
            ds.iter().for_each(|d| out += &format!("  - {}\n", words(d, r)));
        }
    }
    let throttles = throttle_lines(r);
    if !throttles.is_empty() {
        out += "\nThrottles:\n";
        throttles.iter().for_each(|t| out += &format!("  - {t}\n"));
    }
    out + "\n" + &verdict(r) + "\n"
}

fn markdown(r: &Reconciled) -> String {
    let mut out = format!("## Reconcile `{}` against `{}`\n\n{}\n\n", r.scenario, r.line, period(r));
    out += "| | USD |\n|---|---:|\n";
    out += &format!("| forecast | {} |\n| usage | {} |\n", usd(r.forecast_usd), usd(r.usage_usd));
    out += &format!("| bill | {} |\n\n", r.bill_usd.map_or("n/a".into(), usd));
    out += "| model | forecast | usage | bill | usage - forecast |\n|---|---:|---:|---:|---:|\n";
    for row in model_rows(r) {
        out += &format!("| {} |\n", row.join(" | "));
    }
    out += "\n";
    for d in &r.differences {
        out += &format!("- {}: {}\n", between_name(d.between), words(d, r));
    }
    for t in throttle_lines(r) {
        out += &format!("- {t}\n");
    }
    let mark = if r.within_tolerance { "✅" } else { "❌" };
    out + &format!("\n{mark} **{}**\n", verdict(r))
}

#[derive(Serialize)]
struct Json<'a> {
    schema: &'static str,
    scenario: &'a str,
    compared: &'a str,
    period: JsonPeriod,
    usage_usd: f64,
    forecast_usd: f64,
    bill_usd: Option<f64>,
    calls: JsonCalls,
    months: Vec<JsonMonth<'a>>,
    by_model: Vec<JsonModel<'a>>,
    differences: Vec<JsonDifference>,
    unpriced: Vec<JsonUnpriced<'a>>,
    throttles: Vec<JsonThrottle<'a>>,
    tolerance: f64,
    within_tolerance: bool,
}

#[derive(Serialize)]
struct JsonPeriod {
    start: String,
    end: String,
    hours: i64,
}

#[derive(Serialize)]
struct JsonCalls {
    forecast: f64,
    actual: u64,
}

#[derive(Serialize)]
struct JsonMonth<'a> {
    month: &'a str,
    hours: i64,
    forecast_usd: f64,
    usage_usd: f64,
    bill_usd: Option<f64>,
}

#[derive(Serialize)]
struct JsonModel<'a> {
    model: &'a str,
    invocations: u64,
    forecast_usd: f64,
    usage_usd: f64,
    bill_usd: Option<f64>,
    difference_usd: f64,
}

#[derive(Serialize)]
struct JsonDifference {
    between: &'static str,
    cause: &'static str,
    usd: f64,
    text: String,
}

#[derive(Serialize)]
struct JsonUnpriced<'a> {
    model_id: &'a str,
    invocations: u64,
    tokens: u64,
    why: &'a str,
}

#[derive(Serialize)]
struct JsonThrottle<'a> {
    model_id: &'a str,
    throttled: u64,
}

fn json(r: &Reconciled) -> Json<'_> {
    Json {
        schema: "infercast/reconcile-v1",
        scenario: &r.scenario,
        compared: &r.line,
        period: JsonPeriod {
            start: crate::dates::format(r.start_day),
            end: crate::dates::format(r.end_day),
            hours: r.hours,
        },
        usage_usd: r.usage_usd,
        forecast_usd: r.forecast_usd,
        bill_usd: r.bill_usd,
        calls: JsonCalls { forecast: r.forecast_calls, actual: r.actual_calls },
        months: r
            .months
            .iter()
            .map(|m| JsonMonth {
                month: &m.month,
                hours: m.hours,
                forecast_usd: m.forecast_usd,
                usage_usd: m.usage_usd,
                bill_usd: m.bill_usd,
            })
            .collect(),
        by_model: r
            .by_model
            .iter()
            .map(|m| JsonModel {
                model: &m.model,
                invocations: m.invocations,
                forecast_usd: m.forecast_usd,
                usage_usd: m.usage_usd,
                bill_usd: m.bill_usd,
                difference_usd: m.usage_usd - m.forecast_usd,
            })
            .collect(),
        differences: r
            .differences
            .iter()
            .map(|d| JsonDifference {
                between: between_name(d.between),
                cause: cause_name(&d.cause),
                usd: d.usd,
                text: words(d, r),
            })
            .collect(),
        unpriced: r
            .unpriced
            .iter()
            .map(|u| JsonUnpriced { model_id: &u.model_id, invocations: u.invocations, tokens: u.tokens, why: &u.why })
            .collect(),
        throttles: r.throttles.iter().map(|(m, n)| JsonThrottle { model_id: m, throttled: *n }).collect(),
        tolerance: r.tolerance,
        within_tolerance: r.within_tolerance,
    }
}
