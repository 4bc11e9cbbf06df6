//! Scenarios: `scenarios/*.toml` → validated [`Scenario`], resolved against the catalog.
pub mod calls;
mod client;
mod convert;
mod endpoint;
mod fit;
mod lifecycle;
mod lookup;
mod offers;
mod option;
mod options;
mod plans;
pub mod presets;
mod raw;
mod risk;
mod services;
mod start;
mod uncertain;
mod units;
mod words;
mod workload;

use crate::catalog::{Catalog, Endpoint, Model, PriceSet, Service, Term, Tier};
use crate::error::Diagnostic;
pub use crate::keyword::Keyword;
use crate::source::SourceFile;
pub use lifecycle::Lifecycle;
pub use option::{AutoSize, Kind, OptionKind, Overflow, PlanOption, ReservedCapacity, Scaling, SelfHosted, Units};
pub use start::{PriceShift, Start};
pub use words::{BudgetMode, CacheTtl, Latency, Visible};

/// A validated scenario: traffic, request mix and the options to price.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub name: String,
    pub description: Option<String>,
    /// File it was read from.
    pub path: String,
    /// Horizon in months (default 12).
    pub months: u32,
    /// The first month of the horizon (docs/model.md#start-month).
    pub start: Start,
    /// Hours in a month (default 730, the AWS convention).
    pub hours_per_month: f64,
    pub traffic: Traffic,
    /// Request classes; shares sum to 1.
    pub workloads: Vec<Workload>,
    /// Quantile of per-minute arrivals used to size capacity (default 0.99).
    pub peak_quantile: f64,
    /// Suggested daily spend alarm = busiest day × (1 + this); default 0.25.
    pub alarm_headroom: f64,
    /// Options in file order.
    pub options: Vec<PlanOption>,
    /// Routing plans in file order (docs/model.md#plans).
    pub plans: Vec<Plan>,
    /// `[[fixed]]` services billed by the hour, in file order (docs/model.md#services).
    pub fixed: Vec<FixedItem>,
    /// Embedding the corpus (docs/model.md#services).
    pub ingestion: Option<Ingestion>,
    /// The scenario's numbers written as distributions, at their means here
    /// (docs/model.md#uncertain-inputs).
    pub uncertain: Vec<crate::uncertain::Uncertain>,
    /// The catalog's distributions this scenario's options use, at their means here.
    pub catalog_uncertain: Vec<crate::uncertain::Uncertain>,
    /// `[risk]`: the chance the feature is cut (docs/model.md#commitment-risk); `None` = no risk.
    pub risk: Option<Risk>,
    /// `[client]`: how callers wait for answers (docs/model.md#latency-and-timeouts).
    pub client: Client,
}

/// `[client]`: whether answers stream, and the limits that cut a response.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Client {
    /// True: the caller reads the answer as it is generated (default false).
    pub streaming: bool,
    /// Named limits, shortest first.
    pub timeouts: Vec<Timeout>,
}

/// One limit between the caller and the model (an API gateway, a load balancer, an SDK).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Timeout {
    pub name: String,
    pub limit_s: f64,
}

/// An option's `speed = { … }`: figures replacing the catalog's or the physics model's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpeedOverride {
    pub output_tokens_per_s: Option<f64>,
    pub ttft_ms: Option<f64>,
}

/// Retrieved chunks sent with every call of a workload (docs/model.md#retrieval).
#[derive(Debug, Clone, PartialEq)]
pub struct Retrieval {
    /// Chunks per call, at least 1.
    pub chunks: u32,
    /// Tokens of one chunk.
    pub chunk_tokens: f64,
    /// Embeds the user's message once per request.
    pub query_embedding: Option<Service>,
    /// Reranks the candidates: one query per request.
    pub rerank: Option<Service>,
}

impl Retrieval {
    /// K: retrieved tokens added to the input of every call.
    pub fn tokens(&self) -> f64 {
        f64::from(self.chunks) * self.chunk_tokens
    }
}

