//! The charge side of the invoice, month by month: base charges, volume adjustments, minimum
//! commitments, indexation and charge caps, in that order (design §2.2, §2.4). Charges never
//! depend on service credits, so they are computed for the whole term first.
//!
//! Each mechanic has its own file; this one holds the month loop and the charge scopes that
//! minimums, indexation, caps and credit bases all read.

use rust_decimal::Decimal;

use super::base_charges::base_lines;
use super::charge_caps::ChargeCapUsage;
use super::indexation::{index_factors, index_lines};
use super::inputs::Inputs;
use super::minimums::minimum_lines;
use super::{Flag, Line, Rounder, Stage, TermMonth};
use crate::model::{ChargeScope, Project, Scenario};

/// The charge lines of every month of the term, and the flags raised on the way.
pub(crate) struct ChargeBook {
    /// Lines per month, in term order.
    pub months: Vec<Vec<Line>>,
    /// Change control, missing volumes, charge caps reached or binding.
    pub flags: Vec<Flag>,
}

/// Whether a line of `component` counts in `scope`.
pub(crate) fn in_scope(scope: &ChargeScope, component: &str) -> bool {
    match scope {
        ChargeScope::AllCharges => true,
        ChargeScope::Components(ids) => ids.iter().any(|id| id == component),
    }
}

/// The sum of the charge and adjustment lines of `lines` that count in `scope`.
pub(crate) fn scoped_sum(lines: &[Line], scope: &ChargeScope) -> Decimal {
    lines
        .iter()
        .filter(|l| l.stage < Stage::Credit && in_scope(scope, &l.component))
        .map(|l| l.amount)
        .sum()
}

/// The sums of `scope`'s charge and adjustment lines per contract year of `months` (the
/// term's lines, month by month): what an annual cap in percent of charges reads.
pub(crate) fn yearly_sums(months: &[Vec<Line>], scope: &ChargeScope) -> Vec<Decimal> {
    let mut years = vec![Decimal::ZERO; months.len().div_ceil(12)];
    for (i, lines) in months.iter().enumerate() {
        years[i / 12] += scoped_sum(lines, scope);
    }
    years
}

/// Bills the charges of `scenario` for every month of the term.
pub(crate) fn bill(
    project: &Project,
    scenario: &Scenario,
    inputs: &Inputs<'_>,
    rounder: &Rounder,
) -> ChargeBook {
    let months = TermMonth::all(project);
    let mut book = ChargeBook {
        months: Vec::with_capacity(months.len()),
        flags: Vec::new(),
    };
    // Index factors first: their flags fall on anniversaries, ahead of each month's own flags.
    let factors = scenario
        .indexation
        .as_ref()
        .map(|ix| index_factors(project, ix, inputs, &mut book.flags))
        .unwrap_or_default();
    let mut caps = ChargeCapUsage::new(scenario.charge_caps.len());
    for at in &months {
        let mut lines = Vec::new();
        for charge in &scenario.charges {
            base_lines(
                &mut lines,
                &mut book.flags,
                charge,
                at.month,
                inputs,
                rounder,
            );
        }
        // Minimum commitments read the base charges and volume adjustments.
        let year_so_far = &book.months[at.year_start..at.index];
        minimum_lines(
            &mut lines,
            &scenario.minimums,
            year_so_far,
            &months,
            at,
            inputs,
            rounder,
        );
        if let (Some(ix), Some((factor, why))) = (
            &scenario.indexation,
            factors.get(at.contract_year as usize - 1),
        ) && *factor != Decimal::ONE
        {
            index_lines(&mut lines, scenario, ix, *factor, why, rounder);
        }
        caps.apply(
            &scenario.charge_caps,
            &mut lines,
            &mut book.flags,
            at,
            rounder,
        );
        book.months.push(lines);
    }
    book
}
