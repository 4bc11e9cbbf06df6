//! `catalog pricelist`: each form of the AWS Price List read, prices derived by hand from the
//! fixture text (tests/fixtures/pricelist/README.md says where each figure came from), bad
//! inputs refused with one located message and exit 2.
mod common;
use serde_json::Value;
use std::path::Path;

const DIR: &str = "tests/fixtures/pricelist";

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = common::infercast().args(args).output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code(), text(out.stdout), text(out.stderr))
}

fn json(files: &[&str]) -> Value {
    let mut args = vec!["catalog", "pricelist", "--format", "json"];
    args.extend(files);
    let (code, out, err) = run(&args);
    assert_eq!((code, err.as_str()), (Some(0), ""), "{out}");
    serde_json::from_str(&out).unwrap()
}

/// The one price of `usagetype` (and `region`), USD per million tokens.
fn price(v: &Value, region: &str, usagetype: &str) -> (f64, Value) {
    let found: Vec<&Value> = v["prices"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["usagetype"] == usagetype && p["region"] == region)
        .collect();
    assert_eq!(found.len(), 1, "{usagetype}: {found:?}");
    (found[0]["usd_per_mtok"].as_f64().unwrap(), found[0].clone())
}

#[test]
fn a_bulk_json_offer_file_of_the_marketplace_offer() {
    let v = json(&[&format!("{DIR}/foundation-models.json")]);
    assert_eq!(v["schema"], "infercast/pricelist-v1");
    assert_eq!(v["offers"][0]["offer_code"], "AmazonBedrockFoundationModels");
    assert_eq!(v["offers"][0]["version"], "20260901183649");
    assert_eq!(v["offers"][0]["publication_date"], "2026-09-01T18:36:49Z");
    // "unit": "Units", description "…|Million Input Tokens Regional", USD "1.1000000000": the
    // unit is already a million tokens, so 1.10 per million.
    let p_haiku: Vec<_> = v["prices"].as_array().unwrap().iter().filter(|q| q["sku"] == "JQDUC8Q4K8C6GSGH").collect();
    assert_eq!(p_haiku.len(), 1);
    assert_eq!(p_haiku[0]["usd_per_mtok"].as_f64().unwrap(), 1.1);
    assert_eq!(p_haiku[0]["catalog_key"], "claude-haiku-4.5");
    assert_eq!(
        (&p_haiku[0]["scope"], &p_haiku[0]["tier"], &p_haiku[0]["kind"]),
        (&"in-region".into(), &"standard".into(), &"input".into())
    );
    // Global output of Sonnet 4.5: "15.0000000000" per million; 1-hour cache write "6.6000000000".
    let sonnet = |sku: &str| v["prices"].as_array().unwrap().iter().find(|q| q["sku"] == sku).unwrap().clone();
    let out = sonnet("W4BVSJCZM5M9FZYT");
    assert_eq!(
        (out["scope"].as_str(), out["kind"].as_str(), out["usd_per_mtok"].as_f64()),
        (Some("global"), Some("output"), Some(15.0))
    );
    let hour = sonnet("FIXTURESONNET1H1");
    assert_eq!((hour["kind"].as_str(), hour["usd_per_mtok"].as_f64()), (Some("cache-write-1h"), Some(6.6)));
    let batch = sonnet("FIXTURESONNETB01");
    assert_eq!((batch["tier"].as_str(), batch["usd_per_mtok"].as_f64()), (Some("batch"), Some(1.65)));
    // Haiku's 5-minute write "1.3750000000" and read "0.1100000000".
    let write = sonnet("FIXTUREHAIKUCW01");
    assert_eq!((write["kind"].as_str(), write["usd_per_mtok"].as_f64()), (Some("cache-write-5m"), Some(1.375)));
    assert_eq!(sonnet("FIXTUREHAIKUCR01")["kind"], "cache-read");
    // Claude Sonnet 5.5 is named by pricing/bedrock-anthropic.toml's claude-sonnet-5.5
    // (`price_list = ["Claude Sonnet 5.5"]`): printed under its Price List name with that key.
    let new = sonnet("FIXTURESONNET55I");
    assert_eq!(
        (new["model"].as_str(), new["catalog_key"].as_str()),
        (Some("Claude Sonnet 5.5"), Some("claude-sonnet-5.5"))
    );
    // The rerank product is listed as not read, with its count, never dropped silently.
    assert_eq!(v["not_read"][0]["usagetype"], "USE1-MP:USE1_search_units-Units");
    assert_eq!(
        (v["not_read"][0]["reason"].as_str(), v["not_read"][0]["count"].as_u64()),
        (Some("not-text-tokens"), Some(1))
    );
    // 15 products: 14 prices and 1 not read.
    assert_eq!(v["prices"].as_array().unwrap().len(), 14);
}

