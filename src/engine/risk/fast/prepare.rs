//! What every trial shares, billed once by the engine's own functions and kept in minor units:
//! the charges, the regime's cap limits, the bonuses' amounts and limits, the triggers, and
//! (in [`super::levels`]) each service level's measurements and credits.

use std::collections::HashMap;

use rust_decimal::{Decimal, RoundingStrategy};

use super::levels::{Budget, Level, MonthFacts, level, measurements};
use super::sums::{Memoryless, split};
use super::{MAX_CREDIT_CELLS, MAX_MEASUREMENTS, Prepared, Unsupported, minor, whole_limit};
use crate::engine::charges::{bill, scoped_sum, yearly_sums};
use crate::engine::inputs::Inputs;
use crate::engine::limits::{limit_amount, percent_of};
use crate::engine::risk::{Plan, Watched};
use crate::engine::{FlagKind, Line, Rounder, TermMonth, at_risk};
use crate::model::{Bonus, Project, Rate, Scenario, TerminationTrigger};

/// The regime's caps on a month's credits, in the order they apply.
pub(super) struct Regime {
    /// Per month: the first cap's limit (the at-risk pool or the monthly cap, the lower).
    pub month_limit: Vec<Option<i128>>,
    /// Per month: the caps the first cap marks when it binds.
    pub month_mask: Vec<u128>,
    /// Per contract year: the annual cap's limit.
    pub annual: Option<Vec<i128>>,
    /// The caps the annual cap marks.
    pub annual_mask: u128,
    /// The term cap's limit.
    pub term: Option<i128>,
    /// The caps the term cap marks.
    pub term_mask: u128,
    /// The regime's minimum credit issued, floored to whole minor units.
    pub minimum_credit: Option<i128>,
    /// Per contract year: the aggregate bonus cap's limit.
    pub bonus_cap: Option<Vec<i128>>,
    /// The caps the aggregate bonus cap marks.
    pub bonus_cap_mask: u128,
}

/// One bonus, precomputed.
pub(super) struct BonusPlan {
    /// The service level whose value earns it, and its bit in that level's classes.
    pub level: Option<(usize, u32)>,
    /// The service levels whose miss withholds it.
    pub gates: Vec<usize>,
    /// Per month: the amount earned, rounded.
    pub amount: Vec<i128>,
    /// Per contract year: the annual cap's limit.
    pub limit: Option<Vec<i128>>,
    /// The caps its annual cap marks when it binds.
    pub mask: u128,
}

/// One termination trigger, precomputed.
pub(super) enum TriggerPlan {
    /// The service level (if any has the id) misses its minimum `months` months running.
    Minimum {
        /// Its index in the offer's service levels.
        level: Option<usize>,
        /// The streak that fires it.
        months: u32,
    },
    /// The month's first cap reached `times` in `window` months.
    Cap {
        /// Months with the cap reached.
        times: u32,
        /// The rolling window.
        window: u32,
    },
}

/// The caps of `watched` named `id`: the set a flag of that component marks.
fn mask(watched: &Watched, id: &str) -> u128 {
    (watched.caps.iter().enumerate())
        .filter(|(_, c)| *c == id)
        .fold(0, |m, (i, _)| m | 1 << i)
}

/// `amount` in minor units, or the term's amounts are out of the kernel's range.
fn to_minor(amount: Decimal, dp: u32) -> Result<i128, Unsupported> {
    minor(amount, dp).ok_or(Unsupported::TooLarge)
}

/// Refuses fixed cap amounts with more decimals than the currency.
fn check_whole(scenario: &Scenario, dp: u32) -> Result<(), Unsupported> {
    let r = &scenario.credit_regime;
    whole_limit(r.monthly_cap.as_ref(), dp, "the monthly credit cap")?;
    whole_limit(r.annual_cap.as_ref(), dp, "the annual credit cap")?;
    whole_limit(r.term_cap.as_ref(), dp, "the term credit cap")?;
    whole_limit(r.bonus_cap.as_ref(), dp, "the aggregate bonus cap")?;
    for sl in &scenario.service_levels {
        whole_limit(sl.cap.as_ref(), dp, &format!("the credit cap of {}", sl.id))?;
    }
    for b in &scenario.bonuses {
        whole_limit(
            b.annual_cap.as_ref(),
            dp,
            &format!("the annual cap of {}", b.id),
        )?;
    }
    Ok(())
}

