//! Milestones and the review schedule: ids, delay-credit amounts and caps, and the milestone a
//! review schedule counts from. An actual date before the target is not a problem (a milestone
//! met early), nor a date outside the term (a transition milestone may precede it).

use std::collections::BTreeSet;

use super::{Checker, at};
use crate::model::*;

impl Checker {
    /// The milestones of `s` and its review schedule; ids share `ids` with the offer's other
    /// components, since a ledger line names its term by id.
    pub(super) fn governance(&mut self, s: &Scenario, ids: &mut BTreeSet<String>) {
        for m in &s.milestones {
            let component = Component::Milestone(m.id.clone());
            self.id(at(s, &component, Field::Id), &m.id, ids);
            if m.name.trim().is_empty() {
                self.push(
                    at(s, &component, Field::Name),
                    "the milestone has no name; name it as the contract does (\"Go-live\")".into(),
                );
            }
            let Some(credit) = &m.delay_credit else {
                continue;
            };
            let what = format!("the delay credit {}", credit.per.label());
            self.non_negative(at(s, &component, Field::DelayAmount), &what, credit.amount);
            if let Some(cap) = credit.cap {
                let at = at(s, &component, Field::DelayCap);
                self.non_negative(at, "the delay credit's cap", cap);
            }
        }
        let Some(schedule) = &s.reviews else {
            return;
        };
        let here = Location::term(&s.name, Component::Offer);
        if schedule.every_months == 0 {
            self.push(
                here.clone(),
                "reviews are held every 0 months; enter the months between reviews (2 for every two months)".into(),
            );
        }
        if let ReviewStart::AfterMilestone { milestone, .. } = &schedule.first
            && !s.milestones.iter().any(|m| &m.id == milestone)
        {
            self.push(
                here,
                format!("the first review counts from milestone \"{milestone}\", which this offer does not have; name one of its milestones"),
            );
        }
    }
}
