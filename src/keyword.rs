//! Closed sets written as words in TOML (tiers, latency classes, budget modes…): one list of
//! variants and one of their names, so parsing and printing cannot disagree.

/// An enum whose variants are written as fixed words.
pub trait Keyword: Copy + PartialEq + 'static {
    /// Every variant, in the order they are listed to the user.
    const ALL: &'static [Self];
    /// Their names as written in TOML, in the same order.
    const NAMES: &'static [&'static str];

    /// The name as written in TOML.
    fn as_str(self) -> &'static str {
        Self::NAMES[Self::ALL.iter().position(|v| *v == self).expect("every variant is in ALL")]
    }

    /// The variant named `name`, if any.
    fn parse(name: &str) -> Option<Self> {
        Self::ALL.iter().zip(Self::NAMES).find(|(_, n)| **n == name).map(|(v, _)| *v)
    }
}
