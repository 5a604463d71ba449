//! The report of an import: every problem found, with where it is and what to do, and the
//! outcome the caller decides on.

use std::collections::BTreeSet;
use std::fmt;

use rust_decimal::Decimal;

use super::MonthlySeries;
use crate::io::kpi_import::values::Separator;
use crate::model::YearMonth;
use crate::model::import_mapping::DateOrder;

/// At most this many problems are listed; the rest are only counted.
pub const MAX_LISTED_PROBLEMS: usize = 1000;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The row it names is left out of the series; the import must not be applied unless the
    /// user chooses to skip the bad rows.
    Error,
    /// Worth a look; the series is complete without it.
    Warning,
}

/// What is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// The value cell cannot be read as the metric's kind. Error.
    UnparseableValue {
        /// What the value should have been, such as "a number".
        expected: &'static str,
    },
    /// The period cell is not a month, a date or a date-time. Error.
    UnparseablePeriod,
    /// The same period (the same month in monthly data, the same date or time in daily or
    /// interval data) appears again for the same metric. The first row is kept. Error.
    DuplicatePeriod {
        /// The row where the period first appeared.
        first_row: usize,
    },
    /// A value lies outside the metric's allowed range. Error.
    OutOfRange {
        /// The value as stored (percent points, seconds).
        value: Decimal,
        /// The smallest allowed value.
        min: Option<Decimal>,
        /// The largest allowed value.
        max: Option<Decimal>,
    },
    /// The monthly total overflowed the decimal range. The month is left out. Error.
    Overflow {
        /// The month.
        month: YearMonth,
    },
    /// Months with no value between a metric's first and last month. Warning.
    Gap {
        /// The first missing month.
        from: YearMonth,
        /// The last missing month of this run.
        to: YearMonth,
    },
    /// A ratio's denominator is zero: the row has no value for the metric. Warning.
    DenominatorZero,
    /// A month's weights add up to zero: the month has no weighted mean. Warning.
    ZeroWeight {
        /// The month.
        month: YearMonth,
    },
    /// A long-format metric name that the mapping does not list; its rows are ignored. Warning.
    UnmappedMetric,
    /// A column of the file that the mapping does not read, and why. Warning: nothing in a
    /// file is left out without saying so.
    ColumnNotImported(NotImported),
}

/// Why a column of the file was not imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotImported {
    /// It has a name but no values.
    Empty,
    /// None of its cells is a number.
    Text,
    /// Some of its cells are not numbers: too many for the guess to take it as a KPI.
    SomeNotNumbers {
        /// How many non-empty cells are not numbers.
        bad: usize,
        /// How many non-empty cells it has.
        of: usize,
    },
    /// Its name has no letter or digit to make a metric id of.
    NoId,
    /// Its metric id is already another column's.
    IdTaken {
        /// The metric id.
        metric: String,
        /// The column that has it.
        column: String,
    },
    /// It holds numbers, but the mapping does not list it.
    NotMapped,
}

impl fmt::Display for NotImported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotImported::Empty => f.write_str("it has no values"),
            NotImported::Text => f.write_str("its values are text, not KPI values"),
            NotImported::SomeNotNumbers { bad, of } => write!(
                f,
                "{bad} of {of} cells are not numbers; map it explicitly to import it, and the bad cells are then listed"
            ),
            NotImported::NoId => f.write_str(
                "its name has no letter or digit to make a metric id of; map it to a metric id to import it",
            ),
            NotImported::IdTaken { metric, column } => write!(
                f,
                "its metric id \"{metric}\" is column \"{column}\"'s already; map it to another metric id to import it"
            ),
            NotImported::NotMapped => {
                f.write_str("the mapping does not list it; add it to the mapping to import it")
            }
        }
    }
}

/// One problem found in the file, with where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProblem {
    /// The file name.
    pub file: String,
    /// The 1-based source row, when the problem is in one row.
    pub row: Option<usize>,
    /// The column, when the problem is in one column.
    pub column: Option<String>,
    /// The cell's text, when the problem is in one cell.
    pub value: Option<String>,
    /// The metric id concerned, if any.
    pub metric: Option<String>,
    /// What is wrong.
    pub kind: ProblemKind,
}

