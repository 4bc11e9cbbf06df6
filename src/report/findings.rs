//! The model's findings in words: the caveats of a recommendation, why an option is not eligible,
//! the warnings, how a service line item is priced. The model decides which finding holds and
//! with what figures; this module phrases them for every output (JSON too, where it has text).
use crate::format::{percent, thousands, trim};
use crate::keyword::Keyword;
use crate::model::Member;
use crate::model::analysis::caveats::{Assumed, Caveat, Warning};
use crate::model::analysis::eligibility::Ineligible;
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
        Caveat::TimedOut { workload, timeout, limit_s, share, fixes } => {
            let fix = super::latency::fixes(fixes);
            let fix = if fix.is_empty() { String::new() } else { format!(" — {fix}") };
            format!(
                "`{timeout}` ({}) cuts {} of the `{workload}` requests{fix}",
                super::latency::seconds(*limit_s),
                super::words::percent_fine(*share)
            )
        }
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
        Assumed::UnitPrice(k, unit) => format!("{k} price per {unit}"),
        Assumed::UnitThroughput(k, unit) => format!("{k} tokens per minute per {unit}"),
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
            format!("rejects the traffic above its bought units ({} of requests over the horizon)", percent(*share))
        }
        Ineligible::Slo { unmet } => {
            let each: Vec<String> = unmet.iter().map(unmet_slo).collect();
            format!("even one request alone misses the SLO of {}", each.join("; "))
        }
        Ineligible::Latency { slow } => super::latency::too_slow(slow),
        Ineligible::Member(m, r) => format!("{}: {}", member(m), ineligible(r)),
    }
}

/// "`chat` (asks TTFT ≤ 200 ms, gets 850 ms alone)": each figure the SLO sets, against one
/// request alone.
fn unmet_slo(u: &crate::model::analysis::eligibility::UnmetSlo) -> String {
    let mut parts = Vec::new();
    if let Some(t) = u.slo.ttft_ms {
        parts.push(format!("TTFT ≤ {} ms, gets {} ms", thousands(t), thousands(u.ttft_ms)));
    }
    if let Some(r) = u.slo.tokens_per_s {
        parts.push(format!("≥ {} tokens/s per user, gets {}", thousands(r), thousands(u.tokens_per_s)));
    }
    if let Some(l) = u.slo.latency_s {
        parts.push(format!("a response within {} s, gets {} s", trim(l, 1), trim(u.latency_s, 1)));
    }
    format!("`{}` (asks {})", u.workload, parts.join(", "))
}

