//! Baseline vs now: which figures and prices moved beyond the tolerance, whose provenance changed,
//! what was added or removed, and whether the guardrails fail the build. Data only: the words
//! are the rendering layer's (`report::baseline`).
use super::provenance::provenance_changes;
pub use super::provenance::{Field, Mark, ProvenanceChange};
use super::subject::{Subject, subjects};
use super::{Baseline, Figures};

/// How strict the check is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    /// Relative change below which nothing is reported (0.001 = 0.1 %).
    pub tolerance: f64,
    /// Fail only when a monthly cost rises by more than this many percent.
    pub fail_above_pct: Option<f64>,
    /// Fail only when a monthly cost rises by more than this many dollars.
    pub fail_above_usd: Option<f64>,
}

/// A scenario whose recommended option or plan changed: what CI most needs to see.
#[derive(Debug, Clone, PartialEq)]
pub struct Flip {
    pub scenario: String,
    /// `None`: nothing served every workload.
    pub baseline: Option<String>,
    pub now: Option<String>,
}

/// One scenario figure that moved.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureChange {
    pub scenario: String,
    /// The token mix, an option, a plan or a plan's member.
    pub subject: Subject,
    /// The figure's key in the file (`month_1_usd`).
    pub figure: String,
    pub baseline: Option<f64>,
    pub now: Option<f64>,
}

/// One catalog price that moved.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceChange {
    pub entry: String,
    pub figure: String,
    pub baseline: Option<f64>,
    pub now: Option<f64>,
}

/// (now − baseline) / |baseline|; `None` when either is missing, ±∞ from zero.
pub fn relative(baseline: Option<f64>, now: Option<f64>) -> Option<f64> {
    let (b, n) = (baseline?, now?);
    if b == n {
        Some(0.0)
    } else if b == 0.0 {
        Some(if n > 0.0 { f64::INFINITY } else { f64::NEG_INFINITY })
    } else {
        Some((n - b) / b.abs())
    }
}

/// Something one side has and the other lacks.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// A whole scenario, by name.
    Scenario(String),
    /// A catalog entry, by key (`instance:g6e.xlarge`).
    Catalog(String),
    /// The token mix, an option, a plan or a member of one scenario.
    Subject { scenario: String, subject: Subject },
}

/// How far a monthly cost rose past a guardrail.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rise {
    /// `--fail-above-pct`: the rise relative to the baseline (0.05 = 5 %) and the limit in percent.
    Percent { relative: f64, limit_pct: f64 },
    /// `--fail-above-usd`: the rise and the limit in dollars.
    Dollars { usd: f64, limit_usd: f64 },
}

/// Why the check fails.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// Without guardrails: this many changes are listed beyond the tolerance.
    Beyond { changes: usize, tolerance: f64 },
    /// Under guardrails: in the baseline but missing from the recomputation (a scenario or one
    /// of its subjects), so a deleted option cannot pass as "no cost rose".
    Missing(Entry),
    /// Under guardrails: a monthly cost (`figure`, `month_N_usd`) rose past a limit.
    Rose { scenario: String, subject: Subject, figure: String, rise: Rise },
}

/// Everything `baseline check` found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Diff {
    /// Scenarios whose recommendation changed; each fails the check, whatever the bounds.
    pub flips: Vec<Flip>,
    pub figures: Vec<FigureChange>,
    pub prices: Vec<PriceChange>,
    pub provenance: Vec<ProvenanceChange>,
    /// Scenarios, subjects and catalog entries only now has.
    pub added: Vec<Entry>,
    /// Those only the baseline has.
    pub removed: Vec<Entry>,
    /// Why the check fails; empty when it passes.
    pub failures: Vec<Failure>,
}

impl Diff {
    pub fn passed(&self) -> bool {
        self.flips.is_empty() && self.failures.is_empty()
    }

    /// How many changes are listed, of every kind.
    pub fn changes(&self) -> usize {
        self.figures.len() + self.prices.len() + self.provenance.len() + self.added.len() + self.removed.len()
    }
}

fn beyond(b: Option<f64>, n: Option<f64>, tolerance: f64) -> bool {
    match relative(b, n) {
        Some(r) => r.abs() > tolerance,
        None => b.is_some() != n.is_some(),
    }
}

fn compare_figures(
    base: &Figures,
    now: &Figures,
    tolerance: f64,
    mut push: impl FnMut(&str, Option<f64>, Option<f64>),
) {
    let names: std::collections::BTreeSet<&String> = base.keys().chain(now.keys()).collect();
    for name in names {
        let (b, n) = (base.get(name).copied(), now.get(name).copied());
        if beyond(b, n, tolerance) {
            push(name, b, n);
        }
    }
}

