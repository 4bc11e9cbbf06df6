//! `catalog crosscheck` on price maps that are damaged: unreadable prices are listed, never
//! printed as `inf` or dropped silently; a deeply nested YAML is refused at once, located.
mod common;
use std::path::Path;

const DIR: &str = "tests/fixtures/crosscheck";

fn folder(name: &str) -> common::TempPath {
    common::TempPath::fresh(&format!("crosscheck-inputs-{name}"))
}

fn crosscheck(litellm: &Path, genai: &Path) -> (Option<i32>, String, String) {
    let out = common::infercast()
        .args(["--pricing", &format!("{DIR}/pricing"), "catalog", "crosscheck", "--litellm"])
        .arg(litellm)
        .arg("--genai-prices")
        .arg(genai)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code(), text(out.stdout), text(out.stderr))
}

#[test]
fn an_unreadable_litellm_price_is_listed_as_not_compared() {
    // claude-3-haiku's output price in the fixture is 1.25e-06 a token.
    let fixture = std::fs::read_to_string(format!("{DIR}/litellm.json")).unwrap();
    assert_eq!(fixture.matches("\"output_cost_per_token\": 1.25e-06,").count(), 1);
    for (price, reason) in [
        ("1.8e302", "its `output_cost_per_token` is 1.8e302 USD a token, above the 1 USD infercast reads"),
        ("-1.25e-06", "its `output_cost_per_token` is negative (-0.00000125)"),
        ("\"n/a\"", "its `output_cost_per_token` is not a number (\"n/a\")"),
    ] {
        let dir = folder(&format!("litellm-{}", price.len()));
        let map = dir.join("litellm.json");
        let text =
            fixture.replace("\"output_cost_per_token\": 1.25e-06,", &format!("\"output_cost_per_token\": {price},"));
        std::fs::write(&map, text).unwrap();
        let (_, out, err) = crosscheck(&map, Path::new(&format!("{DIR}/aws.yml")));
        assert_eq!(err, "", "{price}");
        // Before: `inf` and `+NaNe-2147483647%` in the table, nulls in the JSON.
        assert!(!out.contains("NaN") && !out.contains("null"), "{price}: {out}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let listed = v["not_compared"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["model"] == "claude-3-haiku" && n["map"] == "litellm" && n["reason"] == reason);
        assert!(listed, "{price}: {out}");
    }
}

#[test]
fn a_deeply_nested_yaml_is_refused_where_it_gets_too_deep() {
    // 100,000 open brackets on line 3 after `  match: ` (9 characters): the 65th is column 74.
    let dir = folder("deep");
    let yaml = dir.join("aws.yml");
    let n = 100_000;
    std::fs::write(&yaml, format!("models:\n- id: x\n  match: {}{}\n", "[".repeat(n), "]".repeat(n))).unwrap();
    let (code, out, err) = crosscheck(Path::new(&format!("{DIR}/litellm.json")), &yaml);
    assert_eq!(code, Some(2));
    assert!(out.is_empty());
    assert!(
        err.starts_with(&format!(
            "error: {}:3:74: not a genai-prices provider file: brackets nested more than 64 deep here\n",
            yaml.display()
        )),
        "{err}"
    );
}

#[test]
fn an_entry_without_its_id_is_located() {
    let dir = folder("no-id");
    let yaml = dir.join("aws.yml");
    std::fs::write(&yaml, "models:\n  - id: a\n    match: {equals: a}\n    prices: {input_mtok: 1}\n  - match: {equals: b}\n    prices: {input_mtok: 1}\n").unwrap();
    let (code, _, err) = crosscheck(Path::new(&format!("{DIR}/litellm.json")), &yaml);
    assert_eq!(code, Some(2));
    assert!(
        err.starts_with(&format!(
            "error: {}:5:3: not a genai-prices provider file: `models` entry #2 has no `id`\n",
            yaml.display()
        )),
        "{err}"
    );
}

#[test]
fn mantle_entries_the_catalog_cannot_use_are_listed_with_why() {
    // Two `bedrock_mantle` entries added to the fixture map: one priced per image (the catalog
    // models text tokens only), one for Llama 3.1 70B at 1e-06 a token (1.00 per Mtok) beside the
    // map's runtime key at 9.9e-07 (0.99): (0.99 − 1.00) / 1.00 = −1 %, more than 0.5 % apart.
    let fixture = std::fs::read_to_string(format!("{DIR}/litellm.json")).unwrap();
    let added = r#"{
    "bedrock_mantle/amazon.nova-canvas-x": { "litellm_provider": "bedrock_mantle", "mode": "image_generation",
        "output_cost_per_image": 0.04 },
    "bedrock_mantle/meta.llama3-1-70b-instruct": { "litellm_provider": "bedrock_mantle", "mode": "chat",
        "input_cost_per_token": 1e-06, "output_cost_per_token": 9.9e-07 },"#;
    let dir = folder("mantle");
    let map = dir.join("litellm.json");
    std::fs::write(&map, fixture.replacen('{', added, 1)).unwrap();
    let (code, out, err) = crosscheck(&map, Path::new(&format!("{DIR}/aws.yml")));
    assert_eq!((code, err.as_str()), (Some(0), ""), "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // 8 Bedrock entries before, 2 mantle entries added.
    assert_eq!(v["litellm"]["entries_read"], 10);
    let skipped: Vec<(&str, &str)> = v["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["key"].as_str().unwrap(), s["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(
        skipped,
        [
            (
                "bedrock_mantle/amazon.nova-canvas-x",
                "mode `image_generation`, prices output_cost_per_image: infercast compares text-token prices \
                 (`input_cost_per_token` of a chat, completion or responses model)"
            ),
            (
                "bedrock_mantle/meta.llama3-1-70b-instruct",
                "its input price 1 differs from `meta.llama3-1-70b-instruct-v1:0`'s 0.99, the entry the catalog is \
                 compared with"
            ),
        ]
    );
    // The catalog's Llama is compared with the runtime key (0.99), as before.
    assert_eq!(v["accepted"][0]["litellm"], 0.99);
}
