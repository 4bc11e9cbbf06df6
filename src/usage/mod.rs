//! Usage as it ran (docs/usage.md): Bedrock model-invocation log records, CloudWatch metrics or
//! an hourly CSV aggregated, streaming, into [`Usage`]: per group (a model id, or a
//! `requestMetadata` tag) the invocations and tokens of every hour, the invocations of every
//! minute (burstiness) and a histogram of each call's tokens (p10–p90). Memory is bounded by
//! the period and the groups, never by the input's size; message bodies are never held.
//! A scenario is then written from it (`scenario/`).
pub mod bill;
pub mod cloudwatch;
pub mod derive;
pub mod hourly;
pub mod logs;
pub mod read;
pub mod reconcile;
pub mod scenario;
pub mod synth;

use std::collections::{BTreeMap, HashMap};

/// Seconds in an hour and a minute.
pub const HOUR_S: i64 = 3_600;
pub const MINUTE_S: i64 = 60;

/// Where usage came from: what it can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measured {
    /// One record per call: minute counts and per-call token distributions are known.
    InvocationLogs,
    /// Pre-aggregated per hour (the Athena / Trino CSV): no minutes, no per-call distributions.
    Hourly,
    /// CloudWatch metrics at some period: totals only, plus throttles.
    CloudWatch,
}

/// One model invocation, as a log record gives it (its body skipped).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Invocation<'a> {
    /// Unix seconds (UTC).
    pub timestamp_s: i64,
    pub region: &'a str,
    /// As written: a model id, an inference-profile id or an ARN.
    pub model_id: &'a str,
    /// The group it counts in: the model id, or the value of the `--group-by` tag.
    pub group: &'a str,
    /// Uncached input tokens (`input.inputTokenCount`).
    pub input: u64,
    pub cache_read: u64,
    pub cache_write: u64,
    pub output: u64,
}

/// Totals of one hour of one group (also what an hourly CSV row or a CloudWatch datapoint gives).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Totals {
    pub invocations: u64,
    pub input: u64,
    pub cache_read: u64,
    pub cache_write: u64,
    pub output: u64,
    /// Throttled calls (CloudWatch `InvocationThrottles`), 0 where unknown.
    pub throttles: u64,
}

impl Totals {
    pub fn add(&mut self, o: &Totals) {
        self.invocations += o.invocations;
        self.input += o.input;
        self.cache_read += o.cache_read;
        self.cache_write += o.cache_write;
        self.output += o.output;
        self.throttles += o.throttles;
    }
}

/// Token counts of single calls, in log-spaced buckets (ratio 1.05 from 1 token, 0 apart):
/// quantiles within 2.5 % whatever the number of calls.
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    pub counts: Vec<u64>,
    /// The smallest and largest count seen: a quantile never reads outside them (one call of 100
    /// tokens reads 100, not its bucket's middle).
    pub min: u64,
    pub max: u64,
}

/// Buckets of a [`Histogram`]: 1.05^600 ≈ 5·10^12 tokens, past any call.
const BUCKETS: usize = 600;
const RATIO: f64 = 1.05;

impl Default for Histogram {
    fn default() -> Self {
        Self { counts: vec![0; BUCKETS + 1], min: u64::MAX, max: 0 }
    }
}

impl Histogram {
    /// Bucket 0 holds 0 tokens; bucket k ≥ 1 holds [1.05^(k−1), 1.05^k).
    pub fn add(&mut self, tokens: u64) {
        let k = if tokens == 0 { 0 } else { ((tokens as f64).ln() / RATIO.ln()).floor() as usize + 1 };
        self.counts[k.min(BUCKETS)] += 1;
        self.min = self.min.min(tokens);
        self.max = self.max.max(tokens);
    }

    /// The `q` quantile (0–1): the geometric middle of the bucket it falls in; `None` when empty.
    pub fn quantile(&self, q: f64) -> Option<f64> {
        let total: u64 = self.counts.iter().sum();
        if total == 0 {
            return None;
        }
        let target = (q * total as f64).ceil().max(1.0) as u64;
        let mut seen = 0;
        for (k, c) in self.counts.iter().enumerate() {
            seen += c;
            if seen >= target {
                let middle = if k == 0 { 0.0 } else { RATIO.powf(k as f64 - 0.5) };
                return Some(middle.clamp(self.min as f64, self.max as f64));
            }
        }
        None
    }
}

/// Per-call token distributions of a group (invocation logs only).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PerCall {
    pub input: Histogram,
    pub output: Histogram,
    pub cache_read: Histogram,
    pub cache_write: Histogram,
}

/// Everything imported for one group.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Group {
    /// The model id its records name (the first seen; a group by tag may mix models, listed in
    /// `models`).
    pub model_id: String,
    /// Every model id seen in the group, with its invocations.
    pub models: BTreeMap<String, u64>,
    /// The region of its records (the first seen).
    pub region: Option<String>,
    /// Hour start (unix seconds, a multiple of 3,600) → totals.
    pub hours: BTreeMap<i64, Totals>,
    /// Minute start (unix seconds) → invocations; logs only.
    pub minutes: HashMap<i64, u32>,
    pub per_call: Option<PerCall>,
}

/// A record that could not be read, counted and reported (never silently dropped).
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    /// `file:line`.
    pub at: String,
    /// What was wrong, naming the field.
    pub why: String,
}

