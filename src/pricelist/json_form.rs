//! The JSON forms of the Price List: a bulk offer file (`{"offerCode", "version",
//! "publicationDate", "products", "terms"}`) and a `GetProducts` response (`{"PriceList": [one
//! product and its terms as a JSON string, …]}`), per
//! https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/reading-an-offer.html and
//! https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_pricing_GetProducts.html.
use super::{OFFERS, Offer, PriceList, Product, help, model_name, usd};
use crate::crosscheck::span_at;
use crate::error::Diagnostic;
use crate::source::SourceFile;
use serde_json::{Map, Value};

/// Reads one JSON file into `list`; the first problem is one located message.
pub fn read(f: &SourceFile, list: &mut PriceList) -> Result<(), Diagnostic> {
    let value: Value = serde_json::from_str(f.text.trim_start_matches('\u{feff}')).map_err(|e| {
        Diagnostic::at(
            f,
            &span_at(f, e.line(), e.column()),
            format!("not an AWS Price List file: not valid JSON here ({e})"),
        )
        .help(help())
    })?;
    let Some(top) = value.as_object() else { return Err(not_price_list(f)) };
    if let Some(items) = top.get("PriceList") {
        return get_products(f, items, list);
    }
    bulk(f, top, list)
}

fn not_price_list(f: &SourceFile) -> Diagnostic {
    Diagnostic::file(&f.path, "not an AWS Price List file: expected a JSON object with `products` and `terms` (a bulk offer file) or `PriceList` (a GetProducts response)")
        .help(help())
}

/// A problem at the first place `needle` is written in the file, else with the whole file.
fn at(f: &SourceFile, needle: &str, message: String) -> Diagnostic {
    let d = match f.text.find(needle) {
        Some(i) => Diagnostic::at(f, &(i..i + needle.len()), message),
        None => Diagnostic::file(&f.path, message),
    };
    d.help(help())
}

fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// The offer code, checked to be a Bedrock offer.
fn offer_code<'a>(f: &SourceFile, code: Option<&'a str>, key: &str) -> Result<&'a str, Diagnostic> {
    let Some(code) = code else {
        return Err(Diagnostic::file(&f.path, format!("not an AWS Price List file: `{key}` is missing")).help(help()));
    };
    if OFFERS.contains(&code) {
        return Ok(code);
    }
    Err(at(
        f,
        &format!("\"{code}\""),
        format!(
            "offer `{code}` is not a Bedrock offer: infercast reads AmazonBedrock and AmazonBedrockFoundationModels"
        ),
    ))
}

fn bulk(f: &SourceFile, top: &Map<String, Value>, list: &mut PriceList) -> Result<(), Diagnostic> {
    let (Some(products), Some(terms)) = (top.get("products"), top.get("terms")) else {
        return Err(not_price_list(f));
    };
    let code = offer_code(f, top.get("offerCode").and_then(Value::as_str), "offerCode")?;
    let field = |k: &str| {
        top.get(k)
            .and_then(Value::as_str)
            .map(String::from)
            .ok_or_else(|| Diagnostic::file(&f.path, format!("the offer file has no `{k}`")).help(help()))
    };
    list.reading(Offer {
        file: f.path.clone(),
        offer_code: code.into(),
        version: field("version")?,
        publication_date: field("publicationDate")?,
    });
    let Some(products) = products.as_object() else {
        return Err(at(f, "\"products\"", "`products` is not an object of SKU → product".into()));
    };
    let on_demand = terms.get("OnDemand").and_then(Value::as_object);
    for (sku, product) in products {
        let Some(term) = on_demand.and_then(|o| o.get(sku)) else { continue };
        add(f, sku, product, term, list)?;
    }
    Ok(())
}

fn get_products(f: &SourceFile, items: &Value, list: &mut PriceList) -> Result<(), Diagnostic> {
    let Some(items) = items.as_array() else {
        return Err(at(f, "\"PriceList\"", "`PriceList` is not a list of products".into()));
    };
    for (i, item) in items.iter().enumerate() {
        let parsed;
        let item = match item {
            Value::String(s) => {
                parsed = serde_json::from_str::<Value>(s).map_err(|e| {
                    at(f, "\"PriceList\"", format!("PriceList item {}: its text is not valid JSON ({e})", i + 1))
                })?;
                &parsed
            }
            other => other,
        };
        let missing = |what: &str| at(f, "\"PriceList\"", format!("PriceList item {}: `{what}` is missing", i + 1));
        let product = item.get("product").ok_or_else(|| missing("product"))?;
        let sku = text(product, "sku").ok_or_else(|| missing("product.sku"))?;
        let code = offer_code(f, text(item, "serviceCode"), "serviceCode")?;
        let offer = Offer {
            file: f.path.clone(),
            offer_code: code.into(),
            version: text(item, "version").ok_or_else(|| missing("version"))?.into(),
            publication_date: text(item, "publicationDate").ok_or_else(|| missing("publicationDate"))?.into(),
        };
        list.reading(offer);
        let Some(term) = item.get("terms").and_then(|t| t.get("OnDemand")) else { continue };
        add(f, sku, product, term, list)?;
    }
    Ok(())
}

/// One product and its on-demand terms (term code → `priceDimensions` → rate code → dimension).
fn add(f: &SourceFile, sku: &str, product: &Value, terms: &Value, list: &mut PriceList) -> Result<(), Diagnostic> {
    let quoted = format!("\"{sku}\"");
    let attrs =
        product.get("attributes").ok_or_else(|| at(f, &quoted, format!("product {sku} has no `attributes`")))?;
    let usagetype = text(attrs, "usagetype")
        .ok_or_else(|| at(f, &quoted, format!("product {sku} has no `usagetype` attribute")))?;
    let region = text(attrs, "regionCode").or_else(|| text(attrs, "location")).ok_or_else(|| {
        at(f, &quoted, format!("product {sku} has neither a `regionCode` nor a `location` attribute"))
    })?;
    let model = model_name(text(attrs, "model"), text(attrs, "servicename"), usagetype);
    let dims = terms.as_object().into_iter().flat_map(|t| t.values()).filter_map(|t| t.get("priceDimensions"));
    for dim in dims.filter_map(Value::as_object).flat_map(|d| d.values()) {
        let price = dim.get("pricePerUnit").and_then(|p| p.get("USD"));
        let usd = price.and_then(Value::as_str).and_then(usd).ok_or_else(|| {
            let given = price.map_or("missing".to_string(), |p| format!("`{p}`"));
            at(f, &quoted, format!("product {sku}: its USD price is {given}, not a number of zero or more"))
        })?;
        list.add(Product {
            sku,
            usagetype,
            model: model.clone(),
            region,
            unit: text(dim, "unit").unwrap_or(""),
            description: text(dim, "description").unwrap_or(""),
            usd,
        });
    }
    Ok(())
}
