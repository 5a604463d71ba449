//! Applying a mapping to a table: monthly series plus every problem found.
//!
//! [`import`] goes in steps, a file each:
//! - `columns`: map the mapping's columns to the table's (a missing one stops the import);
//! - `cells`: read one cell as a period, a value in the metric's unit, a ratio or a weight;
//! - `rows`: the first pass, every row read into observations (a row with an error gives none);
//! - `checks`: what needs every row first (repeated periods out of order, percent scales,
//!   allowed ranges);
//! - `months`: aggregate the good rows to months and find the gaps;
//! - `unused`: the columns the mapping does not read, each reported with the reason;
//! - `report`: the problems and the [`ImportOutcome`].

mod cells;
mod checks;
mod columns;
mod months;
mod report;
mod rows;
mod unused;

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::periods::date_order_hint;
use super::table::{ImportError, Progress, RawTable};
use super::values::{Separator, resolve_separator};
use crate::model::YearMonth;
use crate::model::import_mapping::{DateOrder, ImportMapping};
use cells::cell;
use columns::Columns;
use report::Problems;
pub use report::{
    ImportOutcome, ImportProblem, MAX_LISTED_PROBLEMS, NotImported, ProblemKind, Severity,
};

/// Monthly KPI series by metric id: the shape a project stores its history in.
pub type MonthlySeries = BTreeMap<String, BTreeMap<YearMonth, Decimal>>;

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
    let mut columns = columns::map_columns(table, mapping, file)?;
    let (sep, order) = decide_formats(table, mapping, &columns);
    let mut problems = Problems::new(file);
    unused::report_unused(table, &columns, &mut problems);
    progress.start(table.rows.len() as u64);

    let pass = rows::read_rows(
        table,
        &mut columns,
        (sep, order),
        file,
        &mut problems,
        progress,
    )?;
    let mut observations = pass.observations;
    let metrics = &columns.metrics;
    checks::repeated_periods(
        &observations,
        &pass.out_of_order,
        metrics,
        table,
        columns.period,
        &mut problems,
    );
    checks::scale_percents(&mut observations, metrics.len());
    checks::check_ranges(&observations, metrics, table, &mut problems);
    let series = months::to_months((&observations, &pass.weights), metrics, &mut problems);
    progress.update(table.rows.len() as u64, table.rows.len() as u64);

    Ok(problems.into_outcome(series, table.rows.len(), sep, order))
}

/// The decimal separator and the date order of the file: the mapping's, or under `Auto` the
/// ones its first [`SNIFF_ROWS`] rows suggest (day first when the dates cannot tell).
fn decide_formats(
    table: &RawTable,
    mapping: &ImportMapping,
    columns: &Columns,
) -> (Separator, DateOrder) {
    let sniffed = || table.rows.iter().take(SNIFF_ROWS).map(|(_, cells)| cells);
    let samples = sniffed().flat_map(|cells| {
        let columns = columns.value_columns.iter();
        columns.filter_map(|&c| cell(cells, c).text())
    });
    let sep = resolve_separator(
        mapping.format.decimal_separator,
        samples,
        table.delimiter == Some(b';'),
    );
    let order = match mapping.format.date_order {
        DateOrder::Auto => sniffed()
            .filter_map(|cells| cell(cells, columns.period).text().and_then(date_order_hint))
            .next()
            .unwrap_or(DateOrder::DayFirst),
        order => order,
    };
    (sep, order)
}
