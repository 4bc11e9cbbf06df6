//! The catalog listing of `infercast models`, as text.
use super::format::{Align, table, thousands, trim};
use crate::catalog::Catalog;
use std::fmt::Write;

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
        let cache = m
            .cache
            .map_or("-".into(), |c| format!("{}/{}", trim(c.write_usd_per_mtok, 5), trim(c.read_usd_per_mtok, 5)));
        let tiers: Vec<String> =
            m.tiers.iter().map(|(t, p)| format!("{} x{}", t.as_str(), trim(p.multiplier, 3))).collect();
        let quota = |q: Option<f64>| q.map_or("-".into(), thousands);
        let quota_src = m.quota.provenance.as_ref().map_or(String::new(), |p| cite(&p.source));
        let assumed = if m.provenance.assumed { " (assumed)" } else { "" };
        rows.push(vec![
            m.key.clone(),
            m.id.clone(),
            trim(m.input_usd_per_mtok, 5),
            trim(m.output_usd_per_mtok, 5),
            cache,
            if tiers.is_empty() { "-".into() } else { tiers.join(", ") },
            if m.quota.rpm_enforced {
                quota(m.quota.rpm)
            } else {
                m.quota.rpm.map_or("-".into(), |r| format!("{}*", thousands(r)))
            },
            quota(m.quota.tpm),
            trim(m.quota.output_burndown, 2),
            format!("{} {}{assumed}", m.provenance.retrieved, cite(&m.provenance.source)),
            quota_src,
        ]);
    }
    let header = [
        ("model", Align::Left),
        ("provider id", Align::Left),
        ("in $/M", Align::Right),
        ("out $/M", Align::Right),
        ("cache w/r $/M", Align::Right),
        ("tiers", Align::Left),
        ("quota RPM", Align::Right),
        ("quota TPM", Align::Right),
        ("burndown", Align::Right),
        ("prices as of", Align::Left),
        ("quota src", Align::Left),
    ];
    let mut out = table(&header, &rows, "");
    out.push_str(
        "\nPrices are USD per million tokens; tiers multiply every token price; \"-\" = not in the catalog.\n\
         * = documented default that the provider no longer enforces: only the TPM quota throttles.\nSources:\n",
    );
    for (i, s) in sources.iter().enumerate() {
        let _ = writeln!(out, "  [{}] {s}", i + 1);
    }
    out
}
