//! Small input widgets: exact decimal entry, labelled combos and fields.

use eframe::egui::{self, Response, Stroke, StrokeKind, TextEdit, Ui};
use rust_decimal::Decimal;

use super::format::{format_decimal, parse_decimal};
use super::theme;
use crate::model::limits::MAX_AMOUNT;

/// A labelled text field for an exact decimal. It keeps its own edit buffer while focused,
/// ignores thousands separators, draws a red frame with the reason when the text is not a
/// number, and writes `value` only when the text parses. Never goes through `f64`.
pub fn decimal_edit(ui: &mut Ui, label: &str, value: &mut Decimal) -> Response {
    ui.horizontal(|ui| {
        let label = ui.label(label);
        decimal_field(ui, label.id, None, value, 110.0)
    })
    .inner
}

/// [`decimal_edit`] with its unit after the field ("s", "% of the credit base").
pub fn decimal_edit_unit(ui: &mut Ui, label: &str, value: &mut Decimal, unit: &str) -> Response {
    ui.horizontal(|ui| {
        let label = ui.label(label);
        let response = decimal_field(ui, label.id, None, value, 110.0);
        if !unit.is_empty() {
            ui.weak(unit);
        }
        response
    })
    .inner
}

/// A decimal field without a visible label (in a table), named `name` for assistive tech.
pub fn decimal_cell(ui: &mut Ui, name: &str, value: &mut Decimal) -> Response {
    let id = ui.scope_id().with(name);
    decimal_field(ui, id, Some(name), value, 60.0)
}

fn decimal_field(
    ui: &mut Ui,
    label_id: egui::Id,
    name: Option<&str>,
    value: &mut Decimal,
    width: f32,
) -> Response {
    let id = ui.scope_id().with(("decimal", label_id));
    let stored: Option<String> = ui.data(|d| d.get_temp(id));
    let mut text = stored.clone().unwrap_or_else(|| format_decimal(*value));
    let edit = TextEdit::singleline(&mut text)
        .id(id.with("edit"))
        .desired_width(width)
        .min_size(egui::vec2(width, 0.0))
        .align(egui::Align2::RIGHT_CENTER);
    let mut response = ui.add(edit);
    response = match name {
        Some(name) => response.accessible_name(name),
        None => response.labelled_by(label_id),
    };
    let parsed = parse_within(&text);
    if response.changed()
        && let Ok(new) = parsed
        && new != *value
    {
        *value = new;
        response.mark_changed();
    }
    if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, text));
    } else if stored.is_some() {
        // Focus left: show the committed value again (an invalid text is dropped).
        ui.data_mut(|d| d.remove::<String>(id));
    }
    if let Err(reason) = parse_within(
        &ui.data(|d| d.get_temp::<String>(id))
            .unwrap_or_else(|| format_decimal(*value)),
    ) {
        ui.painter().rect_stroke(
            response.rect.expand(1.0),
            2.0,
            Stroke::new(1.5, theme::INVALID),
            StrokeKind::Outside,
        );
        // The reason in words next to the field, not only on hover: a refused value must say
        // why it was not taken.
        ui.colored_label(theme::INVALID, &reason);
        response = response.on_hover_text(reason);
    }
    response
}

/// The number in `text` when it is one and within the largest any term takes
/// ([`MAX_AMOUNT`]; validation then holds each term to its own range), else why not.
fn parse_within(text: &str) -> Result<Decimal, String> {
    let too_large = || {
        format!(
            "{} is beyond the largest number a term takes ({}); enter a smaller value",
            text.trim(),
            format_decimal(MAX_AMOUNT)
        )
    };
    let value = parse_decimal(text).map_err(|err| {
        // A number too long for exact arithmetic (29 digits and more) is too large, not a typo.
        let digits = text.chars().filter(char::is_ascii_digit).count();
        let numeric = text
            .chars()
            .all(|c| c.is_ascii_digit() || ",. _-+\u{a0}\u{202f}".contains(c));
        if numeric && digits >= 28 {
            too_large()
        } else {
            err.0
        }
    })?;
    if value.abs() > MAX_AMOUNT {
        return Err(too_large());
    }
    Ok(value)
}

/// A labelled optional decimal: a checkbox turns it on (with `default`) or off.
pub fn optional_decimal(
    ui: &mut Ui,
    label: &str,
    value: &mut Option<Decimal>,
    default: Decimal,
) -> Response {
    ui.horizontal(|ui| {
        let mut on = value.is_some();
        let mut response = ui.checkbox(&mut on, label);
        if response.changed() {
            *value = on.then_some(value.unwrap_or(default));
        }
        if let Some(v) = value.as_mut() {
            let r = decimal_field(ui, response.id, None, v, 110.0);
            if r.changed() {
                response.mark_changed();
            }
        }
        response
    })
    .inner
}

