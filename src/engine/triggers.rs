//! Termination triggers: the customer's right to terminate (or escalate) when a service level
//! misses its minimum some months running, or when credits reach the monthly cap too often
//! (design §2.3). Triggers raise flags; they never move money.
//!
//! Reading: each service level's streak of minimum misses moves once a month, however many
//! triggers watch it; an unmeasured or excluded month neither extends nor breaks the streak;
//! a trigger fires in the month the streak reaches its count (not again while it grows); the
//! cap trigger counts months in which the month's first cap (at-risk or monthly) was reached,
//! and fires in such a month when the rolling window holds enough of them.

use super::{Flag, FlagKind, Outcome, ServiceLevelResult, TermMonth};
use crate::model::{Component, Scenario, TerminationTrigger};

/// What triggers remember from month to month.
pub(crate) struct TriggerWatch {
    /// Consecutive minimum misses per service level, up to the last measured month.
    minimum_streaks: Vec<u32>,
    /// Whether the month's first credit cap was reached, one per month so far.
    cap_reached_months: Vec<bool>,
}

impl TriggerWatch {
    /// Nothing seen yet, for `service_levels` service levels.
    pub(crate) fn new(service_levels: usize) -> Self {
        Self {
            minimum_streaks: vec![0; service_levels],
            cap_reached_months: Vec::new(),
        }
    }

    /// Month `at`: moves the streaks on `results`, records whether the month's cap was
    /// `reached`, and flags every trigger that fires.
    pub(crate) fn watch(
        &mut self,
        scenario: &Scenario,
        results: &[ServiceLevelResult],
        reached: bool,
        at: &TermMonth,
        flags: &mut Vec<Flag>,
    ) {
        self.cap_reached_months.push(reached);
        for (streak, result) in self.minimum_streaks.iter_mut().zip(results) {
            match result.outcome {
                Outcome::MissedMinimum => *streak += 1,
                Outcome::Met | Outcome::MissedTarget => *streak = 0,
                Outcome::NotMeasured | Outcome::Excluded => {}
            }
        }
        for (t, trigger) in scenario.triggers.iter().enumerate() {
            let flag = match trigger {
                TerminationTrigger::ConsecutiveMinimumMisses {
                    service_level,
                    months: k,
                } => self.minimum_misses(scenario, results, service_level, *k, at),
                TerminationTrigger::CapReached {
                    times,
                    window_months,
                } => self.caps_reached(reached, *times, *window_months, at),
            };
            if let Some(mut flag) = flag {
                flag.term = Some(Component::Trigger(t));
                flags.push(flag);
            }
        }
    }

    /// The flag of `service_level` missing its minimum `k` months running, this month.
    fn minimum_misses(
        &self,
        scenario: &Scenario,
        results: &[ServiceLevelResult],
        service_level: &str,
        k: u32,
        at: &TermMonth,
    ) -> Option<Flag> {
        let s = scenario
            .service_levels
            .iter()
            .position(|sl| sl.id == service_level)?;
        (results[s].outcome == Outcome::MissedMinimum && self.minimum_streaks[s] == k).then(|| {
            Flag {
                period: at.month,
                kind: FlagKind::TerminationTrigger,
                component: service_level.to_owned(),
                term: None,
                message: format!(
                    "{} missed its minimum {k} months running: termination right",
                    scenario.service_levels[s].name
                ),
            }
        })
    }

    /// The flag of the monthly cap reached `times` in the last `window_months` months, when
    /// this month is one of them.
    fn caps_reached(
        &self,
        reached: bool,
        times: u32,
        window_months: u32,
        at: &TermMonth,
    ) -> Option<Flag> {
        let from = (at.index + 1).saturating_sub(window_months as usize);
        let count = self.cap_reached_months[from..]
            .iter()
            .filter(|r| **r)
            .count() as u32;
        (reached && count >= times).then(|| Flag {
            period: at.month,
            kind: FlagKind::TerminationTrigger,
            component: "credit_cap".to_owned(),
            term: None,
            message: format!(
                "Credits reached the monthly cap in {count} of the last {window_months} months: termination right"
            ),
        })
    }
}
