//! A fresh folder of its own for each test, under Cargo's scratch space for tests.
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tempfile::TempDir;

/// A fresh, empty folder of its own for one test, under Cargo's scratch space for tests;
/// `name` only prefixes it, so tests running at the same time never share a folder. It is
/// removed when the returned value is dropped: keep it alive while the folder is used.
pub fn scratch(name: &str) -> TempDir {
    tempfile::Builder::new()
        .prefix(&format!("{name}-"))
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .expect("creating a temporary folder")
}

/// A path inside a temporary folder that keeps the folder alive: the folder goes when the last
/// path into it is dropped. It reads as a `&Path` wherever one is expected.
#[derive(Clone, Debug)]
pub struct TempPath {
    path: PathBuf,
    _dir: Arc<TempDir>,
}

impl TempPath {
    /// A fresh folder of its own (see `scratch`).
    pub fn fresh(name: &str) -> Self {
        let dir = scratch(name);
        Self { path: dir.path().to_path_buf(), _dir: Arc::new(dir) }
    }

    /// `rel` inside this path, keeping the same folder alive.
    pub fn join(&self, rel: impl AsRef<Path>) -> Self {
        Self { path: self.path.join(rel), _dir: Arc::clone(&self._dir) }
    }
}

impl std::ops::Deref for TempPath {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.path
    }
}

impl AsRef<Path> for TempPath {
    fn as_ref(&self) -> &Path {
        &self.path
    }
}

impl AsRef<OsStr> for TempPath {
    fn as_ref(&self) -> &OsStr {
        self.path.as_os_str()
    }
}
