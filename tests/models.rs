//! `infercast models`: its filters on the bundled catalog (each count derived from
//! pricing/*.toml read here, not from the program), its four formats, and figures the catalog
//! gives as ranges printed as ranges.
mod common;

use common::{TempPath, close, on_today};
use std::collections::BTreeSet;
use std::process::Output;

/// `infercast ARGS` on a pinned day, so that which models are retired does not move with the clock.
fn run(args: &[&str]) -> Output {
    on_today().args(args).output().unwrap()
}

fn stdout_ok(args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The keys `models --format json` lists with these extra arguments.
fn listed(filters: &[&str]) -> BTreeSet<String> {
    let args: Vec<&str> = ["models", "--format", "json"].iter().chain(filters).copied().collect();
    let v: serde_json::Value = serde_json::from_str(&stdout_ok(&args)).unwrap();
    assert_eq!(v["schema"], "infercast/models-v2");
    v["models"].as_array().unwrap().iter().map(|m| m["key"].as_str().unwrap().to_string()).collect()
}

/// One `[[model]]` of the repository's pricing files as written, with its file's `[catalog]`.
struct Written {
    model: toml::Table,
    catalog: toml::Table,
}

impl Written {
    fn str(&self, k: &str) -> Option<&str> {
        self.model.get(k).and_then(|v| v.as_str())
    }
    /// The key scenarios write: another vendor's carries its name (`azure:gpt-5`).
    fn key(&self) -> String {
        let key = self.str("key").unwrap();
        match self.catalog.get("vendor").and_then(|v| v.as_str()) {
            Some(vendor) => format!("{vendor}:{key}"),
            None => key.to_string(),
        }
    }
    fn list(&self, k: &str) -> Vec<String> {
        let v = self.model.get(k).and_then(|v| v.as_array()).cloned().unwrap_or_default();
        v.iter().map(|x| x.as_str().unwrap().to_string()).collect()
    }
}

/// Every `[[model]]` of pricing/*.toml, read with a plain TOML parser.
fn written() -> Vec<Written> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir("pricing").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let file: toml::Table = std::fs::read_to_string(&path).unwrap().parse().unwrap();
        let catalog = file["catalog"].as_table().unwrap().clone();
        for m in file.get("model").and_then(|m| m.as_array()).into_iter().flatten() {
            out.push(Written { model: m.as_table().unwrap().clone(), catalog: catalog.clone() });
        }
    }
    out
}

fn keys(models: &[Written], keep: impl Fn(&Written) -> bool) -> BTreeSet<String> {
    models.iter().filter(|m| keep(m)).map(Written::key).collect()
}

