//! `catalog crosscheck` end to end on the fixtures of tests/fixtures/crosscheck: a toy catalog,
//! a small LiteLLM map and a small genai-prices file in their real formats.
mod common;

const DIR: &str = "tests/fixtures/crosscheck";
const LITELLM_URL: &str = "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json";
const GENAI_URL: &str = "https://raw.githubusercontent.com/pydantic/genai-prices/main/prices/providers/aws.yml";

/// Runs `catalog crosscheck` with the catalog folder `pricing`; returns exit code, stdout, stderr.
fn crosscheck(pricing: &str, litellm: &str, genai: &str, format: &str) -> (i32, String, String) {
    let out = common::infercast()
        .args(["--pricing", pricing, "catalog", "crosscheck", "--litellm", litellm, "--genai-prices", genai])
        .args(["--format", format])
        .output()
        .unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code().unwrap(), text(out.stdout), text(out.stderr))
}

fn fixture(name: &str) -> String {
    format!("{DIR}/{name}")
}

/// The fixture catalog without its `crosscheck_note`, in a fresh folder.
fn without_note() -> common::TempPath {
    let dir = common::TempPath::fresh("crosscheck-no-note");
    let toml = std::fs::read_to_string(fixture("pricing/toy.toml")).unwrap();
    let kept: Vec<&str> = toml.lines().filter(|l| !l.starts_with("crosscheck_note")).collect();
    assert_eq!(kept.len() + 1, toml.lines().count(), "the fixture has exactly one note");
    std::fs::write(dir.join("toy.toml"), kept.join("\n")).unwrap();
    dir
}

fn json(pricing: &str) -> (i32, serde_json::Value) {
    let (code, out, err) = crosscheck(pricing, &fixture("litellm.json"), &fixture("aws.yml"), "json");
    assert_eq!(err, "");
    (code, serde_json::from_str(&out).unwrap())
}

/// The fixture catalog with `edit` applied to its text, in a fresh folder.
fn edited(name: &str, edit: impl Fn(&str) -> String) -> common::TempPath {
    let dir = common::TempPath::fresh(name);
    let toml = std::fs::read_to_string(fixture("pricing/toy.toml")).unwrap();
    let changed = edit(&toml);
    assert_ne!(changed, toml, "the edit changes the fixture");
    std::fs::write(dir.join("toy.toml"), changed).unwrap();
    dir
}

// Points of the toy catalog: claude-3-haiku 2, claude-3.5-haiku 4 (with cache), llama-3.1-70b 2,
// claude-sonnet-5 2 (genai-prices prices it by date only; LiteLLM lacks it), palmyra-toy 2 (in
// no map), gpt-5.4 3 (LiteLLM's `bedrock_mantle/openai.gpt-5.4` only): 15.
// LiteLLM gives 2 + 4 + 2 + 3 = 11 of them: llama 9.9e-7 USD a token = 0.99 per Mtok against the
// catalog's 0.72: (0.99 − 0.72) / 0.72 = 0.27 / 0.72 = +37.5 %, input and output (2 differ);
// gpt-5.4 cites LiteLLM and matches it (2.75e-6, 1.65e-5, 2.75e-7 a token = 2.75, 16.50, 0.275):
// 3 copied; claude-3-haiku and claude-3.5-haiku agree and cite other sources: 6 agree; 2 + 2 missing
// (sonnet-5, palmyra).
// genai-prices gives 2 + 4 + 2 = 8: claude-3.5-haiku cites genai-prices and matches it (4 copied),
// claude-3-haiku and llama agree (4 agree); sonnet-5 (2, not compared), palmyra (2) and gpt-5.4
// (3) are missing: 7.
// Overall 11 compared: 6 agree independently (the two Haikus, through LiteLLM), 3 only copied
// (gpt-5.4: only the map it was copied from gives it), 2 disagreements (llama, noted).

