//! The catalog as a scenario meets it: models named by key, provider id or inference-profile id;
//! endpoints, regions, long context and cache lifetimes; legacy models; private figures. Prices
//! are read off `pricing/*.toml` in the comments and every cost is worked out by hand.
mod common;

use common::bundled::{self, file_of, flat_month, prices_in, pricing_with, set_field};
use common::{TempPath, close, estimate_on_today as estimate, month_1};

/// Every run here is judged on `common::TODAY` (docs/model.md#lifecycle): claude-3-haiku (end of
/// life 2026-09-10) is still served, and ends after these one-month horizons.
fn infercast() -> assert_cmd::Command {
    common::on_today()
}

#[test]
fn a_model_is_named_by_key_provider_id_or_profile_id() {
    // Claude Sonnet 4.5 in-region and through the `us.` profile (called from us-east-1, a base
    // region) at its base prices, the global profile at its global ones: for a million requests
    // 1,000 · input + 100 · output (today $3.30 / $16.50 → $4,950; global $3.00 / $15.00 → $4,500).
    let sonnet = bundled::model("claude-sonnet-4.5");
    let (base, global) = (flat_month(&prices_in(&sonnet, "us-east-1")), flat_month(&sonnet.global.unwrap()));
    let path = common::flat_scenario(
        "references",
        "[[option]]\nkind = \"on-demand\"\nmodel = \"claude-sonnet-4.5\"\n\
         [[option]]\nname = \"by id\"\nkind = \"on-demand\"\nmodel = \"anthropic.claude-sonnet-4-5-20250929-v1:0\"\n\
         [[option]]\nname = \"us profile\"\nkind = \"on-demand\"\nmodel = \"us.anthropic.claude-sonnet-4-5-20250929-v1:0\"\n\
         [[option]]\nname = \"global profile\"\nkind = \"on-demand\"\nmodel = \"global.anthropic.claude-sonnet-4-5-20250929-v1:0\"\n\
         [[option]]\nkind = \"on-demand\"\nmodel = \"claude-sonnet-4.5\"\nendpoint = \"global\"\n",
    );
    let (v, _) = estimate(&path, None);
    for i in 0..3 {
        assert!(close(month_1(&v, i), base), "option {i}: {}", month_1(&v, i));
    }
    assert_eq!(v["options"][2]["endpoint"], "geo");
    assert!(close(month_1(&v, 3), global));
    assert_eq!(v["options"][3]["endpoint"], "global");
    assert_eq!(v["options"][4]["name"], "on-demand claude-sonnet-4.5 (global)");
    assert!(close(month_1(&v, 4), global));
}

#[test]
fn a_region_with_its_own_prices() {
    // Each at the catalog's price for that region, 1,000 · input + 100 · output for a million:
    // GovCloud (us-gov-west-1) Claude Sonnet 4.5, today $3.60 / $18.00 → 3,600 + 1,800 = $5,400;
    // Nova Lite in eu-central-1, today $0.078 / $0.312 → 78 + 31.2 = $109.20.
    let gov = flat_month(&prices_in(&bundled::model("claude-sonnet-4.5"), "us-gov-west-1"));
    let eu = flat_month(&prices_in(&bundled::model("nova-lite"), "eu-central-1"));
    let path = common::flat_scenario(
        "regions",
        "[[option]]\nkind = \"on-demand\"\nmodel = \"claude-sonnet-4.5\"\nregion = \"us-gov-west-1\"\n\
         [[option]]\nkind = \"on-demand\"\nmodel = \"nova-lite\"\nregion = \"eu-central-1\"\n",
    );
    let (v, _) = estimate(&path, None);
    assert!(close(month_1(&v, 0), gov));
    assert_eq!(v["options"][0]["name"], "on-demand claude-sonnet-4.5 (us-gov-west-1)");
    assert!(close(month_1(&v, 1), eu));
}

