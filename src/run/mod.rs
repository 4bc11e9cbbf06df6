//! Commands: load inputs, call the model, return the text to print and the exit code.
mod baseline;
mod checked;
mod compare;
mod crosscheck;
mod import;
mod models;
mod pricelist;
mod reconcile;
mod simulate;
mod solve;
mod throughput;
mod validate;

use crate::catalog::Catalog;
use crate::cli::{CatalogAction, Cli, Command};
use crate::error::{Diagnostic, Error, ExitCode, Result};
use crate::files;
use crate::model::Estimate;
use crate::scenario::Scenario;
use crate::source::SourceFile;
use std::path::{Path, PathBuf};

/// What a command prints on stdout and how the process exits.
#[derive(Debug)]
pub struct Outcome {
    pub stdout: String,
    pub code: ExitCode,
    /// Things to know that are not errors, for stderr (e.g. a user catalog that changed a
    /// built-in price but kept its public source).
    pub warnings: Vec<String>,
    /// What was done, for stderr, keeping stdout for the result (e.g. `import`'s summary).
    pub notes: Vec<String>,
}

impl From<String> for Outcome {
    fn from(stdout: String) -> Self {
        Outcome { stdout, code: ExitCode::Ok, warnings: Vec::new(), notes: Vec::new() }
    }
}

/// Runs one command against the catalog (`--pricing DIR`, or the built-in one), loaded once.
pub fn run(cli: &Cli) -> Result<Outcome> {
    let mut catalog = Catalog::load(cli.pricing.as_deref())?;
    catalog.today = match &cli.command {
        Command::Validate { today: Some(day), .. } => Some(*day),
        _ => env_today()?,
    };
    let mut out = dispatch(cli, &catalog)?;
    out.warnings.extend(catalog.warnings.iter().cloned());
    Ok(out)
}

/// `INFERCAST_TODAY=YYYY-MM-DD`: the day models are judged against their end of life
/// (docs/model.md#lifecycle), for reproducible runs and tests; unset, the clock's.
fn env_today() -> Result<Option<i64>> {
    let Some(text) = std::env::var_os(TODAY_VAR) else { return Ok(None) };
    let text = text.to_string_lossy();
    crate::dates::check(&text).map(Some).map_err(|e| {
        let d = Diagnostic::file(format!("environment variable {TODAY_VAR}"), e.describe(&text));
        Error::Input(vec![d.help(format!("set {TODAY_VAR} to a date like 2026-11-25, or unset it to use today's"))])
    })
}

/// The environment variable that pins the run's today.
const TODAY_VAR: &str = "INFERCAST_TODAY";

fn dispatch(cli: &Cli, catalog: &Catalog) -> Result<Outcome> {
    Ok(match &cli.command {
        Command::Estimate { scenarios, format } => {
            let estimates = estimate_paths(scenarios, catalog)?;
            crate::report::renderer(*format).estimates(&estimates).into()
        }
        Command::Breakeven { scenarios, format } => {
            let estimates = estimate_paths(scenarios, catalog)?;
            crate::report::renderer(*format).breakeven(&estimates).into()
        }
        Command::Report { scenarios, out, usage, usage_format, period } => {
            let files = expand(scenarios)?;
            let scenarios = load_scenarios(&files, catalog)?;
            same_folders(&files, &scenarios)?;
            files::output_folder(out)?;
            let usage =
                (!usage.is_empty()).then(|| reconcile::read_usage(usage, *usage_format, *period)).transpose()?;
            report(&files, &scenarios, catalog, out, usage.as_ref())?.into()
        }
        Command::Simulate { scenarios, samples, seed, threads, format } => {
            let req = simulate::Request { paths: scenarios, samples: *samples, seed: *seed, threads: *threads };
            simulate::run(&req, *format, catalog)?
        }
        Command::Compare { before, after, format } => compare::run(before, after, *format, catalog)?,
        Command::Solve { scenario, bill, option, format } => {
            let req = solve::Request { scenario, bill_usd: *bill, option: option.as_deref(), format: *format };
            solve::run(&req, catalog)?
        }
        Command::Models { provider, status, tier, region, search, format } => {
            let filter = crate::catalog::Filter {
                provider: provider.clone(),
                status: *status,
                sold: *tier,
                region: region.clone(),
                search: search.clone(),
            };
            models::run(catalog, &filter, *format)
        }
        Command::Throughput { .. } => throughput_command(&cli.command, catalog)?,
        Command::Validate { paths, max_age, strict, today } => {
            let age = max_age.map(|days| validate::Age {
                max_days: days,
                strict: *strict,
                today: today.unwrap_or_else(crate::dates::today),
            });
            validate::validate(paths, catalog, age, *today)?
        }
        Command::Import { source } => import::run(source, catalog)?,
        Command::Reconcile { .. } => reconcile_command(&cli.command, catalog)?,
        Command::Catalog { action } => catalog_action(action, cli, catalog)?,
        Command::Baseline { action } => baseline::run(action, catalog)?,
    })
}

