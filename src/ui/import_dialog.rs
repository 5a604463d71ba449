//! The KPI import dialog: choose a file, see its first rows, map its columns, check what will
//! change, then apply (or cancel and nothing changes). Reading and importing run on a worker
//! thread with progress, so a large file never freezes the window.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use eframe::egui::{self, Id, Modal, TextEdit};

use crate::io::kpi_import::{
    self, Aggregation, DurationUnit, ImportError, ImportMapping, ImportOutcome, Layout,
    PercentScale, Progress, RawTable, SeriesDiff, Source, ValueKind,
};
use crate::model::{Project, YearMonth};

/// How many rows the preview shows.
const PREVIEW_ROWS: usize = 8;
/// How many problems the dialog lists before "and N more".
const LISTED_PROBLEMS: usize = 200;

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

    /// A dialog that re-reads an earlier import's file with its mapping, straight to review.
    pub fn reimport(source: &crate::model::ImportSource, project_file: Option<PathBuf>) -> Self {
        let path = kpi_import::resolve_source(project_file.as_deref(), &source.file);
        let mut dialog = Self::new(path.display().to_string(), project_file);
        let mapping = source.mapping.clone();
        dialog.mapping = Some(mapping);
        dialog.start_reading();
        dialog
    }

    fn start_reading(&mut self) {
        let path = PathBuf::from(self.path.trim());
        let format = self
            .mapping
            .as_ref()
            .map(|m| m.format.clone())
            .or_else(|| self.chosen_format.clone())
            .unwrap_or_default();
        self.problem = None;
        self.step = Step::Reading(Job::spawn(move |progress| {
            kpi_import::read_table(&path, &format, None, progress)
        }));
    }

    fn start_import(&mut self) {
        let (Some(table), Some(mapping)) = (self.table.clone(), self.mapping.clone()) else {
            return;
        };
        let file = kpi_import::file_name(&PathBuf::from(self.path.trim()));
        self.problem = None;
        self.step = Step::Importing(Job::spawn(move |progress| {
            kpi_import::import(&table, &mapping, &file, progress)
        }));
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
        if modal.should_close() && matches!(action, DialogAction::Open) {
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
                Ok(Ok(table)) => {
                    if self.mapping.is_none() {
                        let mut mapping = kpi_import::guess_mapping(&table);
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
                Ok(Err(err)) => {
                    self.problem = Some(err.to_string());
                    self.step = Step::Choose;
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => {
                    self.problem = Some("Reading stopped unexpectedly; try again.".into());
                    self.step = Step::Choose;
                }
            },
            Step::Importing(job) => match job.result.try_recv() {
                Ok(Ok(outcome)) => {
                    let diff = kpi_import::diff_series(
                        &kpi_import::project_series(project),
                        &outcome.series,
                    );
                    // Try the apply on a copy now, so a refusal shows before "Apply import".
                    let mapping = self.mapping.clone().unwrap_or_else(empty_mapping);
                    let blocked =
                        kpi_import::apply(&mut project.clone(), &outcome, &mapping, "", true)
                            .err()
                            .map(|e| e.to_string());
                    self.step = Step::Review {
                        outcome,
                        diff,
                        blocked,
                    };
                }
                Ok(Err(err)) => {
                    self.problem = Some(err.to_string());
                    self.step = Step::Map;
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => {
                    self.problem = Some("The import stopped unexpectedly; try again.".into());
                    self.step = Step::Map;
                }
            },
            _ => {}
        }
    }

    fn body(&mut self, ui: &mut egui::Ui, project: &Project) -> DialogAction {
        ui.horizontal(|ui| {
            let label = ui.label("KPI file");
            let field = ui.add(
                TextEdit::singleline(&mut self.path)
                    .hint_text("/path/to/kpis.csv or .xlsx")
                    .desired_width(480.0),
            );
            field.labelled_by(label.id);
            if ui
                .button("Browse…")
                .on_hover_text("Choose with the system's file dialog")
                .clicked()
                && let Some(path) = rfd::FileDialog::new()
                    .add_filter("KPI files", &["csv", "tsv", "txt", "xlsx"])
                    .pick_file()
            {
                self.path = path.display().to_string();
            }
            let busy = matches!(self.step, Step::Reading(_) | Step::Importing(_));
            if ui
                .add_enabled(
                    !busy && !self.path.trim().is_empty(),
                    egui::Button::new("Read"),
                )
                .clicked()
            {
                self.mapping = None;
                self.start_reading();
            }
        });
        if let Some(problem) = &self.problem {
            ui.colored_label(ui.visuals().error_fg_color, problem);
        }
        ui.separator();
        let mut action = DialogAction::Open;
        match &mut self.step {
            Step::Choose => {
                ui.label("CSV (comma, semicolon or tab; decimal comma; UTF-8 with or without BOM) or XLSX.");
                ui.label(
                    "Nothing changes in the project until you review the import and apply it.",
                );
            }
            Step::Reading(job) => progress_row(ui, "Reading", &job.progress),
            Step::Importing(job) => progress_row(ui, "Importing", &job.progress),
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
            .show(ui, |ui| {
                if matches!(self.step, Step::Map) {
                    self.format_editor(ui);
                }
                if matches!(self.step, Step::Map | Step::Review { .. }) {
                    self.preview(ui);
                }
                if matches!(self.step, Step::Map) {
                    let existing: Vec<(String, String)> = project
                        .volumes
                        .iter()
                        .map(|v| (v.id.clone(), format!("{} (volume)", v.name)))
                        .chain(
                            project
                                .kpis
                                .iter()
                                .map(|k| (k.id.clone(), format!("{} (KPI)", k.name))),
                        )
                        .collect();
                    self.mapping_editor(ui, &existing);
                }
                if let Step::Review {
                    outcome,
                    diff,
                    blocked,
                } = &self.step
                {
                    review(ui, outcome, diff);
                    if let Some(why) = blocked {
                        ui.colored_label(
                            ui.visuals().error_fg_color,
                            format!("Cannot apply: {why}"),
                        );
                    }
                }
            });
        ui.separator();
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
                Step::Review {
                    outcome, blocked, ..
                } => {
                    if ui.button("Back to mapping").clicked() {
                        self.step = Step::Map;
                        return;
                    }
                    if outcome.error_count > 0 {
                        ui.checkbox(
                            &mut self.skip_bad_rows,
                            format!("Skip the {} bad row(s) listed", outcome.skipped_rows.len()),
                        );
                    }
                    let can = outcome.can_apply(self.skip_bad_rows) && blocked.is_none();
                    let apply = ui
                        .add_enabled(can, egui::Button::new("Apply import"))
                        .on_disabled_hover_text(if blocked.is_some() {
                            "Map the columns to other metric ids (Back to mapping)"
                        } else {
                            "Fix the file, or choose to skip the listed bad rows"
                        });
                    if apply.clicked() {
                        let mut changed = project.clone();
                        let mapping = self.mapping.clone().unwrap_or_else(empty_mapping);
                        let source = kpi_import::source_path(
                            self.project_file.as_deref(),
                            std::path::Path::new(self.path.trim()),
                        );
                        match kpi_import::apply(
                            &mut changed,
                            outcome,
                            &mapping,
                            &source,
                            self.skip_bad_rows,
                        ) {
                            Ok(summary) => {
                                let written: usize = summary.months_written.values().sum();
                                let name = kpi_import::file_name(std::path::Path::new(
                                    self.path.trim(),
                                ));
                                let series = summary.months_written.len();
                                let values = if written == 1 { "value" } else { "values" };
                                action = DialogAction::Apply(
                                    Box::new(changed),
                                    format!(
                                        "Imported {name}: {written} month {values} added or changed in {series} series"
                                    ),
                                );
                            }
                            Err(err) => self.problem = Some(err.to_string()),
                        }
                    }
                }
                _ => {}
            }
        });
        action
    }

    fn preview(&self, ui: &mut egui::Ui) {
        let Some(table) = &self.table else { return };
        ui.label(format!(
            "First rows of {} ({} data rows):",
            self.path.trim(),
            table.rows.len()
        ));
        egui::ScrollArea::horizontal()
            .id_salt("import_preview")
            .show(ui, |ui| {
                egui::Grid::new("import_preview_grid")
                    .striped(true)
                    .show(ui, |ui| {
                        ui.strong("Row");
                        for header in &table.headers {
                            ui.strong(header);
                        }
                        ui.end_row();
                        for (row, cells) in table.rows.iter().take(PREVIEW_ROWS) {
                            ui.label(row.to_string());
                            for cell in cells {
                                ui.label(cell.to_string());
                            }
                            ui.end_row();
                        }
                    });
            });
    }

    /// The settings that decide how the file is read: sheet and header row (read again),
    /// decimal separator and date order (used by the import).
    fn format_editor(&mut self, ui: &mut egui::Ui) {
        let Some(mapping) = &mut self.mapping else {
            return;
        };
        ui.add_space(6.0);
        ui.strong("How the file is read");
        let sheets = self
            .table
            .as_ref()
            .map(|t| t.sheets.clone())
            .unwrap_or_default();
        let mut read_again = false;
        ui.horizontal_wrapped(|ui| {
            // A workbook: choose among its sheets; choosing reads the file again.
            if !sheets.is_empty() {
                let label = ui.label("Sheet");
                let current = mapping
                    .format
                    .sheet
                    .clone()
                    .unwrap_or_else(|| sheets[0].clone());
                egui::ComboBox::from_id_salt("import_sheet")
                    .selected_text(&current)
                    .show_ui(ui, |ui| {
                        for sheet in &sheets {
                            if ui.selectable_label(*sheet == current, sheet).clicked()
                                && *sheet != current
                            {
                                mapping.format.sheet = Some(sheet.clone());
                                read_again = true;
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id);
            }
            let label = ui.label("Header row");
            ui.add(egui::DragValue::new(&mut mapping.format.header_row).range(1..=100))
                .labelled_by(label.id);
            read_again |= ui
                .button("Read again")
                .on_hover_text(
                    "Read the file with this sheet and header row, and guess the columns again",
                )
                .clicked();
        });
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Decimal separator");
            egui::ComboBox::from_id_salt("import_decimal")
                .selected_text(match mapping.format.decimal_separator {
                    kpi_import::DecimalSeparator::Auto => "Automatic",
                    kpi_import::DecimalSeparator::Dot => "Dot (1,234.5)",
                    kpi_import::DecimalSeparator::Comma => "Comma (1.234,5)",
                })
                .show_ui(ui, |ui| {
                    let value = &mut mapping.format.decimal_separator;
                    ui.selectable_value(value, kpi_import::DecimalSeparator::Auto, "Automatic");
                    ui.selectable_value(value, kpi_import::DecimalSeparator::Dot, "Dot (1,234.5)");
                    ui.selectable_value(
                        value,
                        kpi_import::DecimalSeparator::Comma,
                        "Comma (1.234,5)",
                    );
                })
                .response
                .labelled_by(label.id);
            let label = ui.label("Dates like 05/03/2024");
            egui::ComboBox::from_id_salt("import_date_order")
                .selected_text(match mapping.format.date_order {
                    kpi_import::DateOrder::Auto => "Automatic",
                    kpi_import::DateOrder::DayFirst => "Day first",
                    kpi_import::DateOrder::MonthFirst => "Month first",
                })
                .show_ui(ui, |ui| {
                    let value = &mut mapping.format.date_order;
                    ui.selectable_value(value, kpi_import::DateOrder::Auto, "Automatic");
                    ui.selectable_value(value, kpi_import::DateOrder::DayFirst, "Day first");
                    ui.selectable_value(value, kpi_import::DateOrder::MonthFirst, "Month first");
                })
                .response
                .labelled_by(label.id);
        });
        if read_again {
            self.chosen_format = Some(mapping.format.clone());
            self.mapping = None;
            self.start_reading();
        }
    }

    /// The column mapping; `existing` lists the project's series (id, name) to map onto.
    fn mapping_editor(&mut self, ui: &mut egui::Ui, existing: &[(String, String)]) {
        let headers = self
            .table
            .as_ref()
            .map(|t| t.headers.clone())
            .unwrap_or_default();
        let Some(mapping) = &mut self.mapping else {
            return;
        };
        ui.add_space(6.0);
        ui.strong("Column mapping");
        let (layout_name, period_column) = match &mut mapping.layout {
            Layout::Long { period_column, .. } => ("long (period, metric, value)", period_column),
            Layout::Wide { period_column, .. } => ("wide (a column per metric)", period_column),
        };
        ui.label(format!("Layout: {layout_name}"));
        column_choice(ui, "Period column", period_column, &headers);
        let metrics = match &mut mapping.layout {
            Layout::Long { metrics, .. } => metrics,
            Layout::Wide { columns, .. } => columns,
        };
        let mut remove = None;
        egui::Grid::new("import_mapping_grid")
            .striped(true)
            .show(ui, |ui| {
                for title in ["Metric id", "Source", "Unit", "Monthly value", ""] {
                    ui.strong(title);
                }
                ui.end_row();
                for (i, metric) in metrics.iter_mut().enumerate() {
                    let name = format!("Metric id {}", i + 1);
                    ui.horizontal(|ui| {
                        ui.add_sized(
                            [150.0, ui.spacing().interact_size.y],
                            TextEdit::singleline(&mut metric.metric),
                        )
                        .accessible_name(&name);
                        ui.menu_button("▾", |ui| {
                            ui.label("Import into an existing series:");
                            for (id, series) in existing {
                                if ui.button(format!("{id} · {series}")).clicked() {
                                    metric.metric = id.clone();
                                    ui.close();
                                }
                            }
                        })
                        .response
                        .on_hover_text("Choose one of the project's series");
                    });
                    ui.label(source_words(&metric.source));
                    kind_choice(ui, i, &mut metric.kind);
                    aggregation_choice(ui, i, &mut metric.aggregation);
                    if ui
                        .button("Remove")
                        .on_hover_text("Do not import this column")
                        .clicked()
                    {
                        remove = Some(i);
                    }
                    ui.end_row();
                }
            });
        if let Some(i) = remove {
            metrics.remove(i);
        }
        if metrics.is_empty() {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                "No metric is mapped: nothing would be imported.",
            );
        }
        // A wide file's columns the guess left out (or the user removed) can be added back.
        if let (
            Layout::Wide {
                period_column,
                columns,
            },
            Some(table),
        ) = (&mut mapping.layout, &self.table)
        {
            let unmapped: Vec<usize> = (0..table.headers.len())
                .filter(|&i| {
                    let header = &table.headers[i];
                    header != period_column
                        && !columns
                            .iter()
                            .any(|m| matches!(&m.source, Source::Column(c) if c == header))
                })
                .collect();
            if !unmapped.is_empty() {
                ui.menu_button("+ Add a column", |ui| {
                    for i in unmapped {
                        if ui.button(&table.headers[i]).clicked() {
                            columns.push(kpi_import::guess_column(table, i));
                            ui.close();
                        }
                    }
                })
                .response
                .on_hover_text("Import a column the mapping leaves out");
            }
        }
    }
}

