//! A first mapping guessed from a table, for the user to check in the import dialog.

use super::periods::{parse_period, period_from_serial};
use super::table::{Cell, RawTable};
use super::values::{Separator, parse_number, resolve_separator};
use crate::model::import_mapping::{
    Aggregation, DateOrder, DecimalSeparator, DurationUnit, ImportMapping, Layout, MetricMapping,
    PercentScale, Source, SourceFormat, ValueKind,
};
use rust_decimal::Decimal;
use rustc_hash::{FxHashMap, FxHashSet};

use super::known::Known;
use super::limits::MAX_NAME_CHARS;
use crate::model::Project;

/// How many rows the guess looks at.
const GUESS_ROWS: usize = 200;

/// A metric id made from a column or metric name: lowercase ASCII letters, digits and `_`,
/// `%` spelt `pct` (`"Abandon %"` gives `abandon_pct`, `"ASA (s)"` gives `asa_s`); an id never
/// starts with a digit. Empty when the name has no letter or digit.
pub fn metric_id(name: &str) -> String {
    let mut id = String::with_capacity(name.len());
    let mut pending_underscore = false;
    for c in name.chars() {
        let piece = if c == '%' {
            Some("pct".to_owned())
        } else if c.is_ascii_alphanumeric() {
            Some(c.to_ascii_lowercase().to_string())
        } else {
            None
        };
        match piece {
            Some(p) => {
                if pending_underscore && !id.is_empty() {
                    id.push('_');
                }
                pending_underscore = c == '%';
                id.push_str(&p);
            }
            None => pending_underscore = true,
        }
    }
    if id.starts_with(|c: char| c.is_ascii_digit()) {
        id.insert_str(0, "m_");
    }
    id
}

fn header_matches(header: &str, words: &[&str]) -> bool {
    let id = metric_id(header);
    words
        .iter()
        .any(|w| id == *w || id.split('_').any(|part| part == *w))
}

fn is_period(cell: &Cell) -> bool {
    match cell {
        Cell::Text(t) => parse_period(t, DateOrder::DayFirst).is_some(),
        Cell::DateTime(_) => true,
        Cell::Number(n) => period_from_serial(*n).is_some(),
        _ => false,
    }
}

/// Whether a cell reads as a number, a duration or a time of day in some format.
pub(super) fn is_numberish(cell: &Cell) -> bool {
    match cell {
        Cell::Text(t) => {
            parse_number(t, Separator::Dot).is_some()
                || parse_number(t, Separator::Comma).is_some()
                || (t.contains(':')
                    && t.split(':')
                        .all(|p| parse_number(p, Separator::Dot).is_some()))
        }
        Cell::Number(_) | Cell::Duration(_) => true,
        Cell::DateTime(dt) => is_time_of_day(dt),
        _ => false,
    }
}

/// A whole number, as text (read with the file's decimal separator: `1.234` is a thousand
/// and more in a decimal-comma file) or as a number cell: what a count looks like.
fn is_whole(cell: &Cell, sep: Separator) -> bool {
    match cell {
        Cell::Text(t) => parse_number(t, sep).is_some_and(|n| n.value.fract().is_zero()),
        Cell::Number(n) => n.fract() == 0.0,
        _ => false,
    }
}

/// What a metric's values look like, seen cell by cell.
#[derive(Debug, Clone, Copy)]
struct Traits {
    /// Some value is written with `%`.
    percent: bool,
    /// Some value is a duration: `m:ss`, a duration or time-of-day cell.
    duration: bool,
    /// Every value is a whole number.
    whole: bool,
}

impl Traits {
    const NONE: Traits = Traits {
        percent: false,
        duration: false,
        whole: true,
    };

    /// Notes one non-empty value.
    fn see(&mut self, cell: &Cell, sep: Separator) {
        match cell {
            Cell::Text(t) => {
                self.percent |= t.trim_end().ends_with('%');
                self.duration |= t.contains(':');
            }
            Cell::Duration(_) => self.duration = true,
            Cell::DateTime(dt) => self.duration |= is_time_of_day(dt),
            _ => {}
        }
        self.whole &= is_whole(cell, sep);
    }

