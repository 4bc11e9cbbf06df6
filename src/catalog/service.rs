//! `[[service]]` entries → validated [`Service`]s: embedding models, rerank models and vector
//! stores, each with exactly the price of its kind (docs/catalog.md#service-priced-things-that-are-not-a-generation-call).
use super::convert::entry_provenance;
use super::raw;
use super::*;
use crate::input::Checker;
use crate::limits;
use toml::Spanned;

/// What a service is, which decides how it is priced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ServiceKind {
    /// Priced per million input tokens.
    Embedding,
    /// Priced per 1,000 queries.
    Rerank,
    /// Priced per unit-hour, with a minimum billed around the clock.
    VectorStore,
}

impl Keyword for ServiceKind {
    const ALL: &'static [Self] = &[ServiceKind::Embedding, ServiceKind::Rerank, ServiceKind::VectorStore];
    const NAMES: &'static [&'static str] = &["embedding", "rerank", "vector-store"];
}

/// "an embedding", "a rerank", "a vector-store": the kind with its article, for messages.
pub fn article(kind: ServiceKind) -> String {
    match kind {
        ServiceKind::Embedding => "an embedding".into(),
        k => format!("a {}", k.as_str()),
    }
}

/// The price of a service, by kind.
#[derive(Debug, Clone, PartialEq)]
pub enum ServicePrice {
    /// USD per million input tokens (no output charge).
    Embedding { usd_per_mtok: f64 },
    /// USD per 1,000 queries; a query covers up to 100 chunks as AWS counts it.
    Rerank { usd_per_1k_queries: f64 },
    /// USD per unit-hour, at least `min_units` billed; `unit` names what one unit is (OCU).
    VectorStore { usd_per_unit_hour: f64, min_units: f64, unit: String },
}

impl ServicePrice {
    pub fn kind(&self) -> ServiceKind {
        match self {
            ServicePrice::Embedding { .. } => ServiceKind::Embedding,
            ServicePrice::Rerank { .. } => ServiceKind::Rerank,
            ServicePrice::VectorStore { .. } => ServiceKind::VectorStore,
        }
    }

    /// "$0.02 per M tokens", "$2 per 1,000 queries", "$0.24 per OCU-hour, at least 2 OCU".
    pub fn describe(&self) -> String {
        match self {
            ServicePrice::Embedding { usd_per_mtok } => format!("${usd_per_mtok} per M input tokens"),
            ServicePrice::Rerank { usd_per_1k_queries } => format!("${usd_per_1k_queries} per 1,000 queries"),
            ServicePrice::VectorStore { usd_per_unit_hour, min_units, unit } => {
                format!("${usd_per_unit_hour} per {unit}-hour, at least {min_units} {unit} billed")
            }
        }
    }
}

/// A priced thing that is not a generation call.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// What scenarios refer to.
    pub key: String,
    /// Display name (defaults to the key).
    pub name: String,
    /// The provider's id, where there is one.
    pub id: Option<String>,
    pub price: ServicePrice,
    pub provenance: Provenance,
    /// Why a public price map disagrees with this entry.
    pub crosscheck_note: Option<String>,
    pub note: Option<String>,
    /// Catalog file the entry came from.
    pub file: String,
}

impl Service {
    pub fn kind(&self) -> ServiceKind {
        self.price.kind()
    }

    /// Every price figure as (name, value), for baselines.
    pub fn price_figures(&self) -> Vec<(String, f64)> {
        match &self.price {
            ServicePrice::Embedding { usd_per_mtok } => vec![("usd_per_mtok".into(), *usd_per_mtok)],
            ServicePrice::Rerank { usd_per_1k_queries } => vec![("usd_per_1k_queries".into(), *usd_per_1k_queries)],
            ServicePrice::VectorStore { usd_per_unit_hour, min_units, .. } => {
                vec![("usd_per_unit_hour".into(), *usd_per_unit_hour), ("min_units".into(), *min_units)]
            }
        }
    }
}

/// The price fields of each kind, for messages.
const FIELDS: [(&str, ServiceKind); 5] = [
    ("usd_per_mtok", ServiceKind::Embedding),
    ("usd_per_1k_queries", ServiceKind::Rerank),
    ("usd_per_unit_hour", ServiceKind::VectorStore),
    ("min_units", ServiceKind::VectorStore),
    ("unit", ServiceKind::VectorStore),
];

