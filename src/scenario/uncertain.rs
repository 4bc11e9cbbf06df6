//! The catalog's distributions applied to a scenario: which fields of its options a catalog
//! figure sets, so `simulate` can put one draw of it in every option that uses it.
use super::{OptionKind, Scenario};
use crate::catalog::Term;
use crate::keyword::Keyword;
use crate::uncertain::Uncertain;

impl Scenario {
    /// True when some option of the scenario prices with the catalog figure `u`.
    pub fn uses(&self, u: &Uncertain) -> bool {
        let keys: Vec<&str> = u.keys.iter().map(String::as_str).collect();
        let entry = u.entry.as_deref().unwrap_or("");
        self.options.iter().any(|o| match (&o.kind, keys.as_slice()) {
            (OptionKind::Provisioned { model, term, .. }, ["model", "provisioned", figure @ ..]) => {
                model.key == entry && (figure.len() == 1 || figure[1] == term.as_str())
            }
            (OptionKind::Reserved { model, term, .. }, ["model", "reserved", _, t]) => {
                model.key == entry && *t == term.as_str()
            }
            (OptionKind::SelfHosted(sh), ["instance", "usd_per_hour", price]) => {
                sh.instance.key == entry && *price == sh.price
            }
            (OptionKind::SelfHosted(sh), ["deployment", _]) => sh.deployment.key == entry,
            _ => false,
        })
    }

    /// Sets the catalog figure `u` to `x` in every option that uses it.
    pub fn set_catalog(&mut self, u: &Uncertain, x: f64) {
        for o in &mut self.options {
            for t in targets(&mut o.kind, u) {
                *t = x;
            }
        }
    }
}

/// The fields of `kind` that hold the catalog figure `u` (its offer's copy and the priced term's).
fn targets<'k>(kind: &'k mut OptionKind, u: &Uncertain) -> Vec<&'k mut f64> {
    let keys: Vec<&str> = u.keys.iter().map(String::as_str).collect();
    let entry = u.entry.as_deref().unwrap_or("");
    let mut out: Vec<&mut f64> = Vec::new();
    match kind {
        OptionKind::Provisioned { model, term, usd_per_mu_hour, .. } => {
            let Some(offer) = model.provisioned.as_mut().filter(|_| model.key == entry) else { return out };
            match keys.as_slice() {
                ["model", "provisioned", "usd_per_mu_hour", t] => {
                    let t = Term::parse(t);
                    if t == Some(*term) {
                        out.push(usd_per_mu_hour);
                    }
                    out.extend(t.and_then(|t| offer.usd_per_mu_hour.get_mut(&t)));
                }
                ["model", "provisioned", "input_tpm_per_mu"] => out.push(&mut offer.input_tpm_per_mu),
                ["model", "provisioned", "output_tpm_per_mu"] => out.push(&mut offer.output_tpm_per_mu),
                _ => {}
            }
        }
        OptionKind::Reserved { model, term, usd_per_1k_input_tpm_month, usd_per_1k_output_tpm_month, .. } => {
            let Some(offer) = model.reserved.as_mut().filter(|_| model.key == entry) else { return out };
            let (priced, table, t) = match keys.as_slice() {
                ["model", "reserved", "usd_per_1k_input_tpm_month", t] => {
                    (usd_per_1k_input_tpm_month, &mut offer.usd_per_1k_input_tpm_month, *t)
                }
                ["model", "reserved", "usd_per_1k_output_tpm_month", t] => {
                    (usd_per_1k_output_tpm_month, &mut offer.usd_per_1k_output_tpm_month, *t)
                }
                _ => return out,
            };
            let t = Term::parse(t);
            if t == Some(*term) {
                out.push(priced);
            }
            out.extend(t.and_then(|t| table.get_mut(&t)));
        }
        OptionKind::SelfHosted(sh) => {
            let super::SelfHosted { instance, usd_per_hour, price: priced, .. } = sh;
            match keys.as_slice() {
                ["instance", "usd_per_hour", price] if instance.key == entry => {
                    if price == priced {
                        out.push(usd_per_hour);
                    }
                    out.extend(instance.usd_per_hour.get_mut(*price));
                }
                _ => {}
            }
        }
        OptionKind::OnDemand { .. } => {}
    }
    out
}
