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
    /// Its end of life falls in month `month` (1-based, counted from today) of the horizon.
    Ends { model: String, end_of_life: String, month: u32, successor: Option<String> },
}

/// The day and horizon a scenario's models are judged on.
#[derive(Debug, Clone, Copy)]
pub struct Horizon {
    /// Days since 1970-01-01.
    pub today: i64,
    pub months: u32,
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
    if eol <= h.today {
        if allow_retired.is_some_and(|a| *a.get_ref()) {
            return Some(Lifecycle::Retired { model: model.key.clone(), end_of_life: eol_text.clone(), successor });
        }
        let instead = match &successor {
            Some(s) => format!("move to `{s}`, the successor named for it"),
            None => "no successor is named for it: pick a current model from `infercast models`".to_string(),
        };
        ck.error(
            &key.span(),
            format!(
                "`{}` reached its end of life on {eol_text} (before {}): Bedrock no longer serves it",
                model.key,
                crate::dates::format(h.today)
            ),
            format!("{instead}; or set `allow_retired = true` on the option to price it at its last prices"),
        );
        return None;
    }
    let month = crate::dates::whole_months(h.today, eol) + 1;
    (month <= i64::from(h.months)).then(|| Lifecycle::Ends {
        model: model.key.clone(),
        end_of_life: eol_text.clone(),
        month: month as u32,
        successor,
    })
}
