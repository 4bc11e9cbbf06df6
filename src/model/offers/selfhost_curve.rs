//! The throughput–latency curve of a self-hosted option (docs/model.md#charts): one instance's
//! output tokens/s, TTFT and inter-token latency as its concurrency doubles from 1 to a little
//! past its batch limit, for the option's busiest workload, and the operating point sizing
//! chose on it. Data only: the report draws it.
use super::selfhost::{self, Operating};
use crate::model::serving::{Misfit, Replica, Shape};
use crate::model::tokens::RequestTokens;
use crate::scenario::{OptionKind, Scenario, SelfHosted, Slo, Workload};

/// One instance at one concurrency: the whole instance's figures (its replicas together).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CurvePoint {
    /// Requests in flight on the instance, queued ones included.
    pub concurrency: f64,
    /// Output tokens per second of the whole instance.
    pub output_tokens_per_s: f64,
    pub ttft_ms: f64,
    pub itl_ms: f64,
}

/// A self-hosted option's curve for its busiest workload.
#[derive(Debug, Clone, PartialEq)]
pub struct SelfHostCurve {
    /// The option's name.
    pub option: String,
    /// What runs, in words (the deployment's description), and on which instance.
    pub deployment: String,
    pub instance: String,
    /// Replicas on one instance.
    pub replicas: u32,
    /// The workload with the largest share, and its mean call.
    pub workload: String,
    pub shape: Shape,
    pub slo: Option<Slo>,
    /// Concurrency 1, 2, 4, … up to the first power of two past the batch limit, with the
    /// limit and the operating point's concurrency among them; ascending.
    pub points: Vec<CurvePoint>,
    /// Requests one instance decodes at once (every replica's batch full), and whether the KV
    /// cache (rather than the engine's batch limit) sets it.
    pub batch_limit: f64,
    pub limit_by_kv: bool,
    /// The operating point sizing uses, one of `points`.
    pub chosen: CurvePoint,
    /// False when no concurrency meets the SLO (the point is then one request per replica).
    pub meets: bool,
}

/// The curve of every standalone self-hosted option of `s`, in scenario order; `workloads` are
/// the scenario's (as in its estimate). An option whose setup cannot run (refused when the
/// scenario loads) or with no workload of positive share has none.
pub fn curves(s: &Scenario, workloads: &[(Workload, RequestTokens)]) -> Vec<SelfHostCurve> {
    s.options
        .iter()
        .filter(|o| o.standalone)
        .filter_map(|o| match &o.kind {
            OptionKind::SelfHosted(sh) => curve(&o.name, sh, workloads).ok().flatten(),
            _ => None,
        })
        .collect()
}

/// Concurrencies of the curve: powers of two from 1 up to and including the first one above
/// `limit`, with `limit` and `extra` added; ascending, without repeats.
pub fn concurrencies(limit: f64, extra: f64) -> Vec<f64> {
    let mut out = vec![1.0];
    while *out.last().expect("never empty") <= limit {
        out.push(out.last().expect("never empty") * 2.0);
    }
    out.extend([limit, extra].into_iter().filter(|c| c.is_finite() && *c >= 1.0));
    out.sort_by(f64::total_cmp);
    out.dedup_by(|a, b| (*a - *b).abs() <= 1e-9 * b.abs());
    out
}

/// One option's curve for its busiest workload; `None` with no workload of positive share.
pub fn curve(
    name: &str,
    sh: &SelfHosted,
    workloads: &[(Workload, RequestTokens)],
) -> Result<Option<SelfHostCurve>, Misfit> {
    let capacity = selfhost::capacity(sh, workloads)?;
    let Some(busiest) = busiest(&capacity.points, workloads) else { return Ok(None) };
    let setup = selfhost::setup(sh);
    let n = f64::from(setup.replicas());
    let (limit, by_kv) = Replica::new(&setup)?.batch_limit(busiest.shape)?;
    let at = |c: f64| -> Result<CurvePoint, Misfit> {
        let p = selfhost::curve(sh, busiest.shape, c)?;
        Ok(CurvePoint {
            concurrency: c,
            output_tokens_per_s: p.output_tokens_per_s,
            ttft_ms: p.ttft_ms,
            itl_ms: p.itl_ms,
        })
    };
    let chosen_c = busiest.point.concurrency * n;
    let points = concurrencies(limit * n, chosen_c).into_iter().map(at).collect::<Result<Vec<_>, _>>()?;
    let chosen = *points
        .iter()
        .find(|p| (p.concurrency - chosen_c).abs() <= 1e-9 * chosen_c)
        .expect("the operating point's concurrency is one of the curve's");
    Ok(Some(SelfHostCurve {
        option: name.to_string(),
        deployment: sh.deployment.model.clone(),
        instance: sh.instance.key.clone(),
        replicas: setup.replicas(),
        workload: busiest.workload.clone(),
        shape: busiest.shape,
        slo: busiest.slo,
        points,
        batch_limit: limit * n,
        limit_by_kv: by_kv,
        chosen,
        meets: busiest.meets,
    }))
}

