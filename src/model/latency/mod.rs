//! Response time, requests in flight and timeouts, per workload and option
//! (docs/model.md#latency-and-timeouts): how long a request takes at the speed an option
//! serves it, how many requests are in flight at the busiest minute (Little's law), and which
//! share of them a client's timeouts would cut, with what would fix it.
pub mod chart;
pub mod time;

use crate::catalog::{Spread, Tier};
use crate::keyword::Keyword;
use crate::model::offers::selfhost::Capacity;
use crate::scenario::calls::agent_steps;
use crate::scenario::{Client, Latency as Wait, OptionKind, PlanOption, Scenario, Workload};
use serde::Serialize;
use time::{Measure, Pace, Path, Times};

/// Where an option's speed figures come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeedBasis {
    /// Published for this model (the catalog's source).
    Published,
    /// Nobody publishes this model's speed: the catalog carries a sibling's.
    Assumed,
    /// The option's own `speed = { … }`.
    Override,
    /// The self-hosting performance model at the option's operating point.
    Physics,
}

impl Keyword for SpeedBasis {
    const ALL: &'static [Self] =
        &[SpeedBasis::Published, SpeedBasis::Assumed, SpeedBasis::Override, SpeedBasis::Physics];
    const NAMES: &'static [&'static str] = &["published", "assumed", "override", "physics"];
}

impl Serialize for SpeedBasis {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The speed one caller of an option sees.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionSpeed {
    pub output_tokens_per_s: Spread,
    pub ttft_ms: Spread,
    pub basis: SpeedBasis,
    /// The catalog's source, for catalog figures.
    pub source: Option<String>,
}

/// The speed option `o` serves workload `w` at; `None` when neither the catalog nor the option
/// gives one. `capacity`: a self-hosted option's operating points.
pub fn option_speed(o: &PlanOption, w: &Workload, capacity: Option<&Capacity>) -> Option<OptionSpeed> {
    let catalog = |m: &crate::catalog::Model, endpoint| {
        m.speed.as_ref().map(|s| {
            let s = s.at(endpoint);
            OptionSpeed {
                output_tokens_per_s: s.output_tokens_per_s,
                ttft_ms: s.ttft_ms,
                basis: if s.provenance.assumed { SpeedBasis::Assumed } else { SpeedBasis::Published },
                source: Some(s.provenance.cite()),
            }
        })
    };
    let base = match &o.kind {
        OptionKind::OnDemand { model, endpoint, .. } => catalog(model, *endpoint),
        OptionKind::Provisioned { model, .. } | OptionKind::Reserved { model, .. } => {
            catalog(model, crate::catalog::Endpoint::InRegion)
        }
        OptionKind::SelfHosted(_) => {
            capacity.and_then(|c| c.points.iter().find(|p| p.workload == w.name)).map(|p| OptionSpeed {
                output_tokens_per_s: Spread::exactly(1.0 / p.point.itl_s),
                ttft_ms: Spread::exactly(p.point.ttft_s * 1e3),
                basis: SpeedBasis::Physics,
                source: None,
            })
        }
    };
    let Some(over) = o.speed else { return base };
    match (base, over.output_tokens_per_s, over.ttft_ms) {
        (_, Some(tps), Some(ttft)) => Some(OptionSpeed {
            output_tokens_per_s: Spread::exactly(tps),
            ttft_ms: Spread::exactly(ttft),
            basis: SpeedBasis::Override,
            source: None,
        }),
        (Some(b), tps, ttft) => Some(OptionSpeed {
            output_tokens_per_s: tps.map_or(b.output_tokens_per_s, Spread::exactly),
            ttft_ms: ttft.map_or(b.ttft_ms, Spread::exactly),
            basis: SpeedBasis::Override,
            source: b.source,
        }),
        (None, _, _) => None,
    }
}

/// The ways a request of `w` runs: one call, or each planned step count of its agent (what a
/// token budget leaves of it).
pub fn paths(w: &Workload) -> Vec<Path> {
    let Some(agent) = &w.agent else {
        return vec![Path { probability: 1.0, calls: 1, output: w.output_tokens, step_output: 0.0, answers: true }];
    };
    agent
        .steps
        .iter()
        .map(|&(n, p)| {
            let (steps, truncated) = agent_steps(w, agent, n);
            Path {
                probability: p,
                calls: steps.len() as u32,
                output: steps.iter().map(|s| s.output).sum(),
                step_output: agent.thought_tokens,
                answers: !truncated,
            }
        })
        .collect()
}

/// What one named limit does to a workload's requests.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cut {
    pub name: String,
    pub limit_s: f64,
    /// Share of requests this limit alone would cut, 0–1.
    pub share_cut: f64,
}

