//! The KPI import dialog: choose a file, see its first rows, map its columns, check what will
//! change, then apply (or cancel and nothing changes). Reading and importing run on a worker
//! thread with progress, so a large file never freezes the window.
//!
//! The steps live in their own files: reading the file (`read.rs`), mapping its columns
//! (`mapping.rs`), reviewing and applying (`review.rs`).

mod mapping;
mod read;
mod review;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use eframe::egui::{self, Id, Modal};

use crate::io::kpi_import::{
    self, ImportError, ImportMapping, ImportOutcome, Progress, RawTable, SeriesDiff,
};
use crate::model::Project;

/// Work running off the UI thread, with its progress.
struct Job<T> {
    progress: Arc<Progress>,
    result: Receiver<T>,
}

impl<T: Send + 'static> Job<T> {
    fn spawn(work: impl FnOnce(&Progress) -> T + Send + 'static) -> Self {
        let progress = Arc::new(Progress::new());
        let (send, result) = channel();
        let shared = Arc::clone(&progress);
        std::thread::spawn(move || {
            // The receiver may be gone (dialog closed): nothing to report then.
            let _ = send.send(work(&shared));
        });
        Self { progress, result }
    }
}

/// Where the dialog is.
enum Step {
    /// Choosing the file.
    Choose,
    /// Reading it.
    Reading(Job<Result<RawTable, ImportError>>),
    /// Mapping its columns.
    Map,
    /// Importing with the mapping.
    Importing(Job<Result<ImportOutcome, ImportError>>),
    /// Showing problems and changes before applying.
    Review {
        outcome: ImportOutcome,
        diff: SeriesDiff,
        /// Why the import cannot be applied whatever the user chooses (a derived KPI).
        blocked: Option<String>,
    },
}

/// What the dialog asks of the app after a frame.
pub enum DialogAction {
    /// Still open.
    Open,
    /// Closed without changing anything.
    Cancelled,
    /// Apply this project (the old one with the import applied): one undo step.
    Apply(Box<Project>, String),
}

/// The import dialog's state; dropped when it closes.
pub struct ImportDialog {
    /// The file path typed or chosen.
    pub path: String,
    step: Step,
    table: Option<RawTable>,
    mapping: Option<ImportMapping>,
    /// Whether to apply the good rows of a file that has bad ones.
    pub skip_bad_rows: bool,
    problem: Option<String>,
    /// The project's file: relative source paths start at its folder.
    project_file: Option<PathBuf>,
    /// A format chosen by the user for the next read (sheet, header row): kept when the new
    /// table's mapping is guessed.
    chosen_format: Option<kpi_import::SourceFormat>,
}

impl ImportDialog {
    /// A dialog starting at `path` (a previous import's file, or empty) for the project saved
    /// at `project_file` (none when not yet saved).
    pub fn new(path: String, project_file: Option<PathBuf>) -> Self {
        Self {
            path,
            step: Step::Choose,
            table: None,
            mapping: None,
            skip_bad_rows: false,
            problem: None,
            project_file,
            chosen_format: None,
        }
    }

    /// A dialog starting at the project's last import's file (empty when there is none).
    pub fn for_project(project: &Project, project_file: Option<PathBuf>) -> Self {
        let last = project
            .imports
            .last()
            .map(|s| {
                kpi_import::resolve_source(project_file.as_deref(), &s.file)
                    .display()
                    .to_string()
            })
            .unwrap_or_default();
        Self::new(last, project_file)
    }

    /// A dialog that re-reads an earlier import's file with its mapping, straight to review.
    pub fn reimport(source: &crate::model::ImportSource, project_file: Option<PathBuf>) -> Self {
        let path = kpi_import::resolve_source(project_file.as_deref(), &source.file);
        let mut dialog = Self::new(path.display().to_string(), project_file);
        let mapping = source.mapping.clone();
        dialog.mapping = Some(mapping);
        dialog.start_reading();
        dialog
    }

