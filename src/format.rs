//! Fixed number formatting shared by every text renderer, and a plain aligned table.

/// `1234567.891` → `"1,234,568"` (rounded to a whole number, thousands separated).
pub fn thousands(x: f64) -> String {
    let r = x.round();
    let digits = format!("{:.0}", r.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if r < 0.0 { format!("-{out}") } else { out }
}

/// An amount of money: dollars with cents and separators, `$12,345.67`, rounded to the cent
/// like every amount in every output (a float-noise regret of 4e-11 is `$0.00`); from ten
/// trillion on (where cents stop being exact in a double), scientific (`$1.234e18`), so no figure
/// overflows into `inf`.
pub fn usd(x: f64) -> String {
    if x.abs() >= 1e13 {
        return format!("${x:.3e}");
    }
    let cents = (x * 100.0).round();
    if cents == 0.0 {
        return "$0.00".into();
    }
    format!("${}.{:02}", thousands((cents / 100.0).trunc()), (cents.abs() % 100.0) as u64)
}

/// A price per unit (per 1,000 requests, per million tokens, per hour): as [`usd`], but below a
/// cent four significant digits, since a rate of $0.0017 is not $0.00.
pub fn usd_rate(x: f64) -> String {
    if x != 0.0 && x.abs() < 0.01 {
        let digits = (3 - x.abs().log10().floor() as i32).max(0) as usize;
        return format!("${x:.digits$}");
    }
    usd(x)
}

/// A count and its noun, singular for exactly one: `count(1, "month")` → `"1 month"`,
/// `count(12, "month")` → `"12 months"`, `count(2000, "draw")` → `"2,000 draws"`.
pub fn count(n: impl Into<f64>, noun: &str) -> String {
    plural(&thousands(n.into()), noun)
}

/// A number already written out and its noun, singular when it reads `1`: `plural("730", "hour")`
/// → `"730 hours"`, `plural("1", "catalog entry")` → `"1 catalog entry"`.
pub fn plural(number: &str, noun: &str) -> String {
    if number == "1" {
        return format!("1 {noun}");
    }
    match noun.strip_suffix('y') {
        Some(stem) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{number} {stem}ies"),
        _ => format!("{number} {noun}s"),
    }
}

/// Whole dollars from $100 up (`$1,900`) and for any whole amount (`$79`), else as [`usd`]: for
/// figures already rounded, so one column never mixes `$760` and `$79.00`.
pub fn usd_whole(x: f64) -> String {
    if x.abs() >= 1e13 {
        return usd(x);
    }
    if x.abs() >= 100.0 || x == x.round() { format!("${}", thousands(x)) } else { usd(x) }
}

/// A count with at most `decimals` decimals, trailing zeros dropped: `1.60` → `1.6`, `3.00` → `3`.
pub fn trim(x: f64, decimals: usize) -> String {
    let s = format!("{x:.decimals$}");
    if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s }
}

/// Billed per visible token, `7.1x`; `n/a` when nothing is visible and the ratio is undefined
/// (never a made-up `0.0x`).
pub fn ratio(billed_per_visible: Option<f64>) -> String {
    billed_per_visible.map_or("n/a".to_string(), |r| format!("{r:.1}x"))
}

/// A quantile as a percentile: `0.99` → `99th`, `0.999` → `99.9th`, `0.5` → `50th`.
pub fn percentile(q: f64) -> String {
    let p = trim(q * 100.0, 3);
    let suffix = match p.parse::<u64>() {
        Ok(n) if (11..=13).contains(&(n % 100)) => "th",
        Ok(n) if n % 10 == 1 => "st",
        Ok(n) if n % 10 == 2 => "nd",
        Ok(n) if n % 10 == 3 => "rd",
        _ => "th",
    };
    format!("{p}{suffix}")
}

/// A share as a percentage: `0.7` → `70%`, `0.125` → `12.5%`.
pub fn percent(x: f64) -> String {
    let p = x * 100.0;
    if p.is_finite() && p.abs() < 1e13 {
        return format!("{}%", trim(p, 1));
    }
    // Scientific from ten trillion per cent on, computed without overflowing: 1e308 → 1.000e310%.
    let e = x.abs().log10().floor();
    format!("{:.3}e{}%", x / 10f64.powf(e), e as i32 + 2)
}

