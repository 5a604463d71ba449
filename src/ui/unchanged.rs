//! Notices an edit that changed nothing: when the offer's money and flags over the period shown
//! stay the same after an edit of the selected term, the editor says why
//! ([`crate::engine::why::unchanged`]) instead of leaving the user to wonder whether the edit
//! took.

use crate::engine::compare::Period;
use crate::engine::{Ledger, Totals};
use crate::model::{Component, Project, Scenario};

/// What an offer's ledger looked like at one revision, for the period shown.
#[derive(Debug, Clone, PartialEq)]
struct Snapshot {
    revision: u64,
    scenario: usize,
    period: Period,
    offer: Scenario,
    totals: Totals,
    flags: Vec<(crate::model::YearMonth, String)>,
}

/// The last snapshot and the note it led to.
#[derive(Debug, Clone, Default)]
pub struct EditEffect {
    last: Option<Snapshot>,
    /// The term edited and why its edit changed nothing, until the next edit that does.
    pub note: Option<(Component, String)>,
}

impl EditEffect {
    /// Compares the ledgers at `revision` with the last ones seen: an edit of the offer that
    /// left its totals and flags for `period` as they were sets the note for the term selected.
    pub fn update(
        &mut self,
        project: &Project,
        ledgers: &[Ledger],
        (revision, scenario, period): (u64, usize, Period),
        selected: Option<&Component>,
    ) {
        if self.last.as_ref().is_some_and(|l| l.revision == revision) {
            return;
        }
        let (Some(offer), Some(ledger)) = (project.scenarios.get(scenario), ledgers.get(scenario))
        else {
            return;
        };
        let in_period = |m: &crate::engine::MonthLedger| period.contains(m.period, m.contract_year);
        let now = Snapshot {
            revision,
            scenario,
            period,
            offer: offer.clone(),
            totals: period.totals(ledger),
            flags: (ledger.flags.iter())
                .filter(|f| period.contains(f.period, year_of(ledger, f.period)))
                .map(|f| (f.period, f.message.clone()))
                .collect(),
        };
        if let Some(last) = self.last.take()
            && (last.scenario, last.period) == (scenario, period)
            && last.offer != now.offer
        {
            let same = last.totals == now.totals && last.flags == now.flags;
            let valued = selected.is_some_and(|c| values_moved(project, &last.offer, offer, c));
            self.note = match selected {
                // A rename or a note is not a what-if: only a value edit is explained.
                Some(component) if same && valued => {
                    let words = period.label().to_lowercase();
                    let why =
                        crate::engine::why::unchanged(offer, ledger, component, &in_period, &words);
                    Some((component.clone(), why))
                }
                _ => None,
            };
        }
        self.last = Some(now);
    }

    /// The note for `component`, when its last edit changed nothing.
    pub fn note_for(&self, component: &Component) -> Option<&str> {
        (self.note.as_ref())
            .filter(|(c, _)| c == component)
            .map(|(_, why)| why.as_str())
    }
}

/// Whether a number of `component` differs between `before` and `after`.
fn values_moved(
    project: &Project,
    before: &Scenario,
    after: &Scenario,
    component: &Component,
) -> bool {
    let of = |s: &Scenario| -> Vec<_> {
        (crate::model::terms::numeric_terms(project, s).into_iter())
            .filter(|t| &t.path.component == component)
            .map(|t| (t.path, t.value))
            .collect()
    };
    let (before, after) = (of(before), of(after));
    // A renamed term has no numbers under its old address: not a value edit.
    !before.is_empty() && !after.is_empty() && before != after
}

/// The contract year of month `m` in `ledger` (0 when it is not billed).
fn year_of(ledger: &Ledger, m: crate::model::YearMonth) -> u32 {
    (ledger.months.iter())
        .find(|x| x.period == m)
        .map_or(0, |x| x.contract_year)
}
