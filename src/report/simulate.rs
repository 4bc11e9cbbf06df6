//! `simulate`'s outputs: the table people read, JSON for tools (`infercast/simulate-v1`), and the
//! "how sure" sentences the table and summary.md share.
use super::Format;
use super::format::{Align, count, percent, table, usd};
use crate::simulate::Simulation;
use std::fmt::Write;

/// The simulations in `format`: one JSON object per scenario (an array for several).
pub fn render(sims: &[Simulation], format: Format) -> String {
    match format {
        Format::Table => sims.iter().map(text).collect::<Vec<_>>().join("\n"),
        Format::Json => {
            let mut values: Vec<serde_json::Value> = sims.iter().map(crate::json::to_value).collect();
            let v = if values.len() == 1 { values.remove(0) } else { serde_json::Value::Array(values) };
            crate::json::write(&v)
        }
    }
}

/// "2,000 draws (seed 1) of 3 uncertain inputs; the feature is cut with probability 2% a month".
pub fn what_was_drawn(s: &Simulation) -> String {
    let n = s.uncertain_inputs.len();
    let inputs = match n {
        0 if s.descope_probability_per_month.is_none() => {
            return format!(
                "{} (seed {}): nothing in this scenario is uncertain, so every draw is the same",
                count(s.samples as f64, "draw"),
                s.seed
            );
        }
        0 => "no uncertain input".to_string(),
        1 => "1 uncertain input".to_string(),
        n => format!("{n} uncertain inputs"),
    };
    let risk = s.descope_probability_per_month.map_or(String::new(), |p| {
        format!(
            "; the feature is cut with probability {} a month, committed capacity billing to the end of its term",
            percent(p)
        )
    });
    format!("{} (seed {}) of {inputs}{risk}", count(s.samples as f64, "draw"), s.seed)
}

/// How robust the cheapest choice is, in one or two sentences.
pub fn how_sure(s: &Simulation) -> String {
    let Some(v) = s.verdict() else {
        return "No option or plan serves every workload in any draw.".to_string();
    };
    let draws = count(v.samples as f64, "draw");
    let every = if v.samples == 1 { "the one draw".to_string() } else { format!("all {draws}") };
    match v.line.regret_if_not_cheapest_usd {
        None => format!("{} is the cheapest option that serves every workload in {every}.", v.line.name),
        Some(r) => format!(
            "{} is the cheapest option that serves every workload in {} of {draws}; when it is not, it costs {} more on average than the cheapest.",
            v.line.name,
            percent(v.line.p_cheapest),
            usd(r)
        ),
    }
}

fn text(s: &Simulation) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}", s.scenario, what_was_drawn(s));
    if !s.uncertain_inputs.is_empty() {
        let _ = writeln!(out, "  drawn: {}", s.uncertain_inputs.join(", "));
    }
    let _ = writeln!(
        out,
        "\nCost over {} of {} (USD; percentiles over the draws)",
        count(s.months, "month"),
        super::format::plural(&super::format::trim(s.hours_per_month, 2), "hour")
    );
    let header = ["option", "month 1 p50", "p10", "p50", "p90", "mean", "cheapest", "expected regret"];
    let aligned: Vec<(&str, Align)> =
        header.iter().enumerate().map(|(i, h)| (*h, if i == 0 { Align::Left } else { Align::Right })).collect();
    let rows: Vec<Vec<String>> = s
        .options
        .iter()
        .map(|l| {
            vec![
                l.name.clone(),
                usd(l.months.first().map_or(0.0, |m| m.p50)),
                usd(l.total.p10),
                usd(l.total.p50),
                usd(l.total.p90),
                usd(l.total.mean),
                percent(l.p_cheapest),
                l.expected_regret_usd.map_or("-".to_string(), usd),
            ]
        })
        .collect();
    out.push_str(&table(&aligned, &rows, "  "));
    if s.options.iter().any(|l| l.expected_regret_usd.is_none()) {
        let _ = writeln!(out, "  A regret of - : the option never serves every workload; it is priced, not compared.");
    }
    let _ = writeln!(out, "\nHow sure\n  {}", how_sure(s));
    out
}
