//! Each expected figure is worked out by hand from the test catalog's published prices: Azure
//! OpenAI gpt-4.1 at $2.00 in / $8.00 out per million tokens, a global PTU at $1.00 an hour or
//! $260 a month; a Vertex AI GSU at $2,700 a month.
use super::*;
use crate::catalog::Catalog;
use crate::scenario::Scenario;
use crate::source::SourceFile;

const UNITS: &str = include_str!("../../../../tests/fixtures/vendors/pricing/units.toml");
const VERTEX: &str = include_str!("../../../../tests/fixtures/vendors/pricing/vertex.toml");

/// `requests` a month of 1,000 input and 100 output tokens each, over `months` months.
fn head(months: u32, requests: u32) -> String {
    format!(
        "[scenario]\nname = \"v\"\nmonths = {months}\n\n[traffic]\nrequests_per_month = {requests}\n\n\
         [[workload]]\nname = \"chat\"\nshare = 1.0\ninput_tokens = 1_000\noutput_tokens = 100\n"
    )
}

const ON_DEMAND: &str = "\n[[option]]\nkind = \"on-demand\"\nmodel = \"azure:gpt-4.1\"\n";
const HOURLY: &str = "\n[[option]]\nname = \"hourly\"\nkind = \"azure-ptu\"\nmodel = \"gpt-4.1\"\n\
    deployment = \"global\"\nterm = \"none\"\nunits = 100\n";
const MONTHLY: &str = "\n[[option]]\nname = \"monthly\"\nkind = \"azure-ptu\"\nmodel = \"gpt-4.1\"\n\
    deployment = \"global\"\nterm = \"1-month\"\nunits = 100\n";
const GSU: &str = "\n[[option]]\nname = \"gsu\"\nkind = \"vertex-gsu\"\nmodel = \"gemini-2.5-flash\"\n\
    term = \"1-month\"\nunits = 10\n";

fn scenario(months: u32, options: &[&str]) -> Scenario {
    scenario_of(months, 100_000, options)
}

fn scenario_of(months: u32, requests: u32, options: &[&str]) -> Scenario {
    let catalog =
        Catalog::from_files(vec![SourceFile::new("units.toml", UNITS), SourceFile::new("vertex.toml", VERTEX)])
            .expect("the test catalog loads");
    let text = head(months, requests) + &options.concat();
    Scenario::from_source(&SourceFile::new("v.toml", &text), &catalog).expect("the scenario loads")
}

fn vendors(s: &Scenario) -> Option<VendorComparison> {
    crate::model::estimate(s).vendors
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6 * b.abs().max(1.0)
}

#[test]
fn each_vendor_keeps_its_cheapest_option_and_the_gap_to_the_cheapest_vendor() {
    // Azure: hourly 100 PTU × $1.00 × 730 h = $73,000; monthly 100 PTU × $260 = $26,000 (its
    // cheapest). Vertex: 10 GSU × $2,700 = $27,000, $1,000 more than Azure's.
    let c = vendors(&scenario(1, &[HOURLY, MONTHLY, GSU])).expect("two vendors");
    let got: Vec<(Vendor, &str, f64, f64)> =
        c.vendors.iter().map(|v| (v.vendor, v.option.as_str(), v.total_usd, v.more_than_cheapest_usd)).collect();
    assert_eq!(got.len(), 2);
    assert_eq!((got[0].0, got[0].1), (Vendor::Azure, "monthly"));
    assert!(close(got[0].2, 26_000.0) && got[0].3 == 0.0, "{got:?}");
    assert_eq!((got[1].0, got[1].1), (Vendor::Vertex, "gsu"));
    assert!(close(got[1].2, 27_000.0) && close(got[1].3, 1_000.0), "{got:?}");
    assert_eq!(c.vendors[0].kind, "azure-ptu");
    assert_eq!(c.vendors[0].unit.as_deref(), Some("PTU"));
    // Both capacities' figures are published; Vertex runs another model than Azure's gpt-4.1.
    assert!(c.vendors[0].rests_on.is_empty(), "{:?}", c.vendors[0].rests_on);
    assert_eq!(
        c.vendors[1].rests_on,
        [RestsOn::OtherModel { model: "vertex:gemini-2.5-flash".into(), cheapest: "azure:gpt-4.1".into() }]
    );
}

#[test]
fn months_are_each_months_cost_and_on_demand_counts_as_its_vendors_option() {
    // On demand: 100,000 × (1,000 × $2.00 + 100 × $8.00) / 1e6 = $280 a month, flat traffic:
    // $840 over 3 months. GSU: $2,700 × 10 = $27,000 a month, $81,000 over 3; $80,160 more.
    let c = vendors(&scenario(3, &[ON_DEMAND, MONTHLY, GSU])).expect("two vendors");
    let (azure, vertex) = (&c.vendors[0], &c.vendors[1]);
    assert_eq!((azure.vendor, azure.kind.as_str()), (Vendor::Azure, "on-demand"));
    assert_eq!(azure.months_usd.len(), 3);
    assert!(azure.months_usd.iter().all(|&m| close(m, 280.0)), "{:?}", azure.months_usd);
    assert!(close(azure.total_usd, 840.0));
    assert!(vertex.months_usd.iter().all(|&m| close(m, 27_000.0)), "{:?}", vertex.months_usd);
    assert!(close(vertex.total_usd, 81_000.0) && close(vertex.more_than_cheapest_usd, 80_160.0));
}

#[test]
fn a_tie_keeps_the_option_listed_first() {
    // Two 100-PTU monthly reservations cost $26,000 each: the first listed stands for Azure.
    let twin = MONTHLY.replace("\"monthly\"", "\"twin\"");
    let c = vendors(&scenario(1, &[&twin, MONTHLY, GSU])).expect("two vendors");
    assert_eq!(c.vendors[0].option, "twin");
}

#[test]
fn one_vendor_compares_nothing() {
    assert_eq!(vendors(&scenario(1, &[ON_DEMAND, HOURLY, MONTHLY])), None);
}

#[test]
fn assumed_throughput_and_price_of_a_unit_are_named() {
    let mut s = scenario(1, &[MONTHLY, GSU]);
    for o in &mut s.options {
        if let OptionKind::Provisioned { offer: Some(offer), .. } = &mut o.kind
            && offer.vendor == Vendor::Vertex
        {
            offer.throughput_assumed = true;
            offer.price.assumed = true;
        }
    }
    let c = vendors(&s).expect("two vendors");
    assert_eq!(
        c.vendors[1].rests_on[..2],
        [RestsOn::AssumedThroughput { unit: "GSU".into() }, RestsOn::AssumedCapacityPrice { unit: Some("GSU".into()) }]
    );
}

#[test]
fn overflow_billed_on_demand_is_named_with_its_busiest_month() {
    // 15 PTU (the smallest purchase) × 3,000 weighted tokens a minute = 45,000 a minute; 10
    // million requests a month of 1,000 in + 4 × 100 out = 1,400 weighted tokens each average
    // 10e6 × 1,400 / (730 × 60) ≈ 319,635 a minute: most requests overflow to on-demand.
    let small = MONTHLY.replace("units = 100", "units = 15");
    let c = vendors(&scenario_of(1, 10_000_000, &[&small, GSU])).expect("two vendors");
    let azure = c.vendors.iter().find(|v| v.vendor == Vendor::Azure).expect("Azure");
    assert!(
        azure.rests_on.iter().any(|r| matches!(r, RestsOn::Overflow { share, month: 1 } if *share > 0.5)),
        "{:?}",
        azure.rests_on
    );
}
