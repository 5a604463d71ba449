//! Reading one cell: a period, a metric's value in its stored unit, a plain number, a ratio of
//! two cells. Pure functions: what is wrong is returned, and the caller reports it.

use chrono::Timelike;
use rust_decimal::Decimal;

use super::report::ProblemKind;
use crate::io::kpi_import::periods::{Period, parse_period, period_from_serial};
use crate::io::kpi_import::table::{Cell, RawTable};
use crate::io::kpi_import::values::{Separator, decimal_from_f64, parse_duration, parse_number};
use crate::model::import_mapping::{DateOrder, DurationUnit, PercentScale, ValueKind};

/// The cell at `index` of a row; a short row reads as empty cells.
pub(super) fn cell(cells: &[Cell], index: usize) -> &Cell {
    cells.get(index).unwrap_or(&Cell::Empty)
}

/// The text of the cell in source row `row` and `column`, to quote in a problem.
pub(super) fn cell_text(table: &RawTable, row: usize, column: usize) -> Option<String> {
    table
        .rows
        .binary_search_by_key(&row, |(r, _)| *r)
        .ok()
        .map(|i| cell(&table.rows[i].1, column).to_string())
}

/// Why a cell could not be read, or `Missing` for an empty cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ValueError {
    /// The cell is empty: the row has no value for the metric, which is no problem.
    Missing,
    /// The cell is not what the metric needs, such as "a number".
    Bad(&'static str),
}

/// Why a ratio of two cells could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum RatioError {
    /// The numerator is missing or bad, or the division overflowed: reported on the value.
    Value(ValueError),
    /// The problem with the denominator: reported on the denominator's column.
    Denominator(ProblemKind),
}

/// What a cell of `kind` should have been, as a problem names it.
fn expected(kind: ValueKind) -> &'static str {
    match kind {
        ValueKind::Number | ValueKind::Percent { .. } => "a number",
        ValueKind::Count => "a whole number",
        ValueKind::Duration { .. } => "a duration (seconds, minutes, mm:ss or hh:mm:ss)",
    }
}

/// Reads one cell as `kind`: the value in the stored unit and whether it still needs the
/// percent scale.
pub(super) fn read_value(
    cell: &Cell,
    kind: ValueKind,
    sep: Separator,
) -> Result<(Decimal, bool), ValueError> {
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
            let factor = if unit == DurationUnit::Minutes { 60 } else { 1 };
            v.checked_mul(Decimal::from(factor))
                .map(|v| (v, false))
                .ok_or(bad)
        }
        (Cell::Duration(secs), ValueKind::Duration { .. }) => Ok((*secs, false)),
        (Cell::DateTime(dt), ValueKind::Duration { .. }) => {
            // A time-of-day cell (`03:25` typed into Excel) has the epoch as its date.
            if dt.date() > chrono::NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default() {
                return Err(bad);
            }
            Ok((Decimal::from(dt.time().num_seconds_from_midnight()), false))
        }
        (Cell::Text(t), _) => {
            let n = parse_number(t, sep).ok_or(bad)?;
            finish_number(n.value, n.percent_sign, kind).ok_or(bad)
        }
        (Cell::Number(f), _) => {
            let v = decimal_from_f64(*f).ok_or(bad)?;
            finish_number(v, false, kind).ok_or(bad)
        }
        (Cell::DateTime(_) | Cell::Duration(_), _) => Err(bad),
    }
}

/// A number read from a cell, as `kind` stores it: counts must be whole, percents are put on
/// the 0–100 scale (or flagged to be, once the metric's scale is known under `Auto`).
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

/// Reads one cell as a plain number (a ratio's part, a weight).
pub(super) fn read_plain(cell: &Cell, sep: Separator) -> Result<Decimal, ValueError> {
    match cell {
        Cell::Empty => Err(ValueError::Missing),
        Cell::Text(t) => parse_number(t, sep)
            .map(|n| n.value)
            .ok_or(ValueError::Bad("a number")),
        Cell::Number(f) => decimal_from_f64(*f).ok_or(ValueError::Bad("a number")),
        _ => Err(ValueError::Bad("a number")),
    }
}

