//! Break-even (DESIGN §4.7): month-1 cost of every option as the volume is scaled over a log
//! range; where each option starts to beat the first on-demand option for good, and where the
//! cheapest option changes.
use super::Context;
use crate::scenario::OptionKind;

/// Scale factors on the scenario's volume: 10^-3 … 10^3.
pub const RANGE: (f64, f64) = (1e-3, 1e3);
/// Grid points per decade. Costs are staircases; steps missed between points are caught by the
/// sub-sampling of the interval that holds the crossing (see [`last_change`]).
const PER_DECADE: usize = 60;
const SUBSAMPLES: usize = 32;
/// Bisection stops when the bracket is this tight, relatively.
const RELATIVE_TOLERANCE: f64 = 1e-6;

/// One option against the reference.
#[derive(Debug, Clone, PartialEq)]
pub struct BreakEven {
    pub option: String,
    /// The first on-demand option.
    pub vs: String,
    /// Requests per month above which the option stays cheaper; `None` = never in range.
    pub requests_per_month: Option<f64>,
    /// The same volume in million billed tokens per month.
    pub mtok_per_month: Option<f64>,
    /// True when it is cheaper across the whole range (the volume is then the bottom of the range).
    pub everywhere: bool,
}

/// A volume at which the cheapest option changes.
#[derive(Debug, Clone, PartialEq)]
pub struct CheapestChange {
    pub requests_per_month: f64,
    pub mtok_per_month: f64,
    pub from: String,
    pub to: String,
}

/// Break-even results of a scenario.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Analysis {
    pub breakeven: Vec<BreakEven>,
    pub cheapest: Vec<CheapestChange>,
    /// Cheapest option at the bottom of the range.
    pub cheapest_at_bottom: Option<String>,
    /// The grid: requests per month at each point.
    pub grid_requests: Vec<f64>,
    /// Month-1 cost of each option (that serves all traffic) at each grid point.
    pub curves: Vec<(String, Vec<f64>)>,
}

/// The last point in `lo..hi` (scale factors) where `same(x)` stops holding, assuming it holds at
/// `lo` and not at `hi`: sub-sample the interval, then bisect the last sub-interval that flips.
pub fn last_change(lo: f64, hi: f64, same: impl Fn(f64) -> bool) -> f64 {
    let step = (hi / lo).powf(1.0 / SUBSAMPLES as f64);
    let mut a = lo;
    for i in (1..SUBSAMPLES).rev() {
        let x = lo * step.powi(i as i32);
        if same(x) {
            a = x;
            break;
        }
    }
    let mut b = (a * step).min(hi);
    while b / a - 1.0 > RELATIVE_TOLERANCE {
        let mid = (a * b).sqrt();
        if same(mid) { a = mid } else { b = mid }
    }
    b
}

/// Month-1 cost of each option at scale factor `x`.
fn costs(ctx: &Context, options: &[&OptionKind], x: f64) -> Vec<f64> {
    let load = ctx.load.month(ctx.base_requests * x);
    options.iter().map(|o| ctx.option_months(o, std::slice::from_ref(&load))[0].cost_usd).collect()
}

/// `a` is cheaper than `b` by more than rounding: an option that buys nothing and bills all
/// its traffic on demand costs the same as on demand, computed along another path.
fn cheaper_than(a: f64, b: f64) -> bool {
    a < b - 1e-9 * b.abs() - 1e-12
}

/// The cheapest option; ties go to the earlier one in the scenario.
fn argmin(costs: &[f64]) -> usize {
    (0..costs.len()).fold(0, |best, i| if cheaper_than(costs[i], costs[best]) { i } else { best })
}

