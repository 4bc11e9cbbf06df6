//! The values options take: their parsers and the messages that refuse a value.
use crate::keyword::Keyword;
use crate::output_format::OutputFormat;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};

/// "0.1%" or "0.1" → 0.001; only finite percentages of zero or more.
pub(super) fn parse_percent(s: &str) -> Result<f64, String> {
    let v: f64 = s.trim().trim_end_matches('%').parse().map_err(|_| format!("`{s}` is not a percentage like 0.1%"))?;
    if v.is_finite() && v >= 0.0 {
        Ok(v.abs() / 100.0) // -0 → 0
    } else {
        Err(format!("`{s}` is not a tolerance: give a finite percentage of zero or more, like 0.1%"))
    }
}

/// "5" or "5%" → 5.0 (percent, as given); only finite limits of zero or more, so that no value
/// (NaN compares false with everything) switches the guardrail off.
pub(super) fn parse_limit_pct(s: &str) -> Result<f64, String> {
    let v: f64 = s.trim().trim_end_matches('%').parse().map_err(|_| format!("`{s}` is not a percentage like 5"))?;
    if v.is_finite() && v >= 0.0 {
        Ok(v.abs()) // -0 → 0
    } else {
        Err(format!("`{s}` is not a limit: give a finite percentage of zero or more, like 5"))
    }
}

/// "1000", "1,000" or "$1,000" → 1000.0; only finite amounts of zero or more.
pub(super) fn parse_limit_usd(s: &str) -> Result<f64, String> {
    let digits: String = s.trim().trim_start_matches('$').chars().filter(|c| *c != ',' && *c != '_').collect();
    let v: f64 = digits.parse().map_err(|_| format!("`{s}` is not an amount in USD like 1000"))?;
    if v.is_finite() && v >= 0.0 {
        Ok(v.abs()) // -0 → 0
    } else {
        Err(format!("`{s}` is not a limit: give a finite amount in USD of zero or more, like 1000"))
    }
}

/// "20000", "20_000", "20,000" or "$20,000.50" → a number of USD: one leading `$` and commas
/// between groups of three digits are read as written on a bill; a sign, or a comma anywhere else
/// (`1,5` is 1.5 in much of the world), is refused. At least a cent, finite.
pub(super) fn parse_bill(s: &str) -> Result<f64, String> {
    let t = s.trim();
    let t = t.strip_prefix('$').unwrap_or(t);
    if t.starts_with('+') {
        return Err(format!("`{s}` has a sign: write the amount alone, like 20000"));
    }
    let whole = t.split(['.', 'e', 'E']).next().unwrap_or("");
    let groups: Vec<&str> = whole.split(',').collect();
    let grouped = groups.len() == 1 || (matches!(groups[0].len(), 1..=3) && groups[1..].iter().all(|g| g.len() == 3));
    let v: f64 = t.replace([',', '_'], "").parse().ok().filter(|_| grouped).ok_or_else(|| {
        format!("`{s}` is not an amount in USD like 20000 or 20,000 (commas only between groups of three digits)")
    })?;
    if v.is_finite() && v >= 0.01 {
        Ok(v)
    } else {
        Err(format!("`{s}` is not a bill: give a finite amount in USD of at least 0.01, like 20000"))
    }
}

/// "2000" or "2,000" → 2000; a whole number from 1 to [`crate::simulate::MAX_SAMPLES`].
pub(super) fn parse_samples(s: &str) -> Result<usize, String> {
    let digits: String = s.trim().chars().filter(|c| *c != ',' && *c != '_').collect();
    let max = crate::simulate::MAX_SAMPLES;
    match digits.parse::<usize>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(format!("`{s}` is not a sample count: give a whole number from 1 to 100,000, like 2000")),
    }
}

/// A whole number of threads from 1 to 256.
pub(super) fn parse_threads(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(n) if (1..=256).contains(&n) => Ok(n),
        _ => Err(format!("`{s}` is not a thread count: give a whole number from 1 to 256")),
    }
}

