//! The cost model: pure functions, no I/O. [`estimate`] prices every option of a scenario and
//! decides what to recommend; every output renders what it returns (docs/model.md).
pub mod arrivals;
pub mod blocks;
pub mod breakeven;
pub mod compare;
pub mod daily;
pub mod eligibility;
pub mod load;
pub mod ondemand;
mod option;
pub mod provisioned;
pub mod quota;
pub mod recommend;
pub mod reserved;
pub mod selfhost;
pub mod solve;
mod tail;
pub mod tokens;
pub mod traffic;
pub mod utilization;

use crate::catalog::{Model, PriceSet, Tier};
use crate::scenario::{OptionKind, Overflow, ReservedCapacity, Scenario, Units, Workload};
use blocks::Sizing;
use daily::DaySpend;
use load::{LoadModel, MonthLoad};
use serde::Serialize;
use tokens::RequestTokens;
use utilization::Utilization;

/// The JSON schema name of [`Estimate`].
pub const SCHEMA: &str = "infercast/estimate-v1";

/// One month of one option.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthCost {
    /// 1-based month.
    pub month: u32,
    /// Requests that month.
    pub requests: f64,
    /// USD that month.
    pub cost_usd: f64,
    /// MUs (provisioned), hour-weighted mean instances (self-hosted), 0 otherwise.
    pub units: f64,
    /// Share of requests above bought capacity (billed on demand, or rejected).
    pub overflow_share: f64,
    /// Reserved tier: input and output tokens per minute bought.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input_tpm: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output_tpm: Option<f64>,
    /// Self-hosted: mean load / capacity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub utilization: Option<f64>,
    /// Average and busiest day (docs/model.md#daily-spend).
    #[serde(flatten)]
    pub day: DaySpend,
}

impl MonthCost {
    pub fn new(month: u32, requests: f64, cost_usd: f64) -> Self {
        Self {
            month,
            requests,
            cost_usd,
            units: 0.0,
            overflow_share: 0.0,
            input_tpm: None,
            output_tpm: None,
            utilization: None,
            day: DaySpend::default(),
        }
    }
    pub fn units(self, units: f64) -> Self {
        Self { units, ..self }
    }
    pub fn overflow(self, overflow_share: f64) -> Self {
        Self { overflow_share, ..self }
    }
    pub fn tpm(self, input: f64, output: f64) -> Self {
        Self { input_tpm: Some(input), output_tpm: Some(output), ..self }
    }
    pub fn utilization(self, u: f64) -> Self {
        Self { utilization: Some(u), ..self }
    }
}

/// An option priced over the horizon.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Costed {
    pub months: Vec<MonthCost>,
    /// USD over the horizon.
    pub total_usd: f64,
    /// USD per 1,000 requests over the horizon.
    pub usd_per_1k_requests: f64,
    /// USD per million billed tokens over the horizon.
    pub usd_per_mtok: f64,
}

/// Option kinds, as written in TOML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    OnDemand,
    Provisioned,
    Reserved,
    SelfHosted,
}

impl Kind {
    pub fn of(kind: &OptionKind) -> Kind {
        match kind {
            OptionKind::OnDemand { .. } => Kind::OnDemand,
            OptionKind::Provisioned { .. } => Kind::Provisioned,
            OptionKind::Reserved { .. } => Kind::Reserved,
            OptionKind::SelfHosted(_) => Kind::SelfHosted,
        }
    }
}

/// One workload's part of an on-demand bill in month 1 (docs/model.md#cost-by-workload).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkloadCost {
    pub name: String,
    pub month_1_usd: f64,
    /// Share of the option's month-1 cost.
    pub share_of_cost: f64,
}

