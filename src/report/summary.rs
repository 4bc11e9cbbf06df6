//! `summary.md`: the one-page recommendation a product manager reads, charts inline.
use super::table::token_line;
use super::{rows, words};
use crate::catalog::{Endpoint, Model, Provenance};
use crate::format::{percent, thousands};
use crate::keyword::Keyword;
use crate::model::Estimate;
use crate::scenario::{OptionKind, Scenario};
use std::fmt::Write;

/// The Markdown summary of one scenario; charts are referenced as `NAME.png` beside it.
pub fn markdown(s: &Scenario, e: &Estimate, sim: Option<&crate::simulate::Simulation>) -> String {
    let mut out = String::new();
    let name = escape(&e.scenario);
    let title = e.description.as_ref().map_or(name.clone(), |d| format!("{name}: {d}"));
    let _ = writeln!(out, "# {title}\n");
    let _ = writeln!(
        out,
        "*{}. Scenario `{}`, priced by infercast {}.*\n",
        words::traffic_line(e),
        s.path,
        env!("CARGO_PKG_VERSION")
    );
    recommendation(&mut out, e);
    if let Some(sim) = sim {
        how_sure(&mut out, e, sim);
    }
    options_table(&mut out, e);
    let _ = writeln!(out, "## Daily spend\n");
    let daily = words::daily(e);
    for l in &daily.advice {
        let _ = writeln!(out, "{l}\n");
    }
    for l in &daily.lines {
        let _ = writeln!(out, "- {l}");
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "## Hidden tokens\n");
    for (w, t) in &e.workloads {
        let _ = writeln!(out, "- **{}** ({}): {}", escape(&w.name), percent(w.share), token_line(t));
    }
    if e.workloads.len() > 1 {
        let _ = writeln!(out, "- **mix**: {}", token_line(&e.per_request));
    }
    let _ = writeln!(out, "\n![Where the tokens go: visible vs billed tokens](tokens.png)\n");
    if let Some(w) = words::workloads(e) {
        section_md(&mut out, &w);
    }
    let _ = writeln!(out, "## Break-even\n");
    for section in [words::breakeven(e), words::cheapest(e)].iter().flatten() {
        section_md(&mut out, section);
    }
    let _ = writeln!(out, "![Break-even: monthly cost by monthly volume](breakeven.png)\n");
    let _ = writeln!(out, "## Monthly projection\n\n![Cost per month over the horizon](monthly.png)\n");
    let _ = writeln!(out, "## Load vs capacity\n\n![Load vs capacity over a week](load.png)\n");
    if let Some(q) = words::quota(e) {
        let _ = writeln!(out, "## Quotas\n");
        section_md(&mut out, &q);
    }
    if let Some(w) = words::warnings(e) {
        let _ = writeln!(out, "## Warnings\n");
        section_md(&mut out, &w);
    }
    provenance(&mut out, s);
    out
}

/// "How sure": the simulation's verdict, the commitment risk and the fan chart.
fn how_sure(out: &mut String, e: &Estimate, sim: &crate::simulate::Simulation) {
    use super::simulate as sim_words;
    let _ = writeln!(
        out,
        "## How sure
"
    );
    if let Some(note) = super::uncertainty::note(e) {
        let _ = writeln!(
            out,
            "{}
",
            note.replace("`infercast simulate` shows the spread they make.", "drawn below.")
        );
    }
    let _ = writeln!(
        out,
        "Over {}: {}
",
        sim_words::what_was_drawn(sim),
        sim_words::how_sure(sim)
    );
    if let Some(risk) = super::uncertainty::risk(e) {
        section_md(out, &risk);
    }
    let _ = writeln!(out, "![Cost per month over the draws: 10th–90th percentile band and median](fan.png)\n");
}

fn section_md(out: &mut String, s: &words::Section) {
    let _ = writeln!(out, "{}:\n", s.heading);
    for l in &s.lines {
        let _ = writeln!(out, "- {l}");
    }
    let _ = writeln!(out);
}

/// The recommendation with its caveats beside it, then the options that are not compared.
fn recommendation(out: &mut String, e: &Estimate) {
    let _ = writeln!(out, "## Recommendation\n");
    let v = words::verdict(e, |name| format!("**{}**", escape(name)));
    let _ = writeln!(out, "{}\n", v.headline);
    if !v.caveats.is_empty() {
        let _ = writeln!(out, "Before you act on it:\n");
        for c in &v.caveats {
            let _ = writeln!(out, "- {c}.");
        }
        let _ = writeln!(out);
    }
    if let Some(r) = words::routing(e) {
        let _ = writeln!(out, "{r}\n");
    }
    for note in rows::notes(e) {
        let _ = writeln!(out, "*{note}*\n");
    }
}

