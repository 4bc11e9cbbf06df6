//! The comparison: each price point against both maps, each map's figure classed (agrees,
//! differs, copied, missing), disagreements over 0.5 % — accepted ones with a `crosscheck_note` —
//! and models on one side only.
use super::provenance::{Class, Counts, Map};
use super::{Figure, Lookup, PriceMap, PricePoint, Scope, TOLERANCE};
use serde::Serialize;
use std::collections::BTreeSet;

/// A map as read: the file given, how many Bedrock model entries it holds, and how the catalog's
/// figures fared against it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapSummary {
    /// Path as the user gave it.
    pub file: String,
    /// Bedrock model entries read (LiteLLM: `bedrock`, `bedrock_converse` and `bedrock_mantle`
    /// keys; genai-prices: `models:` entries).
    pub entries_read: usize,
    /// The catalog's figures by class against this map.
    #[serde(flatten)]
    pub counts: Counts,
}

/// One catalog price that a map contradicts by more than 0.5 %.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disagreement {
    /// Catalog key.
    pub model: String,
    /// Provider model id.
    pub id: String,
    pub scope: Scope,
    pub figure: Figure,
    /// The catalog's price, USD per million tokens.
    pub catalog: f64,
    /// Where the catalog's price comes from.
    pub source: String,
    /// LiteLLM's price, USD per million tokens (`null`: not listed).
    pub litellm: Option<f64>,
    pub litellm_class: Class,
    /// genai-prices' price, USD per million tokens (`null`: not listed).
    pub genai_prices: Option<f64>,
    pub genai_prices_class: Class,
    /// `(map − catalog) / catalog` of the map furthest from the catalog; `null` when the catalog
    /// price is zero.
    pub relative_difference: Option<f64>,
    /// The entry's `crosscheck_note` (set on accepted rows only).
    pub note: Option<String>,
}

/// One catalog model in one scope: what each map says of its figures, as one class.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelRow {
    /// Catalog key.
    pub model: String,
    pub scope: Scope,
    /// Where the catalog's prices in this scope come from.
    pub source: String,
    /// `differs` when any figure differs, else `copied` when any was copied from the map, else
    /// `agrees`, `not-compared` or `missing`.
    pub litellm: Class,
    pub genai_prices: Class,
}

/// A catalog model that a map has, or may have, but infercast cannot read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotCompared {
    /// Catalog key.
    pub model: String,
    pub scope: Scope,
    /// `litellm` or `genai-prices`.
    pub map: &'static str,
    /// Why, e.g. "prices change by date (conditional prices)".
    pub reason: String,
}

/// A map entry infercast does not compare with any catalog figure, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skipped {
    /// `litellm` or `genai-prices`.
    pub map: &'static str,
    /// The map's key, e.g. `bedrock_mantle/openai.gpt-x`.
    pub key: String,
    pub reason: String,
}

/// The whole result: schema `infercast/crosscheck-v2` once rendered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Crosscheck {
    pub litellm: MapSummary,
    pub genai_prices: MapSummary,
    /// Catalog prices that at least one map gives: `agree + copied + accepted + disagreements`.
    pub compared: usize,
    /// Of those, the ones no map contradicts and at least one map not their source confirms.
    pub agree: usize,
    /// Of those, the ones no map contradicts and only the maps they were copied from give: not
    /// evidence either way.
    pub copied: usize,
    /// Disagreements the catalog explains with a `crosscheck_note`.
    pub accepted: Vec<Disagreement>,
    /// Disagreements without a note: any one fails the check (exit 1).
    pub disagreements: Vec<Disagreement>,
    /// Every catalog model and scope with each map's class.
    pub models: Vec<ModelRow>,
    /// Entries a map has but infercast cannot compare (an unsupported rule or price form).
    pub not_compared: Vec<NotCompared>,
    /// Map entries that price something the catalog does not model, with the reason.
    pub skipped: Vec<Skipped>,
    /// Catalog keys that neither map lists.
    pub missing_in_maps: Vec<String>,
    /// Base ids of Bedrock text models the maps price and the catalog lacks.
    pub missing_in_catalog: Vec<String>,
}

