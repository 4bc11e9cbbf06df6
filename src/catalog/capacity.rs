//! Raw capacity entries → validated offers: Provisioned Throughput, the Reserved tier,
//! GPU instances and self-hosted deployments.
use super::convert::entry_provenance;
use super::raw;
use super::*;
use crate::input::Checker;
use crate::keyword::Keyword;
use crate::limits;
use toml::Spanned;

/// `{ name = price, … }` with every name a key `key_of` accepts (`None`: unknown, listed by
/// `known`) and every price a number within `range`.
fn price_table<K: Ord>(
    ck: &mut Checker,
    t: &Spanned<toml::Table>,
    key: &str,
    (key_of, known): (impl Fn(&str) -> Option<K>, &[&str]),
    range: limits::Range,
) -> BTreeMap<K, f64> {
    let mut out = BTreeMap::new();
    if t.get_ref().is_empty() {
        ck.error(&t.span(), format!("`{key}` lists no prices"), "give at least one, e.g. `{ 1-month = 63.0 }`");
    }
    for (name, v) in t.get_ref() {
        let Some(k) = key_of(name) else {
            ck.error(
                &t.span(),
                format!("`{key}` has an unknown term `{name}`"),
                // A term the offer does not sell is not a typo of one it does: list them.
                format!("terms are: {}", known.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ")),
            );
            continue;
        };
        let x = match v {
            toml::Value::Float(x) => *x,
            toml::Value::Integer(x) => *x as f64,
            _ => f64::NAN,
        };
        if !(x.is_finite() && x >= range.min && x <= range.max) {
            ck.error(
                &t.span(),
                format!(
                    "`{key}.{name}` must be a price from {} to {} {}, found {}",
                    limits::short(range.min),
                    limits::short(range.max),
                    range.unit,
                    if x.is_finite() { limits::short(x) } else { v.to_string() }
                ),
                "write a price in USD, e.g. 63.0",
            );
            continue;
        }
        out.insert(k, x);
    }
    out
}

/// Prices by term, each term one of `terms`.
fn term_prices(
    ck: &mut Checker,
    t: &Spanned<toml::Table>,
    key: &str,
    terms: &[Term],
    range: limits::Range,
) -> BTreeMap<Term, f64> {
    let key_of = |name: &str| Term::parse(name).filter(|t| terms.contains(t));
    price_table(ck, t, key, (key_of, &Term::names(terms)), range)
}

fn require_basis(ck: &mut Checker, assumed: bool, basis: &Option<String>, span: &std::ops::Range<usize>, table: &str) {
    if assumed && basis.as_deref().is_none_or(|b| b.trim().is_empty()) {
        ck.error(
            span,
            format!("{table} has assumed figures but no `basis`"),
            "add `basis = \"…\"`: how the figures were chosen, so readers can judge them",
        );
    }
}

pub(super) fn provisioned(ck: &mut Checker, p: &Spanned<raw::Provisioned>, entry: &Provenance) -> ProvisionedOffer {
    let r = p.get_ref();
    let provenance =
        entry_provenance(ck, &r.source, &r.retrieved, r.assumed.or(Some(entry.assumed)), r.private.as_ref(), entry);
    let throughput_assumed = *r.throughput_assumed.get_ref();
    require_basis(ck, provenance.assumed || throughput_assumed, &r.basis, &p.span(), "[model.provisioned]");
    ProvisionedOffer {
        usd_per_mu_hour: term_prices(
            ck,
            &r.usd_per_mu_hour,
            "usd_per_mu_hour",
            Term::PROVISIONED,
            limits::USD_PER_HOUR,
        ),
        input_tpm_per_mu: limits::check(ck, &r.input_tpm_per_mu, "input_tpm_per_mu", limits::TOKENS_PER_MINUTE),
        output_tpm_per_mu: limits::check(ck, &r.output_tpm_per_mu, "output_tpm_per_mu", limits::TOKENS_PER_MINUTE),
        provenance,
        throughput_assumed,
        basis: r.basis.clone(),
    }
}

pub(super) fn reserved(ck: &mut Checker, p: &Spanned<raw::Reserved>, entry: &Provenance) -> ReservedOffer {
    let r = p.get_ref();
    let provenance =
        entry_provenance(ck, &r.source, &r.retrieved, r.assumed.or(Some(entry.assumed)), r.private.as_ref(), entry);
    require_basis(ck, provenance.assumed, &r.basis, &p.span(), "[model.reserved]");
    let terms = Term::RESERVED;
    let input = term_prices(
        ck,
        &r.usd_per_1k_input_tpm_month,
        "usd_per_1k_input_tpm_month",
        terms,
        limits::USD_PER_1K_TPM_MONTH,
    );
    let output = term_prices(
        ck,
        &r.usd_per_1k_output_tpm_month,
        "usd_per_1k_output_tpm_month",
        terms,
        limits::USD_PER_1K_TPM_MONTH,
    );
    if input.keys().ne(output.keys()) {
        ck.error(
            &r.usd_per_1k_output_tpm_month.span(),
            "input and output reserved prices must list the same terms",
            "give both tables the same terms",
        );
    }
    ReservedOffer {
        usd_per_1k_input_tpm_month: input,
        usd_per_1k_output_tpm_month: output,
        min_input_tpm: limits::check(ck, &r.min_input_tpm, "min_input_tpm", limits::MIN_TOKENS_PER_MINUTE),
        min_output_tpm: limits::check(ck, &r.min_output_tpm, "min_output_tpm", limits::MIN_TOKENS_PER_MINUTE),
        provenance,
        basis: r.basis.clone(),
    }
}

pub(super) fn instance(ck: &mut Checker, i: &raw::Instance, file: &Provenance) -> Instance {
    Instance {
        key: i.key.get_ref().clone(),
        gpus: ck.whole(&i.gpus, "gpus", 1),
        gpu: i.gpu.clone(),
        usd_per_hour: price_table(
            ck,
            &i.usd_per_hour,
            "usd_per_hour",
            (|n: &str| Some(n.to_string()), &[]),
            limits::USD_PER_HOUR,
        ),
        provenance: entry_provenance(ck, &i.source, &i.retrieved, i.assumed, i.private.as_ref(), file),
        note: i.note.clone(),
        file: ck.file.path.clone(),
    }
}

pub(super) fn deployment(ck: &mut Checker, d: &raw::Deployment, file: &Provenance) -> Deployment {
    let provenance = entry_provenance(ck, &d.source, &d.retrieved, d.assumed, d.private.as_ref(), file);
    let (prefill_tokens_per_s, decode_tokens_per_s, fitted) = throughput(ck, d);
    Deployment {
        key: d.key.get_ref().clone(),
        model: d.model.clone(),
        instance: d.instance.get_ref().clone(),
        prefill_tokens_per_s,
        decode_tokens_per_s,
        fitted,
        provenance,
        derivation: d.derivation.clone(),
        file: ck.file.path.clone(),
    }
}

/// P and D of a deployment, in the unit of its table: fitted to its `runs`, or given with a
/// `derivation`; 1 token/s each (with an error reported) when neither holds.
fn throughput(ck: &mut Checker, d: &raw::Deployment) -> (f64, f64, Option<Fitted>) {
    let key = d.key.get_ref();
    match (&d.runs, &d.prefill_tokens_per_s, &d.decode_tokens_per_s) {
        (Some(runs), None, None) => match fitted(ck, d, runs) {
            Some((f, fitted)) => (f.prefill_tokens_per_s, f.decode_tokens_per_s, Some(fitted)),
            None => (1.0, 1.0, None),
        },
        (Some(runs), _, _) => {
            ck.error(
                &runs.span(),
                format!("deployment `{key}` gives both `runs` and explicit prefill/decode rates"),
                "keep `runs` (P and D are fitted to them) or the two rates, not both",
            );
            (1.0, 1.0, None)
        }
        (None, Some(p), Some(dd)) => {
            if d.derivation.as_deref().is_none_or(|s| s.trim().is_empty()) {
                ck.error(
                    &d.key.span(),
                    format!("deployment `{key}` has no `derivation`"),
                    "add `derivation = \"…\"`: the benchmark runs and the arithmetic that give P and D",
                );
            }
            if d.runs_unit.is_some() || d.gpus_per_run.is_some() {
                ck.error(
                    &d.key.span(),
                    format!("deployment `{key}` has `runs_unit` or `gpus_per_run` but no `runs`"),
                    "list the runs (`runs = [{ input = …, output = …, output_tokens_per_s = … }, …]`) or drop those keys",
                );
            }
            (
                limits::check(ck, p, "prefill_tokens_per_s", limits::TOKENS_PER_SECOND),
                limits::check(ck, dd, "decode_tokens_per_s", limits::TOKENS_PER_SECOND),
                None,
            )
        }
        (None, _, _) => {
            ck.error(
                &d.key.span(),
                format!("deployment `{key}` has no throughput"),
                "list the benchmark's `runs` (with `runs_unit`), or give both `prefill_tokens_per_s` and \
                 `decode_tokens_per_s` with a `derivation`",
            );
            (1.0, 1.0, None)
        }
    }
}

/// Validates the runs and fits P and D to them, in the table's unit (scaled to the instance
/// once it is known: [`scale_to_instance`]).
fn fitted(ck: &mut Checker, d: &raw::Deployment, runs: &Spanned<Vec<Spanned<raw::Run>>>) -> Option<(fit::Fit, Fitted)> {
    let key = d.key.get_ref();
    let unit = match &d.runs_unit {
        Some(u) => ck.keyword::<RunsUnit>(u, "runs_unit"),
        None => {
            ck.error(
                &runs.span(),
                format!("deployment `{key}` lists runs but no `runs_unit`"),
                "say what the table's throughput counts: `runs_unit = \"per-gpu\"` (TensorRT-LLM 1.x), \
                 \"per-run\" (the total of the run's `gpus_per_run` GPUs) or \"per-instance\"",
            );
            return None;
        }
    }?;
    let gpus_per_run = d.gpus_per_run.as_ref().map(|g| ck.whole(g, "gpus_per_run", 1));
    if unit == RunsUnit::PerRun && gpus_per_run.is_none() {
        ck.error(
            &d.runs_unit.as_ref()?.span(),
            format!("deployment `{key}` counts throughput per run but has no `gpus_per_run`"),
            "add `gpus_per_run = N`: how many GPUs one run used (its TP × PP group)",
        );
        return None;
    }
    let parsed = parse_runs(ck, key, runs)?;
    let f = match fit::fit(&parsed) {
        Ok(f) => f,
        Err(problem) => {
            let (message, help) = fit_problem(key, problem);
            ck.error(&runs.span(), message, help);
            return None;
        }
    };
    Some((f, Fitted { runs: parsed, unit, gpus_per_run, fit_error: f.fit_error }))
}

/// The benchmark runs of deployment `key`, each figure above zero.
fn parse_runs(ck: &mut Checker, key: &str, runs: &Spanned<Vec<Spanned<raw::Run>>>) -> Option<Vec<fit::Run>> {
    let before = ck.diags.len();
    let parsed: Vec<fit::Run> = runs
        .get_ref()
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let r = r.get_ref();
            let mut positive = |v: &Spanned<f64>, name: &str| {
                let x = *v.get_ref();
                if !(x.is_finite() && x > 0.0) {
                    ck.error(
                        &v.span(),
                        format!("run {} of `{key}`: `{name}` must be a positive number, found {x}", i + 1),
                        "copy the figure as the benchmark publishes it: token counts and throughputs are above zero",
                    );
                }
                x
            };
            fit::Run {
                input_tokens: positive(&r.input, "input"),
                output_tokens: positive(&r.output, "output"),
                output_tokens_per_s: positive(&r.output_tokens_per_s, "output_tokens_per_s"),
            }
        })
        .collect();
    (ck.diags.len() == before).then_some(parsed)
}

