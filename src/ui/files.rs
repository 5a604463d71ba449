//! Files: the Open / Save as dialog (a path field that always works, plus the native dialog
//! where a portal provides one), the bundled samples, and the unsaved-changes prompt.

use std::path::PathBuf;

use eframe::egui::{self, Id, Modal, TextEdit};

use super::commands::Command;
use super::state::Document;

/// What the file dialog is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogMode {
    /// Choose a project to open.
    Open,
    /// Choose where to save.
    SaveAs,
}

/// The in-app file dialog.
#[derive(Debug, Clone)]
pub struct FileDialog {
    /// Open or save.
    pub mode: DialogMode,
    /// The path typed or chosen.
    pub path: String,
    /// A command to run after the dialog's own (the one a Save prompt interrupted).
    pub after: Option<Command>,
    /// Why the last attempt did not work.
    pub problem: Option<String>,
    /// Whether the path field has been given the keyboard focus.
    pub focused: bool,
}

impl FileDialog {
    /// A dialog to open a project, starting in the current file's folder.
    pub fn open(doc: &Document) -> Self {
        let path = doc
            .path
            .as_ref()
            .and_then(|p| p.parent())
            .map(|p| format!("{}/", p.display()))
            .unwrap_or_default();
        Self {
            mode: DialogMode::Open,
            path,
            after: None,
            problem: None,
            focused: false,
        }
    }

    /// A dialog to save the project, proposing a name from the project's name.
    pub fn save_as(doc: &Document, after: Option<Command>) -> Self {
        let path = match &doc.path {
            Some(p) => p.display().to_string(),
            None => {
                let dir = std::env::current_dir().unwrap_or_default();
                dir.join(format!("{}.ron", slug(&doc.project.name)))
                    .display()
                    .to_string()
            }
        };
        Self {
            mode: DialogMode::SaveAs,
            path,
            after,
            problem: None,
            focused: false,
        }
    }
}

/// What became of the dialog this frame.
pub enum DialogOutcome {
    /// Still open.
    Open,
    /// Closed without choosing.
    Cancelled,
    /// A file was chosen: run this.
    Command(Command),
}

/// Shows the file dialog as a modal.
pub fn dialog(ctx: &egui::Context, dialog: &mut FileDialog, recent: &[PathBuf]) -> DialogOutcome {
    let mut outcome = DialogOutcome::Open;
    let (title, action) = match dialog.mode {
        DialogMode::Open => ("Open a project", "Open"),
        DialogMode::SaveAs => ("Save the project as", "Save"),
    };
    let modal = Modal::new(Id::unique("file_dialog")).show(ctx, |ui| {
        ui.set_width(560.0);
        ui.heading(title);
        ui.add_space(4.0);
        let mut submit = false;
        ui.horizontal(|ui| {
            let label = ui.label("Path");
            let response = ui
                .add(TextEdit::singleline(&mut dialog.path).desired_width(380.0).hint_text("/home/me/contract.ron"))
                .labelled_by(label.id);
            if !dialog.focused {
                response.request_focus();
                dialog.focused = true;
            }
            if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                submit = true;
            }
            if ui.button("Browse…").on_hover_text("Use the system file dialog").clicked() {
                let picker = rfd::FileDialog::new().add_filter("Dealbench project", &["ron"]);
                let picked = match dialog.mode {
                    DialogMode::Open => picker.pick_file(),
                    DialogMode::SaveAs => picker.save_file(),
                };
                match picked {
                    Some(path) => dialog.path = path.display().to_string(),
                    None => {
                        dialog.problem = Some("No file chosen (no system file dialog is available here): type the path instead".into())
                    }
                }
            }
        });
        if let Some(problem) = &dialog.problem {
            ui.colored_label(super::theme::WARNING, problem);
        }
        if dialog.mode == DialogMode::Open {
            list(ui, "Projects in this folder", &ron_files_near(&dialog.path), &mut outcome);
            let samples = samples();
            list(ui, "Samples", &samples, &mut outcome);
            list(ui, "Recent files", recent, &mut outcome);
            let recovered: Vec<PathBuf> = recovery_path().filter(|p| p.is_file()).into_iter().collect();
            list(ui, "Unsaved work recovered after a crash", &recovered, &mut outcome);
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button(action).clicked() {
                submit = true;
            }
            if ui.button("Cancel").clicked() {
                outcome = DialogOutcome::Cancelled;
            }
        });
        if submit {
            let path = PathBuf::from(dialog.path.trim());
            match check(dialog.mode, &path) {
                Ok(path) => {
                    outcome = DialogOutcome::Command(match dialog.mode {
                        DialogMode::Open => Command::OpenPath(path),
                        DialogMode::SaveAs => Command::SaveTo(path),
                    })
                }
                Err(problem) => dialog.problem = Some(problem),
            }
        }
    });
    if modal.should_close() && matches!(outcome, DialogOutcome::Open) {
        outcome = DialogOutcome::Cancelled;
    }
    outcome
}