impl Crosscheck {
    /// True when every disagreement is accepted.
    pub fn passes(&self) -> bool {
        self.disagreements.is_empty()
    }
}

/// `(map − catalog) / catalog`; `None` when the catalog price is zero and the map's is not.
fn relative(catalog: f64, map: f64) -> Option<f64> {
    if catalog == map {
        Some(0.0)
    } else if catalog == 0.0 {
        None
    } else {
        Some((map - catalog) / catalog)
    }
}

/// More than [`TOLERANCE`] apart, relative to the catalog (any difference from a zero price).
fn differs(catalog: f64, map: f64) -> bool {
    relative(catalog, map).is_none_or(|r| r.abs() > TOLERANCE)
}

/// `None` when every map agrees within 0.5 %; otherwise `Some` of the relative difference
/// furthest from zero (itself `None` when the catalog price is zero and a map's is not).
fn worst(catalog: f64, maps: [Option<f64>; 2]) -> Option<Option<f64>> {
    let mut worst: Option<Option<f64>> = None;
    for v in maps.into_iter().flatten() {
        match relative(catalog, v) {
            None => return Some(None),
            Some(r) if r.abs() > TOLERANCE && worst.flatten().is_none_or(|w| r.abs() > w.abs()) => {
                worst = Some(Some(r))
            }
            Some(_) => {}
        }
    }
    worst
}

/// One map's figure for a point and its class, noting a lookup it could not make.
fn figure_of(
    (map, which): (&dyn PriceMap, Map),
    name: &'static str,
    p: &PricePoint,
    seen: &mut BTreeSet<String>,
    out: &mut Crosscheck,
) -> (Option<f64>, Class) {
    let figure = match map.lookup(&p.id, &p.scope) {
        Lookup::Found(prices) => {
            seen.insert(p.model.clone());
            prices.get(&p.figure).copied()
        }
        Lookup::Missing => None,
        Lookup::NotCompared(reason) => {
            seen.insert(p.model.clone());
            let nc = NotCompared { model: p.model.clone(), scope: p.scope.clone(), map: name, reason };
            if !out.not_compared.contains(&nc) {
                out.not_compared.push(nc);
            }
            return (None, Class::NotCompared);
        }
    };
    (figure, Class::of(which, &p.source, figure, |x| differs(p.usd_per_mtok, x)))
}

/// Compares every point with both maps.
pub fn compare(points: &[PricePoint], litellm: &dyn PriceMap, genai: &dyn PriceMap) -> Crosscheck {
    let mut out = Crosscheck {
        litellm: litellm.summary(),
        genai_prices: genai.summary(),
        compared: 0,
        agree: 0,
        copied: 0,
        accepted: Vec::new(),
        disagreements: Vec::new(),
        models: Vec::new(),
        not_compared: Vec::new(),
        skipped: Vec::new(),
        missing_in_maps: Vec::new(),
        missing_in_catalog: Vec::new(),
    };
    let mut seen = BTreeSet::new();
    let mut classes = Vec::new();
    for p in points {
        let (ll, llc) = figure_of((litellm, Map::LiteLlm), "litellm", p, &mut seen, &mut out);
        let (gp, gpc) = figure_of((genai, Map::GenaiPrices), "genai-prices", p, &mut seen, &mut out);
        out.litellm.counts.add(llc, Map::LiteLlm.is_source_of(&p.source));
        out.genai_prices.counts.add(gpc, Map::GenaiPrices.is_source_of(&p.source));
        classes.push((llc, gpc));
        if ll.is_none() && gp.is_none() {
            continue;
        }
        out.compared += 1;
        let Some(relative_difference) = worst(p.usd_per_mtok, [ll, gp]) else {
            if llc == Class::Agrees || gpc == Class::Agrees {
                out.agree += 1
            } else {
                out.copied += 1
            }
            continue;
        };
        let row = Disagreement {
            model: p.model.clone(),
            id: p.id.clone(),
            scope: p.scope.clone(),
            figure: p.figure,
            catalog: p.usd_per_mtok,
            source: p.source.clone(),
            litellm: ll,
            litellm_class: llc,
            genai_prices: gp,
            genai_prices_class: gpc,
            relative_difference,
            note: p.note.clone(),
        };
        if row.note.is_some() { out.accepted.push(row) } else { out.disagreements.push(row) }
    }
    out.models = model_rows(points, &classes);
    let skipped = |map: &dyn PriceMap, name: &'static str| {
        map.skipped().into_iter().map(move |(key, reason)| Skipped { map: name, key, reason })
    };
    out.skipped = skipped(litellm, "litellm").chain(skipped(genai, "genai-prices")).collect();
    sides(points, &seen, litellm, genai, &mut out);
    out
}

