//! Bad command lines and inputs: each exits 2 (bad input) or 3 (a failed write) with exactly one
//! message, and prints nothing on stdout.
//! Scenario files live in `tests/fixtures/` (not `tests/bad/`, whose files `validate` checks).
mod common;

use assert_cmd::Command;
use common::{PRICING, SCENARIO as TOY};

/// (arguments after `--pricing tests/fixtures/toy-catalog`, exact stderr).
const CASES: &[(&[&str], &str)] = &[
    (
        &["simulate", TOY, "--samples", "0"],
        "error: invalid value '0' for '--samples <N>': `0` is not a sample count: give a whole number from 1 to 100,000, like 2000\n\nFor more information, try '--help'.\n",
    ),
    (
        &["simulate", TOY, "--samples", "100001"],
        "error: invalid value '100001' for '--samples <N>': `100001` is not a sample count: give a whole number from 1 to 100,000, like 2000\n\nFor more information, try '--help'.\n",
    ),
    (
        &["simulate", TOY, "--samples", "-5"],
        "error: invalid value '-5' for '--samples <N>': `-5` is not a sample count: give a whole number from 1 to 100,000, like 2000\n\nFor more information, try '--help'.\n",
    ),
    (
        &["simulate", TOY, "--threads", "0"],
        "error: invalid value '0' for '--threads <N>': `0` is not a thread count: give a whole number from 1 to 256\n\nFor more information, try '--help'.\n",
    ),
    // 100,000 draws × 4 options × 120 months = 48,000,000 costs over the 24,000,000 kept (8 bytes
    // each, about 192 MB); 24,000,000 / 480 = 50,000 draws fit.
    (
        &["simulate", "tests/fixtures/cli/long-horizon.toml", "--samples", "100000"],
        "error: tests/fixtures/cli/long-horizon.toml: 100,000 samples of 4 options and plans over 120 months are \
         48,000,000 monthly costs to keep; at most 24,000,000 fit\n  = help: give --samples 50,000 or fewer for \
         this scenario, or fewer options, plans or months (docs/model.md#limits-of-the-inputs)\n",
    ),
    (
        &["solve", TOY, "--bill", "0"],
        "error: invalid value '0' for '--bill <USD>': `0` is not a bill: give a finite amount in USD of at least \
         0.01, like 20000\n\nFor more information, try '--help'.\n",
    ),
    (
        &["solve", TOY, "--bill", "-5"],
        "error: invalid value '-5' for '--bill <USD>': `-5` is not a bill: give a finite amount in USD of at least \
         0.01, like 20000\n\nFor more information, try '--help'.\n",
    ),
    (
        &["solve", TOY, "--bill", "NaN"],
        "error: invalid value 'NaN' for '--bill <USD>': `NaN` is not a bill: give a finite amount in USD of at least \
         0.01, like 20000\n\nFor more information, try '--help'.\n",
    ),
    (
        &["solve", TOY, "--bill", "inf"],
        "error: invalid value 'inf' for '--bill <USD>': `inf` is not a bill: give a finite amount in USD of at least \
         0.01, like 20000\n\nFor more information, try '--help'.\n",
    ),
    (
        &["solve", TOY, "--bill", "twenty"],
        "error: invalid value 'twenty' for '--bill <USD>': `twenty` is not an amount in USD like 20000 or 20,000 \
         (commas only between groups of three digits)\n\n\
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
         1,000,000,000,000,000 requests a month, the most infercast models, still less than the bill of $8,000.00\n  = help: give a --bill of $7,300.00 or \
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
    // `catalog import` refuses before it writes anything (tests/pricelist_import_errors.rs has
    // the cases that need a folder of their own).
    (
        &["catalog", "import", "--aws-price-list", "tests/fixtures/pricelist/missing.json", "--write", TOY],
        "error: tests/fixtures/pricelist/missing.json: cannot read this file: it does not exist\n  = help: check \
         the path, or download an offer file: \
         https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonBedrock/current/index.json\n",
    ),
    (
        &["catalog", "import", "--aws-price-list", "tests/fixtures/pricelist/get-products.json", "--write", TOY],
        "error: tests/fixtures/toy.toml: --write names a file, not a folder\n  = help: give --write a catalog \
         folder (like pricing/), or the path of one to create\n",
    ),
];

#[test]
fn bad_command_lines_get_their_exact_messages() {
    let mut failures = Vec::new();
    for (args, expected) in CASES {
        let out = common::infercast().args(["--pricing", PRICING]).args(*args).output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        if out.status.code() != Some(2) || stderr != *expected || !out.stdout.is_empty() {
            failures
                .push(format!("--- {args:?} (exit {:?})\nexpected:\n{expected}\ngot:\n{stderr}", out.status.code()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn infercast() -> Command {
    let mut c = common::infercast();
    c.args(["--pricing", PRICING]);
    c
}

/// A fresh folder of its own for the inputs that cannot be committed (too big, not files, not
/// UTF-8); removed when dropped.
fn scratch(name: &str) -> common::TempPath {
    common::TempPath::fresh(name)
}

/// (arguments, exact stderr) for inputs made on the spot in `dir`; each exits 2 with nothing on
/// stdout.
fn made_cases(dir: &std::path::Path) -> Vec<(Vec<String>, String)> {
    let s = |p: &std::path::Path| p.display().to_string();
    let mut cases = Vec::new();
    // 17 MiB (17 · 2^20 bytes), sparse: refused from its size, before a byte is read.
    let big = dir.join("big.toml");
    std::fs::File::create(&big).unwrap().set_len(17 << 20).unwrap();
    cases.push((
        vec!["estimate".into(), s(&big)],
        format!(
            "error: {}: cannot read this file: it is 17,825,792 bytes, over the 16 MiB (16,777,216-byte) limit for an input\n  = help: \
             infercast inputs are small text files; check that this is the right file\n",
            s(&big)
        ),
    ));
    // `name = "caf` is 11 characters: the Latin-1 é (0xE9) is column 12 of line 2.
    let latin1 = dir.join("latin1.toml");
    std::fs::write(&latin1, b"[scenario]\nname = \"caf\xE9\"\n").unwrap();
    cases.push((
        vec!["validate".into(), s(&latin1)],
        format!(
            "error: {}:2:12: this file is not UTF-8 text: byte 0xE9 cannot appear here\n  |\n2 | name = \"caf\u{FFFD}\"\n  |            ^\n  \
             = help: save the file as UTF-8 (the bad byte is shown as \u{FFFD})\n",
            s(&latin1)
        ),
    ));
    // A folder where the baseline file is needed.
    cases.push((
        vec!["baseline".into(), "check".into(), "--baseline".into(), s(dir), TOY.into()],
        format!(
            "error: {}: cannot read this file: it is a folder, not a regular file\n  = help: give the path of a file \
             inside it\n",
            s(dir)
        ),
    ));
    cases.extend(os_refusals(dir));
    cases
}

/// Paths the operating system refuses, with its reason kept.
fn os_refusals(dir: &std::path::Path) -> Vec<(Vec<String>, String)> {
    let mut cases = Vec::new();
    let baseline_help = "  = help: write one with `infercast baseline write`, or pass --baseline FILE\n";
    // ENOTDIR: a baseline path that goes through a file.
    let through = format!("{TOY}/baseline.json");
    cases.push((
        vec!["baseline".into(), "check".into(), "--baseline".into(), through.clone(), TOY.into()],
        format!("error: {through}: cannot read this file: not a directory\n{baseline_help}"),
    ));
    // ENAMETOOLONG: one name of 300 bytes, over the 255 of Linux and macOS file systems.
    #[cfg(unix)]
    {
        let long = dir.join(format!("{}.toml", "x".repeat(295)));
        cases.push((
            vec!["estimate".into(), long.display().to_string()],
            format!(
                "error: {}: cannot read this file: file name too long\n  = help: check the path; infercast reads \
                 TOML files\n",
                long.display()
            ),
        ));
    }
    #[cfg(unix)]
    {
        let fifo = dir.join("fifo.toml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success(), "mkfifo");
        cases.push((
            vec!["estimate".into(), fifo.display().to_string()],
            format!(
                "error: {}: cannot read this file: it is a named pipe (FIFO), not a regular file\n  = help: infercast \
                 reads files only: save the text to a file and give its path\n",
                fifo.display()
            ),
        ));
        // Unreadable for its owner; root reads it anyway, so the case only counts for others.
        use std::os::unix::fs::PermissionsExt;
        let locked = dir.join("locked.json");
        std::fs::write(&locked, "{}").unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::File::open(&locked).is_err() {
            cases.push((
                vec!["baseline".into(), "check".into(), "--baseline".into(), locked.display().to_string(), TOY.into()],
                format!(
                    "error: {}: cannot read this file: permission denied\n  = help: give infercast read access to the \
                     file (e.g. `chmod u+r FILE`), or copy it\n",
                    locked.display()
                ),
            ));
        }
    }
    cases
}

/// Opens a FIFO for writing and closes it again, over and over, on a thread of its own, until
/// dropped. No clock involved: the thread waits in `open` until a reader comes.
#[cfg(unix)]
struct FifoWriter {
    path: std::path::PathBuf,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

#[cfg(unix)]
impl FifoWriter {
    fn start(path: &std::path::Path) -> Self {
        use std::sync::atomic::Ordering;
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (p, s) = (path.to_path_buf(), std::sync::Arc::clone(&stop));
        let thread = std::thread::spawn(move || {
            while !s.load(Ordering::SeqCst) && std::fs::OpenOptions::new().write(true).open(&p).is_ok() {}
        });
        Self { path: path.to_path_buf(), stop, thread: Some(thread) }
    }
}

#[cfg(unix)]
impl Drop for FifoWriter {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        // Opened for reading and writing, a FIFO does not block, and while it is open every
        // open for writing returns at once: the thread sees `stop` and ends.
        let held = std::fs::OpenOptions::new().read(true).write(true).open(&self.path);
        if let Some(t) = self.thread.take() {
            t.join().expect("the FIFO writer thread");
        }
        drop(held);
    }
}

#[test]
fn unreadable_inputs_get_their_exact_messages() {
    let dir = scratch("inputs");
    let cases = made_cases(&dir);
    // A reader that opens the FIFO would block until a writer comes: keep one coming, so that
    // such a regression fails this test (an empty read, another message) instead of hanging it.
    #[cfg(unix)]
    let _writer = FifoWriter::start(&dir.join("fifo.toml"));
    let mut failures = Vec::new();
    for (args, expected) in cases {
        let out = infercast().args(&args).output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        if out.status.code() != Some(2) || stderr != expected || !out.stdout.is_empty() {
            failures
                .push(format!("--- {args:?} (exit {:?})\nexpected:\n{expected}\ngot:\n{stderr}", out.status.code()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn baseline_write_refuses_two_scenarios_of_one_name() {
    let out_file = scratch("baseline-same-name").join("baseline.json");
    let out = infercast()
        .args(["baseline", "write", "--out"])
        .arg(&out_file)
        .args([TOY, "tests/fixtures/cli/toy-again.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: tests/fixtures/cli/toy-again.toml:4:8: scenario name `toy` is also the name of the scenario in \
         tests/fixtures/toy.toml\n  |\n4 | name = \"toy\"\n  |        ^^^^^\n  = help: give each scenario its own \
         `name` in [scenario]: results are labelled by it\n"
    );
    assert!(!out_file.exists());
}

/// A write that fails exits 3, naming what could not be written and why.
#[test]
fn write_failures_exit_3() {
    let through = format!("{TOY}/out");
    let out =
        infercast().args(["baseline", "write", "--out", &format!("{through}/baseline.json"), TOY]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    #[cfg(unix)]
    assert_eq!(String::from_utf8(out.stderr).unwrap(), format!("error: cannot write {through}: not a directory\n"));
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_stdout_exits_3() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else { return };
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin!("infercast"))
        .args(["--pricing", PRICING, "estimate", TOY])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    // ENOSPC, which /dev/full returns on every write.
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: cannot write the output to stdout: no space left on device\n"
    );
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_is_silent_success() {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("infercast"))
        .args(["--pricing", PRICING, "estimate", TOY])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The reader goes away at once (like `| head -0`); the write then fails with EPIPE.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}
