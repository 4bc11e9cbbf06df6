//! "Latency and timeouts" (docs/model.md#latency-and-timeouts): the model's rows as table cells,
//! the fixes in words, and what a product manager does about them. The text table and
//! summary.md lay out the same cells and sentences.
use super::findings::ticked;
use crate::catalog::Spread;
use crate::format::{thousands, trim};
use crate::model::Estimate;
use crate::model::analysis::eligibility::Ineligible;
use crate::model::latency::{Cut, Fix, LatencyRow, OptionSpeed, SpeedBasis};

/// The section's heading.
pub const HEADING: &str = "Latency and timeouts";

/// How to add a timeout, quoted where none is checked.
const ADD_TIMEOUTS: &str = "`[client] timeouts_s = { \"api-gateway\" = 29 }`";

/// How to give an option a speed, quoted where none is known.
const SET_SPEED: &str = "`speed = { output_tokens_per_s = …, ttft_ms = … }`";

/// What the table's figures are.
pub fn caption(e: &Estimate) -> String {
    let checked = match (e.client.timeouts.is_empty(), e.client.streaming) {
        (true, _) => "",
        (false, false) => "; timeouts measure the whole response (no streaming)",
        (false, true) => "; timeouts measure the longest silence (streaming)",
    };
    format!(
        "p50 and p95 from sending a request to its last token; in flight at the busiest minute \
         ({} percentile), by Little's law{checked}",
        crate::format::percentile(e.peak_quantile)
    )
}

/// Seconds as printed: one decimal, two below a second, whole from 1,000 on.
pub fn seconds(x: f64) -> String {
    match x {
        x if x >= 1000.0 => format!("{} s", thousands(x)),
        x if x >= 1.0 => format!("{} s", trim(x, 1)),
        x => format!("{} s", trim(x, 2)),
    }
}

/// A range as "low–high", or one figure when both ends agree.
fn range(s: Spread, write: impl Fn(f64) -> String) -> String {
    let (lo, hi) = (write(s.low), write(s.high));
    if lo == hi { lo } else { format!("{lo}–{hi}") }
}

/// Where a speed comes from, in words.
fn basis(b: SpeedBasis) -> &'static str {
    match b {
        SpeedBasis::Published => "published",
        SpeedBasis::Assumed => "assumed",
        SpeedBasis::Override => "set on the option",
        SpeedBasis::Physics => "self-hosting model",
    }
}

/// "45–80 tok/s, 0.6–1.4 s (assumed)": output speed, time to first token and where they come from.
pub fn speed(s: &OptionSpeed) -> String {
    format!("{} ({})", figures(s.output_tokens_per_s, s.ttft_ms), basis(s.basis))
}

/// "45–80 tok/s, 0.6–1.4 s": output speed and time to first token.
pub fn figures(tokens_per_s: Spread, ttft_ms: Spread) -> String {
    format!("{} tok/s, {} s", range(tokens_per_s, |x| trim(x, 1)), range(ttft_ms, |x| trim(x / 1e3, 2)))
}

/// A share of requests: two decimals below 0.1%.
fn share(x: f64) -> String {
    super::words::percent_fine(x)
}

/// "`api-gateway` (29 s)".
fn limit(c: &Cut) -> String {
    format!("`{}` ({})", c.name, seconds(c.limit_s))
}

/// One fix, as a clause.
pub fn fix(f: &Fix) -> String {
    match f {
        Fix::Stream { silence_s } => {
            format!("stream the answer (the longest silence is then {})", seconds(*silence_s))
        }
        Fix::Raise { name, to_s } => format!("raise `{name}` to {}", seconds(*to_s)),
        Fix::CapMaxTokens { max_tokens, .. } => format!("cap `max_tokens` at {}", thousands(*max_tokens)),
        Fix::FewerSteps { steps, .. } => {
            format!("stop agent loops after {}", crate::format::count(f64::from(*steps), "step"))
        }
    }
}

/// "a or b", "a, b, or c" (the serial comma: a clause may hold an "and").
fn either(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} or {b}"),
        [rest @ .., last] => format!("{}, or {last}", rest.join(", ")),
    }
}

