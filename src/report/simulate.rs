//! `simulate`'s outputs: the table people read, JSON for tools (`infercast/simulate-v2`), and the
//! "how sure" sentences the table and summary.md share.
use crate::format::{Align, count, percent, table, usd};
use crate::output_format::OutputFormat;
use crate::simulate::Simulation;
use crate::simulate::inputs::{Figure, Held};
use std::fmt::Write;

/// The simulations in `format`: one JSON object per scenario (an array for several).
pub fn render(sims: &[Simulation], format: OutputFormat) -> String {
    match format {
        OutputFormat::Table => sims.iter().map(text).collect::<Vec<_>>().join("\n"),
        OutputFormat::Json => {
            let mut values: Vec<serde_json::Value> = sims.iter().map(crate::json::to_value).collect();
            let v = if values.len() == 1 { values.remove(0) } else { serde_json::Value::Array(values) };
            crate::json::write(&v)
        }
        OutputFormat::Csv | OutputFormat::Markdown => format.not_accepted(super::FORMATS),
    }
}

/// "2,000 draws (seed 1) of 3 uncertain inputs; the feature is cut with probability 2% a month".
pub fn what_was_drawn(s: &Simulation) -> String {
    let (n, fitted) = (s.uncertain_inputs.len(), s.fitted_throughput.len());
    let mut parts: Vec<String> = Vec::new();
    match n {
        0 => {}
        1 => parts.push("1 uncertain input".to_string()),
        n => parts.push(format!("{n} uncertain inputs")),
    }
    match fitted {
        0 => {}
        1 => parts.push("1 self-hosting throughput within its error against published runs".to_string()),
        f => parts.push(format!("{f} self-hosting throughputs within their error against published runs")),
    }
    if parts.is_empty() {
        if s.descope_probability_per_month.is_none() {
            return format!(
                "{} (seed {}): nothing in this scenario is uncertain, so every draw is the same",
                count(s.samples as f64, "draw"),
                s.seed
            );
        }
        parts.push("no uncertain input".to_string());
    }
    let risk = s.descope_probability_per_month.map_or(String::new(), |p| {
        format!(
            "; the feature is cut with probability {} a month, committed capacity billing to the end of its term",
            percent(p)
        )
    });
    format!("{} (seed {}) of {}{risk}", count(s.samples as f64, "draw"), s.seed, parts.join(" and "))
}

/// How robust the cheapest choice is, in one or two sentences, then what every draw held fixed.
pub fn how_sure(s: &Simulation) -> String {
    match held(&s.held_fixed) {
        Some(h) => format!("{} {h}", verdict(s)),
        None => verdict(s),
    }
}

fn verdict(s: &Simulation) -> String {
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

/// "Traffic volume and token counts were held fixed; give them ranges in the scenario to include
/// them. The assumed PT throughput of `pt` was held fixed too; give it a range in the catalog to
/// include it."
fn held(items: &[Held]) -> Option<String> {
    let scenario: Vec<&str> = items
        .iter()
        .filter_map(|h| match h {
            Held::TrafficVolume => Some("traffic volume"),
            Held::Growth => Some("monthly growth"),
            Held::TokenCounts => Some("token counts"),
            Held::Figure { .. } => None,
        })
        .collect();
    let mut catalog: Vec<String> = Vec::new();
    for figure in
        [Figure::ProvisionedThroughput, Figure::ProvisionedPrice, Figure::ReservedPrice, Figure::SelfHostedThroughput]
    {
        let options: Vec<String> = items
            .iter()
            .filter_map(|h| match h {
                Held::Figure { option, figure: f } if *f == figure => Some(format!("`{option}`")),
                _ => None,
            })
            .collect();
        if !options.is_empty() {
            catalog.push(format!("{} of {}", figure_words(figure), list(&options)));
        }
    }
    let mut out: Vec<String> = Vec::new();
    if !scenario.is_empty() {
        // "Token counts" is plural on its own.
        let plural = scenario.len() > 1 || scenario == ["token counts"];
        out.push(sentence(&scenario.iter().map(|s| s.to_string()).collect::<Vec<_>>(), plural, "", "scenario"));
    }
    if !catalog.is_empty() {
        let too = if out.is_empty() { "" } else { " too" };
        out.push(sentence(&catalog, catalog.len() > 1, too, "catalog"));
    }
    (!out.is_empty()).then(|| out.join(" "))
}

/// "X and Y were held fixed; give them ranges in the scenario to include them."
fn sentence(items: &[String], plural: bool, too: &str, place: &str) -> String {
    let what = list(items);
    let (verb, give, them) = if plural { ("were", "them ranges", "them") } else { ("was", "it a range", "it") };
    let mut first = what.chars();
    let capital: String = first.next().map(|c| c.to_uppercase().chain(first).collect()).unwrap_or_default();
    format!("{capital} {verb} held fixed{too}; give {give} in the {place} to include {them}.")
}

fn figure_words(f: Figure) -> &'static str {
    match f {
        Figure::ProvisionedThroughput => "the assumed PT throughput",
        Figure::ProvisionedPrice => "the assumed PT price",
        Figure::ReservedPrice => "the assumed Reserved price",
        Figure::SelfHostedThroughput => "the self-hosting throughput",
    }
}

/// "a", "a and b", "a, b and c".
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn text(s: &Simulation) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}", s.scenario, what_was_drawn(s));
    let fitted = s.fitted_throughput.iter().map(|f| {
        format!(
            "deployment[{}] throughput (within a factor of {} either way: worst error against its runs {})",
            f.deployment,
            crate::format::trim(1.0 + f.fit_error, 3),
            percent(f.fit_error)
        )
    });
    let drawn: Vec<String> = s.uncertain_inputs.iter().cloned().chain(fitted).collect();
    if !drawn.is_empty() {
        let _ = writeln!(out, "  drawn: {}", drawn.join(", "));
    }
    let _ = writeln!(
        out,
        "\nCost over {} of {} (USD; percentiles over the draws)",
        count(s.months, "month"),
        crate::format::plural(&crate::format::trim(s.hours_per_month, 2), "hour")
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
