use super::*;
use crate::catalog::Catalog;
use crate::scenario::Scenario;
use crate::source::SourceFile;

/// A scenario of `workloads` ([[workload]] tables), the first `options` of eight on-demand
/// options (at 50 tokens/s with a TTFT of 800 ms, 80 with 400 ms, …; the fourth the same as the
/// first), and `client` (a [client] body).
fn estimate(workloads: &str, client: &str, options: usize) -> Estimate {
    let mut text = format!(
        "[scenario]\nname = \"l\"\nmonths = 1\nstart = \"2027-01\"\n\n[traffic]\nrequests_per_month = 100_000\n\n\
         {workloads}\n[client]\n{client}\n"
    );
    let speeds = [(50, 800), (80, 400), (35, 1500), (50, 800), (60, 600), (70, 700), (90, 300), (40, 1000)];
    for (k, (tps, ttft)) in speeds.iter().take(options).enumerate() {
        text.push_str(&format!(
            "\n[[option]]\nname = \"option {k}: sonnet at {tps} tokens/s\"\nkind = \"on-demand\"\n\
             model = \"claude-sonnet-4.5\"\nspeed = {{ output_tokens_per_s = {tps}, ttft_ms = {ttft} }}\n"
        ));
    }
    let s = Scenario::from_source(&SourceFile::new("l.toml", text), &Catalog::embedded().unwrap()).unwrap();
    crate::model::estimate(&s)
}

/// `n` workloads of one call each, 4,000 output tokens for the first and fewer for the next.
fn workloads(n: usize) -> String {
    let shares: &[f64] = match n {
        1 => &[1.0],
        2 => &[0.6, 0.4],
        3 => &[0.5, 0.3, 0.2],
        _ => &[0.4, 0.25, 0.15, 0.1, 0.1],
    };
    (0..n)
        .map(|k| {
            let share = shares[k];
            let output = 4000 / (k + 1);
            format!(
                "[[workload]]\nname = \"w{k}\"\nshare = {share}\ninput_tokens = 500\noutput_tokens = {output}\n\
                 max_tokens = 8000\n"
            )
        })
        .collect()
}

const TIMEOUTS: &str = "streaming = false\ntimeouts_s = { \"api-gateway\" = 29, \"alb-idle\" = 60 }";

/// Setups that put the labels in different places.
fn cases() -> Vec<(&'static str, Estimate)> {
    vec![
        ("worked", estimate(&workloads(1), TIMEOUTS, 1)),
        ("two by two", estimate(&workloads(2), TIMEOUTS, 2)),
        ("no timeouts", estimate(&workloads(2), "streaming = false", 3)),
        ("streaming", estimate(&workloads(2), "streaming = true\ntimeouts_s = { \"idle\" = 10 }", 2)),
        ("close limits", estimate(&workloads(3), "timeouts_s = { \"a\" = 29, \"b\" = 30, \"c\" = 31 }", 3)),
        ("five workloads", estimate(&workloads(5), TIMEOUTS, 3)),
        ("alike options", estimate(&workloads(2), TIMEOUTS, 4)),
        ("eight options", estimate(&workloads(2), TIMEOUTS, 8)),
    ]
}

#[test]
fn no_text_overlaps_another_or_a_line_and_the_legend_is_outside_the_data() {
    for (name, e) in cases() {
        let c = data(&e).expect("a chart");
        let (w, h) = size(&c);
        let canvas = Rect { x0: 0, y0: 0, x1: w as i32, y1: h as i32 };
        let (svg, layout) = svg_layout(&e, &c).unwrap();
        assert_eq!(layout.plots.len(), c.panels.len(), "{name}");
        let legend = layout.legend.expect("a legend");
        assert!(legend.inside(&canvas), "{name}: {legend:?}");
        for (k, plot) in layout.plots.iter().enumerate() {
            assert!(!legend.overlaps(plot), "{name}: legend {legend:?} on plot {plot:?}");
            assert!(layout.plots[..k].iter().all(|p| !p.overlaps(plot)), "{name}: plots overlap");
        }
        for (i, (text, r)) in layout.texts.iter().enumerate() {
            assert!(r.inside(&canvas) && !r.overlaps(&legend), "{name}: {text} {r:?}");
            for (other, q) in &layout.texts[..i] {
                assert!(!r.overlaps(q), "{name}: \u{201c}{text}\u{201d} {r:?} on \u{201c}{other}\u{201d} {q:?}");
            }
            if let Some(m) = layout.marks.iter().find(|m| m.overlaps(r)) {
                panic!("{name}: \u{201c}{text}\u{201d} {r:?} covers a line or a marker at {m:?}");
            }
            let on = layout.plots.iter().find(|p| r.overlaps(p));
            assert!(on.is_none_or(|p| r.inside(p)), "{name}: {text} {r:?} crosses a plot's edge");
        }
        assert!(svg.contains("finished"), "{name}");
    }
}

