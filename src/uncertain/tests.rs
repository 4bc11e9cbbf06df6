use super::*;
use crate::source::SourceFile;

const TEXT: &str = "[traffic]\nrequests_per_month = { lognormal = { p50 = 1e6, p90 = 3e6 } } # volume\n\n\
                    [[workload]]\nname = \"chat\"\nmax_tokens = { uniform = { min = 2, max = 6 }, round = true }\n";

#[test]
fn distributions_are_found_with_their_paths_spans_and_means() {
    let file = SourceFile::new("s.toml", TEXT);
    let found = extract(&file, fields::scenario).unwrap();
    let paths: Vec<&str> = found.iter().map(|u| u.path.as_str()).collect();
    assert_eq!(paths, ["traffic.requests_per_month", "workload[chat].max_tokens"]);
    assert_eq!(&TEXT[found[0].span.clone()], "{ lognormal = { p50 = 1e6, p90 = 3e6 } }");
    assert_eq!(found[1].entry.as_deref(), Some("chat"));
    // Uniform 2..6 rounded: mean 4.
    assert_eq!((found[1].mean, found[1].round), (4.0, true));
}

#[test]
fn substitution_keeps_every_offset() {
    let file = SourceFile::new("s.toml", TEXT);
    let found = extract(&file, fields::scenario).unwrap();
    let text = substitute(TEXT, &found, &[1234.5, 3.0]);
    assert_eq!(text.len(), TEXT.len());
    let line = |n: usize| text.lines().nth(n).unwrap().to_string();
    // The 40-character distribution becomes `1234.5` and 34 spaces; the comment stays where it was.
    assert_eq!(line(1), format!("requests_per_month = 1234.5{} # volume", " ".repeat(34)));
    assert_eq!(line(5), format!("max_tokens = 3{}", " ".repeat(47)));
    // What the typed parser reads.
    let t: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(t["traffic"]["requests_per_month"].as_float(), Some(1234.5));
}

#[test]
fn numbers_that_do_not_fit_are_shortened() {
    assert_eq!(literal(1.0 / 3.0, false, 40), "0.3333333333333333");
    assert_eq!(literal(1.0 / 3.0, false, 10), "3.33333e-1");
    assert_eq!(literal(7.0, true, 10), "7");
}

#[test]
fn draws_stay_in_the_field_range_and_streams_repeat() {
    // A normal around 0.5 with sd 1 on a [0, 1] field: most draws fall outside and are redrawn.
    let u = Uncertain {
        path: "x".into(),
        keys: vec!["x".into()],
        entry: None,
        dist: Distribution::Normal { mean: 0.5, sd: 1.0 },
        round: false,
        min: 0.0,
        max: 1.0,
        span: 0..0,
        mean: 0.5,
    };
    let mut s = Stream::new(9, 4);
    let draws: Vec<f64> = (0..1000).map(|_| u.draw(&mut s)).collect();
    assert!(draws.iter().all(|x| (0.0..=1.0).contains(x)));
    let mut again = Stream::new(9, 4);
    assert_eq!(draws[0], u.draw(&mut again));
    assert_ne!(Stream::new(9, 4).uniform(), Stream::new(9, 5).uniform());
}

#[test]
fn means_are_kept_to_twelve_significant_digits() {
    // (50.4 + 63 + 75.6) / 3 is 63 give or take float noise.
    assert_eq!(significant((50.4 + 63.0 + 75.6) / 3.0), 63.0);
}
