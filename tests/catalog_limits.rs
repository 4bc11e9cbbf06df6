//! Every model of the bundled catalog carries the limits of one call: its context window, its
//! largest output, and the page they were read from (docs/model.md, the catalog fields).
use infercast::catalog::{CallLimits, Catalog, Model};

fn bundled() -> Catalog {
    Catalog::embedded().expect("the bundled catalog loads")
}

fn limits(catalog: &Catalog, key: &str) -> CallLimits {
    let model = catalog.models.iter().find(|m| m.key == key).unwrap_or_else(|| panic!("no model {key}"));
    model.limits.clone().unwrap_or_else(|| panic!("{key} has no limits"))
}

/// The models whose published output cap is their whole window: Titan Text Lite and Express
/// (maxTokenCount 4,096 / 8,192 on 4K / 8K windows), Llama 2 and Llama 3 (LiteLLM's Bedrock
/// entries), Cohere Command and Command Light (4,096 / 4,096), gpt-oss (AWS gives only the
/// 128,000 window), Qwen3 Next and the Gemma 4 models (no separate output cap published), Grok
/// 4.6 (xAI: "Output limit: No text output limit" on a 500,000 window).
/// Every other model reserves part of its window for input.
const OUTPUT_CAP_IS_THE_WINDOW: [&str; 15] = [
    "titan-text-lite",
    "titan-text-express",
    "llama-3-8b",
    "llama-3-70b",
    "llama-2-13b",
    "llama-2-70b",
    "cohere-command",
    "cohere-command-light",
    "gpt-oss-20b",
    "gpt-oss-120b",
    "qwen3-next-80b-a3b",
    "gemma-4-31b",
    "gemma-4-26b-a4b",
    "gemma-4-e2b",
    "grok-4.6",
];

fn check(model: &Model) -> Result<(), String> {
    let l = model.limits.as_ref().ok_or("no context_window_tokens / max_output_tokens")?;
    if l.context_window_tokens == 0 || l.max_output_tokens == 0 {
        return Err(format!("a zero limit: {} / {}", l.context_window_tokens, l.max_output_tokens));
    }
    let equal_allowed = OUTPUT_CAP_IS_THE_WINDOW.contains(&model.key.as_str());
    let fits = l.max_output_tokens < l.context_window_tokens
        || (equal_allowed && l.max_output_tokens == l.context_window_tokens);
    if !fits {
        return Err(format!("max output {} vs window {}", l.max_output_tokens, l.context_window_tokens));
    }
    match l.source.as_deref() {
        Some(url) if url.starts_with("https://") && !url.contains(char::is_whitespace) => Ok(()),
        other => Err(format!("limits_source is not a URL: {other:?}")),
    }
}

#[test]
fn every_bundled_model_has_both_limits_and_where_they_were_read() {
    let catalog = bundled();
    // Every `[[model]]` table of pricing/*.toml, counted as text, is a model the check below sees.
    let written: usize = std::fs::read_dir("pricing")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| std::fs::read_to_string(p).unwrap())
        .map(|text| text.lines().filter(|l| l.trim() == "[[model]]").count())
        .sum();
    assert!(written > 100, "the bundled catalog has its models");
    assert_eq!(catalog.models.len(), written, "every written model is loaded");
    let bad: Vec<String> =
        catalog.models.iter().filter_map(|m| check(m).err().map(|e| format!("{}: {e}", m.key))).collect();
    assert!(bad.is_empty(), "models without sound limits:\n{}", bad.join("\n"));
}

#[test]
fn the_output_cap_equals_the_window_only_where_that_was_published() {
    // Guards the exception list above: a key that no longer exists, or whose output cap is now
    // below its window, must leave the list rather than hide a swapped pair of fields elsewhere.
    let catalog = bundled();
    for key in OUTPUT_CAP_IS_THE_WINDOW {
        let l = limits(&catalog, key);
        assert_eq!(l.max_output_tokens, l.context_window_tokens, "{key}");
    }
}

#[test]
fn claude_sonnet_4_5_has_the_1m_beta_window_and_64k_output() {
    // platform.claude.com/docs/en/models/sonnet-4-5/overview: "Context window: 200K tokens ·
    // Max output: 64K tokens"; Anthropic's K is 1,000 (Opus 4.5: "200K" = 200,000). The 1M beta
    // window (1,000,000) is the one kept, since the entry prices calls above 200K (long_context).
    let catalog = bundled();
    let l = limits(&catalog, "claude-sonnet-4.5");
    assert_eq!((l.context_window_tokens, l.max_output_tokens), (1_000_000, 64_000));
    assert_eq!(l.source.as_deref(), Some("https://platform.claude.com/docs/en/models/sonnet-4-5/overview"));
}

#[test]
fn llama_3_1_405b_has_bedrocks_128k_window_and_4k_output() {
    // AWS model card model-card-meta-llama-3-1-405b-instruct: "Context window: 128K tokens",
    // "Max output tokens: 4K"; LiteLLM's meta.llama3-1-405b-instruct-v1:0 gives 128,000 / 4,096.
    let l = limits(&bundled(), "llama-3.1-405b");
    assert_eq!((l.context_window_tokens, l.max_output_tokens), (128_000, 4_096));
}

#[test]
fn titan_text_premier_has_a_32k_window_and_a_3072_output_cap() {
    // AWS titan-text-models.html: Titan Text G1 - Premier "Max tokens - 32K"; AWS
    // model-parameters-titan-text.html: maxTokenCount maximum 3,072 for Titan Text Premier.
    let l = limits(&bundled(), "titan-text-premier");
    assert_eq!((l.context_window_tokens, l.max_output_tokens), (32_000, 3_072));
}

#[test]
fn claude_3_haiku_has_a_200k_window_and_4096_output() {
    // docs.anthropic.com models overview (2025 comparison table): Claude Haiku 3, context window
    // 200K, max output 4096 tokens; AWS's model card says 200K / 4K.
    let l = limits(&bundled(), "claude-3-haiku");
    assert_eq!((l.context_window_tokens, l.max_output_tokens), (200_000, 4_096));
}
