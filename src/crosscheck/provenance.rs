//! Copied is not agreement: which catalog figures were taken from the very map they are compared
//! with, and the class every compared figure falls in (docs/model.md#copied-figures).
use serde::Serialize;

/// A price map the catalog is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Map {
    /// LiteLLM's `model_prices_and_context_window.json`.
    LiteLlm,
    /// genai-prices' `prices/providers/aws.yml`.
    GenaiPrices,
    /// AWS's Price List (offers `AmazonBedrock` and `AmazonBedrockFoundationModels`).
    AwsPriceList,
}

/// Every map, and the source patterns (compared without case) that make a catalog figure a
/// copy of it: the map's own repository or files, and the public copies that keep it verbatim.
/// This table is the one place that decides; add a mirror here when the catalog cites one.
const COPIES: [(Map, &[&str]); 3] = [
    (
        Map::LiteLlm,
        &[
            "github.com/berriai/litellm",
            "raw.githubusercontent.com/berriai/litellm",
            "models.litellm.ai",
            // Daily verbatim copies of LiteLLM's map.
            "github.com/rocry/llm-api-price",
            "raw.githubusercontent.com/rocry/llm-api-price",
            "github.com/wei-shaw/model-price-repo",
        ],
    ),
    (Map::GenaiPrices, &["github.com/pydantic/genai-prices", "raw.githubusercontent.com/pydantic/genai-prices"]),
    (
        Map::AwsPriceList,
        &[
            "pricing.us-east-1.amazonaws.com/offers",
            "api.pricing.us-east-1.amazonaws.com",
            // A source naming an offer: `AmazonBedrock`, `AmazonBedrockFoundationModels`, …
            "amazonbedrock",
            // Public extracts of the offers that catalog entries cite: `GetProducts` rows kept as a
            // test fixture and prices measured from them (stratoclave), a rate table generated
            // from both offers (lmux).
            "github.com/littlemex/stratoclave",
            "github.com/cluebbehusen/lmux",
        ],
    ),
];

impl Map {
    /// The name summaries use.
    pub fn label(self) -> &'static str {
        match self {
            Map::LiteLlm => "LiteLLM",
            Map::GenaiPrices => "genai-prices",
            Map::AwsPriceList => "the AWS Price List",
        }
    }

    /// True when a figure citing `source` was copied from this map (or a copy of it).
    pub fn is_source_of(self, source: &str) -> bool {
        let source = source.to_ascii_lowercase();
        COPIES.iter().filter(|(m, _)| *m == self).flat_map(|(_, p)| p.iter()).any(|p| source.contains(p))
    }
}

/// What one map says of one catalog figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    /// Within 0.5 %, and the catalog figure was not taken from this map: evidence.
    Agrees,
    /// More than 0.5 % apart, copied or not (a copy that differs is a transcription error or
    /// a map that moved).
    Differs,
    /// Within 0.5 %, but the catalog figure was taken from this map: no evidence either way.
    Copied,
    /// The map does not give this figure.
    Missing,
    /// The map has an entry that infercast cannot read (listed with its reason).
    NotCompared,
}

impl Class {
    /// The word tables use.
    pub fn label(self) -> &'static str {
        match self {
            Class::Agrees => "agrees",
            Class::Differs => "DIFFERS",
            Class::Copied => "copied",
            Class::Missing => "missing",
            Class::NotCompared => "not compared",
        }
    }

    /// The class of a map figure: `differs` says whether it is more than 0.5 % from the catalog's.
    pub fn of(map: Map, source: &str, figure: Option<f64>, differs: impl Fn(f64) -> bool) -> Class {
        match figure {
            None => Class::Missing,
            Some(x) if differs(x) => Class::Differs,
            Some(_) if map.is_source_of(source) => Class::Copied,
            Some(_) => Class::Agrees,
        }
    }

    /// One class for several figures (a model's, in one scope): any difference shows, then a
    /// copy, then agreement; `missing` only when nothing was compared.
    pub fn worst(classes: impl IntoIterator<Item = Class>) -> Class {
        let order = [Class::Differs, Class::Copied, Class::Agrees, Class::NotCompared, Class::Missing];
        let seen: Vec<Class> = classes.into_iter().collect();
        order.into_iter().find(|c| seen.contains(c)).unwrap_or(Class::Missing)
    }
}

