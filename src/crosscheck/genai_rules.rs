//! genai-prices `match` rules: which model ids an entry prices. Case-insensitive, as
//! genai-prices matches; a rule infercast does not implement answers "cannot tell", never a guess.
use yaml_serde::Value;

/// A `match` rule as read.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    Equals(String),
    StartsWith(String),
    EndsWith(String),
    Contains(String),
    Or(Vec<Rule>),
    And(Vec<Rule>),
    /// A rule infercast does not implement (`regex`, or a shape it does not know), by name.
    Unsupported(String),
}

/// The answer of a rule for one id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    Yes,
    No,
    /// An unsupported rule decides it.
    Unknown,
}

impl Rule {
    /// Reads a `match:` value; anything not understood becomes [`Rule::Unsupported`].
    pub fn read(v: &Value) -> Rule {
        let Some(m) = v.as_mapping().filter(|m| m.len() == 1) else {
            return Rule::Unsupported("a rule that is not a one-key mapping".into());
        };
        let Some((key, arg)) = m.iter().next() else { return Rule::Unsupported("an empty rule".into()) };
        let key = key.as_str().unwrap_or("");
        let text = || arg.as_str().map(str::to_lowercase);
        let list = || arg.as_sequence().map(|s| s.iter().map(Rule::read).collect::<Vec<_>>());
        let rule = match key {
            "equals" => text().map(Rule::Equals),
            "starts_with" => text().map(Rule::StartsWith),
            "ends_with" => text().map(Rule::EndsWith),
            "contains" => text().map(Rule::Contains),
            "or" => list().map(Rule::Or),
            "and" => list().map(Rule::And),
            _ => None,
        };
        rule.unwrap_or_else(|| Rule::Unsupported(format!("`{key}`")))
    }

    /// Whether this rule matches `id`.
    pub fn matches(&self, id: &str) -> Match {
        let id = id.to_lowercase();
        self.eval(&id)
    }

    fn eval(&self, id: &str) -> Match {
        let yes = |b: bool| if b { Match::Yes } else { Match::No };
        match self {
            Rule::Equals(s) => yes(id == s),
            Rule::StartsWith(s) => yes(id.starts_with(s.as_str())),
            Rule::EndsWith(s) => yes(id.ends_with(s.as_str())),
            Rule::Contains(s) => yes(id.contains(s.as_str())),
            // Any yes decides an `or`, any no an `and`; otherwise an unknown part leaves it unknown.
            Rule::Or(rules) => fold(rules, id, Match::Yes, Match::No),
            Rule::And(rules) => fold(rules, id, Match::No, Match::Yes),
            Rule::Unsupported(_) => Match::Unknown,
        }
    }

    /// The first unsupported part, by name, for a "not compared" reason.
    pub fn unsupported(&self) -> Option<&str> {
        match self {
            Rule::Unsupported(name) => Some(name),
            Rule::Or(rules) | Rule::And(rules) => rules.iter().find_map(Rule::unsupported),
            Rule::Equals(_) | Rule::StartsWith(_) | Rule::EndsWith(_) | Rule::Contains(_) => None,
        }
    }
}

/// `decisive` if any part says so; else `Unknown` if any part is; else `otherwise`.
fn fold(rules: &[Rule], id: &str, decisive: Match, otherwise: Match) -> Match {
    let answers: Vec<Match> = rules.iter().map(|r| r.eval(id)).collect();
    if answers.contains(&decisive) {
        decisive
    } else if answers.contains(&Match::Unknown) {
        Match::Unknown
    } else {
        otherwise
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(yaml: &str) -> Rule {
        Rule::read(&yaml_serde::from_str(yaml).unwrap())
    }

    #[test]
    fn each_rule_kind_matches_case_insensitively() {
        let cases = [
            ("contains: claude-3-haiku", "us.anthropic.Claude-3-Haiku-20240307-v1:0", Match::Yes),
            ("starts_with: anthropic.claude", "us.anthropic.claude-x", Match::No),
            ("ends_with: v1:0", "meta.x-v1:0", Match::Yes),
            ("equals: openai.gpt-5.4", "OpenAI.GPT-5.4", Match::Yes),
            ("equals: openai.gpt-5.4", "openai.gpt-5.4-mini", Match::No),
            ("or: [{starts_with: a.}, {contains: us.a.}]", "us.a.x", Match::Yes),
            ("and: [{starts_with: a.}, {ends_with: x}]", "a.y", Match::No),
        ];
        for (yaml, id, expected) in cases {
            assert_eq!(rule(yaml).matches(id), expected, "{yaml} on {id}");
        }
    }

    #[test]
    fn an_unsupported_rule_cannot_tell_unless_another_part_decides() {
        assert_eq!(rule("regex: '^a'").matches("a"), Match::Unknown);
        assert_eq!(rule("or: [{regex: '^a'}, {contains: b}]").matches("b"), Match::Yes);
        assert_eq!(rule("or: [{regex: '^a'}, {contains: b}]").matches("c"), Match::Unknown);
        assert_eq!(rule("and: [{regex: '^a'}, {contains: b}]").matches("c"), Match::No);
        assert_eq!(rule("or: [{regex: '^a'}]").unsupported(), Some("`regex`"));
        assert_eq!(rule("contains: 3").unsupported(), Some("`contains`"));
    }
}
