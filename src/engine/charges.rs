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
use super::rerate::prices_by_year;
use super::{Flag, Line, Rounder, Stage, TermMonth};
use crate::model::{ChargeScope, IndexationMethod, Project, Scenario};

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
    let factors: Vec<_> = (scenario.indexation.iter().enumerate())
        .map(|(c, ix)| index_factors(project, c, ix, inputs, &mut book.flags))
        .collect();
    let prices = prices_by_year(scenario, &factors);
    let mut caps = ChargeCapUsage::new(scenario.charge_caps.len());
    for at in &months {
        let year = at.contract_year as usize - 1;
        let mut lines = Vec::new();
        match prices.as_ref().and_then(|p| p.get(year)) {
            Some(priced) => {
                for p in priced {
                    let from = lines.len();
                    base_lines(
                        &mut lines,
                        &mut book.flags,
                        &p.charge,
                        at.month,
                        inputs,
                        rounder,
                    );
                    if let Some(note) = &p.note {
                        for line in &mut lines[from..] {
                            line.explanation = format!("{} ({note})", line.explanation);
                        }
                    }
                }
            }
            None => {
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
            }
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
        for (c, ix) in scenario.indexation.iter().enumerate() {
            if ix.method != IndexationMethod::Line {
                continue;
            }
            if let Some(f) = factors[c].get(year)
                && f.cumulative != Decimal::ONE
            {
                index_lines(&mut lines, scenario, (c, ix), f.cumulative, &f.why, rounder);
            }
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