#[test]
fn a_geographic_profile_pays_the_price_of_the_region_it_is_called_from() {
    // AWS bills a cross-Region call at its source region's price (docs/model.md#inference-profiles).
    // Nova Lite, each at the catalog's price of its source region, 1,000 · input + 100 · output
    // for a million (today: us-east-1 $0.06 / $0.24, eu-central-1 and eu-west-1 $0.078 / $0.312,
    // ap-northeast-1 $0.063 / $0.252):
    // us.   → us-east-1:      1,000 · 0.06  + 100 · 0.24  = 84 µ$ a request → $84 for a million;
    // eu.   → eu-central-1:   1,000 · 0.078 + 100 · 0.312 = 109.2 µ$ → $109.20 (was $84 before the
    //         profile chose its source region: the us-east-1 price);
    // eu. with region = "eu-west-1": eu-west-1's price, today the same $109.20;
    // apac. → ap-northeast-1: 1,000 · 0.063 + 100 · 0.252 = 88.2 µ$ → $88.20;
    // endpoint = "geo" from eu-west-1: eu-west-1's price.
    let nova = bundled::model("nova-lite");
    let path = common::flat_scenario(
        "geo-profiles",
        "[[option]]\nname = \"us\"\nkind = \"on-demand\"\nmodel = \"us.amazon.nova-lite-v1:0\"\n\
         [[option]]\nname = \"eu\"\nkind = \"on-demand\"\nmodel = \"eu.amazon.nova-lite-v1:0\"\n\
         [[option]]\nname = \"eu west\"\nkind = \"on-demand\"\nmodel = \"eu.amazon.nova-lite-v1:0\"\nregion = \"eu-west-1\"\n\
         [[option]]\nname = \"apac\"\nkind = \"on-demand\"\nmodel = \"apac.amazon.nova-lite-v1:0\"\n\
         [[option]]\nname = \"geo\"\nkind = \"on-demand\"\nmodel = \"nova-lite\"\nendpoint = \"geo\"\nregion = \"eu-west-1\"\n",
    );
    let (v, _) = estimate(&path, None);
    let regions = ["us-east-1", "eu-central-1", "eu-west-1", "ap-northeast-1", "eu-west-1"];
    for (i, region) in regions.iter().enumerate() {
        let usd = flat_month(&prices_in(&nova, region));
        assert!(close(month_1(&v, i), usd), "option {i}: {} against {usd}", month_1(&v, i));
        assert_eq!(v["options"][i]["region"], *region, "option {i}");
        assert_eq!(v["options"][i]["endpoint"], "geo", "option {i}");
    }
}

#[test]
fn every_listed_profile_prices_as_the_catalog_says() {
    // Claude Sonnet 4.5 lists us, eu, jp, au and global; each geographic profile pays its source
    // region's price (us-east-1, eu-central-1, ap-northeast-1, ap-southeast-2: today all $3.30 /
    // $16.50 → 4,950 µ$ a request, $4,950 for a million), global its global price (today $3.00 /
    // $15.00 → $4,500).
    let sonnet = bundled::model("claude-sonnet-4.5");
    let sources = ["us-east-1", "eu-central-1", "ap-northeast-1", "ap-southeast-2"];
    let mut want: Vec<f64> = sources.iter().map(|r| flat_month(&prices_in(&sonnet, r))).collect();
    want.push(flat_month(&sonnet.global.unwrap()));
    let id = "anthropic.claude-sonnet-4-5-20250929-v1:0";
    let options: String = ["us", "eu", "jp", "au", "global"]
        .iter()
        .map(|p| format!("[[option]]\nname = \"{p}\"\nkind = \"on-demand\"\nmodel = \"{p}.{id}\"\n"))
        .collect();
    let (v, _) = estimate(&common::flat_scenario("listed-profiles", &options), None);
    for (i, usd) in want.iter().enumerate() {
        assert!(close(month_1(&v, i), *usd), "option {i}: {}", month_1(&v, i));
    }
}

#[test]
fn claude_sonnet_5_is_priced_as_its_model_card_says() {
    // The model card (platform.claude.com/docs/en/models/sonnet-5/overview) gives $2 / $10 per
    // MTok: the global endpoint. Regional endpoints and geographic profiles pay 10 % more
    // (Anthropic's pricing page, "Regional endpoint pricing for Claude 4.5 models and beyond"):
    // $2.20 / $11.00, in us-east-1 and in eu-central-1 alike.
    // Global: 1,000 · 2.00 + 100 · 10.00 = 3,000 µ$ a request → $3,000 for a million.
    // Regional: 1,000 · 2.20 + 100 · 11.00 = 3,300 µ$ → $3,300. (The catalog used to hold a public
    // map's 3.00 / 15.00 and 3.30 / 16.50: $4,500 and $4,950.)
    let path = common::flat_scenario(
        "sonnet5",
        "[[option]]\nkind = \"on-demand\"\nmodel = \"claude-sonnet-5\"\nendpoint = \"global\"\n\
         [[option]]\nkind = \"on-demand\"\nmodel = \"claude-sonnet-5\"\n\
         [[option]]\nkind = \"on-demand\"\nmodel = \"claude-sonnet-5\"\nregion = \"eu-central-1\"\n",
    );
    let (v, _) = estimate(&path, None);
    assert!(close(month_1(&v, 0), 2.00 * 1_000.0 + 10.00 * 100.0), "{}", month_1(&v, 0));
    assert!(close(month_1(&v, 1), 3_300.0), "{}", month_1(&v, 1));
    assert!(close(month_1(&v, 2), 3_300.0), "{}", month_1(&v, 2));
}

