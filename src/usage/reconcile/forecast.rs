//! The line of an estimate that `reconcile` holds usage to: the plan `as-run`, or the option or
//! plan named by `--option`, month by month and per model.
use crate::catalog::{Catalog, PriceSet};
use crate::model::Estimate;

const DAY_S: i64 = 86_400;

/// A member of the line: the model it runs (on demand), its prices, its cost each month.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The catalog key; `None` for an option that runs no catalog model on demand.
    pub model: Option<String>,
    pub prices: Option<PriceSet>,
    pub months_usd: Vec<f64>,
}

/// The forecast compared: each scenario month's cost and calls, and its members.
#[derive(Debug, Clone, PartialEq)]
pub struct Forecast {
    pub scenario: String,
    pub line: String,
    /// The scenario's first month (days since 1970-01-01 of its first day) and horizon.
    pub first_day: i64,
    pub months: u32,
    pub month_usd: Vec<f64>,
    /// Model invocations each month: requests × calls a request.
    pub month_calls: Vec<f64>,
    pub members: Vec<Member>,
}

/// Why no forecast line could be taken.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// `--option` names no option or plan; the names there are.
    Unknown { name: String, names: Vec<String> },
    /// No plan `as-run` and no `--option`.
    NoLine { names: Vec<String> },
}

/// The name of the plan `import` writes.
pub const AS_RUN: &str = "as-run";

impl Forecast {
    /// The line `option` names, else the plan `as-run`.
    pub fn new(est: &Estimate, option: Option<&str>, first_day: i64, catalog: &Catalog) -> Result<Self, Refusal> {
        let names: Vec<String> = est.lines().iter().map(|l| l.name.to_string()).collect();
        let name = match option {
            Some(n) if names.iter().any(|m| m == n) => n,
            Some(n) => return Err(Refusal::Unknown { name: n.to_string(), names }),
            None if names.iter().any(|m| m == AS_RUN) => AS_RUN,
            None => return Err(Refusal::NoLine { names }),
        };
        let calls = est.per_request.calls;
        let prices = |o: &crate::model::OptionEstimate| {
            let m = catalog.model(o.model.as_deref()?)?;
            m.prices(o.endpoint?, o.region.as_deref()?).ok()
        };
        let (month_usd, month_calls, members) = match est.plans.iter().find(|p| p.name == name) {
            Some(p) => (
                p.months.iter().map(|m| m.cost_usd).collect(),
                p.months.iter().map(|m| m.requests * calls).collect(),
                p.members
                    .iter()
                    .map(|m| Member {
                        model: m.estimate.model.clone(),
                        prices: prices(&m.estimate),
                        months_usd: m.months.iter().map(|c| c.cost_usd).collect(),
                    })
                    .collect(),
            ),
            None => {
                let o = est.options.iter().find(|o| o.name == name).expect("a line is an option or a plan");
                let usd: Vec<f64> = o.cost.months.iter().map(|m| m.cost_usd).collect();
                let member = Member { model: o.model.clone(), prices: prices(o), months_usd: usd.clone() };
                (usd, o.cost.months.iter().map(|m| m.requests * calls).collect(), vec![member])
            }
        };
        let (scenario, line, months) = (est.scenario.clone(), name.to_string(), est.months);
        Ok(Forecast { scenario, line, first_day, months, month_usd, month_calls, members })
    }

    /// The first day after the horizon.
    pub fn end_day(&self) -> i64 {
        crate::dates::add_months(self.first_day, self.months)
    }

    /// Whether the days `from..to` (exclusive) fall inside the horizon.
    pub fn covers(&self, from_day: i64, to_day: i64) -> bool {
        from_day >= self.first_day && to_day <= self.end_day()
    }

    /// The scenario month starting at `start_s` (unix seconds of a month's first day).
    fn index(&self, start_s: i64) -> Option<usize> {
        let day = start_s / DAY_S;
        let i = crate::dates::whole_months(self.first_day, day);
        (i >= 0 && (i as u32) < self.months).then_some(i as usize)
    }

    /// The month's cost (0 outside the horizon, which [`Forecast::covers`] refuses first).
    pub fn month_usd(&self, start_s: i64) -> f64 {
        self.index(start_s).map_or(0.0, |i| self.month_usd[i])
    }

    pub fn month_calls(&self, start_s: i64) -> f64 {
        self.index(start_s).map_or(0.0, |i| self.month_calls[i])
    }

    /// The month's cost per model (key, or "(other)" for members running no catalog model, and
    /// for what the line costs beyond its members: services).
    pub fn month_by_model(&self, start_s: i64) -> Vec<(String, f64)> {
        let Some(i) = self.index(start_s) else { return Vec::new() };
        let mut out: Vec<(String, f64)> = self
            .members
            .iter()
            .map(|m| (m.model.clone().unwrap_or_else(|| OTHER.to_string()), m.months_usd[i]))
            .collect();
        let rest = self.month_usd[i] - out.iter().map(|(_, u)| u).sum::<f64>();
        if rest.abs() > 1e-9 * self.month_usd[i].abs().max(1.0) {
            out.push((OTHER.to_string(), rest));
        }
        out
    }

    /// The forecast's prices for calls of the catalog model `key`: those of the member running
    /// it, else of the first member priced on demand; `None` when no member is.
    pub fn prices_for(&self, key: Option<&str>) -> Option<PriceSet> {
        let own = self.members.iter().find(|m| m.model.as_deref() == key && key.is_some());
        own.and_then(|m| m.prices).or_else(|| self.members.iter().find_map(|m| m.prices))
    }
}

/// The row of what the forecast costs beyond its members' catalog models.
pub const OTHER: &str = "(other)";
