//! LiteLLM's price map (`model_prices_and_context_window.json`): its Bedrock entries, USD per
//! token, keyed by bare ids, profile ids (`us.…`, `global.…`) and `bedrock/REGION/ID`.
use super::{Figure, Lookup, MapSummary, PriceMap, Prices, Scope, base_id, covers, per_mtok, span_at};
use crate::error::Diagnostic;
use crate::source::SourceFile;
use serde_json::Value;
use std::collections::BTreeMap;

mod mantle;
pub use mantle::unversioned;

/// Where the file comes from, for the help of every format error.
pub const URL: &str = "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json";

/// The fields read, and the figure each one is.
const FIELDS: [(&str, Figure); 5] = [
    ("input_cost_per_token", Figure::Input),
    ("output_cost_per_token", Figure::Output),
    ("cache_creation_input_token_cost", Figure::CacheWrite),
    ("cache_creation_input_token_cost_above_1hr", Figure::CacheWrite1h),
    ("cache_read_input_token_cost", Figure::CacheRead),
];

/// One Bedrock entry.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    /// A text model (`mode` chat or completion) priced by the token.
    text: bool,
    prices: Prices,
    /// Why a price it gives cannot be read, when one cannot: the entry is then listed as not
    /// compared rather than compared on the prices left.
    unread: Option<String>,
}

/// The most a token can cost and still be read: 1 USD, the catalog's limit of 1e6 USD per
/// million tokens (docs/model.md#limits-of-the-inputs). Above it the per-million figure and
/// every difference computed from it stop being meaningful (1.8e302 a token overflows).
const MAX_USD_PER_TOKEN: f64 = 1.0;

/// The Bedrock entries of a LiteLLM price map.
#[derive(Debug, Clone, PartialEq)]
pub struct LiteLlm {
    file: String,
    /// `bedrock` and `bedrock_converse` entries, by key.
    entries: BTreeMap<String, Entry>,
    /// `bedrock_mantle` entries with text-token prices, by the key without its prefix.
    mantle: BTreeMap<String, Entry>,
    /// Every `bedrock_mantle` entry read, priced or not.
    mantle_read: usize,
    /// Entries not compared, with why: `(key, reason)`.
    skipped: Vec<(String, String)>,
}

/// The format error, located at the JSON syntax error when there is one.
fn not_litellm(file: &SourceFile, at: Option<(usize, usize)>) -> Diagnostic {
    let expected = "expected a JSON object of model entries with `input_cost_per_token`";
    let d = match at {
        Some((line, col)) => Diagnostic::at(
            file,
            &span_at(file, line, col),
            format!("not a LiteLLM price map: not valid JSON here; {expected}"),
        ),
        None => Diagnostic::file(&file.path, format!("not a LiteLLM price map: {expected}")),
    };
    d.help(format!("download model_prices_and_context_window.json: {URL}"))
}

impl LiteLlm {
    /// Reads the map; a file of another shape is one located error with the fix.
    pub fn parse(file: &SourceFile) -> Result<LiteLlm, Diagnostic> {
        let value: Value =
            serde_json::from_str(&file.text).map_err(|e| not_litellm(file, Some((e.line(), e.column()))))?;
        let Some(all) = value.as_object() else { return Err(not_litellm(file, None)) };
        if !all.values().any(|v| v.get("input_cost_per_token").is_some()) {
            return Err(not_litellm(file, None));
        }
        let provider = |v: &Value| v.get("litellm_provider").and_then(Value::as_str).map(str::to_string);
        let mut map = LiteLlm {
            file: file.path.clone(),
            entries: BTreeMap::new(),
            mantle: BTreeMap::new(),
            mantle_read: 0,
            skipped: Vec::new(),
        };
        for (k, v) in all {
            match provider(v).as_deref() {
                Some("bedrock" | "bedrock_converse") => {
                    map.entries.insert(k.clone(), entry(v));
                }
                Some("bedrock_mantle") => map.add_mantle(k, v),
                _ => {}
            }
        }
        map.mantle_blocks(all);
        map.shadowed_mantle();
        Ok(map)
    }
}

fn entry(v: &Value) -> Entry {
    let mut prices = Prices::new();
    let mut unread = None;
    for (field, figure) in FIELDS {
        let Some(given) = v.get(field) else { continue };
        match given.as_f64() {
            Some(x) if (0.0..=MAX_USD_PER_TOKEN).contains(&x) => {
                prices.insert(figure, per_mtok(x));
            }
            Some(x) if x < 0.0 => unread = unread.or(Some(format!("its `{field}` is negative ({x})"))),
            Some(x) => {
                unread = unread.or(Some(format!("its `{field}` is {x:e} USD a token, above the 1 USD infercast reads")))
            }
            None => unread = unread.or(Some(format!("its `{field}` is not a number ({given})"))),
        }
    }
    let text = matches!(v.get("mode").and_then(Value::as_str), Some("chat" | "completion" | "responses"));
    Entry { text: text && prices.contains_key(&Figure::Input), prices, unread }
}

impl PriceMap for LiteLlm {
    fn lookup(&self, id: &str, scope: &Scope) -> Lookup {
        // The base scope is the in-region price: the bare id, else the `us.` profile (same price),
        // else the mantle endpoint's entry (by the id, or the id without its version).
        let short = unversioned(id);
        let (keys, mantle) = match scope {
            Scope::InRegion => (vec![id.to_string(), format!("us.{id}")], vec![id.to_string(), short.to_string()]),
            Scope::Global => (vec![format!("global.{id}")], vec![]),
            Scope::Region(r) => (vec![format!("bedrock/{r}/{id}")], vec![format!("{r}/{id}"), format!("{r}/{short}")]),
        };
        let found =
            keys.iter().find_map(|k| self.entries.get(k)).or_else(|| mantle.iter().find_map(|k| self.mantle.get(k)));
        match found {
            None => Lookup::Missing,
            Some(Entry { unread: Some(why), .. }) => Lookup::NotCompared(why.clone()),
            Some(e) => Lookup::Found(e.prices.clone()),
        }
    }

