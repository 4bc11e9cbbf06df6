//! The catalog listing of `infercast models`, as text.
use super::format::{Align, count, percent, table, thousands, trim};
use crate::catalog::Catalog;
use crate::keyword::Keyword;
use std::fmt::Write;

/// Provisioned Throughput, Reserved-tier, instance and deployment listings.
fn capacity(c: &Catalog, cite: &mut impl FnMut(&str) -> String) -> String {
    let mut out = String::new();
    let assumed = |a: bool| if a { " (assumed)" } else { "" };
    let pt: Vec<Vec<String>> = c
        .models
        .iter()
        .filter_map(|m| m.provisioned.as_ref().map(|p| (m, p)))
        .map(|(m, p)| {
            let term = |t: &str| p.usd_per_mu_hour.get(t).map_or("-".into(), |v| trim(*v, 2));
            vec![
                m.key.clone(),
                term("none"),
                term("1-month"),
                term("6-month"),
                format!(
                    "{}/{}{}",
                    thousands(p.input_tpm_per_mu),
                    thousands(p.output_tpm_per_mu),
                    assumed(p.throughput_assumed)
                ),
                format!("{} {}{}", p.provenance.retrieved, cite(&p.provenance.cite()), assumed(p.provenance.assumed)),
            ]
        })
        .collect();
    if !pt.is_empty() {
        out.push_str("\nProvisioned Throughput, $ per MU-hour\n");
        let header = [
            ("model", Align::Left),
            ("no commit", Align::Right),
            ("1-month", Align::Right),
            ("6-month", Align::Right),
            ("TPM per MU in/out", Align::Right),
            ("prices as of", Align::Left),
        ];
        out.push_str(&table(&header, &pt, ""));
    }
    let reserved: Vec<Vec<String>> = c
        .models
        .iter()
        .filter_map(|m| m.reserved.as_ref().map(|r| (m, r)))
        .map(|(m, r)| {
            let terms: Vec<String> = r
                .usd_per_1k_input_tpm_month
                .iter()
                .map(|(t, i)| {
                    format!(
                        "{t} {}/{}",
                        trim(*i, 2),
                        r.usd_per_1k_output_tpm_month.get(t).map_or("-".into(), |o| trim(*o, 2))
                    )
                })
                .collect();
            vec![
                m.key.clone(),
                terms.join(", "),
                format!("{}/{}", thousands(r.min_input_tpm), thousands(r.min_output_tpm)),
                format!("{} {}{}", r.provenance.retrieved, cite(&r.provenance.cite()), assumed(r.provenance.assumed)),
            ]
        })
        .collect();
    if !reserved.is_empty() {
        out.push_str("\nReserved tier, $ per 1K TPM-month (input/output)\n");
        let header = [
            ("model", Align::Left),
            ("terms", Align::Left),
            ("min TPM in/out", Align::Right),
            ("prices as of", Align::Left),
        ];
        out.push_str(&table(&header, &reserved, ""));
    }
    if !c.instances.is_empty() {
        let rows: Vec<Vec<String>> = c
            .instances
            .iter()
            .map(|i| {
                let prices: Vec<String> = i.usd_per_hour.iter().map(|(k, v)| format!("{k} {}", trim(*v, 6))).collect();
                vec![
                    i.key.clone(),
                    format!("{} x {}", i.gpus, i.gpu),
                    prices.join(", "),
                    format!("{} {}", i.provenance.retrieved, cite(&i.provenance.cite())),
                ]
            })
            .collect();
        out.push_str("\nGPU instances, $ per hour\n");
        let header =
            [("instance", Align::Left), ("GPUs", Align::Left), ("prices", Align::Left), ("as of", Align::Left)];
        out.push_str(&table(&header, &rows, ""));
    }
    if !c.deployments.is_empty() {
        let rows: Vec<Vec<String>> = c
            .deployments
            .iter()
            .map(|d| {
                vec![
                    d.key.clone(),
                    thousands(d.prefill_tokens_per_s),
                    thousands(d.decode_tokens_per_s),
                    d.fitted.as_ref().map_or("-".into(), |f| {
                        format!("{} ({})", percent(f.fit_error), count(f.runs.len() as f64, "run"))
                    }),
                    format!(
                        "{} {}{}",
                        d.provenance.retrieved,
                        cite(&d.provenance.cite()),
                        assumed(d.provenance.assumed)
                    ),
                ]
            })
            .collect();
        out.push_str(
            "\nSelf-hosted deployments, tokens per second per instance; fit error = worst error of the fitted rates \
             over the published runs\n",
        );
        let header = [
            ("deployment", Align::Left),
            ("prefill", Align::Right),
            ("decode", Align::Right),
            ("fit error", Align::Right),
            ("measured as of", Align::Left),
        ];
        out.push_str(&table(&header, &rows, ""));
    }
    out
}

