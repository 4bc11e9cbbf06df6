use super::*;
use crate::catalog::Spread;
use crate::model::latency::time::{Pace, Path};
use crate::model::latency::{OptionSpeed, SpeedBasis};
use crate::scenario::Timeout;

/// A single call of `output` tokens.
fn one_call(output: f64) -> Vec<Path> {
    vec![Path { probability: 1.0, calls: 1, output, step_output: 0.0, answers: true }]
}

/// A row of `workload` on `option` at `tokens/s` and `ttft_ms` (ranges), `None` for no speed.
fn row(workload: &str, option: &str, speed: Option<(Spread, Spread)>, paths: Vec<Path>) -> LatencyRow {
    let pace = speed.map(|(tps, ttft)| Pace { output_tokens_per_s: tps, ttft_ms: ttft, tool_latency_s: 0.0 });
    let speed = speed.map(|(tps, ttft)| OptionSpeed {
        output_tokens_per_s: tps,
        ttft_ms: ttft,
        basis: SpeedBasis::Override,
        source: None,
    });
    LatencyRow { pace, ..LatencyRow::new(workload, option, speed, paths, false) }
}

fn client(timeouts: &[(&str, f64)]) -> Client {
    Client {
        streaming: false,
        timeouts: timeouts.iter().map(|&(n, l)| Timeout { name: n.into(), limit_s: l }).collect(),
    }
}

fn exactly(tps: f64, ttft_ms: f64) -> Option<(Spread, Spread)> {
    Some((Spread::exactly(tps), Spread::exactly(ttft_ms)))
}

#[test]
fn the_worked_example_is_one_upright_step_at_80_8_seconds() {
    // 4,000 output tokens at exactly 50 tokens/s take 80 s, after a first token at 0.8 s: every
    // request takes 80.8 s. The limits 29 s and 60 s both cut every one.
    let rows = [row("long-answer", "sonnet", exactly(50.0, 800.0), one_call(4000.0))];
    let c =
        latency_chart(&rows, &[("long-answer", 1.0)], &client(&[("api-gateway", 29.0), ("alb-idle", 60.0)])).unwrap();
    assert_eq!((c.panels.len(), c.left_out, c.streaming), (1, 0, false));
    let p = &c.panels[0];
    let curve = &p.curves[0];
    assert!((curve.bounds.0 - 80.8).abs() < 1e-9 && (curve.bounds.1 - 80.8).abs() < 1e-9, "{:?}", curve.bounds);
    assert_eq!(curve.done_at_timeouts, vec![0.0, 0.0]);
    // The axis spans 29 s to 80.8 s (2.8×: linear), from 0 to 80.8 × 1.08 = 87.264 s.
    assert!(!p.log);
    assert!(p.axis.0 == 0.0 && (p.axis.1 - 87.264).abs() < 1e-9, "{:?}", p.axis);
    for &(t, s) in &curve.points {
        let want = if t < 80.8 - 1e-9 {
            0.0
        } else if t > 80.8 + 1e-9 {
            1.0
        } else {
            s
        };
        assert_eq!(s, want, "at {t}");
    }
    // The step: 0 then 1 at the same second, between the axis's ends.
    let at: Vec<f64> = curve.points.iter().filter(|p| (p.0 - 80.8).abs() < 1e-9).map(|p| p.1).collect();
    assert_eq!(at, vec![0.0, 1.0]);
    assert_eq!(curve.points.first().unwrap().0, p.axis.0);
    assert_eq!(curve.points.last().unwrap().0, p.axis.1);
}

/// The seconds a request at point `u` of the range takes: a first token from 500 to 1,500 ms and
/// 1,000 tokens at 60 down to 40 tokens/s.
fn closed_form(u: f64) -> f64 {
    (0.5 + u) + 1000.0 / (60.0 - 20.0 * u)
}