/// What would let every request through, as data; the report writes the words.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "fix", rename_all = "kebab-case")]
pub enum Fix {
    /// Stream the answer: the longest silence is then at most `silence_s`, under every limit.
    Stream { silence_s: f64 },
    /// Raise the named limit to `to_s` seconds, the slowest request's time (whole seconds).
    Raise { name: String, to_s: f64 },
    /// Cap one call's output at `max_tokens`: the slowest call then ends within the limit (and
    /// longer answers are cut short by the model instead).
    CapMaxTokens { name: String, max_tokens: f64 },
    /// Stop agent loops after `steps` steps: the slowest such request ends within the limit.
    FewerSteps { name: String, steps: u32 },
}

/// A workload's requests on one option.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LatencyRow {
    pub workload: String,
    pub option: String,
    /// `None`: neither the catalog nor the option gives a speed; nothing below is computed.
    pub speed: Option<OptionSpeed>,
    /// Time to first token at the middle of the range, milliseconds.
    pub ttft_ms: Option<f64>,
    pub response_s_p50: Option<f64>,
    pub response_s_p95: Option<f64>,
    /// Mean response time: what Little's law multiplies.
    pub response_s_mean: Option<f64>,
    /// Requests in flight at the busiest minute of the busiest month (arrivals at the sizing
    /// quantile × mean response time).
    pub in_flight_peak: Option<f64>,
    /// The 1-based month of that minute.
    pub in_flight_month: u32,
    /// Each `[client]` timeout, shortest first.
    pub timeouts: Vec<Cut>,
    /// The share of requests cut: the shortest limit's.
    pub share_cut: f64,
    pub fixes: Vec<Fix>,
    /// What the distribution is computed from (the chart reads it).
    #[serde(skip)]
    pub pace: Option<Pace>,
    #[serde(skip)]
    pub paths: Vec<Path>,
    #[serde(skip)]
    pub streaming: bool,
}

impl LatencyRow {
    /// A row with its speed and request paths and nothing computed yet: [`row`] fills in the
    /// figures.
    pub fn new(workload: &str, option: &str, speed: Option<OptionSpeed>, paths: Vec<Path>, streaming: bool) -> Self {
        LatencyRow {
            workload: workload.to_string(),
            option: option.to_string(),
            speed,
            ttft_ms: None,
            response_s_p50: None,
            response_s_p95: None,
            response_s_mean: None,
            in_flight_peak: None,
            in_flight_month: 1,
            timeouts: Vec::new(),
            share_cut: 0.0,
            fixes: Vec::new(),
            pace: None,
            paths,
            streaming,
        }
    }

    /// The distribution of whole response times; `None` without a speed.
    pub fn responses(&self) -> Option<Times<'_>> {
        Some(Times { pace: self.pace.as_ref()?, paths: &self.paths, measure: Measure::Response })
    }

    /// The distribution of the time a timeout measures: the whole response, or with streaming
    /// the longest silence.
    pub fn measured(&self) -> Option<Times<'_>> {
        let measure = if self.streaming { Measure::Silence } else { Measure::Response };
        Some(Times { pace: self.pace.as_ref()?, paths: &self.paths, measure })
    }
}

/// One workload on one option: `busiest` holds each month's requests in its busiest minute
/// (the sizing quantile of the busiest slot's per-minute arrivals).
pub fn row(o: &PlanOption, w: &Workload, capacity: Option<&Capacity>, client: &Client, busiest: &[f64]) -> LatencyRow {
    let speed = option_speed(o, w, capacity);
    let paths = paths(w);
    let mut row = LatencyRow::new(&w.name, &o.name, speed.clone(), paths, client.streaming);
    let Some(speed) = speed else { return row };
    let pace = Pace {
        output_tokens_per_s: speed.output_tokens_per_s,
        ttft_ms: speed.ttft_ms,
        tool_latency_s: w.tool_latency_s,
    };
    let responses = Times { pace: &pace, paths: &row.paths, measure: Measure::Response };
    let mean = pace.mean_response_s(&row.paths);
    let (month, peak) =
        busiest.iter().enumerate().fold((0, 0.0), |best, (i, &x)| if x > best.1 { (i, x) } else { best });
    row.ttft_ms = Some(speed.ttft_ms.at(0.5));
    row.response_s_p50 = Some(responses.quantile(0.5));
    row.response_s_p95 = Some(responses.quantile(0.95));
    row.response_s_mean = Some(mean);
    row.in_flight_peak = Some(peak / 60.0 * w.share * mean);
    row.in_flight_month = month as u32 + 1;
    let measured = Times { measure: if client.streaming { Measure::Silence } else { Measure::Response }, ..responses };
    row.timeouts = client
        .timeouts
        .iter()
        .map(|t| Cut { name: t.name.clone(), limit_s: t.limit_s, share_cut: measured.beyond(t.limit_s) })
        .collect();
    row.share_cut = row.timeouts.first().map_or(0.0, |c| c.share_cut);
    row.fixes = fixes(w, &pace, &row.paths, client, &row.timeouts);
    row.pace = Some(pace);
    row
}