fn fit_problem(key: &str, problem: fit::FitProblem) -> (String, String) {
    let more = "add a run with a different input/output ratio (e.g. 128/2048 or 8192/1024), or give \
                `prefill_tokens_per_s` and `decode_tokens_per_s` with a `derivation`";
    match problem {
        fit::FitProblem::TooFewRuns(n) => (
            format!(
                "deployment `{key}` lists {n} run{}; fitting P and D needs at least 2",
                if n == 1 { "" } else { "s" }
            ),
            format!("list every run of the benchmark table; {more}"),
        ),
        fit::FitProblem::IllConditioned { condition } => (
            format!(
                "deployment `{key}`: the runs' input/output ratios are too alike to tell prefill from decode \
                 (condition number {}, above {})",
                if condition.is_finite() { format!("{condition:.1}") } else { "infinite".to_string() },
                fit::MAX_CONDITION
            ),
            more.to_string(),
        ),
        fit::FitProblem::NoPrefillCost => (
            format!("deployment `{key}`: the best fit gives prefill no cost (P would be infinite)"),
            format!("the runs do not measure prefill; {more}"),
        ),
        fit::FitProblem::NoDecodeCost => (
            format!("deployment `{key}`: the best fit gives decode no cost (D would be infinite)"),
            format!("the runs do not measure decode; {more}"),
        ),
    }
}

