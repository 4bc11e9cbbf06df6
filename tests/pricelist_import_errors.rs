//! `catalog import` refusals: each is one message, exit 2, nothing on stdout, and nothing
//! written (tests/pricelist_import.rs covers what an import writes).
mod common;
use common::TempPath;
use common::import::{DIR, FOUNDATION, STALE as CATALOG, seeded};
use std::path::Path;

/// `catalog import` of `files` into `out`, expected to fail with exit 2 and nothing on stdout.
fn fails(pricing: Option<&Path>, files: &[&str], out: &Path) -> String {
    let mut args = Vec::new();
    if let Some(p) = pricing {
        args.extend(["--pricing", p.to_str().unwrap()]);
    }
    args.extend(["catalog", "import", "--aws-price-list"]);
    args.extend(files);
    args.extend(["--write", out.to_str().unwrap()]);
    let out = common::infercast().args(&args).output().unwrap();
    let (stdout, stderr) = (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap());
    assert_eq!((out.status.code(), stdout.as_str()), (Some(2), ""), "{stderr}");
    stderr
}

#[test]
fn a_missing_price_list_file_is_refused() {
    let dir = TempPath::fresh("import-missing");
    let out = dir.join("out");
    let err = fails(None, &[&format!("{DIR}/missing.json")], &out);
    assert_eq!(
        err,
        format!(
            "error: {DIR}/missing.json: cannot read this file: it does not exist\n  = help: check the path, or download an offer file: https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonBedrock/current/index.json\n"
        )
    );
    assert!(!out.exists());
}

#[test]
fn a_file_that_is_not_a_price_list_is_refused() {
    let dir = TempPath::fresh("import-not-price-list");
    let out = dir.join("out");
    let err = fails(None, &["tests/fixtures/toy.toml"], &out);
    assert!(
        err.starts_with(
            "error: tests/fixtures/toy.toml: not an AWS Price List file: expected JSON, or CSV with metadata lines"
        ),
        "{err}"
    );
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    assert!(!out.exists());
}

#[test]
fn write_must_name_a_folder() {
    let dir = TempPath::fresh("import-dir-is-file");
    let file = dir.join("catalog.toml");
    std::fs::write(&file, "x").unwrap();
    let err = fails(None, &[FOUNDATION], &file);
    assert_eq!(
        err,
        format!(
            "error: {}: --write names a file, not a folder\n  = help: give --write a catalog folder (like pricing/), or the path of one to create\n",
            file.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
}

#[test]
fn a_folder_that_cannot_be_created_is_refused() {
    let dir = TempPath::fresh("import-cannot-create");
    let file = dir.join("file");
    std::fs::write(&file, "x").unwrap();
    let out = file.join("out");
    let err = fails(None, &[FOUNDATION], &out);
    assert_eq!(
        err,
        format!(
            "error: {}: cannot create this folder: not a directory\n  = help: give --write a folder you can write in, or the path of one that can be created\n",
            out.display()
        )
    );
}

#[test]
fn a_model_the_editor_cannot_find_is_refused_where_it_is_written() {
    // The loader reads `model = [{ … }]`; the editor updates `[[model]]` tables only.
    let dir = TempPath::fresh("import-inline");
    let out = dir.join("out");
    std::fs::create_dir_all(&*out).unwrap();
    let catalog = "model = [{ key = \"haiku\", id = \"h\", price_list = [\"Claude Haiku 4.5\"], context_window_tokens = 200_000, max_output_tokens = 64_000, input_usd_per_mtok = 1.0, output_usd_per_mtok = 5.0 }]\n\n[catalog]\nprovider = \"aws-bedrock\"\nregion = \"us-east-1\"\ncurrency = \"USD\"\nsource = \"https://example.com/prices\"\nretrieved = 2026-01-01\n";
    std::fs::write(out.join("test.toml"), catalog).unwrap();
    let err = fails(None, &[FOUNDATION], &out);
    // Line 1 is the `model = [...]` line; `"haiku"` starts after `model = [{ key = ` (17 characters).
    let path = out.join("test.toml");
    assert!(
        err.starts_with(&format!(
            "error: {}:1:18: cannot find the `[[model]]` table of model `haiku` to update\n",
            path.display()
        )),
        "{err}"
    );
    assert!(err.ends_with("  = help: the importer edits `[[model]]` tables and their `[model.global]`, `[[model.region_price]]` and `tiers`: write the model that way (not inside `model = [...]`), then import again\n"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), catalog);
}

#[test]
fn a_catalog_that_would_not_load_is_not_written() {
    // The fixture without Haiku's cache read: its cache write 1.375 would be added to a model
    // with no cache read price, which the loader refuses.
    let dir = seeded(
        "import-would-not-load",
        &CATALOG.replace("cache_write_usd_per_mtok = 1.25\ncache_read_usd_per_mtok = 0.10\nregions", "regions"),
    );
    let json = std::fs::read_to_string(FOUNDATION)
        .unwrap()
        .replace("USE1-MP:USE1_CacheReadInputTokenCount-Units", "USE1-MP:USE1_search_units-Units");
    let file = dir.join("no-read.json");
    std::fs::write(&file, json).unwrap();
    let out = dir.join("out");
    let err = fails(Some(&dir.join("seed")), &[file.to_str().unwrap()], &out);
    assert!(err.contains("a cache write price is given without `cache_read_usd_per_mtok`"), "{err}");
    assert!(
        err.contains(&format!("error: {}: nothing was written: the updated catalog would not load\n", out.display())),
        "{err}"
    );
    assert!(!out.exists());
}
