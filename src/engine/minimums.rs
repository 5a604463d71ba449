//! Minimum commitment (take-or-pay): a spend or volume the customer commits to per month or
//! per contract year, and the share of any shortfall billed (design §2.2).
//!
//! Reading: a spend commitment counts the base charges and volume adjustments in its scope
//! (not indexation, not another minimum's shortfall); an annual commitment is settled in the
//! last month of the contract year and is prorated when the term cuts the year short; an
//! annual minimum does not count a monthly minimum's shortfall billed in the same year; a
//! commitment exactly met bills nothing.

use rust_decimal::Decimal;

use super::charges::in_scope;
use super::inputs::Inputs;
use super::{Line, Rounder, Stage, TermMonth};
use crate::format::{format_money as money, format_number as number};
use crate::model::{ChargeScope, CommitmentBasis, CommitmentPeriod, Component, MinimumCommitment};

/// What a commitment counted in its period against what was committed.
struct Shortfall {
    /// Spend or units counted.
    counted: Decimal,
    /// Spend or units committed (prorated for a short year).
    committed: Decimal,
    /// The price per unit of shortfall, for a volume commitment.
    unit_rate: Option<Decimal>,
}

/// Adds a line for each minimum of `minimums` short in month `at`. `year` holds every earlier
/// month of its contract year's lines, `months` the whole term.
pub(crate) fn minimum_lines(
    lines: &mut Vec<Line>,
    minimums: &[MinimumCommitment],
    year: &[Vec<Line>],
    months: &[TermMonth],
    at: &TermMonth,
    inputs: &Inputs<'_>,
    rounder: &Rounder,
) {
    for min in minimums {
        let Some(s) = counted(min, lines, year, months, at, inputs) else {
            continue;
        };
        let shortfall = (s.committed - s.counted).max(Decimal::ZERO);
        if shortfall.is_zero() {
            continue;
        }
        let line = shortfall_line(min, &s, shortfall, at.contract_year, rounder);
        lines.push(line);
    }
}

/// What `min` counts and commits in month `at`; `None` when it is not settled this month.
fn counted(
    min: &MinimumCommitment,
    lines: &[Line],
    year: &[Vec<Line>],
    months: &[TermMonth],
    at: &TermMonth,
    inputs: &Inputs<'_>,
) -> Option<Shortfall> {
    // Share of the annual commitment due: the term may cut the last year short.
    let prorated = |amount: Decimal| {
        let months_in_year = Decimal::from(at.index - at.year_start + 1);
        amount * months_in_year / Decimal::from(12)
    };
    Some(match (&min.basis, min.period) {
        (CommitmentBasis::Spend { amount, applies_to }, CommitmentPeriod::Monthly) => Shortfall {
            counted: pre_minimum_sum(lines, applies_to),
            committed: *amount,
            unit_rate: None,
        },
        (CommitmentBasis::Spend { amount, applies_to }, CommitmentPeriod::Annual) => {
            if !at.last_of_year {
                return None;
            }
            let earlier: Decimal = year.iter().map(|l| pre_minimum_sum(l, applies_to)).sum();
            Shortfall {
                counted: earlier + pre_minimum_sum(lines, applies_to),
                committed: prorated(*amount),
                unit_rate: None,
            }
        }
        (
            CommitmentBasis::Volume {
                volume,
                units,
                rate,
            },
            period,
        ) => {
            let volume_in = |m| inputs.volume(volume, m).unwrap_or_default();
            match period {
                CommitmentPeriod::Monthly => Shortfall {
                    counted: volume_in(at.month),
                    committed: *units,
                    unit_rate: Some(*rate),
                },
                CommitmentPeriod::Annual => {
                    if !at.last_of_year {
                        return None;
                    }
                    Shortfall {
                        counted: months[at.year_start..=at.index]
                            .iter()
                            .map(|m| volume_in(m.month))
                            .sum(),
                        committed: prorated(*units),
                        unit_rate: Some(*rate),
                    }
                }
            }
        }
    })
}

/// The line billing `shortfall_pct` of `min`'s shortfall.
fn shortfall_line(
    min: &MinimumCommitment,
    s: &Shortfall,
    shortfall: Decimal,
    contract_year: u32,
    rounder: &Rounder,
) -> Line {
    let pct = min.shortfall_pct;
    let period = match min.period {
        CommitmentPeriod::Monthly => "this month".to_owned(),
        CommitmentPeriod::Annual => format!("contract year {contract_year}"),
    };
    let (exact, explanation) = match s.unit_rate {
        None => (
            shortfall * pct / Decimal::ONE_HUNDRED,
            format!(
                "{}: spend {} in {period} is {} short of the {} minimum; {}% of the shortfall billed",
                min.name,
                money(s.counted, rounder.decimals),
                money(shortfall, rounder.decimals),
                money(s.committed, rounder.decimals),
                number(pct)
            ),
        ),
        Some(rate) => (
            shortfall * rate * pct / Decimal::ONE_HUNDRED,
            format!(
                "{}: volume {} in {period} is {} short of the {} minimum; × {} × {}%",
                min.name,
                number(s.counted),
                number(shortfall),
                number(s.committed),
                number(rate),
                number(pct)
            ),
        ),
    };
    rounder.line(
        Stage::Minimum,
        Component::Minimum(min.id.clone()),
        &min.id,
        exact,
        explanation,
    )
}

/// Base charges and volume adjustments of `lines` in `scope`: what a minimum commitment counts.
fn pre_minimum_sum(lines: &[Line], scope: &ChargeScope) -> Decimal {
    lines
        .iter()
        .filter(|l| l.stage < Stage::Minimum && in_scope(scope, &l.component))
        .map(|l| l.amount)
        .sum()
}