/// A labelled list of months typed as `2024-01, 2024-07`: kept in its own buffer while
/// focused, written only when every month parses (sorted, without repeats); a red frame and
/// the reason on hover otherwise.
pub fn months_edit(
    ui: &mut Ui,
    label: &str,
    months: &mut Vec<crate::model::YearMonth>,
) -> Response {
    ui.horizontal(|ui| {
        let label = ui.label(label);
        let id = ui.scope_id().with(("months", label.id));
        let shown = || {
            months
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        let stored: Option<String> = ui.data(|d| d.get_temp(id));
        let mut text = stored.clone().unwrap_or_else(shown);
        let mut response = ui
            .add(
                TextEdit::singleline(&mut text)
                    .id(id.with("edit"))
                    .hint_text("none, or 2024-01, 2024-07")
                    .desired_width(200.0),
            )
            .labelled_by(label.id);
        let parsed: Result<Vec<crate::model::YearMonth>, String> = text
            .split([',', ';', ' '])
            .filter(|p| !p.trim().is_empty())
            .map(|p| p.trim().parse().map_err(|e| format!("{e}")))
            .collect();
        if response.changed()
            && let Ok(mut new) = parsed.clone()
        {
            new.sort();
            new.dedup();
            if new != *months {
                *months = new;
                response.mark_changed();
            }
        }
        if response.has_focus() {
            ui.data_mut(|d| d.insert_temp(id, text));
        } else if stored.is_some() {
            ui.data_mut(|d| d.remove::<String>(id));
        }
        if let Err(err) = parsed {
            ui.painter().rect_stroke(
                response.rect.expand(1.0),
                2.0,
                Stroke::new(1.5, theme::INVALID),
                StrokeKind::Outside,
            );
            response = response.on_hover_text(err);
        }
        response
    })
    .inner
}

/// A labelled single-line text field.
pub fn text_edit(ui: &mut Ui, label: &str, value: &mut String) -> Response {
    ui.horizontal(|ui| {
        let label = ui.label(label);
        ui.add(TextEdit::singleline(value).desired_width(220.0))
            .labelled_by(label.id)
    })
    .inner
}

/// A labelled whole-number field (counts of months, points): not money, so a drag value is fine.
/// Dragging and typing stay within `range`; a value already outside it (read from a file) is
/// shown as it is, for validation to name, never changed by being looked at.
pub fn count_edit(
    ui: &mut Ui,
    label: &str,
    value: &mut u32,
    range: std::ops::RangeInclusive<u32>,
) -> Response {
    ui.horizontal(|ui| {
        let label = ui.label(label);
        ui.add(
            egui::DragValue::new(value)
                .range(range)
                .clamp_existing_to_range(false),
        )
        .labelled_by(label.id)
    })
    .inner
}

/// A labelled choice among `options`.
pub fn choice<T: PartialEq + Clone>(
    ui: &mut Ui,
    label: &str,
    value: &mut T,
    options: &[(T, &str)],
) -> Response {
    ui.horizontal(|ui| {
        let label_response = ui.label(label);
        let selected = options
            .iter()
            .find(|(o, _)| o == value)
            .map_or("", |(_, name)| *name);
        let mut changed = false;
        let mut response = egui::ComboBox::from_id_salt(label_response.id)
            .selected_text(selected)
            .show_ui(ui, |ui| {
                for (option, name) in options {
                    if ui.selectable_label(option == value, *name).clicked() && option != value {
                        *value = option.clone();
                        changed = true;
                    }
                }
            })
            .response
            .labelled_by(label_response.id);
        if changed {
            response.mark_changed();
        }
        response
    })
    .inner
}

/// A labelled choice of a series id among `ids` (KPIs, volumes, indices).
pub fn id_choice(ui: &mut Ui, label: &str, value: &mut String, ids: &[String]) -> Response {
    let mut options: Vec<(String, &str)> = ids.iter().map(|i| (i.clone(), i.as_str())).collect();
    if !ids.contains(value) {
        options.insert(0, (value.clone(), value.as_str()));
    }
    let mut current = value.clone();
    let response = choice(ui, label, &mut current, &options);
    if current != *value {
        *value = current;
    }
    response
}