#[test]
fn a_bulk_csv_offer_file_per_1k_tokens() {
    let v = json(&[&format!("{DIR}/bedrock.csv")]);
    assert_eq!(v["offers"][0]["offer_code"], "AmazonBedrock");
    assert_eq!(v["offers"][0]["version"], "20260707080509");
    assert_eq!(v["offers"][0]["publication_date"], "2026-07-07T08:05:09Z");
    // "1K tokens" at 0.0032 → 0.0032 × 1,000,000 / 1,000 = 3.20 per million.
    let (usd, p) = price(&v, "us-east-1", "USE1-zai.glm-5-output-tokens");
    assert!(common::close(usd, 3.2), "{usd}");
    assert_eq!(p["catalog_key"], "glm-5");
    // 0.0005775 per 1K → 0.5775 per million, priority tier.
    let (usd, p) = price(&v, "us-east-1", "USE1-Nova2.0Lite-input-tokens-priority");
    assert!(common::close(usd, 0.5775), "{usd}");
    assert_eq!(p["tier"], "priority");
    // 0.000165 per 1K → 0.165 per million, flex; 0.0003 → 0.30 global.
    let (usd, p) = price(&v, "us-east-1", "USE1-Nova2.0Lite-input-tokens-flex");
    assert!(common::close(usd, 0.165) && p["tier"] == "flex", "{usd}");
    let (usd, p) = price(&v, "us-east-1", "USE1-Nova2.0Lite-input-tokens-cross-region-global");
    assert!(common::close(usd, 0.30) && p["scope"] == "global", "{usd}");
    // The custom-model price is listed as not read.
    assert_eq!(v["not_read"][0]["reason"], "not-per-token");
}

#[test]
fn a_get_products_response() {
    let v = json(&[&format!("{DIR}/get-products.json")]);
    assert_eq!(v["offers"].as_array().unwrap().len(), 1, "one offer, however many items");
    assert_eq!(v["offers"][0]["version"], "20260901183649");
    // Item 4: "Units" of a million tokens at "5.0000000000", the global output price.
    let (usd, p) = price(&v, "us-east-1", "USE1-MP:USE1_OutputTokenCount_Global-Units");
    assert_eq!((usd, p["scope"].as_str()), (5.0, Some("global")));
    assert_eq!(v["prices"].as_array().unwrap().len(), 4);
}

#[test]
fn several_files_and_a_region() {
    let (code, out, _) = run(&[
        "catalog",
        "pricelist",
        &format!("{DIR}/foundation-models.json"),
        &format!("{DIR}/bedrock.csv"),
        "--region",
        "eu-north-1",
        "--format",
        "csv",
    ]);
    assert_eq!(code, Some(0));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "model,catalog_key,region,scope,tier,kind,usd_per_mtok,usagetype,sku");
    // Only the two eu-north-1 prices of Claude Sonnet 5.5 (2.20 in-region, 2.00 global).
    assert_eq!(lines.len(), 3, "{out}");
    assert_eq!(
        lines[1],
        "Claude Sonnet 5.5,claude-sonnet-5.5,eu-north-1,in-region,standard,input,2.2,EUN1-MP:EUN1_input_tokens_standard-Units,FIXTURESONNET55I"
    );
}

#[test]
fn a_region_the_files_do_not_price_is_refused_with_the_ones_they_do() {
    let file = format!("{DIR}/foundation-models.json");
    let (code, out, err) = run(&["catalog", "pricelist", &file, "--region", "us-east-2"]);
    assert_eq!((code, out.as_str()), (Some(2), ""));
    assert_eq!(
        err,
        format!(
            "error: {file}: no text-token price for region `us-east-2` in these files\n  = help: give one of the regions they price: eu-north-1, us-east-1\n"
        )
    );
}

