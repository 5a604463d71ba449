//! Credit rules: what a service level's miss earns the customer before any cap — a fixed
//! percentage, a credit table, a share of the at-risk pool, service points or a credit per step
//! of shortfall (design §2.3).
//!
//! Reading: a minimum miss always earns a credit; a target miss earns one only once the repeat
//! rule's misses have happened in its window (this month included); a value at a threshold is
//! not worse than it; an unmeasured month deemed a minimum miss counts as worse than every
//! threshold (the largest table row, the most points, the per-step maximum where one is set);
//! points double when the previous measured month also earned points; credits are a percentage
//! of the month's charges on the service level's own base, unrounded here (the line rounds
//! them).

use rust_decimal::Decimal;

use super::Outcome;
use super::limits::percent_of;
use super::measurement::{Record, shown};
use crate::format::{format_money as money, format_number as number};
use crate::model::{CreditRule, CreditStep, PointsBand, Rate, ServiceLevel};

/// What a repeat of service points remembers: whether the last measured month earned points.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct PointsMemory {
    had_points: bool,
}

/// The facts of one service level's month that its credit rule reads.
pub(crate) struct CreditCase<'a> {
    /// What the month counts as.
    pub outcome: Outcome,
    /// The measured value, `None` when not measured.
    pub value: Option<Decimal>,
    /// The target in force.
    pub target: Decimal,
    /// The charges on the service level's credit base this month.
    pub base: Decimal,
    /// The month's at-risk amount, if the regime has a pool.
    pub at_risk: Option<Decimal>,
    /// The regime's price of a service point.
    pub points_rate: Option<&'a Rate>,
    /// The currency's decimals, for explanations.
    pub dp: u32,
}

/// The credit `sl` earns this month before its own cap, unrounded, and how it was made.
/// `record` holds the months measured so far, this one included.
pub(crate) fn credit_for(
    sl: &ServiceLevel,
    case: &CreditCase<'_>,
    record: &Record,
    memory: &mut PointsMemory,
) -> (Decimal, String) {
    let previous_points = memory.had_points;
    if case.outcome.is_measured() {
        memory.had_points = false;
    }
    if let Err(why) = due(sl, case.outcome, record) {
        return (Decimal::ZERO, why);
    }
    match &sl.credit {
        CreditRule::None => (Decimal::ZERO, String::new()),
        CreditRule::FixedPct {
            target_miss_pct,
            minimum_miss_pct,
        } => {
            let pct = if case.outcome == Outcome::MissedMinimum {
                minimum_miss_pct
            } else {
                target_miss_pct
            };
            of_base(case, *pct)
        }
        CreditRule::Table(steps) => table(sl, case, steps),
        CreditRule::AtRisk { allocation_pct } => match case.at_risk {
            Some(pool) => (
                percent_of(pool, *allocation_pct),
                format!(
                    "{}% allocation of the at-risk amount {}",
                    number(*allocation_pct),
                    money(pool, case.dp)
                ),
            ),
            None => (Decimal::ZERO, "no at-risk pool set".to_owned()),
        },
        CreditRule::Points {
            bands,
            repeat_doubles,
        } => {
            let doubling = *repeat_doubles && previous_points;
            points(sl, case, bands, doubling, memory)
        }
        CreditRule::PerStep {
            step,
            per_step,
            max_pct,
        } => per_step_credit(sl, case, *step, per_step, *max_pct),
    }
}

/// Whether a credit is due for `outcome`: always for a minimum miss, for a target miss once
/// the repeat rule is satisfied (the reason it is not, otherwise), never for a met month.
fn due(sl: &ServiceLevel, outcome: Outcome, record: &Record) -> Result<(), String> {
    match outcome {
        Outcome::MissedMinimum => Ok(()),
        Outcome::MissedTarget => match sl.repeat_rule {
            None => Ok(()),
            Some(rule) => {
                let from = record
                    .outcomes
                    .len()
                    .saturating_sub(rule.window_months as usize);
                let misses = record.outcomes[from..]
                    .iter()
                    .filter(|o| o.is_miss())
                    .count() as u32;
                if misses >= rule.misses {
                    Ok(())
                } else {
                    Err(format!(
                        "{misses} of {} misses in {} months needed before a target miss earns a credit",
                        rule.misses, rule.window_months
                    ))
                }
            }
        },
        _ => Err(String::new()),
    }
}

