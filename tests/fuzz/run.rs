//! Runs the binary with bounded capture, and lists folders to spot stray writes.
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Bytes of stdout and stderr kept per run; the rest is counted, not stored.
const KEEP: usize = 1 << 20;

/// How one run of the binary ended.
pub struct Outcome {
    /// Exit code, when the process exited by itself.
    pub code: Option<i32>,
    /// The signal that ended it, when one did.
    pub signal: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// Total bytes written to stderr, also past `KEEP`.
    pub stderr_len: usize,
}

fn drain(mut r: impl Read + Send + 'static) -> std::thread::JoinHandle<(Vec<u8>, usize)> {
    std::thread::spawn(move || {
        let (mut kept, mut total, mut buf) = (Vec::new(), 0, [0u8; 65536]);
        while let Ok(n) = r.read(&mut buf) {
            if n == 0 {
                break;
            }
            total += n;
            let room = KEEP.saturating_sub(kept.len()).min(n);
            kept.extend_from_slice(&buf[..room]);
        }
        (kept, total)
    })
}

/// Runs `bin args…` in `cwd` to its end.
pub fn run(bin: &Path, args: &[String], cwd: &Path) -> Outcome {
    let mut child = Command::new(bin)
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the infercast binary starts");
    let out = drain(child.stdout.take().expect("piped stdout"));
    let err = drain(child.stderr.take().expect("piped stderr"));
    let status = child.wait().expect("waiting for the child");
    let (stdout, _) = out.join().expect("stdout reader");
    let (stderr, stderr_len) = err.join().expect("stderr reader");
    Outcome { code: status.code(), signal: signal_of(&status), stdout, stderr, stderr_len }
}

#[cfg(unix)]
fn signal_of(status: &std::process::ExitStatus) -> Option<i32> {
    std::os::unix::process::ExitStatusExt::signal(status)
}

#[cfg(not(unix))]
fn signal_of(_: &std::process::ExitStatus) -> Option<i32> {
    None
}

/// Every entry under `dir` (symlinks not followed) with what identifies its content.
pub fn listing(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            let Ok(m) = std::fs::symlink_metadata(&p) else { continue };
            let id = if m.file_type().is_symlink() {
                format!("link -> {}", std::fs::read_link(&p).map(|t| t.display().to_string()).unwrap_or_default())
            } else if m.is_dir() {
                stack.push(p.clone());
                "dir".to_string()
            } else {
                format!("file {} bytes, modified {:?}", m.len(), m.modified().ok())
            };
            out.insert(p, id);
        }
    }
    out
}

/// Paths created, changed or removed between two listings and not under `allowed`.
pub fn stray_changes(
    before: &BTreeMap<PathBuf, String>,
    after: &BTreeMap<PathBuf, String>,
    allowed: &Path,
) -> Vec<String> {
    let mut out = Vec::new();
    for (p, id) in after {
        if before.get(p) != Some(id) && !p.starts_with(allowed) {
            out.push(format!("{} ({})", p.display(), if before.contains_key(p) { "changed" } else { "created" }));
        }
    }
    for p in before.keys() {
        if !after.contains_key(p) && !p.starts_with(allowed) {
            out.push(format!("{} (removed)", p.display()));
        }
    }
    out
}
