//! The spread of the simulated futures month by month, as charts draw it: each month's
//! percentiles of credits and net (by nearest rank, as every figure), and each trial's credits
//! over the term and per contract year. Amounts are f64 here (and f32 while collected): these
//! are pictures of the trials; the exact figures are the [`super::RiskReport`]'s.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::{Observer, TrialRow, nearest_rank};

/// The trials the monthly bands are drawn from, at most: the first 100,000 (a picture does not
/// change past that, and a million trials of a ten-year term would hold a gigabyte of monthly
/// amounts). The histograms use every trial.
pub const BAND_TRIALS: usize = 100_000;

/// The percentiles one month's band is drawn between, with its median.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Band {
    /// 5th percentile (nearest rank).
    pub p5: f64,
    /// 25th percentile.
    pub p25: f64,
    /// The median.
    pub p50: f64,
    /// 75th percentile.
    pub p75: f64,
    /// 95th percentile.
    pub p95: f64,
}

impl Band {
    /// The band of `values` (sorted here); the default (zeros) when there are none.
    fn of(values: &mut [f32]) -> Self {
        values.sort_by(f32::total_cmp);
        let p = |q| nearest_rank(values, q).map_or(0.0, f64::from);
        Self {
            p5: p(5),
            p25: p(25),
            p50: p(50),
            p75: p(75),
            p95: p(95),
        }
    }
}

/// The simulated futures of one offer, as pictures draw them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Spread {
    /// Per month of the term, the band of credits.
    pub credits: Vec<Band>,
    /// Per month of the term, the band of net.
    pub net: Vec<Band>,
    /// Each trial's credits over the term.
    pub term_credits: Vec<f64>,
    /// Per contract year, each trial's credits in it.
    pub year_credits: Vec<Vec<f64>>,
}

/// Collects a run's [`Spread`] as its trials come (an [`Observer`]).
#[derive(Debug, Clone)]
pub struct SpreadCollector {
    credits: Vec<Vec<f32>>,
    net: Vec<Vec<f32>>,
    term_credits: Vec<f64>,
    year_credits: Vec<Vec<f64>>,
}

fn plot(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

impl SpreadCollector {
    /// A collector for a term of `months` months in `years` contract years.
    pub fn new(months: usize, years: usize) -> Self {
        Self {
            credits: vec![Vec::new(); months],
            net: vec![Vec::new(); months],
            term_credits: Vec::new(),
            year_credits: vec![Vec::new(); years],
        }
    }

    /// The spread of the trials seen.
    pub fn finish(self) -> Spread {
        let bands = |series: Vec<Vec<f32>>| {
            (series.into_iter())
                .map(|mut values| Band::of(&mut values))
                .collect()
        };
        Spread {
            credits: bands(self.credits),
            net: bands(self.net),
            term_credits: self.term_credits,
            year_credits: self.year_credits,
        }
    }
}

impl Observer for SpreadCollector {
    fn trial(&mut self, rows: &[TrialRow]) {
        if self.term_credits.len() < BAND_TRIALS {
            let months = rows.iter().flat_map(|r| &r.months);
            for ((m, credits), net) in months.zip(&mut self.credits).zip(&mut self.net) {
                // A picture's precision: f32 halves the memory of the bands' inputs.
                credits.push(plot(m.credits) as f32);
                net.push(plot(m.net) as f32);
            }
        }
        let term: Decimal = rows.iter().map(|r| r.credits).sum();
        self.term_credits.push(plot(term));
        for (row, year) in rows.iter().zip(&mut self.year_credits) {
            year.push(plot(row.credits));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::risk::MonthAmounts;

    fn row(year: u32, months: &[(i64, i64)]) -> TrialRow {
        let months: Vec<MonthAmounts> = (months.iter())
            .map(|(c, n)| MonthAmounts {
                credits: Decimal::from(*c),
                net: Decimal::from(*n),
            })
            .collect();
        TrialRow {
            trial: 0,
            contract_year: year,
            credits: months.iter().map(|m| m.credits).sum(),
            bonuses: Decimal::ZERO,
            earn_back: Decimal::ZERO,
            net: months.iter().map(|m| m.net).sum(),
            triggers: Vec::new(),
            caps_binding: Vec::new(),
            months,
        }
    }

    #[test]
    fn bands_are_nearest_rank_percentiles_of_each_month() {
        let mut c = SpreadCollector::new(2, 1);
        // Four trials of two months: month 1 credits 0, 10, 20, 30; month 2 always 5.
        for credit in [30, 0, 20, 10] {
            c.trial(&[row(1, &[(credit, 100 - credit), (5, 95)])]);
        }
        let spread = c.finish();
        // n = 4: P5 rank ⌈0.2⌉ = 1, P25 rank 1, P50 rank 2, P75 rank 3, P95 rank ⌈3.8⌉ = 4.
        assert_eq!(
            spread.credits[0],
            Band {
                p5: 0.0,
                p25: 0.0,
                p50: 10.0,
                p75: 20.0,
                p95: 30.0
            }
        );
        assert_eq!(spread.net[0].p50, 80.0);
        assert_eq!(spread.credits[1].p95, 5.0);
        // Term credits per trial, in trial order: 30 + 5, 0 + 5, …
        assert_eq!(spread.term_credits, [35.0, 5.0, 25.0, 15.0]);
        assert_eq!(spread.year_credits, [vec![35.0, 5.0, 25.0, 15.0]]);
    }
}
