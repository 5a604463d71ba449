//! Aggregating the good rows to months, by each metric's aggregation, and finding the months
//! missing between a metric's first and last.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::MonthlySeries;
use super::columns::Resolved;
use super::report::{ProblemKind, Problems};
use super::rows::Observation;
use crate::io::kpi_import::periods::Period;
use crate::model::YearMonth;
use crate::model::import_mapping::Aggregation;

/// One metric's values in one month, as running totals.
#[derive(Debug, Default)]
struct Accumulator {
    sum: Decimal,
    count: u64,
    /// Σ value × weight, for a volume-weighted mean.
    weighted: Decimal,
    /// Σ weight.
    weights: Decimal,
    /// The latest period's value (on a tie, the first row's): (period, row, value).
    last: Option<(Period, usize, Decimal)>,
    /// A total left the decimal range: the month has no value.
    overflow: bool,
}

impl Accumulator {
    /// Adds one observation; `weight` is its weight when the metric is volume-weighted.
    fn add(&mut self, o: &Observation, weight: Option<Decimal>) {
        self.count += 1;
        match self.sum.checked_add(o.value) {
            Some(sum) => self.sum = sum,
            None => self.overflow = true,
        }
        if let Some(weight) = weight {
            match o.value.checked_mul(weight).and_then(|vw| {
                Some((
                    self.weighted.checked_add(vw)?,
                    self.weights.checked_add(weight)?,
                ))
            }) {
                Some((weighted, weights)) => {
                    self.weighted = weighted;
                    self.weights = weights;
                }
                None => self.overflow = true,
            }
        }
        if self
            .last
            .is_none_or(|(p, r, _)| (o.period, Reverse(o.row)) > (p, Reverse(r)))
        {
            self.last = Some((o.period, o.row, o.value));
        }
    }

    /// The month's value by `aggregation`, or the problem that leaves the month without one.
    fn value(&self, aggregation: &Aggregation, month: YearMonth) -> Result<Decimal, ProblemKind> {
        let value = match aggregation {
            _ if self.overflow => None,
            Aggregation::Mean => self.sum.checked_div(Decimal::from(self.count)),
            Aggregation::Sum => Some(self.sum),
            Aggregation::Last => self.last.map(|(_, _, v)| v),
            Aggregation::VolumeWeightedMean { .. } => {
                if self.weights.is_zero() {
                    return Err(ProblemKind::ZeroWeight { month });
                }
                self.weighted.checked_div(self.weights)
            }
        };
        value.ok_or(ProblemKind::Overflow { month })
    }
}

/// The monthly series of the observations not in `bad_rows`, each month reduced by its
/// metric's aggregation. A month that overflows or weighs nothing is reported and left out;
/// so is each run of months missing inside a metric's span (a warning).
pub(super) fn to_months(
    (observations, weights): (&[Observation], &[Decimal]),
    metrics: &[Resolved],
    problems: &mut Problems,
) -> MonthlySeries {
    let by_metric = by_metric(observations, metrics.len());
    let mut series = MonthlySeries::new();
    // One metric at a time: only its months' running totals are held (a file of thousands of
    // metrics would otherwise hold all their totals at once).
    for (metric, r) in metrics.iter().enumerate() {
        let m = &r.mapping;
        let mut months: BTreeMap<YearMonth, Accumulator> = BTreeMap::new();
        for &i in &by_metric.order[by_metric.starts[metric]..by_metric.starts[metric + 1]] {
            let Some(o) = observations.get(i as usize) else {
                continue;
            };
            if problems.bad_rows.contains(&o.row) {
                continue;
            }
            let weight = r
                .weight
                .map(|_| weights.get(i as usize).copied().unwrap_or(Decimal::ONE));
            months.entry(o.period.month()).or_default().add(o, weight);
        }
        let mut out = BTreeMap::new();
        for (month, acc) in months {
            match acc.value(&m.aggregation, month) {
                Ok(v) => {
                    out.insert(month, v);
                }
                Err(kind) => problems.add(None, Some(&r.column_name), None, Some(&m.metric), kind),
            }
        }
        for (from, to) in gaps(out.keys().copied()) {
            let kind = ProblemKind::Gap { from, to };
            problems.add(None, Some(&r.column_name), None, Some(&m.metric), kind);
        }
        if !out.is_empty() {
            series.insert(m.metric.clone(), out);
        }
    }
    series
}

/// The observations' indices grouped by metric, each group in row order: metric `m`'s are
/// `order[starts[m]..starts[m + 1]]`.
struct ByMetric {
    starts: Vec<usize>,
    order: Vec<u32>,
}

