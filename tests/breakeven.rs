//! Break-even, break-even utilisation and overflow on the toy catalog, each figure derived by hand
//! or in closed form (docs/model.md#break-even, #break-even-utilisation, #overflow).
mod common;

use common::{CATALOG, TempPath, estimate, poisson_excess};
use serde_json::Value;

/// The toy model's workload: 1,000 in, 100 out. On demand in region costs
/// (1,000 · $10 + 100 · $20) / 10⁶ = $0.012 a request; one MU serves
/// 1 / (1,000/100,000 + 100/10,000) = 50 requests a minute.
const WORKLOAD: &str = "[[workload]]\nname = \"w\"\nshare = 1.0\ninput_tokens = 1000\noutput_tokens = 100\n";
const PER_REQUEST: f64 = 0.012;
/// The global profile at $9 / $18: (1,000 · 9 + 100 · 18) / 10⁶ = $0.0108 a request.
const GLOBAL_PER_REQUEST: f64 = 0.0108;

/// The toy catalog with a global price for `m`, and `scenario`, in a folder of this test's own.
fn write(name: &str, scenario: &str) -> (TempPath, TempPath) {
    let dir = TempPath::fresh(&format!("breakeven-{name}"));
    std::fs::create_dir_all(dir.join("pricing")).unwrap();
    let catalog = CATALOG.replacen("id = \"test.m\"\n", "id = \"test.m\"\nprofiles = [\"global\"]\n", 1).replacen(
        "[[instance]]",
        "[model.global]\ninput_usd_per_mtok = 9.0\noutput_usd_per_mtok = 18.0\n\n[[instance]]",
        1,
    );
    std::fs::write(dir.join("pricing/toy.toml"), catalog).unwrap();
    std::fs::write(dir.join("scenario.toml"), scenario).unwrap();
    (dir.join("pricing"), dir.join("scenario.toml"))
}

fn run(name: &str, head: &str, options: &[&str]) -> Value {
    let text = format!("{head}\n{WORKLOAD}\n{}", options.join("\n"));
    let (pricing, scenario) = write(name, &text);
    estimate(&pricing, &scenario)
}

/// A shaped week: office hours on weekdays, the busiest slot 20/7 of the average.
const SHAPED: &str = "[scenario]\nname = \"t\"\nmonths = 6\n[traffic]\nrequests_per_month = 1_000_000\n\
                      daily_shape = \"business-hours\"\nweekly_shape = \"weekdays\"\n";
const OD: &str = "[[option]]\nname = \"od\"\nkind = \"on-demand\"\nmodel = \"m\"\n";
const OD_GLOBAL: &str =
    "[[option]]\nname = \"od global\"\nkind = \"on-demand\"\nmodel = \"m\"\nendpoint = \"global\"\n";
const PT_FIXED: &str =
    "[[option]]\nname = \"pt\"\nkind = \"provisioned\"\nmodel = \"m\"\nterm = \"6-month\"\nunits = 1\n";
const RESERVED_FIXED: &str = "[[option]]\nname = \"reserved\"\nkind = \"reserved\"\nmodel = \"m\"\nterm = \"1-month\"\n\
                              capacity = { input_tpm = 100_000, output_tpm = 10_000 }\n";

fn breakeven_of(v: &Value, option: &str) -> f64 {
    let b = v["breakeven"].as_array().unwrap().iter().find(|b| b["option"] == option).unwrap();
    b["requests_per_month"].as_f64().unwrap()
}

fn cheapest_change(v: &Value) -> f64 {
    let changes = v["cheapest"]["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{changes:?}");
    changes[0]["requests_per_month"].as_f64().unwrap()
}

fn relative(a: f64, b: f64) -> f64 {
    (a / b - 1.0).abs()
}

#[test]
fn a_fixed_pt_purchase_breaks_even_at_the_true_crossing() {
    // One MU on a 6-month term: $5 · 730 h = $3,650 a month, serving 50 requests a minute. At the
    // crossing the busiest slot brings 304,167 · (20/7) / 43,800 = 19.8 a minute, so what
    // overflows above 50 is E[(N − 50)⁺] ≈ 6e-9 a minute, 7e-5 requests a month: PT costs $3,650
    // and on demand $0.012 · V, equal at V = 3,650 / 0.012 = 304,166.67 requests a month. That is
    // no grid point (10^(−31.01/60) of the volume): the grid's next point is 1.1 % above.
    let v = run("pt", SHAPED, &[OD, PT_FIXED]);
    let by_hand = 5.0 * 730.0 / PER_REQUEST;
    let found = breakeven_of(&v, "pt");
    assert!(relative(found, by_hand) < 1e-6, "break-even {found} against {by_hand}");
    // "Cheapest by volume" names the same volume.
    let change = cheapest_change(&v);
    assert!(relative(change, by_hand) < 1e-6, "cheapest changes at {change} against {by_hand}");
}

