//! Provenance changes: a catalog entry's source, retrieval date or assumed mark, compared
//! between the baseline and now whether or not its figures moved.
use super::PriceEntry;

/// A catalog entry whose source, retrieval date or assumed mark changed, prices moved or not:
/// a figure re-read from another page is a change a reviewer should see.
#[derive(Debug, Clone, PartialEq)]
pub struct ProvenanceChange {
    pub entry: String,
    /// `source`, `retrieved` or `assumed`.
    pub field: &'static str,
    pub baseline: Mark,
    pub now: Mark,
}

/// A provenance value: the source or date as written, or the assumed flag.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum Mark {
    Text(String),
    Flag(bool),
}

impl std::fmt::Display for Mark {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mark::Text(t) => f.write_str(t),
            Mark::Flag(b) => f.write_str(if *b { "yes" } else { "no" }),
        }
    }
}

impl ProvenanceChange {
    /// "claude-sonnet-4.5 retrieved 2025-07-01 → 2025-11-20".
    pub fn line(&self) -> String {
        format!("{} {} {} → {}", self.entry, self.field, self.baseline, self.now)
    }
}

/// The provenance fields that differ between two versions of one entry.
pub(super) fn provenance_changes(entry: &str, b: &PriceEntry, n: &PriceEntry) -> Vec<ProvenanceChange> {
    let text = |s: &String| Mark::Text(s.clone());
    [
        ("source", text(&b.source), text(&n.source)),
        ("retrieved", text(&b.retrieved), text(&n.retrieved)),
        ("assumed", Mark::Flag(b.assumed), Mark::Flag(n.assumed)),
    ]
    .into_iter()
    .filter(|(_, b, n)| b != n)
    .map(|(field, baseline, now)| ProvenanceChange { entry: entry.to_string(), field, baseline, now })
    .collect()
}
