//! Every term explained where it is edited, with egui_kittest (no window is opened): an editor
//! field's info marker shows, on hover, what the term means, its unit and its typical range
//! from public practice, and a number shows its unit after the field.
#![allow(
    clippy::unwrap_used,
    reason = "test and bench set-up fails loudly with the value"
)]
#![cfg(feature = "gui")]

#[path = "common/app.rs"]
mod app;

use dealbench::model::{Component, Project};
use dealbench::ui::DealbenchApp;
use dealbench::ui::state::Selection;
use egui_kittest::kittest::Queryable;
use egui_kittest::{Harness, Node};

/// The IT outsourcing sample (ARC/RRC charges, at-risk credits) with `term` selected.
fn editing(term: Component) -> Harness<'static, DealbenchApp> {
    let (file, text) = dealbench::io::project::SAMPLES[1];
    let project: Project = dealbench::io::project::parse(text, file).unwrap();
    let mut harness = app::app_harness(project, 1400.0, 900.0);
    harness.state_mut().view.selection = Selection::Term(term);
    harness.run();
    harness
}

/// The info marker after the field labelled `label` (a label node names it "About <label>").
fn marker<'h>(harness: &'h Harness<'static, DealbenchApp>, label: &str) -> Node<'h> {
    let name = format!("About {label}");
    harness.get_by(move |n| n.label().as_deref() == Some(name.as_str()))
}

#[test]
fn the_dead_band_explains_itself_with_its_unit_and_typical_range() {
    let mut harness = editing(Component::Charge("servers_arc_rrc".into()));
    // The field keeps its label, and its unit stands after it.
    harness.get_by_label("Dead band ±%");
    assert!(
        harness
            .query_all_by_label("± % of the baseline")
            .next()
            .is_some()
    );
    assert!(
        harness
            .query_by_label_contains("Typical: ±5–10 %")
            .is_none()
    );
    marker(&harness, "Dead band ±%").hover();
    harness.run();
    let help = harness.get_by_label_contains("Typical: ±5–10 %");
    let text = format!("{help:?}");
    assert!(text.contains("a band around the baseline"), "{text}");
    assert!(text.contains("Unit: ± % of the baseline"), "{text}");
}

#[test]
fn an_at_risk_allocation_gives_its_pool_range_and_a_count_its_unit() {
    let mut harness = editing(Component::ServiceLevel("p1_resolution".into()));
    marker(&harness, "Allocation of the pool %").hover();
    harness.run();
    let help = harness.get_by_label_contains("all together typically 100–250 %");
    assert!(format!("{help:?}").contains("Unit: % of the at-risk amount"));
    marker(&harness, "Family").hover();
    harness.run();
    harness.get_by_label_contains("a share of the at-risk pool, service points");
    assert!(
        harness
            .query_all_by_label("% of the at-risk amount")
            .next()
            .is_some()
    );
}

#[test]
fn money_reads_in_the_currency_and_the_glossary_finds_the_fields() {
    let mut harness = editing(Component::ServiceLevel("p1_resolution".into()));
    harness.state_mut().view.selection = Selection::Term(Component::CreditRegime);
    harness.run();
    // The at-risk pool's unit after the field; a fixed fee's money reads in the currency.
    assert!(
        harness
            .query_all_by_label("% of the month's charges")
            .next()
            .is_some()
    );
    harness.state_mut().view.selection = Selection::Term(Component::Charge("service_fee".into()));
    harness.run();
    harness.get_by_label("Monthly fee");
    harness.get_by_label("GBP a month");
    // Help › Glossary searches the editors' fields as well as the terms.
    harness.state_mut().view.glossary = Some("dead band".into());
    harness.run();
    harness.get_by_label("Fields in the editors");
    harness.get_by_label_contains("Unit: ± % of the baseline\nTypical: ±5–10 %");
}
