//! Traffic (docs/model.md#traffic): base volume, growth by month, and the week of 168 hour slots.
use crate::scenario::Traffic;

/// Hour slots in a week.
pub const SLOTS: usize = 168;

/// Requests in month `m` (1-based): `V (1 + g)^(m−1)`.
pub fn month_requests(base: f64, growth: f64, m: u32) -> f64 {
    base * (1.0 + growth).powi(m as i32 - 1)
}

/// Weight of each hour slot (slot = day·24 + hour), normalised so the week's mean is 1: the
/// `hour_of_week` weights as given, else the daily shape times the weekly one.
/// Each shape is divided by its largest weight before it is averaged: only ratios matter, and
/// weights like `[5e-324, 0, …]` would otherwise average to 0 (a subnormal sum divided by 7
/// underflows) and every slot would be 0/0.
pub fn slot_weights(t: &Traffic) -> Vec<f64> {
    let scaled = |w: &[f64]| {
        let max = w.iter().copied().fold(0.0, f64::max);
        let w: Vec<f64> = w.iter().map(|x| x / max).collect();
        let mean = w.iter().sum::<f64>() / w.len() as f64;
        w.into_iter().map(|x| x / mean).collect::<Vec<f64>>()
    };
    if let Some(week) = &t.week {
        return scaled(week);
    }
    let (daily, weekly) = (scaled(&t.daily.weights), scaled(&t.weekly.weights));
    (0..SLOTS).map(|s| daily[s % 24] * weekly[s / 24]).collect()
}

/// Mean arrival rate, requests per second, in a slot of weight `w` in a month of `requests`.
pub fn slot_rate_per_s(requests: f64, w: f64, hours: f64) -> f64 {
    requests * w / (3600.0 * hours)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::presets::{base_requests_per_month, daily_preset, weekly_preset};
    use crate::scenario::{Shape, Volume};

    fn traffic(daily: &str, weekly: &str) -> Traffic {
        Traffic {
            volume: Volume::PerMonth(1.0),
            daily: Shape { name: daily.into(), weights: daily_preset(daily).unwrap() },
            weekly: Shape { name: weekly.into(), weights: weekly_preset(weekly).unwrap() },
            week: None,
            growth_per_month: 0.0,
            burstiness: 1.0,
        }
    }

    /// `hour_of_week` as given: Monday 00:00 at 2, every other hour at 1. The week's mean is
    /// (2 + 167)/168, so Monday 00:00 weighs 2 · 168/169 and any other hour 168/169.
    #[test]
    fn an_hour_of_week_shape_is_used_as_given() {
        let mut week = vec![1.0; SLOTS];
        week[0] = 2.0;
        let w = slot_weights(&Traffic { week: Some(week), ..traffic("business-hours", "weekdays") });
        assert!((w[0] - 2.0 * 168.0 / 169.0).abs() < 1e-12);
        assert!((w[100] - 168.0 / 169.0).abs() < 1e-12);
    }

    #[test]
    fn business_hours_on_weekdays_has_mean_one_and_peak_20_over_7() {
        let w = slot_weights(&traffic("business-hours", "weekdays"));
        let mean = w.iter().sum::<f64>() / 168.0;
        assert!((mean - 1.0).abs() < 1e-12);
        // Daily mean = (9·1.0 + 15·0.1)/24 = 10.5/24; weekly mean = (5 + 2·0.3)/7 = 5.6/7.
        // Peak (a weekday hour 9–17) = (1 / (10.5/24)) · (1 / (5.6/7)) = (24/10.5)·(7/5.6) = 20/7.
        let peak = w.iter().cloned().fold(f64::MIN, f64::max);
        assert!((peak - 20.0 / 7.0).abs() < 1e-12);
        // Monday 10:00 is a peak slot; Sunday 03:00 is the quietest: 0.1·(24/10.5)·0.3·(7/5.6).
        assert!((w[10] - 20.0 / 7.0).abs() < 1e-12);
        assert!((w[6 * 24 + 3] - 0.1 * 0.3 * 20.0 / 7.0).abs() < 1e-12);
    }

    #[test]
    fn flat_week_is_all_ones() {
        assert!(slot_weights(&traffic("flat", "flat")).iter().all(|w| (w - 1.0).abs() < 1e-15));
    }

    #[test]
    fn a_subnormal_weight_is_a_ratio_like_any_other() {
        // [5e-324, 0 × 6] is Monday only: its mean would underflow to 0; scaled by the largest
        // weight it is [1, 0 × 6], mean 1/7, so Monday's slots weigh 7 and the rest 0.
        let mut t = traffic("flat", "flat");
        t.weekly.weights = vec![5e-324, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
        let w = slot_weights(&t);
        assert!(w[..24].iter().all(|&x| x == 7.0), "{:?}", &w[..24]);
        assert!(w[24..].iter().all(|&x| x == 0.0));
    }

    #[test]
    fn evening_preset_follows_the_design() {
        let d = daily_preset("evening").unwrap();
        assert_eq!((d[0], d[6], d[7], d[17], d[18], d[23]), (0.1, 0.1, 0.5, 0.5, 1.0, 1.0));
    }

    #[test]
    fn volume_three_ways() {
        // 50,000 a day over a 730-hour month = 50,000 · 730/24 = 1,520,833.33…
        assert!((base_requests_per_month(Volume::PerDay(50_000.0), 730.0) - 1_520_833.333_333_3).abs() < 1e-6);
        // 2 rps · 3,600 · 730 = 5,256,000.
        assert_eq!(base_requests_per_month(Volume::MeanRps(2.0), 730.0), 5_256_000.0);
        assert_eq!(base_requests_per_month(Volume::PerMonth(7.0), 730.0), 7.0);
    }

    #[test]
    fn growth_compounds_from_month_one() {
        assert_eq!(month_requests(1000.0, 0.05, 1), 1000.0);
        assert!((month_requests(1000.0, 0.05, 3) - 1102.5).abs() < 1e-9); // 1000 · 1.05²
    }

    #[test]
    fn slot_rate_spreads_a_month_over_its_hours() {
        // 2,628,000 requests over 730 h = 1 request/s at weight 1.
        assert!((slot_rate_per_s(2_628_000.0, 1.0, 730.0) - 1.0).abs() < 1e-12);
    }
}
