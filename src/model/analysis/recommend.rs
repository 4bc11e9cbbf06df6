//! The recommendation (docs/model.md#recommendation): the eligible option with the lowest
//! horizon total, and what to check before acting on it. Caveats are data: the rendering layer
//! (`report::findings`) writes their words.
use crate::catalog::Tier;
use crate::model::offers::quota::QuotaFinding;
use crate::model::plan::PlanEstimate;
use crate::model::{Member, OptionEstimate};
use crate::scenario::OptionKind;
use serde::Serialize;

/// Totals within this many dollars are a tie; the option listed first wins it.
const TIE_USD: f64 = 0.01;

/// Whether two totals (USD) are a tie: within a cent of each other.
pub fn tied(a: f64, b: f64) -> bool {
    a <= b + TIE_USD && b <= a + TIE_USD
}

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

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recommendation {
    /// The option's name.
    pub option: String,
    /// Its total over the horizon, USD.
    pub total_usd: f64,
    /// The next cheapest eligible option, if any.
    pub next: Option<String>,
    /// How much less than `next` it costs over the horizon, USD and per cent of `next`'s total
    /// (every `_pct` field is per cent: 23.7, not 0.237).
    pub saving_vs_next_usd: Option<f64>,
    pub saving_vs_next_pct: Option<f64>,
    pub caveats: Vec<Caveat>,
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
}

/// A candidate for the recommendation: an option, or a plan (docs/model.md#plans).
pub struct Entry<'a> {
    pub name: &'a str,
    /// USD over the horizon.
    pub total_usd: f64,
    pub eligible: bool,
}

/// The cheapest eligible candidate (options first, then plans); ties within a cent go to the one
/// listed first. `caveats` says what to check before acting on the winner.
pub fn recommend(entries: &[Entry], caveats: impl Fn(&str) -> Vec<Caveat>) -> Option<Recommendation> {
    let eligible: Vec<&Entry> = entries.iter().filter(|o| o.eligible).collect();
    let cheapest = eligible.iter().map(|o| o.total_usd).fold(f64::INFINITY, f64::min);
    let best = *eligible.iter().find(|o| tied(o.total_usd, cheapest))?;
    // The next cheapest: the lowest total among the others, the first listed on ties.
    let next = eligible.iter().filter(|o| o.name != best.name).fold(None::<&&Entry>, |acc, o| match acc {
        Some(a) if a.total_usd <= o.total_usd => Some(a),
        _ => Some(o),
    });
    let saving = next.map(|n| n.total_usd - best.total_usd);
    Some(Recommendation {
        option: best.name.to_string(),
        total_usd: best.total_usd,
        next: next.map(|n| n.name.to_string()),
        saving_vs_next_usd: saving,
        saving_vs_next_pct: next
            .zip(saving)
            .map(|(n, s)| if n.total_usd > 0.0 { s / n.total_usd * 100.0 } else { 0.0 }),
        caveats: caveats(best.name),
    })
}

/// What routing saves: the cheapest eligible plan against the cheapest eligible single option.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Routing {
    pub plan: String,
    /// The cheapest eligible option.
    pub vs_option: String,
    /// The option's horizon total less the plan's, USD (negative: the plan costs more).
    pub saving_usd: f64,
    /// That saving in per cent of the option's total (23.7, not 0.237).
    pub saving_pct: f64,
}

