//! Break-even, quota, cost by workload and warnings written out in sentences: what an architect
//! reads. Each section is a heading and lines; the text and Markdown renderers lay them out.
use super::findings;
use crate::format::{count, percent, thousands, usd, usd_rate};
use crate::model::analysis::breakeven::RANGE;
use crate::model::offers::quota::{QuotaFinding, Tighter};
use crate::model::{Estimate, Kind, OptionEstimate};

/// A heading and its sentences.
pub struct Section {
    pub heading: String,
    pub lines: Vec<String>,
}

impl Section {
    /// As terminal text: a blank line, the heading, indented lines.
    pub fn text(&self) -> String {
        let mut out = format!("\n{}\n", self.heading);
        for l in &self.lines {
            out.push_str(&format!("  {l}\n"));
        }
        out
    }
}

/// "1,500,000 requests in month 1, growing 5% a month; 12 months (2027-01 to 2027-12) of 730 hours".
pub fn traffic_line(e: &Estimate) -> String {
    let growth = if e.growth_per_month != 0.0 {
        format!(", growing {} a month", percent(e.growth_per_month))
    } else {
        String::new()
    };
    format!(
        "{} requests in month 1{growth}; {} ({}) of {}",
        thousands(e.base_requests),
        count(e.months, "month"),
        crate::dates::horizon(&e.start, e.months),
        crate::format::plural(&crate::format::trim(e.hours_per_month, 2), "hour")
    )
}

fn volume(requests: f64, mtok: f64) -> String {
    format!("{} requests/month ({} M billed tokens)", thousands(requests), thousands(mtok))
}

/// Each eligible option against the first eligible on-demand option, with the reason in
/// numbers when it never wins.
pub fn breakeven(e: &Estimate) -> Option<Section> {
    let b = &e.breakeven;
    let vs = b.reference.as_ref()?;
    let (lo, hi) = (e.base_requests * RANGE.0, e.base_requests * RANGE.1);
    let lines = b
        .breakeven
        .iter()
        .map(|x| {
            let option = e.options.iter().find(|o| o.name == x.option);
            let line = match (x.requests_per_month, x.mtok_per_month) {
                (Some(_), Some(_)) if x.everywhere => {
                    format!("cheaper at every volume checked (from {})", thousands(lo))
                }
                (Some(r), Some(m)) => {
                    let now = if r <= e.base_requests {
                        "already cheaper at this scenario's volume"
                    } else {
                        "above this scenario's volume"
                    };
                    format!("cheaper above {} — {now}", volume(r, m))
                }
                _ => format!("never cheaper up to {} requests/month", thousands(hi)),
            };
            // Another vendor's capacity is measured against that vendor's own pay-as-you-go.
            let against = if x.vs == *vs { String::new() } else { format!(" (against {})", x.vs) };
            match option.and_then(why) {
                Some(reason) => format!("{}{against}: {line}; {reason}", x.option),
                None => format!("{}{against}: {line}", x.option),
            }
        })
        .collect();
    Some(Section {
        heading: format!(
            "Break-even against {vs} (month-1 costs, volume scaled from {} to {} requests/month)",
            thousands(lo),
            thousands(hi)
        ),
        lines,
    })
}

/// Why bought capacity wins or cannot: what a unit costs against the on-demand work it does.
pub fn why(o: &OptionEstimate) -> Option<String> {
    let u = &o.utilization;
    let (ratio, full, unit) = (u.breakeven_utilization?, u.full_use_usd_per_hour?, u.unit_usd_per_hour?);
    let per_hour = |x: f64| format!("{}/h", usd_rate(x));
    let what = match o.kind {
        Kind::Provisioned => {
            let unit_name = o.unit.as_deref().unwrap_or("MU");
            format!(
                "one {unit_name} at full use does {} of on-demand work and costs {}",
                per_hour(full),
                per_hour(unit)
            )
        }
        Kind::Reserved => format!(
            "capacity for one request a minute costs {} and does {} of on-demand work at full use",
            per_hour(unit),
            per_hour(full)
        ),
        Kind::SelfHosted => format!(
            "one instance at full use does {} of on-demand work and costs {} before operations and setup",
            per_hour(full),
            per_hour(unit)
        ),
        Kind::OnDemand => return None,
    };
    let verdict = if ratio > 1.0 {
        format!("it would have to be {} busy to break even, so it can never win", percent(ratio))
    } else {
        match u.mean_utilization {
            Some(m) => format!(
                "it breaks even at {} use and this scenario keeps it {} busy in month 1",
                percent(ratio),
                percent(m.min(1.0))
            ),
            None => format!("it breaks even at {} use", percent(ratio)),
        }
    };
    Some(format!("{what}: {verdict}"))
}