/// Usage imported from one or more files.
#[derive(Debug, Clone, PartialEq)]
pub struct Usage {
    pub measured: Measured,
    /// Group key → its usage, in key order.
    pub groups: BTreeMap<String, Group>,
    /// Records (or rows) read and counted.
    pub records: u64,
    /// Unix seconds of the first and last record.
    pub first_s: Option<i64>,
    pub last_s: Option<i64>,
    /// Records that could not be read (with `--skip-bad`), in input order.
    pub skipped: Vec<Skipped>,
    /// Files read, in order.
    pub files: Vec<String>,
}

impl Usage {
    pub fn new(measured: Measured) -> Self {
        Self {
            measured,
            groups: BTreeMap::new(),
            records: 0,
            first_s: None,
            last_s: None,
            skipped: Vec::new(),
            files: Vec::new(),
        }
    }

    fn group(&mut self, key: &str, model_id: &str, region: Option<&str>) -> &mut Group {
        let g = self.groups.entry(key.to_string()).or_default();
        if g.model_id.is_empty() {
            g.model_id = model_id.to_string();
        }
        if g.region.is_none() {
            g.region = region.map(str::to_string);
        }
        g
    }

    fn seen(&mut self, t: i64) {
        self.records += 1;
        self.first_s = Some(self.first_s.map_or(t, |f| f.min(t)));
        self.last_s = Some(self.last_s.map_or(t, |l| l.max(t)));
    }

    /// Counts one invocation: its hour, its minute and its tokens.
    pub fn add(&mut self, inv: &Invocation) {
        self.seen(inv.timestamp_s);
        let g = self.group(inv.group, inv.model_id, Some(inv.region));
        *g.models.entry(inv.model_id.to_string()).or_default() += 1;
        let call = Totals {
            invocations: 1,
            input: inv.input,
            cache_read: inv.cache_read,
            cache_write: inv.cache_write,
            output: inv.output,
            throttles: 0,
        };
        g.hours.entry(inv.timestamp_s.div_euclid(HOUR_S) * HOUR_S).or_default().add(&call);
        *g.minutes.entry(inv.timestamp_s.div_euclid(MINUTE_S) * MINUTE_S).or_default() += 1;
        let pc = g.per_call.get_or_insert_with(PerCall::default);
        pc.input.add(inv.input);
        pc.output.add(inv.output);
        pc.cache_read.add(inv.cache_read);
        pc.cache_write.add(inv.cache_write);
    }

    /// Counts one hour's totals of a group (an hourly CSV row, a CloudWatch datapoint).
    /// `hour_start_s` is rounded down to its hour.
    pub fn add_hour(&mut self, hour_start_s: i64, group: &str, model_id: &str, region: Option<&str>, t: &Totals) {
        let hour = hour_start_s.div_euclid(HOUR_S) * HOUR_S;
        self.seen(hour);
        self.last_s = Some(self.last_s.map_or(hour + HOUR_S - 1, |l| l.max(hour + HOUR_S - 1)));
        let g = self.group(group, model_id, region);
        *g.models.entry(model_id.to_string()).or_default() += t.invocations;
        g.hours.entry(hour).or_default().add(t);
    }

    /// Every group's totals together, by hour.
    pub fn hours(&self) -> BTreeMap<i64, Totals> {
        let mut out: BTreeMap<i64, Totals> = BTreeMap::new();
        for g in self.groups.values() {
            for (h, t) in &g.hours {
                out.entry(*h).or_default().add(t);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 100 calls of 1..=100 tokens: the 10th percentile is 10 tokens, the 90th 90, each within a
    /// bucket's 5 %.
    #[test]
    fn histogram_quantiles_are_within_a_bucket() {
        let mut h = Histogram::default();
        (1..=100).for_each(|t| h.add(t));
        let (p10, p90) = (h.quantile(0.1).unwrap(), h.quantile(0.9).unwrap());
        assert!((p10 / 10.0 - 1.0).abs() < 0.05, "{p10}");
        assert!((p90 / 90.0 - 1.0).abs() < 0.05, "{p90}");
        assert_eq!(Histogram::default().quantile(0.5), None);
        // One call of 100 tokens: every quantile is 100, not its bucket's middle (1.05^94.5 = 100.6).
        let mut one = Histogram::default();
        one.add(100);
        assert_eq!((one.quantile(0.1), one.quantile(0.9)), (Some(100.0), Some(100.0)));
    }

    /// Two calls in one hour, a minute apart, and one in the next hour: two hours, three minutes.
    #[test]
    fn invocations_count_by_hour_and_minute() {
        let mut u = Usage::new(Measured::InvocationLogs);
        let call = |t: i64| Invocation {
            timestamp_s: t,
            region: "us-east-1",
            model_id: "anthropic.m",
            group: "anthropic.m",
            input: 100,
            cache_read: 0,
            cache_write: 0,
            output: 10,
        };
        for t in [7_200, 7_260, 10_800] {
            u.add(&call(t));
        }
        let g = &u.groups["anthropic.m"];
        assert_eq!(g.hours[&7_200].invocations, 2);
        assert_eq!(g.hours[&10_800].output, 10);
        assert_eq!(g.minutes.len(), 3);
        assert_eq!((u.records, u.first_s, u.last_s), (3, Some(7_200), Some(10_800)));
    }
}