/// A `[[fixed]]` line item: a vector store billed by the unit-hour.
#[derive(Debug, Clone, PartialEq)]
pub struct FixedItem {
    pub name: String,
    /// A vector-store service.
    pub service: Service,
    /// Units asked for (billed at the service's minimum when below it).
    pub units: f64,
}

/// `[ingestion]`: the corpus embedded `refreshes_per_month` times a month.
#[derive(Debug, Clone, PartialEq)]
pub struct Ingestion {
    pub corpus_tokens: f64,
    pub refreshes_per_month: f64,
    /// An embedding service.
    pub embedding: Service,
    /// True: one more full embedding in month 1 (default false: the corpus is embedded already).
    pub initial: bool,
}

/// `[risk]`: what may happen to the feature after capacity is bought.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Risk {
    /// p: the probability the feature is cut at the start of a month, given it was not cut
    /// before; 0 ≤ p < 1.
    pub descope_probability_per_month: f64,
}

/// One `[[plan]]`: each workload routed to one option; every workload is served exactly once.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub name: String,
    /// One per option used, ordered by the first workload each serves (scenario order).
    pub members: Vec<Member>,
}

/// The option of a plan that serves some of its workloads.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// Index into [`Scenario::options`].
    pub option: usize,
    /// Indices into [`Scenario::workloads`], in scenario order.
    pub workloads: Vec<usize>,
}

/// How the base volume was given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Volume {
    /// Requests per month.
    PerMonth(f64),
    /// Requests per day.
    PerDay(f64),
    /// Mean requests per second.
    MeanRps(f64),
}

/// A daily (24) or weekly (7) profile of relative weights.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// Preset name, or `custom`.
    pub name: String,
    pub weights: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Traffic {
    pub volume: Volume,
    /// Hour 0..23 weights.
    pub daily: Shape,
    /// Monday..Sunday weights.
    pub weekly: Shape,
    /// `hour_of_week`: 168 weights, Monday 00:00 first, in place of the two shapes above (flat
    /// when it is given); `None` without it.
    pub week: Option<Vec<f64>>,
    /// Compound monthly growth (0.05 = +5 %/month), default 0.
    pub growth_per_month: f64,
    /// Variance / mean of per-minute arrivals, ≥ 1 (1 = Poisson, the default).
    pub burstiness: f64,
}

/// One request class.
#[derive(Debug, Clone, PartialEq)]
pub struct Workload {
    pub name: String,
    /// Fraction of requests, 0..1.
    pub share: f64,
    /// U: tokens of the user's message.
    pub input_tokens: f64,
    /// F: tokens of the visible answer.
    pub output_tokens: f64,
    /// S: system-prompt tokens re-sent with every invocation (default 0).
    pub system_prompt_tokens: f64,
    /// Prompt-cache hit rate when the system prompt is cached; `None` = no caching.
    pub cache_hit_rate: Option<f64>,
    /// How long cached prompts live: which cache write price applies (default 5 minutes).
    pub cache_ttl: CacheTtl,
    /// Output cap the application asks for per call; `None` = unset.
    pub max_tokens: Option<f64>,
    /// How long the caller can wait (default interactive): which tiers may serve it.
    pub latency: Latency,
    /// What the application logs of a request (default question and answer).
    pub visible: Visible,
    pub agent: Option<Agent>,
    /// Retrieved chunks added to every call; `None` without `[workload.retrieval]`.
    pub retrieval: Option<Retrieval>,
    /// What each user must see when a self-hosted option serves it; `None` without `[workload.slo]`.
    pub slo: Option<Slo>,
    /// Seconds each tool call takes after an intermediate agent step (0 without).
    pub tool_latency_s: f64,
}

/// A service-level objective per user (docs/model.md#sizing-to-a-service-level-objective); at
/// least one figure is given.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct Slo {
    /// Time to first token, milliseconds.
    pub ttft_ms: Option<f64>,
    /// Output tokens per second each user sees (1 / inter-token latency).
    pub tokens_per_s: Option<f64>,
    /// Whole response, seconds.
    pub latency_s: Option<f64>,
}

