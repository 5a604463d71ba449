//! The project tree: scenarios with their components, then the project's data.

use eframe::egui::{self, CollapsingHeader, Ui};

use super::app::ViewState;
use super::commands::{Command, ComponentKind};
use super::state::Selection;
use crate::model::{Charge, Pricing, Project, Scenario, TerminationTrigger};

/// What kind of charge this is, in words.
pub fn charge_kind(charge: &Charge) -> &'static str {
    match &charge.pricing {
        Pricing::Fixed { .. } => "Fixed fee",
        Pricing::UnitRates { .. } => "Unit rates",
        Pricing::Tiered { mode, .. } => match mode {
            crate::model::TierMode::Graduated => "Tiers, graduated",
            crate::model::TierMode::AllUnits => "Tiers, all-units",
            crate::model::TierMode::FixedFee => "Tiered fixed fee",
        },
        Pricing::ResourceAdjustment(_) => "ARC/RRC",
    }
}

/// The name of a selected item of `scenario`, for the tree and the editor's heading.
pub fn item_name(project: &Project, scenario: Option<&Scenario>, selection: Selection) -> String {
    let or = |name: Option<&str>| name.unwrap_or("?").to_owned();
    match selection {
        Selection::Project => "Project settings".into(),
        Selection::Scenario => or(scenario.map(|s| s.name.as_str())),
        Selection::Charge(i) => or(scenario
            .and_then(|s| s.charges.get(i))
            .map(|c| c.name.as_str())),
        Selection::Minimum(i) => or(scenario
            .and_then(|s| s.minimums.get(i))
            .map(|c| c.name.as_str())),
        Selection::Indexation => "Indexation".into(),
        Selection::ChargeCap(i) => or(scenario
            .and_then(|s| s.charge_caps.get(i))
            .map(|c| c.name.as_str())),
        Selection::ServiceLevel(i) => or(scenario
            .and_then(|s| s.service_levels.get(i))
            .map(|c| c.name.as_str())),
        Selection::CreditRegime => "Credit pool and caps".into(),
        Selection::Bonus(i) => or(scenario
            .and_then(|s| s.bonuses.get(i))
            .map(|c| c.name.as_str())),
        Selection::Trigger(i) => scenario
            .and_then(|s| s.triggers.get(i))
            .map(trigger_name)
            .unwrap_or_else(|| "?".into()),
        Selection::Kpi(i) => or(project.kpis.get(i).map(|k| k.name.as_str())),
        Selection::Volume(i) => or(project.volumes.get(i).map(|k| k.name.as_str())),
        Selection::Index(i) => or(project.indices.get(i).map(|k| k.name.as_str())),
    }
}

/// A trigger in words.
pub fn trigger_name(trigger: &TerminationTrigger) -> String {
    match trigger {
        TerminationTrigger::ConsecutiveMinimumMisses {
            service_level,
            months,
        } => {
            format!("{service_level}: {months} minimum misses running")
        }
        TerminationTrigger::CapReached {
            times,
            window_months,
        } => {
            format!("Credit cap reached {times}× in {window_months} months")
        }
    }
}