/// Reads a ratio metric from its numerator and denominator cells, times 100 for a percent.
/// A missing part gives `Missing`, as an empty cell does for any metric.
pub(super) fn read_ratio(
    numerator: &Cell,
    denominator: &Cell,
    kind: ValueKind,
    sep: Separator,
) -> Result<(Decimal, bool), RatioError> {
    match (read_plain(numerator, sep), read_plain(denominator, sep)) {
        (Err(ValueError::Bad(e)), _) => Err(RatioError::Value(ValueError::Bad(e))),
        (_, Err(ValueError::Bad(expected))) => {
            Err(RatioError::Denominator(ProblemKind::UnparseableValue {
                expected,
            }))
        }
        (Err(ValueError::Missing), _) | (_, Err(ValueError::Missing)) => {
            Err(RatioError::Value(ValueError::Missing))
        }
        (Ok(_), Ok(den)) if den.is_zero() => {
            Err(RatioError::Denominator(ProblemKind::DenominatorZero))
        }
        (Ok(num), Ok(den)) => {
            let factor = match kind {
                ValueKind::Percent { .. } => Decimal::ONE_HUNDRED,
                _ => Decimal::ONE,
            };
            num.checked_div(den)
                .and_then(|r| r.checked_mul(factor))
                .map(|v| (v, false))
                .ok_or(RatioError::Value(ValueError::Bad("a number")))
        }
    }
}

