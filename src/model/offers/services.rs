//! Services (docs/model.md#services): what a scenario pays besides its generation calls —
//! query embeddings and reranking per request, vector stores and corpus ingestion per month.
//! Every option and plan carries the same services: they do not depend on who generates.
use crate::catalog::ServicePrice;
use crate::model::MonthCost;
use crate::model::traffic::week::SLOTS;
use crate::scenario::Scenario;
use serde::Serialize;

/// What kind of line item a service is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    /// The user's message embedded once per request.
    QueryEmbedding,
    /// One rerank query per request.
    Rerank,
    /// A `[[fixed]]` vector store, billed by the unit-hour.
    Fixed,
    /// The corpus embedded `refreshes_per_month` times a month.
    Ingestion,
}

/// One line item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    /// "query embedding (titan-embed-text-v2)", "rerank (…)", the `[[fixed]]` name, "ingestion (…)".
    pub name: String,
    pub kind: ItemKind,
    /// The catalog service key.
    pub service: String,
    /// USD per average request of the scenario (per-request items; 0 otherwise).
    pub usd_per_request: f64,
    /// USD every month whatever the traffic (fixed items and ingestion; 0 otherwise).
    pub usd_per_month: f64,
    /// USD added to month 1 only (`initial = true` ingestion).
    pub first_month_usd: f64,
    /// True when a `[[fixed]]` item asks for fewer units than the service bills at least.
    pub billed_at_minimum: bool,
    /// The arithmetic, as data; the renderers write it in words (the JSON `basis`).
    pub basis: Basis,
}

/// How an item is priced: the figures its arithmetic multiplies.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// Query tokens an average request embeds (share-weighted), at the service's price.
    QueryEmbedding {
        tokens_per_request: f64,
        #[serde(skip)]
        price: ServicePrice,
    },
    /// Rerank queries an average request makes (share-weighted), at the service's price.
    Rerank {
        queries_per_request: f64,
        #[serde(skip)]
        price: ServicePrice,
    },
    /// `units` billed for `hours` hours; `asked` when fewer were asked than the minimum billed.
    Fixed { units: f64, unit: String, usd_per_unit_hour: f64, hours: f64, asked: Option<f64> },
    /// The corpus embedded `refreshes_per_month` times a month, plus once in month 1 if `initial`.
    Ingestion { corpus_tokens: f64, refreshes_per_month: f64, usd_per_mtok: f64, initial: bool },
}

impl Item {
    /// USD in month `month` (1-based) with `requests` requests.
    pub fn usd(&self, month: u32, requests: f64) -> f64 {
        self.usd_per_request * requests + self.usd_per_month + if month == 1 { self.first_month_usd } else { 0.0 }
    }
}

/// One item's month-1 and horizon cost, as each option and plan lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemCost {
    pub name: String,
    pub month_1_usd: f64,
    pub total_usd: f64,
}

/// Every service line item of a scenario.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Services {
    pub items: Vec<Item>,
}

impl Services {
    pub fn new(s: &Scenario) -> Self {
        let mut items = per_request(s);
        items.extend(s.fixed.iter().map(|f| fixed(f, s.hours_per_month)));
        items.extend(s.ingestion.as_ref().map(ingestion));
        Self { items }
    }

    /// USD of every item in month `month` with `requests` requests.
    pub fn month_usd(&self, month: u32, requests: f64) -> f64 {
        self.items.iter().map(|i| i.usd(month, requests)).sum()
    }

    /// Each item's month-1 and horizon cost, given each month's requests.
    pub fn costs(&self, requests: &[f64]) -> Vec<ItemCost> {
        let month = |i: &Item, m: usize| i.usd(m as u32 + 1, requests[m]);
        self.items
            .iter()
            .map(|i| ItemCost {
                name: i.name.clone(),
                month_1_usd: month(i, 0),
                total_usd: (0..requests.len()).map(|m| month(i, m)).sum(),
            })
            .collect()
    }

    /// Adds the services to one month of an option or plan, and to the USD accrued in each hour
    /// slot of it: per-request items follow the slot's traffic (`per_min`: mean requests a
    /// minute), the rest is spread evenly over the month's hours.
    pub fn add(&self, m: &mut MonthCost, per_min: &[f64], slots: &mut [f64], hours_per_month: f64) {
        let usd = self.month_usd(m.month, m.requests);
        let per_request: f64 = self.items.iter().map(|i| i.usd_per_request).sum();
        let variable: f64 =
            per_min.iter().map(|r| r * 60.0 * per_request).sum::<f64>() * hours_per_month / SLOTS as f64;
        for (slot, r) in slots.iter_mut().zip(per_min) {
            *slot += r * 60.0 * per_request + (usd - variable) / hours_per_month;
        }
        m.cost_usd += usd;
        m.services_usd = usd;
    }
}

