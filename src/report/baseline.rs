//! `baseline check` output: text for people, Markdown for a pull-request comment, JSON for tools.
//! The diff is data (`baseline::diff`); every sentence is written here, in `words`.
mod labels;
mod words;

use crate::baseline::diff::{Diff, relative};
use crate::baseline::subject::Subject;
use crate::format::{Align, table};
use crate::keyword::Keyword;
use crate::output_format::OutputFormat;
use labels::label;
use serde_json::json;
use std::fmt::Write;
use words::{change, entry, failure, flip, one_sided, price, provenance, value, verdict};

/// Output formats of `baseline check` (`table` is also accepted as `text`).
pub const FORMATS: &[OutputFormat] = &[OutputFormat::Table, OutputFormat::Markdown, OutputFormat::Json];

/// The diff in one format; `baseline` names the file compared against.
pub fn render(d: &Diff, format: OutputFormat, baseline: &str, tolerance: f64) -> String {
    match format {
        OutputFormat::Table => text(d, baseline, tolerance),
        OutputFormat::Markdown => markdown(d, baseline, tolerance),
        OutputFormat::Csv => format.not_accepted(FORMATS),
        OutputFormat::Json => json(d, baseline, tolerance),
    }
}

/// Figures present on both sides, as table rows; the others are listed as gone or new.
fn rows(d: &Diff) -> Vec<Vec<String>> {
    d.figures
        .iter()
        .filter(|f| f.baseline.is_some() && f.now.is_some())
        .map(|f| {
            vec![
                f.scenario.clone(),
                label(&f.subject, &f.figure),
                value(&f.figure, f.baseline),
                value(&f.figure, f.now),
                change(f),
            ]
        })
        .collect()
}

const HEADER: [&str; 5] = ["scenario", "figure", "baseline", "now", "change"];

/// Figures on one side only.
fn one_sided_lines(d: &Diff) -> Vec<String> {
    d.figures.iter().filter(|f| f.baseline.is_none() || f.now.is_none()).map(one_sided).collect()
}

