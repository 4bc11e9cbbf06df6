//! What `import` says on stderr: one summary line, and the bad records it skipped.
use crate::format::thousands;
use crate::usage::Usage;
use crate::usage::read::{Counts, UNTAGGED};

/// Skipped records listed one by one; the rest are counted.
const SKIPPED_SHOWN: usize = 5;

/// One line: records read, the period, groups, skipped, outside the period, untagged.
pub fn summary(usage: &Usage, counts: &Counts, grouped_by_tag: bool) -> String {
    let files = match usage.files.len() {
        1 => "1 file".to_string(),
        n => format!("{} files", thousands(n as f64)),
    };
    let period = match (usage.first_s, usage.last_s) {
        (Some(f), Some(l)) => format!("{} to {}", time(f), time(l)),
        _ => "no period".to_string(),
    };
    let groups = match usage.groups.len() {
        1 => "1 group".to_string(),
        n => format!("{n} groups"),
    };
    let mut line = format!(
        "imported {} records from {files}, {period}, {groups}; {} bad records skipped, {} outside the period",
        thousands(usage.records as f64),
        thousands(usage.skipped.len() as f64),
        thousands(counts.outside as f64),
    );
    if grouped_by_tag {
        line.push_str(&format!(", {} untagged (group `{UNTAGGED}`)", thousands(counts.untagged as f64)));
    }
    line
}

/// A UTC time to the second, RFC 3339.
fn time(s: i64) -> String {
    jiff::Timestamp::from_second(s).map_or_else(|_| s.to_string(), |t| t.to_string())
}

/// The skipped records, first few by place and reason, then how many more.
pub fn skipped(usage: &Usage) -> Vec<String> {
    let mut out: Vec<String> = usage
        .skipped
        .iter()
        .take(SKIPPED_SHOWN)
        .map(|s| format!("skipped a bad record: {}: {}", s.at, s.why))
        .collect();
    if usage.skipped.len() > SKIPPED_SHOWN {
        out.push(format!("skipped {} more bad records", thousands((usage.skipped.len() - SKIPPED_SHOWN) as f64)));
    }
    out
}
