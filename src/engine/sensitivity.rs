//! Which term moves the money most: every numeric term of an offer moved down and up, the offer
//! billed again each time, the terms ranked by the swing of the net over the term (a tornado).
//!
//! How far a term moves depends on what it counts:
//!
//! - an amount, a rate, a percentage, a volume: down and up by `pct` percent of its value
//!   (10 % by default): a fee of 1,000 goes to 900 and 1,100;
//! - a threshold or target in a KPI's unit (answer time in seconds, a percentage KPI): by a
//!   step in that unit, because 10 % of a 99.9 % availability target is meaningless. The step
//!   is [`KpiSteps`]: 1 for a percentage KPI (a percentage point), 5 for seconds, 1 for any
//!   other unit, each of which can be set;
//! - a whole number (months, counts, points): by `pct` percent rounded to whole, at least 1.
//!
//! The edge between two tier bands is one number in a contract: band i's upper edge moves with
//! band i + 1's lower edge (listed once, under the upper edge).
//!
//! A term whose moved value makes the project invalid (a percentage above its range, a band edge
//! past the next, a negative count) is not billed at that value: it is listed as skipped with the
//! validation's reason, as is a term at zero (no percentage of it moves anything). Nothing is
//! hidden. The variants are billed in parallel (rayon); every amount stays an exact decimal.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use rust_decimal::Decimal;
use serde::Serialize;

use super::compare::npv;
use super::{FlagKind, evaluate};
use crate::model::terms::{NumericTerm, Unit, numeric_terms, set_value};
use crate::model::validate::validate;
use crate::model::{BandField, Field, Project, Scenario, TermPath};

/// The step a threshold or target in a KPI's unit moves by, per unit name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KpiSteps {
    /// Steps by KPI unit ("%", "s").
    pub by_unit: BTreeMap<String, Decimal>,
    /// The step for a unit not listed.
    pub other: Decimal,
}

impl Default for KpiSteps {
    /// 1 percentage point for "%", 5 for seconds ("s"), 1 for any other unit.
    fn default() -> Self {
        let by_unit = [("%", Decimal::ONE), ("s", Decimal::from(5))]
            .into_iter()
            .map(|(u, s)| (u.to_owned(), s))
            .collect();
        KpiSteps {
            by_unit,
            other: Decimal::ONE,
        }
    }
}

impl KpiSteps {
    /// The step for a KPI counted in `unit`.
    pub fn step(&self, unit: &str) -> Decimal {
        self.by_unit.get(unit).copied().unwrap_or(self.other)
    }
}

/// How far each term is moved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Moves {
    /// The percentage amounts, rates, percentages and volumes move by, down and up.
    pub pct: Decimal,
    /// The steps thresholds and targets in a KPI's unit move by.
    pub kpi_steps: KpiSteps,
}

impl Default for Moves {
    /// ±10 %, and the default [`KpiSteps`].
    fn default() -> Self {
        Moves {
            pct: Decimal::TEN,
            kpi_steps: KpiSteps::default(),
        }
    }
}

/// One term moved down and up, with what the offer costs at each end.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Swing {
    /// The term's address, in words: `charge "calls" / band 2 rate`.
    pub term: String,
    /// The typed address, for the app to open the term's editor.
    pub path: TermPath,
    /// What the value counts ("%", "EUR", "s").
    pub unit: String,
    /// Its value in the offer.
    pub value: Decimal,
    /// The value moved down.
    pub low: Decimal,
    /// The value moved up.
    pub high: Decimal,
    /// The net over the term with the term at `low`.
    pub net_low: Decimal,
    /// The net over the term with the term at `high`.
    pub net_high: Decimal,
    /// The NPV with the term at `low`.
    pub npv_low: Decimal,
    /// The NPV with the term at `high`.
    pub npv_high: Decimal,
    /// |net_high − net_low|: what the ranking sorts on.
    pub swing: Decimal,
    /// |npv_high − npv_low|.
    pub npv_swing: Decimal,
}

/// A term that could not be moved, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skipped {
    /// The term's address, in words.
    pub term: String,
    /// The typed address.
    pub path: TermPath,
    /// Its value in the offer.
    pub value: Decimal,
    /// Why it was not moved (the validation message of the moved value, or that it is zero).
    pub reason: String,
}

/// An offer's tornado: every numeric term's swing, largest first, and the terms skipped.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sensitivity {
    /// The offer's name.
    pub scenario: String,
    /// How far the terms were moved.
    pub moves: Moves,
    /// The offer's net over the term as it stands.
    pub net: Decimal,
    /// The offer's NPV as it stands.
    pub npv: Decimal,
    /// The terms moved, by swing in net (then in NPV), largest first.
    pub swings: Vec<Swing>,
    /// The terms not moved, in the order of operations.
    pub skipped: Vec<Skipped>,
}

/// Bills variants of one offer of a project, each checked against the project's rules first:
/// what sensitivity and the grids share.
pub(crate) struct Variants<'a> {
    /// The project without its offers: each variant is validated alone in it.
    bare: Project,
    project: &'a Project,
    /// The validation problems of the offer as it stands, which a variant may keep.
    known: BTreeSet<String>,
}

/// What one variant of an offer bills: net, NPV and credits over the term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Billed {
    /// What the customer pays over the term.
    pub net: Decimal,
    /// The NPV of the monthly nets.
    pub npv: Decimal,
    /// Service credits over the term, after caps.
    pub credits: Decimal,
}