/// Shows the tree; clicking an item selects it (and its scenario).
pub fn show(ui: &mut Ui, project: &Project, view: &mut ViewState, queue: &mut Vec<Command>) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            item(
                ui,
                view,
                0,
                Selection::Project,
                "Project settings",
                view.scenario,
            );
            ui.add_space(4.0);
            ui.strong("Scenarios");
            for (si, s) in project.scenarios.iter().enumerate() {
                CollapsingHeader::new(&s.name)
                    .id_salt(("scenario", si))
                    .default_open(si == view.scenario)
                    .show(ui, |ui| {
                        item(ui, view, si, Selection::Scenario, "Offer terms", si);
                        for (i, c) in s.charges.iter().enumerate() {
                            item(
                                ui,
                                view,
                                si,
                                Selection::Charge(i),
                                &format!("{} · {}", charge_kind(c), c.name),
                                si,
                            );
                        }
                        for (i, m) in s.minimums.iter().enumerate() {
                            item(
                                ui,
                                view,
                                si,
                                Selection::Minimum(i),
                                &format!("Minimum · {}", m.name),
                                si,
                            );
                        }
                        if s.indexation.is_some() {
                            item(ui, view, si, Selection::Indexation, "Indexation", si);
                        }
                        for (i, c) in s.charge_caps.iter().enumerate() {
                            item(
                                ui,
                                view,
                                si,
                                Selection::ChargeCap(i),
                                &format!("Charge cap · {}", c.name),
                                si,
                            );
                        }
                        for (i, sl) in s.service_levels.iter().enumerate() {
                            item(
                                ui,
                                view,
                                si,
                                Selection::ServiceLevel(i),
                                &format!("SL · {}", sl.name),
                                si,
                            );
                        }
                        item(
                            ui,
                            view,
                            si,
                            Selection::CreditRegime,
                            "Credit pool and caps",
                            si,
                        );
                        for (i, b) in s.bonuses.iter().enumerate() {
                            item(
                                ui,
                                view,
                                si,
                                Selection::Bonus(i),
                                &format!("Bonus · {}", b.name),
                                si,
                            );
                        }
                        for (i, t) in s.triggers.iter().enumerate() {
                            item(
                                ui,
                                view,
                                si,
                                Selection::Trigger(i),
                                &format!("Trigger · {}", trigger_name(t)),
                                si,
                            );
                        }
                    });
            }
            ui.horizontal(|ui| {
                for command in [Command::NewScenario, Command::DuplicateScenario] {
                    if ui
                        .small_button(command.label())
                        .on_hover_text(command.tooltip())
                        .clicked()
                    {
                        queue.push(command);
                    }
                }
            });
            ui.add_space(6.0);
            ui.strong("Data");
            ui.horizontal_wrapped(|ui| {
                for kind in [
                    ComponentKind::KpiSeries,
                    ComponentKind::VolumeSeries,
                    ComponentKind::IndexSeries,
                ] {
                    if ui
                        .small_button(format!("+ {}", kind.label()))
                        .on_hover_text(kind.tooltip())
                        .clicked()
                    {
                        queue.push(Command::Add(kind));
                    }
                }
            });
            CollapsingHeader::new(format!("KPI series ({})", project.kpis.len()))
                .id_salt("kpis")
                .default_open(true)
                .show(ui, |ui| {
                    for (i, k) in project.kpis.iter().enumerate() {
                        item(
                            ui,
                            view,
                            view.scenario,
                            Selection::Kpi(i),
                            &k.name,
                            view.scenario,
                        );
                    }
                });
            CollapsingHeader::new(format!("Volumes ({})", project.volumes.len()))
                .id_salt("volumes")
                .default_open(true)
                .show(ui, |ui| {
                    for (i, v) in project.volumes.iter().enumerate() {
                        item(
                            ui,
                            view,
                            view.scenario,
                            Selection::Volume(i),
                            &v.name,
                            view.scenario,
                        );
                    }
                });
            CollapsingHeader::new(format!("Index series ({})", project.indices.len()))
                .id_salt("indices")
                .default_open(false)
                .show(ui, |ui| {
                    for (i, x) in project.indices.iter().enumerate() {
                        item(
                            ui,
                            view,
                            view.scenario,
                            Selection::Index(i),
                            &x.name,
                            view.scenario,
                        );
                    }
                });
        });
}

fn item(
    ui: &mut Ui,
    view: &mut ViewState,
    scenario: usize,
    selection: Selection,
    text: &str,
    _si: usize,
) {
    let selected =
        view.selection == selection && (view.scenario == scenario || !is_scenario_item(selection));
    if ui.selectable_label(selected, text).clicked() {
        view.scenario = scenario;
        view.selection = selection;
    }
}

fn is_scenario_item(selection: Selection) -> bool {
    !matches!(
        selection,
        Selection::Project | Selection::Kpi(_) | Selection::Volume(_) | Selection::Index(_)
    )
}
