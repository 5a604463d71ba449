//! The toolbar: the scenario shown, the period amounts are shown for, undo and redo, and the
//! project's name.

use eframe::egui::{self, Ui};

use super::commands::Command;
use super::state::{Period, Selection};
use crate::model::Project;

/// What the toolbar reads and changes.
pub struct Toolbar<'a> {
    /// The project.
    pub project: &'a Project,
    /// The scenario shown.
    pub scenario: &'a mut usize,
    /// The selected item: choosing another scenario selects its own fields.
    pub selection: &'a mut Selection,
    /// The period amounts are shown for.
    pub period: &'a mut Period,
    /// Whether Undo and Redo are enabled.
    pub can_undo: bool,
    /// See `can_undo`.
    pub can_redo: bool,
    /// Where Undo and Redo go.
    pub queue: &'a mut Vec<Command>,
}

/// Shows the toolbar.
pub fn show(ui: &mut Ui, t: Toolbar<'_>) {
    ui.horizontal(|ui| {
        let project = t.project;
        let label = ui.label("Scenario");
        let current = project
            .scenarios
            .get(*t.scenario)
            .map_or("", |s| s.name.as_str());
        egui::ComboBox::from_id_salt("scenario")
            .selected_text(current)
            .show_ui(ui, |ui| {
                for (i, s) in project.scenarios.iter().enumerate() {
                    if ui.selectable_label(i == *t.scenario, &s.name).clicked() {
                        *t.scenario = i;
                        *t.selection = Selection::OFFER;
                    }
                }
            })
            .response
            .labelled_by(label.id);
        ui.separator();
        period_picker(ui, project, t.period);
        ui.separator();
        for (command, enabled, icon) in [
            (Command::Undo, t.can_undo, "Undo"),
            (Command::Redo, t.can_redo, "Redo"),
        ] {
            let shortcut = command
                .shortcuts()
                .first()
                .map(|s| ui.ctx().format_shortcut(s))
                .unwrap_or_default();
            if ui
                .add_enabled(enabled, egui::Button::new(icon))
                .on_hover_text(format!("{} ({shortcut})", command.tooltip()))
                .clicked()
            {
                t.queue.push(command);
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.strong(&project.name);
        });
    });
}

/// The period chooser, and in month view the month with previous / next buttons.
fn period_picker(ui: &mut Ui, project: &Project, period: &mut Period) {
    let label = ui.label("Period");
    egui::ComboBox::from_id_salt("period_kind")
        .selected_text(match *period {
            Period::Month(_) => "Month".to_owned(),
            other => other.label(),
        })
        .show_ui(ui, |ui| {
            for (choice, text) in period.choices(project) {
                if ui
                    .selectable_label(period.is_choice(choice), text)
                    .clicked()
                {
                    *period = choice;
                }
            }
        })
        .response
        .labelled_by(label.id);
    if let Period::Month(m) = period {
        if ui
            .small_button("‹")
            .on_hover_text("Previous month")
            .clicked()
            && *m > project.start
        {
            *m = m.plus(-1);
        }
        ui.monospace(m.to_string());
        if ui.small_button("›").on_hover_text("Next month").clicked() && *m < project.end() {
            *m = m.plus(1);
        }
    }
}
