//! "Vendors compared" (docs/model.md#vendors-compared): each vendor's cheapest option as table
//! cells, and a sentence per vendor a product manager acts on. The text table and summary.md
//! lay out the same cells and sentences.
use crate::catalog::Vendor;
use crate::format::{count, percent, thousands, trim, usd};
use crate::model::Estimate;
use crate::model::analysis::vendors::{RestsOn, VendorCheapest};

/// The section's heading.
pub const HEADING: &str = "Vendors compared";

/// What the table's figures are.
pub const CAPTION: &str = "USD; each vendor's cheapest option that serves every workload, on the same traffic";

/// Less than a cent apart reads as the same cost (float noise is not a gap).
const CENT: f64 = 0.005;

/// Past this many months the table shows month 1, the last month and the total.
const MONTH_COLUMNS: u32 = 6;

/// The months the table has a column for.
fn months(e: &Estimate) -> Vec<u32> {
    if e.months <= MONTH_COLUMNS { (1..=e.months).collect() } else { vec![1, e.months] }
}

/// Column headings: vendor, option, the months shown, the horizon, the gap.
pub fn header(e: &Estimate) -> Vec<String> {
    let mut h: Vec<String> = vec!["vendor".into(), "cheapest option".into()];
    h.extend(months(e).into_iter().map(|m| format!("month {m}")));
    h.push(count(e.months, "month"));
    h.push("more than the cheapest".into());
    h
}

/// One row per vendor, cheapest first; none without a comparison.
pub fn rows(e: &Estimate) -> Vec<Vec<String>> {
    let Some(c) = &e.vendors else { return Vec::new() };
    let shown = months(e);
    c.vendors
        .iter()
        .map(|v| {
            let mut r = vec![v.vendor.label().to_string(), v.option.clone()];
            r.extend(shown.iter().map(|&m| v.months_usd.get(m as usize - 1).map_or("-".into(), |&x| usd(x))));
            r.push(usd(v.total_usd));
            r.push(if v.more_than_cheapest_usd >= CENT { usd(v.more_than_cheapest_usd) } else { "-".into() });
            r
        })
        .collect()
}

/// What one figure the cost rests on is, as a noun phrase: "an assumed throughput per PTU".
pub fn rests_on(r: &RestsOn, vendor: Vendor) -> String {
    match r {
        RestsOn::AssumedThroughput { unit } => format!("an assumed throughput per {unit}"),
        RestsOn::AssumedCapacityPrice { unit: Some(unit) } => format!("an unpublished price per {unit}"),
        RestsOn::AssumedCapacityPrice { unit: None } => "unpublished Reserved-tier prices".into(),
        RestsOn::AssumedOnDemandPrices { model } => format!("unpublished on-demand prices of {model}"),
        RestsOn::Overflow { share, month } => format!(
            "{} of requests above its capacity, billed at {}'s pay-as-you-go prices (month {month})",
            percent(*share),
            vendor.label()
        ),
        RestsOn::OtherModel { model, cheapest } => {
            format!("another model ({model}, against {cheapest}): prices are compared, not quality")
        }
    }
}

/// "a, b and c".
fn and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// "(azure-ptu, 100 PTU)": its kind, unless its name says it, and the units it buys (the most
/// of any month, "up to" when they change).
fn what(v: &VendorCheapest) -> String {
    let mut parts = Vec::new();
    if !v.option.contains(&v.kind) {
        parts.push(v.kind.clone());
    }
    if let Some(unit) = &v.unit {
        let most = v.units.iter().copied().fold(0.0, f64::max);
        let upto = if v.units.iter().any(|&u| u != most) { "up to " } else { "" };
        parts.push(format!("{upto}{} {unit}", trim(most, 1)));
    }
    if parts.is_empty() { String::new() } else { format!(" ({})", parts.join(", ")) }
}

/// One sentence per vendor, cheapest first: its cheapest option, its cost, the gap to the
/// cheapest vendor and what the figure rests on. `name` writes an option's name (bold in
/// Markdown).
pub fn advice(e: &Estimate, name: impl Fn(&str) -> String) -> Vec<String> {
    let Some(c) = &e.vendors else { return Vec::new() };
    let cheapest = c.vendors[0].vendor.label();
    c.vendors
        .iter()
        .map(|v| {
            let gap = if v.more_than_cheapest_usd >= CENT {
                format!("{} more than {cheapest}'s", usd(v.more_than_cheapest_usd))
            } else if v.vendor.label() == cheapest {
                format!("the cheapest of the {} vendors", thousands(c.vendors.len() as f64))
            } else {
                format!("the same as {cheapest}'s")
            };
            let rests: Vec<String> = v.rests_on.iter().map(|r| rests_on(r, v.vendor)).collect();
            let rests = if rests.is_empty() {
                "its figures are all published".into()
            } else {
                format!("it rests on {}", and(&rests))
            };
            format!(
                "{}'s cheapest is {}{}: {} over {}, {gap}; {rests}.",
                v.vendor.label(),
                name(&v.option),
                what(v),
                usd(v.total_usd),
                count(e.months, "month")
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_as_phrases() {
        let o = RestsOn::Overflow { share: 0.25, month: 3 };
        assert_eq!(
            rests_on(&o, Vendor::Vertex),
            "25% of requests above its capacity, billed at Vertex AI's pay-as-you-go prices (month 3)"
        );
        let parts = [RestsOn::AssumedThroughput { unit: "PTU".into() }, RestsOn::AssumedCapacityPrice { unit: None }]
            .map(|r| rests_on(&r, Vendor::Azure));
        assert_eq!(and(&parts), "an assumed throughput per PTU and unpublished Reserved-tier prices");
    }
}
