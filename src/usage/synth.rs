//! Synthetic, schema-true Bedrock model-invocation log records of known truth, for the fixtures
//! of `tests/fixtures/usage/` (`cargo run --example usage_fixtures`) and the tests that recover
//! that truth. Deterministic: a seeded ChaCha8 stream, as `simulate` draws.
//!
//! The truth: sessions of 1, 2 or 3 calls (equally likely) in one minute; 500, 625 and 781
//! sessions in September, October and November 2026 (2 calls each on average: 1,000, 1,250 and
//! 1,562 calls, +25 % a month); each session's hour drawn from a week shaped 1 on weekdays
//! 09:00–17:59 UTC and 0.1 otherwise; 70 % of sessions `support-chat` on a `us.` profile of Claude
//! Haiku 4.5 (uncached input uniform on 200–600 tokens, output 75–225, a 1,200-token prompt read
//! from the cache on 90 % of calls and written on the rest), 30 % `report-writer` on Claude Sonnet
//! 4.5 named by ARN (input 1,500–4,500, output 600–1,800, no cache), tagged in `requestMetadata`.
use super::Invocation;
use crate::uncertain::Stream;
use std::fmt::Write;

/// The generator's truth, which tests recover.
pub mod truth {
    /// Unix seconds of 2026-09-01, 10-01, 11-01 and 12-01 00:00 UTC.
    pub const MONTHS: [i64; 4] = [1_788_220_800, 1_790_812_800, 1_793_491_200, 1_796_083_200];
    /// Sessions in each month.
    pub const SESSIONS: [u64; 3] = [500, 625, 781];
    /// Calls a session makes: 1, 2 or 3, equally likely (mean 2, mean square 14/3).
    pub const CALLS: [u64; 3] = [1, 2, 3];
    /// The week: weekdays 09:00–17:59 UTC weigh 1, every other hour 0.1.
    pub const PEAK: f64 = 1.0;
    pub const TROUGH: f64 = 0.1;
    pub const REGION: &str = "us-east-1";
    /// The tag and its values.
    pub const TAG: &str = "feature";
    pub const CHAT: &str = "support-chat";
    pub const REPORT: &str = "report-writer";
    /// The chance a session is `support-chat`.
    pub const CHAT_SHARE: f64 = 0.7;
    pub const CHAT_MODEL: &str = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
    pub const REPORT_MODEL: &str =
        "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0";
    /// Mean uncached input and output tokens; each call draws uniformly on 0.5–1.5 × the mean.
    pub const CHAT_TOKENS: (f64, f64) = (400.0, 150.0);
    pub const REPORT_TOKENS: (f64, f64) = (3_000.0, 1_200.0);
    /// `support-chat`'s cached prompt and the chance a call reads it (else it writes it).
    pub const CHAT_PROMPT: u64 = 1_200;
    pub const CHAT_HIT: f64 = 0.9;
    /// Whether a unix hour is in the peak: a weekday (1970-01-01 was a Thursday), 09:00–17:59.
    pub fn peak(hour_s: i64) -> bool {
        let weekday = (hour_s.div_euclid(86_400) + 3).rem_euclid(7);
        let hour = hour_s.rem_euclid(86_400) / 3_600;
        weekday < 5 && (9..18).contains(&hour)
    }
}

/// One log record's fields (its bodies are a fixed placeholder).
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub timestamp_s: i64,
    pub request_id: String,
    pub feature: &'static str,
    pub model_id: &'static str,
    pub input: u64,
    pub output: u64,
    /// `None`: the fields are absent (a model called without the cache).
    pub cache: Option<(u64, u64)>,
}

