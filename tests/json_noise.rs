//! Every command that prints JSON (`infercast --help` and `catalog --help` list them: estimate,
//! breakeven, simulate, compare, solve, models, throughput, catalog crosscheck, catalog crosscheck
//! --aws-price-list, catalog pricelist, catalog import, baseline check, and report's
//! result.json), run on bundled inputs, goes through the one JSON writer: every number is finite,
//! never `-0`, and has at most 12 significant digits (no `0.30000000000000004`), and every
//! document has a `"schema"` (README "JSON").
mod common;

use assert_cmd::Command;
use common::TempPath;

const SUPPORT: &str = "scenarios/support-agent.toml";
const FOUNDATION: &str = "tests/fixtures/pricelist/foundation-models.json";
const BEDROCK: &str = "tests/fixtures/pricelist/bedrock.csv";

/// The bundled scenarios, sorted.
fn scenarios() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir("scenarios")
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .filter(|p| p.ends_with(".toml"))
        .collect();
    v.sort();
    v
}

/// stdout of `infercast ARGS`, run in `dir` (paths given absolute), with an exit code in `ok`.
fn run(dir: &TempPath, args: &[&str], ok: &[i32]) -> String {
    let out = Command::new(assert_cmd::cargo::cargo_bin!("infercast"))
        .current_dir(dir)
        .env("INFERCAST_TODAY", "2026-06-01")
        .args(args)
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1);
    assert!(ok.contains(&code), "{args:?}: exit {code}\n{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Absolute path of a file of this repository.
fn here(rel: &str) -> String {
    std::env::current_dir().unwrap().join(rel).display().to_string()
}

/// The number tokens of a JSON text, as written (strings skipped, escapes included).
fn numbers(text: &str) -> Vec<&str> {
    let (bytes, mut out, mut i) = (text.as_bytes(), Vec::new(), 0);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while i < bytes.len() && matches!(bytes[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') {
                    i += 1;
                }
                out.push(&text[start..i]);
            }
            _ => i += 1,
        }
    }
    out
}

/// Significant digits of a number as written: its mantissa's digits less leading and trailing
/// zeros (`0.0012` → 2, `1.5e-7` → 2, `120000` → 2, `0.30000000000000004` → 17).
fn significant(token: &str) -> usize {
    let mantissa = token.trim_start_matches('-').split(['e', 'E']).next().unwrap();
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    digits.trim_start_matches('0').trim_end_matches('0').len()
}

/// The problems of one JSON document: `what` names it.
fn noise(what: &str, text: &str) -> Vec<String> {
    let doc: serde_json::Value =
        serde_json::from_str(text).unwrap_or_else(|e| panic!("{what}: not JSON ({e}):\n{text}"));
    let mut out = Vec::new();
    let docs = match &doc {
        serde_json::Value::Array(items) => items.iter().collect(),
        one => vec![one],
    };
    for d in docs {
        if !d.get("schema").is_some_and(serde_json::Value::is_string) {
            out.push(format!("{what}: a document without a \"schema\""));
        }
    }
    for n in numbers(text) {
        let x: f64 = n.parse().unwrap_or_else(|_| panic!("{what}: `{n}` is not a number"));
        if !x.is_finite() {
            out.push(format!("{what}: `{n}` is not finite"));
        }
        if x == 0.0 && n.starts_with('-') {
            out.push(format!("{what}: `{n}` is a negative zero"));
        }
        // The writer rounds to 12 significant digits and to 0 below 1e-12 of a unit: no specks.
        if x != 0.0 && x.abs() < 1e-12 {
            out.push(format!("{what}: `{n}` is a speck below 1e-12"));
        }
        if significant(n) > 12 {
            out.push(format!("{what}: `{n}` has {} significant digits", significant(n)));
        }
    }
    out
}

