//! `report` draws one throughput–latency chart per self-hosted option and links it from the
//! summary; a scenario without self-hosting gets none.
mod common;

use infercast::report::charts::SIZE;

#[test]
fn each_self_hosted_option_gets_its_chart_linked_from_the_summary() {
    let out = common::TempPath::fresh("report-selfhost");
    let run = common::infercast()
        .args(["report", "scenarios/selfhost-chat.toml", "scenarios/steady-classifier.toml", "--out"])
        .arg(&*out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let stdout = String::from_utf8_lossy(&run.stdout);
    // selfhost-chat: the five charts, the fan (its self-hosting throughput is drawn within the
    // calibration error), its two self-hosted options' charts, and the response-time chart (the
    // physics model gives a self-hosted option its speed).
    assert!(stdout.contains("selfhost-chat/: summary.md, costs.csv, breakeven.csv, result.json, 9 charts"), "{stdout}");
    let dir = out.join("selfhost-chat");
    assert!(dir.join("latency.png").exists() && dir.join("latency.svg").exists());
    let summary = std::fs::read_to_string(dir.join("summary.md")).unwrap();
    // The options are named `self-hosted <deployment> (<price>)`; the stem drops `self-hosted`.
    for (option, stem) in [
        ("self-hosted llama-3.1-8b@p5.4xlarge (on-demand)", "selfhost-llama-3-1-8b-p5-4xlarge-on-demand"),
        ("self-hosted llama-3.1-8b@g6e.xlarge (reserved-1y)", "selfhost-llama-3-1-8b-g6e-xlarge-reserved-1y"),
    ] {
        let png = std::fs::read(dir.join(format!("{stem}.png"))).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{stem}.png is a PNG");
        // IHDR width and height: 1100 × 640, like every chart.
        assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), SIZE.0);
        assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), SIZE.1);
        let svg = std::fs::read_to_string(dir.join(format!("{stem}.svg"))).unwrap();
        assert!(svg.trim_end().ends_with("</svg>") && svg.contains(option), "{stem}.svg");
        let link = format!("![{option}: throughput and latency by requests in flight]({stem}.png)");
        assert!(summary.contains(&link), "{link}\n{summary}");
    }
    assert!(summary.contains("## Self-hosting: throughput and latency"));
    // No self-hosted option: no such chart, no such section.
    let dir = out.join("steady-classifier");
    let names: Vec<String> =
        std::fs::read_dir(&*dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(!names.iter().any(|n| n.starts_with("selfhost-")), "{names:?}");
    // Its model's catalog speed still gives the response-time chart.
    assert!(names.iter().any(|n| n == "latency.png"), "{names:?}");
    assert!(!std::fs::read_to_string(dir.join("summary.md")).unwrap().contains("## Self-hosting"));
}
