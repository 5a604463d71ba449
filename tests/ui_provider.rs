//! The Cost & margin tab with egui_kittest (no window is opened): it opens on the sample's
//! cost model, an edit of the cost model changes the cost shown, and "Price a proposal…" adds
//! a priced copy of the offer.
#![allow(
    clippy::unwrap_used,
    reason = "test and bench set-up fails loudly with the value"
)]
#![cfg(feature = "gui")]

#[path = "common/app.rs"]
mod app;

use dealbench::model::Project;
use dealbench::model::provider::LabourCost;
use dealbench::ui::DealbenchApp;
use dealbench::ui::charts::ChartTab;
use eframe::egui::{self, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use rust_decimal_macros::dec;

fn harness(project: Project) -> Harness<'static, DealbenchApp> {
    app::app_harness(project, 1600.0, 1200.0)
}

/// Steps the app (the figures come from a worker thread) until a label containing `text`
/// shows; its text.
fn wait_for(harness: &mut Harness<'_, DealbenchApp>, text: &str) -> String {
    for _ in 0..3000 {
        harness.step();
        if let Some(node) = harness.query_by_label_contains(text) {
            return node
                .value()
                .or_else(|| node.accesskit_node().label())
                .unwrap_or_default();
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("{text:?} never showed");
}

fn open_cost(harness: &mut Harness<'_, DealbenchApp>) -> String {
    harness.get_by_label("Cost & margin").click();
    harness.step();
    assert_eq!(harness.state().view.chart, ChartTab::Cost);
    wait_for(harness, "Cost over the term")
}

#[test]
fn the_tab_opens_and_shows_the_cost_and_the_cheapest_target() {
    let mut harness = harness(dealbench::io::project::default_project());
    let summary = open_cost(&mut harness);
    assert!(summary.contains("margin"), "{summary}");
    wait_for(&mut harness, "Cheapest target");
    // Every field of the model is labelled.
    harness.get_by_label("Average handle time");
    harness.get_by_label("Cost per paid hour");
    harness.get_by_label("Shrinkage");
}

#[test]
fn an_edit_of_the_cost_model_changes_the_cost_shown() {
    let mut harness = harness(dealbench::io::project::default_project());
    let before = open_cost(&mut harness);
    harness.get_by_label("Cost per paid hour").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label("Cost per paid hour")
        .type_text("20.00");
    harness.step();
    let model = harness.state().doc.project.scenarios[0]
        .cost_model
        .clone()
        .unwrap();
    assert_eq!(model.labour, LabourCost::PerPaidHour(dec!(20.00)));
    let mut after = wait_for(&mut harness, "Cost over the term");
    for _ in 0..3000 {
        if after != before {
            break;
        }
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
        after = wait_for(&mut harness, "Cost over the term");
    }
    assert_ne!(before, after);
}

#[test]
fn pricing_a_proposal_adds_a_priced_offer() {
    let mut harness = harness(dealbench::io::project::default_project());
    open_cost(&mut harness);
    let offers = harness.state().doc.project.scenarios.len();
    harness.get_by_label("Price a proposal…").click();
    harness.step();
    harness.step();
    harness.get_by_label("Add the priced offer").click();
    harness.step();
    harness.step();
    let project = &harness.state().doc.project;
    assert_eq!(project.scenarios.len(), offers + 1);
    // The priced proposal is the provider's next round of Offer A's negotiation: after its
    // round 2 (the counter-offer), a draft.
    let added = &project.scenarios[3];
    assert_eq!(added.name, "Offer A – Graduated at 15 % margin");
    let round = added.round.as_ref().expect("a round");
    assert_eq!(round.of.as_deref(), Some("Offer A – Graduated"));
    assert_eq!(
        (round.number, round.party, round.status),
        (
            3,
            dealbench::model::Party::Provider,
            dealbench::model::RoundStatus::Draft
        )
    );
    assert!(
        added
            .notes
            .contains("Priced by Dealbench for a 15 % margin")
    );
    wait_for(
        &mut harness,
        "Added \"Offer A – Graduated at 15 % margin\" as a new round",
    );
}
