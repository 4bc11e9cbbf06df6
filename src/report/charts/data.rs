//! What each chart shows, decided before anything is drawn: which lines the monthly chart leaves
//! off its scale, which month the load chart shows, each option's cost relative to the
//! reference. Plain numbers in, decisions out, so each rule is tested apart from the drawing.

/// A line costing more than this many times the cheapest eligible line in every month is left
/// off the monthly chart (and named in its legend): never within reach of the cheapest, it would
/// only stretch the axis and flatten the lines that compete.
pub const OFF_SCALE: f64 = 2.0;

/// The relative break-even chart's axis stops at this many times the reference's cost: above
/// it an option is not in the running, and a taller axis would merge the ones within 10 %.
pub const RELATIVE_CAP: f64 = 2.0;

/// For each line (its costs month by month), true when it costs more than [`OFF_SCALE`] times
/// the cheapest eligible line in every month. The yardstick is the cheapest *eligible* line (a
/// batch tier that cannot serve live traffic is no yardstick), or the cheapest of all when none
/// is eligible; a month whose cheapest line costs nothing hides nothing.
pub fn off_scale(costs: &[Vec<f64>], eligible: &[bool]) -> Vec<bool> {
    let any_eligible = eligible.iter().any(|e| *e);
    let months = costs.iter().map(Vec::len).min().unwrap_or(0);
    let cheapest: Vec<f64> = (0..months)
        .map(|m| {
            let yardsticks = costs.iter().zip(eligible).filter(|(_, e)| **e || !any_eligible);
            yardsticks.map(|(c, _)| c[m]).fold(f64::INFINITY, f64::min)
        })
        .collect();
    costs
        .iter()
        .map(|c| months > 0 && (0..months).all(|m| cheapest[m] > 0.0 && c[m] > OFF_SCALE * cheapest[m]))
        .collect()
}

/// `curve` ÷ `reference`, point by point; `None` where the reference costs nothing.
pub fn relative(curve: &[f64], reference: &[f64]) -> Vec<Option<f64>> {
    curve.iter().zip(reference).map(|(c, r)| (*r > 0.0).then(|| c / r)).collect()
}

/// The y range of the relative chart over every ratio drawn: from a little under the lowest
/// (never below 0) to a little over the highest, the top held at [`RELATIVE_CAP`]; always
/// showing 1 (the reference itself).
pub fn relative_range(ratios: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = ratios.filter(|r| r.is_finite()).fold((1.0f64, 1.0f64), |(lo, hi), r| (lo.min(r), hi.max(r)));
    let hi = hi.min(RELATIVE_CAP);
    let pad = (hi - lo) * 0.05;
    ((lo - pad).max(0.0), hi + pad)
}

