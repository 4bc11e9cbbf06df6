//! Reading usage as it ran: the hand-written records of `tests/fixtures/usage-read/` (plain,
//! gzip with two members, a folder, a CloudWatch-wrapped line, ARNs and profile ids) and the
//! hourly CSV, their totals added up by hand; the bad-input corpus `tests/bad/import-*.args`.
mod common;

use common::{TempPath, infercast};
use infercast::usage::read::{Counts, Options, UNTAGGED};
use infercast::usage::{Measured, Totals, Usage, hourly, logs};
use std::io::Write;
use std::path::PathBuf;

const DIR: &str = "tests/fixtures/usage-read";
const HAIKU: &str = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
const SONNET_ARN: &str = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0";
const GLOBAL_ARN: &str =
    "arn:aws:bedrock:eu-west-1:123456789012:inference-profile/global.anthropic.claude-haiku-4-5-20251001-v1:0";

/// Unix seconds of 2026-11-03T00:00:00Z: day 20,760 (1970–2025: 56 × 365 + 14 leap days =
/// 20,454; January–October 2026: 304 days; then 2) × 86,400.
const NOV_3: i64 = 20_760 * 86_400;
const H: i64 = 3_600;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(DIR).join(name)
}

fn read_logs(paths: &[PathBuf], opts: &Options) -> (Usage, Counts) {
    let mut u = Usage::new(Measured::InvocationLogs);
    let c = logs::read(paths, opts, &mut u).unwrap();
    (u, c)
}

/// Every group's hours together.
fn all(u: &Usage) -> Totals {
    let mut t = Totals::default();
    u.hours().values().for_each(|h| t.add(h));
    t
}

/// plain.jsonl: four records (the fourth a CloudWatch Logs event wrapping one), a blank line.
///   1. 11-03 14:22:05, HAIKU profile id, input 812, cache read 1,200, cache write 0, output 230
///   2. 11-03 14:23:10, SONNET_ARN (no cache counts), input 1,000, output 400
///   3. 11-03 15:01:00, GLOBAL_ARN, input 500, cache read 0, cache write 2,000, output 100
///   4. 11-04 09:00:00.25, HAIKU, input 300, cache read 600 (no write), output 50
#[test]
fn plain_records_add_up_per_model_id_as_written() {
    let (u, c) = read_logs(&[fixture("plain.jsonl")], &Options::default());
    let t = all(&u);
    // input 812 + 1,000 + 500 + 300; output 230 + 400 + 100 + 50; cache read 1,200 + 600.
    assert_eq!((t.invocations, t.input, t.output, t.cache_read, t.cache_write), (4, 2_612, 780, 1_800, 2_000));
    assert_eq!(u.groups.keys().collect::<Vec<_>>(), [GLOBAL_ARN, SONNET_ARN, HAIKU]);
    let haiku = &u.groups[HAIKU];
    assert_eq!(haiku.hours[&(NOV_3 + 14 * H)].input, 812);
    assert_eq!(haiku.hours[&(NOV_3 + 86_400 + 9 * H)].cache_read, 600);
    assert_eq!(u.groups[GLOBAL_ARN].region.as_deref(), Some("eu-west-1"));
    assert_eq!((u.first_s, u.last_s), (Some(NOV_3 + 14 * H + 22 * 60 + 5), Some(NOV_3 + 86_400 + 9 * H)));
    assert_eq!((c, u.skipped.len()), (Counts::default(), 0));
}

#[test]
fn groups_by_a_request_metadata_tag() {
    let opts = Options { group_by: Some("feature".into()), ..Options::default() };
    let (u, c) = read_logs(&[fixture("plain.jsonl")], &opts);
    // support-chat: records 1 and 4; search: 2; record 3 has no requestMetadata.
    let invocations = |g: &str| u.groups[g].hours.values().map(|t| t.invocations).sum::<u64>();
    assert_eq!((invocations("support-chat"), invocations("search"), invocations(UNTAGGED)), (2, 1, 1));
    assert_eq!(c.untagged, 1);
    assert_eq!(u.groups["search"].model_id, SONNET_ARN);
}

#[test]
fn the_period_keeps_whole_days_and_counts_the_rest() {
    let day = |s: &str| infercast::dates::parse(s).unwrap();
    let opts = Options { from_day: Some(day("2026-11-04")), to_day: Some(day("2026-11-04")), ..Options::default() };
    let (u, c) = read_logs(&[fixture("plain.jsonl")], &opts);
    // Only record 4 is on 2026-11-04.
    assert_eq!((u.records, c.outside, all(&u).input), (1, 3, 300));
}

/// gzip bytes of `text`, one member.
fn gz(text: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(text).unwrap();
    e.finish().unwrap()
}

