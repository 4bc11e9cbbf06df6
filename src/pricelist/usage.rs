//! What one Price List product prices: its usage type read as scope × tier × kind, and its unit
//! as a factor to USD per million tokens (docs/model.md#the-aws-price-list).
use serde::Serialize;

/// Who may be routed where: the model's own region, a geographic profile, or anywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// In-region calls, and the usage types AWS names "Regional" (in-region and geographic
    /// profiles bill alike there).
    InRegion,
    /// A geographic cross-region profile billed under a usage type of its own.
    Geo,
    /// The `global.` cross-region profile.
    Global,
}

/// The service tier a price is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tier {
    Standard,
    Batch,
    Flex,
    Priority,
    LatencyOptimized,
}

/// Which tokens a price is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Input,
    Output,
    CacheRead,
    /// A cache write kept 5 minutes (the default lifetime).
    #[serde(rename = "cache-write-5m")]
    CacheWrite5m,
    #[serde(rename = "cache-write-1h")]
    CacheWrite1h,
}

/// Why a product is not read as a text-token price.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unread {
    /// Images, speech, video, embeddings, search units, guardrails: not text tokens.
    NotTextTokens,
    /// Provisioned Throughput, Reserved, customisation: priced by the hour or the month.
    NotPerToken,
    /// A long-context rate: infercast reads the standard window only.
    LongContext,
    /// A usage type infercast does not recognise.
    UnknownUsageType,
    /// A unit other than tokens, 1K tokens or 1M tokens.
    UnknownUnit,
}

/// Usage-type words that mean anything but a text-token price.
const NOT_TEXT: [&str; 9] = ["image", "speech", "audio", "video", "embed", "search", "guardrail", "rerank", "document"];
/// Usage-type words of hourly or monthly offers.
const NOT_PER_TOKEN: [&str; 5] = ["provisioned", "reserved", "custom", "storage", "modelunit"];

/// The usage type with its billing-region prefix (`USE1-`, `USE1-MP:USE1_`) removed, lower case,
/// `_` read as `-`: `USE1-MP:USE1_InputTokenCount_Global-Units` → `inputtokencount-global-units`.
pub fn body(usagetype: &str) -> String {
    let rest = usagetype.split_once('-').map_or(usagetype, |(_, r)| r);
    let rest = match rest.strip_prefix("MP:") {
        Some(mp) => mp.split_once('_').map_or(mp, |(_, r)| r),
        None => rest,
    };
    rest.to_ascii_lowercase().replace('_', "-")
}

/// Scope, tier and kind of a usage type, or why it is not read.
pub fn classify(usagetype: &str) -> Result<(Scope, Tier, Kind), Unread> {
    let b = body(usagetype);
    if NOT_TEXT.iter().any(|w| b.contains(w)) {
        return Err(Unread::NotTextTokens);
    }
    if NOT_PER_TOKEN.iter().any(|w| b.contains(w)) {
        return Err(Unread::NotPerToken);
    }
    if b.contains("long-ctx") || b.contains("longcontext") || b.contains("long-context") {
        return Err(Unread::LongContext);
    }
    let kind = kind(&b).ok_or(Unread::UnknownUsageType)?;
    let scope = if b.contains("global") {
        Scope::Global
    } else if b.contains("geo") {
        Scope::Geo
    } else {
        Scope::InRegion
    };
    Ok((scope, tier(&b), kind))
}

fn kind(b: &str) -> Option<Kind> {
    let has = |words: &[&str]| words.iter().any(|w| b.contains(w));
    if has(&["cache-read", "cacheread"]) {
        return Some(Kind::CacheRead);
    }
    if has(&["cache-write", "cachewrite"]) {
        let long = has(&["1h", "1-hour", "1hour", "60m"]);
        return Some(if long { Kind::CacheWrite1h } else { Kind::CacheWrite5m });
    }
    if has(&["inputtokencount", "input-token"]) {
        return Some(Kind::Input);
    }
    if has(&["outputtokencount", "responsetokencount", "output-token"]) {
        return Some(Kind::Output);
    }
    None
}