#[test]
fn each_timeout_is_named_with_the_share_it_cuts() {
    // One option, every request 0.8 + 4000/50 = 80.8 s: both limits cut all of them; the
    // shortest says so at its line.
    let (_, layout) =
        svg_layout(&estimate(&workloads(1), TIMEOUTS, 1), &data(&estimate(&workloads(1), TIMEOUTS, 1)).unwrap())
            .unwrap();
    for want in ["api-gateway 29 s", "alb-idle 60 s", "api-gateway 29 s: cuts 100%"] {
        assert!(layout.texts.iter().any(|(t, _)| t == want), "{want}: {:?}", layout.texts);
    }
    // Two options on w1 (2,000 tokens): 0.8 + 2000/50 = 40.8 s and 0.4 + 2000/80 = 25.4 s; the
    // 29 s limit cuts all of the first and none of the second.
    let e = estimate(&workloads(2), TIMEOUTS, 2);
    let (_, layout) = svg_layout(&e, &data(&e).unwrap()).unwrap();
    // On w0 (4,000 tokens) the second takes 0.4 + 4000/80 = 50.4 s: cut too.
    for want in [
        "api-gateway 29 s cuts / option 0: sonnet at 50 tokens/s: 100% / option 1: sonnet at 80 tokens/s: 100%",
        "api-gateway 29 s cuts / option 0: sonnet at 50 tokens/s: 100% / option 1: sonnet at 80 tokens/s: 0%",
    ] {
        assert!(layout.texts.iter().filter(|(t, _)| t == want).count() == 1, "{want}: {:?}", layout.texts);
    }
}

#[test]
fn the_subtitle_says_what_is_measured_and_which_timeouts() {
    let e = estimate(&workloads(2), "streaming = false", 2);
    let (svg, layout) = svg_layout(&e, &data(&e).unwrap()).unwrap();
    assert!(svg.contains("No timeouts set in [client]."));
    assert!(svg.contains("whole response (sent to last token)"));
    // No timeout: no dashed line's name, no cut.
    assert!(!layout.texts.iter().any(|(t, _)| t.contains(" cuts")), "{:?}", layout.texts);
    // Streaming: the longest silence is the first token, 0.8 s and 0.4 s, far under 10 s × 10:
    // the limit is off the axis and named in each panel's title.
    let e = estimate(&workloads(2), "streaming = true\ntimeouts_s = { \"idle\" = 10 }", 2);
    let (svg, _) = svg_layout(&e, &data(&e).unwrap()).unwrap();
    assert!(svg.contains("Longest silence against the client"));
    assert!(svg.contains("Streaming: each curve is the share of requests whose longest silence"));
    assert!(svg.contains("w0 (60% of requests); idle 10 s is past every request: cuts none"));
}

#[test]
fn five_workloads_show_the_four_busiest_and_say_so() {
    let e = estimate(&workloads(5), TIMEOUTS, 3);
    let c = data(&e).unwrap();
    // Shares 0.4, 0.25, 0.15, 0.1, 0.1: the last 0.1 (w4) is left out.
    let names: Vec<&str> = c.panels.iter().map(|p| p.workload.as_str()).collect();
    assert_eq!(names, ["w0", "w1", "w2", "w3"]);
    let (svg, _) = svg_layout(&e, &c).unwrap();
    assert!(svg.contains("1 smaller workload not shown."));
    assert!(latency_chart_link(&e).unwrap().ends_with("(latency.png)"));
}

#[test]
fn ticks_carry_the_decimals_that_tell_them_apart() {
    // Every 0.05 s: two decimals (10.1 and 10.05 would otherwise both read 10.1).
    assert_eq!(axis::tick(10.05, Some(0.05)), "10.05");
    assert_eq!(axis::tick(10.1, Some(0.05)), "10.1");
    assert_eq!(axis::tick(10.0, Some(0.05)), "10");
    assert_eq!(axis::tick(2000.0, Some(500.0)), "2,000");
    // Log axis: a tick's own first digit.
    assert_eq!(axis::tick(0.002, None), "0.002");
    assert_eq!(axis::tick(50.0, None), "50");
}

#[test]
fn options_alike_are_one_curve_named_for_all_and_the_rest_apart() {
    // Options 0 and 3 both run at 50 tokens/s after 800 ms: the same times on every workload,
    // one curve. Options 1 and 2 (80 and 35 tokens/s) differ from it and from each other.
    let e = estimate(&workloads(2), TIMEOUTS, 4);
    let c = data(&e).unwrap();
    for p in &c.panels {
        assert_eq!(p.curves.len(), 3, "{}", p.workload);
    }
    let looks = Looks::new(&e, &c);
    register_font().unwrap();
    let mut svg = String::new();
    let root = SVGBackend::with_string(&mut svg, size(&c)).into_drawing_area();
    let entries = legend::entries(&root, (&e, &c, &looks), 1052).unwrap();
    let labels: Vec<&str> = entries.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(
        labels[..3],
        [
            "option 0: sonnet at 50 tokens/s = option 3: sonnet at 50 tokens/s",
            "option 1: sonnet at 80 tokens/s",
            "option 2: sonnet at 35 tokens/s",
        ]
    );
    // In a legend 200 pixels wide (about 20 characters), the first name cut and a count.
    let entries = legend::entries(&root, (&e, &c, &looks), 200).unwrap();
    assert!(entries[0].1.ends_with("… and 1 more"), "{:?}", entries[0]);
    // At its timeout the curve is named in 32 characters: " and 1 more" takes 11, leaving 21
    // for the first name, 20 of its characters and "…".
    assert_eq!(names(&c.panels[0].curves[0], 32), "option 0: sonnet at … and 1 more");
}

#[test]
fn seven_curves_of_eight_options_have_seven_colours() {
    // Options 0 and 3 make one curve: seven curves. Option 7's own colour (7 mod 7 = 0) is
    // option 0's, so it takes one no curve has; every curve's colour differs.
    let e = estimate(&workloads(2), TIMEOUTS, 8);
    let c = data(&e).unwrap();
    let looks = Looks::new(&e, &c);
    let n = crate::report::charts::PALETTE.len();
    let mut colours: Vec<usize> = c.panels[0].curves.iter().map(|k| looks.of(k) % n).collect();
    assert_eq!(colours.len(), 7);
    colours.sort_unstable();
    colours.dedup();
    assert_eq!(colours.len(), 7, "{colours:?}");
}
