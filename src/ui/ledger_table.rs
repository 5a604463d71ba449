//! The ledger as a table: months × lines with totals; hover any amount for its explanation;
//! copy it as TSV for a spreadsheet.

use eframe::egui::{self, RichText, Ui};
use egui_extras::{Column as TableColumn, TableBuilder};
use rust_decimal::Decimal;

use super::format::format_money;
use super::theme;
use crate::engine::{Ledger, MonthLedger, Stage};
use crate::model::Scenario;

/// One column of the ledger table: the lines one component made at one step (a charge and
/// its indexation are two columns).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Column {
    stage: Stage,
    component: String,
}

impl Column {
    fn amount(&self, month: &MonthLedger) -> Option<Decimal> {
        let mut lines = month
            .lines
            .iter()
            .filter(|l| l.stage == self.stage && l.component == self.component)
            .peekable();
        lines.peek()?;
        Some(lines.map(|l| l.amount).sum())
    }

    fn explanation(&self, month: &MonthLedger) -> String {
        month
            .lines
            .iter()
            .filter(|l| l.stage == self.stage && l.component == self.component)
            .map(|l| l.explanation.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// The columns of a ledger: each (step, component) once, in the order of operations.
fn columns(ledger: &Ledger) -> Vec<Column> {
    let mut columns: Vec<Column> = Vec::new();
    for month in &ledger.months {
        for line in &month.lines {
            if !columns
                .iter()
                .any(|c| c.stage == line.stage && c.component == line.component)
            {
                columns.push(Column {
                    stage: line.stage,
                    component: line.component.clone(),
                });
            }
        }
    }
    columns.sort_by_key(|c| c.stage);
    columns
}

/// The name people know a ledger column's component by: the charge's, service level's,
/// bonus's, commitment's or cap's name in `scenario`, a regime cap in words; the id otherwise.
fn component_name(scenario: Option<&Scenario>, id: &str) -> String {
    let regime = match id {
        "at_risk_cap" => Some("At-risk cap"),
        "monthly_cap" => Some("Monthly credit cap"),
        "annual_cap" => Some("Annual credit cap"),
        "term_cap" => Some("Term credit cap"),
        "minimum_credit" => Some("Minimum credit"),
        _ => None,
    };
    if let Some(name) = regime {
        return name.to_owned();
    }
    let Some(s) = scenario else {
        return id.to_owned();
    };
    let named = (s.charges.iter().map(|c| (&c.id, &c.name)))
        .chain(s.service_levels.iter().map(|c| (&c.id, &c.name)))
        .chain(s.bonuses.iter().map(|c| (&c.id, &c.name)))
        .chain(s.minimums.iter().map(|c| (&c.id, &c.name)))
        .chain(s.charge_caps.iter().map(|c| (&c.id, &c.name)));
    named
        .into_iter()
        .find(|(i, _)| i.as_str() == id)
        .map_or_else(|| id.to_owned(), |(_, name)| name.clone())
}

/// Shows the ledger table of `scenario`: the header row stays while the months scroll down, the
/// month column while the amounts scroll sideways; each column is headed by its component's
/// name, its id on hover.
pub fn show(
    ui: &mut Ui,
    ledger: &Ledger,
    scenario: Option<&Scenario>,
    decimals: u32,
    copy: &mut bool,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(format!(
            "{} ledger, {} months · hover an amount for its explanation",
            ledger.scenario,
            ledger.months.len()
        ));
        if ui
            .button("Copy as TSV")
            .on_hover_text("Copy the table for a spreadsheet")
            .clicked()
        {
            *copy = true;
        }
    });
    if ledger.months.is_empty() {
        ui.weak("No months to show: the scenario has no billed months yet.");
        return;
    }
    let columns = columns(ledger);
    let sums: Vec<Decimal> = columns
        .iter()
        .map(|c| ledger.months.iter().filter_map(|m| c.amount(m)).sum())
        .collect();
    let row_height = ui.text_style_height(&egui::TextStyle::Monospace) + 6.0;
    // Two tables side by side: the months stay on the left while the amounts scroll
    // sideways, and both scroll down together (whichever was scrolled leads).
    let offset_id = ui.scope_id().with("ledger_vscroll");
    let offset: f32 = ui.data(|d| d.get_temp(offset_id)).unwrap_or_default();
    let (left, right) = ui
        .horizontal_top(|ui| {
            // Each table lays its header over its body: a vertical layout of its own.
            let left = ui
                .vertical(|ui| month_table(ui, ledger, offset, row_height))
                .inner;
            let right = egui::ScrollArea::horizontal()
                .id_salt("ledger_hscroll")
                // Shown, not only on hover: the columns beyond the edge must be findable.
                .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
                .show(ui, |ui| {
                    ui.vertical(|ui| {
                        amount_table(ui, ledger, (&columns, &sums), scenario, decimals, offset)
                    })
                    .inner
                })
                .inner;
            (left, right)
        })
        .inner;
    let moved = if (right - offset).abs() > 0.5 {
        right
    } else {
        left
    };
    if (moved - offset).abs() > 0.5 {
        ui.data_mut(|d| d.insert_temp(offset_id, moved));
        ui.ctx().request_repaint();
    }
}

/// The frozen first column: the months and the totals row's label. Returns its scroll offset.
fn month_table(ui: &mut Ui, ledger: &Ledger, offset: f32, row_height: f32) -> f32 {
    TableBuilder::new(ui)
        .id_salt("ledger_months")
        .striped(true)
        .auto_shrink([true, false])
        .vertical_scroll_offset(offset)
        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysHidden)
        .column(TableColumn::exact(150.0))
        .header(HEADER_HEIGHT, |mut header| {
            // The same two lines as the amounts' headings (name, then step), so both headers
            // take the same height and the rows below them line up.
            header.col(|ui| {
                ui.vertical(|ui| {
                    ui.strong("Month");
                    ui.label(RichText::new(" ").small().weak());
                });
            });
        })
        .body(|body| {
            body.rows(row_height, ledger.months.len() + 1, |mut row| {
                let month = ledger.months.get(row.index());
                // Centred in the row as the amounts are, so a month reads level with its line.
                let left = egui::Layout::left_to_right(egui::Align::Center);
                row.col(|ui| {
                    ui.with_layout(left, |ui| match month {
                        None => {
                            ui.strong("Total");
                        }
                        Some(m) if m.projected => {
                            ui.label(RichText::new(format!("{} (projected)", m.period)).weak());
                        }
                        Some(m) => {
                            ui.label(m.period.to_string());
                        }
                    });
                });
            });
        })
        .state
        .clamped_offset()
        .y
}