fn tier(b: &str) -> Tier {
    if b.contains("batch") {
        Tier::Batch
    } else if b.contains("flex") {
        Tier::Flex
    } else if b.contains("priority") {
        Tier::Priority
    } else if b.contains("latency") {
        Tier::LatencyOptimized
    } else {
        Tier::Standard
    }
}

/// Tokens per unit priced, from the price dimension's `unit` and `description`: `1K tokens` →
/// 1,000; `1M tokens` → 1,000,000; the Marketplace offer's `Units` described as "Million …
/// Tokens" → 1,000,000. USD per million tokens is then `price × 1,000,000 / tokens`.
pub fn tokens_per_unit(unit: &str, description: &str) -> Option<f64> {
    let u = unit.trim().to_ascii_lowercase();
    match u.as_str() {
        "1k tokens" | "1k token" | "1000 tokens" => Some(1e3),
        "1m tokens" | "1m token" | "1000000 tokens" => Some(1e6),
        "tokens" | "token" => Some(1.0),
        "units" | "unit" => {
            let d = description.to_ascii_lowercase();
            let last = d.rsplit('|').next().unwrap_or("");
            if last.contains("million") && last.contains("token") {
                Some(1e6)
            } else if last.contains("thousand") && last.contains("token") {
                Some(1e3)
            } else {
                None
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marketplace_usage_types() {
        let c = |u| classify(u).unwrap();
        assert_eq!(c("USE1-MP:USE1_InputTokenCount-Units"), (Scope::InRegion, Tier::Standard, Kind::Input));
        assert_eq!(c("USE1-MP:USE1_OutputTokenCount_Global-Units"), (Scope::Global, Tier::Standard, Kind::Output));
        assert_eq!(
            c("USE1-MP:USE1_CacheReadInputTokenCount-Units"),
            (Scope::InRegion, Tier::Standard, Kind::CacheRead)
        );
        assert_eq!(
            c("USE1-MP:USE1_CacheWriteInputTokenCount-Units"),
            (Scope::InRegion, Tier::Standard, Kind::CacheWrite5m)
        );
        assert_eq!(c("USE1-MP:USE1_input_tokens_batch-Units"), (Scope::InRegion, Tier::Batch, Kind::Input));
    }

    #[test]
    fn bedrock_usage_types() {
        let c = |u| classify(u).unwrap();
        assert_eq!(c("USE1-Llama3-1-70B-input-tokens"), (Scope::InRegion, Tier::Standard, Kind::Input));
        assert_eq!(
            c("USE1-xai.grok-4.6-mantle-input-tokens-global-standard"),
            (Scope::Global, Tier::Standard, Kind::Input)
        );
        assert_eq!(
            c("USE1-moonshotai.kimi-k3-mantle-output-tokens-priority"),
            (Scope::InRegion, Tier::Priority, Kind::Output)
        );
        assert_eq!(classify("USE1-TitanEmbeddingV2-Text-input-tokens"), Err(Unread::NotTextTokens));
        // An image price names no token: not recognised, so listed as such rather than guessed.
        assert_eq!(classify("USE1-NovaCanvas-T2I-1024-Standard"), Err(Unread::UnknownUsageType));
        assert_eq!(classify("USE1-Nova2.0Lite-input-tokens-custom-model"), Err(Unread::NotPerToken));
        assert_eq!(classify("USE1-Claude-ProvisionedThroughput-1M"), Err(Unread::NotPerToken));
    }

    #[test]
    fn units() {
        assert_eq!(tokens_per_unit("1K tokens", ""), Some(1e3));
        assert_eq!(
            tokens_per_unit("Units", "AWS Marketplace software usage|us-east-1|Million Input Tokens"),
            Some(1e6)
        );
        assert_eq!(tokens_per_unit("Hrs", ""), None);
    }
}