#[test]
fn the_same_file_twice_prints_each_price_once() {
    let file = format!("{DIR}/get-products.json");
    let (code, out, _) = run(&["catalog", "pricelist", &file, &file, "--format", "csv"]);
    assert_eq!(code, Some(0));
    // A header and the four Claude Haiku 4.5 prices.
    assert_eq!(out.lines().count(), 5, "{out}");
}

#[test]
fn the_table_names_the_offer_and_marks_models_not_in_the_catalog() {
    // A toy catalog that names no Price List model, so Claude Sonnet 5.5 (named by the bundled
    // catalog) is "not in the catalog" here.
    let dir = toy_catalog("unnamed", "");
    let pricing = dir.to_str().unwrap().to_string();
    let (code, out, _) =
        run(&["--pricing", &pricing, "catalog", "pricelist", &format!("{DIR}/foundation-models.json")]);
    assert_eq!(code, Some(0));
    assert!(
        out.contains("AmazonBedrockFoundationModels  version 20260901183649  published 2026-09-01T18:36:49Z"),
        "{out}"
    );
    let sonnet55 = out.lines().find(|l| l.contains("EUN1_input_tokens_standard")).unwrap();
    assert!(sonnet55.contains("not in the catalog") && sonnet55.contains("$2.20"), "{sonnet55}");
    // 1.375 is printed as published, not rounded to $1.38.
    assert!(out.lines().any(|l| l.contains("cache write 5m") && l.contains("$1.375")), "{out}");
    assert!(out.contains("Not read: 1 product\n  not text tokens: USE1-MP:USE1_search_units-Units (1)\n"), "{out}");
}

fn bad(name: &str, text: &str) -> (Option<i32>, String) {
    let dir = common::TempPath::fresh(&format!("pricelist-{name}"));
    let file = dir.join(name);
    std::fs::write(&file, text).unwrap();
    let (code, out, err) = run(&["catalog", "pricelist", file.to_str().unwrap()]);
    assert_eq!(out, "");
    (code, err.replace(file.to_str().unwrap(), "FILE"))
}

const HELP: &str = "  = help: give an AWS Price List file of AmazonBedrock or AmazonBedrockFoundationModels: a bulk offer file (index.json or index.csv, e.g. https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonBedrock/current/index.json) or the output of `aws pricing get-products --service-code AmazonBedrockFoundationModels`\n";

#[test]
fn another_offer_is_refused_where_it_is_named() {
    let fixture = std::fs::read_to_string(format!("{DIR}/foundation-models.json")).unwrap();
    let text = fixture.replacen("\"offerCode\": \"AmazonBedrockFoundationModels\"", "\"offerCode\": \"AmazonEC2\"", 1);
    let (code, err) = bad("ec2.json", &text);
    assert_eq!(code, Some(2));
    // Line 4 (after `{`, formatVersion and disclaimer) is `  "offerCode": "AmazonEC2",`: 2 spaces and
    // `"offerCode": ` (13 characters) before it, so the quoted name starts at column 16.
    assert!(err.starts_with("error: FILE:4:16: offer `AmazonEC2` is not a Bedrock offer: infercast reads AmazonBedrock and AmazonBedrockFoundationModels\n"), "{err}");
    assert!(err.ends_with(HELP), "{err}");
}

#[test]
fn json_that_is_broken_is_refused_at_the_break() {
    let (code, err) = bad("broken.json", "{\n  \"offerCode\": \"AmazonBedrock\",\n  \"products\": {,\n}\n");
    assert_eq!(code, Some(2));
    assert!(err.starts_with("error: FILE:3:16: not an AWS Price List file: not valid JSON here (key must be a string at line 3 column 16)\n"), "{err}");
}

#[test]
fn a_product_without_a_usage_type_is_refused_at_its_sku() {
    let fixture = std::fs::read_to_string(format!("{DIR}/foundation-models.json")).unwrap();
    let text = fixture.replacen("\"usagetype\": \"USE1-MP:USE1_InputTokenCount-Units\"", "\"usage\": \"x\"", 1);
    let (code, err) = bad("no-usagetype.json", &text);
    assert_eq!(code, Some(2));
    // The first product is at line 8, `    "JQDUC8Q4K8C6GSGH": {`, its SKU quoted from column 5.
    assert!(err.starts_with("error: FILE:8:5: product JQDUC8Q4K8C6GSGH has no `usagetype` attribute\n"), "{err}");
}

