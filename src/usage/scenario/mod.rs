//! A scenario written from measured usage (docs/usage.md#the-scenario-it-writes): the header
//! naming the source and period, `[scenario]`, `[traffic]` with the measured volume, week, growth
//! and burstiness, one `[[workload]]` per group (`workloads.rs`), and the options and plan
//! `as-run` serving each workload with the model it used (`options.rs`). Every figure is marked
//! `# measured`, with what it is measured from.
use super::derive::{self, Period, Volume};
use super::{Measured, Usage};
use crate::catalog::Catalog;
use std::fmt::Write;

pub mod options;
mod workloads;

#[cfg(test)]
mod tests;

const DAY_S: i64 = 86_400;

/// The scenario's TOML text: measured volume, hour-of-week shape, growth and burstiness, one
/// workload per group, and a plan `as-run` serving each workload with the model it used.
pub fn write(usage: &Usage, catalog: &Catalog, name: &str) -> String {
    let Some(period) = derive::period(usage) else {
        return format!("# {}: no records, nothing measured\n[scenario]\nname = {}\n", source(usage), quote(name));
    };
    let mut out = header(usage, &period);
    out += &scenario_table(usage, &period, name);
    out += &traffic(usage, &period);
    let (text, names) = workloads::write(usage, catalog);
    out += &text;
    out += &options::write(usage, catalog, &names);
    out
}

/// A TOML basic string (JSON string escapes are TOML's).
pub(crate) fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// Unix seconds → `2026-11-03T14:22:05Z`.
fn instant(s: i64) -> String {
    jiff::Timestamp::from_second(s).map_or_else(|_| s.to_string(), |t| t.to_string())
}

/// Calendar months from the month holding `a` to the month holding `b` (unix seconds).
fn months_between(a: i64, b: i64) -> i32 {
    let ym = |s: i64| {
        let m = month(s);
        let (y, mo) = m.split_once('-').expect("YYYY-MM");
        y.parse::<i32>().unwrap_or(0) * 12 + mo.parse::<i32>().unwrap_or(0)
    };
    ym(b) - ym(a)
}

/// Unix seconds → `2026-11`.
fn month(s: i64) -> String {
    crate::dates::format_month(s.div_euclid(DAY_S))
}

fn source(u: &Usage) -> &'static str {
    match u.measured {
        Measured::InvocationLogs => "Bedrock model-invocation log records",
        Measured::Hourly => "hourly usage rows (invocations and tokens per hour, model and group)",
        Measured::CloudWatch => "CloudWatch AWS/Bedrock metrics",
    }
}

fn header(u: &Usage, p: &Period) -> String {
    let mut h = format!("# Written by `infercast import` from {}.\n", source(u));
    let _ = writeln!(h, "# Files: {}; records: {}.", u.files.len(), u.records);
    let _ = writeln!(h, "# Period: {} to {} (UTC).", instant(p.first_s), instant(p.last_s));
    let _ = writeln!(h, "# Skipped records: {}.", u.skipped.len());
    for s in u.skipped.iter().take(10) {
        let _ = writeln!(h, "#   {}: {}", s.at, s.why);
    }
    if u.skipped.len() > 10 {
        let _ = writeln!(h, "#   … and {} more", u.skipped.len() - 10);
    }
    h + "# Every figure marked `# measured` comes from these records; the rest is to be set by hand.\n\n"
}

fn scenario_table(u: &Usage, p: &Period, name: &str) -> String {
    let description = format!(
        "As run: {} {}, {} to {}",
        u.records,
        source(u),
        crate::dates::format(p.first_s.div_euclid(DAY_S)),
        crate::dates::format(p.last_s.div_euclid(DAY_S))
    );
    format!(
        "[scenario]\nname = {}\ndescription = {}\nstart = \"{}\"            # the month after the period\nmonths = 12\n\n",
        quote(name),
        quote(&description),
        month(derive::month_start(p.last_s, 1)),
    )
}

fn traffic(u: &Usage, p: &Period) -> String {
    let mut t = "[traffic]\n".to_string();
    let volume = derive::volume(u, p);
    // Month 1 of the horizon is the month after the period: the last full month grown by the
    // measured growth for each month between them (none without a growth measured).
    let g = derive::growth_per_month(u, p).map_or(0.0, |g| g.clamp(-0.99, crate::limits::MAX_GROWTH));
    let (requests, from) = match volume {
        Volume::LastFullMonth { start_s, .. } => {
            let gap = months_between(start_s, derive::month_start(p.last_s, 1));
            let grown = volume.requests_per_month() * (1.0 + g).powi(gap);
            let how = if gap > 0 && g != 0.0 {
                format!(" × (1 + growth)^{gap}, grown to {}", month(derive::month_start(p.last_s, 1)))
            } else {
                String::new()
            };
            (grown, format!("invocations of {}, the last full month{how}", month(start_s)))
        }
        Volume::Extrapolated { invocations, hours } => (
            volume.requests_per_month(),
            format!("no full month: {invocations} invocations ÷ {hours} hours covered × 730"),
        ),
    };
    let _ = writeln!(t, "requests_per_month = {} # measured: {from}", requests.round().max(1.0));
    t += &week(u, p);
    t += &growth(u, p);
    match derive::burstiness(u) {
        Some(b) => {
            let _ = writeln!(
                t,
                "burstiness = {:.2} # measured: variance ÷ mean of invocations per minute within each hour, weighted by calls (at least 1)",
                b.max(1.0)
            );
        }
        None => t += "burstiness = 1 # not measured (hourly data): set it by hand if calls come in bursts\n",
    }
    t + "\n"
}

fn week(u: &Usage, p: &Period) -> String {
    let w = derive::hour_of_week(u, p);
    let mut t = format!(
        "hour_of_week = [ # measured: mean invocations per occurrence of each hour of the week over {}, Monday 00:00 UTC first\n",
        crate::format::count((p.hours() / 24) as f64, "day")
    );
    if w.uncovered > 0 {
        let _ = writeln!(
            t,
            "  # the period is shorter than a week: the {} hours it never covers get the mean of the covered ones",
            w.uncovered
        );
    }
    for (day, name) in ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"].iter().enumerate()
    {
        let hours: Vec<String> =
            w.weights[day * 24..day * 24 + 24].iter().map(|&x| format!("{}", derive::significant(x, 4))).collect();
        let _ = writeln!(t, "  {}, # {name}", hours.join(", "));
    }
    t + "]\n"
}

fn growth(u: &Usage, p: &Period) -> String {
    let k = p.months.len();
    let Some(g) = derive::growth_per_month(u, p) else {
        let why = match k {
            0 => "no full month: no growth measured",
            1 => "one month: no growth measured",
            _ => "no invocations in the first full month: no growth measured",
        };
        return format!("growth_per_month = 0 # {why}\n");
    };
    let (first, last) = (p.months[0].0, p.months[k - 1].0);
    let clamped = g.clamp(-0.99, crate::limits::MAX_GROWTH);
    let note = if clamped == g { String::new() } else { format!(" (measured {g:.4}, held to the format's range)") };
    format!(
        "growth_per_month = {:.4} # measured: (invocations of {} ÷ {})^(1/{}) − 1 over {k} full months{note}\n",
        clamped,
        month(last),
        month(first),
        k - 1
    )
}
