//! Tests of `usage::bill`.
use super::*;

#[test]
fn months_are_utc() {
    assert_eq!(month("2026-11-01T00:00:00Z").as_deref(), Some("2026-11"));
    assert_eq!(month("2026-11-01T00:00:00.000Z").as_deref(), Some("2026-11"));
    assert_eq!(month("2026-11-01 00:00:00.000").as_deref(), Some("2026-11"));
    // 01:00 on 1 December at +02:00 is 23:00 on 30 November UTC.
    assert_eq!(month("2026-12-01T01:00:00+02:00").as_deref(), Some("2026-11"));
    assert_eq!(month("2026-11-30").as_deref(), Some("2026-11"));
    assert_eq!(month("30/11/2026"), None);
}

#[test]
fn stems_and_names() {
    assert_eq!(stem("USE1-Nova-Pro-input-tokens"), "nova-pro");
    assert_eq!(stem("USE1-xai.grok-4.6-mantle-input-tokens-global-standard"), "xai.grok-4.6-mantle");
    assert_eq!(stem("USE1-MP:USE1_InputTokenCount-Units"), "");
    assert_eq!(stem("USW2-MP:USW2_output_tokens_standard-Units"), "");
    assert_eq!(norm("Nova 2.0 Lite"), norm("nova2.0lite"));
    assert_eq!(unversioned("nova-pro-v1:0"), "nova-pro");
    assert_eq!(unversioned("claude-sonnet-4-6"), "claude-sonnet-4-6");
    assert_eq!(edition("Claude Sonnet 4.5 (Amazon Bedrock Edition)"), Some("Claude Sonnet 4.5"));
    assert_eq!(edition("Amazon Bedrock"), None);
}

#[test]
fn field_spans_skip_quoted_commas() {
    let text = "a,b\nx,\"y,1\",z\n";
    // Record 2 starts at byte 4; field 1 is `"y,1"` (bytes 6..11), field 2 is `z` (12..13).
    assert_eq!(field_span(text, 4, 1), 6..11);
    assert_eq!(field_span(text, 4, 2), 12..13);
    assert_eq!(field_span(text, 4, 0), 4..5);
}
