//! Each figure derived by hand on a usage of a few records.
use super::*;
use crate::usage::Invocation;

/// Unix seconds of a few UTC midnights (`date -u -d 2026-09-01 +%s`).
const SEP_1: i64 = 1_788_220_800; // a Tuesday
const OCT_1: i64 = 1_790_812_800;
const NOV_1: i64 = 1_793_491_200; // a Sunday
const NOV_2: i64 = 1_793_577_600; // a Monday
const DEC_1: i64 = 1_796_083_200;
const H: i64 = 3_600;
const D: i64 = 86_400;

fn hourly(rows: &[(i64, u64)]) -> Usage {
    let mut u = Usage::new(Measured::Hourly);
    for &(t, n) in rows {
        let totals = Totals { invocations: n, ..Totals::default() };
        u.add_hour(t, "g", "anthropic.m", Some("us-east-1"), &totals);
    }
    u
}

fn call(u: &mut Usage, t: i64, group: &str, tokens: (u64, u64, u64, u64)) {
    let (input, output, cache_read, cache_write) = tokens;
    let group_id = group.to_string();
    u.add(&Invocation {
        timestamp_s: t,
        region: "us-east-1",
        model_id: "anthropic.m",
        group: &group_id,
        input,
        cache_read,
        cache_write,
        output,
    });
}

/// Records from 2026-08-31 12:00 to 2026-12-01 05:00: August and December are partial, so the
/// full months are September, October, November (10, 20, 40 calls). Volume: November's 40.
/// Growth over k = 3 months: (40 / 10)^(1/2) − 1 = 2 − 1 = 1.
#[test]
fn full_months_give_the_volume_and_growth() {
    let u = hourly(&[
        (SEP_1 - 12 * H, 5),
        (SEP_1 + 4 * D, 10),
        (OCT_1 + 9 * H, 20),
        (NOV_1 + 20 * D, 40),
        (DEC_1 + 5 * H, 7),
    ]);
    let p = period(&u).unwrap();
    assert_eq!((p.from_s, p.to_s), (SEP_1 - D, DEC_1 + D));
    assert_eq!(p.months, vec![(SEP_1, OCT_1), (OCT_1, NOV_1), (NOV_1, DEC_1)]);
    assert_eq!(volume(&u, &p), Volume::LastFullMonth { start_s: NOV_1, invocations: 40 });
    assert_eq!(volume(&u, &p).requests_per_month(), 40.0);
    assert_eq!(growth_per_month(&u, &p), Some(1.0));
}

/// Two days (2026-11-02 and 03, 48 hours) with 24 calls each: no full month, so 48 calls ÷ 48 h
/// × 730 h = 730 a month, and no growth.
#[test]
fn without_a_full_month_the_rate_is_extrapolated_to_730_hours() {
    let u = hourly(&[(NOV_2 + 10 * H, 24), (NOV_2 + D + 5 * H, 24)]);
    let p = period(&u).unwrap();
    assert!(p.months.is_empty());
    assert_eq!(p.hours(), 48);
    assert_eq!(volume(&u, &p), Volume::Extrapolated { invocations: 48, hours: 48 });
    assert_eq!(volume(&u, &p).requests_per_month(), 730.0);
    assert_eq!(growth_per_month(&u, &p), None);
}

/// Monday 00:00 UTC is slot 0, Sunday 23:00 slot 167.
#[test]
fn slots_start_on_monday_midnight() {
    assert_eq!(slot(NOV_2), 0);
    assert_eq!(slot(NOV_2 - H), 167);
    assert_eq!(slot(NOV_2 + D + 13 * H + 59), 37);
}