/// A folder as S3 delivers it: day-03.json (records 1–3) and day-04's gzip object holding two
/// members (record 4 wrapped; record 5: 11-04 10:00, anthropic.claude-3-haiku, input 10,
/// output 5), beside a hidden file and a README that are not read (their text is no record).
#[test]
fn a_folder_is_read_recursively_in_name_order_with_gzip_members() {
    let dir = TempPath::fresh("usage-folder");
    let (d3, d4) = (dir.join("logs/2026/11/03"), dir.join("logs/2026/11/04"));
    std::fs::create_dir_all(&d3).unwrap();
    std::fs::create_dir_all(&d4).unwrap();
    std::fs::copy(fixture("day-03.json"), d3.join("a.json")).unwrap();
    let mut two = gz(&std::fs::read(fixture("day-04-member-1.json")).unwrap());
    two.extend(gz(&std::fs::read(fixture("day-04-member-2.json")).unwrap()));
    std::fs::write(d4.join("b.json.gz"), two).unwrap();
    std::fs::write(dir.join("logs/.hidden.json"), "not a record\n").unwrap();
    std::fs::write(dir.join("logs/README.txt"), "not a record\n").unwrap();
    let (u, _) = read_logs(&[dir.join("logs").to_path_buf()], &Options::default());
    let t = all(&u);
    // plain.jsonl's totals plus record 5: input 2,612 + 10, output 780 + 5.
    assert_eq!((t.invocations, t.input, t.output, t.cache_read, t.cache_write), (5, 2_622, 785, 1_800, 2_000));
    let names: Vec<_> = u.files.iter().map(|f| f.rsplit('/').next().unwrap()).collect();
    assert_eq!(names, ["a.json", "b.json.gz"]);
    assert_eq!(u.skipped, []);
}

/// bad-mixed.jsonl: records 1 and 3 and the wrapped 4, with line 2 (output count a string) and
/// line 4 (not JSON) bad.
#[test]
fn skip_bad_keeps_each_bad_record_up_to_its_limit() {
    let opts = Options { skip_bad: 2, ..Options::default() };
    let (u, _) = read_logs(&[fixture("bad-mixed.jsonl")], &opts);
    let at: Vec<_> = u.skipped.iter().map(|s| s.at.rsplit('/').next().unwrap()).collect();
    assert_eq!(at, ["bad-mixed.jsonl:2", "bad-mixed.jsonl:4"]);
    assert_eq!(u.skipped[0].why, "`output.outputTokenCount` is not a whole number of tokens: `\"400\"`");
    // input 812 + 500 + 300.
    assert_eq!((u.records, all(&u).input), (3, 1_612));
    let mut u = Usage::new(Measured::InvocationLogs);
    let one = Options { skip_bad: 1, ..Options::default() };
    let d = logs::read(&[fixture("bad-mixed.jsonl")], &one, &mut u).unwrap_err();
    assert_eq!(d.path, format!("{DIR}/bad-mixed.jsonl:4"));
}

/// hourly.csv: support-chat 120 + 80 calls (hours 14 and 15 of 11-03), the Sonnet model
/// (its group left empty, so the model id) 10 calls at 14.
#[test]
fn the_hourly_csv_adds_each_row_to_its_hour() {
    let mut u = Usage::new(Measured::Hourly);
    hourly::read(&fixture("hourly.csv"), &Options::default(), &mut u).unwrap();
    let t = all(&u);
    // input 96,000 + 64,000 + 20,000; output 24,000 + 16,000 + 4,000; cache read 150,000 + 100,000.
    assert_eq!((t.invocations, t.input, t.output, t.cache_read, t.cache_write), (210, 180_000, 44_000, 250_000, 5_000));
    let sonnet = "anthropic.claude-sonnet-4-5-20250929-v1:0";
    assert_eq!(u.groups.keys().collect::<Vec<_>>(), [sonnet, "support-chat"]);
    assert_eq!(u.groups["support-chat"].hours[&(NOV_3 + 15 * H)].invocations, 80);
    assert_eq!(u.groups["support-chat"].model_id, HAIKU);
    // Three rows counted; the last hour ends at 15:59:59.
    assert_eq!((u.records, u.first_s, u.last_s), (3, Some(NOV_3 + 14 * H), Some(NOV_3 + 16 * H - 1)));
}

