//! LiteLLM's entries for Bedrock's OpenAI-compatible ("mantle") endpoint: `bedrock_mantle/…`
//! keys, and the `bedrock_mantle` blocks of runtime rows that LiteLLM expands into such keys. Those
//! with text-token prices price the same Bedrock models; the others are listed as skipped.
use super::{LiteLlm, entry};
use serde_json::{Map, Value};

/// LiteLLM's key prefix for Bedrock's OpenAI-compatible ("mantle") endpoint:
/// `bedrock_mantle/openai.gpt-5.4`, `bedrock_mantle/us-gov-west-1/openai.gpt-5.4`.
pub(super) const MANTLE: &str = "bedrock_mantle/";

impl LiteLlm {
    /// A `bedrock_mantle` entry: the same Bedrock model through another endpoint when it
    /// carries token prices, else skipped with what it prices instead.
    pub(super) fn add_mantle(&mut self, key: &str, v: &Value) {
        self.mantle_read += 1;
        let e = entry(v);
        if e.text {
            self.mantle.insert(key.strip_prefix(MANTLE).unwrap_or(key).to_string(), e);
            return;
        }
        let mode = v.get("mode").and_then(Value::as_str).unwrap_or("none given");
        let priced: Vec<&str> = v
            .as_object()
            .into_iter()
            .flatten()
            .map(|(f, _)| f.as_str())
            .filter(|f| f.contains("cost_per") || f.ends_with("_cost"))
            .collect();
        let what = if priced.is_empty() { "no price".to_string() } else { format!("prices {}", priced.join(", ")) };
        let reason = format!(
            "mode `{mode}`, {what}: infercast compares text-token prices (`input_cost_per_token` of a chat, completion or responses model)"
        );
        self.skipped.push((key.to_string(), reason));
    }

    /// A mantle entry whose model also has a runtime entry (`openai.gpt-oss-120b` beside
    /// `openai.gpt-oss-120b-1:0`) is compared through the runtime entry; where the two price the
    /// model differently the mantle entry is listed as skipped, saying so.
    pub(super) fn shadowed_mantle(&mut self) {
        for (id, m) in &self.mantle {
            let runtime = self.entries.iter().filter(|(k, _)| !k.contains('/')).find(|(k, _)| {
                let base = k.strip_prefix("us.").unwrap_or(k);
                base == id || unversioned(base) == id.as_str()
            });
            let Some((key, r)) = runtime else { continue };
            let apart = m.prices.iter().find(|(f, x)| r.prices.get(f).is_some_and(|y| differs(**x, *y)));
            if let Some((f, x)) = apart {
                let y = r.prices[f];
                let reason = format!(
                    "its {} price {x} differs from `{key}`'s {y}, the entry the catalog is compared with",
                    f.label()
                );
                self.skipped.push((format!("{MANTLE}{id}"), reason));
            }
        }
    }

    /// The `bedrock_mantle` blocks of runtime rows, as LiteLLM expands them when it loads the map
    /// (`litellm/litellm_core_utils/bedrock_mantle_cost_map.py`): each mantle id in the block is
    /// an entry with the block's fields and every price field of the row (the row's win), unless
    /// the map also writes that `bedrock_mantle/…` key itself. A block of another shape is listed.
    pub(super) fn mantle_blocks(&mut self, all: &Map<String, Value>) {
        let hosts = all.iter().filter(|(_, v)| {
            matches!(v.get("litellm_provider").and_then(Value::as_str), Some("bedrock" | "bedrock_converse"))
        });
        for (host_key, host) in hosts {
            let Some(block) = host.get("bedrock_mantle") else { continue };
            let surfaces = block.as_object().filter(|b| b.values().all(Value::is_object));
            let Some(surfaces) = surfaces else {
                let reason =
                    "its `bedrock_mantle` block is not an object of mantle ids to entries (LiteLLM ignores it)";
                self.skipped.push((host_key.clone(), reason.into()));
                continue;
            };
            let prices =
                host.as_object().into_iter().flatten().filter(|(f, _)| f.contains("cost") || f.ends_with("_pricing"));
            let prices: Vec<(&String, &Value)> = prices.collect();
            for (id, surface) in surfaces {
                let key = format!("{MANTLE}{id}");
                if all.contains_key(&key) {
                    continue;
                }
                let mut view = surface.as_object().cloned().unwrap_or_default();
                view.extend(prices.iter().map(|(f, v)| ((*f).clone(), (*v).clone())));
                self.add_mantle(&key, &Value::Object(view));
            }
        }
    }
}

