//! `catalog import` runs on the Price List fixtures (tests/fixtures/pricelist) into a seeded
//! catalog folder, shared by the import tests.
use super::run::infercast;
use super::temp::TempPath;
use serde_json::Value;

pub const DIR: &str = "tests/fixtures/pricelist";
pub const FOUNDATION: &str = "tests/fixtures/pricelist/foundation-models.json";
pub const BEDROCK: &str = "tests/fixtures/pricelist/bedrock.csv";
pub const FOUNDATION_URL: &str =
    "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonBedrockFoundationModels/20260901183649/index.json";
pub const BEDROCK_URL: &str =
    "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonBedrock/20260707080509/index.json";

/// A small catalog whose figures are stale on purpose, with comments that must survive.
pub const STALE: &str = include_str!("../fixtures/pricelist/stale-catalog.toml");

/// (exit code, stdout, stderr) of `infercast ARGS`.
pub fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = infercast().args(args).output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code(), text(out.stdout), text(out.stderr))
}

/// A fresh folder holding `seed/test.toml` (the catalog given); returns the folder.
pub fn seeded(name: &str, catalog: &str) -> TempPath {
    let dir = TempPath::fresh(name);
    std::fs::create_dir_all(dir.join("seed")).unwrap();
    std::fs::write(dir.join("seed").join("test.toml"), catalog).unwrap();
    dir
}

/// `--pricing SEED catalog import --aws-price-list FILES --write OUT --format json`, exit 0.
pub fn import(dir: &TempPath, files: &[&str]) -> Value {
    let (seed, out) = (dir.join("seed"), dir.join("out"));
    let mut args = vec!["--pricing", seed.to_str().unwrap(), "catalog", "import", "--aws-price-list"];
    args.extend(files);
    args.extend(["--write", out.to_str().unwrap(), "--format", "json"]);
    let (code, stdout, stderr) = run(&args);
    assert_eq!((code, stderr.as_str()), (Some(0), ""), "{stdout}");
    serde_json::from_str(&stdout).unwrap()
}

/// `--pricing SEED catalog import --aws-price-list FOUNDATION --write OUT` as a table.
pub fn import_table(dir: &TempPath) -> (Option<i32>, String, String) {
    let (seed, out) = (dir.join("seed"), dir.join("out"));
    let args = ["--pricing", seed.to_str().unwrap(), "catalog", "import", "--aws-price-list", FOUNDATION];
    run(&[&args[..], &["--write", out.to_str().unwrap()]].concat())
}

/// The catalog file an import wrote.
pub fn written(dir: &TempPath) -> String {
    std::fs::read_to_string(dir.join("out").join("test.toml")).unwrap()
}

/// The text of `[[model]]` `key` up to the next `[[model]]`.
pub fn model_text<'a>(text: &'a str, key: &str) -> &'a str {
    let start = text.find(&format!("key = \"{key}\"")).unwrap();
    let end = text[start..].find("[[model]]").map_or(text.len(), |e| start + e);
    &text[start..end]
}