/// One row per catalog model and scope, in catalog order, each map's classes made one.
fn model_rows(points: &[PricePoint], classes: &[(Class, Class)]) -> Vec<ModelRow> {
    let mut rows: Vec<(ModelRow, Vec<(Class, Class)>)> = Vec::new();
    for (p, c) in points.iter().zip(classes) {
        match rows.last_mut() {
            Some((r, cs)) if r.model == p.model && r.scope == p.scope => cs.push(*c),
            _ => {
                let row = ModelRow {
                    model: p.model.clone(),
                    scope: p.scope.clone(),
                    source: p.source.clone(),
                    litellm: Class::Missing,
                    genai_prices: Class::Missing,
                };
                rows.push((row, vec![*c]));
            }
        }
    }
    rows.into_iter()
        .map(|(mut r, cs)| {
            r.litellm = Class::worst(cs.iter().map(|c| c.0));
            r.genai_prices = Class::worst(cs.iter().map(|c| c.1));
            r
        })
        .collect()
}

/// The models on one side only: catalog keys no map lists, map ids the catalog lacks.
fn sides(points: &[PricePoint], seen: &BTreeSet<String>, ll: &dyn PriceMap, gp: &dyn PriceMap, out: &mut Crosscheck) {
    let mut listed = BTreeSet::new();
    for p in points {
        if !seen.contains(&p.model) && listed.insert(p.model.as_str()) {
            out.missing_in_maps.push(p.model.clone());
        }
    }
    let ids: BTreeSet<&str> = points.iter().map(|p| p.id.as_str()).collect();
    let ids: Vec<&str> = ids.into_iter().collect();
    let mut missing: BTreeSet<String> = ll.missing_from(&ids).into_iter().collect();
    missing.extend(gp.missing_from(&ids));
    out.missing_in_catalog = missing.into_iter().collect();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crosscheck::{Lookup, Prices};

    /// A map with one model's prices.
    struct One(&'static str, Prices, Vec<String>);

    impl PriceMap for One {
        fn lookup(&self, id: &str, _: &Scope) -> Lookup {
            if id == self.0 { Lookup::Found(self.1.clone()) } else { Lookup::Missing }
        }
        fn missing_from(&self, _: &[&str]) -> Vec<String> {
            self.2.clone()
        }
        fn summary(&self) -> MapSummary {
            MapSummary { file: "f".into(), entries_read: 1, counts: Counts::default() }
        }
    }

    const LITELLM: &str = "https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json";

    fn point(model: &str, figure: Figure, usd: f64, note: Option<&str>) -> PricePoint {
        PricePoint {
            model: model.into(),
            id: format!("v.{model}"),
            scope: Scope::InRegion,
            figure,
            usd_per_mtok: usd,
            source: "https://aws.amazon.com/bedrock/pricing/".into(),
            note: note.map(String::from),
        }
    }

    #[test]
    fn over_half_a_percent_disagrees_and_a_note_accepts() {
        let ll = One("v.a", Prices::from([(Figure::Input, 1.004), (Figure::Output, 4.4)]), vec!["v.z".into()]);
        let gp = One("v.a", Prices::from([(Figure::Input, 0.99)]), vec!["v.z".into(), "v.y".into()]);
        let points = [
            point("a", Figure::Input, 1.0, None),
            point("a", Figure::Output, 4.0, None),
            point("a", Figure::CacheRead, 0.1, None),
            point("b", Figure::Input, 2.0, Some("why")),
        ];
        let c = compare(&points, &ll, &gp);
        // Input: LiteLLM +0.4 % agrees, genai-prices (0.99 − 1)/1 = −1 % disagrees.
        // Output: (4.4 − 4)/4 = +10 %. Cache read: neither map has it, not compared. b: in no map.
        assert_eq!((c.compared, c.agree, c.copied), (2, 0, 0));
        let diffs: Vec<(Figure, Option<f64>)> =
            c.disagreements.iter().map(|d| (d.figure, d.relative_difference)).collect();
        assert_eq!(diffs.len(), 2);
        assert!((diffs[0].1.unwrap() + 0.01).abs() < 1e-12 && diffs[0].0 == Figure::Input);
        assert!((diffs[1].1.unwrap() - 0.1).abs() < 1e-12 && diffs[1].0 == Figure::Output);
        assert_eq!(
            (c.disagreements[0].litellm_class, c.disagreements[0].genai_prices_class),
            (Class::Agrees, Class::Differs)
        );
        assert_eq!(c.missing_in_maps, ["b"]);
        assert_eq!(c.missing_in_catalog, ["v.y", "v.z"]);
        assert!(!c.passes());
        let noted: Vec<PricePoint> =
            points[..2].iter().map(|p| PricePoint { note: Some("n".into()), ..p.clone() }).collect();
        let c = compare(&noted, &ll, &gp);
        assert_eq!((c.accepted.len(), c.disagreements.len()), (2, 0));
        assert!(c.passes());
    }

    #[test]
    fn a_figure_copied_from_a_map_is_no_evidence_from_it() {
        // LiteLLM gives a: input 1.0 (= catalog), output 4.4 (catalog 4.0, +10 %).
        let ll = One("v.a", Prices::from([(Figure::Input, 1.0), (Figure::Output, 4.4)]), vec![]);
        let gp = One("v.a", Prices::from([(Figure::Input, 1.0)]), vec![]);
        let copied = |p: PricePoint| PricePoint { source: LITELLM.into(), ..p };
        let points = [copied(point("a", Figure::Input, 1.0, None)), copied(point("a", Figure::Output, 4.0, None))];
        let c = compare(&points, &ll, &gp);
        // Input: copied from LiteLLM and equal there; genai-prices (not the source) agrees: one
        // independent agreement. Output: copied from LiteLLM, yet 10 % apart: a difference.
        assert_eq!((c.compared, c.agree, c.copied, c.disagreements.len()), (2, 1, 0, 1));
        let l = c.litellm.counts;
        assert_eq!((l.compared, l.agree, l.copied, l.differ, l.copied_differ, l.missing), (2, 0, 1, 1, 1, 0));
        let g = c.genai_prices.counts;
        assert_eq!((g.compared, g.agree, g.copied, g.differ, g.missing), (1, 1, 0, 0, 1));
        assert_eq!((c.models[0].litellm, c.models[0].genai_prices), (Class::Differs, Class::Agrees));
        // Without genai-prices' figure the input is confirmed by its source only: copied.
        let gp = One("v.none", Prices::new(), vec![]);
        let c = compare(&points[..1], &ll, &gp);
        assert_eq!((c.compared, c.agree, c.copied), (1, 0, 1));
        assert_eq!((c.models[0].litellm, c.models[0].genai_prices), (Class::Copied, Class::Missing));
    }

    #[test]
    fn a_zero_catalog_price_disagrees_with_any_other() {
        assert_eq!(worst(0.0, [Some(0.0), None]), None);
        assert_eq!(worst(0.0, [Some(0.1), None]), Some(None));
        assert!(differs(0.0, 0.1) && !differs(0.0, 0.0) && !differs(1.0, 1.005) && differs(1.0, 1.006));
        // The furthest of two: (1.2 − 1)/1 = +20 % beats (0.9 − 1)/1 = −10 %.
        assert!(worst(1.0, [Some(0.9), Some(1.2)]).flatten().is_some_and(|r| (r - 0.2).abs() < 1e-12));
    }
}
