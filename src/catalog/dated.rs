//! Every dated figure of the catalog, for age checks and assumption lists.
use super::{Catalog, Provenance};
use crate::keyword::Keyword;

/// Which offer of a catalog entry a dated figure belongs to: what a scenario must use for the
/// figure to matter to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offer {
    /// On-demand prices, tiers, quotas and regional prices of a model.
    OnDemand,
    Provisioned,
    Reserved,
    Instance,
    Deployment,
    /// An embedding, rerank or vector-store service.
    Service,
}

/// One dated figure (or group of figures) of the catalog, for age checks and assumption lists.
#[derive(Debug, Clone, PartialEq)]
pub struct DatedFigure {
    /// What it is: "`claude-3-sonnet` on-demand prices", "instance `p5.48xlarge` prices", ….
    pub what: String,
    /// The model, instance or deployment key it belongs to, and which of its offers.
    pub subject: (String, Offer),
    /// Catalog file.
    pub file: String,
    pub provenance: Provenance,
}

impl Catalog {
    /// Every dated figure of the catalog, in file order.
    pub fn dated_figures(&self) -> Vec<DatedFigure> {
        let mut out = Vec::new();
        let mut push = |what: String, subject: (&str, Offer), file: &str, p: &Provenance| {
            out.push(DatedFigure {
                what,
                subject: (subject.0.to_string(), subject.1),
                file: file.to_string(),
                provenance: p.clone(),
            })
        };
        for m in &self.models {
            let od = (m.key.as_str(), Offer::OnDemand);
            push(format!("`{}` on-demand prices", m.key), od, &m.file, &m.provenance);
            for r in m.region_prices.iter().filter(|r| r.provenance != m.provenance) {
                push(format!("`{}` prices in {}", m.key, r.region), od, &m.file, &r.provenance);
            }
            for (t, tp) in &m.tiers {
                if tp.provenance != m.provenance {
                    push(format!("`{}` {} tier", m.key, t.as_str()), od, &m.file, &tp.provenance);
                }
            }
            if let Some(q) = &m.quota.provenance {
                push(format!("`{}` quotas", m.key), od, &m.file, q);
            }
            if let Some(pt) = &m.provisioned {
                let subject = (m.key.as_str(), Offer::Provisioned);
                push(format!("`{}` Provisioned Throughput prices", m.key), subject, &m.file, &pt.provenance);
                let throughput = Provenance { assumed: pt.throughput_assumed, ..pt.provenance.clone() };
                push(format!("`{}` MU throughput", m.key), subject, &m.file, &throughput);
            }
            if let Some(r) = &m.reserved {
                let subject = (m.key.as_str(), Offer::Reserved);
                push(format!("`{}` Reserved-tier prices", m.key), subject, &m.file, &r.provenance);
            }
        }
        for i in &self.instances {
            push(format!("instance `{}` prices", i.key), (&i.key, Offer::Instance), &i.file, &i.provenance);
        }
        for d in &self.deployments {
            push(format!("deployment `{}` throughput", d.key), (&d.key, Offer::Deployment), &d.file, &d.provenance);
        }
        for s in &self.services {
            push(format!("service `{}` prices", s.key), (&s.key, Offer::Service), &s.file, &s.provenance);
        }
        out
    }
}
