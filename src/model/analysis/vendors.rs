//! Vendors compared (docs/model.md#vendors-compared): when a scenario's options bill more than one
//! vendor, each vendor's cheapest eligible option on the same traffic, month by month, and the
//! figures the difference between them rests on. Data only; the renderers write the words.
use crate::catalog::Vendor;
use crate::model::OptionEstimate;
use crate::scenario::{OptionKind, Overflow, PlanOption};
use serde::Serialize;

/// Each vendor's cheapest eligible option, cheapest vendor first (a tie keeps the vendor listed
/// first).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VendorComparison {
    pub vendors: Vec<VendorCheapest>,
}

/// One vendor's cheapest eligible option, priced on the scenario's whole traffic.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VendorCheapest {
    pub vendor: Vendor,
    /// The option's name.
    pub option: String,
    /// Its kind as written: a built-in kind or the capacity product's key.
    pub kind: String,
    /// Its catalog model key.
    pub model: Option<String>,
    /// What one unit of its bought capacity is called, for kinds that buy units.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Units bought each month (0 for kinds that buy none).
    #[serde(skip)]
    pub units: Vec<f64>,
    /// USD each month.
    pub months_usd: Vec<f64>,
    /// USD over the horizon.
    pub total_usd: f64,
    /// USD over the horizon above the cheapest vendor's (0 for the cheapest).
    pub more_than_cheapest_usd: f64,
    /// The figures its cost rests on that are not published facts, or that make it unlike the
    /// others; empty when it rests on published figures only.
    pub rests_on: Vec<RestsOn>,
}

/// What a vendor's cost rests on, beyond published prices.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum RestsOn {
    /// The catalog's throughput per unit is an estimate: the units the traffic needs rest on it.
    AssumedThroughput { unit: String },
    /// Nobody publishes the capacity's price: an estimate. `unit` is `None` for the Reserved
    /// tier, priced per 1,000 tokens a minute.
    AssumedCapacityPrice { unit: Option<String> },
    /// The model's on-demand prices (or its tier's multiplier) are estimates, and the option
    /// bills them.
    AssumedOnDemandPrices { model: String },
    /// Traffic above the bought capacity is billed at the vendor's pay-as-you-go prices: the
    /// largest monthly share of requests, and its month.
    Overflow { share: f64, month: u32 },
    /// It runs another model than the cheapest vendor's: prices are compared, quality is not.
    OtherModel { model: String, cheapest: String },
}

/// The comparison of the standalone options `options` (their estimates `estimates`, in the same
/// order); `None` unless eligible options of at least two vendors are among them. Self-hosted
/// options have no vendor and take no part.
pub fn compare(options: &[&PlanOption], estimates: &[OptionEstimate]) -> Option<VendorComparison> {
    let mut best: Vec<(Vendor, &PlanOption, &OptionEstimate)> = Vec::new();
    for (o, e) in options.iter().zip(estimates).filter(|(_, e)| e.eligible) {
        let Some(v) = e.vendor else { continue };
        match best.iter_mut().find(|(b, _, _)| *b == v) {
            // Strictly cheaper only: a tie keeps the option listed first.
            Some(slot) if e.cost.total_usd < slot.2.cost.total_usd => *slot = (v, o, e),
            Some(_) => {}
            None => best.push((v, o, e)),
        }
    }
    if best.len() < 2 {
        return None;
    }
    // A stable sort: vendors that tie keep their first option's order.
    best.sort_by(|a, b| a.2.cost.total_usd.total_cmp(&b.2.cost.total_usd));
    let cheapest_total = best[0].2.cost.total_usd;
    let cheapest_model = best[0].1.kind.model().map(|m| (m.key.clone(), m.id.clone()));
    let vendors = best
        .into_iter()
        .map(|(vendor, o, e)| {
            let mut rests_on = rests_on(&o.kind, e);
            // One model sold by two vendors has two keys and one id.
            if let (Some(model), Some((key, id))) = (o.kind.model(), &cheapest_model)
                && model.id != *id
            {
                rests_on.push(RestsOn::OtherModel { model: model.key.clone(), cheapest: key.clone() });
            }
            VendorCheapest {
                vendor,
                option: e.name.clone(),
                kind: e.kind_name.clone(),
                model: e.model.clone(),
                unit: e.unit.clone(),
                units: e.cost.months.iter().map(|m| m.units).collect(),
                months_usd: e.cost.months.iter().map(|m| m.cost_usd).collect(),
                total_usd: e.cost.total_usd,
                more_than_cheapest_usd: e.cost.total_usd - cheapest_total,
                rests_on,
            }
        })
        .collect();
    Some(VendorComparison { vendors })
}

/// The assumed figures an option's cost rests on, and the overflow it bills on demand.
fn rests_on(kind: &OptionKind, e: &OptionEstimate) -> Vec<RestsOn> {
    let mut out = Vec::new();
    let overflow = e
        .cost
        .months
        .iter()
        .filter(|m| m.overflow_share > 0.0)
        .max_by(|a, b| a.overflow_share.total_cmp(&b.overflow_share));
    match kind {
        OptionKind::Provisioned { offer: Some(offer), .. } => {
            if offer.throughput_assumed {
                out.push(RestsOn::AssumedThroughput { unit: offer.unit.clone() });
            }
            if offer.price.assumed {
                out.push(RestsOn::AssumedCapacityPrice { unit: Some(offer.unit.clone()) });
            }
        }
        OptionKind::Provisioned { model, offer: None, .. } => {
            if let Some(p) = &model.provisioned {
                if p.throughput_assumed {
                    out.push(RestsOn::AssumedThroughput { unit: "MU".into() });
                }
                if p.provenance.assumed {
                    out.push(RestsOn::AssumedCapacityPrice { unit: Some("MU".into()) });
                }
            }
        }
        OptionKind::Reserved { model, .. } => {
            if model.reserved.as_ref().is_some_and(|r| r.provenance.assumed) {
                out.push(RestsOn::AssumedCapacityPrice { unit: None });
            }
        }
        OptionKind::OnDemand { .. } | OptionKind::SelfHosted(_) => {}
    }
    let bills_on_demand = match kind {
        OptionKind::OnDemand { .. } => true,
        OptionKind::Provisioned { overflow: Overflow::OnDemand, .. } => overflow.is_some(),
        _ => overflow.is_some() && !e.rejects,
    };
    if bills_on_demand && let Some(m) = kind.model().filter(|m| on_demand_assumed(kind, m)) {
        out.push(RestsOn::AssumedOnDemandPrices { model: m.key.clone() });
    }
    if let Some(m) = overflow.filter(|_| !e.rejects && !matches!(kind, OptionKind::OnDemand { .. })) {
        out.push(RestsOn::Overflow { share: m.overflow_share, month: m.month });
    }
    out
}

/// True when the on-demand prices `kind` bills for `model` are estimates: the model's, or the
/// on-demand tier's multiplier.
fn on_demand_assumed(kind: &OptionKind, model: &crate::catalog::Model) -> bool {
    let tier = match kind {
        OptionKind::OnDemand { tier, .. } => model.tiers.get(tier).is_some_and(|t| t.provenance.assumed),
        _ => false,
    };
    model.provenance.assumed || tier
}

#[cfg(test)]
mod tests;
