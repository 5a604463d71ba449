//! The ledger as a table: months × lines with totals; hover any amount for its explanation;
//! copy it as TSV for a spreadsheet.

use std::collections::BTreeMap;

use eframe::egui::{self, RichText, Ui};

use super::format::format_money;
use super::theme;
use crate::engine::{Ledger, LineKind};

/// The columns of a ledger: each component once, in the order lines first appear.
fn columns(ledger: &Ledger) -> Vec<(LineKind, String)> {
    let mut columns: Vec<(LineKind, String)> = Vec::new();
    for month in &ledger.months {
        for line in &month.lines {
            if !columns
                .iter()
                .any(|(k, c)| *k == line.kind && *c == line.component)
            {
                columns.push((line.kind, line.component.clone()));
            }
        }
    }
    columns.sort_by_key(|(kind, _)| *kind);
    columns
}

/// Shows the ledger table.
pub fn show(ui: &mut Ui, ledger: &Ledger, decimals: u32, copy: &mut bool) {
    ui.horizontal(|ui| {
        ui.label(format!(
            "{} ledger, {} months",
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
    egui::ScrollArea::both()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Grid::new("ledger")
                .striped(true)
                .min_col_width(80.0)
                .show(ui, |ui| {
                    ui.strong("Month");
                    for (kind, component) in &columns {
                        ui.label(
                            RichText::new(component)
                                .strong()
                                .color(theme::line_kind(*kind)),
                        )
                        .on_hover_text(kind.label());
                    }
                    ui.strong("Net");
                    ui.end_row();
                    let mut sums: BTreeMap<usize, rust_decimal::Decimal> = BTreeMap::new();
                    for month in &ledger.months {
                        let label = if month.projected {
                            format!("{} (projected)", month.period)
                        } else {
                            month.period.to_string()
                        };
                        ui.label(label);
                        for (i, (kind, component)) in columns.iter().enumerate() {
                            let lines: Vec<_> = month
                                .lines
                                .iter()
                                .filter(|l| l.kind == *kind && l.component == *component)
                                .collect();
                            if lines.is_empty() {
                                ui.label("");
                                continue;
                            }
                            let amount: rust_decimal::Decimal =
                                lines.iter().map(|l| l.amount).sum();
                            *sums.entry(i).or_default() += amount;
                            let explanation = lines
                                .iter()
                                .map(|l| l.explanation.as_str())
                                .collect::<Vec<_>>()
                                .join("\n");
                            ui.with_layout(
                                egui::Layout::right_to_left(egui::Align::Center),
                                |ui| {
                                    ui.monospace(format_money(amount, decimals))
                                        .on_hover_text(explanation);
                                },
                            );
                        }
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            ui.monospace(
                                RichText::new(format_money(month.totals.net, decimals)).strong(),
                            );
                        });
                        ui.end_row();
                    }
                    ui.strong("Total");
                    for i in 0..columns.len() {
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            ui.monospace(
                                RichText::new(format_money(
                                    sums.get(&i).copied().unwrap_or_default(),
                                    decimals,
                                ))
                                .strong(),
                            );
                        });
                    }
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        ui.monospace(
                            RichText::new(format_money(ledger.totals.net, decimals)).strong(),
                        );
                    });
                    ui.end_row();
                });
        });
}

/// The ledger as tab-separated values: a header row, one row per month, exact amounts.
pub fn tsv(ledger: &Ledger) -> String {
    let columns = columns(ledger);
    let mut out = String::from("month\tprojected");
    for (kind, component) in &columns {
        out.push_str(&format!("\t{component} ({})", kind.label().to_lowercase()));
    }
    out.push_str("\tnet\n");
    for month in &ledger.months {
        out.push_str(&format!("{}\t{}", month.period, month.projected));
        for (kind, component) in &columns {
            let amount: rust_decimal::Decimal = month
                .lines
                .iter()
                .filter(|l| l.kind == *kind && l.component == *component)
                .map(|l| l.amount)
                .sum();
            out.push_str(&format!("\t{amount}"));
        }
        out.push_str(&format!("\t{}\n", month.totals.net));
    }
    out
}