#[test]
fn an_unaccepted_disagreement_fails_with_exit_1() {
    let dir = without_note();
    let (code, v) = json(dir.to_str().unwrap());
    assert_eq!(code, 1);
    assert_eq!((v["compared"].as_u64(), v["agree"].as_u64(), v["copied"].as_u64()), (Some(11), Some(6), Some(3)));
    assert_eq!(v["accepted"], serde_json::json!([]));
    let d = v["disagreements"].as_array().unwrap();
    assert_eq!(d.len(), 2);
    assert_eq!(d[0]["figure"], "input");
    assert_eq!(d[1]["figure"], "output");
    for row in d {
        assert_eq!(row["model"], "llama-3.1-70b");
        assert_eq!(row["litellm"], 0.99);
        assert_eq!((&row["litellm_class"], &row["genai_prices_class"]), (&"differs".into(), &"agrees".into()));
        assert_eq!(row["genai_prices"], 0.72);
        assert!((row["relative_difference"].as_f64().unwrap() - 0.375).abs() < 1e-12);
        assert_eq!(row["note"], serde_json::Value::Null);
    }
}

#[test]
fn copied_figures_are_counted_apart_from_agreement() {
    let (code, v) = json(&fixture("pricing"));
    assert_eq!(code, 0);
    let counts = |map: &str| {
        let m = &v[map];
        ["compared", "agree", "differ", "copied_differ", "copied", "missing"].map(|k| m[k].as_u64().unwrap())
    };
    assert_eq!(counts("litellm"), [11, 6, 2, 0, 3, 4]);
    assert_eq!(counts("genai_prices"), [8, 4, 0, 0, 4, 7]);
    let class = |model: &str| {
        let rows = v["models"].as_array().unwrap();
        let r = rows.iter().find(|r| r["model"] == model).unwrap();
        (r["litellm"].as_str().unwrap().to_string(), r["genai_prices"].as_str().unwrap().to_string())
    };
    assert_eq!(class("gpt-5.4"), ("copied".into(), "missing".into()));
    assert_eq!(class("claude-3.5-haiku"), ("agrees".into(), "copied".into()));
    assert_eq!(class("claude-3-haiku"), ("agrees".into(), "agrees".into()));
    assert_eq!(class("llama-3.1-70b"), ("differs".into(), "agrees".into()));
    assert_eq!(class("claude-sonnet-5"), ("missing".into(), "not-compared".into()));
    assert_eq!(v["models"].as_array().unwrap().len(), 6);
}

#[test]
fn a_copied_figure_that_differs_is_still_a_disagreement() {
    // A transcription error: gpt-5.4's output copied from LiteLLM as 15.60 instead of 16.50.
    // (16.50 − 15.60) / 15.60 = 0.9 / 15.6 = +5.77 %.
    let typo = |t: &str| t.replace("output_usd_per_mtok = 16.50", "output_usd_per_mtok = 15.60");
    let dir = edited("crosscheck-copied-typo", typo);
    let (code, v) = json(dir.to_str().unwrap());
    assert_eq!(code, 1);
    let d = &v["disagreements"].as_array().unwrap()[0];
    assert_eq!(
        (&d["model"], &d["figure"], &d["litellm"], &d["litellm_class"]),
        (&"gpt-5.4".into(), &"output".into(), &16.5.into(), &"differs".into())
    );
    assert!((d["relative_difference"].as_f64().unwrap() - 0.9 / 15.6).abs() < 1e-9);
    // LiteLLM: 11 compared, 6 agree, 2 + 1 = 3 differ (1 of them copied), 3 − 1 = 2 copied.
    let l = &v["litellm"];
    assert_eq!(["differ", "copied_differ", "copied"].map(|k| l[k].as_u64().unwrap()), [3, 1, 2]);
    // Overall: gpt-5.4's output leaves the copied count: 6 agree, 2 copied, 1 + 2 noted.
    assert_eq!((v["agree"].as_u64(), v["copied"].as_u64()), (Some(6), Some(2)));
    let (_, table, _) = crosscheck(dir.to_str().unwrap(), &fixture("litellm.json"), &fixture("aws.yml"), "table");
    assert!(
        table.contains("  gpt-5.4  in-region  output     15.6     16.5             -       +5.8%  LiteLLM\n"),
        "{table}"
    );
    let sentence = "11 figures compared with LiteLLM: 6 agree independently, 3 differ (1 of them copied from it), \
                    2 copied from it (not evidence), 4 missing from it.";
    assert!(table.contains(sentence), "{table}");
    // A note accepts it like any other difference: exit 0.
    let noted = edited("crosscheck-copied-typo-noted", |t| {
        typo(t).replace("id = \"openai.gpt-5.4\"", "id = \"openai.gpt-5.4\"\ncrosscheck_note = \"typo under review\"")
    });
    let (code, v) = json(noted.to_str().unwrap());
    assert_eq!(
        (code, v["accepted"].as_array().unwrap().len(), v["disagreements"].as_array().unwrap().len()),
        (0, 3, 0)
    );
}

