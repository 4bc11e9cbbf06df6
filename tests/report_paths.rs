//! `report` writes only inside `--out`, whatever a scenario's `name` says: the folder is a slug
//! of the name, and links planted in `--out` are never followed.
mod common;

use common::PRICING;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The toy scenario (tests/fixtures/toy.toml) after its `name` line.
const AFTER_NAME: &str = "\nmonths = 12\n\n[traffic]\nmean_rps = 1\n\n[[workload]]\nname = \"w\"\nshare = 1\n\
    input_tokens = 1000\noutput_tokens = 100\nmax_tokens = 100\n\n[[option]]\nname = \"on demand\"\n\
    kind = \"on-demand\"\nmodel = \"m\"\n";

/// A fresh folder for one case, with `in/` for scenarios and `a/b/out` as `--out` (two levels
/// down, so that `../..` would land inside the case folder where it can be seen).
fn case_dir(case: &str) -> common::TempPath {
    let root = common::TempPath::fresh(case);
    std::fs::create_dir_all(root.join("in")).unwrap();
    std::fs::create_dir_all(root.join("a/b/out")).unwrap();
    root
}

/// Writes a scenario whose `name` is the TOML string `name_toml` (quotes and escapes included).
fn scenario(root: &Path, file: &str, name_toml: &str) -> PathBuf {
    let path = root.join("in").join(file);
    std::fs::write(&path, format!("[scenario]\nname = {name_toml}{AFTER_NAME}")).unwrap();
    path
}

/// Every path under `dir`, links not followed.
fn tree(dir: &Path) -> BTreeSet<PathBuf> {
    let mut out = BTreeSet::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if std::fs::symlink_metadata(&p).unwrap().is_dir() {
            out.extend(tree(&p));
        }
        out.insert(p);
    }
    out
}

fn report(root: &Path, scenarios: &[&Path]) -> std::process::Output {
    common::infercast()
        .args(["--pricing", PRICING, "report", "--out"])
        .arg(root.join("a/b/out"))
        .args(scenarios)
        .output()
        .unwrap()
}

/// Runs `report` on one scenario named `name_toml`; asserts it succeeds, that everything new
/// under the case folder is inside `--out/<folder>`, and returns the new paths.
fn report_writes_only_into(case: &str, name_toml: &str, folder: &str) -> BTreeSet<PathBuf> {
    let root = case_dir(case);
    let file = scenario(&root, "s.toml", name_toml);
    let before = tree(&root);
    let out = report(&root, &[&file]);
    assert_eq!(out.status.code(), Some(0), "{case}: {}", String::from_utf8_lossy(&out.stderr));
    let inside = root.join("a/b/out").join(folder);
    let new: BTreeSet<_> = tree(&root).difference(&before).cloned().collect();
    for p in &new {
        assert!(p.starts_with(&inside), "{case}: {} is outside {}", p.display(), inside.display());
    }
    // The folder, 4 data files and every chart × (SVG, PNG); no temporary file left behind.
    assert_eq!(
        new.len(),
        1 + 4 + 2 * <infercast::report::charts::Chart as infercast::keyword::Keyword>::ALL.len(),
        "{case}: {new:?}"
    );
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(said.starts_with(&format!("wrote {}/:", inside.display())), "{case}: {said}");
    new
}

#[test]
fn dot_dot_names_stay_inside_out() {
    report_writes_only_into("dotdot", "\"../../x\"", "x");
    report_writes_only_into("only-dots", "\"..\"", "s");
}

#[test]
fn absolute_names_stay_inside_out() {
    // A folder that does not exist, in a fresh folder of the system's (a short path, so that its
    // slug stays under the 100-character cut).
    let system = tempfile::Builder::new().prefix("infercast-absolute-").tempdir().unwrap();
    let target = system.path().join("never");
    let name = target.join("x").display().to_string();
    // Every character other than an ASCII letter, digit or `_` is a separator of the folder's words.
    let words: Vec<&str> =
        name.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).filter(|w| !w.is_empty()).collect();
    report_writes_only_into("absolute", &toml::Value::String(name.clone()).to_string(), &words.join("-"));
    assert!(!target.exists(), "{} written", target.display());
}