/// A row's fixes as alternatives; raises of several limits to one time read as one clause.
pub fn fixes(fixes: &[Fix]) -> String {
    let raised: Vec<String> =
        fixes.iter().filter_map(|f| if let Fix::Raise { name, .. } = f { Some(name.clone()) } else { None }).collect();
    let mut parts = Vec::new();
    for f in fixes {
        match f {
            Fix::Raise { to_s, .. } if raised.len() > 1 => {
                let all = format!("raise {} to {}", and(&ticks(&raised)), seconds(*to_s));
                if !parts.contains(&all) {
                    parts.push(all);
                }
            }
            _ => parts.push(fix(f)),
        }
    }
    either(&parts)
}

fn ticks(names: &[String]) -> Vec<String> {
    names.iter().map(|n| format!("`{n}`")).collect()
}

/// "a, b and c".
fn and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Which limits cut a row, and how much: "100% of requests take longer than `api-gateway` (29 s)
/// and 40% longer than `alb-idle` (60 s)".
pub fn cut(row: &LatencyRow) -> Option<String> {
    let cutting: Vec<&Cut> = row.timeouts.iter().filter(|c| c.share_cut > 0.0).collect();
    let (first, rest) = cutting.split_first()?;
    let what = if row.streaming { "fall silent longer than" } else { "take longer than" };
    let mut parts = vec![format!("{} of requests {what} {}", share(first.share_cut), limit(first))];
    parts.extend(rest.iter().map(|c| format!("{} longer than {}", share(c.share_cut), limit(c))));
    Some(and(&parts))
}

/// Which limits cut a workload, for a product manager: "`api-gateway` (29 s) cuts 100% of
/// `answer` requests and `alb-idle` (90 s) 12.8%".
fn cuts_of(row: &LatencyRow) -> Option<String> {
    let cutting: Vec<&Cut> = row.timeouts.iter().filter(|c| c.share_cut > 0.0).collect();
    let (first, rest) = cutting.split_first()?;
    let streamed = if row.streaming { "streamed " } else { "" };
    let mut parts =
        vec![format!("{} cuts {} of the {streamed}`{}` requests", limit(first), share(first.share_cut), row.workload)];
    parts.extend(rest.iter().map(|c| format!("{} {}", limit(c), share(c.share_cut))));
    Some(and(&parts))
}

/// Column headings; "cut" only where timeouts are checked.
pub fn header(e: &Estimate) -> Vec<String> {
    let month = e.latency.first().map_or(1, |r| r.in_flight_month);
    let mut h: Vec<String> = ["option", "workload", "speed", "TTFT", "p50", "p95"].map(String::from).to_vec();
    h.push(format!("in flight, month {month}"));
    if !e.client.timeouts.is_empty() {
        h.push("cut".into());
    }
    h
}

/// One row per option and workload; an option's name and its speed only where they change.
pub fn rows(e: &Estimate) -> Vec<Vec<String>> {
    let dash = || "-".to_string();
    let mut out = Vec::new();
    let mut previous: Option<&LatencyRow> = None;
    for r in &e.latency {
        let same_option = previous.is_some_and(|p| p.option == r.option);
        let same_speed = same_option && previous.is_some_and(|p| p.speed == r.speed);
        let mut cells = vec![
            if same_option { String::new() } else { r.option.clone() },
            r.workload.clone(),
            match &r.speed {
                _ if same_speed => String::new(),
                Some(s) => speed(s),
                None => "none known".into(),
            },
            r.ttft_ms.map_or_else(dash, |t| format!("{} ms", thousands(t))),
            r.response_s_p50.map_or_else(dash, seconds),
            r.response_s_p95.map_or_else(dash, seconds),
            r.in_flight_peak.map_or_else(dash, in_flight),
        ];
        if !e.client.timeouts.is_empty() {
            cells.push(match (r.speed.is_some(), r.timeouts.first()) {
                (false, _) | (_, None) => dash(),
                (true, Some(_)) if r.share_cut == 0.0 => "0%".into(),
                (true, Some(_)) => {
                    let by = r.timeouts.iter().find(|c| c.share_cut > 0.0).map_or(String::new(), |c| c.name.clone());
                    format!("{} {by}", share(r.share_cut))
                }
            });
        }
        out.push(cells);
        previous = Some(r);
    }
    out
}

