//! Bounds on results (docs/model.md#limits-of-the-results): every input has a range, but a
//! product of in-range inputs can still be absurd (a catalog's MU that serves one token a
//! minute sizes a billion units). After pricing, each figure is checked here; the first out of
//! bounds is returned as data and the command refuses the scenario (exit 2).
use crate::model::{Estimate, MonthCost, OptionEstimate};

/// USD in one month, one day or one alarm: a thousand trillion dollars, ten times the world's
/// yearly output, so only a slip reaches it.
pub const MAX_USD: f64 = 1e15;
/// Model units or instances in any month: a billion (also keeps every count inside `u32`).
pub const MAX_UNITS: f64 = 1e9;

/// What is wrong with the figure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound {
    /// Infinite or not a number.
    NotFinite,
    /// Above [`MAX_USD`].
    Usd,
    /// Above [`MAX_UNITS`].
    Units,
}

/// Which figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    MonthCost,
    HorizonCost,
    PerRequest,
    Units,
    Overflow,
    DaySpend,
    DailyAlarm,
    Utilization,
    QuotaAsk,
    BreakEvenCurve,
}

/// The first figure out of bounds: whose, which, which month, and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Absurd {
    /// The option or plan it belongs to.
    pub option: String,
    pub figure: Figure,
    pub month: Option<u32>,
    pub value: f64,
    pub bound: Bound,
}

/// The bound `x` breaks, if any.
fn broken(x: f64, limit: Option<Bound>) -> Option<Bound> {
    if !x.is_finite() {
        return Some(Bound::NotFinite);
    }
    match limit {
        Some(Bound::Usd) if x.abs() > MAX_USD => Some(Bound::Usd),
        Some(Bound::Units) if x.abs() > MAX_UNITS => Some(Bound::Units),
        _ => None,
    }
}

/// Collects figures of one owner and keeps the first that breaks its bound.
struct Scan<'a> {
    option: &'a str,
    found: Option<Absurd>,
}

impl Scan<'_> {
    fn see(&mut self, figure: Figure, month: Option<u32>, value: f64, limit: Option<Bound>) {
        if self.found.is_some() {
            return;
        }
        if let Some(bound) = broken(value, limit) {
            self.found = Some(Absurd { option: self.option.to_string(), figure, month, value, bound });
        }
    }

    fn month(&mut self, m: &MonthCost) {
        let at = Some(m.month);
        self.see(Figure::MonthCost, at, m.cost_usd, Some(Bound::Usd));
        self.see(Figure::Units, at, m.units, Some(Bound::Units));
        self.see(Figure::Overflow, at, m.overflow_share, None);
        self.see(Figure::DaySpend, at, m.day.busiest_day_usd, Some(Bound::Usd));
        for tpm in [m.input_tpm, m.output_tpm].into_iter().flatten() {
            self.see(Figure::Units, at, tpm, None);
        }
        self.see(Figure::Utilization, at, m.utilization.unwrap_or(0.0), None);
    }

    fn option(&mut self, o: &OptionEstimate) {
        o.cost.months.iter().for_each(|m| self.month(m));
        self.see(Figure::HorizonCost, None, o.cost.total_usd, None);
        self.see(Figure::PerRequest, None, o.cost.usd_per_1k_requests, None);
        self.see(Figure::PerRequest, None, o.cost.usd_per_mtok, None);
        self.see(Figure::DailyAlarm, None, o.daily_alarm_usd, Some(Bound::Usd));
        let u = &o.utilization;
        for x in [u.breakeven_utilization, u.full_use_usd_per_hour, u.unit_usd_per_hour, u.mean_utilization] {
            self.see(Figure::Utilization, None, x.unwrap_or(0.0), None);
        }
    }
}

/// The first figure of `e` that is not finite or is beyond its bound; `None` when all hold.
pub fn check(e: &Estimate) -> Option<Absurd> {
    let scan = |option: &str, f: &mut dyn FnMut(&mut Scan)| {
        let mut s = Scan { option, found: None };
        f(&mut s);
        s.found
    };
    for o in &e.options {
        if let Some(a) = scan(&o.name, &mut |s| s.option(o)) {
            return Some(a);
        }
    }
    for p in &e.plans {
        for m in &p.members {
            if let Some(a) = scan(&m.option, &mut |s| s.option(&m.estimate)) {
                return Some(a);
            }
        }
        let found = scan(&p.name, &mut |s| {
            for m in &p.months {
                s.see(Figure::MonthCost, Some(m.month), m.cost_usd, Some(Bound::Usd));
                s.see(Figure::DaySpend, Some(m.month), m.day.busiest_day_usd, Some(Bound::Usd));
            }
            s.see(Figure::HorizonCost, None, p.total_usd, None);
            s.see(Figure::PerRequest, None, p.usd_per_1k_requests, None);
            s.see(Figure::PerRequest, None, p.usd_per_mtok, None);
            s.see(Figure::DailyAlarm, None, p.daily_alarm_usd, Some(Bound::Usd));
        });
        if found.is_some() {
            return found;
        }
    }
    for q in &e.quota {
        let found = scan(&q.option, &mut |s| {
            for x in [q.tokens_per_invocation, q.recommended_rpm, q.recommended_tpm, q.limit_per_min.unwrap_or(0.0)] {
                s.see(Figure::QuotaAsk, None, x, None);
            }
            q.throttled_share.iter().for_each(|&x| s.see(Figure::Overflow, None, x, None));
        });
        if found.is_some() {
            return found;
        }
    }
    e.breakeven.curves.iter().find_map(|(name, curve)| {
        scan(name, &mut |s| curve.iter().for_each(|&x| s.see(Figure::BreakEvenCurve, Some(1), x, None)))
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::scenario::Scenario;
    use crate::source::SourceFile;

    const CATALOG: &str = include_str!("../../../tests/fixtures/toy-catalog/toy.toml");
    const SCENARIO: &str = "[scenario]\nname = \"s\"\nmonths = 2\n\n[traffic]\nrequests_per_month = 1000\n\n\
        [[workload]]\nname = \"w\"\nshare = 1\ninput_tokens = 1000\noutput_tokens = 100\n\n[[option]]\n\
        kind = \"on-demand\"\nmodel = \"m\"\n";

    /// A one-option scenario on the toy catalog of the tests, and its file.
    pub(crate) fn toy_scenario() -> (SourceFile, Scenario) {
        let catalog = Catalog::from_files(vec![SourceFile::new("toy.toml", CATALOG)]).unwrap();
        let file = SourceFile::new("s.toml", SCENARIO);
        let s = Scenario::from_source(&file, &catalog).unwrap();
        (file, s)
    }

    fn toy() -> Estimate {
        crate::model::estimate(&toy_scenario().1)
    }

    #[test]
    fn a_sound_estimate_passes_and_a_poisoned_one_names_its_figure() {
        let mut e = toy();
        assert_eq!(check(&e), None);
        e.options[0].cost.months[1].cost_usd = f64::INFINITY;
        let a = check(&e).unwrap();
        assert_eq!((a.figure, a.month, a.bound), (Figure::MonthCost, Some(2), Bound::NotFinite));
        e.options[0].cost.months[1].cost_usd = 1.0;
        e.options[0].cost.months[0].units = 2e9;
        let a = check(&e).unwrap();
        assert_eq!((a.figure, a.month, a.bound, a.value), (Figure::Units, Some(1), Bound::Units, 2e9));
    }
}
