//! Every call must fit the model that serves it: its input and output within the model's
//! context window, its output within the model's output limit (docs/model.md#limits-of-the-inputs).
//! (Every catalog model carries its limits; an entry without them is refused when the catalog loads.)
use super::calls::calls;
use super::raw;
use super::*;
use crate::catalog::CallLimits;
use crate::format::thousands;
use crate::input::Checker;
use toml::Spanned;

/// Checks each workload against each model that may serve it: every option that stands alone,
/// and every plan member for the workloads routed to it; one message per workload and model.
pub(super) fn check(
    ck: &mut Checker,
    raw: &[Spanned<raw::Workload>],
    workloads: &[Workload],
    options: &[PlanOption],
    plans: &[Plan],
) {
    if raw.len() != workloads.len() {
        return;
    }
    kv(ck, raw, workloads, options);
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (o, _) in options.iter().enumerate().filter(|(_, o)| o.standalone) {
        pairs.extend((0..workloads.len()).map(|w| (w, o)));
    }
    for m in plans.iter().flat_map(|p| &p.members) {
        pairs.extend(m.workloads.iter().map(|&w| (w, m.option)));
    }
    let mut done: Vec<(usize, &str)> = Vec::new();
    for (w, o) in pairs {
        // None only after the catalog reported the missing limits.
        let Some((key, limits)) = limits_of(&options[o].kind) else { continue };
        if done.contains(&(w, key)) {
            continue;
        }
        done.push((w, key));
        one(ck, raw[w].get_ref(), &workloads[w], key, &limits);
    }
}

/// The key and call limits of the model behind an option: a catalog model's own, or for a
/// self-hosted deployment its open model's context (which bounds the output too).
fn limits_of(kind: &OptionKind) -> Option<(&str, CallLimits)> {
    match kind {
        OptionKind::OnDemand { model, .. }
        | OptionKind::Provisioned { model, .. }
        | OptionKind::Reserved { model, .. } => model.limits.clone().map(|l| (model.key.as_str(), l)),
        OptionKind::SelfHosted(sh) => {
            let window = sh.open_model.max_context;
            let source = Some(sh.open_model.provenance.source.clone());
            Some((
                sh.deployment.key.as_str(),
                CallLimits { context_window_tokens: window, max_output_tokens: window, source },
            ))
        }
    }
}

/// A self-hosted option's replica must hold the KV cache of the workload's largest call beside
/// the weights (docs/model.md#self-hosting-from-physics).
fn kv(ck: &mut Checker, raw: &[Spanned<raw::Workload>], workloads: &[Workload], options: &[PlanOption]) {
    for sh in options.iter().filter_map(|o| match &o.kind {
        OptionKind::SelfHosted(sh) => Some(sh),
        _ => None,
    }) {
        let d = &sh.deployment;
        let held = sh.open_model.kv_capacity_tokens(&sh.gpu, &sh.engine, d.precision, d.parallel, d.gpus_per_replica);
        for (r, w) in raw.iter().zip(workloads) {
            let Some(big) = calls(w).into_iter().map(|c| c.input + c.output).max_by(f64::total_cmp) else { continue };
            if big > held {
                ck.error(
                    &r.get_ref().input_tokens.span(),
                    format!(
                        "workload `{}`: its largest call is {} tokens, more KV cache than a replica of `{}` holds beside \
                         the weights ({} tokens)",
                        w.name,
                        thousands(big),
                        d.key,
                        thousands(held)
                    ),
                    "shorten the call, or self-host on a deployment with more GPU memory per replica",
                );
            }
        }
    }
}

fn one(ck: &mut Checker, r: &raw::Workload, w: &Workload, model: &str, limits: &CallLimits) {
    let all = calls(w);
    let window = limits.context_window_tokens as f64;
    if let Some(big) = all.iter().max_by(|a, b| (a.input + a.output).total_cmp(&(b.input + b.output)))
        && big.input + big.output > window
    {
        ck.error(
            &r.input_tokens.span(),
            format!(
                "workload `{}`: its largest call is {} tokens ({} in, {} out), more than the {}-token context \
                 window of `{model}`",
                w.name,
                thousands(big.input + big.output),
                thousands(big.input),
                thousands(big.output),
                thousands(window)
            ),
            format!(
                "bring the call within {} tokens (system prompt, history and retrieved chunks count), or serve \
                 `{}` with a model of a larger window",
                thousands(window),
                w.name
            ),
        );
    }
    let max_output = limits.max_output_tokens as f64;
    if let Some(out) = all.iter().map(|c| c.output).max_by(f64::total_cmp).filter(|o| *o > max_output) {
        // The answer's own field when it is the answer that is too long, else the agent's thoughts.
        let span = match &r.agent {
            Some(a) if w.output_tokens <= max_output => a.get_ref().thought_tokens.span(),
            _ => r.output_tokens.span(),
        };
        ck.error(
            &span,
            format!(
                "workload `{}`: a call writes {} tokens, more than the {} that `{model}` writes in one call",
                w.name,
                thousands(out),
                thousands(max_output)
            ),
            format!("write at most {} tokens a call, or serve `{}` with another model", thousands(max_output), w.name),
        );
    }
}
