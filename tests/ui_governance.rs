//! Milestones in the app, with egui_kittest (no window is opened): the milestone's editor
//! takes dates as YYYY-MM-DD (a date that does not read is outlined and not committed), shows
//! the delay credit the ledger bills, the timeline, and the offer's generated reviews.
#![allow(
    clippy::unwrap_used,
    reason = "test and bench set-up fails loudly with the value"
)]
#![cfg(feature = "gui")]

#[path = "common/app.rs"]
mod app;

use std::path::Path;

use chrono::NaiveDate;
use dealbench::model::{Component, Project};
use dealbench::ui::DealbenchApp;
use dealbench::ui::state::Selection;
use eframe::egui::{self, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn sample() -> Project {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/it_outsourcing.ron");
    dealbench::io::project::load(&path).unwrap()
}

/// The IT outsourcing sample with its best and final offer's go-live selected.
fn go_live() -> Harness<'static, DealbenchApp> {
    let mut harness = app::app_harness(sample(), 1400.0, 1000.0);
    harness.state_mut().view.scenario = 2;
    harness.state_mut().view.selection = Selection::Term(Component::Milestone("go_live".into()));
    harness.run();
    harness
}

fn actual(harness: &Harness<'static, DealbenchApp>) -> Option<NaiveDate> {
    harness.state().doc.project.scenarios[2].milestones[1].actual
}

/// Replaces the text of the field labelled `label` with `text`.
fn type_into(harness: &mut Harness<'static, DealbenchApp>, label: &str, text: &str) {
    harness.get_by_label(label).click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label(label).type_text(text);
    harness.run();
}

#[test]
fn the_tree_lists_the_milestones_and_the_editor_shows_the_billed_delay_credit() {
    let harness = go_live();
    harness.get_by_label("Milestone · Transition kick-off");
    harness.get_by_label("Milestone · Go-live");
    harness.get_by_label("Target date");
    harness.get_by_label("Delay credit");
    // 18 days × 5,000.00 = 90,000.00, billed in the month of go-live.
    harness.get_by_label(
        "Billed in 2023-04: Go-live 18 days late (target 2023-04-01, met 2023-04-19): 18 days × 5,000.00 = 90,000.00, under the 100,000.00 cap",
    );
    // Go-live 2023-04-19 + 6 months: the first of the offer's six-monthly reviews.
    harness.get_by_label("Review 1 on 2023-10-19 (2023-04 to 2023-09)");
}

#[test]
fn a_date_that_does_not_read_is_outlined_and_kept_out_of_the_project() {
    let mut harness = go_live();
    type_into(&mut harness, "Actual date", "2023-04-31");
    // There is no 31 April: the field says so and the project keeps its date.
    harness.get_by_label("not a date: write it as 2025-03-01");
    assert_eq!(actual(&harness), NaiveDate::from_ymd_opt(2023, 4, 19));
    type_into(&mut harness, "Actual date", "2023-04-29");
    assert_eq!(actual(&harness), NaiveDate::from_ymd_opt(2023, 4, 29));
    // Emptied, the milestone is not met (the engine then credits it in the term's last month).
    harness.get_by_label("Actual date").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    harness.key_press(egui::Key::Backspace);
    harness.run();
    assert_eq!(actual(&harness), None);
    // 2023-04-01 to the term's last day 2028-03-31 is 1,826 days: 9,130,000.00, capped at
    // 100,000.00, in the term's last month.
    harness.run();
    let ledger = &harness.state().ledgers()[2];
    let last = ledger.months.last().unwrap();
    let line = (last.lines.iter())
        .find(|l| l.term == Component::Milestone("go_live".into()))
        .unwrap();
    assert_eq!(line.amount, rust_decimal_macros::dec!(-100000.00));
}

#[test]
fn an_offer_without_milestones_gets_reviews_from_its_own_editor() {
    let mut harness = app::app_harness(sample(), 1400.0, 1000.0);
    // The incumbent's renewal has no milestone.
    assert!(
        harness.state().doc.project.scenarios[0]
            .milestones
            .is_empty()
    );
    harness.state_mut().view.selection = Selection::OFFER;
    harness.run();
    harness.get_by_label("Performance reviews").click();
    harness.run();
    // Every two months from three months into the term (the sample starts 2023-04).
    let reviews = harness.state().doc.project.scenarios[0].reviews.clone();
    let schedule = reviews.expect("reviews switched on");
    assert_eq!(
        schedule.first,
        dealbench::model::ReviewStart::On(NaiveDate::from_ymd_opt(2023, 7, 1).unwrap())
    );
    assert_eq!(schedule.every_months, 2);
    // The first review's summary is listed under the schedule.
    harness.run();
    harness.get_by_label_contains("Review 1 on 2023-07-01");
}
