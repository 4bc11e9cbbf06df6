//! The bill (docs/usage.md#the-bill): the Bedrock lines of a Cost and Usage Report 2.0 or a
//! FOCUS 1.x CSV export, summed by month and model, for `reconcile --bill`.
use crate::catalog::Catalog;
use crate::error::Diagnostic;
use crate::pricelist::{OFFERS, usage};
use crate::source::{SourceFile, Span};
use std::collections::BTreeMap;

/// What a bill line is for.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Charge {
    /// Text tokens of a catalog model (its key).
    Model(String),
    /// A Bedrock charge infercast does not price from usage (images, guardrails, Provisioned
    /// Throughput, a model the catalog lacks…): its usage type as written, followed by the
    /// model's name in brackets when the line names one (a Marketplace usage type such as
    /// `USE1-MP:USE1_InputTokenCount-Units` names none itself). A Bedrock line that
    /// is not usage (a credit, a refund, a tax, a discount) is kept here under its line item type
    /// (CUR 2.0) or charge category (FOCUS) as written, e.g. `Credit`, so the bill's total stays
    /// the invoice's.
    Unpriced(String),
}

/// The bill's Bedrock charges: month (`YYYY-MM`) → what → USD.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bill {
    pub file: String,
    pub usd: BTreeMap<String, BTreeMap<Charge, f64>>,
    /// How many lines of each sort were read.
    pub lines: Lines,
}

/// Lines read, by what became of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Lines {
    /// Bedrock usage lines (priced or not).
    pub usage: usize,
    /// Bedrock lines that are not usage (credits, refunds, taxes, discounts, fees).
    pub not_usage: usize,
    /// Lines of other services: skipped.
    pub other_services: usize,
}

/// The two exports read, told apart by the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    /// AWS Data Exports, table `COST_AND_USAGE_REPORT` (CUR 2.0).
    Cur2,
    /// AWS Data Exports, table `FOCUS_1_0_AWS` / `FOCUS_1_2_AWS`.
    Focus,
}

/// The columns every CUR 2.0 bill needs.
const CUR2: [&str; 4] =
    ["line_item_usage_start_date", "line_item_product_code", "line_item_usage_type", "line_item_unblended_cost"];
/// The columns every FOCUS bill needs (a cost too: `BilledCost`, else `EffectiveCost`).
const FOCUS: [&str; 2] = ["ChargePeriodStart", "ServiceName"];
/// The suffix of a Marketplace model's product name.
const EDITION: &str = "(Amazon Bedrock Edition)";
/// FOCUS's `ServiceName` of Amazon's own Bedrock charges.
const SERVICE: &str = "Amazon Bedrock";

/// Where each field read sits in a row (column indexes).
#[derive(Debug)]
struct Columns {
    format: Format,
    /// `line_item_usage_start_date` | `ChargePeriodStart`.
    start: usize,
    /// `line_item_unblended_cost` | `BilledCost` (else `EffectiveCost`).
    cost: usize,
    cost_name: &'static str,
    /// The usage type: `line_item_usage_type` | `x_UsageType`, else `SkuMeter`, else
    /// `ChargeDescription` (the first present and not empty).
    usage_type: Vec<usize>,
    /// `line_item_line_item_type` | `ChargeCategory`.
    line_type: Option<usize>,
    /// Service codes: `line_item_product_code`, `product_servicecode` | `x_ServiceCode`.
    codes: Vec<usize>,
    /// Product names: `product_product_name`, `product_servicename` | `ServiceName`.
    names: Vec<usize>,
    /// CUR 2.0's `product` map, written as JSON in a CSV export.
    product: Option<usize>,
    /// `line_item_currency_code` | `BillingCurrency`.
    currency: Option<usize>,
}

/// One Bedrock line, read.
struct Line {
    month: String,
    usd: f64,
    charge: Charge,
    usage: bool,
}