/// How many figures a map was compared on, by class.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Figures the map gives: `agree + differ + copied`.
    pub compared: usize,
    /// Within 0.5 %, from a source other than this map: checked independently.
    pub agree: usize,
    /// More than 0.5 % apart (copied ones included: see `copied_differ`).
    pub differ: usize,
    /// Of `differ`, figures copied from this map all the same.
    pub copied_differ: usize,
    /// Within 0.5 % and copied from this map: not evidence.
    pub copied: usize,
    /// Catalog figures the map does not give, or gives in a form infercast cannot read.
    pub missing: usize,
}

impl Counts {
    /// Counts one figure.
    pub fn add(&mut self, class: Class, copied: bool) {
        match class {
            Class::Agrees => self.agree += 1,
            Class::Differs => {
                self.differ += 1;
                self.copied_differ += usize::from(copied);
            }
            Class::Copied => self.copied += 1,
            Class::Missing | Class::NotCompared => self.missing += 1,
        }
        if matches!(class, Class::Agrees | Class::Differs | Class::Copied) {
            self.compared += 1;
        }
    }

    /// "412 figures compared with LiteLLM: 96 agree independently, 3 differ (1 of them copied
    /// from it), 301 copied from it (not evidence), 20 missing from it": `missing` names the side
    /// that lacks the missing ones.
    pub fn sentence(&self, what: &str, map: Map, missing: &str) -> String {
        let copied_differ = if self.copied_differ > 0 {
            format!(" ({} of them copied from it)", self.copied_differ)
        } else {
            String::new()
        };
        format!(
            "{} {what} compared with {}: {} agree independently, {} differ{copied_differ}, {} copied from it (not evidence), {} {missing}",
            self.compared,
            map.label(),
            self.agree,
            self.differ,
            self.copied,
            self.missing
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LITELLM: &str = "https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json";
    const GENAI: &str = "https://github.com/pydantic/genai-prices/blob/main/prices/providers/aws.yml";
    const OFFER: &str =
        "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonBedrock/20260930/us-east-1/index.json";

    #[test]
    fn each_map_knows_its_own_sources_and_copies() {
        assert!(Map::LiteLlm.is_source_of(LITELLM));
        assert!(
            Map::LiteLlm.is_source_of(
                "https://github.com/RoCry/llm-api-price/blob/8442b939/model_prices_and_context_window.json"
            )
        );
        assert!(
            !Map::LiteLlm.is_source_of(GENAI) && !Map::LiteLlm.is_source_of("https://aws.amazon.com/bedrock/pricing/")
        );
        assert!(Map::GenaiPrices.is_source_of(GENAI) && !Map::GenaiPrices.is_source_of(LITELLM));
        assert!(Map::AwsPriceList.is_source_of(OFFER));
        assert!(Map::AwsPriceList.is_source_of("AWS Price List, offer AmazonBedrockFoundationModels 20260930"));
        // The pricing page is AWS's, but not the Price List: an independent source.
        assert!(!Map::AwsPriceList.is_source_of("https://aws.amazon.com/bedrock/pricing/"));
    }

    #[test]
    fn a_copy_that_matches_is_copied_and_one_that_differs_still_differs() {
        let differs = |x: f64| (x - 1.0f64).abs() > 0.005;
        assert_eq!(Class::of(Map::LiteLlm, LITELLM, Some(1.0), differs), Class::Copied);
        assert_eq!(Class::of(Map::LiteLlm, LITELLM, Some(1.1), differs), Class::Differs);
        assert_eq!(Class::of(Map::LiteLlm, GENAI, Some(1.0), differs), Class::Agrees);
        assert_eq!(Class::of(Map::LiteLlm, GENAI, None, differs), Class::Missing);
        assert_eq!(Class::worst([Class::Agrees, Class::Copied, Class::Missing]), Class::Copied);
        assert_eq!(Class::worst([Class::Agrees, Class::Differs]), Class::Differs);
        assert_eq!(Class::worst([]), Class::Missing);
    }

    #[test]
    fn counts_say_how_many_figures_were_checked_independently() {
        let mut c = Counts::default();
        for (class, copied) in [
            (Class::Agrees, false),
            (Class::Copied, true),
            (Class::Copied, true),
            (Class::Differs, true),
            (Class::Differs, false),
            (Class::Missing, false),
        ] {
            c.add(class, copied);
        }
        // 1 agrees + 2 copied + 2 differ = 5 compared; the sixth is missing.
        assert_eq!((c.compared, c.agree, c.differ, c.copied_differ, c.copied, c.missing), (5, 1, 2, 1, 2, 1));
        assert_eq!(
            c.sentence("figures", Map::LiteLlm, "missing from it"),
            "5 figures compared with LiteLLM: 1 agree independently, 2 differ (1 of them copied from it), \
             2 copied from it (not evidence), 1 missing from it"
        );
    }
}