#[test]
fn the_note_accepts_it_and_the_check_passes() {
    let (code, v) = json(&fixture("pricing"));
    assert_eq!(code, 0);
    assert_eq!(v["schema"], "infercast/crosscheck-v2");
    // 6 `bedrock`/`bedrock_converse` entries and 2 `bedrock_mantle` ones.
    assert_eq!((&v["litellm"]["file"], &v["litellm"]["entries_read"]), (&fixture("litellm.json").into(), &8.into()));
    assert_eq!(
        (&v["genai_prices"]["file"], &v["genai_prices"]["entries_read"]),
        (&fixture("aws.yml").into(), &5.into())
    );
    assert_eq!(v["disagreements"], serde_json::json!([]));
    let expected = serde_json::json!({
        "model": "llama-3.1-70b",
        "id": "meta.llama3-1-70b-instruct-v1:0",
        "scope": "in-region",
        "figure": "input",
        "catalog": 0.72,
        "source": "https://example.com/prices",
        "litellm": 0.99,
        "litellm_class": "differs",
        "genai_prices": 0.72,
        "genai_prices_class": "agrees",
        "relative_difference": 0.375,
        "note": "LiteLLM still lists 0.99, the price before the cut to 0.72"
    });
    let first = &v["accepted"][0];
    assert!((first["relative_difference"].as_f64().unwrap() - 0.375).abs() < 1e-12);
    let mut first = first.clone();
    first["relative_difference"] = serde_json::json!(0.375);
    assert_eq!(first, expected);
    assert_eq!(v["accepted"].as_array().unwrap().len(), 2);
    // palmyra-toy is in neither map; the maps' Mistral Large (24.02) and LiteLLM's mantle Gemma 4
    // E2B are not in the catalog; the embedding model and the OpenAI entry are not Bedrock text
    // models.
    assert_eq!(v["missing_in_maps"], serde_json::json!(["palmyra-toy"]));
    assert_eq!(v["missing_in_catalog"], serde_json::json!(["google.gemma-4-e2b", "mistral.mistral-large-2402-v1:0"]));
    assert_eq!(v["not_compared"][0]["model"], "claude-sonnet-5");
    assert_eq!(v["not_compared"][0]["map"], "genai-prices");
    assert_eq!(v["skipped"], serde_json::json!([]));
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    let schema = [
        "schema",
        "litellm",
        "genai_prices",
        "compared",
        "agree",
        "copied",
        "accepted",
        "disagreements",
        "models",
        "not_compared",
        "skipped",
        "missing_in_maps",
        "missing_in_catalog",
    ];
    assert_eq!(keys, schema);
}

