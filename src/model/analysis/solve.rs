//! From a bill back to traffic: the month-1 volume at which one option costs a given amount,
//! holding the request mix and the shape of the week.
use crate::model::Context;
use crate::model::offers::services::Services;
use crate::scenario::OptionKind;
use serde::Serialize;

/// Bisection stops when the bracket is this tight, relatively.
const RELATIVE_TOLERANCE: f64 = 1e-9;
/// Halvings at most: from [1, 1e15] to 1e-9 relative takes about 80, so the bound never cuts a
/// search short; it only guarantees the loop ends.
const MAX_HALVINGS: usize = 200;
/// The search covers every volume a scenario may give (docs/model.md#limits-of-the-inputs):
/// from 1 request a month to 1e15 (about 380 million a second).
pub const MIN_REQUESTS: f64 = crate::limits::REQUESTS_PER_MONTH.min;
pub const MAX_REQUESTS: f64 = crate::limits::REQUESTS_PER_MONTH.max;

/// The volume that makes an option cost the bill.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Solution {
    /// The scenario's name.
    pub scenario: String,
    /// The option's name.
    pub option: String,
    /// The monthly bill asked for, USD.
    pub bill_usd: f64,
    /// Month-1 requests per month at which the option costs the bill.
    pub requests_per_month: f64,
    /// The same volume per day: requests_per_month · 24 / hours_per_month.
    pub requests_per_day: f64,
    /// Billed tokens (input + output) a month at that volume.
    pub billed_tokens_per_month: f64,
    /// What the option costs at that volume, USD; above the bill when a step jumps past it.
    #[serde(skip)]
    pub cost_usd: f64,
    /// True when no volume costs exactly the bill: a step of bought capacity jumps past it,
    /// and the volume is the smallest whose cost reaches it.
    #[serde(skip)]
    pub at_step: bool,
}

/// Why no volume makes the option cost the bill.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Unreachable {
    /// The option costs this much a month with no traffic at all, more than the bill.
    BelowMinimum { minimum_usd: f64 },
    /// The option never costs this much: at [`MAX_REQUESTS`] a month it costs this.
    AboveMaximum { maximum_usd: f64 },
    /// The bill is less than the option costs at [`MIN_REQUESTS`] a month: the answer would be
    /// a fraction of a request, below any volume infercast plans.
    BelowOneRequest { one_request_usd: f64 },
}

/// Month-1 cost of `kind` at `requests` a month, services included.
fn cost(ctx: &Context, kind: &OptionKind, services: &Services, requests: f64) -> f64 {
    let load = ctx.load.month(requests);
    ctx.option_months(kind, std::slice::from_ref(&load))[0].cost_usd + services.month_usd(1, requests)
}

/// The smallest month-1 volume at which `kind` costs `bill_usd` or more. Costs rise with
/// volume: on demand in proportion (solved exactly), capacity in steps (bracketed by doubling
/// from the scenario's volume, then bisected).
pub fn solve(
    ctx: &Context,
    scenario: &str,
    option: &str,
    kind: &OptionKind,
    bill_usd: f64,
    services: &Services,
) -> Result<Solution, Unreachable> {
    let cost = |requests: f64| cost(ctx, kind, services, requests);
    let minimum_usd = cost(0.0);
    if bill_usd < minimum_usd {
        return Err(Unreachable::BelowMinimum { minimum_usd });
    }
    let one_request_usd = cost(MIN_REQUESTS);
    if bill_usd > minimum_usd && bill_usd < one_request_usd {
        return Err(Unreachable::BelowOneRequest { one_request_usd });
    }
    let requests = match kind {
        OptionKind::OnDemand { model, tier, prices, .. } => {
            // Services per request add to the slope, fixed ones to the minimum.
            let per_request = ctx.on_demand_usd_per_request(model, *tier, prices) + services.month_usd(1, 1.0)
                - services.month_usd(1, 0.0);
            if per_request <= 0.0 {
                return Err(Unreachable::AboveMaximum { maximum_usd: minimum_usd });
            }
            let requests = (bill_usd - minimum_usd) / per_request;
            if requests > MAX_REQUESTS {
                return Err(Unreachable::AboveMaximum { maximum_usd: cost(MAX_REQUESTS) });
            }
            requests
        }
        _ if bill_usd == minimum_usd => 0.0,
        _ => search(cost, bill_usd, ctx.base_requests)?,
    };
    let cost_usd = cost(requests);
    Ok(Solution {
        scenario: scenario.to_string(),
        option: option.to_string(),
        bill_usd,
        requests_per_month: requests,
        requests_per_day: requests * 24.0 / ctx.hours_per_month,
        billed_tokens_per_month: requests * ctx.mix.billed(),
        at_step: cost_usd - bill_usd > (1e-6 * bill_usd).max(0.005),
        cost_usd,
    })
}

