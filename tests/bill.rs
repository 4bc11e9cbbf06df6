//! `usage::bill::read`: the Bedrock lines of a CUR 2.0 and a FOCUS export summed by month and
//! charge, each sum added up by hand from the fixture lines (tests/fixtures/bill/README.md);
//! a bad line and an unknown header refused at their place.
use infercast::catalog::Catalog;
use infercast::error::Diagnostic;
use infercast::source::SourceFile;
use infercast::usage::bill::{Bill, Charge, Lines, read};

const DIR: &str = "tests/fixtures/bill";

fn catalog() -> Catalog {
    Catalog::embedded().expect("the bundled catalog loads")
}

/// The key of the bundled catalog's model the AWS Price List calls `name`.
fn key(name: &str) -> Charge {
    let c = catalog();
    let m = c.models.iter().find(|m| m.price_list.iter().any(|n| n == name));
    Charge::Model(m.unwrap_or_else(|| panic!("no model named {name} in the Price List")).key.clone())
}

fn unpriced(s: &str) -> Charge {
    Charge::Unpriced(s.to_string())
}

fn bill(file: &str) -> Bill {
    let path = format!("{DIR}/{file}");
    let text = std::fs::read_to_string(&path).unwrap();
    read(&SourceFile::new(path, text), &catalog()).unwrap()
}

fn refusal(text: &str) -> Diagnostic {
    read(&SourceFile::new("bill.csv", text), &catalog()).unwrap_err()
}

/// `month`'s charges, in charge order, each rounded to the cent (sums of decimal fractions).
fn month(b: &Bill, month: &str) -> Vec<(Charge, f64)> {
    let m = b.usd.get(month).unwrap_or_else(|| panic!("no month {month}: {:?}", b.usd.keys()));
    m.iter().map(|(c, usd)| (c.clone(), (usd * 100.0).round() / 100.0)).collect()
}

