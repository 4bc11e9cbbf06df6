//! Builds one fuzz case per loader: which seed is mutated, which files surround it, which command runs.
use super::mutate::{Rng, Syntax, mutate, path_like};
use std::path::{Path, PathBuf};

/// Which loader a case aims at.
#[derive(Clone, Copy, Debug)]
pub enum Target {
    Scenario,
    Catalog,
    Baseline,
}

/// One case: files to lay out in the case folder, the mutated one among them, and the command.
#[derive(Clone)]
pub struct Case {
    /// Files relative to the case folder, with their bytes; `files[0]` is the mutated one.
    pub files: Vec<(PathBuf, Vec<u8>)>,
    /// The bytes `files[0]` had before mutation.
    pub seed_text: Vec<u8>,
    /// Where `files[0]` came from in the repository.
    pub seed_path: String,
    /// What the mutator did, in words.
    pub what: Vec<String>,
    /// Arguments; `@CASE@` stands for the case folder.
    pub args: Vec<String>,
    /// Working directory relative to the case folder.
    pub cwd: PathBuf,
    /// Paths as the binary will show them in messages (`@CASE@` as in `args`).
    pub inputs: Vec<String>,
    /// A `report` run: its scenario's name, where a symlink may be planted.
    pub plant_link: Option<String>,
}

pub const OUT: &str = "out/a/b";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("reading seed {}: {e}", path.display()))
}

