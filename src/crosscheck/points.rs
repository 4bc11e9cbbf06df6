//! The catalog's prices as [`PricePoint`]s: the one place the cross-check reads the catalog.
use super::{Figure, PricePoint, Scope};
use crate::catalog::Catalog;

/// Every price of every catalog model, in catalog order: input, output and cache prices at the
/// base (in-region) scope.
pub fn price_points(catalog: &Catalog) -> Vec<PricePoint> {
    let mut out = Vec::new();
    for m in &catalog.models {
        let mut push = |figure, usd_per_mtok| {
            out.push(PricePoint {
                model: m.key.clone(),
                id: m.id.clone(),
                scope: Scope::InRegion,
                figure,
                usd_per_mtok,
                note: m.crosscheck_note.clone(),
            })
        };
        push(Figure::Input, m.input_usd_per_mtok);
        push(Figure::Output, m.output_usd_per_mtok);
        if let Some(c) = &m.cache {
            push(Figure::CacheWrite, c.write_usd_per_mtok);
            push(Figure::CacheRead, c.read_usd_per_mtok);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cached_model_gives_four_points_and_an_uncached_one_two() {
        let c = Catalog::embedded().unwrap();
        let points = price_points(&c);
        let of = |key: &str| points.iter().filter(|p| p.model == key).map(|p| p.figure).collect::<Vec<_>>();
        // pricing/bedrock-anthropic.toml: Claude 3.5 Haiku has cache prices, Claude 3 Haiku none.
        assert_eq!(of("claude-3.5-haiku"), [Figure::Input, Figure::Output, Figure::CacheWrite, Figure::CacheRead]);
        assert_eq!(of("claude-3-haiku"), [Figure::Input, Figure::Output]);
        assert!(points.iter().all(|p| p.scope == Scope::InRegion));
    }
}
