use super::*;
use crate::catalog::CachePrices;

fn prices(input: f64, output: f64, cache: Option<CachePrices>) -> PriceSet {
    PriceSet { input_usd_per_mtok: input, output_usd_per_mtok: output, cache }
}

/// 1,000,000 input, 500,000 output, 2,000,000 cache read, 100,000 cache write tokens.
fn totals() -> Totals {
    Totals {
        invocations: 10,
        input: 1_000_000,
        output: 500_000,
        cache_read: 2_000_000,
        cache_write: 100_000,
        throttles: 0,
    }
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

/// Sonnet 4.5 in us-east-1 at its catalog prices P; one hour of 2026-11-03 with 10 calls of
/// 1,000,000 input and 100,000 output tokens in all: usage U = 1·P.in + 0.1·P.out. The forecast:
/// one member on the same model, 30 days of cost F_m and 100 calls; the bill: 2026-11 with
/// Sonnet at U + 1 and a guardrail line of 2.
#[test]
fn the_bill_splits_into_models_and_unpriced_usage_types() {
    let catalog = Catalog::embedded().unwrap();
    let id = "anthropic.claude-sonnet-4-5-20250929-v1:0";
    let p =
        catalog.model("claude-sonnet-4.5").unwrap().prices(crate::catalog::Endpoint::InRegion, "us-east-1").unwrap();
    let mut u = Usage::new(super::super::Measured::Hourly);
    let nov_3 = 20_760 * DAY_S;
    let t = Totals { invocations: 10, input: 1_000_000, output: 100_000, ..Totals::default() };
    u.add_hour(nov_3, id, id, Some("us-east-1"), &t);
    let usage = p.input_usd_per_mtok + 0.1 * p.output_usd_per_mtok;
    let f = Forecast {
        scenario: "s".into(),
        line: "as-run".into(),
        first_day: crate::dates::parse_month("2026-11").unwrap(),
        months: 1,
        month_usd: vec![30.0 * usage],
        month_calls: vec![300.0],
        members: vec![Member {
            model: Some("claude-sonnet-4.5".into()),
            prices: Some(p),
            months_usd: vec![30.0 * usage],
        }],
    };
    let mut bill = Bill::default();
    let month = bill.usd.entry("2026-11".into()).or_default();
    month.insert(Charge::Model("claude-sonnet-4.5".into()), usage + 1.0);
    month.insert(Charge::Unpriced("USE1-Guardrail".into()), 2.0);
    let r = reconcile(&u, &catalog, &f, Some(&bill), 0.02).unwrap();
    // One day of a 30-day month: forecast = 30·U / 30 = U, 10 calls forecast and measured.
    assert!((r.usage_usd - usage).abs() < 1e-12 && (r.forecast_usd - usage).abs() < 1e-12);
    assert!((r.forecast_calls - 10.0).abs() < 1e-12);
    assert_eq!(r.bill_usd, Some(usage + 3.0));
    let bill_side: Vec<f64> = r.differences.iter().filter(|d| d.between == Between::BillUsage).map(|d| d.usd).collect();
    assert_eq!(bill_side.len(), 2);
    assert!((bill_side[0] - 1.0).abs() < 1e-9 && (bill_side[1] - 2.0).abs() < 1e-12);
    // The bill is 3 USD above usage, beyond 2 % of it.
    assert!(!r.within_tolerance);
    let loose = reconcile(&u, &catalog, &f, Some(&bill), 3.0 / usage + 1e-9).unwrap();
    assert!(loose.within_tolerance);
}
