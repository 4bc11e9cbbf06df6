//! Tokens per request (DESIGN §4.1): plain calls, agent loops, token budgets, the mix.
use crate::scenario::{Agent, Workload};

/// Expected tokens of one request (or of the share-weighted mix).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RequestTokens {
    /// Billed input tokens, system prompt included.
    pub input: f64,
    /// Billed output tokens.
    pub output: f64,
    /// Input tokens that are the re-sent system prompt (calls × S); what caching prices.
    pub system_input: f64,
    /// Model invocations.
    pub calls: f64,
    /// What the application logs: U + F.
    pub visible: f64,
    /// Share of requests cut short by the token budget.
    pub truncated_share: f64,
}

impl RequestTokens {
    /// Billed tokens, input + output.
    pub fn billed(&self) -> f64 {
        self.input + self.output
    }

    /// Billed / visible (1 when nothing is visible).
    pub fn overhead_ratio(&self) -> f64 {
        if self.visible > 0.0 { self.billed() / self.visible } else { 1.0 }
    }

    fn scaled_add(&mut self, other: &RequestTokens, weight: f64) {
        self.input += weight * other.input;
        self.output += weight * other.output;
        self.system_input += weight * other.system_input;
        self.calls += weight * other.calls;
        self.visible += weight * other.visible;
        self.truncated_share += weight * other.truncated_share;
    }
}

/// One invocation of an agent loop.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    pub input: f64,
    pub output: f64,
}

/// The invocations an agent request of `n` planned steps actually bills, and whether the
/// token budget cut it short. Step i bills `S + U + (i−1)(R + T)` in and R out (F for the last).
pub fn agent_steps(w: &Workload, a: &Agent, n: u32) -> (Vec<Step>, bool) {
    let (s, u, r, t, f) =
        (w.system_prompt_tokens, w.input_tokens, a.thought_tokens, a.tool_result_tokens, w.output_tokens);
    let mut steps = Vec::with_capacity(n as usize);
    let mut cum = 0.0;
    for i in 1..=n {
        let input = s + u + f64::from(i - 1) * (r + t);
        if i == n {
            steps.push(Step { input, output: f });
            break;
        }
        steps.push(Step { input, output: r });
        cum += input + r;
        if a.token_budget.is_some_and(|b| cum >= b) {
            return (steps, true);
        }
    }
    (steps, false)
}

/// Expected tokens of one request of this workload.
pub fn workload_tokens(w: &Workload) -> RequestTokens {
    let visible = w.input_tokens + w.output_tokens;
    let cached = w.cache_hit_rate.is_some();
    let Some(agent) = &w.agent else {
        return RequestTokens {
            input: w.system_prompt_tokens + w.input_tokens,
            output: w.output_tokens,
            system_input: if cached { w.system_prompt_tokens } else { 0.0 },
            calls: 1.0,
            visible,
            truncated_share: 0.0,
        };
    };
    let mut total = RequestTokens::default();
    for &(n, p) in &agent.steps {
        let (steps, truncated) = agent_steps(w, agent, n);
        let calls = steps.len() as f64;
        let one = RequestTokens {
            input: steps.iter().map(|s| s.input).sum(),
            output: steps.iter().map(|s| s.output).sum(),
            system_input: if cached { calls * w.system_prompt_tokens } else { 0.0 },
            calls,
            visible,
            truncated_share: if truncated { 1.0 } else { 0.0 },
        };
        total.scaled_add(&one, p);
    }
    total
}

