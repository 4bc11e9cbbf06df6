//! A model's call limits as the catalog gives them: checked together, since a call's input and
//! output share the window (docs/model.md#limits-of-the-inputs).
use super::CallLimits;
use super::raw;
use crate::input::Checker;

/// The context window and output limit: both required, at least one output token, and a window
/// at least the output limit (a call's input and output share the window; some models may spend
/// the whole window on output).
pub(super) fn read(ck: &mut Checker, m: &raw::Model) -> Option<CallLimits> {
    let (window, output) = match (&m.context_window_tokens, &m.max_output_tokens) {
        (Some(w), Some(o)) => (w, o),
        (None, None) => {
            ck.error(
                &m.key.span(),
                format!("model `{}` has no `context_window_tokens` and `max_output_tokens`", m.key.get_ref()),
                "add both from the model card (and `limits_source`), so a call that cannot fit is refused",
            );
            return None;
        }
        (Some(given), None) | (None, Some(given)) => {
            ck.error(
                &given.span(),
                format!("model `{}` gives one of `context_window_tokens` and `max_output_tokens`", m.key.get_ref()),
                "give both, from the model card",
            );
            return None;
        }
    };
    if *output.get_ref() == 0 || output.get_ref() > window.get_ref() {
        ck.error(
            &output.span(),
            format!(
                "`max_output_tokens` must be from 1 to the context window ({}), found {}",
                window.get_ref(),
                output.get_ref()
            ),
            "a call's input and output share the window: check both figures on the model card",
        );
        return None;
    }
    Some(CallLimits {
        context_window_tokens: *window.get_ref(),
        max_output_tokens: *output.get_ref(),
        source: m.limits_source.as_ref().map(|s| s.get_ref().clone()),
    })
}
