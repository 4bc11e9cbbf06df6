//! Commitment terms of the capacity offers: what the catalog prices and a scenario buys.
use crate::keyword::Keyword;

/// A commitment term of Provisioned Throughput, the Reserved tier or a vendor's capacity units
/// (docs/catalog.md).
///
/// Variants are declared in the order of their names (`1-month` < `1-week` < `1-year` <
/// `3-month` < `6-month` < `none`), so a table of prices by term lists its terms as it always has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Term {
    OneMonth,
    /// A week's commitment (Vertex AI): shorter than a month, so sized month by month.
    OneWeek,
    OneYear,
    ThreeMonth,
    SixMonth,
    /// Provisioned Throughput without a commitment, billed by the hour.
    NoCommitment,
}

impl Keyword for Term {
    const ALL: &'static [Self] =
        &[Term::NoCommitment, Term::OneWeek, Term::OneMonth, Term::ThreeMonth, Term::SixMonth, Term::OneYear];
    const NAMES: &'static [&'static str] = &["none", "1-week", "1-month", "3-month", "6-month", "1-year"];
}

impl Term {
    /// The terms Provisioned Throughput is sold for, in the order they are listed to the user.
    pub const PROVISIONED: &'static [Term] = &[Term::NoCommitment, Term::OneMonth, Term::SixMonth];
    /// The terms of the Reserved tier.
    pub const RESERVED: &'static [Term] = &[Term::OneMonth, Term::ThreeMonth];

    /// Months one commitment block runs: capacity is sized per block. Without a commitment
    /// capacity is sized month by month (1).
    pub fn months(self) -> usize {
        match self {
            Term::NoCommitment | Term::OneWeek | Term::OneMonth => 1,
            Term::ThreeMonth => 3,
            Term::SixMonth => 6,
            Term::OneYear => 12,
        }
    }

    /// False for Provisioned Throughput without a commitment: nothing is owed after a cut.
    pub fn is_commitment(self) -> bool {
        self != Term::NoCommitment
    }

    /// The names of `terms`, as written in TOML.
    pub fn names(terms: &[Term]) -> Vec<&'static str> {
        terms.iter().map(|t| t.as_str()).collect()
    }
}

impl AsRef<str> for Term {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Display for Term {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_sort_as_their_names_do() {
        // Price tables by term used to be keyed by name: the enum's order must list them alike.
        let mut by_name: Vec<&str> = Term::NAMES.to_vec();
        by_name.sort_unstable();
        let mut by_order: Vec<Term> = Term::ALL.to_vec();
        by_order.sort_unstable();
        assert_eq!(by_order.iter().map(|t| t.as_str()).collect::<Vec<_>>(), by_name);
    }

    #[test]
    fn a_block_runs_the_months_the_term_names() {
        // "6-month" is six months, "3-month" three, "1-month" one; no commitment is re-sized monthly.
        let months: Vec<usize> = Term::ALL.iter().map(|t| t.months()).collect();
        assert_eq!(months, [1, 1, 1, 3, 6, 12]);
        assert!(!Term::NoCommitment.is_commitment());
        assert!(Term::RESERVED.iter().all(|t| t.is_commitment()));
    }
}
