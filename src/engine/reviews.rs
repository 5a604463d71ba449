//! Performance reviews (issue 11, governance): for each review the contract schedules within
//! the term, a summary of every service level since the previous review.
//!
//! A review held on a day reviews the complete months before it: the months from the previous
//! review's month (or the term's start, for the first review) up to the month before the
//! review's. Its trend compares the average measured value of those months with the average of
//! the previous review's months, in the service level's direction (a lower response time is
//! better). Reviews are not money: nothing here changes the ledger.

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;

use super::{Ledger, Outcome};
use crate::model::{ReviewStart, Scenario, YearMonth};

/// One scheduled review and what it covers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    /// The day of the review.
    pub date: NaiveDate,
    /// The first month it reviews.
    pub from: YearMonth,
    /// The last month it reviews (the month before the review's); before `from` when the
    /// review falls in the first month of the term and has no complete month to review.
    pub to: YearMonth,
    /// Every service level of the offer, in its order.
    pub service_levels: Vec<ReviewLine>,
}

/// One service level's months since the previous review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewLine {
    /// The service level's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Months measured (met or missed).
    pub measured: u32,
    /// Months at or better than target.
    pub met: u32,
    /// Months worse than target but not than the minimum.
    pub target_misses: u32,
    /// Months worse than the minimum.
    pub minimum_misses: u32,
    /// Its credits over the months, after its own cap and before the regime's caps.
    pub credits: Decimal,
    /// The average measured value over the months, unrounded; `None` with none measured.
    pub average: Option<Decimal>,
    /// This period's average against the previous period's; `None` for the first review or
    /// when either period has nothing measured.
    pub trend: Option<Trend>,
}

/// Which way a service level went since the previous review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    /// The average moved in the service level's better direction.
    Better,
    /// The average moved in the worse direction.
    Worse,
    /// The same average.
    Steady,
}

impl Trend {
    /// The trend in words: "better", "worse", "steady".
    pub fn label(self) -> &'static str {
        match self {
            Trend::Better => "better",
            Trend::Worse => "worse",
            Trend::Steady => "steady",
        }
    }
}

/// The days of the reviews `scenario` schedules within the term `start..=end`, in order: the first
/// review, then one every `every_months` months (only the first when that is 0), up to the
/// term's last day. Empty without a schedule or when it starts after a milestone the offer
/// does not have. A review counted from a milestone counts from its actual date once met,
/// from its target date before.
pub fn review_dates(scenario: &Scenario, start: YearMonth, end: YearMonth) -> Vec<NaiveDate> {
    let Some(schedule) = &scenario.reviews else {
        return Vec::new();
    };
    let first = match &schedule.first {
        ReviewStart::On(day) => Some(*day),
        ReviewStart::AfterMilestone { milestone, months } => scenario
            .milestones
            .iter()
            .find(|m| &m.id == milestone)
            .and_then(|m| {
                m.actual
                    .unwrap_or(m.target)
                    .checked_add_months(Months::new(*months))
            }),
    };
    let Some(first) = first else {
        return Vec::new();
    };
    let last = end.plus(1).first_day();
    let start = start.first_day();
    let mut dates = Vec::new();
    for k in 0.. {
        let Some(day) = first.checked_add_months(Months::new(k * schedule.every_months)) else {
            break;
        };
        if day >= last || (k > 0 && schedule.every_months == 0) {
            break;
        }
        if day >= start {
            dates.push(day);
        }
    }
    dates
}

/// The reviews of `scenario` within its term with their summaries, read from its `ledger` (the
/// offer evaluated over the term; a ledger without months has no reviews).
pub fn reviews(scenario: &Scenario, ledger: &Ledger) -> Vec<Review> {
    let (Some(first), Some(last)) = (ledger.months.first(), ledger.months.last()) else {
        return Vec::new();
    };
    let mut out: Vec<Review> = Vec::new();
    let mut from = first.period;
    for date in review_dates(scenario, first.period, last.period) {
        let to = YearMonth::of_date(date).plus(-1);
        let previous = out.last();
        let service_levels = scenario
            .service_levels
            .iter()
            .enumerate()
            .map(|(i, sl)| {
                let mut line = summary(ledger, i, from, to);
                line.id = sl.id.clone();
                line.name = sl.name.clone();
                let before = previous.and_then(|r| r.service_levels.get(i)?.average);
                line.trend = match (before, line.average) {
                    (Some(b), Some(now)) if sl.direction.worse(now, b) => Some(Trend::Worse),
                    (Some(b), Some(now)) if sl.direction.worse(b, now) => Some(Trend::Better),
                    (Some(_), Some(_)) => Some(Trend::Steady),
                    _ => None,
                };
                line
            })
            .collect();
        out.push(Review {
            date,
            from,
            to,
            service_levels,
        });
        from = to.plus(1);
    }
    out
}

/// The `i`-th service level's results in the months `from..=to` of `ledger`.
fn summary(ledger: &Ledger, i: usize, from: YearMonth, to: YearMonth) -> ReviewLine {
    let mut line = ReviewLine {
        id: String::new(),
        name: String::new(),
        measured: 0,
        met: 0,
        target_misses: 0,
        minimum_misses: 0,
        credits: Decimal::ZERO,
        average: None,
        trend: None,
    };
    let mut sum = Decimal::ZERO;
    let mut values = 0u32;
    let months = ledger
        .months
        .iter()
        .filter(|m| m.period >= from && m.period <= to);
    for result in months.filter_map(|m| m.service_levels.get(i)) {
        line.credits += result.credit;
        match result.outcome {
            Outcome::Met => line.met += 1,
            Outcome::MissedTarget => line.target_misses += 1,
            Outcome::MissedMinimum => line.minimum_misses += 1,
            Outcome::NotMeasured | Outcome::Excluded => continue,
        }
        line.measured += 1;
        if let Some(value) = result.value {
            sum += value;
            values += 1;
        }
    }
    line.average = (values > 0).then(|| sum / Decimal::from(values));
    line
}
