//! `solve`: the month-1 volume at which one option of a scenario costs a given monthly bill.
use super::{Outcome, load_scenarios};
use crate::catalog::Catalog;
use crate::error::{Diagnostic, Result};
use crate::format::{thousands, usd};
use crate::model::Context;
use crate::model::analysis::solve::{MAX_REQUESTS, Unreachable, solve};
use crate::output_format::OutputFormat;
use crate::scenario::{OptionKind, PlanOption, Scenario};
use crate::suggest::closest;
use std::path::Path;

/// What `solve` was asked.
pub struct Request<'a> {
    pub scenario: &'a Path,
    /// USD a month, finite and above zero (checked by the argument parser).
    pub bill_usd: f64,
    /// The option's name; `None` = the first on-demand option.
    pub option: Option<&'a str>,
    pub format: OutputFormat,
}

pub fn run(req: &Request, catalog: &Catalog) -> Result<Outcome> {
    let scenarios = load_scenarios(&[super::compare::read_one(req.scenario)?], catalog)?;
    let s = &scenarios[0];
    let option = pick(s, req.option)?;
    let ctx = Context::new(s);
    let services = crate::model::offers::services::Services::new(s);
    let solution = solve(&ctx, &s.name, &option.name, &option.kind, req.bill_usd, &services)
        .map_err(|u| unreachable(s, &option.name, req.bill_usd, u))?;
    Ok(crate::report::solve::render(&solution, req.format).into())
}

/// "`a`, `b`, `c`".
fn names(s: &Scenario) -> String {
    s.options.iter().map(|o| format!("`{}`", o.name)).collect::<Vec<_>>().join(", ")
}

/// The option named, or the first on-demand one.
fn pick<'s>(s: &'s Scenario, name: Option<&str>) -> Result<&'s PlanOption> {
    let Some(name) = name else {
        return s.options.iter().find(|o| matches!(o.kind, OptionKind::OnDemand { .. })).ok_or_else(|| {
            Diagnostic::file(&s.path, "this scenario has no on-demand option, the one `solve` uses by default")
                .help(format!("name the option to solve for with --option; the scenario's options: {}", names(s)))
                .into()
        });
    };
    s.options.iter().find(|o| o.name == name).ok_or_else(|| {
        let close = closest(name, s.options.iter().map(|o| o.name.as_str()));
        let hint = match close.as_slice() {
            [one, ..] => format!("did you mean `{one}`? The"),
            [] => "the".to_string(),
        };
        Diagnostic::file(&s.path, format!("no option named `{name}` in this scenario"))
            .help(format!("{hint} scenario's options: {}", names(s)))
            .into()
    })
}

fn unreachable(s: &Scenario, option: &str, bill: f64, why: Unreachable) -> crate::error::Error {
    match why {
        Unreachable::BelowMinimum { minimum_usd } => Diagnostic::file(
            &s.path,
            format!(
                "option `{option}` costs {} a month with no traffic at all, more than the bill of {}",
                usd(minimum_usd),
                usd(bill)
            ),
        )
        .help(format!("no volume costs less than its fixed charges: give a --bill of {} or more", usd(minimum_usd))),
        Unreachable::AboveMaximum { maximum_usd } => Diagnostic::file(
            &s.path,
            format!(
                "option `{option}` costs {} a month at {} requests a month, the most infercast models, \
                 still less than the bill of {}",
                usd(maximum_usd),
                thousands(MAX_REQUESTS),
                usd(bill)
            ),
        )
        .help(format!("give a --bill of {} or less, or solve for another option with --option", usd(maximum_usd))),
        Unreachable::BelowOneRequest { one_request_usd } => Diagnostic::file(
            &s.path,
            format!(
                "a bill of {} is less than option `{option}` costs at 1 request a month ({}), the fewest infercast models",
                usd(bill),
                usd(one_request_usd)
            ),
        )
        .help(format!("give a --bill of {} or more", usd(one_request_usd))),
    }
    .into()
}