/// The smallest `v` in [[`MIN_REQUESTS`], [`MAX_REQUESTS`]] with `f(v) ≥ bill`, to 1e-9
/// relative, for a non-decreasing `f`. Invariant: `f(lo) < bill ≤ f(hi)`. The bracket never
/// goes below 1, so the tolerance never underflows, and the halvings are bounded besides.
fn search(f: impl Fn(f64) -> f64, bill: f64, start: f64) -> Result<f64, Unreachable> {
    if f(MIN_REQUESTS) >= bill {
        return Ok(MIN_REQUESTS);
    }
    let mut hi = if start.is_finite() { start.clamp(MIN_REQUESTS, MAX_REQUESTS) } else { MIN_REQUESTS };
    let mut lo = if f(hi) >= bill {
        // Walk down to a volume below the bill; f(1) is below it.
        while hi / 2.0 > MIN_REQUESTS && f(hi / 2.0) >= bill {
            hi /= 2.0;
        }
        (hi / 2.0).max(MIN_REQUESTS)
    } else {
        loop {
            if hi >= MAX_REQUESTS {
                return Err(Unreachable::AboveMaximum { maximum_usd: f(MAX_REQUESTS) });
            }
            let lo = hi;
            hi = (hi * 2.0).min(MAX_REQUESTS);
            if f(hi) >= bill {
                break lo;
            }
        }
    };
    for _ in 0..MAX_HALVINGS {
        if hi - lo <= RELATIVE_TOLERANCE * hi {
            break;
        }
        let mid = lo + (hi - lo) / 2.0;
        if f(mid) >= bill { hi = mid } else { lo = mid }
    }
    Ok(hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_straight_line_is_solved_to_the_tolerance() {
        // $0.012 a request: a $31,536 bill is 31,536 / 0.012 = 2,628,000 requests.
        let v = search(|v| 0.012 * v, 31_536.0, 1_000.0).unwrap();
        assert!((v / 2_628_000.0 - 1.0).abs() <= 2e-9, "{v}");
        // Starting above the answer walks down to it.
        let v = search(|v| 0.012 * v, 31_536.0, 1e9).unwrap();
        assert!((v / 2_628_000.0 - 1.0).abs() <= 2e-9, "{v}");
    }

    #[test]
    fn a_staircase_gives_the_smallest_volume_whose_step_reaches_the_bill() {
        // $7,300 per unit of 50 requests: ceil(v/50)·7,300. A $10,000 bill falls between the
        // first step ($7,300) and the second ($14,600), reached just above v = 50.
        let v = search(|v| (v / 50.0).ceil() * 7_300.0, 10_000.0, 10.0).unwrap();
        assert!(v > 50.0 && v <= 50.0 * (1.0 + 2e-9), "{v}");
    }

    #[test]
    fn tiny_bills_end_at_one_request() {
        // A staircase whose first step is at 0.5 requests: every bill up to $1 is reached at the
        // smallest volume searched, 1 request; before, a bill of 1e-320 bisected forever.
        let step = |v: f64| if v > 0.5 { 1.0 } else { 0.0 };
        assert_eq!(search(step, 1e-320, 1_000.0), Ok(1.0));
        assert_eq!(search(step, 1e-320, 1e-300), Ok(1.0));
    }

    #[test]
    fn the_search_reaches_the_largest_volume_accepted() {
        // $1e-12 a request: $900 is 9e14 requests, above the old 1e14 ceiling, below 1e15.
        let v = search(|v| 1e-12 * v, 900.0, 1_000.0).unwrap();
        assert!((v / 9e14 - 1.0).abs() <= 2e-9, "{v}");
        // $2,000 would take 2e15 requests: past the range, and it says what 1e15 costs ($1,000).
        assert_eq!(search(|v| 1e-12 * v, 2_000.0, 1_000.0), Err(Unreachable::AboveMaximum { maximum_usd: 1_000.0 }));
    }

    #[test]
    fn a_flat_cost_never_reaches_a_larger_bill() {
        // $5 whatever the volume: a $6 bill is never reached; the search says what it found.
        assert_eq!(search(|_| 5.0, 6.0, 100.0), Err(Unreachable::AboveMaximum { maximum_usd: 5.0 }));
    }
}
