//! Word-valued workload settings: latency class, what is logged, cache lifetime, budget mode.
use crate::keyword::Keyword;

/// How long a workload's caller can wait for an answer (docs/model.md#eligibility).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Latency {
    /// A person is waiting: seconds.
    Interactive,
    /// Minutes are fine (a background job with a deadline).
    Relaxed,
    /// Hours are fine (an offline batch).
    Batch,
}

impl Keyword for Latency {
    const ALL: &'static [Self] = &[Latency::Interactive, Latency::Relaxed, Latency::Batch];
    const NAMES: &'static [&'static str] = &["interactive", "relaxed", "batch"];
}

/// What the application logs of a request: the divisor of the hidden-token ratio
/// (docs/model.md#what-the-application-logs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visible {
    /// The user's message and the answer: U + F (the default).
    QuestionAndAnswer,
    /// The answer only: F.
    Answer,
}

impl Keyword for Visible {
    const ALL: &'static [Self] = &[Visible::QuestionAndAnswer, Visible::Answer];
    const NAMES: &'static [&'static str] = &["question-and-answer", "answer"];
}

/// Prompt-cache lifetime (docs/model.md#prompt-caching).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheTtl {
    FiveMinutes,
    OneHour,
}

impl Keyword for CacheTtl {
    const ALL: &'static [Self] = &[CacheTtl::FiveMinutes, CacheTtl::OneHour];
    const NAMES: &'static [&'static str] = &["5m", "1h"];
}

/// What a token budget does to the step that would cross it (docs/model.md#token-budgets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetMode {
    /// The step that crosses the budget completes, then the loop stops (the default).
    FinishStep,
    /// The loop never starts a step that would take the billed total past the budget.
    Hard,
}

impl Keyword for BudgetMode {
    const ALL: &'static [Self] = &[BudgetMode::FinishStep, BudgetMode::Hard];
    const NAMES: &'static [&'static str] = &["finish-step", "hard"];
}
