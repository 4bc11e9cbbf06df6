//! Break-even (docs/model.md#break-even): month-1 cost of every eligible option as the volume is
//! scaled over a log range; where each option starts to beat the cheapest eligible on-demand
//! option for good, and where the cheapest option changes.
use crate::model::Context;
use crate::model::offers::services::Services;
use crate::model::traffic::load::MonthLoad;
use crate::scenario::OptionKind;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::HashMap;

/// Scale factors on the scenario's volume: 10^-3 … 10^3.
pub const RANGE: (f64, f64) = (1e-3, 1e3);
/// Grid points per decade. Costs are staircases; crossings between grid points are found by the
/// certified refinement of [`last_not_cheaper`] and [`cheapest_changes`].
const PER_DECADE: usize = 60;
/// Bisection stops when the bracket is this tight, relatively.
const RELATIVE_TOLERANCE: f64 = 1e-6;

/// One option against the reference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BreakEven {
    pub option: String,
    /// The reference: the cheapest eligible on-demand option.
    pub vs: String,
    /// Requests per month above which the option stays cheaper; `None` = never in range.
    pub requests_per_month: Option<f64>,
    /// The same volume in million billed tokens per month.
    pub mtok_per_month: Option<f64>,
    /// True when it is cheaper across the whole range (the volume is then the bottom of the range).
    #[serde(rename = "cheaper_everywhere")]
    pub everywhere: bool,
}

/// A volume at which the cheapest option changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheapestChange {
    pub requests_per_month: f64,
    pub mtok_per_month: f64,
    pub from: String,
    pub to: String,
}

/// The cheapest eligible option over the range of volumes.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Cheapest {
    /// The range searched, requests per month.
    pub range_requests_per_month: [f64; 2],
    /// Cheapest option at the bottom of the range.
    pub at_bottom: Option<String>,
    /// Where it changes, in order of volume.
    pub changes: Vec<CheapestChange>,
}

/// Break-even results of a scenario.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Analysis {
    pub breakeven: Vec<BreakEven>,
    pub cheapest: Cheapest,
    /// The option the others are compared with: the cheapest eligible on-demand option.
    #[serde(skip)]
    pub reference: Option<String>,
    /// The grid: requests per month at each point.
    #[serde(skip)]
    pub grid_requests: Vec<f64>,
    /// Month-1 cost of each eligible option at each grid point.
    #[serde(skip)]
    pub curves: Vec<(String, Vec<f64>)>,
}

/// What is compared: an option (one part, priced on the whole scenario) or a plan (one part
/// per member, each priced on its own view of the traffic). Scaling the scenario by `x` scales
/// every part's volume by `x`.
pub struct Candidate<'a> {
    pub name: String,
    pub parts: Vec<(&'a Context, &'a OptionKind)>,
    /// An on-demand option: the cheapest one is the reference.
    pub on_demand: bool,
    /// Who sells it, when one vendor does (a plan may mix them): another vendor's capacity is
    /// compared with that vendor's own pay-as-you-go, where the scenario prices it.
    pub vendor: Option<crate::catalog::Vendor>,
    /// No part sizes its capacity to the volume (on demand, a fixed number of MUs, a fixed
    /// Reserved purchase): its cost is a fixed charge plus convex overflow, so its cost less the
    /// reference's is convex in volume and it is cheaper on one interval of volumes at most.
    pub fixed: bool,
}

/// Month-1 costs by scale factor, each (candidate, factor) priced once however many searches
/// ask for it: the searches revisit the same factors, and a capacity option's sizing is the
/// costly part.
struct Costs<'a> {
    candidates: &'a [Candidate<'a>],
    memo: RefCell<HashMap<(usize, u64), f64>>,
    /// Month-1 services at scale factor x: the same for every candidate.
    services: &'a dyn Fn(f64) -> f64,
}

