use super::*;
use crate::catalog::CachePrices;

fn prices(input: f64, output: f64, cache: Option<CachePrices>) -> PriceSet {
    PriceSet { input_usd_per_mtok: input, output_usd_per_mtok: output, cache }
}

/// 1,000,000 input, 500,000 output, 2,000,000 cache read, 100,000 cache write tokens.
fn totals() -> Totals {
    Totals { invocations: 10, input: 1_000_000, output: 500_000, cache_read: 2_000_000, cache_write: 100_000, throttles: 0 }
}

#[test]
fn cache_tokens_bill_at_their_prices_or_as_input() {
    let cache = CachePrices { write_usd_per_mtok: Some(3.75), write_1h_usd_per_mtok: None, read_usd_per_mtok: 0.3 };
    // 1 × 3 + 0.5 × 15 + 2 × 0.3 + 0.1 × 3.75 = 3 + 7.5 + 0.6 + 0.375
    assert!((cost(&totals(), &prices(3.0, 15.0, Some(cache))) - 11.475).abs() < 1e-12);
    // No cache prices: (1 + 2 + 0.1) × 3 + 0.5 × 15
    assert!((cost(&totals(), &prices(3.0, 15.0, None)) - 16.8).abs() < 1e-12);
    assert!((plain(&totals(), &prices(3.0, 15.0, Some(cache))) - 16.8).abs() < 1e-12);
    // A write price missing (Nova): writes at the input price, 0.1 × 3.
    let nova = CachePrices { write_usd_per_mtok: None, ..cache };
    assert!((cost(&totals(), &prices(3.0, 15.0, Some(nova))) - (3.0 + 7.5 + 0.6 + 0.3)).abs() < 1e-12);
}
