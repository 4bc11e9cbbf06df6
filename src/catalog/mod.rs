//! The pricing catalog: `pricing/*.toml` (embedded, or `--pricing DIR`) → validated [`Catalog`].
mod raw;

use crate::error::{Diagnostic, Error, Result};
use crate::input::{Checker, parse};
use crate::source::SourceFile;
use crate::suggest::did_you_mean;
use std::collections::BTreeMap;
use std::path::Path;
use toml::Spanned;
use toml::value::Datetime;

include!(concat!(env!("OUT_DIR"), "/embedded_pricing.rs"));

/// Where a figure came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Provenance {
    /// URL of the source.
    pub source: String,
    /// Date the source states, `YYYY-MM-DD`.
    pub retrieved: String,
    /// True when nobody publishes the figure and it is an estimate.
    pub assumed: bool,
}

/// An on-demand service tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    Standard,
    Batch,
    Flex,
    Priority,
}

impl Tier {
    /// Every tier, in the order they are listed.
    pub const ALL: [Tier; 4] = [Tier::Standard, Tier::Batch, Tier::Flex, Tier::Priority];
    /// Tier names as written in TOML.
    pub const NAMES: [&'static str; 4] = ["standard", "batch", "flex", "priority"];

    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    pub fn parse(name: &str) -> Option<Tier> {
        Self::ALL.into_iter().find(|t| t.as_str() == name)
    }
}

/// A tier's price multiplier against standard, with its provenance.
#[derive(Debug, Clone, PartialEq)]
pub struct TierPrice {
    /// Multiplier applied to every token price of the model (input, output, cache).
    pub multiplier: f64,
    pub provenance: Provenance,
}

/// Prompt-caching prices, USD per million tokens.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CachePrices {
    pub write_usd_per_mtok: f64,
    pub read_usd_per_mtok: f64,
}

/// Default on-demand quota.
#[derive(Debug, Clone, PartialEq)]
pub struct Quota {
    /// Invocations per minute; `None` = not published in the catalog.
    pub rpm: Option<f64>,
    /// Tokens per minute (input + output); `None` = not published in the catalog.
    pub tpm: Option<f64>,
    /// Quota tokens charged per output token (default 1).
    pub output_burndown: f64,
    pub provenance: Option<Provenance>,
}

/// One model's on-demand offer.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// What scenarios refer to.
    pub key: String,
    /// Display name (defaults to the key).
    pub name: String,
    /// The provider's model id.
    pub id: String,
    pub provider: String,
    pub region: String,
    /// USD per million input tokens, standard tier.
    pub input_usd_per_mtok: f64,
    /// USD per million output tokens, standard tier.
    pub output_usd_per_mtok: f64,
    pub cache: Option<CachePrices>,
    pub quota: Quota,
    /// Tiers other than standard.
    pub tiers: BTreeMap<Tier, TierPrice>,
    pub provenance: Provenance,
    pub note: Option<String>,
    /// Catalog file the entry came from.
    pub file: String,
}

impl Model {
    /// The tier's multiplier: 1 for standard, `None` when the model has no such tier.
    pub fn tier_multiplier(&self, tier: Tier) -> Option<f64> {
        match tier {
            Tier::Standard => Some(1.0),
            t => self.tiers.get(&t).map(|p| p.multiplier),
        }
    }

    /// Names of the tiers this model offers, standard first.
    pub fn tier_names(&self) -> Vec<&'static str> {
        std::iter::once("standard").chain(self.tiers.keys().map(|t| t.as_str())).collect()
    }
}

/// The validated catalog: every model, in file order.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub models: Vec<Model>,
    /// Files it was read from.
    pub files: Vec<String>,
}

impl Catalog {
    /// The model with this key.
    pub fn model(&self, key: &str) -> Option<&Model> {
        self.models.iter().find(|m| m.key == key)
    }

    /// Every model key.
    pub fn keys(&self) -> impl Iterator<Item = &str> + Clone {
        self.models.iter().map(|m| m.key.as_str())
    }

    /// The catalog built into the binary.
    pub fn embedded() -> Result<Catalog> {
        let files = EMBEDDED.iter().map(|(p, t)| SourceFile::new(*p, *t)).collect();
        Catalog::from_files(files).map_err(Error::Input)
    }

    /// Every `*.toml` of a directory, or the embedded catalog when `dir` is `None`.
    pub fn load(dir: Option<&Path>) -> Result<Catalog> {
        match dir {
            None => Catalog::embedded(),
            Some(dir) => {
                let files = crate::files::toml_files_in(dir)?;
                if files.is_empty() {
                    return Err(Diagnostic::file(dir.display().to_string(), "no *.toml catalog files in this folder")
                        .help("point --pricing at a folder like the repository's pricing/")
                        .into());
                }
                let sources = files.iter().map(|p| crate::files::read(p)).collect::<Result<Vec<_>>>()?;
                Catalog::from_files(sources).map_err(Error::Input)
            }
        }
    }

