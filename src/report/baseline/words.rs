//! The sentences of `baseline check`, written from the diff's data: a price changelog line, a
//! provenance line, a changed recommendation, what was added or removed, why the check fails.
use super::labels::{label, price_unit, whole};
use crate::baseline::diff::{
    Diff, Entry, Failure, FigureChange, Flip, Mark, PriceChange, ProvenanceChange, Rise, relative,
};
use crate::format::{percent, thousands, trim, usd, usd_rate};
use crate::keyword::Keyword;

/// `+16.7%`, `-4%`; `new` and `gone` for a change from or to zero.
pub fn signed_pct(r: f64) -> String {
    if r.is_infinite() {
        return if r > 0.0 { "new".into() } else { "gone".into() };
    }
    let s = percent(r.abs());
    if r >= 0.0 { format!("+{s}") } else { format!("-{s}") }
}

/// Dollar prices with two decimals at least ("3.00", "0.035"), other figures as they are.
fn price_number(x: f64, unit: &str) -> String {
    if unit.starts_with('$') {
        let two = format!("{x:.2}");
        if two.parse::<f64>().ok() == Some(x) { two } else { format!("{x}") }
    } else {
        trim(x, 6)
    }
}

/// "claude-3-sonnet input 3.00 → 3.50 $/Mtok (+16.7%)"; "gone: nova-micro input (was 0.035
/// $/Mtok)" for a price only one side has.
pub fn price(p: &PriceChange) -> String {
    let unit = price_unit(&p.figure);
    match (p.baseline, p.now) {
        (Some(b), None) => return format!("gone: {} {} (was {} {unit})", p.entry, p.figure, price_number(b, unit)),
        (None, Some(n)) => return format!("new: {} {} (now {} {unit})", p.entry, p.figure, price_number(n, unit)),
        _ => {}
    }
    let v = |x: Option<f64>| x.map_or(String::new(), |x| price_number(x, unit));
    let pct = relative(p.baseline, p.now).map_or(String::new(), |r| format!(" ({})", signed_pct(r)));
    format!("{} {} {} → {} {unit}{pct}", p.entry, p.figure, v(p.baseline), v(p.now))
}

/// A provenance value as written, the assumed flag as `yes` or `no`.
fn mark(m: &Mark) -> &str {
    match m {
        Mark::Text(t) => t,
        Mark::Flag(true) => "yes",
        Mark::Flag(false) => "no",
    }
}

/// "claude-sonnet-4.5 retrieved 2025-07-01 → 2025-11-20".
pub fn provenance(p: &ProvenanceChange) -> String {
    format!("{} {} {} → {}", p.entry, p.field.as_str(), mark(&p.baseline), mark(&p.now))
}

/// "support-agent: the recommendation changed from `two-tier` to `sonnet-on-demand`".
pub fn flip(f: &Flip) -> String {
    let name = |x: &Option<String>| {
        x.as_ref().map_or("nothing (no option serves every workload)".into(), |n| format!("`{n}`"))
    };
    format!("{}: the recommendation changed from {} to {}", f.scenario, name(&f.baseline), name(&f.now))
}

/// "scenario x", "catalog entry instance:g6e.xlarge", "option \"y\" in x".
pub fn entry(e: &Entry) -> String {
    match e {
        Entry::Scenario(name) => format!("scenario {name}"),
        Entry::Catalog(key) => format!("catalog entry {key}"),
        Entry::Subject { scenario, subject } => format!("{} in {scenario}", whole(subject)),
    }
}

/// "3 changes beyond the 0.1% tolerance", "s: option x, month 1, USD rose +5.2% (limit +5%)".
pub fn failure(f: &Failure) -> String {
    match f {
        Failure::Beyond { changes, tolerance } => {
            format!(
                "{changes} change{} beyond the {} tolerance",
                if *changes == 1 { "" } else { "s" },
                percent(*tolerance)
            )
        }
        Failure::Missing(e) => format!("{} is in the baseline but missing from the recomputation", entry(e)),
        Failure::Rose { scenario, subject, figure, rise } => {
            let what = format!("{scenario}: {}", label(subject, figure));
            match rise {
                Rise::Percent { relative, limit_pct } => {
                    format!("{what} rose {} (limit +{limit_pct}%)", signed_pct(*relative))
                }
                Rise::Dollars { usd: rise, limit_usd } => format!("{what} rose {} (limit +${limit_usd})", usd(*rise)),
            }
        }
    }
}

/// "PASS: nothing moved beyond the 0.1% tolerance", "FAIL: …; …" (a changed recommendation
/// first: it is what a reviewer must not miss).
pub fn verdict(d: &Diff, tolerance: f64) -> String {
    if d.passed() {
        let moved = d.changes();
        if moved == 0 {
            format!("PASS: nothing moved beyond the {} tolerance", percent(tolerance))
        } else {
            format!("PASS: {moved} change{} within the guardrails", if moved == 1 { "" } else { "s" })
        }
    } else {
        let all: Vec<String> = d.flips.iter().map(flip).chain(d.failures.iter().map(failure)).collect();
        format!("FAIL: {}", all.join("; "))
    }
}

fn is_usd(figure: &str) -> bool {
    figure.ends_with("_usd") || figure.starts_with("usd_per_")
}

/// A dollar figure as every other output prints it: an amount to the cent, a rate (`usd_per_…`)
/// with its sub-cent digits.
fn dollars(figure: &str, x: f64) -> String {
    if figure.starts_with("usd_per_") { usd_rate(x) } else { usd(x) }
}

/// A scenario figure by its key: dollars, a share in percent, a count.
pub fn value(figure: &str, x: Option<f64>) -> String {
    match x {
        None => "(none)".into(),
        Some(x) if is_usd(figure) => dollars(figure, x),
        // Three decimals for a share; past any real share, `percent`'s scientific form (never inf).
        Some(x) if figure.contains("share") && (x * 100.0).abs() < 1e13 => format!("{}%", trim(x * 100.0, 3)),
        Some(x) if figure.contains("share") => percent(x),
        Some(x) if x.abs() >= 1000.0 => thousands(x),
        Some(x) => trim(x, 4),
    }
}

/// "+10% (+$60.00)" for dollars, "-50%" otherwise; "new" or "gone" for a figure on one side.
pub fn change(f: &FigureChange) -> String {
    let Some(r) = relative(f.baseline, f.now) else {
        return if f.now.is_some() { "new".into() } else { "gone".into() };
    };
    match (f.baseline, f.now) {
        (Some(b), Some(n)) if is_usd(&f.figure) => {
            let d = n - b;
            let sign = if d >= 0.0 { "+" } else { "-" };
            format!("{} ({sign}{})", signed_pct(r), dollars(&f.figure, d.abs()))
        }
        _ => signed_pct(r),
    }
}

/// "gone: s: option x, month 1, USD (was $600.00)", "new: … (now 3)".
pub fn one_sided(f: &FigureChange) -> String {
    let what = format!("{}: {}", f.scenario, label(&f.subject, &f.figure));
    match (f.baseline, f.now) {
        (Some(b), None) => format!("gone: {what} (was {})", value(&f.figure, Some(b))),
        (_, n) => format!("new: {what} (now {})", value(&f.figure, n)),
    }
}