/// The cheapest eligible plan against the cheapest eligible option, the first listed on ties.
pub fn routing(options: &[OptionEstimate], plans: &[PlanEstimate]) -> Option<Routing> {
    fn first_cheapest(xs: Vec<(&str, f64)>) -> Option<(&str, f64)> {
        xs.into_iter().fold(None, |acc, x| match acc {
            Some(a) if a.1 <= x.1 + TIE_USD => Some(a),
            _ => Some(x),
        })
    }
    let option =
        first_cheapest(options.iter().filter(|o| o.eligible).map(|o| (o.name.as_str(), o.cost.total_usd)).collect())?;
    let plan = first_cheapest(plans.iter().filter(|p| p.eligible).map(|p| (p.name.as_str(), p.total_usd)).collect())?;
    let saving_usd = option.1 - plan.1;
    Some(Routing {
        plan: plan.0.to_string(),
        vs_option: option.0.to_string(),
        saving_usd,
        saving_pct: if option.1 > 0.0 { saving_usd / option.1 * 100.0 } else { 0.0 },
    })
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
    out.extend(f.legacy.clone());
    out.extend(f.price_changes.iter().cloned());
    out
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
    use crate::model::{Costed, Kind};

    fn option(name: &str, total_usd: f64, eligible: bool) -> OptionEstimate {
        OptionEstimate {
            name: name.into(),
            kind: Kind::OnDemand,
            model: None,
            tier: None,
            endpoint: None,
            region: None,
            rejects: false,
            eligible,
            ineligible_reason: None,
            buys_nothing: false,
            capacity: None,
            cost: Costed { months: Vec::new(), total_usd, usd_per_1k_requests: 0.0, usd_per_mtok: 0.0 },
            utilization: Default::default(),
            daily_alarm_usd: 0.0,
            workloads: Vec::new(),
            services: Vec::new(),
            expected_waste_usd: None,
        }
    }

    fn no_facts(_: &OptionEstimate) -> Facts {
        Facts { other_model: None, quota: None, assumed: Vec::new(), legacy: None, price_changes: Vec::new() }
    }

    fn recommend_options(options: &[OptionEstimate]) -> Option<Recommendation> {
        let entries: Vec<Entry> = options
            .iter()
            .map(|o| Entry { name: &o.name, total_usd: o.cost.total_usd, eligible: o.eligible })
            .collect();
        recommend(&entries, |_| Vec::new())
    }

    #[test]
    fn ties_within_a_cent_go_to_the_option_listed_first() {
        // $120,000.004 (listed first) and $119,999.998 differ by 0.6 cents: a tie, so the first
        // wins; the ineligible $1 option is never considered. Next: the second, saving −0.6 cents.
        let options = [option("a", 120_000.004, true), option("b", 119_999.998, true), option("c", 1.0, false)];
        let r = recommend_options(&options).unwrap();
        assert_eq!((r.option.as_str(), r.next.as_deref()), ("a", Some("b")));
        assert!((r.saving_vs_next_usd.unwrap() - (119_999.998 - 120_000.004)).abs() < 1e-9);
        // Two cents apart is no tie: the cheaper one wins and saves $0.02 (0.02 / 100.02 of the next).
        let options = [option("a", 100.02, true), option("b", 100.0, true)];
        let r = recommend_options(&options).unwrap();
        assert_eq!(r.option, "b");
        assert!((r.saving_vs_next_pct.unwrap() - 0.02 / 100.02 * 100.0).abs() < 1e-12);
        // Nothing eligible: no recommendation.
        assert!(recommend_options(&[option("c", 1.0, false)]).is_none());
    }

    #[test]
    fn a_capacity_option_that_buys_nothing_says_so() {
        let mut o = option("pt", 10.0, true);
        o.buys_nothing = true;
        assert_eq!(caveats(&o, &no_facts(&o)), [Caveat::BuysNothing]);
    }

    #[test]
    fn a_tie_is_within_a_cent_either_way() {
        // 0.6 cents apart either way: a tie; 2 cents apart: none.
        assert!(tied(120_000.004, 119_999.998) && tied(119_999.998, 120_000.004));
        assert!(!tied(100.02, 100.0) && !tied(100.0, 100.02));
    }

    #[test]
    fn the_worst_throttled_month_of_at_least_one_percent_is_a_caveat() {
        let o = option("od", 10.0, true);
        let quota = |shares: Vec<f64>| QuotaFinding {
            option: "od".into(),
            tokens_per_invocation: 1_100.0,
            limit_per_min: Some(50.0),
            binding: "RPM",
            throttled_share: shares,
            recommended_rpm: 120.0,
            recommended_tpm: 132_000.0,
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
