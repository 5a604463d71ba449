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

use super::limits::percent_of;
use super::measurement::{Record, shown};
use super::{Ledger, Outcome};
use crate::format::{format_money as money, format_number as number};
use crate::model::{CreditRule, CreditStep, PointsBand, Rate, RepeatRule, ServiceLevel, YearMonth};

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
    let repeat_note = match due(sl, case.outcome, record) {
        Ok(note) => note,
        Err(why) => return (Decimal::ZERO, why),
    };
    let (amount, how) = rule_credit(sl, case, previous_points, memory);
    match repeat_note {
        Some(note) if !how.is_empty() => (amount, format!("{note}: {how}")),
        _ => (amount, how),
    }
}

/// The credit `sl`'s rule gives a due month, before its own cap, and how.
fn rule_credit(
    sl: &ServiceLevel,
    case: &CreditCase<'_>,
    previous_points: bool,
    memory: &mut PointsMemory,
) -> (Decimal, String) {
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
/// the repeat rule is satisfied (the reason it is not, otherwise), never for a met month. `Ok`
/// carries what made a target miss creditable under a repeat rule ("4th target miss in 12
/// months"), to be said on the credit line.
fn due(sl: &ServiceLevel, outcome: Outcome, record: &Record) -> Result<Option<String>, String> {
    match outcome {
        Outcome::MissedMinimum => Ok(None),
        Outcome::MissedTarget => match sl.repeat_rule {
            None => Ok(None),
            Some(rule) => {
                let misses = counted_misses(&rule, record);
                let what = rule.counted_words(true);
                if misses >= rule.misses {
                    Ok(Some(format!(
                        "creditable as the {} {} in {} months",
                        ordinal(misses),
                        rule.counted_words(false),
                        rule.window_months
                    )))
                } else {
                    Err(format!(
                        "{misses} of {} {what} in {} months needed before a target miss earns a credit",
                        rule.misses, rule.window_months
                    ))
                }
            }
        },
        _ => Err(String::new()),
    }
}

/// The misses `rule` counts in its window of `record`, this month's included: a month missing
/// only the target always, a minimum miss when the rule counts all misses (a deemed one when
/// it counts deemed misses).
pub(crate) fn counted_misses(rule: &RepeatRule, record: &Record) -> u32 {
    let from = record
        .outcomes
        .len()
        .saturating_sub(rule.window_months as usize);
    (from..record.outcomes.len())
        .filter(|&i| {
            let outcome = record.outcomes[i];
            rule.counts_month(
                outcome == Outcome::MissedTarget,
                outcome == Outcome::MissedMinimum,
                record.values[i].is_none(),
            )
        })
        .count() as u32
}

/// "1st", "2nd", "3rd", "4th", "11th", "22nd".
pub fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
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

/// How many misses `sl`'s repeat rule counts in its window ending at `month`, read from
/// `ledger` (an evaluation of the offer holding `sl`): what the editor says beside the rule, so
/// that a rate change that moves nothing can be explained ("2 of 4 target misses in the 12
/// months to 2025-06"). `None` without a repeat rule or when `month` is outside the term.
pub fn repeat_window_misses(ledger: &Ledger, sl: &ServiceLevel, month: YearMonth) -> Option<u32> {
    let rule = sl.repeat_rule?;
    let end = ledger.months.iter().position(|m| m.period == month)?;
    let from = (end + 1).saturating_sub(rule.window_months as usize);
    let counted = ledger.months[from..=end]
        .iter()
        .filter_map(|m| m.service_levels.iter().find(|r| r.id == sl.id))
        .filter(|r| {
            rule.counts_month(
                r.outcome == Outcome::MissedTarget,
                r.outcome == Outcome::MissedMinimum,
                r.value.is_none(),
            )
        })
        .count();
    Some(counted as u32)
}
