//! Which months are drawn from, which are simulated, and which history month each simulated
//! month of a trial takes.
//!
//! **The pool** is the history months: every month up to the end of the term (before the
//! contract start included) in which at least one KPI series of the project has data
//! ([`KpiSeries::months`]: a value, downtime minutes, or a numerator with its denominator), in
//! date order. H is their number; pool month i (0-based) is the i-th of them.
//!
//! **The simulated months** are every month of the term in which no KPI series has data: the
//! months after the KPI history, and any whole month missing inside it. A month where some
//! KPIs have data and others do not is actual: it is billed as `evaluate` bills it (the missing
//! KPI by the contract's missing-data rule, or by the projection after that series' own last
//! month). S is their number; simulated month j (0-based) is the j-th of them.
//!
//! **The draws.** Each simulated month takes one whole pool month: every KPI's observation of
//! that month (value and weight, as measured then), all KPIs together, so the KPIs' correlation
//! within a month is kept. A KPI with no data in the drawn month has none in the simulated month
//! either (the missing-data rule applies, as it did in history). With blocks of L months
//! (1 ≤ L ≤ H), a trial's simulated months are cut into B = ⌈S / L⌉ blocks of L consecutive
//! simulated months (the last one may be shorter), and each block takes L consecutive pool
//! months from a start drawn among the H − L + 1 starts where a whole block fits. Draw k of the
//! [`SplitMix64`] stream (started at the seed) serves trial t, block b for k = t × B + b, and
//! picks
//!
//! ```text
//! start = z_k mod (H − L + 1)        simulated month b × L + i takes pool month start + i
//! ```
//!
//! With L = 1 this is the plain month bootstrap: k = t × S + j and simulated month j of trial t
//! takes pool month z_k mod H, in the order trial 0 month 0, trial 0 month 1, …, trial 1
//! month 0, …

use std::collections::BTreeMap;

use super::RiskError;
use super::draw::SplitMix64;
use crate::model::{KpiSeries, Project, YearMonth};

/// The months of a risk run and the draw stream that links them: everything needed to say
/// which history month each simulated month of any trial takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The history months drawn from, in date order (H of them).
    pub pool: Vec<YearMonth>,
    /// The months of the term with no KPI data, in date order (S of them).
    pub simulated: Vec<YearMonth>,
    /// How many consecutive history months one draw carries (L).
    pub block_months: u32,
    /// Where the draw stream starts.
    pub seed: u64,
}

impl Plan {
    /// The plan of `project`'s data with blocks of `block_months` and the stream at `seed`.
    ///
    /// Fails when months are to be simulated but there is no history to draw them from, or when
    /// a block is empty or longer than the history.
    pub fn new(project: &Project, block_months: u32, seed: u64) -> Result<Self, RiskError> {
        let end = project.end();
        let with_data: std::collections::BTreeSet<YearMonth> = project
            .kpis
            .iter()
            .flat_map(KpiSeries::months)
            .filter(|m| *m <= end)
            .collect();
        let pool: Vec<YearMonth> = with_data.iter().copied().collect();
        let simulated: Vec<YearMonth> = project
            .months()
            .filter(|m| !with_data.contains(m))
            .collect();
        if !simulated.is_empty() && pool.is_empty() {
            return Err(RiskError::NoHistory);
        }
        if block_months == 0 || (!pool.is_empty() && block_months as usize > pool.len()) {
            return Err(RiskError::BlockLength {
                block_months,
                history_months: pool.len(),
            });
        }
        Ok(Self {
            pool,
            simulated,
            block_months,
            seed,
        })
    }

    /// Blocks per trial, B = ⌈S / L⌉: the draws one trial uses.
    pub fn draws_per_trial(&self) -> u64 {
        self.simulated.len().div_ceil(self.block_months as usize) as u64
    }

    /// The starts a block can be drawn at, H − L + 1.
    pub fn starts(&self) -> u64 {
        (self.pool.len() + 1).saturating_sub(self.block_months as usize) as u64
    }

    /// The index in the pool of the history month each simulated month of `trial` takes, in
    /// the order of [`Plan::simulated`].
    pub fn pool_indices(&self, trial: u64) -> Vec<usize> {
        let blocks = self.draws_per_trial();
        let block = self.block_months as usize;
        let mut stream = SplitMix64::at(self.seed, trial.wrapping_mul(blocks));
        let mut out = Vec::with_capacity(self.simulated.len());
        while out.len() < self.simulated.len() {
            let start = (stream.next_u64() % self.starts()) as usize;
            let take = block.min(self.simulated.len() - out.len());
            out.extend(start..start + take);
        }
        out
    }

    /// Simulated month → the history month it takes in `trial`: the KPI months a trial is
    /// evaluated with (see [`crate::engine::risk::trial`]).
    pub fn kpi_months(&self, trial: u64) -> BTreeMap<YearMonth, YearMonth> {
        self.simulated
            .iter()
            .zip(self.pool_indices(trial))
            .map(|(&month, i)| (month, self.pool[i]))
            .collect()
    }
}