/// A name as Markdown text: its punctuation escaped, so `*`, `_`, `|` or `<` in a scenario,
/// workload or option name shows as written instead of formatting the page.
fn escape(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A table row's cells: a `|` inside one (an option named `a|b`) would start another column.
fn cells<S: AsRef<str>>(row: &[S]) -> String {
    row.iter().map(|c| c.as_ref().replace('|', "\\|")).collect::<Vec<_>>().join(" | ")
}

fn options_table(out: &mut String, e: &Estimate) {
    let _ = writeln!(out, "*Options ({}).*\n", rows::CAPTION);
    let header = rows::header(e);
    let _ = writeln!(out, "| {} |", cells(&header));
    let align: Vec<&str> = header.iter().enumerate().map(|(i, _)| if i == 0 { "---" } else { "---:" }).collect();
    let _ = writeln!(out, "| {} |", align.join(" | "));
    for row in rows::rows(e) {
        let _ = writeln!(out, "| {} |", cells(&row));
    }
    let _ = writeln!(out);
    for note in rows::assumptions(e) {
        let _ = writeln!(out, "*{note}*\n");
    }
    if e.services.items.is_empty() {
        return;
    }
    let _ = writeln!(out, "*Services ({}).*\n", rows::SERVICES_CAPTION);
    let header = rows::services_header(e);
    let _ = writeln!(out, "| {} |", cells(&header));
    let _ = writeln!(out, "| --- | ---: | ---: | --- |");
    for row in rows::services_rows(e) {
        let _ = writeln!(out, "| {} |", cells(&row));
    }
    let _ = writeln!(out);
}

/// Each price period of `model` in force on some day of the horizon, with the prices it sets for
/// the option's endpoint and region.
fn periods_met<'m>(
    s: &Scenario,
    model: &'m Model,
    endpoint: Endpoint,
    region: &str,
) -> impl Iterator<Item = (&'m crate::catalog::PricePeriod, crate::catalog::PriceSet)> {
    let (first, end) = (s.start.first_day, crate::dates::add_months(s.start.first_day, s.months));
    let region = region.to_string();
    model.price_periods.iter().filter_map(move |p| {
        let (from, until) = p.days();
        let day = from.max(first);
        (day < end && until >= first).then(|| model.prices_on(day, endpoint, &region).ok().map(|set| (p, set)))?
    })
}

/// One catalog figure used, with where it came from.
struct Figure {
    what: String,
    value: String,
    provenance: Provenance,
    basis: Option<String>,
}

