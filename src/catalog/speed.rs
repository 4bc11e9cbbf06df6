//! `[model.speed]`: how fast a model answers one caller (docs/model.md#latency-and-timeouts):
//! output tokens per second while the answer streams and the time to its first token, each a
//! range low–high, with where the figures come from; `[model.speed.global]` and
//! `[model.speed.geo]` where an endpoint's figures are published apart.
use super::convert::{date, url};
use super::raw;
use super::{Endpoint, Provenance};
use crate::input::Checker;
use crate::limits;
use toml::Spanned;

/// A figure known only as a range: low ≤ high.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Spread {
    pub low: f64,
    pub high: f64,
}

impl Spread {
    pub fn exactly(x: f64) -> Self {
        Self { low: x, high: x }
    }
    /// The value a share `u` (0..1) of the way from low to high.
    pub fn at(&self, u: f64) -> f64 {
        self.low + u * (self.high - self.low)
    }
}

/// One endpoint's speed figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Speed {
    /// Output tokens per second one caller sees while the answer streams.
    pub output_tokens_per_s: Spread,
    /// Time to the first token of a streamed call, milliseconds.
    pub ttft_ms: Spread,
    /// `assumed` when nobody publishes this model's speed (the figures are a sibling's).
    pub provenance: Provenance,
    /// How the range was formed from the source.
    pub derivation: Option<String>,
}

/// A model's speed: one set for every endpoint, and the endpoints published apart.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelSpeed {
    pub base: Speed,
    pub global: Option<Speed>,
    pub geo: Option<Speed>,
}

impl ModelSpeed {
    /// The figures of calls through `endpoint`.
    pub fn at(&self, endpoint: Endpoint) -> &Speed {
        let own = match endpoint {
            Endpoint::InRegion => None,
            Endpoint::Geo => self.geo.as_ref(),
            Endpoint::Global => self.global.as_ref(),
        };
        own.unwrap_or(&self.base)
    }
}

pub(super) fn read(ck: &mut Checker, s: &Spanned<raw::SpeedTable>) -> ModelSpeed {
    let t = s.get_ref();
    fn fields(f: &raw::SpeedFigures) -> Fields<'_> {
        Fields {
            output_tokens_per_s: &f.output_tokens_per_s,
            ttft_ms: &f.ttft_ms,
            source: &f.source,
            retrieved: &f.retrieved,
            assumed: f.assumed,
            derivation: &f.derivation,
        }
    }
    let base = Fields {
        output_tokens_per_s: &t.output_tokens_per_s,
        ttft_ms: &t.ttft_ms,
        source: &t.source,
        retrieved: &t.retrieved,
        assumed: t.assumed,
        derivation: &t.derivation,
    };
    ModelSpeed {
        base: figures(ck, &base, s.span()),
        global: t.global.as_ref().map(|g| figures(ck, &fields(g.get_ref()), g.span())),
        geo: t.geo.as_ref().map(|g| figures(ck, &fields(g.get_ref()), g.span())),
    }
}

/// The six fields of a speed table or of an endpoint's sub-table.
struct Fields<'a> {
    output_tokens_per_s: &'a Spanned<toml::Value>,
    ttft_ms: &'a Spanned<toml::Value>,
    source: &'a Option<Spanned<String>>,
    retrieved: &'a Option<Spanned<toml::value::Datetime>>,
    assumed: Option<bool>,
    derivation: &'a Option<String>,
}

fn figures(ck: &mut Checker, f: &Fields, span: std::ops::Range<usize>) -> Speed {
    if f.source.is_none() || f.retrieved.is_none() {
        let missing = match (f.source.is_none(), f.retrieved.is_none()) {
            (true, true) => "the `source` its figures come from and its `retrieved` date",
            (true, false) => "the `source` its figures come from",
            _ => "the `retrieved` date of its source",
        };
        ck.error(
            &span,
            format!("a `[model.speed]` table needs {missing}"),
            "add `source = \"https://…\"` and `retrieved = YYYY-MM-DD` (the date the source states)",
        );
    }
    let source = f.source.as_ref().map(|s| url(ck, s, "source")).unwrap_or_default();
    let retrieved = f.retrieved.as_ref().map(|r| date(ck, r, "retrieved")).unwrap_or_default();
    Speed {
        output_tokens_per_s: spread(
            ck,
            f.output_tokens_per_s,
            "output_tokens_per_s",
            (limits::TOKENS_PER_SECOND, [40, 80]),
        ),
        ttft_ms: spread(ck, f.ttft_ms, "ttft_ms", (limits::MILLISECONDS, [300, 900])),
        provenance: Provenance { source, retrieved, assumed: f.assumed.unwrap_or(false), private: false },
        derivation: f.derivation.clone(),
    }
}

/// A number, or `[low, high]` with low ≤ high, each within `r`.
/// `example`: a range to suggest when the value is not a number.
fn spread(ck: &mut Checker, v: &Spanned<toml::Value>, key: &str, (r, example): (limits::Range, [u32; 2])) -> Spread {
    let number = |x: &toml::Value| x.as_float().or_else(|| x.as_integer().map(|i| i as f64));
    let at = |x: f64| Spanned::new(v.span(), x);
    match v.get_ref() {
        toml::Value::Array(a) if a.len() == 2 && a.iter().all(|x| number(x).is_some()) => {
            let (low, high) = (number(&a[0]).unwrap_or(0.0), number(&a[1]).unwrap_or(0.0));
            let (low, high) = (limits::check(ck, &at(low), key, r), limits::check(ck, &at(high), key, r));
            if low > high {
                ck.error(
                    &v.span(),
                    format!("`{key}` is a range [low, high], found [{low}, {high}]"),
                    format!("write the smaller figure first: [{high}, {low}]"),
                );
            }
            Spread { low: low.min(high), high: high.max(low) }
        }
        x => match number(x) {
            Some(n) => Spread::exactly(limits::check(ck, &at(n), key, r)),
            None => {
                ck.error(
                    &v.span(),
                    format!("`{key}` must be a number or a range [low, high], found {x}"),
                    format!("write e.g. `{key} = [{}, {}]`", example[0], example[1]),
                );
                Spread::exactly(r.min)
            }
        },
    }
}
