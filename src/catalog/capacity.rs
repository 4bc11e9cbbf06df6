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
    let key = d.key.get_ref();
    let gpus_per_replica = d.gpus_per_run.as_ref().map_or(1, |g| ck.whole(g, "gpus_per_run", 1));
    let measured = d.runs.as_ref().and_then(|runs| measured(ck, d, runs));
    if d.runs.is_none() && d.runs_unit.is_some() {
        ck.error(
            &d.key.span(),
            format!("deployment `{key}` has `runs_unit` but no `runs`"),
            "list the runs (`runs = [{ input = …, output = …, output_tokens_per_s = … }, …]`) or drop `runs_unit`",
        );
    }
    Deployment {
        key: key.clone(),
        model: d.model.clone(),
        instance: d.instance.get_ref().clone(),
        open_model: d.open_model.get_ref().clone(),
        precision: ck.keyword(&d.precision, "precision").unwrap_or(Precision::Fp16),
        engine: ck.keyword(&d.engine, "engine").unwrap_or(EngineKind::TrtLlm),
        parallel: d.parallel.as_ref().and_then(|p| ck.keyword(p, "parallel")).unwrap_or(Parallel::Tp),
        gpus_per_replica,
        measured,
        provenance,
        derivation: d.derivation.clone(),
        file: ck.file.path.clone(),
    }
}

/// Validates the runs, in the table's unit (converted to one replica once the instance is known:
/// [`scale_to_instance`]).
fn measured(ck: &mut Checker, d: &raw::Deployment, runs: &Spanned<Vec<Spanned<raw::Run>>>) -> Option<Measured> {
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
    if unit == RunsUnit::PerRun && d.gpus_per_run.is_none() {
        ck.error(
            &d.runs_unit.as_ref()?.span(),
            format!("deployment `{key}` counts throughput per run but has no `gpus_per_run`"),
            "add `gpus_per_run = N`: how many GPUs one run used (its TP × PP group)",
        );
        return None;
    }
    Some(Measured { runs: parse_runs(ck, key, runs)?, unit })
}

/// The benchmark runs of deployment `key`, each figure above zero.
fn parse_runs(ck: &mut Checker, key: &str, runs: &Spanned<Vec<Spanned<raw::Run>>>) -> Option<Vec<Run>> {
    let before = ck.diags.len();
    let parsed: Vec<Run> = runs
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
            Run {
                input_tokens: positive(&r.input, "input"),
                output_tokens: positive(&r.output, "output"),
                output_tokens_per_s: positive(&r.output_tokens_per_s, "output_tokens_per_s"),
            }
        })
        .collect();
    if parsed.is_empty() {
        ck.error(&runs.span(), format!("deployment `{key}` lists no runs"), "list the benchmark's runs, or drop `runs`");
    }
    (ck.diags.len() == before).then_some(parsed)
}

/// Checks the replica fits the instance and turns the runs into one replica's throughput: a
/// per-GPU figure × the replica's GPUs; a per-run figure as it is; a per-instance figure ÷ the
/// replicas on the instance.
pub(super) fn scale_to_instance(d: &mut Deployment, instance: &Instance) -> Result<(), (String, String)> {
    let gpus = instance.gpus;
    let group = d.gpus_per_replica;
    if group > gpus || !gpus.is_multiple_of(group) {
        return Err((
            format!("deployment `{}`: a replica uses {group} GPUs, which does not divide `{}`'s {gpus} GPUs", d.key, instance.key),
            format!("choose an instance whose GPU count is a multiple of {group}, or check `gpus_per_run`"),
        ));
    }
    let Some(m) = &mut d.measured else { return Ok(()) };
    let factor = match m.unit {
        RunsUnit::PerGpu => f64::from(group),
        RunsUnit::PerRun => 1.0,
        RunsUnit::PerInstance => f64::from(group) / f64::from(gpus),
    };
    for r in &mut m.runs {
        r.output_tokens_per_s *= factor;
    }
    Ok(())
}