impl Workload {
    /// K: retrieved tokens in the input of each call (0 without retrieval).
    pub fn retrieved_tokens(&self) -> f64 {
        self.retrieval.as_ref().map_or(0.0, Retrieval::tokens)
    }
}

/// An agent loop (docs/model.md#agent-loops).
#[derive(Debug, Clone, PartialEq)]
pub struct Agent {
    /// (steps, probability) pairs; one pair with probability 1 for a fixed count.
    pub steps: Vec<(u32, f64)>,
    /// R: output tokens of each intermediate step.
    pub thought_tokens: f64,
    /// T: tool-result tokens appended after each intermediate step.
    pub tool_result_tokens: f64,
    /// B: cap on billed tokens per request.
    pub token_budget: Option<f64>,
    /// What the budget does to the step that would cross it (default finish-step).
    pub budget_mode: BudgetMode,
}

impl Scenario {
    /// Parses and validates a scenario file against `catalog`, reporting every problem found.
    /// Distributions are read at their means.
    pub fn from_source(file: &SourceFile, catalog: &Catalog) -> Result<Scenario, Vec<Diagnostic>> {
        let inputs = crate::uncertain::extract(file, crate::uncertain::fields::scenario)?;
        let mut s = Self::from_text(file, &crate::uncertain::at_means(&file.text, &inputs), catalog)?;
        s.uncertain = inputs;
        s.catalog_uncertain = catalog.uncertain.iter().filter(|u| s.uses(u)).cloned().collect();
        Ok(s)
    }

    /// The scenario of `file` read from `text`: the file with each distribution replaced by a
    /// number of the same length (its mean, or a draw), so messages quote `file` as written.
    pub fn from_text(file: &SourceFile, text: &str, catalog: &Catalog) -> Result<Scenario, Vec<Diagnostic>> {
        let raw: raw::ScenarioFile = crate::input::parse_text(file, text).map_err(|d| vec![d])?;
        convert::scenario(file, &raw, catalog)
    }

    /// The catalog offers this scenario's options use, as (key, offer): what an age check of
    /// the scenario looks at. Capacity options bill overflow on demand, so they use the model's
    /// on-demand prices too.
    pub fn offers_used(&self) -> Vec<(String, crate::catalog::Offer)> {
        use crate::catalog::Offer;
        let mut out = Vec::new();
        for o in &self.options {
            match &o.kind {
                OptionKind::OnDemand { model, .. } => out.push((model.key.clone(), Offer::OnDemand)),
                OptionKind::Provisioned { model, .. } => {
                    out.extend([(model.key.clone(), Offer::OnDemand), (model.key.clone(), Offer::Provisioned)])
                }
                OptionKind::Reserved { model, .. } => {
                    out.extend([(model.key.clone(), Offer::OnDemand), (model.key.clone(), Offer::Reserved)])
                }
                OptionKind::SelfHosted(sh) => out.extend([
                    (sh.instance.key.clone(), Offer::Instance),
                    (sh.deployment.key.clone(), Offer::Deployment),
                ]),
            }
        }
        out.extend(self.services_used().into_iter().map(|s| (s.key.clone(), Offer::Service)));
        out
    }

    /// Every catalog service the scenario uses, once each, in the order first used.
    pub fn services_used(&self) -> Vec<&Service> {
        let retrieval = self.workloads.iter().filter_map(|w| w.retrieval.as_ref());
        let all = retrieval
            .flat_map(|r| r.query_embedding.iter().chain(&r.rerank))
            .chain(self.fixed.iter().map(|f| &f.service))
            .chain(self.ingestion.iter().map(|i| &i.embedding));
        let mut out: Vec<&Service> = Vec::new();
        for s in all {
            if !out.iter().any(|o| o.key == s.key) {
                out.push(s);
            }
        }
        out
    }

    /// Month-1 requests per month.
    pub fn base_requests_per_month(&self) -> f64 {
        presets::base_requests_per_month(self.traffic.volume, self.hours_per_month)
    }
}
