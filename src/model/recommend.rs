//! The recommendation (docs/model.md#recommendation): the eligible option with the lowest
//! horizon total, and what to check before acting on it.
use super::OptionEstimate;
use super::quota::QuotaFinding;
use crate::keyword::Keyword;
use crate::report::format::thousands;
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
    /// Its model is legacy: superseded, or scheduled for retirement.
    LegacyModel,
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
    /// How much less than `next` it costs over the horizon, USD and share of `next`'s total.
    pub saving_vs_next_usd: Option<f64>,
    pub saving_vs_next_pct: Option<f64>,
    pub caveats: Vec<Caveat>,
}

/// Facts about an option the caveats need, beyond its estimate.
pub struct Facts {
    /// When it runs another model than the reference (the first eligible on-demand option):
    /// (its model, the reference's).
    pub other_model: Option<(String, String)>,
    /// The option's quota findings: of its own traffic (on demand), or of the traffic above its
    /// capacity that it sends on demand (capacity options).
    pub quota: Option<QuotaFinding>,
    /// The assumed catalog figures its cost rests on.
    pub assumed: Vec<String>,
    /// When its model is legacy: what to say about it.
    pub legacy: Option<String>,
}

/// The cheapest eligible option; ties within a cent go to the one listed first.
pub fn recommend(options: &[OptionEstimate], facts: impl Fn(&OptionEstimate) -> Facts) -> Option<Recommendation> {
    let eligible: Vec<&OptionEstimate> = options.iter().filter(|o| o.eligible).collect();
    let cheapest = eligible.iter().map(|o| o.cost.total_usd).fold(f64::INFINITY, f64::min);
    let best = *eligible.iter().find(|o| o.cost.total_usd <= cheapest + TIE_USD)?;
    // The next cheapest: the lowest total among the others, the first listed on ties.
    let next = eligible.iter().filter(|o| o.name != best.name).fold(None::<&&OptionEstimate>, |acc, o| match acc {
        Some(a) if a.cost.total_usd <= o.cost.total_usd => Some(a),
        _ => Some(o),
    });
    let saving = next.map(|n| n.cost.total_usd - best.cost.total_usd);
    Some(Recommendation {
        option: best.name.clone(),
        total_usd: best.cost.total_usd,
        next: next.map(|n| n.name.clone()),
        saving_vs_next_usd: saving,
        saving_vs_next_pct: next
            .zip(saving)
            .map(|(n, s)| if n.cost.total_usd > 0.0 { s / n.cost.total_usd } else { 0.0 }),
        caveats: caveats(best, &facts(best)),
    })
}

fn caveats(o: &OptionEstimate, f: &Facts) -> Vec<Caveat> {
    let mut out = Vec::new();
    if let Some(q) = &f.quota
        && let Some((month, share)) =
            q.throttled_share.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1)).filter(|(_, s)| **s >= THROTTLED)
    {
        let (whose, calls) = if o.kind == super::Kind::OnDemand {
            ("the default quota throttles", "calls")
        } else {
            ("the traffic above its capacity goes on demand, where the default quota throttles", "those calls")
        };
        out.push(Caveat {
            kind: CaveatKind::Throttled,
            text: format!(
                "{whose} {:.0}% of {calls} in month {} — ask AWS for {} RPM and {} TPM before launch",
                share * 100.0,
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
    if let Some(text) = &f.legacy {
        out.push(Caveat { kind: CaveatKind::LegacyModel, text: text.clone() });
    }
    out
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

/// "claude-3-sonnet is a legacy model (end of life 2026-03-01): plan the move to a current model
/// before committing to it", or `None` for an active model.
pub fn legacy_note(kind: &OptionKind) -> Option<String> {
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
            month1_capacity: None,
            cost: Costed { months: Vec::new(), total_usd, usd_per_1k_requests: 0.0, usd_per_mtok: 0.0 },
            utilization: Default::default(),
            daily_alarm_usd: 0.0,
            workloads: Vec::new(),
        }
    }

    fn no_facts(_: &OptionEstimate) -> Facts {
        Facts { other_model: None, quota: None, assumed: Vec::new(), legacy: None }
    }

    #[test]
    fn ties_within_a_cent_go_to_the_option_listed_first() {
        // $120,000.004 (listed first) and $119,999.998 differ by 0.6 cents: a tie, so the first
        // wins; the ineligible $1 option is never considered. Next: the second, saving −0.6 cents.
        let options = [option("a", 120_000.004, true), option("b", 119_999.998, true), option("c", 1.0, false)];
        let r = recommend(&options, no_facts).unwrap();
        assert_eq!((r.option.as_str(), r.next.as_deref()), ("a", Some("b")));
        assert!((r.saving_vs_next_usd.unwrap() - (119_999.998 - 120_000.004)).abs() < 1e-9);
        // Two cents apart is no tie: the cheaper one wins and saves $0.02 (0.02 / 100.02 of the next).
        let options = [option("a", 100.02, true), option("b", 100.0, true)];
        let r = recommend(&options, no_facts).unwrap();
        assert_eq!(r.option, "b");
        assert!((r.saving_vs_next_pct.unwrap() - 0.02 / 100.02).abs() < 1e-12);
        // Nothing eligible: no recommendation.
        assert!(recommend(&[option("c", 1.0, false)], no_facts).is_none());
    }

    #[test]
    fn a_capacity_option_that_buys_nothing_says_so() {
        let mut o = option("pt", 10.0, true);
        o.buys_nothing = true;
        let kinds: Vec<CaveatKind> = caveats(&o, &no_facts(&o)).iter().map(|c| c.kind).collect();
        assert_eq!(kinds, [CaveatKind::BuysNothing]);
    }
}
