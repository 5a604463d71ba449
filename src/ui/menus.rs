//! The menu bar: File, Edit, View and Help. Entries are [`Command`]s (their labels, tooltips
//! and shortcuts come from there) queued for the end of the frame; the View menu's switches
//! change the settings and the view directly.

use eframe::egui::{self, Ui};

use super::charts::{self, ChartTab};
use super::commands::Command;
use super::files;
use super::state::{Period, Settings};
use crate::model::Project;

/// What the menus read and change.
pub struct Menus<'a> {
    /// The settings the View menu switches.
    pub settings: &'a mut Settings,
    /// The project (its imports, its term for the period choices).
    pub project: &'a Project,
    /// Whether Undo and Redo are enabled.
    pub can_undo: bool,
    /// See `can_undo`.
    pub can_redo: bool,
    /// The period amounts are shown for.
    pub period: &'a mut Period,
    /// The chart shown.
    pub chart: &'a mut ChartTab,
    /// Whether the flags window is open.
    pub flags_open: &'a mut bool,
    /// Where chosen commands go.
    pub queue: &'a mut Vec<Command>,
}

/// Shows the menu bar.
pub fn show(ui: &mut Ui, mut m: Menus<'_>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file(ui, &mut m));
        ui.menu_button("Edit", |ui| {
            ui.add_enabled_ui(m.can_undo, |ui| item(ui, Command::Undo, m.queue));
            ui.add_enabled_ui(m.can_redo, |ui| item(ui, Command::Redo, m.queue));
            ui.separator();
            for command in [
                Command::NewScenario,
                Command::DuplicateScenario,
                Command::CounterOffer,
                Command::Delete,
                Command::MoveUp,
                Command::MoveDown,
            ] {
                item(ui, command, m.queue);
            }
            ui.separator();
            item(ui, Command::CopyLedger, m.queue);
        });
        ui.menu_button("View", |ui| view(ui, &mut m));
        ui.menu_button("Help", |ui| {
            item(ui, Command::Shortcuts, m.queue);
            item(ui, Command::Glossary, m.queue);
            item(ui, Command::About, m.queue);
        });
    });
}

/// A menu entry for `command`, with its shortcut and tooltip.
fn item(ui: &mut Ui, command: Command, queue: &mut Vec<Command>) {
    let mut button = egui::Button::new(command.label());
    if let Some(shortcut) = command.shortcuts().first() {
        button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
    }
    if ui.add(button).on_hover_text(command.tooltip()).clicked() {
        queue.push(command);
    }
}

fn file(ui: &mut Ui, m: &mut Menus<'_>) {
    item(ui, Command::New, m.queue);
    item(ui, Command::Open, m.queue);
    ui.menu_button("Open recent", |ui| {
        if m.settings.recent.is_empty() {
            ui.label("No recent files");
        }
        for path in m.settings.recent.clone() {
            item(ui, Command::OpenPath(path), m.queue);
        }
    });
    ui.menu_button("Samples", |ui| {
        let samples = files::samples();
        if samples.is_empty() {
            ui.label("No bundled samples found");
        }
        for path in samples {
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            if ui
                .button(name)
                .on_hover_text(path.display().to_string())
                .clicked()
            {
                m.queue.push(Command::OpenPath(path));
            }
        }
    });
    ui.separator();
    item(ui, Command::Save, m.queue);
    item(ui, Command::SaveAs, m.queue);
    item(ui, Command::ExportWorkbook, m.queue);
    item(ui, Command::ExportReport, m.queue);
    item(ui, Command::Print, m.queue);
    ui.separator();
    item(ui, Command::ImportKpis, m.queue);
    ui.add_enabled_ui(!m.project.imports.is_empty(), |ui| {
        ui.menu_button("Re-import", |ui| {
            for (i, source) in m.project.imports.iter().enumerate() {
                if ui
                    .button(charts::reimport_label(&source.file))
                    .on_hover_text(format!(
                        "{}\n{}",
                        source.file,
                        Command::Reimport(i).tooltip()
                    ))
                    .clicked()
                {
                    m.queue.push(Command::Reimport(i));
                }
            }
        });
    });
    ui.separator();
    item(ui, Command::Quit, m.queue);
}

fn view(ui: &mut Ui, m: &mut Menus<'_>) {
    let settings = &mut *m.settings;
    ui.checkbox(&mut settings.show_tree, "Project tree");
    ui.checkbox(&mut settings.show_charts, "Charts");
    ui.checkbox(&mut settings.show_ledger, "Ledger tab");
    ui.checkbox(&mut settings.show_frame_time, "Frame time in status bar");
    if ui
        .button("Flags…")
        .on_hover_text("Triggers, caps, change control and missing data of the offer")
        .clicked()
    {
        *m.flags_open = true;
    }
    ui.separator();
    ui.label("Period");
    for (period, label) in m.period.choices(m.project) {
        if ui.radio(m.period.is_choice(period), label).clicked() {
            *m.period = period;
        }
    }
    ui.separator();
    ui.label("Chart");
    for tab in ChartTab::ALL {
        if ui.radio(*m.chart == tab, tab.label()).clicked() {
            *m.chart = tab;
        }
    }
}
