//! A negotiation's history: each offer may be a round of another — who proposed it, when, and
//! where it stands — so that a project holds the offers and counter-offers in the order they
//! were made, and any two of them can be compared.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Project, Scenario};

/// Where an offer stands in a negotiation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Round {
    /// The opening offer of the negotiation this round belongs to, by name; `None` for the
    /// opening offer itself.
    #[serde(default)]
    pub of: Option<String>,
    /// The round's number: 1 for the opening offer, 2 for the first counter-offer, …
    pub number: u32,
    /// The day it was proposed ("2026-03-14"), when known.
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// Who proposed it.
    pub party: Party,
    /// Where it stands.
    pub status: RoundStatus,
}

/// Which side of the table proposed a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Party {
    /// The provider (supplier) of the service.
    Provider,
    /// The customer buying it.
    Customer,
}

impl Party {
    /// The other side.
    pub fn other(self) -> Self {
        match self {
            Party::Provider => Party::Customer,
            Party::Customer => Party::Provider,
        }
    }

    /// The party in words: "provider", "customer".
    pub fn label(self) -> &'static str {
        match self {
            Party::Provider => "provider",
            Party::Customer => "customer",
        }
    }
}

/// Where a round stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoundStatus {
    /// Being prepared; not yet put to the other side.
    Draft,
    /// Put to the other side, awaiting an answer.
    Proposed,
    /// Answered by a counter-offer (the next round).
    Countered,
    /// Accepted: the terms agreed.
    Accepted,
    /// Rejected without a counter-offer.
    Rejected,
}

impl RoundStatus {
    /// Every status, in the order a round moves through them.
    pub const ALL: [RoundStatus; 5] = [
        RoundStatus::Draft,
        RoundStatus::Proposed,
        RoundStatus::Countered,
        RoundStatus::Accepted,
        RoundStatus::Rejected,
    ];

    /// The status in words: "draft", "proposed", …
    pub fn label(self) -> &'static str {
        match self {
            RoundStatus::Draft => "draft",
            RoundStatus::Proposed => "proposed",
            RoundStatus::Countered => "countered",
            RoundStatus::Accepted => "accepted",
            RoundStatus::Rejected => "rejected",
        }
    }
}

impl Scenario {
    /// The name of the negotiation this offer belongs to: its opening offer's name (its own
    /// when it is the opening offer or has no history).
    pub fn negotiation(&self) -> &str {
        self.round
            .as_ref()
            .and_then(|r| r.of.as_deref())
            .unwrap_or(&self.name)
    }
}

/// The offers of the negotiation opened by offer `root` (by name), in round order: the opening
/// offer first, then each round. Indices into `project.scenarios`.
pub fn rounds_of(project: &Project, root: &str) -> Vec<usize> {
    let mut rounds: Vec<usize> = (project.scenarios.iter().enumerate())
        .filter(|(_, s)| s.negotiation() == root)
        .map(|(i, _)| i)
        .collect();
    rounds.sort_by_key(|&i| {
        let s = &project.scenarios[i];
        (s.round.as_ref().map_or(1, |r| r.number), i)
    });
    rounds
}

/// Counters offer `index`: a copy of it becomes the next round of its negotiation, proposed by
/// the other party, a draft dated `today`, placed after the negotiation's last round; the
/// offer countered is marked countered (an offer with no history becomes round 1, proposed by
/// the provider). Returns the new round's index, or `None` when there is no offer `index`.
pub fn counter(project: &mut Project, index: usize, today: Option<NaiveDate>) -> Option<usize> {
    let countered = project.scenarios.get_mut(index)?;
    let root = countered.negotiation().to_owned();
    let round = opening_round(countered);
    round.status = RoundStatus::Countered;
    let party = round.party.other();
    let next = project.scenarios[index].clone();
    let number = next_round_number(project, &root);
    add_round(
        project,
        index,
        next,
        &format!("{root} – round {number}"),
        party,
        today,
    )
}

