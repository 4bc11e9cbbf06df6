//! Estimates whose every figure is finite and within bounds (docs/model.md#limits-of-the-results):
//! a scenario whose results break a bound is refused (exit 2), located at the option or plan
//! whose figure broke it, with the inputs that drive that figure.
use crate::error::{Diagnostic, Error, Result};
use crate::limits::short;
use crate::model::analysis::sanity::{Absurd, Bound, Figure, MAX_UNITS, MAX_USD, check};
use crate::model::{Estimate, estimate};
use crate::scenario::{OptionKind, Scenario};
use crate::source::SourceFile;

/// Prices each scenario (each from the file of the same path) and checks its results; every
/// scenario with a figure out of bounds is reported.
pub(crate) fn estimates(files: &[SourceFile], scenarios: &[Scenario]) -> Result<Vec<Estimate>> {
    let mut out = Vec::new();
    let mut diags = Vec::new();
    for s in scenarios {
        let e = estimate(s);
        match check(&e) {
            None => out.push(e),
            Some(a) => diags.push(refusal(files.iter().find(|f| f.path == s.path), s, &a)),
        }
    }
    if diags.is_empty() { Ok(out) } else { Err(Error::Input(diags)) }
}

/// The one refusal message: which figure, whose, what bound, and what to check.
pub(crate) fn refusal(file: Option<&SourceFile>, s: &Scenario, a: &Absurd) -> Diagnostic {
    let plan = s.plans.iter().position(|p| p.name == a.option);
    let whose = if plan.is_some() { "plan" } else { "option" };
    let month = a.month.map_or(String::new(), |m| format!(" in month {m}"));
    let what = figure(a.figure);
    let message = match a.bound {
        Bound::NotFinite => {
            let why = if a.value.is_nan() { "not a number" } else { "infinite" };
            format!("{whose} `{}`: {what}{month} is {why}: the inputs overflow what infercast computes", a.option)
        }
        Bound::Usd => format!(
            "{whose} `{}`: {what}{month} is {} USD, above the {} USD infercast accepts",
            a.option,
            sig(a.value),
            short(MAX_USD)
        ),
        Bound::Units => format!(
            "{whose} `{}`: {what}{month} is {}, above the {} infercast accepts",
            a.option,
            sig(a.value),
            short(MAX_UNITS)
        ),
    };
    let help = format!(
        "{}; every result must stay within docs/model.md#limits-of-the-results",
        inputs(s.options.iter().find(|o| o.name == a.option).map(|o| &o.kind))
    );
    let located = file.and_then(|f| {
        let index = plan.map_or_else(
            || s.options.iter().position(|o| o.name == a.option).map(|i| (false, i)),
            |i| Some((true, i)),
        )?;
        Some(Diagnostic::at(f, &table_span(f, index)?, message.clone()))
    });
    located.unwrap_or_else(|| Diagnostic::file(&s.path, message)).help(help)
}

/// 8.750169854807788e17 → "8.75e17": three significant figures are enough to see the slip.
fn sig(x: f64) -> String {
    format!("{x:.2e}").replace(".00e", "e")
}

fn figure(f: Figure) -> &'static str {
    match f {
        Figure::MonthCost => "its cost",
        Figure::HorizonCost => "its cost over the horizon",
        Figure::PerRequest => "its cost per request",
        Figure::Units => "the capacity it buys",
        Figure::Overflow => "its share of requests above capacity",
        Figure::DaySpend => "its busiest day's cost",
        Figure::DailyAlarm => "its daily spend alarm",
        Figure::Utilization => "its break-even utilisation",
        Figure::QuotaAsk => "the quota to ask for",
        Figure::BreakEvenCurve => "its cost at a break-even volume",
    }
}

/// The inputs a figure of an option of `kind` is made from, to check first.
fn inputs(kind: Option<&OptionKind>) -> String {
    let common = "the volume, the token counts and the daily and weekly shapes";
    match kind {
        Some(OptionKind::Provisioned { model, .. }) => format!(
            "check the catalog's `input_tpm_per_mu` and `output_tpm_per_mu` of model `{}` (a model unit's \
             throughput), then {common}",
            model.key
        ),
        Some(OptionKind::Reserved { model, .. }) => {
            format!("check the catalog's Reserved-tier prices and minimums of model `{}`, then {common}", model.key)
        }
        Some(OptionKind::SelfHosted(sh)) => format!(
            "check the GPU, open-model and engine figures behind deployment `{}` in the catalog, then {common}",
            sh.deployment.key
        ),
        Some(OptionKind::OnDemand { model, .. }) => {
            format!("check the catalog's prices of model `{}`, then {common}", model.key)
        }
        None => format!("check {common}, and the catalog figures of the plan's options"),
    }
}

/// The span of the header of the `index`-th `[[plan]]` (`plan`) or `[[option]]` of `file`.
fn table_span(file: &SourceFile, (plan, index): (bool, usize)) -> Option<crate::source::Span> {
    let header = if plan { "[[plan]]" } else { "[[option]]" };
    let mut offset = 0;
    let mut seen = 0;
    for line in file.text.split_inclusive('\n') {
        if line.trim_start().starts_with(header) {
            if seen == index {
                let start = offset + (line.len() - line.trim_start().len());
                return Some(start..start + header.len());
            }
            seen += 1;
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_infinite_cost_is_refused_at_its_option_in_words() {
        let (file, s) = crate::model::analysis::sanity::tests::toy_scenario();
        let a = Absurd {
            option: s.options[0].name.clone(),
            figure: Figure::MonthCost,
            month: Some(2),
            value: f64::INFINITY,
            bound: Bound::NotFinite,
        };
        let d = refusal(Some(&file), &s, &a);
        // The only [[option]] header is on line 14 of the toy scenario.
        assert_eq!(d.location, Some((14, 1)));
        assert_eq!(
            d.message,
            "option `on-demand m`: its cost in month 2 is infinite: the inputs overflow what infercast computes"
        );
        assert!(d.help.unwrap().starts_with("check the catalog's prices of model `m`"));
    }
}
