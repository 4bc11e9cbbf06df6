//! Finds every distribution in a TOML file before the typed parse: its key path, byte span and
//! parameters, each checked against the field it stands for, with located messages.
use super::Uncertain;
use super::dist::{Distribution, KINDS};
use super::fields::Rule;
use crate::input::Checker;
use crate::source::SourceFile;
use crate::suggest::did_you_mean;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// More of a normal or lognormal's mass than this outside its field's range is refused: draws
/// there are redrawn, which would move the simulated mean away from the one `estimate` uses.
pub const MAX_OUTSIDE: f64 = 0.05;

/// Every distribution of `file`, checked with `rules`; a file that is not TOML has none (the
/// typed parse reports it).
pub fn extract(
    file: &SourceFile,
    rules: fn(&[&str]) -> Option<Rule>,
) -> Result<Vec<Uncertain>, Vec<crate::error::Diagnostic>> {
    let Ok(root) = DeTable::parse(&file.text) else { return Ok(Vec::new()) };
    let mut walk = Walk { ck: Checker::new(file), rules, found: Vec::new() };
    walk.table(root.get_ref(), &mut Vec::new(), "", None);
    let found = std::mem::take(&mut walk.found);
    walk.ck.finish(found)
}

struct Walk<'a> {
    ck: Checker<'a>,
    rules: fn(&[&str]) -> Option<Rule>,
    found: Vec<Uncertain>,
}

/// The name of an array entry as paths show it: its `key` (catalog entries), else its `name`.
fn entry_name(t: &DeTable) -> Option<String> {
    ["key", "name"].iter().find_map(|k| t.get(*k).and_then(|v| v.get_ref().as_str()).map(str::to_string))
}

/// A number written in TOML (integer in any radix, or float), as f64.
fn number(v: &DeValue) -> Option<f64> {
    match v {
        DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok().map(|x| x as f64),
        DeValue::Float(f) => f.as_str().replace('_', "").parse().ok(),
        _ => None,
    }
}

impl Walk<'_> {
    fn table<'i>(&mut self, t: &DeTable<'i>, keys: &mut Vec<String>, path: &str, entry: Option<&str>) {
        for (k, v) in t {
            let key = k.get_ref().to_string();
            let sub = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
            keys.push(key);
            self.value(v, keys, &sub, entry);
            keys.pop();
        }
    }

    fn value<'i>(&mut self, v: &Spanned<DeValue<'i>>, keys: &mut Vec<String>, path: &str, entry: Option<&str>) {
        match v.get_ref() {
            DeValue::Table(t) => {
                let segs: Vec<&str> = keys.iter().map(String::as_str).collect();
                let rule = (self.rules)(&segs);
                let kind = t.keys().map(|k| k.get_ref().as_ref()).find(|k| KINDS.iter().any(|(n, _)| n == k));
                match (rule, kind) {
                    (Some(Rule::Number { min, max, whole }), _) if kind.is_some() || looks_like(t) => {
                        let field = Field { min, max, whole, key: keys.last().cloned().unwrap_or_default() };
                        if let Some(u) = self.distribution(t, &v.span(), &field, path, entry, keys) {
                            self.found.push(u);
                        }
                    }
                    (Some(Rule::Refused(help)), Some(_)) => {
                        let key = keys.last().cloned().unwrap_or_default();
                        self.ck.error(&v.span(), format!("`{key}` cannot be a distribution"), help);
                    }
                    (None, Some(_)) => {
                        let key = keys.last().cloned().unwrap_or_default();
                        self.ck.error(
                            &v.span(),
                            format!("`{key}` cannot be a distribution: it is not a number infercast samples"),
                            "write a plain value here (docs/model.md#uncertain-inputs lists the fields that may be uncertain)",
                        );
                    }
                    _ => self.table(t, keys, path, entry),
                }
            }
            DeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let name = item.get_ref().as_table().and_then(entry_name).unwrap_or_else(|| (i + 1).to_string());
                    let sub = format!("{path}[{name}]");
                    let top = if keys.len() == 1 { Some(name.as_str()) } else { entry };
                    self.value(item, keys, &sub, top);
                }
            }
            _ => {}
        }
    }
}

/// A table standing where a number goes that is shaped like a distribution of an unknown kind:
/// one key (besides `round`) holding a table.
fn looks_like(t: &DeTable) -> bool {
    let kinds: Vec<_> = t.iter().filter(|(k, _)| k.get_ref() != "round").collect();
    matches!(kinds.as_slice(), [(_, v)] if v.get_ref().is_table())
}

/// The field a distribution stands for.
struct Field {
    min: f64,
    max: f64,
    whole: bool,
    key: String,
}