impl ImportProblem {
    /// Whether the problem blocks applying the import.
    pub fn severity(&self) -> Severity {
        match self.kind {
            ProblemKind::UnparseableValue { .. }
            | ProblemKind::UnparseablePeriod
            | ProblemKind::DuplicatePeriod { .. }
            | ProblemKind::OutOfRange { .. }
            | ProblemKind::Overflow { .. } => Severity::Error,
            ProblemKind::Gap { .. }
            | ProblemKind::DenominatorZero
            | ProblemKind::ZeroWeight { .. }
            | ProblemKind::UnmappedMetric
            | ProblemKind::ColumnNotImported(_) => Severity::Warning,
        }
    }
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(row) = self.row {
            write!(f, " row {row}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column \"{column}\"")?;
        }
        f.write_str(": ")?;
        let value = self.value.as_deref().unwrap_or_default();
        let metric = self.metric.as_deref().unwrap_or_default();
        match &self.kind {
            ProblemKind::UnparseableValue { expected } => {
                write!(
                    f,
                    "\"{value}\" is not {expected}; fix the cell or choose Skip bad rows"
                )
            }
            ProblemKind::UnparseablePeriod => write!(
                f,
                "\"{value}\" is not a month or a date (such as 2024-03 or 2024-03-15); fix the cell or choose Skip bad rows"
            ),
            ProblemKind::DuplicatePeriod { first_row } => write!(
                f,
                "\"{value}\" repeats the period of row {first_row}; delete one of the two rows or choose Skip bad rows"
            ),
            ProblemKind::OutOfRange { value: v, min, max } => {
                let range = match (min, max) {
                    (Some(min), Some(max)) => format!("{min} to {max}"),
                    (Some(min), None) => format!("at least {min}"),
                    (None, Some(max)) => format!("at most {max}"),
                    (None, None) => "any value".to_owned(),
                };
                write!(
                    f,
                    "\"{value}\" is {v}, outside the allowed range {range} for {metric}; fix the cell, widen the range in the mapping or choose Skip bad rows"
                )
            }
            ProblemKind::Overflow { month } => write!(
                f,
                "the values of {month} are too large to add up; check the unit of the column"
            ),
            ProblemKind::Gap { from, to } => {
                let months = to.months_since(*from) + 1;
                if from == to {
                    write!(f, "no value for {from}")?;
                } else {
                    write!(f, "no values for {from} to {to} ({months} months)")?;
                }
                write!(
                    f,
                    " between the first and the last month; add the missing months to the file, or import as is and they stay empty"
                )
            }
            ProblemKind::DenominatorZero => write!(
                f,
                "the denominator is 0, so this row has no value for {metric}; it is left out of its month"
            ),
            ProblemKind::ZeroWeight { month } => write!(
                f,
                "the weights of {month} add up to 0, so {metric} has no value for that month; check the weight column"
            ),
            ProblemKind::UnmappedMetric => write!(
                f,
                "metric \"{value}\" is not in the mapping, so its rows are ignored; add it to the mapping to import it"
            ),
            ProblemKind::ColumnNotImported(why) => write!(f, "not imported: {why}"),
        }
    }
}

/// The result of applying a mapping to a table. Nothing has been changed yet.
///
/// `series` is computed without the bad rows: every row named by an error-severity problem is
/// left out whole (all of its metrics), and those rows are listed in `skipped_rows`. The caller
/// applies `series` only when [`ImportOutcome::error_count`] is zero, or when the user explicitly
/// chooses to skip the listed bad rows ([`ImportOutcome::can_apply`]). Warnings never block.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportOutcome {
    /// The monthly series by metric id, bad rows left out.
    pub series: MonthlySeries,
    /// The problems, by row (problems without a row last), at most [`MAX_LISTED_PROBLEMS`].
    pub problems: Vec<ImportProblem>,
    /// How many more problems were found but not listed.
    pub unlisted_problems: usize,
    /// How many error-severity problems were found, listed or not.
    pub error_count: usize,
    /// How many warnings were found, listed or not.
    pub warning_count: usize,
    /// The source rows left out because of errors, ascending.
    pub skipped_rows: Vec<usize>,
    /// How many data rows were read.
    pub rows_read: usize,
    /// The decimal separator used for the file (after `Auto`).
    pub decimal_comma: bool,
    /// The date order used for numeric dates (after `Auto`): `DayFirst` or `MonthFirst`.
    pub date_order: DateOrder,
}

