//! The writer on small usages: names, models resolved, and what it writes without a plan.
use super::options::resolve;
use super::workloads::valid_name;
use super::*;
use crate::catalog::Endpoint;
use crate::usage::{Invocation, Totals};

fn catalog() -> Catalog {
    Catalog::embedded().expect("bundled catalog")
}

const NOV_2: i64 = 1_793_577_600; // 2026-11-02, a Monday

#[test]
fn model_ids_resolve_to_key_endpoint_and_region() {
    let c = catalog();
    let haiku = "anthropic.claude-haiku-4-5-20251001-v1:0";
    let r = resolve(&c, &format!("us.{haiku}"), Some("us-west-2")).unwrap();
    assert_eq!((r.key.as_str(), r.endpoint, r.region.as_str()), ("claude-haiku-4.5", Endpoint::Geo, "us-west-2"));
    let arn = format!("arn:aws:bedrock:us-east-1:123456789012:inference-profile/global.{haiku}");
    assert_eq!(resolve(&c, &arn, Some("us-east-1")).unwrap().endpoint, Endpoint::Global);
    let arn = format!("arn:aws:bedrock:us-east-1::foundation-model/{haiku}");
    assert_eq!(resolve(&c, &arn, Some("us-east-1")).unwrap().endpoint, Endpoint::InRegion);
    assert!(resolve(&c, "acme.unknown-v1", Some("us-east-1")).unwrap_err().contains("is not in the catalog"));
    // A `us.` profile called from Europe is outside its geography.
    assert!(resolve(&c, &format!("us.{haiku}"), Some("eu-west-1")).is_err());
}

#[test]
fn group_keys_become_workload_names() {
    assert_eq!(valid_name("support chat/v2"), "support-chat-v2");
    assert_eq!(valid_name("us.anthropic.m-v1:0"), "us.anthropic.m-v1:0");
    assert_eq!(valid_name("\u{7}"), "workload");
}

/// One known model and one unknown: no plan (a plan must serve every workload), the known model's
/// option priced over all traffic, a comment naming the unknown; the text still loads.
#[test]
fn an_unknown_model_leaves_no_plan_and_still_loads() {
    let mut u = Usage::new(Measured::Hourly);
    let t = Totals { invocations: 10, input: 1_000, output: 500, ..Totals::default() };
    u.add_hour(NOV_2, "a", "anthropic.claude-haiku-4-5-20251001-v1:0", Some("us-east-1"), &t);
    u.add_hour(NOV_2 + 3_600, "b", "acme.unknown-v1", Some("us-east-1"), &t);
    let text = write(&u, &catalog(), "mixed");
    assert!(text.contains("# workload \"b\": model acme.unknown-v1 is not in the catalog"), "{text}");
    assert!(!text.contains("\n[[plan]]") && !text.contains("standalone = false"), "{text}");
    assert!(text.contains("burstiness = 1 # not measured (hourly data)"), "{text}");
    assert!(text.contains("growth_per_month = 0 # no full month: no growth measured"), "{text}");
    // 20 calls over one day (24 hours) → 20 / 24 × 730 = 608.3, written 608.
    assert!(text.contains("requests_per_month = 608 # measured: no full month"), "{text}");
    let file = crate::source::SourceFile::new("mixed.toml", text.clone());
    crate::scenario::Scenario::from_source(&file, &catalog()).unwrap_or_else(|d| panic!("{d:?}\n{text}"));
}

/// A group by tag that used two models: its option is the most used, the other listed with its share.
#[test]
fn a_group_of_several_models_runs_on_its_most_used() {
    let mut u = Usage::new(Measured::InvocationLogs);
    for (i, model) in ["anthropic.claude-haiku-4-5-20251001-v1:0"; 3]
        .iter()
        .chain(&["anthropic.claude-sonnet-4-5-20250929-v1:0"])
        .enumerate()
    {
        u.add(&Invocation {
            timestamp_s: NOV_2 + 60 * i as i64,
            region: "us-east-1",
            model_id: model,
            group: "chat",
            input: 100,
            cache_read: 0,
            cache_write: 0,
            output: 10,
        });
    }
    let text = write(&u, &catalog(), "tagged");
    assert!(text.contains("also used: anthropic.claude-sonnet-4-5-20250929-v1:0 (25.0 %)"), "{text}");
    assert!(text.contains("serve = { \"chat\" = \"as-run claude-haiku-4.5\" }"), "{text}");
    let file = crate::source::SourceFile::new("tagged.toml", text.clone());
    crate::scenario::Scenario::from_source(&file, &catalog()).unwrap_or_else(|d| panic!("{d:?}\n{text}"));
}

/// Claude Sonnet 4 reaches its end of life on 2026-10-14 in the bundled catalog: judged on
/// 2026-12-01, the option that ran on it is priced for history, and the text loads.
#[test]
fn a_retired_model_is_priced_as_it_ran() {
    let mut c = catalog();
    c.today = crate::dates::parse("2026-12-01");
    let mut u = Usage::new(Measured::Hourly);
    let t = Totals { invocations: 10, input: 1_000, output: 500, ..Totals::default() };
    u.add_hour(NOV_2, "a", "anthropic.claude-sonnet-4-20250514-v1:0", Some("us-east-1"), &t);
    let text = write(&u, &c, "retired");
    assert!(text.contains("allow_retired = true"), "{text}");
    let file = crate::source::SourceFile::new("retired.toml", text.clone());
    crate::scenario::Scenario::from_source(&file, &c).unwrap_or_else(|d| panic!("{d:?}\n{text}"));
}
