//! `infercast models` in each format, and how a catalog figure written as a range reads: as
//! its range, never as its mean (the mean is what deterministic commands price with).
use super::csv::to_string;
use crate::catalog::{Catalog, Model, Term};
use crate::keyword::Keyword;
use crate::output_format::OutputFormat;
use crate::uncertain::Distribution;

/// Output formats of `models`: every one (CSV has one row per model).
pub const FORMATS: &[OutputFormat] = OutputFormat::ALL;

/// The listing of `c` in `format`.
pub fn render(c: &Catalog, format: OutputFormat) -> String {
    match format {
        OutputFormat::Table => super::models_table::models(c),
        OutputFormat::Json => crate::json::write(&super::json::models(c)),
        OutputFormat::Csv => csv(c),
        OutputFormat::Markdown => super::models_table::markdown(c),
    }
}

/// A distribution as text, each number by `show`: `35.2–52.8` (triangular, uniform: min–max),
/// `10±2` (normal: mean ± sd), `10 (p90 20)` (lognormal: median and 90th percentile).
pub fn range_text(d: &Distribution, show: impl Fn(f64) -> String) -> String {
    match *d {
        Distribution::Triangular { min, max, .. } | Distribution::Uniform { min, max } => {
            format!("{}–{}", show(min), show(max))
        }
        Distribution::Normal { mean, sd } => format!("{}±{}", show(mean), show(sd)),
        Distribution::LogNormal { p50, p90 } => format!("{} (p90 {})", show(p50), show(p90)),
    }
}

/// One figure of a catalog entry as text: its range when the file wrote one, else `value`.
/// `at` is the entry's table, its key and the field's key path inside it.
pub fn figure(c: &Catalog, at: (&str, &str, &[&str]), value: f64, show: impl Fn(f64) -> String) -> String {
    match c.range(at.0, at.1, at.2) {
        Some(d) => range_text(d, show),
        None => show(value),
    }
}

/// A number as CSV and JSON write it: plain digits, at most 12 significant ones.
fn plain(x: f64) -> String {
    crate::json::round_sig(x).to_string()
}

/// The columns of `models --format csv`, in order; stable (README "Commands").
pub const CSV_COLUMNS: [&str; 30] = [
    "key",
    "name",
    "id",
    "provider",
    "status",
    "end_of_life",
    "input_usd_per_mtok",
    "output_usd_per_mtok",
    "cache_write_usd_per_mtok",
    "cache_write_1h_usd_per_mtok",
    "cache_read_usd_per_mtok",
    "global_input_usd_per_mtok",
    "global_output_usd_per_mtok",
    "regions",
    "profiles",
    "tiers",
    "quota_rpm",
    "quota_rpm_enforced",
    "quota_tpm",
    "output_burndown",
    "pt_usd_per_mu_hour_none",
    "pt_usd_per_mu_hour_1_month",
    "pt_usd_per_mu_hour_6_month",
    "pt_tpm_per_mu_in_out",
    "pt_throughput_assumed",
    "reserved_usd_per_1k_tpm_month_in_out",
    "reserved_min_tpm_in_out",
    "retrieved",
    "assumed",
    "source",
];

/// One row per model; an empty cell = not in the catalog; a range reads `min–max`.
fn csv(c: &Catalog) -> String {
    let header = CSV_COLUMNS.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    to_string(std::iter::once(header).chain(c.models.iter().map(|m| csv_row(c, m))).collect())
}

/// The Provisioned Throughput and Reserved cells of a model's CSV row.
fn csv_capacity(c: &Catalog, m: &Model) -> [String; 6] {
    let fig = |field: &[&str], v: f64| figure(c, ("model", &m.key, field), v, plain);
    let p = m.provisioned.as_ref();
    let term = |t: Term| {
        p.and_then(|p| p.usd_per_mu_hour.get(&t))
            .map_or(String::new(), |v| fig(&["provisioned", "usd_per_mu_hour", t.as_str()], *v))
    };
    let reserved = m.reserved.as_ref().map_or(String::new(), |r| {
        let terms = r.usd_per_1k_input_tpm_month.iter().map(|(t, i)| {
            let o = r.usd_per_1k_output_tpm_month.get(t);
            let o = o.map_or(String::new(), |o| fig(&["reserved", "usd_per_1k_output_tpm_month", t.as_str()], *o));
            format!("{t} {}/{o}", fig(&["reserved", "usd_per_1k_input_tpm_month", t.as_str()], *i))
        });
        terms.collect::<Vec<_>>().join("; ")
    });
    [
        term(Term::NoCommitment),
        term(Term::OneMonth),
        term(Term::SixMonth),
        p.map_or(String::new(), |p| {
            let i = fig(&["provisioned", "input_tpm_per_mu"], p.input_tpm_per_mu);
            format!("{i}/{}", fig(&["provisioned", "output_tpm_per_mu"], p.output_tpm_per_mu))
        }),
        p.map_or(String::new(), |p| p.throughput_assumed.to_string()),
        reserved,
    ]
}

fn csv_row(c: &Catalog, m: &Model) -> Vec<String> {
    let opt = |x: Option<f64>| x.map_or(String::new(), plain);
    let tiers: Vec<String> = m.tiers.iter().map(|(t, p)| format!("{}={}", t.as_str(), plain(p.multiplier))).collect();
    let mut row = vec![
        m.key.clone(),
        m.name.clone(),
        m.id.clone(),
        m.provider.clone(),
        m.standing(c.today()).as_str().to_string(),
        m.end_of_life.clone().unwrap_or_default(),
        plain(m.input_usd_per_mtok),
        plain(m.output_usd_per_mtok),
        opt(m.cache.and_then(|c| c.write_usd_per_mtok)),
        opt(m.cache.and_then(|c| c.write_1h_usd_per_mtok)),
        opt(m.cache.map(|c| c.read_usd_per_mtok)),
        opt(m.global.map(|g| g.input_usd_per_mtok)),
        opt(m.global.map(|g| g.output_usd_per_mtok)),
        m.all_regions().join(" "),
        m.profiles.join(" "),
        tiers.join(" "),
        opt(m.quota.rpm),
        m.quota.rpm_enforced.to_string(),
        opt(m.quota.tpm),
        plain(m.quota.output_burndown),
    ];
    row.extend(csv_capacity(c, m));
    row.extend([
        m.reserved
            .as_ref()
            .map_or(String::new(), |r| format!("{}/{}", plain(r.min_input_tpm), plain(r.min_output_tpm))),
        m.provenance.retrieved.clone(),
        m.provenance.assumed.to_string(),
        m.provenance.cite(),
    ]);
    row
}
