//! The options table as cells: one `rows()` that the terminal table and summary.md lay out in
//! their own syntax, so the two cannot drift apart.
use super::findings;
use crate::format::{count, percent, percentile, thousands, trim, usd, usd_rate, usd_whole};
use crate::model::plan::PlanEstimate;
use crate::model::{Estimate, Kind, OptionEstimate};

/// Column headings; the horizon column names its months. Units, overflow, use and the alarm are
/// month 1's (the caption says so).
pub fn header(e: &Estimate) -> Vec<String> {
    [
        "option",
        "month 1",
        &count(e.months, "month"),
        "per 1k req",
        "per M tok",
        "units",
        "overflow",
        "break-even use",
        "used",
        "daily alarm",
    ]
    .map(String::from)
    .to_vec()
}

/// One row per option, in scenario order; then each plan's row followed by a row per member
/// (`↳ simple: OPTION`), priced on the member's own traffic.
pub fn rows(e: &Estimate) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = e.options.iter().map(row).collect();
    for p in &e.plans {
        out.push(plan_row(p));
        out.extend(p.members.iter().map(|m| {
            let mut r = row(&m.estimate);
            r[0] = format!("↳ {}: {}", m.workloads.join(", "), m.option);
            r
        }));
    }
    out
}

/// A plan's row: its totals; units "a + b" from its members' (or "see members" past two).
fn plan_row(p: &PlanEstimate) -> Vec<String> {
    let units: Vec<String> = p.members.iter().filter_map(|m| units(&m.estimate)).collect();
    let units = match units.as_slice() {
        [] => "-".to_string(),
        [one] => one.clone(),
        [a, b] => format!("{a} + {b}"),
        _ => "see members".to_string(),
    };
    let first = &p.months[0];
    vec![
        if p.eligible { p.name.clone() } else { format!("{} †", p.name) },
        usd(first.cost_usd),
        usd(p.total_usd),
        usd_rate(p.usd_per_1k_requests),
        usd_rate(p.usd_per_mtok),
        units,
        "-".into(),
        "-".into(),
        "-".into(),
        usd_whole(p.daily_alarm_usd),
    ]
}

/// The capacity an option buys in month 1 ("3 MU", "2.5 inst", "10k/2k TPM", "none", "buys
/// nothing"); `None` on demand, which buys none (the cell reads "-").
fn units(o: &OptionEstimate) -> Option<String> {
    let first = &o.cost.months[0];
    let units = match o.kind {
        Kind::OnDemand => return None,
        _ if o.buys_nothing => "buys nothing".into(),
        Kind::Provisioned => format!("{} {}", trim(first.units, 0), o.unit.as_deref().unwrap_or("MU")),
        Kind::SelfHosted => format!("{} inst", trim(first.units, 1)),
        Kind::Reserved => match (first.input_tpm, first.output_tpm) {
            (Some(i), Some(out)) if i > 0.0 => format!("{}k/{}k TPM", thousands(i / 1000.0), thousands(out / 1000.0)),
            _ => "none".into(),
        },
    };
    Some(units)
}

fn row(o: &OptionEstimate) -> Vec<String> {
    let c = &o.cost;
    let first = &c.months[0];
    let overflow = match o.kind {
        Kind::OnDemand | Kind::SelfHosted => "-".into(),
        _ if o.rejects => format!("{} rejected", percent(first.overflow_share)),
        _ => percent(first.overflow_share),
    };
    let u = &o.utilization;
    let breakeven = u
        .breakeven_utilization
        .map_or("-".into(), |b| if b > 1.0 { format!("{} (never)", percent(b)) } else { percent(b) });
    let used = u.mean_utilization.map_or("-".into(), |m| percent(m.min(1.0)));
    let name = if o.eligible { o.name.clone() } else { format!("{} †", o.name) };
    vec![
        name,
        usd(first.cost_usd),
        usd(c.total_usd),
        usd_rate(c.usd_per_1k_requests),
        usd_rate(c.usd_per_mtok),
        units(o).unwrap_or_else(|| "-".into()),
        overflow,
        breakeven,
        used,
        usd_whole(o.daily_alarm_usd),
    ]
}

