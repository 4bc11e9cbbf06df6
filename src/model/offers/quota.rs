//! On-demand quotas (docs/model.md#quotas): how much traffic the default RPM/TPM quota throttles, and
//! what quota to ask for.
use crate::catalog::Quota;
use crate::catalog::Tier;
use crate::keyword::Keyword;
use crate::model::tokens::RequestTokens;
use crate::model::traffic::arrivals::Arrivals;
use crate::model::traffic::load::MonthLoad;
use crate::model::{Context, OptionEstimate};
use crate::scenario::Workload;
use crate::scenario::{OptionKind, Overflow, PlanOption, Scenario};
use serde::Serialize;

/// Quantile of per-minute invocations the recommended quota covers.
pub const RECOMMEND_QUANTILE: f64 = 0.999;

/// Quota findings for one on-demand option.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuotaFinding {
    /// The on-demand option's name.
    pub option: String,
    /// Quota tokens one invocation charges on average: input + burndown · (max_tokens, else output).
    pub tokens_per_invocation: f64,
    /// Invocations per minute the quota admits: min(RPM, TPM / tokens per invocation); `None` = no quota known.
    pub limit_per_min: Option<f64>,
    /// Which quota binds.
    pub binding: Binding,
    /// Expected share of invocations throttled, per month.
    pub throttled_share: Vec<f64>,
    /// RPM to request: the 99.9th percentile of invocations per minute in the busiest slot of the horizon.
    pub recommended_rpm: f64,
    /// TPM to request: recommended RPM × tokens per invocation, rounded up.
    pub recommended_tpm: f64,
    /// What a `max_tokens` no larger than each call's largest output would free; `None` when
    /// every workload already asks for no more.
    pub tighter: Option<Tighter>,
}

/// A tighter `max_tokens` and the quota it frees (docs/model.md#quotas).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tighter {
    /// Each workload whose reservation would shrink: its `max_tokens` now (`None`: unset, so
    /// the model's maximum output) and the largest output one of its calls produces.
    pub workloads: Vec<TightMaxTokens>,
    /// Quota tokens one invocation would charge on average.
    pub tokens_per_invocation: f64,
    /// TPM the recommended quota would need less.
    pub freed_tpm: f64,
    /// The model's largest output of one call: what an unset `max_tokens` reserves (`None`: the
    /// catalog gives none).
    pub model_max_tokens: Option<f64>,
}

/// One workload's `max_tokens`, now and at its largest call output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TightMaxTokens {
    pub workload: String,
    pub max_tokens_now: Option<f64>,
    pub max_tokens: f64,
}

/// Which of a model's quotas limits its invocations a minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Binding {
    /// Requests per minute.
    Rpm,
    /// Tokens per minute, divided by the tokens an invocation charges.
    Tpm,
    /// The catalog knows no quota of the model.
    NoQuota,
}

impl Keyword for Binding {
    const ALL: &'static [Self] = &[Binding::Rpm, Binding::Tpm, Binding::NoQuota];
    /// As JSON and text print them.
    const NAMES: &'static [&'static str] = &["RPM", "TPM", "none"];
}

impl std::fmt::Display for Binding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Binding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Average quota tokens per invocation over the mix: each call reserves its input and, at the
/// burndown rate, its `max_tokens` (unset: the model's maximum output `max_output`, else the
/// call's output when the catalog gives no maximum).
pub fn tokens_per_invocation(workloads: &[(Workload, RequestTokens)], burndown: f64, max_output: Option<f64>) -> f64 {
    reserved(workloads, burndown, |w| w.max_tokens.or(max_output))
}

/// Quota tokens per invocation when each call reserves `reserve(w)` output tokens (`None`: its
/// output).
fn reserved(workloads: &[(Workload, RequestTokens)], burndown: f64, reserve: impl Fn(&Workload) -> Option<f64>) -> f64 {
    let (mut tokens, mut calls) = (0.0, 0.0);
    for (w, t) in workloads {
        let output = reserve(w).map_or(t.output, |m| m * t.calls);
        tokens += w.share * (t.input + burndown * output);
        calls += w.share * t.calls;
    }
    tokens / calls
}

/// The largest output one call of `w` produces: its answer, or an agent step's thought.
pub fn largest_call_output(w: &Workload) -> f64 {
    w.agent.as_ref().map_or(w.output_tokens, |a| a.thought_tokens.max(w.output_tokens)).ceil().max(1.0)
}

