//! Retrieval, `[[fixed]]` and `[ingestion]` → validated items, each catalog service resolved
//! and of the kind its place needs (docs/model.md#retrieval, docs/model.md#services).
use super::raw;
use super::*;
use crate::catalog::ServiceKind;
use crate::input::Checker;
use crate::limits;
use crate::suggest::did_you_mean;
use toml::Spanned;

/// The chunk counts of `[workload.retrieval]`; its services are resolved by [`resolve`].
pub(super) fn retrieval(ck: &mut Checker, r: &raw::Retrieval) -> Retrieval {
    let chunks = if *r.chunks.get_ref() == 0.0 {
        ck.error(
            &r.chunks.span(),
            "`chunks = 0` retrieves nothing",
            "remove [workload.retrieval] instead, or give the chunks each call carries (e.g. `chunks = 5`)",
        );
        1
    } else {
        let x = limits::check(ck, &r.chunks, "chunks", limits::CHUNKS);
        if x.fract() != 0.0 {
            ck.error(&r.chunks.span(), format!("`chunks` must be a whole number, found {x}"), "drop the fraction");
        }
        x as u32
    };
    Retrieval {
        chunks,
        chunk_tokens: limits::check(ck, &r.chunk_tokens, "chunk_tokens", limits::CHUNK_TOKENS),
        query_embedding: None,
        rerank: None,
    }
}

/// The catalog service `v` names, if it is one of kind `want`; a located error otherwise.
fn service(ck: &mut Checker, v: &Spanned<String>, key: &str, want: ServiceKind, catalog: &Catalog) -> Option<Service> {
    let name = v.get_ref();
    let of_kind: Vec<&str> = catalog.services.iter().filter(|s| s.kind() == want).map(|s| s.key.as_str()).collect();
    let list = format!("{} services in the catalog", want.as_str());
    let Some(found) = catalog.service(name) else {
        ck.error(
            &v.span(),
            format!("`{key}`: `{name}` is not a service in the catalog"),
            did_you_mean(name, of_kind.iter().copied(), &list),
        );
        return None;
    };
    if found.kind() != want {
        let keys: Vec<String> = of_kind.iter().map(|k| format!("`{k}`")).collect();
        ck.error(
            &v.span(),
            format!("`{key}` needs {} service; `{name}` is {} service", article(want), article(found.kind())),
            format!("{list}: {}", keys.join(", ")),
        );
        return None;
    }
    Some(found.clone())
}

use crate::catalog::article;

/// Resolves each workload's retrieval services (the workloads are in `raw`'s order).
pub(super) fn resolve(ck: &mut Checker, raw: &[Spanned<raw::Workload>], workloads: &mut [Workload], catalog: &Catalog) {
    for (r, w) in raw.iter().zip(workloads.iter_mut()) {
        let (Some(rr), Some(ret)) = (&r.get_ref().retrieval, w.retrieval.as_mut()) else { continue };
        let rr = rr.get_ref();
        ret.query_embedding = rr
            .query_embedding
            .as_ref()
            .and_then(|q| service(ck, q, "query_embedding", ServiceKind::Embedding, catalog));
        ret.rerank = rr.rerank.as_ref().and_then(|q| service(ck, q, "rerank", ServiceKind::Rerank, catalog));
    }
}

/// `[[fixed]]` items: named once each, a vector store, units from 0.
pub(super) fn fixed(ck: &mut Checker, raw: &[Spanned<raw::Fixed>], catalog: &Catalog) -> Vec<FixedItem> {
    let mut out: Vec<FixedItem> = Vec::new();
    for f in raw {
        let f = f.get_ref();
        let name = f.name.get_ref();
        ck.printable(&f.name.span(), name, "name");
        if name.trim().is_empty() {
            ck.error(
                &f.name.span(),
                "a [[fixed]] item's `name` must not be empty",
                "name it, e.g. name = \"vector store\"",
            );
        } else if out.iter().any(|o| &o.name == name) {
            ck.error(&f.name.span(), format!("two [[fixed]] items are named \"{name}\""), "give each its own `name`");
        }
        let units = limits::check(ck, &f.units, "units", limits::SERVICE_UNITS);
        if let Some(service) = service(ck, &f.service, "service", ServiceKind::VectorStore, catalog) {
            out.push(FixedItem { name: name.clone(), service, units });
        }
    }
    out
}

/// `[ingestion]`: corpus tokens, refreshes a month, an embedding service.
pub(super) fn ingestion(
    ck: &mut Checker,
    raw: &Option<Spanned<raw::Ingestion>>,
    catalog: &Catalog,
) -> Option<Ingestion> {
    let i = raw.as_ref()?.get_ref();
    let corpus_tokens = limits::check(ck, &i.corpus_tokens, "corpus_tokens", limits::CORPUS_TOKENS);
    let refreshes_per_month =
        limits::check(ck, &i.refreshes_per_month, "refreshes_per_month", limits::REFRESHES_PER_MONTH);
    let embedding = service(ck, &i.embedding, "embedding", ServiceKind::Embedding, catalog)?;
    Some(Ingestion { corpus_tokens, refreshes_per_month, embedding, initial: i.initial.unwrap_or(false) })
}
