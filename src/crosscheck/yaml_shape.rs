//! Cheap checks of a YAML text before the YAML parser sees it, and places in it for messages
//! the parsed value cannot locate (the parsed value carries no positions).
use crate::source::{SourceFile, Span};

/// Flow collections (`[…]`, `{…}`) nested deeper than this are refused before parsing.
/// genai-prices nests three or four levels; the parser's scanner re-checks every open level at
/// every token, so 50,000 open brackets (100 KB) cost it seconds, and its own limit of 128
/// comes only after that scan.
pub const MAX_FLOW_DEPTH: usize = 64;

/// The byte offset of the first bracket that opens a flow collection deeper than
/// [`MAX_FLOW_DEPTH`], ignoring brackets in quoted strings and comments. One pass, linear.
pub fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut comment = false;
    let mut prev = '\n';
    for (at, c) in text.char_indices() {
        match (quote, comment, c) {
            (_, true, '\n') => comment = false,
            (_, true, _) => {}
            (Some(q), _, c) if c == q => quote = None,
            (Some(_), _, _) => {}
            (None, _, '#') if prev.is_whitespace() => comment = true,
            (None, _, '"' | '\'') if depth > 0 || prev.is_whitespace() || prev == ':' => quote = Some(c),
            (None, _, '[' | '{') => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some(at);
                }
            }
            (None, _, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        prev = c;
    }
    None
}

/// Where the `n`-th (0-based) item of the block sequence under `key:` at the top level
/// begins, when the file writes it as a block list (`- id: …` lines); `None` otherwise.
pub fn block_item(file: &SourceFile, key: &str, n: usize) -> Option<Span> {
    let mut offset = 0;
    let mut lines = file.text.split_inclusive('\n').map(|l| {
        let start = offset;
        offset += l.len();
        (start, l)
    });
    lines.by_ref().find(|(_, l)| l.trim_end() == format!("{key}:"))?;
    let mut indent = None;
    let mut seen = 0;
    for (start, line) in lines {
        let body = line.trim_start_matches(' ');
        let width = line.len() - body.len();
        if body.trim().is_empty() || body.starts_with('#') {
            continue;
        }
        if width == 0 && !body.starts_with('-') {
            return None;
        }
        let item = body.starts_with("- ") || body.trim_end() == "-";
        if item && *indent.get_or_insert(width) == width {
            if seen == n {
                return Some(start + width..start + width + 1);
            }
            seen += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_counted_outside_strings_and_comments() {
        let deep = format!("models: {}{}", "[".repeat(MAX_FLOW_DEPTH + 1), "]".repeat(MAX_FLOW_DEPTH + 1));
        // "models: " is 8 bytes; the 65th bracket is byte 8 + 64.
        assert_eq!(too_deep(&deep), Some(8 + MAX_FLOW_DEPTH));
        let fine = format!("a: [{}]\nb: '{}' # {}\n", "[]".repeat(1_000), "[".repeat(100), "{".repeat(100));
        assert_eq!(too_deep(&fine), None);
    }

    #[test]
    fn deep_nesting_is_found_in_linear_time() {
        // 10 MB of brackets: one pass, no rescans.
        let text = format!("x: {}", "[".repeat(10_000_000));
        assert_eq!(too_deep(&text), Some(3 + MAX_FLOW_DEPTH));
        assert_eq!(too_deep(&"]".repeat(10_000_000)), None);
    }

    #[test]
    fn block_items_are_found_by_their_dash() {
        let f = SourceFile::new("a.yml", "name: aws\nmodels:\n  - id: a\n    match: x\n\n  - id: b\n");
        // Line 3 starts at byte 18 ("name: aws\n" 10 + "models:\n" 8); its dash 2 further.
        assert_eq!(block_item(&f, "models", 0), Some(20..21));
        assert_eq!(block_item(&f, "models", 1).map(|s| f.line_col(s.start)), Some((6, 3)));
        assert_eq!(block_item(&f, "models", 2), None);
    }
}
