//! The options the usage ran on, resolved against the catalog, and the plan `as-run` serving each
//! workload with its own (docs/usage.md#the-scenario-it-writes).
use super::super::{Group, Usage};
use super::quote;
use super::workloads::Named;
use crate::catalog::{Catalog, Endpoint, Standing, is_source_region};
use crate::keyword::Keyword;
use std::fmt::Write;

/// An on-demand option as it ran: a catalog model at an endpoint, from a region.
#[derive(Debug, Clone, PartialEq)]
pub struct AsRun {
    pub key: String,
    pub endpoint: Endpoint,
    pub region: String,
    /// Past its end of life on the catalog's day: priced with `allow_retired = true`, for history.
    pub retired: bool,
}

/// A model id as a log writes it → the catalog model, the endpoint its prefix calls and the
/// region it was called from; or why the catalog cannot price it. An ARN is stripped to its id
/// (`…:foundation-model/ID`, `…:inference-profile/ID`); `us.`, `eu.`, `apac.`… call a geographic
/// profile, `global.` the global one, none the model in its region.
pub fn resolve(catalog: &Catalog, model_id: &str, region: Option<&str>) -> Result<AsRun, String> {
    let id = if model_id.starts_with("arn:") { model_id.rsplit('/').next().unwrap_or(model_id) } else { model_id };
    let unknown = || format!("model {model_id} is not in the catalog: add it or price this workload by hand");
    let (model, prefix) = catalog.resolve(id).ok_or_else(unknown)?;
    let endpoint = prefix.map_or(Endpoint::InRegion, Endpoint::of_profile);
    if let Some(p) = prefix.filter(|p| !model.profiles.iter().any(|q| q == p)) {
        return Err(format!(
            "model {model_id}: the catalog has no `{p}.` profile for `{}`: add it or price this workload by hand",
            model.key
        ));
    }
    let region = region.unwrap_or(&model.region).to_string();
    if let Some(p) = prefix.filter(|_| endpoint == Endpoint::Geo).filter(|p| !is_source_region(p, &region)) {
        return Err(format!("model {model_id} called from {region}, outside the `{p}.` profile's geography"));
    }
    model.prices(endpoint, &region).map_err(|why| format!("model {model_id} in {region}: {why}"))?;
    let retired = model.standing(catalog.today()) == Standing::Retired;
    Ok(AsRun { key: model.key.clone(), endpoint, region, retired })
}

/// The group's most-used model id (ties: the first in id order).
fn most_used(g: &Group) -> &str {
    let top = g.models.iter().fold(None, |best: Option<(&String, u64)>, (id, &n)| match best {
        Some((_, m)) if m >= n => best,
        _ => Some((id, n)),
    });
    top.map_or(g.model_id.as_str(), |(id, _)| id.as_str())
}

/// The `[[option]]`s and the `[[plan]] as-run`, or comments saying why a plan could not be written.
pub fn write(u: &Usage, catalog: &Catalog, names: &[Named]) -> String {
    let mut notes = String::new();
    let mut options: Vec<(String, AsRun)> = Vec::new();
    let mut serve: Vec<(&str, Option<String>)> = Vec::new();
    for n in names {
        let g = &u.groups[&n.group];
        let id = most_used(g);
        notes += &others(&n.workload, g, id);
        match resolve(catalog, id, g.region.as_deref()) {
            Ok(run) => serve.push((&n.workload, Some(option_name(&mut options, run)))),
            Err(why) => {
                let _ = writeln!(notes, "# workload {}: {why}", quote(&n.workload));
                serve.push((&n.workload, None));
            }
        }
    }
    let planned = serve.iter().all(|(_, o)| o.is_some()) && !serve.is_empty();
    let mut out = notes;
    if !out.is_empty() {
        out += "\n";
    }
    for (name, run) in &options {
        out += &option_text(name, run, planned);
    }
    if planned {
        let routes: Vec<String> =
            serve.iter().map(|(w, o)| format!("{} = {}", quote(w), quote(o.as_deref().unwrap_or_default()))).collect();
        let _ = writeln!(
            out,
            "[[plan]]\nname = \"as-run\" # each workload on the model it used\nserve = {{ {} }}",
            routes.join(", ")
        );
    } else {
        out += "# No [[plan]] \"as-run\": a plan must serve every workload, and a workload above has no option.\n";
    }
    out
}

/// The name of the option for `run`, adding it when new: "as-run KEY", and the endpoint and
/// region after it when one model ran at two.
fn option_name(options: &mut Vec<(String, AsRun)>, run: AsRun) -> String {
    if let Some((name, _)) = options.iter().find(|(_, r)| *r == run) {
        return name.clone();
    }
    let plain = format!("as-run {}", run.key);
    let name = if options.iter().any(|(n, _)| *n == plain) {
        format!("{plain} {} {}", run.endpoint.as_str(), run.region)
    } else {
        plain
    };
    options.push((name.clone(), run));
    name
}

fn option_text(name: &str, run: &AsRun, planned: bool) -> String {
    let mut o = format!(
        "[[option]]\nname = {}\nkind = \"on-demand\"\nmodel = {} # measured: the model the records name\nendpoint = \"{}\" # measured: from the model id's profile prefix\nregion = {} # measured: the records' region\n",
        quote(name),
        quote(&run.key),
        run.endpoint.as_str(),
        quote(&run.region)
    );
    if run.retired {
        o += "allow_retired = true # the model is past its end of life: priced at its last prices, as it ran\n";
    }
    o += if planned {
        "standalone = false # priced in the plan as-run\n\n"
    } else {
        "# priced over all traffic: no plan could be written (see above)\n\n"
    };
    o
}

/// A comment listing the other models a group (by tag) used, with their shares of its calls.
fn others(workload: &str, g: &Group, chosen: &str) -> String {
    let total: u64 = g.models.values().sum();
    let rest: Vec<String> = g
        .models
        .iter()
        .filter(|(id, _)| id.as_str() != chosen)
        .map(|(id, &n)| format!("{id} ({:.1} %)", 100.0 * n as f64 / total.max(1) as f64))
        .collect();
    if rest.is_empty() {
        return String::new();
    }
    format!(
        "# workload {} also used: {}; its option is its most-used model, {chosen}\n",
        quote(workload),
        rest.join(", ")
    )
}
