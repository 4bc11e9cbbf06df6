//! What `simulate` draws beyond the distributions written in files, and what it holds fixed
//! (docs/model.md#simulation): a deployment's throughput is drawn within its worst error against its published runs;
//! traffic, token counts and any assumed catalog figure given as one number are held fixed, and
//! the "how sure" sentence says so.
use crate::keyword::Keyword;
use crate::scenario::{OptionKind, Scenario};
use crate::uncertain::Uncertain;
use serde::Serialize;

/// A deployment's throughput, drawn per sample as a multiplier of the physics model's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FittedThroughput {
    /// The deployment's catalog key.
    pub deployment: String,
    /// Worst |predicted / published throughput − 1| over its benchmark runs
    /// (docs/model.md#calibration-and-accuracy).
    pub fit_error: f64,
}

impl FittedThroughput {
    /// `(1 + e)^(2u − 1)` for `u` uniform in [0, 1): log-uniform between 1/(1 + e) and 1 + e, so
    /// the true rate may be off by the worst error's factor either way, with median 1 (the predicted
    /// figure every deterministic command uses).
    pub fn multiplier(&self, u: f64) -> f64 {
        (1.0 + self.fit_error).powf(2.0 * u - 1.0)
    }
}

/// Each fitted deployment the scenario's options use, once, in option order; a fit with no error
/// (two runs solved exactly) has no spread to draw.
pub fn fitted(s: &Scenario) -> Vec<FittedThroughput> {
    let mut out: Vec<FittedThroughput> = Vec::new();
    for o in &s.options {
        let OptionKind::SelfHosted(sh) = &o.kind else { continue };
        let Some(c) = crate::model::serving::calibrate::self_hosted(sh).filter(|c| c.worst_error > 0.0) else {
            continue;
        };
        if !out.iter().any(|d| d.deployment == sh.deployment.key) {
            out.push(FittedThroughput { deployment: sh.deployment.key.clone(), fit_error: c.worst_error });
        }
    }
    out
}

/// Scales the predicted throughput of every option running deployment `f` by `m`.
pub fn apply(s: &mut Scenario, f: &FittedThroughput, m: f64) {
    for o in &mut s.options {
        if let OptionKind::SelfHosted(sh) = &mut o.kind
            && sh.deployment.key == f.deployment
        {
            sh.throughput_scale *= m;
        }
    }
}

/// An input every draw of a simulation used at one value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "input", rename_all = "snake_case")]
pub enum Held {
    /// The month-1 request volume (`requests_per_month`, `_per_day` or `mean_rps`).
    TrafficVolume,
    /// A non-zero `growth_per_month`.
    Growth,
    /// The workloads' token counts.
    TokenCounts,
    /// An assumed catalog figure of an option, given as one number.
    Figure { option: String, figure: Figure },
}

/// The assumed catalog figures an option prices with (docs/model.md#uncertain-inputs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    ProvisionedThroughput,
    ProvisionedPrice,
    ReservedPrice,
    SelfHostedThroughput,
}

/// What the scenario's draws leave fixed: traffic and token counts the scenario gives as
/// numbers, then each option's assumed figures that neither a distribution nor a calibration error
/// spreads. Published token and instance prices are facts, not listed.
pub fn held_fixed(s: &Scenario, fitted: &[FittedThroughput]) -> Vec<Held> {
    let drawn = |section: &str, fields: &[&str]| {
        s.uncertain.iter().any(|u| u.keys.first().is_some_and(|k| k == section) && fields.contains(&last(u)))
    };
    let mut out = Vec::new();
    if !drawn("traffic", &["requests_per_month", "requests_per_day", "mean_rps"]) {
        out.push(Held::TrafficVolume);
    }
    if s.traffic.growth_per_month != 0.0 && !drawn("traffic", &["growth_per_month"]) {
        out.push(Held::Growth);
    }
    let tokens = ["input_tokens", "output_tokens", "system_prompt_tokens", "thought_tokens", "tool_result_tokens"];
    if !drawn("workload", &tokens) {
        out.push(Held::TokenCounts);
    }
    for o in &s.options {
        for &figure in figures(&o.kind) {
            if !catalog_drawn(s, &o.kind, figure, fitted) {
                out.push(Held::Figure { option: o.name.clone(), figure });
            }
        }
    }
    out
}

fn last(u: &Uncertain) -> &str {
    u.keys.last().map_or("", String::as_str)
}

/// The assumed figures `kind` prices with.
fn figures(kind: &OptionKind) -> &'static [Figure] {
    match kind {
        // A vendor's units are priced from its published figures, which take no ranges.
        OptionKind::Provisioned { offer: Some(_), .. } => &[],
        OptionKind::Provisioned { .. } => &[Figure::ProvisionedThroughput, Figure::ProvisionedPrice],
        OptionKind::Reserved { .. } => &[Figure::ReservedPrice],
        OptionKind::SelfHosted(_) => &[Figure::SelfHostedThroughput],
        OptionKind::OnDemand { .. } => &[],
    }
}

/// True when some draw spreads `figure` of `kind`: a catalog distribution of that figure for
/// its model (and term) or deployment, or the deployment's error against its runs.
fn catalog_drawn(s: &Scenario, kind: &OptionKind, figure: Figure, fitted: &[FittedThroughput]) -> bool {
    let matches = |u: &Uncertain| {
        let keys: Vec<&str> = u.keys.iter().map(String::as_str).collect();
        let entry = u.entry.as_deref().unwrap_or("");
        match (kind, figure, keys.as_slice()) {
            (
                OptionKind::Provisioned { model, .. },
                Figure::ProvisionedThroughput,
                ["model", "provisioned", "input_tpm_per_mu" | "output_tpm_per_mu"],
            ) => model.key == entry,
            (
                OptionKind::Provisioned { model, term, .. },
                Figure::ProvisionedPrice,
                ["model", "provisioned", "usd_per_mu_hour", t],
            ) => model.key == entry && *t == term.as_str(),
            (OptionKind::Reserved { model, term, .. }, Figure::ReservedPrice, ["model", "reserved", _, t]) => {
                model.key == entry && *t == term.as_str()
            }
            _ => false,
        }
    };
    let fit = matches!(kind, OptionKind::SelfHosted(sh) if fitted.iter().any(|f| f.deployment == sh.deployment.key));
    fit || s.catalog_uncertain.iter().any(matches)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_multiplier_spans_the_fit_error_either_way_with_median_one() {
        // e = 1: u = 0 → 2^−1 = 0.5, u = 0.5 → 2^0 = 1, u = 0.9 → 2^0.8 = 1.741101.
        let f = FittedThroughput { deployment: "d".into(), fit_error: 1.0 };
        assert_eq!((f.multiplier(0.0), f.multiplier(0.5)), (0.5, 1.0));
        assert!((f.multiplier(0.9) - 1.741_101_126_592_248).abs() < 1e-12);
        // e = 1.32 (the 132 % of a long-context fit): bounds 1/2.32 = 0.431034 and 2.32.
        let g = FittedThroughput { fit_error: 1.32, ..f };
        assert!((g.multiplier(0.0) - 1.0 / 2.32).abs() < 1e-12 && (g.multiplier(1.0) - 2.32).abs() < 1e-12);
    }
}
