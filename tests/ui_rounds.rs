//! A negotiation's rounds in the app, with egui_kittest (no window is opened): "Counter this
//! offer" makes the next round, the tree shows rounds under their offer, and the offer's editor
//! edits where a round stands.
#![allow(
    clippy::unwrap_used,
    reason = "test and bench set-up fails loudly with the value"
)]
#![cfg(feature = "gui")]

#[path = "common/app.rs"]
mod app;

use std::path::Path;

use dealbench::model::{Party, Project, RoundStatus};
use dealbench::ui::DealbenchApp;
use dealbench::ui::state::Selection;
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn sample() -> Project {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/contact_centre.ron");
    dealbench::io::project::load(&path).unwrap()
}

fn harness(project: Project) -> Harness<'static, DealbenchApp> {
    app::app_harness(project, 1400.0, 1000.0)
}

#[test]
fn the_tree_shows_the_counter_offer_as_round_2_under_the_offer_it_counters() {
    let harness = harness(sample());
    harness.get_by_label("Offer A – Graduated · round 1, provider, countered");
    harness.get_by_label("Counter-offer · round 2, customer, proposed");
    harness.get_by_label("Offer B – All-units · round 1, provider, proposed");
}

#[test]
fn countering_the_latest_round_adds_the_next_round_by_the_other_side_and_selects_it() {
    let mut harness = harness(sample());
    // The counter-offer (round 2, the customer's) is answered by the provider.
    harness.state_mut().view.scenario = 2;
    harness.run();
    harness.get_by_label("Counter this offer").click();
    harness.run();
    let state = harness.state();
    let names: Vec<&str> = (state.doc.project.scenarios.iter())
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Offer A – Graduated",
            "Offer B – All-units",
            "Counter-offer",
            "Offer A – Graduated – round 3"
        ]
    );
    assert_eq!(state.view.scenario, 3);
    assert_eq!(state.view.selection, Selection::OFFER);
    let third = state.doc.project.scenarios[3].round.clone().unwrap();
    assert_eq!(third.of.as_deref(), Some("Offer A – Graduated"));
    assert_eq!(
        (third.number, third.party, third.status),
        (3, Party::Provider, RoundStatus::Draft)
    );
    assert!(third.date.is_some());
    let second = state.doc.project.scenarios[2].round.as_ref().unwrap();
    assert_eq!(second.status, RoundStatus::Countered);
    // The copy bills as the offer it counters until its terms are changed.
    assert_eq!(
        state.doc.project.scenarios[3].charges,
        state.doc.project.scenarios[2].charges
    );
    harness.get_by_label("Offer A – Graduated – round 3 · round 3, provider, draft");
    // Undo takes the round back.
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label("Undo").click();
    harness.run();
    assert_eq!(harness.state().doc.project.scenarios.len(), 3);
}

#[test]
fn the_offer_editor_sets_where_a_round_stands() {
    let mut harness = harness(sample());
    harness.state_mut().view.scenario = 2;
    harness.state_mut().view.selection = Selection::OFFER;
    harness.run();
    harness.get_by_label("Round 2 of the negotiation opened by Offer A – Graduated");
    harness.get_by_label("Proposed on").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("Proposed on").type_text("2026-02-09");
    harness.run();
    let round = harness.state().doc.project.scenarios[2]
        .round
        .clone()
        .unwrap();
    assert_eq!(
        round.date.map(|d| d.to_string()).as_deref(),
        Some("2026-02-09")
    );
}

#[test]
fn the_tree_opens_the_offer_the_scenario_picker_shows() {
    let mut harness = harness(sample());
    // Each open offer heading lists its "Offer terms" row: at first only Offer A's.
    let open = |h: &Harness<'_, DealbenchApp>| h.get_all_by_label("Offer terms").count();
    assert_eq!(open(&harness), 1);
    // The picker (or any command) shows Offer B: its heading opens.
    harness.state_mut().view.scenario = 1;
    harness.run();
    assert_eq!(open(&harness), 2);
    // Showing the counter-offer (a round of Offer A) opens its own heading under Offer A.
    harness.state_mut().view.scenario = 2;
    harness.run();
    assert_eq!(open(&harness), 3);
}

#[test]
fn the_ledger_columns_are_headed_by_names() {
    use dealbench::ui::charts::ChartTab;
    let mut harness = harness(sample());
    harness.state_mut().view.chart = ChartTab::Ledger;
    harness.run();
    // "Account management and reporting" (its id is management_fee), cut near 24 characters.
    harness.get_by_label("Account management and…");
    // The tree and the structure name it too; the ledger adds a header.
    assert!(harness.get_all_by_label("Average speed of answer").count() >= 2);
    assert!(harness.query_by_label("management_fee").is_none());
}
