//! The checks that need every row read first: a period repeated out of order in the long
//! layout, the percent scale of values written without `%`, and the allowed ranges.

use rust_decimal::Decimal;

use super::cells::cell_text;
use super::columns::Resolved;
use super::report::{ProblemKind, Problems};
use super::rows::Observation;
use crate::io::kpi_import::periods::Period;
use crate::io::kpi_import::table::RawTable;

/// Long layout: the same period twice for a metric, among the metrics whose periods went back
/// (`out_of_order`, by metric index). The first row keeps the period; each repeat is an error.
pub(super) fn repeated_periods(
    observations: &[Observation],
    out_of_order: &[bool],
    metrics: &[Resolved],
    table: &RawTable,
    period_column: usize,
    problems: &mut Problems,
) {
    if !out_of_order.contains(&true) {
        return;
    }
    let period_name = table.headers[period_column].as_str();
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
                cell_text(table, row, period_column),
                Some(&metrics[metric as usize].mapping.metric),
                ProblemKind::DuplicatePeriod { first_row },
            ),
            _ => first = Some((metric, period, row)),
        }
    }
}

/// Puts the percents written without `%` under `PercentScale::Auto` on the 0–100 scale: when
/// every such value of a metric lies within ±1 they are fractions (0.95 is 95 %), otherwise
/// they are percent points already.
pub(super) fn scale_percents(observations: &mut [Observation], metric_count: usize) {
    let mut any_large = vec![false; metric_count];
    for o in observations.iter() {
        if o.unscaled && o.value.abs() > Decimal::ONE {
            any_large[o.metric as usize] = true;
        }
    }
    for o in observations.iter_mut() {
        if o.unscaled && !any_large[o.metric as usize] {
            // Every plain value of this metric lies within ±1: they are fractions.
            o.value *= Decimal::ONE_HUNDRED;
        }
        o.unscaled = false;
    }
}

/// Reports every value outside its metric's allowed range (an error on its row).
pub(super) fn check_ranges(
    observations: &[Observation],
    metrics: &[Resolved],
    table: &RawTable,
    problems: &mut Problems,
) {
    for o in observations {
        let r = &metrics[o.metric as usize];
        let m = &r.mapping;
        let below = m.min.is_some_and(|min| o.value < min);
        let above = m.max.is_some_and(|max| o.value > max);
        if below || above {
            problems.add(
                Some(o.row),
                Some(&r.column_name),
                cell_text(table, o.row, r.column),
                Some(&m.metric),
                ProblemKind::OutOfRange {
                    value: o.value,
                    min: m.min,
                    max: m.max,
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;
    use crate::io::kpi_import::periods::parse_period;
    use crate::model::import_mapping::DateOrder;

    fn observation(metric: u32, value: Decimal, unscaled: bool) -> Observation {
        Observation {
            metric,
            row: 2,
            period: parse_period("2024-03", DateOrder::DayFirst).unwrap(),
            value,
            unscaled,
        }
    }

    #[test]
    fn plain_percents_are_fractions_only_when_all_lie_within_one() {
        let mut observations = [
            // Metric 0: 0.5 and 0.9 without `%` are fractions: 50 and 90. The 0.3 written
            // with `%` is 0.3 points already and stays.
            observation(0, dec!(0.5), true),
            observation(0, dec!(0.9), true),
            observation(0, dec!(0.3), false),
            // Metric 1: 2 is above 1, so its plain values are points: 0.5 stays 0.5.
            observation(1, dec!(0.5), true),
            observation(1, dec!(2), true),
        ];
        scale_percents(&mut observations, 2);
        let values: Vec<Decimal> = observations.iter().map(|o| o.value).collect();
        assert_eq!(values, [dec!(50), dec!(90), dec!(0.3), dec!(0.5), dec!(2)]);
        assert!(observations.iter().all(|o| !o.unscaled));
    }
}
