//! Pure functions over the model: a scenario billed month by month over the contract term, on
//! its history and projection.
//!
//! [`evaluate`] is the whole engine: charges for the term first (they never depend on
//! service), then each month's service levels, credits, caps, bonuses and earn-back, in the
//! order of operations of design §2.4. Every line is rounded when it is made, by the project's
//! [`crate::model::Rounding`]; caps apply to sums of rounded lines.
//!
//! One file per contract term, so that a term's name leads to its file:
//!
//! | Term | File |
//! |---|---|
//! | The charge side's month loop | `charges.rs` |
//! | Fixed fees and unit rates | `base_charges.rs` |
//! | Tiers (graduated, all-units, fixed fee by band) | `tiers.rs` |
//! | Resource adjustment (ARC/RRC, change control) | `resource_adjustment.rs` |
//! | Minimum commitment (take-or-pay) | `minimums.rs` |
//! | Indexation | `indexation.rs` |
//! | Charge caps | `charge_caps.rs` |
//! | The service side's month loop | `credits.rs` |
//! | Measurement (windows, missing data, outcome) | `measurement.rs` |
//! | Credit rules (fixed %, table, points, per step, allocation) | `credit_rules.rs` |
//! | Credit caps (per service level, month, year, term) | `credit_caps.rs` |
//! | At-risk pool | `at_risk.rs` |
//! | Bonuses | `bonuses.rs` |
//! | Earn-back | `earn_back.rs` |
//! | Continuous improvement | `improvement.rs` |
//! | Termination triggers | `triggers.rs` |
//! | Milestones and their delay credits | `milestones.rs` |
//! | Performance reviews: each service level since the last review | `reviews.rs` |
//! | Rounding | `rounding.rs` |
//! | Limits shared by caps (amount or % of charges) | `limits.rs` |
//! | Offers compared: totals, NPV, cheapest | `compare.rs` |
//! | What changed between two offers | `diff.rs` |
//! | Which term moves the money most (tornado) | `sensitivity.rs` |
//! | Two terms over a grid of values | `grid.rs` |
//! | The volume at which two offers cross | `breakeven.rs` |
//! | Contact-centre staffing by Erlang C (the provider's side) | `staffing.rs` |
//! | Cost of delivery, margin, cost of a target, pricing (the provider's side) | `cost/` |

mod at_risk;
mod base_charges;
mod bonuses;
pub mod breakeven;
mod charge_caps;
mod charges;
pub mod compare;
pub mod cost;
mod credit_caps;
mod credit_rules;
mod credits;
pub mod diff;
mod earn_back;
pub mod grid;
mod improvement;
mod indexation;
mod inputs;
pub mod ledger;
mod limits;
mod measurement;
pub mod milestones;
mod minimums;
mod rerate;
mod resource_adjustment;
pub mod reviews;
pub mod risk;
mod rounding;
pub mod sensitivity;
pub mod staffing;
pub mod structure;
mod tiers;
mod triggers;
pub mod why;

pub use compare::npv;
pub use credit_rules::{ordinal, repeat_window_misses};
pub use ledger::*;
pub use rounding::DEFAULT_IMPROVED_TARGET;
pub use tiers::{band_reached, tier_amount};
pub use triggers::firings;

use rust_decimal::Decimal;

use crate::model::{Project, Scenario, YearMonth};
pub(crate) use rounding::Rounder;

/// A month of the term placed in its contract year: what the month loops and the annual terms
/// (take-or-pay, annual caps, anniversaries) need to know about where they are.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TermMonth {
    /// The calendar month.
    pub month: YearMonth,
    /// Its position in the term, 0-based.
    pub index: usize,
    /// Position of the first month of its contract year.
    pub year_start: usize,
    /// The contract year, 1-based.
    pub contract_year: u32,
    /// Whether it closes its contract year (the 12th month, or the last of the term).
    pub last_of_year: bool,
    /// Whether it is the last month of the term.
    pub last_of_term: bool,
}

