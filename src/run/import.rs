//! `infercast import …`: usage as it ran (invocation logs, an hourly CSV) read into `Usage`,
//! then written as a scenario, to stdout or `--out`; a summary line on stderr.
use super::Outcome;
use crate::catalog::Catalog;
use crate::cli::{ImportArgs, ImportSource};
use crate::error::{Diagnostic, ExitCode, Result};
use crate::usage::read::{Counts, Options};
use crate::usage::{Measured, Usage, hourly, logs};

/// Reads the source, writes the scenario.
pub fn run(source: &ImportSource, catalog: &Catalog) -> Result<Outcome> {
    let (usage, counts, common, tagged) = match source {
        ImportSource::InvocationLogs { paths, group_by, common } => {
            let opts = options(common, group_by.clone())?;
            let mut usage = Usage::new(Measured::InvocationLogs);
            let counts = logs::read(paths, &opts, &mut usage)?;
            (usage, counts, common, group_by.is_some())
        }
        ImportSource::Cloudwatch { file, period, common } => {
            let text = crate::files::read(file)?;
            let (usage, counts) = crate::usage::cloudwatch::read(&text, *period, &options(common, None)?)?;
            (usage, counts, common, false)
        }
        ImportSource::Hourly { file, common } => {
            let opts = options(common, None)?;
            let mut usage = Usage::new(Measured::Hourly);
            let counts = hourly::read(file, &opts, &mut usage)?;
            (usage, counts, common, false)
        }
    };
    nothing_read(&usage, &counts)?;
    let text = crate::usage::scenario::write(&usage, catalog, &common.name);
    let mut notes = vec![crate::report::usage::summary(&usage, &counts, tagged)];
    let stdout = match &common.out {
        Some(path) => {
            crate::files::write(path, text.as_bytes())?;
            notes.push(format!("wrote {}", path.display()));
            String::new()
        }
        None => text,
    };
    let mut warnings = crate::report::usage::skipped(&usage);
    warnings.extend(crate::report::usage::unpriced_models(&usage, catalog));
    Ok(Outcome { stdout, code: ExitCode::Ok, warnings, notes })
}

/// The read's options; `--from` after `--to` is refused.
fn options(common: &ImportArgs, group_by: Option<String>) -> Result<Options> {
    if let (Some(f), Some(t)) = (common.from, common.to)
        && f > t
    {
        let (f, t) = (crate::dates::format(f), crate::dates::format(t));
        return Err(Diagnostic::file("--from", format!("{f} is after --to {t}"))
            .help("give --from the first day of the period and --to its last")
            .into());
    }
    Ok(Options { group_by, from_day: common.from, to_day: common.to, skip_bad: common.skip_bad })
}

/// No record counted: there is no scenario to write.
fn nothing_read(usage: &Usage, counts: &Counts) -> Result<()> {
    if usage.records > 0 {
        return Ok(());
    }
    let files = usage.files.join(", ");
    let why = if counts.outside > 0 {
        format!("all {} records are outside --from/--to", crate::format::thousands(counts.outside as f64))
    } else {
        "no record was read".to_string()
    };
    Err(Diagnostic::file(files, format!("nothing to import: {why}"))
        .help("check the files and the period (--from, --to)")
        .into())
}
