//! The data table: months × series (volumes, KPI values and the raw parts of derived KPIs).
//! Edit a value, add or remove a month, paste a block copied from a spreadsheet. Edits happen
//! in place, so the app's snapshot undo makes each one undoable.

use std::collections::BTreeSet;

use eframe::egui::{self, TextEdit, Ui};
use rust_decimal::Decimal;

use super::format::{format_decimal, parse_decimal};
use crate::io::kpi_import;
use crate::model::{KpiData, MonthlyValues, Project, YearMonth};

/// Transient state of the table (never saved).
#[derive(Default)]
pub struct DataTableState {
    /// The block being pasted.
    pub paste: String,
    /// Why the last paste was refused, or what it did.
    pub paste_message: Option<(bool, String)>,
    /// The month typed for "Add month".
    pub new_month: String,
    /// Whether the paste box starts open.
    pub paste_open: bool,
}

/// One column of the table: which series and which part of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Volume,
    Value,
    Sample,
    Downtime,
    Numerator,
    Denominator,
}

struct Column {
    series: usize,
    part: Part,
    /// The full name: the column's hover text and its cells' accessible names.
    header: String,
    /// What the header shows: the series id (what a pasted block's header names) and the part.
    short: String,
}

fn columns(project: &Project) -> Vec<Column> {
    let mut out = Vec::new();
    for (i, v) in project.volumes.iter().enumerate() {
        out.push(Column {
            series: i,
            part: Part::Volume,
            header: format!("{} ({})", v.name, v.id),
            short: v.id.clone(),
        });
    }
    for (i, k) in project.kpis.iter().enumerate() {
        match &k.data {
            KpiData::Values { samples, .. } => {
                out.push(Column {
                    series: i,
                    part: Part::Value,
                    header: format!("{} ({})", k.name, k.id),
                    short: k.id.clone(),
                });
                if !samples.is_empty() {
                    out.push(Column {
                        series: i,
                        part: Part::Sample,
                        header: format!("{} sample", k.name),
                        short: format!("{} sample", k.id),
                    });
                }
            }
            KpiData::Downtime { .. } => out.push(Column {
                series: i,
                part: Part::Downtime,
                header: format!("{} downtime min", k.name),
                short: format!("{} downtime", k.id),
            }),
            KpiData::Ratio { .. } => {
                out.push(Column {
                    series: i,
                    part: Part::Numerator,
                    header: format!("{} numerator", k.name),
                    short: format!("{} numerator", k.id),
                });
                out.push(Column {
                    series: i,
                    part: Part::Denominator,
                    header: format!("{} denominator", k.name),
                    short: format!("{} denominator", k.id),
                });
            }
        }
    }
    out
}

fn values_mut<'a>(project: &'a mut Project, column: &Column) -> &'a mut MonthlyValues {
    if column.part == Part::Volume {
        return &mut project.volumes[column.series].history;
    }
    match (&mut project.kpis[column.series].data, column.part) {
        (KpiData::Values { values, .. }, Part::Value) => values,
        (KpiData::Values { samples, .. }, Part::Sample) => samples,
        (KpiData::Downtime { minutes }, _) => minutes,
        (KpiData::Ratio { numerator, .. }, Part::Numerator) => numerator,
        (KpiData::Ratio { denominator, .. }, _) => denominator,
        (KpiData::Values { values, .. }, _) => values,
    }
}

fn all_months(project: &mut Project, columns: &[Column]) -> Vec<YearMonth> {
    let mut months = BTreeSet::new();
    for c in columns {
        months.extend(values_mut(project, c).keys().copied());
    }
    months.into_iter().collect()
}