/// Column alignment.
#[derive(Clone, Copy, PartialEq)]
pub enum Align {
    Left,
    Right,
}

/// Renders rows under a header, columns padded to their widest cell, two spaces apart.
pub fn table(header: &[(&str, Align)], rows: &[Vec<String>], indent: &str) -> String {
    let width = |i: usize| {
        rows.iter()
            .map(|r| r.get(i).map_or(0, |c| c.chars().count()))
            .chain([header[i].0.chars().count()])
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..header.len()).map(width).collect();
    let line = |cells: Vec<&str>| {
        let parts: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| match header[i].1 {
                Align::Left => format!("{c:<w$}", w = widths[i]),
                Align::Right => format!("{c:>w$}", w = widths[i]),
            })
            .collect();
        format!("{indent}{}", parts.join("  ").trim_end())
    };
    let mut out = vec![line(header.iter().map(|h| h.0).collect())];
    out.extend(rows.iter().map(|r| line(r.iter().map(String::as_str).collect())));
    out.join("\n") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_shares_stay_finite() {
        assert_eq!(percent(0.125), "12.5%");
        assert_eq!(percent(1e308), "1.000e310%");
    }

    #[test]
    fn huge_dollar_figures_stay_finite() {
        assert_eq!(usd(1e308), "$1.000e308");
        assert_eq!(usd(-2.5e16), "$-2.500e16");
        assert_eq!(usd(1_234_567_890.12), "$1,234,567,890.12");
        assert_eq!(usd(1e13), "$1.000e13");
    }

    #[test]
    fn numbers_read_the_way_people_write_them() {
        assert_eq!(thousands(5650.0), "5,650");
        assert_eq!(thousands(999.5), "1,000");
        assert_eq!(thousands(-1234567.0), "-1,234,567");
        assert_eq!(usd(6525.0), "$6,525.00");
        assert_eq!(usd(1234567.891), "$1,234,567.89");
        assert_eq!(usd_rate(0.001656), "$0.001656");
        assert_eq!(usd_rate(12.345), "$12.35");
        assert_eq!(usd(0.0), "$0.00");
        // An amount rounds to the cent everywhere: float noise is no amount.
        assert_eq!(usd(0.000_000_000_043_66), "$0.00");
        assert_eq!(usd(-0.004), "$0.00");
        assert_eq!(usd(0.005), "$0.01");
        assert_eq!(usd_whole(79.0), "$79");
        assert_eq!(usd_whole(1_900.0), "$1,900");
        assert_eq!(usd_whole(7.5), "$7.50");
        assert_eq!(trim(1.6000, 2), "1.6");
        assert_eq!(trim(3.0, 2), "3");
        assert_eq!(percent(0.7), "70%");
        assert_eq!(percent(0.125), "12.5%");
    }

    #[test]
    fn one_is_singular_every_other_count_plural() {
        assert_eq!(count(1, "month"), "1 month");
        assert_eq!(count(12, "month"), "12 months");
        assert_eq!(count(0, "draw"), "0 draws");
        assert_eq!(count(2000, "draw"), "2,000 draws");
        assert_eq!(count(1, "entry"), "1 entry");
        assert_eq!(count(3, "catalog entry"), "3 catalog entries");
        assert_eq!(count(30, "day"), "30 days");
        assert_eq!(plural("730.5", "hour"), "730.5 hours");
        assert_eq!(ratio(Some(7.0625)), "7.1x");
        assert_eq!(ratio(None), "n/a");
        assert_eq!(percentile(0.99), "99th");
        assert_eq!(percentile(0.999), "99.9th");
        assert_eq!(percentile(0.51), "51st");
        assert_eq!(percentile(0.5), "50th");
    }

    #[test]
    fn table_pads_columns() {
        let t = table(
            &[("a", Align::Left), ("n", Align::Right)],
            &[vec!["xy".into(), "1".into()], vec!["z".into(), "100".into()]],
            "",
        );
        assert_eq!(t, "a     n\nxy    1\nz   100\n");
    }
}
