//! The tab's two charts: monthly cost against net with the margin as bars, and the cost of a
//! target (delivery cost, credits and their sum; the cheapest target marked).

use crate::ui::charts::Named as _;
use eframe::egui::{RichText, Ui};
use egui_plot::{Bar, BarChart, Line, Plot, PlotPoints, Points, VLine};

use super::worker::{Computed, Figures};
use crate::model::Project;
use crate::ui::charts::{legend_row, money_axis, month_axis, month_spacer, month_x, to_f64};
use crate::ui::format::format_money;
use crate::ui::theme;

/// Both charts, or what stands in for them.
pub fn show(ui: &mut Ui, project: &Project, figures: &Figures) {
    if let Computed::Ready(Ok(report)) = &figures.cost {
        ui.add_space(6.0);
        ui.label(RichText::new(format!("Cost and net per month ({})", project.currency)).strong());
        legend_row(
            ui,
            &[
                ("Net", theme::NET),
                ("Cost", theme::CREDIT),
                ("Margin", theme::BONUS),
            ],
        );
        Plot::new("cost_by_month")
            .height(240.0)
            .x_axis_formatter(month_axis(project.start))
            .x_grid_spacer(month_spacer)
            .y_axis_formatter(money_axis())
            .allow_scroll(false)
            .show(ui, |plot| {
                let x = |m: &crate::engine::cost::MonthCost| month_x(project, m.period);
                let margin: Vec<Bar> = (report.months.iter())
                    .map(|m| Bar::new(x(m), to_f64(m.margin)).width(0.7))
                    .collect();
                plot.bar_chart(BarChart::new("Margin", margin).color(theme::BONUS));
                let net: PlotPoints<'_> = report
                    .months
                    .iter()
                    .map(|m| [x(m), to_f64(m.net)])
                    .collect();
                plot.line(Line::new("Net", net).color(theme::NET).width(2.0));
                let cost: PlotPoints<'_> = report
                    .months
                    .iter()
                    .map(|m| [x(m), to_f64(m.cost)])
                    .collect();
                plot.line(Line::new("Cost", cost).color(theme::CREDIT).width(2.0));
            })
            .named("Cost and margin chart by month");
    }
    ui.add_space(6.0);
    match &figures.sweep {
        Computed::Pending => {
            ui.weak("Computing the cost of a target…");
        }
        Computed::Ready(Err(message)) => {
            ui.colored_label(theme::ERROR, message);
        }
        Computed::Ready(Ok(None)) => {
            ui.weak("The offer has no service level: no target to cost.");
        }
        Computed::Ready(Ok(Some(sweep))) => target_chart(ui, project, sweep),
    }
}

fn target_chart(ui: &mut Ui, project: &Project, sweep: &crate::engine::cost::TargetSweep) {
    let d = project.rounding.decimals;
    ui.label(
        RichText::new(format!(
            "The cost of a target: service level \"{}\" over the term ({})",
            sweep.service_level, project.currency
        ))
        .strong(),
    );
    if let Some(best) = sweep.cheapest.and_then(|i| sweep.points.get(i)) {
        ui.label(format!(
            "Cheapest target {}: cost {} + credits {} = {}",
            best.target.normalize(),
            format_money(best.cost, d),
            format_money(best.credits, d),
            format_money(best.total, d)
        ));
    }
    if !sweep.drives_staffing {
        ui.weak("The cost model does not staff to this service level: its cost is flat.");
    }
    ui.weak("Credits on the replay (the history and projection); dashed: the risk simulation's mean credits.");
    if let Some(reason) = &sweep.risk_error {
        ui.weak(format!("No risk curve: {reason}"));
    }
    legend_row(
        ui,
        &[
            ("Cost", theme::CHARGE),
            ("Credits", theme::CREDIT),
            ("Cost + credits", theme::NET),
        ],
    );
    Plot::new("cost_of_target")
        .height(240.0)
        .y_axis_formatter(money_axis())
        .x_axis_label("target")
        .allow_scroll(false)
        .show(ui, |plot| {
            let series =
                |f: &dyn Fn(&crate::engine::cost::TargetPoint) -> rust_decimal::Decimal| {
                    (sweep.points.iter())
                        .map(|p| [to_f64(p.target), to_f64(f(p))])
                        .collect::<PlotPoints<'_>>()
                };
            plot.line(
                Line::new("Cost", series(&|p| p.cost))
                    .color(theme::CHARGE)
                    .width(2.0),
            );
            plot.line(
                Line::new("Credits", series(&|p| p.credits))
                    .color(theme::CREDIT)
                    .width(2.0),
            );
            plot.line(
                Line::new("Cost + credits", series(&|p| p.total))
                    .color(theme::NET)
                    .width(2.5),
            );
            let risk: PlotPoints<'_> = (sweep.points.iter())
                .filter_map(|p| p.risk_credits.map(|c| [to_f64(p.target), to_f64(c)]))
                .collect();
            plot.line(
                Line::new("Credits (simulated mean)", risk)
                    .color(theme::CREDIT)
                    .style(egui_plot::LineStyle::dashed_loose()),
            );
            if let Some(best) = sweep.cheapest.and_then(|i| sweep.points.get(i)) {
                plot.vline(VLine::new("Cheapest", to_f64(best.target)).color(theme::BONUS));
                let point = vec![[to_f64(best.target), to_f64(best.total)]];
                plot.points(
                    Points::new("Cheapest", point)
                        .radius(5.0)
                        .color(theme::BONUS),
                );
            }
        })
        .named("Cost of a target chart");
}
