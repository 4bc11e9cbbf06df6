//! The toy catalog (tests/fixtures/toy-catalog/toy.toml), the one copy tests and benches share:
//! round prices, one model with every kind of offer, one GPU instance, so every number is
//! derivable by hand.
use super::temp::TempPath;

/// The toy catalog folder, for `--pricing`.
pub const PRICING: &str = "tests/fixtures/toy-catalog";
/// The toy catalog's one file.
pub const CATALOG: &str = include_str!("../fixtures/toy-catalog/toy.toml");
/// The toy scenario on it: flat traffic, one option of each kind.
pub const SCENARIO: &str = "tests/fixtures/toy.toml";

/// Writes the toy catalog and `scenario` into a fresh folder of its own (`name` prefixes it);
/// returns the catalog folder and the scenario file, which keep the folder alive.
pub fn toy(name: &str, scenario: &str) -> (TempPath, TempPath) {
    let dir = TempPath::fresh(name);
    let (pricing, path) = (dir.join("pricing"), dir.join("scenario.toml"));
    std::fs::create_dir_all(&pricing).unwrap();
    std::fs::write(pricing.join("toy.toml"), CATALOG).unwrap();
    std::fs::write(&path, scenario).unwrap();
    (pricing, path)
}

/// 1,000,000 requests a month of 1,000 input and 100 output tokens, flat, priced by `options`.
pub fn flat_scenario(name: &str, options: &str) -> TempPath {
    let path = TempPath::fresh(name).join(format!("{name}.toml"));
    let text = format!(
        "[scenario]\nname = \"{name}\"\nmonths = 1\n[traffic]\nrequests_per_month = 1_000_000\n\
         [[workload]]\nname = \"w\"\nshare = 1\ninput_tokens = 1000\noutput_tokens = 100\n{options}"
    );
    std::fs::write(&path, text).unwrap();
    path
}

/// A catalog of `text` alone, loaded in memory as `pricing/toy.toml` (the toy catalog, or an edit
/// of it).
pub fn catalog_of(text: &str) -> infercast::catalog::Catalog {
    let file = infercast::source::SourceFile::new("pricing/toy.toml", text);
    infercast::catalog::Catalog::from_files(vec![file]).expect("the toy catalog loads")
}
