//! The documented range of every numeric input (docs/model.md#limits-of-the-inputs). The ranges
//! are wide enough for any real plan and narrow enough that every figure infercast derives from
//! them stays finite: a value outside its range is a located error naming the field.
use crate::input::Checker;
use toml::Spanned;

/// A closed range; `min_nonzero`, when set, also admits exactly 0 below `min` (a price of 0 is
/// a free model, a price of 1e-320 is a typo that would underflow).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    pub min: f64,
    pub max: f64,
    pub zero_allowed: bool,
    /// What the numbers count, for the message.
    pub unit: &'static str,
}

/// The largest `growth_per_month`: +100 % a month, traffic doubling every month. Above it a
/// value is a percentage written as a whole number (docs/model.md#limits-of-the-inputs).
pub const MAX_GROWTH: f64 = 1.0;

/// Tokens of one message, answer, prompt, thought or tool result: up to ten million.
pub const TOKENS: Range = Range { min: 0.0, max: 1e7, zero_allowed: true, unit: "tokens" };
/// A request's token budget.
pub const TOKEN_BUDGET: Range = Range { min: 1.0, max: 1e12, zero_allowed: false, unit: "tokens" };
/// Requests in any month of the horizon: one to a thousand trillion.
pub const REQUESTS_PER_MONTH: Range = Range { min: 1.0, max: 1e15, zero_allowed: false, unit: "requests a month" };
/// Token prices, USD per million tokens.
pub const USD_PER_MTOK: Range = Range { min: 1e-9, max: 1e6, zero_allowed: true, unit: "USD per million tokens" };
/// Hourly prices of a model unit or an instance.
pub const USD_PER_HOUR: Range = Range { min: 1e-6, max: 1e7, zero_allowed: false, unit: "USD an hour" };
/// Reserved-tier prices per 1,000 tokens per minute for a month.
pub const USD_PER_1K_TPM_MONTH: Range =
    Range { min: 1e-6, max: 1e7, zero_allowed: false, unit: "USD per 1,000 tokens per minute a month" };
/// Tokens per minute: quotas, model-unit throughput, Reserved purchases.
pub const TOKENS_PER_MINUTE: Range = Range { min: 1.0, max: 1e15, zero_allowed: false, unit: "tokens a minute" };
/// A Reserved tier's minimum purchase (0: no minimum).
pub const MIN_TOKENS_PER_MINUTE: Range = Range { min: 1.0, max: 1e15, zero_allowed: true, unit: "tokens a minute" };
/// Requests per minute of a quota.
pub const REQUESTS_PER_MINUTE: Range = Range { min: 1.0, max: 1e12, zero_allowed: false, unit: "requests a minute" };
/// Price multipliers (tiers, long context) and quota burndown.
pub const MULTIPLIER: Range = Range { min: 1e-3, max: 1e3, zero_allowed: false, unit: "times" };
/// Monthly and one-off costs of running a deployment.
pub const USD: Range = Range { min: 0.0, max: 1e12, zero_allowed: true, unit: "USD" };
/// Rerank prices, USD per 1,000 queries.
pub const USD_PER_1K_QUERIES: Range = Range { min: 1e-9, max: 1e6, zero_allowed: true, unit: "USD per 1,000 queries" };
/// Units of a vector store: a service's minimum, a scenario's `[[fixed]]` count (0.5 OCU steps exist).
pub const SERVICE_UNITS: Range = Range { min: 0.0, max: 1e6, zero_allowed: true, unit: "units" };
/// Retrieved chunks per call.
pub const CHUNKS: Range = Range { min: 1.0, max: 1e3, zero_allowed: false, unit: "chunks" };
/// Tokens of one retrieved chunk.
pub const CHUNK_TOKENS: Range = Range { min: 1.0, max: 1e6, zero_allowed: false, unit: "tokens" };
/// Tokens of a corpus embedded at ingestion.
pub const CORPUS_TOKENS: Range = Range { min: 0.0, max: 1e15, zero_allowed: true, unit: "tokens" };
/// Full re-embeddings of the corpus a month.
pub const REFRESHES_PER_MONTH: Range = Range { min: 0.0, max: 1e4, zero_allowed: true, unit: "refreshes a month" };
/// Input tokens of one call above which long-context prices apply.
pub const CONTEXT_TOKENS: Range = Range { min: 1.0, max: 1e9, zero_allowed: false, unit: "tokens" };