impl ImportOutcome {
    /// Whether the series may be applied: no errors, or the user chose to skip the bad rows.
    pub fn can_apply(&self, skip_bad_rows: bool) -> bool {
        self.error_count == 0 || skip_bad_rows
    }

    /// When the import brings in no value at all, why, in words (an import of nothing is
    /// refused): the columns not imported with their reasons, the rows skipped for errors,
    /// or that no mapped cell has a value. `None` when there are series.
    pub fn nothing_imported(&self) -> Option<String> {
        if !self.series.is_empty() {
            return None;
        }
        let columns: Vec<String> = self
            .problems
            .iter()
            .filter_map(|p| match (&p.kind, &p.column) {
                (ProblemKind::ColumnNotImported(why), Some(column)) => {
                    Some(format!("column \"{column}\" was not imported ({why})"))
                }
                _ => None,
            })
            .collect();
        let mut why = Vec::new();
        if !columns.is_empty() {
            const SHOWN: usize = 3;
            let mut list = columns
                .iter()
                .take(SHOWN)
                .cloned()
                .collect::<Vec<_>>()
                .join("; ");
            if columns.len() > SHOWN {
                list.push_str(&format!("; and {} more columns", columns.len() - SHOWN));
            }
            why.push(list);
        }
        if !self.skipped_rows.is_empty() {
            why.push("every row with a value has an error".to_owned());
        }
        if why.is_empty() {
            why.push("no column of the mapping has a value".to_owned());
        }
        Some(why.join("; "))
    }
}

/// The problems found so far: the first [`MAX_LISTED_PROBLEMS`] listed, all counted, and the
/// rows that an error leaves out.
pub(super) struct Problems {
    file: String,
    list: Vec<ImportProblem>,
    unlisted: usize,
    /// How many error-severity problems were found.
    pub(super) errors: usize,
    warnings: usize,
    /// The rows named by an error: left out of the series whole.
    pub(super) bad_rows: BTreeSet<usize>,
}

impl Problems {
    /// No problems yet in `file`.
    pub(super) fn new(file: &str) -> Self {
        Self {
            file: file.to_owned(),
            list: Vec::new(),
            unlisted: 0,
            errors: 0,
            warnings: 0,
            bad_rows: BTreeSet::new(),
        }
    }

    /// Records one problem; an error also marks its row as bad.
    pub(super) fn add(
        &mut self,
        row: Option<usize>,
        column: Option<&str>,
        value: Option<String>,
        metric: Option<&str>,
        kind: ProblemKind,
    ) {
        let problem = ImportProblem {
            file: self.file.clone(),
            row,
            column: column.map(str::to_owned),
            value,
            metric: metric.map(str::to_owned),
            kind,
        };
        match problem.severity() {
            Severity::Error => {
                self.errors += 1;
                if let Some(row) = row {
                    self.bad_rows.insert(row);
                }
            }
            Severity::Warning => self.warnings += 1,
        }
        if self.list.len() < MAX_LISTED_PROBLEMS {
            self.list.push(problem);
        } else {
            self.unlisted += 1;
        }
    }

    /// The outcome of an import that found these problems: the problems listed by row (those
    /// without a row last, in the order found).
    pub(super) fn into_outcome(
        self,
        series: MonthlySeries,
        rows_read: usize,
        sep: Separator,
        date_order: DateOrder,
    ) -> ImportOutcome {
        let mut list = self.list;
        list.sort_by_key(|p| p.row.unwrap_or(usize::MAX));
        ImportOutcome {
            series,
            problems: list,
            unlisted_problems: self.unlisted,
            error_count: self.errors,
            warning_count: self.warnings,
            skipped_rows: self.bad_rows.into_iter().collect(),
            rows_read,
            decimal_comma: sep == Separator::Comma,
            date_order,
        }
    }
}
