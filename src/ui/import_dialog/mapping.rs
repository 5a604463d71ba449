//! The second step: which column is the period, and which columns become which series.

use eframe::egui::{self, TextEdit};

use super::{ImportDialog, Step};
use crate::io::kpi_import::{
    self, Aggregation, DurationUnit, ImportMapping, Layout, PercentScale, Source, ValueKind,
};
use crate::model::Project;

/// The project's series an import can write into: (id, "name (volume)"), then each KPI's raw
/// parts (`uptime.downtime`: "Uptime: downtime minutes (part)").
pub(super) fn existing_series(project: &Project) -> Vec<(String, String)> {
    let parts = project.kpis.iter().flat_map(|k| {
        k.data
            .parts()
            .iter()
            .map(move |p| (p.id(&k.id), format!("{}: {} (part)", k.name, p.words())))
    });
    project
        .volumes
        .iter()
        .map(|v| (v.id.clone(), format!("{} (volume)", v.name)))
        .chain(
            project
                .kpis
                .iter()
                .map(|k| (k.id.clone(), format!("{} (KPI)", k.name))),
        )
        .chain(parts)
        .collect()
}

impl ImportDialog {
    /// Starts the import with the mapping on a worker thread.
    pub(super) fn start_import(&mut self) {
        let (Some(table), Some(mapping)) = (self.table.clone(), self.mapping.clone()) else {
            return;
        };
        let file = kpi_import::file_name(&std::path::PathBuf::from(self.path.trim()));
        self.problem = None;
        self.step = Step::Importing(super::Job::spawn(move |progress| {
            kpi_import::import(&table, &mapping, &file, progress)
        }));
    }

    /// The column mapping; `existing` lists the project's series (id, name) to map onto.
    pub(super) fn mapping_editor(&mut self, ui: &mut egui::Ui, existing: &[(String, String)]) {
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
        if let Some(i) = metric_rows(ui, metrics, existing) {
            metrics.remove(i);
        }
        if metrics.is_empty() {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                "No metric is mapped: nothing would be imported.",
            );
        }
        if let Some(table) = &self.table {
            add_column(ui, mapping, table);
        }
    }
}

/// The grid of mapped metrics; returns the one to remove, if its button was clicked.
fn metric_rows(
    ui: &mut egui::Ui,
    metrics: &mut [kpi_import::MetricMapping],
    existing: &[(String, String)],
) -> Option<usize> {
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
    remove
}

/// A wide file's columns the guess left out (or the user removed) can be added back.
fn add_column(ui: &mut egui::Ui, mapping: &mut ImportMapping, table: &kpi_import::RawTable) {
    let Layout::Wide {
        period_column,
        columns,
    } = &mut mapping.layout
    else {
        return;
    };
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