#[test]
fn published_batch_prices_and_the_gpt_5_6_sol_cut() {
    // AWS's transcription of the pricing page gives Claude batch at half of on-demand (Sonnet 4.5
    // 1.50 / 7.50 against 3.00 / 15.00), in every scope. Sonnet 4.5 in-region batch (today):
    // 0.5 · (1,000 · 3.30 + 100 · 16.50) = 0.5 · 4,950 = 2,475 µ$ a request → $2,475 a million.
    // Haiku 4.5 global batch (today): 0.5 · (1,000 · 1.00 + 100 · 5.00) = 750 µ$ → $750.
    // GPT-5.6 Sol: the horizon starts in the month of TODAY, June 2026, before the cut of
    // 2026-08-21, so it pays its price period's 5.50 / 33.00: 5,500 + 3,300 = 8,800 µ$ → $8,800
    // (after the cut, 4.40 / 22.00: $6,600, tests/dated_prices.rs).
    let path = common::flat_scenario(
        "batch",
        "[[option]]\nkind = \"on-demand\"\nmodel = \"claude-sonnet-4.5\"\ntier = \"batch\"\n\
         [[option]]\nkind = \"on-demand\"\nmodel = \"claude-haiku-4.5\"\nendpoint = \"global\"\ntier = \"batch\"\n\
         [[option]]\nkind = \"on-demand\"\nmodel = \"gpt-5.6-sol\"\n",
    );
    let (v, _) = estimate(&path, None);
    // The published half is pinned here; the prices it halves are read from the catalog.
    let sonnet = flat_month(&prices_in(&bundled::model("claude-sonnet-4.5"), "us-east-1"));
    let haiku = flat_month(&bundled::model("claude-haiku-4.5").global.unwrap());
    assert!(close(month_1(&v, 0), 0.5 * sonnet), "{}", month_1(&v, 0));
    assert!(close(month_1(&v, 1), 0.5 * haiku), "{}", month_1(&v, 1));
    assert!(close(month_1(&v, 2), 8_800.0), "{}", month_1(&v, 2));
}

#[test]
fn claude_sonnet_4_6_caches_for_an_hour() {
    // AWS's transcription prices Sonnet 4.6's 1-hour cache write at 6.00 (global); in-region 6.60.
    // A call: 2,000 system-prompt tokens cached at h = 0.9, 1,000 other input, 100 output.
    // In-region: S at 0.9 · 0.33 + 0.1 · 6.60 = 0.957 $/M → 1,914 µ$; 1,000 · 3.30 = 3,300;
    // 100 · 16.50 = 1,650; 6,864 µ$ a request → $6,864 for a million.
    // Global: 0.9 · 0.30 + 0.1 · 6.00 = 0.87 → 1,740 + 3,000 + 1,500 = 6,240 µ$ → $6,240.
    let path = TempPath::fresh("hour").join("hour.toml");
    std::fs::write(
        &path,
        "[scenario]\nname = \"hour\"\nmonths = 1\n[traffic]\nrequests_per_month = 1_000_000\n[[workload]]\nname = \"w\"\n\
         share = 1\ninput_tokens = 1000\noutput_tokens = 100\nsystem_prompt_tokens = 2000\ncache_system_prompt = true\n\
         cache_hit_rate = 0.9\ncache_ttl = \"1h\"\n[[option]]\nkind = \"on-demand\"\nmodel = \"claude-sonnet-4.6\"\n\
         [[option]]\nkind = \"on-demand\"\nmodel = \"claude-sonnet-4.6\"\nendpoint = \"global\"\n",
    )
    .unwrap();
    let (v, _) = estimate(&path, None);
    assert!(close(month_1(&v, 0), 6_864.0), "{}", month_1(&v, 0));
    assert!(close(month_1(&v, 1), 6_240.0), "{}", month_1(&v, 1));
}

