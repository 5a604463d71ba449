//! The provider's side: what delivering an offer costs, and its margin against the ledger.
//!
//! Each month of the term, the contacts of the cost model's volume series (history, then the
//! projection the engine bills on) are spread over the month's open intervals by the arrival
//! profile ([`spread`]), each interval is staffed by Erlang C to the offer's answer-time
//! target (`staff.rs`, cached by identical intervals), and the scheduled agents' paid hours are
//! costed. Hours are counted exactly (whole agent-minutes); money is exact until one named
//! step, `month_cost`, rounds the month's cost to the currency's decimals by the contract's
//! rule. Margin = the ledger's net − cost, so it is exact in cents too.
//!
//! - `spread.rs`: a month's contacts over its intervals, on the real calendar;
//! - `staff.rs`: one interval's agents, for "X % within T s" or an average speed of answer;
//! - `target.rs`: the cost of a target (delivery cost and credits over a range of targets);
//! - `price.rs`: the price that reaches a target margin.

mod price;
mod spread;
mod staff;
mod target;

use rust_decimal::Decimal;
use serde::Serialize;

pub use price::{PriceError, PriceLever, Priced, price};
pub use spread::{MonthSpread, Slot, spread};
pub use staff::Agents;
pub use target::{TargetPoint, TargetSweep, cost_of_target, default_targets};

use super::staffing::StaffingError;
use super::{Ledger, Rounder};
use crate::model::provider::{AnswerTarget, LabourCost, ProviderModel};
use crate::model::{Project, Scenario, YearMonth};

/// Why an offer's cost cannot be computed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CostError {
    /// The offer has no cost model.
    #[error(
        "offer \"{0}\" has no cost model; add one (`cost_model` in the offer, Cost & margin in the app)"
    )]
    NoCostModel(String),
    /// The cost model has a problem (the first one found).
    #[error("{0}")]
    Invalid(String),
    /// An interval cannot be staffed (its traffic is too large, or the target out of range).
    #[error("{month}, interval {interval}: {source}")]
    Staffing {
        /// The month.
        month: YearMonth,
        /// The interval's start, `HH:MM`.
        interval: String,
        /// Why.
        source: StaffingError,
    },
}

/// What delivering one month costs, beside what the offer bills for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthCost {
    /// The month.
    pub period: YearMonth,
    /// Contacts in the month (the cost model's volume series summed).
    pub contacts: Decimal,
    /// Open intervals: open days × intervals of the day.
    pub intervals: u32,
    /// Hours agents spend available for contacts: productive agents × interval length.
    pub productive_hours: Decimal,
    /// Paid hours: scheduled agents × interval length.
    pub paid_hours: Decimal,
    /// Productive hours in full-time agents (÷ hours per FTE), to 2 decimals, for reading.
    pub productive_fte: Decimal,
    /// Paid hours in full-time agents, to 2 decimals, for reading.
    pub scheduled_fte: Decimal,
    /// The month's cost: labour with overhead, and fixed costs, rounded once.
    pub cost: Decimal,
    /// What the offer bills for the month (the ledger's net).
    pub net: Decimal,
    /// Net − cost.
    pub margin: Decimal,
    /// Margin as a percentage of net, to 2 decimals; `None` when the net is 0.
    pub margin_pct: Option<Decimal>,
}

/// The totals of the months.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct CostTotals {
    /// Contacts.
    pub contacts: Decimal,
    /// Open intervals.
    pub intervals: u64,
    /// Productive hours.
    pub productive_hours: Decimal,
    /// Paid hours.
    pub paid_hours: Decimal,
    /// Cost (the sum of the months' rounded costs).
    pub cost: Decimal,
    /// Net billed.
    pub net: Decimal,
    /// Net − cost.
    pub margin: Decimal,
    /// Margin as a percentage of net, to 2 decimals; `None` when the net is 0.
    pub margin_pct: Option<Decimal>,
}

/// An offer's cost and margin over the term.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostReport {
    /// The offer.
    pub scenario: String,
    /// The contract currency.
    pub currency: String,
    /// The target the intervals were staffed to (the offer's service level's, when the cost
    /// model names one the offer has).
    pub answer: AnswerTarget,
    /// Month by month.
    pub months: Vec<MonthCost>,
    /// Over the term.
    pub totals: CostTotals,
}

/// The cost side of a month: hours and cost, before the ledger is read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Delivery {
    /// The month.
    pub period: YearMonth,
    /// Contacts.
    pub contacts: Decimal,
    /// Open intervals.
    pub intervals: u32,
    /// Productive agent-minutes (exact).
    pub productive_minutes: u64,
    /// Paid agent-minutes (exact).
    pub paid_minutes: u64,
    /// The month's cost, rounded by `month_cost`.
    pub cost: Decimal,
}

/// `scenario`'s cost and margin month by month, against its ledger (see [`super::evaluate`]).
pub fn cost(project: &Project, scenario: &Scenario) -> Result<CostReport, CostError> {
    let ledger = super::evaluate(project, scenario);
    cost_with_ledger(project, scenario, &ledger)
}

