//! The README shows what the binary prints. Convention: a ```console block whose first line is
//! `$ infercast ARGS…` is followed by the exact output of that command (stdout, then stderr), run
//! with the built-in catalog in a fresh working folder that holds copies of the repository files
//! its arguments name (so a command that writes, like `report`, writes there). Arguments are split
//! at spaces: no quotes, no globs.
//!
//! After an intended change of output, rewrite the blocks from the binary's current output with
//! `INFERCAST_BLESS_README=1 cargo test --test readme`, then review `git diff README.md`: the blocks
//! document layout; the figures in them are derived by the other tests.
mod common;

use std::path::{Path, PathBuf};

const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
const BLESS: &str = "INFERCAST_BLESS_README";

/// One ```console block: the command after `$ `, the output shown, and where it sits.
struct Block {
    /// 1-based line of the `$ infercast …` line.
    line: usize,
    command: String,
    expected: String,
    /// Lines of the output shown: from the line after the command to the closing fence.
    body: std::ops::Range<usize>,
}

/// Every fenced block of `text` as (opening line index, info string, body line range).
fn fences(text: &str) -> Vec<(usize, String, std::ops::Range<usize>)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if let Some(info) = lines[i].strip_prefix("```") {
            let close = (i + 1..lines.len()).find(|&j| lines[j] == "```").unwrap_or_else(|| {
                panic!("README.md:{}: the block opened here is never closed", i + 1);
            });
            out.push((i, info.trim().to_string(), i + 1..close));
            i = close;
        }
        i += 1;
    }
    out
}

/// The command blocks, checking the convention: any block that starts with `$ ` is a console
/// block of an `infercast` command.
fn blocks(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (open, info, body) in fences(text) {
        let first = lines.get(body.start).filter(|_| !body.is_empty()).copied().unwrap_or("");
        let shown = first.starts_with("$ ");
        if info == "console" || shown {
            let command = first.strip_prefix("$ infercast ").unwrap_or_else(|| {
                panic!(
                    "README.md:{}: a ```console block (and only one) starts with `$ infercast ARGS…`; found \
                     ```{info} starting `{first}`",
                    open + 1
                )
            });
            assert_eq!(info, "console", "README.md:{}: a command with its output is a ```console block", open + 1);
            let output = body.start + 1..body.end;
            let expected: String = lines[output.clone()].iter().map(|l| format!("{l}\n")).collect();
            out.push(Block { line: body.start + 1, command: command.to_string(), expected, body: output });
        }
    }
    out
}

/// Copies the repository files and folders that `args` name into `cwd`, at the same relative paths.
fn copy_inputs(args: &[&str], cwd: &Path) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for arg in args {
        assert!(!arg.contains(['*', '?', '"', '\'']), "`{arg}`: no globs or quotes in a README command");
        let from = repo.join(arg);
        if !arg.starts_with('-') && !Path::new(arg).is_absolute() && from.exists() {
            copy(&from, &cwd.join(arg));
        }
    }
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to.parent().expect("a parent folder")).unwrap();
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            copy(&e.path(), &to.join(e.file_name()));
        }
    } else {
        std::fs::copy(from, to).unwrap();
    }
}

/// What a terminal shows for `infercast command`: stdout, then stderr.
fn run(command: &str) -> String {
    let args: Vec<&str> = command.split(' ').filter(|a| !a.is_empty()).collect();
    let cwd = common::TempPath::fresh("readme");
    copy_inputs(&args, &cwd);
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin!("infercast"))
        .args(&args)
        .current_dir(&cwd)
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0..=3)),
        "`infercast {command}` ended with {:?}:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let mut shown = String::from_utf8(out.stdout).unwrap();
    shown.push_str(&String::from_utf8(out.stderr).unwrap());
    if !shown.ends_with('\n') {
        shown.push('\n');
    }
    shown
}

/// A unified diff of the lines, README first.
fn diff(expected: &str, actual: &str) -> String {
    let diff = similar::TextDiff::from_lines(expected, actual);
    diff.unified_diff().context_radius(2).header("README.md", "infercast").to_string()
}

/// `text` with each block's output replaced by `outputs` (in order).
fn blessed(text: &str, blocks: &[Block], outputs: &[String]) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    let mut at = 0;
    for (block, output) in blocks.iter().zip(outputs) {
        lines[at..block.body.start].iter().for_each(|l| out.push_str(&format!("{l}\n")));
        out.push_str(output);
        at = block.body.end;
    }
    lines[at..].iter().for_each(|l| out.push_str(&format!("{l}\n")));
    out
}

