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
    /// Choose where to write the workbook.
    Workbook,
    /// Choose where to write the report.
    Report,
    /// Choose where to save the chart as a picture.
    Picture,
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

impl FileDialog {
    /// A dialog to choose the workbook's file, proposing the project's name beside its file.
    pub fn workbook(doc: &Document) -> Self {
        Self::export(doc, DialogMode::Workbook, "xlsx")
    }

    /// A dialog to choose the report's file (HTML; PDF when the name ends in `.pdf`).
    pub fn report(doc: &Document) -> Self {
        Self::export(doc, DialogMode::Report, "html")
    }

    /// A dialog to choose the picture's file, named after the project and the chart.
    pub fn picture(doc: &Document, chart: &str) -> Self {
        let mut dialog = Self::export(doc, DialogMode::Picture, "png");
        let named = dialog
            .path
            .replace(".png", &format!("_{}.png", slug(chart)));
        dialog.path = named;
        dialog
    }

    fn export(doc: &Document, mode: DialogMode, extension: &str) -> Self {
        let folder = doc
            .path
            .as_ref()
            .and_then(|p| p.parent().map(std::path::Path::to_owned))
            .unwrap_or_else(|| std::env::current_dir().unwrap_or_default());
        Self {
            mode,
            path: folder
                .join(format!("{}.{extension}", slug(&doc.project.name)))
                .display()
                .to_string(),
            after: None,
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
        DialogMode::Workbook => ("Export the workbook (XLSX)", "Export"),
        DialogMode::Report => ("Export the report (.html, or .pdf)", "Export"),
        DialogMode::Picture => ("Save the chart as a picture (.png, or .svg)", "Save"),
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
                let picker = match dialog.mode {
                    DialogMode::Workbook => rfd::FileDialog::new().add_filter("Workbook", &["xlsx"]),
                    DialogMode::Report => rfd::FileDialog::new().add_filter("Report", &["html", "pdf"]),
                    DialogMode::Picture => rfd::FileDialog::new().add_filter("Picture", &["png", "svg"]),
                    _ => rfd::FileDialog::new().add_filter("Dealbench project", &["ron"]),
                };
                let picked = match dialog.mode {
                    DialogMode::Open => picker.pick_file(),
                    DialogMode::SaveAs
                    | DialogMode::Workbook
                    | DialogMode::Report
                    | DialogMode::Picture => picker.save_file(),
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
                        DialogMode::Workbook => Command::ExportWorkbookTo(path),
                        DialogMode::Report => Command::ExportReportTo(path),
                        DialogMode::Picture => Command::SaveChartTo(path),
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
        return Err("Type the path of the file".into());
    }
    let extension = match mode {
        DialogMode::Workbook => "xlsx",
        DialogMode::Report => "html",
        DialogMode::Picture => "png",
        DialogMode::Open | DialogMode::SaveAs => "ron",
    };
    match mode {
        DialogMode::Open if !path.is_file() => Err(format!("{} is not a file", path.display())),
        DialogMode::Open => Ok(path.to_owned()),
        _ if path.is_dir() => Err(format!("{} is a folder; add a file name", path.display())),
        _ => {
            let path = if path.extension().is_none() {
                path.with_extension(extension)
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

/// How often unsaved changes are written to the recovery file, in seconds.
pub const RECOVERY_INTERVAL_SECS: f64 = 30.0;

/// The recovery file: unsaved work written on a timer, offered again after a crash.
///
/// The rules: while the document has changes not yet in the file, the file is written
/// [`Recovery::interval`] seconds after the first of them (a repaint is scheduled for that
/// moment, so it happens without input). A recovery file found at start is offered and left
/// alone until the user chooses Recover or Discard. The file is removed only when the user
/// discards it, saves the work it holds, or quits choosing not to save.
#[derive(Debug, Clone)]
pub struct Recovery {
    /// The file; `None` keeps no recovery (no storage folder, or a test).
    pub path: Option<PathBuf>,
    /// Seconds between the first unwritten change and the write.
    pub interval: f64,
    /// When (egui time) the pending changes are to be written.
    due: Option<f64>,
    /// The document revision last written.
    written_revision: Option<u64>,
    /// Whether the file holds this session's work (so it is ours to remove once saved).
    ours: bool,
    /// A recovery file found at start, waiting for the user's choice.
    pub offer: Option<RecoveryOffer>,
}

/// A recovery file found at start.
#[derive(Debug, Clone)]
pub struct RecoveryOffer {
    /// When it was written, as `HH:MM` local time.
    pub written_at: String,
}

impl Recovery {
    /// No recovery file at all.
    pub fn disabled() -> Self {
        Self::at(None, RECOVERY_INTERVAL_SECS)
    }

    /// Recovery in `path`, written `interval` seconds after a change; a file already there is
    /// offered.
    pub fn at(path: Option<PathBuf>, interval: f64) -> Self {
        let offer = path
            .as_ref()
            .and_then(|p| std::fs::metadata(p).ok().filter(std::fs::Metadata::is_file))
            .map(|metadata| RecoveryOffer {
                written_at: metadata
                    .modified()
                    .map(|t| {
                        chrono::DateTime::<chrono::Local>::from(t)
                            .format("%H:%M")
                            .to_string()
                    })
                    .unwrap_or_else(|_| "an earlier session".to_owned()),
            });
        Self {
            path,
            interval,
            due: None,
            written_revision: None,
            ours: false,
            offer,
        }
    }

    /// Called every frame: writes the document's unsaved changes when they are due (and asks
    /// for a repaint at that moment), removes this session's file once the work is saved.
    /// Returns the error of a failed write.
    pub fn tick(&mut self, ctx: &egui::Context, doc: &Document, now: f64) -> Result<(), String> {
        let Some(path) = self.path.clone() else {
            return Ok(());
        };
        if self.offer.is_some() {
            // Never overwrite work the user has not yet decided about.
            return Ok(());
        }
        if !doc.is_dirty() {
            self.due = None;
            if self.ours {
                self.ours = false;
                self.written_revision = None;
                let _ = std::fs::remove_file(&path);
            }
            return Ok(());
        }
        if self.written_revision == Some(doc.revision) {
            return Ok(());
        }
        let due = *self.due.get_or_insert(now + self.interval);
        if now < due {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(due - now));
            return Ok(());
        }
        self.due = None;
        self.write(&path, doc)
    }

    /// Writes the document now (eframe's periodic save and the exit), unless a file found at
    /// start is still waiting for the user.
    pub fn write_now(&mut self, doc: &Document) -> Result<(), String> {
        match self.path.clone() {
            Some(path) if self.offer.is_none() && doc.is_dirty() => self.write(&path, doc),
            _ => Ok(()),
        }
    }

    fn write(&mut self, path: &std::path::Path, doc: &Document) -> Result<(), String> {
        if let Some(folder) = path.parent() {
            let _ = std::fs::create_dir_all(folder);
        }
        let text = crate::io::project::to_ron(&doc.project);
        crate::io::atomic::write_atomically(path, crate::io::atomic::Backup::None, |w| {
            w.write_all(text.as_bytes())
        })
        .map_err(|err| {
            format!(
                "Could not write the recovery file {}: {err}",
                path.display()
            )
        })?;
        self.written_revision = Some(doc.revision);
        self.ours = true;
        Ok(())
    }

    /// Deletes the offered file: the user chose Discard.
    pub fn discard(&mut self) {
        if let Some(path) = &self.path {
            let _ = std::fs::remove_file(path);
        }
        self.offer = None;
        self.ours = false;
        self.written_revision = None;
    }

    /// At exit after the user chose not to save: this session's file goes; a file found at
    /// start that is still undecided stays for the next start.
    pub fn forget_ours(&mut self) {
        if let Some(path) = &self.path
            && self.ours
            && self.offer.is_none()
        {
            let _ = std::fs::remove_file(path);
        }
        self.ours = false;
    }

    /// Takes the offered file's project (read without validation: unsaved work may have
    /// problems still to fix); the file becomes this session's, rewritten on the timer and
    /// removed once the work is saved.
    pub fn recover(&mut self) -> Result<crate::model::Project, String> {
        let path = self.path.clone().ok_or("No recovery file")?;
        let text = crate::io::project::read_text(&path).map_err(|e| e.to_string())?;
        let project = crate::io::project::parse_unchecked(&text, &path.display().to_string())
            .map_err(|e| e.to_string())?;
        self.offer = None;
        self.ours = true;
        Ok(project)
    }
}

/// The user's answer to "Recover unsaved changes?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecoveryChoice {
    /// Open the recovered work.
    Recover,
    /// Delete the recovery file.
    Discard,
}

/// The recovery prompt, while a recovery file found at start waits for the user's choice.
pub fn recovery_prompt(
    ctx: &egui::Context,
    offer: Option<&RecoveryOffer>,
) -> Option<RecoveryChoice> {
    let offer = offer?;
    let mut choice = None;
    Modal::new(Id::unique("recovery_prompt")).show(ctx, |ui| {
        ui.set_width(420.0);
        ui.heading(format!(
            "Recover unsaved changes from {}?",
            offer.written_at
        ));
        ui.label(
            "Dealbench stopped with changes that were not saved. Recover opens them as unsaved \
             work; Discard deletes them.",
        );
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Recover").clicked() {
                choice = Some(RecoveryChoice::Recover);
            }
            if ui.button("Discard").clicked() {
                choice = Some(RecoveryChoice::Discard);
            }
        });
    });
    choice
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

/// A file name from a project's name: its letters and digits in lower case, each run of
/// anything else as one `_` ("Northwind Retail – BPO" → `northwind_retail_bpo`).
pub fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('_') {
            slug.push('_');
        }
    }
    let slug = slug.trim_end_matches('_').to_owned();
    if slug.is_empty() {
        "project".into()
    } else {
        slug
    }
}

#[cfg(test)]
mod slug_tests {
    use super::slug;

    #[test]
    fn file_names_from_project_names_have_no_runs_of_underscores() {
        assert_eq!(
            slug("Northwind Retail – customer service BPO"),
            "northwind_retail_customer_service_bpo"
        );
        assert_eq!(slug("  Ours vs theirs! "), "ours_vs_theirs");
        assert_eq!(slug("Été 2025"), "été_2025");
        assert_eq!(slug("***"), "project");
    }
}
