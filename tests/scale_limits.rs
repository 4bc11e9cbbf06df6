//! Inputs that would take minutes or gigabytes are refused by a documented limit
//! (docs/model.md#limits-of-the-inputs) with one located message and exit 2; nothing is timed.
mod common;

use common::toy;

/// A scenario of `options` on-demand options, over `months` months.
fn scenario(options: usize, months: u32, workload_extra: &str) -> String {
    let mut s = format!(
        "[scenario]\nname = \"many\"\nmonths = {months}\n\n[traffic]\nmean_rps = 1\n\n[[workload]]\nname = \"w\"\n\
         share = 1\ninput_tokens = 1000\noutput_tokens = 100\n{workload_extra}\n"
    );
    for i in 1..=options {
        s.push_str(&format!("\n[[option]]\nname = \"o{i}\"\nkind = \"on-demand\"\nmodel = \"m\"\n"));
    }
    s
}

/// (exit code, stdout, stderr with the temporary folder as `DIR`).
fn run(name: &str, scenario: &str, args: &[&str]) -> (Option<i32>, String, String) {
    let (pricing, path) = toy(&format!("scale-limits-{name}"), scenario);
    let out = common::infercast().arg("--pricing").arg(&pricing).args(args).arg(&path).output().unwrap();
    let dir = path.parent().unwrap().display().to_string();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap().replace(&dir, "DIR");
    (out.status.code(), text(out.stdout), text(out.stderr))
}

#[test]
fn more_than_100_options_are_refused_at_the_101st() {
    // The header takes 13 lines and each option 5 (a blank line, then 4): option 101 starts at
    // line 13 + 100·5 + 2 = 515, after its blank line.
    let (code, stdout, stderr) = run("options", &scenario(101, 12, ""), &["estimate"]);
    assert_eq!((code, stdout.as_str()), (Some(2), ""));
    assert!(
        stderr.starts_with(
            "error: DIR/scenario.toml:515:1: this scenario has 101 options and 0 plans; infercast prices at most 100 \
             together\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("  = help: split them over several scenario files (docs/model.md#limits-of-the-inputs)\n")
    );
    // 100 are accepted.
    assert_eq!(run("options-100", &scenario(100, 2, ""), &["estimate"]).0, Some(0));
}

#[test]
fn a_steps_distribution_of_65_entries_is_refused() {
    // 65 step counts of probability 1/65 each (written as 1 for the first, 0 for the rest).
    let entries: Vec<String> = (1..=65).map(|n| format!("{n} = {}", if n == 1 { 1 } else { 0 })).collect();
    let agent = format!(
        "\n[workload.agent]\nsteps = {{ {} }}\nthought_tokens = 10\ntool_result_tokens = 10",
        entries.join(", ")
    );
    let (code, stdout, stderr) = run("steps", &scenario(1, 12, &agent), &["estimate"]);
    assert_eq!((code, stdout.as_str()), (Some(2), ""));
    assert!(
        stderr
            .starts_with("error: DIR/scenario.toml:15:9: `steps` has 65 entries; a distribution may have at most 64\n"),
        "{stderr}"
    );
    assert!(stderr.contains(
        "  = help: group nearby step counts into one entry (their probabilities add up); \
         docs/model.md#limits-of-the-inputs\n"
    ));
}

#[test]
fn a_simulation_that_would_keep_too_many_costs_is_refused() {
    // 20 options · 120 months · 10,001 samples = 24,002,400 > 24,000,000; 24,000,000 / 2,400
    // = 10,000 samples fit.
    let (code, stdout, stderr) = run("simulate", &scenario(20, 120, ""), &["simulate", "--samples", "10001"]);
    assert_eq!((code, stdout.as_str()), (Some(2), ""));
    assert_eq!(
        stderr,
        "error: DIR/scenario.toml: 10,001 samples of 20 options and plans over 120 months are 24,002,400 monthly \
         costs to keep; at most 24,000,000 fit\n  = help: give --samples 10,000 or fewer for this scenario, or fewer \
         options, plans or months (docs/model.md#limits-of-the-inputs)\n"
    );
}
