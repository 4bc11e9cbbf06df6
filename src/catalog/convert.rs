//! Raw catalog entries → validated models: prices, cache, tiers, quotas, provenance.
use super::raw;
use super::*;
use crate::input::Checker;
use crate::keyword::Keyword;
use crate::limits;
use toml::Spanned;
use toml::value::Datetime;

pub(super) fn date(ck: &mut Checker, d: &Spanned<Datetime>, key: &str) -> String {
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

pub(super) fn url(ck: &mut Checker, s: &Spanned<String>, key: &str) -> String {
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

/// Checks the `[catalog]` header and returns the file-wide provenance.
pub(super) fn header(ck: &mut Checker, h: &raw::Header) -> Provenance {
    ck.identifier(&h.provider.span(), h.provider.get_ref(), "provider");
    ck.identifier(&h.region.span(), h.region.get_ref(), "region");
    if h.currency.get_ref() != "USD" {
        ck.error(
            &h.currency.span(),
            format!("currency must be \"USD\", found \"{}\"", h.currency.get_ref()),
            "infercast prices in USD only for now; convert the prices and write currency = \"USD\"",
        );
    }
    Provenance {
        source: url(ck, &h.source, "source"),
        retrieved: date(ck, &h.retrieved, "retrieved"),
        assumed: false,
        private: false,
    }
}

/// A private figure's source: free text naming the document, never empty.
fn private_source(ck: &mut Checker, s: &Spanned<String>) -> String {
    if s.get_ref().trim().is_empty() {
        ck.error(
            &s.span(),
            "a private figure needs a `source` naming the document it comes from",
            "write e.g. source = \"AWS quote Q-1234, 2026-10-02\"",
        );
    }
    s.get_ref().clone()
}

/// An entry's provenance: the file's, overridden by what the entry states. `private = true`
/// takes a free-text `source` (a quote, a contract) and requires one.
pub(super) fn entry_provenance(
    ck: &mut Checker,
    source: &Option<Spanned<String>>,
    retrieved: &Option<Spanned<Datetime>>,
    assumed: Option<bool>,
    private: Option<&Spanned<bool>>,
    file: &Provenance,
) -> Provenance {
    let mut p = file.clone();
    let private_span = private.filter(|v| *v.get_ref()).map(|v| v.span());
    match (source, &private_span) {
        (Some(s), Some(_)) => p.source = private_source(ck, s),
        (Some(s), None) => p.source = url(ck, s, "source"),
        (None, Some(span)) => ck.error(
            span,
            "a figure marked `private = true` needs a `source` naming the document it comes from",
            "add e.g. source = \"AWS quote Q-1234, 2026-10-02\" and its `retrieved` date beside it",
        ),
        (None, None) => {}
    }
    let private = private_span.is_some();
    match (source, retrieved) {
        (_, Some(r)) => p.retrieved = date(ck, r, "retrieved"),
        (Some(s), None) => ck.error(
            &s.span(),
            "an entry that overrides `source` must give its `retrieved` date too",
            "add `retrieved = YYYY-MM-DD` beside it",
        ),
        (None, None) => {}
    }
    p.assumed = assumed.unwrap_or(false);
    p.private = private;
    p
}

/// Cache prices as given: reads are required whenever any cache price is; writes are optional
/// (without a 5-minute write price, writes bill at the input price).
fn cache_prices(
    ck: &mut Checker,
    write: &Option<Spanned<f64>>,
    write_1h: &Option<Spanned<f64>>,
    read: &Option<Spanned<f64>>,
) -> Option<CachePrices> {
    let written = |ck: &mut Checker, v: &Option<Spanned<f64>>, key: &str| {
        v.as_ref().map(|v| limits::check(ck, v, key, limits::USD_PER_MTOK))
    };
    let write_usd = written(ck, write, "cache_write_usd_per_mtok");
    let write_1h_usd = written(ck, write_1h, "cache_write_1h_usd_per_mtok");
    match read {
        Some(r) => Some(CachePrices {
            write_usd_per_mtok: write_usd,
            write_1h_usd_per_mtok: write_1h_usd,
            read_usd_per_mtok: limits::check(ck, r, "cache_read_usd_per_mtok", limits::USD_PER_MTOK),
        }),
        None => {
            if let Some(given) = write.as_ref().or(write_1h.as_ref()) {
                ck.error(
                    &given.span(),
                    "a cache write price is given without `cache_read_usd_per_mtok`",
                    "add `cache_read_usd_per_mtok = …` (what a cache hit costs), or remove the cache prices",
                );
            }
            None
        }
    }
}

/// The five token prices of one scope, as written: a model's base prices, its `[model.global]`
/// and each `[[model.region_price]]` have the same fields and the same rules.
struct PriceFields<'a> {
    input: &'a Spanned<f64>,
    output: &'a Spanned<f64>,
    write: &'a Option<Spanned<f64>>,
    write_1h: &'a Option<Spanned<f64>>,
    read: &'a Option<Spanned<f64>>,
}

fn price_set(ck: &mut Checker, f: PriceFields) -> PriceSet {
    PriceSet {
        input_usd_per_mtok: limits::check(ck, f.input, "input_usd_per_mtok", limits::USD_PER_MTOK),
        output_usd_per_mtok: limits::check(ck, f.output, "output_usd_per_mtok", limits::USD_PER_MTOK),
        cache: cache_prices(ck, f.write, f.write_1h, f.read),
    }
}

fn global_prices(ck: &mut Checker, g: &raw::PriceTable) -> PriceSet {
    let fields = PriceFields {
        input: &g.input_usd_per_mtok,
        output: &g.output_usd_per_mtok,
        write: &g.cache_write_usd_per_mtok,
        write_1h: &g.cache_write_1h_usd_per_mtok,
        read: &g.cache_read_usd_per_mtok,
    };
    price_set(ck, fields)
}

fn region_price(ck: &mut Checker, r: &raw::RegionPrice, entry: &Provenance) -> RegionPrice {
    let fields = PriceFields {
        input: &r.input_usd_per_mtok,
        output: &r.output_usd_per_mtok,
        write: &r.cache_write_usd_per_mtok,
        write_1h: &r.cache_write_1h_usd_per_mtok,
        read: &r.cache_read_usd_per_mtok,
    };
    ck.identifier(&r.region.span(), r.region.get_ref(), "region");
    RegionPrice {
        region: r.region.get_ref().clone(),
        prices: price_set(ck, fields),
        provenance: entry_provenance(ck, &r.source, &r.retrieved, Some(entry.assumed), r.private.as_ref(), entry),
    }
}

pub(super) fn long_context(ck: &mut Checker, l: &raw::LongContext) -> LongContext {
    LongContext {
        above_input_tokens: limits::check(ck, &l.above_input_tokens, "above_input_tokens", limits::CONTEXT_TOKENS),
        input_multiplier: limits::check(ck, &l.input_multiplier, "input_multiplier", limits::MULTIPLIER),
        output_multiplier: limits::check(ck, &l.output_multiplier, "output_multiplier", limits::MULTIPLIER),
        cache_multiplier: limits::check_or(ck, &l.cache_multiplier, "cache_multiplier", limits::MULTIPLIER, 1.0),
    }
}

/// Regions at the base prices and in `region_price` entries: distinct, and each written once.
fn regions(ck: &mut Checker, m: &raw::Model, h: &raw::Header, region_prices: &[RegionPrice]) -> Vec<String> {
    let base = m.regions.as_ref().map_or_else(|| vec![h.region.get_ref().clone()], |r| r.get_ref().clone());
    if let Some(list) = &m.regions {
        for r in list.get_ref() {
            ck.identifier(&list.span(), r, "regions");
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    for r in base.iter().map(String::as_str).chain(region_prices.iter().map(|r| r.region.as_str())) {
        if seen.contains(&r) {
            let span = m.regions.as_ref().map_or(m.key.span(), |r| r.span());
            ck.error(
                &span,
                format!("model `{}` lists region `{r}` twice", m.key.get_ref()),
                "give each region one price: in `regions` (the base prices) or in one [[model.region_price]]",
            );
        }
        seen.push(r);
    }
    if let Some(r) = &m.regions
        && r.get_ref().is_empty()
    {
        ck.error(&r.span(), "`regions` is empty", "list the regions sold at these prices, e.g. [\"us-east-1\"]");
    }
    base
}

fn status(ck: &mut Checker, m: &raw::Model) -> (Status, Option<String>) {
    let status = m
        .status
        .as_ref()
        .and_then(|s| ck.one_of(s, "status", Status::NAMES))
        .and_then(Status::parse)
        .unwrap_or(Status::Active);
    (status, m.end_of_life.as_ref().map(|d| date(ck, d, "end_of_life")))
}

pub(super) fn model(ck: &mut Checker, m: &raw::Model, h: &raw::Header, file: &Provenance) -> Model {
    ck.identifier(&m.id.span(), m.id.get_ref(), "id");
    if let Some(n) = &m.name {
        ck.identifier(&n.span(), n.get_ref(), "name");
    }
    let provenance = entry_provenance(ck, &m.source, &m.retrieved, m.assumed, m.private.as_ref(), file);
    let base = price_set(
        ck,
        PriceFields {
            input: &m.input_usd_per_mtok,
            output: &m.output_usd_per_mtok,
            write: &m.cache_write_usd_per_mtok,
            write_1h: &m.cache_write_1h_usd_per_mtok,
            read: &m.cache_read_usd_per_mtok,
        },
    );
    let provisioned = m.provisioned.as_ref().map(|p| super::capacity::provisioned(ck, p, &provenance));
    let reserved = m.reserved.as_ref().map(|r| super::capacity::reserved(ck, r, &provenance));
    let region_prices: Vec<RegionPrice> =
        m.region_price.iter().map(|r| region_price(ck, r.get_ref(), &provenance)).collect();
    let (status, end_of_life) = status(ck, m);
    let global = m.global.as_ref().map(|g| global_prices(ck, g.get_ref()));
    let price_periods = super::periods::periods(ck, m, &base, global.as_ref(), &provenance);
    Model {
        key: m.key.get_ref().clone(),
        name: m.name.as_ref().map_or_else(|| m.key.get_ref().clone(), |n| n.get_ref().clone()),
        id: m.id.get_ref().clone(),
        provider: h.provider.get_ref().clone(),
        region: h.region.get_ref().clone(),
        status,
        end_of_life,
        successor: m.successor.as_ref().map(|s| s.get_ref().clone()),
        input_usd_per_mtok: base.input_usd_per_mtok,
        output_usd_per_mtok: base.output_usd_per_mtok,
        cache: base.cache,
        regions: regions(ck, m, h, &region_prices),
        region_prices,
        price_periods,
        profiles: super::profiles::listed(ck, m),
        global,
        long_context: m.long_context.as_ref().map(|l| long_context(ck, l.get_ref())),
        limits: super::call_limits::read(ck, m),
        crosscheck_note: m.crosscheck_note.clone(),
        price_list_note: m.price_list_note.clone(),
        price_list: m.price_list.clone().unwrap_or_default(),
        quota: quota(ck, m, h, file),
        tiers: m.tiers.as_ref().map(|t| super::tiers::tiers(ck, t, &provenance)).unwrap_or_default(),
        provenance,
        note: m.note.clone(),
        file: ck.file.path.clone(),
        provisioned,
        reserved,
        speed: m.speed.as_ref().map(|s| super::speed::read(ck, s)),
        vendor: Vendor::Bedrock,
        capacity: Vec::new(),
    }
}

fn quota(ck: &mut Checker, m: &raw::Model, h: &raw::Header, file: &Provenance) -> Quota {
    let quota_given = m.quota_rpm.is_some() || m.quota_tpm.is_some() || m.quota_output_burndown.is_some();
    let provenance = match (&m.quota_source, quota_given) {
        (Some(_), _) => Some(entry_provenance(ck, &m.quota_source, &m.quota_retrieved, Some(false), None, file)),
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
    Quota {
        rpm: m.quota_rpm.as_ref().map(|v| limits::check(ck, v, "quota_rpm", limits::REQUESTS_PER_MINUTE)),
        rpm_enforced: h.quota_rpm_enforced.unwrap_or(true),
        tpm: m.quota_tpm.as_ref().map(|v| limits::check(ck, v, "quota_tpm", limits::TOKENS_PER_MINUTE)),
        output_burndown: limits::check_or(
            ck,
            &m.quota_output_burndown,
            "quota_output_burndown",
            limits::MULTIPLIER,
            1.0,
        ),
        provenance,
    }
}
