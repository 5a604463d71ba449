//! The first step: the file to read, its reading progress, the first rows, and how it is
//! read (sheet, header row, decimal separator, date order).

use std::path::PathBuf;

use eframe::egui::{self, TextEdit};

use super::{ImportDialog, Step};
use crate::io::kpi_import::{self, Progress};

/// How many rows the preview shows.
const PREVIEW_ROWS: usize = 8;

impl ImportDialog {
    /// The file path, Browse and Read.
    pub(super) fn file_row(&mut self, ui: &mut egui::Ui) {
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
    }

    /// Starts reading the file on a worker thread, with the stored or chosen format.
    pub(super) fn start_reading(&mut self) {
        let path = PathBuf::from(self.path.trim());
        let format = self
            .mapping
            .as_ref()
            .map(|m| m.format.clone())
            .or_else(|| self.chosen_format.clone())
            .unwrap_or_default();
        self.problem = None;
        self.step = Step::Reading(super::Job::spawn(move |progress| {
            kpi_import::read_table(&path, &format, None, progress)
        }));
    }

    /// The first rows of the table read.
    pub(super) fn preview(&self, ui: &mut egui::Ui) {
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
    pub(super) fn format_editor(&mut self, ui: &mut egui::Ui) {
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
}

/// A worker's progress, with a button to stop it.
pub(super) fn progress_row(ui: &mut egui::Ui, what: &str, progress: &Progress) {
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
