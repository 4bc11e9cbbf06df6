//! `solve --bill`: how amounts are read, and bills no volume in range can answer.
mod common;
use std::path::Path;

use common::{PRICING, SCENARIO};

const TOY: [&str; 2] = ["--pricing", PRICING];

fn solve(bill: &str, option: &str) -> (Option<i32>, String, String) {
    let out = common::infercast()
        .args(TOY)
        .args(["solve", SCENARIO, "--bill", bill, "--option", option, "--format", "json"])
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn dollar_signs_and_thousands_commas_read_as_on_a_bill() {
    // The toy's on-demand request costs 1,000 · $10/M + 100 · $20/M = $0.012: $1,000 is
    // 1,000 / 0.012 = 83,333.3 requests however it is written.
    let (code, plain, _) = solve("1000", "on demand");
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(&plain).unwrap();
    let r = v["requests_per_month"].as_f64().unwrap();
    assert!((r / (1_000.0 / 0.012) - 1.0).abs() < 1e-9, "{r}");
    for written in ["1,000", "$1000", "$1,000.00", "1_000"] {
        assert_eq!(solve(written, "on demand").1, plain, "{written}");
    }
}

#[test]
fn signs_misplaced_commas_and_tiny_amounts_are_refused() {
    for (bill, says) in [
        ("+5", "`+5` has a sign: write the amount alone, like 20000"),
        ("1,5", "`1,5` is not an amount in USD like 20000 or 20,000 (commas only between groups of three digits)"),
        ("10,00", "`10,00` is not an amount in USD like 20000 or 20,000 (commas only between groups of three digits)"),
        ("1e-320", "`1e-320` is not a bill: give a finite amount in USD of at least 0.01, like 20000"),
    ] {
        let (code, out, err) = solve(bill, "on demand");
        assert_eq!(code, Some(2), "{bill}");
        assert!(out.is_empty());
        assert_eq!(
            err,
            format!(
                "error: invalid value '{bill}' for '--bill <USD>': {says}\n\nFor more information, try '--help'.\n"
            )
        );
    }
}

#[test]
fn a_bill_below_one_request_says_so_instead_of_zero_requests() {
    // A million input tokens a request: 10⁶ · $10/M + 100 · $20/M = $10.002 a request, so a $5
    // bill is half a request, below the 1 a month infercast plans (it used to print 0 requests).
    let dir = common::TempPath::fresh("solve-below-one-request");
    let path = dir.join("big.toml");
    let text =
        std::fs::read_to_string(SCENARIO).unwrap().replace("input_tokens = 1000\n", "input_tokens = 1_000_000\n");
    std::fs::write(&path, text).unwrap();
    let out = common::infercast()
        .args(TOY)
        .args(["solve", path.to_str().unwrap(), "--bill", "5", "--option", "on demand"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "error: {}: a bill of $5.00 is less than option `on demand` costs at 1 request a month ($10.00), the \
             fewest infercast models\n  = help: give a --bill of $10.00 or more\n",
            path.display()
        )
    );
}

#[test]
fn a_bill_past_1e14_requests_is_solved() {
    // On demand at $0.012 a request: $6e12 is 5e14 requests, above the old 1e14 ceiling and
    // inside the 1e15 a month scenarios may give.
    let (code, out, err) = solve("6e12", "on demand");
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let r = v["requests_per_month"].as_f64().unwrap();
    assert!((r / 5e14 - 1.0).abs() < 1e-9, "{r}");
    assert!(Path::new(SCENARIO).exists());
}
