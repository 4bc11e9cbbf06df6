use super::*;

fn price(usd: f64, per: Per) -> UnitPrice {
    UnitPrice { usd, per, assumed: false }
}

#[test]
fn published_unit_prices_become_the_months_the_issue_works_out() {
    // Azure global PTU by the hour: $1 × 730 h = $730 a PTU-month; 100 PTUs $73,000.
    assert_eq!(100.0 * price(1.0, Per::Hour).usd_per_unit_month(730.0), 73_000.0);
    // The monthly reservation is $260 a PTU-month whatever the month's hours: 100 PTUs $26,000.
    assert_eq!(100.0 * price(260.0, Per::Month).usd_per_unit_month(730.0), 26_000.0);
    assert_eq!(price(260.0, Per::Month).usd_per_unit_month(720.0), 260.0);
    // The yearly one, $2,652 a PTU-year, is $221 a month.
    assert_eq!(price(2_652.0, Per::Year).usd_per_unit_month(730.0), 221.0);
    // Vertex's monthly term, $2,700 a GSU-month: 10 GSUs $27,000.
    assert_eq!(10.0 * price(2_700.0, Per::Month).usd_per_unit_month(730.0), 27_000.0);
    // OpenAI Scale Tier, $75 a unit-day: 730 / 24 = 30.416… days, $2,281.25 a month.
    assert!((price(75.0, Per::Day).usd_per_unit_month(730.0) - 2_281.25).abs() < 1e-9);
    // A week's price over 730 / 168 weeks: $1,200 → $5,214.29.
    assert!((price(1_200.0, Per::Week).usd_per_unit_month(730.0) - 1_200.0 * 730.0 / 168.0).abs() < 1e-9);
}

fn provenance() -> Provenance {
    Provenance { source: "https://example.com".into(), retrieved: "2026-11-01".into(), assumed: false, private: false }
}

fn offer(min_units: u32, increment: u32) -> UnitOffer {
    UnitOffer {
        product: "azure-ptu".into(),
        product_name: "Azure OpenAI Provisioned Throughput".into(),
        unit: "PTU".into(),
        vendor: Vendor::Azure,
        deployment: "global".into(),
        min_units,
        increment,
        tokens_per_minute_per_unit: 3_000.0,
        weights: Weights { output: 4.0, cache_read: 0.0, cache_write: 1.0, cache_write_1h: None },
        long_context: None,
        price: price(1.0, Per::Hour),
        throughput_assumed: false,
        throughput_provenance: provenance(),
        price_provenance: provenance(),
        basis: None,
    }
}

#[test]
fn units_are_sold_from_the_minimum_in_steps() {
    // Global: 15 PTUs, then steps of 5: 15, 20, 25 sell; 10, 16, 22 do not.
    let o = offer(15, 5);
    assert!([15, 20, 25, 100].iter().all(|n| o.sells(*n)));
    assert!([1, 10, 14, 16, 22].iter().all(|n| !o.sells(*n)));
    // One unit at a time from one.
    assert!((1..=5).all(|n| offer(1, 1).sells(n)));
}

#[test]
fn another_vendors_key_carries_its_prefix() {
    assert_eq!(Vendor::Azure.key("gpt-5"), "azure:gpt-5");
    assert_eq!(Vendor::Bedrock.key("claude-haiku-4.5"), "claude-haiku-4.5");
    assert_eq!(Vendor::split("vertex:gemini-2.5-pro"), Some((Vendor::Vertex, "gemini-2.5-pro")));
    // Bedrock keys have no prefix, and a colon in a Bedrock id is not a vendor.
    assert_eq!(Vendor::split("bedrock:nova-micro"), None);
    assert_eq!(Vendor::split("anthropic.claude-3-haiku-20240307-v1:0"), None);
}