/// Groups the observations by metric in two passes (count, then place): linear, and stable.
fn by_metric(observations: &[Observation], metric_count: usize) -> ByMetric {
    let mut starts = vec![0usize; metric_count + 1];
    for o in observations {
        starts[o.metric as usize + 1] += 1;
    }
    for m in 0..metric_count {
        starts[m + 1] += starts[m];
    }
    let mut next = starts.clone();
    let mut order = vec![0u32; observations.len()];
    for (i, o) in observations.iter().enumerate() {
        let slot = &mut next[o.metric as usize];
        // The file limits keep the count far below u32::MAX: 100 MiB of CSV holds at most
        // 52 million cells, a sheet 20 million.
        order[*slot] = u32::try_from(i).unwrap_or(u32::MAX);
        *slot += 1;
    }
    ByMetric { starts, order }
}

/// The runs of months missing between the first and the last of `months` (ascending, each
/// once), as (first missing, last missing).
fn gaps(months: impl IntoIterator<Item = YearMonth>) -> Vec<(YearMonth, YearMonth)> {
    let mut runs = Vec::new();
    let mut previous: Option<YearMonth> = None;
    for month in months {
        if let Some(previous) = previous
            && month.months_since(previous) > 1
        {
            runs.push((previous.plus(1), month.plus(-1)));
        }
        previous = Some(month);
    }
    runs
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;
    use crate::io::kpi_import::periods::parse_period;
    use crate::model::import_mapping::DateOrder;

    fn month(text: &str) -> YearMonth {
        text.parse().unwrap()
    }

    fn observation(
        row: usize,
        day: &str,
        value: Decimal,
        weight: Decimal,
    ) -> (Observation, Decimal) {
        let o = Observation {
            metric: 0,
            row,
            period: parse_period(day, DateOrder::DayFirst).unwrap(),
            value,
            unscaled: false,
        };
        (o, weight)
    }

    fn accumulate(observations: &[(Observation, Decimal)], weighted: bool) -> Accumulator {
        let mut acc = Accumulator::default();
        for (o, weight) in observations {
            acc.add(o, weighted.then_some(*weight));
        }
        acc
    }

    #[test]
    fn a_month_is_reduced_by_its_aggregation() {
        let march = month("2024-03");
        let rows = [
            observation(2, "2024-03-20", dec!(10), dec!(1)),
            observation(3, "2024-03-05", dec!(20), dec!(3)),
            observation(4, "2024-03-20", dec!(40), dec!(0)),
        ];
        let acc = accumulate(&rows, true);
        // Mean: (10 + 20 + 40) / 3 = 23.33…; sum: 70.
        let mean = acc.value(&Aggregation::Mean, march).unwrap();
        assert_eq!(mean.round_dp(4), dec!(23.3333));
        assert_eq!(acc.value(&Aggregation::Sum, march), Ok(dec!(70)));
        // Last: the latest day is the 20th, first in rows 2 and 4; the first row wins.
        assert_eq!(acc.value(&Aggregation::Last, march), Ok(dec!(10)));
        // Weighted: (10 × 1 + 20 × 3 + 40 × 0) / (1 + 3 + 0) = 70 / 4 = 17.5.
        let weighted = Aggregation::VolumeWeightedMean {
            weight_column: "calls".to_owned(),
        };
        assert_eq!(acc.value(&weighted, march), Ok(dec!(17.5)));
    }

    #[test]
    fn a_month_without_weight_or_in_overflow_has_no_value() {
        let march = month("2024-03");
        let weighted = Aggregation::VolumeWeightedMean {
            weight_column: "calls".to_owned(),
        };
        let zero = accumulate(&[observation(2, "2024-03-01", dec!(10), dec!(0))], true);
        assert_eq!(
            zero.value(&weighted, march),
            Err(ProblemKind::ZeroWeight { month: march })
        );
        let huge = [
            observation(2, "2024-03-01", Decimal::MAX, dec!(1)),
            observation(3, "2024-03-02", Decimal::MAX, dec!(1)),
        ];
        let acc = accumulate(&huge, false);
        assert_eq!(
            acc.value(&Aggregation::Sum, march),
            Err(ProblemKind::Overflow { month: march })
        );
        // Overflow wins over the (ignored) weights.
        assert_eq!(
            acc.value(&weighted, march),
            Err(ProblemKind::Overflow { month: march })
        );
    }

    #[test]
    fn gaps_are_the_runs_of_missing_months() {
        let months = ["2023-11", "2023-12", "2024-03", "2024-05", "2024-06"].map(month);
        assert_eq!(
            gaps(months),
            [
                (month("2024-01"), month("2024-02")),
                (month("2024-04"), month("2024-04"))
            ]
        );
        assert_eq!(gaps([month("2024-01")]), []);
        assert_eq!(gaps([]), []);
    }
}
