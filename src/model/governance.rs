//! Governance terms of an offer that are dates rather than service levels: milestones (with the
//! delay credits the contract attaches to some of them) and the schedule of performance reviews.
//!
//! A milestone's delay credit is money and is billed in the ledger (see
//! [`crate::engine::milestones`]); a review is not money: the engine writes a summary of every
//! service level since the previous review (see [`crate::engine::reviews`]).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A dated commitment of the provider: transition kick-off, go-live, a handover.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// A word naming the milestone, unique in the offer (`go_live`).
    pub id: String,
    /// The name shown to people ("Go-live").
    pub name: String,
    /// The day the contract says it is due.
    pub target: NaiveDate,
    /// The day it was actually met, entered as it happens; `None` while not met.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<NaiveDate>,
    /// The credit the customer gets for each day or week it is late, if the contract has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay_credit: Option<DelayCredit>,
}

/// A delay credit: an amount per day or per week late, optionally capped. It is billed in the
/// invoice of the month the milestone is met; a milestone not met within the term is credited
/// in the term's last month for its lateness up to the term's last day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DelayCredit {
    /// The amount credited per unit of lateness.
    pub amount: Decimal,
    /// What one unit of lateness is: a day, a started week or a completed week.
    pub per: DelayUnit,
    /// The most the milestone's delay credit can be, if capped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<Decimal>,
}

/// How lateness is counted for a delay credit. Weeks are an explicit choice because contracts
/// differ on part weeks: "for each week or part week" counts a started week in full; "for each
/// complete week" ignores a part week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum DelayUnit {
    /// Each calendar day late.
    #[default]
    Day,
    /// Each week or part week late: 8 days late is 2 weeks.
    StartedWeek,
    /// Each complete week late: 13 days late is 1 week.
    CompletedWeek,
}

impl DelayUnit {
    /// Every unit, in the order an editor offers them.
    pub const ALL: [DelayUnit; 3] = [
        DelayUnit::Day,
        DelayUnit::StartedWeek,
        DelayUnit::CompletedWeek,
    ];

    /// The units of lateness in `days_late` days.
    pub fn units(self, days_late: i64) -> i64 {
        match self {
            DelayUnit::Day => days_late,
            DelayUnit::StartedWeek => (days_late + 6) / 7,
            DelayUnit::CompletedWeek => days_late / 7,
        }
    }

    /// The unit in words, for a count: "day", "started week", "complete week".
    pub fn word(self, count: i64) -> &'static str {
        match (self, count == 1) {
            (DelayUnit::Day, true) => "day",
            (DelayUnit::Day, false) => "days",
            (DelayUnit::StartedWeek, true) => "started week",
            (DelayUnit::StartedWeek, false) => "started weeks",
            (DelayUnit::CompletedWeek, true) => "complete week",
            (DelayUnit::CompletedWeek, false) => "complete weeks",
        }
    }

    /// The rule as a contract says it: "per day late".
    pub fn label(self) -> &'static str {
        match self {
            DelayUnit::Day => "per day late",
            DelayUnit::StartedWeek => "per week or part week late",
            DelayUnit::CompletedWeek => "per complete week late",
        }
    }
}

/// When the contract's performance reviews are held.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewSchedule {
    /// When the first review is held.
    pub first: ReviewStart,
    /// Months between reviews (2 for "every two months").
    pub every_months: u32,
}

/// The day of the first review: a date, or some months after a milestone (its actual date
/// once met, its target date before).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ReviewStart {
    /// On this day.
    On(NaiveDate),
    /// `months` months after the milestone `milestone` ("two months after go-live").
    AfterMilestone {
        /// The milestone's id.
        milestone: String,
        /// Months after it.
        months: u32,
    },
}

impl Milestone {
    /// A milestone due on `target`, not yet met, with no delay credit.
    pub fn new(id: &str, name: &str, target: NaiveDate) -> Self {
        Self {
            id: id.to_owned(),
            name: name.to_owned(),
            target,
            actual: None,
            delay_credit: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_weeks_count_as_the_term_says() {
        // 8 days: one full week and one day. Started weeks: 2; complete weeks: 1.
        assert_eq!(DelayUnit::StartedWeek.units(8), 2);
        assert_eq!(DelayUnit::CompletedWeek.units(8), 1);
        assert_eq!(DelayUnit::StartedWeek.units(14), 2);
        assert_eq!(DelayUnit::Day.units(8), 8);
        assert_eq!(DelayUnit::StartedWeek.units(0), 0);
    }
}
