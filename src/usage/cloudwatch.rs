//! CloudWatch `AWS/Bedrock` metrics (docs/usage.md#cloudwatch-metrics): the JSON that
//! `aws cloudwatch get-metric-data` prints, or a CSV of `timestamp,model,metric,value` rows,
//! at any period, into [`Usage`] hour by hour.
//!
//! A get-metric-data result names neither the model nor the metric by itself, only its `Label`:
//! the query gives each one the label `"<ModelId> <MetricName>"`, most simply with the dynamic
//! label `${PROP('Dim.ModelId')} ${PROP('MetricName')}`.
use super::read::{Counts, Options};
use super::{HOUR_S, Measured, Totals, Usage};
use crate::error::Diagnostic;
use crate::source::SourceFile;

/// The metrics read, as CloudWatch names them; any other is refused (a typo would drop data).
pub const METRICS: &[&str] = &[
    "Invocations",
    "InputTokenCount",
    "OutputTokenCount",
    "CacheReadInputTokenCount",
    "CacheWriteInputTokenCount",
    "InvocationThrottles",
];

#[derive(serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Document {
    metric_data_results: Vec<Series>,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Series {
    label: String,
    timestamps: Vec<String>,
    values: Vec<f64>,
}

/// One datapoint: when its period starts, its length, whose and which metric, and its value.
struct Point<'a> {
    start_s: i64,
    period_s: i64,
    model: &'a str,
    metric: &'a str,
    value: f64,
}

/// Reads `file` (JSON when it starts with `{`, else CSV) into a new [`Usage`] of CloudWatch
/// data; `period_s` is the datapoints' period (a get-metric-data result does not say it). Hours
/// outside `--from`/`--to` are counted in [`Counts::outside`], not added.
pub fn read(file: &SourceFile, period_s: i64, opts: &Options) -> Result<(Usage, Counts), Diagnostic> {
    let mut sink = Sink { usage: Usage::new(Measured::CloudWatch), counts: Counts::default(), opts };
    sink.usage.files.push(file.path.clone());
    if file.text.trim_start().starts_with('{') {
        json(file, period_s, &mut sink)?;
    } else {
        csv(file, period_s, &mut sink)?;
    }
    Ok((sink.usage, sink.counts))
}

/// What the datapoints are added to, and the period kept.
struct Sink<'a> {
    usage: Usage,
    counts: Counts,
    opts: &'a Options,
}

fn json(file: &SourceFile, period_s: i64, usage: &mut Sink) -> Result<(), Diagnostic> {
    let doc: Document = serde_json::from_str(&file.text).map_err(|e| {
        let offset = offset_of(&file.text, e.line(), e.column());
        Diagnostic::at(file, &(offset..offset + 1), format!("not get-metric-data JSON: {e}"))
            .help("give the output of `aws cloudwatch get-metric-data … --output json`, or a CSV of timestamp,model,metric,value")
    })?;
    for r in &doc.metric_data_results {
        let at = label_span(&file.text, &r.label);
        let Some((model, metric)) = r.label.rsplit_once(' ') else {
            return Err(Diagnostic::at(file, &at, format!("the label \"{}\" names no model and metric", r.label))
                .help("label each query \"<ModelId> <MetricName>\", e.g. with ${PROP('Dim.ModelId')} ${PROP('MetricName')}"));
        };
        if r.timestamps.len() != r.values.len() {
            return Err(Diagnostic::at(
                file,
                &at,
                format!("\"{}\" has {} timestamps and {} values", r.label, r.timestamps.len(), r.values.len()),
            )
            .help("give the result as CloudWatch printed it"));
        }
        for (t, v) in r.timestamps.iter().zip(&r.values) {
            let start_s = timestamp(t).ok_or_else(|| {
                Diagnostic::at(file, &at, format!("\"{}\" has a timestamp that is not RFC 3339: \"{t}\"", r.label))
                    .help("write e.g. 2026-11-03T14:00:00Z")
            })?;
            add(usage, &Point { start_s, period_s, model, metric, value: *v })
                .map_err(|why| Diagnostic::at(file, &at, why).help(metrics_help()))?;
        }
    }
    Ok(())
}

fn csv(file: &SourceFile, period_s: i64, usage: &mut Sink) -> Result<(), Diagnostic> {
    let mut lines = file.text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty());
    let header = lines.next().map(|(_, l)| l.trim());
    if header != Some("timestamp,model,metric,value") {
        return Err(Diagnostic::at(
            file,
            &(0..file.text.lines().next().map_or(0, str::len).max(1)),
            "not a CloudWatch CSV",
        )
        .help("the header is timestamp,model,metric,value (one row per datapoint)"));
    }
    for (i, line) in lines {
        let start = file.text.lines().take(i).map(|l| l.len() + 1).sum::<usize>();
        let span = start..start + line.len().max(1);
        let cells: Vec<&str> = line.split(',').map(str::trim).collect();
        let [t, model, metric, value] = cells[..] else {
            return Err(Diagnostic::at(file, &span, format!("a row needs 4 cells, found {}", cells.len()))
                .help("write timestamp,model,metric,value"));
        };
        let start_s = timestamp(t).ok_or_else(|| {
            Diagnostic::at(file, &span, format!("`timestamp` is not RFC 3339: \"{t}\""))
                .help("write e.g. 2026-11-03T14:00:00Z")
        })?;
        let value: f64 = value.parse().map_err(|_| {
            Diagnostic::at(file, &span, format!("`value` is not a number: \"{value}\""))
                .help("write a count, e.g. 1200")
        })?;
        add(usage, &Point { start_s, period_s, model, metric, value })
            .map_err(|why| Diagnostic::at(file, &span, why).help(metrics_help()))?;
    }
    Ok(())
}

