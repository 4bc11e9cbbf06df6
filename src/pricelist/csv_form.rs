//! The CSV form of a bulk offer file: metadata lines (`"FormatVersion"`, `"Publication Date"`,
//! `"Version"`, `"OfferCode"`), then a header row starting `"SKU"` and one row per price
//! dimension, attributes as columns
//! (https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/reading-an-offer.html).
use super::{OFFERS, Offer, PriceList, Product, help, model_name, usd};
use crate::error::Diagnostic;
use crate::source::SourceFile;
use std::collections::BTreeMap;

/// A column name compared without case, spaces or underscores: `Region Code` = `regionCode`.
fn norm(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_ascii_lowercase()
}

/// A problem at 1-based `line` (its first column).
fn at_line(f: &SourceFile, line: u64, message: String) -> Diagnostic {
    let start: usize = f.text.split_inclusive('\n').take((line as usize).saturating_sub(1)).map(str::len).sum();
    let width = f.line_text(line as usize).len().max(1);
    Diagnostic::at(f, &(start..start + width), message).help(help())
}

/// Reads one CSV file into `list`; the first problem is one located message.
pub fn read(f: &SourceFile, list: &mut PriceList) -> Result<(), Diagnostic> {
    let mut rows = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(f.text.as_bytes());
    let mut meta = BTreeMap::new();
    let mut columns: Option<BTreeMap<String, usize>> = None;
    let mut offer_line = 1;
    for row in rows.records() {
        let row = row.map_err(|e| {
            let line = e.position().map_or(1, |p| p.line());
            at_line(f, line, format!("not an AWS Price List file: this line is not CSV ({e})"))
        })?;
        let line = row.position().map_or(1, |p| p.line());
        let Some(cols) = &columns else {
            if row.get(0).is_some_and(|c| norm(c) == "sku") {
                columns = Some(row.iter().enumerate().map(|(i, c)| (norm(c), i)).collect());
                start(f, &meta, offer_line, list)?;
            } else if row.len() == 2 {
                if norm(&row[0]) == "offercode" {
                    offer_line = line;
                }
                meta.insert(norm(&row[0]), row[1].to_string());
            } else {
                return Err(not_csv(f));
            }
            continue;
        };
        let get = |name: &str| cols.get(name).and_then(|&i| row.get(i)).filter(|s| !s.is_empty());
        if get("termtype").is_some_and(|t| t != "OnDemand") {
            continue;
        }
        let missing = |what: &str| at_line(f, line, format!("this row has no `{what}`"));
        let sku = get("sku").ok_or_else(|| missing("SKU"))?;
        let usagetype = get("usagetype").ok_or_else(|| missing("usageType"))?;
        let region = get("regioncode").or_else(|| get("location")).ok_or_else(|| missing("Region Code"))?;
        let given = get("priceperunit").unwrap_or("");
        let usd = usd(given).ok_or_else(|| {
            at_line(f, line, format!("product {sku}: its price `{given}` is not a number of zero or more"))
        })?;
        if get("currency").is_some_and(|c| c != "USD") {
            continue;
        }
        list.add(Product {
            sku,
            usagetype,
            model: model_name(get("model"), get("servicename"), usagetype),
            region,
            unit: get("unit").unwrap_or(""),
            description: get("pricedescription").unwrap_or(""),
            usd,
        });
    }
    if columns.is_none() {
        return Err(not_csv(f));
    }
    Ok(())
}

fn not_csv(f: &SourceFile) -> Diagnostic {
    Diagnostic::file(
        &f.path,
        "not an AWS Price List file: expected JSON, or CSV with metadata lines (\"OfferCode\", \"Version\", \"Publication Date\") and a header row starting \"SKU\"",
    )
    .help(help())
}

/// The offer named by the metadata lines, checked to be a Bedrock offer.
fn start(f: &SourceFile, meta: &BTreeMap<String, String>, line: u64, list: &mut PriceList) -> Result<(), Diagnostic> {
    let field = |k: &str, shown: &str| {
        meta.get(k).cloned().ok_or_else(|| {
            Diagnostic::file(&f.path, format!("the offer file has no \"{shown}\" line before its header row"))
                .help(help())
        })
    };
    let code = field("offercode", "OfferCode")?;
    if !OFFERS.contains(&code.as_str()) {
        return Err(at_line(
            f,
            line,
            format!(
                "offer `{code}` is not a Bedrock offer: infercast reads AmazonBedrock and AmazonBedrockFoundationModels"
            ),
        ));
    }
    list.reading(Offer {
        file: f.path.clone(),
        offer_code: code,
        version: field("version", "Version")?,
        publication_date: field("publicationdate", "Publication Date")?,
    });
    Ok(())
}
