//! Prices that change on a date (docs/catalog.md#price-periods): `[[model.price_period]]` blocks
//! override some of a model's undated on-demand figures from one day to another, and each month
//! of a horizon is priced with the figures in force on its days.
use super::convert::{date, entry_provenance};
use super::raw;
use super::{Endpoint, Model, PriceSet, Provenance};
use crate::input::Checker;
use crate::limits;
use toml::Spanned;

/// The prices of one scope a period changes; `None` keeps the undated figure.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PriceChange {
    pub input: Option<f64>,
    pub output: Option<f64>,
    pub cache_write: Option<f64>,
    pub cache_write_1h: Option<f64>,
    pub cache_read: Option<f64>,
}

impl PriceChange {
    /// `set` with this period's figures in place of the undated ones.
    pub fn apply(&self, set: PriceSet) -> PriceSet {
        let mut out = set;
        out.input_usd_per_mtok = self.input.unwrap_or(set.input_usd_per_mtok);
        out.output_usd_per_mtok = self.output.unwrap_or(set.output_usd_per_mtok);
        if let Some(c) = out.cache.as_mut() {
            c.write_usd_per_mtok = self.cache_write.or(c.write_usd_per_mtok);
            c.write_1h_usd_per_mtok = self.cache_write_1h.or(c.write_1h_usd_per_mtok);
            c.read_usd_per_mtok = self.cache_read.unwrap_or(c.read_usd_per_mtok);
        }
        out
    }
}

/// A span of days on which some of a model's on-demand figures differ from its undated ones: a
/// promotion, or a price before or after an announced change. Both ends are inclusive.
#[derive(Debug, Clone, PartialEq)]
pub struct PricePeriod {
    /// First day in force, `YYYY-MM-DD`; `None`: since ever.
    pub from: Option<String>,
    /// Last day in force, `YYYY-MM-DD`; `None`: for good.
    pub until: Option<String>,
    /// In-region (and geographic-profile) prices of the base regions.
    pub base: PriceChange,
    /// Global cross-region profile prices.
    pub global: PriceChange,
    pub provenance: Provenance,
}

impl PricePeriod {
    /// First and last day in force, as days since 1970-01-01 (open ends at ±∞ days).
    pub fn days(&self) -> (i64, i64) {
        let day = |d: &Option<String>, open| d.as_deref().and_then(crate::dates::parse).unwrap_or(open);
        (day(&self.from, i64::MIN), day(&self.until, i64::MAX))
    }

    /// Every figure the period sets as (name, USD per million tokens), named as
    /// [`Model::price_figures`] names them (`input`, `global cache_read`, …); for baselines.
    pub fn figures(&self) -> Vec<(String, f64)> {
        let mut out = Vec::new();
        for (scope, c) in [("", &self.base), ("global ", &self.global)] {
            let given = [c.input, c.output, c.cache_write, c.cache_write_1h, c.cache_read];
            let names = ["input", "output", "cache_write", "cache_write_1h", "cache_read"];
            out.extend(names.iter().zip(given).filter_map(|(n, v)| v.map(|v| (format!("{scope}{n}"), v))));
        }
        out
    }

    pub fn covers(&self, day: i64) -> bool {
        let (from, until) = self.days();
        from <= day && day <= until
    }
}

/// Which of a model's price scopes an option pays, as far as periods go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Base,
    Global,
    /// A region with prices of its own: periods do not change them.
    OwnRegion,
}

impl Model {
    fn scope(&self, endpoint: Endpoint, region: &str) -> Scope {
        match endpoint {
            Endpoint::Global => Scope::Global,
            _ if self.regions.iter().any(|r| r == region) => Scope::Base,
            _ => Scope::OwnRegion,
        }
    }