/// One option's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionEstimate {
    pub name: String,
    pub kind: Kind,
    /// Catalog model key, for kinds that bill one.
    pub model: Option<String>,
    /// Tier, for on-demand options.
    pub tier: Option<Tier>,
    /// Endpoint and region, for on-demand options.
    pub endpoint: Option<crate::catalog::Endpoint>,
    pub region: Option<String>,
    /// True when traffic above capacity is rejected: such an option serves less.
    #[serde(rename = "rejects_overflow")]
    pub rejects: bool,
    /// Whether it can serve every workload (docs/model.md#eligibility); only eligible options
    /// take part in the recommendation, "cheapest" and break-even.
    pub eligible: bool,
    pub ineligible_reason: Option<String>,
    /// A capacity option that buys nothing in any month: on demand under another name.
    pub buys_nothing: bool,
    /// Requests per minute the option's bought capacity serves in each hour slot of month 1
    /// (`None` for on-demand, which has no capacity of its own).
    #[serde(skip)]
    pub month1_capacity: Option<Vec<f64>>,
    #[serde(flatten)]
    pub cost: Costed,
    #[serde(flatten)]
    pub utilization: Utilization,
    /// Suggested daily spend alarm, USD (docs/model.md#daily-spend).
    pub daily_alarm_usd: f64,
    /// On-demand options: month-1 cost by workload.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub workloads: Vec<WorkloadCost>,
}

/// Everything `estimate` reports for one scenario (JSON schema `infercast/estimate-v1`).
#[derive(Debug, Clone, Serialize)]
pub struct Estimate {
    pub schema: &'static str,
    pub scenario: String,
    pub description: Option<String>,
    pub months: u32,
    pub hours_per_month: f64,
    /// Month-1 requests.
    #[serde(rename = "base_requests_per_month")]
    pub base_requests: f64,
    pub growth_per_month: f64,
    /// The daily alarm's margin over the busiest day.
    pub alarm_headroom: f64,
    /// Expected tokens of the average request.
    #[serde(skip)]
    pub per_request: RequestTokens,
    /// Each workload with its expected tokens per request; the JSON `tokens` object.
    #[serde(rename = "tokens", serialize_with = "tokens::serialize_report")]
    pub workloads: Vec<(Workload, RequestTokens)>,
    /// In scenario order.
    pub options: Vec<OptionEstimate>,
    /// Break-even against the first eligible on-demand option, and where the cheapest changes.
    #[serde(flatten)]
    pub breakeven: breakeven::Analysis,
    /// Quota findings of each on-demand option (batch excepted).
    pub quota: Vec<quota::QuotaFinding>,
    /// The cheapest eligible option and its caveats; `None` when no option is eligible.
    pub recommendation: Option<recommend::Recommendation>,
    /// Things the reader should know that are not errors.
    pub warnings: Vec<String>,
    /// Month 1's load over the week.
    #[serde(skip)]
    pub month1_load: MonthLoad,
}

/// Prices every option of `s` month by month and decides what to recommend.
pub fn estimate(s: &Scenario) -> Estimate {
    let ctx = Context::new(s);
    let requests: Vec<f64> =
        (1..=s.months).map(|m| traffic::month_requests(ctx.base_requests, s.traffic.growth_per_month, m)).collect();
    let loads: Vec<MonthLoad> = requests.iter().map(|&r| ctx.load.month(r)).collect();
    let reference = ctx.reference(s);
    let options: Vec<OptionEstimate> = s.options.iter().map(|o| ctx.option_estimate(s, o, &loads, reference)).collect();
    let served: Vec<(String, &OptionKind)> =
        s.options.iter().zip(&options).filter(|(_, e)| e.eligible).map(|(o, _)| (o.name.clone(), &o.kind)).collect();
    let breakeven = breakeven::analyse(&ctx, &served);
    let quota: Vec<quota::QuotaFinding> = s
        .options
        .iter()
        .filter_map(|o| match &o.kind {
            OptionKind::OnDemand { model, tier, .. } if *tier != Tier::Batch => {
                Some(quota::analyse(&o.name, &model.quota, &ctx.workloads, ctx.mix.calls, &loads, s.traffic.burstiness))
            }
            _ => None,
        })
        .collect();
    let reference_model = reference.and_then(|i| s.options[i].kind.model());
    let recommendation = recommend::recommend(&options, |o| {
        let option = s.options.iter().find(|x| x.name == o.name).expect("estimates follow the scenario's options");
        recommend::Facts {
            other_model: recommend::other_model(&option.kind, reference_model),
            quota: quota
                .iter()
                .find(|q| q.option == o.name)
                .cloned()
                .or_else(|| ctx.overflow_quota(s, &option.kind, &loads, o)),
            assumed: recommend::assumed_figures(&option.kind),
            legacy: recommend::legacy_note(&option.kind),
        }
    });
    Estimate {
        schema: SCHEMA,
        scenario: s.name.clone(),
        description: s.description.clone(),
        months: s.months,
        hours_per_month: s.hours_per_month,
        base_requests: ctx.base_requests,
        growth_per_month: s.traffic.growth_per_month,
        alarm_headroom: s.alarm_headroom,
        per_request: ctx.mix,
        warnings: warnings(s, !quota.is_empty()),
        workloads: ctx.workloads,
        options,
        breakeven,
        quota,
        recommendation,
        // The load chart shows every slot's peak, whatever the options read.
        month1_load: ctx.load.month_with(requests[0], load::Peaks::All),
    }
}