/// "2026-11-25" → days since 1970-01-01; "2026-02-31" is refused (February has 28 days).
pub(super) fn parse_date(s: &str) -> Result<i64, String> {
    crate::dates::check(s).map_err(|e| e.describe(s))
}

/// `--group-by requestMetadata.KEY` → `KEY`.
pub(super) fn parse_group_by(s: &str) -> Result<String, String> {
    match s.strip_prefix("requestMetadata.") {
        Some(key) if !key.is_empty() => Ok(key.to_string()),
        _ => Err(format!("`{s}` is not a tag: write requestMetadata.KEY, like requestMetadata.feature")),
    }
}

/// `--format`: one of the formats a command accepts, `accepted`; clap lists them, with what
/// each is for, when a value is not one of them. Each word of `table_aliases` (hidden from the
/// lists) reads as `table`: `baseline check` called it `text`.
pub(super) fn formats(
    accepted: &'static [OutputFormat],
    table_aliases: &'static [&'static str],
) -> impl TypedValueParser<Value = OutputFormat> {
    let values = accepted.iter().map(|f| {
        let value = PossibleValue::new(f.as_str()).help(f.help());
        if *f == OutputFormat::Table { value.aliases(table_aliases.iter().copied()) } else { value }
    });
    PossibleValuesParser::new(values).try_map(move |s| {
        let alias = table_aliases.contains(&s.as_str()).then_some(OutputFormat::Table);
        OutputFormat::parse(&s).or(alias).ok_or_else(|| format!("`{s}` is not an output format"))
    })
}

/// A closed set of words: clap lists them when a value is not one of them.
pub(super) fn keyword<K: Keyword + Send + Sync + Clone>() -> impl TypedValueParser<Value = K> {
    PossibleValuesParser::new(K::NAMES).map(|s| K::parse(&s).expect("clap passes only listed names"))
}

/// `--gpus`, `--tp`: a whole number of GPUs from 1 to 65,536.
pub(super) fn parse_gpus(s: &str) -> Result<u32, String> {
    match s.trim().replace(['_', ','], "").parse::<u32>() {
        Ok(n) if (1..=65_536).contains(&n) => Ok(n),
        _ => Err(format!("`{s}` is not a GPU count: give a whole number from 1 to 65,536, like 8")),
    }
}

/// `--input`, `--output`: a whole number of tokens from 1 to 100,000,000 ("1,000" reads 1000).
pub(super) fn parse_tokens(s: &str) -> Result<f64, String> {
    match s.trim().replace(['_', ','], "").parse::<u64>() {
        Ok(n) if (1..=100_000_000).contains(&n) => Ok(n as f64),
        _ => Err(format!("`{s}` is not a token count: give a whole number from 1 to 100,000,000, like 1000")),
    }
}

/// `--concurrency`: requests in flight across the group, finite and above zero (an average may
/// be fractional), at most 100,000,000.
pub(super) fn parse_concurrency(s: &str) -> Result<f64, String> {
    let v: f64 = s
        .trim()
        .replace('_', "")
        .parse()
        .map_err(|_| format!("`{s}` is not a concurrency: give a number of requests in flight above 0, like 64"))?;
    if v.is_finite() && v > 0.0 && v <= 1e8 {
        Ok(v)
    } else {
        Err(format!(
            "`{s}` is not a concurrency: give a number of requests in flight above 0 and at most 100,000,000, like 64"
        ))
    }
}

/// "2%" → 0.02, "0.02" → 0.02: a finite fraction of zero or more.
pub(super) fn parse_tolerance(s: &str) -> Result<f64, String> {
    let t = s.trim();
    let (digits, scale) = match t.strip_suffix('%') {
        Some(d) => (d, 100.0),
        None => (t, 1.0),
    };
    let bad = || format!("`{s}` is not a tolerance: give a percentage like 2% or a fraction like 0.02, zero or more");
    let v: f64 = digits.trim().parse().map_err(|_| bad())?;
    if v.is_finite() && v >= 0.0 { Ok(v.abs() / scale) } else { Err(bad()) }
}
