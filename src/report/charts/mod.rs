//! Charts. Each is one generic `draw` over any plotters backend, rendered to SVG (a string) and
//! PNG (a file) from the same code. The font is embedded: nothing comes from the system.
mod breakeven;
mod data;
pub mod fan;
pub mod latency;
mod load;
mod monthly;
mod overlap;
mod place;
mod relative;
mod rows;
pub mod selfhost;
mod tokens;

use crate::keyword::Keyword;
use crate::model::Estimate;
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use std::path::Path;

/// Pixel size of every chart.
pub const SIZE: (u32, u32) = (1100, 640);
/// The charts of a report (docs/model.md#charts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chart {
    /// Month-1 cost of every eligible option by monthly volume.
    Breakeven,
    /// The same curves divided by the reference option's.
    BreakevenRelative,
    /// Each option's and plan's cost month by month.
    Monthly,
    /// A week of the month under most stress, against bought capacity and quotas.
    Load,
    /// Where a request's tokens go.
    Tokens,
}

impl Keyword for Chart {
    const ALL: &'static [Self] =
        &[Chart::Breakeven, Chart::BreakevenRelative, Chart::Monthly, Chart::Load, Chart::Tokens];
    /// File stems of the SVG and PNG files.
    const NAMES: &'static [&'static str] = &["breakeven", "breakeven-relative", "monthly", "load", "tokens"];
}

impl std::fmt::Display for Chart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// DejaVu Sans 2.37 (licence in assets/fonts/LICENSE-DejaVu).
static FONT: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
pub(crate) const FAMILY: &str = "sans-serif";

fn register_font() -> Result<(), String> {
    static ONCE: std::sync::OnceLock<Result<(), String>> = std::sync::OnceLock::new();
    ONCE.get_or_init(|| {
        plotters::style::register_font(FAMILY, FontStyle::Normal, FONT)
            .map_err(|_| "the embedded font could not be loaded".to_string())
    })
    .clone()
}

/// Okabe–Ito colours, distinct for colour-blind readers and in lightness for greyscale.
pub(crate) const PALETTE: [RGBColor; 7] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(0, 158, 115),   // green
    RGBColor(204, 121, 167), // purple
    RGBColor(230, 159, 0),   // orange
    RGBColor(86, 180, 233),  // sky
    RGBColor(0, 0, 0),       // black
];

/// The colour of the option at `index` in scenario order: the same in every chart.
pub(crate) fn colour(index: usize) -> RGBColor {
    PALETTE[index % PALETTE.len()]
}

/// Draws the marker of option `index` (shape differs by option, so lines read in greyscale).
pub(crate) fn marker<DB: DrawingBackend>(index: usize, at: (i32, i32)) -> DynElement<'static, DB, (i32, i32)> {
    let c = colour(index);
    match index % 5 {
        0 => Circle::new(at, 5, c.filled()).into_dyn(),
        1 => TriangleMarker::new(at, 6, c.filled()).into_dyn(),
        2 => Rectangle::new([(at.0 - 4, at.1 - 4), (at.0 + 4, at.1 + 4)], c.filled()).into_dyn(),
        3 => Cross::new(at, 5, c.stroke_width(2)).into_dyn(),
        _ => Circle::new(at, 5, c.stroke_width(2)).into_dyn(),
    }
}

/// The legend box every chart uses, at `position`, with labels of `size` pixels.
pub(crate) fn legend<'a, DB, CT>(
    chart: &mut ChartContext<'a, DB, CT>,
    position: SeriesLabelPosition,
    size: u32,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>>
where
    DB: DrawingBackend + 'a,
    CT: plotters::coord::CoordTranslate,
{
    chart
        .configure_series_labels()
        .position(position)
        .label_font((FAMILY, size))
        .background_style(WHITE.mix(0.9))
        .border_style(RGBColor(180, 180, 180))
        .draw()
}