#[test]
fn each_filter_keeps_the_models_the_files_say() {
    let all = written();
    assert!(all.len() > 50, "the bundled catalog has its models");
    assert_eq!(listed(&[]), keys(&all, |_| true));
    // --provider: the file's [catalog] provider, or the maker that starts the id.
    let bedrock = keys(&all, |m| m.catalog["provider"].as_str() == Some("aws-bedrock"));
    assert_eq!(listed(&["--provider", "aws-bedrock"]), bedrock);
    // The maker's models on Bedrock, and the Anthropic API's own file.
    let anthropic = keys(&all, |m| {
        m.str("id").unwrap().starts_with("anthropic.") || m.catalog["provider"].as_str() == Some("anthropic")
    });
    assert!(!anthropic.is_empty());
    assert_eq!(listed(&["--provider", "Anthropic"]), anthropic);
    // A vendor: the models of its file, prefixed keys.
    let azure = keys(&all, |m| m.catalog.get("vendor").and_then(|v| v.as_str()) == Some("azure"));
    assert!(azure.len() > 1 && azure.iter().all(|k| k.starts_with("azure:")));
    assert_eq!(listed(&["--provider", "azure"]), azure);
    // --status: retired once the end of life is on or before the day (`run` pins 2026-06-01;
    // ISO dates compare as text), else as written; a model without one is active.
    let ended = |m: &Written| m.model.get("end_of_life").is_some_and(|d| d.to_string().as_str() <= "2026-06-01");
    let retired = keys(&all, ended);
    let legacy = keys(&all, |m| !ended(m) && m.str("status") == Some("legacy"));
    let active = keys(&all, |m| !ended(m) && m.str("status").unwrap_or("active") == "active");
    assert!(!legacy.is_empty() && !active.is_empty() && !retired.is_empty());
    assert_eq!(listed(&["--status", "legacy"]), legacy);
    assert_eq!(listed(&["--status", "active"]), active);
    assert_eq!(listed(&["--status", "retired"]), retired);
    // --tier: a tier of the `tiers` table; standard is every model; capacity by its table.
    let tier = |t: &str| keys(&all, |m| m.model.get("tiers").and_then(|x| x.get(t)).is_some());
    assert!(!tier("batch").is_empty());
    assert_eq!(listed(&["--tier", "batch"]), tier("batch"));
    assert_eq!(listed(&["--tier", "priority"]), tier("priority"));
    assert_eq!(listed(&["--tier", "standard"]), keys(&all, |_| true));
    let table = |t: &str| keys(&all, |m| m.model.contains_key(t));
    assert!(!table("provisioned").is_empty() && !table("reserved").is_empty());
    assert_eq!(listed(&["--tier", "provisioned"]), table("provisioned"));
    assert_eq!(listed(&["--tier", "reserved"]), table("reserved"));
    // --region: base regions (the file's region when none is listed), region_price, profiles.
    let sold_in = |r: &str| {
        keys(&all, |m| {
            let mut regions = m.list("regions");
            if regions.is_empty() {
                regions.push(m.catalog["region"].as_str().unwrap().to_string());
            }
            let priced = m.model.get("region_price").and_then(|p| p.as_array()).into_iter().flatten();
            regions.iter().any(|x| x == r)
                || priced.into_iter().any(|p| p["region"].as_str() == Some(r))
                || m.list("profiles").iter().any(|p| p == r)
        })
    };
    for r in ["eu-west-1", "us-east-1", "eu", "global"] {
        assert!(!sold_in(r).is_empty(), "{r}");
        assert_eq!(listed(&["--region", r]), sold_in(r), "--region {r}");
    }
    // --search: key, id or name (the key when unnamed), any case.
    let found = |t: &str| {
        keys(&all, |m| {
            let name = m.str("name").unwrap_or(m.str("key").unwrap());
            [m.str("key").unwrap(), m.str("id").unwrap(), name].iter().any(|s| s.to_lowercase().contains(t))
        })
    };
    assert!(!found("sonnet").is_empty());
    assert_eq!(listed(&["--search", "SoNNet"]), found("sonnet"));
    assert_eq!(listed(&["--search", "llama3"]), found("llama3"), "ids match too");
}

#[test]
fn filters_combine_all_must_hold() {
    let both: BTreeSet<String> =
        listed(&["--provider", "anthropic"]).intersection(&listed(&["--tier", "provisioned"])).cloned().collect();
    let three: BTreeSet<String> = both.intersection(&listed(&["--region", "eu"])).cloned().collect();
    assert!(!three.is_empty());
    assert_eq!(listed(&["--provider", "anthropic", "--tier", "provisioned", "--region", "eu"]), three);
    // The files' count of the same three conditions.
    let all = written();
    let files = keys(&all, |m| {
        m.str("id").unwrap().starts_with("anthropic.")
            && m.model.contains_key("provisioned")
            && m.list("profiles").iter().any(|p| p == "eu")
    });
    assert_eq!(three, files);
}

#[test]
fn no_match_is_an_empty_listing_a_warning_and_exit_0() {
    let out = run(&["models", "--search", "no-such-model-anywhere", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["models"], serde_json::json!([]));
    assert_eq!(v["instances"], serde_json::json!([]), "with a filter, only models are listed");
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "warning: no catalog model meets every filter given; `infercast models` lists them all\n"
    );
    let csv = stdout_ok(&["models", "--search", "no-such-model-anywhere", "--format", "csv"]);
    assert_eq!(csv.lines().count(), 1, "the header alone: {csv}");
}

#[test]
fn an_unknown_status_or_tier_is_a_clap_error_listing_the_valid_ones() {
    for (flag, value, valid) in [
        ("--status", "gone", "[possible values: active, legacy, retired]"),
        ("--tier", "gold", "[possible values: standard, batch, flex, priority, provisioned, reserved]"),
    ] {
        let out = run(&["models", flag, value]);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(&format!("invalid value '{value}' for '{flag}")), "{err}");
        assert!(err.contains(valid), "{err}");
    }
}

