//! The fast path of the simulation: the same trials as [`super::trial::run`], to the cent, in
//! integer minor units and without building a ledger.
//!
//! **Why it can be fast.** A trial changes only the KPI observations of the simulated months.
//! Charges never read a KPI, so they are billed once (`engine::charges`); so is every
//! amount that reads only charges (each service level's credit base, the at-risk pool, the
//! caps' limits, the bonuses' amounts). A service level's measurement in a month reads only the
//! observations of its window's months, so it is a function of the pool months drawn for the
//! simulated months in that window: it is computed once per combination, by the engine's own
//! `engine::measurement::measure`, and kept as a *class* (the outcome and what the credit,
//! earn-back floor and bonuses read of the value). A class's credit in a month, when due, is
//! computed once by the engine's own credit rule, rounding and service-level cap. What is left
//! for each trial is the state the engine carries from month to month (repeat rules, the
//! regime's caps per month, year and term, bonuses and their annual caps, earn-back, triggers)
//! over precomputed integers.
//!
//! **Exact by construction.** Every amount the kernel adds is one the engine rounded: a line
//! amount in minor units (units of 10^−decimals of the currency). The one product the engine
//! forms after the caps, earn-back's share of a capped credit, is formed in `Decimal` exactly as
//! the engine forms it. Amounts are `i128`, and [`prepare`] refuses a project whose term-long
//! sum of amounts could leave `Decimal`'s range (so no sum overflows and every total converts
//! back).
//!
//! **What it covers.** Credits of every rule (fixed %, table, at-risk allocation, per step,
//! service points with their doubling on a repeat), on any measurement window whose
//! combinations of draws stay within [`MAX_MEASUREMENTS`]; missing-data rules, minimum samples
//! and excluded months; repeat rules; service-level caps; the at-risk pool and the monthly,
//! annual and term caps; bonuses with their gates and annual caps; earn-back; both kinds of
//! trigger; every charge mechanic. It does not cover continuous improvement (a moved target
//! changes every later measurement), fixed cap amounts with more decimals than the currency,
//! or terms whose amounts could leave `Decimal`'s range: [`prepare`] says why, and the
//! simulation then runs every trial on the full engine. Results are the same either way.

mod kernel;
mod levels;
mod prepare;
mod sums;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::plan::Plan;
use crate::engine::Outcome;
use crate::model::{Limit, Project, Scenario};

pub use kernel::Scratch;

/// The most measurements [`prepare`] computes for one offer's tables: combinations of drawn
/// months per window, summed over the service levels. A rolling window of n months over a pool
/// of H months needs H^n of them (24^3 = 13,824); beyond this the full engine is quicker.
pub const MAX_MEASUREMENTS: u64 = 200_000;

/// The most (month, class) credits kept for one offer (about 17 bytes each, twice for service
/// points): the tables stay within tens of megabytes whatever the term and the pool.
const MAX_CREDIT_CELLS: u64 = 2_000_000;

/// Which path a simulation runs its trials on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Path {
    /// The fast path where the offer is supported, the full engine otherwise.
    #[default]
    Fast,
    /// Every trial on the full engine ([`super::trial::run`]): the reference.
    Reference,
}

/// Why the fast path does not cover an offer: its trials run on the full engine instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unsupported {
    /// Continuous improvement moves a target on the draws of the year before.
    #[error("service level {0} has continuous improvement: its target moves with the draws")]
    Improvement(String),
    /// A cap's amount has more decimals than the currency: the engine would carry fractions
    /// of a minor unit from month to month.
    #[error("{0} has more decimals than the currency")]
    NotWhole(String),
    /// The term's amounts could leave the range of exact decimal arithmetic.
    #[error("the term's amounts are too large for the integer kernel")]
    TooLarge,
    /// A window combines too many drawn months to precompute its measurements.
    #[error("service level {0}: its windows need {1} measurements, more than the fast path keeps")]
    Window(String, u64),
    /// An escalation ladder's step: its rolling window of misses is watched by the full engine.
    #[error("the offer has an escalation ladder, which the fast path does not watch")]
    Escalation,
    /// A milestone's delay credit: billed by the full engine, outside every credit cap.
    #[error("the offer has milestone delay credits, which the fast path does not bill")]
    DelayCredits,
    /// More caps or triggers than the kernel's flag sets hold.
    #[error(
        "the offer has more caps (at most 128) or triggers (at most 64) than the fast path holds"
    )]
    TooMany,
}