#[test]
fn a_range_of_speeds_follows_the_closed_form() {
    // By hand: u = 0 gives 0.5 + 1000/60 = 17.1667 s, u = 1 gives 1.5 + 1000/40 = 26.5 s; at
    // t = 21 s the share done is 0.5, since 1.0 + 1000/50 = 21; at t = 18.9318 s it is 0.25,
    // since 0.75 + 1000/55 = 18.9318.
    assert!((closed_form(0.5) - 21.0).abs() < 1e-12);
    assert!((closed_form(0.25) - (0.75 + 1000.0 / 55.0)).abs() < 1e-12);
    let range = Some((Spread { low: 40.0, high: 60.0 }, Spread { low: 500.0, high: 1500.0 }));
    let rows = [row("chat", "a", range, one_call(1000.0))];
    let c = latency_chart(&rows, &[("chat", 1.0)], &client(&[("gateway", 21.0)])).unwrap();
    let curve = &c.panels[0].curves[0];
    assert!((curve.bounds.0 - (0.5 + 1000.0 / 60.0)).abs() < 1e-9 && (curve.bounds.1 - 26.5).abs() < 1e-9);
    assert!((curve.done_at_timeouts[0] - 0.5).abs() < 1e-9, "{:?}", curve.done_at_timeouts);
    assert!(curve.points.len() >= SAMPLES);
    // Every point inside the range sits on the closed form: the time at its share is its time.
    let inside: Vec<&(f64, f64)> = curve.points.iter().filter(|p| p.1 > 0.0 && p.1 < 1.0).collect();
    assert!(inside.len() > 50, "{}", inside.len());
    for &&(t, s) in &inside {
        assert!((closed_form(s) - t).abs() < 1e-6, "share {s} at {t} s: the closed form gives {}", closed_form(s));
    }
    for &(t, s) in &curve.points {
        if t < closed_form(0.0) - 1e-9 {
            assert_eq!(s, 0.0, "at {t}");
        }
        if t >= 26.5 {
            assert_eq!(s, 1.0, "at {t}");
        }
    }
    // The shares never fall as time passes.
    assert!(curve.points.windows(2).all(|w| w[0].0 <= w[1].0 && w[0].1 <= w[1].1));
}

#[test]
fn two_paths_each_at_one_time_make_two_steps() {
    // Half the requests write 1,000 tokens, half 3,000, at exactly 100 tokens/s after 1 s:
    // 11 s and 31 s. The share is 0 before 11 s, 0.5 from 11 s to 31 s, 1 from 31 s.
    let paths = vec![
        Path { probability: 0.5, calls: 1, output: 1000.0, step_output: 0.0, answers: true },
        Path { probability: 0.5, calls: 1, output: 3000.0, step_output: 0.0, answers: true },
    ];
    let rows = [row("agent", "a", exactly(100.0, 1000.0), paths)];
    let c = latency_chart(&rows, &[("agent", 1.0)], &client(&[])).unwrap();
    let p = &c.panels[0];
    for &(t, s) in &p.curves[0].points {
        let want = match t {
            t if t < 11.0 - 1e-9 => 0.0,
            t if t < 31.0 - 1e-9 => 0.5,
            _ => 1.0,
        };
        if (t - 11.0).abs() > 1e-9 && (t - 31.0).abs() > 1e-9 {
            assert!((s - want).abs() < 1e-12, "at {t}: {s}");
        }
    }
    let at = |x: f64| p.curves[0].points.iter().filter(|q| (q.0 - x).abs() < 1e-9).map(|q| q.1).collect::<Vec<_>>();
    assert_eq!(at(11.0), vec![0.0, 0.5]);
    assert_eq!(at(31.0), vec![0.5, 1.0]);
}

#[test]
fn rows_without_a_speed_are_skipped_and_at_most_four_busiest_workloads_shown() {
    let none = [row("chat", "a", None, one_call(100.0))];
    assert!(latency_chart(&none, &[("chat", 1.0)], &client(&[])).is_none());
    let shares = [("w1", 0.1), ("w2", 0.3), ("w3", 0.05), ("w4", 0.2), ("w5", 0.15), ("w6", 0.2)];
    let mut rows: Vec<LatencyRow> =
        shares.iter().map(|(w, _)| row(w, "fast", exactly(100.0, 500.0), one_call(1000.0))).collect();
    rows.extend(shares.iter().map(|(w, _)| row(w, "unknown", None, one_call(1000.0))));
    let c = latency_chart(&rows, &shares, &client(&[])).unwrap();
    // The four largest shares (0.3, 0.2, 0.2, 0.15), back in scenario order; w1 and w3 left out.
    let names: Vec<&str> = c.panels.iter().map(|p| p.workload.as_str()).collect();
    assert_eq!(names, ["w2", "w4", "w5", "w6"]);
    assert_eq!(c.left_out, 2);
    assert!(c.panels.iter().all(|p| p.curves.len() == 1 && p.curves[0].options == ["fast"]));
}