#[test]
fn a_price_that_is_not_a_number_is_refused() {
    let fixture = std::fs::read_to_string(format!("{DIR}/bedrock.csv")).unwrap();
    let text = fixture.replacen("\"0.0032000000\"", "\"n/a\"", 1);
    let (code, err) = bad("price.csv", &text);
    assert_eq!(code, Some(2));
    // The GLM 5 output row is line 8 of the file.
    assert!(
        err.starts_with("error: FILE:8:1: product 8RQBEKEP5KG2MZY7: its price `n/a` is not a number of zero or more\n"),
        "{err}"
    );
}

#[test]
fn text_that_is_neither_json_nor_an_offer_csv_is_refused() {
    let (code, err) = bad("notes.txt", "hello\nworld\n");
    assert_eq!(code, Some(2));
    assert_eq!(
        err,
        format!(
            "error: FILE: not an AWS Price List file: expected JSON, or CSV with metadata lines (\"OfferCode\", \"Version\", \"Publication Date\") and a header row starting \"SKU\"\n{HELP}"
        )
    );
    let (code, err) = bad("array.json", "{\"a\": 1}\n");
    assert_eq!(code, Some(2));
    assert!(err.starts_with("error: FILE: not an AWS Price List file: expected a JSON object with `products` and `terms` (a bulk offer file) or `PriceList` (a GetProducts response)\n"), "{err}");
}

#[test]
fn a_folder_is_refused() {
    let (code, _, err) = run(&["catalog", "pricelist", DIR]);
    assert_eq!(code, Some(2));
    assert!(err.contains("this is a folder; give Price List files"), "{err}");
    assert!(Path::new(DIR).is_dir());
}

/// The toy catalog with `line` added after the model's `id`, in a folder of its own.
fn toy_catalog(name: &str, line: &str) -> common::TempPath {
    let dir = common::TempPath::fresh(&format!("pricelist-catalog-{name}"));
    let text = common::CATALOG.replacen("id = \"test.m\"\n", &format!("id = \"test.m\"\n{line}\n"), 1);
    std::fs::create_dir_all(&*dir).unwrap();
    std::fs::write(dir.join("toy.toml"), text).unwrap();
    dir
}

#[test]
fn the_catalog_names_its_models_in_the_price_list() {
    // The toy model names Claude Haiku 4.5 (case aside): its four prices carry its key.
    let dir = toy_catalog("named", "price_list = [\"claude haiku 4.5\"]");
    let file = format!("{DIR}/get-products.json");
    let pricing = dir.to_str().unwrap().to_string();
    let (code, out, err) = run(&["--pricing", &pricing, "catalog", "pricelist", &file, "--format", "json"]);
    assert_eq!((code, err.as_str()), (Some(0), ""));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(v["prices"].as_array().unwrap().iter().all(|p| p["catalog_key"] == "m"), "{out}");
}

#[test]
fn a_price_list_name_that_is_not_a_list_is_refused_where_it_is_written() {
    let dir = toy_catalog("string", "price_list = \"Toy\"");
    let pricing = dir.to_str().unwrap().to_string();
    let (code, _, err) = run(&["--pricing", &pricing, "models"]);
    assert_eq!(code, Some(2));
    // Line 12 is `price_list = "Toy"`: the string starts at column 14.
    let expected =
        format!("error: {pricing}/toy.toml:12:14: `price_list` must be an array, found the string \"Toy\"\n");
    assert!(err.starts_with(&expected), "{err}");
}