/// Whether the fast path covers `scenario` in its structure (a quick look, before any
/// precomputing: [`prepare`] may still refuse on amounts or window sizes).
pub fn supports(scenario: &Scenario) -> Result<(), Unsupported> {
    for sl in &scenario.service_levels {
        if sl.improvement.is_some() {
            return Err(Unsupported::Improvement(sl.id.clone()));
        }
    }
    if scenario.triggers.iter().any(|t| t.is_escalation()) {
        return Err(Unsupported::Escalation);
    }
    if scenario.milestones.iter().any(|m| m.delay_credit.is_some()) {
        return Err(Unsupported::DelayCredits);
    }
    if scenario.triggers.len() > 64 {
        return Err(Unsupported::TooMany);
    }
    Ok(())
}

/// Everything about an offer that is the same in every trial, in minor units: what a trial of
/// the fast path reads.
pub struct Prepared {
    /// The term's months.
    months: usize,
    /// The pool's size, H.
    pool: usize,
    /// Decimals of the currency.
    dp: u32,
    /// The plan, for each trial's draws.
    plan: Plan,
    /// Each service level's measurement tables and credits.
    levels: Vec<levels::Level>,
    /// The memoryless levels' credits summed per month and draw; the others' indices.
    memoryless: sums::Memoryless,
    /// The regime's caps.
    regime: prepare::Regime,
    /// Each bonus.
    bonuses: Vec<prepare::BonusPlan>,
    /// Each trigger.
    triggers: Vec<prepare::TriggerPlan>,
    /// Each month's charges and adjustments.
    gross: Vec<i128>,
    /// Per contract year: the caps (as a set of [`super::Watched::caps`] indices) that the
    /// charge side binds, the same in every trial.
    charge_caps: Vec<u128>,
    /// The engine's rounding, for earn-back's share of a capped credit.
    rounder: crate::engine::Rounder,
}

/// Precomputes `scenario` of `project` for the trials of `plan`, or says why the fast path
/// does not cover it.
pub fn prepare(
    project: &Project,
    scenario: &Scenario,
    plan: &Plan,
    watched: &super::Watched,
) -> Result<Prepared, Unsupported> {
    supports(scenario)?;
    if watched.caps.len() > 128 {
        return Err(Unsupported::TooMany);
    }
    prepare::build(project, scenario, plan, watched)
}

impl Prepared {
    /// The rows of `trial`, the same as [`super::trial::run`] gives: one per contract year.
    pub fn run(&self, trial: u64, scratch: &mut Scratch) -> Vec<super::TrialRow> {
        kernel::run(self, trial, scratch)
    }

    /// A scratch space for [`Prepared::run`], reused from trial to trial on one thread.
    pub fn scratch(&self) -> Scratch {
        Scratch::new(self)
    }
}

/// `amount` in minor units at `dp` decimals; `None` when it has a fraction of one or is out of
/// `Decimal`'s range once scaled.
fn minor(amount: Decimal, dp: u32) -> Option<i128> {
    let scaled = amount.checked_mul(Decimal::from(10_i64.checked_pow(dp)?))?;
    scaled.fract().is_zero().then(|| scaled.to_i128()).flatten()
}

/// A limit's amount in minor units where it is a fixed amount (a percentage is rounded by the
/// engine when read, so it is always whole); refuses an amount with more decimals than the
/// currency, naming it `what`.
fn whole_limit(limit: Option<&Limit>, dp: u32, what: &str) -> Result<(), Unsupported> {
    match limit {
        Some(Limit::Amount(a)) if minor(*a, dp).is_none() => {
            Err(Unsupported::NotWhole(what.to_owned()))
        }
        _ => Ok(()),
    }
}

/// `v` minor units as money at `dp` decimals.
fn money(v: i128, dp: u32) -> Decimal {
    // `prepare` bounds every sum of the term below 2^95, inside Decimal's 96-bit range.
    Decimal::try_from_i128_with_scale(v, dp).expect("prepare bounds every amount below 2^95")
}

/// An outcome as the kernel keeps it.
fn code(outcome: Outcome) -> u8 {
    match outcome {
        Outcome::Met => kernel::MET,
        Outcome::MissedTarget => kernel::MISSED_TARGET,
        Outcome::MissedMinimum => kernel::MISSED_MINIMUM,
        Outcome::NotMeasured | Outcome::Excluded => kernel::UNMEASURED,
    }
}