/// Draws option `i`'s line through `points` with its marker at each of `marked`, labelled
/// `label` in the legend. A line lying on an earlier one (`rank` ≥ 1) is dashed, so the earlier
/// colour shows between its dashes, and its markers move `overlap::nudge(rank)` pixels along x
/// so both shapes show.
pub(crate) fn option_line<'a, DB, CT>(
    chart: &mut ChartContext<'a, DB, CT>,
    (i, rank): (usize, usize),
    points: &[(f64, f64)],
    marked: impl Iterator<Item = (f64, f64)>,
    label: String,
    width: u32,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>>
where
    DB: DrawingBackend + 'a,
    CT: plotters::coord::CoordTranslate<From = (f64, f64)>,
{
    let style = colour(i).stroke_width(width);
    let line = if rank == 0 {
        chart.draw_series(LineSeries::new(points.to_vec(), style))?
    } else {
        chart.draw_series(DashedLineSeries::new(points.to_vec(), 10, 8, style))?
    };
    line.label(label).legend(move |(x, y)| {
        let sample: DynElement<'static, DB, (i32, i32)> = if rank == 0 {
            PathElement::new(vec![(0, 0), (24, 0)], colour(i).stroke_width(2)).into_dyn()
        } else {
            DashedPathElement::new(vec![(0, 0), (26, 0)], 6, 4, colour(i).stroke_width(2)).into_dyn()
        };
        EmptyElement::at((x, y)) + sample + marker::<DB>(i, (12, 0))
    });
    let dx = overlap::nudge(rank);
    chart.draw_series(marked.map(|p| EmptyElement::at(p) + marker::<DB>(i, (dx, 0))))?;
    Ok(())
}

/// The box a legend of `labels` will take in the upper-left corner of `plot` (plotters puts it
/// 5 px from the corner, with 10 px margins and 30 px for the sample).
pub(crate) fn legend_box<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    plot: place::Rect,
    labels: &[String],
    size: u32,
) -> place::Rect {
    let font: TextStyle = (FAMILY, size).into();
    let widest = labels.iter().filter_map(|l| area.estimate_text_size(l, &font).ok()).map(|s| s.0).max();
    let (w, h) = (widest.unwrap_or(0) as i32 + 50, labels.len() as i32 * (size as i32 * 5 / 4) + 20);
    place::Rect::at((plot.x0 + 5, plot.y0 + 5), (w, h))
}

/// The plotting area of `chart` in backend pixels.
pub(crate) fn plot_rect<'a, DB: DrawingBackend + 'a, CT: plotters::coord::CoordTranslate>(
    chart: &ChartContext<'a, DB, CT>,
) -> place::Rect {
    let (x, y) = chart.plotting_area().get_pixel_range();
    place::Rect { x0: x.start, y0: y.start, x1: x.end, y1: y.end }
}

/// The index of an option or a plan by name: options in scenario order, then plans; one colour
/// and marker each.
pub(crate) fn option_index(e: &Estimate, name: &str) -> usize {
    e.lines().iter().position(|o| o.name == name).unwrap_or(0)
}

/// How much to stretch a linear y axis so a legend of `entries` lines fits above the data:
/// a legend line is ~22 px of a ~500 px plot, plus ~24 px of box.
pub(crate) fn legend_headroom(entries: usize) -> f64 {
    let fraction = (entries as f64 * 22.0 + 24.0) / 500.0;
    1.0 / (1.0 - fraction.min(0.6)) * 1.04
}

/// `1234567` → `1.2M`, `5000` → `5k`.
/// A long option name cut to `max` characters, with `…` where cut.
pub(crate) fn shorten(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        name.to_string()
    } else {
        format!("{}…", name.chars().take(max - 1).collect::<String>())
    }
}

pub(crate) fn short(v: f64) -> String {
    let (x, unit) = match v.abs() {
        a if a >= 1e9 => (v / 1e9, "B"),
        a if a >= 1e6 => (v / 1e6, "M"),
        a if a >= 1e3 => (v / 1e3, "k"),
        _ => (v, ""),
    };
    let s = if x.abs() >= 100.0 || x.fract() == 0.0 { format!("{x:.0}") } else { format!("{x:.1}") };
    format!("{}{unit}", s.trim_end_matches(".0"))
}