fn list(ui: &mut egui::Ui, heading: &str, paths: &[PathBuf], outcome: &mut DialogOutcome) {
    if paths.is_empty() {
        return;
    }
    ui.add_space(4.0);
    ui.strong(heading);
    for path in paths {
        let name = path
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if ui
            .link(name)
            .on_hover_text(path.display().to_string())
            .clicked()
        {
            *outcome = DialogOutcome::Command(Command::OpenPath(path.clone()));
        }
    }
}

fn check(mode: DialogMode, path: &std::path::Path) -> Result<PathBuf, String> {
    if path.as_os_str().is_empty() {
        return Err("Type a path to a .ron file".into());
    }
    match mode {
        DialogMode::Open if !path.is_file() => Err(format!("{} is not a file", path.display())),
        DialogMode::SaveAs if path.is_dir() => {
            Err(format!("{} is a folder; add a file name", path.display()))
        }
        DialogMode::SaveAs => {
            let path = if path.extension().is_none() {
                path.with_extension("ron")
            } else {
                path.to_owned()
            };
            match path.parent() {
                Some(dir) if !dir.as_os_str().is_empty() && !dir.is_dir() => {
                    Err(format!("the folder {} does not exist", dir.display()))
                }
                _ => Ok(path),
            }
        }
        DialogMode::Open => Ok(path.to_owned()),
    }
}

/// The `.ron` files in the folder `typed` names (or the folder of the file it names), at most 12.
fn ron_files_near(typed: &str) -> Vec<PathBuf> {
    let typed = PathBuf::from(typed.trim());
    let dir = if typed.is_dir() {
        typed
    } else {
        typed.parent().map(PathBuf::from).unwrap_or_default()
    };
    if dir.as_os_str().is_empty() {
        return Vec::new();
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "ron") && p.is_file())
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found.truncate(12);
    found
}

/// The bundled sample projects: `samples/*.ron` beside the executable or in the source tree.
pub fn samples() -> Vec<PathBuf> {
    let mut dirs = vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples")];
    if let Ok(exe) = std::env::current_exe()
        && let Some(dir) = exe.parent()
    {
        dirs.insert(0, dir.join("samples"));
    }
    for dir in dirs {
        if let Ok(entries) = std::fs::read_dir(&dir) {
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "ron"))
                .collect();
            if !found.is_empty() {
                found.sort();
                return found;
            }
        }
    }
    Vec::new()
}

/// Where unsaved work is kept in case the app stops unexpectedly.
pub fn recovery_path() -> Option<PathBuf> {
    eframe::storage_dir("Dealbench").map(|dir| dir.join("recovery.ron"))
}

/// The user's answer to "Save changes?".
pub enum PromptChoice {
    /// Save, then run the command.
    Save(Command),
    /// Drop the changes and run the command.
    Discard(Command),
    /// Do nothing.
    Cancel,
}

/// The unsaved-changes prompt for `pending`, if one is waiting.
pub fn prompt(
    ctx: &egui::Context,
    doc: &Document,
    pending: Option<&Command>,
) -> Option<PromptChoice> {
    let pending = pending?;
    let mut choice = None;
    let modal = Modal::new(Id::unique("unsaved_prompt")).show(ctx, |ui| {
        ui.set_width(420.0);
        ui.heading("Save changes?");
        ui.label(format!(
            "\"{}\" has changes that are not saved. They are lost if you continue without saving.",
            doc.project.name
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                choice = Some(PromptChoice::Save(pending.clone()));
            }
            if ui.button("Don't save").clicked() {
                choice = Some(PromptChoice::Discard(pending.clone()));
            }
            if ui.button("Cancel").clicked() {
                choice = Some(PromptChoice::Cancel);
            }
        });
    });
    if choice.is_none() && modal.should_close() {
        choice = Some(PromptChoice::Cancel);
    }
    choice
}

fn slug(name: &str) -> String {
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    let slug = slug.trim_matches('_').to_owned();
    if slug.is_empty() {
        "project".into()
    } else {
        slug
    }
}
