//! The first pass: every row read into observations, one per metric with a value. A row with
//! any error contributes nothing, so that a half-read row never counts.

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use super::cells::{RatioError, ValueError, cell, read_period, read_plain, read_ratio, read_value};
use super::columns::{Columns, Resolved};
use super::report::{ProblemKind, Problems};
use crate::io::kpi_import::periods::Period;
use crate::io::kpi_import::table::{Cell, ImportError, PROGRESS_EVERY, Progress, RawTable};
use crate::io::kpi_import::values::Separator;
use crate::model::import_mapping::DateOrder;

/// One metric's value in one row, in the metric's stored unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Observation {
    /// The metric's index in [`Columns::metrics`].
    pub(super) metric: u32,
    /// The 1-based source row.
    pub(super) row: usize,
    pub(super) period: Period,
    pub(super) value: Decimal,
    /// A percent without `%` under `PercentScale::Auto`: scaled once the metric's scale is known.
    pub(super) unscaled: bool,
}

/// What the first pass found.
pub(super) struct Pass {
    /// The observations of the rows without errors, in row order.
    pub(super) observations: Vec<Observation>,
    /// Each observation's weight for a volume-weighted mean, alongside `observations`; empty
    /// when no metric is weighted (most files), so that a row costs no room for it.
    pub(super) weights: Vec<Decimal>,
    /// Long layout: by metric index, whether the metric's periods ever went back, so that it
    /// may repeat one (checked afterwards, see `checks::repeated_periods`).
    pub(super) out_of_order: Vec<bool>,
}

/// The first pass's state between rows.
struct Reader<'a> {
    table: &'a RawTable,
    file: &'a str,
    period_name: &'a str,
    sep: Separator,
    order: DateOrder,
    /// Wide layout: the row each period was first seen in.
    seen_rows: FxHashMap<Period, usize>,
    /// Long layout: by metric index, the latest period seen so far.
    latest: Vec<Option<Period>>,
    out_of_order: Vec<bool>,
}

/// Reads every row of `table`, reporting each unreadable cell; stops when `progress` is
/// cancelled.
pub(super) fn read_rows(
    table: &RawTable,
    columns: &mut Columns,
    (sep, order): (Separator, DateOrder),
    file: &str,
    problems: &mut Problems,
    progress: &Progress,
) -> Result<Pass, ImportError> {
    let mut reader = Reader {
        table,
        file,
        period_name: table.headers[columns.period].as_str(),
        sep,
        order,
        seen_rows: FxHashMap::default(),
        latest: Vec::new(),
        out_of_order: Vec::new(),
    };
    let mut observations = Vec::with_capacity(table.rows.len());
    let weighted = columns.metrics.iter().any(|m| m.weight.is_some());
    let mut weights = Vec::new();
    for (index, (row, cells)) in table.rows.iter().enumerate() {
        if index % PROGRESS_EVERY == 0 {
            if progress.is_cancelled() {
                return Err(ImportError::Cancelled {
                    file: file.to_owned(),
                });
            }
            progress.update(index as u64, index as u64);
        }
        let out = (&mut observations, weighted.then_some(&mut weights));
        reader.read_row(columns, *row, cells, problems, out)?;
    }
    Ok(Pass {
        observations,
        weights,
        out_of_order: reader.out_of_order,
    })
}

impl Reader<'_> {
    /// Reads one row into `out`, or nothing when the row has an error.
    fn read_row(
        &mut self,
        columns: &mut Columns,
        row: usize,
        cells: &[Cell],
        problems: &mut Problems,
        (out, mut weights): (&mut Vec<Observation>, Option<&mut Vec<Decimal>>),
    ) -> Result<(), ImportError> {
        let period_cell = cell(cells, columns.period);
        let Some(period) = read_period(period_cell, self.order) else {
            problems.add(
                Some(row),
                Some(self.period_name),
                Some(period_cell.to_string()),
                None,
                ProblemKind::UnparseablePeriod,
            );
            return Ok(());
        };
        let errors_before = problems.errors;
        let kept = out.len();
        let selected = if columns.long.is_some() {
            let found = columns.long_metric(self.table, self.file, row, cells, problems)?;
            found.map_or(0..0, |i| i..i + 1)
        } else {
            if let Some(&first_row) = self.seen_rows.get(&period) {
                problems.add(
                    Some(row),
                    Some(self.period_name),
                    Some(period_cell.to_string()),
                    None,
                    ProblemKind::DuplicatePeriod { first_row },
                );
                return Ok(());
            }
            self.seen_rows.insert(period, row);
            0..columns.metrics.len() as u32
        };
        for metric in selected {
            if columns.long.is_some() {
                self.note_order(metric as usize, period);
            }
            let m = &columns.metrics[metric as usize];
            let headers = &self.table.headers;
            if let Some((value, unscaled, weight)) =
                read_metric(m, cells, self.sep, row, headers, problems)
            {
                out.push(Observation {
                    metric,
                    row,
                    period,
                    value,
                    unscaled,
                });
                if let Some(weights) = weights.as_deref_mut() {
                    weights.push(weight);
                }
            }
        }
        if problems.errors != errors_before {
            out.truncate(kept);
            if let Some(weights) = weights {
                weights.truncate(kept);
            }
        }
        Ok(())
    }

    /// Long layout: periods usually come in order; only a metric whose periods go back can
    /// repeat one, and those are checked after this pass.
    fn note_order(&mut self, metric: usize, period: Period) {
        if self.latest.len() <= metric {
            self.latest.resize(metric + 1, None);
            self.out_of_order.resize(metric + 1, false);
        }
        if self.latest[metric].is_some_and(|l| period <= l) {
            self.out_of_order[metric] = true;
        } else {
            self.latest[metric] = Some(period);
        }
    }
}

/// Reads one metric's value, its percent flag and its weight from a row; a cell that cannot be
/// read is reported and gives `None`, as does an empty one (without a problem).
fn read_metric(
    m: &Resolved,
    cells: &[Cell],
    sep: Separator,
    row: usize,
    headers: &[String],
    problems: &mut Problems,
) -> Option<(Decimal, bool, Decimal)> {
    let metric = Some(m.mapping.metric.as_str());
    let value_cell = cell(cells, m.column);
    let read = match m.denominator {
        None => read_value(value_cell, m.mapping.kind, sep),
        Some(den) => match read_ratio(value_cell, cell(cells, den), m.mapping.kind, sep) {
            Ok(v) => Ok(v),
            Err(RatioError::Value(e)) => Err(e),
            Err(RatioError::Denominator(kind)) => {
                let text = cell(cells, den).to_string();
                problems.add(Some(row), Some(&headers[den]), Some(text), metric, kind);
                return None;
            }
        },
    };
    let (value, unscaled) = match read {
        Ok(v) => v,
        Err(ValueError::Missing) => return None,
        Err(ValueError::Bad(expected)) => {
            let text = Some(value_cell.to_string());
            let kind = ProblemKind::UnparseableValue { expected };
            problems.add(Some(row), Some(&m.column_name), text, metric, kind);
            return None;
        }
    };
    let weight = match m.weight {
        None => Decimal::ONE,
        Some(w) => match read_plain(cell(cells, w), sep) {
            Ok(w) if !w.is_sign_negative() => w,
            _ => {
                let text = Some(cell(cells, w).to_string());
                let kind = ProblemKind::UnparseableValue {
                    expected: "a weight (a number of 0 or more)",
                };
                problems.add(Some(row), Some(&headers[w]), text, metric, kind);
                return None;
            }
        },
    };
    Some((value, unscaled, weight))
}
