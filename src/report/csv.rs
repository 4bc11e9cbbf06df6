//! `costs.csv` (month × option) and `breakeven.csv` (volume × option): for spreadsheets.
use crate::model::Estimate;

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or carriage return
/// first) gets a leading `'`, which spreadsheets show as text: a name like `=HYPERLINK(…)`
/// stays a name (https://owasp.org/www-community/attacks/CSV_Injection). Numbers are left alone.
fn neutral(cell: String) -> String {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() { format!("'{cell}") } else { cell }
}

pub(crate) fn to_string(rows: Vec<Vec<String>>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        let r: Vec<String> = r.into_iter().map(neutral).collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_become_text_numbers_stay_numbers() {
        assert_eq!(neutral("=HYPERLINK(\"x\")".into()), "'=HYPERLINK(\"x\")");
        assert_eq!(neutral("+cmd".into()), "'+cmd");
        assert_eq!(neutral("-2+3".into()), "'-2+3");
        assert_eq!(neutral("@SUM(A1)".into()), "'@SUM(A1)");
        assert_eq!(neutral("-12.50".into()), "-12.50");
        assert_eq!(neutral("on-demand m".into()), "on-demand m");
    }
}
