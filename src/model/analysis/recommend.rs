//! The recommendation (docs/model.md#recommendation): the eligible option with the lowest
//! horizon total, and what to check before acting on it (its caveats: [`super::caveats`]).
use super::caveats::Caveat;
use crate::model::OptionEstimate;
use crate::model::plan::PlanEstimate;
use serde::Serialize;

/// Totals within this many dollars are a tie; the option listed first wins it.
const TIE_USD: f64 = 0.01;

/// Whether two totals (USD) are a tie: within a cent of each other.
pub fn tied(a: f64, b: f64) -> bool {
    a <= b + TIE_USD && b <= a + TIE_USD
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Costed, Kind};

    pub(crate) fn option(name: &str, total_usd: f64, eligible: bool) -> OptionEstimate {
        OptionEstimate {
            name: name.into(),
            kind: Kind::OnDemand,
            kind_name: "on-demand".into(),
            vendor: None,
            unit: None,
            deployment: None,
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
    fn a_tie_is_within_a_cent_either_way() {
        // 0.6 cents apart either way: a tie; 2 cents apart: none.
        assert!(tied(120_000.004, 119_999.998) && tied(119_999.998, 120_000.004));
        assert!(!tied(100.02, 100.0) && !tied(100.0, 100.02));
    }
}