#[test]
fn a_fixed_pt_purchase_used_most_of_the_time_breaks_even_where_its_overflow_says() {
    // 1,000 in and 900 out: one MU serves 1 / (1,000/100,000 + 900/10,000) = 10 requests a
    // minute, on demand costs (1,000 · 10 + 900 · 20) / 10⁶ = $0.028 a request. Three MUs on a
    // 1-month term cost 3 · $10 · 730 = $21,900; on a flat week of V requests each minute brings
    // N ~ Poisson(λ = V / 43,800), of which the MUs serve min(N, 30) and the rest is billed on
    // demand. PT is cheaper once what the MUs serve is worth more than they cost:
    // 0.028 · 43,800 · E[min(N, 30)] > 21,900, i.e. E[min(N, 30)] > 17.857. E[min(N, c)] =
    // λ − E[(N − c)⁺] rises with λ: bisect it here, on the closed form of the excess.
    let head = "[scenario]\nname = \"t\"\nmonths = 1\n[traffic]\nrequests_per_month = 1_000_000\n";
    let workload = WORKLOAD.replace("output_tokens = 100", "output_tokens = 900");
    let pt = "[[option]]\nname = \"pt\"\nkind = \"provisioned\"\nmodel = \"m\"\nterm = \"1-month\"\nunits = 3\n";
    let (pricing, scenario) = write("pt-busy", &format!("{head}\n{workload}\n{OD}\n{pt}"));
    let v = estimate(&pricing, &scenario);
    let served = |lambda: f64| lambda - poisson_excess(lambda, 30);
    let target = 21_900.0 / (0.028 * 43_800.0);
    let (mut lo, mut hi) = (1.0, 30.0);
    for _ in 0..100 {
        let m = 0.5 * (lo + hi);
        if served(m) < target { lo = m } else { hi = m }
    }
    let by_hand = 43_800.0 * hi;
    assert!((by_hand - 782_419.0).abs() < 1.0, "{by_hand}");
    let found = breakeven_of(&v, "pt");
    assert!(relative(found, by_hand) < 1e-6, "break-even {found} against {by_hand}");
    assert!(relative(cheapest_change(&v), by_hand) < 1e-6, "{}", cheapest_change(&v));
}

#[test]
fn a_fixed_reserved_purchase_breaks_even_at_the_true_crossing() {
    // 100,000 input and 10,000 output TPM: 100 · $5 + 10 · $20 = $700 a month, serving
    // min(100,000/1,000, 10,000/100) = 100 requests a minute, far above the busiest slot's 3.8 at
    // the crossing: on demand costs the same at 700 / 0.012 = 58,333.33 requests a month.
    let v = run("reserved", SHAPED, &[OD, RESERVED_FIXED]);
    let by_hand = 700.0 / PER_REQUEST;
    let found = breakeven_of(&v, "reserved");
    assert!(relative(found, by_hand) < 1e-6, "break-even {found} against {by_hand}");
    assert!(relative(cheapest_change(&v), by_hand) < 1e-6);
}

fn option<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["options"].as_array().unwrap().iter().find(|o| o["name"] == name).unwrap()
}

#[test]
fn break_even_use_is_measured_against_the_cheapest_on_demand_option_in_any_order() {
    let flat = "[scenario]\nname = \"t\"\nmonths = 1\n[traffic]\nrequests_per_month = 1_000_000\n";
    let pt = "[[option]]\nname = \"pt\"\nkind = \"provisioned\"\nmodel = \"m\"\nterm = \"1-month\"\nunits = \"peak\"\n";
    let orders: [[&str; 4]; 3] =
        [[OD, OD_GLOBAL, pt, RESERVED_FIXED], [OD_GLOBAL, OD, RESERVED_FIXED, pt], [pt, RESERVED_FIXED, OD, OD_GLOBAL]];
    let runs: Vec<Value> = orders.iter().enumerate().map(|(i, o)| run(&format!("order-{i}"), flat, o)).collect();
    // One MU at full use does 60 · 50 · $0.0108 = $32.40 of global on-demand work an hour, and
    // costs $10: it breaks even at 10 / 32.4 = 30.86 % use (not 10 / 36 = 27.8 %, in region).
    let pt_use = option(&runs[0], "pt");
    assert!(relative(pt_use["full_use_usd_per_hour"].as_f64().unwrap(), 60.0 * 50.0 * GLOBAL_PER_REQUEST) < 1e-9);
    assert!(relative(pt_use["breakeven_utilization"].as_f64().unwrap(), 10.0 / 32.4) < 1e-9);
    // Reserved: capacity for one request a minute costs (1,000 · 5 + 100 · 20) / 1,000 = $7 a
    // month, $7/730 an hour, against 60 · $0.0108 = $0.648 of global work an hour.
    let reserved = option(&runs[0], "reserved");
    assert!(relative(reserved["breakeven_utilization"].as_f64().unwrap(), 7.0 / 730.0 / 0.648) < 1e-9);
    // Every option's figures, and break-even, are the same whatever the order.
    for v in &runs[1..] {
        for name in ["od", "od global", "pt", "reserved"] {
            assert_eq!(option(v, name), option(&runs[0], name), "{name}");
        }
        assert_eq!(v["breakeven"].as_array().unwrap().len(), 3);
        for b in v["breakeven"].as_array().unwrap() {
            assert_eq!(b["vs"], "od global");
            let same = runs[0]["breakeven"].as_array().unwrap().iter().find(|x| x["option"] == b["option"]).unwrap();
            assert_eq!(b, same);
        }
        assert_eq!(v["cheapest"], runs[0]["cheapest"]);
    }
}

