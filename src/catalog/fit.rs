//! Prefill and decode rates fitted to published benchmark runs by least squares
//! (docs/model.md#self-hosting). Pure math, no I/O.

/// One published benchmark run: every request has `input_tokens` in and `output_tokens` out, and
/// the engine sustains `output_tokens_per_s` (in whatever unit the table counts: per GPU, per run
/// or per instance; the fit does not care, the rates come out in the same unit).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Run {
    pub input_tokens: f64,
    pub output_tokens: f64,
    /// Output tokens per second, in the table's unit.
    pub output_tokens_per_s: f64,
}

/// Rates that best explain the runs under `input/P + output/D = output/throughput`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    /// P: prefill tokens per second, in the runs' unit.
    pub prefill_tokens_per_s: f64,
    /// D: decode tokens per second, in the runs' unit.
    pub decode_tokens_per_s: f64,
    /// Worst |fitted throughput / published throughput − 1| over the runs (0.25 = 25 %).
    pub fit_error: f64,
}

/// Why no usable rates come out of the runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FitProblem {
    /// Two unknowns need at least two runs.
    TooFewRuns(usize),
    /// The runs' input/output ratios are too alike to tell prefill from decode: the condition
    /// number of the (column-normalised) least-squares problem exceeds [`MAX_CONDITION`].
    IllConditioned { condition: f64 },
    /// The best fit gives prefill no cost (1/P ≤ 0, P infinite).
    NoPrefillCost,
    /// The best fit gives decode no cost (1/D ≤ 0, D infinite).
    NoDecodeCost,
}

/// Above this condition number a 1 % error in one published figure can move P or D by more than
/// about 5 %: the runs do not separate prefill from decode. Runs with input/output ratios 1 and 8
/// give about 2.4; ratios 10 and 16 (2048/128 with 5000/500) about 8.8; equal ratios, infinity.
pub const MAX_CONDITION: f64 = 5.0;

/// Least squares on relative residuals. With a = 1/P and b = 1/D, run i predicts
/// `in_i·a + out_i·b = y_i` with `y_i = out_i / T_i` seconds per request. Dividing each row by
/// `y_i` (weight 1/y_i²) makes the residual relative: `u_i·a + v_i·b − 1` with
/// `u_i = T_i·in_i/out_i` and `v_i = T_i`. The 2×2 normal equations are solved in closed form.
/// The constraint a, b ≥ 0 matters only when the unconstrained optimum breaks it; the constrained
/// optimum then sits on a = 0 or b = 0, an infinite rate no planner can use, so it is reported as
/// a [`FitProblem`] instead.
pub fn fit(runs: &[Run]) -> Result<Fit, FitProblem> {
    if runs.len() < 2 {
        return Err(FitProblem::TooFewRuns(runs.len()));
    }
    let rows: Vec<(f64, f64)> = runs
        .iter()
        .map(|r| (r.output_tokens_per_s * r.input_tokens / r.output_tokens, r.output_tokens_per_s))
        .collect();
    let (mut suu, mut suv, mut svv, mut su, mut sv) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for &(u, v) in &rows {
        suu += u * u;
        suv += u * v;
        svv += v * v;
        su += u;
        sv += v;
    }
    let condition = condition_number(suu, suv, svv);
    if condition.is_nan() || condition > MAX_CONDITION {
        return Err(FitProblem::IllConditioned { condition });
    }
    let det = suu * svv - suv * suv;
    let a = (su * svv - sv * suv) / det;
    let b = (suu * sv - suv * su) / det;
    if a <= 0.0 {
        return Err(FitProblem::NoPrefillCost);
    }
    if b <= 0.0 {
        return Err(FitProblem::NoDecodeCost);
    }
    // Fitted / published throughput of run i is y_i / ŷ_i = 1 / (u_i·a + v_i·b).
    let fit_error = rows.iter().map(|&(u, v)| (1.0 / (u * a + v * b) - 1.0).abs()).fold(0.0, f64::max);
    Ok(Fit { prefill_tokens_per_s: 1.0 / a, decode_tokens_per_s: 1.0 / b, fit_error })
}

