//! A legend laid out in rows under a chart's panels (the self-hosting and latency charts): each
//! entry a sample and its words, wrapped to the width given.
use super::FAMILY;
use plotters::coord::Shift;
use plotters::prelude::*;

type Error = Box<dyn std::error::Error>;

/// Pixels of a sample, the gap after it, between entries, of a row, and of the padding.
pub const SAMPLE: i32 = 30;
pub const GAP: i32 = 6;
pub const SPACING: i32 = 24;
pub const ROW: i32 = 22;
pub const PAD: i32 = 8;
/// Point size of the legend's words.
pub const FONT: u32 = 14;

/// Each entry's top-left corner relative to the legend's, in rows no wider than `width`.
pub fn positions<DB: DrawingBackend, S>(
    root: &DrawingArea<DB, Shift>,
    entries: &[(S, String)],
    width: i32,
) -> Result<Vec<(i32, i32)>, Error>
where
    DB::ErrorType: 'static,
{
    let font: TextStyle = (FAMILY, FONT).into();
    let (mut x, mut y) = (PAD, PAD);
    let mut out = Vec::with_capacity(entries.len());
    for (_, text) in entries {
        let w = SAMPLE + GAP + root.estimate_text_size(text, &font)?.0 as i32;
        if x > PAD && x + w > width - PAD {
            (x, y) = (PAD, y + ROW);
        }
        out.push((x, y));
        x += w + SPACING;
    }
    Ok(out)
}

/// The legend's height in pixels at `width`.
pub fn height<DB: DrawingBackend, S>(
    root: &DrawingArea<DB, Shift>,
    entries: &[(S, String)],
    width: i32,
) -> Result<i32, Error>
where
    DB::ErrorType: 'static,
{
    let rows = positions(root, entries, width)?.last().map_or(0, |p| (p.1 - PAD) / ROW + 1);
    Ok(rows * ROW + 2 * PAD - 4)
}

/// Draws the legend in `area`: its frame, then each entry's sample (drawn by `sample`, `SAMPLE`
/// pixels wide, its left end at the point given) and its words; returns the box.
pub fn draw<DB: DrawingBackend, S: Copy>(
    root: &DrawingArea<DB, Shift>,
    entries: &[(S, String)],
    area: super::place::Rect,
    sample: impl Fn(&DrawingArea<DB, Shift>, S, (i32, i32)) -> Result<(), Error>,
) -> Result<super::place::Rect, Error>
where
    DB::ErrorType: 'static,
{
    root.draw(&Rectangle::new([(area.x0, area.y0), (area.x1, area.y1)], RGBColor(180, 180, 180).stroke_width(1)))?;
    let font: TextStyle = (FAMILY, FONT).into();
    for ((s, text), (x, y)) in entries.iter().zip(positions(root, entries, area.x1 - area.x0)?) {
        let (x, y) = (area.x0 + x, area.y0 + y);
        sample(root, *s, (x, y + FONT as i32 / 2 + 1))?;
        root.draw(&Text::new(text.clone(), (x + SAMPLE + GAP, y), font.clone()))?;
    }
    Ok(area)
}