/// The amounts: a column per (step, component) and the net, the totals last. Returns its
/// scroll offset.
fn amount_table(
    ui: &mut Ui,
    ledger: &Ledger,
    (columns, sums): (&[Column], &[Decimal]),
    scenario: Option<&Scenario>,
    decimals: u32,
    offset: f32,
) -> f32 {
    let row_height = ui.text_style_height(&egui::TextStyle::Monospace) + 6.0;
    let right = egui::Layout::right_to_left(egui::Align::Center);
    TableBuilder::new(ui)
        .id_salt("ledger")
        .striped(true)
        .auto_shrink([false, false])
        .vertical_scroll_offset(offset)
        .columns(TableColumn::auto().at_least(120.0), columns.len() + 1)
        .header(HEADER_HEIGHT, |mut header| {
            for c in columns {
                header.col(|ui| column_header(ui, c, scenario));
            }
            header.col(|ui| {
                ui.with_layout(right, |ui| ui.strong("Net"));
            });
        })
        .body(|body| {
            body.rows(row_height, ledger.months.len() + 1, |mut row| {
                let Some(month) = ledger.months.get(row.index()) else {
                    for sum in sums {
                        row.col(|ui| strong_amount(ui, *sum, decimals));
                    }
                    row.col(|ui| strong_amount(ui, ledger.totals.net, decimals));
                    return;
                };
                for c in columns {
                    row.col(|ui| {
                        if let Some(amount) = c.amount(month) {
                            ui.with_layout(right, |ui| {
                                ui.monospace(format_money(amount, decimals))
                                    .on_hover_text(c.explanation(month));
                            });
                        }
                    });
                }
                row.col(|ui| strong_amount(ui, month.totals.net, decimals));
            });
        })
        .state
        .clamped_offset()
        .y
}

/// The header row's height: a component's name over its step.
const HEADER_HEIGHT: f32 = 40.0;

/// A column's heading: its component's name in the colour of its kind (a long name cut, the
/// whole name and the id on hover), and the step that made it.
fn column_header(ui: &mut Ui, c: &Column, scenario: Option<&Scenario>) {
    let right = egui::Layout::right_to_left(egui::Align::Center);
    ui.with_layout(right, |ui| {
        ui.vertical(|ui| {
            let name = component_name(scenario, &c.component);
            let shown = if name.chars().count() > 24 {
                let cut: String = name.chars().take(23).collect();
                format!("{}…", cut.trim_end())
            } else {
                name.clone()
            };
            // One line, so both tables' headings keep one height and their rows line up.
            ui.add(
                egui::Label::new(
                    RichText::new(shown)
                        .strong()
                        .color(theme::line_kind(c.stage.kind())),
                )
                .truncate(),
            )
            .on_hover_text(format!("{name}\nid: {}", c.component));
            ui.label(RichText::new(c.stage.label()).small().weak());
        });
    });
}

/// A total, right-aligned in bold.
fn strong_amount(ui: &mut Ui, amount: Decimal, decimals: u32) {
    let right = egui::Layout::right_to_left(egui::Align::Center);
    ui.with_layout(right, |ui| {
        ui.monospace(RichText::new(format_money(amount, decimals)).strong());
    });
}

/// The ledger as tab-separated values: a header row, one row per month, exact amounts.
pub fn tsv(ledger: &Ledger) -> String {
    let columns = columns(ledger);
    let mut out = String::from("month\tprojected");
    for c in &columns {
        // Pasted into a spreadsheet: a component named like a formula stays text.
        let header = format!("{} ({})", c.component, c.stage.label().to_lowercase());
        out.push('\t');
        out.push_str(&crate::io::csv_safe::neutralise_text(&header));
    }
    out.push_str("\tnet\n");
    for month in &ledger.months {
        out.push_str(&format!("{}\t{}", month.period, month.projected));
        for c in &columns {
            out.push_str(&format!("\t{}", c.amount(month).unwrap_or_default()));
        }
        out.push_str(&format!("\t{}\n", month.totals.net));
    }
    out
}