/// Two weeks from Monday 2026-11-02 to Sunday 11-15: every slot occurs twice. Monday 09:00 had 6
/// then 2 calls → (6 + 2) / 2 = 4; Tuesday 00:00 had 3 once → 1.5; Sunday 23:00 had 1 → 0.5;
/// every other slot 0.
#[test]
fn hour_of_week_is_the_mean_per_occurrence() {
    let u = hourly(&[(NOV_2 + 9 * H, 6), (NOV_2 + 7 * D + 9 * H, 2), (NOV_2 + D, 3), (NOV_2 + 14 * D - H, 1)]);
    let w = hour_of_week(&u, &period(&u).unwrap());
    assert_eq!(w.uncovered, 0);
    assert_eq!((w.weights[9], w.weights[24], w.weights[167]), (4.0, 1.5, 0.5));
    assert_eq!(w.weights.iter().sum::<f64>(), 6.0);
}

/// One Monday: 6 calls at 09:00 and 18 at 10:00 over its 24 slots, mean 24 / 24 = 1; the 144
/// slots of the other six days are never covered and get that 1.
#[test]
fn slots_a_short_period_misses_get_the_covered_mean() {
    let u = hourly(&[(NOV_2 + 9 * H, 6), (NOV_2 + 10 * H, 18)]);
    let w = hour_of_week(&u, &period(&u).unwrap());
    assert_eq!(w.uncovered, 144);
    assert_eq!((w.weights[9], w.weights[10], w.weights[0], w.weights[24], w.weights[167]), (6.0, 18.0, 0.0, 1.0, 1.0));
}

/// Hour A: one call a minute, variance 0, index 0. Hour B: 60 calls in one minute: mean 1, squares
/// (60 − 1)² + 59 × 1² = 3,540, ÷ 59 = 60, ÷ mean 1 = 60. Weighted by calls: (60·0 + 60·60) / 120 = 30.
#[test]
fn burstiness_is_the_call_weighted_index_of_dispersion() {
    let mut u = Usage::new(Measured::InvocationLogs);
    (0..60).for_each(|m| call(&mut u, NOV_2 + 60 * m + 7, "a", (1, 1, 0, 0)));
    (0..60).for_each(|_| call(&mut u, NOV_2 + H + 60 * 17 + 3, "b", (1, 1, 0, 0)));
    assert_eq!(burstiness(&u), Some(30.0));
    assert_eq!(burstiness(&hourly(&[(NOV_2, 3)])), None);
}

/// Group `a`: calls (input 100, output 10, read 1,000, write 0) and (300, 30, 0, 500): means 200,
/// 20, 500, 250, hit rate 500 / 750 = 2/3; group `b` has two calls too, so `a`'s share is 0.5.
#[test]
fn a_profile_is_per_call_means_and_shares() {
    let mut u = Usage::new(Measured::InvocationLogs);
    call(&mut u, NOV_2, "a", (100, 10, 1_000, 0));
    call(&mut u, NOV_2 + 5, "a", (300, 30, 0, 500));
    call(&mut u, NOV_2 + 9, "b", (1, 1, 0, 0));
    call(&mut u, NOV_2 + 9, "b", (1, 1, 0, 0));
    let p = profile(&u.groups["a"], invocations(&u));
    assert_eq!((p.invocations, p.share), (2, 0.5));
    assert_eq!((p.input, p.output, p.cache_read, p.cache_write), (200.0, 20.0, 500.0, 250.0));
    assert!((p.cache_hit_rate().unwrap() - 2.0 / 3.0).abs() < 1e-12);
    // Two calls: p10 is the first (100, bucket within 5 %), p90 the second (300).
    let (p10, p90) = p.input_p10_p90.unwrap();
    assert!((p10 / 100.0 - 1.0).abs() < 0.05 && (p90 / 300.0 - 1.0).abs() < 0.05, "{p10} {p90}");
    assert_eq!(profile(&u.groups["b"], 4).cache_hit_rate(), None);
}

#[test]
fn significant_digits_round() {
    assert_eq!(significant(1_234.56, 4), 1_235.0);
    assert_eq!(significant(0.0123456, 4), 0.01235);
    assert_eq!(significant(0.0, 4), 0.0);
}
