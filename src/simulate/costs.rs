//! Every draw's monthly cost of every line, kept until the quantiles are taken: one flat block of
//! `f64`s per chunk of samples (8 bytes a cost, no allocation per sample or line), so a run's
//! memory is samples × lines × months × 8 bytes, bounded by
//! [`MAX_SIMULATED_COSTS`](crate::limits::MAX_SIMULATED_COSTS) (docs/model.md#simulation).

/// The costs and eligibility of `len` consecutive samples from sample `first`.
#[derive(Debug, Default)]
pub(super) struct Chunk {
    /// Sample-major: sample, then line, then month.
    costs: Vec<f64>,
    /// Sample-major: sample, then line.
    eligible: Vec<bool>,
}

impl Chunk {
    pub fn with_capacity(samples: usize, lines: usize, months: usize) -> Chunk {
        Chunk { costs: Vec::with_capacity(samples * lines * months), eligible: Vec::with_capacity(samples * lines) }
    }

    /// Appends one sample: each line's monthly costs and whether it served every workload.
    pub fn push(&mut self, line_months: impl IntoIterator<Item = (Vec<f64>, bool)>) {
        for (months, eligible) in line_months {
            self.costs.extend(months);
            self.eligible.push(eligible);
        }
    }
}

/// The samples, in sample order, as chunks of [`Costs::chunk`] samples each.
#[derive(Debug)]
pub(super) struct Costs {
    chunks: Vec<Chunk>,
    /// Samples per chunk (the last may hold fewer).
    chunk: usize,
    samples: usize,
    lines: usize,
    months: usize,
}

impl Costs {
    pub fn new(chunks: Vec<Chunk>, chunk: usize, samples: usize, lines: usize, months: usize) -> Costs {
        Costs { chunks, chunk, samples, lines, months }
    }

    pub fn samples(&self) -> usize {
        self.samples
    }

    pub fn lines(&self) -> usize {
        self.lines
    }

    pub fn months(&self) -> usize {
        self.months
    }

    /// Sample `i`'s monthly costs of line `j`.
    pub fn line(&self, i: usize, j: usize) -> &[f64] {
        let (c, k) = (i / self.chunk, i % self.chunk);
        let start = (k * self.lines + j) * self.months;
        &self.chunks[c].costs[start..start + self.months]
    }

    /// Sample `i`'s total of line `j` over the horizon (its months added in order).
    pub fn total(&self, i: usize, j: usize) -> f64 {
        self.line(i, j).iter().sum()
    }

    /// Whether line `j` served every workload in sample `i`.
    pub fn eligible(&self, i: usize, j: usize) -> bool {
        let (c, k) = (i / self.chunk, i % self.chunk);
        self.chunks[c].eligible[k * self.lines + j]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_are_found_across_chunks() {
        // 3 samples in chunks of 2, 2 lines of 2 months: sample i, line j, month m costs
        // 100i + 10j + m; line 1 is eligible in odd samples only.
        let sample = |i: usize| {
            (0..2).map(move |j| (vec![(100 * i + 10 * j) as f64, (100 * i + 10 * j + 1) as f64], j == 0 || i % 2 == 1))
        };
        let mut a = Chunk::with_capacity(2, 2, 2);
        a.push(sample(0));
        a.push(sample(1));
        let mut b = Chunk::with_capacity(1, 2, 2);
        b.push(sample(2));
        let c = Costs::new(vec![a, b], 2, 3, 2, 2);
        assert_eq!(c.line(2, 1), [210.0, 211.0]);
        assert_eq!(c.line(1, 0), [100.0, 101.0]);
        // 110 + 111 = 221.
        assert_eq!(c.total(1, 1), 221.0);
        assert_eq!((c.eligible(0, 1), c.eligible(1, 1), c.eligible(2, 0)), (false, true, true));
    }
}