fn warnings(s: &Scenario, has_quota: bool) -> Vec<String> {
    let mut legacy: Vec<String> = Vec::new();
    for note in s.options.iter().filter_map(|o| recommend::legacy_note(&o.kind)) {
        if !legacy.contains(&note) {
            legacy.push(note);
        }
    }
    if !has_quota {
        return legacy;
    }
    legacy.extend(s.workloads.iter().filter(|w| w.max_tokens.is_none()).map(|w| {
        format!(
            "workload `{}` sets no `max_tokens`: Bedrock then reserves the model's maximum output \
                 against the TPM quota when each call starts, so throttling starts earlier than shown; \
                 set `max_tokens` to what the application asks for",
            w.name
        )
    }));
    legacy
}

/// What pricing any option of a scenario needs: tokens, loads, the hours of a month.
#[derive(Debug, Clone)]
pub struct Context {
    pub workloads: Vec<(Workload, RequestTokens)>,
    pub mix: RequestTokens,
    pub load: LoadModel,
    pub base_requests: f64,
    pub hours_per_month: f64,
}

impl Context {
    pub fn new(s: &Scenario) -> Self {
        Self {
            workloads: s.workloads.iter().map(|w| (w.clone(), tokens::workload_tokens(w))).collect(),
            mix: tokens::mix_tokens(&s.workloads),
            load: LoadModel::new(s),
            base_requests: s.base_requests_per_month(),
            hours_per_month: s.hours_per_month,
        }
    }

    /// USD per average request at these on-demand prices, prompt caching included.
    pub fn usd_per_request(&self, p: &ondemand::Prices) -> f64 {
        ondemand::mix_cost_usd(&self.workloads, p)
    }

    /// USD per average request of an on-demand option: its endpoint's and region's prices ×
    /// its tier.
    pub fn on_demand_usd_per_request(&self, model: &Model, tier: Tier, prices: &PriceSet) -> f64 {
        let k = model.tier_multiplier(tier).expect("tiers are validated against the catalog");
        self.usd_per_request(&ondemand::Prices::new(prices, k, model.long_context))
    }

    /// USD per average request of traffic above bought capacity: the model's standard in-region
    /// prices.
    pub fn overflow_usd_per_request(&self, model: &Model) -> f64 {
        self.usd_per_request(&ondemand::Prices::standard(model))
    }

    /// Requests per minute one MU (provisioned) or instance (self-hosted) serves.
    pub fn unit_capacity(&self, kind: &OptionKind) -> Option<f64> {
        match kind {
            OptionKind::Provisioned { model, .. } => model.provisioned.as_ref().map(|o| {
                provisioned::requests_per_mu_minute(
                    self.mix.input,
                    self.mix.output,
                    o.input_tpm_per_mu,
                    o.output_tpm_per_mu,
                )
            }),
            OptionKind::SelfHosted(sh) => {
                let mix: Vec<(f64, f64, f64)> =
                    self.workloads.iter().map(|(w, t)| (w.share, t.input, t.output)).collect();
                Some(selfhost::requests_per_instance_minute(
                    &mix,
                    sh.deployment.prefill_tokens_per_s,
                    sh.deployment.decode_tokens_per_s,
                ))
            }
            _ => None,
        }
    }

    /// Requests per minute an option's bought capacity serves in each slot of a month, given
    /// what that month bought (`month`: its MUs or its TPM, decided for the whole commitment
    /// block); on demand has none.
    pub fn slot_capacity(&self, kind: &OptionKind, load: &MonthLoad, month: &MonthCost) -> Option<Vec<f64>> {
        match kind {
            OptionKind::OnDemand { .. } => None,
            OptionKind::Provisioned { .. } => self.unit_capacity(kind).map(|c| vec![month.units * c; load.slots.len()]),
            OptionKind::Reserved { .. } => {
                let (i, o) = (month.input_tpm.unwrap_or(0.0), month.output_tpm.unwrap_or(0.0));
                let serves = (i / self.mix.input).min(o / self.mix.output);
                Some(vec![serves; load.slots.len()])
            }
            OptionKind::SelfHosted(sh) => {
                let c = self.unit_capacity(kind)?;
                let host = self.self_host(sh, c);
                Some(host.instances(load).iter().map(|n| n * c).collect())
            }
        }
    }

