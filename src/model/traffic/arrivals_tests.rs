//! Tests of `model::arrivals`, kept beside it so that the module reads on its own.
use super::*;
use statrs::distribution::{DiscreteCDF, NegativeBinomial, Poisson};

#[test]
fn the_exact_walk_agrees_with_the_fast_path() {
    for (mean, b) in [(3.0, 1.0), (250.0, 1.0), (250.0, 4.0), (40_000.0, 2.5)] {
        let a = Arrivals::new(mean, b);
        for q in [0.5, 0.99, 0.999] {
            assert_eq!(a.quantile(q), a.quantile_by_walk(q), "mean {mean}, b {b}, q {q}");
        }
    }
}

#[test]
fn poisson_quantiles_match_hand_values() {
    // Poisson(4): cdf(4) = e⁻⁴(1 + 4 + 8 + 32/3 + 32/3) = 0.628837 ≥ 0.5 and cdf(3) = 0.433470 < 0.5.
    assert_eq!(Arrivals::new(4.0, 1.0).quantile(0.5), 4);
    // cdf(7) = 0.948866 < 0.95 ≤ cdf(8) = 0.978637 → the 95th percentile is 8.
    assert_eq!(Arrivals::new(4.0, 1.0).quantile(0.95), 8);
    // Poisson(1): cdf(3) = e⁻¹(1 + 1 + 1/2 + 1/6) = 0.981012 ≥ 0.98 → 3; cdf(2) = 0.919699.
    assert_eq!(Arrivals::new(1.0, 1.0).quantile(0.98), 3);
}

#[test]
fn negative_binomial_geometric_case_matches_the_closed_form() {
    // b = 2, μ = 1 → p = 1/2, r = μ/(b−1) = 1: geometric, P(M ≤ k) = 1 − 0.5^(k+1).
    // 0.99 needs 0.5^(k+1) ≤ 0.01 → k + 1 ≥ log2(100) = 6.64 → k = 6.
    assert_eq!(Arrivals::new(1.0, 2.0).quantile(0.99), 6);
    // 0.7 needs 0.5^(k+1) ≤ 0.3 → k = 1 (cdf(0) = 0.5, cdf(1) = 0.75).
    assert_eq!(Arrivals::new(1.0, 2.0).quantile(0.7), 1);
}

#[test]
fn quantiles_agree_with_statrs_bisection_over_a_range_of_means() {
    for &mean in &[0.3, 2.5, 17.0, 140.0, 1_234.5, 48_000.0] {
        for &b in &[1.0, 1.5, 4.0, 60.0] {
            for &q in &[0.5, 0.9, 0.99, 0.999] {
                let a = Arrivals::new(mean, b);
                let want = if b == 1.0 {
                    Poisson::new(mean).unwrap().inverse_cdf(q)
                } else {
                    NegativeBinomial::new(mean / (b - 1.0), 1.0 / b).unwrap().inverse_cdf(q)
                };
                assert_eq!(a.quantile(q), want, "mean {mean}, b {b}, q {q}");
            }
        }
    }
}

#[test]
fn expected_excess_matches_direct_sums() {
    // Poisson(2) above 3: Σ_{k≥4} (k−3) p(k) = E[M] − 3 + Σ_{k≤3} (3−k) p(k)
    //   = 2 − 3 + e⁻²(3 + 2·2 + 1·2) = −1 + 9e⁻² = 0.218010.
    let a = Arrivals::new(2.0, 1.0);
    assert!((a.expected_excess(3.0) - (-1.0 + 9.0 * (-2.0f64).exp())).abs() < 1e-12);
    // Below the mean: E[(M − 1)⁺] = 2 − 1 + (1 − 0)·e⁻² = 1 + e⁻².
    assert!((a.expected_excess(1.0) - (1.0 + (-2.0f64).exp())).abs() < 1e-12);
    // A limit far above the mean throttles nothing; zero limit throttles everything.
    assert!(Arrivals::new(100.0, 1.0).expected_excess(1_000.0) < 1e-30);
    assert!((Arrivals::new(100.0, 3.0).expected_excess(0.0) - 100.0).abs() < 1e-9);
    // Geometric (b = 2, μ = 1) above 0.5: Σ_{k≥1} (k − 0.5)·0.5^(k+1) = 1 − 0.5·0.5 = 0.75.
    assert!((Arrivals::new(1.0, 2.0).expected_excess(0.5) - 0.75).abs() < 1e-12);
}