/// Break-even of every option that serves all traffic, against the first on-demand option.
pub fn analyse(ctx: &Context, options: &[(String, &OptionKind)]) -> Analysis {
    let kinds: Vec<&OptionKind> = options.iter().map(|(_, k)| *k).collect();
    let Some(reference) = kinds.iter().position(|k| matches!(k, OptionKind::OnDemand { .. })) else {
        return Analysis::default();
    };
    let n = (PER_DECADE as f64 * (RANGE.1 / RANGE.0).log10()).round() as usize;
    let grid: Vec<f64> = (0..=n).map(|i| RANGE.0 * (RANGE.1 / RANGE.0).powf(i as f64 / n as f64)).collect();
    let table: Vec<Vec<f64>> = grid.iter().map(|&x| costs(ctx, &kinds, x)).collect();
    let volume = |x: f64| ctx.base_requests * x;
    let mtok = |x: f64| volume(x) * ctx.mix.billed() / 1e6;
    let cheaper = |o: usize, x: f64| {
        let c = costs(ctx, &[kinds[o], kinds[reference]], x);
        cheaper_than(c[0], c[1])
    };
    let mut out = Analysis::default();
    for (o, (name, _)) in options.iter().enumerate() {
        if o == reference {
            continue;
        }
        let is_cheaper = |i: usize| cheaper_than(table[i][o], table[i][reference]);
        let (requests, everywhere) = if !is_cheaper(n) {
            (None, false)
        } else {
            match (0..=n).rev().find(|&i| !is_cheaper(i)) {
                None => (Some(grid[0]), true),
                Some(i) => (Some(last_change(grid[i], grid[i + 1], |x| !cheaper(o, x))), false),
            }
        };
        out.breakeven.push(BreakEven {
            option: name.clone(),
            vs: options[reference].0.clone(),
            requests_per_month: requests.map(volume),
            mtok_per_month: requests.map(mtok),
            everywhere,
        });
    }
    out.grid_requests = grid.iter().map(|&x| volume(x)).collect();
    out.curves =
        options.iter().enumerate().map(|(o, (name, _))| (name.clone(), table.iter().map(|c| c[o]).collect())).collect();
    let winners: Vec<usize> = table.iter().map(|c| argmin(c)).collect();
    out.cheapest_at_bottom = Some(options[winners[0]].0.clone());
    for i in 0..n {
        // Walk every change inside the interval, so each change starts where the last one ended.
        let (mut lo, mut from) = (grid[i], winners[i]);
        while from != winners[i + 1] {
            let x = last_change(lo, grid[i + 1], |x| argmin(&costs(ctx, &kinds, x)) == from);
            let to = argmin(&costs(ctx, &kinds, x));
            out.cheapest.push(CheapestChange {
                requests_per_month: volume(x),
                mtok_per_month: mtok(x),
                from: options[from].0.clone(),
                to: options[to].0.clone(),
            });
            if x >= grid[i + 1] || to == from {
                break;
            }
            (lo, from) = (x, to);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crossover_at_a_step_of_a_staircase_is_found_exactly() {
        // Capacity in whole units at $1 each, ceil(x), against on demand at 1.5·x:
        // on (2/3, 1] one unit ($1) is cheaper than 1.5x; just past x = 1 the staircase jumps to $2
        // while on demand is $1.50, so the cheapest option changes exactly at the step x = 1.
        let staircase_cheaper = |x: f64| x.ceil() < 1.5 * x;
        let x = last_change(0.9, 1.2, staircase_cheaper);
        assert!((x - 1.0).abs() <= 1e-6, "{x}");
    }

    #[test]
    fn the_last_of_several_flips_in_an_interval_wins() {
        // Holds on [1, 1.2], not on (1.2, 1.3], holds again on (1.3, 1.7], not after: the answer is 1.7.
        let x = last_change(1.0, 2.0, |x| !(x > 1.2 && x <= 1.3) && x <= 1.7);
        assert!((x / 1.7 - 1.0).abs() <= 1e-6, "{x}");
    }

    #[test]
    fn linear_against_a_fixed_fee_crosses_at_the_ratio() {
        // A $1,000 flat fee vs $0.002 per request: equal at 500,000 requests.
        let x = last_change(1e5, 1e6, |v| 1000.0 >= 0.002 * v);
        assert!((x / 500_000.0 - 1.0).abs() <= 1e-6, "{x}");
    }
}
