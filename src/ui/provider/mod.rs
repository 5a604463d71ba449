//! The Cost & margin tab: the provider's side of an offer. The cost model's editor, the
//! monthly cost against the net with the margin, the cost of a target (delivery cost, credits
//! and their sum over a range of targets, the cheapest marked), and "Price a proposal…", which
//! adds a copy of the offer priced for a target margin.
//!
//! - `editor.rs`: the cost model's fields, each labelled with its unit;
//! - `charts.rs`: the two charts;
//! - `worker.rs`: the cost and the sweep, computed on a worker thread per project state so that
//!   no frame waits for them (the sweep bills the offer and staffs the term once per target).

mod charts;
mod editor;
mod worker;

use eframe::egui::{self, RichText, Ui};
use rust_decimal::Decimal;

use crate::engine::cost::{PriceLever, price};
use crate::model::Party;
use crate::model::negotiation::add_round;
use crate::model::provider::ProviderModel;
use crate::model::{Project, Scenario};
use crate::ui::format::format_money;
use crate::ui::widgets::decimal_edit_unit;

pub use worker::{Computed, Figures};

/// The tab's own choices, kept between frames.
#[derive(Debug, Clone, Default)]
struct TabState {
    /// The margin "Price a proposal…" aims for, in percent.
    margin_pct: Option<Decimal>,
    /// Whether the pricing form is open.
    pricing: bool,
    /// What the last pricing did, for the user.
    message: Option<String>,
}

/// Below this width the cost model folds above the figures instead of beside them.
const NARROW: f32 = 760.0;

/// Shows the tab for offer `scenario`.
pub fn show(ui: &mut Ui, project: &mut Project, scenario: usize) {
    let Some(offer) = project.scenarios.get(scenario).cloned() else {
        ui.label("No scenario");
        return;
    };
    if offer.cost_model.is_none() {
        ui.label("No cost model: the provider's cost of delivering this offer is not modelled.");
        if ui
            .button("Add a cost model")
            .on_hover_text("Copy another offer's cost model, or start from a contact-centre model")
            .clicked()
        {
            let other = project.scenarios.iter().find_map(|s| s.cost_model.clone());
            let contacts = project.volumes.iter().map(|v| v.id.clone()).collect();
            project.scenarios[scenario].cost_model =
                Some(other.unwrap_or_else(|| ProviderModel::starting(contacts)));
        }
        return;
    }
    let figures = worker::figures(ui.ctx(), project, scenario);
    if ui.available_width() < NARROW {
        // Too narrow for the model beside the figures: the figures first, the model folded
        // above them (a side panel left the figures a column of 140 points).
        egui::ScrollArea::vertical()
            .id_salt("cost_narrow")
            .show(ui, |ui| {
                egui::CollapsingHeader::new("Cost model (click to edit)")
                    .id_salt("cost_model_folded")
                    .show(ui, |ui| editor::show(ui, project, scenario));
                summary(ui, project, &figures);
                pricing(ui, project, scenario, &offer, &figures);
                charts::show(ui, project, &figures);
            });
        return;
    }
    egui::Panel::left("cost_model_editor")
        .resizable(true)
        .default_size(330.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                editor::show(ui, project, scenario);
            });
        });
    egui::ScrollArea::vertical()
        .id_salt("cost_charts")
        .show(ui, |ui| {
            summary(ui, project, &figures);
            pricing(ui, project, scenario, &offer, &figures);
            charts::show(ui, project, &figures);
        });
}

/// The term's cost, net and margin in words: what a user reads first.
fn summary(ui: &mut Ui, project: &Project, figures: &Figures) {
    let d = project.rounding.decimals;
    match &figures.cost {
        Computed::Ready(Ok(report)) => {
            let t = &report.totals;
            let pct = t.margin_pct.map_or("–".to_owned(), |p| format!("{p:.2} %"));
            ui.label(
                RichText::new(format!(
                    "Cost over the term {} · net {} · margin {} ({pct})",
                    format_money(t.cost, d),
                    format_money(t.net, d),
                    format_money(t.margin, d),
                ))
                .strong(),
            );
            ui.weak(format!(
                "Staffed to {}; {} paid hours.",
                report.answer.words(),
                format_money(t.paid_hours, 0)
            ));
        }
        Computed::Ready(Err(message)) => {
            ui.colored_label(crate::ui::theme::CREDIT, message);
        }
        Computed::Pending => {
            ui.weak("Computing the cost…");
        }
    }
}

/// "Price a proposal…": the margin asked for, and the button that adds the priced copy.
fn pricing(
    ui: &mut Ui,
    project: &mut Project,
    scenario: usize,
    offer: &Scenario,
    figures: &Figures,
) {
    let id = ui.scope_id().with("provider_tab");
    let mut state: TabState = ui.data(|d| d.get_temp(id)).unwrap_or_default();
    let lever = PriceLever::first(offer);
    let ready = matches!(figures.cost, Computed::Ready(Ok(_)));
    if ui
        .add_enabled(
            ready && lever.is_some(),
            egui::Button::new("Price a proposal…"),
        )
        .on_hover_text("Add a copy of this offer whose fee reaches a target margin over the term")
        .on_disabled_hover_text("Needs a cost model without problems and a fixed fee or unit rate")
        .clicked()
    {
        state.pricing = !state.pricing;
    }
    if state.pricing
        && let Some(lever) = lever
    {
        ui.group(|ui| {
            let mut margin = state.margin_pct.unwrap_or(Decimal::new(15, 0));
            decimal_edit_unit(ui, "Target margin", &mut margin, "% of net");
            state.margin_pct = Some(margin);
            ui.weak(format!("Solves {} on the replay's credits.", lever.label()));
            if ui.button("Add the priced offer").clicked() {
                state.message = Some(add_priced(project, scenario, offer, &lever, margin));
                state.pricing = false;
            }
        });
    }
    if let Some(message) = &state.message {
        ui.label(message);
    }
    ui.data_mut(|d| d.insert_temp(id, state));
}

/// Prices `offer` for `margin` % and inserts the copy after it, under a unique name; what
/// happened, in words. The app's snapshot undo takes the insertion back in one step.
fn add_priced(
    project: &mut Project,
    scenario: usize,
    offer: &Scenario,
    lever: &PriceLever,
    margin: Decimal,
) -> String {
    match price(project, offer, lever, margin, Decimal::ZERO) {
        Ok(priced) => {
            // The priced proposal is the provider's next round of the offer's negotiation.
            let name = format!("{} at {} % margin", offer.name, margin.normalize());
            let today = Some(chrono::Local::now().date_naive());
            let added = add_round(
                project,
                scenario,
                priced.scenario,
                &name,
                Party::Provider,
                today,
            );
            let Some(at) = added else {
                return "Not priced: the offer is no longer in the project".into();
            };
            format!(
                "Added \"{}\" as a new round: {} {} → {}.",
                project.scenarios[at].name,
                lever.label(),
                priced.before.normalize(),
                priced.after.normalize()
            )
        }
        Err(error) => format!("Not priced: {error}"),
    }
}