#[test]
fn every_command_block_shows_what_the_binary_prints() {
    let text = std::fs::read_to_string(README).unwrap();
    let blocks = blocks(&text);
    assert!(!blocks.is_empty(), "README.md has no ```console block of an infercast command");
    let outputs: Vec<String> = blocks.iter().map(|b| run(&b.command)).collect();
    if std::env::var_os(BLESS).is_some() {
        std::fs::write(README, blessed(&text, &blocks, &outputs)).unwrap();
        eprintln!("{BLESS}: rewrote the output of {} blocks in README.md; review `git diff README.md`", blocks.len());
        return;
    }
    let failures: Vec<String> = blocks
        .iter()
        .zip(&outputs)
        .filter(|(b, actual)| b.expected != **actual)
        .map(|(b, actual)| format!("README.md:{}: `infercast {}`\n{}", b.line, b.command, diff(&b.expected, actual)))
        .collect();
    assert!(
        failures.is_empty(),
        "{} README block(s) differ from the binary's output (after an intended change: {BLESS}=1 cargo test \
         --test readme, then review the diff):\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_readme_starts_with_the_two_commands_a_newcomer_needs() {
    let text = std::fs::read_to_string(README).unwrap();
    let (_, info, body) = fences(&text).into_iter().next().expect("a code block");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(info, "sh");
    let scenario = lines[body.start].strip_prefix("cargo run -- estimate ").expect("the main job first");
    assert!(Path::new(env!("CARGO_MANIFEST_DIR")).join(scenario).is_file(), "{scenario} is bundled");
    assert_eq!(lines[body.start + 1..body.end], ["cargo test"]);
}

/// Repository paths the README names in backquotes (`src/run/`, `tests/fuzz.rs`, …).
fn named_paths(text: &str) -> Vec<String> {
    const ROOTS: &[&str] = &["src/", "tests/", "docs/", "scenarios/", "pricing/", "benches/", "assets/", ".ci/"];
    // Outside the code blocks, whose backquotes are not inline code.
    let lines: Vec<&str> = text.lines().collect();
    let fenced: Vec<usize> = fences(text).into_iter().flat_map(|(open, _, body)| open..=body.end).collect();
    let prose: Vec<&str> = (0..lines.len()).filter(|i| !fenced.contains(i)).map(|i| lines[i]).collect();
    let prose = prose.join("\n");
    let quoted = prose.split('`').skip(1).step_by(2);
    let path_like = |s: &&str| ROOTS.iter().any(|r| s.starts_with(r)) && !s.contains([' ', '*', '<', '…', '|']);
    quoted.filter(path_like).map(|s| s.to_string()).collect()
}

/// Relative link targets of the README's Markdown links (`[text](docs/model.md#tokens)`).
fn link_targets(text: &str) -> Vec<String> {
    let targets = text.split("](").skip(1).filter_map(|rest| rest.split_once(')').map(|(t, _)| t));
    targets.filter(|t| !t.contains("://") && !t.contains(' ')).map(|t| t.to_string()).collect()
}

/// GitHub's anchor of a heading: lower case, spaces to `-`, other punctuation dropped.
fn anchor(heading: &str) -> String {
    let kept = heading.trim().chars().filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_' || *c == ' ');
    kept.map(|c| if c == ' ' { '-' } else { c.to_ascii_lowercase() }).collect()
}

/// Why `path` (with an optional `#anchor`) does not resolve in the repository, if it does not.
fn unresolved(repo: &Path, path: &str) -> Option<String> {
    let (file, fragment) = path.split_once('#').unwrap_or((path, ""));
    let full = repo.join(file);
    if !full.exists() {
        return Some(format!("{path}: no such file or folder"));
    }
    if fragment.is_empty() {
        return None;
    }
    let text = std::fs::read_to_string(&full).ok()?;
    let headings = text.lines().filter_map(|l| l.strip_prefix('#')).map(|h| anchor(h.trim_start_matches('#')));
    let found = headings.collect::<Vec<_>>().contains(&fragment.to_string());
    (!found).then(|| format!("{path}: {file} has no heading with the anchor #{fragment}"))
}

#[test]
fn every_repository_path_and_link_the_readme_names_exists() {
    let text = std::fs::read_to_string(README).unwrap();
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let paths = named_paths(&text);
    assert!(paths.iter().any(|p| p == "tests/fuzz.rs"), "{paths:?}");
    let links = link_targets(&text);
    assert!(links.iter().any(|p| p == "docs/model.md#services"), "{links:?}");
    let missing: Vec<String> = paths.iter().chain(&links).filter_map(|p| unresolved(&repo, p)).collect();
    assert!(missing.is_empty(), "README.md names paths that do not resolve:\n{}", missing.join("\n"));
}

#[test]
fn a_changed_output_is_reported_as_a_diff_and_blessing_rewrites_only_the_block() {
    let text = "intro\n```console\n$ infercast models\nold line\nkept\n```\nafter\n";
    let blocks = blocks(text);
    assert_eq!(blocks.len(), 1);
    assert_eq!(
        (blocks[0].line, blocks[0].command.as_str(), blocks[0].expected.as_str()),
        (3, "models", "old line\nkept\n")
    );
    let shown = diff(&blocks[0].expected, "new line\nkept\n");
    assert!(shown.contains("-old line\n+new line\n kept\n"), "{shown}");
    let new = blessed(text, &blocks, &["new line\nkept\n".to_string()]);
    assert_eq!(new, "intro\n```console\n$ infercast models\nnew line\nkept\n```\nafter\n");
}

#[test]
#[should_panic(expected = "starts with `$ infercast ARGS…`")]
fn a_block_showing_another_command_breaks_the_convention() {
    blocks("```text\n$ cargo run -q -- estimate x.toml\nout\n```\n");
}