    /// Draws the dialog over the window; `project` is what an import would change.
    pub fn show(&mut self, ctx: &egui::Context, project: &Project) -> DialogAction {
        self.poll(project);
        if matches!(self.step, Step::Reading(_) | Step::Importing(_)) {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        let mut action = DialogAction::Open;
        // Anchored at the top: the dialog grows downwards as the steps add to it, so buttons
        // do not move under the pointer.
        let id = Id::unique("import_dialog");
        let modal = Modal::new(id)
            .area(Modal::default_area(id).anchor(egui::Align2::CENTER_TOP, [0.0, 60.0]))
            .show(ctx, |ui| {
                ui.set_width(760.0);
                ui.heading("Import KPI history");
                ui.add_space(4.0);
                action = self.body(ui, project);
            });
        // Escape closes the dialog; a click beside it does not, so a mapping being typed is
        // never lost to a stray click.
        let escape = modal.is_top_modal
            && !modal.any_popup_open
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape));
        if (escape || modal.response.should_close()) && matches!(action, DialogAction::Open) {
            self.cancel_work();
            action = DialogAction::Cancelled;
        }
        action
    }

    fn cancel_work(&self) {
        match &self.step {
            Step::Reading(job) => job.progress.cancel(),
            Step::Importing(job) => job.progress.cancel(),
            _ => {}
        }
    }

    fn poll(&mut self, project: &Project) {
        match &self.step {
            Step::Reading(job) => match job.result.try_recv() {
                Ok(result) => self.read(result, project),
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => {
                    self.problem = Some("Reading stopped unexpectedly; try again.".into());
                    self.step = Step::Choose;
                }
            },
            Step::Importing(job) => match job.result.try_recv() {
                Ok(result) => self.imported(result, project),
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => {
                    self.problem = Some("The import stopped unexpectedly; try again.".into());
                    self.step = Step::Map;
                }
            },
            _ => {}
        }
    }

    /// The file was read: guess a mapping (a column named as one of the project's series is
    /// taken even with some text cells, whose rows are then listed), or (a re-import) check
    /// the stored one at once.
    fn read(&mut self, result: Result<RawTable, ImportError>, project: &Project) {
        match result {
            Ok(table) => {
                if self.mapping.is_none() {
                    let mut mapping = kpi_import::guess_mapping_for(&table, project);
                    if let Some(format) = self.chosen_format.take() {
                        mapping.format = format;
                    }
                    self.mapping = Some(mapping);
                    self.table = Some(table);
                    self.step = Step::Map;
                } else {
                    // A re-import: the stored mapping goes straight to the check.
                    self.table = Some(table);
                    self.start_import();
                }
            }
            Err(err) => {
                self.problem = Some(err.to_string());
                self.step = Step::Choose;
            }
        }
    }

    /// The import ran: compare with the project and review.
    fn imported(&mut self, result: Result<ImportOutcome, ImportError>, project: &Project) {
        match result {
            Ok(outcome) => {
                let mut diff =
                    kpi_import::diff_series(&kpi_import::import_series(project), &outcome.series);
                // Try the apply on a copy now, so a refusal (or what the import would leave to
                // look at) shows before "Apply import".
                let mapping = self.mapping.clone().unwrap_or_else(review::empty_mapping);
                // The file as the refusal names it ("calls.csv: no KPI values found…").
                let path = std::path::Path::new(self.path.trim());
                let source = kpi_import::source_path(self.project_file.as_deref(), path);
                let blocked = match kpi_import::apply(
                    &mut project.clone(),
                    &outcome,
                    &mapping,
                    &source,
                    true,
                ) {
                    Ok(summary) => {
                        diff.warnings = summary.warnings;
                        None
                    }
                    Err(e) => Some(e.to_string()),
                };
                self.step = Step::Review {
                    outcome,
                    diff,
                    blocked,
                };
            }
            Err(err) => {
                self.problem = Some(err.to_string());
                self.step = Step::Map;
            }
        }
    }

    fn body(&mut self, ui: &mut egui::Ui, project: &Project) -> DialogAction {
        self.file_row(ui);
        if let Some(problem) = &self.problem {
            ui.colored_label(ui.visuals().error_fg_color, problem);
        }
        ui.separator();
        match &mut self.step {
            Step::Choose => {
                ui.label("CSV (comma, semicolon or tab; decimal comma; UTF-8 with or without BOM) or XLSX.");
                ui.label(
                    "Nothing changes in the project until you review the import and apply it.",
                );
            }
            Step::Reading(job) => read::progress_row(ui, "Reading", &job.progress),
            Step::Importing(job) => read::progress_row(ui, "Importing", &job.progress),
            Step::Map => {}
            Step::Review { .. } => {}
        }
        // The preview, mapping and review scroll, so the buttons below stay on screen in a
        // small window.
        let max_height = (ui.ctx().content_rect().height() - 340.0).max(160.0);
        egui::ScrollArea::vertical()
            .id_salt("import_body")
            .max_height(max_height)
            // Its full height at once: inside the modal's area it would otherwise grow a
            // little per frame (the area only offers last frame's size).
            .min_scrolled_height(max_height)
            .show(ui, |ui| self.step_body(ui, project));
        ui.separator();
        let mut action = DialogAction::Open;
        ui.horizontal(|ui| {
            if ui.button("Cancel").clicked() {
                self.cancel_work();
                action = DialogAction::Cancelled;
            }
            match &self.step {
                Step::Map
                    if ui
                        .button("Check import")
                        .on_hover_text("Read the file with this mapping and show what would change")
                        .clicked() =>
                {
                    self.start_import();
                }
                Step::Review { .. } => {
                    if let Some(applied) = self.review_buttons(ui, project) {
                        action = applied;
                    }
                }
                _ => {}
            }
        });
        action
    }

    /// What the step shows in the scrolling part: the format and mapping editors, the preview,
    /// the review.
    fn step_body(&mut self, ui: &mut egui::Ui, project: &Project) {
        if matches!(self.step, Step::Map) {
            self.format_editor(ui);
        }
        if matches!(self.step, Step::Map | Step::Review { .. }) {
            self.preview(ui);
        }
        if matches!(self.step, Step::Map) {
            self.mapping_editor(ui, &mapping::existing_series(project));
        }
        if let Step::Review {
            outcome,
            diff,
            blocked,
        } = &self.step
        {
            review::review(ui, outcome, diff, project.start);
            if let Some(why) = blocked {
                ui.colored_label(ui.visuals().error_fg_color, format!("Cannot apply: {why}"));
            }
        }
    }
}
