//! Calendar dates as days since 1970-01-01, for price ages (no time zones involved).
use jiff::civil::Date;
use jiff::fmt::strtime::BrokenDownTime;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