/// The quota a `max_tokens` of each workload's largest call output would free at `rpm`.
fn tighter(
    workloads: &[(Workload, RequestTokens)],
    burndown: f64,
    max_output: Option<f64>,
    rpm: f64,
    tpm: f64,
) -> Option<Tighter> {
    let tight: Vec<TightMaxTokens> = workloads
        .iter()
        .filter(|(w, _)| w.share > 0.0)
        .filter_map(|(w, _)| {
            let now = w.max_tokens.or(max_output)?;
            let max_tokens = largest_call_output(w);
            (max_tokens < now).then(|| TightMaxTokens {
                workload: w.name.clone(),
                max_tokens_now: w.max_tokens,
                max_tokens,
            })
        })
        .collect();
    if tight.is_empty() {
        return None;
    }
    let x = reserved(workloads, burndown, |w| {
        tight.iter().find(|t| t.workload == w.name).map(|t| t.max_tokens).or(w.max_tokens.or(max_output))
    });
    let freed_tpm = tpm - (rpm * x).ceil();
    (freed_tpm > 0.0).then_some(Tighter {
        workloads: tight,
        tokens_per_invocation: x,
        freed_tpm,
        model_max_tokens: max_output,
    })
}

/// Throttling of `quota` for the months' loads. `calls` = invocations per request.
pub fn analyse(
    option: &str,
    (quota, max_output): (&Quota, Option<f64>),
    workloads: &[(Workload, RequestTokens)],
    calls: f64,
    loads: &[MonthLoad],
    burstiness: f64,
) -> QuotaFinding {
    let x = tokens_per_invocation(workloads, quota.output_burndown, max_output);
    let by_tpm = quota.tpm.map(|t| t / x);
    let rpm = quota.rpm.filter(|_| quota.rpm_enforced);
    let (limit, binding) = match (rpm, by_tpm) {
        (Some(r), Some(t)) if r <= t => (Some(r), Binding::Rpm),
        (_, Some(t)) => (Some(t), Binding::Tpm),
        (Some(r), None) => (Some(r), Binding::Rpm),
        (None, None) => (None, Binding::NoQuota),
    };
    let throttled_share = loads
        .iter()
        .map(|m| match limit {
            None => 0.0,
            Some(q) => {
                let excess = m.excess_over(calls, burstiness, q);
                let total: f64 = m.slots.iter().map(|s| s.mean_per_min * calls).sum();
                if total > 0.0 { excess / total } else { 0.0 }
            }
        })
        .collect();
    // The busiest slot of the horizon: the last month's with growth ≥ 0, and the right answer
    // when traffic shrinks.
    let busiest = loads.iter().flat_map(|m| m.slots.iter().map(|s| s.mean_per_min)).fold(0.0, f64::max);
    let rpm = Arrivals::new(busiest * calls, burstiness).peak(RECOMMEND_QUANTILE);
    let recommended_tpm = (rpm * x).ceil();
    QuotaFinding {
        option: option.to_string(),
        tokens_per_invocation: x,
        limit_per_min: limit,
        binding,
        throttled_share,
        recommended_rpm: rpm,
        recommended_tpm,
        tighter: tighter(workloads, quota.output_burndown, max_output, rpm, recommended_tpm),
    }
}

/// The model's largest output of one call, where the catalog gives it.
fn max_output(model: &crate::catalog::Model) -> Option<f64> {
    model.limits.as_ref().map(|l| l.max_output_tokens as f64)
}

impl Context {
    /// The default quota on an on-demand option's own traffic (batch excepted: batch jobs are
    /// not served against it).
    pub fn own_quota(&self, s: &Scenario, o: &PlanOption, loads: &[MonthLoad]) -> Option<QuotaFinding> {
        match &o.kind {
            OptionKind::OnDemand { model, tier, .. } if *tier != Tier::Batch => Some(analyse(
                &o.name,
                (&model.quota, max_output(model)),
                &self.workloads,
                self.mix.calls,
                loads,
                s.traffic.burstiness,
            )),
            OptionKind::OnDemand { .. }
            | OptionKind::Provisioned { .. }
            | OptionKind::Reserved { .. }
            | OptionKind::SelfHosted(_) => None,
        }
    }

