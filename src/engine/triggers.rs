//! Termination triggers: the customer's right to terminate (or escalate) when a service level
//! misses its minimum some months running, or when credits reach the month's cap (the at-risk
//! amount or the monthly cap) too often (design §2.3). Triggers raise flags; they never move
//! money.
//!
//! An escalation ladder's steps are triggers too (a service level's misses in a rolling window
//! reach a count: the matter goes to the service manager, the steering committee, a
//! rectification plan); they are flagged as escalations, with the same rule.
//!
//! One rule for every trigger: each is evaluated every month, and flags every month its
//! condition holds. The first month of a run of such months is the trigger firing (the flag
//! ends ": termination right"); each later month of the run, while the condition still holds,
//! is flagged as holding (": termination right still holds"). A reader of the flags, and the
//! risk simulation counting how often a trigger fires, tell the two apart by that: a trigger
//! fires in a month it is flagged in when it was not flagged the month before.
//!
//! Reading: each service level's streak of minimum misses moves once a month, however many
//! triggers watch it; an unmeasured or excluded month neither extends nor breaks the streak,
//! so a trigger whose streak stands holds through it; "K months running" holds while the
//! streak is at least K. The cap trigger counts months in which the month's first cap
//! (at-risk or monthly) was reached, and holds while the rolling window holds enough of
//! them. A count of 0 (which validation refuses) is read as 1.

use super::{Flag, FlagKind, Outcome, ServiceLevelResult, TermMonth};
use crate::model::{Component, Scenario, TerminationTrigger};

/// What triggers remember from month to month.
pub(crate) struct TriggerWatch {
    /// Consecutive minimum misses per service level, up to the last measured month.
    minimum_streaks: Vec<u32>,
    /// The month's first credit cap, when it was reached (`at_risk_cap` or `monthly_cap`),
    /// one per month so far.
    cap_reached_months: Vec<Option<&'static str>>,
    /// Whether each trigger's condition held last month: a month it holds in fires the
    /// trigger only when it did not.
    holding: Vec<bool>,
    /// Each service level's outcomes so far, one per month: what an escalation's rolling
    /// window counts.
    outcomes: Vec<Vec<Outcome>>,
}

impl TriggerWatch {
    /// Nothing seen yet, for `service_levels` service levels and `triggers` triggers.
    pub(crate) fn new(service_levels: usize, triggers: usize) -> Self {
        Self {
            minimum_streaks: vec![0; service_levels],
            cap_reached_months: Vec::new(),
            holding: vec![false; triggers],
            outcomes: vec![Vec::new(); service_levels],
        }
    }

    /// Month `at`: moves the streaks on `results`, records which of the month's first caps
    /// was `reached` (if one was), and flags every trigger whose condition holds.
    pub(crate) fn watch(
        &mut self,
        scenario: &Scenario,
        results: &[ServiceLevelResult],
        reached: Option<&'static str>,
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
        for (seen, result) in self.outcomes.iter_mut().zip(results) {
            seen.push(result.outcome);
        }
        for (t, trigger) in scenario.triggers.iter().enumerate() {
            let holds = match trigger {
                TerminationTrigger::ConsecutiveMinimumMisses {
                    service_level,
                    months: k,
                } => self.minimum_misses(scenario, results, service_level, *k),
                TerminationTrigger::CapReached {
                    times,
                    window_months,
                } => self.caps_reached(*times, *window_months, at),
                TerminationTrigger::Escalation {
                    service_level,
                    misses,
                    window_months,
                    minimum_only,
                    ..
                } => self.misses_in_window(
                    scenario,
                    service_level,
                    (*misses, *window_months),
                    *minimum_only,
                ),
            };
            let fires = holds.is_some() && !self.holding[t];
            self.holding[t] = holds.is_some();
            let Some((component, condition)) = holds else {
                continue;
            };
            let (kind, right) = match (trigger, fires) {
                (TerminationTrigger::Escalation { to, .. }, true) => {
                    (FlagKind::Escalation, format!("escalated to {to}"))
                }
                (TerminationTrigger::Escalation { to, .. }, false) => (
                    FlagKind::Escalation,
                    format!("the escalation to {to} still holds"),
                ),
                (_, true) => (FlagKind::TerminationTrigger, "termination right".to_owned()),
                (_, false) => (
                    FlagKind::TerminationTrigger,
                    "termination right still holds".to_owned(),
                ),
            };
            flags.push(Flag {
                period: at.month,
                kind,
                component,
                term: Some(Component::Trigger(t)),
                message: format!("{condition}: {right}"),
            });
        }
    }