/// A price field this kind needs: reported at the entry's `kind` when missing.
fn needed<T: Clone>(ck: &mut Checker, s: &raw::Service, field: &Option<Spanned<T>>, name: &str) -> Option<Spanned<T>> {
    if field.is_none() {
        ck.error(
            &s.kind.span(),
            format!("service `{}` of kind `{}` has no `{name}`", s.key.get_ref(), s.kind.get_ref()),
            format!("add `{name} = …` (docs/catalog.md lists the price fields of each kind)"),
        );
    }
    field.clone()
}

/// The file's services that validate, each key new across the catalog.
pub(super) fn services(
    ck: &mut Checker,
    raw: &[Spanned<raw::Service>],
    file: &Provenance,
    seen: &mut Seen,
) -> Vec<Service> {
    let mut out = Vec::new();
    for s in raw {
        if let Some(service) = service(ck, s.get_ref(), file)
            && seen.first("service", &service.key, &s.get_ref().key.span(), ck)
        {
            out.push(service);
        }
    }
    out
}

fn service(ck: &mut Checker, s: &raw::Service, file: &Provenance) -> Option<Service> {
    let provenance = entry_provenance(ck, &s.source, &s.retrieved, s.assumed, s.private.as_ref(), file);
    let kind = ServiceKind::parse(ck.one_of(&s.kind, "kind", ServiceKind::NAMES)?)?;
    let given: [(bool, Option<std::ops::Range<usize>>); 5] = [
        (s.usd_per_mtok.is_some(), s.usd_per_mtok.as_ref().map(|v| v.span())),
        (s.usd_per_1k_queries.is_some(), s.usd_per_1k_queries.as_ref().map(|v| v.span())),
        (s.usd_per_unit_hour.is_some(), s.usd_per_unit_hour.as_ref().map(|v| v.span())),
        (s.min_units.is_some(), s.min_units.as_ref().map(|v| v.span())),
        (s.unit.is_some(), s.unit.as_ref().map(|v| v.span())),
    ];
    for ((name, of), (_, span)) in FIELDS.iter().zip(&given) {
        if let Some(span) = span.as_ref().filter(|_| *of != kind) {
            ck.error(
                span,
                format!("`{name}` is a price of {} service, not of {} service", article(*of), article(kind)),
                format!("remove `{name}`, or set `kind = \"{}\"`", of.as_str()),
            );
        }
    }
    let price = match kind {
        ServiceKind::Embedding => {
            let v = needed(ck, s, &s.usd_per_mtok, "usd_per_mtok")?;
            ServicePrice::Embedding { usd_per_mtok: limits::check(ck, &v, "usd_per_mtok", limits::USD_PER_MTOK) }
        }
        ServiceKind::Rerank => {
            let v = needed(ck, s, &s.usd_per_1k_queries, "usd_per_1k_queries")?;
            let usd = limits::check(ck, &v, "usd_per_1k_queries", limits::USD_PER_1K_QUERIES);
            ServicePrice::Rerank { usd_per_1k_queries: usd }
        }
        ServiceKind::VectorStore => {
            let (hour, min) =
                (needed(ck, s, &s.usd_per_unit_hour, "usd_per_unit_hour"), needed(ck, s, &s.min_units, "min_units"));
            let unit = needed(ck, s, &s.unit, "unit");
            ServicePrice::VectorStore {
                usd_per_unit_hour: limits::check(ck, &hour?, "usd_per_unit_hour", limits::USD_PER_HOUR),
                min_units: limits::check(ck, &min?, "min_units", limits::SERVICE_UNITS),
                unit: unit?.get_ref().clone(),
            }
        }
    };
    Some(Service {
        key: s.key.get_ref().clone(),
        name: s.name.as_ref().map_or_else(|| s.key.get_ref().clone(), |n| n.get_ref().clone()),
        id: s.id.as_ref().map(|i| i.get_ref().clone()),
        price,
        provenance,
        crosscheck_note: s.crosscheck_note.clone(),
        note: s.note.clone(),
        file: ck.file.path.clone(),
    })
}