/// The cheapest option over ranges of monthly volume. Where a staircase (bought capacity) and
/// a straight line (on demand) trade places at every step, the run is one line.
pub fn cheapest(e: &Estimate) -> Option<Section> {
    let b = &e.breakeven.cheapest;
    let first = b.at_bottom.as_ref()?;
    // Segments: (from volume, to volume, cheapest option).
    let mut segments: Vec<(f64, f64, &str)> = Vec::new();
    let mut from = e.base_requests * RANGE.0;
    let mut current = first.as_str();
    for c in &b.changes {
        segments.push((from, c.requests_per_month, current));
        from = c.requests_per_month;
        current = &c.to;
    }
    segments.push((from, e.base_requests * RANGE.1, current));
    let mut lines = Vec::new();
    let mut i = 0;
    while i < segments.len() {
        // The longest run alternating between the same two options.
        let mut j = i + 1;
        while j + 1 < segments.len() && segments[j + 1].2 == segments[j - 1].2 && segments[j].2 != segments[j - 1].2 {
            j += 1;
        }
        if j - i >= 5 {
            // The run's first and last segments stand alone; the alternation between them is one line.
            let line = |(lo, hi, o): (f64, f64, &str)| format!("{} to {}: {o}", thousands(lo), thousands(hi));
            lines.push(line(segments[i]));
            lines.push(format!(
                "{} to {}: {} and {} trade places {} times as the bought capacity steps up",
                thousands(segments[i + 1].0),
                thousands(segments[j - 1].1),
                segments[i + 1].2,
                segments[i + 2].2,
                j - i - 2
            ));
            lines.push(line(segments[j]));
            i = j + 1;
        } else {
            let (lo, hi, o) = segments[i];
            lines.push(format!("{} to {}: {o}", thousands(lo), thousands(hi)));
            i += 1;
        }
    }
    Some(Section { heading: "Cheapest option by monthly volume (month 1)".into(), lines })
}

/// A small share to two decimals: 0.0004 → "0.04%".
pub fn percent_fine(x: f64) -> String {
    if x > 0.0 && x < 0.001 { format!("{:.2}%", x * 100.0) } else { percent(x) }
}

/// Throttling by the default on-demand quotas, and what to ask for.
pub fn quota(e: &Estimate) -> Option<Section> {
    let members = e.plans.iter().flat_map(|p| {
        p.members.iter().filter_map(move |m| {
            let who = format!("{}, {} (serving {})", p.name, m.option, findings::ticked(&m.workloads));
            m.quota.as_ref().map(|q| (who, q, Some(m.workloads.as_slice())))
        })
    });
    let quotas: Vec<(String, &QuotaFinding, Option<&[String]>)> =
        e.quota.iter().map(|q| (q.option.clone(), q, None)).chain(members).collect();
    if quotas.is_empty() {
        return None;
    }
    let busiest = busiest_minute(e);
    let lines = quotas
        .iter()
        .map(|(name, q, only)| {
            let first = q.throttled_share.first().copied().unwrap_or(0.0);
            let last = q.throttled_share.last().copied().unwrap_or(0.0);
            let admits = match q.limit_per_min {
                None => "no default quota in the catalog".to_string(),
                Some(l) => format!("the {} quota admits {} calls/min", q.binding, thousands(l.floor())),
            };
            let throttled = match q.limit_per_min {
                None => String::new(),
                Some(_) if first.max(last) < 1e-4 => "; practically nothing throttled (under 0.01%)".into(),
                Some(_) if q.throttled_share.len() == 1 => format!("; throttles {} of calls", percent_fine(first)),
                Some(_) => format!(
                    "; throttles {} of calls in month 1, {} in month {}",
                    percent_fine(first),
                    percent_fine(last),
                    q.throttled_share.len()
                ),
            };
            let in_flight = super::latency::in_flight_of(e, &q.option, *only).map_or(String::new(), |(n, month)| {
                format!(
                    "; {} requests in flight at the {}-percentile minute of month {month}",
                    super::latency::in_flight(n),
                    crate::format::percentile(e.peak_quantile)
                )
            });
            let tighter = q.tighter.as_ref().map_or(String::new(), |t| format!("; {}", tighter(t)));
            format!(
                "{name}: {admits}{throttled}; to serve {busiest} ask for {} RPM and {} TPM{in_flight}{tighter}",
                thousands(q.recommended_rpm),
                thousands(q.recommended_tpm)
            )
        })
        .collect();
    Some(Section {
        heading: "Default on-demand quotas (a call is charged input + burndown × max_tokens, else the model's maximum output)".into(),
        lines,
    })
}

