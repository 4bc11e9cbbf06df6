//! A model's end of life against the run's today and the horizon (docs/model.md#lifecycle).
use crate::catalog::Model;
use crate::input::Checker;
use serde::Serialize;
use toml::Spanned;

/// Where an option's model stands against its end of life, when it matters.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum Lifecycle {
    /// Past its end of life, priced anyway (`allow_retired = true`): historical pricing.
    Retired { model: String, end_of_life: String, successor: Option<String> },
    /// Its end of life falls in month `month` (1-based, counted from the written `start`, else
    /// from today) of the horizon.
    Ends { model: String, end_of_life: String, month: u32, successor: Option<String> },
}

/// The day and horizon a scenario's models are judged on.
#[derive(Debug, Clone, Copy)]
pub struct Horizon {
    /// Days since 1970-01-01.
    pub today: i64,
    pub months: u32,
    /// The first day of the horizon's first month, and whether the scenario wrote `start`: then
    /// end-of-life is judged from it rather than from today.
    pub start: (i64, bool),
    /// Hours each month is billed for (`hours_per_month`): what a unit priced by the hour costs.
    pub hours_per_month: f64,
}

impl Horizon {
    /// The day month 1 is counted from: the written `start`'s first day, else today.
    fn from(&self) -> i64 {
        if self.start.1 { self.start.0 } else { self.today }
    }
}

/// Checks `model` (named at `key`) against its end of life: past it, an error unless
/// `allow_retired`; within the horizon, a finding to price with.
pub(super) fn check(
    ck: &mut Checker,
    key: &Spanned<String>,
    model: &Model,
    allow_retired: Option<&Spanned<bool>>,
    h: Horizon,
) -> Option<Lifecycle> {
    let eol_text = model.end_of_life.as_ref()?;
    let eol = crate::dates::parse(eol_text)?;
    let successor = model.successor.clone();
    // AWS: "On or shortly after the EOL date, the model will no longer be available", so the
    // day itself counts as retired (https://docs.aws.amazon.com/bedrock/latest/userguide/model-lifecycle.html).
    if eol <= h.from() {
        if allow_retired.is_some_and(|a| *a.get_ref()) {
            return Some(Lifecycle::Retired { model: model.key.clone(), end_of_life: eol_text.clone(), successor });
        }
        let instead = match &successor {
            Some(s) => format!("move to `{s}`, the successor named for it"),
            None => "no successor is named for it: pick a current model from `infercast models`".to_string(),
        };
        let before = if h.start.1 {
            format!("before the scenario's start, {}", crate::dates::format(h.from()))
        } else {
            format!("before {}", crate::dates::format(h.today))
        };
        ck.error(
            &key.span(),
            format!("`{}` reached its end of life on {eol_text} ({before}): Bedrock no longer serves it", model.key),
            format!("{instead}; or set `allow_retired = true` on the option to price it at its last prices"),
        );
        return None;
    }
    let month = crate::dates::whole_months(h.from(), eol) + 1;
    (month <= i64::from(h.months)).then(|| Lifecycle::Ends {
        model: model.key.clone(),
        end_of_life: eol_text.clone(),
        month: month as u32,
        successor,
    })
}