/// Adds one datapoint to its hours: a period within an hour to that hour; a longer one spread
/// evenly over the hours it spans (its shape within is then not measured).
fn add(sink: &mut Sink, p: &Point) -> Result<(), String> {
    if !METRICS.contains(&p.metric) {
        return Err(format!("`{}` is not a metric infercast reads", p.metric));
    }
    if !p.value.is_finite() || p.value < 0.0 {
        return Err(format!("`{}` of `{}` is {}: a count must be 0 or more", p.metric, p.model, p.value));
    }
    // The count in whole units, shared so the hours add up to it: the first `rem` get one more.
    let hours = (p.period_s / HOUR_S).max(1);
    let total = p.value.round() as u64;
    let (base, rem) = (total / hours as u64, total % hours as u64);
    for h in 0..hours {
        let share = base + u64::from((h as u64) < rem);
        let mut t = Totals::default();
        match p.metric {
            "Invocations" => t.invocations = share,
            "InputTokenCount" => t.input = share,
            "OutputTokenCount" => t.output = share,
            "CacheReadInputTokenCount" => t.cache_read = share,
            "CacheWriteInputTokenCount" => t.cache_write = share,
            _ => t.throttles = share,
        }
        let hour = p.start_s + h * HOUR_S;
        if sink.opts.in_period(hour) {
            sink.usage.add_hour(hour, p.model, p.model, None, &t);
        } else {
            sink.counts.outside += 1;
        }
    }
    Ok(())
}

/// What to write instead of a metric infercast does not read (or a negative count).
fn metrics_help() -> String {
    format!("the metrics read: {}, each a count of 0 or more", METRICS.join(", "))
}

/// Unix seconds of an RFC 3339 timestamp (CloudWatch prints `2026-11-03T14:00:00+00:00`).
fn timestamp(t: &str) -> Option<i64> {
    t.parse::<jiff::Timestamp>().ok().map(|t| t.as_second())
}

/// Byte offset of a 1-based line and column.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text.lines().take(line.saturating_sub(1)).map(|l| l.len() + 1).sum();
    (start + column.saturating_sub(1)).min(text.len().saturating_sub(1))
}

/// Where a result's label is written (the first `"Label": "<label>"`), for the message.
fn label_span(text: &str, label: &str) -> std::ops::Range<usize> {
    let quoted = format!("\"{label}\"");
    let mut from = 0;
    while let Some(i) = text[from..].find("\"Label\"").map(|i| from + i) {
        let rest = &text[i + 7..];
        let value = rest.trim_start().strip_prefix(':').map(str::trim_start);
        if let Some(v) = value.filter(|v| v.starts_with(&quoted)) {
            let at = text.len() - v.len();
            return at..at + quoted.len();
        }
        from = i + 7;
    }
    0..1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two hourly datapoints of invocations and one of output tokens for one model; a daily
    /// datapoint of 48 invocations spread as 2 an hour, one of 50 as 3 in the first 2 hours and 2
    /// in the other 22 (50 = 24 · 2 + 2).
    #[test]
    fn datapoints_land_in_their_hours() {
        let text = r#"{"MetricDataResults": [
            {"Id": "a", "Label": "anthropic.m Invocations", "Timestamps": ["2026-11-03T14:00:00+00:00", "2026-11-03T15:00:00+00:00"], "Values": [10, 20], "StatusCode": "Complete"},
            {"Id": "b", "Label": "anthropic.m OutputTokenCount", "Timestamps": ["2026-11-03T14:00:00Z"], "Values": [500], "StatusCode": "Complete"}
        ], "Messages": []}"#;
        let u = read(&SourceFile::new("cw.json", text), 3_600, &Options::default()).unwrap().0;
        let g = &u.groups["anthropic.m"];
        let hours: Vec<(u64, u64)> = g.hours.values().map(|t| (t.invocations, t.output)).collect();
        assert_eq!(hours, [(10, 500), (20, 0)]);
        let daily = "timestamp,model,metric,value\n2026-11-03T00:00:00Z,anthropic.m,Invocations,48\n";
        let u = read(&SourceFile::new("cw.csv", daily), 86_400, &Options::default()).unwrap().0;
        let g = &u.groups["anthropic.m"];
        assert_eq!(g.hours.len(), 24);
        assert!(g.hours.values().all(|t| t.invocations == 2));
        let u = read(&SourceFile::new("cw.csv", daily.replace(",48", ",50")), 86_400, &Options::default()).unwrap().0;
        let counts: Vec<u64> = u.groups["anthropic.m"].hours.values().map(|t| t.invocations).collect();
        assert_eq!((counts[0], counts[1], counts[2], counts.iter().sum::<u64>()), (3, 3, 2, 50));
    }

    #[test]
    fn an_unknown_metric_or_label_is_located() {
        let text = "timestamp,model,metric,value\n2026-11-03T00:00:00Z,anthropic.m,Invocation,48\n";
        let d = [read(&SourceFile::new("cw.csv", text), 3_600, &Options::default()).unwrap_err()];
        assert_eq!(d[0].location, Some((2, 1)));
        assert_eq!(d[0].message, "`Invocation` is not a metric infercast reads");
        let text = r#"{"MetricDataResults": [{"Label": "m1", "Timestamps": [], "Values": []}]}"#;
        let d = [read(&SourceFile::new("cw.json", text), 3_600, &Options::default()).unwrap_err()];
        assert_eq!(d[0].message, "the label \"m1\" names no model and metric");
    }
}
