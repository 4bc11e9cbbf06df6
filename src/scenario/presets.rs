//! The named daily and weekly traffic shapes, and a month's requests however the volume was
//! given (docs/model.md#traffic).
use super::Volume;

/// Daily shape presets.
pub const DAILY_PRESETS: &[&str] = &["flat", "business-hours", "evening"];
/// Weekly shape presets.
pub const WEEKLY_PRESETS: &[&str] = &["flat", "weekdays"];
/// 24 hourly weights of a daily preset.
pub fn daily_preset(name: &str) -> Option<Vec<f64>> {
    let by_hour = |f: fn(usize) -> f64| Some((0..24).map(f).collect());
    match name {
        "flat" => by_hour(|_| 1.0),
        // 1.0 for hours 9–17 inclusive, 0.1 otherwise.
        "business-hours" => by_hour(|h| if (9..=17).contains(&h) { 1.0 } else { 0.1 }),
        // 1.0 for 18–23, 0.5 for 7–17, 0.1 for 0–6.
        "evening" => by_hour(|h| match h {
            18..=23 => 1.0,
            7..=17 => 0.5,
            _ => 0.1,
        }),
        _ => None,
    }
}

/// 7 daily weights (Monday first) of a weekly preset.
pub fn weekly_preset(name: &str) -> Option<Vec<f64>> {
    match name {
        "flat" => Some(vec![1.0; 7]),
        "weekdays" => Some(vec![1.0, 1.0, 1.0, 1.0, 1.0, 0.3, 0.3]),
        _ => None,
    }
}

/// Requests per month from however the volume was given; `hours` = hours per month.
pub fn base_requests_per_month(volume: Volume, hours: f64) -> f64 {
    match volume {
        Volume::PerMonth(v) => v,
        Volume::PerDay(d) => d * hours / 24.0,
        Volume::MeanRps(r) => r * 3600.0 * hours,
    }
}