/// Draws the table; edits `project` in place.
pub fn show(ui: &mut Ui, project: &mut Project, state: &mut DataTableState) {
    let columns = columns(project);
    let months = all_months(project, &columns);
    ui.horizontal(|ui| {
        let label = ui.label("Add month");
        let hint = months
            .last()
            .map_or_else(|| project.start.to_string(), |m| m.plus(1).to_string());
        ui.add(
            TextEdit::singleline(&mut state.new_month)
                .hint_text(&hint)
                .desired_width(80.0),
        )
        .labelled_by(label.id);
        if ui
            .button("Add")
            .on_hover_text("Add an empty month row (YYYY-MM)")
            .clicked()
        {
            let text = if state.new_month.trim().is_empty() {
                hint.clone()
            } else {
                state.new_month.clone()
            };
            match text.parse::<YearMonth>() {
                Ok(month) => {
                    // A month exists once a series has a value in it: start the first volume
                    // (or KPI) at zero so the row shows, ready to edit.
                    if let Some(first) = columns.first() {
                        values_mut(project, first)
                            .entry(month)
                            .or_insert(Decimal::ZERO);
                    }
                    state.new_month.clear();
                }
                Err(err) => state.paste_message = Some((false, err.to_string())),
            }
        }
        ui.label(format!(
            "{} months × {} columns",
            months.len(),
            columns.len()
        ));
    });
    egui::CollapsingHeader::new("Paste a block from a spreadsheet")
        .id_salt("paste_block")
        .default_open(state.paste_open)
        .show(ui, |ui| paste_block(ui, project, state));
    ui.separator();
    // The paste may have added months or series.
    let columns = self::columns(project);
    let months = all_months(project, &columns);
    let mut remove = None;
    let row_height = ui.spacing().interact_size.y + 4.0;
    egui::ScrollArea::both()
        .id_salt("data_table")
        .max_height(ui.available_height().max(120.0))
        .show_rows(ui, row_height, months.len() + 1, |ui, rows| {
            egui::Grid::new("data_table_grid")
                .striped(true)
                .min_col_width(60.0)
                .show(ui, |ui| {
                    if rows.start == 0 {
                        ui.strong("Month");
                        for c in &columns {
                            ui.strong(&c.short).on_hover_text(&c.header);
                        }
                        ui.label("");
                        ui.end_row();
                    }
                    for &month in months
                        .iter()
                        .skip(rows.start.saturating_sub(1))
                        .take(rows.len())
                    {
                        ui.label(month.to_string());
                        for c in &columns {
                            let name = format!("{} {month}", c.header);
                            let values = values_mut(project, c);
                            let mut value = values.get(&month).copied();
                            if optional_cell(ui, &name, &mut value) {
                                match value {
                                    Some(v) => values.insert(month, v),
                                    None => values.remove(&month),
                                };
                            }
                        }
                        if ui
                            .small_button("Remove")
                            .on_hover_text(format!("Remove {month} from every series"))
                            .clicked()
                        {
                            remove = Some(month);
                        }
                        ui.end_row();
                    }
                });
        });
    if let Some(month) = remove {
        for c in &columns {
            values_mut(project, c).remove(&month);
        }
    }
}

/// A table cell for a value that may be missing: empty text means no value.
fn optional_cell(ui: &mut Ui, name: &str, value: &mut Option<Decimal>) -> bool {
    let id = ui.make_persistent_id(name);
    let stored: Option<String> = ui.data(|d| d.get_temp(id));
    let mut text = stored
        .clone()
        .unwrap_or_else(|| value.map(format_decimal).unwrap_or_default());
    let response = ui
        .add(
            TextEdit::singleline(&mut text)
                .desired_width(90.0)
                .align(egui::Align2::RIGHT_CENTER),
        )
        .accessible_name(name);
    let mut changed = false;
    let parsed = if text.trim().is_empty() {
        Ok(None)
    } else {
        parse_decimal(&text).map(Some)
    };
    if response.changed()
        && let Ok(new) = &parsed
        && new != value
    {
        *value = *new;
        changed = true;
    }
    if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, text));
    } else if stored.is_some() {
        ui.data_mut(|d| d.remove::<String>(id));
    }
    if parsed.is_err() {
        ui.painter().rect_stroke(
            response.rect,
            2.0,
            egui::Stroke::new(1.5, ui.visuals().error_fg_color),
            egui::StrokeKind::Outside,
        );
    }
    changed
}

/// Paste a block copied from a spreadsheet: a header row naming the series (ids like
/// `calls_simple` or names), a period column, tab-separated. Read by the same importer as
/// files, and applied only when it has no errors.
fn paste_block(ui: &mut Ui, project: &mut Project, state: &mut DataTableState) {
    ui.label(
        "A header row with a period column and series ids (as in the table's headers), tab-separated:",
    );
    ui.add(
        TextEdit::multiline(&mut state.paste)
            .desired_rows(3)
            .desired_width(f32::INFINITY)
            .hint_text("month\tcalls_simple\tasa_secs\n2026-01\t24100\t31.5"),
    )
    .accessible_name("Pasted block");
    ui.horizontal(|ui| {
        if ui
            .add_enabled(
                !state.paste.trim().is_empty(),
                egui::Button::new("Apply pasted block"),
            )
            .clicked()
        {
            state.paste_message = Some(match kpi_import::paste_block(project, &state.paste) {
                Ok(summary) => {
                    state.paste.clear();
                    let written: usize = summary.months_written.values().sum();
                    let mut message = format!(
                        "Pasted {written} value(s) into {} series",
                        summary.months_written.len()
                    );
                    // What the paste leaves to look at: sample sizes removed with the values
                    // it replaced, a ratio month with one part.
                    for warning in &summary.warnings {
                        message.push_str(&format!("; {warning}"));
                    }
                    (true, message)
                }
                Err(message) => (false, message),
            });
        }
        if let Some((ok, message)) = &state.paste_message {
            let colour = if *ok {
                ui.visuals().text_color()
            } else {
                ui.visuals().error_fg_color
            };
            ui.colored_label(colour, message);
        }
    });
}
