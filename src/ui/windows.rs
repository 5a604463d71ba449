//! The app's windows and dialogs: the unsaved-changes prompt, the file dialog, the import
//! dialog, and the flags, shortcuts and about windows.

use eframe::egui;

use super::charts::ChartTab;
use super::commands::Command;
use super::files::{self, FileDialog};
use super::import_dialog::DialogAction;
use super::state::{Document, ViewState};
use super::status;
use crate::engine::Ledger;

/// The unsaved-changes prompt and the file dialog, while one is open; what the user chose is
/// queued.
pub fn prompts(
    ctx: &egui::Context,
    doc: &Document,
    view: &mut ViewState,
    recent: &[std::path::PathBuf],
    queue: &mut Vec<Command>,
) {
    if let Some(choice) = files::prompt(ctx, doc, view.prompt.as_ref()) {
        view.prompt = None;
        match choice {
            files::PromptChoice::Save(pending) => {
                queue.push(Command::Save);
                if doc.path.is_some() {
                    queue.push(pending);
                } else if let Some(dialog) = &mut view.dialog {
                    dialog.after = Some(pending);
                } else {
                    view.dialog = Some(FileDialog::save_as(doc, Some(pending)));
                }
            }
            files::PromptChoice::Discard(pending) => {
                view.discard_confirmed = true;
                queue.push(pending);
            }
            files::PromptChoice::Cancel => {}
        }
    }
    if let Some(dialog) = &mut view.dialog {
        match files::dialog(ctx, dialog, recent) {
            files::DialogOutcome::Open => {}
            files::DialogOutcome::Cancelled => view.dialog = None,
            files::DialogOutcome::Command(command) => {
                let after = dialog.after.take();
                view.dialog = None;
                queue.push(command);
                queue.extend(after);
            }
        }
    }
}

/// The import dialog, while it is open. Applying replaces the project in one change (one undo
/// step) and shows the history data.
pub fn import(ctx: &egui::Context, doc: &mut Document, view: &mut ViewState) {
    let Some(dialog) = &mut view.import else {
        return;
    };
    match dialog.show(ctx, &doc.project) {
        DialogAction::Open => {}
        DialogAction::Cancelled => view.import = None,
        DialogAction::Apply(project, message) => {
            doc.project = *project;
            view.import = None;
            view.chart = ChartTab::Data;
            view.toast(message, false);
        }
    }
}

/// The flags, shortcuts and about windows. Escape closes them (the dialogs close on Escape
/// themselves, and take it first).
pub fn show(ctx: &egui::Context, ledger: Option<&Ledger>, view: &mut ViewState) {
    let modal = view.dialog.is_some() || view.prompt.is_some() || view.import.is_some();
    if !modal && !ctx.egui_wants_keyboard_input() && ctx.input(|i| i.key_pressed(egui::Key::Escape))
    {
        view.flags.open = false;
        view.show_shortcuts = false;
        view.show_about = false;
        view.glossary = None;
    }
    status::flags_window(ctx, ledger, &mut view.flags, &mut view.period);
    shortcuts(ctx, &mut view.show_shortcuts);
    glossary(ctx, &mut view.glossary);
    let mut open = view.show_about;
    egui::Window::new("About Dealbench").open(&mut open).collapsible(false).resizable(false).show(ctx, |ui| {
        ui.heading("Dealbench");
        ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
        ui.label("Model and negotiate service contracts: build the agreement, move its terms, watch the money.");
    });
    view.show_about = open;
}

/// The first-launch tour: the three things to try, each with a button that sets the view up
/// for it; dismissed for good with "Got it". Returns whether it was dismissed.
pub fn tour(ctx: &egui::Context, project: &crate::model::Project, view: &mut ViewState) -> bool {
    use crate::model::{Component, Pricing};
    use crate::ui::state::Selection;
    let mut done = false;
    let scenario = project.scenarios.get(view.scenario);
    let level = scenario.and_then(|s| s.service_levels.first());
    let tiers = scenario
        .and_then(|s| (s.charges.iter()).find(|c| matches!(c.pricing, Pricing::Tiered { .. })));
    egui::Window::new("Three things to try")
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::RIGHT_BOTTOM, [-16.0, -40.0])
        .default_width(300.0)
        .show(ctx, |ui| {
            ui.set_max_width(300.0);
            // Each thing in words, its button under it: the window stays narrow, in the
            // editor's empty corner, off the chart.
            let step = |ui: &mut egui::Ui, text: &str, enabled: bool| {
                ui.label(text);
                let clicked = ui
                    .add_enabled(enabled, egui::Button::new("Show me"))
                    .clicked();
                ui.add_space(4.0);
                clicked
            };
            if step(
                ui,
                "Drag a service level's target line and watch the credits move.",
                level.is_some(),
            ) && let Some(sl) = level
            {
                view.selection = Selection::Term(Component::ServiceLevel(sl.id.clone()));
                view.chart = ChartTab::ServiceLevels;
            }
            if step(
                ui,
                "Edit a tier band's rate or edge in the editor on the right.",
                tiers.is_some(),
            ) && let Some(charge) = tiers
            {
                view.selection = Selection::Term(Component::Charge(charge.id.clone()));
                view.chart = ChartTab::Volumes;
            }
            if step(
                ui,
                "Compare the offers: totals, NPV, and what changed between two.",
                true,
            ) {
                view.chart = ChartTab::Offers;
            }
            ui.add_space(4.0);
            done = ui.button("Got it").clicked();
        });
    done
}

/// The glossary: every contract term, searchable by any word.
fn glossary(ctx: &egui::Context, query: &mut Option<String>) {
    let Some(text) = query else { return };
    let mut open = true;
    egui::Window::new("Glossary")
        .open(&mut open)
        .default_size([520.0, 480.0])
        .default_pos(ctx.content_rect().center() - egui::vec2(260.0, 240.0))
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                let label = ui.label("Search");
                ui.text_edit_singleline(text).labelled_by(label.id);
            });
            ui.separator();
            let found = crate::model::glossary::search(text);
            let fields = crate::model::glossary::search_fields(text);
            if found.is_empty() && fields.is_empty() {
                ui.weak("No term matches every word.");
            }
            egui::ScrollArea::vertical().show(ui, |ui| {
                for entry in found {
                    ui.label(egui::RichText::new(entry.term).strong());
                    if !entry.also.is_empty() {
                        ui.weak(format!("Also: {}", entry.also.join(", ")));
                    }
                    ui.label(entry.meaning);
                    ui.add_space(6.0);
                }
                glossary_fields(ui, &fields);
            });
        });
    if !open {
        *query = None;
    }
}

/// The editors' fields matching the glossary search: the same help their info markers show.
fn glossary_fields(ui: &mut egui::Ui, fields: &[crate::model::glossary::FieldHelp]) {
    if fields.is_empty() {
        return;
    }
    ui.separator();
    ui.label(egui::RichText::new("Fields in the editors").strong());
    for help in fields {
        ui.label(egui::RichText::new(help.name).strong());
        ui.label(help.text());
        ui.add_space(6.0);
    }
}

/// Every command with a shortcut, and its keys.
fn shortcuts(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("Keyboard shortcuts")
        .open(open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                for command in Command::MENU {
                    let keys: Vec<String> = command
                        .shortcuts()
                        .iter()
                        .map(|s| ctx.format_shortcut(s))
                        .collect();
                    if keys.is_empty() {
                        continue;
                    }
                    ui.label(command.label());
                    ui.monospace(keys.join("  or  "));
                    ui.end_row();
                }
            });
            ui.label("Shortcuts do not fire while you type in a field.");
        });
}
