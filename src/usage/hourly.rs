//! The hourly CSV (docs/usage-at-scale.md): invocation logs aggregated per hour, model and
//! group by Athena or Trino, streamed row by row into [`Usage`] (measured = hourly).
use super::read::{At, Counts, Options, bad, open};
use super::{Totals, Usage};
use crate::error::Diagnostic;
use std::path::Path;

/// The header the CSV has, in this order.
pub const HEADER: [&str; 8] = [
    "hour",
    "model",
    "group",
    "invocations",
    "input_tokens",
    "output_tokens",
    "cache_read_tokens",
    "cache_write_tokens",
];

/// Reads the CSV at `path` into `usage`; a bad row is skipped while `--skip-bad` allows, else
/// the error at its `file:line:column`, naming the field.
pub fn read(path: &Path, opts: &Options, usage: &mut Usage) -> Result<Counts, Diagnostic> {
    let shown = path.display().to_string();
    let mut csv = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(open(path)?);
    usage.files.push(shown.clone());
    let mut counts = Counts::default();
    let mut row = csv::StringRecord::new();
    let mut header_seen = false;
    loop {
        let line = csv.position().line() as usize;
        let at = At { path: &shown, line, column: None, text: None };
        match csv.read_record(&mut row) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(line, |p| p.line() as usize);
                bad(usage, opts, &At { line, ..at }, format!("this row cannot be read: {}", csv_reason(&e)))?;
                continue;
            }
        }
        let line = row.position().map_or(line, |p| p.line() as usize);
        if !header_seen {
            header(&row, &shown, line)?;
            header_seen = true;
            continue;
        }
        if let Err((field, why)) = add(&row, opts, usage, &mut counts) {
            let text = row.iter().collect::<Vec<_>>().join(",");
            let column = 1 + row.iter().take(field).map(|f| f.chars().count() + 1).sum::<usize>();
            bad(usage, opts, &At { path: &shown, line, column: Some(column), text: Some(&text) }, why)?;
        }
    }
    if !header_seen {
        return Err(Diagnostic::file(&shown, "this file is empty: it has no header and no row")
            .help(format!("an hourly CSV starts with the header `{}`", HEADER.join(","))));
    }
    Ok(counts)
}

fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "it is not UTF-8 text".to_string(),
        _ => crate::error::io_reason(&std::io::Error::other(e.to_string())),
    }
}

/// The first row must be the header, as written.
fn header(row: &csv::StringRecord, path: &str, line: usize) -> Result<(), Diagnostic> {
    if row.iter().map(str::trim).eq(HEADER) {
        return Ok(());
    }
    let got = row.iter().collect::<Vec<_>>().join(",");
    let mut d = Diagnostic::file(path, format!("this is not the hourly CSV's header: `{got}`"));
    d.location = Some((line, 1));
    Err(d.help(format!("the first line is `{}` (docs/usage-at-scale.md)", HEADER.join(","))))
}

/// Counts one row; a bad one is `(the index of its field, why)`.
fn add(row: &csv::StringRecord, opts: &Options, usage: &mut Usage, counts: &mut Counts) -> Result<(), (usize, String)> {
    if row.len() != HEADER.len() {
        let why = format!("this row has {} fields; the header has {}", row.len(), HEADER.len());
        return Err((row.len().min(HEADER.len()), why));
    }
    let hour = hour(row[0].trim()).map_err(|why| (0, why))?;
    let model = row[1].trim();
    if model.is_empty() {
        return Err((1, "`model` is empty".to_string()));
    }
    let group = match row[2].trim() {
        "" => model,
        g => g,
    };
    let mut n = [0u64; 5];
    for (i, slot) in n.iter_mut().enumerate() {
        *slot = number(row[3 + i].trim(), HEADER[3 + i]).map_err(|why| (3 + i, why))?;
    }
    if !opts.in_period(hour) {
        counts.outside += 1;
        return Ok(());
    }
    let [invocations, input, output, cache_read, cache_write] = n;
    let t = Totals { invocations, input, cache_read, cache_write, output, throttles: 0 };
    usage.add_hour(hour, group, model, None, &t);
    Ok(())
}

/// An hour's start: RFC 3339 (`2026-11-03T14:00:00Z`) or `2026-11-03 14:00:00` (UTC, as Athena
/// prints a timestamp, with or without fractional seconds), on the hour.
fn hour(s: &str) -> Result<i64, String> {
    let t = s.parse::<jiff::Timestamp>().ok().or_else(|| {
        let dt: jiff::civil::DateTime = s.parse().ok()?;
        jiff::tz::TimeZone::UTC.to_timestamp(dt).ok()
    });
    let Some(t) = t else {
        return Err(format!("`hour` is not a time like 2026-11-03T14:00:00Z or 2026-11-03 14:00:00: `{s}`"));
    };
    if t.as_second().rem_euclid(super::HOUR_S) != 0 || t.subsec_nanosecond() != 0 {
        return Err(format!("`hour` is not the start of an hour: `{s}`"));
    }
    Ok(t.as_second())
}

/// A whole number of invocations or tokens.
fn number(s: &str, field: &str) -> Result<u64, String> {
    s.parse::<u64>().map_err(|_| match s.parse::<f64>() {
        Ok(x) if x < 0.0 => format!("`{field}` is negative: `{s}`"),
        _ => format!("`{field}` is not a whole number: `{s}`"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_read_as_rfc3339_or_as_athena_prints_them() {
        // 2026-11-03 is day 20,760 (1970–2025: 56 × 365 + 14 leap days = 20,454; Jan–Oct 2026: 304;
        // then 2 more): 20,760 × 86,400 + 14 × 3,600 = 1,793,714,400.
        for s in ["2026-11-03T14:00:00Z", "2026-11-03 14:00:00", "2026-11-03 14:00:00.000", "2026-11-03T15:00:00+01:00"]
        {
            assert_eq!(hour(s), Ok(1_793_714_400), "{s}");
        }
        assert_eq!(
            hour("2026-11-03 14:30:00"),
            Err("`hour` is not the start of an hour: `2026-11-03 14:30:00`".into())
        );
        assert!(hour("14:00").is_err());
    }

    #[test]
    fn numbers_are_whole_and_not_negative() {
        assert_eq!(number("12", "invocations"), Ok(12));
        assert_eq!(number("-1", "input_tokens"), Err("`input_tokens` is negative: `-1`".into()));
        assert_eq!(number("1.5", "input_tokens"), Err("`input_tokens` is not a whole number: `1.5`".into()));
    }
}
