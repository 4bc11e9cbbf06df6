//! `catalog import --aws-price-list FILE… --write DIR`: the fixtures of tests/fixtures/pricelist
//! imported into a small catalog whose figures are deliberately stale. Every expected figure is
//! the fixture's, from tests/fixtures/pricelist/README.md's tables (USD per million tokens; the
//! `AmazonBedrock` CSV prices per 1K tokens, so × 1,000).
mod common;
use assert_cmd::Command;
use common::TempPath;
use serde_json::Value;

const FOUNDATION: &str = "tests/fixtures/pricelist/foundation-models.json";
const BEDROCK: &str = "tests/fixtures/pricelist/bedrock.csv";
const FOUNDATION_URL: &str =
    "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonBedrockFoundationModels/20260901183649/index.json";
const BEDROCK_URL: &str =
    "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonBedrock/20260707080509/index.json";

/// A small catalog whose figures are stale on purpose, with comments that must survive.
const CATALOG: &str = include_str!("fixtures/pricelist/stale-catalog.toml");

fn infercast() -> Command {
    Command::new(assert_cmd::cargo::cargo_bin!("infercast"))
}

/// (exit code, stdout, stderr) of `infercast ARGS`.
fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = infercast().args(args).output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code(), text(out.stdout), text(out.stderr))
}

/// A fresh folder holding `seed/test.toml` (the catalog given); returns the folder.
fn seeded(name: &str, catalog: &str) -> TempPath {
    let dir = TempPath::fresh(name);
    std::fs::create_dir_all(dir.join("seed")).unwrap();
    std::fs::write(dir.join("seed").join("test.toml"), catalog).unwrap();
    dir
}

/// `--pricing SEED catalog import --aws-price-list FILES --write OUT --format json`, exit 0.
fn import(dir: &TempPath, files: &[&str]) -> Value {
    let (seed, out) = (dir.join("seed"), dir.join("out"));
    let mut args = vec!["--pricing", seed.to_str().unwrap(), "catalog", "import", "--aws-price-list"];
    args.extend(files);
    args.extend(["--write", out.to_str().unwrap(), "--format", "json"]);
    let (code, stdout, stderr) = run(&args);
    assert_eq!((code, stderr.as_str()), (Some(0), ""), "{stdout}");
    serde_json::from_str(&stdout).unwrap()
}

/// `--pricing SEED catalog import --aws-price-list FOUNDATION --write OUT` as a table.
fn import_table(dir: &TempPath) -> (Option<i32>, String, String) {
    let (seed, out) = (dir.join("seed"), dir.join("out"));
    let args = ["--pricing", seed.to_str().unwrap(), "catalog", "import", "--aws-price-list", FOUNDATION];
    run(&[&args[..], &["--write", out.to_str().unwrap()]].concat())
}

fn written(dir: &TempPath) -> String {
    std::fs::read_to_string(dir.join("out").join("test.toml")).unwrap()
}

/// The text of `[[model]]` `key` up to the next `[[model]]`.
fn model_text<'a>(text: &'a str, key: &str) -> &'a str {
    let start = text.find(&format!("key = \"{key}\"")).unwrap();
    let end = text[start..].find("[[model]]").map_or(text.len(), |e| start + e);
    &text[start..end]
}