/// A list's title and its lines.
type List = (&'static str, Vec<String>);

/// The lists before the figure table (recommendations, prices, provenance) and after it (added,
/// removed), each with its title, in the order every format prints them.
fn lists(d: &Diff) -> ([List; 3], [List; 2]) {
    (
        [
            ("Recommendation changes", d.flips.iter().map(flip).collect()),
            ("Price changes", d.prices.iter().map(price).collect()),
            ("Provenance changes", d.provenance.iter().map(provenance).collect()),
        ],
        [("Added", d.added.iter().map(entry).collect()), ("Removed", d.removed.iter().map(entry).collect())],
    )
}

/// Titled lists as `title` + `item` lines (text: "\nTitle\n" and "  item"; Markdown: "\n#### Title\n\n"
/// and "- item"), empty ones left out.
fn write_lists(out: &mut String, lists: &[List], title: impl Fn(&str) -> String, bullet: &str) {
    for (name, items) in lists.iter().filter(|(_, items)| !items.is_empty()) {
        out.push_str(&title(name));
        for i in items {
            let _ = writeln!(out, "{bullet}{i}");
        }
    }
}

fn text(d: &Diff, baseline: &str, tolerance: f64) -> String {
    let mut out = format!("{}\nbaseline: {baseline}\n", verdict(d, tolerance));
    let (before, after) = lists(d);
    let title = |t: &str| format!("\n{t}\n");
    write_lists(&mut out, &before, title, "  ");
    if !d.figures.is_empty() {
        let _ = writeln!(out, "\nFigure changes");
        let header: Vec<(&str, Align)> =
            HEADER.iter().enumerate().map(|(i, h)| (*h, if i >= 2 { Align::Right } else { Align::Left })).collect();
        let rows = rows(d);
        if !rows.is_empty() {
            out.push_str(&table(&header, &rows, "  "));
        }
        for l in one_sided_lines(d) {
            let _ = writeln!(out, "  {l}");
        }
    }
    write_lists(&mut out, &after, title, "  ");
    out
}

fn markdown(d: &Diff, baseline: &str, tolerance: f64) -> String {
    let mark = if d.passed() { "✅" } else { "❌" };
    let mut out = format!("{mark} **infercast {}**\n\n<sub>compared with `{baseline}`</sub>\n", verdict(d, tolerance));
    let (before, after) = lists(d);
    let title = |t: &str| format!("\n#### {t}\n\n");
    write_lists(&mut out, &before, title, "- ");
    if !d.figures.is_empty() {
        let _ = writeln!(out, "\n#### Figure changes\n");
        let rows = rows(d);
        if !rows.is_empty() {
            let _ = writeln!(out, "| {} |", HEADER.join(" | "));
            let _ = writeln!(out, "| --- | --- | ---: | ---: | ---: |");
            for r in rows {
                let _ = writeln!(out, "| {} |", r.join(" | "));
            }
        }
        for l in one_sided_lines(d) {
            let _ = writeln!(out, "- {l}");
        }
    }
    write_lists(&mut out, &after, title, "- ");
    out
}

fn subject_json(s: &Subject) -> serde_json::Value {
    match s {
        Subject::Tokens => json!({ "kind": "tokens" }),
        Subject::Option(name) => json!({ "kind": "option", "name": name }),
        Subject::Plan(name) => json!({ "kind": "plan", "name": name }),
        Subject::Member { plan, workloads, option } => {
            json!({ "kind": "member", "plan": plan, "workloads": workloads, "option": option })
        }
    }
}

/// Schema `infercast/baseline-diff-v2`: each change as data with its sentence beside it.
fn json(d: &Diff, baseline: &str, tolerance: f64) -> String {
    let figures: Vec<_> = d
        .figures
        .iter()
        .map(|f| {
            json!({ "scenario": f.scenario, "subject": subject_json(&f.subject), "figure": f.figure,
                    "label": label(&f.subject, &f.figure),
                    "baseline": f.baseline, "now": f.now, "change": relative(f.baseline, f.now).filter(|r| r.is_finite()) })
        })
        .collect();
    let prices: Vec<_> = d
        .prices
        .iter()
        .map(
            |p| json!({ "entry": p.entry, "figure": p.figure, "baseline": p.baseline, "now": p.now, "line": price(p) }),
        )
        .collect();
    let provenance_json: Vec<_> = d
        .provenance
        .iter()
        .map(|p| {
            json!({ "entry": p.entry, "field": p.field.as_str(), "baseline": p.baseline, "now": p.now, "line": provenance(p) })
        })
        .collect();
    let flips: Vec<_> = d
        .flips
        .iter()
        .map(|f| json!({ "scenario": f.scenario, "baseline": f.baseline, "now": f.now, "line": flip(f) }))
        .collect();
    let entries = |items: &[_]| items.iter().map(entry).collect::<Vec<_>>();
    let v = json!({
        "schema": "infercast/baseline-diff-v2",
        "baseline": baseline,
        "passed": d.passed(),
        "verdict": verdict(d, tolerance),
        "recommendations": flips,
        "failures": d.failures.iter().map(failure).collect::<Vec<_>>(),
        "prices": prices,
        "provenance": provenance_json,
        "figures": figures,
        "added": entries(&d.added),
        "removed": entries(&d.removed),
    });
    crate::json::write(&v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::baseline::diff::{Entry, Failure, Field, FigureChange, Flip, Mark, PriceChange, ProvenanceChange, Rise};

    fn figure(subject: Subject, figure: &str, baseline: Option<f64>, now: Option<f64>) -> FigureChange {
        FigureChange { scenario: "s".into(), subject, figure: figure.into(), baseline, now }
    }

    fn price_change(entry: &str, figure: &str, baseline: Option<f64>, now: Option<f64>) -> PriceChange {
        PriceChange { entry: entry.into(), figure: figure.into(), baseline, now }
    }

    /// One change of every kind, failing as a check without guardrails does.
    fn every_kind() -> Diff {
        let member = Subject::Member { plan: "p".into(), workloads: "a + b".into(), option: "pt".into() };
        let provenance = |field, baseline, now| ProvenanceChange { entry: "m".into(), field, baseline, now };
        let date = |d: &str| Mark::Text(d.into());
        Diff {
            flips: vec![Flip { scenario: "support-agent".into(), baseline: Some("two-tier".into()), now: None }],
            figures: vec![
                figure(Subject::Option("od".into()), "month_1_usd", Some(600.0), Some(660.0)),
                figure(member, "units_month_1", Some(2.0), Some(3.0)),
                figure(Subject::Tokens, "overhead_ratio", Some(1.5), None),
            ],
            prices: vec![
                price_change("claude-3-sonnet", "input", Some(3.0), Some(3.5)),
                price_change("nova-micro", "input", Some(0.035), None),
            ],
            provenance: vec![
                provenance(Field::Retrieved, date("2025-07-01"), date("2025-11-20")),
                provenance(Field::Assumed, Mark::Flag(false), Mark::Flag(true)),
            ],
            added: vec![Entry::Scenario("new-one".into())],
            removed: vec![
                Entry::Catalog("instance:g6e.xlarge".into()),
                Entry::Subject { scenario: "s".into(), subject: Subject::Plan("p2".into()) },
            ],
            // 3 figures + 2 prices + 2 provenance + 1 added + 2 removed.
            failures: vec![Failure::Beyond { changes: 10, tolerance: 0.001 }],
        }
    }

    #[test]
    fn every_change_reads_as_a_sentence_in_text() {
        // $600 → $660: +$60, 60 / 600 = +10 %; 2 → 3 units: +50 %; $3.00 → $3.50: 0.5 / 3 = +16.7 %.
        let expected = "\
FAIL: support-agent: the recommendation changed from `two-tier` to nothing (no option serves every workload); \
10 changes beyond the 0.1% tolerance
baseline: b.json

Recommendation changes
  support-agent: the recommendation changed from `two-tier` to nothing (no option serves every workload)

Price changes
  claude-3-sonnet input 3.00 → 3.50 $/Mtok (+16.7%)
  gone: nova-micro input (was 0.035 $/Mtok)

Provenance changes
  m retrieved 2025-07-01 → 2025-11-20
  m assumed no → yes

Figure changes
  scenario  figure                                       baseline      now          change
  s         option od, month 1, USD                       $600.00  $660.00  +10% (+$60.00)
  s         plan p, member `a + b` (pt), units, month 1         2        3            +50%
  gone: s: token mix, billed ÷ visible tokens (was 1.5)

Added
  scenario new-one

Removed
  catalog entry instance:g6e.xlarge
  plan \"p2\" in s
";
        assert_eq!(render(&every_kind(), OutputFormat::Table, "b.json", 0.001), expected);
    }

    #[test]
    fn markdown_is_a_pull_request_comment() {
        // $600 → $540: −$60, −60 / 600 = −10 %; under guardrails a fall passes.
        let d = Diff {
            figures: vec![figure(Subject::Option("od".into()), "month_1_usd", Some(600.0), Some(540.0))],
            ..Diff::default()
        };
        let expected = "\
✅ **infercast PASS: 1 change within the guardrails**

<sub>compared with `b.json`</sub>

#### Figure changes

| scenario | figure | baseline | now | change |
| --- | --- | ---: | ---: | ---: |
| s | option od, month 1, USD | $600.00 | $540.00 | -10% (-$60.00) |
";
        assert_eq!(render(&d, OutputFormat::Markdown, "b.json", 0.001), expected);
        let removed = Diff { removed: vec![Entry::Scenario("x".into())], ..d };
        assert!(
            render(&removed, OutputFormat::Markdown, "b.json", 0.001).ends_with("\n#### Removed\n\n- scenario x\n")
        );
    }

    #[test]
    fn json_carries_the_data_and_its_sentences() {
        let v: serde_json::Value =
            serde_json::from_str(&render(&every_kind(), OutputFormat::Json, "b.json", 0.001)).unwrap();
        assert_eq!(v["passed"], false);
        assert_eq!(v["failures"], json!(["10 changes beyond the 0.1% tolerance"]));
        assert_eq!(v["added"], json!(["scenario new-one"]));
        assert_eq!(v["removed"], json!(["catalog entry instance:g6e.xlarge", "plan \"p2\" in s"]));
        let assumed = &v["provenance"][1];
        assert_eq!(
            (&assumed["field"], &assumed["baseline"], &assumed["now"]),
            (&json!("assumed"), &json!(false), &json!(true))
        );
        assert_eq!(assumed["line"], "m assumed no → yes");
        assert_eq!(v["prices"][0]["line"], "claude-3-sonnet input 3.00 → 3.50 $/Mtok (+16.7%)");
        // A figure gone has no relative change.
        assert_eq!(v["figures"][2]["change"], serde_json::Value::Null);
        assert_eq!(
            v["figures"][1]["subject"],
            json!({ "kind": "member", "plan": "p", "workloads": "a + b", "option": "pt" })
        );
    }

    #[test]
    fn failures_name_the_cost_and_the_limit() {
        let rose = |rise| Failure::Rose {
            scenario: "s".into(),
            subject: Subject::Option("on-demand m".into()),
            figure: "month_1_usd".into(),
            rise,
        };
        // $1,000 → $1,000.50: +$0.50 against a $0.10 limit; $1,000 → $1,052: +5.2 % against 5 %.
        let usd = rose(Rise::Dollars { usd: 0.5, limit_usd: 0.1 });
        assert_eq!(failure(&usd), "s: option on-demand m, month 1, USD rose $0.50 (limit +$0.1)");
        let pct = rose(Rise::Percent { relative: 0.052, limit_pct: 5.0 });
        assert_eq!(failure(&pct), "s: option on-demand m, month 1, USD rose +5.2% (limit +5%)");
        let gone = Failure::Missing(Entry::Subject { scenario: "s".into(), subject: Subject::Option("PT m".into()) });
        assert_eq!(failure(&gone), "option \"PT m\" in s is in the baseline but missing from the recomputation");
        let scenario = Failure::Missing(Entry::Scenario("s".into()));
        assert_eq!(failure(&scenario), "scenario s is in the baseline but missing from the recomputation");
        assert_eq!(failure(&Failure::Beyond { changes: 1, tolerance: 0.001 }), "1 change beyond the 0.1% tolerance");
    }

    #[test]
    fn price_lines_read_like_a_changelog() {
        // $63 → $70 an MU-hour: 7 / 63 = +11.1 %; a count keeps its digits; a new price has no change.
        let pt = price_change("claude-3-sonnet", "PT 1-month", Some(63.0), Some(70.0));
        assert_eq!(price(&pt), "claude-3-sonnet PT 1-month 63.00 → 70.00 $/MU-hour (+11.1%)");
        let rpm = price_change("m", "quota_rpm", Some(500.0), Some(400.0));
        assert_eq!(price(&rpm), "m quota_rpm 500 → 400 requests/min (-20%)");
        let new = price_change("m", "output", None, Some(15.0));
        assert_eq!(price(&new), "new: m output (now 15.00 $/Mtok)");
    }
}
