//! The catalog listing of `infercast models` as aligned text or Markdown: one set of sections
//! (title, header, rows), rendered either way; a figure written as a range reads as its range.
use super::models::figure;
use crate::catalog::{Catalog, Model, Standing, Term};
use crate::format::{Align, count, percent, table, thousands, trim};
use crate::keyword::Keyword;
use std::fmt::Write;

/// Sources in order of first citation; a cell cites one as `[n]`.
#[derive(Default)]
struct Cites(Vec<String>);

impl Cites {
    fn cite(&mut self, s: &str) -> String {
        let i = self.0.iter().position(|x| x == s).unwrap_or_else(|| {
            self.0.push(s.to_string());
            self.0.len() - 1
        });
        format!("[{}]", i + 1)
    }

    /// "2026-01-01 [3] (assumed)": the date, the source and whether the figure is an estimate.
    fn dated(&mut self, p: &crate::catalog::Provenance) -> String {
        format!("{} {}{}", p.retrieved, self.cite(&p.cite()), assumed(p.assumed))
    }
}

fn assumed(a: bool) -> &'static str {
    if a { " (assumed)" } else { "" }
}

/// One table of the listing.
struct Section {
    /// `None` for the first table, which text shows without a title.
    title: Option<&'static str>,
    header: Vec<(&'static str, Align)>,
    rows: Vec<Vec<String>>,
}

const NOTES: &str = "Prices are USD per million tokens, in-region in the first region listed (a geographic profile \
     costs what its calling region costs); global = the global cross-region profile; +N = more regions, some at prices \
     of their own (--format json lists them); cache \"in\" = writes billed at the input price; tiers \
     multiply every token price; \"-\" = not in the catalog.\n\
     * = documented default that the provider no longer enforces: only the TPM quota throttles.\n\
     (assumed) = published nowhere; the basis is beside the entry in its file.\n\
     a–b = a figure the catalog gives as a range (min–max; ± = mean ± sd; p90 = a lognormal's 90th \
     percentile): simulate draws from it, the other commands price its mean; --format json gives both.\n";

fn model_row(m: &Model, today: i64, cites: &mut Cites) -> Vec<String> {
    let cache = m.cache.map_or("-".into(), |c| {
        let write = c.write_usd_per_mtok.map_or("in".into(), |w| trim(w, 5));
        format!("{write}/{}", trim(c.read_usd_per_mtok, 5))
    });
    let tiers: Vec<String> =
        m.tiers.iter().map(|(t, p)| format!("{} x{}", t.as_str(), trim(p.multiplier, 3))).collect();
    let quota = |q: Option<f64>| q.map_or("-".into(), thousands);
    let standing = m.standing(today);
    let status = match (standing, &m.end_of_life) {
        (Standing::Retired, Some(d)) => format!("retired {d}"),
        (s, Some(d)) => format!("{}, EOL {d}", s.as_str()),
        (s, None) => s.as_str().to_string(),
    };
    let global = m
        .global
        .map_or("-".into(), |g| format!("{}/{}", trim(g.input_usd_per_mtok, 5), trim(g.output_usd_per_mtok, 5)));
    let regions = match m.all_regions().len() {
        1 => m.regions[0].clone(),
        n => format!("{} +{}", m.regions[0], n - 1),
    };
    vec![
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
        cites.dated(&m.provenance),
        m.quota.provenance.as_ref().map_or(String::new(), |p| cites.cite(&p.cite())),
    ]
}

fn on_demand(c: &Catalog, cites: &mut Cites) -> Section {
    let header = vec![
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
    Section { title: None, header, rows: c.models.iter().map(|m| model_row(m, c.today(), cites)).collect() }
}

fn provisioned(c: &Catalog, cites: &mut Cites) -> Section {
    let rows = c.models.iter().filter_map(|m| m.provisioned.as_ref().map(|p| (m, p)));
    let rows = rows.map(|(m, p)| {
        let fig = |field: &[&str], v: f64, show: fn(f64) -> String| figure(c, ("model", &m.key, field), v, show);
        let term = |t: Term| {
            p.usd_per_mu_hour
                .get(&t)
                .map_or("-".into(), |v| fig(&["provisioned", "usd_per_mu_hour", t.as_str()], *v, |x| trim(x, 2)))
        };
        let tpm = format!(
            "{}/{}{}",
            fig(&["provisioned", "input_tpm_per_mu"], p.input_tpm_per_mu, thousands),
            fig(&["provisioned", "output_tpm_per_mu"], p.output_tpm_per_mu, thousands),
            assumed(p.throughput_assumed)
        );
        let terms = [Term::NoCommitment, Term::OneMonth, Term::SixMonth].map(term);
        let [none, one, six] = terms;
        vec![m.key.clone(), none, one, six, tpm, cites.dated(&p.provenance)]
    });
    let header = vec![
        ("model", Align::Left),
        ("no commit", Align::Right),
        ("1-month", Align::Right),
        ("6-month", Align::Right),
        ("TPM per MU in/out", Align::Right),
        ("prices as of", Align::Left),
    ];
    Section { title: Some("Provisioned Throughput, $ per MU-hour"), header, rows: rows.collect() }
}

fn reserved(c: &Catalog, cites: &mut Cites) -> Section {
    let rows = c.models.iter().filter_map(|m| m.reserved.as_ref().map(|r| (m, r)));
    let rows = rows.map(|(m, r)| {
        let fig = |side: &str, t: &str, v: f64| figure(c, ("model", &m.key, &["reserved", side, t]), v, |x| trim(x, 2));
        let terms: Vec<String> = r
            .usd_per_1k_input_tpm_month
            .iter()
            .map(|(t, i)| {
                let o = r.usd_per_1k_output_tpm_month.get(t);
                let o = o.map_or("-".into(), |o| fig("usd_per_1k_output_tpm_month", t.as_str(), *o));
                format!("{t} {}/{o}", fig("usd_per_1k_input_tpm_month", t.as_str(), *i))
            })
            .collect();
        let min = format!("{}/{}", thousands(r.min_input_tpm), thousands(r.min_output_tpm));
        vec![m.key.clone(), terms.join(", "), min, cites.dated(&r.provenance)]
    });
    let header = vec![
        ("model", Align::Left),
        ("terms", Align::Left),
        ("min TPM in/out", Align::Right),
        ("prices as of", Align::Left),
    ];
    Section { title: Some("Reserved tier, $ per 1K TPM-month (input/output)"), header, rows: rows.collect() }
}

/// Each model's capacity units (docs/model.md#capacity-units): product, throughput and weights,
/// the smallest purchase and the prices by term, of each deployment that serves it.
fn units(c: &Catalog, cites: &mut Cites) -> Section {
    let mut rows = Vec::new();
    for m in &c.models {
        for cap in &m.capacity {
            let Some(p) = c.product(&cap.product) else { continue };
            for d in p.deployments_for(cap) {
                let prices: Vec<String> = Term::ALL
                    .iter()
                    .filter_map(|t| p.prices(d, cap).get(t).map(|x| (t, x)))
                    .map(|(t, x)| format!("{t} {}/{}{}", trim(x.usd, 4), x.per.as_str(), assumed(x.assumed)))
                    .collect();
                let w = cap.weights;
                rows.push(vec![
                    m.key.clone(),
                    format!("{} {}", p.key, d.name),
                    format!("{}{}", thousands(cap.tokens_per_minute_per_unit), assumed(cap.provenance.assumed)),
                    format!("{}/{}/{}", trim(w.output, 3), trim(w.cache_read, 3), trim(w.cache_write, 3)),
                    format!(
                        "{} {}, +{}",
                        cap.min_units.unwrap_or(d.min_units),
                        p.unit,
                        cap.increment.unwrap_or(d.increment)
                    ),
                    prices.join(", "),
                    cites.dated(&cap.provenance),
                ]);
            }
        }
    }
    let header = vec![
        ("model", Align::Left),
        ("product, deployment", Align::Left),
        ("TPM per unit", Align::Right),
        ("weight out/cache read/write", Align::Right),
        ("smallest, step", Align::Right),
        ("USD per unit", Align::Left),
        ("throughput as of", Align::Left),
    ];
    Section { title: Some("Capacity units of other vendors (weighted input tokens a minute per unit)"), header, rows }
}

fn instances(c: &Catalog, cites: &mut Cites) -> Section {
    let rows = c.instances.iter().map(|i| {
        let prices = i
            .usd_per_hour
            .iter()
            .map(|(k, v)| format!("{k} {}", figure(c, ("instance", &i.key, &["usd_per_hour", k]), *v, |x| trim(x, 6))));
        let dated = format!("{} {}", i.provenance.retrieved, cites.cite(&i.provenance.cite()));
        vec![i.key.clone(), format!("{} x {}", i.gpus, i.gpu), prices.collect::<Vec<_>>().join(", "), dated]
    });
    let header =
        vec![("instance", Align::Left), ("GPUs", Align::Left), ("prices", Align::Left), ("as of", Align::Left)];
    Section { title: Some("GPU instances, $ per hour"), header, rows: rows.collect() }
}

fn deployments(c: &Catalog, cites: &mut Cites) -> Section {
    use crate::keyword::Keyword;
    let rows = c.deployments.iter().map(|d| {
        let gpus = c.instance(&d.instance).map_or(d.gpus_per_replica, |i| i.gpus);
        let calibration = crate::model::serving::calibrate::deployment(c, d).map_or("-".into(), |k| {
            format!("{} / {} ({})", percent(k.median_error), percent(k.worst_error), count(k.runs.len() as f64, "run"))
        });
        vec![
            d.key.clone(),
            c.open_model(&d.open_model).map_or(d.open_model.clone(), |m| m.short().to_string()),
            format!("{} × {} GPU", gpus / d.gpus_per_replica.max(1), d.gpus_per_replica),
            format!("{} {}", d.precision.as_str(), d.engine.as_str()),
            calibration,
            cites.dated(&d.provenance),
        ]
    });
    let header = vec![
        ("deployment", Align::Left),
        ("model", Align::Left),
        ("replicas", Align::Left),
        ("serving", Align::Left),
        ("error median / worst", Align::Right),
        ("measured as of", Align::Left),
    ];
    let title = "Self-hosted deployments: throughput from the GPU and model figures; error = the prediction \
                 against the published runs (predicted / published − 1)";
    Section { title: Some(title), header, rows: rows.collect() }
}

/// Embedding, rerank and vector-store services.
fn services(c: &Catalog, cites: &mut Cites) -> Section {
    let rows = c.services.iter().map(|s| {
        let id = s.id.clone().unwrap_or_else(|| "-".into());
        vec![s.key.clone(), id, s.kind().as_str().to_string(), s.price.describe(), cites.dated(&s.provenance)]
    });
    let header = vec![
        ("service", Align::Left),
        ("provider id", Align::Left),
        ("kind", Align::Left),
        ("price", Align::Left),
        ("price as of", Align::Left),
    ];
    Section { title: Some("Services (retrieval: embedding, rerank, vector store)"), header, rows: rows.collect() }
}

/// Every section (the first always, the others when they have rows) and the sources they cite.
fn sections(c: &Catalog) -> (Vec<Section>, Vec<String>) {
    let mut cites = Cites::default();
    let builders: [fn(&Catalog, &mut Cites) -> Section; 7] =
        [on_demand, provisioned, reserved, units, instances, deployments, services];
    let all = builders.iter().map(|b| b(c, &mut cites));
    let kept = all.enumerate().filter(|(i, s)| *i == 0 || !s.rows.is_empty()).map(|(_, s)| s).collect();
    (kept, cites.0)
}

/// The listing as aligned text.
pub fn models(c: &Catalog) -> String {
    let (sections, sources) = sections(c);
    let mut out = String::new();
    for s in &sections {
        if let Some(t) = s.title {
            let _ = writeln!(out, "\n{t}");
        }
        out.push_str(&table(&s.header, &s.rows, ""));
    }
    out.push('\n');
    out.push_str(NOTES);
    out.push_str("Sources:\n");
    for (i, s) in sources.iter().enumerate() {
        let _ = writeln!(out, "  [{}] {s}", i + 1);
    }
    out
}

/// The listing as Markdown: a heading and a table per section, the notes, the sources.
pub fn markdown(c: &Catalog) -> String {
    let (sections, sources) = sections(c);
    let mut out = String::from("## Pricing catalog\n");
    for s in &sections {
        let _ = writeln!(out, "\n### {}\n", s.title.unwrap_or("On-demand, $ per million tokens"));
        let names: Vec<&str> = s.header.iter().map(|h| h.0).collect();
        let rule: Vec<&str> = s.header.iter().map(|h| if h.1 == Align::Right { "---:" } else { "---" }).collect();
        let _ = writeln!(out, "| {} |\n| {} |", names.join(" | "), rule.join(" | "));
        for r in &s.rows {
            let cells: Vec<String> = r.iter().map(|c| c.replace('|', "\\|").replace('*', "\\*")).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
    }
    out.push('\n');
    for line in NOTES.lines() {
        let _ = writeln!(out, "{}\n", line.replace('*', "\\*"));
    }
    out.push_str("Sources:\n\n");
    for (i, s) in sources.iter().enumerate() {
        let _ = writeln!(out, "{}. {s}", i + 1);
    }
    out
}