/// Condition number of the two-column matrix [u v] after scaling each column to unit length:
/// its singular values are √(1 ± c) with c the cosine between the columns.
fn condition_number(suu: f64, suv: f64, svv: f64) -> f64 {
    let c = (suv / (suu * svv).sqrt()).abs().min(1.0);
    ((1.0 + c) / (1.0 - c)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input_tokens: f64, output_tokens: f64, output_tokens_per_s: f64) -> Run {
        Run { input_tokens, output_tokens, output_tokens_per_s }
    }

    fn near(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * b.abs()
    }

    #[test]
    fn two_runs_reproduce_the_exact_two_by_two_solution() {
        // 2048/128 at 3,557 and 500/2000 at 16,501 output tok/s (Llama 3.1 8B, 1× H100):
        //   2048a + 128b = 128/3557 = 0.0359854,  500a + 2000b = 2000/16501 = 0.121205.
        // Cramer: det = 2048·2000 − 128·500 = 4,032,000;
        //   a = (0.0359854·2000 − 0.121205·128) / det = 56.4568 / 4,032,000 = 1.400212e-5 → P = 71,417.7
        //   b = (2048·0.121205 − 500·0.0359854) / det = 230.2347 / 4,032,000 = 5.710186e-5 → D = 17,512.6
        // Two equations, two unknowns: both runs are met exactly.
        let f = fit(&[run(2048.0, 128.0, 3557.0), run(500.0, 2000.0, 16501.0)]).unwrap();
        assert!(near(f.prefill_tokens_per_s, 71_417.7, 1e-5), "{f:?}");
        assert!(near(f.decode_tokens_per_s, 17_512.6, 1e-5), "{f:?}");
        assert!(f.fit_error < 1e-12, "{f:?}");
    }

    #[test]
    fn runs_that_obey_the_linear_model_fit_with_no_error() {
        // P = 10,000, D = 1,000: 1000/100 takes 0.1 + 0.1 = 0.2 s → 500 tok/s; 100/1000 takes
        // 0.01 + 1 = 1.01 s → 990.099 tok/s; 2000/500 takes 0.2 + 0.5 = 0.7 s → 714.286 tok/s.
        let runs =
            [run(1000.0, 100.0, 100.0 / 0.2), run(100.0, 1000.0, 1000.0 / 1.01), run(2000.0, 500.0, 500.0 / 0.7)];
        let f = fit(&runs).unwrap();
        assert!(near(f.prefill_tokens_per_s, 10_000.0, 1e-12), "{f:?}");
        assert!(near(f.decode_tokens_per_s, 1_000.0, 1e-12), "{f:?}");
        assert!(f.fit_error < 1e-12, "{f:?}");
    }

    #[test]
    fn three_runs_give_the_least_squares_solution_by_hand() {
        // 1000/1000 at 1,000, 2000/1000 at 1,000 and 1000/2000 at 2,000 tok/s.
        // Rows (u, v) = (T·in/out, T), in thousands: (1, 1), (2, 1), (1, 2); target 1 each.
        // Normal equations: [6 5; 5 6]·(a', b') = (4, 4) → a' = b' = 4/11 (a' = 1000a).
        // So P = D = 1000 · 11/4 = 2,750 tok/s. Fitted/published = 1/(u·a' + v·b'):
        // run 1: 11/8 (+37.5 %); runs 2 and 3: 11/12 (−8.3 %). fit_error = 0.375.
        let f = fit(&[run(1000.0, 1000.0, 1000.0), run(2000.0, 1000.0, 1000.0), run(1000.0, 2000.0, 2000.0)]).unwrap();
        assert!(near(f.prefill_tokens_per_s, 2_750.0, 1e-12), "{f:?}");
        assert!(near(f.decode_tokens_per_s, 2_750.0, 1e-12), "{f:?}");
        assert!(near(f.fit_error, 0.375, 1e-12), "{f:?}");
    }

    #[test]
    fn too_few_runs_are_refused() {
        assert_eq!(fit(&[run(1000.0, 1000.0, 1000.0)]), Err(FitProblem::TooFewRuns(1)));
        assert_eq!(fit(&[]), Err(FitProblem::TooFewRuns(0)));
    }

    #[test]
    fn runs_with_one_input_output_ratio_are_ill_conditioned() {
        // 1000/1000 and 2048/2048: both rows are T·(1, 1); the columns are parallel (c = 1).
        let e = fit(&[run(1000.0, 1000.0, 15_245.0), run(2048.0, 2048.0, 9_488.0)]).unwrap_err();
        assert_eq!(e, FitProblem::IllConditioned { condition: f64::INFINITY });
    }

    #[test]
    fn nearly_parallel_runs_are_ill_conditioned() {
        // 2048/128 and 5000/500 at equal T: rows T·(16, 1) and T·(10, 1), so the columns are
        // ∝ (16, 10) and (1, 1): c = 26/√(356·2) = 0.974391, κ = √(1.974391/0.025609) = 8.7806 > 5.
        match fit(&[run(2048.0, 128.0, 3557.0), run(5000.0, 500.0, 3557.0)]) {
            Err(FitProblem::IllConditioned { condition }) => assert!(near(condition, 8.7806, 1e-4), "{condition}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_fit_with_negative_prefill_time_is_refused() {
        // 100/100 at 1,000 and 200/1000 at 1,000 tok/s: rows (1000, 1000) and (200, 1000),
        // u·a + v·b = 1 exactly → 1000a + 1000b = 1 and 200a + 1000b = 1 → a = 0, b = 1/1000.
        // Slightly faster short run pushes a below zero: 100/100 at 1,010 → rows (1010, 1010):
        // 1010(a + b) = 1, 200a + 1000b = 1 → a = (1/1010 − 1/1000)/0.8 < 0.
        assert_eq!(fit(&[run(100.0, 100.0, 1010.0), run(200.0, 1000.0, 1000.0)]), Err(FitProblem::NoPrefillCost));
    }
}