impl<'a> Variants<'a> {
    /// Variants of `scenario` in `project`.
    pub(crate) fn new(project: &'a Project, scenario: &Scenario) -> Self {
        let bare = Project {
            scenarios: Vec::new(),
            ..project.clone()
        };
        let mut this = Variants {
            bare,
            project,
            known: BTreeSet::new(),
        };
        this.known = this.problems(scenario).into_iter().collect();
        this
    }

    fn problems(&self, scenario: &Scenario) -> Vec<String> {
        let mut alone = self.bare.clone();
        alone.scenarios.push(scenario.clone());
        validate(&alone).iter().map(ToString::to_string).collect()
    }

    /// `scenario` with each term of `changes` set, billed; or why it cannot be (the first new
    /// validation problem, or a value the term cannot hold).
    pub(crate) fn bill(
        &self,
        scenario: &Scenario,
        changes: &[(&TermPath, Decimal)],
    ) -> Result<Billed, String> {
        let mut variant = scenario.clone();
        for (path, value) in changes {
            set_value(self.project, &mut variant, path, *value).map_err(|e| e.to_string())?;
        }
        if let Some(problem) =
            (self.problems(&variant).into_iter()).find(|p| !self.known.contains(p))
        {
            return Err(problem);
        }
        let ledger = evaluate(self.project, &variant);
        if let Some(flag) = (ledger.flags.iter()).find(|f| f.kind == FlagKind::OutOfRange) {
            return Err(flag.message.clone());
        }
        Ok(Billed {
            net: ledger.totals.net,
            npv: npv(self.project, &ledger),
            credits: ledger.totals.credits,
        })
    }
}

/// The values `term` is moved down and up to, by the rules of the module's doc.
pub fn moved(term: &NumericTerm, moves: &Moves) -> (Decimal, Decimal) {
    let by = match &term.unit {
        Unit::Kpi(unit) => moves.kpi_steps.step(unit),
        _ if term.whole => (term.value * moves.pct / Decimal::ONE_HUNDRED)
            .abs()
            .round()
            .max(Decimal::ONE),
        _ => (term.value * moves.pct / Decimal::ONE_HUNDRED).abs(),
    };
    ((term.value - by).normalize(), (term.value + by).normalize())
}

/// The tornado of `scenario`: each numeric term moved by `moves`, billed, ranked by swing.
pub fn sensitivity(project: &Project, scenario: &Scenario, moves: &Moves) -> Sensitivity {
    let variants = Variants::new(project, scenario);
    let ledger = evaluate(project, scenario);
    let terms = numeric_terms(project, scenario);
    let results: Vec<Result<Swing, Skipped>> = terms
        .par_iter()
        .map(|term| swing(&variants, project, scenario, (term, &terms), moves))
        .collect();
    let (mut swings, mut skipped) = (Vec::new(), Vec::new());
    for result in results {
        match result {
            Ok(s) => swings.push(s),
            Err(s) => skipped.push(s),
        }
    }
    // Stable: equal swings keep the order of operations.
    swings.sort_by(|a, b| b.swing.cmp(&a.swing).then(b.npv_swing.cmp(&a.npv_swing)));
    Sensitivity {
        scenario: scenario.name.clone(),
        moves: moves.clone(),
        net: ledger.totals.net,
        npv: npv(project, &ledger),
        swings,
        skipped,
    }
}

/// The other side of a tier band edge: band i's upper edge and band i + 1's lower edge are one
/// number in a contract (the bands meet there), so they move together. `Some` when `term` is
/// one of a pair that meets, with whether it is the lower edge of the upper band.
fn shared_edge<'t>(
    term: &NumericTerm,
    terms: &'t [NumericTerm],
) -> Option<(&'t NumericTerm, bool)> {
    let (i, lower) = match term.path.field {
        Some(Field::Band(i, BandField::To)) => (i + 1, false),
        Some(Field::Band(i, BandField::From)) => (i.checked_sub(1)?, true),
        _ => return None,
    };
    let part = if lower {
        BandField::To
    } else {
        BandField::From
    };
    let path = term.path.component.clone().field(Field::Band(i, part));
    let other = terms.iter().find(|t| t.path == path)?;
    (other.value == term.value).then_some((other, lower))
}

fn swing(
    variants: &Variants<'_>,
    project: &Project,
    scenario: &Scenario,
    (term, terms): (&NumericTerm, &[NumericTerm]),
    moves: &Moves,
) -> Result<Swing, Skipped> {
    let skip = |reason: String| Skipped {
        term: term.path.to_string(),
        path: term.path.clone(),
        value: term.value,
        reason,
    };
    let (low, high) = moved(term, moves);
    if low == high {
        return Err(skip("it is 0: a percentage of it moves nothing".to_owned()));
    }
    let edge = shared_edge(term, terms);
    if let Some((other, true)) = edge {
        return Err(skip(format!(
            "the same edge as {}: moved with it",
            other.path
        )));
    }
    let at = |v: Decimal| {
        let mut changes = vec![(&term.path, v)];
        changes.extend(edge.map(|(other, _)| (&other.path, v)));
        variants
            .bill(scenario, &changes)
            .map_err(|why| skip(format!("at {v}: {why}")))
    };
    let (down, up) = (at(low)?, at(high)?);
    Ok(Swing {
        term: term.path.to_string(),
        path: term.path.clone(),
        unit: term.unit.suffix(&project.currency),
        value: term.value,
        low,
        high,
        net_low: down.net,
        net_high: up.net,
        npv_low: down.npv,
        npv_high: up.npv,
        swing: (up.net - down.net).abs(),
        npv_swing: (up.npv - down.npv).abs(),
    })
}