impl Walk<'_> {
    fn distribution(
        &mut self,
        t: &DeTable,
        span: &Range<usize>,
        f: &Field,
        path: &str,
        entry: Option<&str>,
        keys: &[String],
    ) -> Option<Uncertain> {
        let round = self.round(t, f)?;
        let mut kinds = t.iter().filter(|(k, _)| k.get_ref() != "round");
        let (kind, params) = kinds.next()?;
        if let Some((second, _)) = kinds.next() {
            // A table is unordered: keeping either kind would be a silent guess.
            self.ck.error(
                &second.span(),
                format!("`{}` is given two distributions, `{}` and `{}`", f.key, kind.get_ref(), second.get_ref()),
                "keep one kind, e.g. { normal = { mean = 1e6, sd = 1e5 } }",
            );
            return None;
        }
        let kind_name = kind.get_ref().as_ref();
        let Some((_, names)) = KINDS.iter().find(|(n, _)| *n == kind_name) else {
            let help = did_you_mean(kind_name, KINDS.iter().map(|(n, _)| *n), "distributions");
            self.ck.error(&kind.span(), format!("unknown distribution `{kind_name}` for `{}`", f.key), help);
            return None;
        };
        let values = self.params(kind_name, names, params)?;
        let dist = match Distribution::new(kind_name, &values) {
            Ok(d) => d,
            Err((message, help)) => {
                self.ck.error(&params.span(), format!("{kind_name} distribution for `{}`: {message}", f.key), help);
                return None;
            }
        };
        let mean = super::significant(if round { dist.mean().round() } else { dist.mean() });
        self.in_range(&dist, mean, span, f)?;
        if !self.fits(span) {
            return None;
        }
        Some(Uncertain {
            path: path.to_string(),
            keys: keys.to_vec(),
            entry: entry.map(str::to_string),
            dist,
            round,
            min: f.min,
            max: f.max,
            span: span.clone(),
            mean,
        })
    }

    /// `round = true` beside the kind; required on whole-number fields.
    fn round(&mut self, t: &DeTable, f: &Field) -> Option<bool> {
        let round = match t.get("round") {
            None => false,
            Some(v) => match v.get_ref().as_bool() {
                Some(b) => b,
                None => {
                    self.ck.error(&v.span(), "`round` must be true or false", "write round = true");
                    return None;
                }
            },
        };
        if f.whole && !round {
            let key = &f.key;
            let (span, _) = t.iter().next().map(|(k, v)| (k.span(), v)).unwrap();
            self.ck.error(
                &span,
                format!("`{key}` is a whole number: a distribution for it needs `round = true`"),
                "add `round = true` beside the distribution, e.g. { uniform = { min = 2, max = 6 }, round = true }: \
                 each draw is rounded to the nearest whole number",
            );
            return None;
        }
        Some(round)
    }

    /// The parameters of `kind`, in [`KINDS`] order: every one given, numbers, none unknown.
    fn params(&mut self, kind: &str, names: &[&str], params: &Spanned<DeValue>) -> Option<Vec<f64>> {
        let write = format!(
            "write {{ {kind} = {{ {} }} }}",
            names.iter().map(|n| format!("{n} = …")).collect::<Vec<_>>().join(", ")
        );
        let Some(t) = params.get_ref().as_table() else {
            self.ck.error(&params.span(), format!("a {kind} distribution is a table of its parameters"), write);
            return None;
        };
        let before = self.ck.diags.len();
        for (k, v) in t {
            if !names.contains(&k.get_ref().as_ref()) {
                let help = did_you_mean(k.get_ref(), names.iter().copied(), &format!("a {kind} distribution takes"));
                self.ck.error(&k.span(), format!("unknown parameter `{}` of a {kind} distribution", k.get_ref()), help);
            } else if number(v.get_ref()).is_none_or(|x| !x.is_finite()) {
                self.ck.error(&v.span(), format!("`{}` must be a finite number", k.get_ref()), write.clone());
            }
        }
        let missing: Vec<&str> = names.iter().copied().filter(|n| t.get(*n).is_none()).collect();
        if !missing.is_empty() {
            let list = missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(" and ");
            self.ck.error(&params.span(), format!("this {kind} distribution has no {list}"), write);
        }
        if self.ck.diags.len() > before {
            return None;
        }
        Some(names.iter().filter_map(|n| t.get(*n).and_then(|v| number(v.get_ref()))).collect())
    }

    /// The mean, and every draw the distribution can make, within the field's range.
    fn in_range(&mut self, d: &Distribution, mean: f64, span: &Range<usize>, f: &Field) -> Option<()> {
        let (lo, hi, key) = (f.min, f.max, &f.key);
        let range = format!("from {} to {}", crate::limits::short(lo), crate::limits::short(hi));
        let (a, b) = d.support();
        let bounded = a.is_finite() && b.is_finite();
        let problem = if !(lo..=hi).contains(&mean) {
            Some(format!("the mean of this distribution, {}, lies outside `{key}`'s range {range}", short(mean)))
        } else if bounded && (a < lo || b > hi) {
            let past = if a < lo { a } else { b };
            Some(format!("this distribution reaches {}, outside `{key}`'s range {range}", short(past)))
        } else if !bounded && d.mass_outside(lo, hi) > MAX_OUTSIDE {
            Some(format!(
                "{:.0}% of this distribution lies outside `{key}`'s range {range} (at most 5% may)",
                d.mass_outside(lo, hi) * 100.0
            ))
        } else {
            None
        };
        match problem {
            None => Some(()),
            Some(message) => {
                self.ck.error(
                    span,
                    message,
                    "narrow the distribution, or use a triangular or uniform one within the range \
                     (docs/model.md#limits-of-the-inputs)",
                );
                None
            }
        }
    }

    /// A number must fit on the distribution's first line: it replaces the distribution there.
    fn fits(&mut self, span: &Range<usize>) -> bool {
        let text = &self.ck.file.text[span.clone()];
        if text.find('\n').is_some_and(|i| i < super::NUMBER_WIDTH) {
            self.ck.error(
                span,
                "write a distribution on one line",
                "put the whole inline table on the line of its key",
            );
            return false;
        }
        true
    }
}

fn short(x: f64) -> String {
    crate::limits::short(x)
}
