//! `catalog import` beyond one catalog file's figures: region prices, writing into an existing or
//! empty folder, files that disagree, private figures and price periods.
mod common;
use common::TempPath;
use common::import::{BEDROCK, FOUNDATION, FOUNDATION_URL, STALE as CATALOG};
use common::import::{import, import_table, model_text, run, seeded, written};
use serde_json::Value;
use std::path::Path;

/// Claude Sonnet 5.5 sold from us-east-1, with a stale region price for eu-north-1.
const REGION_CATALOG: &str = r#"[catalog]
provider = "aws-bedrock"
region = "us-east-1"
currency = "USD"
source = "https://example.com/prices"
retrieved = 2026-01-01

[[model]]
key = "sonnet-5.5"
id = "anthropic.claude-sonnet-5-5"
price_list = ["Claude Sonnet 5.5"]
context_window_tokens = 200_000
max_output_tokens = 64_000
input_usd_per_mtok = 3.30
output_usd_per_mtok = 16.50
profiles = ["eu", "global"]

[model.global]
input_usd_per_mtok = 3.00
output_usd_per_mtok = 15.00

[[model.region_price]]
region = "eu-north-1"
input_usd_per_mtok = 3.30   # stale
output_usd_per_mtok = 16.50
source = "https://example.com/eu"
retrieved = 2026-01-01
"#;

/// `catalog import --aws-price-list FILES --write OUT --format json` with no `--pricing`, exit 0.
fn import_into(out: &Path, files: &[&str]) -> Value {
    let mut args = vec!["catalog", "import", "--aws-price-list"];
    args.extend(files);
    args.extend(["--write", out.to_str().unwrap(), "--format", "json"]);
    let (code, stdout, stderr) = run(&args);
    assert_eq!((code, stderr.as_str()), (Some(0), ""));
    serde_json::from_str(&stdout).unwrap()
}

#[test]
fn a_region_price_is_updated_and_a_global_price_of_another_region_is_not() {
    // Claude Sonnet 5.5 sold from us-east-1, with a region price for eu-north-1: the Price
    // List's eu-north-1 in-region 2.20 lands there; its global 2.00 is eu-north-1's, not the
    // base region's, so it is reported.
    let dir = seeded("import-region", REGION_CATALOG);
    let v = import(&dir, &[FOUNDATION]);
    assert_eq!(v["changes"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(
        (v["changes"][0]["block"].as_str(), v["changes"][0]["region"].as_str()),
        (Some("region"), Some("eu-north-1"))
    );
    let text = written(&dir);
    assert!(text.contains(&format!(
        "region = \"eu-north-1\"\ninput_usd_per_mtok = 2.2    # stale\noutput_usd_per_mtok = 16.50\nsource = \"{FOUNDATION_URL}\"\nretrieved = 2026-09-01\n"
    )), "{text}");
    // The model's own provenance is untouched: nothing of its block changed.
    assert_eq!(text.matches(FOUNDATION_URL).count(), 1, "{text}");
    let skipped = &v["not_written"][0];
    assert_eq!((skipped["scope"].as_str(), skipped["prices"].clone()), (Some("global"), serde_json::json!([2.0])));
}

#[test]
fn an_existing_catalog_folder_is_updated_in_place_and_nothing_else_is_written() {
    let dir = TempPath::fresh("import-in-place");
    let out = dir.join("out");
    std::fs::create_dir_all(&*out).unwrap();
    std::fs::write(out.join("test.toml"), CATALOG).unwrap();
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    let v = import_into(&out, &[FOUNDATION]);
    assert_eq!(v["seeded"], false);
    let mut names: Vec<String> =
        std::fs::read_dir(&*out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["notes.txt", "test.toml"]);
    assert!(std::fs::read_to_string(out.join("test.toml")).unwrap().contains("input_usd_per_mtok = 1.1 "));
    // The written catalog loads: `models` prices haiku at the new in-region figure.
    let (code, listing, _) = run(&["--pricing", out.to_str().unwrap(), "models", "--format", "json"]);
    assert_eq!(code, Some(0));
    let haiku = serde_json::from_str::<Value>(&listing).unwrap()["models"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["key"] == "haiku")
        .cloned()
        .unwrap();
    assert_eq!(haiku["input_usd_per_mtok"].as_f64(), Some(1.1), "{haiku}");
}

#[test]
fn an_empty_folder_is_filled_with_the_built_in_catalog() {
    // The built-in catalog agrees with the fixture (tests/pricelist.rs checks it); only the
    // tiers it lacks are added: Nova 2 Lite's batch (0.000165 / 0.00033 = 0.5; it already carries
    // flex x0.5 and priority x1.75, which the fixture's rows reproduce) and Qwen3 Coder Next's flex
    // 0.25 / 0.50 = 0.5.
    let dir = TempPath::fresh("import-built-in");
    let out = dir.join("out");
    std::fs::create_dir_all(&*out).unwrap();
    let v = import_into(&out, &[FOUNDATION, BEDROCK]);
    let built_in: Vec<_> = std::fs::read_dir("pricing")
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "toml"))
        .collect();
    assert_eq!(v["written"].as_array().unwrap().len(), built_in.len());
    let changed: Vec<(&str, &str)> = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["model"].as_str().unwrap(), c["figure"].as_str().unwrap()))
        .collect();
    assert_eq!(changed, [("nova-2-lite", "batch"), ("qwen3-coder-next", "flex")]);
    // An entry added to an inline table follows the last one as TOML writes it, `a = 1, b = 2 }`.
    let amazon = std::fs::read_to_string(out.join("bedrock-amazon.toml")).unwrap();
    assert!(amazon.contains("tiers = { flex = 0.5, priority = 1.75, batch = { multiplier = 0.5, "), "{amazon}");
    let anthropic = std::fs::read_to_string(out.join("bedrock-anthropic.toml")).unwrap();
    assert_eq!(anthropic, std::fs::read_to_string("pricing/bedrock-anthropic.toml").unwrap());
}

