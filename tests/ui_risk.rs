//! The Risk view in the app, with egui_kittest (no window is opened): it runs in the background,
//! Stop stops it, an edit restarts it, and the seed moves the figures.
#![allow(
    clippy::unwrap_used,
    reason = "test and bench set-up fails loudly with the value"
)]
#![cfg(feature = "gui")]

#[path = "common/app.rs"]
mod app;

use std::path::Path;

use dealbench::model::Project;
use dealbench::ui::DealbenchApp;
use dealbench::ui::charts::ChartTab;
use dealbench::ui::risk::RunState;
use eframe::egui::{self, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn sample(trials: u32) -> Project {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/contact_centre.ron");
    let mut project = dealbench::io::project::load(&path).unwrap();
    project.risk.trials = trials;
    project
}

fn harness(project: Project) -> Harness<'static, DealbenchApp> {
    app::app_harness(project, 1400.0, 1000.0)
}

/// Opens the Risk tab from the tab bar. From here on the tests step frame by frame: the
/// worker asks for repaints while it runs, so waiting for a quiet frame would not end.
fn open_risk(harness: &mut Harness<'_, DealbenchApp>) {
    harness.get_by_label("Risk").click();
    harness.step();
    assert_eq!(harness.state().view.chart, ChartTab::Risk);
}

/// Steps the app (the simulation runs on a worker thread) until `done` holds, at most 60 s.
fn step_until(
    harness: &mut Harness<'_, DealbenchApp>,
    what: &str,
    done: impl Fn(&DealbenchApp) -> bool,
) {
    for _ in 0..6000 {
        harness.step();
        if done(harness.state()) {
            harness.step();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("{what} never happened");
}

fn finished(app: &DealbenchApp) -> bool {
    !app.risk.is_running() && app.risk.offers.iter().all(Option::is_some)
}

/// The term's simulated P50 net of the first offer.
fn p50_net(app: &DealbenchApp) -> rust_decimal::Decimal {
    app.risk.offers[0].as_ref().unwrap().report.term.net.p50
}

#[test]
fn the_risk_view_simulates_every_offer_and_shows_the_figures() {
    let mut harness = harness(sample(60));
    // Nothing is simulated until the view is opened.
    assert!(!harness.state().risk.is_running());
    open_risk(&mut harness);
    step_until(&mut harness, "the run to finish", finished);
    let app = harness.state();
    let offers = app.doc.project.scenarios.len();
    assert_eq!(app.risk.offers.len(), offers);
    for risk in app.risk.offers.iter().flatten() {
        assert_eq!(risk.report.trials, 60);
        // 36 months of term, one band per month, and the bands are ordered.
        assert_eq!(risk.spread.net.len(), app.ledgers()[0].months.len());
        for band in &risk.spread.net {
            assert!(band.p5 <= band.p25 && band.p25 <= band.p50);
            assert!(band.p50 <= band.p75 && band.p75 <= band.p95);
        }
        assert_eq!(risk.spread.term_credits.len(), 60);
    }
    assert_eq!(app.risk.state, RunState::Idle);
    harness.get_by_label_contains("60 trials, seed 0");
    harness.get_by_label("Fee at risk");
    harness.get_by_label("Offers compared: net over the term");
    harness.get_by_label("Run again");
}

#[test]
fn stop_keeps_the_trials_finished_and_run_again_restarts() {
    let mut harness = harness(sample(1_000_000));
    open_risk(&mut harness);
    step_until(&mut harness, "the full pass to start", |app| {
        matches!(app.risk.state, RunState::Running { of: 1_000_000, .. })
    });
    harness.get_by_label("Stop").click();
    harness.step();
    assert_eq!(harness.state().risk.state, RunState::Stopped);
    step_until(&mut harness, "the worker to stop", |app| {
        !app.risk.is_running()
    });
    let shown = harness.state().risk.offers[0]
        .as_ref()
        .unwrap()
        .report
        .trials;
    // The first pass's 250 trials at least, and far from the million asked for.
    assert!((250..1_000_000).contains(&shown), "{shown} trials");
    harness.get_by_label("Stopped");
    // Stopped stays stopped across frames; Run again starts over.
    harness.step();
    assert!(!harness.state().risk.is_running());
    harness.get_by_label("Run again").click();
    // The worker repaints as it goes: step frame by frame rather than wait for quiet.
    step_until(&mut harness, "the run to start again", |app| {
        app.risk.is_running()
    });
    for _ in 0..10 {
        if harness.query_by_label("Stop").is_some() {
            break;
        }
        harness.step();
    }
    harness.get_by_label("Stop").click();
    harness.step();
    assert_eq!(harness.state().risk.state, RunState::Stopped);
}

#[test]
fn an_edit_restarts_the_run_and_the_figures_follow_the_project() {
    let mut harness = harness(sample(40));
    open_risk(&mut harness);
    step_until(&mut harness, "the first run", finished);
    let before = harness.state().risk.offers[0].as_ref().unwrap().revision;
    // Another target on the first offer's first service level, as the editor would set it.
    let sl = &mut harness.state_mut().doc.project.scenarios[0].service_levels[0];
    sl.target += rust_decimal::Decimal::ONE;
    harness.step();
    assert!(harness.state().risk.is_running());
    step_until(&mut harness, "the run of the edited project", |app| {
        finished(app) && app.risk.offers[0].as_ref().unwrap().revision != before
    });
    let app = harness.state();
    assert_eq!(
        app.risk.offers[0].as_ref().unwrap().revision,
        app.doc.revision
    );
}

#[test]
fn a_seed_typed_in_the_view_changes_the_figures() {
    let mut harness = harness(sample(40));
    open_risk(&mut harness);
    step_until(&mut harness, "the first run", finished);
    let seed0 = p50_net(harness.state());
    harness.get_by_label("Seed").click();
    harness.step();
    harness.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("Seed").type_text("7");
    harness.key_press(egui::Key::Enter);
    harness.step();
    assert_eq!(harness.state().doc.project.risk.seed, 7);
    step_until(&mut harness, "the run with seed 7", |app| {
        finished(app) && app.risk.offers[0].as_ref().unwrap().report.settings.seed == 7
    });
    assert_ne!(p50_net(harness.state()), seed0);
    harness.get_by_label_contains("40 trials, seed 7");
}

#[test]
fn a_project_asking_for_too_many_trials_is_told_why_not_run() {
    let mut harness = harness(sample(2_000_000));
    open_risk(&mut harness);
    step_until(&mut harness, "the refusal", |app| {
        !app.risk.is_running() && app.risk.errors.first().is_some_and(Option::is_some)
    });
    harness.get_by_label_contains("more than the 1000000 one run may take; enter fewer trials");
    assert!(harness.state().risk.offers.iter().all(Option::is_none));
    // Looking at the field did not clamp the value: the project is as it was read.
    assert_eq!(harness.state().doc.project.risk.trials, 2_000_000);
    assert!(!harness.state().doc.is_dirty());
}