    /// Parses and validates catalog files together (keys must be unique across them).
    pub fn from_files(files: Vec<SourceFile>) -> std::result::Result<Catalog, Vec<Diagnostic>> {
        let mut catalog = Catalog::default();
        let mut diags = Vec::new();
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        for file in &files {
            let raw: raw::CatalogFile = match parse(file) {
                Ok(r) => r,
                Err(d) => {
                    diags.push(d);
                    continue;
                }
            };
            let mut ck = Checker::new(file);
            let models = convert_file(&mut ck, &raw);
            for (m, span) in models {
                if let Some(first) = seen.get(&m.key) {
                    ck.error(
                        &span,
                        format!("duplicate model key `{}`", m.key),
                        format!(
                            "`{}` is already defined at {first}; keys must be unique across all catalog files",
                            m.key
                        ),
                    );
                    continue;
                }
                let (l, c) = file.line_col(span.start);
                seen.insert(m.key.clone(), format!("{}:{l}:{c}", file.path));
                catalog.models.push(m);
            }
            diags.extend(ck.diags);
            catalog.files.push(file.path.clone());
        }
        if diags.is_empty() { Ok(catalog) } else { Err(diags) }
    }
}

fn date(ck: &mut Checker, d: &Spanned<Datetime>, key: &str) -> String {
    let v = d.get_ref();
    match (v.date, v.time) {
        (Some(date), None) => date.to_string(),
        _ => {
            ck.error(
                &d.span(),
                format!("`{key}` must be a date, found {v}"),
                "write a date like 2026-03-29 (no quotes, no time)",
            );
            String::new()
        }
    }
}

fn url(ck: &mut Checker, s: &Spanned<String>, key: &str) -> String {
    let v = s.get_ref();
    if !(v.starts_with("https://") || v.starts_with("http://")) {
        ck.error(
            &s.span(),
            format!("`{key}` must be a URL, found \"{v}\""),
            "give the address the figure was read from, starting with https://",
        );
    }
    v.clone()
}

fn convert_file(ck: &mut Checker, raw: &raw::CatalogFile) -> Vec<(Model, std::ops::Range<usize>)> {
    let h = raw.catalog.get_ref();
    if h.currency.get_ref() != "USD" {
        ck.error(
            &h.currency.span(),
            format!("currency must be \"USD\", found \"{}\"", h.currency.get_ref()),
            "infercast prices in USD only for now; convert the prices and write currency = \"USD\"",
        );
    }
    let file_prov = Provenance {
        source: url(ck, &h.source, "source"),
        retrieved: date(ck, &h.retrieved, "retrieved"),
        assumed: false,
    };
    let mut out = Vec::new();
    for m in &raw.model {
        let model = convert_model(ck, m.get_ref(), h, &file_prov);
        out.push((model, m.get_ref().key.span()));
    }
    out
}

fn entry_provenance(
    ck: &mut Checker,
    source: &Option<Spanned<String>>,
    retrieved: &Option<Spanned<Datetime>>,
    assumed: Option<bool>,
    file: &Provenance,
) -> Provenance {
    let mut p = file.clone();
    if let Some(s) = source {
        p.source = url(ck, s, "source");
        match retrieved {
            Some(r) => p.retrieved = date(ck, r, "retrieved"),
            None => ck.error(
                &s.span(),
                "an entry that overrides `source` must give its `retrieved` date too",
                "add `retrieved = YYYY-MM-DD` beside it",
            ),
        }
    } else if let Some(r) = retrieved {
        p.retrieved = date(ck, r, "retrieved");
    }
    p.assumed = assumed.unwrap_or(false);
    p
}

fn convert_model(ck: &mut Checker, m: &raw::Model, h: &raw::Header, file: &Provenance) -> Model {
    let provenance = entry_provenance(ck, &m.source, &m.retrieved, m.assumed, file);
    let cache = match (&m.cache_write_usd_per_mtok, &m.cache_read_usd_per_mtok) {
        (Some(w), Some(r)) => Some(CachePrices {
            write_usd_per_mtok: ck.non_negative(w, "cache_write_usd_per_mtok"),
            read_usd_per_mtok: ck.non_negative(r, "cache_read_usd_per_mtok"),
        }),
        (None, None) => None,
        (Some(one), None) | (None, Some(one)) => {
            let (given, missing) = if m.cache_write_usd_per_mtok.is_some() {
                ("cache_write_usd_per_mtok", "cache_read_usd_per_mtok")
            } else {
                ("cache_read_usd_per_mtok", "cache_write_usd_per_mtok")
            };
            ck.error(
                &one.span(),
                format!("`{given}` is given without `{missing}`; give both cache prices or neither"),
                format!("add `{missing} = …` beside it, or remove `{given}`"),
            );
            None
        }
    };
    let quota_given = m.quota_rpm.is_some() || m.quota_tpm.is_some() || m.quota_output_burndown.is_some();
    let quota_prov = match (&m.quota_source, quota_given) {
        (Some(_), _) => Some(entry_provenance(ck, &m.quota_source, &m.quota_retrieved, Some(false), file)),
        (None, true) => {
            ck.error(
                &m.key.span(),
                format!("model `{}` gives a quota without `quota_source`", m.key.get_ref()),
                "add `quota_source = \"https://…\"` and `quota_retrieved = YYYY-MM-DD`",
            );
            None
        }
        (None, false) => None,
    };
    let quota = Quota {
        rpm: m.quota_rpm.as_ref().map(|v| ck.positive(v, "quota_rpm")),
        tpm: m.quota_tpm.as_ref().map(|v| ck.positive(v, "quota_tpm")),
        output_burndown: m.quota_output_burndown.as_ref().map_or(1.0, |v| ck.positive(v, "quota_output_burndown")),
        provenance: quota_prov,
    };
    Model {
        key: m.key.get_ref().clone(),
        name: m.name.as_ref().map_or_else(|| m.key.get_ref().clone(), |n| n.get_ref().clone()),
        id: m.id.get_ref().clone(),
        provider: h.provider.get_ref().clone(),
        region: h.region.get_ref().clone(),
        input_usd_per_mtok: ck.non_negative(&m.input_usd_per_mtok, "input_usd_per_mtok"),
        output_usd_per_mtok: ck.non_negative(&m.output_usd_per_mtok, "output_usd_per_mtok"),
        cache,
        quota,
        tiers: m.tiers.as_ref().map(|t| convert_tiers(ck, t, &provenance)).unwrap_or_default(),
        provenance,
        note: m.note.clone(),
        file: ck.file.path.clone(),
    }
}