#[test]
fn figures_are_set_to_the_price_list_keeping_comments_and_layout() {
    let dir = seeded("import-figures", CATALOG);
    let v = import(&dir, &[FOUNDATION, BEDROCK]);
    assert_eq!(v["schema"], "infercast/import-v1");
    assert_eq!(v["seeded"], true);
    let text = written(&dir);
    let haiku = model_text(&text, "haiku");
    // In-region 1.10 / 5.50, cache write 1.375, read 0.11 (README table, "Claude Haiku 4.5"),
    // written in the shortest form, each value's comment kept in its column.
    assert!(haiku.contains("\ninput_usd_per_mtok = 1.1           # stale: the global price\n"), "{haiku}");
    assert!(haiku.contains("\noutput_usd_per_mtok = 5.5          # stale\n"), "{haiku}");
    assert!(haiku.contains("\ncache_write_usd_per_mtok = 1.375\ncache_read_usd_per_mtok = 0.11\n"), "{haiku}");
    // Global 1.00 / 5.00 as published: unchanged, written as before.
    assert!(
        haiku
            .contains("[model.global]   # the global profile\ninput_usd_per_mtok = 1.00\noutput_usd_per_mtok = 5.00\n"),
        "{haiku}"
    );
    // The entry had no provenance of its own: it now cites the offer version and its day.
    assert!(haiku.contains(&format!("source = \"{FOUNDATION_URL}\"\nretrieved = 2026-09-01\n")), "{haiku}");
    // Sonnet 4.5: in-region 3.30 / 16.50, global 3.00 / 15.00, 1-hour write 6.60 (added), batch
    // 1.65 / 3.30 = 0.5 (was 0.4), cited with the offer.
    let sonnet = model_text(&text, "sonnet");
    for line in [
        "input_usd_per_mtok = 3.3\n",
        "output_usd_per_mtok = 16.5\n",
        "cache_write_1h_usd_per_mtok = 6.6\n",
        "[model.global]\ninput_usd_per_mtok = 3.0\noutput_usd_per_mtok = 15.0\n",
        &format!("source = \"{FOUNDATION_URL}\"\nretrieved = 2026-09-01\n"),
        &format!(
            "tiers = {{ batch = {{ multiplier = 0.5, source = \"{FOUNDATION_URL}\", retrieved = 2026-09-01 }} }}   # stale multiplier\n"
        ),
    ] {
        assert!(sonnet.contains(line), "{line}\n---\n{sonnet}");
    }
    // Nova 2 Lite (CSV, per 1K): input 0.00033 × 1,000 = 0.33; global 0.0003 × 1,000 = 0.30
    // unchanged; batch and flex 0.000165 / 0.00033 = 0.5, priority 0.0005775 / 0.00033 = 1.75.
    let nova = model_text(&text, "nova");
    assert!(nova.contains("\ninput_usd_per_mtok = 0.33\n"), "{nova}");
    assert!(nova.contains(&format!("source = \"{BEDROCK_URL}\"\nretrieved = 2026-07-07\n")), "{nova}");
    let tier = |m: f64| format!("{{ multiplier = {m}, source = \"{BEDROCK_URL}\", retrieved = 2026-07-07 }}");
    let tiers = format!("tiers = {{ batch = {}, flex = {}, priority = {} }}\n", tier(0.5), tier(0.5), tier(1.75));
    assert!(nova.contains(&tiers), "{nova}");
    // The opus entry is untouched; every comment of the file is still there.
    assert!(model_text(&text, "opus").contains("input_usd_per_mtok = 5.00\n"));
    for comment in CATALOG.lines().filter(|l| l.starts_with('#')) {
        assert!(text.contains(comment), "{comment}");
    }
}

#[test]
fn the_changes_are_listed_old_and_new() {
    let dir = seeded("import-changes", CATALOG);
    let v = import(&dir, &[FOUNDATION, BEDROCK]);
    let changes: Vec<(String, String, String, Value, f64)> = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap_or("").to_string();
            (s("model"), s("block"), s("figure"), c["old"].clone(), c["new"].as_f64().unwrap())
        })
        .collect();
    let c = |m: &str, b: &str, f: &str, old: Value, new: f64| (m.to_string(), b.to_string(), f.to_string(), old, new);
    assert_eq!(
        changes,
        vec![
            c("haiku", "base", "input", 1.0.into(), 1.1),
            c("haiku", "base", "output", 5.0.into(), 5.5),
            c("haiku", "base", "cache-read", 0.1.into(), 0.11),
            c("haiku", "base", "cache-write-5m", 1.25.into(), 1.375),
            c("sonnet", "base", "input", 3.0.into(), 3.3),
            c("sonnet", "base", "output", 15.0.into(), 16.5),
            c("sonnet", "base", "cache-write-1h", Value::Null, 6.6),
            c("sonnet", "global", "input", 3.3.into(), 3.0),
            c("sonnet", "global", "output", 16.5.into(), 15.0),
            c("sonnet", "base", "batch", 0.4.into(), 0.5),
            c("nova", "base", "input", 0.3.into(), 0.33),
            c("nova", "base", "batch", Value::Null, 0.5),
            c("nova", "base", "flex", Value::Null, 0.5),
            c("nova", "base", "priority", Value::Null, 1.75),
        ]
    );
    // Claude Sonnet 5.5 (eu-north-1, 2.20 in-region, 2.00 global) has no entry; GLM 5 and Qwen3
    // Coder Next are not in this catalog either; "Claude Opus 9" is in no file.
    let unmatched: Vec<&str> =
        v["not_in_catalog"].as_array().unwrap().iter().map(|u| u["model"].as_str().unwrap()).collect();
    assert_eq!(unmatched, ["Claude Sonnet 5.5", "GLM 5", "Qwen3 Coder Next"]);
    let sonnet55: Vec<f64> = v["not_in_catalog"][0]["prices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["usd_per_mtok"].as_f64().unwrap())
        .collect();
    assert_eq!(sonnet55, [2.2, 2.0]);
    assert_eq!(v["not_in_files"], serde_json::json!(["opus"]));
}

