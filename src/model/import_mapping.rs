//! How the columns of a KPI file become monthly series: the import mapping.
//!
//! A mapping is plain serde data. It is stored in a RON file (`--mapping MAPPING.ron`) and inside
//! the project file as the provenance of each series, so "Re-import" reads the file the same way.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Everything needed to read one KPI file into monthly series: how to read the file and which
/// column is which metric.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportMapping {
    /// How the file is written: delimiter, decimal separator, header row, sheet, date order.
    #[serde(default)]
    pub format: SourceFormat,
    /// Where periods, metric names and values are in the table.
    pub layout: Layout,
}

/// How the source file is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SourceFormat {
    /// The CSV field delimiter; `Auto` sniffs it from the header line.
    pub delimiter: Delimiter,
    /// The decimal separator of numbers; `Auto` decides once per file from the values.
    pub decimal_separator: DecimalSeparator,
    /// The 1-based row that holds the column names; rows above it (titles) are ignored.
    pub header_row: usize,
    /// The XLSX sheet to read; `None` reads the first sheet. Ignored for CSV.
    pub sheet: Option<String>,
    /// How to read numeric dates like `05/03/2024`; `Auto` decides once per file.
    pub date_order: DateOrder,
}

impl Default for SourceFormat {
    fn default() -> Self {
        Self {
            delimiter: Delimiter::Auto,
            decimal_separator: DecimalSeparator::Auto,
            header_row: 1,
            sheet: None,
            date_order: DateOrder::Auto,
        }
    }
}

/// The CSV field delimiter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Delimiter {
    /// Sniffed from the header line: the most frequent of `,` `;` and tab outside quotes
    /// (comma when none occurs).
    #[default]
    Auto,
    /// `,`
    Comma,
    /// `;`, common in European exports that use the decimal comma.
    Semicolon,
    /// A tab (TSV, or a block pasted from a spreadsheet).
    Tab,
}

/// The decimal separator of numbers in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum DecimalSeparator {
    /// Decided once per file from the value columns: a value like `1.234,5` or `12,5` means a
    /// decimal comma, `1,234.5` or `12.5` a decimal point. When no value tells (only integers or
    /// `1,234`), a `;`-delimited file uses the comma and any other the point.
    #[default]
    Auto,
    /// `12.5`, with `,` (or a space) grouping thousands: `1,234.5`.
    Dot,
    /// `12,5`, with `.` (or a space) grouping thousands: `1.234,5`.
    Comma,
}

/// How numeric dates with the year last (`05/03/2024`) are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum DateOrder {
    /// Decided once per file: any first number above 12 means day first, any second number above
    /// 12 means month first; when no date tells, day first.
    #[default]
    Auto,
    /// `15/03/2024`, `15.03.2024` (Europe).
    DayFirst,
    /// `03/15/2024` (United States).
    MonthFirst,
}

/// Where the periods, metrics and values are in the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Layout {
    /// One row per period and metric: `period, metric, value`.
    Long {
        /// The column holding the period (month, date or date-time).
        period_column: String,
        /// The column holding the metric name, for example `ASA` or `abandon_rate`.
        metric_column: String,
        /// The column holding the value.
        value_column: String,
        /// The column holding each row's volume, if the file has one; the natural weight for a
        /// [`Aggregation::VolumeWeightedMean`] in this layout.
        #[serde(default)]
        volume_weight_column: Option<String>,
        /// Which metric names to import and how. Each metric's [`Source::Column`] names a value
        /// of the metric column (not a column). When empty, every metric name is imported as a
        /// [`ValueKind::Number`] averaged per month, under an id made from its name.
        #[serde(default)]
        metrics: Vec<MetricMapping>,
    },
    /// One row per period and a column per metric: `period, asa_secs, abandon_pct, …`.
    Wide {
        /// The column holding the period (month, date or date-time).
        period_column: String,
        /// The metric columns to import; other columns are ignored.
        columns: Vec<MetricMapping>,
    },
}

