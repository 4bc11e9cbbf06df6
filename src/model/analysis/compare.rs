//! Before and after: two estimates of the same traffic side by side, options matched by name,
//! and what the change saves or costs a month.
use crate::model::Estimate;
use crate::model::tokens::RequestTokens;
use serde::Serialize;

/// Tokens of the average request, as the comparison reports them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TokensPerRequest {
    /// Billed input tokens.
    pub input: f64,
    /// Billed output tokens.
    pub output: f64,
    /// Retrieved-chunk tokens, part of `input`.
    pub retrieved: f64,
    /// Tokens the application logs.
    pub visible: f64,
    /// Model invocations.
    pub calls: f64,
    /// Billed / visible: the hidden-token ratio.
    pub overhead_ratio: f64,
    /// Share of requests cut short by a token budget.
    pub truncated_share: f64,
}

impl From<&RequestTokens> for TokensPerRequest {
    fn from(t: &RequestTokens) -> Self {
        Self {
            input: t.input,
            output: t.output,
            retrieved: t.retrieved,
            visible: t.visible,
            calls: t.calls,
            overhead_ratio: t.overhead_ratio(),
            truncated_share: t.truncated_share,
        }
    }
}

/// Tokens per request on each side.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TokensBeforeAfter {
    pub before: TokensPerRequest,
    pub after: TokensPerRequest,
}

/// One option present on both sides.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionChange {
    /// The option's name, the same on both sides.
    pub option: String,
    /// USD in month 1, before.
    pub before_month_1_usd: f64,
    /// USD in month 1, after.
    pub after_month_1_usd: f64,
    /// after − before, USD in month 1.
    pub delta_month_1_usd: f64,
    /// The month-1 change in percent of before; `None` when before costs nothing.
    pub delta_month_1_pct: Option<f64>,
    /// USD over the before scenario's horizon.
    pub before_total_usd: f64,
    /// USD over the after scenario's horizon.
    pub after_total_usd: f64,
    /// after − before, USD over the horizon.
    pub delta_total_usd: f64,
    /// The horizon change in percent of before; `None` when before costs nothing.
    pub delta_total_pct: Option<f64>,
}

/// What a change does to a monthly bill, rounded to the cent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Verdict {
    /// Saves this many USD a month (positive), this share of the bill (0..1, when defined).
    Saves { usd: f64, share: Option<f64> },
    /// Costs this many USD more a month (positive), this share more (when defined).
    CostsMore { usd: f64, share: Option<f64> },
    /// Changes the bill by less than a cent.
    Unchanged,
}

impl OptionChange {
    fn new(option: &str, before: (f64, f64), after: (f64, f64)) -> Self {
        let pct = |b: f64, a: f64| (b != 0.0).then(|| (a - b) / b * 100.0);
        Self {
            option: option.to_string(),
            before_month_1_usd: before.0,
            after_month_1_usd: after.0,
            delta_month_1_usd: after.0 - before.0,
            delta_month_1_pct: pct(before.0, after.0),
            before_total_usd: before.1,
            after_total_usd: after.1,
            delta_total_usd: after.1 - before.1,
            delta_total_pct: pct(before.1, after.1),
        }
    }

    /// The month-1 change in words a PM can act on: a saving, a rise, or nothing.
    pub fn verdict(&self) -> Verdict {
        let d = self.delta_month_1_usd;
        let share = self.delta_month_1_pct.map(|p| p.abs() / 100.0);
        // Below half a cent the two bills print the same.
        if d.abs() < 0.005 {
            Verdict::Unchanged
        } else if d < 0.0 {
            Verdict::Saves { usd: -d, share }
        } else {
            Verdict::CostsMore { usd: d, share }
        }
    }
}

/// Two scenarios compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The before scenario's name.
    pub before: String,
    /// The after scenario's name.
    pub after: String,
    pub tokens: TokensBeforeAfter,
    /// Options present on both sides, in the before scenario's order.
    pub options: Vec<OptionChange>,
    /// Options only the before scenario has.
    pub only_before: Vec<String>,
    /// Options only the after scenario has.
    pub only_after: Vec<String>,
}

/// Matches the options of `before` and `after` by name and sets their costs side by side.
pub fn compare(before: &Estimate, after: &Estimate) -> Comparison {
    let figures = |e: &Estimate, name: &str| {
        e.options.iter().find(|o| o.name == name).map(|o| {
            let month_1 = o.cost.months.first().map_or(0.0, |m| m.cost_usd);
            (month_1, o.cost.total_usd)
        })
    };
    let options = before
        .options
        .iter()
        .filter_map(|o| Some(OptionChange::new(&o.name, figures(before, &o.name)?, figures(after, &o.name)?)))
        .collect();
    let missing = |from: &Estimate, other: &Estimate| -> Vec<String> {
        from.options.iter().filter(|o| figures(other, &o.name).is_none()).map(|o| o.name.clone()).collect()
    };
    Comparison {
        before: before.scenario.clone(),
        after: after.scenario.clone(),
        tokens: TokensBeforeAfter { before: (&before.per_request).into(), after: (&after.per_request).into() },
        options,
        only_before: missing(before, after),
        only_after: missing(after, before),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cheaper_after_saves_the_difference() {
        // $46,340 → $31,325: saves $15,015, 15,015 / 46,340 = 32.4 % of the bill.
        let c = OptionChange::new("od", (46_340.0, 556_080.0), (31_325.0, 375_900.0));
        assert_eq!(c.delta_month_1_usd, -15_015.0);
        assert!((c.delta_month_1_pct.unwrap() - (-15_015.0 / 46_340.0 * 100.0)).abs() < 1e-12);
        // Horizon: 375,900 − 556,080 = −180,180.
        assert_eq!(c.delta_total_usd, -180_180.0);
        match c.verdict() {
            Verdict::Saves { usd, share } => {
                assert_eq!(usd, 15_015.0);
                assert!((share.unwrap() - 0.324_018).abs() < 1e-6);
            }
            v => panic!("{v:?}"),
        }
    }

    #[test]
    fn a_dearer_after_costs_more_and_a_free_before_has_no_percentage() {
        // $0 → $12.50: no percentage of nothing; $12.50 more a month.
        let c = OptionChange::new("sh", (0.0, 0.0), (12.5, 150.0));
        assert_eq!(c.delta_month_1_pct, None);
        assert_eq!(c.delta_total_pct, None);
        assert_eq!(c.verdict(), Verdict::CostsMore { usd: 12.5, share: None });
        // A change under half a cent is no change.
        assert_eq!(OptionChange::new("x", (10.0, 10.0), (10.004, 10.004)).verdict(), Verdict::Unchanged);
    }
}
