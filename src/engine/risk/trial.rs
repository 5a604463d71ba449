//! One trial on the full engine: the reference path of the simulation.
//!
//! A trial is [`crate::engine::evaluate`] of the offer with each simulated month's KPI
//! observations read from the history month the [`Plan`] draws for it, and nothing else
//! changed: charges and volumes follow the projection exactly as in `eval` (they never read a
//! KPI), and every mechanic that carries state from month to month (measurement windows,
//! repeat rules, caps per month, year and term, the at-risk pool, earn-back, bonuses,
//! continuous improvement, triggers) runs as it does on the replay. A month's `projected` flag
//! is the one `eval` gives it (after the history of any KPI or volume), simulated or not; the
//! plan's [`Plan::simulated`] says which months were drawn.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::plan::Plan;
use crate::engine::triggers::firings;
use crate::engine::{FlagKind, Ledger, evaluate_with_kpi_months};
use crate::model::{Component, Project, Scenario, TerminationTrigger, YearMonth};

/// One contract year of one trial: a row of the per-trial export
/// (`trial,contract_year,credits,bonuses,earn_back,net,triggers`). Money is exact, rounded as
/// the ledger is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrialRow {
    /// The trial (0-based), which fixes its draws.
    pub trial: u64,
    /// The contract year (1, 2, …).
    pub contract_year: u32,
    /// Service credits after caps, as a positive amount.
    pub credits: Decimal,
    /// Bonuses paid.
    pub bonuses: Decimal,
    /// Credits returned by earn-back.
    pub earn_back: Decimal,
    /// What the customer pays in the year.
    pub net: Decimal,
    /// The triggers that fired in the year (a run of months flagged began in it), as indices
    /// into the offer's triggers.
    pub triggers: Vec<usize>,
    /// The caps that bound at least once in the year, as indices into [`Watched::caps`].
    pub caps_binding: Vec<usize>,
    /// Each month of the year, in order: what the fan chart of monthly credits and net draws.
    pub months: Vec<MonthAmounts>,
}

/// One month of one trial: its credits and net, exact and rounded as the ledger is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthAmounts {
    /// Service credits after caps, as a positive amount.
    pub credits: Decimal,
    /// What the customer pays in the month.
    pub net: Decimal,
}

/// What a trial's ledger is read for besides money: the offer's termination triggers and caps,
/// each known by the ledger component its flags carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Watched {
    /// What each trigger of the offer watches, in the offer's order, as reports name it: the
    /// service level, or `credit_cap` for the monthly-cap trigger.
    pub triggers: Vec<String>,
    /// The flag component of each cap of the offer: `at_risk_cap`, `monthly_cap`,
    /// `annual_cap`, `term_cap`, `bonus_cap` (the aggregate bonus cap), then service-level credit caps (the level's id), bonus annual
    /// caps (the bonus's id) and charge caps (the cap's id).
    pub caps: Vec<String>,
}

impl Watched {
    /// The triggers and caps of `scenario`.
    pub fn of(scenario: &Scenario) -> Self {
        let triggers = scenario
            .triggers
            .iter()
            .map(|t| match t {
                TerminationTrigger::ConsecutiveMinimumMisses { service_level, .. } => {
                    service_level.clone()
                }
                TerminationTrigger::CapReached { .. } => "credit_cap".to_owned(),
                TerminationTrigger::Escalation { service_level, .. } => service_level.clone(),
            })
            .collect();
        let regime = &scenario.credit_regime;
        let mut caps: Vec<String> = [
            ("at_risk_cap", regime.at_risk_pct.is_some()),
            ("monthly_cap", regime.monthly_cap.is_some()),
            ("annual_cap", regime.annual_cap.is_some()),
            ("term_cap", regime.term_cap.is_some()),
            ("bonus_cap", regime.bonus_cap.is_some()),
        ]
        .into_iter()
        .filter(|(_, set)| *set)
        .map(|(id, _)| id.to_owned())
        .collect();
        let levels = scenario.service_levels.iter().filter(|s| s.cap.is_some());
        caps.extend(levels.map(|s| s.id.clone()));
        let bonuses = scenario.bonuses.iter().filter(|b| b.annual_cap.is_some());
        caps.extend(bonuses.map(|b| b.id.clone()));
        caps.extend(scenario.charge_caps.iter().map(|c| c.id.clone()));
        Self { triggers, caps }
    }