/// "a `max_tokens` of 700 for `multi-step` (now 1,024) would free 12,345 TPM of the recommended
/// quota" (docs/model.md#quotas).
pub fn tighter(t: &Tighter) -> String {
    let each: Vec<String> = t
        .workloads
        .iter()
        .map(|w| {
            let now = match (w.max_tokens_now, t.model_max_tokens) {
                (Some(n), _) => thousands(n),
                (None, Some(m)) => format!("unset: the model's maximum, {}", thousands(m)),
                (None, None) => "unset".into(),
            };
            format!("{} for `{}` (now {now})", thousands(w.max_tokens), w.workload)
        })
        .collect();
    let each = match each.as_slice() {
        [rest @ .., last] if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => each.concat(),
    };
    let a = if t.workloads.len() > 1 { "" } else { "a " };
    format!("{a}`max_tokens` of {each} would free {} TPM of the recommended quota", thousands(t.freed_tpm))
}

/// The minute the recommended quota serves (docs/model.md#quotas): the 99.9th percentile of the
/// busiest hour of the horizon, which is in its busiest month (every hour of a month scales with
/// the month's requests).
fn busiest_minute(e: &Estimate) -> String {
    let quantile = crate::format::percentile(crate::model::offers::quota::RECOMMEND_QUANTILE);
    let requests = e.month_requests();
    let top = requests.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let month = match requests.iter().position(|&r| r == top) {
        _ if requests.len() > 1 && requests.iter().all(|&r| r == top) => "any month".to_string(),
        Some(i) => format!("month {}", i + 1),
        None => "month 1".to_string(),
    };
    format!("the busiest minute of {month} ({quantile} percentile)")
}

/// Things to know that are not errors.
pub fn warnings(e: &Estimate) -> Option<Section> {
    (!e.warnings.is_empty())
        .then(|| Section { heading: "Warnings".into(), lines: e.warnings.iter().map(findings::warning).collect() })
}

/// Which workload drives each on-demand bill.
pub fn workloads(e: &Estimate) -> Option<Section> {
    if e.workloads.len() < 2 {
        return None;
    }
    let lines: Vec<String> = e
        .options
        .iter()
        .filter_map(|o| {
            let top = o.workloads.iter().max_by(|a, b| a.month_1_usd.total_cmp(&b.month_1_usd))?;
            let share = e.workloads.iter().find(|(w, _)| w.name == top.name).map_or(0.0, |(w, _)| w.share);
            let parts: Vec<String> = o
                .workloads
                .iter()
                .map(|w| format!("`{}` {} ({})", w.name, usd(w.month_1_usd), percent(w.share_of_cost)))
                .collect();
            Some(format!(
                "{}: `{}` drives the bill, {} of month 1 for {} of requests — {}",
                o.name,
                top.name,
                percent(top.share_of_cost),
                percent(share),
                parts.join(", ")
            ))
        })
        .collect();
    (!lines.is_empty()).then(|| Section { heading: "Cost by workload (on-demand options, month 1)".into(), lines })
}