impl<'a> Costs<'a> {
    fn new(candidates: &'a [Candidate<'a>], services: &'a dyn Fn(f64) -> f64) -> Self {
        Self { candidates, memo: RefCell::new(HashMap::new()), services }
    }

    /// Month-1 cost of each candidate of `which` at scale factor `x`.
    fn at(&self, which: &[usize], x: f64) -> Vec<f64> {
        let missing: Vec<usize> =
            which.iter().copied().filter(|o| !self.memo.borrow().contains_key(&(*o, x.to_bits()))).collect();
        // One load per context at this factor: the options share the scenario's.
        let mut loads: Vec<(*const Context, MonthLoad)> = Vec::new();
        for o in missing {
            let mut cost = (self.services)(x);
            for (ctx, kind) in &self.candidates[o].parts {
                let key: *const Context = *ctx;
                let i = loads.iter().position(|(c, _)| *c == key).unwrap_or_else(|| {
                    loads.push((key, ctx.load.month(ctx.base_requests * x)));
                    loads.len() - 1
                });
                cost += ctx.option_months(kind, std::slice::from_ref(&loads[i].1))[0].cost_usd;
            }
            self.memo.borrow_mut().insert((o, x.to_bits()), cost);
        }
        let memo = self.memo.borrow();
        which.iter().map(|o| memo[&(*o, x.to_bits())]).collect()
    }
}

/// `a` is cheaper than `b` by more than rounding: an option that buys nothing and bills all
/// its traffic on demand costs the same as on demand, computed along another path.
pub(in crate::model) fn cheaper_than(a: f64, b: f64) -> bool {
    a < b - 1e-9 * b.abs() - 1e-12
}

/// The cheapest option; ties go to the earlier one in the scenario.
fn argmin(costs: &[f64]) -> usize {
    (0..costs.len()).fold(0, |best, i| if cheaper_than(costs[i], costs[best]) { i } else { best })
}

/// Evaluations one search may spend refining below the grid before it settles for what it has.
const BUDGET: usize = 1_000;

/// The last scale factor in `[a, b]` where option `o` is not strictly cheaper than `r`, knowing
/// it is cheaper at `b`. Every option's cost rises with volume, so on `[a, b]` option `o` costs
/// at most `o(b)` and `r` at least `r(a)`: `o(b) < r(a)` proves `o` cheaper on the whole
/// interval. Otherwise the interval is halved, upper half first, down to 1e-6. This finds
/// crossings that fall between grid points, where a staircase steps past the reference and back.
fn last_not_cheaper(
    (a, ca): (f64, [f64; 2]),
    (b, cb): (f64, [f64; 2]),
    eval: &impl Fn(f64) -> [f64; 2],
    budget: &mut usize,
) -> Option<f64> {
    if cheaper_than(cb[0], ca[1]) {
        return None;
    }
    if b / a - 1.0 <= RELATIVE_TOLERANCE || *budget == 0 {
        return (!cheaper_than(ca[0], ca[1])).then_some(b);
    }
    *budget -= 1;
    let m = (a * b).sqrt();
    let cm = eval(m);
    last_not_cheaper((m, cm), (b, cb), eval, budget).or_else(|| last_not_cheaper((a, ca), (m, cm), eval, budget))
}

/// Where a fixed purchase starts to be cheaper inside `[a, b]`, knowing it is not cheaper at `a`
/// and cheaper at `b`: its cost less the reference's is convex (see [`Candidate::fixed`]), so
/// it changes sign once here and plain bisection on the sign finds the true crossing, not a
/// grid point, to [`CROSSING_TOLERANCE`].
fn crossing(mut a: f64, mut b: f64, eval: &impl Fn(f64) -> [f64; 2]) -> f64 {
    // Each halving of the ratio's logarithm: 64 reach any tolerance from a 3.9 % bracket.
    for _ in 0..64 {
        if b / a - 1.0 <= CROSSING_TOLERANCE {
            break;
        }
        let m = (a * b).sqrt();
        let [o, r] = eval(m);
        if cheaper_than(o, r) { b = m } else { a = m }
    }
    b
}

/// A fixed purchase's crossing is narrowed to this relative width.
const CROSSING_TOLERANCE: f64 = 1e-10;

/// Appends the changes of the cheapest option inside `[a, b]`, in order. The winner at `a` is
/// proven to hold when no other option can undercut it: another option costs at least its cost
/// at `a` throughout, the winner at most its cost at `b`. Options that cost the same as the
/// winner at both ends (an "optimal" purchase of nothing is on-demand) count as tied.
fn cheapest_changes(
    (a, ca): (f64, &[f64]),
    (b, cb): (f64, &[f64]),
    eval: &impl Fn(f64) -> Vec<f64>,
    budget: &mut usize,
    out: &mut Vec<(f64, usize, usize)>,
) {
    let (wa, wb) = (argmin(ca), argmin(cb));
    let same = |x: f64, y: f64| !cheaper_than(x, y) && !cheaper_than(y, x);
    let holds = wa == wb
        && (0..ca.len())
            .all(|j| j == wa || (same(ca[j], ca[wa]) && same(cb[j], cb[wa])) || !cheaper_than(ca[j], cb[wa]));
    if holds {
        return;
    }
    if b / a - 1.0 <= RELATIVE_TOLERANCE || *budget == 0 {
        if wa != wb {
            out.push((b, wa, wb));
        }
        return;
    }
    *budget -= 1;
    let m = (a * b).sqrt();
    let cm = eval(m);
    cheapest_changes((a, ca), (m, &cm), eval, budget, out);
    cheapest_changes((m, &cm), (b, cb), eval, budget, out);
}