/// `infercast reconcile …`.
fn reconcile_command(command: &Command, catalog: &Catalog) -> Result<Outcome> {
    let Command::Reconcile { scenario, usage, usage_format, period, bill, option, tolerance, format } = command else {
        unreachable!("called for reconcile only")
    };
    let req = reconcile::Request {
        scenario,
        usage,
        usage_format: *usage_format,
        period_s: *period,
        bill: bill.as_ref(),
        option: option.as_deref(),
        tolerance: *tolerance,
        format: *format,
    };
    reconcile::run(&req, catalog)
}

/// `infercast catalog …`.
fn catalog_action(action: &CatalogAction, cli: &Cli, catalog: &Catalog) -> Result<Outcome> {
    Ok(match action {
        CatalogAction::Crosscheck { litellm, genai_prices, aws_price_list, format } => {
            match (litellm, genai_prices) {
                (Some(ll), Some(gp)) => crosscheck::run(ll, gp, *format, catalog)?,
                // clap requires both maps unless --aws-price-list is given, and refuses them with it.
                _ => pricelist::check(aws_price_list, *format, catalog)?,
            }
        }
        CatalogAction::Pricelist { files, region, format } => {
            pricelist::run(files, region.as_deref(), *format, catalog)?
        }
        CatalogAction::Import { aws_price_list, write, format } => {
            let req = pricelist::Request {
                files: aws_price_list,
                dir: write,
                pricing: cli.pricing.as_deref(),
                format: *format,
            };
            pricelist::import(&req)?
        }
    })
}

/// The scenario paths given, or `./scenarios` when none are.
fn scenario_paths_or_default(paths: &[PathBuf]) -> Vec<PathBuf> {
    if !paths.is_empty() {
        return paths.to_vec();
    }
    let dir = PathBuf::from("scenarios");
    if dir.is_dir() { vec![dir] } else { Vec::new() }
}

/// Loads, validates and prices each scenario; every problem in every file is reported.
pub fn estimate_paths(paths: &[PathBuf], catalog: &Catalog) -> Result<Vec<Estimate>> {
    let files = expand(paths)?;
    let scenarios = load_scenarios(&files, catalog)?;
    checked::estimates(&files, &scenarios)
}

pub(crate) fn load_scenarios(files: &[SourceFile], catalog: &Catalog) -> Result<Vec<Scenario>> {
    let mut out = Vec::new();
    let mut diags = Vec::new();
    for f in files {
        match Scenario::from_source(f, catalog) {
            Ok(s) => {
                diags.extend(same_name(f, &s, &out));
                out.push(s);
            }
            // Only a file that failed is parsed again, to say plainly when it is a catalog.
            Err(_) if matches!(kind_of(f), Ok(Kind::Catalog)) => diags.push(
                Diagnostic::file(&f.path, "this is a pricing catalog file, not a scenario")
                    .help("give a scenario file; to price with this catalog, pass its folder as --pricing DIR"),
            ),
            Err(d) => diags.extend(d),
        }
    }
    if diags.is_empty() { Ok(out) } else { Err(Error::Input(diags)) }
}

/// A scenario named like one loaded before it in the same command: results are labelled by
/// name, so two of them would be indistinguishable. Located at this file's `name`.
fn same_name(file: &SourceFile, s: &Scenario, earlier: &[Scenario]) -> Option<Diagnostic> {
    let first = earlier.iter().find(|e| e.name == s.name)?;
    let (message, help) = if first.path == file.path {
        (
            format!("this file is given twice: scenario `{}` would be compared with itself", s.name),
            "give each file once; to compare a variant, copy the file and give the copy its own `name`",
        )
    } else {
        (
            format!("scenario name `{}` is also the name of the scenario in {}", s.name, first.path),
            "give each scenario its own `name` in [scenario]: results are labelled by it",
        )
    };
    Some(at_name(file, message).help(help))
}