#[test]
fn very_bursty_traffic_neither_hangs_nor_underflows() {
    // b = 100, μ = 16,500/min: p(0) = 0.01^(16,500/99) ≈ 1e-333 underflows a double. The 99th
    // percentile, from a direct pmf sum in Python (mpmath, 50 digits) by the reviewer: 19,634.
    assert_eq!(Arrivals::new(16_500.0, 100.0).quantile(0.99), 19_634);
    // The mean is recovered from the expected excess over 0 at any size.
    for mean in [16_000.0, 1.6e6] {
        let a = Arrivals::new(mean, 100.0);
        assert!((a.expected_excess(0.0) / mean - 1.0).abs() < 1e-9);
    }
}

#[test]
fn burstiness_a_hair_above_one_is_poisson() {
    // b = 1 + 2e-9 has variance 1.000000002 μ: its quantiles are Poisson's.
    assert_eq!(Arrivals::new(1_000.0, 1.000_000_002).quantile(0.999), Arrivals::new(1_000.0, 1.0).quantile(0.999));
    assert_eq!(Arrivals::new(1_000.0, 1.0).quantile(0.999), Poisson::new(1_000.0).unwrap().inverse_cdf(0.999));
}

/// statrs' quantile: the exact answer, by bisection of its cdf.
fn oracle(mean: f64, b: f64, q: f64) -> u64 {
    if b == 1.0 {
        Poisson::new(mean).unwrap().inverse_cdf(q)
    } else {
        NegativeBinomial::new(mean / (b - 1.0), 1.0 / b).unwrap().inverse_cdf(q)
    }
}

#[test]
fn quantiles_across_the_switch_over_match_statrs() {
    // Means on both sides of the walk limit (10σ + 42(b − 1) = 2,000 steps) for each b, and
    // r = μ/(b − 1) on both sides of 10. The walk and the incomplete beta are exact; the
    // saddlepoint (r ≥ 10, Poisson) is within one arrival.
    for &b in &[1.0, 2.0, 10.0, 100.0, 1000.0] {
        for &mean in &[0.05, 3.0, 30.0, 300.0, 3_000.0, 9_000.0, 30_000.0, 300_000.0] {
            let a = Arrivals::new(mean, b);
            let saddle = a.walk_steps() > WALK_LIMIT && a.shape() >= SADDLE_MIN_R;
            for &q in &[0.9, 0.99, 0.999] {
                let (got, want) = (a.quantile(q) as i64, oracle(mean, b, q) as i64);
                let bound = if saddle { 1 } else { 0 };
                assert!((got - want).abs() <= bound, "mean {mean}, b {b}, q {q}: {got} vs {want}");
            }
        }
    }
}

/// Σ_k (k − cap)⁺ p(k) over the whole support by the pmf recurrence, out from the mode.
fn excess_by_sum(mean: f64, b: f64, cap: f64) -> f64 {
    let a = Arrivals::new(mean, b);
    let mode = a.mode();
    let (mut p, mut sum, mut k) = (a.pmf(mode), 0.0, mode);
    while (k as f64) < mean + 60.0 * (b * mean).sqrt() + 60.0 * b {
        sum += (k as f64 - cap).max(0.0) * p;
        p *= a.ratio(k);
        k += 1;
    }
    let (mut p, mut k) = (a.pmf(mode), mode);
    while k > 0 && (k as f64) > cap {
        k -= 1;
        p /= a.ratio(k);
        sum += (k as f64 - cap).max(0.0) * p;
    }
    sum
}

/// E[(c − M)⁺] = Σ_{k ≤ c} (c − k) p(k), walking down from ⌊c⌋ to 0.
fn shortfall_by_sum(a: &Arrivals, c: f64) -> f64 {
    let mut k = c.floor() as u64;
    let (mut p, mut sum) = (a.pmf(k), 0.0);
    loop {
        sum += (c - k as f64) * p;
        if k == 0 {
            return sum;
        }
        k -= 1;
        p /= a.ratio(k);
    }
}