fn convert_tiers(ck: &mut Checker, t: &Spanned<toml::Table>, entry: &Provenance) -> BTreeMap<Tier, TierPrice> {
    let mut out = BTreeMap::new();
    let span = t.span();
    for (name, value) in t.get_ref() {
        let tier = match Tier::parse(name) {
            Some(Tier::Standard) => {
                ck.error(
                    &span,
                    "`standard` is not a tier to list: its multiplier is always 1",
                    "remove `standard` from `tiers`",
                );
                continue;
            }
            Some(tier) => tier,
            None => {
                ck.error(
                    &span,
                    format!("unknown tier `{name}` in `tiers`"),
                    did_you_mean(name, ["batch", "flex", "priority"], "tiers are"),
                );
                continue;
            }
        };
        let price = match value {
            toml::Value::Float(x) => Some(TierPrice { multiplier: *x, provenance: entry.clone() }),
            toml::Value::Integer(x) => Some(TierPrice { multiplier: *x as f64, provenance: entry.clone() }),
            toml::Value::Table(_) => match value.clone().try_into::<raw::TierTable>() {
                Ok(tt) => {
                    let mut p = entry.clone();
                    if let Some(s) = tt.source {
                        p.source = s;
                    }
                    if let Some(r) = tt.retrieved {
                        p.retrieved = r.to_string();
                    }
                    p.assumed = tt.assumed.unwrap_or(false);
                    Some(TierPrice { multiplier: tt.multiplier, provenance: p })
                }
                Err(e) => {
                    ck.error(
                        &span,
                        format!("tier `{name}`: {}", e.message()),
                        "write `{ multiplier = 0.5, source = \"https://…\", retrieved = 2026-01-01 }`",
                    );
                    None
                }
            },
            other => {
                ck.error(
                    &span,
                    format!("tier `{name}` must be a number or a table, found {}", other.type_str()),
                    "write e.g. `batch = 0.5`",
                );
                None
            }
        };
        if let Some(p) = price {
            if !(p.multiplier.is_finite() && p.multiplier > 0.0) {
                ck.error(
                    &span,
                    format!("tier `{name}` multiplier must be a positive number, found {}", p.multiplier),
                    "write e.g. `batch = 0.5`",
                );
                continue;
            }
            out.insert(tier, p);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_catalog_loads_and_has_the_seed_models() {
        let c = Catalog::embedded().expect("bundled catalog is valid");
        for key in [
            "claude-3-haiku",
            "claude-3-sonnet",
            "claude-3.5-sonnet-v2",
            "claude-3.5-haiku",
            "claude-sonnet-4",
            "claude-haiku-4.5",
            "llama-3.1-8b",
            "llama-3.1-70b",
            "llama-3.3-70b",
            "mistral-large-2",
            "nova-micro",
            "nova-lite",
            "nova-pro",
        ] {
            assert!(c.model(key).is_some(), "{key} missing from the bundled catalog");
        }
        // pricing-facts §1b: Claude 3 Sonnet $0.003 / $0.015 per 1K → 3 / 15 per Mtok; batch 0.0015 / 0.003 = 0.5.
        let s = c.model("claude-3-sonnet").unwrap();
        assert_eq!((s.input_usd_per_mtok, s.output_usd_per_mtok), (3.0, 15.0));
        assert_eq!(s.tier_multiplier(Tier::Batch), Some(0.5));
        assert_eq!(s.tier_multiplier(Tier::Flex), None);
        // AWS lists caching as N/A for Claude 3 Sonnet.
        assert_eq!(s.cache, None);
    }

    #[test]
    fn embedded_list_matches_the_pricing_folder() {
        let on_disk = crate::files::toml_files_in(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/pricing"))).unwrap();
        assert_eq!(on_disk.len(), EMBEDDED.len());
    }
}
