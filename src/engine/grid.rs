//! Two terms at once: an offer billed over a grid of values of two of its numeric terms (for
//! example the abandonment target × its credit %, or the at-risk % × an allocation), the net or
//! the credits over the term at each point, with the offer's own point.
//!
//! Each axis runs from `from` to `to` in `steps` evenly spaced values, both ends included. A
//! whole-number term (months, counts) takes its values rounded to whole. A point whose values
//! make the project invalid is left empty with the reason, never billed. The points are billed
//! in parallel (rayon), in exact decimals.

use rayon::prelude::*;
use rust_decimal::Decimal;
use serde::Serialize;

use super::sensitivity::{Billed, Variants};
use crate::model::terms::numeric_terms;
use crate::model::{Project, Scenario, TermPath};

/// The most values one axis may take (a 200 × 200 grid is 40,000 bills).
pub const MAX_STEPS: usize = 200;

/// One axis of a grid: a term and the values it runs over.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Axis {
    /// The term.
    pub path: TermPath,
    /// The first value.
    pub from: Decimal,
    /// The last value.
    pub to: Decimal,
    /// How many values, both ends included (2 to [`MAX_STEPS`]).
    pub steps: usize,
}

/// What each point of the grid shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// What the customer pays over the term.
    #[default]
    Net,
    /// Service credits over the term (after caps).
    Credits,
}

/// Why a grid cannot be drawn.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GridError {
    /// An axis names a term the offer does not have.
    #[error("{0} is not a numeric term of this offer")]
    NoSuchTerm(String),
    /// Both axes name the same term.
    #[error("both axes are {0}; pick two different terms")]
    SameTerm(String),
    /// An axis has too few or too many steps.
    #[error("{term}: {steps} steps; an axis takes 2 to {max}", max = MAX_STEPS)]
    Steps {
        /// The term.
        term: String,
        /// The steps asked for.
        steps: usize,
    },
}

/// An offer billed over two terms' values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Grid {
    /// The offer's name.
    pub scenario: String,
    /// What the cells hold.
    pub measure: Measure,
    /// The term across (columns).
    pub x: String,
    /// The term down (rows).
    pub y: String,
    /// The values across.
    pub xs: Vec<Decimal>,
    /// The values down.
    pub ys: Vec<Decimal>,
    /// One row per value of `ys`, one cell per value of `xs`: the measure, or `None` where the
    /// values make the project invalid.
    pub cells: Vec<Vec<Option<Decimal>>>,
    /// The offer's own values of the two terms (x, y).
    pub current: (Decimal, Decimal),
    /// The measure at the offer's own values.
    pub current_value: Decimal,
    /// Why empty cells are empty: the first reason met, if any.
    pub invalid_reason: Option<String>,
}

/// The values of an axis; rounded to whole for a whole-number term.
pub fn axis_values(axis: &Axis, whole: bool) -> Vec<Decimal> {
    let last = Decimal::from(axis.steps.saturating_sub(1).max(1));
    (0..axis.steps)
        .map(|i| {
            let v = axis.from + (axis.to - axis.from) * Decimal::from(i) / last;
            if whole { v.round() } else { v.normalize() }
        })
        .collect()
}

/// `scenario` billed at every pair of values of the axes `x` and `y`.
pub fn grid(
    project: &Project,
    scenario: &Scenario,
    x: &Axis,
    y: &Axis,
    measure: Measure,
) -> Result<Grid, GridError> {
    let terms = numeric_terms(project, scenario);
    let find = |axis: &Axis| {
        if !(2..=MAX_STEPS).contains(&axis.steps) {
            return Err(GridError::Steps {
                term: axis.path.to_string(),
                steps: axis.steps,
            });
        }
        (terms.iter().find(|t| t.path == axis.path))
            .ok_or_else(|| GridError::NoSuchTerm(axis.path.to_string()))
    };
    let (tx, ty) = (find(x)?, find(y)?);
    if tx.path == ty.path {
        return Err(GridError::SameTerm(tx.path.to_string()));
    }
    let (xs, ys) = (axis_values(x, tx.whole), axis_values(y, ty.whole));
    let variants = Variants::new(project, scenario);
    let pick = |b: Billed| match measure {
        Measure::Net => b.net,
        Measure::Credits => b.credits,
    };
    let points: Vec<(usize, usize)> = (0..ys.len())
        .flat_map(|r| (0..xs.len()).map(move |c| (r, c)))
        .collect();
    let billed: Vec<Result<Decimal, String>> = points
        .par_iter()
        .map(|&(r, c)| {
            let changes = [(&x.path, xs[c]), (&y.path, ys[r])];
            variants.bill(scenario, &changes).map(&pick)
        })
        .collect();
    let mut cells = vec![vec![None; xs.len()]; ys.len()];
    let mut invalid_reason = None;
    for (&(r, c), result) in points.iter().zip(billed) {
        match result {
            Ok(v) => cells[r][c] = Some(v),
            Err(why) => {
                invalid_reason.get_or_insert(why);
            }
        }
    }
    let current = variants.bill(scenario, &[]).map(&pick).unwrap_or_default();
    Ok(Grid {
        scenario: scenario.name.clone(),
        measure,
        x: tx.path.to_string(),
        y: ty.path.to_string(),
        xs,
        ys,
        cells,
        current: (tx.value, ty.value),
        current_value: current,
        invalid_reason,
    })
}