/// Adds `next`, a revision of offer `index` (a counter-offer, a repriced proposal), to the
/// project as the next round of offer `index`'s negotiation: proposed by `party`, a draft
/// dated `today`, named `name` (made unique), placed after the negotiation's last round. An
/// offer `index` with no history becomes round 1, proposed by the provider. Returns the new
/// round's index, or `None` when there is no offer `index`.
pub fn add_round(
    project: &mut Project,
    index: usize,
    mut next: Scenario,
    name: &str,
    party: Party,
    today: Option<NaiveDate>,
) -> Option<usize> {
    let revised = project.scenarios.get_mut(index)?;
    let root = revised.negotiation().to_owned();
    opening_round(revised);
    let number = next_round_number(project, &root);
    next.name = super::edit::unique_name(project, name);
    next.round = Some(Round {
        of: Some(root.clone()),
        number,
        date: today,
        party,
        status: RoundStatus::Draft,
    });
    let last = rounds_of(project, &root).into_iter().max().unwrap_or(index);
    let at = last.max(index) + 1;
    project.scenarios.insert(at, next);
    Some(at)
}

/// The round of `offer`, made round 1 (the provider's, proposed) when it had no history.
fn opening_round(offer: &mut Scenario) -> &mut Round {
    offer.round.get_or_insert(Round {
        of: None,
        number: 1,
        date: None,
        party: Party::Provider,
        status: RoundStatus::Proposed,
    })
}

/// The number the next round of the negotiation opened by `root` takes.
fn next_round_number(project: &Project, root: &str) -> u32 {
    (rounds_of(project, root).iter())
        .filter_map(|&i| project.scenarios[i].round.as_ref().map(|r| r.number))
        .max()
        .unwrap_or(1)
        + 1
}

/// Follows a renamed offer: the rounds that named `old` as their opening offer name `new`.
pub fn rename_negotiation(project: &mut Project, old: &str, new: &str) {
    for s in &mut project.scenarios {
        if let Some(round) = &mut s.round
            && round.of.as_deref() == Some(old)
        {
            round.of = Some(new.to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::YearMonth;

    fn project() -> Project {
        let mut p = Project::new_blank(YearMonth::new(2025, 1).expect("a month"));
        p.scenarios = vec![Scenario::new("Offer A"), Scenario::new("Offer B")];
        p
    }

    #[test]
    fn countering_makes_the_next_round_by_the_other_party_after_the_last_one() {
        let mut p = project();
        let day = NaiveDate::from_ymd_opt(2026, 3, 14);
        // Offer A had no history: it becomes round 1 (the provider's), countered; round 2 is
        // the customer's draft, right after it and before Offer B.
        assert_eq!(counter(&mut p, 0, day), Some(1));
        let names: Vec<&str> = p.scenarios.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Offer A", "Offer A – round 2", "Offer B"]);
        let first = p.scenarios[0].round.as_ref().expect("a round now");
        assert_eq!((first.number, first.status), (1, RoundStatus::Countered));
        let second = p.scenarios[1].round.as_ref().expect("a round");
        assert_eq!(second.of.as_deref(), Some("Offer A"));
        assert_eq!(
            (second.number, second.party, second.status, second.date),
            (2, Party::Customer, RoundStatus::Draft, day)
        );
        // Countering round 2 makes round 3, the provider's, after round 2.
        assert_eq!(counter(&mut p, 1, None), Some(2));
        let third = p.scenarios[2].round.as_ref().expect("a round");
        assert_eq!((third.number, third.party), (3, Party::Provider));
        assert_eq!(p.scenarios[2].name, "Offer A – round 3");
        assert_eq!(rounds_of(&p, "Offer A"), vec![0, 1, 2]);
        assert_eq!(rounds_of(&p, "Offer B"), vec![3]);
        // Countering round 1 again still numbers after the last round.
        assert_eq!(counter(&mut p, 0, None), Some(3));
        assert_eq!(p.scenarios[3].round.as_ref().map(|r| r.number), Some(4));
        assert_eq!(counter(&mut p, 9, None), None);
    }

    #[test]
    fn renaming_the_opening_offer_keeps_its_rounds() {
        let mut p = project();
        counter(&mut p, 0, None);
        p.scenarios[0].name = "Opening".into();
        rename_negotiation(&mut p, "Offer A", "Opening");
        assert_eq!(rounds_of(&p, "Opening"), vec![0, 1]);
    }
}
