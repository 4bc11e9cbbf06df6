//! A loaded input file and the byte-span → line:column arithmetic every message needs.
use std::ops::Range;

/// One TOML file as read: the path shown to the user and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as the user gave it (or `pricing/NAME.toml` for the embedded catalog).
    pub path: String,
    /// The whole file.
    pub text: String,
    /// Byte offset at which each line starts: line 1 at index 0.
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Self { path: path.into(), text, line_starts }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let line_start = self.line_starts[line - 1];
        (line, self.text[line_start..offset].chars().count() + 1)
    }

    /// The text of 1-based line `line`, without its newline.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.wrapping_sub(1)) else { return "" };
        let end = self.line_starts.get(line).map_or(self.text.len(), |next| next - 1);
        self.text[start..end].trim_end_matches('\r')
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters() {
        let f = SourceFile::new("f.toml", "a = 1\r\nb = \"é\" x\n\nlast");
        // Line 2 starts at byte 7; `x` is at byte 7 + 9 (`b = "é" ` with é 2 bytes) = 16, column 9.
        assert_eq!(f.line_col(16), (2, 9));
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(999), (4, 5), "past the end: after the last character");
        assert_eq!(
            (f.line_text(1), f.line_text(2), f.line_text(3), f.line_text(4)),
            ("a = 1", "b = \"é\" x", "", "last")
        );
        assert_eq!((f.line_text(0), f.line_text(5)), ("", ""));
    }
}
