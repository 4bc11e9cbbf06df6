//! `[risk]` and `commitment_months`: what commitment risk reads (docs/model.md#commitment-risk).
use super::raw::{self, OptionEntry};
use super::{Risk, Scaling};
use crate::input::Checker;
use crate::uncertain::fields::MAX_PROBABILITY;

pub(super) fn risk(ck: &mut Checker, r: &raw::Risk) -> Risk {
    let v = &r.descope_probability_per_month;
    let p = *v.get_ref();
    let descope_probability_per_month = if p.is_finite() && (0.0..=MAX_PROBABILITY).contains(&p) {
        p
    } else {
        ck.error(
            &v.span(),
            format!("`descope_probability_per_month` must be at least 0 and below 1, found {p}"),
            "give the chance the feature is cut in any one month, e.g. 0.05 for 5% (1 would cut it before it starts)",
        );
        0.0
    };
    Risk { descope_probability_per_month }
}

/// `commitment_months` of a self-hosted option: fixed scaling only.
pub(super) fn commitment_months(ck: &mut Checker, o: &OptionEntry, scaling: Scaling) -> Option<u32> {
    let m = o.commitment_months.as_ref()?;
    if scaling == Scaling::Hourly {
        ck.error(
            &m.span(),
            "`commitment_months` applies to `scaling = \"fixed\"` only",
            "hourly scaling releases instances every hour and commits to nothing: set `scaling = \"fixed\"`, or remove it",
        );
        return None;
    }
    Some(ck.whole(m, "commitment_months", 1))
}