/// A problem with the `name` in [scenario] of `file`, located there when it can be.
fn at_name(file: &SourceFile, message: String) -> Diagnostic {
    #[derive(serde::Deserialize)]
    struct Head {
        scenario: Name,
    }
    #[derive(serde::Deserialize)]
    struct Name {
        name: toml::Spanned<String>,
    }
    match crate::input::parse::<Head>(file) {
        Ok(h) => Diagnostic::at(file, &h.scenario.name.span(), message),
        Err(_) => Diagnostic::file(&file.path, message),
    }
}

/// Two scenarios whose names differ but whose report folders (the names' slugs) are the same:
/// one report would overwrite the other. Each later one is located at its `name`.
fn same_folders(files: &[SourceFile], scenarios: &[Scenario]) -> Result<()> {
    use crate::report::folder::folder_name;
    let mut seen: Vec<(String, &Scenario)> = Vec::new();
    let mut diags = Vec::new();
    for (file, s) in files.iter().zip(scenarios) {
        let folder = folder_name(&s.name, &s.path);
        match seen.iter().find(|(f, _)| *f == folder) {
            Some((_, first)) => diags.push(
                at_name(
                    file,
                    format!(
                        "scenario `{}` would be reported in folder `{folder}`, like scenario `{}` in {}",
                        s.name, first.name, first.path
                    ),
                )
                .help(
                    "give the two scenarios names that differ in their ASCII letters, digits, `-` or `_`: \
                     a report folder keeps only those",
                ),
            ),
            None => seen.push((folder, s)),
        }
    }
    if diags.is_empty() { Ok(()) } else { Err(Error::Input(diags)) }
}

/// Writes every scenario's report, with a progress bar on a terminal (silent otherwise).
fn report(
    files: &[SourceFile],
    scenarios: &[Scenario],
    catalog: &Catalog,
    out: &Path,
    usage: Option<&crate::usage::Usage>,
) -> Result<String> {
    let bar = indicatif::ProgressBar::new(scenarios.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}").expect("a valid progress template"),
    );
    let estimates = checked::estimates(files, scenarios)?;
    let mut written = String::new();
    for (s, e) in scenarios.iter().zip(&estimates) {
        bar.set_message(s.name.clone());
        let file = files.iter().find(|f| f.path == s.path).expect("scenarios come from these files");
        let sim = crate::simulate::for_report(file, s, catalog).map_err(|d| Error::Input(vec![d]))?;
        let measured = usage.map(|u| reconcile::measured_section(s, e, u, catalog));
        let (dir, charts) = crate::report::folder::write_scenario(s, e, sim.as_ref(), measured.as_deref(), out)?;
        written.push_str(&format!(
            "wrote {}/: summary.md, costs.csv, breakeven.csv, result.json, {charts} charts (SVG and PNG)\n",
            dir.display()
        ));
        bar.inc(1);
    }
    bar.finish_and_clear();
    Ok(written)
}

/// Files as given, folders as their `*.toml` files; all read.
pub(crate) fn expand(paths: &[PathBuf]) -> Result<Vec<SourceFile>> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            files.extend(files::toml_files_in_nonempty(p)?);
        } else {
            files.push(p.clone());
        }
    }
    files.iter().map(|p| files::read(p)).collect()
}

/// What a TOML file is, from its top-level table.
pub(crate) enum Kind {
    Catalog,
    Scenario,
}

pub(crate) fn kind_of(file: &SourceFile) -> std::result::Result<Kind, Diagnostic> {
    let table: toml::Table = crate::input::parse(file)?;
    if table.contains_key("catalog") {
        Ok(Kind::Catalog)
    } else if table.contains_key("scenario") {
        Ok(Kind::Scenario)
    } else {
        Err(Diagnostic::at(
            file,
            &(0..0),
            "not a catalog or a scenario: it has neither a [catalog] nor a [scenario] table",
        )
        .help("a pricing file starts with [catalog], a scenario with [scenario]"))
    }
}

/// `infercast throughput`: the command line's query against the catalog.
fn throughput_command(command: &Command, catalog: &Catalog) -> Result<Outcome> {
    let Command::Throughput { model, gpu, gpus, tp, precision, engine, parallel, input, output, concurrency, format } =
        command
    else {
        unreachable!("called for `throughput` only")
    };
    let req = throughput::Request {
        model,
        gpu,
        gpus: *gpus,
        tp: *tp,
        precision: *precision,
        engine: *engine,
        parallel: *parallel,
        shape: crate::model::serving::Shape { input: *input, output: *output },
        concurrency: *concurrency,
        format: *format,
    };
    throughput::run(&req, catalog)
}
