//! Outputs go to regular files only, and an input folder must hold something to read.
mod common;
use common::infercast;
use std::path::Path;

/// A fresh folder of this test's own.
fn folder(name: &str) -> common::TempPath {
    common::TempPath::fresh(&format!("output-paths-{name}"))
}

#[cfg(unix)]
fn fifo(path: &Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success());
}

#[cfg(unix)]
fn is_fifo(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::symlink_metadata(path).unwrap().file_type().is_fifo()
}

#[cfg(unix)]
#[test]
fn baseline_write_leaves_a_named_pipe_alone() {
    let dir = folder("baseline-fifo");
    let out = dir.join("baseline.json");
    fifo(&out);
    let run = infercast().args(["baseline", "write", "--out"]).arg(&out).output().unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(run.stderr).unwrap(),
        format!(
            "error: {}: cannot write this file: it is a named pipe (FIFO), not a regular file\n  = help: give the \
             path of a regular file, or of one that does not exist yet\n",
            out.display()
        )
    );
    assert!(is_fifo(&out), "still a named pipe");
}

#[cfg(unix)]
#[test]
fn report_leaves_a_named_pipe_in_its_folder_alone() {
    let dir = folder("report-fifo");
    std::fs::create_dir_all(dir.join("toy")).unwrap();
    let summary = dir.join("toy/summary.md");
    fifo(&summary);
    let run = infercast()
        .args(["--pricing", common::PRICING, "report", common::SCENARIO, "--out"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8(run.stderr).unwrap();
    assert!(err.contains("summary.md: cannot write this file: it is a named pipe (FIFO), not a regular file"), "{err}");
    assert!(is_fifo(&summary), "still a named pipe");
}

#[test]
fn a_folder_given_as_the_baseline_file_is_refused() {
    let dir = folder("baseline-folder");
    let run = infercast().args(["baseline", "write", "--out"]).arg(&dir).output().unwrap();
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8(run.stderr).unwrap();
    assert!(err.contains(": cannot write this file: it is a folder, not a regular file"), "{err}");
}

#[test]
fn an_empty_folder_is_an_error_not_an_empty_success() {
    let dir = folder("empty");
    for command in ["estimate", "validate", "report"] {
        let run = infercast().arg(command).arg(&dir).output().unwrap();
        assert_eq!(run.status.code(), Some(2), "{command}");
        assert!(run.stdout.is_empty(), "{command}");
        assert_eq!(
            String::from_utf8(run.stderr).unwrap(),
            format!(
                "error: {}: this folder has no *.toml file\n  = help: give a folder that holds scenario files, or the \
                 files themselves\n",
                dir.display()
            ),
            "{command}"
        );
    }
}

#[cfg(unix)]
#[test]
fn report_out_on_a_named_pipe_is_refused() {
    let dir = folder("report-out-fifo");
    let out = dir.join("out");
    fifo(&out);
    let run = infercast()
        .args(["--pricing", common::PRICING, "report", common::SCENARIO, "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(run.stderr).unwrap(),
        format!(
            "error: {}: cannot write a report here: it is a named pipe (FIFO), not a folder\n  = help: give --out a \
             folder, or the path of one that does not exist yet\n",
            out.display()
        )
    );
    assert!(is_fifo(&out));
}