/// What would let every request through the limits that cut some.
fn fixes(w: &Workload, pace: &Pace, paths: &[Path], client: &Client, cuts: &[Cut]) -> Vec<Fix> {
    let Some(binding) = cuts.iter().find(|c| c.share_cut > 0.0) else { return Vec::new() };
    let mut out = Vec::new();
    let silences = Times { pace, paths, measure: Measure::Silence };
    let (_, longest_silence) = silences.bounds();
    if !client.streaming && client.timeouts.iter().all(|t| silences.beyond(t.limit_s) == 0.0) {
        out.push(Fix::Stream { silence_s: longest_silence });
    }
    let measure = if client.streaming { Measure::Silence } else { Measure::Response };
    let (_, slowest) = Times { pace, paths, measure }.bounds();
    out.extend(
        cuts.iter().filter(|c| c.share_cut > 0.0).map(|c| Fix::Raise { name: c.name.clone(), to_s: slowest.ceil() }),
    );
    if client.streaming {
        return out;
    }
    let limit = binding.limit_s;
    let (ttft_s, slow_tps) = (pace.ttft_ms.high / 1e3, pace.output_tokens_per_s.low);
    match &w.agent {
        None => {
            let max_tokens = ((limit - ttft_s) * slow_tps).floor();
            if max_tokens >= 1.0 && max_tokens < w.output_tokens {
                out.push(Fix::CapMaxTokens { name: binding.name.clone(), max_tokens });
            }
        }
        Some(agent) => {
            let most = agent.steps.iter().map(|&(n, _)| n).max().unwrap_or(1);
            let fits = |n: u32| {
                let path = Path {
                    probability: 1.0,
                    calls: n,
                    output: f64::from(n - 1) * agent.thought_tokens + w.output_tokens,
                    step_output: agent.thought_tokens,
                    answers: true,
                };
                pace.response_s(&path, 1.0) <= limit
            };
            if let Some(steps) = (1..most).rev().find(|&n| fits(n)) {
                out.push(Fix::FewerSteps { name: binding.name.clone(), steps });
            }
        }
    }
    out
}

/// An interactive workload whose 95th-percentile response exceeds its SLO's `latency_s` on an
/// option: what it asks and what it gets.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlowWorkload {
    pub workload: String,
    pub latency_s: f64,
    pub response_s_p95: f64,
}

/// The interactive workloads whose p95 response on `o` exceeds their SLO's `latency_s` (only
/// computed for workloads that set one).
pub fn too_slow(o: &PlanOption, workloads: &[Workload], capacity: Option<&Capacity>) -> Vec<SlowWorkload> {
    workloads
        .iter()
        .filter(|w| w.latency == Wait::Interactive && w.share > 0.0)
        .filter_map(|w| {
            let latency_s = w.slo?.latency_s?;
            let speed = option_speed(o, w, capacity)?;
            let pace = Pace {
                output_tokens_per_s: speed.output_tokens_per_s,
                ttft_ms: speed.ttft_ms,
                tool_latency_s: w.tool_latency_s,
            };
            let paths = paths(w);
            let p95 = Times { pace: &pace, paths: &paths, measure: Measure::Response }.quantile(0.95);
            (p95 > latency_s).then(|| SlowWorkload { workload: w.name.clone(), latency_s, response_s_p95: p95 })
        })
        .collect()
}

/// Whether an option serves interactive callers at all (the batch tier does not answer while
/// they wait, so its response time means nothing to them).
pub fn answers_while_waiting(o: &PlanOption) -> bool {
    !matches!(o.kind, OptionKind::OnDemand { tier: Tier::Batch, .. })
}

/// Every standalone option's rows, workloads in scenario order (share-0 workloads left out),
/// then each plan member's option on its own workloads where no row has them yet (an option
/// priced only inside plans). `capacity` gives a self-hosted option's operating points.
pub fn rows(s: &Scenario, capacity: impl Fn(&PlanOption) -> Option<Capacity>, busiest: &[f64]) -> Vec<LatencyRow> {
    let mut out: Vec<LatencyRow> = Vec::new();
    let mut add = |o: &PlanOption, workloads: &mut dyn Iterator<Item = &Workload>| {
        if !answers_while_waiting(o) {
            return;
        }
        let c = capacity(o);
        for w in workloads.filter(|w| w.share > 0.0) {
            if !out.iter().any(|r| r.option == o.name && r.workload == w.name) {
                out.push(row(o, w, c.as_ref(), &s.client, busiest));
            }
        }
    };
    for o in s.options.iter().filter(|o| o.standalone) {
        add(o, &mut s.workloads.iter());
    }
    for m in s.plans.iter().flat_map(|p| &p.members) {
        add(&s.options[m.option], &mut m.workloads.iter().map(|&i| &s.workloads[i]));
    }
    out
}

#[cfg(test)]
mod tests;