    /// Whether `service_level` has missed its minimum `k` months running, as of this month:
    /// the flag's component and the condition in words.
    fn minimum_misses(
        &self,
        scenario: &Scenario,
        results: &[ServiceLevelResult],
        service_level: &str,
        k: u32,
    ) -> Option<(String, String)> {
        let s = scenario
            .service_levels
            .iter()
            .position(|sl| sl.id == service_level)?;
        let k = k.max(1);
        let streak = self.minimum_streaks[s];
        if streak < k {
            return None;
        }
        let name = &scenario.service_levels[s].name;
        let words = match results[s].outcome {
            Outcome::MissedMinimum if streak == k => {
                format!("{name} missed its minimum {k} months running")
            }
            Outcome::MissedMinimum => {
                format!("{name} missed its minimum {streak} months running (the trigger is {k})")
            }
            outcome => format!(
                "{name} {} this month: its {streak} minimum misses running stand (the trigger is {k})",
                outcome.label()
            ),
        };
        Some((service_level.to_owned(), words))
    }

    /// Whether `service_level` has at least `misses` misses (minimum misses only, when
    /// `minimum_only`) in the last `window_months` months, this one included: the flag's
    /// component and the condition in words.
    fn misses_in_window(
        &self,
        scenario: &Scenario,
        service_level: &str,
        (misses, window_months): (u32, u32),
        minimum_only: bool,
    ) -> Option<(String, String)> {
        let s = (scenario.service_levels.iter()).position(|sl| sl.id == service_level)?;
        let seen = &self.outcomes[s];
        let from = seen.len().saturating_sub(window_months.max(1) as usize);
        let counted = seen[from..]
            .iter()
            .filter(|o| match minimum_only {
                true => **o == Outcome::MissedMinimum,
                false => o.is_miss(),
            })
            .count() as u32;
        if counted < misses.max(1) {
            return None;
        }
        let what = crate::model::miss_words(minimum_only, counted);
        let name = &scenario.service_levels[s].name;
        Some((
            service_level.to_owned(),
            match window_months {
                0 | 1 => format!("{name} has {counted} {what} this month"),
                w => format!("{name} has {counted} {what} in the last {w} months"),
            },
        ))
    }

    /// Whether the month's cap was reached at least `times` in the last `window_months`
    /// months, as of this month: the flag's component and the condition in words, naming
    /// the cap that was reached (the at-risk amount, the monthly cap, or either).
    fn caps_reached(
        &self,
        times: u32,
        window_months: u32,
        at: &TermMonth,
    ) -> Option<(String, String)> {
        let from = (at.index + 1).saturating_sub(window_months as usize);
        let reached: Vec<&str> = self.cap_reached_months[from..]
            .iter()
            .flatten()
            .copied()
            .collect();
        let count = reached.len() as u32;
        if count < times.max(1) {
            return None;
        }
        let at_risk = reached.contains(&"at_risk_cap");
        let monthly = reached.iter().any(|id| *id != "at_risk_cap");
        let cap = match (at_risk, monthly) {
            (true, false) => "the at-risk amount",
            (false, _) => "the monthly cap",
            (true, true) => "the at-risk amount or the monthly cap",
        };
        Some((
            "credit_cap".to_owned(),
            format!("Credits reached {cap} in {count} of the last {window_months} months"),
        ))
    }
}

/// Every firing among `flags` (a ledger's): each trigger, by its position in the offer, with
/// the month it fired in, in the flags' order. A trigger fires in a month it is flagged in
/// when it was not flagged the month before; the months between are the right still holding.
pub fn firings(flags: &[Flag]) -> Vec<(usize, crate::model::YearMonth)> {
    let flagged: Vec<(usize, crate::model::YearMonth)> = flags
        .iter()
        .filter(|f| matches!(f.kind, FlagKind::TerminationTrigger | FlagKind::Escalation))
        .filter_map(|f| match f.term {
            Some(Component::Trigger(t)) => Some((t, f.period)),
            _ => None,
        })
        .collect();
    let seen: std::collections::HashSet<_> = flagged.iter().copied().collect();
    flagged
        .into_iter()
        .filter(|&(t, month)| !seen.contains(&(t, month.plus(-1))))
        .collect()
}