#[test]
fn the_skip_bound_holds_on_both_sides_of_the_mean() {
    // An overflow sum (load::excess_sum) drops a slot only on this bound: above the mean
    // E[(M − c)⁺] ≤ bound; below it E[(c − M)⁺] ≤ bound, the amount by which E[(M − c)⁺]
    // exceeds μ − c. Each side is checked against its own direct pmf sum (positive terms
    // only, so accurate however small), from 12σ below the mean (or 0) to 20σ above it,
    // where the bound falls to e^-200 and less; the 1e-9 covers the rounding of both.
    // It also needs the excess to rise with μ for one c, and E[(c − M)⁺] to fall: checked
    // along each row of means.
    for &b in &[1.0, 1.5, 2.0, 10.0, 100.0, 1000.0] {
        let means = [0.3, 4.0, 50.0, 700.0, 9_000.0];
        for &mean in &means {
            let (a, sd) = (Arrivals::new(mean, b), (b * mean).sqrt());
            for z in [-12.0, -8.0, -5.0, -3.0, -1.0, -0.2, 0.2, 1.0, 3.0, 5.0, 8.0, 12.0, 20.0] {
                let c = (mean + z * sd + 0.37).max(0.0);
                let away = if c > mean { excess_by_sum(mean, b, c) } else { shortfall_by_sum(&a, c) };
                let bound = a.excess_bound(c);
                assert!(away <= bound * (1.0 + 1e-9), "mean {mean}, b {b}, c {c}: {away} > {bound}");
            }
        }
        for c in [0.5, 3.0, 40.0, 650.0, 9_500.0] {
            let row: Vec<f64> = means.iter().map(|&m| excess_by_sum(m, b, c)).collect();
            assert!(row.windows(2).all(|w| w[0] <= w[1] * (1.0 + 1e-12)), "b {b}, c {c}: {row:?}");
            // Over the means above c, where p(⌊c⌋) does not underflow.
            let below: Vec<f64> =
                means.iter().filter(|&&m| m > c).map(|&m| shortfall_by_sum(&Arrivals::new(m, b), c)).collect();
            assert!(below.windows(2).all(|w| w[1] <= w[0] * (1.0 + 1e-12)), "b {b}, c {c}: {below:?}");
        }
    }
    // At the mean the bound is useless (infinite), below no arrivals it is exact (0).
    assert_eq!(Arrivals::new(5.0, 2.0).excess_bound(5.0), f64::INFINITY);
    assert_eq!(Arrivals::new(5.0, 2.0).excess_bound(0.0), 0.0);
}

#[test]
fn expected_excess_without_a_walk_stays_within_its_bound() {
    // Beyond the walk limit: the incomplete-beta identity (r < 10) is exact to 1e-9 of the
    // mean; the skew-corrected normal (r ≥ 10) within σ/r of it, a throttled share within
    // σ/(rμ).
    for &(mean, b) in &[(300.0, 100.0), (3_000.0, 1000.0), (30_000.0, 2.0), (60_000.0, 10.0), (300_000.0, 100.0)] {
        let a = Arrivals::new(mean, b);
        assert!(a.walk_steps() > WALK_LIMIT, "{mean} {b}");
        let (sd, r) = ((b * mean).sqrt(), a.shape());
        for z in [-1.0, 0.0, 1.0, 2.5, 3.5] {
            let cap = mean + z * sd + 0.3;
            let (got, want) = (a.expected_excess(cap), excess_by_sum(mean, b, cap));
            let bound = if r < SADDLE_MIN_R { 1e-9 * mean } else { sd / r };
            assert!((got - want).abs() <= bound, "mean {mean}, b {b}, z {z}: {got} vs {want}");
        }
    }
}

#[test]
fn any_finite_mean_prices_at_once() {
    // 1e22 a minute: no walk, no allocation; the 99th percentile is μ + 2.326σ + O(1), within
    // a relative 1e-9 of μ.
    for b in [1.0, 2.0, 1000.0] {
        let a = Arrivals::new(1e22, b);
        let k = a.peak(0.99);
        assert!((k / 1e22 - 1.0).abs() < 1e-9 && k > 1e22, "{b}: {k}");
        assert!((a.expected_excess(0.0) / 1e22 - 1.0).abs() < 1e-9);
    }
}

#[test]
fn an_excess_far_out_in_the_tail_ends() {
    // Mean 840.8 (b = 2) against a limit of 3,148: p(3,149) ≈ 5e-310 is subnormal, and
    // p · 0.63 rounds back to the smallest subnormal: the walk must stop, with ~0 excess.
    let e = Arrivals::new(840.796_157_513_544_2, 2.0).expected_excess(3_148.148_148_148_148);
    assert!((0.0..1e-300).contains(&e), "{e}");
}

#[test]
fn no_traffic_needs_nothing() {
    assert_eq!(Arrivals::new(0.0, 1.0).quantile(0.99), 0);
    assert_eq!(Arrivals::new(0.0, 2.0).expected_excess(1.0), 0.0);
}
