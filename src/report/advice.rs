//! What to do: the recommendation with what to check before acting on it, what routing saves,
//! and the daily spend alarm to set. Each is sentences the text and Markdown renderers lay out.
use super::findings;
use super::words::Section;
use crate::format::{count, percent, usd, usd_rate, usd_whole};
use crate::model::Estimate;
use crate::model::analysis::recommend::tied;

/// The recommendation and what to check before acting on it, or why there is none.
pub fn recommendation(e: &Estimate) -> Section {
    let v = verdict(e, str::to_string);
    let mut lines = vec![v.headline];
    lines.extend(v.caveats.iter().map(|c| format!("Check first: {c}.")));
    Section { heading: "Recommendation".into(), lines }
}

/// The recommendation in one sentence, and its caveats as clauses.
pub struct Verdict {
    pub headline: String,
    pub caveats: Vec<String>,
}

/// The recommendation's sentence with its option's name written by `name` (bold in Markdown), or
/// why there is none; and what to check before acting on it.
pub fn verdict(e: &Estimate, name: impl Fn(&str) -> String) -> Verdict {
    let Some(r) = &e.recommendation else {
        let headline = "No option can serve every workload: see why beside each option below.".into();
        return Verdict { headline, caveats: Vec::new() };
    };
    let best = e.line(&r.option).expect("the recommendation names an option or a plan");
    let what = if e.plans.iter().any(|p| p.name == r.option) { "plan" } else { "option" };
    let mut first = format!(
        "{} is the cheapest {what} that serves every workload: {} over {} ({} per 1,000 requests)",
        name(&r.option),
        usd(r.total_usd),
        count(e.months, "month"),
        usd_rate(best.usd_per_1k_requests)
    );
    match (&r.next, r.saving_vs_next_usd, r.saving_vs_next_pct) {
        (Some(next), Some(saving), _) if tied(r.total_usd, r.total_usd + saving) => {
            first.push_str(&format!(", the same as {next} to the cent (a tie goes to the option listed first)"));
        }
        (Some(next), Some(saving), Some(pct)) => first.push_str(&format!(
            ", {} ({}) less than the next cheapest, {next} ({})",
            usd(saving),
            percent(pct / 100.0),
            usd(r.total_usd + saving)
        )),
        _ => {}
    }
    first.push('.');
    Verdict { headline: first, caveats: r.caveats.iter().map(findings::caveat).collect() }
}

/// The daily figures a spend alarm needs: the alarm to set for the recommendation (sentences),
/// then a line for every option and plan.
pub struct Daily {
    /// What to set and when to raise it: whole sentences.
    pub advice: Vec<String>,
    /// One line per option and plan.
    pub lines: Vec<String>,
}

impl Daily {
    /// As one section: the advice, then the lines.
    pub fn section(self) -> Section {
        let lines = self.advice.into_iter().chain(self.lines).collect();
        Section { heading: "Daily spend and the alarm to set".into(), lines }
    }
}

/// The daily figures a spend alarm needs: the alarm to set for the recommendation first, then
/// every option and plan.
pub fn daily(e: &Estimate) -> Daily {
    let last = e.months as usize - 1;
    let mut advice = Vec::new();
    if let Some(best) = e.recommendation.as_ref().and_then(|r| e.line(&r.option)) {
        advice.push(format!(
            "Set a daily spend alarm at {} for {}: {} in month 1, plus {} headroom.",
            usd_whole(best.daily_alarm_usd),
            best.name,
            busiest(best.months[0].1),
            percent(e.alarm_headroom)
        ));
        if last > 0 && best.months[last].1.busiest_day_usd > best.daily_alarm_usd {
            advice.push(format!(
                "Raise it as traffic grows: by month {} the busiest day reaches {}.",
                last + 1,
                usd(best.months[last].1.busiest_day_usd)
            ));
        }
    }
    let lines = e
        .lines()
        .iter()
        .map(|o| {
            let m1 = o.months[0].1;
            let average =
                if m1.days_alike() { String::new() } else { format!(" (an average day {})", usd(m1.average_day_usd)) };
            format!("{}: alarm {} — {} in month 1{average}", o.name, usd_whole(o.daily_alarm_usd), busiest(m1))
        })
        .collect();
    Daily { advice, lines }
}

/// "its busiest day (Tuesday) costs $X", or "every day costs $X" when the days are alike.
fn busiest(d: &crate::model::analysis::daily::DaySpend) -> String {
    if d.days_alike() {
        format!("every day costs {}", usd(d.busiest_day_usd))
    } else {
        format!("its busiest day ({}) costs {}", d.busiest_day.name(), usd(d.busiest_day_usd))
    }
}

/// What routing saves against the cheapest single option, in one sentence.
pub fn routing(e: &Estimate) -> Option<String> {
    let r = e.routing.as_ref()?;
    let option_total = e.line(&r.vs_option)?.months.iter().map(|m| m.0).sum::<f64>();
    let plan_total = option_total - r.saving_usd;
    let (verb, amount) = if r.saving_usd >= 0.0 { ("saves", r.saving_usd) } else { ("costs", -r.saving_usd) };
    let more = if r.saving_usd >= 0.0 { "" } else { " more" };
    Some(format!(
        "Routing {verb} {} ({}){more} over {}: {} costs {} against {} for the cheapest single option, {}.",
        usd(amount),
        percent(r.saving_pct.abs() / 100.0),
        count(e.months, "month"),
        r.plan,
        usd(plan_total),
        usd(option_total),
        r.vs_option
    ))
}