/// The operating point of the workload with the largest share (the first of equals).
fn busiest<'a>(points: &'a [Operating], workloads: &[(Workload, RequestTokens)]) -> Option<&'a Operating> {
    let share = |name: &str| workloads.iter().find(|(w, _)| w.name == name).map_or(0.0, |(w, _)| w.share);
    points.iter().fold(None, |best: Option<&Operating>, p| match best {
        Some(b) if share(&b.workload) >= share(&p.workload) => Some(b),
        _ => Some(p),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::source::SourceFile;

    /// Two workloads, the busier listed second; `SLO` is replaced by the chat's `[workload.slo]`.
    const SCENARIO: &str = "[scenario]\nname = \"curve\"\nmonths = 1\nstart = \"2027-01\"\n\n\
        [traffic]\nrequests_per_day = 100_000\n\n\
        [[workload]]\nname = \"small\"\nshare = 0.3\ninput_tokens = 200\noutput_tokens = 100\n\n\
        [[workload]]\nname = \"chat\"\nshare = 0.7\ninput_tokens = 1000\noutput_tokens = 250\nSLO\n\n\
        [[option]]\nkind = \"self-hosted\"\ndeployment = \"DEPLOYMENT\"\nprice = \"on-demand\"\n";

    fn scenario(deployment: &str, slo: &str) -> Scenario {
        let text = SCENARIO.replace("DEPLOYMENT", deployment).replace("SLO", slo);
        Scenario::from_source(&SourceFile::new("curve.toml", text), &Catalog::embedded().unwrap()).unwrap()
    }

    fn workloads(s: &Scenario) -> Vec<(Workload, RequestTokens)> {
        s.workloads.iter().map(|w| (w.clone(), crate::model::tokens::workload_tokens(w))).collect()
    }

    fn self_hosted(s: &Scenario) -> &SelfHosted {
        match &s.options[0].kind {
            OptionKind::SelfHosted(sh) => sh,
            _ => unreachable!("the scenario's one option is self-hosted"),
        }
    }

    fn the_curve(s: &Scenario) -> SelfHostCurve {
        let mut all = curves(s, &workloads(s));
        assert_eq!(all.len(), 1);
        all.remove(0)
    }

    #[test]
    fn concurrencies_double_past_the_limit_with_the_limit_and_the_point() {
        // 256 is a power of two: the next one, 512, is the first above it.
        let want: Vec<f64> = (0..10).map(|k| f64::from(1 << k)).collect();
        assert_eq!(concurrencies(256.0, 256.0), want);
        // 300 and 37 slot in between; the first power above 300 is 512.
        let got = concurrencies(300.0, 37.0);
        assert_eq!(got, [1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 37.0, 64.0, 128.0, 256.0, 300.0, 512.0]);
        // A limit of one request: 1 and 2.
        assert_eq!(concurrencies(1.0, 1.0), [1.0, 2.0]);
    }

    #[test]
    fn the_curve_is_the_busiest_workloads_and_flat_past_the_kv_limit() {
        let s = scenario("llama-3.1-8b@p5.4xlarge", "");
        let sh = self_hosted(&s);
        let c = the_curve(&s);
        // "chat" has 0.7 of the requests, "small" 0.3: chat's call, 1,000 in and 250 out.
        assert_eq!((c.workload.as_str(), c.shape), ("chat", Shape { input: 1000.0, output: 250.0 }));
        // Batch limit by hand: the KV pool is (memory − weights) × memory_fraction; one request
        // holds layers × (1,000 + 250) tokens × 2 · kv_heads · head_dim elements of 1 byte (FP8).
        // Today: (80 − 8.03) GB × 0.9 = 64.773 GB over 32 × 1,250 × 2,048 = 81.92 MB → 790,
        // below TensorRT-LLM's 2,048: the KV cache sets it, on the instance's one GPU.
        let m = &sh.open_model;
        let pool = (sh.gpu.memory_gb - m.params_b) * 1e9 * sh.engine.memory_fraction;
        let per_request = f64::from(m.layers) * 1250.0 * 2.0 * f64::from(m.kv_heads) * f64::from(m.head_dim);
        let limit = (pool / per_request).floor();
        assert!(limit < f64::from(sh.engine.max_batch));
        assert_eq!((c.batch_limit, c.limit_by_kv, c.replicas), (limit, true, 1));
        // Without an SLO the point is the offline maximum: the batch full.
        assert_eq!(c.chosen.concurrency, limit);
        assert!(c.meets && c.slo.is_none());
        // 1, 2, 4, … to the first power of two above the limit, and the limit.
        assert_eq!(c.points.iter().map(|p| p.concurrency).collect::<Vec<_>>(), concurrencies(limit, limit));
        for w in c.points.windows(2) {
            let (a, b) = (w[0], w[1]);
            if b.concurrency <= limit {
                assert!(b.output_tokens_per_s > a.output_tokens_per_s, "{a:?} {b:?}");
            } else {
                // Past the limit the batch stays full: the same tokens/s, the rest wait for a slot.
                assert_eq!(b.output_tokens_per_s, c.chosen.output_tokens_per_s, "{b:?}");
                assert!(b.ttft_ms > a.ttft_ms, "{a:?} {b:?}");
            }
            assert!(b.itl_ms >= a.itl_ms && b.ttft_ms >= a.ttft_ms, "{a:?} {b:?}");
        }
    }

    #[test]
    fn the_operating_point_is_sizings_and_lies_on_the_curve() {
        // 50 tokens/s per user: an inter-token latency of at most 20 ms.
        let s = scenario("llama-3.1-8b@p5.4xlarge", "[workload.slo]\ntokens_per_s = 50");
        let c = the_curve(&s);
        let capacity = selfhost::capacity(self_hosted(&s), &workloads(&s)).unwrap();
        let op = capacity.points.iter().find(|p| p.workload == "chat").unwrap();
        assert!(c.meets && op.meets);
        // One replica: the instance's point is the replica's.
        assert_eq!(c.chosen.concurrency, op.point.concurrency);
        assert!((c.chosen.output_tokens_per_s / op.point.output_tokens_per_s - 1.0).abs() < 1e-12);
        assert!((c.chosen.itl_ms / (op.point.itl_s * 1e3) - 1.0).abs() < 1e-12);
        assert!((c.chosen.ttft_ms / (op.point.ttft_s * 1e3) - 1.0).abs() < 1e-12);
        // On the curve, inside the batch limit, meeting the SLO; the next point misses it.
        let k = c.points.iter().position(|p| *p == c.chosen).expect("the point is one of the curve's");
        assert!(c.chosen.concurrency > 1.0 && c.chosen.concurrency < c.batch_limit, "{:?}", c.chosen);
        assert!(c.chosen.itl_ms <= 20.0 && c.points[k + 1].itl_ms > 20.0, "{:?}", &c.points[k..]);
    }

    #[test]
    fn a_missed_slo_puts_the_point_at_one_request_per_replica() {
        // No instance answers in a microsecond.
        let s = scenario("llama-3.1-8b@p5.48xlarge", "[workload.slo]\nttft_ms = 0.001");
        let c = the_curve(&s);
        assert!(!c.meets);
        // 8 TP1 replicas on the instance's 8 H100s: one request each.
        assert_eq!((c.replicas, c.chosen.concurrency), (8, 8.0));
        assert!(c.points.contains(&c.chosen));
    }

    #[test]
    fn eight_replicas_serve_eight_times_one_at_eight_times_the_concurrency() {
        // p5.48xlarge is 8 × p5.4xlarge's H100 with the same TP1 deployment: each replica at
        // concurrency c runs as the one replica of p5.4xlarge does.
        let one = the_curve(&scenario("llama-3.1-8b@p5.4xlarge", ""));
        let eight = the_curve(&scenario("llama-3.1-8b@p5.48xlarge", ""));
        assert_eq!(eight.batch_limit, 8.0 * one.batch_limit);
        for p in &one.points {
            let q = eight.points.iter().find(|q| q.concurrency == 8.0 * p.concurrency).expect("8 × every point");
            assert!((q.output_tokens_per_s / p.output_tokens_per_s - 8.0).abs() < 1e-9);
            assert!((q.itl_ms / p.itl_ms - 1.0).abs() < 1e-12 && (q.ttft_ms / p.ttft_ms - 1.0).abs() < 1e-12);
        }
    }
}
