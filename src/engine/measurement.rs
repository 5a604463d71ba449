//! Measurement: a service level's window, its data and the month's outcome (design §2.3).
//!
//! Reading: a window's months before the contract start, and its excluded months, are left out
//! (they are not the provider's to answer for); a quarter the term cuts short is assessed in
//! the term's last month; a value exactly at a level is not worse than it; a sample of nothing
//! with a known size is refused by a minimum sample rather than counted.

use rust_decimal::Decimal;

use super::Outcome;
use super::inputs::Inputs;
use crate::format::format_number as number;
use crate::model::{MeasurementWindow, MissingData, Observation, ServiceLevel, YearMonth};

/// A service level's measurement for one month.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Measurement {
    /// The value over the window, unrounded; `None` when not measured.
    pub value: Option<Decimal>,
    /// What the month counts as.
    pub outcome: Outcome,
    /// Why, in words: the value against the level it met or missed.
    pub why: String,
    /// The missing-data policy applied when the window had no data at all (what the
    /// month's `missing_data` flag names); `None` when there was data, or the month was not
    /// one to measure (excluded by the contract, or not the month a quarter is assessed in).
    pub missing: Option<MissingData>,
}

/// The levels in force for a month: the target (continuous improvement may have moved it),
/// the minimum, and the month of the reset that set the target, if one did.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct InForce {
    /// The target in force.
    pub target: Decimal,
    /// The minimum in force.
    pub minimum: Option<Decimal>,
    /// The anniversary at which continuous improvement last moved the target; `None` while
    /// the contract's own target is in force.
    pub target_since: Option<YearMonth>,
}

impl InForce {
    /// The contract's own levels of `sl`, as written.
    pub(crate) fn written(sl: &ServiceLevel) -> Self {
        Self {
            target: sl.target,
            minimum: sl.minimum,
            target_since: None,
        }
    }
}

/// What has been measured of one service level so far in the term: what continuous
/// improvement and the repeat rule of a credit look back on.
#[derive(Debug, Clone, Default)]
pub(crate) struct Record {
    /// Outcomes so far, one per month of the term.
    pub outcomes: Vec<Outcome>,
    /// Values so far, one per month of the term.
    pub values: Vec<Option<Decimal>>,
}

impl Record {
    /// Adds this month's measurement.
    pub(crate) fn push(&mut self, m: &Measurement) {
        self.outcomes.push(m.outcome);
        self.values.push(m.value);
    }
}

/// How a value is shown in explanations: at most 4 decimals, thousands separated.
pub(crate) fn shown(value: Decimal) -> String {
    number(value.round_dp(4))
}

/// Measures `sl` in `month` against the levels `in_force`. `last_of_term` makes a quarter
/// that the term cuts short be assessed anyway.
pub(crate) fn measure(
    sl: &ServiceLevel,
    unit: &str,
    month: YearMonth,
    last_of_term: bool,
    in_force: &InForce,
    inputs: &Inputs<'_>,
) -> Measurement {
    let target = in_force.target;
    if sl.excluded_months.contains(&month) {
        return not_measured(
            Outcome::Excluded,
            format!("{}: {month} is excluded by the contract", sl.name),
        );
    }
    let window = match window_of(sl, month, last_of_term) {
        Ok(window) => window,
        Err(not_assessed) => return not_assessed,
    };
    // Months before the contract start are not the provider's to answer for.
    let observations: Vec<Observation> = window
        .iter()
        .filter(|&&m| m >= inputs.start())
        .filter(|m| !sl.excluded_months.contains(m))
        .filter_map(|&m| inputs.observation(&sl.kpi, m, target))
        .collect();
    let Some((value, sample)) = aggregate(&observations) else {
        return no_data(sl, month);
    };
    if let (Some(needed), Some(sample)) = (sl.minimum_sample, sample)
        && sample < needed
    {
        // The value is no measure of the month: said in words, kept out of the result so
        // that no chart or export shows it as if it counted.
        return not_measured(
            Outcome::NotMeasured,
            format!(
                "{} {}: sample of {} is below the minimum {}, not measured",
                sl.name,
                with_unit(value, unit),
                number(sample),
                number(needed)
            ),
        );
    }
    judged(sl, unit, value, in_force)
}

/// A month with no value, counted as `outcome`.
fn not_measured(outcome: Outcome, why: String) -> Measurement {
    Measurement {
        value: None,
        outcome,
        why,
        missing: None,
    }
}

/// `value` as explanations show it, with its unit: "92.5%", "35 s".
pub(crate) fn with_unit(value: Decimal, unit: &str) -> String {
    format!("{}{}", shown(value), unit_suffix(unit))
}

/// How a unit follows a number: "%" at once, any other unit after a space.
fn unit_suffix(unit: &str) -> String {
    if unit.is_empty() || unit == "%" {
        unit.to_owned()
    } else {
        format!(" {unit}")
    }
}

