//! The catalog's prices as [`PricePoint`]s: the one place the cross-check reads the catalog.
use super::{Figure, PricePoint, Scope};
use crate::catalog::Catalog;

/// Every price of every catalog model, in catalog order: input, output and cache prices at the
/// base (in-region) scope, then the global profile's, then each other region's; each with the
/// source it cites (the model's, or a region price's own). Bedrock's models only: the public maps
/// and the AWS Price List it compares with price Bedrock.
pub fn price_points(catalog: &Catalog) -> Vec<PricePoint> {
    let mut out = Vec::new();
    for m in catalog.models.iter().filter(|m| m.vendor == crate::catalog::Vendor::Bedrock) {
        let own = &m.provenance.source;
        let scopes = std::iter::once((Scope::InRegion, m.base_prices(), own))
            .chain(m.global.map(|g| (Scope::Global, g, own)))
            .chain(m.region_prices.iter().map(|r| (Scope::Region(r.region.clone()), r.prices, &r.provenance.source)));
        for (scope, p, source) in scopes {
            let mut push = |figure, usd_per_mtok| {
                out.push(PricePoint {
                    model: m.key.clone(),
                    id: m.id.clone(),
                    scope: scope.clone(),
                    figure,
                    usd_per_mtok,
                    source: source.clone(),
                    note: m.crosscheck_note.clone(),
                })
            };
            push(Figure::Input, p.input_usd_per_mtok);
            push(Figure::Output, p.output_usd_per_mtok);
            if let Some(c) = &p.cache {
                if let Some(w) = c.write_usd_per_mtok {
                    push(Figure::CacheWrite, w);
                }
                if let Some(w) = c.write_1h_usd_per_mtok {
                    push(Figure::CacheWrite1h, w);
                }
                push(Figure::CacheRead, c.read_usd_per_mtok);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scope_of_a_model_gives_its_points() {
        let c = Catalog::embedded().unwrap();
        let points = price_points(&c);
        let of = |key: &str, scope: Scope| {
            points.iter().filter(|p| p.model == key && p.scope == scope).map(|p| p.figure).collect::<Vec<_>>()
        };
        // pricing/bedrock-anthropic.toml: Claude Sonnet 4.5 prices input, output, 5-minute and
        // 1-hour cache writes and reads, in-region and through the global profile.
        let all = [Figure::Input, Figure::Output, Figure::CacheWrite, Figure::CacheWrite1h, Figure::CacheRead];
        assert_eq!(of("claude-sonnet-4.5", Scope::InRegion), all);
        assert_eq!(of("claude-sonnet-4.5", Scope::Global), all);
        // Llama 3.1 8B has no cache prices and no global profile.
        assert_eq!(of("llama-3.1-8b", Scope::InRegion), [Figure::Input, Figure::Output]);
        assert!(of("llama-3.1-8b", Scope::Global).is_empty());
    }
}
