//! A call that cannot fit its model is refused: the largest call of each workload within the
//! context window, each call's output within the output limit (docs/model.md#limits-of-the-inputs).
mod common;
use common::TempPath;

/// Two models at the same prices: `small` with a 200,000-token window and 4,096 output tokens
/// a call, `open` with a 10,000,000-token window and 100,000.
const CATALOG: &str = r#"
[catalog]
provider = "test"
region = "test-1"
currency = "USD"
source = "https://example.com/prices"
retrieved = 2026-01-01

[[model]]
key = "small"
id = "test.small-20260101-v1:0"
input_usd_per_mtok = 1.0
output_usd_per_mtok = 5.0
context_window_tokens = 200_000
max_output_tokens = 4_096
limits_source = "https://example.com/small"

[[model]]
key = "open"
id = "test.open"
input_usd_per_mtok = 1.0
output_usd_per_mtok = 5.0
context_window_tokens = 10_000_000
max_output_tokens = 100_000
"#;

/// A folder of its own holding the catalog and `scenario`; returns (pricing folder, scenario).
fn setup(name: &str, scenario: &str) -> (TempPath, TempPath) {
    let dir = TempPath::fresh(&format!("call-limits-{name}"));
    std::fs::create_dir_all(dir.join("pricing")).unwrap();
    std::fs::write(dir.join("pricing/toy.toml"), CATALOG).unwrap();
    let path = dir.join("scenario.toml");
    std::fs::write(&path, scenario).unwrap();
    (dir.join("pricing"), path)
}

fn validate(name: &str, scenario: &str) -> (Option<i32>, String, TempPath) {
    let (pricing, path) = setup(name, scenario);
    let out = common::infercast().arg("--pricing").arg(&pricing).arg("validate").arg(&path).output().unwrap();
    (out.status.code(), String::from_utf8(out.stderr).unwrap(), path)
}

fn scenario(workload: &str, model: &str) -> String {
    format!(
        "[scenario]\nname = \"fit\"\n\n[traffic]\nrequests_per_month = 1_000\n\n[[workload]]\nname = \"w\"\nshare = 1\n\
         {workload}\n[[option]]\nkind = \"on-demand\"\nmodel = \"{model}\"\n"
    )
}

#[test]
fn a_prompt_larger_than_the_window_is_refused_at_input_tokens() {
    // 2,000,000 in + 200 out = 2,000,200 tokens in one call, ten times the 200,000 window.
    let s = scenario("input_tokens = 2_000_000\noutput_tokens = 200\n", "small");
    let (code, err, path) = validate("prompt", &s);
    assert_eq!(code, Some(2), "{err}");
    assert_eq!(
        err,
        format!(
            "error: {}:10:16: workload `w`: its largest call is 2,000,200 tokens (2,000,000 in, 200 out), more than \
             the 200,000-token context window of `small`\n   |\n10 | input_tokens = 2_000_000\n   |                \
             ^^^^^^^^^\n  = help: bring the call within 200,000 tokens (system prompt, history and retrieved chunks \
             count), or serve `w` with a model of a larger window\n",
            path.display()
        )
    );
    // The same call fits `open`'s 10,000,000-token window.
    let (code, err, _) = validate("prompt-open", &scenario("input_tokens = 2_000_000\noutput_tokens = 200\n", "open"));
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn an_agents_last_step_counts_its_history() {
    // Step i sends S + U + (i − 1)(R + T) = 1,000 + 500 + (i − 1) · 20,500 and the last answers
    // F = 200. Ten steps: 1,500 + 9 · 20,500 + 200 = 186,200 ≤ 200,000, fits. Eleven:
    // 1,500 + 10 · 20,500 + 200 = 206,700, does not.
    let agent = |steps: u32| {
        format!(
            "input_tokens = 500\noutput_tokens = 200\nsystem_prompt_tokens = 1_000\n\n[workload.agent]\nsteps = \
             {steps}\nthought_tokens = 500\ntool_result_tokens = 20_000\n"
        )
    };
    let (code, err, _) = validate("agent-10", &scenario(&agent(10), "small"));
    assert_eq!(code, Some(0), "{err}");
    let (code, err, _) = validate("agent-11", &scenario(&agent(11), "small"));
    assert_eq!(code, Some(2));
    assert!(
        err.contains(
            "workload `w`: its largest call is 206,700 tokens (206,500 in, 200 out), more than the \
                      200,000-token context window of `small`"
        ),
        "{err}"
    );
}

#[test]
fn an_answer_longer_than_the_output_limit_is_refused_at_output_tokens() {
    // 5,000 tokens out in one call; `small` writes at most 4,096.
    let (code, err, path) = validate("output", &scenario("input_tokens = 300\noutput_tokens = 5_000\n", "small"));
    assert_eq!(code, Some(2));
    assert_eq!(
        err,
        format!(
            "error: {}:11:17: workload `w`: a call writes 5,000 tokens, more than the 4,096 that `small` writes in \
             one call\n   |\n11 | output_tokens = 5_000\n   |                 ^^^^^\n  = help: write at most 4,096 \
             tokens a call, or serve `w` with another model\n",
            path.display()
        )
    );
}

#[test]
fn limits_are_both_given_and_the_output_fits_the_window() {
    let dir = TempPath::fresh("call-limits-catalog");
    let path = dir.join("bad.toml");
    let text = CATALOG
        .replace("max_output_tokens = 4_096", "max_output_tokens = 300_000")
        .replace("max_output_tokens = 100_000\n", "");
    std::fs::write(&path, text).unwrap();
    let out = common::infercast().arg("validate").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(":15:21: `max_output_tokens` must be from 1 to the context window (200000), found 300000"),
        "{err}"
    );
    assert!(err.contains(":23:25: model `open` gives one of `context_window_tokens` and `max_output_tokens`"), "{err}");
}

