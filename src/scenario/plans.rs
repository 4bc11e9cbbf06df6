//! `[[plan]]` entries → validated [`Plan`]s: every workload routed to exactly one option, names
//! that resolve, and `standalone = false` options that some plan uses (docs/model.md#plans).
use super::raw::{PlanEntry, ScenarioFile};
use super::*;
use crate::input::Checker;
use crate::suggest::did_you_mean;
use toml::Spanned;

pub(super) fn plans(ck: &mut Checker, raw: &ScenarioFile, workloads: &[Workload], options: &[PlanOption]) -> Vec<Plan> {
    // An option that failed to validate is missing from `options`: references to it would read
    // as unknown, so option names are checked only when every option came through.
    let complete = options.len() == raw.option.len();
    let mut out: Vec<Plan> = Vec::new();
    for p in &raw.plan {
        let entry = p.get_ref();
        let name = entry.name.get_ref();
        ck.printable(&entry.name.span(), name, "name");
        if name.trim().is_empty() {
            ck.error(
                &entry.name.span(),
                "a plan's `name` must not be empty",
                "name the plan, e.g. name = \"two-tier\"",
            );
        } else if out.iter().any(|x| &x.name == name) {
            ck.error(
                &entry.name.span(),
                format!("two plans are named \"{name}\""),
                "give one of them a different `name`",
            );
        } else if options.iter().any(|o| &o.name == name) {
            ck.error(
                &entry.name.span(),
                format!("plan \"{name}\" has the name of an [[option]]"),
                "rename the plan or the option: plans and options are listed, compared and recorded by name together",
            );
        }
        if let Some(plan) = plan(ck, entry, workloads, options, complete) {
            out.push(plan);
        }
    }
    if complete {
        unused_options(ck, raw, options, &out);
    }
    out
}

/// One plan's routing, or `None` when it has errors (reported).
fn plan(
    ck: &mut Checker,
    entry: &PlanEntry,
    workloads: &[Workload],
    options: &[PlanOption],
    complete: bool,
) -> Option<Plan> {
    let before = ck.diags.len();
    let mut routed: Vec<Option<usize>> = vec![None; workloads.len()];
    for (w, o) in entry.serve.get_ref() {
        let Some(wi) = workloads.iter().position(|x| x.name == *w.get_ref()) else {
            let names = workloads.iter().map(|x| x.name.as_str());
            ck.error(
                &w.span(),
                format!("plan \"{}\" serves `{}`, which is not a [[workload]]", entry.name.get_ref(), w.get_ref()),
                did_you_mean(w.get_ref(), names, "workloads"),
            );
            continue;
        };
        match options.iter().position(|x| x.name == *o.get_ref()) {
            Some(oi) => routed[wi] = Some(oi),
            None if complete => unknown_option(ck, o, options),
            None => {}
        }
    }
    let unserved: Vec<&str> =
        workloads.iter().zip(&routed).filter(|(_, r)| r.is_none()).map(|(w, _)| w.name.as_str()).collect();
    let named = entry.serve.get_ref().keys().map(|k| k.get_ref().as_str()).collect::<Vec<_>>();
    let missing: Vec<&str> = unserved.into_iter().filter(|w| !named.contains(w)).collect();
    if let Some(first) = missing.first() {
        let list: Vec<String> = missing.iter().map(|w| format!("`{w}`")).collect();
        ck.error(
            &entry.serve.span(),
            format!(
                "plan \"{}\" does not serve the workload{} {}",
                entry.name.get_ref(),
                plural(missing.len()),
                list.join(", ")
            ),
            format!("add e.g. `{first} = \"OPTION NAME\"` to `serve`: every workload is served exactly once"),
        );
    }
    if ck.diags.len() > before {
        return None;
    }
    let mut members: Vec<Member> = Vec::new();
    for (wi, oi) in routed.iter().enumerate() {
        let oi = (*oi)?;
        match members.iter_mut().find(|m| m.option == oi) {
            Some(m) => m.workloads.push(wi),
            None => members.push(Member { option: oi, workloads: vec![wi] }),
        }
    }
    Some(Plan { name: entry.name.get_ref().clone(), members })
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn unknown_option(ck: &mut Checker, o: &Spanned<String>, options: &[PlanOption]) {
    let names = options.iter().map(|x| x.name.as_str());
    ck.error(
        &o.span(),
        format!("no [[option]] is named \"{}\"", o.get_ref()),
        format!(
            "{} (a plan names options by their `name`, given or derived)",
            did_you_mean(o.get_ref(), names, "options")
        ),
    );
}

/// An option kept out of the comparison must serve in some plan, or it prices nothing.
fn unused_options(ck: &mut Checker, raw: &ScenarioFile, options: &[PlanOption], plans: &[Plan]) {
    for (i, (o, r)) in options.iter().zip(&raw.option).enumerate() {
        let used = plans.iter().any(|p| p.members.iter().any(|m| m.option == i));
        if let (false, false, Some(flag)) = (o.standalone, used, &r.get_ref().standalone) {
            ck.error(
                &flag.span(),
                format!("option \"{}\" has `standalone = false` but no [[plan]] uses it", o.name),
                "route a workload to it in a plan's `serve`, or remove `standalone = false` to price it over all traffic",
            );
        }
    }
}
