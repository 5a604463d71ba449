//! KPI history in and out: read a CSV or XLSX export, map its columns to metrics, import it as
//! monthly series with every problem reported, see what would change, and export series back.
//!
//! The steps are separate so that the import dialog can show each one:
//! 1. [`read_table`] (or [`read_csv`], [`read_xlsx`]) reads the file into a [`RawTable`]; pass a
//!    row limit for a preview. File-level failures are an [`ImportError`].
//! 2. [`guess_mapping`] proposes an [`ImportMapping`], which the user corrects; it is serde data,
//!    kept in the project as provenance and in `MAPPING.ron` files.
//! 3. [`import`] applies the mapping: an [`ImportOutcome`] with the monthly series and the
//!    [`ImportProblem`]s. Nothing is changed by it.
//! 4. [`diff_series`] says what applying would change; [`merge_series`] applies, which the caller
//!    does only when [`ImportOutcome::can_apply`] allows it.
//!
//! All values are exact decimals; nothing here panics on any input. Reading and importing
//! report to a shared [`Progress`] and stop when it is cancelled, so both can run off the UI
//! thread.
//!
//! ```
//! use dealbench::io::kpi_import::{Progress, SourceFormat, guess_mapping, import, read_csv};
//! use rust_decimal_macros::dec;
//!
//! let csv = "date;abandon rate\n01.03.2024;4,5%\n02.03.2024;5,5%\n01.04.2024;3%\n";
//! let progress = Progress::new();
//! let table = read_csv(csv.as_bytes(), &SourceFormat::default(), "calls.csv", None, &progress)?;
//! let mapping = guess_mapping(&table);
//! let outcome = import(&table, &mapping, "calls.csv", &progress)?;
//! assert_eq!(outcome.error_count, 0);
//! let march = "2024-03".parse().unwrap();
//! assert_eq!(outcome.series["abandon_rate"][&march], dec!(5.0)); // (4.5 + 5.5) / 2
//! # Ok::<(), dealbench::io::kpi_import::ImportError>(())
//! ```

mod apply;
mod csv_read;
mod diff;
mod export;
mod guess;
mod import;
mod known;
pub mod limits;
mod parts;
mod periods;
mod table;
mod text;
mod values;
mod xlsx;

use std::path::Path;

pub use crate::model::import_mapping::{
    Aggregation, DateOrder, DecimalSeparator, Delimiter, DurationUnit, ImportMapping, Layout,
    MetricMapping, PercentScale, Source, SourceFormat, ValueKind,
};
pub use apply::{
    ApplyError, ApplySummary, apply, import_series, paste_block, project_folder, project_series,
    resolve_source, source_path,
};
pub use csv_read::{read_csv, sniff_delimiter};
pub use diff::{MetricDiff, SeriesDiff, diff_series, merge_series};
pub use export::{export_long, export_wide, write_csv};
pub use guess::{guess_column, guess_header_row, guess_mapping, guess_mapping_for, metric_id};
pub use import::{
    ImportOutcome, ImportProblem, MAX_LISTED_PROBLEMS, MonthlySeries, NotImported, ProblemKind,
    Severity, import,
};
pub use parts::ApplyWarning;
pub use periods::{Period, excel_serial_to_datetime, parse_period};
pub use table::{Cell, ImportError, Progress, RawTable, file_name, read_table};
pub use text::CellText;
pub use values::{ParsedNumber, Separator, parse_duration, parse_number};
pub use xlsx::read_xlsx;

/// Reads `path` with the mapping's format and imports it: [`read_table`] then [`import`].
/// Problems are named by the file's name.
pub fn import_file(
    path: &Path,
    mapping: &ImportMapping,
    progress: &Progress,
) -> Result<ImportOutcome, ImportError> {
    let table = read_table(path, &mapping.format, None, progress)?;
    import(&table, mapping, &file_name(path), progress)
}
