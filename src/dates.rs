//! Calendar dates as days since 1970-01-01, for price ages (no time zones involved).
use crate::error::Diagnostic;
use crate::source::SourceFile;
use jiff::civil::Date;
use jiff::fmt::strtime::BrokenDownTime;
use toml::de::{DeTable, DeValue};

const EPOCH: Date = Date::constant(1970, 1, 1);

/// Days since 1970-01-01 of a valid calendar date.
fn days_since_epoch(date: Date) -> i64 {
    date.duration_since(EPOCH).as_secs().div_euclid(86_400)
}

/// Why a text is not a calendar date.
#[derive(Debug, Clone, PartialEq)]
pub enum NotADate {
    /// Not written year-month-day.
    Shape,
    /// A day the month does not have: `month` is e.g. "February 2026", which has 28 `days`.
    NoSuchDay { month: String, days: i8 },
}

impl NotADate {
    /// The message for the text `s` as given.
    pub fn describe(&self, s: &str) -> String {
        match self {
            NotADate::Shape => format!("`{s}` is not a date like 2026-11-25 (year-month-day)"),
            NotADate::NoSuchDay { month, days } => format!("`{s}` is not a date: {month} has {days} days"),
        }
    }
}

/// `YYYY-MM-DD` → days since 1970-01-01, or why it is not a date on the calendar.
pub fn check(s: &str) -> Result<i64, NotADate> {
    let tm = BrokenDownTime::parse("%Y-%m-%d", s.trim()).map_err(|_| NotADate::Shape)?;
    let (Some(y), Some(m), Some(d)) = (tm.year(), tm.month(), tm.day()) else { return Err(NotADate::Shape) };
    match Date::new(y, m, d) {
        Ok(date) => Ok(days_since_epoch(date)),
        Err(_) => Err(Date::new(y, m, 1).map_or(NotADate::Shape, |first| NotADate::NoSuchDay {
            month: first.strftime("%B %Y").to_string(),
            days: first.days_in_month(),
        })),
    }
}

/// `YYYY-MM-DD` → days since 1970-01-01; `None` when it is not a calendar date.
pub fn parse(s: &str) -> Option<i64> {
    check(s).ok()
}

/// Today (UTC) in days since 1970-01-01.
pub fn today() -> i64 {
    jiff::Timestamp::now().as_second().div_euclid(86_400)
}

/// Days since 1970-01-01 → `YYYY-MM-DD`.
pub fn format(days: i64) -> String {
    let date = EPOCH.checked_add(jiff::Span::new().days(days)).unwrap_or(EPOCH);
    date.strftime("%Y-%m-%d").to_string()
}

/// The first day of the month holding `day` (days since 1970-01-01).
pub fn first_of_month(day: i64) -> i64 {
    let d = EPOCH.checked_add(jiff::Span::new().days(day)).unwrap_or(EPOCH);
    day - i64::from(d.day()) + 1
}

/// The first day of the month `n` months after the month starting on `first`.
pub fn add_months(first: i64, n: u32) -> i64 {
    let d = EPOCH.checked_add(jiff::Span::new().days(first)).unwrap_or(EPOCH);
    d.checked_add(jiff::Span::new().months(i64::from(n))).map_or(first, days_since_epoch)
}

/// `YYYY-MM` → days since 1970-01-01 of that month's first day; `None` when it is not one.
pub fn parse_month(s: &str) -> Option<i64> {
    let (y, m) = s.split_once('-')?;
    if y.len() != 4 || m.len() != 2 || !(y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit())) {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, 1).ok().map(days_since_epoch)
}

/// Days since 1970-01-01 → `YYYY-MM`.
pub fn format_month(days: i64) -> String {
    format(days)[..7].to_string()
}

/// The calendar months of a horizon: "2027-01 to 2027-12", or "2027-01" for one month.
pub fn horizon(start: &str, months: u32) -> String {
    match parse_month(start) {
        Some(first) if months > 1 => {
            format!("{start} to {}", format_month(add_months(first, months - 1)))
        }
        _ => start.to_string(),
    }
}

/// Whole calendar months from `from` to `to` (days since 1970-01-01), counted down:
/// 2026-12-07 → 2027-03-06 is 2, → 2027-03-07 is 3. Negative when `to` comes first.
pub fn whole_months(from: i64, to: i64) -> i64 {
    let day = |d: i64| EPOCH.checked_add(jiff::Span::new().days(d)).unwrap_or(EPOCH);
    day(from).until((jiff::Unit::Month, day(to))).map_or(0, |s| i64::from(s.get_months()))
}