#[test]
fn table_and_markdown_say_the_same() {
    let pricing = fixture("pricing");
    let (code, table, _) = crosscheck(&pricing, &fixture("litellm.json"), &fixture("aws.yml"), "table");
    assert_eq!(code, 0);
    assert!(
        table.contains("11 compared, 6 agree independently, 3 only copied (not evidence), 2 accepted, 0 disagree."),
        "{table}"
    );
    assert!(
        table.contains("11 figures compared with LiteLLM: 6 agree independently, 2 differ, 3 copied from it (not evidence), 4 missing from it."),
        "{table}"
    );
    assert!(
        table.contains("8 figures compared with genai-prices: 4 agree independently, 0 differ, 4 copied from it (not evidence), 7 missing from it."),
        "{table}"
    );
    assert!(
        table.contains("llama-3.1-70b  in-region  input      0.72     0.99          0.72      +37.5%  -"),
        "{table}"
    );
    assert!(table.contains("  gpt-5.4           in-region  copied   missing\n"), "{table}");
    assert!(table.contains("In the catalog, in neither map (1)\n  palmyra-toy\n"), "{table}");
    let (code, md, _) = crosscheck(&pricing, &fixture("litellm.json"), &fixture("aws.yml"), "markdown");
    assert_eq!(code, 0);
    assert!(
        md.contains("| llama-3.1-70b | in-region | output | 0.72 | 0.99 | 0.72 | +37.5% | - | LiteLLM still"),
        "{md}"
    );
    assert!(md.contains("| claude-3.5-haiku | in-region | agrees | copied |"), "{md}");
    assert!(md.contains("- `mistral.mistral-large-2402-v1:0`"), "{md}");
    let dir = without_note();
    let (code, table, _) = crosscheck(dir.to_str().unwrap(), &fixture("litellm.json"), &fixture("aws.yml"), "table");
    assert_eq!(code, 1);
    assert!(table.contains("Disagreements (a crosscheck_note on the catalog entry accepts one)"), "{table}");
}

#[test]
fn a_file_of_the_wrong_format_is_bad_input_with_the_fix() {
    let (litellm, genai) = (fixture("litellm.json"), fixture("aws.yml"));
    let (code, out, err) = crosscheck(&fixture("pricing"), &genai, &litellm, "table");
    assert_eq!((code, out.as_str()), (2, ""));
    let expected = format!(
        "error: {genai}:1:1: not a LiteLLM price map: not valid JSON here; expected a JSON object of model entries with `input_cost_per_token`
  |
1 | # yaml-language-server: $schema=.schema.json
  | ^
  = help: download model_prices_and_context_window.json: {LITELLM_URL}

error: {litellm}:1:1: not a genai-prices provider file: expected YAML with a `models:` list of entries with `id`, `match` and `prices`
  |
1 | {{
  | ^
  = help: download prices/providers/aws.yml: {GENAI_URL}

2 problems found
"
    );
    assert_eq!(err, expected);
}

#[test]
fn valid_json_of_another_shape_is_refused() {
    // Valid JSON, but a list of models rather than an object of model entries.
    let other = common::TempPath::fresh("crosscheck-other-json").join("other.json");
    std::fs::write(&other, r#"{"models": [{"id": "x"}]}"#).unwrap();
    let other = other.to_str().unwrap();
    let (code, _, err) = crosscheck(&fixture("pricing"), other, &fixture("aws.yml"), "json");
    assert_eq!(code, 2);
    assert_eq!(
        err,
        format!(
            "error: {other}: not a LiteLLM price map: expected a JSON object of model entries with `input_cost_per_token`\n  = help: download model_prices_and_context_window.json: {LITELLM_URL}\n"
        )
    );
}

#[test]
fn a_missing_file_names_itself_and_where_to_get_it() {
    let missing = fixture("nope.yml");
    let (code, _, err) = crosscheck(&fixture("pricing"), &fixture("litellm.json"), &missing, "table");
    assert_eq!(code, 2);
    assert_eq!(
        err,
        format!(
            "error: {missing}: cannot read this file: it does not exist\n  = help: check the path, or download prices/providers/aws.yml: {GENAI_URL}\n"
        )
    );
}
