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
}
