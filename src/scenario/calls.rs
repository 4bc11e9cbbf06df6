//! The calls one request of a workload makes, from the workload as written
//! (docs/model.md#tokens): what every token, capacity and context-window figure is built on.
use super::{Agent, BudgetMode, Workload};

/// One invocation of an agent loop.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    pub input: f64,
    pub output: f64,
}

/// The invocations an agent request of `n` planned steps actually bills, and whether the
/// token budget cut it short. Step i bills `S + U + K + (i−1)(R + T)` in and R out (F for the
/// last), K being the retrieved tokens re-sent with every call.
///
/// With a budget B and `cum(k)` the tokens of the first k steps: `finish-step` stops after the
/// first intermediate step with `cum(k) ≥ B`; `hard` never starts a step that would take the
/// total past B, so it may bill nothing at all (docs/model.md#token-budgets).
pub fn agent_steps(w: &Workload, a: &Agent, n: u32) -> (Vec<Step>, bool) {
    let (s, u, r, t, f) =
        (w.system_prompt_tokens, w.input_tokens, a.thought_tokens, a.tool_result_tokens, w.output_tokens);
    let k = w.retrieved_tokens();
    let mut steps = Vec::with_capacity(n as usize);
    let mut cum = 0.0;
    for i in 1..=n {
        let input = s + u + k + f64::from(i - 1) * (r + t);
        let output = if i == n { f } else { r };
        if a.budget_mode == BudgetMode::Hard && a.token_budget.is_some_and(|b| cum + input + output > b) {
            return (steps, true);
        }
        steps.push(Step { input, output });
        cum += input + output;
        if i < n && a.budget_mode == BudgetMode::FinishStep && a.token_budget.is_some_and(|b| cum >= b) {
            return (steps, true);
        }
    }
    (steps, false)
}

/// One kind of call a request makes: how many of it an average request makes, and its tokens.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Call {
    /// Expected count per request (a step's probability for a steps distribution).
    pub weight: f64,
    /// Billed input tokens, the system prompt and retrieved chunks included.
    pub input: f64,
    /// The system-prompt part of `input`: what prompt caching prices.
    pub system: f64,
    pub output: f64,
}

/// Every call an average request of `w` bills, one entry per step of each step count.
pub fn calls(w: &Workload) -> Vec<Call> {
    let s = w.system_prompt_tokens;
    let Some(agent) = &w.agent else {
        let input = s + w.input_tokens + w.retrieved_tokens();
        return vec![Call { weight: 1.0, input, system: s, output: w.output_tokens }];
    };
    agent
        .steps
        .iter()
        .flat_map(|&(n, p)| {
            let (steps, _) = agent_steps(w, agent, n);
            steps.into_iter().map(move |st| Call { weight: p, input: st.input, system: s, output: st.output })
        })
        .collect()
}