impl Layout {
    /// The column holding the period.
    pub fn period_column(&self) -> &str {
        match self {
            Layout::Long { period_column, .. } | Layout::Wide { period_column, .. } => {
                period_column
            }
        }
    }

    /// The metric mappings, in file order.
    pub fn metrics(&self) -> &[MetricMapping] {
        match self {
            Layout::Long { metrics, .. } => metrics,
            Layout::Wide { columns, .. } => columns,
        }
    }
}

/// One imported metric: where its values come from, what they mean, how days become months,
/// and which values are plausible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricMapping {
    /// The metric id in the project, a word such as `asa_secs` or `abandon_pct`.
    pub metric: String,
    /// Where the value is read from.
    pub source: Source,
    /// What the value is and its unit.
    #[serde(default)]
    pub kind: ValueKind,
    /// How rows within one month make the month's value.
    #[serde(default)]
    pub aggregation: Aggregation,
    /// The smallest plausible value, in the stored unit (percent 0–100, seconds); smaller values
    /// are reported as out of range.
    #[serde(default)]
    pub min: Option<Decimal>,
    /// The largest plausible value, in the stored unit; a 140 % rate against a maximum of 100 is
    /// reported as out of range.
    #[serde(default)]
    pub max: Option<Decimal>,
}

/// Where a metric's value is read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Source {
    /// A column (wide layout) or a metric name in the metric column (long layout).
    Column(String),
    /// The ratio of two columns of the same row (wide layout only), for example abandoned calls
    /// over offered calls; multiplied by 100 when the kind is a percent.
    Ratio {
        /// The column holding the numerator.
        numerator: String,
        /// The column holding the denominator; a zero denominator leaves the row out.
        denominator: String,
    },
}

/// What a value is; decides how text is read and the stored unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ValueKind {
    /// A plain number, stored as read.
    #[default]
    Number,
    /// A percentage, stored as percent points (0–100): `95.5%`, `95.5` and `0.955` can all mean
    /// 95.5 depending on the scale.
    Percent {
        /// How values without a `%` sign are scaled.
        #[serde(default)]
        scale: PercentScale,
    },
    /// A duration, always stored in seconds.
    Duration {
        /// How plain numbers are read; `mm:ss` and `hh:mm:ss` text is read in any unit.
        unit: DurationUnit,
    },
    /// A count of things (calls, tickets): a whole number.
    Count,
}

/// How percentages written without a `%` sign are scaled to percent points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum PercentScale {
    /// Decided per metric: when every value without `%` lies within −1 to 1 they are fractions,
    /// otherwise percent points. A metric that is always below 1 % (0.4, 0.7) is misread as a
    /// fraction under `Auto`: choose `Percent` for it.
    #[default]
    Auto,
    /// `0.955` means 95.5 %.
    Fraction,
    /// `95.5` means 95.5 %.
    Percent,
}

/// The unit of durations written as plain numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum DurationUnit {
    /// `35` means 35 seconds.
    #[default]
    Seconds,
    /// `2.5` means 150 seconds.
    Minutes,
    /// `03:25` means 3 minutes 25 seconds; a plain number means seconds.
    MinSec,
    /// `01:02:03` means 1 h 2 min 3 s, and `01:02` means 1 h 2 min; a plain number means seconds.
    HourMinSec,
}

/// How the rows that fall in one month (daily, weekly or interval data) make that month's value.
/// A row counts in the month of its period's date; a weekly row is dated by the first day of
/// its week, so a week that starts on 29 March counts wholly in March.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Aggregation {
    /// The arithmetic mean of the rows (for rates and times measured per day).
    #[default]
    Mean,
    /// The sum of the rows (for volumes: calls, tickets).
    Sum,
    /// The row with the latest period in the month (for balances and month-to-date figures);
    /// on equal periods the lower row.
    Last,
    /// The mean weighted by another column, usually the volume: Σ(value × weight) / Σ weight.
    /// For a [`Source::Ratio`], weighting by the denominator gives Σ numerator / Σ denominator.
    VolumeWeightedMean {
        /// The column holding each row's weight.
        weight_column: String,
    },
}
