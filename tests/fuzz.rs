//! Bounded, seeded mutation fuzzing of the scenario, catalog and baseline loaders through the
//! built binary: no panic, documented exit codes, located messages, finite output and nothing
//! written outside `--out`, whatever the input.
//!
//! Each case mutates a bundled file (scenarios/, pricing/, reports/baseline.json, tests/bad/,
//! tests/fuzz/) and runs one command on it. The work is bounded, never the time: a fixed number
//! of cases, inputs of at most about 1 MB, a fixed number of runs to shrink a failure. A run that
//! never ends (a hang) keeps the test from ending, where it can be seen and replayed; how fast a
//! run is belongs to `cargo bench`. Environment variables:
//! `INFERCAST_FUZZ_ITERS=N` cases per loader (defaults below keep `cargo test` short),
//! `INFERCAST_FUZZ_SEED=S` another sequence (decimal or 0x…), `INFERCAST_FUZZ_CASE=I` only case
//! I (to replay a failure), `INFERCAST_FUZZ_SHRINK_RUNS=R` runs spent shrinking the example of
//! each failure class (default 100), `INFERCAST_FUZZ_VERBOSE=1` to print every case.
mod fuzz {
    pub mod cases;
    pub mod check;
    pub mod mutate;
    pub mod report;
    pub mod rng;
    pub mod run;
}

use fuzz::cases::{self, Case, OUT, Target};
use fuzz::check::{self, Failure};
use fuzz::mutate::Rng;
use fuzz::report::Example;
use fuzz::run;
use std::collections::BTreeMap;
use std::path::Path;

const DEFAULT_SEED: u64 = 0x1cf0_2026;
/// Bytes of the mutated file at most: the bound on each run's work (a flooded line is cut at
/// about 1 MB, see `fuzz/mutate.rs`), an eighth of the binary's 16 MiB input limit.
const MAX_INPUT: usize = 2 << 20;
/// Cases per loader on every `cargo test`.
const SCENARIO_CASES: u64 = 150;
const CATALOG_CASES: u64 = 100;
const BASELINE_CASES: u64 = 80;

pub struct Config {
    pub seed: u64,
    iters: u64,
    only: Option<u64>,
    /// Runs of the binary allowed to shrink one failure class's example.
    shrink_runs: u64,
    verbose: bool,
}

fn env_num(name: &str) -> Option<u64> {
    let v = std::env::var(name).ok()?;
    let parsed = match v.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => v.parse(),
    };
    Some(parsed.unwrap_or_else(|_| panic!("{name}={v} is not a number")))
}

fn config(default_iters: u64) -> Config {
    Config {
        seed: env_num("INFERCAST_FUZZ_SEED").unwrap_or(DEFAULT_SEED),
        iters: env_num("INFERCAST_FUZZ_ITERS").unwrap_or(default_iters),
        only: env_num("INFERCAST_FUZZ_CASE"),
        shrink_runs: env_num("INFERCAST_FUZZ_SHRINK_RUNS").unwrap_or(100),
        verbose: std::env::var_os("INFERCAST_FUZZ_VERBOSE").is_some(),
    }
}

