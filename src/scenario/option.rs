//! The options a scenario prices: their kinds and the words their fields take.
use crate::catalog::{Deployment, Endpoint, Instance, Model, PriceSet, Term, Tier};
use crate::keyword::Keyword;

use super::{Lifecycle, PriceShift};

/// The kinds of `[[option]]`, by their `kind` word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Paid per token (docs/model.md#on-demand).
    OnDemand,
    /// Provisioned Throughput: model units by the hour.
    Provisioned,
    /// The Reserved tier: tokens per minute by the month.
    Reserved,
    /// A deployment on GPU instances (docs/model.md#self-hosting).
    SelfHosted,
}

impl Keyword for Kind {
    const ALL: &'static [Self] = &[Kind::OnDemand, Kind::Provisioned, Kind::Reserved, Kind::SelfHosted];
    const NAMES: &'static [&'static str] = &["on-demand", "provisioned", "reserved", "self-hosted"];
}

/// One `[[option]]` to price.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanOption {
    /// Label: the `name` given, or derived from the fields.
    pub name: String,
    pub kind: OptionKind,
    /// False (`standalone = false`): priced only inside plans, never over all traffic; default true.
    pub standalone: bool,
    /// Where its model stands against its end of life (docs/model.md#lifecycle), when that
    /// matters within the horizon.
    pub lifecycle: Option<Lifecycle>,
    /// Changes of its on-demand prices inside the horizon (docs/model.md#start-month).
    pub price_shifts: Vec<PriceShift>,
    /// `speed = { … }`: figures replacing the catalog's (docs/model.md#latency-and-timeouts).
    pub speed: Option<super::SpeedOverride>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum OptionKind {
    OnDemand {
        model: Model,
        tier: Tier,
        /// Which inference endpoint it calls.
        endpoint: Endpoint,
        /// The region it calls from.
        region: String,
        /// The prices of that endpoint and region in month 1, before the tier's multiplier.
        prices: PriceSet,
        /// The same, month by month over the horizon (`monthly[0] == prices`): a month in which
        /// a catalog price period starts or ends is prorated by days.
        monthly: Vec<PriceSet>,
    },
    Provisioned {
        model: Model,
        term: Term,
        units: Units,
        overflow: Overflow,
        /// The catalog price for `term`, per unit-hour (a product priced by the month or year
        /// over the scenario's `hours_per_month`).
        usd_per_mu_hour: f64,
        /// A vendor's capacity product (docs/model.md#capacity-units); `None`: Bedrock's own
        /// Provisioned Throughput, in model units.
        offer: Option<Box<crate::catalog::UnitOffer>>,
    },
    Reserved {
        model: Model,
        term: Term,
        capacity: ReservedCapacity,
        /// The catalog prices for `term`.
        usd_per_1k_input_tpm_month: f64,
        usd_per_1k_output_tpm_month: f64,
    },
    SelfHosted(SelfHosted),
}

impl OptionKind {
    /// Which kind of option this is.
    pub fn kind(&self) -> Kind {
        match self {
            OptionKind::OnDemand { .. } => Kind::OnDemand,
            OptionKind::Provisioned { .. } => Kind::Provisioned,
            OptionKind::Reserved { .. } => Kind::Reserved,
            OptionKind::SelfHosted(_) => Kind::SelfHosted,
        }
    }

    /// The kind as written in TOML: a built-in kind, or the capacity product's key.
    pub fn as_str(&self) -> &str {
        match self {
            OptionKind::Provisioned { offer: Some(o), .. } => &o.product,
            k => k.kind().as_str(),
        }
    }

    /// Who sells what it bills: its model's vendor; none for self-hosting.
    pub fn vendor(&self) -> Option<crate::catalog::Vendor> {
        self.model().map(|m| m.vendor)
    }

    /// The deployment type a vendor's capacity units are bought on.
    pub fn deployment(&self) -> Option<&str> {
        match self {
            OptionKind::Provisioned { offer: Some(o), .. } => Some(&o.deployment),
            _ => None,
        }
    }

    /// What one unit of bought capacity is called: `MU` for Provisioned Throughput, the
    /// product's unit otherwise; `None` for kinds that buy no units.
    pub fn unit(&self) -> Option<&str> {
        match self {
            OptionKind::Provisioned { offer: Some(o), .. } => Some(&o.unit),
            OptionKind::Provisioned { offer: None, .. } => Some("MU"),
            _ => None,
        }
    }

    /// The catalog model, for kinds that bill one.
    pub fn model(&self) -> Option<&Model> {
        match self {
            OptionKind::OnDemand { model, .. }
            | OptionKind::Provisioned { model, .. }
            | OptionKind::Reserved { model, .. } => Some(model),
            OptionKind::SelfHosted(_) => None,
        }
    }
}

/// How many model units a provisioned option buys.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Units {
    Peak,
    Optimal,
    Count(u32),
}

/// The words `units` and `capacity` take instead of an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AutoSize {
    /// The largest peak count of each block's months (docs/model.md#commitment-blocks).
    Peak,
    /// The level that minimises each block's cost, overflow included.
    Optimal,
}

impl Keyword for AutoSize {
    const ALL: &'static [Self] = &[AutoSize::Peak, AutoSize::Optimal];
    const NAMES: &'static [&'static str] = &["peak", "optimal"];
}

impl AutoSize {
    /// The word `v` is, if it is one of them.
    pub fn of(v: &toml::Value) -> Option<AutoSize> {
        v.as_str().and_then(AutoSize::parse)
    }
}

/// What happens to traffic above bought capacity (`overflow`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Overflow {
    /// Billed at the model's on-demand prices (the default).
    OnDemand,
    /// Refused.
    Reject,
}

impl Keyword for Overflow {
    const ALL: &'static [Self] = &[Overflow::OnDemand, Overflow::Reject];
    const NAMES: &'static [&'static str] = &["on-demand", "reject"];
}

/// How a self-hosted deployment's instance count follows the load (`scaling`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scaling {
    /// Each hour of the week pays for its own instance count (the default).
    Hourly,
    /// Every hour of the month pays for the busiest hour's count.
    Fixed,
}

impl Keyword for Scaling {
    const ALL: &'static [Self] = &[Scaling::Hourly, Scaling::Fixed];
    const NAMES: &'static [&'static str] = &["hourly", "fixed"];
}

/// How much Reserved-tier capacity to buy.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ReservedCapacity {
    Peak,
    Optimal,
    Explicit { input_tpm: f64, output_tpm: f64 },
}

/// A self-hosted deployment option (docs/model.md#self-hosting).
#[derive(Debug, Clone, PartialEq)]
pub struct SelfHosted {
    pub deployment: Deployment,
    pub instance: Instance,
    /// The instance's GPU, the model served and the engine's constants, from the spec tables.
    pub gpu: crate::catalog::Gpu,
    pub open_model: crate::catalog::OpenModel,
    pub engine: crate::catalog::Engine,
    /// Multiplies the predicted throughput: 1, or a draw within the calibration error
    /// (`simulate`).
    pub throughput_scale: f64,
    /// Which `usd_per_hour` entry of the instance.
    pub price: String,
    /// That entry's USD per instance-hour.
    pub usd_per_hour: f64,
    /// `scaling`: hourly (the default) or fixed.
    pub scaling: Scaling,
    pub min_instances: u32,
    pub target_utilization: f64,
    pub ops_usd_per_month: f64,
    pub setup_usd: f64,
    pub amortize_months: u32,
    /// Months each commitment to fixed instances runs (`commitment_months`, fixed scaling only);
    /// `None`: instances can be released at any time, nothing is committed.
    pub commitment_months: Option<u32>,
}