/// A warning, as one line.
pub fn warning(w: &Warning) -> String {
    match w {
        Warning::Caveat(c) => caveat(c),
        Warning::NoMaxTokens { workload } => format!(
            "workload `{workload}` sets no `max_tokens`: Bedrock then reserves the model's maximum output \
             against the TPM quota when each call starts, and the quota check charges each call that; \
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{ServicePrice, Tier};
    use crate::scenario::Latency;

    fn serving(option: &str, workloads: &[&str]) -> Member {
        Member { option: option.into(), workloads: workloads.iter().map(|w| w.to_string()).collect() }
    }

    #[test]
    fn a_throttled_caveat_names_whose_calls_and_what_to_ask_for() {
        // 3.4 % in month 2; 1,234.4 RPM and 5,678,901 TPM round to whole numbers with separators.
        let c = Caveat::Throttled {
            on_demand: true,
            share: 0.034,
            month: 2,
            recommended_rpm: 1_234.4,
            recommended_tpm: 5_678_901.0,
        };
        assert_eq!(
            caveat(&c),
            "the default quota throttles 3.4% of calls in month 2 — ask AWS for 1,234 RPM and 5,678,901 TPM before launch"
        );
        let c =
            Caveat::Throttled { on_demand: false, share: 0.5, month: 12, recommended_rpm: 10.0, recommended_tpm: 20.0 };
        assert_eq!(
            caveat(&c),
            "the traffic above its capacity goes on demand, where the default quota throttles 50% of those calls \
             in month 12 — ask AWS for 10 RPM and 20 TPM before launch"
        );
    }

    #[test]
    fn model_caveats_name_the_models() {
        let other = Caveat::OtherModel { model: "nova-micro".into(), reference: "claude-haiku-4.5".into() };
        assert_eq!(
            caveat(&other),
            "it runs nova-micro, not claude-haiku-4.5: check that it answers well enough before switching"
        );
        let legacy = Caveat::Legacy { model: "old".into(), end_of_life: Some("2027-03-01".into()) };
        assert_eq!(
            caveat(&legacy),
            "old is a legacy model (end of life 2027-03-01): plan the move to a current model before committing to it"
        );
        let legacy = Caveat::Legacy { model: "old".into(), end_of_life: None };
        assert_eq!(caveat(&legacy), "old is a legacy model: plan the move to a current model before committing to it");
        assert_eq!(
            caveat(&Caveat::BuysNothing),
            "its best purchase is no capacity at all, so it is on demand under another name"
        );
    }

    #[test]
    fn assumed_figures_are_listed_with_semicolons() {
        let c = Caveat::Assumed(vec![
            Assumed::OnDemandPrices("m".into()),
            Assumed::TierMultiplier("m".into(), Tier::Flex),
            Assumed::MuHourPrice("m".into()),
            Assumed::MuThroughput("m".into()),
            Assumed::ReservedPrices("m".into()),
            Assumed::InstancePrice("g6.xlarge".into()),
            Assumed::Throughput("llama-vllm".into()),
        ]);
        assert_eq!(
            caveat(&c),
            "its cost rests on assumed figures nobody publishes: m on-demand prices; m flex tier multiplier; \
             m MU-hour price; m tokens per minute per MU; m Reserved-tier prices; g6.xlarge instance price; \
             llama-vllm throughput"
        );
    }

    #[test]
    fn a_member_s_caveat_and_reason_name_the_member_first() {
        let who = serving("agent PT", &["agent", "chat"]);
        assert_eq!(
            caveat(&Caveat::OfMember(who.clone(), Box::new(Caveat::BuysNothing))),
            "agent PT (serving `agent`, `chat`): its best purchase is no capacity at all, so it is on demand under \
             another name"
        );
        // 0.0094 of requests: 0.94 % to one decimal is 0.9 %.
        let r = Ineligible::Member(who, Box::new(Ineligible::Rejects { share: 0.0094 }));
        assert_eq!(
            ineligible(&r),
            "agent PT (serving `agent`, `chat`): rejects the traffic above its bought units (0.9% of requests over \
             the horizon)"
        );
    }

    #[test]
    fn a_tier_names_the_workloads_it_cannot_serve() {
        let one = Ineligible::Tier { tier: Tier::Batch, unserved: vec![("w".into(), Latency::Interactive)] };
        assert_eq!(ineligible(&one), "batch tier: cannot serve the interactive workload `w`");
        let two = Ineligible::Tier {
            tier: Tier::Flex,
            unserved: vec![("a".into(), Latency::Interactive), ("b".into(), Latency::Interactive)],
        };
        assert_eq!(ineligible(&two), "flex tier: cannot serve the workloads `a` (interactive), `b` (interactive)");
    }

    #[test]
    fn lifecycle_sentences_name_the_successor_or_say_none_is_named() {
        let ends = Lifecycle::Ends {
            model: "claude-3-haiku".into(),
            end_of_life: "2026-09-10".into(),
            month: 4,
            successor: Some("claude-haiku-4.5".into()),
        };
        assert_eq!(
            caveat(&Caveat::Lifecycle(ends)),
            "claude-3-haiku stops on 2026-09-10, in month 4: move to claude-haiku-4.5 before then; the months after \
             it are priced as if it still ran"
        );
        let retired = Lifecycle::Retired { model: "j".into(), end_of_life: "2026-11-26".into(), successor: None };
        assert_eq!(
            lifecycle(&retired),
            "j was retired on 2026-11-26 (allow_retired): priced at its last prices for history only, Bedrock no \
             longer serves it; its successor: a current model (no successor named)"
        );
    }

    #[test]
    fn a_price_change_shows_prices_to_the_cent_and_the_split_month() {
        let shift = PriceShift {
            model: "toy".into(),
            date: "2027-02-15".into(),
            month: 2,
            month_text: "2027-02".into(),
            days_before: 14,
            days_in_month: 28,
            changes: vec![("input", 1.0, 2.5), ("output", 0.125, 33.0)],
        };
        assert_eq!(
            caveat(&Caveat::PriceChange { option: "t".into(), shift: shift.clone() }),
            "`toy` (option `t`): on-demand prices change on 2027-02-15, in month 2 (2027-02): input $1.00 → $2.50, \
             output $0.125 → $33.00 per million tokens; month 2 is priced 14 of its 28 days at the old prices and \
             the rest at the new"
        );
        let first_day = PriceShift { days_before: 0, changes: vec![("input", 1.0, 2.0)], ..shift };
        assert!(
            price_change(&first_day, "t")
                .ends_with("input $1.00 → $2.00 per million tokens; month 2 on is priced at the new prices")
        );
    }

    #[test]
    fn the_missing_max_tokens_warning_names_the_workload() {
        let w = Warning::NoMaxTokens { workload: "chat".into() };
        assert!(
            warning(&w).starts_with("workload `chat` sets no `max_tokens`: Bedrock then reserves"),
            "{}",
            warning(&w)
        );
        assert_eq!(warning(&Warning::Caveat(Caveat::BuysNothing)), caveat(&Caveat::BuysNothing));
    }

    #[test]
    fn service_bases_write_the_arithmetic() {
        let embed = ServicePrice::Embedding { usd_per_mtok: 0.1 };
        let b = Basis::QueryEmbedding { tokens_per_request: 60.0, price: embed };
        assert_eq!(basis(&b), "60 query tokens a request (U, embedded once) × $0.1 per M input tokens");
        let rerank = ServicePrice::Rerank { usd_per_1k_queries: 2.0 };
        // 0.6 queries a request: three decimals, trailing zeros dropped.
        assert_eq!(
            basis(&Basis::Rerank { queries_per_request: 0.6, price: rerank }),
            "0.6 query a request × $2 per 1,000 queries"
        );
        let store =
            |asked| Basis::Fixed { units: 2.0, unit: "OCU".into(), usd_per_unit_hour: 0.5, hours: 730.0, asked };
        assert_eq!(basis(&store(None)), "2 OCU × $0.5 per OCU-hour × 730 h");
        assert_eq!(
            basis(&store(Some(1.0))),
            "2 OCU × $0.5 per OCU-hour × 730 h (1 OCU asked; the service bills at least 2)"
        );
        let ingest = |initial| Basis::Ingestion {
            corpus_tokens: 10_000_000.0,
            refreshes_per_month: 3.0,
            usd_per_mtok: 0.1,
            initial,
        };
        assert_eq!(basis(&ingest(false)), "10,000,000 corpus tokens × 3 refreshes a month × $0.1 per M");
        assert_eq!(
            basis(&ingest(true)),
            "10,000,000 corpus tokens × 3 refreshes a month × $0.1 per M; plus one initial embedding in month 1"
        );
    }
}
