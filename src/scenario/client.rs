//! `[client]`, `tool_latency_s` and an option's `speed`: what the response-time model reads
//! (docs/model.md#latency-and-timeouts).
use super::raw;
use super::{Client, SpeedOverride, Timeout};
use crate::input::Checker;
use crate::limits;
use toml::Spanned;

/// `[client]`: streaming (default false) and the named timeouts, shortest first.
pub(super) fn client(ck: &mut Checker, c: Option<&Spanned<raw::Client>>) -> Client {
    let Some(c) = c.map(Spanned::get_ref) else { return Client::default() };
    let mut timeouts: Vec<Timeout> = c
        .timeouts_s
        .iter()
        .flat_map(|t| t.get_ref().iter())
        .map(|(name, limit)| {
            if name.get_ref().trim().is_empty() {
                ck.error(&name.span(), "a timeout needs a name", "name the limit, e.g. \"api-gateway\" = 29");
            }
            ck.printable(&name.span(), name.get_ref(), "timeout name");
            Timeout { name: name.get_ref().clone(), limit_s: limits::check(ck, limit, "timeouts_s", limits::SECONDS) }
        })
        .collect();
    timeouts.sort_by(|a, b| a.limit_s.total_cmp(&b.limit_s).then_with(|| a.name.cmp(&b.name)));
    Client { streaming: c.streaming.as_ref().is_some_and(|s| *s.get_ref()), timeouts }
}

/// An option's `speed = { output_tokens_per_s, ttft_ms }`: at least one figure, each above 0.
pub(super) fn speed(ck: &mut Checker, s: Option<&Spanned<raw::SpeedOverride>>) -> Option<SpeedOverride> {
    let s = s?;
    let r = s.get_ref();
    if r.output_tokens_per_s.is_none() && r.ttft_ms.is_none() {
        ck.error(
            &s.span(),
            "`speed` gives no figure",
            "give `output_tokens_per_s` and/or `ttft_ms`, e.g. speed = { output_tokens_per_s = 50, ttft_ms = 800 }",
        );
        return None;
    }
    Some(SpeedOverride {
        output_tokens_per_s: r
            .output_tokens_per_s
            .as_ref()
            .map(|v| limits::check(ck, v, "output_tokens_per_s", limits::TOKENS_PER_SECOND)),
        ttft_ms: r.ttft_ms.as_ref().map(|v| limits::check(ck, v, "ttft_ms", limits::MILLISECONDS)),
    })
}

/// `tool_latency_s`: seconds each tool call of an agent takes (0 when not given); only an agent
/// workload calls tools.
pub(super) fn tool_latency(ck: &mut Checker, w: &raw::Workload) -> f64 {
    let Some(v) = &w.tool_latency_s else { return 0.0 };
    if w.agent.is_none() {
        ck.error(
            &v.span(),
            "`tool_latency_s` applies to agent workloads only: a plain call runs no tool",
            "remove it, or add `[workload.agent]` with its steps",
        );
        return 0.0;
    }
    limits::check(ck, v, "tool_latency_s", limits::TOOL_SECONDS)
}
