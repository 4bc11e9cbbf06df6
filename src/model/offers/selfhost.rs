//! Self-hosting (docs/model.md#self-hosting): instances of a deployment scaled per hour slot (or fixed per
//! month), plus operations and amortised setup. What one instance serves comes from the physics
//! model (docs/model.md#self-hosting-from-physics) at each workload's operating point.
use crate::model::MonthCost;
use crate::model::serving::{self, Misfit, Point, Replica, Setup, Shape};
use crate::model::tokens::RequestTokens;
use crate::model::traffic::load::{MonthLoad, ceil_tol};
use crate::model::traffic::week::SLOTS;
use crate::scenario::{Scaling, SelfHosted, Slo, Workload};

/// One workload's operating point on one replica of a self-hosted option.
#[derive(Debug, Clone, PartialEq)]
pub struct Operating {
    pub workload: String,
    /// One call's input and output tokens (the workload's mean call).
    pub shape: Shape,
    pub slo: Option<Slo>,
    /// The point: the largest concurrency meeting the SLO; without one, the offline maximum;
    /// when even one request misses the SLO, one request alone.
    pub point: Point,
    /// False when no concurrency meets the SLO.
    pub meets: bool,
    /// Requests per minute one instance serves at this point, this workload alone.
    pub per_instance_per_min: f64,
}

/// What one instance of a self-hosted option serves for a scenario's mix.
#[derive(Debug, Clone, PartialEq)]
pub struct Capacity {
    /// Requests per minute of the mix one instance serves at the operating points.
    pub per_instance_per_min: f64,
    /// Share of that capacity sizing may use: 1 where every workload has an SLO (the point
    /// already holds the latency), `target_utilization` where none has, in between for a mix.
    pub target_utilization: f64,
    pub points: Vec<Operating>,
}

/// The physics model's setup of an option: the instance's GPUs in replicas of the deployment's.
pub fn setup(sh: &SelfHosted) -> Setup<'_> {
    Setup {
        model: &sh.open_model,
        gpu: &sh.gpu,
        engine: &sh.engine,
        precision: sh.deployment.precision,
        gpus: sh.instance.gpus,
        tp: sh.deployment.gpus_per_replica,
        parallel: sh.deployment.parallel,
    }
}

/// A workload's mean call.
pub fn call_shape(t: &RequestTokens) -> Shape {
    let calls = t.calls.max(1.0);
    Shape { input: (t.input / calls).max(1.0), output: (t.output / calls).max(1.0) }
}

/// Each workload's operating point, and the mix's requests per instance-minute: the harmonic
/// mean of the workloads' rates weighted by share (docs/model.md#sizing-to-a-service-level-objective).
pub fn capacity(sh: &SelfHosted, workloads: &[(Workload, RequestTokens)]) -> Result<Capacity, Misfit> {
    let setup = setup(sh);
    let replica = Replica::new(&setup)?;
    let replicas = f64::from(setup.replicas());
    let (mut raw, mut derated, mut points) = (0.0, 0.0, Vec::new());
    for (w, t) in workloads.iter().filter(|(w, _)| w.share > 0.0) {
        let shape = call_shape(t);
        let (point, meets, u) = match &w.slo {
            Some(slo) => match replica.within(shape, slo)? {
                Some(p) => (p, true, 1.0),
                None => (replica.at(shape, 1.0)?, false, 1.0),
            },
            None => (replica.offline(shape)?, true, sh.target_utilization),
        };
        let rate = 60.0 * point.requests_per_s / t.calls.max(1.0) * replicas * sh.throughput_scale;
        raw += w.share / rate;
        derated += w.share / (rate * u);
        points.push(Operating {
            workload: w.name.clone(),
            shape,
            slo: w.slo,
            point,
            meets,
            per_instance_per_min: rate,
        });
    }
    if points.is_empty() {
        return Ok(Capacity { per_instance_per_min: f64::INFINITY, target_utilization: sh.target_utilization, points });
    }
    Ok(Capacity { per_instance_per_min: 1.0 / raw, target_utilization: raw / derated, points })
}

/// The group's prediction for one shape at one concurrency (the chart's curves).
pub fn curve(sh: &SelfHosted, shape: Shape, concurrency: f64) -> Result<serving::Prediction, Misfit> {
    serving::predict(&setup(sh), shape, Some(concurrency))
}