/// Reads a CUR 2.0 or FOCUS 1.x CSV (told apart by its header), keeping the Bedrock lines.
pub fn read(file: &SourceFile, catalog: &Catalog) -> Result<Bill, Diagnostic> {
    let mut csv = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(file.text.as_bytes());
    let names = Names::of(catalog);
    let mut bill = Bill { file: file.path.clone(), ..Bill::default() };
    let mut columns: Option<Columns> = None;
    let mut row = csv::StringRecord::new();
    loop {
        let at = csv.position().byte() as usize;
        match csv.read_record(&mut row) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let at = e.position().map_or(at, |p| p.byte() as usize);
                let span = at..at + file.text[at.min(file.text.len())..].find('\n').unwrap_or(0).max(1);
                return Err(Diagnostic::at(file, &span, format!("this line is not CSV: {e}")).help(help()));
            }
        }
        let start = row.position().map_or(at, |p| p.byte() as usize);
        if row.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let Some(cols) = &columns else {
            columns = Some(header(file, &row, start)?);
            continue;
        };
        match line(file, cols, &row, start, &names)? {
            None => bill.lines.other_services += 1,
            Some(l) => {
                if l.usage {
                    bill.lines.usage += 1;
                } else {
                    bill.lines.not_usage += 1;
                }
                *bill.usd.entry(l.month).or_default().entry(l.charge).or_default() += l.usd;
            }
        }
    }
    if columns.is_none() {
        return Err(Diagnostic::file(&file.path, "this bill is empty: it has no header and no line").help(help()));
    }
    Ok(bill)
}

/// What the reader expects, for every format error.
fn help() -> String {
    format!(
        "give a CSV export of AWS Data Exports: CUR 2.0 (columns {}) or FOCUS 1.x with AWS columns \
         (columns {}, BilledCost or EffectiveCost) (docs/usage.md#the-bill)",
        CUR2.join(", "),
        FOCUS.join(", ")
    )
}

/// The header row: which export it is and where its columns are; else a located refusal naming
/// the columns expected.
fn header(file: &SourceFile, row: &csv::StringRecord, start: usize) -> Result<Columns, Diagnostic> {
    let index: BTreeMap<&str, usize> =
        row.iter().enumerate().map(|(i, c)| (c.trim().trim_start_matches('\u{feff}'), i)).collect();
    let get = |name: &str| index.get(name).copied();
    let all = |names: &[&str]| names.iter().filter_map(|n| get(n)).collect::<Vec<_>>();
    let span = start..start + file.text[start..].find(['\r', '\n']).unwrap_or(file.text.len() - start).max(1);
    let cur = index.keys().any(|c| c.starts_with("line_item_"));
    let focus = get("BilledCost").or(get("ChargePeriodStart")).or(get("EffectiveCost")).is_some();
    let (format, needed): (Format, Vec<&str>) = match (cur, focus) {
        (true, _) => (Format::Cur2, CUR2.to_vec()),
        (false, true) => (Format::Focus, FOCUS.to_vec()),
        (false, false) => {
            let msg = "this is not a bill infercast reads: the header names neither CUR 2.0's columns nor FOCUS's";
            return Err(Diagnostic::at(file, &span, msg).help(help()));
        }
    };
    let (cost_name, cost) = match format {
        Format::Cur2 => ("line_item_unblended_cost", get("line_item_unblended_cost")),
        Format::Focus if get("BilledCost").is_some() => ("BilledCost", get("BilledCost")),
        Format::Focus => ("EffectiveCost", get("EffectiveCost")),
    };
    let mut missing: Vec<&str> = needed.into_iter().filter(|n| get(n).is_none()).collect();
    if format == Format::Focus && cost.is_none() {
        missing.push("BilledCost (or EffectiveCost)");
    }
    if !missing.is_empty() {
        let what = if format == Format::Cur2 { "CUR 2.0" } else { "FOCUS" };
        let msg = format!("this {what} header lacks the column(s) {}", missing.join(", "));
        return Err(Diagnostic::at(file, &span, msg).help(help()));
    }
    let cur2 = format == Format::Cur2;
    let pick = |c: &[&str], f: &[&str]| all(if cur2 { c } else { f });
    Ok(Columns {
        format,
        start: get(if cur2 { CUR2[0] } else { FOCUS[0] }).unwrap_or(0),
        cost: cost.unwrap_or(0),
        cost_name,
        usage_type: pick(&["line_item_usage_type"], &["x_UsageType", "SkuMeter", "ChargeDescription"]),
        line_type: pick(&["line_item_line_item_type"], &["ChargeCategory"]).first().copied(),
        codes: pick(&["line_item_product_code", "product_servicecode"], &["x_ServiceCode"]),
        names: pick(&["product_product_name", "product_servicename"], &["ServiceName"]),
        product: if cur2 { get("product") } else { None },
        currency: pick(&["line_item_currency_code"], &["BillingCurrency"]).first().copied(),
    })
}

