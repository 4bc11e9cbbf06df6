//! The model's findings in words: the caveats of a recommendation, why an option is not
//! eligible, the warnings, how a service line item is priced. The model decides which finding
//! holds and with what figures; this module only phrases them, for every output alike (the JSON
//! renderer writes the same sentences where its schema carries text).
use crate::format::{percent, thousands, trim};
use crate::keyword::Keyword;
use crate::model::Member;
use crate::model::analysis::eligibility::Ineligible;
use crate::model::analysis::recommend::{Assumed, Caveat, Warning};
use crate::model::offers::services::Basis;
use crate::scenario::{Lifecycle, PriceShift};

/// "`simple`, `chat`".
pub fn ticked(names: &[String]) -> String {
    names.iter().map(|w| format!("`{w}`")).collect::<Vec<_>>().join(", ")
}

/// "agent PT (serving `agent`)".
fn member(m: &Member) -> String {
    format!("{} (serving {})", m.option, ticked(&m.workloads))
}

/// What to check before acting on an option, as a clause ("Check first: …." in the text table).
pub fn caveat(c: &Caveat) -> String {
    match c {
        Caveat::Throttled { on_demand, share, month, recommended_rpm, recommended_tpm } => {
            let (whose, calls) = if *on_demand {
                ("the default quota throttles", "calls")
            } else {
                ("the traffic above its capacity goes on demand, where the default quota throttles", "those calls")
            };
            format!(
                "{whose} {} of {calls} in month {month} — ask AWS for {} RPM and {} TPM before launch",
                percent(*share),
                thousands(*recommended_rpm),
                thousands(*recommended_tpm)
            )
        }
        Caveat::OtherModel { model, reference } => {
            format!("it runs {model}, not {reference}: check that it answers well enough before switching")
        }
        Caveat::Assumed(figures) => format!(
            "its cost rests on assumed figures nobody publishes: {}",
            figures.iter().map(assumed).collect::<Vec<_>>().join("; ")
        ),
        Caveat::BuysNothing => "its best purchase is no capacity at all, so it is on demand under another name".into(),
        Caveat::Legacy { model, end_of_life } => {
            let eol = end_of_life.as_ref().map_or(String::new(), |d| format!(" (end of life {d})"));
            format!("{model} is a legacy model{eol}: plan the move to a current model before committing to it")
        }
        Caveat::Lifecycle(l) => lifecycle(l),
        Caveat::PriceChange { option, shift } => price_change(shift, option),
        Caveat::OfMember(m, c) => format!("{}: {}", member(m), caveat(c)),
    }
}

/// An assumed catalog figure, named for a reader: "claude-x MU-hour price".
fn assumed(a: &Assumed) -> String {
    match a {
        Assumed::OnDemandPrices(k) => format!("{k} on-demand prices"),
        Assumed::TierMultiplier(k, tier) => format!("{k} {} tier multiplier", tier.as_str()),
        Assumed::MuHourPrice(k) => format!("{k} MU-hour price"),
        Assumed::MuThroughput(k) => format!("{k} tokens per minute per MU"),
        Assumed::ReservedPrices(k) => format!("{k} Reserved-tier prices"),
        Assumed::InstancePrice(k) => format!("{k} instance price"),
        Assumed::Throughput(k) => format!("{k} throughput"),
    }
}

/// The sentence for a model's end of life within the horizon, or past it (docs/model.md#lifecycle):
/// "claude-3-haiku stops on 2026-09-10, in month 4: move to claude-haiku-4.5 before then; the
/// months after it are priced as if it still ran".
pub fn lifecycle(l: &Lifecycle) -> String {
    let to = |s: &Option<String>| s.as_ref().map_or("a current model (no successor named)".to_string(), |k| k.clone());
    match l {
        Lifecycle::Retired { model, end_of_life, successor } => format!(
            "{model} was retired on {end_of_life} (allow_retired): priced at its last prices for history only, \
             Bedrock no longer serves it; its successor: {}",
            to(successor)
        ),
        Lifecycle::Ends { model, end_of_life, month, successor } => format!(
            "{model} stops on {end_of_life}, in month {month}: move to {} before then; the months after it \
             are priced as if it still ran",
            to(successor)
        ),
    }
}

