use super::*;
use crate::catalog::Catalog;
use crate::model::offers::selfhost_curve::curves;
use crate::scenario::Scenario;
use crate::source::SourceFile;

/// One chat workload (with `slo`, a `[workload.slo]` body) served by `deployment`.
fn curve(deployment: &str, slo: &str) -> SelfHostCurve {
    let slo = if slo.is_empty() { String::new() } else { format!("[workload.slo]\n{slo}\n") };
    let text = format!(
        "[scenario]\nname = \"c\"\nmonths = 1\nstart = \"2027-01\"\n\n[traffic]\nrequests_per_day = 100_000\n\n\
         [[workload]]\nname = \"chat\"\nshare = 1\ninput_tokens = 1000\noutput_tokens = 250\n{slo}\n\
         [[option]]\nkind = \"self-hosted\"\ndeployment = \"{deployment}\"\nprice = \"on-demand\"\n"
    );
    let s = Scenario::from_source(&SourceFile::new("c.toml", text), &Catalog::embedded().unwrap()).unwrap();
    let w: Vec<_> = s.workloads.iter().map(|w| (w.clone(), crate::model::tokens::workload_tokens(w))).collect();
    curves(&s, &w).remove(0)
}

/// Setups that put the labels in different places: the point at the batch limit (no SLO), inside
/// it with both SLO lines, a missed SLO on eight replicas, a small GPU.
fn cases() -> Vec<SelfHostCurve> {
    vec![
        curve("llama-3.1-8b@p5.4xlarge", ""),
        curve("llama-3.1-8b@p5.4xlarge", "ttft_ms = 500\ntokens_per_s = 50"),
        curve("llama-3.1-8b@p5.48xlarge", "ttft_ms = 0.001"),
        curve("llama-3.1-8b@g6e.xlarge", "tokens_per_s = 30"),
        curve("llama-3.1-70b@p5.48xlarge", "ttft_ms = 2000\ntokens_per_s = 20"),
    ]
}

#[test]
fn no_text_overlaps_another_and_the_legend_is_outside_the_data() {
    let canvas = Rect { x0: 0, y0: 0, x1: SIZE.0 as i32, y1: SIZE.1 as i32 };
    for c in cases() {
        let (svg, layout) = svg_layout(&c).unwrap();
        let name = format!("{} {:?}", c.option, c.slo);
        assert_eq!(layout.plots.len(), 2, "{name}");
        let legend = layout.legend.expect("a legend");
        assert!(legend.inside(&canvas), "{name}: {legend:?}");
        for plot in &layout.plots {
            assert!(!legend.overlaps(plot), "{name}: legend {legend:?} on plot {plot:?}");
        }
        for (i, (text, r)) in layout.texts.iter().enumerate() {
            assert!(r.inside(&canvas) && !r.overlaps(&legend), "{name}: {text} {r:?}");
            for (other, q) in &layout.texts[..i] {
                assert!(!r.overlaps(q), "{name}: \u{201c}{text}\u{201d} {r:?} on \u{201c}{other}\u{201d} {q:?}");
            }
            if let Some(m) = layout.marks.iter().find(|m| m.overlaps(r)) {
                panic!("{name}: \u{201c}{text}\u{201d} {r:?} covers a line or a marker at {m:?}");
            }
            // A label on a plot stays inside it; the title and subtitles are above both.
            let on = layout.plots.iter().find(|p| r.overlaps(p));
            assert!(on.is_none_or(|p| r.inside(p)), "{name}: {text} {r:?} crosses a plot's edge");
        }
        // Axis titles with units, and the point's figures as the model gives them.
        for want in [
            "requests in flight on one instance (log\u{2082} scale)",
            "output tokens/s, whole instance",
            "milliseconds (log scale)",
            &format!("operating point: {} in flight", in_flight(c.chosen.concurrency)),
            &format!("TTFT {} ms", ms(c.chosen.ttft_ms)),
        ] {
            assert!(svg.contains(want), "{name}: {want} missing");
        }
    }
}

#[test]
fn slo_limits_are_drawn_and_named_only_when_given() {
    // 25 tokens/s per user is an inter-token latency of 1,000 / 25 = 40 ms.
    let (svg, layout) = svg_layout(&curve("llama-3.1-8b@p5.4xlarge", "ttft_ms = 500\ntokens_per_s = 25")).unwrap();
    // Each limit named on the plot beside its line, not only in the legend.
    for want in ["SLO: TTFT \u{2264} 500 ms", "SLO: ITL \u{2264} 40 ms"] {
        assert!(layout.texts.iter().any(|(t, _)| t == want), "{want}: {:?}", layout.texts);
    }
    for want in
        ["SLO: TTFT \u{2264} 500 ms", "SLO: ITL \u{2264} 40 ms (25 tokens/s per user)", "SLO: ITL \u{2264} 40 ms"]
    {
        assert!(svg.contains(want), "{want} missing");
    }
    assert!(svg.contains("(the most that meets the SLO)"));
    let (svg, _) = svg_layout(&curve("llama-3.1-8b@p5.4xlarge", "")).unwrap();
    assert!(!svg.contains("SLO: TTFT") && !svg.contains("SLO: ITL"));
    assert!(svg.contains("No SLO: the operating point is the offline maximum"));
}

#[test]
fn file_stems_are_safe_and_unique() {
    let mut a = curve("llama-3.1-8b@p5.4xlarge", "");
    assert_eq!(a.option, "self-hosted llama-3.1-8b@p5.4xlarge (on-demand)");
    let mut b = a.clone();
    let mut c = a.clone();
    assert_eq!(stems(std::slice::from_ref(&a)), ["selfhost-llama-3-1-8b-p5-4xlarge-on-demand"]);
    // "Chat GPU!" and "chat-gpu" make the same slug; a name of no ASCII letter gets its number.
    a.option = "Chat GPU!".into();
    b.option = "chat-gpu".into();
    c.option = "日本".into();
    assert_eq!(stems(&[a, b, c]), ["selfhost-chat-gpu", "selfhost-chat-gpu-2", "selfhost-3"]);
}
