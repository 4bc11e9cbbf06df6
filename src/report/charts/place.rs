//! Places labels beside the points they name, in pixels: close to the point, inside the plot,
//! clear of each other, of the markers and of anything else already drawn (legend, notes).

/// A rectangle in backend pixels, `x0 < x1`, `y0 < y1` (y grows downwards).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rect {
    pub x0: i32,
    pub y0: i32,
    pub x1: i32,
    pub y1: i32,
}

impl Rect {
    /// The rectangle of `size` with its top-left corner at `at`.
    pub fn at(at: (i32, i32), size: (i32, i32)) -> Rect {
        Rect { x0: at.0, y0: at.1, x1: at.0 + size.0, y1: at.1 + size.1 }
    }

    /// A square of half-side `r` around `p`.
    pub fn around(p: (i32, i32), r: i32) -> Rect {
        Rect { x0: p.0 - r, y0: p.1 - r, x1: p.0 + r, y1: p.1 + r }
    }

    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    #[cfg(test)]
    pub fn inside(&self, o: &Rect) -> bool {
        self.x0 >= o.x0 && self.x1 <= o.x1 && self.y0 >= o.y0 && self.y1 <= o.y1
    }

    /// The point of the rectangle nearest to `p`: where a leader line from `p` should end.
    pub fn nearest(&self, p: (i32, i32)) -> (i32, i32) {
        (p.0.clamp(self.x0, self.x1), p.1.clamp(self.y0, self.y1))
    }
}

/// Pixels between a point and its label.
const GAP: i32 = 12;
/// Rounds of candidates, each one label-height further from the point.
const ROUNDS: i32 = 8;

/// Where the label of `size` for `p` may go, nearest first: above-left, below-right, above-right,
/// below-left of the point (lines rise to the right, so above-left is usually empty).
fn candidates(p: (i32, i32), size: (i32, i32)) -> impl Iterator<Item = Rect> {
    let (w, h) = size;
    (0..ROUNDS).flat_map(move |k| {
        let d = k * (h + 4);
        let (left, right) = (p.0 - GAP - w, p.0 + GAP);
        let (above, below) = (p.1 - GAP - h - d, p.1 + GAP + d);
        [(left, above), (right, below), (right, above), (left, below)].map(|at| Rect::at(at, size))
    })
}

/// `r` moved the least distance that puts it inside `area` (it must fit).
fn inside(r: Rect, area: &Rect) -> Rect {
    let dx = (area.x0 - r.x0).max(0) - (r.x1 - area.x1).max(0);
    let dy = (area.y0 - r.y0).max(0) - (r.y1 - area.y1).max(0);
    Rect { x0: r.x0 + dx, y0: r.y0 + dy, x1: r.x1 + dx, y1: r.y1 + dy }
}

/// Where a chart put its texts and plots, so a test can check that nothing overlaps (the
/// self-hosting and latency charts).
#[derive(Debug, Default)]
pub(crate) struct Layout {
    /// Every text box drawn (title, subtitles, panel titles, labels on the plots), by what it says.
    pub texts: Vec<(String, Rect)>,
    /// The plotting area of each panel.
    pub plots: Vec<Rect>,
    pub legend: Option<Rect>,
    /// Boxes along every line and round every marker drawn on the plots.
    pub marks: Vec<Rect>,
}

/// The rectangle of each label: label `i` of `sizes[i]` names `points[i]`. Each goes to the
/// nearest candidate, moved inside `area` where it sticks out, that overlaps no earlier label,
/// no point and no obstacle; failing that, to the first candidate.
pub(crate) fn place(points: &[(i32, i32)], sizes: &[(i32, i32)], area: Rect, obstacles: &[Rect]) -> Vec<Rect> {
    let mut taken: Vec<Rect> = obstacles.to_vec();
    taken.extend(points.iter().map(|p| Rect::around(*p, 9)));
    let mut placed = Vec::with_capacity(points.len());
    for (p, size) in points.iter().zip(sizes) {
        let mut options = candidates(*p, *size).map(|r| inside(r, &area));
        let first = options.next().expect("at least one candidate");
        let free = std::iter::once(first).chain(options).find(|r| !taken.iter().any(|t| t.overlaps(r)));
        let rect = free.unwrap_or(first);
        taken.push(rect);
        placed.push(rect);
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    const AREA: Rect = Rect { x0: 0, y0: 0, x1: 1000, y1: 600 };

    #[test]
    fn a_lone_label_sits_above_left_of_its_point() {
        // Right edge 12 px left of x = 500, bottom 12 px above y = 300.
        let r = place(&[(500, 300)], &[(200, 20)], AREA, &[]);
        assert_eq!(r, vec![Rect { x0: 288, y0: 268, x1: 488, y1: 288 }]);
        assert_eq!(r[0].nearest((500, 300)), (488, 288));
    }

    #[test]
    fn close_points_get_labels_that_do_not_overlap_and_stay_near() {
        let points = [(500, 300), (505, 298), (510, 302)];
        let r = place(&points, &[(200, 20); 3], AREA, &[]);
        for i in 0..3 {
            for j in 0..i {
                assert!(!r[i].overlaps(&r[j]), "{i} and {j}: {r:?}");
            }
            let (nx, ny) = r[i].nearest(points[i]);
            // Within a few label heights of the point.
            assert!((nx - points[i].0).abs() + (ny - points[i].1).abs() < 120, "{i}: {r:?}");
        }
    }

    #[test]
    fn labels_avoid_obstacles_and_stay_inside() {
        // The legend covers the above-left spot; the label goes below-right instead.
        let legend = Rect { x0: 0, y0: 0, x1: 490, y1: 290 };
        let r = place(&[(500, 300)], &[(200, 20)], AREA, &[legend]);
        assert_eq!(r[0], Rect { x0: 512, y0: 312, x1: 712, y1: 332 });
        // Near the left edge the label moves right until it is inside, above the point still.
        let r = place(&[(30, 300)], &[(200, 20)], AREA, &[]);
        assert_eq!(r[0], Rect { x0: 0, y0: 268, x1: 200, y1: 288 });
        // Two wide labels for nearly the same point, too wide for either side: both inside,
        // apart, one above and one below.
        let r = place(&[(500, 300), (502, 301)], &[(900, 20); 2], AREA, &[]);
        assert!(r.iter().all(|r| r.inside(&AREA)) && !r[0].overlaps(&r[1]), "{r:?}");
    }
}