/// One row: `None` when it is not a Bedrock line; a bad date, cost or currency is a refusal at
/// its field.
fn line(
    file: &SourceFile,
    cols: &Columns,
    row: &csv::StringRecord,
    start: usize,
    names: &Names,
) -> Result<Option<Line>, Diagnostic> {
    let field = |i: usize| row.get(i).unwrap_or("").trim();
    let first = |is: &[usize]| is.iter().map(|&i| field(i)).find(|s| !s.is_empty()).unwrap_or("");
    let coded = cols.codes.iter().any(|&i| OFFERS.contains(&field(i)));
    let named = |s: &str| s.ends_with(EDITION) || (cols.format == Format::Focus && s == SERVICE);
    let raw = cols.product.map_or("", field);
    // Most lines of a whole account's bill are other services: skipped before the map is parsed.
    if !coded && !named(first(&cols.names)) && !raw.contains(EDITION) {
        return Ok(None);
    }
    let map = product_map(raw);
    let product_name = map.get("product_name").or(map.get("servicename")).map_or(first(&cols.names), String::as_str);
    if !coded && !named(product_name) {
        return Ok(None);
    }
    let bad = |i: usize, message: String| Diagnostic::at(file, &field_span(&file.text, start, i), message);
    let date = field(cols.start);
    let what = if cols.format == Format::Cur2 { CUR2[0] } else { FOCUS[0] };
    let month = month(date).ok_or_else(|| {
        bad(cols.start, format!("`{what}` is not a date and time like 2026-11-01T00:00:00Z: `{date}`"))
            .help("the usage start is written as AWS Data Exports writes it, in UTC")
    })?;
    let cost = field(cols.cost);
    let usd = cost.parse::<f64>().ok().filter(|x| x.is_finite()).ok_or_else(|| {
        bad(cols.cost, format!("`{}` is not a number: `{cost}`", cols.cost_name))
            .help("the cost is a plain number of USD, such as 12.5 or -3.2")
    })?;
    if let Some(c) = cols.currency.map(field).filter(|c| !c.is_empty() && *c != "USD") {
        let at = cols.currency.unwrap_or(0);
        return Err(bad(at, format!("this line is billed in `{c}`; infercast compares bills in USD"))
            .help("export the bill in USD"));
    }
    let line_type = cols.line_type.map_or("", field);
    let usage_type = first(&cols.usage_type);
    let usage = line_type.is_empty() || line_type == "Usage";
    let charge = if !usage {
        Charge::Unpriced(line_type.to_string())
    } else {
        let model = map.get("model").map_or_else(|| edition(product_name), |m| Some(m.as_str()));
        charge(usage_type, model, names)
    };
    Ok(Some(Line { month, usd, charge, usage }))
}

/// A usage line's charge: the catalog model's text tokens when its usage type is a text-token
/// one and the model is found (by `model`, the product's name, or the usage type's stem); else
/// unpriced under its usage type (and the model's name, when the line gives one).
fn charge(usage_type: &str, model: Option<&str>, names: &Names) -> Charge {
    let unpriced = || {
        let shown = if usage_type.is_empty() { "(no usage type)" } else { usage_type };
        Charge::Unpriced(match model {
            Some(m) => format!("{shown} ({m})"),
            None => shown.to_string(),
        })
    };
    if usage::classify(usage_type).is_err() {
        return unpriced();
    }
    let stem = stem(usage_type);
    let found = model
        .and_then(|m| names.find(m))
        .or_else(|| names.find(&stem))
        .or_else(|| names.find(stem.strip_suffix("-mantle").unwrap_or(&stem)));
    found.map_or_else(unpriced, |key| Charge::Model(key.to_string()))
}

/// A Marketplace product's model name: the product name without " (Amazon Bedrock Edition)";
/// `None` for any other product name (`Amazon Bedrock` names no model).
fn edition(product_name: &str) -> Option<&str> {
    product_name.strip_suffix(EDITION).map(str::trim).filter(|s| !s.is_empty())
}

