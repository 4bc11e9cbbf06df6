//! What to check before acting on an option (docs/model.md#recommendation), as data: the
//! rendering layer (`report::findings`) writes the words.
use crate::catalog::Tier;
use crate::model::offers::quota::QuotaFinding;
use crate::model::{Member, OptionEstimate};
use crate::scenario::OptionKind;
use serde::Serialize;

/// A default quota that throttles at least this share of calls in some month is a caveat.
const THROTTLED: f64 = 0.01;

/// What to check before acting on a recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CaveatKind {
    /// The default on-demand quota throttles ≥ 1 % of calls in some month.
    Throttled,
    /// It runs another model than the first on-demand option.
    OtherModel,
    /// Its cost rests on catalog figures nobody publishes.
    Assumed,
    /// A capacity option whose best purchase is nothing: on demand under another name.
    BuysNothing,
    /// Its model is legacy: superseded, or scheduled for retirement after the horizon.
    LegacyModel,
    /// Its model's end of life falls inside the horizon (docs/model.md#lifecycle).
    EndsInHorizon,
    /// Its on-demand prices change on a date inside the horizon (docs/model.md#start-month).
    PriceChanges,
    /// Its model is past its end of life, priced with `allow_retired = true`.
    Retired,
    /// A `[client]` timeout cuts ≥ 1 % of some workload's requests on it.
    TimedOut,
}

/// What to check before acting on an option, with the figures a reader needs. Serialised as
/// data; the JSON renderer writes `{"kind", "text"}` in its place.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Caveat {
    /// The default quota throttles `share` of calls in `month` (1-based), its worst: of the
    /// option's own calls (`on_demand`), or of those above its capacity that it sends on demand.
    Throttled { on_demand: bool, share: f64, month: u32, recommended_rpm: f64, recommended_tpm: f64 },
    /// It runs `model`, not the `reference` the scenario's first on-demand option runs.
    OtherModel { model: String, reference: String },
    /// The assumed catalog figures its cost rests on (never empty).
    Assumed(Vec<Assumed>),
    /// A capacity option whose best purchase is nothing.
    BuysNothing,
    /// Its model is legacy, with its end of life when the catalog gives one.
    Legacy { model: String, end_of_life: Option<String> },
    /// Its model is retired or ends inside the horizon.
    Lifecycle(crate::scenario::Lifecycle),
    /// Option `option`'s on-demand prices change inside the horizon.
    PriceChange {
        option: String,
        #[serde(skip)]
        shift: crate::scenario::PriceShift,
    },
    /// The shortest `[client]` timeout, `limit` (named `timeout`), cuts `share` of `workload`'s
    /// requests on it (docs/model.md#latency-and-timeouts), with the fixes.
    TimedOut { workload: String, timeout: String, limit_s: f64, share: f64, fixes: Vec<crate::model::latency::Fix> },
    /// A caveat of one member of a plan.
    OfMember(Member, Box<Caveat>),
}

impl Caveat {
    pub fn kind(&self) -> CaveatKind {
        use crate::scenario::Lifecycle;
        match self {
            Caveat::Throttled { .. } => CaveatKind::Throttled,
            Caveat::OtherModel { .. } => CaveatKind::OtherModel,
            Caveat::Assumed(_) => CaveatKind::Assumed,
            Caveat::BuysNothing => CaveatKind::BuysNothing,
            Caveat::Legacy { .. } => CaveatKind::LegacyModel,
            Caveat::Lifecycle(Lifecycle::Retired { .. }) => CaveatKind::Retired,
            Caveat::Lifecycle(Lifecycle::Ends { .. }) => CaveatKind::EndsInHorizon,
            Caveat::PriceChange { .. } => CaveatKind::PriceChanges,
            Caveat::TimedOut { .. } => CaveatKind::TimedOut,
            Caveat::OfMember(_, c) => c.kind(),
        }
    }
}

/// A catalog figure marked assumed, by model (or instance, or deployment) key.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Assumed {
    OnDemandPrices(String),
    TierMultiplier(String, Tier),
    MuHourPrice(String),
    MuThroughput(String),
    /// A vendor's unit price (model key, unit) nobody publishes.
    UnitPrice(String, String),
    /// A vendor's throughput per unit (model key, unit) nobody publishes.
    UnitThroughput(String, String),
    ReservedPrices(String),
    InstancePrice(String),
    Throughput(String),
}

