//! Pure functions over the model: a scenario billed month by month over the contract term, on
//! its history and projection.
//!
//! [`evaluate`] is the whole engine: charges for the term first (they never depend on
//! service), then each month's service levels, credits, caps, bonuses and earn-back, in the
//! order of operations of design §2.4. Every line is rounded when it is made, by the project's
//! [`crate::model::Rounding`]; caps apply to sums of rounded lines.

mod charges;
mod credits;
mod inputs;
pub mod ledger;
pub mod risk;
mod service_levels;

pub use charges::{band_reached, tier_amount};
pub use ledger::*;

use rust_decimal::prelude::MathematicalOps;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::model::{Project, Rounding, RoundingRule, Scenario};

/// Rounds amounts at the one named step where lines are made.
pub(crate) struct Rounder {
    strategy: RoundingStrategy,
    /// Decimal places of the currency.
    pub decimals: u32,
}

impl Rounder {
    pub(crate) fn new(rounding: Rounding) -> Self {
        Self {
            strategy: match rounding.rule {
                RoundingRule::HalfAwayFromZero => RoundingStrategy::MidpointAwayFromZero,
                RoundingRule::HalfEven => RoundingStrategy::MidpointNearestEven,
            },
            decimals: rounding.decimals,
        }
    }

    /// `exact` rounded to the currency's decimals by the contract's rule.
    pub(crate) fn round(&self, exact: Decimal) -> Decimal {
        exact.round_dp_with_strategy(self.decimals, self.strategy)
    }

    /// A ledger line, rounded now.
    pub(crate) fn line(
        &self,
        stage: Stage,
        component: &str,
        exact: Decimal,
        explanation: String,
    ) -> Line {
        Line {
            kind: stage.kind(),
            stage,
            component: component.to_owned(),
            exact,
            amount: self.round(exact),
            explanation,
        }
    }
}

/// Bills `scenario` month by month over the project's term, on its history and projection.
///
/// Pure and infallible: a reference to missing data is billed as zero and flagged, so a project
/// in the middle of an edit still has a ledger.
pub fn evaluate(project: &Project, scenario: &Scenario) -> Ledger {
    evaluate_on(project, scenario, &inputs::Inputs::new(project))
}

/// [`evaluate`] with every KPI's observation in each month that is a key of `kpi_months` read
/// from the month it maps to: the one hook of the risk simulation ([`risk::trial`]), so that a
/// trial runs every mechanic exactly as `evaluate` does while volumes, indices and the
/// `projected` flag stay those of the project.
pub(crate) fn evaluate_with_kpi_months(
    project: &Project,
    scenario: &Scenario,
    kpi_months: &std::collections::BTreeMap<crate::model::YearMonth, crate::model::YearMonth>,
) -> Ledger {
    evaluate_on(
        project,
        scenario,
        &inputs::Inputs::with_kpi_months(project, kpi_months),
    )
}

fn evaluate_on(project: &Project, scenario: &Scenario, inputs: &inputs::Inputs) -> Ledger {
    let rounder = Rounder::new(project.rounding);
    let book = charges::bill(project, scenario, inputs, &rounder);
    let mut flags = book.flags;
    let settled = credits::settle(project, scenario, inputs, &rounder, book.months, &mut flags);
    flags.sort_by_key(|f| f.period);
    let mut years: Vec<PeriodTotals> = Vec::new();
    let mut totals = Totals::default();
    for month in &settled.months {
        totals.add(&month.totals);
        match years.last_mut() {
            Some(year) if year.contract_year == month.contract_year => {
                year.last = month.period;
                year.totals.add(&month.totals);
            }
            _ => years.push(PeriodTotals {
                contract_year: month.contract_year,
                first: month.period,
                last: month.period,
                totals: month.totals,
            }),
        }
    }
    Ledger {
        scenario: scenario.name.clone(),
        currency: project.currency.clone(),
        months: settled.months,
        flags,
        earn_back: settled.earn_back,
        years,
        totals,
    }
}

/// Every scenario of the project evaluated, in project order.
pub fn evaluate_all(project: &Project) -> Vec<Ledger> {
    project
        .scenarios
        .iter()
        .map(|s| evaluate(project, s))
        .collect()
}

/// The volumes the engine bills on for the months of the term after the series' history: its
/// explicit forecast, or its history grown at the forecast rate (rounded to 2 decimals).
/// Empty for an unknown series.
pub fn projected_volumes(project: &Project, id: &str) -> Vec<(crate::model::YearMonth, Decimal)> {
    let Some(series) = project.volume(id) else {
        return Vec::new();
    };
    let inputs = inputs::Inputs::new(project);
    let after = series.history.keys().next_back().copied();
    project
        .start
        .through(project.end())
        .filter(|m| after.is_none_or(|last| *m > last))
        .filter_map(|m| inputs.volume(id, m).map(|v| (m, v)))
        .collect()
}

/// The net present value of the ledger's monthly nets at the project's annual discount rate:
/// month n of the term (1-based) is discounted by (1 + rate)^(n / 12), as if paid at its end.
/// Rounded by the project's rule.
pub fn npv(project: &Project, ledger: &Ledger) -> Decimal {
    let rounder = Rounder::new(project.rounding);
    let yearly = Decimal::ONE + project.discount_rate_pct / Decimal::ONE_HUNDRED;
    let monthly = if project.discount_rate_pct.is_zero() {
        Decimal::ONE
    } else {
        yearly.powd(Decimal::ONE / Decimal::from(12))
    };
    let mut discount = Decimal::ONE;
    let mut total = Decimal::ZERO;
    for month in &ledger.months {
        discount *= monthly;
        total += month.totals.net / discount;
    }
    rounder.round(total)
}