#[test]
fn a_model_without_limits_is_refused_at_its_key() {
    // Every model carries its limits: a call that cannot fit must be caught, never priced.
    let dir = TempPath::fresh("call-limits-none");
    let path = dir.join("none.toml");
    let text = CATALOG.replace("context_window_tokens = 10_000_000\nmax_output_tokens = 100_000\n", "");
    std::fs::write(&path, text).unwrap();
    let out = common::infercast().arg("validate").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains(":19:7: model `open` has no `context_window_tokens` and `max_output_tokens`"), "{err}");
    assert!(err.contains("help: add both from the model card (and `limits_source`)"), "{err}");
}

#[test]
fn a_plan_member_is_checked_for_the_workloads_routed_to_it_only() {
    // `big` (300,000 in + 200 out = 300,200 tokens) cannot go to `small`'s 200,000 window; a
    // plan that sends it to `open` and only `chat` to `small` is fine, one that sends `big` to
    // `small` is not. The `small` option stands in plans only (`standalone = false`).
    let text = |big_to: &str| {
        format!(
            "[scenario]\nname = \"plan\"\n\n[traffic]\nrequests_per_month = 1_000\n\n[[workload]]\nname = \"chat\"\n\
             share = 0.5\ninput_tokens = 300\noutput_tokens = 200\n\n[[workload]]\nname = \"big\"\nshare = 0.5\n\
             input_tokens = 300_000\noutput_tokens = 200\n\n[[option]]\nname = \"small\"\nkind = \"on-demand\"\n\
             model = \"small\"\nstandalone = false\n\n[[option]]\nname = \"open\"\nkind = \"on-demand\"\n\
             model = \"open\"\n\n[[plan]]\nname = \"split\"\nserve = {{ chat = \"small\", big = \"{big_to}\" }}\n"
        )
    };
    let (code, err, _) = validate("plan-ok", &text("open"));
    assert_eq!(code, Some(0), "{err}");
    let (code, err, _) = validate("plan-bad", &text("small"));
    assert_eq!(code, Some(2));
    assert!(
        err.contains(
            "workload `big`: its largest call is 300,200 tokens (300,000 in, 200 out), more than the \
                      200,000-token context window of `small`"
        ),
        "{err}"
    );
    assert!(!err.contains("workload `chat`"), "{err}");
}