#[test]
fn characters_a_folder_name_cannot_hold_become_dashes() {
    report_writes_only_into("slash", "\"a/b\"", "a-b");
    report_writes_only_into("hidden", "\".config/x y\"", "config-x-y");
}

#[test]
fn a_name_with_a_control_character_writes_nothing() {
    // NUL, like every control character, is refused in a name before anything is written.
    let root = case_dir("nul");
    let file = scenario(&root, "s.toml", "\"a\\u0000b\"");
    let before = tree(&root);
    let out = report(&root, &[&file]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`name` holds the control character `\\0`"));
    assert_eq!(tree(&root), before);
}

#[test]
fn very_long_names_are_cut_to_100_characters() {
    // 1,000 letters would be refused by the file system as one folder name (255 bytes at most).
    report_writes_only_into("long", &format!("\"{}\"", "n".repeat(1000)), &"n".repeat(100));
}

#[test]
fn reserved_names_get_an_underscore() {
    report_writes_only_into("con", "\"con\"", "con_");
    report_writes_only_into("lpt1", "\"LPT1\"", "LPT1_");
}

#[test]
fn two_names_with_one_folder_are_refused_naming_both_files() {
    let root = case_dir("same-folder");
    let first = scenario(&root, "a.toml", "\"Q3 launch\"");
    let second = scenario(&root, "b.toml", "\"Q3/launch\"");
    let before = tree(&root);
    let out = report(&root, &[&first, &second]);
    assert_eq!(out.status.code(), Some(2));
    let (a, b) = (first.display(), second.display());
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "error: {b}:2:8: scenario `Q3/launch` would be reported in folder `Q3-launch`, like scenario `Q3 launch` \
             in {a}\n  |\n2 | name = \"Q3/launch\"\n  |        ^^^^^^^^^^^\n  = help: give the two scenarios names \
             that differ in their ASCII letters, digits, `-` or `_`: a report folder keeps only those\n"
        )
    );
    assert_eq!(tree(&root), before, "nothing written");
}

#[cfg(unix)]
#[test]
fn a_link_planted_at_a_file_is_replaced_not_followed() {
    let root = case_dir("link-file");
    let victim = root.join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    let folder = root.join("a/b/out/toy");
    std::fs::create_dir_all(&folder).unwrap();
    // The files themselves, and the temporary names earlier versions wrote through.
    for f in ["summary.md", "load.png", "summary.partial", "load.partial.png"] {
        std::os::unix::fs::symlink(&victim, folder.join(f)).unwrap();
    }
    let out = report(&root, &[&scenario(&root, "s.toml", "\"toy\"")]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    for f in ["summary.md", "load.png"] {
        assert!(std::fs::symlink_metadata(folder.join(f)).unwrap().is_file(), "the link at {f} was replaced");
    }
}

#[cfg(unix)]
#[test]
fn a_link_planted_at_the_folder_is_refused() {
    let root = case_dir("link-folder");
    let elsewhere = root.join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let link = root.join("a/b/out/toy");
    std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
    let out = report(&root, &[&scenario(&root, "s.toml", "\"toy\"")]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "error: cannot write {}/: it is a symbolic link, which infercast does not follow; infercast writes into \
             a folder of its own: remove it, or give another --out\n",
            link.display()
        )
    );
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0, "nothing written through the link");
}

#[test]
fn a_folder_that_cannot_be_made_is_a_write_error() {
    let root = case_dir("not-a-folder");
    std::fs::write(root.join("file"), "").unwrap();
    let out = common::infercast()
        .args(["--pricing", PRICING, "report", "--out"])
        .arg(root.join("file/out"))
        .arg(scenario(&root, "s.toml", "\"toy\""))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    // ENOTDIR: a path goes through a file as if it were a folder.
    #[cfg(unix)]
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!("error: cannot write {}/: not a directory\n", root.join("file/out").display())
    );
}