fn progress_row(ui: &mut egui::Ui, what: &str, progress: &Progress) {
    ui.horizontal(|ui| {
        ui.label(what);
        ui.add(
            egui::ProgressBar::new(progress.fraction())
                .show_percentage()
                .desired_width(400.0),
        );
        ui.label(format!("{} rows", progress.rows_read()));
        if ui.button("Stop").clicked() {
            progress.cancel();
        }
    });
}

fn source_words(source: &Source) -> String {
    match source {
        Source::Column(c) => format!("column \"{c}\""),
        Source::Ratio {
            numerator,
            denominator,
        } => format!("\"{numerator}\" / \"{denominator}\""),
    }
}

fn column_choice(ui: &mut egui::Ui, label: &str, value: &mut String, headers: &[String]) {
    ui.horizontal(|ui| {
        let l = ui.label(label);
        egui::ComboBox::from_id_salt(label)
            .selected_text(value.as_str())
            .show_ui(ui, |ui| {
                for h in headers {
                    ui.selectable_value(value, h.clone(), h);
                }
            })
            .response
            .labelled_by(l.id);
    });
}

fn kind_choice(ui: &mut egui::Ui, i: usize, kind: &mut ValueKind) {
    let options = [
        (ValueKind::Number, "number"),
        (
            ValueKind::Percent {
                scale: PercentScale::Auto,
            },
            "percent (auto scale)",
        ),
        (
            ValueKind::Percent {
                scale: PercentScale::Fraction,
            },
            "percent as 0–1",
        ),
        (
            ValueKind::Percent {
                scale: PercentScale::Percent,
            },
            "percent as 0–100",
        ),
        (
            ValueKind::Duration {
                unit: DurationUnit::Seconds,
            },
            "seconds",
        ),
        (
            ValueKind::Duration {
                unit: DurationUnit::Minutes,
            },
            "minutes",
        ),
        (
            ValueKind::Duration {
                unit: DurationUnit::MinSec,
            },
            "mm:ss",
        ),
        (
            ValueKind::Duration {
                unit: DurationUnit::HourMinSec,
            },
            "hh:mm:ss",
        ),
        (ValueKind::Count, "count (volume)"),
    ];
    let selected = options
        .iter()
        .find(|(k, _)| k == kind)
        .map_or("number", |(_, t)| *t);
    egui::ComboBox::from_id_salt(("import_kind", i))
        .selected_text(selected)
        .show_ui(ui, |ui| {
            for (k, text) in options {
                ui.selectable_value(kind, k, text);
            }
        })
        .response
        .on_hover_text("How the values are written; durations are stored in seconds");
}