/// Something the reader should know that is not an error (the estimate's `warnings`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Warning {
    /// A lifecycle or price-change caveat of some option, said once.
    Caveat(Caveat),
    /// A workload without `max_tokens` where a quota is checked.
    NoMaxTokens { workload: String },
}

/// Facts about an option the caveats need, beyond its estimate.
pub struct Facts {
    /// When it runs another model than the first eligible on-demand option listed:
    /// (its model, that option's).
    pub other_model: Option<(String, String)>,
    /// The option's quota findings: of its own traffic (on demand), or of the traffic above its
    /// capacity that it sends on demand (capacity options).
    pub quota: Option<QuotaFinding>,
    /// The assumed catalog figures its cost rests on.
    pub assumed: Vec<Assumed>,
    /// When its model is legacy, ends inside the horizon or is retired: what to say about it.
    pub legacy: Option<Caveat>,
    /// Each change of its on-demand prices inside the horizon.
    pub price_changes: Vec<Caveat>,
    /// Its latency rows on the workloads it serves (docs/model.md#latency-and-timeouts).
    pub latency: Vec<crate::model::latency::LatencyRow>,
}

/// What to check before acting on an option (or a plan's member): from its estimate and facts.
pub fn caveats(o: &OptionEstimate, f: &Facts) -> Vec<Caveat> {
    let mut out = Vec::new();
    if let Some(q) = &f.quota
        && let Some((month, share)) =
            q.throttled_share.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1)).filter(|(_, s)| **s >= THROTTLED)
    {
        out.push(Caveat::Throttled {
            on_demand: o.kind == crate::model::Kind::OnDemand,
            share: *share,
            month: month as u32 + 1,
            recommended_rpm: q.recommended_rpm,
            recommended_tpm: q.recommended_tpm,
        });
    }
    if let Some((model, reference)) = &f.other_model {
        out.push(Caveat::OtherModel { model: model.clone(), reference: reference.clone() });
    }
    if !f.assumed.is_empty() {
        out.push(Caveat::Assumed(f.assumed.clone()));
    }
    if o.buys_nothing {
        out.push(Caveat::BuysNothing);
    }
    out.extend(f.latency.iter().filter_map(timed_out));
    out.extend(f.legacy.clone());
    out.extend(f.price_changes.iter().cloned());
    out
}

/// The shortest timeout's cut of a latency row, when it cuts at least 1 % of its requests.
fn timed_out(r: &crate::model::latency::LatencyRow) -> Option<Caveat> {
    let t = r.timeouts.first().filter(|t| t.share_cut >= THROTTLED)?;
    Some(Caveat::TimedOut {
        workload: r.workload.clone(),
        timeout: t.name.clone(),
        limit_s: t.limit_s,
        share: t.share_cut,
        fixes: r.fixes.clone(),
    })
}

/// A caveat for each change of an option's on-demand prices inside the horizon.
pub fn price_changes(option: &crate::scenario::PlanOption) -> Vec<Caveat> {
    option.price_shifts.iter().map(|s| Caveat::PriceChange { option: option.name.clone(), shift: s.clone() }).collect()
}

/// The model an option runs, as a reader names it: the catalog key, or the deployment's model.
pub fn option_model(kind: &OptionKind) -> Option<String> {
    match kind {
        OptionKind::SelfHosted(sh) => Some(sh.deployment.model.clone()),
        k => k.model().map(|m| m.key.clone()),
    }
}

/// (this option's model, the reference's) when they differ. Catalog models are compared by
/// key; a deployment's free-text model ("Llama 3.1 8B Instruct (FP8, …)") counts as the same
/// model when it starts with the catalog model's name, letters and digits compared.
pub fn other_model(kind: &OptionKind, reference: Option<&crate::catalog::Model>) -> Option<(String, String)> {
    let r = reference?;
    let fold = |s: &str| s.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
    let same = match kind {
        OptionKind::SelfHosted(sh) => fold(&sh.deployment.model).starts_with(&fold(&r.name)),
        k => k.model().is_some_and(|m| m.key == r.key),
    };
    (!same).then(|| (option_model(kind).unwrap_or_default(), r.key.clone()))
}

