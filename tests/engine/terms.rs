//! Typed addresses: every ledger line and every flag about a term names, by
//! `model::path::Component`, a component that exists in the scenario that made it.

use std::path::Path;

use dealbench::engine::{Line, Stage, evaluate};
use dealbench::model::*;

/// Whether one of `ids` is `id`.
fn has<'a>(mut ids: impl Iterator<Item = &'a String>, id: &str) -> bool {
    ids.any(|i| i == id)
}

/// Whether `term` names a component of `scenario`.
fn exists(scenario: &Scenario, term: &Component) -> bool {
    match term {
        Component::Offer | Component::CreditRegime => true,
        Component::Charge(id) => has(scenario.charges.iter().map(|c| &c.id), id),
        Component::Minimum(id) => has(scenario.minimums.iter().map(|m| &m.id), id),
        Component::Indexation(i) => *i < scenario.indexation.len(),
        Component::ChargeCap(id) => has(scenario.charge_caps.iter().map(|c| &c.id), id),
        Component::ServiceLevel(id) => has(scenario.service_levels.iter().map(|s| &s.id), id),
        Component::Bonus(id) => has(scenario.bonuses.iter().map(|b| &b.id), id),
        Component::Trigger(i) => *i < scenario.triggers.len(),
        Component::Milestone(id) => has(scenario.milestones.iter().map(|m| &m.id), id),
    }
}

/// The kind of term each stage's lines must name.
fn stage_names_its_term(line: &Line) -> bool {
    matches!(
        (line.stage, &line.term),
        (
            Stage::BaseCharge | Stage::VolumeAdjustment,
            Component::Charge(_)
        ) | (Stage::Minimum, Component::Minimum(_))
            | (Stage::Indexation, Component::Indexation(_))
            | (Stage::ChargeCap, Component::ChargeCap(_))
            | (Stage::Credit | Stage::EarnBack, Component::ServiceLevel(_))
            | (Stage::Credit, Component::Milestone(_))
            | (Stage::CreditCap, Component::CreditRegime)
            | (Stage::Bonus, Component::Bonus(_))
    )
}

#[test]
fn every_line_of_every_sample_names_a_term_of_its_scenario() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    assert!(files.len() >= 3, "samples: {files:?}");
    let mut lines = 0;
    for file in &files {
        let project = dealbench::io::project::load(file).unwrap();
        for scenario in &project.scenarios {
            let ledger = evaluate(&project, scenario);
            for line in ledger.months.iter().flat_map(|m| &m.lines) {
                let at = format!("{} / {}: {line:?}", file.display(), scenario.name);
                assert!(exists(scenario, &line.term), "no such term: {at}");
                assert!(stage_names_its_term(line), "wrong kind of term: {at}");
                // Where the term has an id, the line shows it (indexation and the
                // regime's caps show the charge indexed and the cap instead).
                if let Some(id) = line.term.id() {
                    assert_eq!(line.component, id, "{at}");
                }
                lines += 1;
            }
            // Every flag the engine raises is about a term (a cap, a charge, a trigger, …).
            for flag in &ledger.flags {
                let term = flag.term.as_ref();
                assert!(
                    term.is_some_and(|t| exists(scenario, t)),
                    "{}: {flag:?}",
                    file.display()
                );
            }
        }
    }
    // The samples bill every month of several offers: thousands of lines, not a handful.
    assert!(lines > 1000, "{lines} lines");
}