/// A self-hosted option applied to one scenario.
#[derive(Debug, Clone, Copy)]
pub struct SelfHost {
    /// Requests per minute one instance serves (c).
    pub per_instance_per_min: f64,
    pub usd_per_hour: f64,
    pub hours_per_month: f64,
    pub scaling: Scaling,
    pub min_instances: u32,
    pub target_utilization: f64,
    pub ops_usd_per_month: f64,
    pub setup_usd: f64,
    pub amortize_months: u32,
}

impl SelfHost {
    /// Instances per slot: `max(min_instances, ceil(peak / (c·u)))`.
    pub fn instances(&self, m: &MonthLoad) -> Vec<f64> {
        let per = self.per_instance_per_min * self.target_utilization;
        let need: Vec<f64> =
            m.slots.iter().map(|s| ceil_tol(s.peak_per_min / per).max(f64::from(self.min_instances))).collect();
        match self.scaling {
            Scaling::Hourly => need,
            Scaling::Fixed => {
                let max = need.iter().cloned().fold(0.0, f64::max);
                vec![max; need.len()]
            }
        }
    }

    /// Month `month` (1-based): instance hours, operations and amortised setup.
    pub fn month(&self, month: u32, m: &MonthLoad) -> MonthCost {
        let n = self.instances(m);
        let slot_hours = self.hours_per_month / SLOTS as f64;
        let compute: f64 = n.iter().map(|k| k * self.usd_per_hour * slot_hours).sum();
        let setup = if month <= self.amortize_months { self.setup_usd / f64::from(self.amortize_months) } else { 0.0 };
        let capacity: f64 = n.iter().map(|k| k * self.per_instance_per_min).sum();
        let load: f64 = m.slots.iter().map(|s| s.mean_per_min).sum();
        let utilization = if capacity > 0.0 { load / capacity } else { 0.0 };
        MonthCost::new(month, m.requests, compute + self.ops_usd_per_month + setup)
            .units(n.iter().sum::<f64>() / n.len() as f64)
            .utilization(utilization)
    }

    pub fn months(&self, loads: &[MonthLoad]) -> Vec<MonthCost> {
        loads.iter().enumerate().map(|(i, m)| self.month(i as u32 + 1, m)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::traffic::load::SlotLoad;

    fn host() -> SelfHost {
        SelfHost {
            per_instance_per_min: 100.0,
            usd_per_hour: 10.0,
            hours_per_month: 168.0,
            scaling: Scaling::Hourly,
            min_instances: 2,
            target_utilization: 0.8,
            ops_usd_per_month: 1_000.0,
            setup_usd: 12_000.0,
            amortize_months: 12,
        }
    }

    /// One busy slot (mean 300, peak 390 req/min), the other 167 idle; 1-hour slots.
    fn month() -> MonthLoad {
        let mut slots = vec![SlotLoad { mean_per_min: 0.0, peak_per_min: 0.0 }; 168];
        slots[12] = SlotLoad { mean_per_min: 300.0, peak_per_min: 390.0 };
        MonthLoad::new(300.0 * 60.0, slots, 60.0, crate::model::traffic::load::Peaks::All, 1.0)
    }

    #[test]
    fn hourly_schedule_holds_min_instances_when_idle() {
        // Busy slot: ceil(390 / (100 · 0.8)) = ceil(4.875) = 5; idle slots: min_instances = 2.
        // Instance-hours: 5 + 167 · 2 = 339 → $3,390; + ops $1,000 + setup 12,000/12 = $1,000 → $5,390.
        let m = host().month(1, &month());
        assert!((m.cost_usd - 5_390.0).abs() < 1e-9);
        // Mean instances 339/168; utilisation = load / capacity = 300 / (339 · 100) = 0.885 %.
        assert!((m.units - 339.0 / 168.0).abs() < 1e-12);
        assert!((m.utilization.unwrap() - 300.0 / 33_900.0).abs() < 1e-12);
        // Month 13 has no setup left: $4,390.
        assert!((host().month(13, &month()).cost_usd - 4_390.0).abs() < 1e-9);
    }

    #[test]
    fn fixed_scaling_holds_the_peak_count_all_month() {
        // 5 instances × 168 h × $10 = $8,400 + $1,000 + $1,000.
        let m = SelfHost { scaling: Scaling::Fixed, ..host() }.month(1, &month());
        assert!((m.cost_usd - 10_400.0).abs() < 1e-9);
        assert_eq!(m.units, 5.0);
    }
}