#[test]
fn the_checker_finds_noise() {
    // The tokens of a string are skipped; a key's digits are not numbers.
    assert_eq!(
        numbers(r#"{"a1": "2 \"3\"", "b": [-0.0, 1.5e-7, 0.30000000000000004]}"#),
        ["-0.0", "1.5e-7", "0.30000000000000004"]
    );
    assert_eq!((significant("0.0012"), significant("1.5e-7"), significant("120000")), (2, 2, 2));
    let found = noise("x", r#"{"schema": "s", "v": [-0.0, 0.30000000000000004, 123456789012]}"#);
    assert_eq!(found, ["x: `-0.0` is a negative zero", "x: `0.30000000000000004` has 17 significant digits"]);
    assert_eq!(noise("y", "[{\"n\": 1}]"), ["y: a document without a \"schema\""]);
    assert_eq!(noise("z", r#"{"schema": "s", "v": [5e-13, 1e-12]}"#), ["z: `5e-13` is a speck below 1e-12"]);
}

#[test]
fn every_json_output_is_free_of_float_noise() {
    let dir = TempPath::fresh("json-noise");
    let mut problems = Vec::new();
    let mut check = |what: String, text: String| problems.extend(noise(&what, &text));
    for s in scenarios() {
        let s = here(&s);
        for cmd in
            [&["estimate", s.as_str()][..], &["breakeven", s.as_str()], &["simulate", s.as_str(), "--samples", "200"]]
        {
            check(format!("{cmd:?}"), run(&dir, &[cmd, &["--format", "json"]].concat(), &[0]));
        }
    }
    let (support, trimmed) = (here(SUPPORT), here("tests/fixtures/support-agent-trimmed.toml"));
    check("compare".into(), run(&dir, &["compare", &support, &trimmed, "--format", "json"], &[0]));
    check("solve".into(), run(&dir, &["solve", &support, "--bill", "20000", "--format", "json"], &[0]));
    let (hand, hourly) = (here("tests/fixtures/reconcile/scenario.toml"), here("tests/fixtures/reconcile/hourly.csv"));
    check("reconcile".into(), run(&dir, &["reconcile", &hand, "--usage", &hourly, "--format", "json"], &[0, 1]));
    check("models".into(), run(&dir, &["models", "--format", "json"], &[0]));
    // `throughput` on the serving fixture (the bundled catalog has no GPU specs yet): a dense and a
    // MoE model, offline and at a fractional concurrency.
    let serving = here("tests/fixtures/serving");
    for (model, concurrency) in [("dense-80b", None), ("moe-100b", None), ("moe-100b", Some("3.3"))] {
        let mut q = vec!["--pricing", &serving, "throughput", "--model", model, "--gpu", "toy-gpu", "--gpus", "2"];
        q.extend(["--input", "1000", "--output", "333", "--format", "json"]);
        q.extend(concurrency.iter().flat_map(|c| ["--concurrency", c]));
        check(format!("throughput {model} {concurrency:?}"), run(&dir, &q, &[0]));
    }
    let crosscheck = [
        "--pricing",
        &here("tests/fixtures/crosscheck/pricing"),
        "catalog",
        "crosscheck",
        "--litellm",
        &here("tests/fixtures/crosscheck/litellm.json"),
        "--genai-prices",
        &here("tests/fixtures/crosscheck/aws.yml"),
        "--format",
        "json",
    ]
    .map(String::from);
    check("crosscheck".into(), run(&dir, &crosscheck.iter().map(String::as_str).collect::<Vec<_>>(), &[0]));
    let (foundation, bedrock) = (here(FOUNDATION), here(BEDROCK));
    // A disagreement with the built-in catalog exits 1; the JSON is printed all the same.
    let aws = ["catalog", "crosscheck", "--aws-price-list", &foundation, &bedrock, "--format", "json"];
    check("crosscheck --aws-price-list".into(), run(&dir, &aws, &[0, 1]));
    check("pricelist".into(), run(&dir, &["catalog", "pricelist", &foundation, &bedrock, "--format", "json"], &[0]));
    let seed = dir.join("seed");
    std::fs::create_dir_all(&seed).unwrap();
    std::fs::write(seed.join("test.toml"), include_str!("fixtures/pricelist/stale-catalog.toml")).unwrap();
    let (seed, out) = (seed.display().to_string(), dir.join("imported").display().to_string());
    let import =
        ["--pricing", &seed, "catalog", "import", "--aws-price-list", &foundation, "--write", &out, "--format", "json"];
    check("import".into(), run(&dir, &import, &[0]));
    // The baseline diff: written here first, so it compares the bundled scenarios with themselves.
    let (baseline, scenarios) = (dir.join("baseline.json").display().to_string(), here("scenarios"));
    run(&dir, &["baseline", "write", &scenarios, "--out", &baseline], &[0]);
    let diff = ["baseline", "check", &scenarios, "--baseline", &baseline, "--format", "json"];
    check("baseline check".into(), run(&dir, &diff, &[0]));
    // Every report's result.json.
    let reports = dir.join("reports").display().to_string();
    run(&dir, &["report", &scenarios, "--out", &reports], &[0]);
    for folder in std::fs::read_dir(&reports).unwrap() {
        let result = folder.unwrap().path().join("result.json");
        check(result.display().to_string(), std::fs::read_to_string(&result).unwrap());
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
