//! `solve` output: the volume a bill buys, as a sentence or as JSON.
use crate::format::{thousands, usd};
use crate::model::analysis::solve::Solution;
use crate::output_format::OutputFormat;
use serde::Serialize;
use std::fmt::Write;

/// The solution in `format`.
pub fn render(s: &Solution, format: OutputFormat) -> String {
    match format {
        OutputFormat::Table => text(s),
        OutputFormat::Json => json(s),
        OutputFormat::Csv | OutputFormat::Markdown => format.not_accepted(super::FORMATS),
    }
}

#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    #[serde(flatten)]
    solution: &'a Solution,
}

fn json(s: &Solution) -> String {
    let doc = Document { schema: "infercast/solve-v1", solution: s };
    crate::json::write(&doc)
}

fn text(s: &Solution) -> String {
    let mut out = format!("{}: {}\n", s.scenario, s.option);
    let _ = writeln!(
        out,
        "  a bill of {} a month is {} requests a month ({} a day), {} billed tokens, in month 1",
        usd(s.bill_usd),
        thousands(s.requests_per_month),
        thousands(s.requests_per_day),
        thousands(s.billed_tokens_per_month),
    );
    if s.at_step {
        let _ = writeln!(
            out,
            "  no volume costs exactly {}: bought capacity steps up there, so this is the smallest volume \
             whose bill reaches it, and it costs {}",
            usd(s.bill_usd),
            usd(s.cost_usd),
        );
    }
    out
}