/// Query embeddings and reranking: one item per service, summed over the workloads that use it.
fn per_request(s: &Scenario) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    // Quantity a request of each item, summed apart from the price: dividing the cost back by
    // the unit price would be 0/0 for a free service (a price of 0 is legal).
    let mut quantities: Vec<f64> = Vec::new();
    for w in &s.workloads {
        let Some(r) = &w.retrieval else { continue };
        let uses = r.query_embedding.iter().map(|e| (ItemKind::QueryEmbedding, e, w.input_tokens));
        for (kind, service, quantity) in uses.chain(r.rerank.iter().map(|e| (ItemKind::Rerank, e, 1.0))) {
            let (label, unit_usd) = match &service.price {
                ServicePrice::Embedding { usd_per_mtok } => ("query embedding", usd_per_mtok / 1e6),
                ServicePrice::Rerank { usd_per_1k_queries } => ("rerank", usd_per_1k_queries / 1e3),
                ServicePrice::VectorStore { .. } => unreachable!("validation keeps vector stores out of retrieval"),
            };
            let name = format!("{label} ({})", service.key);
            let i = out.iter().position(|i| i.name == name).unwrap_or_else(|| {
                out.push(Item {
                    name,
                    kind,
                    service: service.key.clone(),
                    usd_per_request: 0.0,
                    usd_per_month: 0.0,
                    first_month_usd: 0.0,
                    billed_at_minimum: false,
                    basis: Basis::Rerank { queries_per_request: 0.0, price: service.price.clone() },
                });
                quantities.push(0.0);
                out.len() - 1
            });
            out[i].usd_per_request += w.share * quantity * unit_usd;
            // Per request of the mix: quantity × share of the workloads that use it.
            quantities[i] += w.share * quantity;
            let per = quantities[i];
            out[i].basis = match kind {
                ItemKind::QueryEmbedding => {
                    Basis::QueryEmbedding { tokens_per_request: per, price: service.price.clone() }
                }
                _ => Basis::Rerank { queries_per_request: per, price: service.price.clone() },
            };
        }
    }
    out
}

fn fixed(f: &crate::scenario::FixedItem, hours: f64) -> Item {
    let ServicePrice::VectorStore { usd_per_unit_hour, min_units, unit } = &f.service.price else {
        unreachable!("validation keeps [[fixed]] to vector stores")
    };
    let billed = f.units.max(*min_units);
    let below = f.units < *min_units;
    Item {
        name: f.name.clone(),
        kind: ItemKind::Fixed,
        service: f.service.key.clone(),
        usd_per_request: 0.0,
        usd_per_month: billed * usd_per_unit_hour * hours,
        first_month_usd: 0.0,
        billed_at_minimum: below,
        basis: Basis::Fixed {
            units: billed,
            unit: unit.clone(),
            usd_per_unit_hour: *usd_per_unit_hour,
            hours,
            asked: below.then_some(f.units),
        },
    }
}

fn ingestion(i: &crate::scenario::Ingestion) -> Item {
    let ServicePrice::Embedding { usd_per_mtok } = i.embedding.price else {
        unreachable!("validation keeps [ingestion] to embedding services")
    };
    let once = i.corpus_tokens * usd_per_mtok / 1e6;
    Item {
        name: format!("ingestion ({})", i.embedding.key),
        kind: ItemKind::Ingestion,
        service: i.embedding.key.clone(),
        usd_per_request: 0.0,
        usd_per_month: once * i.refreshes_per_month,
        first_month_usd: if i.initial { once } else { 0.0 },
        billed_at_minimum: false,
        basis: Basis::Ingestion {
            corpus_tokens: i.corpus_tokens,
            refreshes_per_month: i.refreshes_per_month,
            usd_per_mtok,
            initial: i.initial,
        },
    }
}

/// The JSON `services` array: every line item.
pub fn serialize_items<S: serde::Serializer>(s: &Services, ser: S) -> Result<S::Ok, S::Error> {
    serde::Serialize::serialize(&s.items, ser)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::source::SourceFile;

    /// The toy catalog (one model `m`) and toy services: an embedding at $0.10 per M tokens, a
    /// rerank at $2 per 1,000 queries, a vector store at $0.50 per unit-hour with a minimum of 2
    /// units. `rag` (60 %): U = 100, query embedding and rerank; `plain` (40 %): no retrieval. One
    /// vector store asked at 1 unit; a 10M-token corpus embedded 3 times a month, plus once in month 1.
    const CATALOG: &str = include_str!("../../../tests/fixtures/toy-catalog/toy.toml");
    const SERVICES: &str = include_str!("../../../tests/fixtures/services/services.toml");
    const SCENARIO: &str = include_str!("../../../tests/fixtures/services/rag.toml");

    #[test]
    fn each_item_carries_the_figures_of_its_arithmetic() {
        let files = vec![SourceFile::new("toy.toml", CATALOG), SourceFile::new("services.toml", SERVICES)];
        let catalog = Catalog::from_files(files).unwrap();
        let s = Scenario::from_source(&SourceFile::new("s.toml", SCENARIO), &catalog).unwrap();
        let bases: Vec<Basis> = Services::new(&s).items.into_iter().map(|i| i.basis).collect();
        let embed = ServicePrice::Embedding { usd_per_mtok: 0.1 };
        let rerank = ServicePrice::Rerank { usd_per_1k_queries: 2.0 };
        assert_eq!(
            bases,
            [
                // 0.6 of the requests embed their 100-token message: 60 tokens a request.
                Basis::QueryEmbedding { tokens_per_request: 60.0, price: embed },
                // 0.6 of the requests rerank once: 0.6 queries a request.
                Basis::Rerank { queries_per_request: 0.6, price: rerank },
                // 1 unit asked, 2 billed (the minimum), 730 hours a month.
                Basis::Fixed { units: 2.0, unit: "OCU".into(), usd_per_unit_hour: 0.5, hours: 730.0, asked: Some(1.0) },
                Basis::Ingestion {
                    corpus_tokens: 10_000_000.0,
                    refreshes_per_month: 3.0,
                    usd_per_mtok: 0.1,
                    initial: true
                },
            ]
        );
    }
}