/// The model part of a usage type: its body (docs/model.md#the-aws-price-list) before
/// `-input`, `-output`, `-cache` or the Marketplace token counts. `USE1-Nova-Pro-input-tokens`
/// → `nova-pro`; a Marketplace usage type (`USE1-MP:USE1_InputTokenCount-Units`) has none.
fn stem(usage_type: &str) -> String {
    let b = usage::body(usage_type);
    if ["input", "output", "cache"].iter().any(|w| b.starts_with(w)) {
        return String::new();
    }
    let cut =
        ["-input", "-output", "-cache", "inputtokencount", "outputtokencount", "cachereadinput", "cachewriteinput"]
            .iter()
            .filter_map(|w| b.find(w))
            .min()
            .unwrap_or(b.len());
    b[..cut].to_string()
}

/// CUR 2.0's `product` map as a CSV export writes it: a JSON object of strings. Anything else
/// (empty, not JSON) is an empty map: the map is optional.
fn product_map(text: &str) -> BTreeMap<String, String> {
    let Ok(serde_json::Value::Object(m)) = serde_json::from_str::<serde_json::Value>(text) else {
        return BTreeMap::new();
    };
    m.into_iter().filter_map(|(k, v)| v.as_str().map(|s| (k, s.trim().to_string()))).collect()
}

/// The month (`YYYY-MM`, UTC) of a usage start: RFC 3339 (`2026-11-01T00:00:00Z`, any offset),
/// a date and time without offset taken as UTC (`2026-11-01 00:00:00.000`), or a date.
fn month(s: &str) -> Option<String> {
    use jiff::tz::TimeZone;
    let t = s.parse::<jiff::Timestamp>().ok().or_else(|| {
        let dt = s
            .parse::<jiff::civil::DateTime>()
            .ok()
            .or_else(|| s.parse::<jiff::civil::Date>().ok().map(|d| d.at(0, 0, 0, 0)))?;
        TimeZone::UTC.to_timestamp(dt).ok()
    })?;
    let d = TimeZone::UTC.to_datetime(t).date();
    Some(format!("{:04}-{:02}", d.year(), d.month()))
}

/// The bytes of field `index` of the record starting at byte `start`, quotes included: a CSV
/// field's place in the file, for a message at its line and column.
fn field_span(text: &str, start: usize, index: usize) -> Span {
    let b = text.as_bytes();
    let (mut field, mut from, mut quoted) = (0, start, false);
    let mut i = start;
    while i < b.len() {
        match b[i] {
            b'"' => quoted = !quoted,
            b',' if !quoted => {
                if field == index {
                    break;
                }
                field += 1;
                from = i + 1;
            }
            b'\n' | b'\r' if !quoted => break,
            _ => {}
        }
        i += 1;
    }
    if field < index {
        return i..i;
    }
    from..i.max(from)
}

/// Every name a catalog model goes by, normalised (letters and digits, lower case) → its key:
/// its `price_list` names, its id, and its id without the provider (`amazon.`) and without a
/// version suffix (`-v1:0`).
struct Names(BTreeMap<String, String>);

impl Names {
    fn of(catalog: &Catalog) -> Names {
        let mut map = BTreeMap::new();
        // A Bedrock bill names Bedrock's models only.
        for m in catalog.models.iter().filter(|m| m.vendor == crate::catalog::Vendor::Bedrock) {
            let bare = m.id.split_once('.').map_or(m.id.as_str(), |(_, r)| r);
            let names = m.price_list.iter().map(String::as_str).chain([m.id.as_str(), bare, unversioned(bare)]);
            for n in names {
                map.entry(norm(n)).or_insert_with(|| m.key.clone());
            }
        }
        map.remove("");
        Names(map)
    }

    fn find(&self, name: &str) -> Option<&str> {
        self.0.get(&norm(name)).map(String::as_str)
    }
}

/// An id without its version suffix: `nova-pro-v1:0` → `nova-pro`.
fn unversioned(id: &str) -> &str {
    match id.rsplit_once("-v") {
        Some((head, v)) if v.chars().next().is_some_and(|c| c.is_ascii_digit()) => head,
        _ => id,
    }
}

/// Letters and digits, lower case: `Nova 2.0 Lite` = `nova2.0lite` = `nova-2-0-lite`.
fn norm(s: &str) -> String {
    s.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase()
}

#[cfg(test)]
mod tests;