    fn self_host(&self, sh: &crate::scenario::SelfHosted, per_instance_per_min: f64) -> selfhost::SelfHost {
        selfhost::SelfHost {
            per_instance_per_min,
            usd_per_hour: sh.usd_per_hour,
            hours_per_month: self.hours_per_month,
            hourly: sh.hourly,
            min_instances: sh.min_instances,
            target_utilization: sh.target_utilization,
            ops_usd_per_month: sh.ops_usd_per_month,
            setup_usd: sh.setup_usd,
            amortize_months: sh.amortize_months,
        }
    }

    /// Each month of one option, given the months' loads.
    pub fn option_months(&self, kind: &OptionKind, loads: &[MonthLoad]) -> Vec<MonthCost> {
        let h = self.hours_per_month;
        match kind {
            OptionKind::OnDemand { model, tier, prices, .. } => {
                let per_request = self.on_demand_usd_per_request(model, *tier, prices);
                loads
                    .iter()
                    .enumerate()
                    .map(|(i, m)| MonthCost::new(i as u32 + 1, m.requests, m.requests * per_request))
                    .collect()
            }
            OptionKind::Provisioned { model, term, units, overflow, usd_per_mu_hour } => {
                let pt = provisioned::Pt {
                    per_mu_per_min: self.unit_capacity(kind).expect("PT offers are validated against the catalog"),
                    usd_per_mu_hour: *usd_per_mu_hour,
                    hours_per_month: h,
                    overflow_usd_per_request: (*overflow == Overflow::OnDemand)
                        .then(|| self.overflow_usd_per_request(model)),
                };
                let sizing = match units {
                    Units::Peak => Sizing::Peak,
                    Units::Optimal => Sizing::Optimal,
                    Units::Count(n) => Sizing::Fixed(u64::from(*n)),
                };
                pt.months(loads, provisioned::block_months(term), sizing)
            }
            OptionKind::Reserved { model, term, capacity, usd_per_1k_input_tpm_month, usd_per_1k_output_tpm_month } => {
                let offer = model.reserved.as_ref().expect("Reserved offers are validated against the catalog");
                let r = reserved::Reserved {
                    input_per_request: self.mix.input,
                    output_per_request: self.mix.output,
                    usd_per_1k_input_tpm_month: *usd_per_1k_input_tpm_month,
                    usd_per_1k_output_tpm_month: *usd_per_1k_output_tpm_month,
                    min_input_tpm: offer.min_input_tpm,
                    min_output_tpm: offer.min_output_tpm,
                    overflow_usd_per_request: self.overflow_usd_per_request(model),
                };
                let (sizing, explicit) = match capacity {
                    ReservedCapacity::Peak => (Sizing::Peak, None),
                    ReservedCapacity::Optimal => (Sizing::Optimal, None),
                    ReservedCapacity::Explicit { input_tpm, output_tpm } => {
                        (Sizing::Fixed(0), Some(reserved::Tpm { input: *input_tpm, output: *output_tpm }))
                    }
                };
                r.months(loads, reserved::block_months(term), sizing, explicit)
            }
            OptionKind::SelfHosted(sh) => {
                let c = self.unit_capacity(kind).expect("self-hosted options have a capacity");
                self.self_host(sh, c).months(loads)
            }
        }
    }
}

/// Totals over the horizon; `billed_per_request` = Ī + Ō.
fn costed(months: Vec<MonthCost>, billed_per_request: f64) -> Costed {
    let total_usd: f64 = months.iter().map(|m| m.cost_usd).sum();
    let total_requests: f64 = months.iter().map(|m| m.requests).sum();
    Costed {
        total_usd,
        usd_per_1k_requests: total_usd / total_requests * 1000.0,
        usd_per_mtok: total_usd / (total_requests * billed_per_request / 1e6),
        months,
    }
}
