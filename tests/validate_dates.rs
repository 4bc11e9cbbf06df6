//! `validate --today` before the figures existed is an error, not "all fresh".

mod common;

#[test]
fn a_today_before_the_figures_is_refused_at_each_date() {
    // The bundled catalog carries dates from 2025 and 2026; on 2025-01-01 none of them existed.
    let out = common::infercast().args(["validate", "--max-age", "100000", "--today", "2025-01-01"]).output().unwrap();
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

#[test]
fn a_retired_models_prices_are_history_not_stale() {
    // The toy catalog's figures were retrieved 2026-01-01: 340 days before 2026-12-07. A second
    // model, retired on 2026-06-30, carries figures as old or older; only the current model's
    // dated figures may be called stale.
    let retired = "\n[[model]]\nkey = \"old\"\nid = \"test.old\"\ninput_usd_per_mtok = 1.0\n\
                   output_usd_per_mtok = 2.0\ncontext_window_tokens = 1000\nmax_output_tokens = 100\n\
                   end_of_life = 2026-06-30\nquota_tpm = 1000\nquota_source = \"https://example.com/quotas\"\n\
                   quota_retrieved = 2025-01-01\n";
    let dir = common::TempPath::fresh("validate-retired");
    let file = dir.join("toy.toml");
    std::fs::write(&file, format!("{}{retired}", common::CATALOG)).unwrap();
    let run = |today: &str| {
        let out = common::infercast()
            .args(["validate", "--max-age", "180", "--strict", "--today", today])
            .arg(&*file)
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap())
    };
    let (code, out) = run("2026-12-07");
    assert_eq!(code, Some(1), "{out}");
    let stale: Vec<&str> = out.lines().filter(|l| l.starts_with("  `") || l.starts_with("  instance")).collect();
    assert!(stale.iter().all(|l| !l.contains("`old`")), "{out}");
    // The retired model has two dated figures (prices, quotas), neither aged.
    assert!(out.contains("2 figures of 1 retired model not aged"), "{out}");
    // The day before its end of life the model is current, and its figures are aged with the rest.
    let (_, before) = run("2026-06-29");
    assert!(
        before.lines().any(|l| l.starts_with("  `old` quotas (") && l.ends_with("retrieved 2025-01-01, 544 days ago")),
        "{before}"
    );
    assert!(!before.contains("retired model not aged"), "{before}");
}
