//! Provenance changes: a catalog entry's source, retrieval date or assumed mark, compared
//! between the baseline and now whether or not its figures moved.
use super::PriceEntry;
use crate::keyword::Keyword;

/// A catalog entry whose source, retrieval date or assumed mark changed, prices moved or not:
/// a figure re-read from another page is a change a reviewer should see.
#[derive(Debug, Clone, PartialEq)]
pub struct ProvenanceChange {
    pub entry: String,
    pub field: Field,
    pub baseline: Mark,
    pub now: Mark,
}

/// A provenance field of a catalog entry, named by its key in the baseline file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Source,
    Retrieved,
    Assumed,
}

impl Keyword for Field {
    const ALL: &'static [Self] = &[Field::Source, Field::Retrieved, Field::Assumed];
    const NAMES: &'static [&'static str] = &["source", "retrieved", "assumed"];
}

/// A provenance value: the source or date as written, or the assumed flag.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum Mark {
    Text(String),
    Flag(bool),
}

/// The provenance fields that differ between two versions of one entry.
pub(super) fn provenance_changes(entry: &str, b: &PriceEntry, n: &PriceEntry) -> Vec<ProvenanceChange> {
    let text = |s: &String| Mark::Text(s.clone());
    [
        (Field::Source, text(&b.source), text(&n.source)),
        (Field::Retrieved, text(&b.retrieved), text(&n.retrieved)),
        (Field::Assumed, Mark::Flag(b.assumed), Mark::Flag(n.assumed)),
    ]
    .into_iter()
    .filter(|(_, b, n)| b != n)
    .map(|(field, baseline, now)| ProvenanceChange { entry: entry.to_string(), field, baseline, now })
    .collect()
}
