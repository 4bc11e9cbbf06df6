//! `catalog crosscheck --aws-price-list`: a catalog figure copied from the Price List is counted
//! as copied, never as agreement; one copied that differs still fails. Figures of
//! tests/fixtures/pricelist/foundation-models.json (its README says where each came from).
mod common;
use serde_json::Value;

const OFFER: &str = "tests/fixtures/pricelist/foundation-models.json";

/// Haiku 4.5 cites the Price List's offer file (copied); Sonnet 4.5 cites the pricing page.
const CATALOG: &str = r#"[catalog]
provider = "aws-bedrock"
region = "us-east-1"
currency = "USD"
source = "https://aws.amazon.com/bedrock/pricing/"
retrieved = 2026-09-01

[[model]]
key = "haiku"
id = "anthropic.claude-haiku-4-5-20251001-v1:0"
price_list = ["Claude Haiku 4.5"]
input_usd_per_mtok = 1.10
output_usd_per_mtok = 5.50
cache_write_usd_per_mtok = 1.375
cache_read_usd_per_mtok = 0.11
profiles = ["global"]
source = "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonBedrockFoundationModels/20260901183649/us-east-1/index.json"
retrieved = 2026-09-01
context_window_tokens = 200_000
max_output_tokens = 64_000

[model.global]
input_usd_per_mtok = 1.00
output_usd_per_mtok = 5.00

[[model]]
key = "sonnet"
id = "anthropic.claude-sonnet-4-5-20250929-v1:0"
price_list = ["Claude Sonnet 4.5"]
input_usd_per_mtok = 3.30
output_usd_per_mtok = 16.50
profiles = ["global"]
context_window_tokens = 200_000
max_output_tokens = 64_000

[model.global]
input_usd_per_mtok = 3.00
output_usd_per_mtok = 15.00
"#;

/// Runs the check on `catalog` (written to a fresh folder) in `format`.
fn check(name: &str, catalog: &str, format: &str) -> (Option<i32>, String, String) {
    let dir = common::TempPath::fresh(&format!("crosscheck-pricelist-{name}"));
    std::fs::write(dir.join("toy.toml"), catalog).unwrap();
    let out = common::infercast()
        .arg("--pricing")
        .arg(&*dir)
        .args(["catalog", "crosscheck", "--aws-price-list", OFFER, "--format", format])
        .output()
        .unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code(), text(out.stdout), text(out.stderr))
}

fn counts(v: &Value) -> [u64; 6] {
    ["compared", "agree", "differ", "copied_differ", "copied", "missing"].map(|k| v["counts"][k].as_u64().unwrap())
}

// The offer prices Haiku 4.5 at 1.10 / 5.50 in-region, 1.00 / 5.00 global, cache write 1.375 and
// read 0.11: 6 prices, all equal to the catalog's, which cites the offer: 6 copied. Sonnet 4.5:
// 3.30 / 16.50 and 3.00 / 15.00 equal the catalog's, which cites the pricing page: 4 agree; batch
// 1.65 and the 1-hour cache write 6.60 have no catalog figure (no batch tier, no cache): 2
// missing. Claude Sonnet 5.5 (eu-north-1) has no catalog entry.

#[test]
fn figures_copied_from_the_price_list_are_not_agreement() {
    let (code, out, err) = check("copied", CATALOG, "json");
    assert_eq!((code, err.as_str()), (Some(0), ""), "{out}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema"], "infercast/pricelist-check-v2");
    assert_eq!(counts(&v), [10, 4, 0, 0, 6, 2]);
    let class = |key: &str| v["models"].as_array().unwrap().iter().find(|m| m["model"] == key).unwrap().clone();
    assert_eq!((class("haiku")["class"].as_str(), class("haiku")["prices"].as_u64()), (Some("copied"), Some(6)));
    assert_eq!((class("sonnet")["class"].as_str(), class("sonnet")["prices"].as_u64()), (Some("agrees"), Some(6)));
    let row = v["rows"].as_array().unwrap().iter().find(|r| r["sku"] == "JQDUC8Q4K8C6GSGH").unwrap();
    assert_eq!((row["verdict"].as_str(), row["copied"].as_bool()), (Some("copied"), Some(true)));
    let (code, table, _) = check("copied-table", CATALOG, "table");
    assert_eq!(code, Some(0));
    let sentence = "10 Price List prices compared with the AWS Price List: 4 agree independently, 0 differ, \
                    6 copied from it (not evidence), 2 missing from the catalog.";
    assert!(table.contains(sentence), "{table}");
    assert!(table.contains("  haiku               6  copied\n  sonnet              6  agrees\n"), "{table}");
}