/// More than 0.5 % apart, relative to the first.
fn differs(a: f64, b: f64) -> bool {
    if a == 0.0 { b != 0.0 } else { ((b - a) / a).abs() > crate::crosscheck::TOLERANCE }
}

/// A Bedrock id without its version suffix, as the mantle endpoint names models:
/// `openai.gpt-oss-120b-1:0` → `openai.gpt-oss-120b`, `qwen.qwen3-32b-v1:0` → `qwen.qwen3-32b`.
pub fn unversioned(id: &str) -> &str {
    let version = |s: &str| {
        let s = s.strip_prefix('v').unwrap_or(s);
        s.split_once(':').is_some_and(|(a, b)| {
            !a.is_empty() && !b.is_empty() && a.bytes().chain(b.bytes()).all(|c| c.is_ascii_digit())
        })
    };
    match id.rsplit_once('-') {
        Some((head, tail)) if version(tail) => head,
        _ => id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crosscheck::{Figure, Lookup, PriceMap, Scope};
    use crate::source::SourceFile;

    fn price(l: Lookup, f: Figure) -> Option<f64> {
        match l {
            Lookup::Found(p) => p.get(&f).copied(),
            _ => None,
        }
    }

    /// Mantle keys as LiteLLM writes them (shape of its map of 2026-07-24, kept verbatim at
    /// https://github.com/RoCry/llm-api-price/blob/8442b939a6ead479f7995b5d74d8dce488bd0966/model_prices_and_context_window.json).
    const MANTLE_MAP: &str = r#"{
      "openai.gpt-oss-120b-1:0": { "litellm_provider": "bedrock_converse", "mode": "chat",
        "input_cost_per_token": 1.5e-07, "output_cost_per_token": 6e-07 },
      "bedrock_mantle/openai.gpt-oss-120b": { "litellm_provider": "bedrock_mantle", "mode": "chat",
        "input_cost_per_token": 1.6e-07, "output_cost_per_token": 6e-07 },
      "bedrock_mantle/openai.gpt-5.4": { "litellm_provider": "bedrock_mantle", "mode": "responses",
        "input_cost_per_token": 2.75e-06, "output_cost_per_token": 1.65e-05, "cache_read_input_token_cost": 2.75e-07 },
      "bedrock_mantle/us-gov-west-1/openai.gpt-5.4": { "litellm_provider": "bedrock_mantle", "mode": "responses",
        "input_cost_per_token": 3e-06, "output_cost_per_token": 1.8e-05 },
      "bedrock_mantle/openai.gpt-image-x": { "litellm_provider": "bedrock_mantle", "mode": "image_generation",
        "output_cost_per_image": 0.04 }
    }"#;

    #[test]
    fn mantle_keys_price_the_same_bedrock_models() {
        let m = LiteLlm::parse(&SourceFile::new("ll.json", MANTLE_MAP)).unwrap();
        assert_eq!(m.summary().entries_read, 5, "1 runtime entry and 4 mantle entries");
        // No runtime key for GPT-5.4: the mantle key prices it, 2.75e-6 a token = 2.75 per Mtok.
        assert_eq!(price(m.lookup("openai.gpt-5.4", &Scope::InRegion), Figure::Input), Some(2.75));
        assert_eq!(price(m.lookup("openai.gpt-5.4", &Scope::InRegion), Figure::CacheRead), Some(0.275));
        let gov = Scope::Region("us-gov-west-1".into());
        assert_eq!(price(m.lookup("openai.gpt-5.4", &gov), Figure::Output), Some(18.0));
        // The runtime key wins over the mantle key (the mantle name drops the version `-1:0`).
        assert_eq!(price(m.lookup("openai.gpt-oss-120b-1:0", &Scope::InRegion), Figure::Input), Some(0.15));
        assert_eq!(m.missing_from(&["openai.gpt-oss-120b-1:0"]), vec!["openai.gpt-5.4"]);
        let skipped = m.skipped();
        assert_eq!(skipped.len(), 2, "{skipped:?}");
        // 1.6e-7 against the runtime key's 1.5e-7: (0.16 − 0.15)/0.15 = 6.7 % apart.
        assert_eq!(skipped[0].0, "bedrock_mantle/openai.gpt-image-x");
        assert!(
            skipped[0].1.starts_with("mode `image_generation`, prices output_cost_per_image: "),
            "{}",
            skipped[0].1
        );
        assert_eq!(
            skipped[1],
            (
                "bedrock_mantle/openai.gpt-oss-120b".into(),
                "its input price 0.16 differs from `openai.gpt-oss-120b-1:0`'s 0.15, the entry the catalog is compared with"
                    .into()
            )
        );
    }

    #[test]
    fn version_suffixes_come_off() {
        assert_eq!(unversioned("openai.gpt-oss-120b-1:0"), "openai.gpt-oss-120b");
        assert_eq!(unversioned("qwen.qwen3-32b-v1:0"), "qwen.qwen3-32b");
        assert_eq!(unversioned("openai.gpt-5.4"), "openai.gpt-5.4");
        assert_eq!(unversioned("anthropic.claude-x-v1"), "anthropic.claude-x-v1");
    }

    /// Runtime rows with `bedrock_mantle` blocks, in the shape LiteLLM's loader expands
    /// (litellm/litellm_core_utils/bedrock_mantle_cost_map.py in github.com/BerriAI/litellm):
    /// the views take the row's prices (5.5e-6 and 3e-5 a token), not the block's 9.0. Figures
    /// are made up for the test.
    const BLOCK_MAP: &str = r#"{
      "us.openai.gpt-x": { "litellm_provider": "bedrock_converse", "mode": "chat",
        "input_cost_per_token": 5.5e-06, "output_cost_per_token": 3e-05,
        "bedrock_mantle": {
          "openai.gpt-x": { "mode": "responses", "input_cost_per_token": 9.0,
            "search_context_cost_per_query": { "search_context_size_low": 0.01 } },
          "us-gov-west-1/openai.gpt-x": { "mode": "chat" } } },
      "us.openai.gpt-y": { "litellm_provider": "bedrock_converse", "mode": "chat",
        "input_cost_per_token": 1e-06, "bedrock_mantle": ["openai.gpt-y"] }
    }"#;

    #[test]
    fn mantle_blocks_give_entries_priced_as_their_row() {
        let m = LiteLlm::parse(&SourceFile::new("ll.json", BLOCK_MAP)).unwrap();
        assert_eq!(m.summary().entries_read, 4, "2 runtime rows and the 2 views of the first one's block");
        let gov = Scope::Region("us-gov-west-1".into());
        // 5.5e-6 USD a token = 5.5 per Mtok; 3e-5 = 30.
        assert_eq!(price(m.lookup("openai.gpt-x", &gov), Figure::Input), Some(5.5));
        assert_eq!(price(m.lookup("openai.gpt-x", &gov), Figure::Output), Some(30.0));
        assert_eq!(
            m.skipped(),
            vec![(
                "us.openai.gpt-y".to_string(),
                "its `bedrock_mantle` block is not an object of mantle ids to entries (LiteLLM ignores it)".to_string()
            )]
        );
    }
}
