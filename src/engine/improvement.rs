//! Continuous improvement: at each contract anniversary the target moves part of the way
//! toward the past year's average, when the year was met throughout (design §2.3).
//!
//! Reading: only the months the window is assessed in count (the quarter ends for a quarterly
//! level); every one of them must be met with a value — an unmeasured or excluded month holds
//! the target where it is; the target only ever moves toward better; the moved target is kept
//! to the clause's precision (by default `rounding::DEFAULT_IMPROVED_TARGET`).

use rust_decimal::Decimal;

use super::measurement::Record;
use super::rounding::DEFAULT_IMPROVED_TARGET;
use super::{Outcome, TermMonth};
use crate::model::{MeasurementWindow, ServiceLevel};

/// Moves `target` at the anniversary that month `i` of `months` opens, on the contract year
/// before it as `record` measured it. Returns whether it moved: the explanations of the
/// months under a moved target name the reset that set it.
pub(crate) fn at_anniversary(
    sl: &ServiceLevel,
    target: &mut Decimal,
    record: &Record,
    months: &[TermMonth],
    i: usize,
) -> bool {
    let Some(ci) = &sl.improvement else {
        return false;
    };
    let year: Vec<usize> = (i - 12..i)
        .filter(|&j| {
            sl.window != MeasurementWindow::Quarter || months[j].month.month().is_multiple_of(3)
        })
        .collect();
    let all_met = year.iter().all(|&j| record.outcomes[j] == Outcome::Met);
    let values: Option<Vec<Decimal>> = year.iter().map(|&j| record.values[j]).collect();
    let (true, Some(values)) = (all_met, values) else {
        return false;
    };
    let average = values.iter().copied().sum::<Decimal>() / Decimal::from(values.len());
    if !sl.direction.worse(*target, average) {
        return false;
    }
    let precision = ci.precision.unwrap_or(DEFAULT_IMPROVED_TARGET);
    let moved =
        precision.round(*target + (average - *target) * ci.share_pct / Decimal::ONE_HUNDRED);
    // Rounding can bring a tiny move back to where it was: then nothing moved.
    let changed = moved != *target;
    *target = moved;
    changed
}