/// The months `sl`'s window reads in `month`, or the month's result when the window is not
/// assessed in it (a quarter is assessed in its last month). The risk simulation's fast path
/// reads it too, to know which drawn months a measurement depends on.
pub(crate) fn window_of(
    sl: &ServiceLevel,
    month: YearMonth,
    last_of_term: bool,
) -> Result<Vec<YearMonth>, Measurement> {
    Ok(match sl.window {
        MeasurementWindow::Month => vec![month],
        MeasurementWindow::Quarter => {
            if !month.month().is_multiple_of(3) && !last_of_term {
                let assessed = month.plus((3 - month.month() % 3) as i32);
                return Err(not_measured(
                    Outcome::NotMeasured,
                    format!("{}: measured per quarter, assessed in {assessed}", sl.name),
                ));
            }
            let first = month.plus(-(((month.month() - 1) % 3) as i32));
            first.through(month).collect()
        }
        MeasurementWindow::Rolling(n) => month.plus(1 - n.max(1) as i32).through(month).collect(),
        MeasurementWindow::AveragedWithPrevious => vec![month.plus(-1), month],
    })
}

/// A window with no data, by the service level's missing-data policy.
fn no_data(sl: &ServiceLevel, month: YearMonth) -> Measurement {
    let (outcome, why) = match sl.missing_data {
        MissingData::DeemedMinimumMiss => (
            Outcome::MissedMinimum,
            format!("{}: no data for {month}, deemed a minimum miss", sl.name),
        ),
        MissingData::NoClaim => (
            Outcome::NotMeasured,
            format!("{}: no data for {month}, no claim possible", sl.name),
        ),
        MissingData::Excluded => (
            Outcome::Excluded,
            format!("{}: no data for {month}, excluded", sl.name),
        ),
    };
    Measurement {
        missing: Some(sl.missing_data),
        ..not_measured(outcome, why)
    }
}

/// What a month with no data counts as under `policy`, in the words of its flag.
pub(crate) fn policy_words(policy: MissingData) -> &'static str {
    match policy {
        MissingData::DeemedMinimumMiss => "deemed a minimum miss",
        MissingData::NoClaim => "not measured, no claim possible",
        MissingData::Excluded => "excluded from measurement",
    }
}

/// `value` judged against the minimum, then the target: a value at a level is not worse. A
/// target continuous improvement moved says so where it is named.
fn judged(sl: &ServiceLevel, unit: &str, value: Decimal, in_force: &InForce) -> Measurement {
    let (target, minimum) = (in_force.target, in_force.minimum);
    let since = in_force
        .target_since
        .map(|m| format!(" (in force since the {m} continuous-improvement reset)"))
        .unwrap_or_default();
    let window_words = match sl.window {
        MeasurementWindow::Month => String::new(),
        MeasurementWindow::Quarter => " over the quarter".to_owned(),
        MeasurementWindow::Rolling(n) => format!(" over the last {n} months"),
        MeasurementWindow::AveragedWithPrevious => " averaged with the previous month".to_owned(),
    };
    let v = with_unit(value, unit);
    let unit = unit_suffix(unit);
    let d = sl.direction;
    let (outcome, why) = match minimum {
        Some(min) if d.worse(value, min) => (
            Outcome::MissedMinimum,
            format!(
                "{} {v}{window_words} is {} the minimum {}{unit}",
                sl.name,
                d.worse_word(),
                shown(min)
            ),
        ),
        _ if d.worse(value, target) => (
            Outcome::MissedTarget,
            format!(
                "{} {v}{window_words} is {} the target {}{unit}{since}",
                sl.name,
                d.worse_word(),
                shown(target)
            ),
        ),
        _ => (
            Outcome::Met,
            format!(
                "{} {v}{window_words} meets the target {}{unit}{since}",
                sl.name,
                shown(target)
            ),
        ),
    };
    Measurement {
        value: Some(value),
        outcome,
        why,
        missing: None,
    }
}

/// Combines a window's observations: weighted by sample (minutes, denominator) where every
/// month has a weight, a plain mean otherwise. Returns the value and the total sample where
/// known; `None` for an empty window.
pub(crate) fn aggregate(observations: &[Observation]) -> Option<(Decimal, Option<Decimal>)> {
    if observations.is_empty() {
        return None;
    }
    let weights: Option<Vec<Decimal>> = observations.iter().map(|o| o.weight).collect();
    match weights {
        Some(weights) => {
            let total: Decimal = weights.iter().copied().sum();
            if total.is_zero() {
                // A sample of nothing (0 responses): the value is no measure of anything, but
                // the sample is known, so a minimum sample can refuse it.
                let sum: Decimal = observations.iter().map(|o| o.value).sum();
                return Some((sum / Decimal::from(observations.len()), Some(total)));
            }
            let weighted: Decimal = observations
                .iter()
                .zip(&weights)
                .map(|(o, w)| o.value * w)
                .sum();
            Some((weighted / total, Some(total)))
        }
        None => {
            let sum: Decimal = observations.iter().map(|o| o.value).sum();
            Some((sum / Decimal::from(observations.len()), None))
        }
    }
}
