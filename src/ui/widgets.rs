//! Small input widgets: exact decimal entry, labelled combos and fields. A field's label may
//! carry the term's help ([`FieldLabel`]): then the label and an info marker after it explain
//! the term on hover, and a number shows its unit after the field.

use std::borrow::Cow;

use eframe::egui::{self, Response, RichText, Sense, Stroke, StrokeKind, TextEdit, Ui};
use rust_decimal::Decimal;

use super::format::{format_decimal, parse_decimal};
use super::theme;
use crate::model::glossary::FieldHelp;
use crate::model::limits::MAX_AMOUNT;

/// A field's visible label (also its accessible name) and, when the term has one, its help.
pub struct FieldLabel<'a> {
    text: Cow<'a, str>,
    help: Option<FieldHelp>,
    /// The unit shown after a number, in place of the help's (a KPI's own unit).
    unit: Option<&'a str>,
}

impl<'a> From<&'a str> for FieldLabel<'a> {
    fn from(text: &'a str) -> Self {
        FieldLabel {
            text: Cow::Borrowed(text),
            help: None,
            unit: None,
        }
    }
}

impl<'a> From<&'a String> for FieldLabel<'a> {
    fn from(text: &'a String) -> Self {
        FieldLabel::from(text.as_str())
    }
}

impl From<String> for FieldLabel<'static> {
    fn from(text: String) -> Self {
        FieldLabel {
            text: Cow::Owned(text),
            help: None,
            unit: None,
        }
    }
}

impl<'a, H: Into<FieldHelp>> From<(&'a str, H)> for FieldLabel<'a> {
    fn from((text, help): (&'a str, H)) -> Self {
        FieldLabel {
            text: Cow::Borrowed(text),
            help: Some(help.into()),
            unit: None,
        }
    }
}

impl<'a, H: Into<FieldHelp>> From<(&'a String, H)> for FieldLabel<'a> {
    fn from((text, help): (&'a String, H)) -> Self {
        FieldLabel::from((text.as_str(), help))
    }
}

impl<H: Into<FieldHelp>> From<(String, H)> for FieldLabel<'static> {
    fn from((text, help): (String, H)) -> Self {
        FieldLabel {
            text: Cow::Owned(text),
            help: Some(help.into()),
            unit: None,
        }
    }
}

impl<'a> FieldLabel<'a> {
    /// The label with `unit` shown after the number in place of the help's (a KPI's unit);
    /// an empty unit falls back to the help's.
    pub fn with_unit(mut self, unit: &'a str) -> Self {
        self.unit = (!unit.is_empty()).then_some(unit);
        self
    }

    /// The unit to show after a number: the one given, else the help's, if any.
    fn unit(&self) -> &'a str {
        self.unit.unwrap_or(self.help.map_or("", |h| h.unit))
    }

    /// Shows the label; with help, the label explains the term on hover and an info marker
    /// after it does too (named "About `label`" for assistive tech). Returns the label.
    pub fn show(&self, ui: &mut Ui) -> Response {
        let label = ui.label(self.text.as_ref());
        self.explain(ui, label)
    }

    /// Puts the help on `response` (a label or checkbox) and an info marker after it.
    fn explain(&self, ui: &mut Ui, response: Response) -> Response {
        match self.help {
            Some(help) => {
                let text = help.text();
                info_marker(ui, &self.text, &text);
                response.on_hover_text(text)
            }
            None => response,
        }
    }
}

/// A small "?" after a label whose hover shows `text`, named "About `label`".
pub fn info_marker(ui: &mut Ui, label: &str, text: &str) -> Response {
    ui.add(egui::Label::new(RichText::new("(?)").weak()).sense(Sense::hover()))
        .accessible_name(format!("About {label}"))
        .on_hover_text(text)
}

/// A label alone (a table's column header); with help, explained like every field.
pub fn label<'a>(ui: &mut Ui, label: impl Into<FieldLabel<'a>>) -> Response {
    let label = label.into();
    ui.horizontal(|ui| label.show(ui)).inner
}

/// Where the editors keep the project's currency for the units they show.
fn currency_id() -> egui::Id {
    egui::Id::unique("editor_currency")
}

/// Sets the currency the units of money read in ("money a month" shows as "EUR a month"): the
/// help is written for any project, the field is shown in this one.
pub fn set_currency(ui: &Ui, currency: &str) {
    ui.data_mut(|d| d.insert_temp(currency_id(), currency.trim().to_owned()));
}

/// A unit after a field, when there is one, with money in the project's currency.
fn unit_after(ui: &mut Ui, unit: &str) {
    if unit.is_empty() {
        return;
    }
    let currency: Option<String> = ui.data(|d| d.get_temp(currency_id()));
    match currency.filter(|c| !c.is_empty()) {
        Some(currency) => ui.weak(unit.replace("money", &currency)),
        None => ui.weak(unit),
    };
}

/// A labelled checkbox; with help, explained like every field.
pub fn checkbox<'a>(ui: &mut Ui, label: impl Into<FieldLabel<'a>>, value: &mut bool) -> Response {
    let label = label.into();
    ui.horizontal(|ui| {
        let response = ui.checkbox(value, label.text.as_ref());
        label.explain(ui, response)
    })
    .inner
}

/// A labelled text field for an exact decimal. It keeps its own edit buffer while focused,
/// ignores thousands separators, draws a red frame with the reason when the text is not a
/// number, and writes `value` only when the text parses. Never goes through `f64`.
/// With help, the unit of the help follows the field.
pub fn decimal_edit<'a>(
    ui: &mut Ui,
    label: impl Into<FieldLabel<'a>>,
    value: &mut Decimal,
) -> Response {
    let label = label.into();
    let unit = label.unit();
    decimal_edit_unit(ui, label, value, unit)
}

