//! On-demand pricing (docs/model.md#on-demand): per-token prices × tier, prompt caching by cache
//! lifetime, and long-context prices for the calls whose input crosses the model's threshold.
use crate::catalog::{LongContext, Model, PriceSet};
use crate::scenario::calls::calls;
use crate::scenario::{CacheTtl, Workload};

/// Cache prices of one scope at one tier, USD per million tokens.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cache {
    /// 5-minute writes (the input price where the model does not charge writes separately).
    pub write: f64,
    /// 1-hour writes, where sold.
    pub write_1h: Option<f64>,
    pub read: f64,
}

/// Token prices one on-demand option pays, USD per million tokens.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prices {
    pub input: f64,
    pub output: f64,
    pub cache: Option<Cache>,
    pub long_context: Option<LongContext>,
}

impl Prices {
    /// `set` (a scope's prices) × a tier multiplier `k`, with the model's long-context rule.
    pub fn new(set: &PriceSet, k: f64, long_context: Option<LongContext>) -> Prices {
        Prices {
            input: set.input_usd_per_mtok * k,
            output: set.output_usd_per_mtok * k,
            cache: set.cache.map(|c| Cache {
                write: c.write_usd_per_mtok.unwrap_or(set.input_usd_per_mtok) * k,
                write_1h: c.write_1h_usd_per_mtok.map(|w| w * k),
                read: c.read_usd_per_mtok * k,
            }),
            long_context,
        }
    }

    /// The model's standard in-region prices: what Provisioned Throughput and Reserved overflow
    /// pay.
    pub fn standard(model: &Model) -> Prices {
        Prices::new(&model.base_prices(), 1.0, model.long_context)
    }
}

/// USD of one average request of workload `w`: every call priced on its own, so a call whose
/// input crosses the long-context threshold pays those prices and the others do not. The
/// system prompt of a caching workload (hit rate h) is billed at `h·read + (1−h)·write`, with
/// the write price of its cache lifetime.
pub fn workload_cost_usd(w: &Workload, p: &Prices) -> f64 {
    let cached = match (w.cache_hit_rate, p.cache) {
        (Some(h), Some(c)) => {
            let write = match w.cache_ttl {
                CacheTtl::FiveMinutes => c.write,
                // Validation keeps 1-hour caching to models with a 1-hour price.
                CacheTtl::OneHour => c.write_1h.unwrap_or(c.write),
            };
            Some(h * c.read + (1.0 - h) * write)
        }
        _ => None,
    };
    calls(w)
        .iter()
        .map(|c| {
            let (ki, ko, kc) = p
                .long_context
                .filter(|l| c.input > l.above_input_tokens)
                .map_or((1.0, 1.0, 1.0), |l| (l.input_multiplier, l.output_multiplier, l.cache_multiplier));
            let system = cached.map_or(p.input * ki, |x| x * kc);
            c.weight * ((c.input - c.system) * p.input * ki + c.system * system + c.output * p.output * ko) / 1e6
        })
        .sum()
}