/// `$` + [`short`].
pub(crate) fn short_usd(v: f64) -> String {
    format!("${}", short(v))
}

/// What went wrong in a backend, in words: for a PNG file that could not be written, the
/// operating system's reason (`No space left on device (os error 28)`), not the backend's
/// debug text. plotters does not export its bitmap error type, and that type displays as its
/// `Debug` form (`IOError(Os { code: 28, … })`): the OS error code is read back out of it.
pub(crate) fn backend_reason(err: &dyn std::fmt::Display) -> String {
    let text = err.to_string();
    let code = text.split("Os { code: ").nth(1).and_then(|rest| {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        digits.parse::<i32>().ok()
    });
    code.map_or(text, |c| std::io::Error::from_raw_os_error(c).to_string())
}

fn draw<DB: DrawingBackend>(chart: Chart, root: &DrawingArea<DB, Shift>, e: &Estimate) -> Result<(), String>
where
    DB::ErrorType: 'static,
{
    // The one guard for every chart: an axis over a non-finite or unbounded range never ends
    // its tick search. Commands refuse such estimates first (docs/model.md#limits-of-the-results).
    let name = chart.as_str();
    if let Some(a) = crate::model::analysis::sanity::check(e) {
        return Err(format!("{name} chart: a figure of `{}` is out of bounds ({})", a.option, a.value));
    }
    root.fill(&WHITE).map_err(|err| backend_reason(&err))?;
    let result = match chart {
        Chart::Breakeven => breakeven::draw(root, e),
        Chart::BreakevenRelative => relative::draw(root, e),
        Chart::Monthly => monthly::draw(root, e),
        Chart::Load => load::draw(root, e),
        Chart::Tokens => tokens::draw(root, e),
    };
    result.map_err(|err| format!("{name} chart: {err}"))?;
    root.present().map_err(|err| backend_reason(&err))
}

/// The chart as an SVG document.
pub fn svg(chart: Chart, e: &Estimate) -> Result<String, String> {
    register_font()?;
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, SIZE).into_drawing_area();
        draw(chart, &root, e)?;
    }
    Ok(out)
}

/// Renders the chart as a PNG file at `path`.
pub fn png(chart: Chart, e: &Estimate, path: &Path) -> Result<(), String> {
    register_font()?;
    let root = BitMapBackend::new(path, SIZE).into_drawing_area();
    draw(chart, &root, e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_png_write_gives_the_os_reason() {
        // ENOSPC is 28 on Linux and macOS; before, this printed `backend error: Drawing backend
        // error: IOError(Os { code: 28, kind: StorageFull, …`.
        #[cfg(unix)]
        {
            let debug = format!("{:?}", std::io::Error::from_raw_os_error(28));
            let err = format!("backend error: Drawing backend error: IOError({debug})");
            let reason = backend_reason(&err);
            assert_eq!(crate::error::io_reason(&std::io::Error::other(reason)), "no space left on device");
        }
    }

    #[test]
    fn short_numbers_for_axes() {
        assert_eq!(short(1_500_000.0), "1.5M");
        assert_eq!(short(5_000.0), "5k");
        assert_eq!(short(250_000_000.0), "250M");
        assert_eq!(short(12.0), "12");
        assert_eq!(short_usd(43_200.0), "$43.2k");
        assert_eq!(short(2_000_000_000.0), "2B");
    }

    #[test]
    fn a_chart_of_an_out_of_bounds_estimate_is_refused_not_drawn() {
        // The guard returns before any axis is laid out over an infinite range.
        let mut e = crate::model::estimate(&crate::model::analysis::sanity::tests::toy_scenario().1);
        e.options[0].daily_alarm_usd = f64::NAN;
        for &chart in Chart::ALL {
            assert!(svg(chart, &e).is_err(), "{}", chart.as_str());
        }
    }
}
