//! `costs.csv` (month × option) and `breakeven.csv` (volume × option): for spreadsheets.
use crate::model::Estimate;

fn to_string(rows: Vec<Vec<String>>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.write_record(&r).expect("writing CSV to memory cannot fail");
    }
    String::from_utf8(w.into_inner().expect("in-memory writer")).expect("CSV of UTF-8 strings is UTF-8")
}

/// One row per month: requests, then each option's cost in USD.
pub fn costs(e: &Estimate) -> String {
    let mut rows = vec![
        ["month".to_string(), "requests".to_string()]
            .into_iter()
            .chain(e.options.iter().map(|o| o.name.clone()))
            .collect(),
    ];
    for m in 0..e.months as usize {
        let first = &e.options[0].cost.months[m];
        let mut row = vec![first.month.to_string(), format!("{:.0}", first.requests)];
        row.extend(e.options.iter().map(|o| format!("{:.2}", o.cost.months[m].cost_usd)));
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
