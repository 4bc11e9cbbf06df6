//! Eligibility (docs/model.md#eligibility): which options can serve every workload routed to
//! them. An ineligible option is still priced but takes no part in the recommendation,
//! "cheapest" or break-even.
use crate::catalog::Tier;
use crate::model::Member;
use crate::scenario::{Latency, OptionKind, Overflow, PlanOption, Workload};
use serde::Serialize;

/// Whether an on-demand tier serves callers that can wait this long.
pub fn tier_serves(tier: Tier, latency: Latency) -> bool {
    match tier {
        Tier::Standard | Tier::Priority => true,
        Tier::Flex => matches!(latency, Latency::Relaxed | Latency::Batch),
        Tier::Batch => latency == Latency::Batch,
    }
}

/// Why an option cannot serve the workloads routed to it. Serialised as data; the JSON renderer
/// writes its words in its place.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ineligible {
    /// An on-demand tier too slow for these workloads (name and latency, in scenario order;
    /// never empty).
    Tier { tier: Tier, unserved: Vec<(String, Latency)> },
    /// A provisioned option that rejects `share` of the requests over the horizon.
    Rejects { share: f64 },
    /// A self-hosted option on which even one request alone misses these workloads' SLOs
    /// (docs/model.md#sizing-to-a-service-level-objective): each workload's name, what it asks
    /// and what one request alone gets (TTFT ms, per-user tokens/s, response s).
    Slo { unmet: Vec<UnmetSlo> },
    /// Interactive workloads whose 95th-percentile response on this option exceeds their SLO's
    /// `latency_s` (docs/model.md#latency-and-timeouts).
    Latency { slow: Vec<crate::model::latency::SlowWorkload> },
    /// A plan's member cannot serve its workloads.
    Member(Member, Box<Ineligible>),
}

/// A workload whose SLO a self-hosted option cannot meet, with the best it offers.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct UnmetSlo {
    pub workload: String,
    pub slo: crate::scenario::Slo,
    pub ttft_ms: f64,
    pub tokens_per_s: f64,
    pub latency_s: f64,
}

/// Why an option cannot serve these workloads; `None` when it can. `rejected_share` is the
/// share of requests a rejecting option turns away over the horizon: one that turns none away
/// (a member serving only share-0 workloads) serves what the others serve.
pub fn ineligible_reason(o: &PlanOption, workloads: &[Workload], rejected_share: f64) -> Option<Ineligible> {
    let mut capacity = None;
    let reason = match &o.kind {
        OptionKind::OnDemand { tier, .. } => {
            let unserved: Vec<(String, Latency)> = workloads
                .iter()
                .filter(|w| !tier_serves(*tier, w.latency))
                .map(|w| (w.name.clone(), w.latency))
                .collect();
            (!unserved.is_empty()).then_some(Ineligible::Tier { tier: *tier, unserved })
        }
        OptionKind::Provisioned { overflow: Overflow::Reject, .. } if rejected_share > 0.0 => {
            Some(Ineligible::Rejects { share: rejected_share })
        }
        OptionKind::SelfHosted(sh) => {
            let tokens: Vec<_> =
                workloads.iter().map(|w| (w.clone(), crate::model::tokens::workload_tokens(w))).collect();
            capacity = crate::model::offers::selfhost::capacity(sh, &tokens).ok();
            let unmet: Vec<UnmetSlo> = capacity
                .iter()
                .flat_map(|c| &c.points)
                .filter(|p| !p.meets)
                .filter_map(|p| {
                    Some(UnmetSlo {
                        workload: p.workload.clone(),
                        slo: p.slo?,
                        ttft_ms: p.point.ttft_s * 1e3,
                        tokens_per_s: 1.0 / p.point.itl_s,
                        latency_s: p.point.latency_s,
                    })
                })
                .collect();
            (!unmet.is_empty()).then_some(Ineligible::Slo { unmet })
        }
        OptionKind::Provisioned { .. } | OptionKind::Reserved { .. } => None,
    };
    reason.or_else(|| {
        let slow = crate::model::latency::too_slow(o, workloads, capacity.as_ref());
        (!slow.is_empty()).then_some(Ineligible::Latency { slow })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_serve_what_their_latency_allows() {
        use Latency::*;
        let serves = |t| [Interactive, Relaxed, Batch].map(|l| tier_serves(t, l));
        assert_eq!(serves(Tier::Standard), [true, true, true]);
        assert_eq!(serves(Tier::Priority), [true, true, true]);
        assert_eq!(serves(Tier::Flex), [false, true, true]);
        assert_eq!(serves(Tier::Batch), [false, false, true]);
    }

    /// A batch-tier option on a toy catalog serving `a` (interactive, the default), `b`
    /// (relaxed) and `c` (batch): only `c` can wait for it.
    #[test]
    fn a_tier_s_reason_lists_the_workloads_it_cannot_serve() {
        use crate::catalog::Catalog;
        use crate::scenario::Scenario;
        use crate::source::SourceFile;
        let catalog = "[catalog]\nprovider = \"test\"\nregion = \"test-1\"\ncurrency = \"USD\"\n\
            source = \"https://example.com/prices\"\nretrieved = 2026-01-01\n\n[[model]]\nkey = \"m\"\n\
            id = \"test.m\"\ninput_usd_per_mtok = 10.0\noutput_usd_per_mtok = 20.0\ntiers = { batch = 0.5 }\n\
            context_window_tokens = 1_000_000\nmax_output_tokens = 100_000\n";
        let workload = |name: &str, latency: &str| {
            format!("[[workload]]\nname = \"{name}\"\nshare = 0.25\ninput_tokens = 10\noutput_tokens = 1\n{latency}")
        };
        let scenario = format!(
            "[scenario]\nname = \"s\"\n[traffic]\nrequests_per_month = 1000\n{}{}{}\
             [[option]]\nkind = \"on-demand\"\nmodel = \"m\"\n[[option]]\nkind = \"on-demand\"\nmodel = \"m\"\n\
             tier = \"batch\"\n",
            workload("a", ""),
            workload("b", "latency = \"relaxed\"\n"),
            workload("c", "latency = \"batch\"\n").replace("0.25", "0.5"),
        );
        let catalog = Catalog::from_files(vec![SourceFile::new("toy.toml", catalog)]).unwrap();
        let s = Scenario::from_source(&SourceFile::new("s.toml", &scenario), &catalog).unwrap();
        assert_eq!(ineligible_reason(&s.options[0], &s.workloads, 0.0), None);
        let unserved = vec![("a".to_string(), Latency::Interactive), ("b".to_string(), Latency::Relaxed)];
        assert_eq!(
            ineligible_reason(&s.options[1], &s.workloads, 0.0),
            Some(Ineligible::Tier { tier: Tier::Batch, unserved })
        );
    }
}