/// The catalog figures marked assumed that an option's cost rests on, named for a reader.
pub fn assumed_figures(kind: &OptionKind) -> Vec<Assumed> {
    let mut out = Vec::new();
    if let Some(m) = kind.model()
        && m.provenance.assumed
    {
        out.push(Assumed::OnDemandPrices(m.key.clone()));
    }
    match kind {
        OptionKind::OnDemand { model, tier, .. } => {
            if model.tiers.get(tier).is_some_and(|t| t.provenance.assumed) {
                out.push(Assumed::TierMultiplier(model.key.clone(), *tier));
            }
        }
        OptionKind::Provisioned { model, offer: Some(u), .. } => {
            if u.price.assumed {
                out.push(Assumed::UnitPrice(model.key.clone(), u.unit.clone()));
            }
            if u.throughput_assumed {
                out.push(Assumed::UnitThroughput(model.key.clone(), u.unit.clone()));
            }
        }
        OptionKind::Provisioned { model, .. } => {
            if let Some(p) = &model.provisioned {
                if p.provenance.assumed {
                    out.push(Assumed::MuHourPrice(model.key.clone()));
                }
                if p.throughput_assumed {
                    out.push(Assumed::MuThroughput(model.key.clone()));
                }
            }
        }
        OptionKind::Reserved { model, .. } => {
            if model.reserved.as_ref().is_some_and(|r| r.provenance.assumed) {
                out.push(Assumed::ReservedPrices(model.key.clone()));
            }
        }
        OptionKind::SelfHosted(sh) => {
            if sh.instance.provenance.assumed {
                out.push(Assumed::InstancePrice(sh.instance.key.clone()));
            }
            if sh.deployment.provenance.assumed {
                out.push(Assumed::Throughput(sh.deployment.key.clone()));
            }
        }
    }
    out
}

/// What to say of an option's model's lifecycle: retired, ending inside the horizon
/// (docs/model.md#lifecycle), or legacy; `None` for an active model with no end in sight.
pub fn lifecycle_note(option: &crate::scenario::PlanOption) -> Option<Caveat> {
    if let Some(l) = &option.lifecycle {
        return Some(Caveat::Lifecycle(l.clone()));
    }
    let m = option.kind.model().filter(|m| m.status == crate::catalog::Status::Legacy)?;
    Some(Caveat::Legacy { model: m.key.clone(), end_of_life: m.end_of_life.clone() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::analysis::recommend::tests::option;

    fn no_facts(_: &OptionEstimate) -> Facts {
        Facts {
            other_model: None,
            quota: None,
            assumed: Vec::new(),
            legacy: None,
            price_changes: Vec::new(),
            latency: Vec::new(),
        }
    }

    #[test]
    fn a_capacity_option_that_buys_nothing_says_so() {
        let mut o = option("pt", 10.0, true);
        o.buys_nothing = true;
        assert_eq!(caveats(&o, &no_facts(&o)), [Caveat::BuysNothing]);
    }

    #[test]
    fn the_worst_throttled_month_of_at_least_one_percent_is_a_caveat() {
        let o = option("od", 10.0, true);
        let quota = |shares: Vec<f64>| QuotaFinding {
            option: "od".into(),
            tokens_per_invocation: 1_100.0,
            limit_per_min: Some(50.0),
            binding: crate::model::offers::quota::Binding::Rpm,
            throttled_share: shares,
            recommended_rpm: 120.0,
            recommended_tpm: 132_000.0,
            tighter: None,
        };
        // Months 1–3 throttle 0.2 %, 5 % and 3 %: month 2 is the worst, at 5 %.
        let f = Facts { quota: Some(quota(vec![0.002, 0.05, 0.03])), ..no_facts(&o) };
        let throttled = Caveat::Throttled {
            on_demand: true,
            share: 0.05,
            month: 2,
            recommended_rpm: 120.0,
            recommended_tpm: 132_000.0,
        };
        assert_eq!(caveats(&o, &f), [throttled]);
        // 0.9 % at worst is under the 1 % that makes a caveat.
        let f = Facts { quota: Some(quota(vec![0.009, 0.002])), ..no_facts(&o) };
        assert_eq!(caveats(&o, &f), []);
    }

    #[test]
    fn a_plan_member_s_caveat_keeps_its_kind() {
        let who = Member { option: "pt".into(), workloads: vec!["agent".into()] };
        let c = Caveat::OfMember(who, Box::new(Caveat::OtherModel { model: "a".into(), reference: "b".into() }));
        assert_eq!(c.kind(), CaveatKind::OtherModel);
    }
}