fn case_seed(seed: u64, target: Target, i: u64) -> u64 {
    seed ^ (target as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ i.wrapping_mul(0xd1b5_4a32_d192_ed03)
}

/// Lays the case out in `root/case`, runs it, and checks every property. Returns the failures
/// and the command line as run.
pub fn execute(case: &Case, root: &Path) -> (Vec<Failure>, String) {
    let dir = root.join("case");
    let shown = dir.display().to_string();
    let _ = std::fs::remove_dir_all(&dir);
    for sub in ["cwd", "out/a"] {
        std::fs::create_dir_all(dir.join(sub)).expect("creating the case folder");
    }
    for (path, bytes) in &case.files {
        std::fs::create_dir_all(dir.join(path).parent().expect("a parent")).expect("creating a folder");
        let bytes = fuzz::mutate::replace_all(bytes, b"@CASE@", shown.as_bytes());
        std::fs::write(dir.join(path), bytes).expect("writing a case file");
    }
    let sub = |s: &String| s.replace("@CASE@", &shown);
    if let Some(name) = &case.plant_link {
        plant_links(&dir, name);
    }
    let args: Vec<String> = case.args.iter().map(sub).collect();
    let before = run::listing(root);
    let outcome = run::run(assert_cmd::cargo::cargo_bin!("infercast"), &args, &dir.join(&case.cwd));
    let after = run::listing(root);
    let inputs: Vec<String> = case.inputs.iter().map(sub).collect();
    let mut failures = check::outcome(&outcome, &inputs);
    let stray = run::stray_changes(&before, &after, &dir.join(OUT));
    if let Some(first) = stray.first() {
        // Grouped by where the write landed: `victim.txt` is the planted symlinks' target.
        let top = first.strip_prefix(&format!("{shown}/")).unwrap_or(first).split(['/', ' ']).next().unwrap_or("");
        let class = format!("wrote outside --out (case folder entry `{top}`)");
        failures.push(Failure { class, detail: stray.join("\n") });
    }
    if outcome.code == Some(0) && args.iter().any(|a| a == "report") {
        failures.extend(check::report_files(&dir.join(OUT)));
    }
    (failures, format!("infercast {}", args.join(" ")))
}

/// A report folder planted in advance with links to a file outside `--out`: a writer that
/// follows them changes that file.
#[cfg(unix)]
fn plant_links(dir: &Path, name: &str) {
    let folder = dir.join(OUT).join(name);
    std::fs::create_dir_all(&folder).expect("creating the planted report folder");
    std::fs::write(dir.join("victim.txt"), "must stay as it is\n").expect("writing the victim file");
    for link in ["summary.partial", "summary.md", "result.json"] {
        std::os::unix::fs::symlink(dir.join("victim.txt"), folder.join(link)).expect("planting a symlink");
    }
}

#[cfg(not(unix))]
fn plant_links(_: &Path, _: &str) {}

/// Runs the cases of one loader, each in a folder of this test's own, and fails with one example
/// per failure class.
fn fuzz(name: &str, target: Target, default_iters: u64) {
    let cfg = config(default_iters);
    let scratch = tempfile::Builder::new()
        .prefix(&format!("fuzz-{name}-"))
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .expect("creating the fuzz folder");
    let root = scratch.path();
    let mut classes: BTreeMap<String, Example> = BTreeMap::new();
    let mut ran = 0;
    for i in (0..cfg.iters).filter(|i| cfg.only.is_none_or(|o| o == *i)) {
        let case = cases::make(target, &mut Rng::new(case_seed(cfg.seed, target, i)));
        assert!(case.files[0].1.len() <= MAX_INPUT, "case {i}: the mutator made {} bytes", case.files[0].1.len());
        let (failures, command) = execute(&case, root);
        if cfg.verbose {
            eprintln!("case {i}: {command}\n  mutations: {}; {} failure(s)", case.what.join("; "), failures.len());
        }
        for f in failures {
            let entry = classes.entry(f.class).or_insert_with(|| Example::new(i, &case, f.detail, &command));
            entry.count += 1;
        }
        ran += 1;
    }
    eprintln!("fuzz {name}: {ran} cases, seed {:#x}, {} failure classes", cfg.seed, classes.len());
    if classes.is_empty() {
        return;
    }
    let text = fuzz::report::all(name, &cfg, root, &mut classes, cfg.shrink_runs);
    panic!("{text}");
}

// Every property, on every `cargo test`. Classes these found before they were fixed: messages
// with no line and column (non-UTF-8 bytes; a missing [scenario], [traffic] or [catalog] table; a
// file with neither; no [[workload]] or [[option]]), stderr floods (a one-line array of hundreds
// of wrong tables: hundreds of MB), report folders outside `--out` (`name = "../../../escape"`,
// `".."`, an absolute name) and planted symlinks followed. (Crashes alone need no test of their
// own: a panic, a signal or an undocumented exit code is a failure class here too.)

#[test]
fn scenario_mutations_keep_every_property() {
    fuzz("scenario", Target::Scenario, SCENARIO_CASES);
}

#[test]
fn catalog_mutations_keep_every_property() {
    fuzz("catalog", Target::Catalog, CATALOG_CASES);
}

#[test]
fn baseline_mutations_keep_every_property() {
    fuzz("baseline", Target::Baseline, BASELINE_CASES);
}

/// The work is bounded by the cases' inputs, not by a clock: every input the default sequence
/// makes is small (checked without running the binary).
#[test]
fn every_case_input_is_bounded() {
    let targets =
        [(Target::Scenario, SCENARIO_CASES), (Target::Catalog, CATALOG_CASES), (Target::Baseline, BASELINE_CASES)];
    let mut largest = 0;
    for (target, iters) in targets {
        for i in 0..iters {
            let case = cases::make(target, &mut Rng::new(case_seed(DEFAULT_SEED, target, i)));
            largest = largest.max(case.files[0].1.len());
        }
    }
    assert!(largest <= MAX_INPUT, "{largest} bytes");
    eprintln!("largest fuzz input: {largest} bytes");
}
