//! `cargo bench --bench usage_read`: how fast `import invocation-logs` reads Bedrock
//! invocation-log records (plain and gzip), in records per second, with the process's peak
//! memory, as figures to read, not a pass/fail timing test. The records are synthetic but
//! schema-true (the AWS user guide's record layout, bodies included), generated deterministically.
#[path = "../tests/common/mod.rs"]
mod common;

use infercast::usage::read::Options;
use infercast::usage::{Measured, Usage, logs};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Records generated: about 1.3 KB each, so about 1 GB of plain log (the issue's scale).
const RECORDS: u64 = 780_000;

const MODELS: [&str; 4] = [
    "us.anthropic.claude-haiku-4-5-20251001-v1:0",
    "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0",
    "arn:aws:bedrock:us-east-1:123456789012:inference-profile/global.anthropic.claude-haiku-4-5-20251001-v1:0",
    "amazon.nova-pro-v1:0",
];
const FEATURES: [&str; 3] = ["support-chat", "search", "summarise"];

/// A small deterministic generator (SplitMix64).
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// Record `i`: in November 2026 (2026-11-01 is day 20,758), the time advancing ~5 s a record.
fn record(i: u64, mix: &mut Mix, out: &mut impl Write) -> std::io::Result<()> {
    let t = jiff::Timestamp::from_second(20_758 * 86_400 + (i * 5) as i64 + (mix.next() % 5) as i64).unwrap();
    let model = MODELS[(mix.next() % 4) as usize];
    let (input, output, cache) = (200 + mix.next() % 4_000, 20 + mix.next() % 800, mix.next() % 3 * 1_000);
    let feature = FEATURES[(mix.next() % 3) as usize];
    let question = "Where is my order? It was due on Tuesday and the tracking page says \\\"label created\\\". ";
    // Text that does not repeat (an order number, a tracking code…), so that gzip compresses
    // the file about as much as real logs, not 40-fold.
    let noise: String = (0..12).map(|_| format!("{:016x}", mix.next())).collect();
    writeln!(
        out,
        r#"{{"schemaType":"ModelInvocationLog","schemaVersion":"1.0","timestamp":"{t}","accountId":"123456789012","identity":{{"arn":"arn:aws:sts::123456789012:assumed-role/app/x"}},"region":"us-east-1","requestId":"5c1d{i:012x}","operation":"Converse","modelId":"{model}","input":{{"inputContentType":"application/json","inputBodyJson":{{"messages":[{{"role":"user","content":[{{"text":"{question}Order {noise}. {question}"}}]}}],"inferenceConfig":{{"maxTokens":1024}}}},"inputTokenCount":{input},"cacheReadInputTokenCount":{cache},"cacheWriteInputTokenCount":0}},"output":{{"outputContentType":"application/json","outputBodyJson":{{"output":{{"message":{{"role":"assistant","content":[{{"text":"{question}"}}]}}}},"stopReason":"end_turn","usage":{{"inputTokens":{input},"outputTokens":{output}}}}},"outputTokenCount":{output}}},"requestMetadata":{{"feature":"{feature}"}}}}"#
    )
}

/// Writes the records to `path`, gzipped or not; its size in bytes.
fn generate(path: &Path, gzip: bool) -> u64 {
    let file = std::fs::File::create(path).unwrap();
    let mut mix = Mix(21);
    if gzip {
        let mut gz = flate2::write::GzEncoder::new(BufWriter::new(file), flate2::Compression::default());
        (0..RECORDS).for_each(|i| record(i, &mut mix, &mut gz).unwrap());
        gz.finish().unwrap().flush().unwrap();
    } else {
        let mut w = BufWriter::new(file);
        (0..RECORDS).for_each(|i| record(i, &mut mix, &mut w).unwrap());
        w.flush().unwrap();
    }
    std::fs::metadata(path).unwrap().len()
}

/// The process's peak resident memory (Linux), in MB.
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn read(path: &Path, opts: &Options, label: &str, bytes: u64) {
    let start = Instant::now();
    let mut usage = Usage::new(Measured::InvocationLogs);
    logs::read(&[PathBuf::from(path)], opts, &mut usage).unwrap();
    let secs = start.elapsed().as_secs_f64();
    assert_eq!(usage.records, RECORDS);
    println!(
        "{label}: {} records ({:.0} MB) in {secs:.2} s: {:.0} records/s, {:.0} MB/s",
        RECORDS,
        bytes as f64 / 1e6,
        RECORDS as f64 / secs,
        bytes as f64 / 1e6 / secs,
    );
}

fn main() {
    let dir = common::scratch("bench-usage-read");
    let (plain, gz) = (dir.path().join("logs.jsonl"), dir.path().join("logs.jsonl.gz"));
    let (plain_bytes, gz_bytes) = (generate(&plain, false), generate(&gz, true));
    let tagged = Options { group_by: Some("feature".into()), ..Options::default() };
    read(&plain, &Options::default(), "plain, per model", plain_bytes);
    read(&plain, &tagged, "plain, --group-by requestMetadata.feature", plain_bytes);
    read(&gz, &Options::default(), "gzip, per model", gz_bytes);
    if let Some(mb) = peak_mb() {
        println!("peak resident memory of the whole run: {mb:.0} MB");
    }
}
