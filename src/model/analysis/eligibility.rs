//! Eligibility (docs/model.md#eligibility): which options can serve every workload routed to
//! them. An ineligible option is still priced but takes no part in the recommendation,
//! "cheapest" or break-even.
use crate::catalog::Tier;
use crate::keyword::Keyword;
use crate::scenario::{Latency, OptionKind, Overflow, Workload};

/// Whether an on-demand tier serves callers that can wait this long.
pub fn tier_serves(tier: Tier, latency: Latency) -> bool {
    match tier {
        Tier::Standard | Tier::Priority => true,
        Tier::Flex => matches!(latency, Latency::Relaxed | Latency::Batch),
        Tier::Batch => latency == Latency::Batch,
    }
}

/// Why an option cannot serve these workloads; `None` when it can. `rejected_share` is the
/// share of requests a rejecting option turns away over the horizon: one that turns none away
/// (a member serving only share-0 workloads) serves what the others serve.
pub fn ineligible_reason(kind: &OptionKind, workloads: &[Workload], rejected_share: f64) -> Option<String> {
    match kind {
        OptionKind::OnDemand { tier, .. } => {
            let unserved: Vec<&Workload> = workloads.iter().filter(|w| !tier_serves(*tier, w.latency)).collect();
            match unserved.as_slice() {
                [] => None,
                [w] => Some(format!(
                    "{} tier: cannot serve the {} workload `{}`",
                    tier.as_str(),
                    w.latency.as_str(),
                    w.name
                )),
                many => Some(format!(
                    "{} tier: cannot serve the workloads {}",
                    tier.as_str(),
                    many.iter()
                        .map(|w| format!("`{}` ({})", w.name, w.latency.as_str()))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            }
        }
        OptionKind::Provisioned { overflow: Overflow::Reject, .. } if rejected_share > 0.0 => Some(format!(
            "rejects the traffic above its model units ({} of requests over the horizon)",
            crate::format::percent(rejected_share)
        )),
        OptionKind::Provisioned { .. } | OptionKind::Reserved { .. } | OptionKind::SelfHosted(_) => None,
    }
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
}
