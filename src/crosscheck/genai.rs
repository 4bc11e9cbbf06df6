//! genai-prices' provider file (`prices/providers/aws.yml`): `models:` entries, each a `match`
//! rule and `prices` in USD per million tokens; the first entry whose rule matches an id prices it.
use super::genai_rules::{Match, Rule};
use super::{Figure, Lookup, MapSummary, PriceMap, Prices, Scope, base_id, span_at};
use crate::error::Diagnostic;
use crate::source::SourceFile;
use yaml_serde::Value;

/// Where the file comes from, for the help of every format error.
pub const URL: &str = "https://raw.githubusercontent.com/pydantic/genai-prices/main/prices/providers/aws.yml";

/// The fields read, and the figure each one is (genai-prices has no 1-hour cache writes).
const FIELDS: [(&str, Figure); 4] = [
    ("input_mtok", Figure::Input),
    ("output_mtok", Figure::Output),
    ("cache_write_mtok", Figure::CacheWrite),
    ("cache_read_mtok", Figure::CacheRead),
];

/// An entry's prices, as far as infercast reads them.
#[derive(Debug, Clone, PartialEq)]
enum Priced {
    /// One price per figure (a tiered price by its `base`, the price below the first tier).
    Fixed(Prices),
    /// A form infercast does not compare; the reason says which.
    NotCompared(String),
}

#[derive(Debug, Clone, PartialEq)]
struct Model {
    id: String,
    rule: Rule,
    prices: Priced,
    /// Priced for text input and output.
    text: bool,
}

/// The models of a genai-prices provider file, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct GenaiPrices {
    file: String,
    models: Vec<Model>,
}

/// The format error: `what` is the specific problem, located when the parser gave a place.
fn not_genai(file: &SourceFile, what: &str, at: Option<crate::source::Span>) -> Diagnostic {
    let message = format!("not a genai-prices provider file: {what}");
    let d = match at {
        Some(span) => Diagnostic::at(file, &span, message),
        None => Diagnostic::file(&file.path, message),
    };
    d.help(format!("download prices/providers/aws.yml: {URL}"))
}

const EXPECTED: &str = "expected YAML with a `models:` list of entries with `id`, `match` and `prices`";

impl GenaiPrices {
    /// Reads the file; a file of another shape is one located error with the fix.
    pub fn parse(file: &SourceFile) -> Result<GenaiPrices, Diagnostic> {
        if let Some(at) = super::yaml_shape::too_deep(&file.text) {
            let what = format!("brackets nested more than {} deep here", super::yaml_shape::MAX_FLOW_DEPTH);
            return Err(not_genai(file, &what, Some(at..at + 1)));
        }
        let value: Value = yaml_serde::from_str(&file.text).map_err(|e| {
            let at = e.location().map(|l| span_at(file, l.line(), l.column()));
            not_genai(file, &format!("not valid YAML here; {EXPECTED}"), at)
        })?;
        let Some(entries) = value.get("models").and_then(Value::as_sequence) else {
            // Where a `models:` list would begin.
            return Err(not_genai(file, EXPECTED, Some(0..0)));
        };
        let mut models = Vec::new();
        for (n, e) in entries.iter().enumerate() {
            let at = super::yaml_shape::block_item(file, "models", n);
            let lacks = |key: &str| not_genai(file, &format!("`models` entry #{} has no `{key}`", n + 1), at.clone());
            let id = e.get("id").and_then(Value::as_str).ok_or_else(|| lacks("id"))?;
            let rule = e.get("match").map(Rule::read).ok_or_else(|| lacks("match"))?;
            let prices = e.get("prices").ok_or_else(|| lacks("prices"))?;
            models.push(Model { id: id.to_string(), rule, prices: priced(prices), text: is_text(prices) });
        }
        Ok(GenaiPrices { file: file.path.clone(), models })
    }

    /// The first model whose rule matches `id`; `Err` with the reason when an unsupported rule
    /// comes first and might have matched.
    fn first(&self, id: &str) -> Result<Option<&Model>, String> {
        for m in &self.models {
            match m.rule.matches(id) {
                Match::Yes => return Ok(Some(m)),
                Match::No => {}
                Match::Unknown => {
                    let rule = m.rule.unsupported().unwrap_or("a rule");
                    return Err(format!("the match rule of `{}` uses {rule}, which infercast does not read", m.id));
                }
            }
        }
        Ok(None)
    }
}

/// A `prices:` value read into figures.
fn priced(v: &Value) -> Priced {
    if v.is_sequence() {
        return Priced::NotCompared("its prices change with the date (conditional prices)".into());
    }
    let mut prices = Prices::new();
    for (field, figure) in FIELDS {
        let Some(x) = v.get(field) else { continue };
        // A tiered price (`base` and `tiers`) compares by its base: the price below every tier.
        match x.as_f64().or_else(|| x.get("base").and_then(Value::as_f64)) {
            Some(p) if p.is_finite() && p >= 0.0 => {
                prices.insert(figure, p);
            }
            _ => return Priced::NotCompared(format!("its `{field}` has a form infercast does not read")),
        }
    }
    Priced::Fixed(prices)
}

/// True when the prices (or any conditional set of them) give input and output.
fn is_text(v: &Value) -> bool {
    let both = |p: &Value| p.get("input_mtok").is_some() && p.get("output_mtok").is_some();
    match v.as_sequence() {
        Some(list) => list.iter().any(|item| item.get("prices").is_some_and(both)),
        None => both(v),
    }
}

