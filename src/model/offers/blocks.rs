//! Commitment blocks (docs/model.md#commitment-blocks): one capacity level per block of months, sized to the
//! block's peak, to a fixed amount, or to the level that minimises the block's cost.
use crate::model::traffic::load::smallest_minimiser;
use std::cell::RefCell;

/// How a capacity level is chosen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Sizing {
    /// The largest peak level of the block.
    Peak,
    /// The level minimising the block's cost (ties take the smaller level).
    Optimal,
    /// A fixed level.
    Fixed(u64),
}

/// The level of each month, deciding once per block of `block` months (the last block may be
/// shorter when the horizon ends first).
///
/// `peak(m)` is month m's peak level; `cost(level, m)` month m's cost at that level, convex in
/// the level on `floor..=peak` (below `floor` every level ≥ 1 buys the same capacity, so only
/// 0 and `floor` are candidates there).
pub fn plan(
    months: usize,
    block: usize,
    sizing: Sizing,
    floor: u64,
    peak: impl Fn(usize) -> u64,
    cost: impl Fn(u64, usize) -> f64,
) -> Vec<u64> {
    let mut levels = Vec::with_capacity(months);
    for start in (0..months).step_by(block.max(1)) {
        let range = start..(start + block).min(months);
        let block_peak = range.clone().map(&peak).max().unwrap_or(0);
        let level = match sizing {
            Sizing::Peak => block_peak,
            Sizing::Fixed(n) => n,
            Sizing::Optimal => {
                // Each level's total once: the search revisits levels (its f(m + 1) is often
                // the next step's f(m)), and the best level is compared with none after it.
                let seen = RefCell::new(Vec::<(u64, f64)>::new());
                let total = |k: u64| {
                    if let Some(&(_, t)) = seen.borrow().iter().find(|(l, _)| *l == k) {
                        return t;
                    }
                    let t = range.clone().map(|m| cost(k, m)).sum::<f64>();
                    seen.borrow_mut().push((k, t));
                    t
                };
                let lo = floor.max(1).min(block_peak);
                let best = smallest_minimiser(lo, block_peak.max(lo), total);
                if total(0) <= total(best) + 1e-9 * total(best).abs().max(1.0) { 0 } else { best }
            }
        };
        levels.extend(range.map(|_| level));
    }
    levels
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_month_blocks_are_sized_on_their_busiest_month() {
        // Peaks grow 1..=12 by month; 6-month blocks take months 6 and 12: levels 6 ×6 then 12 ×6.
        let levels = plan(12, 6, Sizing::Peak, 0, |m| m as u64 + 1, |_, _| 0.0);
        assert_eq!(levels, [6, 6, 6, 6, 6, 6, 12, 12, 12, 12, 12, 12]);
        // Monthly blocks follow each month; a horizon of 8 with 6-month blocks ends in a short block.
        assert_eq!(plan(3, 1, Sizing::Peak, 0, |m| 10 - m as u64, |_, _| 0.0), [10, 9, 8]);
        assert_eq!(plan(8, 6, Sizing::Peak, 0, |m| m as u64, |_, _| 0.0), [5, 5, 5, 5, 5, 5, 7, 7]);
    }

    #[test]
    fn optimal_minimises_the_block_total_and_prefers_fewer_units_on_ties() {
        // cost(k) = 10k + 25·max(0, 3 − k) per month: k=0 → 75, 1 → 60, 2 → 45, 3 → 30, 4 → 40.
        let cost = |k: u64, _m: usize| 10.0 * k as f64 + 25.0 * (3.0 - k as f64).max(0.0);
        assert_eq!(plan(2, 1, Sizing::Optimal, 0, |_| 5, cost), [3, 3]);
        // With overflow at exactly the unit price (10), every k in 0..=3 ties at 30: take 0.
        let tie = |k: u64, _m: usize| 10.0 * k as f64 + 10.0 * (3.0 - k as f64).max(0.0);
        assert_eq!(plan(1, 1, Sizing::Optimal, 0, |_| 5, tie), [0]);
    }

    #[test]
    fn below_the_floor_only_zero_or_the_floor_are_candidates() {
        // Levels 1..=4 buy the same minimum capacity (floor 4): cost 100 each; none: 150 of overflow.
        let cost = |k: u64, _m: usize| {
            if k == 0 {
                150.0
            } else if k <= 4 {
                100.0
            } else {
                100.0 + 30.0 * (k - 4) as f64
            }
        };
        assert_eq!(plan(1, 1, Sizing::Optimal, 4, |_| 9, cost), [4]);
        assert_eq!(plan(1, 1, Sizing::Fixed(2), 4, |_| 9, cost), [2]);
    }
}
