//! The Negotiation tab in the app, with egui_kittest (no window is opened): the tornado lists
//! the terms and clicking one opens its editor, the grid shows the amounts with the offer's own
//! point, and break-even shows the crossing or "none in range".
#![allow(
    clippy::unwrap_used,
    reason = "test and bench set-up fails loudly with the value"
)]
#![cfg(feature = "gui")]

#[path = "common/app.rs"]
mod app;

use std::path::Path;

use dealbench::engine::breakeven::break_even;
use dealbench::format::{format_money, format_number};
use dealbench::model::{BandField, Component, Field, Project};
use dealbench::ui::DealbenchApp;
use dealbench::ui::charts::ChartTab;
use dealbench::ui::negotiation::Mode;
use dealbench::ui::state::Selection;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn small() -> Project {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small.ron");
    dealbench::io::project::load(&path).unwrap()
}

fn harness(project: Project) -> Harness<'static, DealbenchApp> {
    let mut harness = app::app_harness(project, 1400.0, 1000.0);
    harness.get_by_label("Negotiation").click();
    harness.step();
    assert_eq!(harness.state().view.chart, ChartTab::Negotiation);
    harness
}

/// Steps the app (the analyses run on a worker thread) until a label containing `text` shows,
/// at most 60 s.
fn step_until_label(harness: &mut Harness<'_, DealbenchApp>, text: &str) {
    for _ in 0..6000 {
        harness.step();
        if harness.query_by_label_contains(text).is_some() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("{text:?} never showed");
}

#[test]
fn the_tornado_lists_the_terms_and_a_click_opens_the_editor() {
    let mut harness = harness(small());
    step_until_label(&mut harness, "Term (click to edit)");
    // Every moved term has a row; the base fee is one of them.
    harness.get_by_label("charge \"base_fee\" / monthly fee");
    harness
        .get_by_label("charge \"calls\" / band 1 rate")
        .click();
    harness.step();
    assert_eq!(
        harness.state().view.selection,
        Selection::Term(Component::Charge("calls".into()))
    );
    // The editor shows the charge picked.
    harness.step();
    assert!(harness.get_all_by_label("Calls").count() > 0);
}

#[test]
fn the_grid_bills_each_pair_and_marks_the_offers_own_point() {
    let project = small();
    let net = dealbench::engine::evaluate(&project, &project.scenarios[0])
        .totals
        .net;
    let mut harness = harness(project);
    {
        let view = &mut harness.state_mut().view.negotiation;
        view.mode = Mode::Grid;
        view.grid.x = Some(Component::Charge("base_fee".into()).field(Field::Monthly));
        view.grid.x_range = (9000.0, 11000.0);
        view.grid.y =
            Some(Component::Charge("calls".into()).field(Field::Band(0, BandField::Rate)));
        view.grid.y_range = (3.0, 5.0);
        view.grid.steps = 3;
    }
    step_until_label(&mut harness, "at the offer's own values");
    // The middle cell (10,000 and 4.00) is the offer as it stands: its net, in the heading and
    // in the cell.
    let money = format_money(net, 2);
    harness.get_by_label_contains(&format!("at the offer's own values (10,000, 4): {money}"));
    assert!(harness.get_all_by_label(&money).count() >= 1);
    // Each axis shows its three values.
    for v in ["9,000", "10,000", "11,000", "3", "4", "5"] {
        assert!(harness.get_all_by_label(v).count() >= 1, "{v}");
    }
}

#[test]
fn break_even_shows_the_crossing_or_none_in_range() {
    let project = small();
    let be = break_even(
        &project,
        &project.scenarios[0],
        &project.scenarios[1],
        (rust_decimal::Decimal::new(5, 1), rust_decimal::Decimal::TWO),
    );
    let mut harness = harness(project);
    harness.state_mut().view.negotiation.mode = Mode::BreakEven;
    step_until_label(&mut harness, "All volumes together:");
    match be.all.crossings.first() {
        None => {
            harness.get_by_label("All volumes together: none in range");
        }
        Some(c) => {
            harness.get_by_label_contains(&format!(
                "All volumes together: crossing at × {}",
                format_number(c.multiple.round_dp(4))
            ));
        }
    }
    // A range where nothing can cross: from × 0 to × 0.01 of the volumes, Offer A's fixed fee
    // keeps it dearer than Offer B's calls alone.
    harness.state_mut().view.negotiation.range = (0.0, 0.01);
    step_until_label(&mut harness, "All volumes together: none in range");
}

#[test]
fn clicking_the_top_bar_of_the_tornado_opens_the_term_with_the_largest_swing() {
    let project = small();
    let expected = dealbench::engine::sensitivity::sensitivity(
        &project,
        &project.scenarios[0],
        &dealbench::engine::sensitivity::Moves::default(),
    );
    let top = expected.swings[0].path.component.clone();
    let mut harness = harness(project);
    step_until_label(&mut harness, "Term (click to edit)");
    // Nothing selected by the list yet: the offer's own editor is open.
    assert_ne!(harness.state().view.selection, Selection::Term(top.clone()));
    let plot = harness
        .get_by_label("Tornado chart: click a bar to open its term")
        .rect();
    // Rank 0 is drawn on top: its bar's middle lies in the top tenth of the plot area
    // (bars run down the y axis from 0 with a margin above and below).
    let at = eframe::egui::pos2(plot.center().x, plot.top() + plot.height() * 0.065);
    harness.hover_at(at);
    harness.run();
    harness.drag_at(at);
    harness.drop_at(at);
    harness.run();
    assert_eq!(harness.state().view.selection, Selection::Term(top));
}

#[test]
fn the_offers_tab_draws_the_break_even_of_two_offers() {
    let mut harness = app::app_harness(small(), 1400.0, 1000.0);
    harness.state_mut().view.chart = ChartTab::Offers;
    harness.run();
    harness.get_by_label("Break-even by volume").click();
    step_until_label(&mut harness, "All volumes together:");
    harness.get_by_label("Offer A against Offer B");
}