/// Reads the period cell: a month, a date or a date-time as text, an Excel serial, `yyyymm`
/// or `yyyymmdd` typed as a number, or a date-time cell.
pub(super) fn read_period(cell: &Cell, order: DateOrder) -> Option<Period> {
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

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    const AUTO_PERCENT: ValueKind = ValueKind::Percent {
        scale: PercentScale::Auto,
    };

    fn text(t: &str) -> Cell {
        Cell::Text(t.into())
    }

    #[test]
    fn values_are_read_in_the_metrics_unit() {
        let minutes = ValueKind::Duration {
            unit: DurationUnit::Minutes,
        };
        let min_sec = ValueKind::Duration {
            unit: DurationUnit::MinSec,
        };
        // 2.5 minutes typed as a number: 2.5 × 60 = 150 s.
        let read = read_value(&Cell::Number(2.5), minutes, Separator::Dot);
        assert_eq!(read, Ok((dec!(150), false)));
        // mm:ss: 3 × 60 + 25 = 205 s.
        assert_eq!(
            read_value(&text("03:25"), min_sec, Separator::Dot),
            Ok((dec!(205), false))
        );
        // A time-of-day spreadsheet cell (Excel's epoch date): 5 × 60 + 30 = 330 s.
        let time = chrono::NaiveDate::from_ymd_opt(1899, 12, 31)
            .unwrap()
            .and_hms_opt(0, 5, 30)
            .unwrap();
        assert_eq!(
            read_value(&Cell::DateTime(time), min_sec, Separator::Dot),
            Ok((dec!(330), false))
        );
    }

    #[test]
    fn percents_are_scaled_or_flagged() {
        let fraction = ValueKind::Percent {
            scale: PercentScale::Fraction,
        };
        // With a sign the value is in percent points, whatever the scale.
        let read = read_value(&text("4,5%"), AUTO_PERCENT, Separator::Comma);
        assert_eq!(read, Ok((dec!(4.5), false)));
        // Without one, `Auto` cannot tell yet: flagged for the percent-scale check.
        let read = read_value(&text("0.95"), AUTO_PERCENT, Separator::Dot);
        assert_eq!(read, Ok((dec!(0.95), true)));
        // A fraction: 0.95 × 100 = 95.
        let read = read_value(&text("0.95"), fraction, Separator::Dot);
        assert_eq!(read, Ok((dec!(95), false)));
    }

    #[test]
    fn cells_that_are_not_the_kind_say_what_was_expected() {
        let read = read_value(&text("12.5"), ValueKind::Count, Separator::Dot);
        assert_eq!(read, Err(ValueError::Bad("a whole number")));
        let read = read_value(&text("12%"), ValueKind::Count, Separator::Dot);
        assert_eq!(read, Err(ValueError::Bad("a whole number")));
        let read = read_value(
            &Cell::Number(-3.0),
            ValueKind::Duration {
                unit: DurationUnit::Seconds,
            },
            Separator::Dot,
        );
        assert!(matches!(read, Err(ValueError::Bad(e)) if e.starts_with("a duration")));
        let read = read_value(&Cell::Empty, ValueKind::Number, Separator::Dot);
        assert_eq!(read, Err(ValueError::Missing));
    }

    #[test]
    fn a_ratio_is_numerator_over_denominator() {
        // 45 / 50 = 0.9, × 100 for a percent = 90.
        let read = read_ratio(&text("45"), &text("50"), AUTO_PERCENT, Separator::Dot);
        assert_eq!(read, Ok((dec!(90), false)));
        let read = read_ratio(
            &text("45"),
            &Cell::Number(50.0),
            ValueKind::Number,
            Separator::Dot,
        );
        assert_eq!(read, Ok((dec!(0.9), false)));
    }

    #[test]
    fn a_ratio_blames_the_part_that_is_wrong() {
        let number = ValueKind::Number;
        let read = read_ratio(&text("45"), &Cell::Number(0.0), number, Separator::Dot);
        assert_eq!(
            read,
            Err(RatioError::Denominator(ProblemKind::DenominatorZero))
        );
        let read = read_ratio(&text("45"), &text("n/a"), number, Separator::Dot);
        assert_eq!(
            read,
            Err(RatioError::Denominator(ProblemKind::UnparseableValue {
                expected: "a number"
            }))
        );
        // A bad numerator is blamed before a bad denominator.
        let read = read_ratio(&text("x"), &text("n/a"), number, Separator::Dot);
        assert_eq!(read, Err(RatioError::Value(ValueError::Bad("a number"))));
        // A missing part leaves the row without a value, which is no problem.
        let read = read_ratio(&Cell::Empty, &text("50"), number, Separator::Dot);
        assert_eq!(read, Err(RatioError::Value(ValueError::Missing)));
    }

    #[test]
    fn periods_typed_as_numbers_are_serials_or_digits() {
        let month = |p: Option<Period>| p.map(|p| (p.month().to_string(), p.monthly));
        // yyyymm and yyyymmdd typed as numbers.
        let read = read_period(&Cell::Number(202_403.0), DateOrder::DayFirst);
        assert_eq!(month(read), Some(("2024-03".to_owned(), true)));
        let read = read_period(&Cell::Number(20_240_315.0), DateOrder::DayFirst);
        assert_eq!(month(read), Some(("2024-03".to_owned(), false)));
        // Excel serial 45366 is 2024-03-15.
        let read = read_period(&Cell::Number(45_366.0), DateOrder::DayFirst);
        assert_eq!(month(read), Some(("2024-03".to_owned(), false)));
        assert_eq!(read_period(&Cell::Number(12.5), DateOrder::DayFirst), None);
    }

    #[test]
    fn a_cell_is_quoted_by_its_source_row() {
        let table = RawTable {
            headers: vec!["period".to_owned(), "calls".to_owned()],
            rows: vec![
                (2, vec![text("2024-03"), text("410")]),
                (5, vec![text("2024-04")]),
            ],
            ..RawTable::default()
        };
        assert_eq!(cell_text(&table, 2, 1).as_deref(), Some("410"));
        assert_eq!(cell_text(&table, 5, 1).as_deref(), Some(""), "a short row");
        assert_eq!(cell_text(&table, 3, 0), None, "no such row");
    }
}
