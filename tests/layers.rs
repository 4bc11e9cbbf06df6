//! The house has one direction (docs/architecture.md): each top-level module of `src/` may use
//! only modules of its own layer or of a layer below it, and modules of one layer form no cycle.
//! This test reads every `crate::…` path in `src/` (test modules excepted) and fails on an edge
//! against that direction, naming the file that makes it.
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first. A module missing here fails the test: place it on purpose.
const LAYERS: &[&[&str]] = &[
    &["source", "error", "format", "json", "keyword", "output_format", "suggest", "dates", "files", "input", "limits"],
    &["catalog", "uncertain"],
    &["crosscheck", "pricelist"],
    &["scenario"],
    &["model"],
    &["simulate", "usage"],
    &["baseline"],
    &["report"],
    &["cli"],
    &["run"],
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// Every `.rs` file under `dir`, in a fixed order.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The top-level module a file belongs to: `src/model/offers/pt.rs` → `model`, `src/json.rs` → `json`.
fn owner(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
    first.strip_suffix(".rs").unwrap_or(&first).to_string()
}

/// A file's text without its unit tests: tests may reach any layer. Test modules are the
/// `#[cfg(test)]` modules at the end of a file, and files that hold nothing but tests.
fn non_test(file: &Path, text: &str) -> String {
    let name = file.file_name().unwrap().to_string_lossy();
    if name == "tests.rs" || name.ends_with("_tests.rs") {
        return String::new();
    }
    let cut = text.match_indices("#[cfg(test)]").map(|(i, _)| i).find(|&i| {
        let after = text[i + "#[cfg(test)]".len()..].trim_start();
        ["mod ", "pub mod ", "pub(crate) mod ", "#[path"].iter().any(|p| after.starts_with(p))
    });
    text[..cut.unwrap_or(text.len())].to_string()
}

/// The top-level modules named by `crate::NAME` paths and `use crate::{A, B::…}` groups.
fn used(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>();
    for (i, _) in text.match_indices("crate::") {
        let before = text[..i].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // e.g. `$crate::` or `infercast_crate::`
        }
        let rest = &text[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // Names at the group's first level: `{a, b::{c, d}, e}` → a, b, e.
            let (mut depth, mut start) = (0usize, true);
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && !c.is_whitespace() => {
                        start = false;
                        let name = ident(&group[j..]);
                        if !name.is_empty() {
                            out.insert(name);
                        }
                    }
                    _ => {}
                }
            }
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

/// Edges between top-level modules, each with the files that make it.
fn edges() -> BTreeMap<(String, String), BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut out: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for f in files {
        let me = owner(&src, &f);
        if me == "lib" || me == "main" {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        for m in used(&non_test(&f, &text)) {
            if m != me {
                let shown = f.strip_prefix(&src).unwrap().display().to_string();
                out.entry((me.clone(), m)).or_default().insert(shown);
            }
        }
    }
    out
}

#[test]
fn every_module_is_placed_in_a_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let unplaced: BTreeSet<String> =
        files.iter().map(|f| owner(&src, f)).filter(|m| m != "lib" && m != "main" && layer(m).is_none()).collect();
    assert!(unplaced.is_empty(), "place these modules in LAYERS (and docs/architecture.md): {unplaced:?}");
}

#[test]
fn no_module_uses_a_layer_above_its_own() {
    let against: Vec<String> = edges()
        .into_iter()
        .filter(|((a, b), _)| matches!((layer(a), layer(b)), (Some(x), Some(y)) if y > x))
        .map(|((a, b), files)| format!("{a} -> {b} ({})", files.into_iter().collect::<Vec<_>>().join(", ")))
        .collect();
    assert!(against.is_empty(), "imports against the direction of the layers:\n{}", against.join("\n"));
}

#[test]
fn modules_of_one_layer_form_no_cycle() {
    let edges = edges();
    let next = |a: &str| -> Vec<String> {
        edges.keys().filter(|(x, y)| x == a && layer(x) == layer(y)).map(|(_, y)| y.clone()).collect()
    };
    // Depth-first search from every module; a module met again on the current path closes a cycle.
    fn walk(u: &str, path: &mut Vec<String>, done: &mut BTreeSet<String>, next: &dyn Fn(&str) -> Vec<String>) {
        if let Some(i) = path.iter().position(|p| p == u) {
            panic!("module cycle: {} -> {u}", path[i..].join(" -> "));
        }
        if !done.insert(u.to_string()) {
            return;
        }
        path.push(u.to_string());
        for v in next(u) {
            walk(&v, path, done, next);
        }
        path.pop();
    }
    let mut done = BTreeSet::new();
    for m in LAYERS.iter().flat_map(|l| l.iter()) {
        walk(m, &mut Vec::new(), &mut done, &next);
    }
}

#[test]
fn the_reader_of_paths_finds_groups_and_skips_tests() {
    let text = "use crate::{a, b::{c, d}, e::F};\nfn f() { crate::g::h(); }\n#[cfg(test)]\nmod tests {\n    use crate::z;\n}\n";
    let got = used(&non_test(Path::new("x.rs"), text));
    assert_eq!(got, ["a", "b", "e", "g"].iter().map(|s| s.to_string()).collect());
    assert!(used(&non_test(Path::new("x_tests.rs"), text)).is_empty());
}
