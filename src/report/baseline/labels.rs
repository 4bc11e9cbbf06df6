//! Baseline figures in words a reviewer reads without the file open: "plan two-tier, member
//! `agent` (haiku-pt), month 1, USD" rather than a key like `member_1_month_1_usd`, and the
//! units of a catalog price.
use crate::baseline::subject::Subject;

/// "option on-demand nova-pro", "plan two-tier, member `agent` (haiku-pt)", "token mix".
pub fn subject(s: &Subject) -> String {
    match s {
        Subject::Tokens => "token mix".to_string(),
        Subject::Option(name) => format!("option {name}"),
        Subject::Plan(name) => format!("plan {name}"),
        Subject::Member { plan, workloads, option } => format!("plan {plan}, member `{workloads}` ({option})"),
    }
}

/// A figure's key in words: `month_12_usd` → "month 12, USD".
pub fn figure(key: &str) -> String {
    if let Some(m) = key.strip_prefix("month_").and_then(|k| k.strip_suffix("_usd")) {
        return format!("month {m}, USD");
    }
    if let Some(w) = key.strip_suffix(" response_s_p95") {
        return format!("`{w}` response time, 95th percentile, s");
    }
    if let Some(w) = key.strip_suffix(" share_cut") {
        return format!("`{w}` share of requests the shortest timeout cuts");
    }
    let words = match key {
        "total_usd" => "total over the horizon, USD",
        "usd_per_1k_requests" => "USD per 1,000 requests",
        "usd_per_mtok" => "USD per million billed tokens",
        "units_month_1" => "units, month 1",
        "overflow_share_month_1" => "overflow share, month 1",
        "breakeven_requests_per_month" => "break-even, requests a month",
        "breakeven_utilization" => "break-even use",
        "daily_alarm_usd" => "daily alarm, USD",
        "services_month_1_usd" => "services, month 1, USD",
        "throttled_share_month_1" => "throttled share, month 1",
        "recommended_tpm" => "quota to request, tokens a minute",
        "input_per_request" => "input tokens per request",
        "output_per_request" => "output tokens per request",
        "calls_per_request" => "model calls per request",
        "overhead_ratio" => "billed ÷ visible tokens",
        "retrieved_per_request" => "retrieved tokens per request",
        other => return other.replace('_', " "),
    };
    words.to_string()
}

/// "plan two-tier, member `agent` (haiku-pt), month 1, USD".
pub fn label(s: &Subject, key: &str) -> String {
    format!("{}, {}", subject(s), figure(key))
}

/// What a removed or added subject was: "option \"x\"", "member `a` (x) of plan \"p\"".
pub fn whole(s: &Subject) -> String {
    match s {
        Subject::Tokens => "token mix".to_string(),
        Subject::Option(name) => format!("option \"{name}\""),
        Subject::Plan(name) => format!("plan \"{name}\""),
        Subject::Member { plan, workloads, option } => format!("member `{workloads}` ({option}) of plan \"{plan}\""),
    }
}

/// Units of a catalog figure, for diff lines.
pub fn price_unit(figure: &str) -> &'static str {
    // Token prices of another scope read "global input", "eu-central-1 cache_read".
    let last = figure.rsplit(' ').next().unwrap_or(figure);
    match figure {
        // Capacity units of another vendor: "azure-ptu weight output", "global 1-month usd per month".
        f if f.ends_with(" tokens_per_minute_per_unit") => "weighted tokens/min",
        f if f.contains(" weight ") => "input tokens",
        f if f.ends_with(" min_units") || f.ends_with(" increment") => "units",
        f if f.contains(" usd per ") => "$/unit",
        _ if !figure.starts_with("PT ")
            && !figure.starts_with("reserved ")
            && !figure.starts_with("tier ")
            && matches!(last, "input" | "output" | "cache_write" | "cache_write_1h" | "cache_read") =>
        {
            "$/Mtok"
        }
        f if f.starts_with("tier ") => "x",
        f if f.starts_with("speed output_tokens_per_s") => "tokens/s",
        f if f.starts_with("speed ttft_ms") => "ms",
        f if f.starts_with("long_context above") => "input tokens per call",
        f if f.starts_with("long_context ") => "x",
        "quota_rpm" => "requests/min",
        "quota_tpm"
        | "PT input_tpm_per_mu"
        | "PT output_tpm_per_mu"
        | "reserved min_input_tpm"
        | "reserved min_output_tpm" => "tokens/min",
        "quota_output_burndown" => "quota tokens per output token",
        f if f.starts_with("PT ") => "$/MU-hour",
        f if f.starts_with("reserved ") => "$ per 1K TPM-month",
        "prefill_tokens_per_s" | "decode_tokens_per_s" => "tokens/s",
        "usd_per_mtok" => "$/Mtok",
        "usd_per_1k_queries" => "$ per 1K queries",
        "usd_per_unit_hour" => "$/unit-hour",
        "min_units" => "units",
        _ => "$/h",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_without_the_file() {
        let member = Subject::Member { plan: "two-tier".into(), workloads: "agent".into(), option: "haiku-pt".into() };
        assert_eq!(label(&member, "month_1_usd"), "plan two-tier, member `agent` (haiku-pt), month 1, USD");
        assert_eq!(label(&Subject::Option("od".into()), "month_12_usd"), "option od, month 12, USD");
        assert_eq!(label(&Subject::Tokens, "calls_per_request"), "token mix, model calls per request");
        assert_eq!(figure("some_new_figure"), "some new figure");
        assert_eq!(price_unit("azure-ptu weight output"), "input tokens");
        assert_eq!(price_unit("global 1-month usd per month"), "$/unit");
        assert_eq!(price_unit("vertex-gsu tokens_per_minute_per_unit"), "weighted tokens/min");
        assert_eq!(figure("report response_s_p95"), "`report` response time, 95th percentile, s");
        assert_eq!(figure("report share_cut"), "`report` share of requests the shortest timeout cuts");
        assert_eq!(price_unit("speed output_tokens_per_s low"), "tokens/s");
        assert_eq!(price_unit("speed ttft_ms high"), "ms");
    }
}