    /// The kind, aggregation and plausible range of a metric named `name` with these values:
    /// a percent (0–100), a duration (0 or more), a count when named like a volume and whole
    /// (summed, 0 or more), else a number (averaged).
    fn kind(self, name: &str) -> (ValueKind, Aggregation, Option<Decimal>, Option<Decimal>) {
        if self.percent {
            let scale = PercentScale::Auto;
            let hundred = Some(Decimal::ONE_HUNDRED);
            (
                ValueKind::Percent { scale },
                Aggregation::Mean,
                Some(Decimal::ZERO),
                hundred,
            )
        } else if self.duration {
            let unit = DurationUnit::MinSec;
            (
                ValueKind::Duration { unit },
                Aggregation::Mean,
                Some(Decimal::ZERO),
                None,
            )
        } else if self.whole && header_matches(name, VOLUME_WORDS) {
            (
                ValueKind::Count,
                Aggregation::Sum,
                Some(Decimal::ZERO),
                None,
            )
        } else {
            (ValueKind::Number, Aggregation::Mean, None, None)
        }
    }
}

/// The file's decimal separator as the import's `Auto` will decide it, from the first rows.
fn guess_separator(table: &RawTable) -> Separator {
    let rows = table.rows.iter().take(GUESS_ROWS);
    let samples = rows.flat_map(|(_, cells)| cells.iter().filter_map(Cell::text));
    resolve_separator(
        DecimalSeparator::Auto,
        samples,
        table.delimiter == Some(b';'),
    )
}

/// A spreadsheet time cell without a date (`00:05:30`): Excel stores it as a fraction of the
/// day before 1900, and the reader returns it as a date-time in 1899.
fn is_time_of_day(dt: &chrono::NaiveDateTime) -> bool {
    use chrono::Datelike;
    dt.date().year() < 1900
}

fn column_cells(table: &RawTable, column: usize) -> impl Iterator<Item = &Cell> {
    table
        .rows
        .iter()
        .take(GUESS_ROWS)
        .filter_map(move |(_, cells)| cells.get(column))
        .filter(|c| **c != Cell::Empty)
}

/// The share of a column's non-empty cells (in the first rows) that satisfy `test`, or 0 when
/// the column is empty.
fn share(table: &RawTable, column: usize, test: fn(&Cell) -> bool) -> f64 {
    let (mut yes, mut all) = (0usize, 0usize);
    for c in column_cells(table, column) {
        all += 1;
        yes += usize::from(test(c));
    }
    if all == 0 {
        0.0
    } else {
        yes as f64 / all as f64
    }
}

const VOLUME_WORDS: &[&str] = &[
    "calls",
    "volume",
    "volumes",
    "tickets",
    "contacts",
    "offered",
    "handled",
    "answered",
    "abandoned",
    "count",
    "transactions",
    "invoices",
    "units",
    "incidents",
    "requests",
];

/// The kind, aggregation and plausible range of a column, from its name and values.
fn guess_metric(
    table: &RawTable,
    column: usize,
    name: &str,
    source: Source,
    sep: Separator,
) -> MetricMapping {
    let mut traits = Traits::NONE;
    for cell in column_cells(table, column) {
        traits.see(cell, sep);
    }
    let (kind, aggregation, min, max) = traits.kind(name);
    MetricMapping {
        metric: metric_id(name),
        source,
        kind,
        aggregation,
        min,
        max,
    }
}

/// Guesses how one column of `table` reads as a metric (its id from the header, its kind from
/// the values: percent, duration, count or number), for a column the user adds to a mapping.
pub fn guess_column(table: &RawTable, column: usize) -> MetricMapping {
    let name = table.headers.get(column).cloned().unwrap_or_default();
    let source = Source::Column(name.clone());
    guess_metric(table, column, &name, source, guess_separator(table))
}

/// Guesses a mapping from a table: the period column (by name such as `period`, `month` or
/// `date`, else the first column whose values are periods), a long layout when there is a
/// metric-name column and a value column, else a wide layout with every column that is mostly
/// numbers (half its cells or more) or has some numbers under a KPI-like name (`ASA`,
/// `abandon %`, `calls`). The import reports every other column as not imported, with why.
/// Percent columns (values with `%`) get the range 0–100, counts and durations a minimum of 0.
/// The format is left to `Auto`; the user checks the result in the import dialog.
pub fn guess_mapping(table: &RawTable) -> ImportMapping {
    guess_with(table, &Known::default())
}

/// [`guess_mapping`] for an import into `project`: a column named as one of its KPI or
/// volume series, by id or by name, is mapped even when many of its cells are not numbers
/// (they are then listed as errors), so that a series the project tracks is never left out
/// quietly. A column named as a series (`Avg speed of answer (s)` for the KPI `asa_secs`
/// named "Avg speed of answer" in seconds; case and punctuation ignored) whose unit and values
/// fit it takes that series' id rather than a new one.
pub fn guess_mapping_for(table: &RawTable, project: &Project) -> ImportMapping {
    guess_with(table, &Known::of(project))
}