    /// The prices an on-demand call through `endpoint` from `region` pays on `day` (days since
    /// 1970-01-01): [`Model::prices`] with the period in force that day, if any.
    pub fn prices_on(&self, day: i64, endpoint: Endpoint, region: &str) -> Result<PriceSet, String> {
        let set = self.prices(endpoint, region)?;
        let scope = self.scope(endpoint, region);
        Ok(match self.price_periods.iter().find(|p| p.covers(day)) {
            Some(p) if scope == Scope::Base => p.base.apply(set),
            Some(p) if scope == Scope::Global => p.global.apply(set),
            _ => set,
        })
    }
}

fn change(ck: &mut Checker, f: [&Option<Spanned<f64>>; 5]) -> PriceChange {
    let v: Vec<Option<f64>> = f
        .iter()
        .zip(NAMES)
        .map(|(x, name)| x.as_ref().map(|x| limits::check(ck, x, name, limits::USD_PER_MTOK)))
        .collect();
    PriceChange { input: v[0], output: v[1], cache_write: v[2], cache_write_1h: v[3], cache_read: v[4] }
}

fn base_fields(p: &raw::PricePeriod) -> [&Option<Spanned<f64>>; 5] {
    [
        &p.input_usd_per_mtok,
        &p.output_usd_per_mtok,
        &p.cache_write_usd_per_mtok,
        &p.cache_write_1h_usd_per_mtok,
        &p.cache_read_usd_per_mtok,
    ]
}

fn fields(p: &raw::PeriodPrices) -> [&Option<Spanned<f64>>; 5] {
    [
        &p.input_usd_per_mtok,
        &p.output_usd_per_mtok,
        &p.cache_write_usd_per_mtok,
        &p.cache_write_1h_usd_per_mtok,
        &p.cache_read_usd_per_mtok,
    ]
}

/// Every `[[model.price_period]]` of `m`, checked: dates in order, a change to a price the model
/// has, and no day covered twice. `base` and `global` are the model's undated prices.
pub(super) fn periods(
    ck: &mut Checker,
    m: &raw::Model,
    base: &PriceSet,
    global: Option<&PriceSet>,
    entry: &Provenance,
) -> Vec<PricePeriod> {
    let mut out: Vec<(PricePeriod, std::ops::Range<usize>)> = Vec::new();
    for p in &m.price_period {
        let span = p.span();
        let r = p.get_ref();
        let Some(period) = period(ck, m, r, (base, global), entry) else { continue };
        let at = r.from.as_ref().or(r.until.as_ref()).map_or(span, |d| d.span());
        if let Some((other, other_at)) = out.iter().find(|(o, _)| overlap(o, &period)) {
            let (line, _) = ck.file.line_col(other_at.start);
            ck.error(
                &at,
                format!(
                    "price period {} of `{}` overlaps the period {} at line {line}",
                    describe(&period),
                    m.key.get_ref(),
                    describe(other)
                ),
                "a day has one price: end the earlier period the day before the later one starts (`until` is the \
                 last day a period's prices apply)",
            );
            continue;
        }
        out.push((period, at));
    }
    let mut periods: Vec<PricePeriod> = out.into_iter().map(|(p, _)| p).collect();
    periods.sort_by_key(|p| p.days().0);
    periods
}

