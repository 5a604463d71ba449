//! Indexation: charges moved each contract year by a published index, limited by a floor and
//! a cap, weighted by the indexed share, less productivity (design §2.2).
//!
//! Reading: year 1 is never indexed; year n reads the index `lag_months` before the n-th
//! anniversary against the value twelve months earlier; factors compound over the years; the
//! floor and cap limit the index change before the indexed share weighs it; productivity is
//! compounded with the indexed change or subtracted from it, as the clause says; a missing
//! index value leaves the year at the previous year's factor, flagged. An offer may have several
//! clauses (parts of its price on different indices, or at different shares); each computes its
//! own factors. By the line method each indexed component gets one line per clause, its
//! (factor − 1) × its base charges and adjustments; by the re-rating method (`rerate.rs`) the prices
//! themselves move at each anniversary. Minimums are not indexed.

use rust_decimal::Decimal;

use super::charges::in_scope;
use super::inputs::Inputs;
use super::{Flag, FlagKind, Line, Rounder, Stage};
use crate::format::{format_money as money, format_number as number};
use crate::model::limits::MAX_INDEX_FACTOR;
use crate::model::{
    Component, Indexation, Location, ProductivityCombination, Project, Scenario, ValidationError,
};

/// A clause's factor for one contract year.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct YearFactor {
    /// The factor since the start of the term: what an indexation line applies.
    pub cumulative: Decimal,
    /// This year's own factor (1 when the index is missing): what re-rating applies to last
    /// year's prices.
    pub year: Decimal,
    /// How the year's factor was made, in words (empty for year 1).
    pub why: String,
}

/// The factors of clause `ix` (the offer's clause `clause`) for each contract year (year 1 =
/// 1), with their explanation; a missing index value is flagged.
pub(crate) fn index_factors(
    project: &Project,
    clause: usize,
    ix: &Indexation,
    inputs: &Inputs<'_>,
    flags: &mut Vec<Flag>,
) -> Vec<YearFactor> {
    let years = project.term_months.div_ceil(12) as usize;
    let hundred = Decimal::ONE_HUNDRED;
    let mut out = vec![YearFactor {
        cumulative: Decimal::ONE,
        year: Decimal::ONE,
        why: String::new(),
    }];
    let mut cumulative = Decimal::ONE;
    for year in 2..=years {
        let anniversary = project.start.plus(12 * (year as i32 - 1));
        let now_month = anniversary.plus(-(ix.lag_months as i32));
        let then_month = now_month.plus(-12);
        let (Some(now), Some(then)) = (
            inputs.index(&ix.index, now_month),
            inputs.index(&ix.index, then_month),
        ) else {
            flags.push(Flag {
                period: anniversary,
                kind: FlagKind::MissingData,
                component: ix.index.clone(),
                term: Some(Component::Indexation(clause)),
                message: format!(
                    "No value of index \"{}\" for {then_month} or {now_month}: year {year} not indexed",
                    ix.index
                ),
            });
            out.push(YearFactor {
                cumulative,
                year: Decimal::ONE,
                why: format!("year {year}: index missing, not indexed"),
            });
            continue;
        };
        let change = (now / then - Decimal::ONE) * hundred;
        let mut clamped = change;
        if let Some(floor) = ix.floor_pct {
            clamped = clamped.max(floor);
        }
        if let Some(cap) = ix.cap_pct {
            clamped = clamped.min(cap);
        }
        let indexed = clamped * ix.indexed_share_pct / hundred;
        let p = ix.productivity_pct;
        let factor = match ix.productivity {
            ProductivityCombination::Compounded => {
                (Decimal::ONE + indexed / hundred) * (Decimal::ONE - p / hundred)
            }
            ProductivityCombination::Additive => Decimal::ONE + (indexed - p) / hundred,
        };
        // Saturates: a factor past any bound is refused by `beyond_limit` before billing.
        cumulative = cumulative.checked_mul(factor).unwrap_or(Decimal::MAX);
        let clamp_note = if clamped != change {
            format!(", limited to {}%", number(clamped.round_dp(4)))
        } else {
            String::new()
        };
        let productivity = if p.is_zero() {
            String::new()
        } else {
            let how = match ix.productivity {
                ProductivityCombination::Compounded => "compounded",
                ProductivityCombination::Additive => "additive",
            };
            format!(", less {}% productivity ({how})", number(p))
        };
        out.push(YearFactor {
            cumulative,
            year: factor,
            why: format!(
                "year {year}: index {} / {} = {:+}%{clamp_note}, × {}% indexed share{productivity}; cumulative factor {}",
                number(now),
                number(then),
                change.round_dp(2),
                number(ix.indexed_share_pct),
                cumulative.round_dp(6)
            ),
        });
    }
    out
}

/// The problem, if the indexation of `scenario` multiplies charges by more than
/// [`MAX_INDEX_FACTOR`] (or less than its negative) in some contract year: such an offer is
/// not billed, since its amounts could pass what exact arithmetic holds.
pub(crate) fn beyond_limit(
    project: &Project,
    scenario: &Scenario,
    inputs: &Inputs<'_>,
) -> Option<ValidationError> {
    scenario.indexation.iter().enumerate().find_map(|(c, ix)| {
        let factors = index_factors(project, c, ix, inputs, &mut Vec::new());
        let (year, factor) = (factors.iter().enumerate())
            .find(|(_, f)| f.cumulative.abs() > MAX_INDEX_FACTOR)
            .map(|(year, f)| (year, f.cumulative))?;
        let shown = if factor == Decimal::MAX {
            "beyond any bound".to_owned()
        } else {
            number(factor.round_dp(2))
        };
        Some(ValidationError {
            location: Location::Scenario {
                scenario: scenario.name.clone(),
                term: Some(Component::Indexation(c).into()),
            },
            message: format!(
                "the indexation multiplies charges by {shown} by contract year {}, more than the {MAX_INDEX_FACTOR} times a contract may reach; check the index series and the floor and cap",
                year + 1
            ),
        })
    })
}

/// One indexation line per component that clause `clause` (`ix`) indexes: (factor − 1) × its
/// base charges and adjustments.
pub(crate) fn index_lines(
    lines: &mut Vec<Line>,
    scenario: &Scenario,
    (clause, ix): (usize, &Indexation),
    factor: Decimal,
    why: &str,
    rounder: &Rounder,
) {
    for charge in &scenario.charges {
        if !in_scope(&ix.applies_to, &charge.id) {
            continue;
        }
        let base: Decimal = lines
            .iter()
            .filter(|l| l.stage < Stage::Minimum && l.component == charge.id)
            .map(|l| l.amount)
            .sum();
        if base.is_zero() {
            continue;
        }
        let explanation = format!(
            "Indexation of {} ({}): ({} − 1) × {}",
            charge.name,
            why,
            factor.round_dp(6),
            money(base, rounder.decimals)
        );
        lines.push(rounder.line(
            Stage::Indexation,
            Component::Indexation(clause),
            &charge.id,
            (factor - Decimal::ONE) * base,
            explanation,
        ));
    }
}