/// Turns rates in the table's unit into whole-instance rates: a per-GPU figure × the instance's
/// GPUs; a per-run figure × the runs that fit on it (instance GPUs / `gpus_per_run`).
pub(super) fn scale_to_instance(d: &mut Deployment, instance: &Instance) -> Result<(), (String, String)> {
    let Some(f) = &d.fitted else { return Ok(()) };
    let gpus = instance.gpus;
    let group = match f.unit {
        RunsUnit::PerGpu => f.gpus_per_run.unwrap_or(1),
        RunsUnit::PerRun => f.gpus_per_run.unwrap_or(gpus),
        RunsUnit::PerInstance => f.gpus_per_run.unwrap_or(gpus),
    };
    let fits = match f.unit {
        RunsUnit::PerInstance => group == gpus,
        RunsUnit::PerGpu | RunsUnit::PerRun => group <= gpus && gpus.is_multiple_of(group),
    };
    if !fits {
        return Err((
            format!(
                "deployment `{}`: a run uses {group} GPUs, which does not divide `{}`'s {gpus} GPUs",
                d.key, instance.key
            ),
            match f.unit {
                RunsUnit::PerInstance => "a per-instance figure must come from a run on the whole instance; \
                                          use `runs_unit = \"per-run\"` for a smaller group"
                    .to_string(),
                RunsUnit::PerGpu | RunsUnit::PerRun => {
                    format!("choose an instance whose GPU count is a multiple of {group}, or check `gpus_per_run`")
                }
            },
        ));
    }
    let factor = match f.unit {
        RunsUnit::PerGpu => f64::from(gpus),
        RunsUnit::PerRun => f64::from(gpus / group),
        RunsUnit::PerInstance => 1.0,
    };
    d.prefill_tokens_per_s *= factor;
    d.decode_tokens_per_s *= factor;
    Ok(())
}
