//! `validate --today` before the figures existed is an error, not "all fresh".
use assert_cmd::Command;

#[test]
fn a_today_before_the_figures_is_refused_at_each_date() {
    // The bundled catalog carries dates from 2025 and 2026; on 2025-01-01 none of them existed.
    let out = Command::new(assert_cmd::cargo::cargo_bin!("infercast"))
        .args(["validate", "--max-age", "100000", "--today", "2025-01-01"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    let first = err.lines().next().unwrap();
    assert!(
        first.starts_with("error: pricing/")
            && first.contains(", after --today 2025-01-01: the figure did not exist yet"),
        "{first}"
    );
    assert!(err.contains("  = help: pass --today 2026-"), "{err}");
    assert!(!err.contains("every catalog figure was retrieved within"), "{err}");
}