#[test]
fn a_share_0_workload_on_a_rejecting_pt_member_rejects_nothing() {
    let text = format!(
        "[scenario]\nname = \"t\"\nmonths = 1\n[traffic]\nrequests_per_month = 1_000_000\n{WORKLOAD}\n\
         [[workload]]\nname = \"rare\"\nshare = 0.0\ninput_tokens = 1000\noutput_tokens = 100\n{OD}\n\
         [[option]]\nname = \"pt reject\"\nkind = \"provisioned\"\nmodel = \"m\"\nterm = \"1-month\"\nunits = 1\n\
         overflow = \"reject\"\nstandalone = false\n\
         [[plan]]\nname = \"split\"\nserve = {{ w = \"od\", rare = \"pt reject\" }}\n"
    );
    let (pricing, scenario) = write("share-0", &text);
    let v = estimate(&pricing, &scenario);
    let plan = &v["plans"][0];
    assert_eq!(plan["eligible"], true, "{plan}");
    let member = plan["members"].as_array().unwrap().iter().find(|m| m["option"] == "pt reject").unwrap();
    assert_eq!(member["months"][0]["requests"].as_f64(), Some(0.0));
    assert_eq!(member["months"][0]["overflow_share"].as_f64(), Some(0.0));
    let text = std::process::Command::new(assert_cmd::cargo::cargo_bin!("infercast"))
        .args(["--pricing", pricing.to_str().unwrap(), "estimate", scenario.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&text.stdout).contains("NaN"));
}

#[test]
fn overflow_counts_the_minutes_above_capacity() {
    // A flat week of 1,971,000 requests: 45 a minute (Poisson) in every minute of 43,800. One MU
    // (50 a minute) covers the mean, yet the minutes above 50 overflow E[(N − 50)⁺] = 0.920 a minute:
    // a share E/45 of requests, billed at $0.012 on top of $10 · 730 = $7,300.
    let head = "[scenario]\nname = \"t\"\nmonths = 1\n[traffic]\nrequests_per_month = 1_971_000\n";
    let pt = "[[option]]\nname = \"pt\"\nkind = \"provisioned\"\nmodel = \"m\"\nterm = \"1-month\"\nunits = 1\n";
    let v = run("minutes", head, &[OD, pt]);
    let e = poisson_excess(45.0, 50);
    assert!(e > 0.9 && e < 0.95, "{e}");
    let month = &option(&v, "pt")["months"][0];
    assert!(relative(month["overflow_share"].as_f64().unwrap(), e / 45.0) < 1e-9, "{month}");
    assert!(relative(month["cost_usd"].as_f64().unwrap(), 7_300.0 + PER_REQUEST * 43_800.0 * e) < 1e-9);
}

#[test]
fn the_busiest_day_carries_its_own_minutes_of_overflow() {
    // All traffic on Mondays: weekly weight 7, so 281,571.43 requests a month bring
    // 281,571.43 · 7 / 43,800 = 45 a minute (Poisson) through Monday's 24 hours, nothing else.
    // One MU (50 a minute, $7,300 a month, $240 a day) overflows E[(N − 50)⁺] = 0.920 a minute
    // on Mondays only, billed at $0.012: Monday costs 240 + 24 · 60 · 0.012 · E
    // (docs/model.md#daily-spend, #overflow).
    let head = "[scenario]\nname = \"t\"\nmonths = 1\n[traffic]\nrequests_per_month = 281_571.428571428571\n\
                weekly_shape = [1, 0, 0, 0, 0, 0, 0]\n";
    let pt = "[[option]]\nname = \"pt\"\nkind = \"provisioned\"\nmodel = \"m\"\nterm = \"1-month\"\nunits = 1\n";
    let v = run("busiest-day", head, &[OD, pt]);
    let month = &option(&v, "pt")["months"][0];
    assert_eq!(month["busiest_day"], "Mon");
    let by_hand = 240.0 + 24.0 * 60.0 * PER_REQUEST * poisson_excess(45.0, 50);
    assert!(relative(month["busiest_day_usd"].as_f64().unwrap(), by_hand) < 1e-9, "{month} {by_hand}");
}