#[test]
fn a_copied_figure_that_differs_fails() {
    // Haiku's output mistyped as 5.05 while citing the offer, which says 5.50:
    // (5.50 − 5.05) / 5.05 = 8.9 % apart.
    let typo = CATALOG.replace("output_usd_per_mtok = 5.50", "output_usd_per_mtok = 5.05");
    let (code, out, _) = check("copied-typo", &typo, "json");
    assert_eq!(code, Some(1), "{out}");
    let v: Value = serde_json::from_str(&out).unwrap();
    // 10 compared: 4 agree (Sonnet), 1 differs (copied), 5 copied.
    assert_eq!(counts(&v), [10, 4, 1, 1, 5, 2]);
    let (_, table, _) = check("copied-typo-table", &typo, "table");
    let row = table.lines().find(|l| l.contains("DIFFERS")).unwrap();
    assert!(row.contains("$5.50") && row.contains("$5.05") && row.ends_with("DIFFERS (copied)"), "{row}");
}

#[test]
fn a_price_list_price_is_compared_with_the_figure_in_force_when_the_offer_was_published() {
    // Sonnet's in-region input is now 2.90 (an invented later cut, 12 % below the offer's 3.30),
    // with 3.30 as a price period until 2026-09-15 citing the pricing page. The offer was
    // published 2026-09-01, inside the period: 3.30 = 3.30 agrees, and nothing differs.
    let cut = CATALOG.replace(
        "input_usd_per_mtok = 3.30\noutput_usd_per_mtok = 16.50\nprofiles = [\"global\"]\ncontext_window_tokens = 200_000\nmax_output_tokens = 64_000\n",
        "input_usd_per_mtok = 2.90\noutput_usd_per_mtok = 16.50\nprofiles = [\"global\"]\ncontext_window_tokens = 200_000\nmax_output_tokens = 64_000\n\n\
         [[model.price_period]]\nuntil = 2026-09-15\ninput_usd_per_mtok = 3.30\n",
    );
    assert_ne!(cut, CATALOG);
    let (code, out, err) = check("period", &cut, "json");
    assert_eq!((code, err.as_str()), (Some(0), ""), "{out}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(counts(&v), [10, 4, 0, 0, 6, 2]);
    // Had the period ended before the offer (2026-08-31), the offer's 3.30 meets the undated 2.90:
    // (3.30 − 2.90) / 2.90 = 13.8 % apart, a difference (exit 1).
    let ended = cut.replace("until = 2026-09-15", "until = 2026-08-31");
    let (code, out, _) = check("period-ended", &ended, "json");
    assert_eq!(code, Some(1), "{out}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(counts(&v), [10, 3, 1, 0, 6, 2]);
}

#[test]
fn a_price_list_note_accepts_the_difference_and_says_why() {
    // The typo case above (Haiku output 5.05 against the offer's 5.50, 8.9 % apart) with a note
    // on the model: the row still differs, is shown as accepted with the note, and the check
    // passes (exit 0). Without the note it fails (exit 1, `a_copied_figure_that_differs_fails`).
    let noted = CATALOG.replace("output_usd_per_mtok = 5.50", "output_usd_per_mtok = 5.05").replace(
        "price_list = [\"Claude Haiku 4.5\"]\n",
        "price_list = [\"Claude Haiku 4.5\"]\nprice_list_note = \"quote Q-7 until March\"\n",
    );
    let (code, out, err) = check("noted", &noted, "json");
    assert_eq!((code, err.as_str()), (Some(0), ""), "{out}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(counts(&v), [10, 4, 1, 1, 5, 2]);
    let row = v["rows"].as_array().unwrap().iter().find(|r| r["verdict"] == "differ").unwrap();
    assert_eq!(row["accepted"], "quote Q-7 until March");
    let (code, table, _) = check("noted-table", &noted, "table");
    assert_eq!(code, Some(0));
    let row = table.lines().find(|l| l.contains("accepted")).unwrap();
    assert!(row.contains("$5.50") && row.ends_with("differs, accepted: quote Q-7 until March"), "{row}");
}