/// The day figures' dates are compared with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Today {
    /// The clock's: a date after it was written by mistake.
    Clock(i64),
    /// `--today`: ages are counted to a day before the figure existed.
    Given(i64),
}

/// A provenance date written in a file (`retrieved`, `quota_retrieved`, …), located.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    pub key: String,
    pub date: String,
    pub days: i64,
    /// Where it is, as a located diagnostic whose message is filled in by [`after`].
    pub at: Diagnostic,
}

/// Every provenance date of `file`: keys named `retrieved` or ending in `_retrieved`, at any
/// depth (tiers, quotas, capacity offers). A file that is not TOML has none (its parse reports it).
pub fn written(file: &SourceFile) -> Vec<Written> {
    let mut out = Vec::new();
    if let Ok(root) = DeTable::parse(&file.text) {
        walk_table(file, root.get_ref(), &mut out);
    }
    // In file order, whatever order the table's keys come in.
    out.sort_by_key(|w| w.at.span.as_ref().map_or(0, |s| s.start));
    out
}

fn walk_table(file: &SourceFile, t: &DeTable, out: &mut Vec<Written>) {
    for (k, v) in t {
        let key = k.get_ref().as_ref();
        match v.get_ref() {
            DeValue::Datetime(d) if key == "retrieved" || key.ends_with("_retrieved") => {
                let date = d.to_string();
                if let Some(days) = parse(&date).filter(|_| d.time.is_none()) {
                    let at = Diagnostic::at(file, &v.span(), "");
                    out.push(Written { key: key.to_string(), date, days, at });
                }
            }
            DeValue::Table(t) => walk_table(file, t, out),
            DeValue::Array(items) => {
                for item in items {
                    if let DeValue::Table(t) = item.get_ref() {
                        walk_table(file, t, out);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The dates after `today`, each a located error: a figure from the future would count as
/// fresh in every age check (docs/model.md#limits-of-the-inputs).
pub fn after(dates: &[Written], today: Today) -> Vec<Diagnostic> {
    let (Today::Clock(day) | Today::Given(day)) = today;
    // One --today fixes them all: the latest date written.
    let latest = dates.iter().max_by_key(|w| w.days).map_or("", |w| w.date.as_str());
    dates
        .iter()
        .filter(|w| w.days > day)
        .map(|w| {
            let mut d = w.at.clone();
            (d.message, d.help) = match today {
                Today::Clock(_) => (
                    format!("`{}` is {}, a date in the future", w.key, w.date),
                    Some("write the day the figure was read at its source".to_string()),
                ),
                Today::Given(_) => (
                    format!("`{}` is {}, after --today {}: the figure did not exist yet", w.key, w.date, format(day)),
                    Some(format!("pass --today {latest} or later (the latest date these figures carry)")),
                ),
            };
            d
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_horizon_reads_as_its_calendar_months() {
        // 12 months from January end in December of the same year; 14 from November of 2026 end
        // in December 2027 (Nov, Dec 2026 + 12 of 2027).
        assert_eq!(horizon("2027-01", 12), "2027-01 to 2027-12");
        assert_eq!(horizon("2026-11", 14), "2026-11 to 2027-12");
        assert_eq!(horizon("2027-01", 1), "2027-01");
    }

    #[test]
    fn whole_months_count_calendar_months_down() {
        let d = |s: &str| parse(s).unwrap();
        // 2026-12-07 plus two months is 2027-02-07, plus three 2027-03-07: 03-06 is two, 03-07 three.
        assert_eq!(whole_months(d("2026-12-07"), d("2027-03-06")), 2);
        assert_eq!(whole_months(d("2026-12-07"), d("2027-03-07")), 3);
        assert_eq!(whole_months(d("2026-06-01"), d("2026-06-30")), 0);
        // Across a year end: 2026-11-15 → 2027-02-15 is November, December, January.
        assert_eq!(whole_months(d("2026-11-15"), d("2027-02-15")), 3);
        assert_eq!(whole_months(d("2026-12-07"), d("2026-11-07")), -1);
    }

    #[test]
    fn known_dates() {
        assert_eq!(parse("1970-01-01"), Some(0));
        // 2000-03-01: 30 years (7 of them leap: 72, 76, …, 96) + Jan and Feb 2000 (31 + 29).
        assert_eq!(parse("2000-03-01"), Some(30 * 365 + 7 + 31 + 29));
        // 2025-07-20 → 2026-07-20 is 365 days (no 29 February between), then Jul 20 → Nov 25:
        // 11 + 31 + 30 + 31 + 25 = 128; 365 + 128 = 493.
        assert_eq!(parse("2026-11-25").unwrap() - parse("2025-07-20").unwrap(), 493);
        assert_eq!(parse("1969-12-31"), Some(-1));
        assert_eq!(parse("2026-13-01"), None);
        assert_eq!(parse("yesterday"), None);
    }

    #[test]
    fn impossible_days_are_refused_with_the_month_length() {
        let says = |s: &str| check(s).unwrap_err().describe(s);
        assert_eq!(says("2026-02-31"), "`2026-02-31` is not a date: February 2026 has 28 days");
        assert_eq!(says("2026-04-31"), "`2026-04-31` is not a date: April 2026 has 30 days");
        // 2024 is a leap year (divisible by 4), 2100 is not (by 100, not by 400), 2000 is (by 400).
        assert_eq!(parse("2024-02-29"), parse("2024-03-01").map(|d| d - 1));
        assert_eq!(says("2100-02-29"), "`2100-02-29` is not a date: February 2100 has 28 days");
        assert!(check("2000-02-29").is_ok());
        assert_eq!(says("2026-11-25T10:00"), "`2026-11-25T10:00` is not a date like 2026-11-25 (year-month-day)");
        assert_eq!(check("2026-13-01"), Err(NotADate::Shape));
    }

    #[test]
    fn months_start_on_their_first_day_and_add_up() {
        let d = |s: &str| parse(s).unwrap();
        assert_eq!(parse_month("2027-01"), Some(d("2027-01-01")));
        assert_eq!(parse_month("2027-13"), None);
        assert_eq!(parse_month("2027-1"), None);
        assert_eq!(parse_month("2027-01-01"), None);
        assert_eq!(first_of_month(d("2026-06-17")), d("2026-06-01"));
        assert_eq!(first_of_month(d("2026-06-01")), d("2026-06-01"));
        // January 2027 + 1 month is February (31 days later), + 2 March (31 + 28: 2027 is not leap).
        assert_eq!(add_months(d("2027-01-01"), 1) - d("2027-01-01"), 31);
        assert_eq!(add_months(d("2027-01-01"), 2) - d("2027-01-01"), 59);
        assert_eq!(add_months(d("2026-12-01"), 1), d("2027-01-01"));
        assert_eq!(format_month(d("2027-02-15")), "2027-02");
    }

    #[test]
    fn days_format_back_to_dates() {
        for s in ["1970-01-01", "2000-02-29", "2026-11-25", "2025-12-31"] {
            assert_eq!(format(parse(s).unwrap()), s);
        }
    }

    #[test]
    fn dates_after_today_are_errors_where_they_are_written() {
        let text = "[catalog]\nretrieved = 2026-01-02\n\n[[model]]\nquota_retrieved = 2026-01-01\ntiers = { batch = { retrieved = 2026-01-03 } }\nend_of_life = 2030-01-01\n";
        let file = SourceFile::new("c.toml", text);
        let w = written(&file);
        // end_of_life is a date to come by nature: not a provenance date.
        let keys: Vec<_> = w.iter().map(|w| (w.key.as_str(), w.date.as_str())).collect();
        assert_eq!(keys, [("retrieved", "2026-01-02"), ("quota_retrieved", "2026-01-01"), ("retrieved", "2026-01-03")]);
        let today = parse("2026-01-01").unwrap();
        let late = after(&w, Today::Given(today));
        assert_eq!(late.len(), 2, "2026-01-01 itself is not after today");
        assert_eq!(late[0].location, Some((2, 13)));
        assert_eq!(
            late[0].message,
            "`retrieved` is 2026-01-02, after --today 2026-01-01: the figure did not exist yet"
        );
        // `tiers = { batch = { retrieved = ` is 32 characters: the date starts at column 33.
        assert_eq!(late[1].location, Some((6, 33)));
        assert!(after(&w, Today::Clock(today + 2)).is_empty());
    }
}