impl PriceMap for GenaiPrices {
    fn lookup(&self, id: &str, scope: &Scope) -> Lookup {
        // As for LiteLLM: the base scope is the bare id, else the `us.` profile.
        let candidates = match scope {
            Scope::InRegion => vec![id.to_string(), format!("us.{id}")],
            Scope::Global => vec![format!("global.{id}")],
            Scope::Region(r) => {
                return Lookup::NotCompared(format!("genai-prices has one price for all regions, none for {r}"));
            }
        };
        for c in candidates {
            match self.first(&c) {
                Ok(Some(m)) => {
                    return match &m.prices {
                        Priced::Fixed(p) => Lookup::Found(p.clone()),
                        Priced::NotCompared(why) => Lookup::NotCompared(format!("`{}`: {why}", m.id)),
                    };
                }
                Ok(None) => {}
                Err(why) => return Lookup::NotCompared(why),
            }
        }
        Lookup::Missing
    }

    fn missing_from(&self, catalog_ids: &[&str]) -> Vec<String> {
        let mut out = Vec::new();
        for m in self.models.iter().filter(|m| m.text) {
            let answers: Vec<Match> = catalog_ids
                .iter()
                .flat_map(|c| [c.to_string(), format!("us.{c}"), format!("global.{c}")])
                .map(|c| m.rule.matches(&c))
                .collect();
            // Listed only when the rule surely matches no catalog id.
            if answers.iter().all(|a| *a == Match::No) {
                out.push(base_id(&m.id).to_string());
            }
        }
        out.sort();
        out.dedup();
        out
    }

    fn summary(&self) -> MapSummary {
        MapSummary { file: self.file.clone(), entries_read: self.models.len(), counts: Default::default() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"
name: AWS Bedrock
models:
  - id: global.anthropic.claude-x-v1:0
    match:
      contains: global.anthropic.claude-x
    prices: {input_mtok: 3, cache_write_mtok: 3.75, cache_read_mtok: 0.3, output_mtok: 15}
  - id: regional.anthropic.claude-x-v1:0
    match:
      or:
        - starts_with: anthropic.claude-x
        - contains: us.anthropic.claude-x
    prices: {input_mtok: 3.3, output_mtok: 16.5}
  - id: openai.sol
    match: {equals: openai.sol}
    prices:
      input_mtok: {base: 5.5, tiers: [{start: 272000, price: 11}]}
      output_mtok: 33
  - id: openai.luna
    match: {equals: openai.luna}
    prices:
      - prices: {input_mtok: 1.1, output_mtok: 6.6}
      - constraint: {start_date: 2026-07-30}
        prices: {input_mtok: 0.22, output_mtok: 1.32}
  - id: odd.model
    match: {regex: '^odd\.'}
    prices: {input_mtok: 1, output_mtok: 1}
  - id: meta.embed
    match: {contains: meta.embed}
    prices: {input_mtok: 0.1}
"#;

    fn map() -> GenaiPrices {
        GenaiPrices::parse(&SourceFile::new("aws.yml", FILE)).unwrap()
    }

    fn input(l: Lookup) -> Option<f64> {
        match l {
            Lookup::Found(p) => p.get(&Figure::Input).copied(),
            _ => None,
        }
    }

    #[test]
    fn the_first_matching_entry_prices_an_id() {
        let m = map();
        assert_eq!(m.summary().entries_read, 6);
        assert_eq!(input(m.lookup("anthropic.claude-x-v1:0", &Scope::InRegion)), Some(3.3));
        assert_eq!(input(m.lookup("anthropic.claude-x-v1:0", &Scope::Global)), Some(3.0));
        // A tiered price compares by its base.
        assert_eq!(input(m.lookup("openai.sol", &Scope::InRegion)), Some(5.5));
    }

    #[test]
    fn what_infercast_cannot_read_is_not_compared() {
        let m = map();
        let luna = m.lookup("openai.luna", &Scope::InRegion);
        assert_eq!(
            luna,
            Lookup::NotCompared("`openai.luna`: its prices change with the date (conditional prices)".into())
        );
        // The regex entry comes before meta.embed and might match any later id: no guess.
        let embed = m.lookup("meta.embed-v1", &Scope::InRegion);
        let why = "the match rule of `odd.model` uses `regex`, which infercast does not read";
        assert_eq!(embed, Lookup::NotCompared(why.into()));
        let region = m.lookup("anthropic.claude-x-v1:0", &Scope::Region("eu-west-1".into()));
        assert!(matches!(region, Lookup::NotCompared(_)));
    }

    #[test]
    fn text_models_no_catalog_id_matches_are_missing_from_the_catalog() {
        // claude-x is covered (its global entry matches `global.` + the catalog id); the embedding
        // model is not a text model; odd.model cannot be decided.
        assert_eq!(map().missing_from(&["anthropic.claude-x-v1:0"]), vec!["openai.luna", "openai.sol"]);
    }

    #[test]
    fn other_files_are_refused_with_the_problem() {
        let cases = [
            ("{\"a.b\": {\"input_cost_per_token\": 1}}", EXPECTED.to_string()),
            ("models:\n  - match: {contains: x}\n", "`models` entry #1 has no `id`".to_string()),
            ("models: [\n", format!("not valid YAML here; {EXPECTED}")),
        ];
        for (text, what) in cases {
            let e = GenaiPrices::parse(&SourceFile::new("x.yml", text)).unwrap_err();
            assert_eq!(e.message, format!("not a genai-prices provider file: {what}"), "{text}");
        }
    }
}
