//! The last step: the problems found and what will change, then apply (one undo step) or go
//! back to the mapping.

use eframe::egui;

use super::{DialogAction, ImportDialog, Step};
use crate::io::kpi_import::{self, ImportMapping, ImportOutcome, Layout, SeriesDiff};
use crate::model::{Project, YearMonth};

/// How many problems the dialog lists before "and N more".
const LISTED_PROBLEMS: usize = 200;

impl ImportDialog {
    /// Back to mapping, skip bad rows, and Apply import; `Some` when applied.
    pub(super) fn review_buttons(
        &mut self,
        ui: &mut egui::Ui,
        project: &Project,
    ) -> Option<DialogAction> {
        let Step::Review {
            outcome, blocked, ..
        } = &self.step
        else {
            return None;
        };
        if ui.button("Back to mapping").clicked() {
            self.step = Step::Map;
            return None;
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
        if !apply.clicked() {
            return None;
        }
        let outcome = outcome.clone();
        self.apply(project, &outcome)
    }

    /// The project with the import applied, and what changed in words.
    fn apply(&mut self, project: &Project, outcome: &ImportOutcome) -> Option<DialogAction> {
        let mut changed = project.clone();
        let mapping = self.mapping.clone().unwrap_or_else(empty_mapping);
        let path = std::path::Path::new(self.path.trim());
        let source = kpi_import::source_path(self.project_file.as_deref(), path);
        match kpi_import::apply(&mut changed, outcome, &mapping, &source, self.skip_bad_rows) {
            Ok(summary) => {
                let written: usize = summary.months_written.values().sum();
                let name = kpi_import::file_name(path);
                let series = summary.months_written.len();
                let values = if written == 1 { "value" } else { "values" };
                Some(DialogAction::Apply(
                    Box::new(changed),
                    format!(
                        "Imported {name}: {written} month {values} added or changed in {series} series"
                    ),
                ))
            }
            Err(err) => {
                self.problem = Some(err.to_string());
                None
            }
        }
    }
}

/// The problems found and, per series, what will change.
pub(super) fn review(
    ui: &mut egui::Ui,
    outcome: &ImportOutcome,
    diff: &SeriesDiff,
    start: YearMonth,
) {
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
    if diff.months_read() == 0 {
        // Not "already there": nothing was read at all.
        ui.colored_label(
            ui.visuals().warn_fg_color,
            if outcome.error_count > 0 {
                "Nothing to import: no row was read without an error (see above). Fix the file or the mapping and read it again."
            } else {
                "Nothing to import: the mapped columns hold no values."
            },
        );
    } else if !diff.has_changes() {
        ui.label("Nothing: the project already has these values.");
    }
    if let (n @ 1.., Some(first)) = diff.before(start) {
        let values = if n == 1 { "value" } else { "values" };
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "{n} month {values} from {first} fall before the contract start ({start}): they are kept as history, but no month of the term is billed or measured on them."
            ),
        );
    }
    for warning in &diff.warnings {
        ui.colored_label(ui.visuals().warn_fg_color, warning.to_string());
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
                    // A KPI's raw part says which part of which KPI it is.
                    ui.label(match crate::model::KpiPart::split(id) {
                        Some((kpi, part)) => format!("{} of {kpi}", part.words()),
                        None if m.is_new => "new series".to_owned(),
                        None => String::new(),
                    });
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
pub(super) fn empty_mapping() -> ImportMapping {
    ImportMapping {
        format: Default::default(),
        layout: Layout::Wide {
            period_column: String::new(),
            columns: Vec::new(),
        },
    }
}