/// `pct` percent of the credit base, and how.
fn of_base(case: &CreditCase<'_>, pct: Decimal) -> (Decimal, String) {
    (
        percent_of(case.base, pct),
        format!("{}% of {}", number(pct), money(case.base, case.dp)),
    )
}

/// Whether the month's value is worse than `threshold`; no value is worse than every one.
fn worse(sl: &ServiceLevel, case: &CreditCase<'_>, threshold: Decimal) -> bool {
    case.value.is_none_or(|v| sl.direction.worse(v, threshold))
}

/// A credit table: the largest percentage whose threshold the value is worse than.
fn table(sl: &ServiceLevel, case: &CreditCase<'_>, steps: &[CreditStep]) -> (Decimal, String) {
    match steps
        .iter()
        .filter(|s| worse(sl, case, s.worse_than))
        .max_by_key(|s| s.credit_pct)
    {
        Some(step) => {
            let (amount, how) = of_base(case, step.credit_pct);
            (
                amount,
                format!(
                    "{} {} in the credit table: {how}",
                    sl.direction.worse_word(),
                    shown(step.worse_than)
                ),
            )
        }
        None => (Decimal::ZERO, "no credit-table row applies".to_owned()),
    }
}

/// Service points: the most points of a band breached, doubled on a repeat when `doubling`,
/// times the regime's points rate.
fn points(
    sl: &ServiceLevel,
    case: &CreditCase<'_>,
    bands: &[PointsBand],
    doubling: bool,
    memory: &mut PointsMemory,
) -> (Decimal, String) {
    let points = bands
        .iter()
        .filter(|b| worse(sl, case, b.worse_than))
        .map(|b| b.points)
        .max()
        .unwrap_or(0);
    let doubled = doubling && points > 0;
    memory.had_points = points > 0;
    let points = if doubled { points * 2 } else { points };
    let per = match case.points_rate {
        Some(Rate::Amount(a)) => (*a, money(*a, case.dp)),
        Some(Rate::PctOfBase(p)) => of_base(case, *p),
        None => (Decimal::ZERO, "no points rate".to_owned()),
    };
    let repeat = if doubled {
        " (doubled for a repeat failure)"
    } else {
        ""
    };
    (
        Decimal::from(points) * per.0,
        format!(
            "{points} service {}{repeat} × {}",
            if points == 1 { "point" } else { "points" },
            per.1
        ),
    )
}

/// A credit per full step of shortfall from the target, limited to `max_pct` of the base (an
/// unmeasured miss earns the maximum).
fn per_step_credit(
    sl: &ServiceLevel,
    case: &CreditCase<'_>,
    step: Decimal,
    per_step: &Rate,
    max_pct: Option<Decimal>,
) -> (Decimal, String) {
    let dp = case.dp;
    let base = case.base;
    // A step of zero or less is refused by validation; a project shown while it is being
    // edited may still hold one, and then no step is counted (never a division by zero).
    let steps = match case.value {
        Some(v) if step > Decimal::ZERO => (sl.direction.shortfall(v, case.target) / step).floor(),
        _ => Decimal::ZERO,
    };
    let (mut amount, mut how) = match per_step {
        Rate::Amount(a) => (
            steps * a,
            format!(
                "{} full steps of {} × {}",
                number(steps),
                number(step),
                money(*a, dp)
            ),
        ),
        Rate::PctOfBase(p) => (
            percent_of(base, steps * p),
            format!(
                "{} full steps of {} × {}% of {}",
                number(steps),
                number(step),
                number(*p),
                money(base, dp)
            ),
        ),
    };
    if let Some(max) = max_pct {
        let most = percent_of(base, max);
        if case.value.is_none() || amount > most {
            amount = most;
            how = format!("{how}, limited to {}% of {}", number(max), money(base, dp));
        }
    }
    (amount, how)
}