#[test]
fn a_second_import_changes_nothing_and_two_runs_are_identical() {
    let (a, b) = (seeded("import-twice-a", CATALOG), seeded("import-twice-b", CATALOG));
    import(&a, &[FOUNDATION, BEDROCK]);
    import(&b, &[FOUNDATION, BEDROCK]);
    let first = written(&a);
    assert_eq!(first, written(&b), "two runs from the same inputs");
    // DIR now holds a catalog: updated in place, and there is nothing left to change.
    let v = import(&a, &[FOUNDATION, BEDROCK]);
    assert_eq!(
        (v["seeded"].clone(), v["changes"].clone(), v["written"].clone()),
        (false.into(), serde_json::json!([]), serde_json::json!([]))
    );
    assert_eq!(written(&a), first, "byte-identical after the second import");
}

#[test]
fn the_table_says_what_changed_and_what_was_not_written() {
    let dir = seeded("import-table", CATALOG);
    let (code, stdout, stderr) = import_table(&dir);
    assert_eq!((code, stderr.as_str()), (Some(0), ""));
    assert!(stdout.contains("10 changed figures (USD per million tokens; tiers as multipliers)\n"), "{stdout}");
    let row = stdout.lines().find(|l| l.contains("haiku") && l.contains("cache write 5m")).unwrap();
    assert!(row.contains("$1.25") && row.contains("$1.375"), "{row}");
    let row = stdout.lines().find(|l| l.contains("batch tier")).unwrap();
    assert!(row.contains("×0.4") && row.contains("×0.5"), "{row}");
    assert!(
        stdout.contains(
            "  Claude Sonnet 5.5: eu-north-1 in-region standard input $2.20, eu-north-1 global standard input $2.00\n"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("\nCatalog models these files do not price: nova, opus\n"), "{stdout}");
}

#[test]
fn a_tier_that_is_not_one_multiplier_is_reported_not_written() {
    // Nova 2 Lite's custom-model row made a global batch price of 0.0002 per 1K: 0.2 / 0.30 ≠
    // 0.165 / 0.33 = 0.5, so the batch tier is not one multiplier across scopes.
    let dir = seeded("import-tier", CATALOG);
    let csv = std::fs::read_to_string(BEDROCK).unwrap().replace(
        "\"0.0003000000\",\"USD\",\"Amazon Bedrock\",\"AmazonBedrock\",\"US East (N. Virginia)\",\"AWS Region\",\"USE1-Nova2.0Lite-input-tokens-custom-model\"",
        "\"0.0002000000\",\"USD\",\"Amazon Bedrock\",\"AmazonBedrock\",\"US East (N. Virginia)\",\"AWS Region\",\"USE1-Nova2.0Lite-input-tokens-cross-region-global-batch\"",
    );
    let file = dir.join("bedrock.csv");
    std::fs::write(&file, csv).unwrap();
    let v = import(&dir, &[file.to_str().unwrap()]);
    let tiers: Vec<&str> = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["model"] == "nova")
        .map(|c| c["figure"].as_str().unwrap())
        .collect();
    assert_eq!(tiers, ["input", "flex", "priority"]);
    let skipped = v["not_written"].as_array().unwrap().iter().find(|n| n["tier"] == "batch").unwrap();
    assert_eq!(skipped["model"], "nova");
    assert_eq!(skipped["prices"], serde_json::json!([0.165, 0.2]));
    assert_eq!(skipped["reason"], "not-one-multiplier");
    assert!(!model_text(&written(&dir), "nova").contains("batch"));
}

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
    let (code, stdout, stderr) = run(&[
        "catalog",
        "import",
        "--aws-price-list",
        FOUNDATION,
        "--write",
        out.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!((code, stderr.as_str()), (Some(0), ""));
    let v: Value = serde_json::from_str(&stdout).unwrap();
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
    let (code, stdout, stderr) = run(&[
        "catalog",
        "import",
        "--aws-price-list",
        FOUNDATION,
        BEDROCK,
        "--write",
        out.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!((code, stderr.as_str()), (Some(0), ""));
    let v: Value = serde_json::from_str(&stdout).unwrap();
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
