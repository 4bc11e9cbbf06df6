//! A request's response time and its longest silence as distributions over the speed range and
//! the steps (docs/model.md#latency-and-timeouts).
//!
//! A request meets one point `u` of the speed range, drawn uniformly from 0 (fastest) to 1
//! (slowest), for all of its calls: its time to first token is `ttft.low + u·(ttft.high −
//! ttft.low)` and its output speed `tps.high − u·(tps.high − tps.low)`. Slow first tokens and
//! slow streams come together (a busy endpoint), which makes the tail no shorter than it is.
use crate::catalog::Spread;

/// One way a request of a workload runs: its calls, its output tokens, and how likely it is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Path {
    pub probability: f64,
    /// Invocations, in order; each but the last is followed by a tool call.
    pub calls: u32,
    /// Output tokens of every call together.
    pub output: f64,
    /// Output tokens of one intermediate (non-streamed) step; 0 for a single call.
    pub step_output: f64,
    /// True when a final answer streams to the caller (false: a budget cut the loop short and a
    /// canned reply ends it).
    pub answers: bool,
}

/// The speed a request meets, and the seconds each tool call takes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pace {
    pub output_tokens_per_s: Spread,
    pub ttft_ms: Spread,
    pub tool_latency_s: f64,
}

impl Pace {
    fn ttft_s(&self, u: f64) -> f64 {
        self.ttft_ms.at(u) / 1e3
    }
    fn tokens_per_s(&self, u: f64) -> f64 {
        self.output_tokens_per_s.at(1.0 - u)
    }

    /// Seconds from sending a request of `p` to its last token, at point `u` of the range: every
    /// call's first token and stream, and a tool call after each but the last.
    pub fn response_s(&self, p: &Path, u: f64) -> f64 {
        let calls = f64::from(p.calls);
        calls * self.ttft_s(u) + p.output / self.tokens_per_s(u) + (calls - 1.0).max(0.0) * self.tool_latency_s
    }

    /// The longest time the caller of a streamed request hears nothing, at point `u`: the final
    /// answer's first token, a whole intermediate step (not streamed), or a tool call.
    pub fn silence_s(&self, p: &Path, u: f64) -> f64 {
        if p.calls == 0 {
            return 0.0;
        }
        let mut gap: f64 = if p.answers { self.ttft_s(u) } else { 0.0 };
        if p.calls > 1 || !p.answers {
            gap = gap.max(self.ttft_s(u) + p.step_output / self.tokens_per_s(u));
        }
        if p.calls > 1 {
            gap = gap.max(self.tool_latency_s);
        }
        gap
    }

    /// Expected response time: the mean over the range of each part (1/speed averages to
    /// ln(high/low) / (high − low) over a uniform speed).
    pub fn mean_response_s(&self, paths: &[Path]) -> f64 {
        let (lo, hi) = (self.output_tokens_per_s.low, self.output_tokens_per_s.high);
        let inverse = if hi > lo { (hi / lo).ln() / (hi - lo) } else { 1.0 / lo };
        let ttft = self.ttft_s(0.5);
        paths
            .iter()
            .map(|p| {
                let calls = f64::from(p.calls);
                p.probability * (calls * ttft + p.output * inverse + (calls - 1.0).max(0.0) * self.tool_latency_s)
            })
            .sum()
    }
}

/// Which time of a request a distribution is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// From sending to the last token.
    Response,
    /// The longest silence of a streamed request.
    Silence,
}

/// The distribution of one measure of a workload's requests at one pace.
#[derive(Debug, Clone, Copy)]
pub struct Times<'a> {
    pub pace: &'a Pace,
    pub paths: &'a [Path],
    pub measure: Measure,
}

/// Bisection steps: 2⁻⁶⁰ of the bracket, below any printed digit.
const STEPS: u32 = 60;

impl Times<'_> {
    fn of(&self, p: &Path, u: f64) -> f64 {
        match self.measure {
            Measure::Response => self.pace.response_s(p, u),
            Measure::Silence => self.pace.silence_s(p, u),
        }
    }

    /// The share of the speed range at which path `p` takes at most `t`: both measures grow
    /// with `u`, so that share is the largest `u` with time(u) ≤ t.
    fn share_within(&self, p: &Path, t: f64) -> f64 {
        if self.of(p, 1.0) <= t {
            return 1.0;
        }
        if self.of(p, 0.0) > t {
            return 0.0;
        }
        let (mut lo, mut hi) = (0.0, 1.0);
        for _ in 0..STEPS {
            let mid = 0.5 * (lo + hi);
            if self.of(p, mid) <= t { lo = mid } else { hi = mid }
        }
        lo
    }

    /// P(time ≤ t).
    pub fn cdf(&self, t: f64) -> f64 {
        self.paths.iter().map(|p| p.probability * self.share_within(p, t)).sum::<f64>().min(1.0)
    }

    /// P(time > t): the share of requests a limit of `t` seconds cuts.
    pub fn beyond(&self, t: f64) -> f64 {
        (1.0 - self.cdf(t)).max(0.0)
    }

    /// The fastest and the slowest time any request takes.
    pub fn bounds(&self) -> (f64, f64) {
        let live = self.paths.iter().filter(|p| p.probability > 0.0);
        let fastest = live.clone().map(|p| self.of(p, 0.0)).fold(f64::INFINITY, f64::min);
        let slowest = live.map(|p| self.of(p, 1.0)).fold(0.0, f64::max);
        (fastest, slowest)
    }

    /// The `q` quantile: the smallest t with P(time ≤ t) ≥ q.
    pub fn quantile(&self, q: f64) -> f64 {
        let (mut lo, mut hi) = self.bounds();
        if !lo.is_finite() {
            return 0.0;
        }
        if self.cdf(lo) >= q {
            return lo;
        }
        for _ in 0..STEPS {
            let mid = 0.5 * (lo + hi);
            if self.cdf(mid) >= q { hi = mid } else { lo = mid }
        }
        hi
    }
}