/// Compares a baseline with a fresh one.
pub fn compare(base: &Baseline, now: &Baseline, bounds: &Bounds) -> Diff {
    let mut d = Diff::default();
    for (name, b) in &base.scenarios {
        let Some(n) = now.scenarios.get(name) else {
            d.removed.push(Entry::Scenario(name.clone()));
            continue;
        };
        if b.recommendation != n.recommendation {
            d.flips.push(Flip {
                scenario: name.clone(),
                baseline: b.recommendation.clone(),
                now: n.recommendation.clone(),
            });
        }
        let (bs, ns) = (subjects(b), subjects(n));
        for (subject, bf) in &bs {
            match ns.iter().find(|(s, _)| s == subject) {
                None => d.removed.push(Entry::Subject { scenario: name.clone(), subject: subject.clone() }),
                Some((_, nf)) => compare_figures(bf, nf, bounds.tolerance, |figure, baseline, now| {
                    d.figures.push(FigureChange {
                        scenario: name.clone(),
                        subject: subject.clone(),
                        figure: figure.to_string(),
                        baseline,
                        now,
                    })
                }),
            }
        }
        for (subject, _) in ns.iter().filter(|(s, _)| !bs.iter().any(|(b, _)| b == s)) {
            d.added.push(Entry::Subject { scenario: name.clone(), subject: subject.clone() });
        }
    }
    for name in now.scenarios.keys().filter(|s| !base.scenarios.contains_key(*s)) {
        d.added.push(Entry::Scenario(name.clone()));
    }
    for (entry, b) in &base.prices {
        match now.prices.get(entry) {
            None => d.removed.push(Entry::Catalog(entry.clone())),
            Some(n) => {
                compare_figures(&b.figures, &n.figures, bounds.tolerance, |f, x, y| {
                    d.prices.push(PriceChange { entry: entry.clone(), figure: f.to_string(), baseline: x, now: y })
                });
                d.provenance.extend(provenance_changes(entry, b, n));
            }
        }
    }
    for entry in now.prices.keys().filter(|e| !base.prices.contains_key(*e)) {
        d.added.push(Entry::Catalog(entry.clone()));
    }
    d.failures = failures(&d, base, now, bounds);
    d
}

/// Every monthly cost of an option, plan or member present in both baselines: (scenario,
/// subject, figure, baseline, now).
fn monthly_costs(base: &Baseline, now: &Baseline) -> Vec<(String, Subject, String, f64, f64)> {
    let mut out = Vec::new();
    for (s, b) in &base.scenarios {
        let Some(n) = now.scenarios.get(s) else { continue };
        let ns = subjects(n);
        for (subject, bf) in subjects(b) {
            let Some((_, nf)) = ns.iter().find(|(x, _)| *x == subject) else { continue };
            for (f, bv) in bf.iter().filter(|(f, _)| f.starts_with("month_") && f.ends_with("_usd")) {
                if let Some(nv) = nf.get(f) {
                    out.push((s.clone(), subject.clone(), f.clone(), *bv, *nv));
                }
            }
        }
    }
    out
}

/// Scenarios, options, plans and members of the baseline that the recomputation lacks: under
/// guardrails a deleted option must not pass as "no cost rose".
fn missing(base: &Baseline, now: &Baseline) -> Vec<Failure> {
    let mut out = Vec::new();
    for (name, b) in &base.scenarios {
        let Some(n) = now.scenarios.get(name) else {
            out.push(Failure::Missing(Entry::Scenario(name.clone())));
            continue;
        };
        let ns = subjects(n);
        for (subject, _) in subjects(b).into_iter().filter(|(s, _)| !ns.iter().any(|(x, _)| x == s)) {
            out.push(Failure::Missing(Entry::Subject { scenario: name.clone(), subject }));
        }
    }
    out
}

