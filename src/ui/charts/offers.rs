//! Offers compared: a table of totals with NPV and the gap to the cheapest offer, and the
//! cumulative net cost per scenario on one axis (or each offer's gap to the cheapest over time,
//! where differences of a few percent are visible).

use crate::ui::charts::Named as _;
use eframe::egui::{self, Id, RichText, Ui};
use egui_plot::{Line, Plot, PlotPoints};
use rust_decimal::Decimal;

use super::{money_axis, month_axis, month_spacer, month_x, to_f64};
use crate::engine::Ledger;
use crate::engine::compare::{Comparison, OfferSummary, cumulative_net};
use crate::model::Project;
use crate::ui::format::format_money;
use crate::ui::negotiation::NegotiationView;

/// Shows the comparison of all scenarios.
pub fn show(
    ui: &mut Ui,
    project: &Project,
    ledgers: &[Ledger],
    revision: u64,
    negotiation: &mut NegotiationView,
) {
    let comparison = Comparison::new(project, ledgers);
    let cheapest = comparison.cheapest;
    totals_table(ui, project, ledgers, &comparison);
    ui.add_space(4.0);
    if ledgers.iter().all(|l| l.months.is_empty()) {
        ui.weak("No billed months yet: the cumulative cost appears once the offers are evaluated.");
        return;
    }
    let mode_id = Id::unique("offers_difference");
    let mut mode: Mode = ui.data(|d| d.get_temp(mode_id)).unwrap_or_default();
    let baseline = cheapest
        .and_then(|c| ledgers.get(c))
        .filter(|_| ledgers.len() > 1);
    ui.horizontal_wrapped(|ui| {
        ui.radio_value(&mut mode, Mode::Cumulative, "Cumulative net");
        ui.add_enabled_ui(baseline.is_some(), |ui| {
            let label = match baseline {
                Some(b) => format!("Difference to {}", b.scenario),
                None => "Difference to the cheapest".into(),
            };
            ui.radio_value(&mut mode, Mode::Difference, label)
                .on_hover_text("Each offer's cumulative net minus the cheapest offer's");
        });
        ui.add_enabled_ui(ledgers.len() > 1, |ui| {
            ui.radio_value(&mut mode, Mode::BreakEven, "Break-even by volume")
                .on_hover_text("Two offers' nets as every volume is scaled, and where they cross");
        });
        ui.radio_value(&mut mode, Mode::Terms, "What changed")
            .on_hover_text(
                "The terms that differ between two offers, and what each change is worth",
            );
    });
    ui.data_mut(|d| d.insert_temp(mode_id, mode));
    match mode {
        Mode::Terms => return super::diff::show(ui, project, ledgers),
        Mode::BreakEven if ledgers.len() > 1 => {
            return crate::ui::negotiation::show_breakeven(ui, project, revision, negotiation);
        }
        _ => {}
    }
    let difference = mode == Mode::Difference && baseline.is_some();
    let y_label = if difference {
        format!("cumulative difference ({})", project.currency)
    } else {
        format!("cumulative net ({})", project.currency)
    };
    // The legend as a row above the plot: inside it, it covered the newest months.
    let names: Vec<(&str, egui::Color32)> = (ledgers.iter().enumerate())
        .map(|(i, l)| (l.scenario.as_str(), crate::ui::theme::series(i)))
        .collect();
    super::legend_row(ui, &names);
    Plot::new("offers_plot")
        // Never squeezed to a sliver under the table: the tab scrolls instead.
        .height(ui.available_height().max(240.0))
        .x_axis_formatter(month_axis(project.start))
        .x_grid_spacer(month_spacer)
        .y_axis_formatter(money_axis())
        .y_axis_label(y_label)
        .allow_scroll(false)
        .show(ui, |plot| {
            let base = baseline.filter(|_| difference).map(cumulative_net);
            for (n, ledger) in ledgers.iter().enumerate() {
                let points: PlotPoints<'_> = cumulative_net(ledger)
                    .into_iter()
                    .enumerate()
                    .map(|(i, (month, total))| {
                        let offset = base
                            .as_ref()
                            .and_then(|b| b.get(i).filter(|(m, _)| *m == month))
                            .map_or(Decimal::ZERO, |(_, b)| *b);
                        [month_x(project, month), to_f64(total - offset)]
                    })
                    .collect();
                let line = Line::new(ledger.scenario.clone(), points).width(2.0);
                plot.line(line.color(crate::ui::theme::series(n)));
            }
        })
        .named("Offers chart of the cumulative net");
}

/// The offers as columns and their totals, NPV and gap to the cheapest as rows.
fn totals_table(ui: &mut Ui, project: &Project, ledgers: &[Ledger], comparison: &Comparison) {
    let d = project.rounding.decimals;
    let cheapest = comparison.cheapest;
    let show_adjustments = ledgers.iter().any(|l| !l.totals.adjustments.is_zero());
    ui.label(RichText::new(format!("Totals over the term ({})", project.currency)).strong());
    // Offers as columns: a project has a handful of offers and more figures than that, so the
    // table stays narrow enough for the panel.
    egui::ScrollArea::horizontal()
        .id_salt("offers_table_scroll")
        .show(ui, |ui| {
            egui::Grid::new("offers_table")
                .striped(true)
                .min_col_width(90.0)
                .show(ui, |ui| {
                    ui.label("");
                    for (i, ledger) in ledgers.iter().enumerate() {
                        let name = RichText::new(&ledger.scenario).strong();
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            if Some(i) == cheapest {
                                ui.label(name.color(crate::ui::theme::BONUS)).on_hover_text(
                                    "The cheapest offer over the term, net of credits",
                                );
                            } else {
                                ui.label(name);
                            }
                        });
                    }
                    ui.end_row();
                    let row =
                        |ui: &mut Ui, label: &str, value: &dyn Fn(&OfferSummary) -> String| {
                            ui.label(label);
                            for offer in &comparison.offers {
                                amount(ui, value(offer));
                            }
                            ui.end_row();
                        };
                    row(ui, "Charges", &|o| format_money(o.totals.charges, d));
                    if show_adjustments {
                        row(ui, "Adjustments", &|o| {
                            format_money(o.totals.adjustments, d)
                        });
                    }
                    row(ui, "Credits", &|o| format_money(-o.totals.credits, d));
                    row(ui, "Bonuses", &|o| format_money(o.totals.bonuses, d));
                    row(ui, "Earn-back", &|o| format_money(o.totals.earn_back, d));
                    row(ui, "Net", &|o| format_money(o.totals.net, d));
                    row(ui, "vs cheapest", &|o| match o.gap_to_cheapest {
                        Some(gap) if !gap.is_zero() => format!("+{}", format_money(gap, d)),
                        Some(_) => "cheapest".into(),
                        None => "—".into(),
                    });
                    let npv = format!("NPV at {} %", project.discount_rate_pct.normalize());
                    row(ui, &npv, &|o| format_money(o.npv, d));
                });
        });
}

/// What the lower half of the tab shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Mode {
    /// Each offer's cumulative net.
    #[default]
    Cumulative,
    /// Each offer's cumulative net minus the cheapest's.
    Difference,
    /// Two offers' nets over the term as the volumes scale, and where they cross.
    BreakEven,
    /// The terms that differ between two offers, with their money.
    Terms,
}

/// A right-aligned amount in a table cell.
fn amount(ui: &mut Ui, text: String) {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        ui.monospace(text);
    });
}
