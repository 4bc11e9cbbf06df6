//! The comparison: each price point against both maps, disagreements over 0.5 %, accepted ones
//! (with a `crosscheck_note`), and models on one side only.
use super::{Figure, Lookup, PriceMap, PricePoint, Scope, TOLERANCE};
use serde::Serialize;
use std::collections::BTreeSet;

/// A map as read: the file given and how many Bedrock model entries it holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapSummary {
    /// Path as the user gave it.
    pub file: String,
    /// Bedrock model entries read (LiteLLM: `bedrock`/`bedrock_converse` keys; genai-prices:
    /// `models:` entries).
    pub entries_read: usize,
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
    /// LiteLLM's price, USD per million tokens (`null`: not listed).
    pub litellm: Option<f64>,
    /// genai-prices' price, USD per million tokens (`null`: not listed).
    pub genai_prices: Option<f64>,
    /// `(map − catalog) / catalog` of the map furthest from the catalog; `null` when the catalog
    /// price is zero.
    pub relative_difference: Option<f64>,
    /// The entry's `crosscheck_note` (set on accepted rows only).
    pub note: Option<String>,
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

/// The whole result: schema `infercast/crosscheck-v1` once rendered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Crosscheck {
    pub litellm: MapSummary,
    pub genai_prices: MapSummary,
    /// Catalog prices that at least one map gives.
    pub compared: usize,
    /// Of those, the ones every map gives within 0.5 %.
    pub agree: usize,
    /// Disagreements the catalog explains with a `crosscheck_note`.
    pub accepted: Vec<Disagreement>,
    /// Disagreements without a note: any one fails the check (exit 1).
    pub disagreements: Vec<Disagreement>,
    /// Entries a map has but infercast cannot compare (an unsupported rule or price form).
    pub not_compared: Vec<NotCompared>,
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

/// One map's figure for a point, noting a lookup it could not make.
fn figure_of(
    map: &dyn PriceMap,
    name: &'static str,
    p: &PricePoint,
    seen: &mut BTreeSet<String>,
    out: &mut Crosscheck,
) -> Option<f64> {
    match map.lookup(&p.id, &p.scope) {
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
            None
        }
    }
}

/// Compares every point with both maps.
pub fn compare(points: &[PricePoint], litellm: &dyn PriceMap, genai: &dyn PriceMap) -> Crosscheck {
    let mut out = Crosscheck {
        litellm: litellm.summary(),
        genai_prices: genai.summary(),
        compared: 0,
        agree: 0,
        accepted: Vec::new(),
        disagreements: Vec::new(),
        not_compared: Vec::new(),
        missing_in_maps: Vec::new(),
        missing_in_catalog: Vec::new(),
    };
    let mut seen = BTreeSet::new();
    for p in points {
        let ll = figure_of(litellm, "litellm", p, &mut seen, &mut out);
        let gp = figure_of(genai, "genai-prices", p, &mut seen, &mut out);
        if ll.is_none() && gp.is_none() {
            continue;
        }
        out.compared += 1;
        let Some(relative_difference) = worst(p.usd_per_mtok, [ll, gp]) else {
            out.agree += 1;
            continue;
        };
        let row = Disagreement {
            model: p.model.clone(),
            id: p.id.clone(),
            scope: p.scope.clone(),
            figure: p.figure,
            catalog: p.usd_per_mtok,
            litellm: ll,
            genai_prices: gp,
            relative_difference,
            note: p.note.clone(),
        };
        if row.note.is_some() { out.accepted.push(row) } else { out.disagreements.push(row) }
    }
    sides(points, &seen, litellm, genai, &mut out);
    out
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
            MapSummary { file: "f".into(), entries_read: 1 }
        }
    }

    fn point(model: &str, figure: Figure, usd: f64, note: Option<&str>) -> PricePoint {
        PricePoint {
            model: model.into(),
            id: format!("v.{model}"),
            scope: Scope::InRegion,
            figure,
            usd_per_mtok: usd,
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
        assert_eq!((c.compared, c.agree), (2, 0));
        let diffs: Vec<(Figure, Option<f64>)> =
            c.disagreements.iter().map(|d| (d.figure, d.relative_difference)).collect();
        assert_eq!(diffs.len(), 2);
        assert!((diffs[0].1.unwrap() + 0.01).abs() < 1e-12 && diffs[0].0 == Figure::Input);
        assert!((diffs[1].1.unwrap() - 0.1).abs() < 1e-12 && diffs[1].0 == Figure::Output);
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
    fn a_zero_catalog_price_disagrees_with_any_other() {
        assert_eq!(worst(0.0, [Some(0.0), None]), None);
        assert_eq!(worst(0.0, [Some(0.1), None]), Some(None));
        // The furthest of two: (1.2 − 1)/1 = +20 % beats (0.9 − 1)/1 = −10 %.
        assert!(worst(1.0, [Some(0.9), Some(1.2)]).flatten().is_some_and(|r| (r - 0.2).abs() < 1e-12));
    }
}
