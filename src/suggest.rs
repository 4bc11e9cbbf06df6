//! "Did you mean …?" — the closest known names to a misspelt one.

/// Edit distance by characters where a swap of two neighbours counts as one edit
/// (optimal string alignment), so `tire` is one edit from `tier`.
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// Known names close to `wrong`, best first: within a third of the length in edits,
/// or sharing a prefix/containment (e.g. `sonnet` for `claude-3-sonnet`).
pub fn closest<'a>(wrong: &str, known: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let lw = wrong.to_lowercase();
    let known: Vec<&str> = known.into_iter().collect();
    // The same model's version-dated id comes before any other name, however close: Bedrock ids
    // carry a release date and version (`anthropic.claude-sonnet-4-5-20250929-v1:0`), and
    // people write the name without them.
    let dated: Vec<&str> = known.iter().copied().filter(|k| is_dated_version_of(&lw, &k.to_lowercase())).collect();
    if !dated.is_empty() {
        return dated;
    }
    let mut scored: Vec<(usize, &str)> = known
        .into_iter()
        .filter_map(|k| {
            let d = edit_distance(&lw, &k.to_lowercase());
            let limit = (lw.chars().count().max(k.chars().count()) / 3).max(1);
            let contains = lw.len() >= 3 && k.to_lowercase().contains(&lw);
            (d <= limit || contains).then_some((if contains { d.min(limit) } else { d }, k))
        })
        .collect();
    scored.sort();
    // Only the closest: `outptu_tokens` suggests `output_tokens`, not also `input_tokens`.
    let best = scored.first().map_or(0, |(d, _)| *d);
    scored.into_iter().filter(|(d, _)| *d == best).map(|(_, k)| k).collect()
}

/// `known` is `wrong` plus a release suffix only: `-YYYYMMDD`, `-vN` or `:N`, in that order,
/// each optional but at least one (`…-4-5` → `…-4-5-20250929-v1:0`, not `…-4-5-1-…`).
fn is_dated_version_of(wrong: &str, known: &str) -> bool {
    let Some(mut rest) = known.strip_prefix(wrong) else { return false };
    if rest.is_empty() || wrong.is_empty() {
        return false;
    }
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    if let Some(r) = rest.strip_prefix('-').filter(|r| digits(r) == 8) {
        rest = &r[8..];
    }
    if let Some(r) = rest.strip_prefix("-v").filter(|r| digits(r) > 0) {
        rest = &r[digits(r)..];
    }
    if let Some(r) = rest.strip_prefix(':').filter(|r| digits(r) > 0) {
        rest = &r[digits(r)..];
    }
    rest.is_empty()
}

/// "did you mean `x`?" or "did you mean `x` or `y`?", or a list of what exists.
pub fn did_you_mean<'a>(wrong: &str, known: impl IntoIterator<Item = &'a str> + Clone, what: &str) -> String {
    let close = closest(wrong, known.clone());
    match close.as_slice() {
        [one] => format!("did you mean `{one}`?"),
        [a, b, ..] => format!("did you mean `{a}` or `{b}`?"),
        [] => {
            let all: Vec<String> = known.into_iter().map(|k| format!("`{k}`")).collect();
            format!("{what}: {}", all.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_single_edits() {
        // outptu → output: one swap of neighbours; tire → tier likewise.
        assert_eq!(edit_distance("outptu_tokens", "output_tokens"), 1);
        assert_eq!(edit_distance("tire", "tier"), 1);
        assert_eq!(edit_distance("agnet", "agent"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("shre", "share"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn suggests_close_and_containing_names() {
        let known = ["claude-3-sonnet", "claude-3-haiku", "nova-pro"];
        assert_eq!(closest("claude-3-sonet", known), vec!["claude-3-sonnet"]);
        assert_eq!(closest("haiku", known), vec!["claude-3-haiku"]);
        assert!(closest("gpt-4", known).is_empty());
        assert_eq!(
            did_you_mean("gpt-4", known, "known models"),
            "known models: `claude-3-sonnet`, `claude-3-haiku`, `nova-pro`"
        );
    }

    #[test]
    fn the_same_models_dated_id_comes_first() {
        // `…-4-6` is one edit from `…-4-5` but another model; the dated id is the same model.
        let known = [
            "anthropic.claude-sonnet-4-6",
            "anthropic.claude-sonnet-4-5-20250929-v1:0",
            "anthropic.claude-sonnet-4-20250514-v1:0",
        ];
        assert_eq!(closest("anthropic.claude-sonnet-4-5", known), vec!["anthropic.claude-sonnet-4-5-20250929-v1:0"]);
        assert_eq!(closest("anthropic.claude-sonnet-4", known), vec!["anthropic.claude-sonnet-4-20250514-v1:0"]);
        assert_eq!(
            closest("anthropic.claude-sonnet-4-5-20250929-v1", known),
            vec!["anthropic.claude-sonnet-4-5-20250929-v1:0"]
        );
        // A longer model name is not a release suffix.
        assert!(!is_dated_version_of("claude-sonnet-4", "claude-sonnet-4-5"));
        assert!(!is_dated_version_of("x", "x"));
    }
}