/// A clause as a sentence: its first letter capitalised.
fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

/// Requests in flight: one decimal, and from 100 on the whole number to size for (rounded up,
/// as the advice sizes).
pub fn in_flight(x: f64) -> String {
    if x >= 100.0 { thousands(x.ceil()) } else { trim(x, 1) }
}

/// The options whose model has no speed, in order, once each.
fn without_speed(e: &Estimate) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for r in e.latency.iter().filter(|r| r.speed.is_none()) {
        if !out.contains(&r.option.as_str()) {
            out.push(&r.option);
        }
    }
    out
}

/// "no speed known for X: …".
fn no_speed(option: &str) -> String {
    format!(
        "{option}: the catalog gives no speed for its model, so its response times are not checked; set \
         {SET_SPEED} on the option"
    )
}

/// The lines under the table: each cut row with its fixes, each option without a speed, and how
/// to add timeouts when none are checked.
pub fn notes(e: &Estimate) -> Vec<String> {
    let mut out: Vec<String> = e
        .latency
        .iter()
        .filter_map(|r| {
            let cut = cut(r)?;
            Some(format!("{}, `{}`: {cut}; to let every request through, {}.", r.option, r.workload, fixes(&r.fixes)))
        })
        .collect();
    out.extend(without_speed(e).into_iter().map(|o| format!("{}.", no_speed(o))));
    if e.client.timeouts.is_empty() {
        out.push(no_timeouts());
    }
    out
}

/// The lines summary.md writes under the options' sentences: how to add timeouts when none are
/// checked.
pub fn markdown_notes(e: &Estimate) -> Option<String> {
    e.client.timeouts.is_empty().then(no_timeouts)
}

/// How to add timeouts, where none are checked.
fn no_timeouts() -> String {
    format!(
        "No client timeouts are checked: add the limits between your callers and the model, e.g. {ADD_TIMEOUTS} \
         (and `streaming = true` if the answer streams)."
    )
}

/// Requests in flight at the busiest minute on `option` (summed over its rows, or over the
/// `only` workloads), and the month of that minute; `None` without a row with a speed.
pub fn in_flight_of(e: &Estimate, option: &str, only: Option<&[String]>) -> Option<(f64, u32)> {
    let rows: Vec<&LatencyRow> = e
        .latency
        .iter()
        .filter(|r| r.option == option && only.is_none_or(|w| w.contains(&r.workload)))
        .filter(|r| r.in_flight_peak.is_some())
        .collect();
    let month = rows.first()?.in_flight_month;
    Some((rows.iter().filter_map(|r| r.in_flight_peak).sum(), month))
}

/// Per option, what a product manager acts on: response times, what is cut and the fix, and
/// the concurrency to size for. `name` writes an option's name (bold in Markdown).
pub fn advice(e: &Estimate, name: impl Fn(&str) -> String) -> Vec<String> {
    let mut options: Vec<&str> = Vec::new();
    for r in &e.latency {
        if !options.contains(&r.option.as_str()) {
            options.push(&r.option);
        }
    }
    options.iter().map(|o| format!("{}: {}", name(o), option_advice(e, o))).collect()
}