    /// Quota findings for the traffic a capacity option sends on demand (what exceeds its
    /// capacity, minute by minute, E[(M − c)⁺] a minute on average in each slot): that traffic
    /// meets the model's default quota.
    pub(in crate::model) fn overflow_quota(
        &self,
        s: &Scenario,
        kind: &OptionKind,
        loads: &[MonthLoad],
        o: &OptionEstimate,
    ) -> Option<QuotaFinding> {
        let model = match kind {
            OptionKind::Provisioned { model, overflow: Overflow::OnDemand, .. }
            | OptionKind::Reserved { model, .. } => model,
            OptionKind::Provisioned { overflow: Overflow::Reject, .. }
            | OptionKind::OnDemand { .. }
            | OptionKind::SelfHosted(_) => return None,
        };
        let over: Vec<MonthLoad> = loads
            .iter()
            .zip(&o.cost.months)
            .map(|(l, m)| {
                let cap = self.slot_capacity(kind, l, m).unwrap_or_default();
                let slots = l
                    .slots
                    .iter()
                    .zip(&cap)
                    .map(|(x, c)| crate::model::traffic::load::SlotLoad {
                        // The expected overflow a minute, as the option's overflow cost counts it.
                        mean_per_min: l.excess_per_min(x.mean_per_min, *c),
                        peak_per_min: 0.0,
                    })
                    .collect();
                MonthLoad::new(l.requests, slots, l.minutes_per_slot, l.peaks, l.burstiness)
            })
            .collect();
        Some(analyse(
            &o.name,
            (&model.quota, max_output(model)),
            &self.workloads,
            self.mix.calls,
            &over,
            s.traffic.burstiness,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::tokens::{tests::design_agent, workload_tokens};
    use crate::model::traffic::load::SlotLoad;

    #[test]
    fn max_tokens_and_burndown_set_the_quota_charge() {
        // 3-step agent: 4,950 in, 700 out over 3 calls. Without max_tokens, burndown 5:
        // (4,950 + 5·700) / 3 = 2,816.67 per call. With max_tokens 1,024: (4,950 + 5·3·1,024)/3 = 6,770.
        let mut w = design_agent(vec![(3, 1.0)], None);
        let t = workload_tokens(&w);
        assert!((tokens_per_invocation(&[(w.clone(), t)], 5.0, None) - 8_450.0 / 3.0).abs() < 1e-9);
        w.max_tokens = Some(1024.0);
        assert!((tokens_per_invocation(&[(w, t)], 5.0, None) - 6_770.0).abs() < 1e-9);
    }

    #[test]
    fn throttled_share_and_recommendation() {
        // One busy slot at mean 2 invocations/min (Poisson), a TPM quota that admits exactly 3 per
        // minute (3 × 1,000 tokens): E[(M − 3)⁺] = −1 + 9e⁻² = 0.218 of 2 → 10.9 % throttled.
        let w = crate::model::tokens::tests::plain(900.0, 100.0, 0.0);
        let t = workload_tokens(&w);
        let mut slots = vec![SlotLoad { mean_per_min: 0.0, peak_per_min: 0.0 }; 168];
        slots[0].mean_per_min = 2.0;
        let loads = [MonthLoad::new(120.0, slots, 60.0, crate::model::traffic::load::Peaks::All, 1.0)];
        let quota =
            Quota { rpm: Some(500.0), rpm_enforced: true, tpm: Some(3_000.0), output_burndown: 1.0, provenance: None };
        let f = analyse("od", (&quota, None), &[(w.clone(), t)], 1.0, &loads, 1.0);
        assert_eq!((f.limit_per_min, f.binding), (Some(3.0), Binding::Tpm));
        assert!((f.throttled_share[0] - (-1.0 + 9.0 * (-2.0f64).exp()) / 2.0).abs() < 1e-12);
        // 99.9th percentile of Poisson(2): cdf(7) = 0.998903 < 0.999 ≤ cdf(8) = 0.999763 → 8 RPM, 8,000 TPM.
        assert_eq!((f.recommended_rpm, f.recommended_tpm), (8.0, 8_000.0));
        // An RPM quota of 2 binds first when enforced, and is ignored when the provider no longer enforces it.
        let rpm = Quota { rpm: Some(2.0), ..quota.clone() };
        assert_eq!(analyse("od", (&rpm, None), &[(w.clone(), t)], 1.0, &loads, 1.0).binding, Binding::Rpm);
        let unenforced = Quota { rpm_enforced: false, ..rpm };
        assert_eq!(analyse("od", (&unenforced, None), &[(w, t)], 1.0, &loads, 1.0).binding, Binding::Tpm);
        // JSON keeps the words it always printed.
        let words: Vec<String> = Binding::ALL.iter().map(|b| serde_json::to_string(b).unwrap()).collect();
        assert_eq!(words, [r#""RPM""#, r#""TPM""#, r#""none""#]);
    }
}
