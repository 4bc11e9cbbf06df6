//! One example per failure class: shrunk, saved for replay and described for the person fixing it.
use super::cases::Case;
use super::check::cut;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

/// The first case that broke a property, and how many did.
pub struct Example {
    pub index: u64,
    pub case: Case,
    pub detail: String,
    pub command: String,
    pub count: usize,
}

impl Example {
    pub fn new(index: u64, case: &Case, detail: String, command: &str) -> Self {
        Self { index, case: case.clone(), detail, command: command.to_string(), count: 0 }
    }
}

/// Shrinks, saves and describes every class; the text of the test's failure. The examples are
/// saved in a new folder of their own that outlives the test, for the person fixing them.
pub fn all(name: &str, cfg: &crate::Config, root: &Path, classes: &mut BTreeMap<String, Example>, runs: u64) -> String {
    let saved = tempfile::Builder::new()
        .prefix(&format!("fuzz-failures-{name}-"))
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .expect("creating the failure folder")
        .keep();
    let mut text = format!(
        "{} failure classes (seed {:#x}; replay one case with INFERCAST_FUZZ_SEED={:#x} INFERCAST_FUZZ_CASE=I \
         cargo test --test fuzz)\n",
        classes.len(),
        cfg.seed,
        cfg.seed
    );
    for (k, (class, ex)) in classes.iter_mut().enumerate() {
        let before = ex.case.files[0].1.clone();
        let shrunk = shrink(&ex.case, class, root, runs);
        let dir = saved.join(k.to_string());
        std::fs::create_dir_all(&dir).expect("creating the failure folder");
        let name = ex.case.files[0].0.file_name().expect("a file name").to_owned();
        std::fs::write(dir.join(&name), &shrunk).expect("saving the failing input");
        std::fs::write(dir.join("command.txt"), format!("{}\n", ex.command)).expect("saving the command");
        let _ = writeln!(text, "\n=== {class}: {} case(s), first case {}", ex.count, ex.index);
        let _ = writeln!(text, "seed file: {}; mutations: {}", ex.case.seed_path, ex.case.what.join("; "));
        let _ = writeln!(text, "command: {}", ex.command);
        let _ = writeln!(text, "what happened:\n{}", indent(&ex.detail));
        if shrunk.len() < before.len() && shrunk.len() <= 3_000 {
            let _ = writeln!(text, "input, shrunk to {} bytes:\n{}", shrunk.len(), indent(&show(&shrunk)));
        } else {
            let _ = writeln!(text, "change to the seed file:\n{}", indent(&diff(&ex.case.seed_text, &before)));
        }
        let _ = writeln!(text, "saved in {}", dir.display());
    }
    text
}

/// Removes chunks of lines, then halves long lines, while the case still fails with `class`,
/// running the binary at most `runs` times.
fn shrink(case: &Case, class: &str, root: &Path, runs: u64) -> Vec<u8> {
    let left = std::cell::Cell::new(runs);
    let still_fails = |lines: &[Vec<u8>]| {
        let mut c = case.clone();
        c.files[0].1 = lines.join(&b'\n');
        left.get() > 0 && {
            left.set(left.get() - 1);
            crate::execute(&c, root).0.iter().any(|f| f.class == class)
        }
    };
    let mut lines: Vec<Vec<u8>> = case.files[0].1.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
    let mut chunk = lines.len().div_ceil(2);
    while chunk >= 1 && left.get() > 0 {
        let mut i = 0;
        while i < lines.len() {
            let mut candidate = lines.clone();
            candidate.drain(i..(i + chunk).min(lines.len()));
            if still_fails(&candidate) { lines = candidate } else { i += chunk }
        }
        chunk /= 2;
    }
    for i in 0..lines.len() {
        while lines[i].len() > 200 {
            let mut candidate = lines.clone();
            candidate[i].truncate(lines[i].len() / 2);
            if !still_fails(&candidate) {
                break;
            }
            lines = candidate;
        }
    }
    lines.join(&b'\n')
}

/// Bytes as text, invalid UTF-8 as `\xNN`, long lines cut.
fn show(bytes: &[u8]) -> String {
    let mut s = String::new();
    for chunk in bytes.utf8_chunks() {
        s.push_str(chunk.valid());
        for b in chunk.invalid() {
            let _ = write!(s, "\\x{b:02x}");
        }
    }
    s.lines().map(|l| cut(l, 200)).collect::<Vec<_>>().join("\n")
}

/// The lines that differ between `old` and `new`, after their common start and end.
fn diff(old: &[u8], new: &[u8]) -> String {
    let (a, b) = (show(old), show(new));
    let (a, b): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..].iter().rev().zip(b[head..].iter().rev()).take_while(|(x, y)| x == y).count();
    let mut out = String::new();
    if a.len() == b.len() {
        // Same number of lines: only the lines that changed.
        for (n, (x, y)) in a.iter().zip(&b).enumerate().filter(|(_, (x, y))| x != y).take(12) {
            let _ = write!(out, "line {}:\n- {x}\n+ {y}\n", n + 1);
        }
        return out;
    }
    let _ = write!(out, "@@ from line {}", head + 1);
    for l in a[head..a.len() - tail].iter().take(12) {
        let _ = write!(out, "\n- {l}");
    }
    for l in b[head..b.len() - tail].iter().take(12) {
        let _ = write!(out, "\n+ {l}");
    }
    out
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}")).collect::<Vec<_>>().join("\n")
}