#[test]
fn prices_of_a_region_without_a_block_are_listed_per_model() {
    // Without its eu-north-1 region price, the model has no block for the Price List's
    // eu-north-1 in-region input (2.20) either: both of its prices are reported, none written.
    let cut = REGION_CATALOG.find("[[model.region_price]]").unwrap();
    let dir = seeded("import-no-region", &REGION_CATALOG[..cut]);
    let (code, stdout, stderr) = import_table(&dir);
    assert_eq!((code, stderr.as_str()), (Some(0), ""));
    assert!(stdout.contains("\n0 changed figures (USD per million tokens; tiers as multipliers)\n"), "{stdout}");
    assert!(stdout.contains(
        "\nNot written:\n  sonnet-5.5 eu-north-1 global standard input ($2.00): a global price of a region other than the \
         model's own: [model.global] holds those of its own regions\n  sonnet-5.5: 1 price of eu-north-1: the catalog \
         has no [[model.region_price]] for these regions: add one to take their prices\n"
    ), "{stdout}");
}

#[test]
fn two_files_that_disagree_on_a_figure_leave_it_alone() {
    // get-products.json with Haiku's in-region input at 1.20 beside foundation-models.json's
    // 1.10: the figure is reported with both prices and keeps the catalog's 1.00; the output
    // 5.50, which both files give, is written.
    let dir = seeded("import-conflict", CATALOG);
    let text = std::fs::read_to_string("tests/fixtures/pricelist/get-products.json").unwrap();
    let changed = text.replacen("\\\"USD\\\":\\\"1.1000000000\\\"", "\\\"USD\\\":\\\"1.2000000000\\\"", 1);
    assert_ne!(changed, text);
    let file = dir.join("get-products.json");
    std::fs::write(&file, changed).unwrap();
    let v = import(&dir, &[FOUNDATION, file.to_str().unwrap()]);
    let conflict = v["not_written"].as_array().unwrap().iter().find(|n| n["reason"] == "conflict").unwrap();
    assert_eq!((conflict["model"].as_str(), conflict["kind"].as_str()), (Some("haiku"), Some("input")));
    assert_eq!(conflict["prices"], serde_json::json!([1.1, 1.2]));
    let haiku = written(&dir);
    let haiku = model_text(&haiku, "haiku");
    assert!(haiku.contains("\ninput_usd_per_mtok = 1.00          # stale: the global price\n"), "{haiku}");
    assert!(haiku.contains("\noutput_usd_per_mtok = 5.5          # stale\n"), "{haiku}");
}

#[test]
fn a_private_price_is_never_replaced_and_a_published_one_is_no_longer_assumed() {
    // Haiku's prices are a negotiated quote: none of its six Price List prices is written.
    // Sonnet's were assumed: once they cite the offer, `assumed` goes.
    let catalog = CATALOG
        .replace(
            "price_list = [\"Claude Haiku 4.5\"]\n",
            "price_list = [\"Claude Haiku 4.5\"]\nprivate = true\nsource = \"AWS quote Q-1234\"\nretrieved = 2026-01-01\n",
        )
        .replace("retrieved = 2026-02-01\n", "retrieved = 2026-02-01\nassumed = true\n");
    let dir = seeded("import-private", &catalog);
    let v = import(&dir, &[FOUNDATION]);
    assert!(v["changes"].as_array().unwrap().iter().all(|c| c["model"] != "haiku"), "{v}");
    let private: Vec<&Value> =
        v["not_written"].as_array().unwrap().iter().filter(|n| n["reason"] == "private").collect();
    assert_eq!(private.len(), 6, "{v}");
    let text = written(&dir);
    assert_eq!(model_text(&text, "haiku"), model_text(&catalog, "haiku"));
    assert!(model_text(&catalog, "sonnet").contains("assumed = true"));
    assert!(!model_text(&text, "sonnet").contains("assumed"), "{text}");
}

#[test]
fn a_figure_a_price_period_sets_on_the_offer_day_is_left_to_the_period() {
    // Haiku's global input (1.00) has a period until 2026-09-15 at 1.00 too, and the undated one is
    // made 0.90; the offer (published 2026-09-01, inside the period) prices it 1.00. That is the
    // period's figure, not the undated one: it is listed as not written and 0.90 stays.
    let catalog = CATALOG.replace(
        "[model.global]   # the global profile\ninput_usd_per_mtok = 1.00\n",
        "[[model.price_period]]\nuntil = 2026-09-15\nglobal = { input_usd_per_mtok = 1.00 }\n\n\
         [model.global]   # the global profile\ninput_usd_per_mtok = 0.90\n",
    );
    assert_ne!(catalog, CATALOG);
    let dir = seeded("import-period", &catalog);
    let v = import(&dir, &[FOUNDATION]);
    let period: Vec<&Value> =
        v["not_written"].as_array().unwrap().iter().filter(|n| n["reason"] == "in-price-period").collect();
    assert_eq!(period.len(), 1, "{v}");
    assert_eq!((period[0]["model"].as_str(), period[0]["scope"].as_str()), (Some("haiku"), Some("global")));
    let text = written(&dir);
    assert!(model_text(&text, "haiku").contains("input_usd_per_mtok = 0.90"), "{text}");
}
