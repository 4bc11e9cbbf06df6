//! Names reach report files as text: `|` cannot split a Markdown table, a leading `=` cannot
//! become a spreadsheet formula.
mod common;

#[test]
fn names_stay_text_in_summary_md_and_costs_csv() {
    let dir = common::TempPath::fresh("report-names");
    let scenario = dir.join("names.toml");
    let text = std::fs::read_to_string(common::SCENARIO)
        .unwrap()
        .replace("name = \"on demand\"", "name = \"=HYPERLINK(\\\"x\\\")|on demand\"")
        .replace("name = \"w\"", "name = \"chat_*bold*\"");
    std::fs::write(&scenario, text).unwrap();
    let out = dir.join("out");
    let run = common::infercast()
        .args(["--pricing", common::PRICING, "report"])
        .arg(&scenario)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let csv = std::fs::read_to_string(out.join("toy/costs.csv")).unwrap();
    let header = csv.lines().next().unwrap();
    // The csv writer quotes a cell with `"` in it and doubles the quotes; the `'` comes first.
    assert!(header.starts_with("month,requests,\"'=HYPERLINK(\"\"x\"\")|on demand\","), "{header}");
    let md = std::fs::read_to_string(out.join("toy/summary.md")).unwrap();
    assert!(md.contains("| =HYPERLINK(\"x\")\\|on demand |"), "{md}");
    assert!(md.contains("- **chat\\_\\*bold\\*** ("), "{md}");
    // Every table row keeps its column count: the options table has as many `|` as its header
    // once the escaped ones are left out.
    let table: Vec<&str> =
        md.lines().skip_while(|l| !l.starts_with("*Options")).skip(2).take_while(|l| l.starts_with('|')).collect();
    let columns = |l: &str| l.replace("\\|", "").matches('|').count();
    assert!(table.len() > 2 && table.iter().all(|l| columns(l) == columns(table[0])), "{table:?}");
}