/// Embedding, rerank and vector-store services.
fn services(c: &Catalog, cite: &mut impl FnMut(&str) -> String) -> String {
    if c.services.is_empty() {
        return String::new();
    }
    let rows: Vec<Vec<String>> = c
        .services
        .iter()
        .map(|s| {
            let assumed = if s.provenance.assumed { " (assumed)" } else { "" };
            vec![
                s.key.clone(),
                s.id.clone().unwrap_or_else(|| "-".into()),
                s.kind().as_str().to_string(),
                s.price.describe(),
                format!("{} {}{assumed}", s.provenance.retrieved, cite(&s.provenance.cite())),
            ]
        })
        .collect();
    let header = [
        ("service", Align::Left),
        ("provider id", Align::Left),
        ("kind", Align::Left),
        ("price", Align::Left),
        ("price as of", Align::Left),
    ];
    format!("\nServices (retrieval: embedding, rerank, vector store)\n{}", table(&header, &rows, ""))
}

pub fn models(c: &Catalog) -> String {
    let mut sources: Vec<String> = Vec::new();
    let mut cite = |s: &str| -> String {
        let i = sources.iter().position(|x| x == s).unwrap_or_else(|| {
            sources.push(s.to_string());
            sources.len() - 1
        });
        format!("[{}]", i + 1)
    };
    let mut rows = Vec::new();
    for m in &c.models {
        let cache = m.cache.map_or("-".into(), |c| {
            let write = c.write_usd_per_mtok.map_or("in".into(), |w| trim(w, 5));
            format!("{write}/{}", trim(c.read_usd_per_mtok, 5))
        });
        let tiers: Vec<String> =
            m.tiers.iter().map(|(t, p)| format!("{} x{}", t.as_str(), trim(p.multiplier, 3))).collect();
        let quota = |q: Option<f64>| q.map_or("-".into(), thousands);
        let quota_src = m.quota.provenance.as_ref().map_or(String::new(), |p| cite(&p.cite()));
        let assumed = if m.provenance.assumed { " (assumed)" } else { "" };
        let status = match (m.status, &m.end_of_life) {
            (crate::catalog::Status::Active, _) => "active".to_string(),
            (crate::catalog::Status::Legacy, Some(d)) => format!("legacy, EOL {d}"),
            (crate::catalog::Status::Legacy, None) => "legacy".to_string(),
        };
        let global = m
            .global
            .map_or("-".into(), |g| format!("{}/{}", trim(g.input_usd_per_mtok, 5), trim(g.output_usd_per_mtok, 5)));
        let regions = match m.all_regions().len() {
            1 => m.regions[0].clone(),
            n => format!("{} +{}", m.regions[0], n - 1),
        };
        rows.push(vec![
            m.key.clone(),
            m.id.clone(),
            status,
            trim(m.input_usd_per_mtok, 5),
            trim(m.output_usd_per_mtok, 5),
            cache,
            global,
            regions,
            if tiers.is_empty() { "-".into() } else { tiers.join(", ") },
            if m.quota.rpm_enforced {
                quota(m.quota.rpm)
            } else {
                m.quota.rpm.map_or("-".into(), |r| format!("{}*", thousands(r)))
            },
            quota(m.quota.tpm),
            trim(m.quota.output_burndown, 2),
            format!("{} {}{assumed}", m.provenance.retrieved, cite(&m.provenance.cite())),
            quota_src,
        ]);
    }
    let header = [
        ("model", Align::Left),
        ("provider id", Align::Left),
        ("status", Align::Left),
        ("in $/M", Align::Right),
        ("out $/M", Align::Right),
        ("cache w/r $/M", Align::Right),
        ("global in/out", Align::Right),
        ("regions", Align::Left),
        ("tiers", Align::Left),
        ("quota RPM", Align::Right),
        ("quota TPM", Align::Right),
        ("burndown", Align::Right),
        ("prices as of", Align::Left),
        ("quota src", Align::Left),
    ];
    let mut out = table(&header, &rows, "");
    out.push_str(&capacity(c, &mut cite));
    out.push_str(&services(c, &mut cite));
    out.push_str(
        "\nPrices are USD per million tokens, in-region in the first region listed (geographic profiles such \
         as us. cost the same); global = the global cross-region profile; +N = more regions, some at prices \
         of their own (--format json lists them); cache \"in\" = writes billed at the input price; tiers \
         multiply every token price; \"-\" = not in the catalog.\n\
         * = documented default that the provider no longer enforces: only the TPM quota throttles.\n\
         (assumed) = published nowhere; the basis is beside the entry in its file.\nSources:\n",
    );
    for (i, s) in sources.iter().enumerate() {
        let _ = writeln!(out, "  [{}] {s}", i + 1);
    }
    out
}
