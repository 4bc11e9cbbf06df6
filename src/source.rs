//! A loaded input file and the byte-span → line:column arithmetic every message needs.
use std::ops::Range;

/// One TOML file as read: the path shown to the user and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as the user gave it (or `pricing/NAME.toml` for the embedded catalog).
    pub path: String,
    /// The whole file.
    pub text: String,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        Self { path: path.into(), text: text.into() }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[line_start..].chars().count() + 1)
    }

    /// The text of 1-based line `line`, without its newline.
    pub fn line_text(&self, line: usize) -> &str {
        self.text.lines().nth(line - 1).unwrap_or("").trim_end_matches('\r')
    }

    /// The table a span sits in, from the nearest header line above it:
    /// `[traffic]`, `[[workload]] #2`, `[workload.agent]` (of workload #2).
    pub fn table_at(&self, offset: usize) -> Option<String> {
        let offset = offset.min(self.text.len());
        let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
        let mut current: Option<String> = None;
        let mut pos = 0;
        for line in self.text.split_inclusive('\n') {
            if pos > offset {
                break;
            }
            let t = line.trim();
            if let Some(name) = t.strip_prefix("[[").and_then(|r| r.split("]]").next()) {
                let name = name.trim().to_string();
                let n = counts.entry(name.clone()).or_default();
                *n += 1;
                current = Some(format!("[[{name}]] #{n}"));
            } else if let Some(name) = t.strip_prefix('[').and_then(|r| r.split(']').next()) {
                let name = name.trim().to_string();
                let parent = name.rsplit_once('.').map(|(p, _)| p.to_string());
                current = Some(match parent.and_then(|p| counts.get(&p).map(|n| (p, *n))) {
                    Some((p, n)) => format!("[{name}] of [[{p}]] #{n}"),
                    None => format!("[{name}]"),
                });
            }
            pos += line.len();
        }
        current
    }
}

/// A byte range in a [`SourceFile`].
pub type Span = Range<usize>;