/// Precomputes `scenario` (see [`super::prepare`]).
pub(super) fn build(
    project: &Project,
    scenario: &Scenario,
    plan: &Plan,
    watched: &Watched,
) -> Result<Prepared, Unsupported> {
    let rounder = Rounder::new(project.rounding);
    let dp = rounder.decimals;
    check_whole(scenario, dp)?;
    let book = bill(project, scenario, &Inputs::new(project), &rounder);
    let months = TermMonth::all(project);
    let regime = &scenario.credit_regime;
    let regime_base: Vec<Decimal> = (book.months.iter())
        .map(|l| scoped_sum(l, &regime.base))
        .collect();
    let pools: Vec<Option<Decimal>> = (regime_base.iter())
        .map(|b| at_risk::pool(regime, *b, &rounder))
        .collect();
    let simulated: HashMap<_, _> = (plan.simulated.iter())
        .enumerate()
        .map(|(j, m)| (*m, j as u32))
        .collect();
    let facts = MonthFacts {
        months: &months,
        simulated: &simulated,
        pool: &plan.pool,
        at_risk: &pools,
        points_rate: regime.points_rate.as_ref(),
        rounder: &rounder,
    };
    let levels = levels(project, scenario, &facts, &book.months, watched)?;
    let bonuses = (scenario.bonuses.iter())
        .map(|b| bonus(scenario, b, &book.months, watched, &rounder))
        .collect::<Result<Vec<_>, _>>()?;
    let gross = (book.months.iter())
        .map(|lines| to_minor(lines.iter().map(|l| l.amount).sum(), dp))
        .collect::<Result<Vec<_>, _>>()?;
    let mut charge_caps = vec![0_u128; months.len().div_ceil(12)];
    for flag in book.flags.iter().filter(|f| f.kind == FlagKind::CapBinding) {
        if let Some(at) = months.iter().find(|m| m.month == flag.period) {
            charge_caps[at.year_index()] |= mask(watched, &flag.component);
        }
    }
    let read = read_levels(scenario, &bonuses);
    let mut prepared = Prepared {
        months: months.len(),
        pool: plan.pool.len(),
        dp,
        plan: plan.clone(),
        regime: regime_caps(
            scenario,
            &book.months,
            &regime_base,
            &pools,
            watched,
            &rounder,
        )?,
        triggers: triggers(scenario)?,
        levels,
        memoryless: Memoryless {
            months: Vec::new(),
            entries: Vec::new(),
            stateful: Vec::new(),
        },
        bonuses,
        gross,
        charge_caps,
        rounder,
    };
    bounded(&prepared)?;
    // After the bound: no sum of credits can overflow.
    prepared.memoryless = split(&prepared.levels, &read, prepared.months, prepared.pool);
    Ok(prepared)
}

/// Which service levels a bonus (its level or a gate) or a minimum-miss trigger reads: their
/// outcomes are needed month by month.
fn read_levels(scenario: &Scenario, bonuses: &[BonusPlan]) -> Vec<bool> {
    let mut read = vec![false; scenario.service_levels.len()];
    for b in bonuses {
        let level = b.level.map(|(l, _)| l);
        level
            .into_iter()
            .chain(b.gates.iter().copied())
            .for_each(|l| read[l] = true);
    }
    // An offer with an escalation step never gets here (`supports` refuses it).
    for t in triggers(scenario).unwrap_or_default() {
        if let TriggerPlan::Minimum { level: Some(l), .. } = t {
            read[l] = true;
        }
    }
    read
}

/// Every service level's tables and credits.
fn levels(
    project: &Project,
    scenario: &Scenario,
    facts: &MonthFacts<'_>,
    charges: &[Vec<Line>],
    watched: &Watched,
) -> Result<Vec<Level>, Unsupported> {
    let mut budget = Budget {
        measurements: MAX_MEASUREMENTS,
        cells: MAX_CREDIT_CELLS,
    };
    let mut needed: u64 = 0;
    for sl in &scenario.service_levels {
        needed = needed.saturating_add(measurements(project, sl, facts));
        if needed > budget.measurements {
            return Err(Unsupported::Window(sl.id.clone(), needed));
        }
    }
    let mut out = Vec::with_capacity(scenario.service_levels.len());
    for (s, sl) in scenario.service_levels.iter().enumerate() {
        let bases: Vec<Decimal> = (charges.iter())
            .map(|l| scoped_sum(l, &sl.credit_base))
            .collect();
        let thresholds: Vec<Decimal> = (scenario.bonuses.iter())
            .filter(|b| bonus_level(scenario, b) == Some(s))
            .map(|b| b.threshold)
            .collect();
        if thresholds.len() > 64 {
            return Err(Unsupported::TooMany);
        }
        let mut level = level(project, sl, facts, &bases, &thresholds, &mut budget)?;
        if sl.cap.is_some() {
            level.cap_mask = mask(watched, &sl.id);
        }
        out.push(level);
    }
    Ok(out)
}

/// The service level a bonus reads: the first with its id, as the engine finds it.
fn bonus_level(scenario: &Scenario, bonus: &Bonus) -> Option<usize> {
    (scenario.service_levels.iter()).position(|sl| sl.id == bonus.service_level)
}

