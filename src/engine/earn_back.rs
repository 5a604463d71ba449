//! Earn-back: a credit returned to the provider when the service level is met in each of the
//! measured months of a window after it (design §2.3).
//!
//! Reading: only the share of a credit that survived the caps can come back (a credit the caps
//! gave back in full leaves nothing); a miss (target or minimum) in the window makes it final;
//! unmeasured and excluded months neither count towards the window nor break it; a miss beyond
//! the floor (or with no value) is final at once. Earlier credits move on this month's outcome
//! before this month's credits join the ledger.

use rust_decimal::Decimal;

use super::{
    EarnBackEntry, EarnBackState, Line, Outcome, Rounder, ServiceLevelResult, Stage, TermMonth,
};
use crate::format::format_money as money;
use crate::model::{Component, EarnBack, Scenario, ServiceLevel};

/// Every earn-back-eligible credit so far, and which are still waiting.
pub(crate) struct EarnBackBook {
    /// The ledger's earn-back entries, in the order credited.
    pub entries: Vec<EarnBackEntry>,
    /// Per service level: its pending entries (by index in `entries`) and the met months
    /// counted for each.
    pending: Vec<Vec<(usize, u32)>>,
}

impl EarnBackBook {
    /// No credits yet for `service_levels` service levels.
    pub(crate) fn new(service_levels: usize) -> Self {
        Self {
            entries: Vec::new(),
            pending: vec![Vec::new(); service_levels],
        }
    }

    /// Month `at`: resolves pending credits on each service level's outcome, adding an
    /// earn-back line for each returned, then enters this month's credits at `share` (what the
    /// caps let through).
    pub(crate) fn month(
        &mut self,
        scenario: &Scenario,
        results: &[ServiceLevelResult],
        share: Decimal,
        at: &TermMonth,
        lines: &mut Vec<Line>,
        rounder: &Rounder,
    ) {
        for (s, (sl, result)) in scenario.service_levels.iter().zip(results).enumerate() {
            let Some(terms) = &sl.earn_back else { continue };
            self.resolve(s, sl, terms, result.outcome, at, lines, rounder);
            let amount = rounder.round(result.credit * share);
            // A credit the caps gave back in full leaves nothing to earn back.
            if amount > Decimal::ZERO {
                self.enter(s, sl, terms, result, amount, at);
            }
        }
    }

    /// Moves service level `s`'s pending credits on this month's `outcome`.
    #[allow(clippy::too_many_arguments)]
    fn resolve(
        &mut self,
        s: usize,
        sl: &ServiceLevel,
        terms: &EarnBack,
        outcome: Outcome,
        at: &TermMonth,
        lines: &mut Vec<Line>,
        rounder: &Rounder,
    ) {
        let mut still = Vec::new();
        for (entry, met) in std::mem::take(&mut self.pending[s]) {
            match outcome {
                Outcome::Met if met + 1 >= terms.window_months => {
                    let e = &mut self.entries[entry];
                    e.state = EarnBackState::EarnedBack;
                    e.resolved_in = Some(at.month);
                    lines.push(rounder.line(
                        Stage::EarnBack,
                        Component::ServiceLevel(sl.id.clone()),
                        &sl.id,
                        e.amount,
                        format!(
                            "{}: the credit of {} ({}) is earned back: target met in the {} measured months since",
                            sl.name,
                            e.credited_in,
                            money(e.amount, rounder.decimals),
                            terms.window_months
                        ),
                    ));
                }
                Outcome::Met => still.push((entry, met + 1)),
                Outcome::MissedTarget | Outcome::MissedMinimum => {
                    self.entries[entry].state = EarnBackState::Final;
                    self.entries[entry].resolved_in = Some(at.month);
                }
                Outcome::NotMeasured | Outcome::Excluded => still.push((entry, met)),
            }
        }
        self.pending[s] = still;
    }

    /// Enters this month's credit of `amount` for service level `s`: pending, or final at once
    /// when the miss was beyond the floor.
    fn enter(
        &mut self,
        s: usize,
        sl: &ServiceLevel,
        terms: &EarnBack,
        result: &ServiceLevelResult,
        amount: Decimal,
        at: &TermMonth,
    ) {
        let beyond_floor = terms
            .floor
            .is_some_and(|floor| result.value.is_none_or(|v| sl.direction.worse(v, floor)));
        self.entries.push(EarnBackEntry {
            service_level: sl.id.clone(),
            credited_in: at.month,
            amount,
            state: if beyond_floor {
                EarnBackState::Final
            } else {
                EarnBackState::Pending
            },
            resolved_in: beyond_floor.then_some(at.month),
        });
        if !beyond_floor {
            self.pending[s].push((self.entries.len() - 1, 0));
        }
    }
}