#[test]
fn llama_3_1_70b_has_its_published_provisioned_prices() {
    // AWS publishes Llama 3.1 70B PT at $24.00 (no commitment), $21.18 (1 month) and $13.08
    // (6 months) per MU-hour. One MU for a 730-hour month: 24.00 · 730 = $17,520,
    // 21.18 · 730 = $15,461.40, 13.08 · 730 = $9,548.40. A thousand small requests a month fit in
    // one MU, so nothing overflows to on-demand.
    let pt = |term: &str| {
        format!("[[option]]\nkind = \"provisioned\"\nmodel = \"llama-3.1-70b\"\nterm = \"{term}\"\nunits = 1\n")
    };
    let path = TempPath::fresh("llama-pt").join("llama-pt.toml");
    let text = format!(
        "[scenario]\nname = \"llama-pt\"\nmonths = 1\n[traffic]\nrequests_per_month = 1_000\n[[workload]]\nname = \"w\"\n\
         share = 1\ninput_tokens = 1000\noutput_tokens = 100\n{}{}{}",
        pt("none"),
        pt("1-month"),
        pt("6-month")
    );
    std::fs::write(&path, text).unwrap();
    let (v, _) = estimate(&path, None);
    assert!(close(month_1(&v, 0), 24.00 * 730.0), "{}", month_1(&v, 0));
    assert!(close(month_1(&v, 1), 15_461.40), "{}", month_1(&v, 1));
    assert!(close(month_1(&v, 2), 9_548.40), "{}", month_1(&v, 2));
}

#[test]
fn long_context_prices_apply_above_the_threshold() {
    // 250,000 input tokens a call is above Sonnet 4.5's long-context threshold (today 200,000):
    // input and output at their multipliers (today ×2, $6.60, and ×1.5, $24.75). Today
    // 250,000 · 6.60 + 100 · 24.75 = 1,650,000 + 2,475 = 1,652,475 µ$ a request, against
    // 250,000 · 3.30 + 100 · 16.50 = 826,650 µ$ at the normal prices. A thousand requests:
    // $1,652.475.
    let sonnet = bundled::model("claude-sonnet-4.5");
    let long = sonnet.long_context.unwrap();
    assert!(250_000.0 > long.above_input_tokens);
    let input = 250_000.0 * sonnet.input_usd_per_mtok * long.input_multiplier;
    let want = (input + 100.0 * sonnet.output_usd_per_mtok * long.output_multiplier) / 1_000.0;
    let path = TempPath::fresh("long").join("long.toml");
    std::fs::write(
        &path,
        "[scenario]\nname = \"long\"\nmonths = 1\n[traffic]\nrequests_per_month = 1_000\n[[workload]]\nname = \"w\"\n\
         share = 1\ninput_tokens = 250_000\noutput_tokens = 100\n[[option]]\nkind = \"on-demand\"\nmodel = \"claude-sonnet-4.5\"\n",
    )
    .unwrap();
    let (v, _) = estimate(&path, None);
    assert!(close(month_1(&v, 0), want), "{} against {want}", month_1(&v, 0));
}