impl TermMonth {
    /// Every month of the project's term, in order.
    pub(crate) fn all(project: &Project) -> Vec<TermMonth> {
        let months: Vec<YearMonth> = project.months().collect();
        let n = months.len();
        months
            .into_iter()
            .enumerate()
            .map(|(index, month)| TermMonth {
                month,
                index,
                year_start: index - (index % 12),
                contract_year: month.contract_year(project.start).unwrap_or(1),
                last_of_year: index % 12 == 11 || index + 1 == n,
                last_of_term: index + 1 == n,
            })
            .collect()
    }

    /// Whether the month opens a contract year (an anniversary, or the start).
    pub(crate) fn opens_year(&self) -> bool {
        self.index.is_multiple_of(12)
    }

    /// The contract year, 0-based: an index into per-year tables.
    pub(crate) fn year_index(&self) -> usize {
        self.index / 12
    }
}

/// Bills `scenario` month by month over the project's term, on its history and projection.
///
/// Pure and infallible: a reference to missing data is billed as zero and flagged, so a project
/// in the middle of an edit still has a ledger. A project with an input outside its documented
/// range ([`crate::model::limits`], checked by [`crate::model::validate::out_of_range`]) is not
/// billed at all: its ledger has no months and one [`FlagKind::OutOfRange`] flag per problem,
/// because inside those ranges the arithmetic cannot overflow and outside them it could.
pub fn evaluate(project: &Project, scenario: &Scenario) -> Ledger {
    let problems = crate::model::validate::out_of_range(project);
    if !problems.is_empty() {
        return out_of_range(project, scenario, problems);
    }
    let inputs = inputs::Inputs::new(project);
    if let Some(problem) = indexation::beyond_limit(project, scenario, &inputs) {
        return out_of_range(project, scenario, vec![problem]);
    }
    evaluate_on(project, scenario, &inputs)
}

/// The ledger of an offer that cannot be billed: no months, a flag per input out of range.
fn out_of_range(
    project: &Project,
    scenario: &Scenario,
    problems: Vec<crate::model::ValidationError>,
) -> Ledger {
    let flags = problems
        .into_iter()
        .map(|problem| Flag {
            period: project.start,
            kind: FlagKind::OutOfRange,
            component: problem.location.to_string(),
            term: problem.location.term_path().map(|t| t.component.clone()),
            message: problem.message,
        })
        .collect();
    Ledger {
        scenario: scenario.name.clone(),
        currency: project.currency.clone(),
        years: Vec::new(),
        totals: compare::totals_over(std::iter::empty::<&MonthLedger>()),
        months: Vec::new(),
        flags,
        earn_back: Vec::new(),
    }
}

/// [`evaluate`] with every KPI's observation in each month that is a key of `kpi_months` read
/// from the month it maps to: the one hook of the risk simulation ([`risk::trial`]), so that a
/// trial runs every mechanic exactly as `evaluate` does while volumes, indices and the
/// `projected` flag stay those of the project.
pub(crate) fn evaluate_with_kpi_months(
    project: &Project,
    scenario: &Scenario,
    kpi_months: &std::collections::BTreeMap<YearMonth, YearMonth>,
) -> Ledger {
    evaluate_on(
        project,
        scenario,
        &inputs::Inputs::with_kpi_months(project, kpi_months),
    )
}

fn evaluate_on(project: &Project, scenario: &Scenario, inputs: &inputs::Inputs<'_>) -> Ledger {
    let rounder = Rounder::new(project.rounding);
    let book = charges::bill(project, scenario, inputs, &rounder);
    let mut flags = book.flags;
    let settled = credits::settle(project, scenario, inputs, &rounder, book.months, &mut flags);
    // Stable: within a month, charge flags stay before service flags, each in the order raised.
    flags.sort_by_key(|f| f.period);
    Ledger {
        scenario: scenario.name.clone(),
        currency: project.currency.clone(),
        years: compare::contract_years(&settled.months),
        totals: compare::totals_over(&settled.months),
        months: settled.months,
        flags,
        earn_back: settled.earn_back,
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
/// explicit forecast, or its history grown at the forecast rate (rounded by
/// `rounding::projected_volume`, to 2 decimals). Empty for an unknown series.
pub fn projected_volumes(project: &Project, id: &str) -> Vec<(YearMonth, Decimal)> {
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
