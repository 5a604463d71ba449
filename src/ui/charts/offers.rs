//! Offers compared: cumulative net cost per scenario on one axis and a table of totals with NPV.

use eframe::egui::{self, RichText, Ui};
use egui_plot::{Legend, Line, Plot, PlotPoints};
use rust_decimal::Decimal;

use super::{money_axis, month_axis, month_spacer, month_x, to_f64};
use crate::engine::{self, Ledger};
use crate::model::Project;
use crate::ui::format::format_money;

/// Shows the comparison of all scenarios.
pub fn show(ui: &mut Ui, project: &Project, ledgers: &[Ledger]) {
    let d = project.rounding.decimals;
    ui.label(RichText::new(format!("Totals over the term ({})", project.currency)).strong());
    egui::Grid::new("offers_table")
        .striped(true)
        .num_columns(8)
        .show(ui, |ui| {
            for h in [
                "Offer",
                "Charges",
                "Adjustments",
                "Credits",
                "Bonuses",
                "Earn-back",
                "Net",
                "NPV",
            ] {
                ui.strong(h);
            }
            ui.end_row();
            let cheapest = ledgers.iter().map(|l| l.totals.net).min();
            for ledger in ledgers {
                let t = &ledger.totals;
                let unique = ledgers
                    .iter()
                    .filter(|l| Some(l.totals.net) == cheapest)
                    .count()
                    == 1;
                let name = if Some(t.net) == cheapest && unique && ledgers.len() > 1 {
                    format!("{} (cheapest)", ledger.scenario)
                } else {
                    ledger.scenario.clone()
                };
                ui.label(name);
                for v in [
                    t.charges,
                    t.adjustments,
                    -t.credits,
                    t.bonuses,
                    t.earn_back,
                    t.net,
                    engine::npv(project, ledger),
                ] {
                    ui.monospace(format!("{:>16}", format_money(v, d)));
                }
                ui.end_row();
            }
        });
    ui.add_space(4.0);
    if ledgers.iter().all(|l| l.months.is_empty()) {
        ui.weak("No billed months yet: the cumulative cost appears once the offers are evaluated.");
        return;
    }
    Plot::new("offers_plot")
        .legend(Legend::default())
        .x_axis_formatter(month_axis(project.start))
        .x_grid_spacer(month_spacer)
        .y_axis_formatter(money_axis())
        .y_axis_label(format!("cumulative net ({})", project.currency))
        .allow_scroll(false)
        .show(ui, |plot| {
            for ledger in ledgers {
                let mut total = Decimal::ZERO;
                let points: PlotPoints = ledger
                    .months
                    .iter()
                    .map(|m| {
                        total += m.totals.net;
                        [month_x(project, m.period), to_f64(total)]
                    })
                    .collect();
                plot.line(Line::new(ledger.scenario.clone(), points).width(2.0));
            }
        });
}
