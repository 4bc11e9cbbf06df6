//! What `import` says on stderr: one summary line, and the bad records it skipped.
use crate::format::thousands;
use crate::usage::Usage;
use crate::usage::read::{Counts, UNTAGGED};

/// Skipped records listed one by one; the rest are counted.
const SKIPPED_SHOWN: usize = 5;

/// One line: records read, the period, groups, skipped, outside the period, untagged.
pub fn summary(usage: &Usage, counts: &Counts, grouped_by_tag: bool) -> String {
    let period = match (usage.first_s, usage.last_s) {
        (Some(f), Some(l)) => format!("{} to {}", time(f), time(l)),
        _ => "no period".to_string(),
    };
    let mut line = format!(
        "imported {} from {}, {period}, {}; {} skipped, {} outside the period",
        count(usage.records, "record", "records"),
        count(usage.files.len() as u64, "file", "files"),
        count(usage.groups.len() as u64, "group", "groups"),
        count(usage.skipped.len() as u64, "bad record", "bad records"),
        thousands(counts.outside as f64),
    );
    if grouped_by_tag {
        line.push_str(&format!(", {} untagged (group `{UNTAGGED}`)", thousands(counts.untagged as f64)));
    }
    line
}

/// `1 record`, `1,204 records`.
fn count(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n as f64), if n == 1 { one } else { many })
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

/// The model ids the catalog cannot price, each with its calls: "model acme.x-v1:0 (12 calls) is
/// not in the catalog: …" (the scenario's comment says the same beside the workload).
pub fn unpriced_models(usage: &Usage, catalog: &crate::catalog::Catalog) -> Vec<String> {
    let mut out = Vec::new();
    for g in usage.groups.values() {
        for (id, calls) in &g.models {
            if let Err(why) = crate::usage::scenario::options::resolve(catalog, id, g.region.as_deref()) {
                out.push(format!("{why} ({})", crate::format::count(*calls as f64, "call")));
            }
        }
    }
    out
}
