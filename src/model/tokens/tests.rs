//! Tests of `model::tokens`, kept beside it so that the module reads on its own.
use super::*;
use crate::scenario::calls::calls;
use crate::scenario::{Agent, BudgetMode};

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
        latency: crate::scenario::Latency::Interactive,
        visible: Visible::QuestionAndAnswer,
        cache_ttl: crate::scenario::CacheTtl::FiveMinutes,
        agent: None,
        retrieval: None,
        slo: None,
        tool_latency_s: 0.0,
    }
}

/// The running example agent of docs/model.md: S=800, U=400, R=150, T=300, F=400.
pub fn design_agent(steps: Vec<(u32, f64)>, budget: Option<f64>) -> Workload {
    Workload {
        agent: Some(Agent {
            steps,
            thought_tokens: 150.0,
            tool_result_tokens: 300.0,
            token_budget: budget,
            budget_mode: BudgetMode::FinishStep,
        }),
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
    // Visible: the 1-step requests show U + F = 800, the truncated ones U = 400 alone:
    // 0.2·800 + 0.8·400 = 480.
    assert!((t.visible - 480.0).abs() < 1e-9);
}

fn hard(mut w: Workload) -> Workload {
    w.agent.as_mut().unwrap().budget_mode = BudgetMode::Hard;
    w
}

#[test]
fn a_hard_budget_never_starts_a_step_that_would_cross_it() {
    // 4-step agent, B = 2,000. Step 1 bills 1,200 in + 150 out: cum(1) = 1,350 ≤ 2,000.
    // Step 2 would bill 1,650 + 150: cum(2) = 3,150 > 2,000, so it is never started: n' = 1.
    // Billed 1,200 in / 150 out in 1 call; truncated; the user saw only U = 400.
    let t = workload_tokens(&hard(design_agent(vec![(4, 1.0)], Some(2000.0))));
    assert_eq!((t.input, t.output, t.calls, t.truncated_share, t.visible), (1200.0, 150.0, 1.0, 1.0, 400.0));
    // finish-step bills the crossing step too: n' = 2, 1,200 + 1,650 = 2,850 in, 300 out.
    let f = workload_tokens(&design_agent(vec![(4, 1.0)], Some(2000.0)));
    assert_eq!((f.input, f.output, f.calls), (2850.0, 300.0, 2.0));
}

#[test]
fn a_hard_budget_below_the_first_step_bills_nothing() {
    // B = 1,000 < cum(1) = 1,350: n' = 0, no call, nothing billed, U shown.
    let t = workload_tokens(&hard(design_agent(vec![(3, 1.0)], Some(1000.0))));
    assert_eq!((t.input, t.output, t.calls, t.truncated_share, t.visible), (0.0, 0.0, 0.0, 1.0, 400.0));
}

#[test]
fn a_hard_budget_counts_the_final_answer() {
    // 2 steps: cum(2) = 1,350 + 1,650 + 400 (F) = 3,400. B = 3,400 fits exactly: not truncated.
    // B = 3,399: step 2 would cross it, so n' = 1 and the request is truncated.
    let fits = workload_tokens(&hard(design_agent(vec![(2, 1.0)], Some(3400.0))));
    assert_eq!((fits.input, fits.output, fits.truncated_share), (2850.0, 550.0, 0.0));
    let cut = workload_tokens(&hard(design_agent(vec![(2, 1.0)], Some(3399.0))));
    assert_eq!((cut.input, cut.output, cut.truncated_share), (1200.0, 150.0, 1.0));
}

#[test]
fn an_application_that_logs_only_the_answer_sees_f() {
    // 3-step agent, complete: 5,650 billed over F = 400 visible = 14.125x.
    let mut w = design_agent(vec![(3, 1.0)], None);
    w.visible = Visible::Answer;
    let t = workload_tokens(&w);
    assert_eq!((t.visible, t.overhead()), (400.0, Some(5650.0 / 400.0)));
    // Cut short by a budget, it logs a canned reply the model never wrote: 0 visible.
    let mut cut = hard(design_agent(vec![(3, 1.0)], Some(1000.0)));
    cut.visible = Visible::Answer;
    assert_eq!(workload_tokens(&cut).overhead(), None);
    let tiny = RequestTokens { input: 1500.0, visible: 1e-310, ..RequestTokens::default() }; // 1500/1e-310 = inf
    assert_eq!((tiny.overhead(), tiny.overhead_ratio()), (None, 0.0));
}

#[test]
fn budget_reached_only_at_the_last_step_is_not_truncation() {
    // 2 steps: cum(1) = 1,350 < 1,400; the loop then runs its final step, whatever it bills.
    let t = workload_tokens(&design_agent(vec![(2, 1.0)], Some(1400.0)));
    assert_eq!((t.input, t.output, t.truncated_share), (1200.0 + 1650.0, 150.0 + 400.0, 0.0));
}

/// The design agent with `chunks` retrieved chunks of 300 tokens on every call.
pub fn rag_agent(n: u32, chunks: u32) -> Workload {
    let retrieval = crate::scenario::Retrieval { chunks, chunk_tokens: 300.0, query_embedding: None, rerank: None };
    Workload { retrieval: Some(retrieval), ..design_agent(vec![(n, 1.0)], None) }
}

#[test]
fn retrieved_chunks_are_resent_at_every_step() {
    // K = 5 · 300 = 1,500. input(n) = n(S + U + K) + (R + T)n(n − 1)/2
    //                              = n(800 + 400 + 1,500) + 450 · n(n − 1)/2; output unchanged.
    for n in 1..=10u32 {
        let t = workload_tokens(&rag_agent(n, 5));
        let nf = f64::from(n);
        assert_eq!(t.input, nf * 2700.0 + 450.0 * nf * (nf - 1.0) / 2.0, "n = {n}");
        assert_eq!(t.retrieved, nf * 1500.0, "n = {n}");
        assert_eq!(t.output, (nf - 1.0) * 150.0 + 400.0, "n = {n}");
    }
    // 3 steps: 3 · 2,700 + 450 · 3 = 9,450 in, 700 out; the app still logs U + F = 800:
    // 10,150 / 800 = 12.6875x hidden, against 5,650 / 800 = 7.0625x without retrieval.
    let t = workload_tokens(&rag_agent(3, 5));
    assert_eq!((t.input, t.output, t.visible), (9450.0, 700.0, 800.0));
    assert_eq!(t.overhead_ratio(), 10150.0 / 800.0);
    // Every call carries the chunks: 2,700, 3,150 and 3,600 input tokens; the system part stays S.
    let c = calls(&rag_agent(3, 5));
    assert_eq!(c.iter().map(|c| c.input).collect::<Vec<_>>(), [2700.0, 3150.0, 3600.0]);
    assert!(c.iter().all(|c| c.system == 800.0));
}

#[test]
fn mix_is_share_weighted() {
    // The support agent of docs/model.md: 70 % plain (450 in / 200 out), 30 % 3-step agent (4,950 / 700).
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
