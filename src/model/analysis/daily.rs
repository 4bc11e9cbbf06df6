//! Daily spend (docs/model.md#daily-spend): what an average and the busiest day of each month
//! cost, and the daily spend alarm to set.
use crate::model::traffic::load::MonthLoad;
use crate::model::traffic::week::SLOTS;
use crate::model::{Context, MonthCost};
use crate::scenario::{OptionKind, Overflow};
use serde::Serialize;

/// Days of the week, slot = day × 24 + hour with day 0 = Monday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum Weekday {
    #[default]
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    pub const ALL: [Weekday; 7] =
        [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

    /// The full name, for sentences.
    pub fn name(self) -> &'static str {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][self as usize]
    }
}

/// One month's daily spend.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct DaySpend {
    /// Month cost × 24 / hours per month.
    pub average_day_usd: f64,
    /// Cost accrued over the 24 hours of the busiest weekday (one occurrence).
    pub busiest_day_usd: f64,
    pub busiest_day: Weekday,
}

impl DaySpend {
    /// Whether every day costs the same: the busiest day is the average one (to 1e-9 of it).
    pub fn days_alike(&self) -> bool {
        (self.busiest_day_usd - self.average_day_usd).abs() <= 1e-9 * self.average_day_usd.abs()
    }
}

/// Average and busiest day from the cost of one occurrence of each hour slot.
pub fn day_spend(slot_costs: &[f64], month_cost: f64, hours_per_month: f64) -> DaySpend {
    let (busiest_day, busiest_day_usd) = Weekday::ALL
        .iter()
        .map(|&d| (d, slot_costs[d as usize * 24..(d as usize + 1) * 24].iter().sum::<f64>()))
        // The first of equal days: a flat week's busiest day is Monday.
        .fold((Weekday::Mon, f64::NEG_INFINITY), |best, day| if day.1 > best.1 { day } else { best });
    DaySpend { average_day_usd: month_cost * 24.0 / hours_per_month, busiest_day_usd, busiest_day }
}

/// Rounds up to two significant figures: 1,234 → 1,300; 1,200 → 1,200; 0.0123 → 0.013.
pub fn round_up_2sf(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 || x.is_infinite() {
        return 0.0;
    }
    let unit = 10f64.powi(x.log10().floor() as i32 - 1);
    // Tolerate float noise so that exactly 1,200 stays 1,200.
    let steps = (x / unit * (1.0 - 1e-12)).ceil();
    steps * unit
}

/// The suggested daily alarm: the busiest day of month 1 with `headroom`, rounded up to two
/// significant figures.
pub fn alarm_usd(month_1: &DaySpend, headroom: f64) -> f64 {
    round_up_2sf(month_1.busiest_day_usd * (1.0 + headroom))
}

impl Context {
    /// USD accrued in one occurrence (one hour) of each slot of a month. What varies with the
    /// slot's traffic (on-demand requests, overflow, hourly instances) is charged to its slot;
    /// the rest of the month's cost (MU-hours, Reserved fees, fixed instances, operations,
    /// amortised setup) is spread evenly over the month's hours.
    pub fn slot_costs(&self, kind: &OptionKind, load: &MonthLoad, month: &MonthCost) -> Vec<f64> {
        let overflow_minute = |model| 60.0 * self.overflow_usd_per_request(model);
        let capacity = self.slot_capacity(kind, load, month);
        // Overflow minute by minute, as the month's cost counts it (docs/model.md#overflow).
        let excess = |s: usize, p: f64| {
            let cap = capacity.as_ref().map_or(0.0, |c| c[s]);
            if p == 0.0 { 0.0 } else { load.excess_per_min(load.slots[s].mean_per_min, cap) * p }
        };
        let variable: Vec<f64> = match kind {
            OptionKind::OnDemand { .. } => {
                let p = 60.0 * self.on_demand_month_usd_per_request(kind, month.month).unwrap_or(0.0);
                load.slots.iter().map(|s| s.mean_per_min * p).collect()
            }
            OptionKind::Provisioned { model, overflow, .. } => {
                let p = if *overflow == Overflow::OnDemand { overflow_minute(model) } else { 0.0 };
                (0..load.slots.len()).map(|s| excess(s, p)).collect()
            }
            OptionKind::Reserved { model, .. } => {
                let p = overflow_minute(model);
                (0..load.slots.len()).map(|s| excess(s, p)).collect()
            }
            OptionKind::SelfHosted(sh) if sh.scaling == crate::scenario::Scaling::Hourly => {
                let per_instance = self.unit_capacity(kind).unwrap_or(f64::INFINITY);
                let cap = capacity.unwrap_or_default();
                cap.iter().map(|c| c / per_instance * sh.usd_per_hour).collect()
            }
            OptionKind::SelfHosted(_) => vec![0.0; load.slots.len()],
        };
        let h = self.hours_per_month;
        let spread = month.cost_usd - variable.iter().sum::<f64>() * h / SLOTS as f64;
        variable.iter().map(|v| v + spread / h).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_significant_figures_round_up() {
        assert_eq!(round_up_2sf(1_234.0), 1_300.0);
        assert_eq!(round_up_2sf(1_200.0), 1_200.0);
        assert_eq!(round_up_2sf(99.1), 100.0);
        assert!((round_up_2sf(0.0123) - 0.013).abs() < 1e-15);
        assert_eq!(round_up_2sf(0.0), 0.0);
    }

    #[test]
    fn busiest_day_sums_its_24_slots() {
        // $1 an hour everywhere except Thursday's hours at $3: Thursday costs 72, an average day
        // of a 168-hour month costing 216 costs 216 · 24 / 168 = 30.857.
        let mut slots = vec![1.0; 168];
        slots[3 * 24..4 * 24].iter_mut().for_each(|s| *s = 3.0);
        let d = day_spend(&slots, 216.0, 168.0);
        assert_eq!((d.busiest_day, d.busiest_day_usd), (Weekday::Thu, 72.0));
        assert!((d.average_day_usd - 216.0 * 24.0 / 168.0).abs() < 1e-12);
        // Alarm with 25 % headroom: 72 · 1.25 = 90 → 90.
        assert_eq!(alarm_usd(&d, 0.25), 90.0);
    }

    #[test]
    fn days_are_alike_when_the_busiest_is_the_average() {
        // A flat week: 30 a day on average and on the busiest day; Thursday at 72 is not.
        let flat = DaySpend { average_day_usd: 30.0, busiest_day_usd: 30.0, busiest_day: Weekday::Mon };
        assert!(flat.days_alike());
        assert!(!DaySpend { busiest_day_usd: 72.0, busiest_day: Weekday::Thu, ..flat }.days_alike());
    }
}
