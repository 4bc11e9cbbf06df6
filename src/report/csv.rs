//! `costs.csv` (month × option) and `breakeven.csv` (volume × option): for spreadsheets.
use crate::model::Estimate;

fn to_string(rows: Vec<Vec<String>>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.write_record(&r).expect("writing CSV to memory cannot fail");
    }
    String::from_utf8(w.into_inner().expect("in-memory writer")).expect("CSV of UTF-8 strings is UTF-8")
}

/// One row per month: requests, then each option's and each plan's cost in USD (services
/// included), then each service line item's (`service: NAME`).
pub fn costs(e: &Estimate) -> String {
    let lines = e.lines();
    let items = &e.services.items;
    let mut rows = vec![
        ["month".to_string(), "requests".to_string()]
            .into_iter()
            .chain(lines.iter().map(|l| l.name.to_string()))
            .chain(items.iter().map(|i| format!("service: {}", i.name)))
            .collect(),
    ];
    for (m, requests) in e.month_requests().iter().enumerate() {
        let mut row = vec![(m + 1).to_string(), format!("{requests:.0}")];
        row.extend(lines.iter().map(|l| format!("{:.2}", l.months[m].0)));
        row.extend(items.iter().map(|i| format!("{:.2}", i.usd(m as u32 + 1, *requests))));
        rows.push(row);
    }
    to_string(rows)
}

/// One row per grid volume: requests and billed Mtok per month, then each option's month-1 cost.
pub fn breakeven(e: &Estimate) -> String {
    let b = &e.breakeven;
    let mut rows = vec![
        ["requests_per_month".to_string(), "mtok_per_month".to_string()]
            .into_iter()
            .chain(b.curves.iter().map(|(n, _)| n.clone()))
            .collect(),
    ];
    for (i, r) in b.grid_requests.iter().enumerate() {
        let mut row = vec![format!("{r:.2}"), format!("{:.4}", r * e.per_request.billed() / 1e6)];
        row.extend(b.curves.iter().map(|(_, c)| format!("{:.2}", c[i])));
        rows.push(row);
    }
    to_string(rows)
}
