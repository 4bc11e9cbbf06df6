//! The samples reduced, in sample order: nearest-rank quantiles of each month and of the
//! horizon, the mean total, how often each line is the cheapest that serves every workload, and
//! its expected regret (docs/model.md#simulation).
use super::Request;
use super::costs::Costs;
use super::inputs::{self, FittedThroughput, Held};
use serde::Serialize;

/// The JSON schema name of [`Simulation`].
pub const SCHEMA: &str = "infercast/simulate-v2";

/// What `simulate` reports for one scenario (JSON schema `infercast/simulate-v2`).
#[derive(Debug, Clone, Serialize)]
pub struct Simulation {
    pub schema: &'static str,
    pub scenario: String,
    pub samples: usize,
    pub seed: u64,
    pub months: u32,
    /// Hours in each month (docs/model.md#conventions).
    pub hours_per_month: f64,
    /// The inputs drawn: the scenario's distributions, then the catalog's it uses.
    pub uncertain_inputs: Vec<String>,
    /// Each fitted deployment whose throughput was drawn within its worst error against its runs.
    pub fitted_throughput: Vec<FittedThroughput>,
    /// What every draw used at one value: traffic and token counts given as numbers, assumed
    /// catalog figures without a range.
    pub held_fixed: Vec<Held>,
    /// `[risk]`'s monthly probability that the feature is cut; `None` without `[risk]`.
    pub descope_probability_per_month: Option<f64>,
    /// The options, then the plans, as `estimate` lists them.
    pub options: Vec<LineSummary>,
}

/// One option or plan over the samples.
#[derive(Debug, Clone, Serialize)]
pub struct LineSummary {
    pub name: String,
    pub months: Vec<MonthQuantiles>,
    pub total: TotalQuantiles,
    /// Share of samples in which it is the cheapest line that serves every workload (lines that
    /// tie are each the cheapest, so the shares may sum above 1).
    pub p_cheapest: f64,
    /// Mean over the samples in which it serves every workload of its total minus the cheapest
    /// such total of the same sample, USD; `None` when it never serves every workload.
    pub expected_regret_usd: Option<f64>,
    /// Mean of that difference over the samples in which it is not the cheapest; `None` when it
    /// always is.
    #[serde(skip)]
    pub regret_if_not_cheapest_usd: Option<f64>,
}

/// One month's cost, USD: 10th, 50th and 90th percentiles over the samples.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MonthQuantiles {
    pub month: u32,
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
}

/// The horizon's total, USD.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TotalQuantiles {
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
    pub mean: f64,
}

/// The line most often cheapest, for the "how sure" sentence.
#[derive(Debug, Clone)]
pub struct Verdict<'a> {
    pub line: &'a LineSummary,
    pub samples: usize,
}

impl Simulation {
    /// The line with the highest P(cheapest) (the first on ties); `None` if none ever is.
    pub fn verdict(&self) -> Option<Verdict<'_>> {
        let best = self.options.iter().rev().max_by(|a, b| a.p_cheapest.total_cmp(&b.p_cheapest))?;
        (best.p_cheapest > 0.0).then_some(Verdict { line: best, samples: self.samples })
    }
}

/// The nearest-rank `q` quantile of sorted `x`: the value at rank ⌈q·n⌉ (1-based).
pub fn nearest_rank(sorted: &[f64], q: f64) -> f64 {
    let rank = (q * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted[rank.min(sorted.len()) - 1]
}

fn sorted(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    v
}

/// Every sample's costs reduced to what `simulate` reports.
pub(super) fn summarise(req: &Request, costs: &Costs) -> Simulation {
    let s = req.scenario;
    let fitted = inputs::fitted(s);
    let names: Vec<String> = s
        .options
        .iter()
        .filter(|o| o.standalone)
        .map(|o| o.name.clone())
        .chain(s.plans.iter().map(|p| p.name.clone()))
        .collect();
    // The cheapest eligible total of each sample (`None`: no line serves every workload).
    let cheapest: Vec<Option<f64>> = (0..costs.samples())
        .map(|i| (0..costs.lines()).filter(|&j| costs.eligible(i, j)).map(|j| costs.total(i, j)).reduce(f64::min))
        .collect();
    let options = names.into_iter().enumerate().map(|(j, name)| line(j, name, costs, &cheapest)).collect();
    Simulation {
        schema: SCHEMA,
        scenario: s.name.clone(),
        samples: costs.samples(),
        seed: req.seed,
        months: s.months,
        hours_per_month: s.hours_per_month,
        uncertain_inputs: s.uncertain.iter().chain(&s.catalog_uncertain).map(|u| u.path.clone()).collect(),
        held_fixed: inputs::held_fixed(s, &fitted),
        fitted_throughput: fitted,
        descope_probability_per_month: s.risk.map(|r| r.descope_probability_per_month),
        options,
    }
}

/// Line `j` over the samples.
fn line(j: usize, name: String, costs: &Costs, cheapest: &[Option<f64>]) -> LineSummary {
    let samples = costs.samples();
    let n = samples as f64;
    let months = (0..costs.months())
        .map(|m| {
            let v = sorted((0..samples).map(|i| costs.line(i, j)[m]).collect());
            let q = |p| nearest_rank(&v, p);
            MonthQuantiles { month: m as u32 + 1, p10: q(0.1), p50: q(0.5), p90: q(0.9) }
        })
        .collect();
    let mine: Vec<f64> = (0..samples).map(|i| costs.total(i, j)).collect();
    let v = sorted(mine.clone());
    let total = TotalQuantiles {
        p10: nearest_rank(&v, 0.1),
        p50: nearest_rank(&v, 0.5),
        p90: nearest_rank(&v, 0.9),
        mean: mine.iter().sum::<f64>() / n,
    };
    // (cheapest?, total − the cheapest eligible total) of each sample in which it is eligible;
    // a total within 1e-9 of the cheapest is the cheapest too (two lines may tie).
    let regrets: Vec<(bool, f64)> = cheapest
        .iter()
        .zip(&mine)
        .enumerate()
        .filter(|&(i, _)| costs.eligible(i, j))
        .filter_map(|(_, (c, x))| c.map(|best| (x - best <= 1e-9 * best.abs().max(1.0), x - best)))
        .collect();
    let wins = regrets.iter().filter(|r| r.0).count();
    let mean = |v: &[f64]| (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
    let all: Vec<f64> = regrets.iter().map(|r| r.1).collect();
    let lost: Vec<f64> = regrets.iter().filter(|r| !r.0).map(|r| r.1).collect();
    LineSummary {
        name,
        months,
        total,
        p_cheapest: wins as f64 / n,
        expected_regret_usd: mean(&all),
        regret_if_not_cheapest_usd: mean(&lost),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_quantiles() {
        // n = 10: p10 is rank 1, p50 rank 5, p90 rank 9.
        let v: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!((nearest_rank(&v, 0.1), nearest_rank(&v, 0.5), nearest_rank(&v, 0.9)), (1.0, 5.0, 9.0));
        // n = 3: ⌈0.3⌉ = 1, ⌈1.5⌉ = 2, ⌈2.7⌉ = 3.
        assert_eq!((nearest_rank(&[1.0, 2.0, 3.0], 0.1), nearest_rank(&[1.0, 2.0, 3.0], 0.9)), (1.0, 3.0));
    }
}