/// `*.toml` files of a repository folder, sorted, keeping those whose text contains `must`.
fn seeds(dir: &str, must: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(repo().join(dir))
        .unwrap_or_else(|e| panic!("reading {dir}: {e}"))
        .map(|e| e.expect("a folder entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .filter(|p| String::from_utf8_lossy(&read(p)).contains(must))
        .collect();
    out.sort();
    out
}

fn rel(p: &Path) -> String {
    p.strip_prefix(repo()).unwrap_or(p).display().to_string()
}

fn fmt_arg(rng: &mut Rng, formats: &[&str]) -> Vec<String> {
    vec!["--format".into(), rng.pick(formats).to_string()]
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// The scenario `name` of a seed, for planting a symlink where its report would go.
fn scenario_name(text: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(text);
    let line = text.lines().find(|l| l.starts_with("name = \""))?;
    Some(line.split('"').nth(1)?.to_string())
}

/// A bundled scenario (or the fuzz seed) that a mutated catalog is exercised with.
fn priced_scenario(rng: &mut Rng) -> String {
    let mut all = seeds("scenarios", "[scenario]");
    all.extend(seeds("tests/fuzz", "[scenario]"));
    rng.pick(&all).display().to_string()
}

pub fn make(target: Target, rng: &mut Rng) -> Case {
    match target {
        Target::Scenario => scenario(rng),
        Target::Catalog => catalog(rng),
        Target::Baseline => baseline(rng),
    }
}

fn scenario(rng: &mut Rng) -> Case {
    let mut good = seeds("scenarios", "[scenario]");
    good.extend(seeds("tests/fuzz", "[scenario]"));
    let bad = seeds("tests/bad", "[scenario]");
    let seed = if rng.chance(70) { rng.pick(&good).clone() } else { rng.pick(&bad).clone() };
    let other = read(rng.pick::<PathBuf>(&good));
    let seed_text = read(&seed);
    let (mut text, mut what) = mutate(rng, &seed_text, &other, Syntax::Toml, "@CASE@");
    let file = "@CASE@/scenario.toml".to_string();
    let mut plant_link = None;
    let args = match rng.below(100) {
        0..=14 => vec!["validate".into(), file.clone()],
        15..=49 => [strings(&["estimate", &file]), fmt_arg(rng, &["table", "json"])].concat(),
        50..=64 => [strings(&["breakeven", &file]), fmt_arg(rng, &["table", "json"])].concat(),
        65..=84 => {
            match rng.below(3) {
                // A path-like name, half the time on an otherwise valid scenario so the report is written.
                0 => {
                    let clean = rng.chance(50);
                    let (named, how) = path_like(rng, if clean { &seed_text } else { &text }, "name");
                    (text, what) = (named, if clean { vec![how] } else { [what, vec![how]].concat() });
                }
                // The seed as it is, with links planted where its report goes.
                1 => {
                    plant_link = scenario_name(&seed_text);
                    (text, what) = (seed_text.clone(), vec!["none; symlinks planted in the report folder".into()]);
                }
                _ => {}
            }
            strings(&["report", &file, "--out", &format!("@CASE@/{OUT}")])
        }
        85..=92 => strings(&["solve", &file, "--bill", *rng.pick(&["20000", "1e9", "0.01"])]),
        _ => {
            let cmp = strings(&["compare", &seed.display().to_string(), &file]);
            [cmp, fmt_arg(rng, &["table", "json", "markdown"])].concat()
        }
    };
    let inputs = vec![file, seed.display().to_string()];
    let files = vec![(PathBuf::from("scenario.toml"), text)];
    Case { files, seed_text, seed_path: rel(&seed), what, args, cwd: "cwd".into(), inputs, plant_link }
}

fn catalog(rng: &mut Rng) -> Case {
    let all = seeds("pricing", "[catalog]");
    let i = rng.below(all.len());
    let seed_text = read(&all[i]);
    let other = read(rng.pick::<PathBuf>(&all));
    let (text, what) = mutate(rng, &seed_text, &other, Syntax::Toml, "@CASE@");
    let name = |p: &Path| PathBuf::from("pricing").join(p.file_name().expect("a file name"));
    let mut files = vec![(name(&all[i]), text)];
    files.extend(all.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, p)| (name(p), read(p))));
    let mut inputs: Vec<String> = files.iter().map(|(p, _)| format!("@CASE@/{}", p.display())).collect();
    let scenario = priced_scenario(rng);
    inputs.push(scenario.clone());
    let pricing = strings(&["--pricing", "@CASE@/pricing"]);
    let rest = match rng.below(100) {
        0..=24 => strings(&["validate", "@CASE@/pricing"]),
        25..=54 => [strings(&["estimate", &scenario]), fmt_arg(rng, &["table", "json"])].concat(),
        55..=69 => [strings(&["models"]), fmt_arg(rng, &["table", "json"])].concat(),
        70..=84 => strings(&["breakeven", &scenario]),
        _ => strings(&["report", &scenario, "--out", &format!("@CASE@/{OUT}")]),
    };
    let args = [pricing, rest].concat();
    Case { files, seed_text, seed_path: rel(&all[i]), what, args, cwd: "cwd".into(), inputs, plant_link: None }
}

fn baseline(rng: &mut Rng) -> Case {
    let seed = repo().join("reports/baseline.json");
    let seed_text = read(&seed);
    let (text, what) = mutate(rng, &seed_text, &seed_text, Syntax::Json, "@CASE@");
    let mut files = vec![(PathBuf::from("baseline.json"), text)];
    let scenarios = seeds("scenarios", "[scenario]");
    for p in &scenarios {
        files.push((PathBuf::from("scenarios").join(p.file_name().expect("a file name")), read(p)));
    }
    let mut args = strings(&["baseline", "check", "--baseline", "baseline.json"]);
    // Half the runs check one scenario only: the parse is the same, the run 10x shorter.
    if rng.chance(50) {
        args.push(format!("scenarios/{}", rng.pick(&scenarios).file_name().expect("a file name").display()));
    }
    let guardrails = ["nan", "inf", "-1", "0", "5", "1e308", "-inf"];
    if rng.chance(30) {
        args.push(format!("--fail-above-pct={}", rng.pick(&guardrails)));
    }
    if rng.chance(20) {
        args.push(format!("--fail-above-usd={}", rng.pick(&guardrails)));
    }
    if rng.chance(30) {
        args.extend(fmt_arg(rng, &["text", "markdown", "json"]));
    }
    let inputs = vec!["baseline.json".to_string()];
    Case { files, seed_text, seed_path: rel(&seed), what, args, cwd: ".".into(), inputs, plant_link: None }
}
