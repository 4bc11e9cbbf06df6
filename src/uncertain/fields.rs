//! Which numbers may be written as distributions, with the range each draw must stay in
//! (docs/model.md#limits-of-the-inputs) and whether it is a whole number.
use crate::limits;

/// What a key path accepts in place of a number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rule {
    /// A distribution whose draws stay in `[min, max]`; `whole`: draws must be rounded.
    Number { min: f64, max: f64, whole: bool },
    /// No distribution here, and why (the help of the message).
    Refused(&'static str),
}

const fn n(min: f64, max: f64) -> Option<Rule> {
    Some(Rule::Number { min, max, whole: false })
}

const fn whole(min: f64, max: f64) -> Option<Rule> {
    Some(Rule::Number { min, max, whole: true })
}

fn range(r: limits::Range) -> Option<Rule> {
    // A range that also admits exactly 0 is sampled from its lower bound: a draw of 0 is a free
    // price or no throughput, never what a range of guesses means.
    n(r.min, r.max)
}

/// Scenario fields, by key path without array indices (`workload.agent.thought_tokens`).
pub fn scenario(path: &[&str]) -> Option<Rule> {
    match path {
        ["scenario", "hours_per_month"] => n(1.0, 744.0),
        ["scenario", "alarm_headroom"] => n(0.0, 10.0),
        ["scenario", "months"] => Some(Rule::Refused("the horizon is the same in every draw: write a whole number")),
        ["traffic", "requests_per_month"] => range(limits::REQUESTS_PER_MONTH),
        // Per day and per second: the same 1 to 1e15 a month over 744 hours at most.
        ["traffic", "requests_per_day"] => n(24.0 / 744.0, 1e15 * 24.0 / 744.0),
        ["traffic", "mean_rps"] => n(1.0 / (3600.0 * 744.0), 1e15 / (3600.0 * 744.0)),
        ["traffic", "growth_per_month"] => n(-0.99, crate::limits::MAX_GROWTH),
        ["traffic", "burstiness"] => n(1.0, 1000.0),
        ["workload", "share"] => {
            Some(Rule::Refused("shares must sum to 1 in every draw: write each share as a number"))
        }
        ["workload", "input_tokens" | "output_tokens" | "system_prompt_tokens"] => range(limits::TOKENS),
        ["workload", "agent", "thought_tokens" | "tool_result_tokens"] => range(limits::TOKENS),
        ["workload", "cache_hit_rate"] => n(0.0, 1.0),
        ["workload", "max_tokens"] => whole(1.0, limits::TOKENS.max),
        ["workload", "agent", "token_budget"] => range(limits::TOKEN_BUDGET),
        ["workload", "agent", "steps"] => Some(Rule::Refused(
            "agent steps have a distribution form of their own: steps = { 1 = 0.2, 3 = 0.5, 6 = 0.3 }",
        )),
        ["capacity", "peak_quantile"] => n(0.5, 0.99999),
        ["option", "units"] => whole(1.0, 10_000.0),
        ["option", "capacity", "input_tpm" | "output_tpm"] => range(limits::TOKENS_PER_MINUTE),
        ["option", "min_instances"] => whole(0.0, 1e6),
        ["option", "target_utilization"] => n(0.01, 1.0),
        ["option", "ops_usd_per_month" | "setup_usd"] => range(limits::USD),
        ["option", "amortize_months"] => whole(1.0, 120.0),
        ["option", "commitment_months"] => whole(1.0, 1200.0),
        ["risk", "descope_probability_per_month"] => n(0.0, MAX_PROBABILITY),
        _ => None,
    }
}

/// The largest monthly descoping probability: below 1, which would cut the feature before it
/// starts.
pub const MAX_PROBABILITY: f64 = 0.999_999;

/// Catalog figures: only those nobody publishes (capacity prices and throughput, instance
/// prices). A published token price is a fact, not a guess.
pub fn catalog(path: &[&str]) -> Option<Rule> {
    match path {
        ["model", "provisioned", "usd_per_mu_hour", _] => range(limits::USD_PER_HOUR),
        ["model", "provisioned", "input_tpm_per_mu" | "output_tpm_per_mu"] => range(limits::TOKENS_PER_MINUTE),
        ["model", "reserved", "usd_per_1k_input_tpm_month" | "usd_per_1k_output_tpm_month", _] => {
            range(limits::USD_PER_1K_TPM_MONTH)
        }
        ["instance", "usd_per_hour", _] => range(limits::USD_PER_HOUR),
        _ => Some(Rule::Refused(
            "in the catalog a distribution may stand only for a figure nobody publishes: Provisioned \
             Throughput prices and tokens per minute, Reserved-tier prices and instance prices",
        )),
    }
}