/// The sentence for an on-demand price change inside the horizon (docs/model.md#start-month):
/// "`gpt-5.6-sol` (option `sol`): on-demand prices change on 2026-08-21, in month 3 (2026-08):
/// input $5.50 → $4.40, output $33.00 → $22.00 per million tokens; month 3 is priced 20 of its 31
/// days at the old prices and the rest at the new".
pub fn price_change(s: &PriceShift, option: &str) -> String {
    let price = |x: f64| {
        let t = trim(x, 6);
        match t.split_once('.') {
            None => format!("${t}.00"),
            Some((_, d)) if d.len() == 1 => format!("${t}0"),
            Some(_) => format!("${t}"),
        }
    };
    let changes: Vec<String> =
        s.changes.iter().map(|(name, old, new)| format!("{name} {} → {}", price(*old), price(*new))).collect();
    let month = if s.days_before == 0 {
        format!("month {} on is priced at the new prices", s.month)
    } else {
        format!(
            "month {} is priced {} of its {} days at the old prices and the rest at the new",
            s.month, s.days_before, s.days_in_month
        )
    };
    format!(
        "`{}` (option `{option}`): on-demand prices change on {}, in month {} ({}): {} per million tokens; {month}",
        s.model,
        s.date,
        s.month,
        s.month_text,
        changes.join(", ")
    )
}

/// Why an option or plan cannot serve its workloads.
pub fn ineligible(r: &Ineligible) -> String {
    match r {
        Ineligible::Tier { tier, unserved } => match unserved.as_slice() {
            [(name, latency)] => {
                format!("{} tier: cannot serve the {} workload `{name}`", tier.as_str(), latency.as_str())
            }
            many => format!(
                "{} tier: cannot serve the workloads {}",
                tier.as_str(),
                many.iter().map(|(w, l)| format!("`{w}` ({})", l.as_str())).collect::<Vec<_>>().join(", ")
            ),
        },
        Ineligible::Rejects { share } => {
            format!("rejects the traffic above its model units ({} of requests over the horizon)", percent(*share))
        }
        Ineligible::Member(m, r) => format!("{}: {}", member(m), ineligible(r)),
    }
}

/// A warning, as one line.
pub fn warning(w: &Warning) -> String {
    match w {
        Warning::Caveat(c) => caveat(c),
        Warning::NoMaxTokens { workload } => format!(
            "workload `{workload}` sets no `max_tokens`: Bedrock then reserves the model's maximum output \
             against the TPM quota when each call starts, so throttling starts earlier than shown; \
             set `max_tokens` to what the application asks for"
        ),
    }
}

/// How a service line item is priced, its arithmetic in words.
pub fn basis(b: &Basis) -> String {
    match b {
        Basis::QueryEmbedding { tokens_per_request, price } => {
            format!("{} query tokens a request (U, embedded once) × {}", trim(*tokens_per_request, 2), price.describe())
        }
        Basis::Rerank { queries_per_request, price } => {
            format!("{} query a request × {}", trim(*queries_per_request, 3), price.describe())
        }
        Basis::Fixed { units, unit, usd_per_unit_hour, hours, asked } => {
            // Billed below what was asked only at the service's minimum, so `units` is that minimum.
            let minimum = asked.map_or(String::new(), |a| {
                format!(" ({} {unit} asked; the service bills at least {units})", trim(a, 2))
            });
            format!(
                "{} {unit} × ${usd_per_unit_hour} per {unit}-hour × {} h{minimum}",
                trim(*units, 2),
                trim(*hours, 2)
            )
        }
        Basis::Ingestion { corpus_tokens, refreshes_per_month, usd_per_mtok, initial } => format!(
            "{} corpus tokens × {} refreshes a month × ${usd_per_mtok} per M{}",
            thousands(*corpus_tokens),
            trim(*refreshes_per_month, 2),
            if *initial { "; plus one initial embedding in month 1" } else { "" }
        ),
    }
}