fn guess_with(table: &RawTable, known: &Known<'_>) -> ImportMapping {
    let period_column = guess_period_column(table);
    let layout = match guess_long_columns(table, period_column) {
        (Some(metric_col), Some(value_col)) => {
            guess_long(table, (period_column, metric_col, value_col), known)
        }
        _ => guess_wide(table, period_column, known),
    };
    ImportMapping {
        format: SourceFormat::default(),
        layout,
    }
}

/// The period column: the first named like one whose values are mostly periods, else the
/// first whose values are nearly all periods, else the first column.
fn guess_period_column(table: &RawTable) -> usize {
    let headers = &table.headers;
    headers
        .iter()
        .position(|h| {
            header_matches(
                h,
                &[
                    "period",
                    "month",
                    "date",
                    "day",
                    "week",
                    "time",
                    "timestamp",
                    "interval",
                ],
            )
        })
        .filter(|&i| share(table, i, is_period) >= 0.5 || table.rows.is_empty())
        .or_else(|| (0..headers.len()).find(|&i| share(table, i, is_period) >= 0.8))
        .unwrap_or(0)
}

/// The columns other than the period column, in order.
fn other_columns(table: &RawTable, period_column: usize) -> impl Iterator<Item = usize> {
    (0..table.headers.len()).filter(move |&i| i != period_column)
}

/// The long layout's metric-name column (named like one, mostly not numbers) and value column
/// (named like one, else the only numeric column left).
fn guess_long_columns(table: &RawTable, period_column: usize) -> (Option<usize>, Option<usize>) {
    let headers = &table.headers;
    let others = || other_columns(table, period_column);
    let metric_column = others().find(|&i| {
        header_matches(
            &headers[i],
            &["metric", "kpi", "measure", "indicator", "series", "name"],
        ) && share(table, i, is_numberish) < 0.5
    });
    let value_column = others()
        .filter(|&i| Some(i) != metric_column)
        .find(|&i| header_matches(&headers[i], &["value", "amount", "val", "result", "actual"]))
        .or_else(|| {
            let numeric: Vec<usize> = others()
                .filter(|&i| Some(i) != metric_column && share(table, i, is_numberish) >= 0.8)
                .collect();
            (numeric.len() == 1).then(|| numeric[0])
        });
    (metric_column, value_column)
}

/// A long layout listing every metric name of the metric column, in order of appearance.
fn guess_long(
    table: &RawTable,
    (period_column, metric_col, value_col): (usize, usize, usize),
    known: &Known<'_>,
) -> Layout {
    let headers = &table.headers;
    // One pass: each name in order of appearance, and what its values look like.
    let sep = guess_separator(table);
    let mut names: Vec<String> = Vec::new();
    let mut traits: FxHashMap<String, Traits> = FxHashMap::default();
    for (_, cells) in &table.rows {
        let Some(name) = cells
            .get(metric_col)
            .map(|c| c.to_string().trim().to_owned())
        else {
            continue;
        };
        if name.is_empty() {
            continue;
        }
        let seen = match traits.get_mut(&name) {
            Some(seen) => seen,
            None => {
                names.push(name.clone());
                traits.entry(name).or_insert(Traits::NONE)
            }
        };
        match cells.get(value_col) {
            Some(value) if *value != Cell::Empty => seen.see(value, sep),
            _ => seen.whole = false, // a count has a value every time
        }
    }
    let volume_weight_column = other_columns(table, period_column)
        .filter(|&i| i != metric_col && i != value_col)
        .find(|&i| header_matches(&headers[i], VOLUME_WORDS))
        .map(|i| headers[i].clone());
    let mut ids = FxHashSet::default();
    let mut metrics = Vec::new();
    for name in &names {
        let seen = traits.get(name).copied().unwrap_or(Traits::NONE);
        let (kind, aggregation, min, max) = seen.kind(name);
        let metric = known
            .series_for(name, kind)
            .unwrap_or_else(|| metric_id(name));
        // A name too long for an id is left to the import, which refuses it with its row.
        if metric.is_empty() || name.chars().count() > MAX_NAME_CHARS || !ids.insert(metric.clone())
        {
            continue;
        }
        // As in the wide layout: values with `%` are a percent, `m:ss` a duration, whole
        // numbers under a volume's name (calls, tickets) a count, summed over a month.
        metrics.push(MetricMapping {
            metric,
            source: Source::Column(name.clone()),
            kind,
            aggregation,
            min,
            max,
        });
    }
    Layout::Long {
        period_column: headers[period_column].clone(),
        metric_column: headers[metric_col].clone(),
        value_column: headers[value_col].clone(),
        volume_weight_column,
        metrics,
    }
}