/// Break-even of every eligible option and plan against the cheapest eligible on-demand option
/// (`options` holds the eligible ones only). Every candidate carries the services: per-request
/// ones scale with the volume, the others stay fixed, so they move no crossing.
pub fn analyse(ctx: &Context, options: &[Candidate], services: &Services) -> Analysis {
    let mut out = Analysis::default();
    out.cheapest.range_requests_per_month = [ctx.base_requests * RANGE.0, ctx.base_requests * RANGE.1];
    if options.is_empty() {
        return out;
    }
    let at = |x: f64| services.month_usd(1, ctx.base_requests * x);
    let costs = Costs::new(options, &at);
    let all: Vec<usize> = (0..options.len()).collect();
    let grid = Grid::priced(&costs, &all);
    let volume = |x: f64| ctx.base_requests * x;
    let mtok = |x: f64| volume(x) * ctx.mix.billed() / 1e6;
    let reference = reference(options, grid.top(), |_| true);
    out.reference = reference.map(|r| options[r].name.clone());
    if let Some(reference) = reference {
        for (o, Candidate { name, fixed, .. }) in options.iter().enumerate().filter(|(o, _)| *o != reference) {
            let reference = own_vendor(options, o, grid.top()).unwrap_or(reference);
            if reference == o {
                continue;
            }
            let (requests, everywhere) = grid.break_even(&costs, o, reference, *fixed);
            out.breakeven.push(BreakEven {
                option: name.clone(),
                vs: options[reference].name.clone(),
                requests_per_month: requests.map(volume),
                mtok_per_month: requests.map(mtok),
                everywhere,
            });
        }
    }
    out.grid_requests = grid.factors.iter().map(|&x| volume(x)).collect();
    out.curves =
        options.iter().enumerate().map(|(o, c)| (c.name.clone(), grid.costs.iter().map(|t| t[o]).collect())).collect();
    out.cheapest.at_bottom = Some(options[argmin(&grid.costs[0])].name.clone());
    out.cheapest.changes = grid
        .cheapest_changes(&costs, &all)
        .into_iter()
        .map(|(x, from, to)| CheapestChange {
            requests_per_month: volume(x),
            mtok_per_month: mtok(x),
            from: options[from].name.clone(),
            to: options[to].name.clone(),
        })
        .collect();
    out
}

/// The cheapest on-demand candidate (docs/model.md#break-even), as `Context::reference` picks
/// it: on-demand costs are proportional to volume, so the costs at the top of the range (`top`)
/// order them.
fn reference(options: &[Candidate], top: &[f64], among: impl Fn(&Candidate) -> bool) -> Option<usize> {
    (0..options.len()).filter(|&o| options[o].on_demand && among(&options[o])).fold(None, |best, o| match best {
        Some(b) if !cheaper_than(top[o], top[b]) => Some(b),
        _ => Some(o),
    })
}

/// What bought capacity is compared with: the cheapest of its own vendor's on-demand options
/// (docs/model.md#capacity-units), which is the scenario's reference when that is the vendor's;
/// `None` for on demand, for plans and when the scenario prices none of that vendor's on demand.
fn own_vendor(options: &[Candidate], o: usize, top: &[f64]) -> Option<usize> {
    let vendor = options[o].vendor.filter(|_| !options[o].on_demand)?;
    reference(options, top, |c| c.vendor == Some(vendor))
}

/// The scale factors searched, [`PER_DECADE`] a decade across [`RANGE`], and every candidate's
/// month-1 cost at each.
struct Grid {
    factors: Vec<f64>,
    /// `costs[i][o]`: candidate `o` at `factors[i]`.
    costs: Vec<Vec<f64>>,
}

impl Grid {
    fn priced(costs: &Costs, all: &[usize]) -> Grid {
        let n = (PER_DECADE as f64 * (RANGE.1 / RANGE.0).log10()).round() as usize;
        let factors: Vec<f64> = (0..=n).map(|i| RANGE.0 * (RANGE.1 / RANGE.0).powf(i as f64 / n as f64)).collect();
        let costs = factors.iter().map(|&x| costs.at(all, x)).collect();
        Grid { factors, costs }
    }