fn sorted(mut v: Vec<(Charge, f64)>) -> Vec<(Charge, f64)> {
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

#[test]
fn a_cur2_export_by_month_and_charge() {
    let b = bill("cur2.csv");
    assert_eq!(b.usd.keys().collect::<Vec<_>>(), ["2026-10", "2026-11"]);
    // October: Nova Pro a01 1.60 + a02 3.20 + a03 0.40 (started 2026-10-31T23:00Z, matched by
    // its usage type's stem `nova-pro`) = 5.20; Sonnet 4.5 a04 9.00 + a05 22.50 = 31.50.
    assert_eq!(month(&b, "2026-10"), sorted(vec![(key("Nova Pro"), 5.2), (key("Claude Sonnet 4.5"), 31.5)]));
    // November: Nova Pro b01 0.80; Sonnet 4.5's cache read b05 0.15; unpriced: Nova Canvas images
    // b02 0.40, a Marketplace model the catalog lacks b04 1.25, Provisioned Throughput b06 39.60,
    // the credit b07 −2.00 and the tax b08 0.30. The EC2 line b03 (100.00) is not Bedrock.
    let nov = vec![
        (key("Nova Pro"), 0.8),
        (key("Claude Sonnet 4.5"), 0.15),
        (unpriced("USE1-NovaCanvas-T2I-1024-Standard"), 0.4),
        (unpriced("USE1-MP:USE1_InputTokenCount-Units (Unknown Model 9)"), 1.25),
        (unpriced("USE1-ProvisionedThroughput-NovaPro-ModelUnits"), 39.6),
        (unpriced("Credit"), -2.0),
        (unpriced("Tax"), 0.3),
    ];
    assert_eq!(month(&b, "2026-11"), sorted(nov));
    // 10 Bedrock usage lines (a01–a05, b01, b02, b04–b06), 2 not usage (b07, b08), 1 EC2 (b03).
    assert_eq!(b.lines, Lines { usage: 10, not_usage: 2, other_services: 1 });
    assert_eq!(b.file, "tests/fixtures/bill/cur2.csv");
}

#[test]
fn a_focus_export_by_month_and_charge() {
    let b = bill("focus.csv");
    // October: Nova Lite output 0.96; Haiku 4.5 output 12.50 (ChargePeriodStart written
    // `2026-10-02 00:00:00.000`); the S3 line (5.00) is not Bedrock.
    assert_eq!(month(&b, "2026-10"), sorted(vec![(key("Nova Lite"), 0.96), (key("Claude Haiku 4.5"), 12.5)]));
    // November: Nova Lite input 0.06; Haiku 4.5's cache write 1.25; unpriced: the guardrail
    // 0.75 and the credit −1.00.
    let nov = vec![
        (key("Nova Lite"), 0.06),
        (key("Claude Haiku 4.5"), 1.25),
        (unpriced("USE1-Guardrail-ContentPolicy-TextUnits"), 0.75),
        (unpriced("Credit"), -1.0),
    ];
    assert_eq!(month(&b, "2026-11"), sorted(nov));
    assert_eq!(b.lines, Lines { usage: 5, not_usage: 1, other_services: 1 });
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_read_alike() {
    let path = format!("{DIR}/cur2.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let windows = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    let b = read(&SourceFile::new(path, windows), &catalog()).unwrap();
    assert_eq!(b, bill("cur2.csv"));
}

#[test]
fn focus_without_billed_cost_reads_effective_cost() {
    let text = "ChargePeriodStart,ServiceName,EffectiveCost,ChargeCategory,x_UsageType\n\
                2026-09-30T12:00:00Z,Amazon Bedrock,2.5,Usage,USE1-Nova-Pro-output-tokens\n";
    let b = read(&SourceFile::new("f.csv", text), &catalog()).unwrap();
    assert_eq!(month(&b, "2026-09"), vec![(key("Nova Pro"), 2.5)]);
}

#[test]
fn a_cost_that_is_not_a_number_is_refused_at_its_field() {
    let text = "line_item_usage_start_date,line_item_product_code,line_item_usage_type,line_item_unblended_cost\n\
                2026-10-01T00:00:00Z,AmazonBedrock,USE1-Nova-Pro-input-tokens,1.0\n\
                2026-10-02T00:00:00Z,AmazonBedrock,USE1-Nova-Pro-input-tokens,\"1,5\"\n";
    let d = refusal(text);
    // Line 3; the cost is the 4th field, after `2026-10-02T00:00:00Z,` (21 characters),
    // `AmazonBedrock,` (14) and `USE1-Nova-Pro-input-tokens,` (27): column 63.
    assert_eq!(d.location, Some((3, 63)));
    assert_eq!(d.message, "`line_item_unblended_cost` is not a number: `1,5`");
    let shown = d.to_string();
    assert!(shown.starts_with("error: bill.csv:3:63: "), "{shown}");
    assert!(shown.contains("^^^^^"), "the quoted field `\"1,5\"` is marked: {shown}");
}

#[test]
fn a_bad_date_is_refused_at_its_field() {
    let text = "BilledCost,ChargePeriodStart,ServiceName,ChargeCategory\n\
                1.0,yesterday,Amazon Bedrock,Usage\n";
    let d = refusal(text);
    // Line 2, after `1.0,`: column 5.
    assert_eq!(d.location, Some((2, 5)));
    assert_eq!(d.message, "`ChargePeriodStart` is not a date and time like 2026-11-01T00:00:00Z: `yesterday`");
}

#[test]
fn a_line_of_another_service_is_not_checked() {
    // A bad date on an EC2 line: the line is skipped before its date is read.
    let text = "line_item_usage_start_date,line_item_product_code,line_item_usage_type,line_item_unblended_cost\n\
                soon,AmazonEC2,USE1-BoxUsage,x\n";
    let b = read(&SourceFile::new("b.csv", text), &catalog()).unwrap();
    assert!(b.usd.is_empty());
    assert_eq!(b.lines.other_services, 1);
}

#[test]
fn a_currency_other_than_usd_is_refused() {
    let text = "line_item_usage_start_date,line_item_product_code,line_item_usage_type,line_item_unblended_cost,line_item_currency_code\n\
                2026-10-01T00:00:00Z,AmazonBedrock,USE1-Nova-Pro-input-tokens,1.0,EUR\n";
    let d = refusal(text);
    // After `2026-10-01T00:00:00Z,` (21), `AmazonBedrock,` (14), `USE1-Nova-Pro-input-tokens,`
    // (27) and `1.0,` (4): column 67.
    assert_eq!(d.location, Some((2, 67)));
    assert_eq!(d.message, "this line is billed in `EUR`; infercast compares bills in USD");
}

#[test]
fn an_unknown_header_is_refused_naming_the_columns_expected() {
    let d = refusal("date,service,cost\n2026-10-01,Bedrock,1\n");
    assert_eq!(d.location, Some((1, 1)));
    assert_eq!(d.message, "this is not a bill infercast reads: the header names neither CUR 2.0's columns nor FOCUS's");
    let help = d.help.unwrap();
    for column in ["line_item_usage_start_date", "line_item_unblended_cost", "ChargePeriodStart", "BilledCost"] {
        assert!(help.contains(column), "{column}: {help}");
    }
}

#[test]
fn a_cur2_header_without_a_needed_column_names_it() {
    let d = refusal("line_item_usage_start_date,line_item_product_code,line_item_unblended_cost\n");
    assert_eq!(d.location, Some((1, 1)));
    assert_eq!(d.message, "this CUR 2.0 header lacks the column(s) line_item_usage_type");
}

#[test]
fn an_empty_file_is_refused() {
    let d = refusal("");
    assert_eq!(d.message, "this bill is empty: it has no header and no line");
}