/// USD of one average request of the mix: `Σ share_w · cost_w`.
pub fn mix_cost_usd<T>(workloads: &[(Workload, T)], p: &Prices) -> f64 {
    workloads.iter().map(|(w, _)| w.share * workload_cost_usd(w, p)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::tokens::tests::{design_agent, plain};

    const SONNET: Prices = Prices {
        input: 3.0,
        output: 15.0,
        cache: Some(Cache { write: 3.75, write_1h: Some(6.0), read: 0.30 }),
        long_context: None,
    };

    #[test]
    fn claude_3_sonnet_187_in_73_out_costs_0_001656() {
        // 187 · $3/M + 73 · $15/M = $0.000561 + $0.001095 = $0.001656. The published
        // walkthrough prints $0.001662; its arithmetic is off, this is the exact figure.
        let c = workload_cost_usd(&plain(187.0, 73.0, 0.0), &Prices { cache: None, ..SONNET });
        assert!((c - 0.001656).abs() < 1e-15, "{c}");
    }

    #[test]
    fn caching_prices_the_system_prompt_at_the_blended_cache_rate() {
        // 3-step agent, S = 800, h = 0.9: 3 calls · 800 = 2,400 system tokens at
        // 0.9·0.30 + 0.1·3.75 = 0.645 $/M → $0.001548; the other 2,550 input at $3/M → $0.00765;
        // 700 out at $15/M → $0.0105. Total $0.019698.
        let mut w = design_agent(vec![(3, 1.0)], None);
        w.cache_hit_rate = Some(0.9);
        assert!((workload_cost_usd(&w, &SONNET) - 0.019698).abs() < 1e-12);
        // A 1-hour cache writes at $6: 2,400 · (0.9·0.30 + 0.1·6) = 2,400 · 0.87 → $0.002088,
        // so the request costs 0.00765 + 0.002088 + 0.0105 = $0.020238.
        w.cache_ttl = CacheTtl::OneHour;
        assert!((workload_cost_usd(&w, &SONNET) - 0.020238).abs() < 1e-12);
        // Without caching: 4,950 · 3 + 700 · 15 = 25,350 → $0.02535.
        w.cache_hit_rate = None;
        assert!((workload_cost_usd(&w, &SONNET) - 0.02535).abs() < 1e-12);
    }

    #[test]
    fn retrieved_chunks_are_never_priced_as_cached_prompt() {
        // The 3-step agent with K = 1,500 retrieved tokens per call (9,450 in, 700 out) and its
        // 800-token instructions cached at h = 0.9: only 3 · 800 = 2,400 system tokens at
        // 0.645 $/M → $0.001548; the other 9,450 − 2,400 = 7,050 (chunks included) at $3/M →
        // $0.02115; 700 out at $15/M → $0.0105. Total $0.033198.
        let mut w = crate::model::tokens::tests::rag_agent(3, 5);
        w.cache_hit_rate = Some(0.9);
        assert!((workload_cost_usd(&w, &SONNET) - 0.033198).abs() < 1e-12);
    }

    #[test]
    fn long_context_prices_apply_to_the_calls_above_the_threshold_only() {
        // Threshold 1,500 input tokens, input ×2, output ×1.5. The 3-step agent's calls take
        // 1,200, 1,650 and 2,100 input tokens: call 1 at normal prices, calls 2 and 3 at long ones.
        //   call 1: 1,200 · 3 + 150 · 15            = 3,600 + 2,250   = 5,850 µ$
        //   call 2: 1,650 · 6 + 150 · 22.5          = 9,900 + 3,375   = 13,275 µ$
        //   call 3: 2,100 · 6 + 400 · 22.5          = 12,600 + 9,000  = 21,600 µ$
        // Total 40,725 µ$ = $0.040725 (against $0.02535 without the rule).
        let long = LongContext {
            above_input_tokens: 1500.0,
            input_multiplier: 2.0,
            output_multiplier: 1.5,
            cache_multiplier: 2.0,
        };
        let p = Prices { long_context: Some(long), cache: None, ..SONNET };
        let c = workload_cost_usd(&design_agent(vec![(3, 1.0)], None), &p);
        assert!((c - 0.040725).abs() < 1e-12, "{c}");
    }

    #[test]
    fn a_tier_multiplies_every_token_price_and_reads_only_caches_write_at_input() {
        let set = PriceSet {
            input_usd_per_mtok: 3.0,
            output_usd_per_mtok: 15.0,
            cache: Some(crate::catalog::CachePrices {
                write_usd_per_mtok: None,
                write_1h_usd_per_mtok: None,
                read_usd_per_mtok: 0.3,
            }),
        };
        // Batch ×0.5: 1.5 in, 7.5 out, read 0.15; no write price: writes at the input price, 1.5.
        let p = Prices::new(&set, 0.5, None);
        assert_eq!((p.input, p.output), (1.5, 7.5));
        assert_eq!(p.cache, Some(Cache { write: 1.5, write_1h: None, read: 0.15 }));
    }
}