fn figures(s: &Scenario) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::new();
    let price = |m: &Model| Figure {
        what: format!("`{}` on-demand price", m.key),
        value: Model::describe(&m.base_prices()),
        provenance: m.provenance.clone(),
        basis: None,
    };
    for o in &s.options {
        match &o.kind {
            OptionKind::OnDemand { model, tier, endpoint, region, prices, .. } => {
                let scope = match (endpoint, region == &model.region) {
                    (Endpoint::Global, _) => " (global profile)".to_string(),
                    (_, true) => String::new(),
                    (_, false) => format!(" in {region}"),
                };
                // A region with prices of its own cites where those came from.
                let provenance = model
                    .region_prices
                    .iter()
                    .find(|r| &r.region == region && *endpoint != Endpoint::Global)
                    .map_or_else(|| model.provenance.clone(), |r| r.provenance.clone());
                // The undated figures, then each dated period the horizon meets
                // (docs/catalog.md#price-periods).
                let undated = model.prices(*endpoint, region).unwrap_or(*prices);
                let what = format!("`{}` on-demand price{scope}", model.key);
                out.push(Figure { what: what.clone(), value: Model::describe(&undated), provenance, basis: None });
                out.extend(periods_met(s, model, *endpoint, region).map(|(p, set)| Figure {
                    what: format!("{what} {}", crate::catalog::describe_period(p)),
                    value: Model::describe(&set),
                    provenance: p.provenance.clone(),
                    basis: None,
                }));
                if let Some(l) = &model.long_context {
                    out.push(Figure {
                        what: format!("`{}` long-context prices", model.key),
                        value: format!(
                            "calls above {} input tokens: input x{}, output x{}, cache x{}",
                            thousands(l.above_input_tokens),
                            l.input_multiplier,
                            l.output_multiplier,
                            l.cache_multiplier
                        ),
                        provenance: model.provenance.clone(),
                        basis: None,
                    });
                }
                if let Some(t) = model.tiers.get(tier) {
                    out.push(Figure {
                        what: format!("`{}` {} tier", model.key, tier.as_str()),
                        value: format!("x{}", t.multiplier),
                        provenance: t.provenance.clone(),
                        basis: None,
                    });
                }
                if let Some(q) = &model.quota.provenance {
                    out.push(Figure {
                        what: format!("`{}` default quota", model.key),
                        value: format!(
                            "{}, output burndown {}",
                            model
                                .quota
                                .tpm
                                .map_or("no published TPM quota".into(), |t| format!("{} TPM", thousands(t))),
                            model.quota.output_burndown
                        ),
                        provenance: q.clone(),
                        basis: None,
                    });
                }
            }
            OptionKind::Provisioned { model, term, usd_per_mu_hour, .. } => {
                out.push(price(model));
                let offer = model.provisioned.as_ref().expect("validated");
                out.push(Figure {
                    what: format!(
                        "`{}` Provisioned Throughput, {}",
                        model.key,
                        if term == "none" { "no commitment" } else { term.as_str() }
                    ),
                    value: format!("${usd_per_mu_hour} per MU-hour"),
                    provenance: offer.provenance.clone(),
                    basis: offer.basis.clone().filter(|_| offer.provenance.assumed),
                });
                out.push(Figure {
                    what: format!("`{}` MU throughput", model.key),
                    value: format!(
                        "{} in / {} out tokens per minute",
                        thousands(offer.input_tpm_per_mu),
                        thousands(offer.output_tpm_per_mu)
                    ),
                    provenance: Provenance { assumed: offer.throughput_assumed, ..offer.provenance.clone() },
                    basis: offer.basis.clone().filter(|_| offer.throughput_assumed),
                });
            }
            OptionKind::Reserved { model, term, usd_per_1k_input_tpm_month, usd_per_1k_output_tpm_month, .. } => {
                out.push(price(model));
                let offer = model.reserved.as_ref().expect("validated");
                out.push(Figure {
                    what: format!("`{}` Reserved tier, {term}", model.key),
                    value: format!(
                        "${usd_per_1k_input_tpm_month} / ${usd_per_1k_output_tpm_month} per 1K input / output TPM-month; minimum {} / {} TPM",
                        thousands(offer.min_input_tpm),
                        thousands(offer.min_output_tpm)
                    ),
                    provenance: offer.provenance.clone(),
                    basis: offer.basis.clone(),
                });
            }
            OptionKind::SelfHosted(sh) => {
                out.push(Figure {
                    what: format!("`{}` {} price", sh.instance.key, sh.price),
                    value: format!("${} per hour ({} × {})", sh.usd_per_hour, sh.instance.gpus, sh.instance.gpu),
                    provenance: sh.instance.provenance.clone(),
                    basis: None,
                });
                out.push(Figure {
                    what: format!("`{}` throughput", sh.deployment.key),
                    value: format!(
                        "{} prefill / {} decode tokens per second{}",
                        thousands(sh.deployment.prefill_tokens_per_s),
                        thousands(sh.deployment.decode_tokens_per_s),
                        sh.deployment.fitted.as_ref().map_or(String::new(), |f| format!(
                            ", fitted to {} published runs (fit error {}: the worst run's throughput is off by that much)",
                            f.runs.len(),
                            percent(f.fit_error)
                        ))
                    ),
                    provenance: sh.deployment.provenance.clone(),
                    basis: sh.deployment.derivation.clone(),
                });
            }
        }
    }
    out.extend(service_figures(s));
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|f| seen.insert(f.what.clone()));
    out
}

/// The price of every service the scenario uses.
fn service_figures(s: &Scenario) -> impl Iterator<Item = Figure> + '_ {
    s.services_used().into_iter().map(|sv| Figure {
        what: format!("`{}` {} price", sv.key, sv.kind().as_str()),
        value: sv.price.describe(),
        provenance: sv.provenance.clone(),
        basis: None,
    })
}

fn provenance(out: &mut String, s: &Scenario) {
    let figures = figures(s);
    let assumed: Vec<&Figure> = figures.iter().filter(|f| f.provenance.assumed).collect();
    let _ = writeln!(out, "## Catalog figures used\n");
    let _ = writeln!(
        out,
        "{} from the catalog, **{} of them assumed** (not published anywhere; see the basis below).\n",
        crate::format::count(figures.len() as f64, "figure"),
        assumed.len()
    );
    let _ = writeln!(out, "| figure | value | source | as of | assumed |");
    let _ = writeln!(out, "| --- | --- | --- | --- | --- |");
    for f in &figures {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            f.what.replace('|', "\\|"),
            f.value,
            if f.provenance.private { f.provenance.cite() } else { format!("<{}>", f.provenance.source) },
            f.provenance.retrieved,
            if f.provenance.assumed { "**yes**" } else { "no" }
        );
    }
    // One line per distinct basis, naming every figure it covers.
    let mut notes: Vec<(String, Vec<&str>)> = Vec::new();
    for f in &figures {
        if let Some(b) = &f.basis {
            match notes.iter_mut().find(|(basis, _)| basis == b) {
                Some((_, whats)) => whats.push(&f.what),
                None => notes.push((b.clone(), vec![&f.what])),
            }
        }
    }
    if !notes.is_empty() {
        let _ = writeln!(out, "\nHow the assumed and derived figures were chosen:\n");
        for (basis, whats) in notes {
            let _ = writeln!(out, "- {}: {basis}", whats.join("; "));
        }
    }
}