#[test]
fn the_axis_is_logarithmic_past_ten_times_and_leaves_far_timeouts_out() {
    // 2 s to 30 s: 15×, log, ×/÷ 1.08.
    let ((a, b), log) = axis(2.0, 30.0, &[]);
    assert!(log && (a - 2.0 / 1.08).abs() < 1e-12 && (b - 32.4).abs() < 1e-12);
    // 2 s to 8 s with a 10 s limit: 5×, linear from 0 to 10 × 1.08 = 10.8 s.
    let ((a, b), log) = axis(2.0, 8.0, &[10.0]);
    assert!(!log && a == 0.0 && (b - 10.8).abs() < 1e-12);
    // A 3,600 s limit is more than 10 × 8 s: off the axis, which ends at 8 × 1.08 = 8.64 s.
    let ((a, b), log) = axis(2.0, 8.0, &[3600.0]);
    assert!(!log && a == 0.0 && (b - 8.64).abs() < 1e-12);
    // A 60 s limit is within 10 × 8 s: 2 s to 60 s is 30×, log.
    let ((a, b), log) = axis(2.0, 8.0, &[60.0]);
    assert!(log && (a - 2.0 / 1.08).abs() < 1e-12 && (b - 64.8).abs() < 1e-12);
}

#[test]
fn options_with_the_same_curve_on_every_panel_are_one_curve() {
    // "od" and "pt" run the same model at the same speed: the same times on both workloads. "x"
    // is as fast on "chat" (1,000 tokens at 100/s after 0.5 s: 10.5 s) but not on "long"
    // (2,000 tokens at 200/s after 0.5 s: 10.5 s, against 20.5 s for the others): it stays apart,
    // as does "slow" (50 tokens/s: 20.5 s on "chat").
    let mut rows = Vec::new();
    for (option, tps) in [("od", 100.0), ("x", 100.0), ("pt", 100.0), ("slow", 50.0)] {
        rows.push(row("chat", option, exactly(tps, 500.0), one_call(1000.0)));
        let long = if option == "x" { 200.0 } else { tps };
        rows.push(row("long", option, exactly(long, 500.0), one_call(2000.0)));
    }
    let c = latency_chart(&rows, &[("chat", 0.5), ("long", 0.5)], &client(&[("gateway", 15.0)])).unwrap();
    for p in &c.panels {
        let of: Vec<Vec<&str>> = p.curves.iter().map(|k| k.options.iter().map(String::as_str).collect()).collect();
        assert_eq!(of, [vec!["od", "pt"], vec!["x"], vec!["slow"]], "{}", p.workload);
    }
    // The curve kept is the same as "pt"'s own: on "chat", every request at 10.5 s, under 15 s.
    assert!((c.panels[0].curves[0].bounds.0 - 10.5).abs() < 1e-9);
    assert_eq!(c.panels[0].curves[0].done_at_timeouts, [1.0]);
}

#[test]
fn curves_apart_by_more_than_the_tolerance_stay_apart() {
    // 100 and 100.001 tokens/s: 1,000 tokens take 10 s and 9.9999 s, 1e-5 apart relative.
    let rows = [
        row("chat", "a", exactly(100.0, 500.0), one_call(1000.0)),
        row("chat", "b", exactly(100.001, 500.0), one_call(1000.0)),
    ];
    let c = latency_chart(&rows, &[("chat", 1.0)], &client(&[])).unwrap();
    assert_eq!(c.panels[0].curves.len(), 2);
    // An option with no curve on a panel where another has one is not the same either.
    let rows = [
        row("chat", "a", exactly(100.0, 500.0), one_call(1000.0)),
        row("chat", "b", exactly(100.0, 500.0), one_call(1000.0)),
        row("long", "a", exactly(100.0, 500.0), one_call(1000.0)),
        row("long", "b", None, one_call(1000.0)),
    ];
    let c = latency_chart(&rows, &[("chat", 0.5), ("long", 0.5)], &client(&[])).unwrap();
    assert_eq!(c.panels[0].curves.len(), 2);
}