    /// The ledger's contract years as trial rows.
    ///
    /// A trigger is known by its typed address (its position in the offer); a cap by the
    /// component its flag names. A trigger is flagged every month its condition holds; it
    /// fires in the first month of each run of such months (flagged, and not flagged the month
    /// before), and only a firing counts in a row: a run that goes on into the next contract
    /// year fired in the year it began.
    pub fn rows(&self, trial: u64, ledger: &Ledger) -> Vec<TrialRow> {
        let fired: std::collections::HashSet<(usize, YearMonth)> =
            firings(&ledger.flags).into_iter().collect();
        let mut rows: Vec<TrialRow> = ledger
            .years
            .iter()
            .map(|y| TrialRow {
                trial,
                contract_year: y.contract_year,
                credits: y.totals.credits,
                bonuses: y.totals.bonuses,
                earn_back: y.totals.earn_back,
                net: y.totals.net,
                triggers: Vec::new(),
                caps_binding: Vec::new(),
                months: (ledger.months.iter())
                    .filter(|m| m.contract_year == y.contract_year)
                    .map(|m| MonthAmounts {
                        credits: m.totals.credits,
                        net: m.totals.net,
                    })
                    .collect(),
            })
            .collect();
        for flag in &ledger.flags {
            let is_trigger = match flag.kind {
                FlagKind::TerminationTrigger => true,
                FlagKind::CapBinding => false,
                _ => continue,
            };
            let Some(row) = ledger
                .month(flag.period)
                .and_then(|m| rows.iter_mut().find(|r| r.contract_year == m.contract_year))
            else {
                continue;
            };
            if is_trigger {
                // A trigger's flag carries its position in the offer: two triggers on the same
                // service level are told apart.
                if let Some(Component::Trigger(i)) = flag.term
                    && i < self.triggers.len()
                    && fired.contains(&(i, flag.period))
                    && !row.triggers.contains(&i)
                {
                    row.triggers.push(i);
                }
                continue;
            }
            let matching = self.caps.iter().enumerate();
            for (i, _) in matching.filter(|(_, c)| **c == flag.component) {
                if !row.caps_binding.contains(&i) {
                    row.caps_binding.push(i);
                }
            }
        }
        for row in &mut rows {
            row.triggers.sort_unstable();
            row.caps_binding.sort_unstable();
        }
        rows
    }
}

/// The full ledger of `trial`: `evaluate` with the trial's drawn KPI months. The reference
/// every faster path must match to the cent.
pub fn ledger(project: &Project, scenario: &Scenario, plan: &Plan, trial: u64) -> Ledger {
    ledger_on(project, scenario, &plan.kpi_months(trial))
}

/// The ledger of one chosen path: `evaluate` with every KPI's observation in each month that
/// is a key of `kpi_months` read from the history month it maps to (a KPI with no data there
/// has none here). Shows a given future (the worst trial, a scenario a client asks about).
pub fn ledger_on(
    project: &Project,
    scenario: &Scenario,
    kpi_months: &BTreeMap<YearMonth, YearMonth>,
) -> Ledger {
    evaluate_with_kpi_months(project, scenario, kpi_months)
}

/// The rows of `trial`: one per contract year, without keeping its ledger.
pub fn run(
    project: &Project,
    scenario: &Scenario,
    plan: &Plan,
    watched: &Watched,
    trial: u64,
) -> Vec<TrialRow> {
    watched.rows(trial, &ledger(project, scenario, plan, trial))
}
