//! The tests' own plumbing: every test writes into a folder of its own, and no test depends on
//! how fast the machine is, so `cargo test` passes with any number of test threads.
mod common;

use common::{TempPath, toy};
use std::path::{Path, PathBuf};

#[test]
fn toy_gives_every_call_a_folder_of_its_own() {
    // Two tests asking for the same name at the same time once shared (and deleted) one folder.
    let (pricing_a, scenario_a) = toy("same-name", "a");
    let (pricing_b, scenario_b) = toy("same-name", "b");
    assert_ne!(pricing_a.parent(), pricing_b.parent());
    assert_eq!(std::fs::read_to_string(&scenario_a).unwrap(), "a");
    assert_eq!(std::fs::read_to_string(&scenario_b).unwrap(), "b");
    assert!(pricing_a.join("toy.toml").is_file() && pricing_b.join("toy.toml").is_file());
}

#[test]
fn the_folder_lives_as_long_as_a_path_into_it() {
    let dir = TempPath::fresh("lifetime");
    let file = dir.join("f.txt");
    std::fs::write(&file, "x").unwrap();
    let root: PathBuf = dir.to_path_buf();
    drop(dir);
    assert!(file.is_file(), "a path into the folder keeps it");
    drop(file);
    assert!(!root.exists(), "the last path removes it");
}

/// Every `.rs` file under `dir`, sorted.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(sources(&p));
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn no_test_uses_a_clock_or_a_shared_folder() {
    // Spelled in pieces so that this file does not match itself.
    let banned = [
        ["Instant", "::now"].concat(),
        ["Duration", "::from"].concat(),
        [".time", "out("].concat(),
        ["std::env::", "temp_dir"].concat(),
        ["CARGO_TARGET_TMPDIR\"))", ".join("].concat(),
    ];
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for file in sources(&root.join("tests")) {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            for b in banned.iter().filter(|b| line.contains(b.as_str())) {
                found.push(format!("{}:{}: `{b}`", file.strip_prefix(root).unwrap().display(), n + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "tests bound their work, not their time, and write into common::scratch folders:\n{}",
        found.join("\n")
    );
}