#[test]
fn a_legacy_model_is_warned_about_and_caveated() {
    // Claude 3 Haiku is marked legacy in pricing/bedrock-anthropic.toml.
    let path = common::flat_scenario("legacy", "[[option]]\nkind = \"on-demand\"\nmodel = \"claude-3-haiku\"\n");
    let (v, _) = estimate(&path, None);
    let warnings: Vec<&str> = v["warnings"].as_array().unwrap().iter().map(|w| w.as_str().unwrap()).collect();
    assert!(warnings.iter().any(|w| w.starts_with("claude-3-haiku is a legacy model")), "{warnings:?}");
    let kinds: Vec<&str> =
        v["recommendation"]["caveats"].as_array().unwrap().iter().map(|c| c["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"legacy-model"), "{kinds:?}");
}

#[test]
fn a_changed_price_that_keeps_the_public_source_is_warned_about() {
    // Sonnet 4.5's input price halved (today 3.30 → 1.65): 1,000 · input / 2 + 100 · output µ$ a
    // request (today 3,300), $ for a million.
    let sonnet = bundled::model("claude-sonnet-4.5");
    let cut = format!("{}", sonnet.input_usd_per_mtok / 2.0);
    let negotiated = |t: &str| set_field(t, "claude-sonnet-4.5", "input_usd_per_mtok", &cut);
    let pricing = pricing_with("catalog-negotiated", &file_of(&sonnet), negotiated);
    let path = common::flat_scenario("negotiated", "[[option]]\nkind = \"on-demand\"\nmodel = \"claude-sonnet-4.5\"\n");
    let (v, stderr) = estimate(&path, Some(&*pricing));
    let want = 1_000.0 * sonnet.input_usd_per_mtok / 2.0 + 100.0 * sonnet.output_usd_per_mtok;
    assert!(close(month_1(&v, 0), want), "{} against {want}", month_1(&v, 0));
    assert!(stderr.starts_with("warning: `claude-sonnet-4.5` ("), "{stderr}");
    assert!(stderr.contains("price differs from the built-in figure that cites the same source"), "{stderr}");

    // Recorded honestly, as a private figure with its own source: no warning, and reports say so.
    let private = |t: &str| {
        // The entry's own `source` and `retrieved` lines become the quote's.
        let t = negotiated(t);
        let at = t.find("key = \"claude-sonnet-4.5\"").unwrap();
        let (head, entry) = t.split_at(at);
        let line = |key: &str| {
            let start = entry.find(&format!("\n{key} = ")).unwrap() + 1;
            start..start + entry[start..].find('\n').unwrap()
        };
        let mut entry = entry.to_string();
        entry.replace_range(line("retrieved"), "retrieved = 2026-10-02");
        entry.replace_range(line("source"), "source = \"AWS quote Q-1234\"\nprivate = true");
        format!("{head}{entry}")
    };
    let pricing = pricing_with("catalog-private", &file_of(&sonnet), private);
    let (_, stderr) = estimate(&path, Some(&*pricing));
    assert_eq!(stderr, "");
    let out = TempPath::fresh("catalog-private-report");
    let run =
        infercast().arg("--pricing").arg(&pricing).arg("report").arg(&path).arg("--out").arg(&out).output().unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let md = std::fs::read_to_string(out.join("negotiated/summary.md")).unwrap();
    assert!(md.contains("| private: AWS quote Q-1234 | 2026-10-02 |"), "{md}");
}

#[test]
fn max_age_looks_only_at_the_figures_the_named_scenarios_use() {
    // A scenario on Llama 3.1 8B alone: its on-demand prices and quotas are the only figures aged.
    let path = common::flat_scenario("aged", "[[option]]\nkind = \"on-demand\"\nmodel = \"llama-3.1-8b\"\n");
    let out =
        infercast().args(["validate", "--max-age", "100000", "--today", "2026-12-08"]).arg(&path).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("ages of the catalog figures these scenarios use:"), "{stdout}");
    assert!(stdout.contains("0 assumed figures"), "{stdout}");
    // One day of age: every figure of the scenario is stale, and only those.
    let out = infercast().args(["validate", "--max-age", "1", "--today", "2026-12-08"]).arg(&path).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stale: Vec<&str> = stdout.lines().filter(|l| l.starts_with("  `")).collect();
    assert!(!stale.is_empty() && stale.iter().all(|l| l.starts_with("  `llama-3.1-8b` ")), "{stdout}");
}

/// Every bundled model says how fast it answers, with a source (docs/catalog.md#speed): the
/// latency section never meets a model without figures.
#[test]
fn every_bundled_model_has_speed_figures_with_a_source() {
    let catalog = infercast::catalog::Catalog::embedded().unwrap();
    for m in &catalog.models {
        let s = m.speed.as_ref().unwrap_or_else(|| panic!("`{}` has no [model.speed]", m.key));
        assert!(s.base.provenance.source.starts_with("https://"), "{}", m.key);
        assert!(s.base.output_tokens_per_s.low <= s.base.output_tokens_per_s.high, "{}", m.key);
    }
}

/// Where two speed figures come from, as their sources print them: Nova Micro on the "Bedrock
/// and Mantle" benchmark report (298–575 tokens/s, 0.21–0.33 s to first token across its runs and
/// regions); Claude Sonnet 4.5 on Bedrock as Artificial Analysis measured it (95.7 tokens/s,
/// 1.47 s).
#[test]
fn speed_figures_are_the_sources_figures() {
    let speed = |key: &str| common::bundled::model(key).speed.unwrap().base;
    let micro = speed("nova-micro");
    assert_eq!((micro.output_tokens_per_s.low, micro.output_tokens_per_s.high), (298.0, 575.0));
    assert_eq!((micro.ttft_ms.low, micro.ttft_ms.high), (210.0, 330.0));
    assert_eq!(micro.provenance.source, "https://aiperf.ghast.people.aws.dev/");
    let sonnet = speed("claude-sonnet-4.5");
    assert_eq!((sonnet.output_tokens_per_s.low, sonnet.ttft_ms.high), (95.7, 1_470.0));
    assert!(!sonnet.provenance.assumed);
}
