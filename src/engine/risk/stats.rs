//! Summaries of simulated outcomes: means and percentiles by nearest rank.
//!
//! Percentiles are by **nearest rank**: sort the n outcomes ascending; P_p is the outcome at
//! 1-based rank ⌈p / 100 × n⌉ (rank 1 when that is 0). There is no interpolation, so every
//! percentile is an outcome that was simulated, exact to the cent. With 8 outcomes, P5 is rank
//! ⌈0.4⌉ = 1, P50 rank 4, P90 rank ⌈7.2⌉ = 8.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::engine::Rounder;
use crate::model::Rounding;

/// The outcome at percentile `p` (in percent, 0–100) of `sorted` (ascending) by nearest rank;
/// `None` when there are no outcomes. Generic so that charts drawn from the same trials (in
/// f64, at the plot boundary) use the same rule.
pub fn nearest_rank<T: Copy>(sorted: &[T], p: u32) -> Option<T> {
    let n = sorted.len();
    // ⌈p × n / 100⌉ in integers, so no rounding can move the rank.
    let rank = (p.min(100) as usize * n).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

/// The distribution of one amount over the trials: its mean and the percentiles a pricing or a
/// negotiation reads (the likely year, the bad year, the worst simulated).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Distribution {
    /// The mean over the trials, rounded to the currency by the project's rule.
    pub mean: Decimal,
    /// The 5th percentile by nearest rank.
    pub p5: Decimal,
    /// The median by nearest rank.
    pub p50: Decimal,
    /// The 90th percentile by nearest rank.
    pub p90: Decimal,
    /// The 95th percentile by nearest rank.
    pub p95: Decimal,
    /// The largest outcome simulated.
    pub max: Decimal,
}

impl Distribution {
    /// The distribution of `outcomes` (sorted in place), the mean rounded by `rounding`; all
    /// zero when there are none.
    pub fn of(outcomes: &mut [Decimal], rounding: Rounding) -> Self {
        Self::rounded_by(outcomes, &Rounder::new(rounding))
    }

    pub(crate) fn rounded_by(outcomes: &mut [Decimal], rounder: &Rounder) -> Self {
        if outcomes.is_empty() {
            return Self::default();
        }
        outcomes.sort_unstable();
        let at = |p| nearest_rank(outcomes, p).unwrap_or_default();
        Self {
            mean: rounder.round(mean(outcomes)),
            p5: at(5),
            p50: at(50),
            p90: at(90),
            p95: at(95),
            max: at(100),
        }
    }
}

/// The exact mean of `outcomes` (zero when there are none).
pub(crate) fn mean(outcomes: &[Decimal]) -> Decimal {
    if outcomes.is_empty() {
        return Decimal::ZERO;
    }
    outcomes.iter().copied().sum::<Decimal>() / Decimal::from(outcomes.len())
}

/// The four amounts the report gives a distribution of, for a contract year or the term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Figures {
    /// Service credits after caps, as a positive amount.
    pub credits: Distribution,
    /// Bonuses paid.
    pub bonuses: Distribution,
    /// Credits returned by earn-back.
    pub earn_back: Distribution,
    /// What the customer pays.
    pub net: Distribution,
}

/// Every trial's outcome of one period (a contract year or the term), kept until the end
/// because percentiles need them all: four amounts per trial, never a ledger.
#[derive(Debug, Clone, Default)]
pub(crate) struct Outcomes {
    pub credits: Vec<Decimal>,
    pub bonuses: Vec<Decimal>,
    pub earn_back: Vec<Decimal>,
    pub net: Vec<Decimal>,
}

impl Outcomes {
    /// Adds one trial's amounts.
    pub fn push(&mut self, credits: Decimal, bonuses: Decimal, earn_back: Decimal, net: Decimal) {
        self.credits.push(credits);
        self.bonuses.push(bonuses);
        self.earn_back.push(earn_back);
        self.net.push(net);
    }

    /// The distributions of the amounts.
    pub fn figures(&mut self, rounder: &Rounder) -> Figures {
        Figures {
            credits: Distribution::rounded_by(&mut self.credits, rounder),
            bonuses: Distribution::rounded_by(&mut self.bonuses, rounder),
            earn_back: Distribution::rounded_by(&mut self.earn_back, rounder),
            net: Distribution::rounded_by(&mut self.net, rounder),
        }
    }
}

/// How often something happened: in `trials` of `of` trials.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Frequency {
    /// The trials in which it happened.
    pub trials: u64,
    /// The trials run.
    pub of: u64,
}

impl Frequency {
    /// The share as a percentage to one decimal, as people read odds: "12.5 %". Rounded half
    /// away from zero (Decimal's own `{:.1}` would cut 0.55 to 0.5).
    pub fn percent(&self) -> String {
        let pct = self.probability() * Decimal::ONE_HUNDRED;
        let pct =
            pct.round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        format!("{pct:.1} %")
    }

    /// The share of trials in which it happened (0 when no trial ran), exact as a decimal.
    pub fn probability(&self) -> Decimal {
        if self.of == 0 {
            return Decimal::ZERO;
        }
        Decimal::from(self.trials) / Decimal::from(self.of)
    }
}
