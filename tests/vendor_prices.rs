//! Amazon, Meta, Mistral and Cohere figures of the bundled catalog that issue 17 added or
//! corrected, each checked against the published figure it was copied from (quoted in the
//! comment, as the source prints it: per 1,000 tokens × 1,000 = per million).
use infercast::catalog::{Catalog, Term, Tier};
use infercast::keyword::Keyword;

fn catalog() -> Catalog {
    Catalog::embedded().expect("the bundled catalog loads")
}

/// (input, output) per million tokens in-region, and in the global profile where sold.
fn prices(c: &Catalog, key: &str) -> ((f64, f64), Option<(f64, f64)>) {
    let m = c.model(key).unwrap_or_else(|| panic!("{key} is in the bundled catalog"));
    let global = m.global.map(|g| (g.input_usd_per_mtok, g.output_usd_per_mtok));
    ((m.input_usd_per_mtok, m.output_usd_per_mtok), global)
}

#[test]
fn nova_2_lite_sells_flex_and_priority() {
    // AWS's transcription of the pricing page (2026-09-03), "Nova 2 Lite by tier", in-region:
    // Standard 0.33 / 2.75, Flex 0.165 / 1.375, Priority 0.5775 / 4.8125; global Standard
    // 0.30 / 2.50, Flex 0.15 / 1.25, Priority 0.525 / 4.375. So flex = 0.165 / 0.33 = 0.5 and
    // priority = 0.5775 / 0.33 = 1.75, the same in both scopes and for output.
    let c = catalog();
    let m = c.model("nova-2-lite").unwrap();
    assert_eq!(prices(&c, "nova-2-lite"), ((0.33, 2.75), Some((0.30, 2.50))));
    let flex = m.tier_multiplier(Tier::Flex).unwrap();
    let priority = m.tier_multiplier(Tier::Priority).unwrap();
    for (standard, published) in [(0.33, 0.165), (2.75, 1.375), (0.30, 0.15), (2.50, 1.25)] {
        assert!((standard * flex - published).abs() < 1e-9, "flex {standard}");
    }
    for (standard, published) in [(0.33, 0.5775), (2.75, 4.8125), (0.30, 0.525), (2.50, 4.375)] {
        assert!((standard * priority - published).abs() < 1e-9, "priority {standard}");
    }
    // Batch is sold but not one multiplier in-region (0.1595 / 1.342), so the catalog has none.
    assert_eq!(m.tier_multiplier(Tier::Batch), None);
    assert_eq!(m.price_list, ["Nova 2.0 Lite"]);
}

#[test]
fn nova_2_pro_and_omni_are_priced_for_text() {
    // Nova 2 Pro: 1.375 / 11.00 in-region (AWS's page, 2026-09-03; the Price List's
    // USE1-Nova2.0Pro-text-input-tokens 0.001375 / -text-output-tokens 0.011 per 1K), global
    // 1.25 / 10.00. Nova 2 Omni: text 0.30 / 2.80 in-region, 0.30 / 2.50 global (AWS's page).
    let c = catalog();
    assert_eq!(prices(&c, "nova-2-pro"), ((1.375, 11.00), Some((1.25, 10.00))));
    assert_eq!(prices(&c, "nova-2-omni"), ((0.30, 2.80), Some((0.30, 2.50))));
    for key in ["nova-2-pro", "nova-2-omni"] {
        let m = c.model(key).unwrap();
        // No cache or tier price was found for the previews: none is guessed.
        assert!(m.cache.is_none() && m.tiers.is_empty(), "{key}");
    }
}

#[test]
fn mistral_large_is_billed_by_version() {
    // The Price List: "Mistral Large" (24.02) USE1-MistralLarge 0.004 / 0.012 per 1K = 4 / 12
    // (not the 2024 page's 8 / 24); Mistral Large 2407 USW2-MistralLarge2407 0.002 / 0.006 per
    // 1K = 2 / 6, in us-west-2 only; Mistral Large 3 0.50 / 1.50 (AWS's page, 2026-09-03).
    let c = catalog();
    assert_eq!(prices(&c, "mistral-large-2402").0, (4.00, 12.00));
    assert_eq!(prices(&c, "mistral-large-2").0, (2.00, 6.00));
    assert_eq!(c.model("mistral-large-2").unwrap().regions, ["us-west-2"]);
    assert_eq!(prices(&c, "mistral-large-3").0, (0.50, 1.50));
    assert_eq!(c.model("mistral-large-2402").unwrap().price_list, ["Mistral Large"]);
}

#[test]
fn cohere_command_input_is_the_price_lists() {
    // The Price List prices "Cohere Generate Model - Command" at 1.0 / 2.0 per million (as did
    // AWS's page copy of 2025-07-20: 0.001 / 0.002 per 1K), not the 2024 page's 1.50.
    assert_eq!(prices(&catalog(), "cohere-command").0, (1.00, 2.00));
}

#[test]
fn llama_3_1_8b_has_its_published_provisioned_prices() {
    // AWS's page (2026-09-03), "Llama 3.1 - customization & provisioned throughput (US West
    // Oregon)": Llama 3.1 Instruct (8B) $24.00 no commitment, $21.18 1-month, $13.08 6-month.
    let c = catalog();
    let pt = c.model("llama-3.1-8b").unwrap().provisioned.as_ref().unwrap();
    let terms: Vec<(&str, f64)> = pt.usd_per_mu_hour.iter().map(|(t, p)| (t.as_str(), *p)).collect();
    assert_eq!(terms, [("1-month", 21.18), ("6-month", 13.08), ("none", 24.00)]);
    assert!(!pt.provenance.assumed && pt.throughput_assumed);
    // Llama 3.3 70B has no published PT price: its stand-in is Llama 3.1 70B's $24.00 (mean of a
    // triangle 19.2 / 24 / 28.8), and it says so.
    let stand_in = c.model("llama-3.3-70b").unwrap().provisioned.as_ref().unwrap();
    assert!(stand_in.provenance.assumed);
    assert!((stand_in.usd_per_mu_hour[&Term::NoCommitment] - (19.2 + 24.0 + 28.8) / 3.0).abs() < 1e-9);
}
