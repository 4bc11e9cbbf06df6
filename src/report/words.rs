//! Break-even, quota and warnings written out in sentences: what an architect reads.
use super::format::{percent, thousands};
use crate::model::Estimate;
use crate::model::breakeven::RANGE;
use std::fmt::Write;

fn volume(requests: f64, mtok: f64) -> String {
    format!("{} requests/month ({} M billed tokens)", thousands(requests), thousands(mtok))
}

/// The break-even section: each option against the reference, then the cheapest by volume.
pub fn breakeven(e: &Estimate) -> String {
    let b = &e.breakeven;
    let Some(vs) =
        b.breakeven.first().map(|x| x.vs.clone()).or_else(|| (b.cheapest_at_bottom.is_some()).then(String::new))
    else {
        return String::new();
    };
    let mut out = String::new();
    let (lo, hi) = (e.base_requests * RANGE.0, e.base_requests * RANGE.1);
    if !b.breakeven.is_empty() {
        let _ = writeln!(
            out,
            "\nBreak-even against {vs} (month-1 costs, volume scaled from {} to {} requests/month)",
            thousands(lo),
            thousands(hi)
        );
        for x in &b.breakeven {
            let line = match (x.requests_per_month, x.mtok_per_month) {
                (Some(_), Some(_)) if x.everywhere => {
                    format!("cheaper at every volume checked (from {})", thousands(lo))
                }
                (Some(r), Some(m)) => {
                    let vs_now = if r <= e.base_requests {
                        "already cheaper at this scenario's volume"
                    } else {
                        "above this scenario's volume"
                    };
                    format!("cheaper above {} — {vs_now}", volume(r, m))
                }
                _ => format!("never cheaper up to {} requests/month", thousands(hi)),
            };
            let _ = writeln!(out, "  {}: {line}", x.option);
        }
    }
    if let Some(first) = &b.cheapest_at_bottom {
        let _ = writeln!(out, "\nCheapest option by monthly volume (month 1)");
        let mut from = thousands(lo);
        let mut current = first.clone();
        for c in &b.cheapest {
            let _ = writeln!(out, "  {from} to {}: {current}", thousands(c.requests_per_month));
            from = thousands(c.requests_per_month);
            current = c.to.clone();
        }
        let _ = writeln!(out, "  {from} to {}: {current}", thousands(hi));
    }
    out
}

/// The quota section.
pub fn quota(e: &Estimate) -> String {
    let mut out = String::new();
    if e.quota.is_empty() {
        return out;
    }
    let _ = writeln!(out, "\nDefault on-demand quotas (a call is charged input + burndown × max_tokens, else output)");
    for (name, q) in &e.quota {
        let last = q.throttled_share.last().copied().unwrap_or(0.0);
        let first = q.throttled_share.first().copied().unwrap_or(0.0);
        let admits = match q.limit_per_min {
            None => "no default quota in the catalog".to_string(),
            Some(l) => format!("the {} quota admits {} calls/min", q.binding, thousands(l.floor())),
        };
        let throttled = if q.limit_per_min.is_none() {
            String::new()
        } else if last == 0.0 && first == 0.0 {
            "; nothing throttled".to_string()
        } else {
            format!(
                "; throttles {} of calls in month 1, {} in month {}",
                percent_fine(first),
                percent_fine(last),
                q.throttled_share.len()
            )
        };
        let _ = writeln!(
            out,
            "  {name}: {admits}{throttled}; to serve the busiest minute ask for {} RPM and {} TPM",
            thousands(q.recommended_rpm),
            thousands(q.recommended_tpm)
        );
    }
    out
}

/// A small share to two significant decimals: 0.0004 → "0.04%".
fn percent_fine(x: f64) -> String {
    if x > 0.0 && x < 0.001 { format!("{:.2}%", x * 100.0) } else { percent(x) }
}

/// The warnings section.
pub fn warnings(e: &Estimate) -> String {
    e.warnings.iter().map(|w| format!("\nwarning: {w}\n")).collect()
}