/// Header words of a KPI (besides the volume words): a column named so is mapped even when
/// many of its cells are not numbers, so that its bad cells are listed rather than the column
/// left out.
const KPI_WORDS: &[&str] = &[
    "asa",
    "aht",
    "att",
    "sla",
    "sl",
    "fcr",
    "csat",
    "nps",
    "ces",
    "pct",
    "rate",
    "level",
    "secs",
    "sec",
    "seconds",
    "mins",
    "minutes",
    "hours",
    "uptime",
    "availability",
    "downtime",
    "backlog",
    "score",
    "abandon",
    "abandonment",
    "occupancy",
    "utilisation",
    "utilization",
    "kpi",
    "mttr",
    "mtbf",
    "resolution",
    "response",
];

/// Whether a column is read as a metric: mostly numbers, or some numbers under a KPI-like
/// name or the id or name of a series the project has. The others are reported by the import as not
/// imported, with the reason.
fn is_kpi_column(table: &RawTable, column: usize, name: &str, known: &Known<'_>) -> bool {
    let numbers = share(table, column, is_numberish);
    numbers >= MOSTLY_NUMBERS
        || (numbers > 0.0
            && (header_matches(name, KPI_WORDS)
                || header_matches(name, VOLUME_WORDS)
                || name.contains('%')
                || known.names(name)))
}

/// The share of numbers from which a column is mapped whatever its name.
const MOSTLY_NUMBERS: f64 = 0.5;

/// A wide layout with a metric for every column (but the period) that [`is_kpi_column`].
fn guess_wide(table: &RawTable, period_column: usize, known: &Known<'_>) -> Layout {
    let headers = &table.headers;
    let sep = guess_separator(table);
    let mut columns: Vec<MetricMapping> = Vec::new();
    let mut ids = FxHashSet::default();
    for i in other_columns(table, period_column) {
        let name = &headers[i];
        if metric_id(name).is_empty() || !is_kpi_column(table, i, name, known) {
            continue;
        }
        let source = Source::Column(name.clone());
        let mut metric = guess_metric(table, i, name, source, sep);
        if let Some(id) = known.series_for(name, metric.kind) {
            metric.metric = id;
        }
        if ids.insert(metric.metric.clone()) {
            columns.push(metric);
        }
    }
    Layout::Wide {
        period_column: headers.get(period_column).cloned().unwrap_or_default(),
        columns,
    }
}

/// How many rows below a title the header row is looked for.
const TITLE_ROWS: usize = 20;

/// The row that names the columns, for a table read with its header in row `current`: that
/// row when it names two columns or more; when it holds a title instead (one cell, such as
/// `KPI report`), the first row below that names two columns or more in text and is followed
/// by a row starting a period. Read the file again with the row found as its header row.
pub fn guess_header_row(table: &RawTable, current: usize) -> usize {
    let named = |cells: &mut dyn Iterator<Item = &Cell>| {
        let mut count = 0;
        for cell in cells {
            match cell {
                Cell::Empty => {}
                Cell::Text(t) if parse_number(t, Separator::Dot).is_none() && !is_period(cell) => {
                    count += 1;
                }
                _ => return 0, // a number or a date: a data row, not names
            }
        }
        count
    };
    if table.headers.iter().filter(|h| !h.is_empty()).count() >= 2 {
        return current;
    }
    let rows = &table.rows[..table.rows.len().min(TITLE_ROWS)];
    for (i, (line, cells)) in rows.iter().enumerate() {
        let next_has_period = table
            .rows
            .get(i + 1)
            .is_some_and(|(_, next)| next.iter().any(is_period));
        if named(&mut cells.iter()) >= 2 && next_has_period {
            return *line;
        }
    }
    current
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metric_ids_are_words() {
        assert_eq!(metric_id("Abandon %"), "abandon_pct");
        assert_eq!(metric_id("ASA (s)"), "asa_s");
        assert_eq!(metric_id("  Service level 80/20 "), "service_level_80_20");
        assert_eq!(metric_id("2nd line"), "m_2nd_line");
        assert_eq!(metric_id("asa_secs"), "asa_secs");
        assert_eq!(metric_id("%"), "pct");
        assert_eq!(metric_id("—"), "");
    }
}