/// One option's sentences.
fn option_advice(e: &Estimate, option: &str) -> String {
    let rows: Vec<&LatencyRow> = e.latency.iter().filter(|r| r.option == option).collect();
    if rows.iter().all(|r| r.speed.is_none()) {
        return format!("{}.", no_speed(option).split_once(": ").map_or("", |(_, s)| s));
    }
    let times: Vec<String> = rows
        .iter()
        .filter_map(|r| Some((r, r.response_s_p50?, r.response_s_p95?)))
        .enumerate()
        .map(|(i, (r, p50, p95))| match i {
            0 => format!(
                "`{}` takes {} at the median and {} at the 95th percentile",
                r.workload,
                seconds(p50),
                seconds(p95)
            ),
            _ => format!("`{}` {} and {}", r.workload, seconds(p50), seconds(p95)),
        })
        .collect();
    let mut s = format!("{}.", times.join(", "));
    let cut: Vec<String> = rows
        .iter()
        .filter_map(|r| Some(format!(" {}; to let them all through, {}.", capital(&cuts_of(r)?), fixes(&r.fixes))))
        .collect();
    match e.client.timeouts.first() {
        Some(t) if cut.is_empty() => {
            let shortest = if e.client.timeouts.len() > 1 { ", the shortest limit" } else { "" };
            s.push_str(&format!(" No request is cut by `{}` ({}){shortest}.", t.name, seconds(t.limit_s)));
        }
        _ => s.push_str(&cut.concat()),
    }
    if let Some((n, month)) = in_flight_of(e, option, None) {
        s.push_str(&format!(
            " Size connection pools and Lambda concurrency for {} requests in flight (the busiest minute of month {month}).",
            thousands(n.ceil())
        ));
    }
    let slow = e.options.iter().find(|o| o.name == option).and_then(|o| o.ineligible_reason.as_ref());
    if let Some(r @ Ineligible::Latency { .. }) = slow {
        s.push_str(&format!(" It is not eligible: {}.", super::findings::ineligible(r)));
    }
    let missing: Vec<String> = rows.iter().filter(|r| r.speed.is_none()).map(|r| r.workload.clone()).collect();
    if !missing.is_empty() {
        s.push_str(&format!(" No speed is known for {}: set {SET_SPEED} on the option.", ticked(&missing)));
    }
    s
}

/// Why an option is too slow for interactive workloads: "too slow for the interactive workload
/// `chat` (asks a response within 10 s, its 95th percentile takes 12.3 s)".
pub fn too_slow(slow: &[crate::model::latency::SlowWorkload]) -> String {
    let each: Vec<String> = slow
        .iter()
        .map(|s| {
            format!(
                "`{}` (asks a response within {} s, its 95th percentile takes {} s)",
                s.workload,
                trim(s.latency_s, 1),
                trim(s.response_s_p95, 1)
            )
        })
        .collect();
    format!("too slow for the interactive workload{} {}", if slow.len() > 1 { "s" } else { "" }, each.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_keep_one_decimal_two_below_a_second() {
        assert_eq!(
            [seconds(80.8), seconds(0.84), seconds(29.0), seconds(1234.4)],
            ["80.8 s", "0.84 s", "29 s", "1,234 s"]
        );
    }

    #[test]
    fn raises_of_one_time_read_as_one_clause_and_alternatives_take_a_serial_comma() {
        let raise = |name: &str| Fix::Raise { name: name.into(), to_s: 102.0 };
        let cap = Fix::CapMaxTokens { name: "a".into(), max_tokens: 1100.0 };
        assert_eq!(
            fixes(&[raise("a"), raise("b"), cap.clone()]),
            "raise `a` and `b` to 102 s or cap `max_tokens` at 1,100"
        );
        let steps = Fix::FewerSteps { name: "a".into(), steps: 1 };
        assert_eq!(
            fixes(&[Fix::Stream { silence_s: 0.8 }, raise("a"), steps]),
            "stream the answer (the longest silence is then 0.8 s), raise `a` to 102 s, or stop agent loops after 1 step"
        );
        assert_eq!(fixes(&[cap]), "cap `max_tokens` at 1,100");
    }

    #[test]
    fn a_range_collapses_when_its_ends_print_alike() {
        let s = OptionSpeed {
            output_tokens_per_s: Spread { low: 45.0, high: 80.0 },
            ttft_ms: Spread { low: 600.0, high: 1400.0 },
            basis: SpeedBasis::Assumed,
            source: None,
        };
        assert_eq!(speed(&s), "45–80 tok/s, 0.6–1.4 s (assumed)");
        let exact = OptionSpeed { output_tokens_per_s: Spread::exactly(95.7), ttft_ms: Spread::exactly(1470.0), ..s };
        assert_eq!(speed(&exact), "95.7 tok/s, 1.47 s (assumed)");
    }
}
