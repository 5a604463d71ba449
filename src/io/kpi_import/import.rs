//! Applying a mapping to a table: monthly series plus every problem found.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use rust_decimal::Decimal;

use super::guess::metric_id;
use super::table::{Cell, ImportError, PROGRESS_EVERY, Progress, RawTable};
use super::values::{
    Period, Separator, date_order_hint, decimal_from_f64, parse_duration, parse_number,
    parse_period, period_from_serial, resolve_separator,
};
use crate::model::YearMonth;
use crate::model::import_mapping::{
    Aggregation, DateOrder, ImportMapping, Layout, MetricMapping, PercentScale, Source, ValueKind,
};

/// Monthly KPI series by metric id: the shape a project stores its history in.
pub type MonthlySeries = BTreeMap<String, BTreeMap<YearMonth, Decimal>>;

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
            | ProblemKind::UnmappedMetric => Severity::Warning,
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
}

struct Problems {
    file: String,
    list: Vec<ImportProblem>,
    unlisted: usize,
    errors: usize,
    warnings: usize,
    bad_rows: BTreeSet<usize>,
}

impl Problems {
    fn add(
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
}

/// A fast hasher for the duplicate-period sets: keys are small, local and not attacker-chosen
/// in a way that matters (a hostile file can only slow its own import).
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_i32(&mut self, n: i32) {
        self.write_u64(n as u32 as u64);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

type FastHash = std::hash::BuildHasherDefault<FxHasher>;

/// The long layout's columns, and the metric index of each metric name seen so far (`None`
/// for names the mapping does not list). With `grow`, unseen names become new metrics.
struct LongColumns {
    metric_col: usize,
    value_col: usize,
    names: HashMap<String, Option<u32>>,
    grow: bool,
}

/// Where one metric's values are in a row.
struct Resolved {
    mapping: MetricMapping,
    /// Wide: the value column, or the numerator for a ratio. Long: the value column.
    column: usize,
    denominator: Option<usize>,
    weight: Option<usize>,
    /// The column name shown in problems.
    column_name: String,
}

#[derive(Clone, Copy)]
struct Observation {
    metric: u32,
    row: usize,
    period: Period,
    value: Decimal,
    weight: Decimal,
    /// A percent without `%` under `PercentScale::Auto`: scaled once the metric's scale is known.
    unscaled: bool,
}

fn column_index(table: &RawTable, name: &str, file: &str) -> Result<usize, ImportError> {
    table
        .column(name)
        .ok_or_else(|| ImportError::MissingColumn {
            file: file.to_owned(),
            column: name.to_owned(),
            available: table.headers.join(", "),
        })
}

fn cell(cells: &[Cell], index: usize) -> &Cell {
    cells.get(index).unwrap_or(&Cell::Empty)
}

fn resolve(
    table: &RawTable,
    mapping: &MetricMapping,
    value_column: Option<usize>,
    file: &str,
) -> Result<Resolved, ImportError> {
    let (column, denominator, column_name) = match (&mapping.source, value_column) {
        (Source::Column(_), Some(value)) => (value, None, table.headers[value].clone()),
        (Source::Column(name), None) => (column_index(table, name, file)?, None, name.clone()),
        (
            Source::Ratio {
                numerator,
                denominator,
            },
            None,
        ) => (
            column_index(table, numerator, file)?,
            Some(column_index(table, denominator, file)?),
            numerator.clone(),
        ),
        (Source::Ratio { .. }, Some(_)) => {
            return Err(ImportError::InvalidMapping {
                file: file.to_owned(),
                message: format!(
                    "metric {} is a ratio, which needs the wide layout; use two columns or import the ratio itself",
                    mapping.metric
                ),
            });
        }
    };
    let weight = match &mapping.aggregation {
        Aggregation::VolumeWeightedMean { weight_column } => {
            Some(column_index(table, weight_column, file)?)
        }
        _ => None,
    };
    Ok(Resolved {
        mapping: mapping.clone(),
        column,
        denominator,
        weight,
        column_name,
    })
}

/// Why a cell could not be read, or `Missing` for an empty cell.
enum ValueError {
    Missing,
    Bad(&'static str),
}

fn expected(kind: ValueKind) -> &'static str {
    match kind {
        ValueKind::Number | ValueKind::Percent { .. } => "a number",
        ValueKind::Count => "a whole number",
        ValueKind::Duration { .. } => "a duration (seconds, minutes, mm:ss or hh:mm:ss)",
    }
}

/// Reads one cell as `kind`: the value in the stored unit and whether it still needs the
/// percent scale.
fn read_value(cell: &Cell, kind: ValueKind, sep: Separator) -> Result<(Decimal, bool), ValueError> {
    let bad = ValueError::Bad(expected(kind));
    match (cell, kind) {
        (Cell::Empty, _) => Err(ValueError::Missing),
        (Cell::Text(t), ValueKind::Duration { unit }) => {
            parse_duration(t, unit, sep).map(|v| (v, false)).ok_or(bad)
        }
        (Cell::Number(n), ValueKind::Duration { unit }) => {
            let v = decimal_from_f64(*n)
                .filter(|v| !v.is_sign_negative())
                .ok_or(bad)?;
            let factor = if unit == crate::model::import_mapping::DurationUnit::Minutes {
                60
            } else {
                1
            };
            v.checked_mul(Decimal::from(factor))
                .map(|v| (v, false))
                .ok_or(ValueError::Bad(expected(kind)))
        }
        (Cell::Duration(secs), ValueKind::Duration { .. }) => Ok((*secs, false)),
        (Cell::DateTime(dt), ValueKind::Duration { .. }) => {
            // A time-of-day cell (`03:25` typed into Excel) has the epoch as its date.
            if dt.date() > chrono::NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default() {
                return Err(bad);
            }
            use chrono::Timelike;
            Ok((Decimal::from(dt.time().num_seconds_from_midnight()), false))
        }
        (Cell::Text(t), _) => {
            let n = parse_number(t, sep).ok_or(ValueError::Bad(expected(kind)))?;
            finish_number(n.value, n.percent_sign, kind).ok_or(bad)
        }
        (Cell::Number(f), _) => {
            let v = decimal_from_f64(*f).ok_or(ValueError::Bad(expected(kind)))?;
            finish_number(v, false, kind).ok_or(bad)
        }
        (Cell::DateTime(_) | Cell::Duration(_), _) => Err(bad),
    }
}

fn finish_number(value: Decimal, percent_sign: bool, kind: ValueKind) -> Option<(Decimal, bool)> {
    match kind {
        ValueKind::Number => Some((value, false)),
        ValueKind::Count => (!percent_sign && value.fract().is_zero()).then_some((value, false)),
        ValueKind::Percent { scale } => match (percent_sign, scale) {
            (true, _) | (false, PercentScale::Percent) => Some((value, false)),
            (false, PercentScale::Fraction) => {
                value.checked_mul(Decimal::ONE_HUNDRED).map(|v| (v, false))
            }
            (false, PercentScale::Auto) => Some((value, true)),
        },
        ValueKind::Duration { .. } => None,
    }
}

fn read_plain(cell: &Cell, sep: Separator) -> Result<Decimal, ValueError> {
    match cell {
        Cell::Empty => Err(ValueError::Missing),
        Cell::Text(t) => parse_number(t, sep)
            .map(|n| n.value)
            .ok_or(ValueError::Bad("a number")),
        Cell::Number(f) => decimal_from_f64(*f).ok_or(ValueError::Bad("a number")),
        _ => Err(ValueError::Bad("a number")),
    }
}

fn read_period(cell: &Cell, order: DateOrder) -> Option<Period> {
    match cell {
        Cell::Text(t) => parse_period(t, order),
        Cell::Number(n) => period_from_serial(*n).or_else(|| {
            // yyyymm or yyyymmdd typed as a number
            (n.fract() == 0.0 && (100_001.0..=99_991_231.0).contains(n))
                .then(|| parse_period(&format!("{n}"), order))
                .flatten()
        }),
        Cell::DateTime(dt) => Some(Period {
            start: *dt,
            monthly: false,
        }),
        Cell::Empty | Cell::Duration(_) => None,
    }
}

/// How many rows the `Auto` decisions (decimal separator, date order) look at.
const SNIFF_ROWS: usize = 50_000;

/// Applies `mapping` to `table`: monthly series per metric plus the problems found (see
/// [`ImportOutcome`] for what happens with bad rows). `file` names the file in problems.
///
/// Errors only when nothing can be imported: a mapped column is not in the table, the mapping
/// contradicts itself, or the user cancelled through `progress`. Runs in O(rows); call it off
/// the UI thread for large files and poll `progress`.
pub fn import(
    table: &RawTable,
    mapping: &ImportMapping,
    file: &str,
    progress: &Progress,
) -> Result<ImportOutcome, ImportError> {
    let period_column = column_index(table, mapping.layout.period_column(), file)?;
    let mut seen_ids = BTreeSet::new();
    for m in mapping.layout.metrics() {
        if metric_id(&m.metric) != m.metric || !seen_ids.insert(m.metric.as_str()) {
            return Err(ImportError::InvalidMapping {
                file: file.to_owned(),
                message: format!(
                    "metric id \"{}\" must be a unique word of lowercase letters, digits and _ (such as asa_secs)",
                    m.metric
                ),
            });
        }
        if let (Some(min), Some(max)) = (m.min, m.max)
            && min > max
        {
            return Err(ImportError::InvalidMapping {
                file: file.to_owned(),
                message: format!(
                    "the allowed range of {} runs from {min} down to {max}; swap them",
                    m.metric
                ),
            });
        }
    }

    // Long layout: metric names to resolved metrics, grown on the fly when the mapping lists none.
    let mut metrics: Vec<Resolved> = Vec::new();
    let mut long: Option<LongColumns> = None;
    let mut value_columns: Vec<usize> = Vec::new();
    match &mapping.layout {
        Layout::Long {
            metric_column,
            value_column,
            metrics: listed,
            ..
        } => {
            let metric_col = column_index(table, metric_column, file)?;
            let value_col = column_index(table, value_column, file)?;
            let mut names = HashMap::new();
            for m in listed {
                let Source::Column(name) = &m.source else {
                    // resolve() refuses ratios in the long layout with a clear message
                    resolve(table, m, Some(value_col), file)?;
                    continue;
                };
                names.insert(name.clone(), Some(metrics.len() as u32));
                metrics.push(resolve(table, m, Some(value_col), file)?);
            }
            value_columns.push(value_col);
            value_columns.extend(metrics.iter().filter_map(|m| m.weight));
            long = Some(LongColumns {
                metric_col,
                value_col,
                names,
                grow: listed.is_empty(),
            });
        }
        Layout::Wide { columns, .. } => {
            for m in columns {
                let r = resolve(table, m, None, file)?;
                value_columns.push(r.column);
                value_columns.extend(r.denominator);
                value_columns.extend(r.weight);
                metrics.push(r);
            }
        }
    }

    let samples = table
        .rows
        .iter()
        .take(SNIFF_ROWS)
        .flat_map(|(_, cells)| value_columns.iter().filter_map(|&c| cell(cells, c).text()));
    let sep = resolve_separator(
        mapping.format.decimal_separator,
        samples,
        table.delimiter == Some(b';'),
    );
    let order = match mapping.format.date_order {
        DateOrder::Auto => table
            .rows
            .iter()
            .take(SNIFF_ROWS)
            .filter_map(|(_, cells)| cell(cells, period_column).text().and_then(date_order_hint))
            .next()
            .unwrap_or(DateOrder::DayFirst),
        order => order,
    };

    let mut problems = Problems {
        file: file.to_owned(),
        list: Vec::new(),
        unlisted: 0,
        errors: 0,
        warnings: 0,
        bad_rows: BTreeSet::new(),
    };
    let period_name = table.headers[period_column].as_str();
    let mut observations: Vec<Observation> = Vec::with_capacity(table.rows.len());
    let mut row_observations: Vec<Observation> = Vec::new();
    let mut seen_rows: HashMap<Period, usize, FastHash> = HashMap::default();
    let mut latest: Vec<Option<Period>> = Vec::new();
    let mut out_of_order: Vec<bool> = Vec::new();
    progress.start(table.rows.len() as u64);

    // Pass 1: read every row; a row with any error contributes nothing.
    for (index, (row, cells)) in table.rows.iter().enumerate() {
        let row = *row;
        if index % PROGRESS_EVERY == 0 {
            if progress.is_cancelled() {
                return Err(ImportError::Cancelled {
                    file: file.to_owned(),
                });
            }
            progress.update(index as u64, index as u64);
        }
        let period_cell = cell(cells, period_column);
        let Some(period) = read_period(period_cell, order) else {
            problems.add(
                Some(row),
                Some(period_name),
                Some(period_cell.to_string()),
                None,
                ProblemKind::UnparseablePeriod,
            );
            continue;
        };
        let errors_before = problems.errors;
        row_observations.clear();
        let selected = if let Some(LongColumns {
            metric_col,
            value_col,
            names,
            grow,
        }) = &mut long
        {
            let name_cell = cell(cells, *metric_col);
            let owned;
            let name = match name_cell {
                Cell::Text(t) => t.trim(),
                other => {
                    owned = other.to_string();
                    owned.trim()
                }
            };
            let found = match names.get(name) {
                Some(found) => *found,
                None => {
                    let id = metric_id(name);
                    let found = if *grow && !id.is_empty() {
                        match metrics.iter().position(|m| m.mapping.metric == id) {
                            Some(i) => Some(i as u32),
                            None => {
                                let m = MetricMapping {
                                    metric: id,
                                    source: Source::Column(name.to_owned()),
                                    kind: ValueKind::Number,
                                    aggregation: Aggregation::Mean,
                                    min: None,
                                    max: None,
                                };
                                metrics.push(resolve(table, &m, Some(*value_col), file)?);
                                Some(metrics.len() as u32 - 1)
                            }
                        }
                    } else {
                        problems.add(
                            Some(row),
                            Some(&table.headers[*metric_col]),
                            Some(name.to_owned()),
                            None,
                            ProblemKind::UnmappedMetric,
                        );
                        None
                    };
                    names.insert(name.to_owned(), found);
                    found
                }
            };
            found.map_or(0..0, |i| i..i + 1)
        } else {
            if let Some(&first_row) = seen_rows.get(&period) {
                problems.add(
                    Some(row),
                    Some(period_name),
                    Some(period_cell.to_string()),
                    None,
                    ProblemKind::DuplicatePeriod { first_row },
                );
                continue;
            }
            seen_rows.insert(period, row);
            0..metrics.len() as u32
        };
        for metric_index in selected {
            let m = &metrics[metric_index as usize];
            if long.is_some() {
                // Periods usually come in order; only a metric whose periods go back can repeat
                // one, and those are checked after this pass.
                let i = metric_index as usize;
                if latest.len() <= i {
                    latest.resize(i + 1, None);
                    out_of_order.resize(i + 1, false);
                }
                if latest[i].is_some_and(|l| period <= l) {
                    out_of_order[i] = true;
                } else {
                    latest[i] = Some(period);
                }
            }
            let value_cell = cell(cells, m.column);
            let read = match m.denominator {
                None => read_value(value_cell, m.mapping.kind, sep),
                Some(den_col) => {
                    let den_cell = cell(cells, den_col);
                    match (read_plain(value_cell, sep), read_plain(den_cell, sep)) {
                        (Err(ValueError::Bad(e)), _) => Err(ValueError::Bad(e)),
                        (_, Err(ValueError::Bad(e))) => {
                            problems.add(
                                Some(row),
                                Some(&table.headers[den_col]),
                                Some(den_cell.to_string()),
                                Some(&m.mapping.metric),
                                ProblemKind::UnparseableValue { expected: e },
                            );
                            continue;
                        }
                        (Err(ValueError::Missing), _) | (_, Err(ValueError::Missing)) => {
                            Err(ValueError::Missing)
                        }
                        (Ok(_), Ok(den)) if den.is_zero() => {
                            problems.add(
                                Some(row),
                                Some(&table.headers[den_col]),
                                Some(den_cell.to_string()),
                                Some(&m.mapping.metric),
                                ProblemKind::DenominatorZero,
                            );
                            continue;
                        }
                        (Ok(num), Ok(den)) => {
                            let factor = match m.mapping.kind {
                                ValueKind::Percent { .. } => Decimal::ONE_HUNDRED,
                                _ => Decimal::ONE,
                            };
                            num.checked_div(den)
                                .and_then(|r| r.checked_mul(factor))
                                .map(|v| (v, false))
                                .ok_or(ValueError::Bad("a number"))
                        }
                    }
                }
            };
            let (value, unscaled) = match read {
                Ok(v) => v,
                Err(ValueError::Missing) => continue,
                Err(ValueError::Bad(expected)) => {
                    problems.add(
                        Some(row),
                        Some(&m.column_name),
                        Some(value_cell.to_string()),
                        Some(&m.mapping.metric),
                        ProblemKind::UnparseableValue { expected },
                    );
                    continue;
                }
            };
            let weight = match m.weight {
                None => Decimal::ONE,
                Some(w) => match read_plain(cell(cells, w), sep) {
                    Ok(w) if !w.is_sign_negative() => w,
                    _ => {
                        problems.add(
                            Some(row),
                            Some(&table.headers[w]),
                            Some(cell(cells, w).to_string()),
                            Some(&m.mapping.metric),
                            ProblemKind::UnparseableValue {
                                expected: "a weight (a number of 0 or more)",
                            },
                        );
                        continue;
                    }
                },
            };
            row_observations.push(Observation {
                metric: metric_index,
                row,
                period,
                value,
                weight,
                unscaled,
            });
        }
        if problems.errors == errors_before {
            observations.extend_from_slice(&row_observations);
        }
    }

    // Long layout: the same period twice for a metric, among metrics whose periods went back.
    let cell_text = |row: usize, column: usize| {
        table
            .rows
            .binary_search_by_key(&row, |(r, _)| *r)
            .ok()
            .map(|i| cell(&table.rows[i].1, column).to_string())
    };
    if out_of_order.contains(&true) {
        let mut keyed: Vec<(u32, Period, usize)> = observations
            .iter()
            .filter(|o| out_of_order.get(o.metric as usize) == Some(&true))
            .map(|o| (o.metric, o.period, o.row))
            .collect();
        keyed.sort_unstable();
        let mut first: Option<(u32, Period, usize)> = None;
        for (metric, period, row) in keyed {
            match first {
                Some((m, p, first_row)) if m == metric && p == period => problems.add(
                    Some(row),
                    Some(period_name),
                    cell_text(row, period_column),
                    Some(&metrics[metric as usize].mapping.metric),
                    ProblemKind::DuplicatePeriod { first_row },
                ),
                _ => first = Some((metric, period, row)),
            }
        }
    }

    // Pass 2: percent scales, then allowed ranges.
    let mut any_large = vec![false; metrics.len()];
    for o in &observations {
        if o.unscaled && o.value.abs() > Decimal::ONE {
            any_large[o.metric as usize] = true;
        }
    }
    for o in &mut observations {
        if o.unscaled && !any_large[o.metric as usize] {
            // Every plain value of this metric lies within ±1: they are fractions.
            o.value *= Decimal::ONE_HUNDRED;
        }
        o.unscaled = false;
    }
    for o in &observations {
        let m = &metrics[o.metric as usize].mapping;
        let below = m.min.is_some_and(|min| o.value < min);
        let above = m.max.is_some_and(|max| o.value > max);
        if below || above {
            let r = &metrics[o.metric as usize];
            let text = cell_text(o.row, r.column);
            problems.add(
                Some(o.row),
                Some(&r.column_name),
                text,
                Some(&m.metric),
                ProblemKind::OutOfRange {
                    value: o.value,
                    min: m.min,
                    max: m.max,
                },
            );
        }
    }

    // Pass 3: aggregate the good rows to months.
    #[derive(Default)]
    struct Accumulator {
        sum: Decimal,
        count: u64,
        weighted: Decimal,
        weights: Decimal,
        last: Option<(Period, usize, Decimal)>,
        overflow: bool,
    }
    let mut months: Vec<BTreeMap<YearMonth, Accumulator>> =
        (0..metrics.len()).map(|_| BTreeMap::new()).collect();
    for o in &observations {
        if problems.bad_rows.contains(&o.row) {
            continue;
        }
        let acc = months[o.metric as usize]
            .entry(o.period.month())
            .or_default();
        acc.count += 1;
        match acc.sum.checked_add(o.value) {
            Some(sum) => acc.sum = sum,
            None => acc.overflow = true,
        }
        if metrics[o.metric as usize].weight.is_some() {
            match o.value.checked_mul(o.weight).and_then(|vw| {
                Some((
                    acc.weighted.checked_add(vw)?,
                    acc.weights.checked_add(o.weight)?,
                ))
            }) {
                Some((weighted, weights)) => {
                    acc.weighted = weighted;
                    acc.weights = weights;
                }
                None => acc.overflow = true,
            }
        }
        if acc.last.is_none_or(|(p, r, _)| {
            (o.period, std::cmp::Reverse(o.row)) > (p, std::cmp::Reverse(r))
        }) {
            acc.last = Some((o.period, o.row, o.value));
        }
    }
    let mut series = MonthlySeries::new();
    for (r, months) in metrics.iter().zip(months) {
        let m = &r.mapping;
        let mut out = BTreeMap::new();
        for (month, acc) in months {
            let value = match &m.aggregation {
                _ if acc.overflow => None,
                Aggregation::Mean => acc.sum.checked_div(Decimal::from(acc.count)),
                Aggregation::Sum => Some(acc.sum),
                Aggregation::Last => acc.last.map(|(_, _, v)| v),
                Aggregation::VolumeWeightedMean { .. } => {
                    if acc.weights.is_zero() {
                        problems.add(
                            None,
                            Some(&r.column_name),
                            None,
                            Some(&m.metric),
                            ProblemKind::ZeroWeight { month },
                        );
                        continue;
                    }
                    acc.weighted.checked_div(acc.weights)
                }
            };
            match value {
                Some(v) => {
                    out.insert(month, v);
                }
                None => problems.add(
                    None,
                    Some(&r.column_name),
                    None,
                    Some(&m.metric),
                    ProblemKind::Overflow { month },
                ),
            }
        }
        if let (Some(&first), Some(&last)) = (out.keys().next(), out.keys().next_back()) {
            let mut gap_start: Option<YearMonth> = None;
            for month in first.through(last) {
                match (out.contains_key(&month), gap_start) {
                    (false, None) => gap_start = Some(month),
                    (true, Some(from)) => {
                        problems.add(
                            None,
                            Some(&r.column_name),
                            None,
                            Some(&m.metric),
                            ProblemKind::Gap {
                                from,
                                to: month.plus(-1),
                            },
                        );
                        gap_start = None;
                    }
                    _ => {}
                }
            }
        }
        if !out.is_empty() {
            series.insert(m.metric.clone(), out);
        }
    }
    progress.update(table.rows.len() as u64, table.rows.len() as u64);

    let mut list = problems.list;
    list.sort_by_key(|p| p.row.unwrap_or(usize::MAX));
    Ok(ImportOutcome {
        series,
        problems: list,
        unlisted_problems: problems.unlisted,
        error_count: problems.errors,
        warning_count: problems.warnings,
        skipped_rows: problems.bad_rows.into_iter().collect(),
        rows_read: table.rows.len(),
        decimal_comma: sep == Separator::Comma,
        date_order: order,
    })
}