impl Record {
    /// The invocation it counts as, grouped by its `feature` tag.
    pub fn invocation(&self) -> Invocation<'_> {
        let (cache_read, cache_write) = self.cache.unwrap_or((0, 0));
        Invocation {
            timestamp_s: self.timestamp_s,
            region: truth::REGION,
            model_id: self.model_id,
            group: self.feature,
            input: self.input,
            cache_read,
            cache_write,
            output: self.output,
        }
    }

    /// The record as one line of JSON, as Bedrock delivers it.
    pub fn json(&self) -> String {
        let time = jiff::Timestamp::from_second(self.timestamp_s).map(|t| t.to_string()).unwrap_or_default();
        let mut input = format!(
            "{{\"inputContentType\":\"application/json\",\"inputBodyJson\":{{\"messages\":[{{\"role\":\"user\",\"content\":[{{\"text\":\"synthetic\"}}]}}]}},\"inputTokenCount\":{}",
            self.input
        );
        if let Some((read, write)) = self.cache {
            let _ = write!(input, ",\"cacheReadInputTokenCount\":{read},\"cacheWriteInputTokenCount\":{write}");
        }
        format!(
            "{{\"schemaType\":\"ModelInvocationLog\",\"schemaVersion\":\"1.0\",\"timestamp\":\"{time}\",\"accountId\":\"123456789012\",\"identity\":{{\"arn\":\"arn:aws:sts::123456789012:assumed-role/app/synthetic\"}},\"region\":\"{}\",\"requestId\":\"{}\",\"operation\":\"Converse\",\"modelId\":\"{}\",\"input\":{input}}},\"output\":{{\"outputContentType\":\"application/json\",\"outputBodyJson\":{{\"output\":{{\"message\":{{\"role\":\"assistant\",\"content\":[{{\"text\":\"synthetic\"}}]}}}},\"stopReason\":\"end_turn\"}},\"outputTokenCount\":{}}},\"requestMetadata\":{{\"{}\":\"{}\"}}}}",
            truth::REGION,
            self.request_id,
            self.model_id,
            self.output,
            truth::TAG,
            self.feature
        )
    }
}

/// Every record of the three months, in time order.
pub fn records(seed: u64) -> Vec<Record> {
    let mut rng = Stream::new(seed, 0);
    let mut out = Vec::new();
    for (m, &sessions) in truth::SESSIONS.iter().enumerate() {
        let hours = month_hours(truth::MONTHS[m], truth::MONTHS[m + 1]);
        for _ in 0..sessions {
            session(&mut rng, &hours, &mut out);
        }
    }
    out.sort_by(|a, b| (a.timestamp_s, &a.request_id).cmp(&(b.timestamp_s, &b.request_id)));
    out
}

/// The month's hours with their cumulative weights.
fn month_hours(from: i64, to: i64) -> Vec<(i64, f64)> {
    let mut total = 0.0;
    (from..to)
        .step_by(3_600)
        .map(|h| {
            total += if truth::peak(h) { truth::PEAK } else { truth::TROUGH };
            (h, total)
        })
        .collect()
}

fn session(rng: &mut Stream, hours: &[(i64, f64)], out: &mut Vec<Record>) {
    let total = hours.last().map_or(0.0, |h| h.1);
    let x = rng.uniform() * total;
    let hour = hours[hours.partition_point(|h| h.1 <= x).min(hours.len() - 1)].0;
    let minute = hour + 60 * (rng.uniform() * 60.0) as i64;
    let calls = truth::CALLS[(rng.uniform() * 3.0) as usize % 3];
    let chat = rng.uniform() < truth::CHAT_SHARE;
    for _ in 0..calls {
        let at = minute + (rng.uniform() * 60.0) as i64;
        let (means, model_id, feature) = if chat {
            (truth::CHAT_TOKENS, truth::CHAT_MODEL, truth::CHAT)
        } else {
            (truth::REPORT_TOKENS, truth::REPORT_MODEL, truth::REPORT)
        };
        let (input, output) = (around(rng, means.0), around(rng, means.1));
        let cache = chat
            .then(|| if rng.uniform() < truth::CHAT_HIT { (truth::CHAT_PROMPT, 0) } else { (0, truth::CHAT_PROMPT) });
        let request_id = format!("{:016x}{:016x}", (rng.uniform() * 2f64.powi(53)) as u64, out.len());
        out.push(Record { timestamp_s: at, request_id, feature, model_id, input, output, cache });
    }
}

/// Uniform on 0.5–1.5 × `mean`, rounded to a whole token.
fn around(rng: &mut Stream, mean: f64) -> u64 {
    (mean * (0.5 + rng.uniform())).round() as u64
}