fn period(
    ck: &mut Checker,
    m: &raw::Model,
    r: &raw::PricePeriod,
    (base, global): (&PriceSet, Option<&PriceSet>),
    entry: &Provenance,
) -> Option<PricePeriod> {
    let from = r.from.as_ref().map(|d| date(ck, d, "from"));
    let until = r.until.as_ref().map(|d| date(ck, d, "until"));
    let key = m.key.get_ref();
    let Some(at) = r.from.as_ref().or(r.until.as_ref()).map(|d| d.span()) else {
        let d = r.source.as_ref().map(|s| s.span()).unwrap_or(m.key.span());
        ck.error(
            &d,
            format!("a price period of `{key}` has neither `from` nor `until`"),
            "give the first day its prices apply (`from = 2026-08-21`), the last (`until = 2026-08-20`), or both; \
             prices in force for good are the model's undated figures",
        );
        return None;
    };
    let period = PricePeriod {
        from,
        until,
        base: change(ck, base_fields(r)),
        global: r.global.as_ref().map_or_else(PriceChange::default, |g| change(ck, fields(g.get_ref()))),
        provenance: entry_provenance(ck, &r.source, &r.retrieved, Some(entry.assumed), None, entry),
    };
    let (first, last) = period.days();
    if let (Some(f), Some(u)) = (&period.from, &period.until)
        && first > last
    {
        ck.error(
            &r.until.as_ref().unwrap().span(),
            format!("price period of `{key}` ends on {u}, before it starts on {f}"),
            "`until` is the last day the period's prices apply: make it the `from` day or later",
        );
        return None;
    }
    if !changes(ck, key, r, (base, global)) {
        ck.error(
            &at,
            format!("price period {} of `{key}` changes nothing", describe(&period)),
            "give the prices in force during the period that differ from the model's undated ones \
             (e.g. input_usd_per_mtok = 5.50), or remove the period",
        );
        return None;
    }
    Some(period)
}

/// True when the period changes at least one figure (or names one the model does not have, which
/// is reported here).
fn changes(ck: &mut Checker, key: &str, r: &raw::PricePeriod, (base, global): (&PriceSet, Option<&PriceSet>)) -> bool {
    let mut any = false;
    let global_fields = r.global.as_ref().map(|g| fields(g.get_ref()));
    for (set, written, scope) in [(Some(base), Some(base_fields(r)), ""), (global, global_fields, "global ")] {
        let Some(written) = written else { continue };
        let Some(set) = set else {
            let at = r.global.as_ref().map(|g| g.span()).unwrap_or_default();
            ck.error(
                &at,
                format!("a price period of `{key}` changes its global prices, but `{key}` has no `[model.global]`"),
                "give the model's global prices in [model.global] first, or remove the period's `global`",
            );
            return true;
        };
        for (i, v) in written.into_iter().enumerate() {
            let Some(v) = v else { continue };
            match figure(set, i) {
                None => {
                    ck.error(
                        &v.span(),
                        format!(
                            "a price period of `{key}` changes its {scope}{}, which the model does not have",
                            NAMES[i]
                        ),
                        format!("give the model's undated {scope}{} first, or remove it from the period", NAMES[i]),
                    );
                    // Reported: not also "changes nothing".
                    any = true;
                }
                Some(x) if x != *v.get_ref() => any = true,
                Some(_) => {}
            }
        }
    }
    any
}

const NAMES: [&str; 5] = [
    "input_usd_per_mtok",
    "output_usd_per_mtok",
    "cache_write_usd_per_mtok",
    "cache_write_1h_usd_per_mtok",
    "cache_read_usd_per_mtok",
];

/// The undated figure `i` (in [`NAMES`] order) of a scope, where the model has it.
fn figure(set: &PriceSet, i: usize) -> Option<f64> {
    match i {
        0 => Some(set.input_usd_per_mtok),
        1 => Some(set.output_usd_per_mtok),
        2 => set.cache.and_then(|c| c.write_usd_per_mtok),
        3 => set.cache.and_then(|c| c.write_1h_usd_per_mtok),
        _ => set.cache.map(|c| c.read_usd_per_mtok),
    }
}

fn overlap(a: &PricePeriod, b: &PricePeriod) -> bool {
    let ((af, au), (bf, bu)) = (a.days(), b.days());
    af <= bu && bf <= au
}

/// "from 2026-08-21", "until 2026-08-20", "2026-11-01 – 2026-11-30".
pub fn describe(p: &PricePeriod) -> String {
    match (&p.from, &p.until) {
        (Some(f), Some(u)) => format!("{f} – {u}"),
        (Some(f), None) => format!("from {f}"),
        (None, Some(u)) => format!("until {u}"),
        (None, None) => "always".to_string(),
    }
}
