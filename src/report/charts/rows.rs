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