/// [`decimal_edit`] with its unit after the field ("s", "% of the credit base"), in place of
/// the help's.
pub fn decimal_edit_unit<'a>(
    ui: &mut Ui,
    label: impl Into<FieldLabel<'a>>,
    value: &mut Decimal,
    unit: &str,
) -> Response {
    let label = label.into();
    ui.horizontal(|ui| {
        let label = label.show(ui);
        let response = decimal_field(ui, label.id, None, value, 110.0);
        unit_after(ui, unit);
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

/// A labelled optional decimal: a checkbox turns it on (with `default`) or off. With help,
/// the unit follows the field.
pub fn optional_decimal<'a>(
    ui: &mut Ui,
    label: impl Into<FieldLabel<'a>>,
    value: &mut Option<Decimal>,
    default: Decimal,
) -> Response {
    let label = label.into();
    ui.horizontal(|ui| {
        let mut on = value.is_some();
        let mut response = ui.checkbox(&mut on, label.text.as_ref());
        if response.changed() {
            *value = on.then_some(value.unwrap_or(default));
        }
        response = label.explain(ui, response);
        if let Some(v) = value.as_mut() {
            let r = decimal_field(ui, response.id, None, v, 110.0);
            if r.changed() {
                response.mark_changed();
            }
            unit_after(ui, label.unit());
        }
        response
    })
    .inner
}

/// A labelled list of months typed as `2024-01, 2024-07`: kept in its own buffer while
/// focused, written only when every month parses (sorted, without repeats); a red frame and
/// the reason on hover otherwise.
pub fn months_edit<'a>(
    ui: &mut Ui,
    label: impl Into<FieldLabel<'a>>,
    months: &mut Vec<crate::model::YearMonth>,
) -> Response {
    let label = label.into();
    ui.horizontal(|ui| {
        let label = label.show(ui);
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
pub fn text_edit<'a>(
    ui: &mut Ui,
    label: impl Into<FieldLabel<'a>>,
    value: &mut String,
) -> Response {
    let label = label.into();
    ui.horizontal(|ui| {
        let label = label.show(ui);
        ui.add(TextEdit::singleline(value).desired_width(220.0))
            .labelled_by(label.id)
    })
    .inner
}

/// A labelled whole-number field (counts of months, points): not money, so a drag value is fine.
/// Dragging and typing stay within `range`; a value already outside it (read from a file) is
/// shown as it is, for validation to name, never changed by being looked at. With help, the
/// unit follows the field.
pub fn count_edit<'a>(
    ui: &mut Ui,
    label: impl Into<FieldLabel<'a>>,
    value: &mut u32,
    range: std::ops::RangeInclusive<u32>,
) -> Response {
    let label = label.into();
    ui.horizontal(|ui| {
        let shown = label.show(ui);
        let response = ui
            .add(
                egui::DragValue::new(value)
                    .range(range)
                    .clamp_existing_to_range(false),
            )
            .labelled_by(shown.id);
        unit_after(ui, label.unit());
        response
    })
    .inner
}

/// A labelled choice among `options`.
pub fn choice<'a, T: PartialEq + Clone>(
    ui: &mut Ui,
    label: impl Into<FieldLabel<'a>>,
    value: &mut T,
    options: &[(T, &str)],
) -> Response {
    let label = label.into();
    ui.horizontal(|ui| {
        let label_response = label.show(ui);
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
pub fn id_choice<'a>(
    ui: &mut Ui,
    label: impl Into<FieldLabel<'a>>,
    value: &mut String,
    ids: &[String],
) -> Response {
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

/// A date typed as YYYY-MM-DD: kept as typed while it does not read, with a red outline and the
/// reason. An optional date is cleared by an empty field; a required one keeps its last value.
pub fn date_edit<'a>(
    ui: &mut Ui,
    label: impl Into<FieldLabel<'a>>,
    date: &mut Option<chrono::NaiveDate>,
    required: bool,
) {
    let label = label.into();
    ui.horizontal(|ui| {
        let label = label.show(ui);
        let id = label.id.with("typed");
        let mut text: String = ui
            .data(|d| d.get_temp(id))
            .unwrap_or_else(|| date.map(|d| d.to_string()).unwrap_or_default());
        let response = ui
            .add(
                TextEdit::singleline(&mut text)
                    .desired_width(110.0)
                    .hint_text("YYYY-MM-DD"),
            )
            .labelled_by(label.id);
        let typed = text.trim();
        let parsed = chrono::NaiveDate::parse_from_str(typed, "%Y-%m-%d");
        let problem = match (&parsed, typed.is_empty()) {
            (Ok(_), _) => None,
            (Err(_), true) if !required => None,
            (Err(_), true) => Some("a date is needed: write it as 2025-03-01"),
            (Err(_), false) => Some("not a date: write it as 2025-03-01"),
        };
        if response.changed() {
            match parsed {
                Ok(d) => *date = Some(d),
                Err(_) if typed.is_empty() && !required => *date = None,
                Err(_) => {}
            }
        }
        match problem {
            None => ui.data_mut(|d| d.remove::<String>(id)),
            Some(reason) => {
                ui.painter().rect_stroke(
                    response.rect.expand(1.0),
                    2.0,
                    Stroke::new(1.5, theme::MISSED_MINIMUM),
                    StrokeKind::Outside,
                );
                ui.colored_label(theme::MISSED_MINIMUM, reason);
                ui.data_mut(|d| d.insert_temp(id, text));
            }
        }
    });
}