/// Share-weighted tokens of the request mix.
pub fn mix_tokens(workloads: &[Workload]) -> RequestTokens {
    let mut total = RequestTokens::default();
    for w in workloads {
        total.scaled_add(&workload_tokens(w), w.share);
    }
    total
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A plain workload: U in, F out, S system prompt.
    pub fn plain(u: f64, f: f64, s: f64) -> Workload {
        Workload {
            name: "w".into(),
            share: 1.0,
            input_tokens: u,
            output_tokens: f,
            system_prompt_tokens: s,
            cache_hit_rate: None,
            max_tokens: None,
            agent: None,
        }
    }

    /// The DESIGN §3.2 agent: S=800, U=400, R=150, T=300, F=400.
    pub fn design_agent(steps: Vec<(u32, f64)>, budget: Option<f64>) -> Workload {
        Workload {
            agent: Some(Agent { steps, thought_tokens: 150.0, tool_result_tokens: 300.0, token_budget: budget }),
            ..plain(400.0, 400.0, 800.0)
        }
    }

    #[test]
    fn plain_call_is_system_plus_user_in_and_answer_out() {
        let t = workload_tokens(&plain(300.0, 200.0, 150.0));
        // 150 + 300 = 450 in, 200 out, one call, 500 visible.
        assert_eq!((t.input, t.output, t.calls, t.visible), (450.0, 200.0, 1.0, 500.0));
    }

    #[test]
    fn three_step_agent_bills_4950_in_700_out() {
        let t = workload_tokens(&design_agent(vec![(3, 1.0)], None));
        // in: 3·(800+400) + (150+300)·3·2/2 = 3,600 + 1,350 = 4,950; out: 2·150 + 400 = 700.
        assert_eq!((t.input, t.output, t.calls), (4950.0, 700.0, 3.0));
        // 5,650 billed / 800 visible = 7.0625.
        assert_eq!(t.overhead_ratio(), 5650.0 / 800.0);
        assert_eq!(t.truncated_share, 0.0);
    }

    #[test]
    fn steps_match_the_closed_form() {
        // input(n) = n(S+U) + (R+T)n(n−1)/2; output(n) = (n−1)R + F, for n = 1..10.
        for n in 1..=10u32 {
            let t = workload_tokens(&design_agent(vec![(n, 1.0)], None));
            let nf = f64::from(n);
            assert_eq!(t.input, nf * 1200.0 + 450.0 * nf * (nf - 1.0) / 2.0, "n = {n}");
            assert_eq!(t.output, (nf - 1.0) * 150.0 + 400.0, "n = {n}");
        }
    }

    #[test]
    fn budget_truncates_a_steps_distribution() {
        // Budget 3,000; steps {1: 0.2, 3: 0.5, 6: 0.3}.
        // n = 1: the only step is final, never truncated: 1,200 in, 400 out, 1 call.
        // n ≥ 2: cum(1) = 1,200 + 150 = 1,350 < 3,000; cum(2) = 1,350 + 1,650 + 150 = 3,150 ≥ 3,000
        //        → stops after step 2 (< n): truncated, bills 1,200 + 1,650 = 2,850 in, 300 out, 2 calls.
        let t = workload_tokens(&design_agent(vec![(1, 0.2), (3, 0.5), (6, 0.3)], Some(3000.0)));
        assert!((t.truncated_share - 0.8).abs() < 1e-12);
        assert!((t.input - (0.2 * 1200.0 + 0.8 * 2850.0)).abs() < 1e-9); // 2,520
        assert!((t.output - (0.2 * 400.0 + 0.8 * 300.0)).abs() < 1e-9); // 320
        assert!((t.calls - (0.2 + 0.8 * 2.0)).abs() < 1e-12); // 1.8
    }

    #[test]
    fn budget_reached_only_at_the_last_step_is_not_truncation() {
        // 2 steps: cum(1) = 1,350 < 1,400; the loop then runs its final step, whatever it bills.
        let t = workload_tokens(&design_agent(vec![(2, 1.0)], Some(1400.0)));
        assert_eq!((t.input, t.output, t.truncated_share), (1200.0 + 1650.0, 150.0 + 400.0, 0.0));
    }

    #[test]
    fn mix_is_share_weighted() {
        // DESIGN support agent: 70 % plain (450 in / 200 out), 30 % 3-step agent (4,950 / 700).
        let mut simple = plain(300.0, 200.0, 150.0);
        simple.share = 0.7;
        let mut agent = design_agent(vec![(3, 1.0)], None);
        agent.share = 0.3;
        let m = mix_tokens(&[simple, agent]);
        // in 0.7·450 + 0.3·4,950 = 1,800; out 0.7·200 + 0.3·700 = 350; calls 0.7 + 0.9 = 1.6.
        assert!((m.input - 1800.0).abs() < 1e-9);
        assert!((m.output - 350.0).abs() < 1e-9);
        assert!((m.calls - 1.6).abs() < 1e-12);
        // visible 0.7·500 + 0.3·800 = 590.
        assert!((m.visible - 590.0).abs() < 1e-9);
    }
}
