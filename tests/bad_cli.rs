//! Bad command lines: each case exits 2 with exactly one message, and prints nothing on stdout.
//! Scenario files live in `tests/fixtures/` (not `tests/bad/`, whose files `validate` checks).
use assert_cmd::Command;

const PRICING: &str = "tests/fixtures/toy-pricing";
const TOY: &str = "tests/fixtures/toy.toml";

/// (arguments after `--pricing tests/fixtures/toy-pricing`, exact stderr).
const CASES: &[(&[&str], &str)] = &[
    (
        &["solve", TOY, "--bill", "0"],
        "error: invalid value '0' for '--bill <USD>': `0` is not a bill: give a finite amount in USD above zero, \
         like 20000\n\nFor more information, try '--help'.\n",
    ),
    (
        &["solve", TOY, "--bill", "-5"],
        "error: invalid value '-5' for '--bill <USD>': `-5` is not a bill: give a finite amount in USD above zero, \
         like 20000\n\nFor more information, try '--help'.\n",
    ),
    (
        &["solve", TOY, "--bill", "NaN"],
        "error: invalid value 'NaN' for '--bill <USD>': `NaN` is not a bill: give a finite amount in USD above zero, \
         like 20000\n\nFor more information, try '--help'.\n",
    ),
    (
        &["solve", TOY, "--bill", "inf"],
        "error: invalid value 'inf' for '--bill <USD>': `inf` is not a bill: give a finite amount in USD above zero, \
         like 20000\n\nFor more information, try '--help'.\n",
    ),
    (
        &["solve", TOY, "--bill", "twenty"],
        "error: invalid value 'twenty' for '--bill <USD>': `twenty` is not an amount in USD like 20000\n\n\
         For more information, try '--help'.\n",
    ),
    (
        &["solve", TOY, "--bill", "100", "--option", "PT peek"],
        "error: tests/fixtures/toy.toml: no option named `PT peek` in this scenario\n  = help: did you mean \
         `PT peak`? The scenario's options: `on demand`, `PT peak`, `PT 1 MU, reject`, `self-hosted`\n",
    ),
    (
        &["solve", "tests/fixtures/cli/no-on-demand.toml", "--bill", "100"],
        "error: tests/fixtures/cli/no-on-demand.toml: this scenario has no on-demand option, the one `solve` uses \
         by default\n  = help: name the option to solve for with --option; the scenario's options: `PT peak`, \
         `PT 1 MU, reject`, `self-hosted`\n",
    ),
    // Self-hosted with no traffic: min_instances 2 × $2/h × 730 h + $1,000 ops = $3,920.
    (
        &["solve", TOY, "--bill", "3000", "--option", "self-hosted"],
        "error: tests/fixtures/toy.toml: option `self-hosted` costs $3,920.00 a month with no traffic at all, more \
         than the bill of $3,000.00\n  = help: no volume costs less than its fixed charges: give a --bill of \
         $3,920.00 or more\n",
    ),
    // One MU whatever the traffic (the rest is rejected): $10/h × 730 h = $7,300.
    (
        &["solve", TOY, "--bill", "8000", "--option", "PT 1 MU, reject"],
        "error: tests/fixtures/toy.toml: option `PT 1 MU, reject` costs $7,300.00 a month at \
         100,000,000,000,000 requests a month, the most infercast models, still less than the bill of $8,000.00\n  = help: give a --bill of $7,300.00 or \
         less, or solve for another option with --option\n",
    ),
    (
        &["compare", TOY, TOY],
        "error: tests/fixtures/toy.toml:5:8: this file is given twice: scenario `toy` would be compared with itself\n\
         \x20 |\n5 | name = \"toy\"\n  |        ^^^^^\n  = help: give each file once; to compare a variant, copy the \
         file and give the copy its own `name`\n",
    ),
    (
        &["compare", TOY, "tests/fixtures/cli/toy-again.toml"],
        "error: tests/fixtures/cli/toy-again.toml:4:8: scenario name `toy` is also the name of the scenario in \
         tests/fixtures/toy.toml\n  |\n4 | name = \"toy\"\n  |        ^^^^^\n  = help: give each scenario its own \
         `name` in [scenario]: results are labelled by it\n",
    ),
    (
        &["compare", "tests/fixtures", TOY],
        "error: tests/fixtures: this is a folder; one scenario file is needed here\n  = help: give the path of a \
         scenario .toml file\n",
    ),
    // Every command that loads several scenarios refuses two of one name.
    (
        &["estimate", TOY, "tests/fixtures/cli/toy-again.toml"],
        "error: tests/fixtures/cli/toy-again.toml:4:8: scenario name `toy` is also the name of the scenario in \
         tests/fixtures/toy.toml\n  |\n4 | name = \"toy\"\n  |        ^^^^^\n  = help: give each scenario its own \
         `name` in [scenario]: results are labelled by it\n",
    ),
    // Dates are checked against the calendar: February 2026 has 28 days (2026 is not divisible
    // by 4), April 30.
    (
        &["validate", "--today", "2026-02-31"],
        "error: invalid value '2026-02-31' for '--today <YYYY-MM-DD>': `2026-02-31` is not a date: February 2026 \
         has 28 days\n\nFor more information, try '--help'.\n",
    ),
    (
        &["validate", "--today", "2026-04-31"],
        "error: invalid value '2026-04-31' for '--today <YYYY-MM-DD>': `2026-04-31` is not a date: April 2026 \
         has 30 days\n\nFor more information, try '--help'.\n",
    ),
    (
        &["validate", "--today", "2026-13-01"],
        "error: invalid value '2026-13-01' for '--today <YYYY-MM-DD>': `2026-13-01` is not a date like 2026-11-25 \
         (year-month-day)\n\nFor more information, try '--help'.\n",
    ),
];

#[test]
fn bad_command_lines_get_their_exact_messages() {
    let mut failures = Vec::new();
    for (args, expected) in CASES {
        let out = Command::new(assert_cmd::cargo::cargo_bin!("infercast"))
            .args(["--pricing", PRICING])
            .args(*args)
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        if out.status.code() != Some(2) || stderr != *expected || !out.stdout.is_empty() {
            failures
                .push(format!("--- {args:?} (exit {:?})\nexpected:\n{expected}\ngot:\n{stderr}", out.status.code()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