    fn missing_from(&self, catalog_ids: &[&str]) -> Vec<String> {
        let mut out: Vec<String> = self
            .entries
            .iter()
            .chain(&self.mantle)
            .filter(|(_, e)| e.text)
            .map(|(k, _)| base_id(k))
            .filter(|b| !catalog_ids.iter().any(|c| covers(c, b) || unversioned(c) == *b))
            .map(String::from)
            .collect();
        out.sort();
        out.dedup();
        out
    }

    fn summary(&self) -> MapSummary {
        MapSummary {
            file: self.file.clone(),
            entries_read: self.entries.len() + self.mantle_read,
            counts: Default::default(),
        }
    }

    fn skipped(&self) -> Vec<(String, String)> {
        self.skipped.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAP: &str = r#"{
      "sample_spec": { "input_cost_per_token": "in USD" },
      "anthropic.claude-x-v1:0": { "litellm_provider": "bedrock", "mode": "chat",
        "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05,
        "cache_read_input_token_cost": 3e-07, "cache_creation_input_token_cost_above_1hr": 6e-06 },
      "us.meta.y-v1:0": { "litellm_provider": "bedrock_converse", "mode": "chat",
        "input_cost_per_token": 7.2e-07, "output_cost_per_token": 7.2e-07 },
      "global.anthropic.claude-x-v1:0": { "litellm_provider": "bedrock", "mode": "chat",
        "input_cost_per_token": 2.7e-06, "output_cost_per_token": 1.35e-05 },
      "bedrock/eu-west-1/meta.y-v1:0": { "litellm_provider": "bedrock", "mode": "chat",
        "input_cost_per_token": 8e-07, "output_cost_per_token": 8e-07 },
      "amazon.titan-embed-v1": { "litellm_provider": "bedrock", "mode": "embedding",
        "input_cost_per_token": 1e-07 },
      "gpt-4o": { "litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 2.5e-06 }
    }"#;

    fn map() -> LiteLlm {
        LiteLlm::parse(&SourceFile::new("ll.json", MAP)).unwrap()
    }

    fn price(l: Lookup, f: Figure) -> Option<f64> {
        match l {
            Lookup::Found(p) => p.get(&f).copied(),
            _ => None,
        }
    }

    #[test]
    fn each_scope_reads_its_own_key() {
        let m = map();
        assert_eq!(m.summary().entries_read, 5, "the 5 Bedrock entries; sample_spec and gpt-4o are not");
        // 3e-6 USD a token = 3 USD per Mtok; 6e-6 = 6 for 1-hour cache writes.
        assert_eq!(price(m.lookup("anthropic.claude-x-v1:0", &Scope::InRegion), Figure::Input), Some(3.0));
        assert_eq!(price(m.lookup("anthropic.claude-x-v1:0", &Scope::InRegion), Figure::CacheWrite1h), Some(6.0));
        assert_eq!(price(m.lookup("anthropic.claude-x-v1:0", &Scope::InRegion), Figure::CacheWrite), None);
        assert_eq!(price(m.lookup("anthropic.claude-x-v1:0", &Scope::Global), Figure::Output), Some(13.5));
        // No bare entry for meta.y: the `us.` profile stands in.
        assert_eq!(price(m.lookup("meta.y-v1:0", &Scope::InRegion), Figure::Input), Some(0.72));
        assert_eq!(price(m.lookup("meta.y-v1:0", &Scope::Region("eu-west-1".into())), Figure::Input), Some(0.8));
        assert_eq!(m.lookup("meta.y-v1:0", &Scope::Global), Lookup::Missing);
    }

    #[test]
    fn prices_that_cannot_be_read_are_listed_not_dropped() {
        let map = |price: &str| {
            let text = format!(
                r#"{{"anthropic.z-v1:0": {{ "litellm_provider": "bedrock", "mode": "chat",
                    "input_cost_per_token": 3e-06, "output_cost_per_token": {price} }}}}"#
            );
            LiteLlm::parse(&SourceFile::new("ll.json", &text)).unwrap().lookup("anthropic.z-v1:0", &Scope::InRegion)
        };
        // 1.8e302 a token is 1.8e308 per million: past f64::MAX, `inf` before.
        assert_eq!(
            map("1.8e302"),
            Lookup::NotCompared(
                "its `output_cost_per_token` is 1.8e302 USD a token, above the 1 USD infercast reads".into()
            )
        );
        assert_eq!(map("-1e-05"), Lookup::NotCompared("its `output_cost_per_token` is negative (-0.00001)".into()));
        assert_eq!(
            map("\"free\""),
            Lookup::NotCompared("its `output_cost_per_token` is not a number (\"free\")".into())
        );
        // 1 USD a token is the most read: 1e6 USD per million.
        assert!(matches!(map("1.0"), Lookup::Found(p) if p[&Figure::Output] == 1e6));
    }

    #[test]
    fn only_text_models_can_be_missing_from_the_catalog() {
        assert_eq!(map().missing_from(&["anthropic.claude-x-v1:0"]), vec!["meta.y-v1:0"]);
    }

    #[test]
    fn other_json_is_refused() {
        for text in ["[1, 2]", "{\"a\": {\"b\": 1}}", "models:\n  - id: x\n"] {
            let e = LiteLlm::parse(&SourceFile::new("x.json", text)).unwrap_err();
            assert!(e.message.starts_with("not a LiteLLM price map: "), "{text}: {}", e.message);
        }
    }
}
