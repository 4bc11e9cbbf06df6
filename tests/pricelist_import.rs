//! `catalog import --aws-price-list FILE… --write DIR`: the fixtures of tests/fixtures/pricelist
//! imported into a small catalog whose figures are deliberately stale. Every expected figure is
//! the fixture's, from tests/fixtures/pricelist/README.md's tables (USD per million tokens; the
//! `AmazonBedrock` CSV prices per 1K tokens, so × 1,000). Regions, folders, conflicts and private
//! figures are in tests/pricelist_import_folders.rs.
mod common;
use common::import::{BEDROCK, BEDROCK_URL, FOUNDATION, FOUNDATION_URL, STALE as CATALOG};
use common::import::{import, import_table, model_text, seeded, written};
use serde_json::Value;

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