/// The command: the scenario on stdout (or --out), one summary line on stderr.
#[test]
fn the_command_keeps_stdout_for_the_scenario() {
    let out = infercast()
        .args(["import", "invocation-logs", &format!("{DIR}/bad-mixed.jsonl"), "--skip-bad", "2"])
        .args(["--group-by", "requestMetadata.feature", "--name", "mixed"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<_> = stderr.lines().collect();
    // Records 1, 3 and 4: support-chat (1, 4) and (untagged) (3).
    assert_eq!(
        lines[0],
        "imported 3 records from 1 file, 2026-11-03T14:22:05Z to 2026-11-04T09:00:00Z, 2 groups; 2 bad records \
         skipped, 0 outside the period, 1 untagged (group `(untagged)`)"
    );
    assert!(lines[1].starts_with("warning: skipped a bad record: tests/fixtures/usage-read/bad-mixed.jsonl:2: "));
    // The global profile called from eu-west-1, a region the catalog gives Haiku 4.5 no price in.
    assert!(lines[3].starts_with("warning: model arn:aws:bedrock:eu-west-1:"), "{stderr}");
    assert_eq!(lines.len(), 4, "{stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("name = \"mixed\""), "{stdout}");

    let dir = TempPath::fresh("usage-out");
    let file = dir.join("s.toml");
    let out =
        infercast().args(["import", "hourly", &format!("{DIR}/hourly.csv"), "--out"]).arg(&file).output().unwrap();
    assert_eq!((out.status.code(), out.stdout.is_empty()), (Some(0), true));
    assert!(std::fs::read_to_string(&file).unwrap().contains("\n[scenario]\n"));
    assert!(String::from_utf8(out.stderr).unwrap().ends_with(&format!("wrote {}\n", file.display())));
}

/// Every `tests/bad/import-*.args` (one argument a line) exits 2 with exactly the message in
/// its `.stderr`, and prints nothing on stdout.
#[test]
fn bad_imports_get_their_exact_messages() {
    let n = common::run::bad_args_cases("import-", infercast);
    assert!(n >= 10, "{n} import cases");
}

/// A week of hourly CloudWatch metrics for one model, written by the test: 10 invocations in each
/// weekday hour from 09:00 to 17:59 UTC and 1 in every other hour, each of 500 input and 100
/// output tokens. The week holds 5 · (9 · 10 + 15) + 2 · 24 = 573 invocations over 168 hours:
/// 573 / 168 · 730 = 2,489.8 a 730-hour month; a business hour weighs 10 to the others' 1.
#[test]
fn cloudwatch_metrics_become_a_scenario() {
    let dir = TempPath::fresh("usage-cloudwatch");
    let model = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
    // 2026-11-02 is a Monday.
    let start = 1_793_577_600_i64;
    assert_eq!(infercast::dates::format(start / 86_400), "2026-11-02");
    let (mut stamps, mut counts) = (Vec::new(), Vec::new());
    for h in 0..168 {
        let (day, hour) = (h / 24, h % 24);
        stamps.push(format!("\"{}\"", jiff::Timestamp::from_second(start + h * 3_600).unwrap()));
        counts.push(if day < 5 && (9..18).contains(&hour) { 10 } else { 1 });
    }
    let series = |metric: &str, per: i64| {
        let values: Vec<String> = counts.iter().map(|c| (c * per).to_string()).collect();
        format!(
            r#"{{"Id": "{}", "Label": "{model} {metric}", "Timestamps": [{}], "Values": [{}], "StatusCode": "Complete"}}"#,
            metric.to_lowercase(),
            stamps.join(","),
            values.join(",")
        )
    };
    let json = format!(
        r#"{{"MetricDataResults": [{}, {}, {}], "Messages": []}}"#,
        series("Invocations", 1),
        series("InputTokenCount", 500),
        series("OutputTokenCount", 100)
    );
    let file = dir.join("metrics.json");
    std::fs::write(&file, json).unwrap();
    let out = infercast().args(["import", "cloudwatch"]).arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("requests_per_month = 2490 # measured"), "{text}");
    assert!(
        text.contains(
            "\n  1, 1, 1, 1, 1, 1, 1, 1, 1, 10, 10, 10, 10, 10, 10, 10, 10, 10, 1, 1, 1, 1, 1, 1, # Monday\n"
        )
    );
    assert!(text.contains("input_tokens = 500 # measured") && text.contains("output_tokens = 100 # measured"));
    assert!(text.contains("name = \"claude-haiku-4.5\""), "{text}");
    assert!(text.contains("burstiness = 1 # not measured"), "{text}");
    // The scenario loads and prices.
    let scenario = dir.join("s.toml");
    std::fs::write(&scenario, &text).unwrap();
    assert_eq!(infercast().arg("validate").arg(&scenario).output().unwrap().status.code(), Some(0));
}

/// A record of a model the catalog lacks is counted, and said on stderr as well as in the
/// scenario's comment.
#[test]
fn a_model_the_catalog_lacks_is_reported() {
    let dir = TempPath::fresh("usage-unknown-model");
    std::fs::create_dir_all(&*dir).unwrap();
    let file = dir.join("unknown.jsonl");
    std::fs::write(
        &file,
        r#"{"timestamp":"2026-11-03T14:22:05Z","region":"us-east-1","operation":"Converse","modelId":"acme.unknown-model-v1:0","input":{"inputTokenCount":100},"output":{"outputTokenCount":10}}
"#,
    )
    .unwrap();
    let out = infercast().args(["import", "invocation-logs"]).arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(
            "warning: model acme.unknown-model-v1:0 is not in the catalog: add it or price this workload by hand (1 call)"
        ),
        "{stderr}"
    );
    assert!(String::from_utf8(out.stdout).unwrap().contains("is not in the catalog"));
}