#[test]
fn crosscheck_against_the_price_list_agrees_with_the_bundled_catalog() {
    let file = format!("{DIR}/foundation-models.json");
    let (code, out, err) = run(&["catalog", "crosscheck", "--aws-price-list", &file, "--format", "json"]);
    assert_eq!((code, err.as_str()), (Some(0), ""), "{out}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema"], "infercast/pricelist-check-v2");
    let verdicts: Vec<&str> = v["rows"].as_array().unwrap().iter().map(|r| r["verdict"].as_str().unwrap()).collect();
    // 14 prices, all of catalog models. 13 agree with the catalog's figures: Haiku 1.10 / 5.50 /
    // 1.375 / 0.11, global 1.00 / 5.00; Sonnet 4.5 3.30 / 16.50, batch 0.5 × 3.30 = 1.65
    // (pricing/bedrock-anthropic.toml's batch tier), 1-hour write 6.60, global 3.00 / 15.00; and
    // Claude Sonnet 5.5's eu-north-1 global input 2.00 = claude-sonnet-5.5's global price (the
    // global profile has one price wherever it is called from). Sonnet 5.5's eu-north-1 in-region
    // 2.20 has no catalog figure: claude-sonnet-5.5 prices us-east-1 and us-west-2 only.
    assert_eq!(verdicts.len(), 14);
    assert_eq!(verdicts.iter().filter(|v| **v == "agree").count(), 13, "{out}");
    assert_eq!(verdicts.iter().filter(|v| **v == "missing-from-catalog").count(), 1, "{out}");
    let batch = v["rows"].as_array().unwrap().iter().find(|r| r["sku"] == "FIXTURESONNETB01").unwrap();
    assert_eq!((batch["tier"].as_str(), batch["catalog"].as_f64()), (Some("batch"), Some(1.65)));
    assert_eq!(v["not_in_catalog"], serde_json::json!([]));
}

#[test]
fn nova_2_lite_tiers_agree_with_the_price_list() {
    // The us-east-1 offer's Nova 2 Lite input SKUs (fixture README): 0.33 standard, 0.30 global,
    // 0.165 flex (= 0.5 x 0.33), 0.5775 priority (= 1.75 x 0.33), all as the catalog prices them;
    // 0.165 batch has no catalog figure (no single batch multiplier is published for it).
    let file = format!("{DIR}/bedrock.csv");
    let (code, out, _) = run(&["catalog", "crosscheck", "--aws-price-list", &file, "--format", "json"]);
    assert_eq!(code, Some(0), "{out}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let nova: Vec<(&str, &str, f64, &str)> = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["catalog_key"] == "nova-2-lite")
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap();
            (s("scope"), s("tier"), r["usd_per_mtok"].as_f64().unwrap(), s("verdict"))
        })
        .collect();
    let expected = [
        ("in-region", "standard", 0.33, "agree"),
        ("in-region", "batch", 0.165, "missing-from-catalog"),
        ("in-region", "flex", 0.165, "agree"),
        ("in-region", "priority", 0.5775, "agree"),
        ("global", "standard", 0.30, "agree"),
    ];
    assert_eq!(nova.len(), expected.len(), "{out}");
    for e in expected {
        assert!(
            nova.iter().any(|n| n.0 == e.0 && n.1 == e.1 && common::close(n.2, e.2) && n.3 == e.3),
            "{e:?}: {nova:?}"
        );
    }
}

#[test]
fn crosscheck_against_the_price_list_fails_on_a_difference() {
    // The toy model (input 10.0 per million) named Claude Haiku 4.5 and sold in us-east-1: the
    // Price List's 1.10 differs by (1.10 − 10) / 10 = −89 %.
    let dir = toy_catalog("differs", "price_list = [\"Claude Haiku 4.5\"]\nregions = [\"us-east-1\"]");
    let pricing = dir.to_str().unwrap().to_string();
    let file = format!("{DIR}/get-products.json");
    let (code, out, _) = run(&["--pricing", &pricing, "catalog", "crosscheck", "--aws-price-list", &file]);
    assert_eq!(code, Some(1), "{out}");
    let row = out.lines().find(|l| l.contains("DIFFERS") && l.contains(" input ")).unwrap();
    assert!(row.contains("$1.10") && row.contains("$10.00"), "{row}");
}

#[test]
fn crosscheck_takes_the_price_list_or_the_public_maps_not_both() {
    let file = format!("{DIR}/get-products.json");
    let (code, _, err) = run(&["catalog", "crosscheck", "--aws-price-list", &file, "--litellm", &file]);
    assert_eq!(code, Some(2));
    assert!(err.contains("cannot be used with"), "{err}");
    let (code, _, err) = run(&["catalog", "crosscheck"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("--litellm <FILE>"), "{err}");
}
