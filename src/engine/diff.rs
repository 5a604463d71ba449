//! What changed between two offers, and what each change is worth.
//!
//! Every numeric term of offer A and offer B is listed by its typed address
//! ([`crate::model::TermPath`]): changed (in both, with other values), added (only in B) or
//! removed (only in A). The money is attached by walking from A toward B: starting from A, each
//! changed term is set to B's value in the order listed and the offer billed again; a term's
//! effect is the change of the term's net (and NPV) that step made. What is left between that
//! last step and B itself (terms added or removed, changes that are not numbers such as a rule
//! or a window, and how the changes act together) is the remainder, so the effects add up
//! exactly to the difference between the two offers.

use rust_decimal::Decimal;
use serde::Serialize;

use super::compare::npv;
use super::evaluate;
use crate::model::terms::{NumericTerm, numeric_terms, set_value};
use crate::model::{Project, Scenario, TermPath};

/// How a term differs between the two offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// In both offers, with other values.
    Changed,
    /// Only in offer B.
    Added,
    /// Only in offer A.
    Removed,
}

impl Change {
    /// The change in a word, as the table and the app show it.
    pub fn label(self) -> &'static str {
        match self {
            Change::Changed => "changed",
            Change::Added => "added",
            Change::Removed => "removed",
        }
    }
}

/// One term that differs, with what it is worth.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermChange {
    /// The term's address, in words: `charge "calls" / band 2 rate`.
    pub term: String,
    /// How it differs.
    pub change: Change,
    /// Its value in offer A, if A has it.
    pub from: Option<Decimal>,
    /// Its value in offer B, if B has it.
    pub to: Option<Decimal>,
    /// What the value counts ("%", "EUR", "s").
    pub unit: String,
    /// What setting it to B's value changed the net over the term (changed terms only; added
    /// and removed terms are in the remainder).
    pub net_effect: Option<Decimal>,
    /// The same for the NPV of the monthly nets.
    pub npv_effect: Option<Decimal>,
}

/// Two offers compared term by term, with the money attached.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OfferDiff {
    /// Offer A's name.
    pub from: String,
    /// Offer B's name.
    pub to: String,
    /// A's net over the term.
    pub from_net: Decimal,
    /// B's net over the term.
    pub to_net: Decimal,
    /// A's NPV.
    pub from_npv: Decimal,
    /// B's NPV.
    pub to_npv: Decimal,
    /// Every term that differs: changed terms in the order of operations, then added, then
    /// removed ones.
    pub terms: Vec<TermChange>,
    /// The part of the difference no single numeric change explains: added and removed terms,
    /// changes that are not numbers, and interaction. B's net − A's net = Σ effects + this.
    pub remainder_net: Decimal,
    /// The same for the NPV.
    pub remainder_npv: Decimal,
}

fn net_and_npv(project: &Project, scenario: &Scenario) -> (Decimal, Decimal) {
    let ledger = evaluate(project, scenario);
    (ledger.totals.net, npv(project, &ledger))
}

fn find<'a>(terms: &'a [NumericTerm], path: &TermPath) -> Option<&'a NumericTerm> {
    terms.iter().find(|t| &t.path == path)
}

/// The difference from offer `a` to offer `b` of `project`.
pub fn diff(project: &Project, a: &Scenario, b: &Scenario) -> OfferDiff {
    let (from_net, from_npv) = net_and_npv(project, a);
    let (to_net, to_npv) = net_and_npv(project, b);
    let a_terms = numeric_terms(project, a);
    let b_terms = numeric_terms(project, b);
    let unit = |t: &NumericTerm| t.unit.suffix(&project.currency);
    let mut terms = Vec::new();
    let mut walked = a.clone();
    let (mut net, mut present) = (from_net, from_npv);
    for at in &a_terms {
        let Some(bt) = find(&b_terms, &at.path) else {
            continue;
        };
        if bt.value == at.value {
            continue;
        }
        // A term B holds with another value: take B's, bill again, keep the step's effect.
        let effect = match set_value(project, &mut walked, &at.path, bt.value) {
            Ok(()) => {
                let (n, p) = net_and_npv(project, &walked);
                let effect = (n - net, p - present);
                (net, present) = (n, p);
                Some(effect)
            }
            Err(_) => None,
        };
        terms.push(TermChange {
            term: at.path.to_string(),
            change: Change::Changed,
            from: Some(at.value),
            to: Some(bt.value),
            unit: unit(at),
            net_effect: effect.map(|e| e.0),
            npv_effect: effect.map(|e| e.1),
        });
    }
    let only = |of: &[NumericTerm], other: &[NumericTerm], change: Change| {
        (of.iter())
            .filter(|t| find(other, &t.path).is_none())
            .map(|t| TermChange {
                term: t.path.to_string(),
                change,
                from: (change == Change::Removed).then_some(t.value),
                to: (change == Change::Added).then_some(t.value),
                unit: unit(t),
                net_effect: None,
                npv_effect: None,
            })
            .collect::<Vec<_>>()
    };
    terms.extend(only(&b_terms, &a_terms, Change::Added));
    terms.extend(only(&a_terms, &b_terms, Change::Removed));
    OfferDiff {
        from: a.name.clone(),
        to: b.name.clone(),
        from_net,
        to_net,
        from_npv,
        to_npv,
        terms,
        remainder_net: to_net - net,
        remainder_npv: to_npv - present,
    }
}