/// One bonus's amounts, limits and gates.
fn bonus(
    scenario: &Scenario,
    b: &Bonus,
    charges: &[Vec<Line>],
    watched: &Watched,
    rounder: &Rounder,
) -> Result<BonusPlan, Unsupported> {
    let dp = rounder.decimals;
    let level = bonus_level(scenario, b).map(|s| {
        let before = (scenario.bonuses.iter())
            .take_while(|other| !std::ptr::eq(*other, b))
            .filter(|other| bonus_level(scenario, other) == Some(s))
            .count();
        (s, before as u32)
    });
    let amount = (charges.iter())
        .map(|lines| {
            let exact = match &b.amount {
                Rate::Amount(a) => *a,
                Rate::PctOfBase(p) => percent_of(scoped_sum(lines, &b.base), *p),
            };
            to_minor(rounder.round(exact), dp)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let limit = match &b.annual_cap {
        Some(cap) => Some(
            (yearly_sums(charges, &b.base).iter())
                .map(|base| to_minor(limit_amount(cap, *base, rounder), dp))
                .collect::<Result<Vec<_>, _>>()?,
        ),
        None => None,
    };
    let gates = (scenario.service_levels.iter().enumerate())
        .filter(|(_, sl)| b.gated_by.contains(&sl.id))
        .map(|(s, _)| s)
        .collect();
    Ok(BonusPlan {
        level,
        gates,
        amount,
        limit,
        mask: if b.annual_cap.is_some() {
            mask(watched, &b.id)
        } else {
            0
        },
    })
}

/// The regime's caps: each month's first cap, each year's annual cap, the term cap.
fn regime_caps(
    scenario: &Scenario,
    charges: &[Vec<Line>],
    regime_base: &[Decimal],
    pools: &[Option<Decimal>],
    watched: &Watched,
    rounder: &Rounder,
) -> Result<Regime, Unsupported> {
    let regime = &scenario.credit_regime;
    let dp = rounder.decimals;
    let mut month_limit = Vec::with_capacity(charges.len());
    let mut month_mask = Vec::with_capacity(charges.len());
    for (base, pool) in regime_base.iter().zip(pools) {
        let monthly = (regime.monthly_cap.as_ref()).map(|l| limit_amount(l, *base, rounder));
        let step = at_risk::month_cap(regime, *pool, monthly);
        month_limit.push(step.left.map(|l| to_minor(l, dp)).transpose()?);
        month_mask.push(mask(watched, step.id));
    }
    let year_base = yearly_sums(charges, &regime.base);
    let annual = match &regime.annual_cap {
        Some(cap) => Some(
            (year_base.iter())
                .map(|b| to_minor(limit_amount(cap, *b, rounder), dp))
                .collect::<Result<Vec<_>, _>>()?,
        ),
        None => None,
    };
    let bonus_cap = match &regime.bonus_cap {
        Some(cap) => Some(
            (year_base.iter())
                .map(|b| to_minor(limit_amount(cap, *b, rounder), dp))
                .collect::<Result<Vec<_>, _>>()?,
        ),
        None => None,
    };
    let term_base: Decimal = year_base.iter().copied().sum();
    let term = (regime.term_cap.as_ref())
        .map(|l| to_minor(limit_amount(l, term_base, rounder), dp))
        .transpose()?;
    Ok(Regime {
        month_limit,
        month_mask,
        annual,
        annual_mask: mask(watched, "annual_cap"),
        term,
        term_mask: mask(watched, "term_cap"),
        // Credits are whole minor units: at or below the minimum is at or below its floor.
        minimum_credit: (regime.minimum_credit)
            .map(|m| {
                to_minor(
                    m.round_dp_with_strategy(dp, RoundingStrategy::ToNegativeInfinity),
                    dp,
                )
            })
            .transpose()?,
        bonus_cap,
        bonus_cap_mask: mask(watched, "bonus_cap"),
    })
}

/// The offer's triggers, each with the service level it watches found as the engine finds it;
/// an escalation ladder's step is left to the full engine.
fn triggers(scenario: &Scenario) -> Result<Vec<TriggerPlan>, Unsupported> {
    (scenario.triggers.iter())
        .map(|t| {
            Ok(match t {
                TerminationTrigger::ConsecutiveMinimumMisses {
                    service_level,
                    months,
                } => TriggerPlan::Minimum {
                    level: (scenario.service_levels.iter()).position(|sl| &sl.id == service_level),
                    months: *months,
                },
                TerminationTrigger::CapReached {
                    times,
                    window_months,
                } => TriggerPlan::Cap {
                    times: *times,
                    window: *window_months,
                },
                TerminationTrigger::Escalation { .. } => return Err(Unsupported::Escalation),
            })
        })
        .collect()
}

/// Refuses a term whose amounts, summed without regard to sign, reach 2^95 minor units: below
/// that no sum the kernel forms overflows, and every total converts back to a `Decimal`.
fn bounded(p: &Prepared) -> Result<(), Unsupported> {
    let bound: i128 = 1 << 95;
    let mut total: i128 = 0;
    let mut add = |v: i128| -> Result<(), Unsupported> {
        total = total
            .checked_add(v.checked_abs().ok_or(Unsupported::TooLarge)?)
            .filter(|t| *t < bound)
            .ok_or(Unsupported::TooLarge)?;
        Ok(())
    };
    for i in 0..p.months {
        add(p.gross[i])?;
        for level in &p.levels {
            let n = level.info.len();
            let most = |credits: &[i128]| credits[i * n..(i + 1) * n].iter().copied().max();
            add(most(&level.credit).unwrap_or(0))?;
            if let Some(points) = &level.points {
                add(most(&points.doubled).unwrap_or(0))?;
            }
        }
        for b in &p.bonuses {
            add(b.amount[i])?;
        }
    }
    Ok(())
}
