//! `[[workload]]` entries → validated [`Workload`]s: tokens, caching, latency, what is logged,
//! agent loops and their budgets, retrieval.
use super::convert::SUM_TOLERANCE;
use super::raw;
use super::*;
use crate::input::Checker;
use crate::keyword::Keyword;
use crate::limits;
use toml::Spanned;

pub(super) fn workloads(ck: &mut Checker, ws: &[Spanned<raw::Workload>]) -> Vec<Workload> {
    if ws.is_empty() {
        ck.file_error(
            "the scenario has no [[workload]]",
            "add at least one [[workload]] with name, share, input_tokens and output_tokens",
        );
        return Vec::new();
    }
    let mut out: Vec<Workload> = Vec::new();
    for w in ws {
        let r = w.get_ref();
        ck.printable(&r.name.span(), r.name.get_ref(), "name");
        if out.iter().any(|o| o.name == *r.name.get_ref()) {
            ck.error(
                &r.name.span(),
                format!("two workloads are named `{}`", r.name.get_ref()),
                "give each [[workload]] its own name",
            );
        }
        out.push(workload(ck, r));
    }
    let sum: f64 = out.iter().map(|w| w.share).sum();
    if ck.diags.is_empty() && (sum - 1.0).abs() > SUM_TOLERANCE {
        let last = &ws[ws.len() - 1].get_ref().share;
        let shares: Vec<String> = out.iter().map(|w| format!("{}", w.share)).collect();
        ck.error(
            &last.span(),
            format!("workload shares sum to {}, not 1 ({})", round6(sum), shares.join(" + ")),
            "adjust the `share` values so they add up to 1",
        );
    }
    out
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// One `[[workload]]`, each field checked; the checks that tie fields together are named below.
fn workload(ck: &mut Checker, r: &raw::Workload) -> Workload {
    let share = ck.number_in(&r.share, "share", 0.0, 1.0);
    let output_tokens = limits::check(ck, &r.output_tokens, "output_tokens", limits::TOKENS);
    let caching = r.cache_system_prompt.as_ref().is_some_and(|c| *c.get_ref());
    let cache_hit_rate = cache_hit_rate(ck, r);
    let agent = r.agent.as_ref().map(|a| agent(ck, a.get_ref()));
    let retrieval = r.retrieval.as_ref().map(|x| super::services::retrieval(ck, x.get_ref()));
    let slo = r.slo.as_ref().and_then(|x| slo(ck, x));
    let cache_ttl = cache_ttl(ck, r, caching);
    let latency = r
        .latency
        .as_ref()
        .and_then(|l| ck.one_of(l, "latency", Latency::NAMES))
        .and_then(Latency::parse)
        .unwrap_or(Latency::Interactive);
    let visible = visible(ck, r);
    let max_tokens = r.max_tokens.as_ref().map(|m| max_tokens(ck, m, agent.as_ref(), output_tokens));
    let input_tokens = limits::check(ck, &r.input_tokens, "input_tokens", limits::TOKENS);
    let system_prompt_tokens =
        limits::check_or(ck, &r.system_prompt_tokens, "system_prompt_tokens", limits::TOKENS, 0.0);
    if let (Some(a), Some(raw_agent)) = (&agent, &r.agent) {
        let k = retrieval.as_ref().map_or(0.0, Retrieval::tokens);
        hard_budget_runs_something(ck, a, raw_agent.get_ref(), system_prompt_tokens + input_tokens + k, output_tokens);
    }
    bills_some_tokens(ck, r);
    let tool_latency_s = super::client::tool_latency(ck, r);
    Workload {
        name: r.name.get_ref().clone(),
        share,
        input_tokens,
        output_tokens,
        system_prompt_tokens,
        cache_hit_rate,
        cache_ttl,
        max_tokens,
        latency,
        visible,
        agent,
        retrieval,
        slo,
        tool_latency_s,
    }
}

/// The share of calls that read the cached system prompt: given exactly when
/// `cache_system_prompt = true`.
fn cache_hit_rate(ck: &mut Checker, r: &raw::Workload) -> Option<f64> {
    let caching = r.cache_system_prompt.as_ref().filter(|c| *c.get_ref());
    match (caching, &r.cache_hit_rate) {
        (Some(_), Some(h)) => Some(ck.number_in(h, "cache_hit_rate", 0.0, 1.0)),
        (Some(c), None) => {
            ck.error(
                &c.span(),
                "`cache_system_prompt = true` needs a `cache_hit_rate`",
                "add e.g. `cache_hit_rate = 0.9` (the share of calls that read the cached prompt)",
            );
            None
        }
        (None, Some(h)) => {
            ck.error(
                &h.span(),
                "`cache_hit_rate` has no effect without `cache_system_prompt = true`",
                "set `cache_system_prompt = true`, or remove `cache_hit_rate`",
            );
            None
        }
        (None, None) => None,
    }
}

/// How long a cached prompt lives: 5 minutes unless `cache_ttl` says otherwise, which only a
/// caching workload may.
fn cache_ttl(ck: &mut Checker, r: &raw::Workload, caching: bool) -> CacheTtl {
    let Some(t) = &r.cache_ttl else { return CacheTtl::FiveMinutes };
    if !caching {
        ck.error(
            &t.span(),
            "`cache_ttl` has no effect without `cache_system_prompt = true`",
            "set `cache_system_prompt = true` with a `cache_hit_rate`, or remove `cache_ttl`",
        );
    }
    ck.one_of(t, "cache_ttl", CacheTtl::NAMES).and_then(CacheTtl::parse).unwrap_or(CacheTtl::FiveMinutes)
}

/// What the user sees of a call; showing only the answer needs an answer to show.
fn visible(ck: &mut Checker, r: &raw::Workload) -> Visible {
    let visible = r
        .visible
        .as_ref()
        .and_then(|v| ck.one_of(v, "visible", Visible::NAMES))
        .and_then(Visible::parse)
        .unwrap_or(Visible::QuestionAndAnswer);
    if let Some(v) = &r.visible
        && visible == Visible::Answer
        && *r.output_tokens.get_ref() == 0.0
    {
        ck.error(
            &v.span(),
            "`visible = \"answer\"` leaves nothing visible: this workload's answer has 0 output tokens",
            "give the answer's `output_tokens`, or use `visible = \"question-and-answer\"`",
        );
    }
    visible
}

/// `max_tokens` caps each call's output: it may not cut below the largest output a call of this
/// workload produces (the answer, or an agent step's thought).
fn max_tokens(ck: &mut Checker, m: &Spanned<f64>, agent: Option<&Agent>, output_tokens: f64) -> f64 {
    let x = f64::from(ck.whole(m, "max_tokens", 1));
    let largest = agent.map_or(output_tokens, |a| a.thought_tokens.max(output_tokens));
    if x < largest {
        ck.error(
            &m.span(),
            format!("`max_tokens` ({x}) is below the {largest} output tokens a call of this workload produces"),
            format!("raise `max_tokens` to at least {largest}, or lower the output tokens"),
        );
    }
    x
}

/// A workload whose input, output and system-prompt tokens are all 0 would bill nothing.
fn bills_some_tokens(ck: &mut Checker, r: &raw::Workload) {
    // On the values as written, so a negative count (already reported) does not also read as 0.
    let written_zero = |v: &Spanned<f64>| *v.get_ref() == 0.0;
    if written_zero(&r.input_tokens)
        && written_zero(&r.output_tokens)
        && r.system_prompt_tokens.as_ref().is_none_or(written_zero)
    {
        ck.error(
            &r.name.span(),
            format!(
                "workload `{}` bills no tokens: its input, output and system-prompt tokens are all 0",
                r.name.get_ref()
            ),
            "give the tokens a request of this kind sends and receives",
        );
    }
}

/// A hard budget below every request's first step would bill nothing and serve nobody.
fn hard_budget_runs_something(ck: &mut Checker, a: &Agent, raw: &raw::Agent, prompt: f64, answer: f64) {
    let (Some(budget), Some(span)) = (a.token_budget, raw.token_budget.as_ref().map(|b| b.span())) else { return };
    let first_step = |n: u32| prompt + if n == 1 { answer } else { a.thought_tokens };
    let smallest = a.steps.iter().map(|&(n, _)| first_step(n)).fold(f64::INFINITY, f64::min);
    if a.budget_mode == BudgetMode::Hard && budget < smallest {
        ck.error(
            &span,
            format!(
                "`token_budget` ({budget}) is below the {smallest} tokens of the first step: with \
                 `token_budget_mode = \"hard\"` no request of this workload would ever run"
            ),
            format!("raise `token_budget` to at least {smallest}, or use `token_budget_mode = \"finish-step\"`"),
        );
    }
}

fn agent(ck: &mut Checker, a: &raw::Agent) -> Agent {
    Agent {
        steps: steps(ck, &a.steps),
        thought_tokens: limits::check(ck, &a.thought_tokens, "thought_tokens", limits::TOKENS),
        tool_result_tokens: limits::check(ck, &a.tool_result_tokens, "tool_result_tokens", limits::TOKENS),
        token_budget: a.token_budget.as_ref().map(|b| limits::check(ck, b, "token_budget", limits::TOKEN_BUDGET)),
        budget_mode: match &a.token_budget_mode {
            None => BudgetMode::FinishStep,
            Some(m) => {
                if a.token_budget.is_none() {
                    ck.error(
                        &m.span(),
                        "`token_budget_mode` has no effect without a `token_budget`",
                        "add `token_budget = N` (billed tokens per request), or remove `token_budget_mode`",
                    );
                }
                ck.one_of(m, "token_budget_mode", BudgetMode::NAMES)
                    .and_then(BudgetMode::parse)
                    .unwrap_or(BudgetMode::FinishStep)
            }
        },
    }
}

fn steps(ck: &mut Checker, s: &Spanned<toml::Value>) -> Vec<(u32, f64)> {
    let span = s.span();
    let help =
        "write a whole number of steps (`steps = 3`) or a distribution (`steps = { 1 = 0.2, 3 = 0.5, 6 = 0.3 }`)";
    if crate::limits::step_entries(ck, s) {
        return vec![(1, 1.0)];
    }
    match s.get_ref() {
        toml::Value::Integer(n) if (1..=1000).contains(n) => vec![(*n as u32, 1.0)],
        toml::Value::Table(t) if !t.is_empty() => {
            let mut out: Vec<(u32, f64)> = Vec::new();
            for (k, v) in t {
                let n = k.parse::<u32>().ok().filter(|n| (1..=1000).contains(n));
                let p = match v {
                    toml::Value::Float(x) => Some(*x),
                    toml::Value::Integer(x) => Some(*x as f64),
                    _ => None,
                }
                .filter(|p| (0.0..=1.0).contains(p));
                match (n, p) {
                    (Some(n), Some(p)) => out.push((n, p)),
                    (None, _) => {
                        ck.error(&span, format!("`steps` key \"{k}\" is not a step count from 1 to 1000"), help)
                    }
                    (_, None) => {
                        ck.error(&span, format!("`steps` probability for {k} steps must be a number from 0 to 1"), help)
                    }
                }
            }
            out.sort_by_key(|(n, _)| *n);
            let sum: f64 = out.iter().map(|(_, p)| p).sum();
            if out.len() == t.len() && (sum - 1.0).abs() > SUM_TOLERANCE {
                ck.error(
                    &span,
                    format!("`steps` probabilities sum to {}, not 1", round6(sum)),
                    "adjust the probabilities so they add up to 1",
                );
            }
            out
        }
        other => {
            let found = match other {
                toml::Value::Integer(n) => format!("{n}"),
                v => v.to_string(),
            };
            ck.error(
                &span,
                format!("`steps` must be a step count from 1 to 1000 or a distribution, found {found}"),
                help,
            );
            vec![(1, 1.0)]
        }
    }
}

/// `[workload.slo]`: each figure above zero and finite, at least one given.
fn slo(ck: &mut Checker, s: &Spanned<raw::Slo>) -> Option<Slo> {
    let r = s.get_ref();
    let mut figure = |v: &Option<Spanned<f64>>, name: &str| v.as_ref().map(|v| ck.positive(v, name));
    let out = Slo {
        ttft_ms: figure(&r.ttft_ms, "ttft_ms"),
        tokens_per_s: figure(&r.tokens_per_s, "tokens_per_s"),
        latency_s: figure(&r.latency_s, "latency_s"),
    };
    if let (Some(latency), Some(ttft), Some(span)) =
        (out.latency_s, out.ttft_ms, r.latency_s.as_ref().map(|l| l.span()))
        && latency * 1e3 <= ttft
    {
        ck.error(
            &span,
            format!(
                "`latency_s` ({latency} s) is not above `ttft_ms` ({ttft} ms): no response ends before its first token"
            ),
            format!("raise `latency_s` above {} s, or lower `ttft_ms`", ttft / 1e3),
        );
    }
    if out == Slo::default() {
        ck.error(
            &s.span(),
            "`[workload.slo]` gives no objective",
            "give `ttft_ms`, `tokens_per_s` (per user) or `latency_s`, or drop the table",
        );
        return None;
    }
    Some(out)
}