fn failures(d: &Diff, base: &Baseline, now: &Baseline, bounds: &Bounds) -> Vec<Failure> {
    if bounds.fail_above_pct.is_none() && bounds.fail_above_usd.is_none() {
        let changes = d.changes();
        return if changes == 0 { Vec::new() } else { vec![Failure::Beyond { changes, tolerance: bounds.tolerance }] };
    }
    // Guardrails: what is gone, and increases of a monthly cost however small the tolerance hides;
    // price and provenance changes alone are not cost increases.
    let mut out = missing(base, now);
    for (scenario, subject, figure, b, n) in monthly_costs(base, now) {
        let rise = n - b;
        let relative = relative(Some(b), Some(n)).unwrap_or(0.0);
        let mut rose = |rise| {
            out.push(Failure::Rose {
                scenario: scenario.clone(),
                subject: subject.clone(),
                figure: figure.clone(),
                rise,
            })
        };
        if let Some(limit_pct) = bounds.fail_above_pct.filter(|p| rise > 0.0 && relative * 100.0 > *p) {
            rose(Rise::Percent { relative, limit_pct });
        }
        if let Some(limit_usd) = bounds.fail_above_usd.filter(|u| rise > *u) {
            rose(Rise::Dollars { usd: rise, limit_usd });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_cost(usd: f64) -> Baseline {
        let options = [("on-demand m".to_string(), Figures::from([("month_1_usd".to_string(), usd)]))].into();
        let scenario = super::super::ScenarioFigures {
            path: "s.toml".into(),
            start: None,
            recommendation: Some("on-demand m".into()),
            tokens: Figures::new(),
            options,
            plans: Default::default(),
        };
        Baseline {
            schema: super::super::SCHEMA.into(),
            scenarios: [("s".to_string(), scenario)].into(),
            prices: Default::default(),
        }
    }

    #[test]
    fn guardrails_see_rises_the_tolerance_hides() {
        // $1,000 → $1,000.50 is +0.05 %: below the 0.1 % tolerance, so not listed, and a plain
        // check passes; but it is a $0.50 rise, so a $0.10 guardrail fails.
        let (base, now) = (one_cost(1000.0), one_cost(1000.5));
        let plain = Bounds { tolerance: 0.001, fail_above_pct: None, fail_above_usd: None };
        assert!(compare(&base, &now, &plain).passed());
        let guard = Bounds { fail_above_usd: Some(0.1), ..plain };
        let d = compare(&base, &now, &guard);
        assert!(d.figures.is_empty());
        // 1,000.5 − 1,000 = 0.5, exact in binary.
        let rise = Rise::Dollars { usd: 0.5, limit_usd: 0.1 };
        let subject = Subject::Option("on-demand m".into());
        assert_eq!(d.failures, [Failure::Rose { scenario: "s".into(), subject, figure: "month_1_usd".into(), rise }]);
        // A fall never trips a guardrail.
        assert!(compare(&now, &base, &guard).passed());
    }

    fn with_option(mut b: Baseline, option: &str, usd: f64) -> Baseline {
        let s = b.scenarios.get_mut("s").unwrap();
        s.options.insert(option.into(), Figures::from([("month_1_usd".to_string(), usd)]));
        b
    }

    #[test]
    fn what_is_gone_fails_under_guardrails() {
        let plain = Bounds { tolerance: 0.001, fail_above_pct: None, fail_above_usd: None };
        let guard = Bounds { fail_above_pct: Some(5.0), ..plain };
        // The baseline has a PT option the recomputation lacks; nothing else moved.
        let (base, now) = (with_option(one_cost(1000.0), "PT m", 500.0), one_cost(1000.0));
        let d = compare(&base, &now, &guard);
        let pt = Entry::Subject { scenario: "s".into(), subject: Subject::Option("PT m".into()) };
        assert_eq!(d.removed, std::slice::from_ref(&pt));
        assert_eq!(d.failures, [Failure::Missing(pt)]);
        assert_eq!(compare(&base, &now, &plain).failures, [Failure::Beyond { changes: 1, tolerance: 0.001 }]);
        // A whole scenario gone.
        let mut empty = now.clone();
        empty.scenarios.clear();
        let d = compare(&base, &empty, &guard);
        assert_eq!(d.failures, [Failure::Missing(Entry::Scenario("s".into()))]);
        // A new option is not a failure under guardrails.
        assert!(compare(&now, &base, &guard).passed());
    }

    #[test]
    fn provenance_changes_are_listed_and_fail_only_without_guardrails() {
        let entry = |retrieved: &str, assumed: bool| super::super::PriceEntry {
            figures: Figures::from([("input".to_string(), 3.0)]),
            source: "https://example.com/prices".into(),
            retrieved: retrieved.into(),
            assumed,
        };
        let mut base = one_cost(1000.0);
        base.prices.insert("m".into(), entry("2025-07-01", false));
        let mut now = base.clone();
        now.prices.insert("m".into(), entry("2025-11-20", true));
        let plain = Bounds { tolerance: 0.001, fail_above_pct: None, fail_above_usd: None };
        let d = compare(&base, &now, &plain);
        assert!(d.prices.is_empty());
        let change = |field, baseline, now| ProvenanceChange { entry: "m".into(), field, baseline, now };
        let date = |d: &str| Mark::Text(d.into());
        assert_eq!(
            d.provenance,
            [
                change(Field::Retrieved, date("2025-07-01"), date("2025-11-20")),
                change(Field::Assumed, Mark::Flag(false), Mark::Flag(true))
            ]
        );
        assert_eq!(d.failures, [Failure::Beyond { changes: 2, tolerance: 0.001 }]);
        // Not a cost increase: guardrails list it and pass.
        let d = compare(&base, &now, &Bounds { fail_above_usd: Some(0.0), ..plain });
        assert_eq!((d.provenance.len(), d.passed()), (2, true));
    }

    #[test]
    fn relative_changes() {
        assert_eq!(relative(Some(100.0), Some(104.0)), Some(0.04));
        assert_eq!(relative(Some(0.0), Some(1.0)), Some(f64::INFINITY));
        assert_eq!(relative(Some(2.0), None), None);
        assert!(!beyond(Some(100.0), Some(100.05), 0.001)); // 0.05 % < 0.1 %
        assert!(beyond(Some(100.0), Some(100.2), 0.001)); // 0.2 % > 0.1 %
        assert!(beyond(None, Some(1.0), 0.001));
    }
}
