//! Series that coincide. An option that buys no capacity costs exactly what on demand costs, and
//! its line would hide the on-demand line; the charts find such pairs here and draw the later
//! series so both stay visible (dashed over the earlier line, markers nudged, "(same as …)").

/// Two values within this relative distance are the same point on any chart.
const TOLERANCE: f64 = 1e-9;
/// Share of the points two series must share to read as one line "over most of the range".
const MOST: f64 = 0.5;

/// `a` and `b` are the same value within [`TOLERANCE`], relative to the larger.
pub(crate) fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= TOLERANCE * a.abs().max(b.abs())
}

/// Where two series coincide.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Span {
    /// At every point.
    Everywhere,
    /// From the first point up to and including point `k`, apart after it.
    UpTo(usize),
    /// From point `k` to the last, apart before it.
    From(usize),
    /// At most points, but not in one run from either end.
    Mostly,
}

/// A series that lies on an earlier one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Coincidence {
    /// Index of the earlier series it lies on (the first of its group).
    pub with: usize,
    /// 1 for the first series on `with`, 2 for the next, …: how far to nudge its markers.
    pub rank: usize,
    pub span: Span,
}

/// Where `b` coincides with `a`, if at most points (`None` for series of different lengths).
pub(crate) fn span(a: &[f64], b: &[f64]) -> Option<Span> {
    if a.len() != b.len() || a.is_empty() {
        return None;
    }
    let equal: Vec<bool> = a.iter().zip(b).map(|(x, y)| same(*x, *y)).collect();
    let count = equal.iter().filter(|e| **e).count();
    if (count as f64) < MOST * a.len() as f64 {
        return None;
    }
    let changes = equal.windows(2).filter(|w| w[0] != w[1]).count();
    Some(match (count == a.len(), changes, equal[0]) {
        (true, _, _) => Span::Everywhere,
        (false, 1, true) => Span::UpTo(count - 1),
        (false, 1, false) => Span::From(a.len() - count),
        _ => Span::Mostly,
    })
}

/// For each series, the earlier series it lies on, if any. A series lies on the first earlier
/// series that is not itself lying on another, so three equal lines form one group.
pub(crate) fn coincidences(series: &[&[f64]]) -> Vec<Option<Coincidence>> {
    let mut found: Vec<Option<Coincidence>> = Vec::with_capacity(series.len());
    for (i, s) in series.iter().enumerate() {
        let hit = (0..i).filter(|&j| found[j].is_none()).find_map(|j| span(series[j], s).map(|sp| (j, sp)));
        found.push(hit.map(|(with, span)| Coincidence {
            with,
            rank: 1 + found.iter().flatten().filter(|c| c.with == with).count(),
            span,
        }));
    }
    found
}

/// Series in the group led by `i` (itself included): 1 when nothing lies on it.
pub(crate) fn group_size(found: &[Option<Coincidence>], i: usize) -> usize {
    1 + found.iter().flatten().filter(|c| c.with == i).count()
}

/// What the legend adds to a series lying on `with_name`; `at` names point `k` on the x axis.
pub(crate) fn suffix(c: &Coincidence, with_name: &str, at: impl Fn(usize) -> String) -> String {
    match c.span {
        Span::Everywhere => format!(" (same as {with_name})"),
        Span::UpTo(k) => format!(" (same as {with_name} up to {})", at(k)),
        Span::From(k) => format!(" (same as {with_name} from {})", at(k)),
        Span::Mostly => format!(" (same as {with_name} at most points)"),
    }
}

/// Pixels to move the markers of the series at `rank` along x so every shape of a group shows:
/// 0, +10, −10, +20, −20, …
pub(crate) fn nudge(rank: usize) -> i32 {
    let step = 10 * rank.div_ceil(2) as i32;
    if rank % 2 == 1 { step } else { -step }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_series_coincide_everywhere() {
        // Same cost along another path: differs in the 12th significant digit only.
        let a = [10.0, 20.0, 40.0];
        let b = [10.0, 20.000_000_000_01, 40.0];
        assert_eq!(span(&a, &b), Some(Span::Everywhere));
        assert_eq!(coincidences(&[&a, &b]), vec![None, Some(Coincidence { with: 0, rank: 1, span: Span::Everywhere })]);
    }

    #[test]
    fn one_differing_point_is_not_everywhere() {
        let a = [10.0, 20.0, 40.0, 80.0];
        // 1e-6 relative: a real difference, well above the tolerance.
        let b = [10.0, 20.0, 40.0, 80.000_08];
        assert_eq!(span(&a, &b), Some(Span::UpTo(2)));
        let c = [10.5, 20.0, 40.0, 80.0];
        assert_eq!(span(&a, &c), Some(Span::From(1)));
        let d = [10.0, 21.0, 40.0, 80.0, 160.0];
        assert_eq!(span(&[10.0, 20.0, 40.0, 80.0, 170.0], &d), Some(Span::Mostly));
    }

    #[test]
    fn series_apart_at_most_points_do_not_coincide() {
        // Equal at 1 point in 4: below half.
        assert_eq!(span(&[1.0, 2.0, 3.0, 4.0], &[1.0, 2.5, 3.5, 4.5]), None);
        assert_eq!(span(&[1.0, 2.0], &[1.0, 2.0, 3.0]), None);
        assert_eq!(coincidences(&[&[1.0, 2.0], &[3.0, 4.0]]), vec![None, None]);
    }

    #[test]
    fn three_equal_lines_form_one_group() {
        let a = [5.0, 6.0];
        let found = coincidences(&[&a, &[1.0, 1.0], &a, &a]);
        assert_eq!(found[2], Some(Coincidence { with: 0, rank: 1, span: Span::Everywhere }));
        assert_eq!(found[3], Some(Coincidence { with: 0, rank: 2, span: Span::Everywhere }));
        assert_eq!(group_size(&found, 0), 3);
        assert_eq!(group_size(&found, 1), 1);
    }

    #[test]
    fn legend_suffix_and_nudge() {
        let c = Coincidence { with: 0, rank: 1, span: Span::UpTo(3) };
        assert_eq!(suffix(&c, "od", |k| format!("month {}", k + 1)), " (same as od up to month 4)");
        let c = Coincidence { span: Span::Everywhere, ..c };
        assert_eq!(suffix(&c, "od", |_| String::new()), " (same as od)");
        assert_eq!([nudge(0), nudge(1), nudge(2), nudge(3)], [0, 10, -10, 20]);
    }
}