/// [`cost`] against a ledger already evaluated for `scenario` (the app has it).
pub fn cost_with_ledger(
    project: &Project,
    scenario: &Scenario,
    ledger: &Ledger,
) -> Result<CostReport, CostError> {
    let model = checked_model(project, scenario)?;
    let answer = model.answer_for(scenario);
    let delivery = delivery(project, model, answer)?;
    let months: Vec<MonthCost> = delivery
        .iter()
        .map(|d| {
            let net = ledger
                .month(d.period)
                .map_or(Decimal::ZERO, |m| m.totals.net);
            month_row(model, d, net)
        })
        .collect();
    let totals = totals(&months);
    Ok(CostReport {
        scenario: scenario.name.clone(),
        currency: project.currency.clone(),
        answer,
        months,
        totals,
    })
}

/// The offer's cost model, if it has one without problems.
pub fn checked_model<'a>(
    project: &Project,
    scenario: &'a Scenario,
) -> Result<&'a ProviderModel, CostError> {
    let model = (scenario.cost_model.as_ref())
        .ok_or_else(|| CostError::NoCostModel(scenario.name.clone()))?;
    match crate::model::validate::provider_problems(project, scenario)
        .into_iter()
        .next()
    {
        Some(problem) => Err(CostError::Invalid(problem.message)),
        None => Ok(model),
    }
}

/// The cost side of every month of the term, staffed to `answer`.
pub fn delivery(
    project: &Project,
    model: &ProviderModel,
    answer: AnswerTarget,
) -> Result<Vec<Delivery>, CostError> {
    let inputs = super::inputs::Inputs::new(project);
    let rounder = Rounder::new(project.rounding);
    let mut staffer = staff::Staffer::new(model, answer);
    let minutes = u64::from(model.profile.interval_minutes);
    project
        .months()
        .map(|period| {
            let contacts: Decimal = (model.contacts.iter())
                .filter_map(|id| inputs.volume(id, period))
                .sum();
            let month = spread(&model.profile, period, contacts);
            let (mut productive_minutes, mut paid_minutes) = (0u64, 0u64);
            for slot in &month.slots {
                let agents =
                    staffer
                        .agents(slot.contacts)
                        .map_err(|source| CostError::Staffing {
                            month: period,
                            interval: model.profile.interval_label(slot.interval),
                            source,
                        })?;
                let slot_minutes = minutes * u64::from(slot.days);
                productive_minutes += agents.productive * slot_minutes;
                paid_minutes += agents.scheduled * slot_minutes;
            }
            Ok(Delivery {
                period,
                contacts,
                intervals: month.open_intervals,
                productive_minutes,
                paid_minutes,
                cost: month_cost(model, paid_minutes, &rounder),
            })
        })
        .collect()
}

/// The one rounding step of the cost: labour for `paid_minutes` (at the hourly rate, or per
/// FTE by the hours of an FTE), raised by the overhead, plus the fixed costs, rounded to the
/// currency's decimals by the contract's rule. Everything before it is exact.
pub(crate) fn month_cost(model: &ProviderModel, paid_minutes: u64, rounder: &Rounder) -> Decimal {
    let minutes = Decimal::from(paid_minutes);
    let sixty = Decimal::from(60);
    let labour = match model.labour {
        LabourCost::PerPaidHour(rate) => minutes * rate / sixty,
        LabourCost::PerFte(rate) => minutes * rate / (sixty * model.fte_hours_per_month),
    };
    let with_overhead = labour * (Decimal::ONE_HUNDRED + model.overhead_pct) / Decimal::ONE_HUNDRED;
    rounder.round(with_overhead + model.fixed_monthly)
}

/// A month's row: hours and FTE from the exact minutes, and the margin against `net`.
fn month_row(model: &ProviderModel, d: &Delivery, net: Decimal) -> MonthCost {
    let hours = |minutes: u64| Decimal::from(minutes) / Decimal::from(60);
    let fte = |minutes: u64| (hours(minutes) / model.fte_hours_per_month).round_dp(2);
    MonthCost {
        period: d.period,
        contacts: d.contacts,
        intervals: d.intervals,
        productive_hours: hours(d.productive_minutes),
        paid_hours: hours(d.paid_minutes),
        productive_fte: fte(d.productive_minutes),
        scheduled_fte: fte(d.paid_minutes),
        cost: d.cost,
        net,
        margin: net - d.cost,
        margin_pct: margin_pct(net - d.cost, net),
    }
}

/// Margin as a percentage of net, to 2 decimals (half away from zero); `None` for no net.
pub fn margin_pct(margin: Decimal, net: Decimal) -> Option<Decimal> {
    (!net.is_zero()).then(|| {
        (margin * Decimal::ONE_HUNDRED / net)
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    })
}

fn totals(months: &[MonthCost]) -> CostTotals {
    let mut t = CostTotals::default();
    for m in months {
        t.contacts += m.contacts;
        t.intervals += u64::from(m.intervals);
        t.productive_hours += m.productive_hours;
        t.paid_hours += m.paid_hours;
        t.cost += m.cost;
        t.net += m.net;
    }
    t.margin = t.net - t.cost;
    t.margin_pct = margin_pct(t.margin, t.net);
    t
}