/// The toy catalog with its PT price, throughput and instance prices written as ranges (and a
/// model name that looks like a spreadsheet formula).
fn ranged_catalog() -> String {
    let edits = [
        ("id = \"test.m\"\n", "name = \"=HYPERLINK(\\\"x\\\")\"\nid = \"test.m\"\n"),
        (
            "usd_per_mu_hour = { 1-month = 10.0, 6-month = 5.0 }",
            "usd_per_mu_hour = { 1-month = { triangular = { min = 8, mode = 10, max = 15 } }, 6-month = 5.0 }",
        ),
        ("input_tpm_per_mu = 100_000", "input_tpm_per_mu = { uniform = { min = 50_000, max = 150_000 } }"),
        ("basis = \"toy figures\"\n", "basis = \"toy figures\"\nassumed = true\n"),
        (
            "usd_per_hour = { on-demand = 2.0 }",
            "usd_per_hour = { on-demand = { normal = { mean = 2.0, sd = 0.1 } }, \
             reserved-1y = { lognormal = { p50 = 1.5, p90 = 2.5 } } }",
        ),
    ];
    edits.iter().fold(common::CATALOG.to_string(), |text, (from, to)| {
        assert!(text.contains(from), "the toy catalog has no `{from}`");
        text.replacen(from, to, 1)
    })
}

fn ranged(name: &str) -> TempPath {
    let dir = TempPath::fresh(name);
    std::fs::write(dir.join("toy.toml"), ranged_catalog()).unwrap();
    dir
}

fn models(pricing: &TempPath, format: &str) -> String {
    stdout_ok(&["--pricing", pricing.to_str().unwrap(), "models", "--format", format])
}

#[test]
fn a_range_prints_as_a_range_not_as_its_mean() {
    let p = ranged("models-range");
    // The 1-month MU-hour price is triangular(8, 10, 15): its mean (8 + 10 + 15)/3 = 11 is what
    // estimate prices with; the listing shows 8–15, never 11 as if AWS charged it.
    let table = models(&p, "table");
    let pt = table.lines().skip_while(|l| !l.starts_with("Provisioned")).nth(2).unwrap();
    assert!(pt.contains(" 8–15 "), "{pt}");
    assert!(!pt.contains(" 11 "), "{pt}");
    // input TPM uniform(50,000, 150,000); output a plain 10,000.
    assert!(pt.contains("50,000–150,000/10,000 (assumed)"), "{pt}");
    assert!(table.contains("on-demand 2±0.1"), "normal: mean ± sd");
    assert!(table.lines().any(|l| l.starts_with("i ") && l.contains("reserved-1y 1.5 (p90 2.5)")), "lognormal");

    let v: serde_json::Value = serde_json::from_str(&models(&p, "json")).unwrap();
    let pt = &v["models"][0]["provisioned"];
    let month = &pt["usd_per_mu_hour"]["1-month"];
    assert_eq!(month["distribution"], "triangular");
    assert_eq!(
        (month["min"].as_f64(), month["mode"].as_f64(), month["max"].as_f64()),
        (Some(8.0), Some(10.0), Some(15.0))
    );
    assert!(close(month["mean"].as_f64().unwrap(), 11.0));
    assert_eq!(pt["usd_per_mu_hour"]["6-month"], 5.0, "a plain figure stays a number");
    assert_eq!(pt["input_tpm_per_mu"]["distribution"], "uniform");
    // uniform mean = (50,000 + 150,000)/2.
    assert!(close(pt["input_tpm_per_mu"]["mean"].as_f64().unwrap(), 100_000.0));
    assert_eq!(v["instances"][0]["usd_per_hour"]["on-demand"]["sd"], 0.1);
    assert_eq!(v["instances"][0]["usd_per_hour"]["reserved-1y"]["p90"], 2.5);

    let csv = models(&p, "csv");
    let row: Vec<&str> = csv.lines().nth(1).unwrap().split(',').collect();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let cell = |c: &str| row[header.iter().position(|h| *h == c).unwrap()];
    assert_eq!(cell("pt_usd_per_mu_hour_1_month"), "8–15");
    assert_eq!(cell("pt_usd_per_mu_hour_6_month"), "5");
    assert_eq!(cell("pt_tpm_per_mu_in_out"), "50000–150000/10000");
}

#[test]
fn csv_neutralises_formula_cells() {
    let p = ranged("models-csv-formula");
    let csv = models(&p, "csv");
    // The name `=HYPERLINK("x")` is quoted by CSV and prefixed by `'` so a spreadsheet shows text.
    assert!(csv.lines().nth(1).unwrap().starts_with("m,\"'=HYPERLINK(\"\"x\"\")\",test.m,"), "{csv}");
}

#[test]
fn each_format_keeps_its_layout() {
    let p = ranged("models-layout");
    for format in ["table", "markdown", "csv", "json"] {
        // Sources are the toy's URLs; JSON names the file, in a folder of its own each run.
        let text = models(&p, format).replace(p.to_str().unwrap(), "[DIR]");
        insta::assert_snapshot!(format!("models-{format}"), text);
    }
}
