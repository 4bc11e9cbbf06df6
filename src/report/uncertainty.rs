//! What `estimate` says about uncertain inputs and commitment risk, in words: the note that
//! distributions were priced at their means, and each committed option's expected waste.
use super::words::Section;
use crate::format::{percent, usd};
use crate::model::Estimate;

/// "3 uncertain inputs at their mean (…); `infercast simulate` shows the spread they make."
pub fn note(e: &Estimate) -> Option<String> {
    note_then(e, "`infercast simulate` shows the spread they make.")
}

/// The note with `then` as its last clause ("drawn below." where the summary draws the spread).
pub fn note_then(e: &Estimate, then: &str) -> Option<String> {
    let n = e.uncertain_inputs.len();
    if n == 0 {
        return None;
    }
    let plural = if n == 1 { "input" } else { "inputs" };
    Some(format!("{n} uncertain {plural} at their mean ({}); {then}", e.uncertain_inputs.join(", ")))
}

/// Each committed option's and plan's expected waste under `[risk]`.
pub fn risk(e: &Estimate) -> Option<Section> {
    let p = e.descope_probability_per_month?;
    let named = e
        .options
        .iter()
        .map(|o| (&o.name, o.expected_waste_usd))
        .chain(e.plans.iter().map(|p| (&p.name, p.expected_waste_usd)));
    let mut lines: Vec<String> =
        named.filter_map(|(name, w)| w.map(|w| format!("{name}: {} expected waste", usd(w)))).collect();
    if lines.is_empty() {
        lines.push("no option commits to capacity: a cut stops every bill at once.".to_string());
    }
    Some(Section {
        heading: format!(
            "Commitment risk (the feature is cut with probability {} a month; what committed capacity still bills after the cut, expected over the cut month)",
            percent(p)
        ),
        lines,
    })
}