/// What a reader must know about single options to read the table: why one is not eligible,
/// which one buys nothing.
pub fn notes(e: &Estimate) -> Vec<String> {
    let mut out = Vec::new();
    for o in &e.options {
        if let Some(r) = &o.ineligible_reason {
            let r = findings::ineligible(r);
            out.push(format!("† {} is not eligible: {r}; it is priced but not compared.", o.name));
        }
        if o.buys_nothing {
            out.push(format!(
                "{} buys nothing: at these volumes its best purchase is zero capacity, so it is on demand under another name.",
                o.name
            ));
        }
    }
    for p in &e.plans {
        if let Some(r) = &p.ineligible_reason {
            let r = findings::ineligible(r);
            out.push(format!("† plan {} is not eligible: {r}; it is priced but not compared.", p.name));
        }
    }
    if !e.plans.is_empty() {
        out.push(
            "A plan routes each workload to one option (↳ rows): each is priced, sized and alarmed on the traffic of \
             its workloads only, and the plan's row is their sum."
                .into(),
        );
    }
    out
}

/// What the table's figures assume, stated under it: the quantile capacity is sized for, what
/// the per-1k and per-M columns average over, and each self-hosted deployment's error against its published runs.
pub fn assumptions(e: &Estimate) -> Vec<String> {
    let members = e.plans.iter().flat_map(|p| p.members.iter().map(|m| m.estimate.kind));
    let buys_capacity = e.options.iter().map(|o| o.kind).chain(members).any(|k| k != Kind::OnDemand);
    let mut out = Vec::new();
    if buys_capacity {
        // docs/model.md#arrivals-and-peaks: capacity is sized on the peak minute, costs on means.
        out.push(format!(
            "Bought capacity (units) is sized for the {}-percentile minute of each hour of the week \
             (`peak_quantile` = {}).",
            percentile(e.peak_quantile),
            trim(e.peak_quantile, 6)
        ));
    }
    out.push(
        "Per 1k req and per M tok average the whole horizon: its total cost over all its requests \
         (and their billed tokens), rejected ones included."
            .into(),
    );
    for f in &e.fits {
        out.push(format!(
            "{}: the throughput of `{}` comes from the GPU and model figures; against {} it is off by \
             {} at the median and {} at worst.",
            f.option,
            f.deployment,
            count(f.runs as f64, "published run"),
            percent(f.median_error),
            percent(f.worst_error)
        ));
    }
    out
}

/// The caption above the table.
pub const CAPTION: &str = "USD; units, overflow, use and the daily alarm are month 1's";

/// The caption above the services table.
pub const SERVICES_CAPTION: &str = "USD; the same for every option and plan, and included in their costs above";

/// Column headings of the services table.
pub fn services_header(e: &Estimate) -> Vec<String> {
    ["service", "month 1", &count(e.months, "month"), "how it is priced"].map(String::from).to_vec()
}

/// One row per service line item, then their total when there are several.
pub fn services_rows(e: &Estimate) -> Vec<Vec<String>> {
    let costs = e.services.costs(&e.month_requests());
    let mut out: Vec<Vec<String>> = e
        .services
        .items
        .iter()
        .zip(&costs)
        .map(|(i, c)| vec![i.name.clone(), usd(c.month_1_usd), usd(c.total_usd), findings::basis(&i.basis)])
        .collect();
    if costs.len() > 1 {
        let (first, total) = costs.iter().fold((0.0, 0.0), |(a, b), c| (a + c.month_1_usd, b + c.total_usd));
        out.push(vec!["all services".into(), usd(first), usd(total), String::new()]);
    }
    out
}
