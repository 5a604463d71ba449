//! The agents of one interval, by Erlang C ([`crate::engine::staffing`]), for either kind of
//! answer-time target, cached by the interval's contacts: within one run every other input is
//! the same, and the intervals of one weekday weight repeat all month.

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::engine::staffing::{StaffingError, StaffingInput, metrics_at, staff};
use crate::model::provider::{AnswerTarget, ProviderModel};

/// The agents of an interval: productive (on contacts) and scheduled (paid, after shrinkage).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Agents {
    /// Productive agents.
    pub productive: u64,
    /// Scheduled agents: ceil(productive ÷ (1 − shrinkage)).
    pub scheduled: u64,
}

/// Staffs intervals of one cost model and one answer target, remembering every answer.
pub(super) struct Staffer {
    template: StaffingInput,
    answer: AnswerTarget,
    cache: HashMap<Decimal, Agents>,
}

/// A target so low that the service level's count is the first that carries the traffic: the
/// occupancy and shrinkage counts of [`staff`] are then read for an average-speed target.
const NO_TARGET_PCT: Decimal = Decimal::from_parts(1, 0, 0, false, 20);

impl Staffer {
    /// A staffer for `model`'s intervals at `answer`.
    pub(super) fn new(model: &ProviderModel, answer: AnswerTarget) -> Self {
        let (target_pct, within_s) = match answer {
            AnswerTarget::WithinSeconds {
                target_pct,
                within_s,
            } => (target_pct, within_s),
            AnswerTarget::AverageSpeed { .. } => (NO_TARGET_PCT, Decimal::ZERO),
        };
        Self {
            template: StaffingInput {
                calls: Decimal::ZERO,
                interval_s: Decimal::from(model.profile.interval_minutes) * Decimal::from(60),
                aht_s: model.aht_s,
                target_pct,
                within_s,
                max_occupancy_pct: model.max_occupancy_pct,
                shrinkage_pct: model.shrinkage_pct,
            },
            answer,
            cache: HashMap::new(),
        }
    }

    /// The agents for `contacts` in one interval; none for an interval without contacts.
    pub(super) fn agents(&mut self, contacts: Decimal) -> Result<Agents, StaffingError> {
        if contacts <= Decimal::ZERO {
            return Ok(Agents::default());
        }
        if let Some(agents) = self.cache.get(&contacts) {
            return Ok(*agents);
        }
        let input = StaffingInput {
            calls: contacts,
            ..self.template
        };
        let staffing = staff(&input)?;
        let agents = match self.answer {
            AnswerTarget::WithinSeconds { .. } => Agents {
                productive: staffing.productive_agents,
                scheduled: staffing.scheduled_agents,
            },
            AnswerTarget::AverageSpeed { asa_s } => {
                let first = staffing.agents_for_service_level;
                let productive =
                    for_speed(&input, first, asa_s)?.max(staffing.agents_for_occupancy);
                Agents {
                    productive,
                    scheduled: scheduled(productive, input.shrinkage_pct),
                }
            }
        };
        self.cache.insert(contacts, agents);
        Ok(agents)
    }
}

/// The fewest agents from `first` (the first count that carries the traffic) whose average
/// speed of answer is at most `asa_s`: doubling steps, then halving, as the ASA falls with
/// every agent added.
fn for_speed(input: &StaffingInput, first: u64, asa_s: Decimal) -> Result<u64, StaffingError> {
    let target = f64::try_from(asa_s).unwrap_or(f64::MAX) + crate::engine::staffing::TIE_TOLERANCE;
    let meets = |n: u64| -> Result<bool, StaffingError> {
        Ok(metrics_at(input, n)?.is_some_and(|m| m.asa_s <= target))
    };
    if meets(first)? {
        return Ok(first);
    }
    // `low` misses, `high` meets.
    let (mut low, mut step) = (first, 1u64);
    let mut high = first + 1;
    while !meets(high)? {
        low = high;
        step *= 2;
        high += step;
    }
    while high - low > 1 {
        let mid = low + (high - low) / 2;
        if meets(mid)? {
            high = mid;
        } else {
            low = mid;
        }
    }
    Ok(high)
}

/// ceil(productive × 100 ÷ (100 − shrinkage)), decided on the remainder, not on a rounded
/// quotient (21 at 30 % is 30, exactly).
pub(super) fn scheduled(productive: u64, shrinkage_pct: Decimal) -> u64 {
    let numerator = Decimal::from(productive) * Decimal::ONE_HUNDRED;
    let available = Decimal::ONE_HUNDRED - shrinkage_pct;
    let mut floor = (numerator / available).floor();
    // The quotient is rounded to 28 digits: a true 29.999… could come back as 30.
    if floor * available > numerator {
        floor -= Decimal::ONE;
    }
    let whole = if floor * available < numerator {
        floor + Decimal::ONE
    } else {
        floor
    };
    u64::try_from(whole).unwrap_or(u64::MAX)
}
