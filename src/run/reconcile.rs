//! `infercast reconcile SCENARIO --usage PATH…`: the usage read (as `import` reads it), priced,
//! held against the scenario's forecast over the same period and, with `--bill`, the bill;
//! exit 1 beyond the tolerance (as `baseline check` when something moved).
use super::{Outcome, load_scenarios};
use crate::catalog::Catalog;
use crate::cli::UsageFormat;
use crate::error::{Diagnostic, Error, ExitCode, Result};
use crate::output_format::OutputFormat;
use crate::usage::reconcile::{self, Forecast, forecast::Refusal};
use crate::usage::{Measured, Usage, derive, hourly, logs, read::Options};
use std::path::PathBuf;

/// What `reconcile` was asked.
pub struct Request<'a> {
    pub scenario: &'a PathBuf,
    pub usage: &'a [PathBuf],
    pub usage_format: Option<UsageFormat>,
    pub period_s: i64,
    pub bill: Option<&'a PathBuf>,
    pub option: Option<&'a str>,
    pub tolerance: f64,
    pub format: OutputFormat,
}

const DAY_S: i64 = 86_400;

pub fn run(req: &Request, catalog: &Catalog) -> Result<Outcome> {
    let file = crate::files::read(req.scenario)?;
    let scenario = load_scenarios(std::slice::from_ref(&file), catalog)?.remove(0);
    let est = super::checked::estimates(std::slice::from_ref(&file), std::slice::from_ref(&scenario))?.remove(0);
    let forecast = Forecast::new(&est, req.option, scenario.start.first_day, catalog)
        .map_err(|r| Error::from(refusal(&file.path, r)))?;
    let usage = read_usage(req.usage, req.usage_format, req.period_s)?;
    let Some(period) = derive::period(&usage) else {
        let files = usage.files.join(", ");
        return Err(Diagnostic::file(files, "no usage record was read")
            .help("check --usage: give invocation logs, an hourly CSV or CloudWatch metrics")
            .into());
    };
    if !forecast.covers(period.from_s / DAY_S, period.to_s / DAY_S) {
        return Err(outside(&file.path, &scenario.start.month, &forecast, &period).into());
    }
    let bill = match req.bill {
        Some(path) => Some(crate::usage::bill::read(&crate::files::read(path)?, catalog)?),
        None => None,
    };
    let r = reconcile::reconcile(&usage, catalog, &forecast, bill.as_ref(), req.tolerance)
        .expect("a period means records were read");
    Ok(Outcome {
        stdout: crate::report::reconcile::render(&r, req.format),
        code: if r.within_tolerance { ExitCode::Ok } else { ExitCode::Drift },
        warnings: crate::report::usage::skipped(&usage),
        notes: Vec::new(),
    })
}

/// The usage, read by the reader its format names: `--usage-format`, else an hourly CSV for a
/// single `*.csv` path, else invocation logs grouped by model id.
pub fn read_usage(paths: &[PathBuf], usage_format: Option<UsageFormat>, period_s: i64) -> Result<Usage> {
    let csv = paths.len() == 1 && paths[0].extension().is_some_and(|x| x == "csv");
    let format = usage_format.unwrap_or(if csv { UsageFormat::Hourly } else { UsageFormat::Logs });
    let opts = Options::default();
    let one = |what: &str| -> Result<&PathBuf> {
        match paths {
            [p] => Ok(p),
            _ => Err(Diagnostic::file("--usage", format!("{what} is one file; {} were given", paths.len()))
                .help("give one file, or read each with its own command")
                .into()),
        }
    };
    Ok(match format {
        UsageFormat::Logs => {
            let mut u = Usage::new(Measured::InvocationLogs);
            logs::read(paths, &opts, &mut u)?;
            u
        }
        UsageFormat::Hourly => {
            let mut u = Usage::new(Measured::Hourly);
            hourly::read(one("an hourly CSV")?, &opts, &mut u)?;
            u
        }
        UsageFormat::Cloudwatch => {
            let text = crate::files::read(one("CloudWatch metrics")?)?;
            crate::usage::cloudwatch::read(&text, period_s, &opts)?.0
        }
    })
}

/// No line to compare: `--option` unknown, or no plan `as-run` and no `--option`.
fn refusal(path: &str, r: Refusal) -> Diagnostic {
    match r {
        Refusal::Unknown { name, names } => {
            Diagnostic::file("--option", format!("{path} has no option or plan named `{name}`"))
                .help(format!("give one of: {}", names.join(", ")))
        }
        Refusal::NoLine { names } => Diagnostic::file(path, "this scenario has no plan `as-run` to compare with")
            .help(format!("give --option NAME, one of: {}", names.join(", "))),
    }
}

/// `report --usage`: summary.md's "Measured vs forecast" for one scenario, as Markdown: the
/// usage held against its `as-run` plan (within a 2 % tolerance), or why it cannot be.
pub fn measured_section(
    s: &crate::scenario::Scenario,
    e: &crate::model::Estimate,
    usage: &Usage,
    catalog: &Catalog,
) -> String {
    let heading = "## Measured vs forecast\n\n";
    let not = |d: Diagnostic| {
        format!("{heading}Not compared: {}{}.\n", d.message, d.help.map_or(String::new(), |h| format!(" ({h})")))
    };
    let Ok(forecast) = Forecast::new(e, None, s.start.first_day, catalog) else {
        return format!(
            "{heading}Not compared: this scenario has no plan `as-run` (the one `infercast import` writes); hold \
             the usage against another line with `infercast reconcile {} --usage … --option NAME`.\n",
            s.path
        );
    };
    let Some(period) = derive::period(usage) else {
        return format!("{heading}Not compared: no usage record was read.\n");
    };
    if !forecast.covers(period.from_s / DAY_S, period.to_s / DAY_S) {
        return not(outside(&s.path, &s.start.month, &forecast, &period));
    }
    let r = reconcile::reconcile(usage, catalog, &forecast, None, 0.02).expect("a period means records were read");
    let text = crate::report::reconcile::render(&r, OutputFormat::Markdown);
    let body = text.split_once('\n').map_or(text.as_str(), |(_, rest)| rest).trim_start();
    format!("{heading}{body}")
}

/// The usage's period is not inside the scenario's horizon.
fn outside(path: &str, start: &str, f: &Forecast, p: &derive::Period) -> Diagnostic {
    let (a, b) = (crate::dates::format(p.from_s / DAY_S), crate::dates::format(p.to_s / DAY_S - 1));
    let horizon = crate::dates::horizon(start, f.months);
    Diagnostic::file(path, format!("the usage runs from {a} to {b}, outside the scenario's horizon {horizon}"))
        .help("set `start` and `months` in [scenario] so the horizon covers the usage, or give usage inside it")
}