fn aggregation_choice(ui: &mut egui::Ui, i: usize, aggregation: &mut Aggregation) {
    let text = match aggregation {
        Aggregation::Mean => "mean of the rows",
        Aggregation::Sum => "sum of the rows",
        Aggregation::Last => "last row",
        Aggregation::VolumeWeightedMean { .. } => "volume-weighted mean",
    };
    egui::ComboBox::from_id_salt(("import_aggregation", i))
        .selected_text(text)
        .show_ui(ui, |ui| {
            ui.selectable_value(aggregation, Aggregation::Mean, "mean of the rows");
            ui.selectable_value(aggregation, Aggregation::Sum, "sum of the rows");
            ui.selectable_value(aggregation, Aggregation::Last, "last row");
        })
        .response
        .on_hover_text("How daily or weekly rows become one monthly value");
}

fn review(ui: &mut egui::Ui, outcome: &ImportOutcome, diff: &SeriesDiff) {
    ui.add_space(6.0);
    ui.strong(format!(
        "{} rows read: {} error(s), {} warning(s)",
        outcome.rows_read, outcome.error_count, outcome.warning_count
    ));
    if !outcome.problems.is_empty() {
        egui::ScrollArea::vertical()
            .id_salt("import_problems")
            .max_height(160.0)
            .show(ui, |ui| {
                for problem in outcome.problems.iter().take(LISTED_PROBLEMS) {
                    let colour = match problem.severity() {
                        kpi_import::Severity::Error => ui.visuals().error_fg_color,
                        kpi_import::Severity::Warning => ui.visuals().warn_fg_color,
                    };
                    ui.colored_label(colour, problem.to_string());
                }
                let more = outcome.problems.len().saturating_sub(LISTED_PROBLEMS)
                    + outcome.unlisted_problems;
                if more > 0 {
                    ui.label(format!("…and {more} more"));
                }
            });
    }
    ui.add_space(6.0);
    ui.strong("What will change");
    if !diff.has_changes() {
        ui.label("Nothing: the project already has these values.");
    }
    egui::ScrollArea::vertical()
        .id_salt("import_diff_scroll")
        .max_height(220.0)
        .show(ui, |ui| {
            egui::Grid::new("import_diff").striped(true).show(ui, |ui| {
                for title in [
                    "Series",
                    "",
                    "Months added",
                    "Changed",
                    "Unchanged",
                    "Kept",
                    "Values that change",
                ] {
                    ui.strong(title);
                }
                ui.end_row();
                for (id, m) in &diff.metrics {
                    ui.label(id);
                    ui.label(if m.is_new { "new series" } else { "" });
                    ui.label(m.added.len().to_string());
                    ui.label(m.changed.len().to_string());
                    ui.label(m.unchanged.to_string());
                    ui.label(m.kept.to_string());
                    let (examples, all) = change_examples(m);
                    ui.label(examples).on_hover_text(all);
                    ui.end_row();
                }
            });
        });
}

/// The first changes of a series in a few words ("2025-12: 29 → 33, 2026-01: + 27, …") and
/// all of them, one per line, for the hover.
fn change_examples(m: &kpi_import::MetricDiff) -> (String, String) {
    let mut lines: Vec<(YearMonth, String)> = m
        .changed
        .iter()
        .map(|(month, old, new)| (*month, format!("{month}: {old} → {new}")))
        .chain(
            m.added
                .iter()
                .map(|(month, v)| (*month, format!("{month}: + {v}"))),
        )
        .collect();
    lines.sort_by_key(|(month, _)| *month);
    let texts: Vec<String> = lines.into_iter().map(|(_, t)| t).collect();
    let mut short = texts.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
    if texts.len() > 3 {
        short.push_str(", …");
    }
    (short, texts.join("\n"))
}

/// A mapping with no columns: what an import without one records.
fn empty_mapping() -> ImportMapping {
    ImportMapping {
        format: Default::default(),
        layout: Layout::Wide {
            period_column: String::new(),
            columns: Vec::new(),
        },
    }
}
