//! The bundled catalog (`pricing/*.toml`, built into the binary): figures a test derives its
//! expectations from, so that a price update moves the expectation with it, and copies of it to
//! edit.
use super::temp::TempPath;
use infercast::catalog::{Catalog, Model, PriceSet};

/// The bundled catalog as the binary loads it.
pub fn catalog() -> Catalog {
    Catalog::embedded().expect("the bundled catalog loads")
}

/// The bundled catalog's model `key` (its key, not a profile id).
pub fn model(key: &str) -> Model {
    catalog().model(key).unwrap_or_else(|| panic!("no model `{key}` in the bundled catalog")).clone()
}

/// USD per request of `input` and `output` tokens at `m`'s in-region on-demand prices.
pub fn per_request(m: &Model, input: f64, output: f64) -> f64 {
    (input * m.input_usd_per_mtok + output * m.output_usd_per_mtok) / 1e6
}

/// A copy of the bundled catalog in a fresh folder, with `edit` applied to the text of the file
/// named `file` (which must change it).
pub fn pricing_with(name: &str, file: &str, edit: impl Fn(&str) -> String) -> TempPath {
    let dir = TempPath::fresh(name);
    let mut found = false;
    for f in std::fs::read_dir("pricing").unwrap() {
        let f = f.unwrap().path();
        if f.is_dir() {
            continue;
        }
        let mut text = std::fs::read_to_string(&f).unwrap();
        if f.file_name().unwrap() == file {
            let edited = edit(&text);
            assert_ne!(edited, text, "the edit changed nothing");
            (text, found) = (edited, true);
        }
        std::fs::write(dir.join(f.file_name().unwrap()), text).unwrap();
    }
    assert!(found, "no pricing/{file}");
    dir
}

/// `text` (a catalog file) with the first `field = …` line after `key = "model"` set to
/// `field = value`, whatever it said before.
pub fn set_field(text: &str, model: &str, field: &str, value: &str) -> String {
    let start = text.find(&format!("key = \"{model}\"\n")).unwrap_or_else(|| panic!("no model `{model}`"));
    let at = start + text[start..].find(&format!("\n{field} = ")).unwrap_or_else(|| panic!("no `{field}`")) + 1;
    let end = at + text[at..].find('\n').unwrap();
    format!("{}{field} = {value}{}", &text[..at], &text[end..])
}

/// The name of the bundled catalog file `m` comes from (`bedrock-anthropic.toml`).
pub fn file_of(m: &Model) -> String {
    std::path::Path::new(&m.file).file_name().unwrap().to_str().unwrap().to_string()
}

/// `x`, a whole number, with thousands separators: 1,000,000.
pub fn thousands(x: f64) -> String {
    assert_eq!(x.fract(), 0.0, "{x} is not whole");
    let digits = format!("{}", x.abs() as u64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if x < 0.0 { format!("-{out}") } else { out }
}

/// `x` in dollars and cents as the text outputs print it: $14,774.76.
pub fn usd(x: f64) -> String {
    let cents = (x * 100.0).round();
    format!("${}.{:02}", thousands((cents / 100.0).trunc()), (cents % 100.0).abs() as u64)
}

/// USD per request of each support-agent workload on `m` at its in-region prices:
/// `simple` 450 in (300 + 150) / 200 out; the agent (3 calls) 2,400 cached instruction tokens at
/// 0.9 · read + 0.1 · write, 2,550 other input tokens and 700 out. Today (Sonnet 4.5 at $3.30 /
/// $16.50, cache write 4.125, read 0.33): 4,785 µ$ and 1,702.8 + 8,415 + 11,550 = 21,667.8 µ$.
pub fn support_agent_per_request(m: &Model) -> (f64, f64) {
    let cache = m.cache.expect("Sonnet caches");
    let cached = 0.9 * cache.read_usd_per_mtok + 0.1 * cache.write_usd_per_mtok.expect("a 5-minute write price");
    let agent = (2_400.0 * cached + 2_550.0 * m.input_usd_per_mtok + 700.0 * m.output_usd_per_mtok) / 1e6;
    (per_request(m, 450.0, 200.0), agent)
}

/// Whether one Sonnet 4.5 MU on a 1-month term costs more than the on-demand work it can do. One
/// MU serves 1 / (1,800/in_tpm + 350/out_tpm) average support-agent requests a minute (today
/// 84.507); busy every minute of a 730-hour month that is that · 43,800 requests of on-demand work
/// (today $36,459) against the 1-month MU-hour price · 730 (today $63 · 730 = $45,990). While it
/// does, "optimal" buys 0 MUs every month and the option costs exactly what on demand costs.
pub fn mu_is_idle(sonnet: &Model) -> bool {
    let pt = sonnet.provisioned.as_ref().expect("Sonnet 4.5 has PT");
    let (simple, agent) = support_agent_per_request(sonnet);
    let per_mu = 1.0 / (1_800.0 / pt.input_tpm_per_mu + 350.0 / pt.output_tpm_per_mu);
    per_mu * 43_800.0 * (0.7 * simple + 0.3 * agent) < mu_hour(sonnet, "1-month") * 730.0
}

/// `m`'s token prices in `region`: its base prices where it is sold at them, else that region's
/// own (docs/catalog.md).
pub fn prices_in(m: &Model, region: &str) -> PriceSet {
    if m.regions.iter().any(|r| r == region) {
        return PriceSet {
            input_usd_per_mtok: m.input_usd_per_mtok,
            output_usd_per_mtok: m.output_usd_per_mtok,
            cache: m.cache,
        };
    }
    let r = m.region_prices.iter().find(|r| r.region == region);
    r.unwrap_or_else(|| panic!("`{}` has no price in {region}", m.key)).prices
}

/// USD for a million requests of 1,000 input and 100 output tokens at `p`
/// (`common::flat_scenario`'s month): 1,000 · input + 100 · output.
pub fn flat_month(p: &PriceSet) -> f64 {
    1_000.0 * p.input_usd_per_mtok + 100.0 * p.output_usd_per_mtok
}

/// USD per MU-hour of `m`'s Provisioned Throughput on `term` (`none`, `1-month`, `6-month`), the
/// term matched by the word the catalog writes it with.
pub fn mu_hour(m: &Model, term: &str) -> f64 {
    fn word(t: &impl std::fmt::Display) -> String {
        t.to_string()
    }
    let pt = m.provisioned.as_ref().unwrap_or_else(|| panic!("`{}` has no PT", m.key));
    let found = pt.usd_per_mu_hour.iter().find(|(t, _)| word(*t) == term);
    *found.unwrap_or_else(|| panic!("`{}` has no {term} PT price", m.key)).1
}
