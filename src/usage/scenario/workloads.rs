//! One `[[workload]]` per group that was called: its share and its per-call token means, the
//! prompt cache when it was used, and the per-call p10–p90 as a comment.
use super::super::derive::{self, Profile};
use super::super::{Group, Measured, Usage};
use super::quote;
use crate::catalog::Catalog;
use std::fmt::Write;

/// A group and the workload name written for it.
pub struct Named {
    pub group: String,
    pub workload: String,
}

/// The workloads' text and their names, in group order (groups never called are left out).
pub fn write(u: &Usage, catalog: &Catalog) -> (String, Vec<Named>) {
    let all = derive::invocations(u);
    let mut out = String::new();
    let mut names: Vec<Named> = Vec::new();
    for (key, g) in &u.groups {
        let p = derive::profile(g, all);
        if p.invocations == 0 {
            continue;
        }
        let workload = unique(&valid_name(&readable(key, g, catalog)), &names);
        out += &workload_text(&workload, key, &p, all, u.measured);
        names.push(Named { group: key.clone(), workload });
    }
    (out, names)
}

/// What a group is called: a group of one model's calls, keyed by its id as written, by the
/// model's catalog key (`claude-haiku-4.5`, not `us.anthropic.claude-haiku-4-5-20251001-v1:0` or
/// an ARN: the comment keeps the id), or its id without an ARN's prefix; a tag's value as it is.
fn readable(key: &str, g: &Group, catalog: &Catalog) -> String {
    if !(g.models.len() == 1 && g.models.contains_key(key)) {
        return key.to_string();
    }
    match super::options::resolve(catalog, key, g.region.as_deref()) {
        Ok(run) => run.key,
        Err(_) if key.starts_with("arn:") => key.rsplit('/').next().unwrap_or(key).to_string(),
        Err(_) => key.to_string(),
    }
}

/// A group key as a workload name: letters, digits and `-._:` kept, anything else `-`.
pub fn valid_name(key: &str) -> String {
    let name: String =
        key.chars().map(|c| if c.is_ascii_alphanumeric() || "-._:".contains(c) { c } else { '-' }).collect();
    if name.trim_matches('-').is_empty() { "workload".to_string() } else { name }
}

fn unique(name: &str, taken: &[Named]) -> String {
    let free = |n: &str| !taken.iter().any(|t| t.workload == n);
    if free(name) {
        return name.to_string();
    }
    (2..).map(|i| format!("{name}-{i}")).find(|n| free(n)).unwrap_or_default()
}

fn workload_text(name: &str, key: &str, p: &Profile, all: u64, measured: Measured) -> String {
    let mut w = format!("[[workload]]\nname = {}", quote(name));
    w += &if name == key { "\n".to_string() } else { format!(" # group {}\n", quote(key)) };
    let _ = writeln!(w, "share = {} # measured: {} of {all} invocations", share(p.share), p.invocations);
    let _ = writeln!(
        w,
        "input_tokens = {:.0} # measured: mean uncached input tokens per call (input.inputTokenCount)",
        p.input
    );
    let _ = writeln!(w, "output_tokens = {:.0} # measured: mean output tokens per call", p.output);
    if let Some(hit) = p.cache_hit_rate() {
        let _ = writeln!(
            w,
            "system_prompt_tokens = {:.0} # measured: mean cache read + cache write tokens per call",
            p.cache_read + p.cache_write
        );
        w += "cache_system_prompt = true # measured: the calls read or wrote the prompt cache\n";
        let _ = writeln!(w, "cache_hit_rate = {hit:.4} # measured: cache read ÷ (cache read + cache write) tokens");
    }
    w += "# max_tokens: not in usage; set it (until then the quota check reserves the model's maximum output)\n";
    w += &match (p.input_p10_p90, p.output_p10_p90) {
        (Some((i10, i90)), Some((o10, o90))) => {
            format!("# per call p10–p90 (measured): input {:.0}–{:.0}, output {:.0}–{:.0} tokens\n", i10, i90, o10, o90)
        }
        _ if measured == Measured::InvocationLogs => String::new(),
        _ => "# per call p10–p90: not measured (hourly data has totals only)\n".to_string(),
    };
    w + "\n"
}

/// A share with 9 decimals, trailing zeros trimmed: shares then sum to 1 within 10⁻⁸ for up to
/// 20 groups, inside the scenario's 10⁻⁶.
fn share(x: f64) -> String {
    let s = format!("{x:.9}");
    let s = s.trim_end_matches('0');
    s.strip_suffix('.').unwrap_or(s).to_string()
}
