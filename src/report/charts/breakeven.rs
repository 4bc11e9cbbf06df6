//! Break-even chart: month-1 cost against monthly volume, one line per option, the crossovers
//! against on demand marked and labelled, the scenario's own volume marked.
use super::{FAMILY, colour, marker, option_index, short, short_usd};
use crate::model::Estimate;
use plotters::coord::Shift;
use plotters::prelude::*;

type R = Result<(), Box<dyn std::error::Error>>;

pub fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, e: &Estimate) -> R
where
    DB::ErrorType: 'static,
{
    let b = &e.breakeven;
    let caption = format!("{}: monthly cost by monthly volume", e.scenario);
    if b.curves.is_empty() {
        root.draw(&Text::new("No option serves all traffic: nothing to compare.", (60, 300), (FAMILY, 22)))?;
        return Ok(());
    }
    let x = &b.grid_requests;
    let all = b.curves.iter().flat_map(|(_, c)| c.iter().copied()).filter(|v| *v > 0.0);
    let (lo, hi) = all.fold((f64::MAX, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let mut chart = ChartBuilder::on(root)
        .caption(caption, (FAMILY, 26))
        .margin(24)
        .x_label_area_size(56)
        .y_label_area_size(90)
        .build_cartesian_2d((x[0]..x[x.len() - 1]).log_scale(), (lo * 0.7..hi * 1.5).log_scale())?;
    chart
        .configure_mesh()
        .x_desc("requests per month (log scale)")
        .y_desc("month-1 cost, $ per month (log scale)")
        .x_label_formatter(&|v| short(*v))
        .y_label_formatter(&|v| short_usd(*v))
        .label_style((FAMILY, 15))
        .axis_desc_style((FAMILY, 17))
        .light_line_style(RGBColor(235, 235, 235))
        .bold_line_style(RGBColor(210, 210, 210))
        .draw()?;

    for (name, costs) in &b.curves {
        let i = option_index(e, name);
        let points: Vec<(f64, f64)> = x.iter().copied().zip(costs.iter().copied()).filter(|(_, c)| *c > 0.0).collect();
        let style = colour(i).stroke_width(if i == 0 { 3 } else { 2 });
        chart.draw_series(LineSeries::new(points.clone(), style))?.label(name.as_str()).legend(move |(x, y)| {
            EmptyElement::at((x, y))
                + PathElement::new(vec![(0, 0), (24, 0)], colour(i).stroke_width(2))
                + marker::<DB>(i, (12, 0))
        });
        // Sparse markers, offset per option so overlapping lines stay distinguishable.
        let step = 40;
        let offset = (i * 7) % step;
        chart.draw_series(
            points.iter().skip(offset).step_by(step).map(|p| EmptyElement::at(*p) + marker::<DB>(i, (0, 0))),
        )?;
    }

    // The scenario's own volume.
    let (_, y_hi) = (lo * 0.7, hi * 1.5);
    chart.draw_series(DashedLineSeries::new(
        vec![(e.base_requests, lo * 0.7), (e.base_requests, y_hi)],
        8,
        6,
        BLACK.stroke_width(1),
    ))?;
    chart.draw_series(std::iter::once(Text::new(
        format!("this scenario: {}/month", short(e.base_requests)),
        (e.base_requests * 1.08, hi * 1.2),
        (FAMILY, 15),
    )))?;

    // Crossovers against the reference (on-demand costs are proportional to volume).
    let reference = &b.curves[0].1;
    let ref_at = |v: f64| reference[0] / x[0] * v;
    let mut n = 0;
    for be in b.breakeven.iter().filter(|be| !be.everywhere) {
        let Some(v) = be.requests_per_month else { continue };
        let i = option_index(e, &be.option);
        let y = ref_at(v);
        chart.draw_series(std::iter::once(Circle::new((v, y), 7, BLACK.stroke_width(2))))?;
        // Labels below-right of the point, staggered so close crossovers do not overlap.
        let label = format!("{} beats on-demand above {}/mo", short_name(&be.option), short(v));
        let dy = 18 + 22 * n;
        // A white box behind the label keeps it legible where lines cross it.
        let width = label.chars().count() as i32 * 8;
        chart.draw_series(std::iter::once(
            EmptyElement::at((v, y))
                + Rectangle::new([(8, dy - 3), (16 + width, dy + 17)], WHITE.mix(0.85).filled())
                + Text::new(label, (12, dy), (FAMILY, 14).into_font().color(&colour(i))),
        ))?;
        n += 1;
    }

    super::legend(&mut chart, SeriesLabelPosition::UpperLeft, 15)?;
    Ok(())
}

/// Option names can be long; labels on the plot keep the first 34 characters.
fn short_name(name: &str) -> String {
    if name.chars().count() <= 34 {
        name.to_string()
    } else {
        format!("{}…", name.chars().take(33).collect::<String>())
    }
}
