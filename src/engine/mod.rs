//! Pure functions over the model: one month's invoice, replay over history, projection.

pub mod ledger;

pub use ledger::*;

use rust_decimal::Decimal;

use crate::model::{Project, Scenario};

/// Bills `scenario` month by month over the project's term, on its history and projection.
///
/// Pure and infallible: a reference to missing data is billed as zero and flagged, so a project
/// in the middle of an edit still has a ledger.
pub fn evaluate(project: &Project, scenario: &Scenario) -> Ledger {
    // Placeholder until the engine lands: an empty ledger with the right shape.
    Ledger {
        scenario: scenario.name.clone(),
        currency: project.currency.clone(),
        months: Vec::new(),
        flags: Vec::new(),
        earn_back: Vec::new(),
        years: Vec::new(),
        totals: Totals::default(),
    }
}

/// The net present value of the ledger's monthly nets at the project's annual discount rate,
/// each month discounted from the contract start; rounded by the project's rule.
pub fn npv(project: &Project, ledger: &Ledger) -> Decimal {
    let _ = (project, ledger);
    Decimal::ZERO
}