/// The month (0-based) under most stress, and whether it was judged against limits.
///
/// `peaks[m][s]` and `means[m][s]` are month `m`'s peak and mean requests per minute in hour
/// slot `s`; `limits[l][m][s]` the requests per minute limit `l` (a bought capacity or a quota)
/// admits there. Stress is the highest peak ÷ limit over every slot and limit; a limit of 0
/// (nothing bought) is no line to meet. With no limit, the highest peak. Peaks are whole
/// arrivals, so months tie: the higher mean load (the same ratio, or the highest mean) breaks
/// the tie, then the earliest month (a flat scenario shows month 1).
pub fn stressed_month(peaks: &[Vec<f64>], means: &[Vec<f64>], limits: &[Vec<Vec<f64>>]) -> (usize, bool) {
    let against = |load: &[Vec<f64>], m: usize| -> Option<f64> {
        let ratios = limits.iter().flat_map(|l| l[m].iter().zip(&load[m]).filter(|(c, _)| **c > 0.0));
        ratios.map(|(c, v)| v / c).fold(None, |best, r| Some(best.map_or(r, |b: f64| b.max(r))))
    };
    let limited = (0..peaks.len()).any(|m| against(peaks, m).is_some());
    let stress = |load: &[Vec<f64>], m: usize| {
        if limited { against(load, m).unwrap_or(0.0) } else { load[m].iter().copied().fold(0.0, f64::max) }
    };
    let above = |a: f64, b: f64| a > b * (1.0 + 1e-9);
    let mut best = 0;
    for m in 1..peaks.len() {
        let (p, q) = (stress(peaks, m), stress(means, m));
        let (bp, bq) = (stress(peaks, best), stress(means, best));
        if above(p, bp) || (!above(bp, p) && above(q, bq)) {
            best = m;
        }
    }
    (best, limited)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_over_three_times_the_cheapest_every_month_are_off_scale() {
        // Cheapest eligible: 10 then 12. Line 1 is over 20 and 24 in both months: off scale.
        // Line 2 is 21 > 20 but 24 = 2 × 12 is not over: shown. Line 3 is ineligible and cheaper
        // (2, 2): no yardstick, and shown itself.
        let costs = vec![vec![10.0, 12.0], vec![21.0, 25.0], vec![21.0, 24.0], vec![2.0, 2.0]];
        assert_eq!(off_scale(&costs, &[true, true, true, false]), [false, true, false, false]);
        // Nothing eligible: the cheapest of all (2) is the yardstick.
        assert_eq!(off_scale(&costs, &[false; 4]), [true, true, true, false]);
        // A month where the cheapest costs nothing hides nothing.
        assert_eq!(off_scale(&[vec![0.0], vec![5.0]], &[true, true]), [false, false]);
        assert!(off_scale(&[], &[]).is_empty());
    }

    #[test]
    fn relative_costs_are_ratios_to_the_reference() {
        // 153,300 / 253,450 = 0.6049 (a 6-MU commitment against on demand, month 1).
        let r = relative(&[153_300.0, 5.0, 1.0], &[253_450.0, 0.0, 4.0]);
        assert!((r[0].unwrap() - 0.604_853).abs() < 1e-6, "{r:?}");
        assert_eq!(r[1], None);
        assert_eq!(r[2], Some(0.25));
    }

    #[test]
    fn the_relative_axis_shows_one_and_stops_at_twice_the_reference() {
        // 0.6 to 1 (the reference is always shown): 5 % of 0.4 = 0.02 each side.
        let (lo, hi) = relative_range([0.6, 0.9].into_iter());
        assert!((lo - 0.58).abs() < 1e-12 && (hi - 1.02).abs() < 1e-12, "{lo} {hi}");
        // A ratio of 100 (bought capacity at a tiny volume) is cut at 2: 0.5 to 2, pad 0.075.
        let (lo, hi) = relative_range([0.5, 100.0, f64::NAN].into_iter());
        assert!((lo - 0.425).abs() < 1e-12 && (hi - 2.075).abs() < 1e-12, "{lo} {hi}");
        // Never below 0.
        assert_eq!(relative_range([0.0].into_iter()).0, 0.0);
    }

    #[test]
    fn the_month_under_most_stress_is_the_highest_peak_over_its_limit() {
        // A constant quota of 100 and peaks growing 80, 90, 120: month 3 (1.2 of the quota).
        let peaks = vec![vec![80.0, 10.0], vec![90.0, 10.0], vec![120.0, 10.0]];
        let means = vec![vec![60.0, 5.0], vec![70.0, 5.0], vec![90.0, 5.0]];
        let quota = vec![vec![100.0; 2]; 3];
        assert_eq!(stressed_month(&peaks, &means, std::slice::from_ref(&quota)), (2, true));
        // A capacity bought to fit each month: 100, 100, 200 → 0.8, 0.9, 0.6; with the quota
        // too the highest ratio is still month 3's 1.2; alone it is month 2.
        let capacity = vec![vec![100.0; 2], vec![100.0; 2], vec![200.0; 2]];
        assert_eq!(stressed_month(&peaks, &means, std::slice::from_ref(&capacity)), (1, true));
        assert_eq!(stressed_month(&peaks, &means, &[capacity, quota.clone()]), (2, true));
        // The same whole peak (33 in both months, 58 quota), the mean higher in month 2
        // (21.0 against 20.7): month 2.
        let tied = vec![vec![33.0], vec![33.0]];
        let quota58 = vec![vec![vec![58.0], vec![58.0]]];
        assert_eq!(stressed_month(&tied, &[vec![20.7], vec![21.0]], &quota58), (1, true));
        // Flat: every month alike, the earliest.
        assert_eq!(stressed_month(&tied, &[vec![21.0], vec![21.0]], &quota58), (0, true));
        // No limit, or only capacities of nothing: the highest peak.
        assert_eq!(stressed_month(&peaks, &means, &[]), (2, false));
        assert_eq!(stressed_month(&peaks, &means, &[vec![vec![0.0; 2]; 3]]), (2, false));
    }
}
