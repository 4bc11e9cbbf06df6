//! Bad `baseline check` inputs: guardrail values that would switch the check off and baseline
//! files that are not what `baseline write` makes. Each exits 2 with exactly one message and
//! prints nothing on stdout; the file is refused before anything is recomputed.
mod common;

const HELP: &str = "\n\nFor more information, try '--help'.\n";
const REGENERATE: &str = "  = help: regenerate it with `infercast baseline write`\n";
const DELETE_ONE: &str =
    "  = help: a baseline has each key once: delete one, or regenerate it with `infercast baseline write`\n";

fn run(args: &[String]) -> (Option<i32>, String, Vec<u8>) {
    let out = common::infercast()
        .args(["--pricing", common::PRICING, "baseline", "check"])
        .args(args)
        .arg(common::SCENARIO)
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8(out.stderr).unwrap(), out.stdout)
}

/// (arguments after `baseline check`, exact stderr).
type Case = (Vec<String>, String);

fn assert_cases(cases: &[Case]) {
    let mut failures = Vec::new();
    for (args, expected) in cases {
        let (code, stderr, stdout) = run(args);
        if code != Some(2) || stderr != *expected || !stdout.is_empty() {
            failures.push(format!("--- {args:?} (exit {code:?})\nexpected:\n{expected}\ngot:\n{stderr}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn flag(name: &str, value: &str) -> Vec<String> {
    vec![name.to_string(), value.to_string()]
}

#[test]
fn guardrails_must_be_finite_and_not_negative() {
    let mut cases: Vec<Case> = Vec::new();
    for v in ["NaN", "inf", "-inf", "-1", "1e999"] {
        for (name, value, what) in [
            ("--fail-above-pct", "P", "limit: give a finite percentage of zero or more, like 5"),
            ("--fail-above-usd", "USD", "limit: give a finite amount in USD of zero or more, like 1000"),
            ("--tolerance", "PERCENT", "tolerance: give a finite percentage of zero or more, like 0.1%"),
        ] {
            let msg = format!("error: invalid value '{v}' for '{name} <{value}>': `{v}` is not a {what}{HELP}");
            cases.push((flag(name, v), msg));
        }
    }
    cases.push((
        flag("--fail-above-pct", "five"),
        format!("error: invalid value 'five' for '--fail-above-pct <P>': `five` is not a percentage like 5{HELP}"),
    ));
    cases.push((
        flag("--fail-above-usd", "lots"),
        format!(
            "error: invalid value 'lots' for '--fail-above-usd <USD>': `lots` is not an amount in USD like 1000{HELP}"
        ),
    ));
    assert_cases(&cases);
}

/// `--baseline tests/fixtures/baseline/NAME` with the message that follows `error: PATH`.
fn fixture(name: &str, rest: &str) -> Case {
    let path = format!("tests/fixtures/baseline/{name}");
    (flag("--baseline", &path), format!("error: {path}{rest}"))
}

#[test]
fn duplicate_keys_at_any_level_are_refused_where_they_repeat() {
    let cases = [
        fixture(
            "dup-scenario.json",
            &format!(
                ":9:5: key \"toy\" appears twice in this object (first on line 4)\n  |\n9 |     \"toy\": {{\n  |     \
                 ^^^^^\n{DELETE_ONE}"
            ),
        ),
        fixture(
            "dup-option.json",
            &format!(
                ":9:9: key \"on demand\" appears twice in this object (first on line 8)\n  |\n9 |         \"on demand\": \
                 {{ \"month_1_usd\": 100.0 }}\n  |         ^^^^^^^^^^^\n{DELETE_ONE}"
            ),
        ),
        fixture(
            "dup-figure.json",
            &format!(
                ":11:11: key \"month_1_usd\" appears twice in this object (first on line 9)\n   |\n11 |           \
                 \"month_1_usd\": 100.0\n   |           ^^^^^^^^^^^^^\n{DELETE_ONE}"
            ),
        ),
        // A repeated field of a price entry and of the file itself: both reported, in file order.
        fixture(
            "dup-price-and-field.json",
            &format!(
                // A line longer than 100 characters shows a window: its last 100 characters here, the
                // marker under the second "source".
                ":5:109: key \"source\" appears twice in this object (first on line 5)\n  |\n5 | …ures\": \
                 {{ \"input\": 1.0 }}, \"source\": \"a\", \"retrieved\": \"2025-01-01\", \"assumed\": \
                 false, \"source\": \"b\" }}\n  |{}^^^^^^^^\n{DELETE_ONE}\nerror: \
                 tests/fixtures/baseline/dup-price-and-field.json:7:3: key \"schema\" appears twice in this object \
                 (first on line 2)\n  |\n7 |   \"schema\": \"infercast/baseline-v1\"\n  |   ^^^^^^^^\n{DELETE_ONE}\n\
                 2 problems found\n",
                " ".repeat(87)
            ),
        ),
    ];
    assert_cases(&cases);
}

/// The message for a baseline of an older format `v`.
fn older(v: &str) -> String {
    format!(
        ":2:13: this baseline is in the older format \"infercast/baseline-{v}\"; this infercast reads \
         \"infercast/baseline-v2\", which also records each scenario's recommendation\n  |\n2 |   \"schema\": \
         \"infercast/baseline-{v}\",\n  |             ^^^^^^^^^^^^^^^^^^^^^^^\n  = help: re-bless it with this \
         version: `infercast baseline write`, then review the new file's diff\n"
    )
}

#[test]
fn other_bad_baseline_files_are_located() {
    let cases = [
        fixture(
            "unknown-field.json",
            &format!(
                ":4:48: not a valid baseline: unknown field `option`, expected one of `path`, `start`, `recommendation`, \
                 `tokens`, `options`, `plans`\n  \
                 |\n4 |     \"toy\": {{ \"path\": \"toy.toml\", \"tokens\": {{}}, \"option\": {{}} }}\n  |{}^^^^^^^^\n\
                 {REGENERATE}",
                " ".repeat(48)
            ),
        ),
        fixture(
            "trailing-comma.json",
            &format!(":5:1: not a valid baseline: key must be a string\n  |\n5 | }}\n  | ^\n{REGENERATE}"),
        ),
        fixture("old-schema.json", &older("v0")),
        // The format before recommendations were recorded: refused before its shape is read, with
        // the way to re-bless it (not "unknown field").
        fixture("v1.json", &older("v1")),
        // "café" in Latin-1: 0xE9 is not UTF-8; the column counts the characters before it.
        fixture(
            "latin1.json",
            &format!(
                ":4:19: this file is not UTF-8 text: byte 0xE9 cannot appear here\n  |\n4 |   \"prices\": {{ \"caf\u{FFFD}\": {{}} }}\n  |{}^\n  = \
                 help: save the file as UTF-8 (the bad byte is shown as \u{FFFD})\n",
                " ".repeat(19)
            ),
        ),
    ];
    assert_cases(&cases);
}

#[test]
fn unreadable_baselines_keep_the_reason() {
    let big = common::TempPath::fresh("bad-baseline").join("big.json");
    // One byte over 16 MiB (sparse: nothing is written).
    std::fs::File::create(&big).unwrap().set_len(16 * 1024 * 1024 + 1).unwrap();
    let big = big.display().to_string();
    let cannot = |path: &str, why: &str, help: &str| {
        (flag("--baseline", path), format!("error: {path}: cannot read this file: {why}\n  = help: {help}\n"))
    };
    let write_one = "write one with `infercast baseline write`, or pass --baseline FILE";
    assert_cases(&[
        cannot("nope/baseline.json", "it does not exist", write_one),
        cannot("tests/fixtures", "it is a folder, not a regular file", "give the path of a file inside it"),
        // A device (or a FIFO, which would block forever) is refused before reading.
        cannot(
            "/dev/null",
            "it is a device, not a regular file",
            "infercast reads files only: save the text to a file and give its path",
        ),
        // 16 · 2^20 + 1 = 16,777,217 bytes.
        cannot(
            &big,
            "it is 16,777,217 bytes, over the 16 MiB (16,777,216-byte) limit for an input",
            "infercast inputs are small text files; check that this is the right file",
        ),
    ]);
}