/// What one token counts as in a capacity unit's budget (docs/catalog.md#capacity-products).
pub const UNIT_WEIGHT: Range = Range { min: 1e-6, max: 1e3, zero_allowed: true, unit: "input tokens" };
/// A published price of one capacity unit for its period.
pub const USD_PER_UNIT: Range = Range { min: 1e-6, max: 1e9, zero_allowed: false, unit: "USD per unit" };
/// Units of a capacity product: a minimum, an increment, a count bought.
pub const MAX_UNITS: i64 = 1_000_000;

/// Output tokens per second one caller sees.
pub const TOKENS_PER_SECOND: Range = Range { min: 1e-3, max: 1e6, zero_allowed: false, unit: "tokens a second" };
/// Times to first token, milliseconds: up to a day.
pub const MILLISECONDS: Range = Range { min: 1e-3, max: 8.64e7, zero_allowed: false, unit: "milliseconds" };
/// Timeouts and waits, seconds: up to a day.
pub const SECONDS: Range = Range { min: 1e-3, max: 86_400.0, zero_allowed: false, unit: "seconds" };
/// A tool's latency per agent step, seconds (0: none).
pub const TOOL_SECONDS: Range = Range { min: 1e-3, max: 86_400.0, zero_allowed: true, unit: "seconds" };

/// `v` if it lies in `r`; otherwise a located error and `r.min`.
pub fn check(ck: &mut Checker, v: &Spanned<f64>, key: &str, r: Range) -> f64 {
    let x = *v.get_ref();
    if x.is_finite() && ((r.zero_allowed && x == 0.0) || (x >= r.min && x <= r.max)) {
        return x;
    }
    let range = if r.zero_allowed && r.min > 0.0 {
        format!("0, or from {} to {} {}", short(r.min), short(r.max), r.unit)
    } else {
        format!("from {} to {} {}", short(r.min), short(r.max), r.unit)
    };
    let found = if x.is_finite() { short(x) } else { x.to_string() };
    ck.error(
        &v.span(),
        format!("`{key}` must be {range}, found {found}"),
        "use a value in that range (the limits keep every figure finite; docs/model.md#limits-of-the-inputs)",
    );
    r.min
}

/// Like [`check`] for an optional field, with a default.
pub fn check_or(ck: &mut Checker, v: &Option<Spanned<f64>>, key: &str, r: Range, default: f64) -> f64 {
    v.as_ref().map_or(default, |v| check(ck, v, key, r))
}

/// 1e15 → "1e15", 0.001 → "0.001", 10000000 → "1e7": short and exact for the limits.
pub fn short(x: f64) -> String {
    if x != 0.0 && (x.abs() >= 1e6 || x.abs() < 1e-3) { format!("{x:e}") } else { format!("{x}") }
}

/// Options and plans one scenario may price together: every one is priced month by month,
/// at each break-even volume and in each `simulate` draw, so time and memory grow with them
/// (docs/model.md#limits-of-the-inputs).
pub const MAX_LINES: usize = 100;
/// Entries of an agent `steps` distribution: each is an agent loop priced call by call.
pub const MAX_STEP_ENTRIES: usize = 64;
/// Monthly costs one `simulate` run keeps (samples × months × options and plans): 24 million,
/// about 200 MB, so 2,000 draws of 100 lines over 120 months, what `report` draws, always fit.
pub const MAX_SIMULATED_COSTS: usize = 24_000_000;

/// Refuses more than [`MAX_LINES`] options and plans, at the first one past the limit.
pub fn lines<O, P>(ck: &mut Checker, options: &[Spanned<O>], plans: &[Spanned<P>]) {
    let (o, p) = (options.len(), plans.len());
    if o + p <= MAX_LINES {
        return;
    }
    let span = options.get(MAX_LINES).map_or_else(|| plans[MAX_LINES - o].span(), |x| x.span());
    ck.error(
        &span,
        format!("this scenario has {o} options and {p} plans; infercast prices at most {MAX_LINES} together"),
        "split them over several scenario files (docs/model.md#limits-of-the-inputs)",
    );
}

/// Refuses a `steps` distribution of more than [`MAX_STEP_ENTRIES`] entries; true when refused.
pub fn step_entries(ck: &mut Checker, steps: &Spanned<toml::Value>) -> bool {
    let n = steps.get_ref().as_table().map_or(0, |t| t.len());
    if n > MAX_STEP_ENTRIES {
        ck.error(
            &steps.span(),
            format!("`steps` has {n} entries; a distribution may have at most {MAX_STEP_ENTRIES}"),
            "group nearby step counts into one entry (their probabilities add up); \
             docs/model.md#limits-of-the-inputs",
        );
    }
    n > MAX_STEP_ENTRIES
}
