//! Error floods stay small: generated inputs with thousands of problems on one long line.
mod common;

const REST: &str = "[scenario]\nname = \"flood\"\n\n[traffic]\nrequests_per_month = 1_000\n\n[[workload]]\nname = \
                    \"chat\"\nshare = 1.0\ninput_tokens = 300\noutput_tokens = 200\n";

#[test]
fn four_thousand_problems_on_one_64_kb_line_print_kilobytes() {
    // `option = [` then 4,000 inline options `{kind = "x"}, ` of 14 characters each: one line of
    // 10 + 4,000 × 14 − 2 + 1 = 56,009 characters, every option of a kind that does not exist;
    // and one more problem: 4,000 options, over the 100 a scenario may price together.
    let line = format!("option = [{}]", vec![r#"{kind = "x"}"#; 4_000].join(", "));
    assert_eq!(line.len(), 56_009);
    let path = common::TempPath::fresh("flood").join("flood.toml");
    std::fs::write(&path, format!("{line}\n{REST}")).unwrap();
    for command in ["validate", "estimate"] {
        let out = common::infercast().arg(command).arg(&path).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.matches("error: ").count(), 50, "at most 50 a file");
        let shown = path.display();
        assert!(
            stderr.ends_with(&format!(
                "note: {shown}: 3951 more problems not shown (only the first 50 are)\n\n4001 problems found\n"
            )),
            "{stderr}"
        );
        // Each source line is a window of at most 100 characters (`…` at either end) after `1 | `.
        for l in stderr.lines().filter(|l| l.starts_with("1 | ")) {
            assert!(l.chars().count() <= 4 + 100 + 2, "{l}");
        }
        // 50 messages of about 400 bytes (the help lists the 4 built-in kinds and the catalog's
        // capacity products): well under 25 KB (every one repeated the line before).
        assert!(stderr.len() < 25_000, "{} bytes", stderr.len());
        // The 50th option starts at byte 10 + 49 × 14 = 696; its `"x"` 8 characters in, column 705.
        assert!(stderr.contains(&format!("error: {shown}:1:705: `kind` cannot be \"x\"\n")), "{stderr}");
    }
}