    /// Every candidate's cost at the top of the range.
    fn top(&self) -> &[f64] {
        &self.costs[self.costs.len() - 1]
    }

    /// The scale factor above which option `o` stays cheaper than `reference`, and whether it is
    /// cheaper across the whole range (the factor is then the bottom of the range); `None` when
    /// it is not cheaper at the top.
    fn break_even(&self, costs: &Costs, o: usize, reference: usize, fixed: bool) -> (Option<f64>, bool) {
        let (grid, table) = (&self.factors, &self.costs);
        let n = grid.len() - 1;
        if !cheaper_than(table[n][o], table[n][reference]) {
            return (None, false);
        }
        let pair = |i: usize| [table[i][o], table[i][reference]];
        let eval = |x: f64| {
            let c = costs.at(&[o, reference], x);
            [c[0], c[1]]
        };
        let found = if fixed {
            // Cheaper on one interval of volumes, which reaches the top: it starts after the
            // last grid point where the option is not cheaper.
            (0..n)
                .rev()
                .find(|&i| !cheaper_than(table[i][o], table[i][reference]))
                .map(|i| crossing(grid[i], grid[i + 1], &eval))
        } else {
            let mut budget = BUDGET;
            (0..n)
                .rev()
                .find_map(|i| last_not_cheaper((grid[i], pair(i)), (grid[i + 1], pair(i + 1)), &eval, &mut budget))
        };
        match found {
            None => (Some(grid[0]), true),
            Some(x) => (Some(x), false),
        }
    }

    /// Where the cheapest of all candidates changes, in order of volume: (factor, from, to).
    fn cheapest_changes(&self, costs: &Costs, all: &[usize]) -> Vec<(f64, usize, usize)> {
        let (grid, table) = (&self.factors, &self.costs);
        let eval = |x: f64| costs.at(all, x);
        let mut budget = BUDGET * 4;
        let mut changes = Vec::new();
        for i in 0..grid.len() - 1 {
            cheapest_changes((grid[i], &table[i]), (grid[i + 1], &table[i + 1]), &eval, &mut budget, &mut changes);
        }
        changes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cheapest_option_changes_exactly_at_a_step_of_a_staircase() {
        // Capacity in whole units at $1 each, ceil(x), against on demand at 1.5·x: on (2/3, 1] one
        // unit ($1) is cheaper than 1.5x; just past x = 1 the staircase jumps to $2 while on demand
        // is $1.50, so the cheapest option changes exactly at the step x = 1.
        let eval = |x: f64| vec![x.ceil(), 1.5 * x];
        let mut out = Vec::new();
        let mut budget = BUDGET;
        cheapest_changes((0.9, &eval(0.9)), (1.2, &eval(1.2)), &eval, &mut budget, &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        let (x, from, to) = out[0];
        assert_eq!((from, to), (0, 1));
        assert!((x - 1.0).abs() <= 1e-6, "{x}");
    }

    #[test]
    fn crossings_between_grid_points_are_found() {
        // A staircase of $0.02 steps, 0.02·ceil(x/0.02), against on demand at 1.01·x. Just past a
        // step s it costs s + 0.02, which on demand only exceeds once 1.01x > s + 0.02; such a
        // window exists while (s + 0.02)/1.01 > s, i.e. for steps s < 2. The last one is s = 1.98,
        // so the staircase is cheaper for good above 2.00/1.01 = 1.980198. The windows are 1 % wide
        // or less, narrower than a 3.9 % grid cell: only the certified search sees them.
        let eval = |x: f64| [0.02 * (x / 0.02).ceil(), 1.01 * x];
        let mut budget = BUDGET;
        let x = last_not_cheaper((1.5, eval(1.5)), (3.0, eval(3.0)), &eval, &mut budget).unwrap();
        assert!((x / (2.0 / 1.01) - 1.0).abs() <= 2e-6, "{x}");
    }

    #[test]
    fn an_interval_proven_cheaper_costs_no_evaluations() {
        // Option $1 flat vs on demand 10·x on [1, 2]: option at most $1, on demand at least $10.
        let eval = |_: f64| -> [f64; 2] { panic!("no evaluation needed") };
        let mut budget = BUDGET;
        assert_eq!(last_not_cheaper((1.0, [1.0, 10.0]), (2.0, [1.0, 20.0]), &eval, &mut budget), None);
    }
}
