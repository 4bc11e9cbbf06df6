//! `cargo bench --bench scale`: the largest inputs the limits accept (docs/model.md#limits-of-the-inputs),
//! timed, with the process's peak memory, as figures to read, not a pass/fail timing test.
#[path = "../tests/common/mod.rs"]
mod common;

use infercast::catalog::Catalog;
use infercast::scenario::Scenario;
use infercast::source::SourceFile;
use std::time::Instant;

/// A scenario on the toy catalog: `options` options cycling through on demand, PT optimal and
/// hourly self-hosting; the volume uncertain (so `simulate` draws); `traffic` and `workload`
/// lines appended to their tables.
fn scenario(options: usize, months: u32, traffic: &str, workload: &str) -> String {
    let kinds = [
        "kind = \"on-demand\"\nmodel = \"m\"",
        "kind = \"provisioned\"\nmodel = \"m\"\nterm = \"1-month\"\nunits = \"optimal\"",
        "kind = \"self-hosted\"\ndeployment = \"d@i\"\nscaling = \"hourly\"",
    ];
    let mut s = format!(
        "[scenario]\nname = \"scale\"\nmonths = {months}\n[traffic]\nrequests_per_day = {{ triangular = {{ min = 500, \
         mode = 1000, max = 1500 }} }}\n{traffic}\n[[workload]]\nname = \"w\"\nshare = 1\ninput_tokens = 1000\n\
         output_tokens = 100\n{workload}\n"
    );
    for i in 0..options {
        s.push_str(&format!("[[option]]\nname = \"o{i}\"\n{}\n", kinds[i % kinds.len()]));
    }
    s
}

/// The process's peak resident memory so far (Linux), for the record.
fn peak_memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status.lines().find(|l| l.starts_with("VmHWM")).map_or("unknown".into(), |l| l[6..].trim().to_string())
}

fn estimate(toy: &Catalog, label: &str, text: &str) {
    let file = SourceFile::new("scale.toml", text);
    let start = Instant::now();
    let s = Scenario::from_source(&file, toy).unwrap();
    std::hint::black_box(infercast::model::estimate(&s));
    println!("estimate {label}: {:?}, peak memory {}", start.elapsed(), peak_memory());
}

fn simulate(toy: &Catalog, label: &str, text: &str, samples: usize) {
    let file = SourceFile::new("scale.toml", text);
    let s = Scenario::from_source(&file, toy).unwrap();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let req = infercast::simulate::Request { file: &file, scenario: &s, catalog: toy, samples, seed: 1, threads };
    let start = Instant::now();
    std::hint::black_box(infercast::simulate::simulate(&req, &|_| {}).unwrap());
    println!("simulate {label}, {samples} samples: {:?}, peak memory {}", start.elapsed(), peak_memory());
}

fn main() {
    let toy = common::toy::catalog_of(common::CATALOG);
    estimate(&toy, "100 options x 60 months", &scenario(100, 60, "", ""));
    let steps: Vec<String> = (1..=64).map(|n| format!("{n} = 0.015625")).collect();
    let agent =
        format!("[workload.agent]\nsteps = {{ {} }}\nthought_tokens = 10\ntool_result_tokens = 10", steps.join(", "));
    estimate(&toy, "7 options, a 64-entry steps distribution", &scenario(7, 12, "", &agent));
    for b in [1, 1000] {
        let hosted = scenario(1, 12, &format!("burstiness = {b}"), "").replace("o0", "hosted");
        simulate(
            &toy,
            &format!("1 hourly self-hosted option, burstiness {b}"),
            &hosted.replace(
                "kind = \"on-demand\"\nmodel = \"m\"",
                "kind = \"self-hosted\"\ndeployment = \"d@i\"\nscaling = \"hourly\"",
            ),
            2_000,
        );
    }
    simulate(&toy, "20 options x 120 months", &scenario(20, 120, "", ""), 10_000);
    simulate(&toy, "100 options x 120 months", &scenario(100, 120, "", ""), 2_000);
}
