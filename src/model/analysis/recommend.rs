//! The recommendation (docs/model.md#recommendation): the eligible option with the lowest
//! horizon total, and what to check before acting on it.
use crate::format::{percent, thousands};
use crate::keyword::Keyword;
use crate::model::OptionEstimate;
use crate::model::offers::quota::QuotaFinding;
use crate::model::plan::PlanEstimate;
use crate::scenario::OptionKind;
use serde::Serialize;

/// Totals within this many dollars are a tie; the option listed first wins it.
const TIE_USD: f64 = 0.01;
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

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Caveat {
    pub kind: CaveatKind,
    pub text: String,
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
    pub assumed: Vec<String>,
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
    let best = *eligible.iter().find(|o| o.total_usd <= cheapest + TIE_USD)?;
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
        let (whose, calls) = if o.kind == crate::model::Kind::OnDemand {
            ("the default quota throttles", "calls")
        } else {
            ("the traffic above its capacity goes on demand, where the default quota throttles", "those calls")
        };
        out.push(Caveat {
            kind: CaveatKind::Throttled,
            text: format!(
                "{whose} {} of {calls} in month {} — ask AWS for {} RPM and {} TPM before launch",
                percent(*share),
                month + 1,
                thousands(q.recommended_rpm),
                thousands(q.recommended_tpm)
            ),
        });
    }
    if let Some((m, r)) = &f.other_model {
        out.push(Caveat {
            kind: CaveatKind::OtherModel,
            text: format!("it runs {m}, not {r}: check that it answers well enough before switching"),
        });
    }
    if !f.assumed.is_empty() {
        out.push(Caveat {
            kind: CaveatKind::Assumed,
            text: format!("its cost rests on assumed figures nobody publishes: {}", f.assumed.join("; ")),
        });
    }
    if o.buys_nothing {
        out.push(Caveat {
            kind: CaveatKind::BuysNothing,
            text: "its best purchase is no capacity at all, so it is on demand under another name".into(),
        });
    }
    out.extend(f.legacy.clone());
    out.extend(f.price_changes.iter().cloned());
    out
}

/// A caveat for each change of an option's on-demand prices inside the horizon.
pub fn price_changes(option: &crate::scenario::PlanOption) -> Vec<Caveat> {
    option
        .price_shifts
        .iter()
        .map(|s| Caveat { kind: CaveatKind::PriceChanges, text: s.describe(&option.name) })
        .collect()
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
pub fn assumed_figures(kind: &OptionKind) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(m) = kind.model()
        && m.provenance.assumed
    {
        out.push(format!("{} on-demand prices", m.key));
    }
    match kind {
        OptionKind::OnDemand { model, tier, .. } => {
            if model.tiers.get(tier).is_some_and(|t| t.provenance.assumed) {
                out.push(format!("{} {} tier multiplier", model.key, tier.as_str()));
            }
        }
        OptionKind::Provisioned { model, .. } => {
            if let Some(p) = &model.provisioned {
                if p.provenance.assumed {
                    out.push(format!("{} MU-hour price", model.key));
                }
                if p.throughput_assumed {
                    out.push(format!("{} tokens per minute per MU", model.key));
                }
            }
        }
        OptionKind::Reserved { model, .. } => {
            if model.reserved.as_ref().is_some_and(|r| r.provenance.assumed) {
                out.push(format!("{} Reserved-tier prices", model.key));
            }
        }
        OptionKind::SelfHosted(sh) => {
            if sh.instance.provenance.assumed {
                out.push(format!("{} instance price", sh.instance.key));
            }
            if sh.deployment.provenance.assumed {
                out.push(format!("{} throughput", sh.deployment.key));
            }
        }
    }
    out
}

/// What to say of an option's model's lifecycle: retired, ending inside the horizon
/// (docs/model.md#lifecycle), or legacy; `None` for an active model with no end in sight.
pub fn lifecycle_note(option: &crate::scenario::PlanOption) -> Option<Caveat> {
    use crate::scenario::Lifecycle;
    if let Some(l) = &option.lifecycle {
        let kind = match l {
            Lifecycle::Retired { .. } => CaveatKind::Retired,
            Lifecycle::Ends { .. } => CaveatKind::EndsInHorizon,
        };
        return Some(Caveat { kind, text: crate::report::words::lifecycle(l) });
    }
    legacy_note(&option.kind).map(|text| Caveat { kind: CaveatKind::LegacyModel, text })
}

/// "claude-3-sonnet is a legacy model (end of life 2026-03-01): plan the move to a current model
/// before committing to it", or `None` for an active model.
fn legacy_note(kind: &OptionKind) -> Option<String> {
    let m = kind.model().filter(|m| m.status == crate::catalog::Status::Legacy)?;
    let eol = m.end_of_life.as_ref().map_or(String::new(), |d| format!(" (end of life {d})"));
    Some(format!("{} is a legacy model{eol}: plan the move to a current model before committing to it", m.key))
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
        let kinds: Vec<CaveatKind> = caveats(&o, &no_facts(&o)).iter().map(|c| c.kind).collect();
        assert_eq!(kinds, [CaveatKind::BuysNothing]);
    }
}
