//! What a baseline figure belongs to: the scenario's token mix, an option, a plan, or one member
//! of a plan (its workloads and the option they go to), so a change names it for a reviewer.
use super::{Figures, ScenarioFigures};

/// The owner of a set of figures within one scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// Token figures per request of the mix.
    Tokens,
    Option(String),
    Plan(String),
    /// A member of `plan`: its workloads (joined with " + ") and the option they go to.
    Member {
        plan: String,
        workloads: String,
        option: String,
    },
}

/// Every subject of a scenario with its figures: the token mix, the options, then each plan
/// followed by its members.
pub fn subjects(s: &ScenarioFigures) -> Vec<(Subject, &Figures)> {
    let mut out = vec![(Subject::Tokens, &s.tokens)];
    out.extend(s.options.iter().map(|(name, f)| (Subject::Option(name.clone()), f)));
    for (plan, p) in &s.plans {
        out.push((Subject::Plan(plan.clone()), &p.figures));
        out.extend(p.members.iter().map(|(workloads, m)| {
            let subject =
                Subject::Member { plan: plan.clone(), workloads: workloads.clone(), option: m.option.clone() };
            (subject, &m.figures)
        }));
    }
    out
}
