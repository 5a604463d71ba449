//! The waterfall of a period: charges → adjustments → indexation → credits → bonuses →
//! earn-back → net.

use eframe::egui::Ui;
use egui_plot::{Bar, BarChart, Plot};
use rust_decimal::Decimal;

use super::{money_axis, to_f64};
use crate::engine::{Ledger, Stage};
use crate::model::Project;
use crate::ui::format::format_money;
use crate::ui::state::Period;
use crate::ui::theme;

/// The steps of the waterfall for `period`, in the order of operations: (name, signed
/// amount, colour of its kind of money). A stage appears when the period has a line of it.
pub fn steps(
    ledger: &Ledger,
    period: Period,
) -> Vec<(&'static str, Decimal, eframe::egui::Color32)> {
    let mut sums: [Option<Decimal>; Stage::ALL.len()] = [None; Stage::ALL.len()];
    for m in ledger
        .months
        .iter()
        .filter(|m| period.contains(m.period, m.contract_year))
    {
        for l in &m.lines {
            let i = Stage::ALL.iter().position(|s| *s == l.stage).unwrap_or(0);
            *sums[i].get_or_insert(Decimal::ZERO) += l.amount;
        }
    }
    Stage::ALL
        .iter()
        .zip(sums)
        .filter_map(|(stage, sum)| Some((stage.label(), sum?, theme::line_kind(stage.kind()))))
        .collect()
}

/// Shows the waterfall.
pub fn show(ui: &mut Ui, project: &Project, ledger: Option<&Ledger>, period: Period) {
    let Some(ledger) = ledger else { return };
    if ledger.months.is_empty() {
        ui.label("No billed months yet: the ledger is empty.");
        return;
    }
    let steps = steps(ledger, period);
    let decimals = project.rounding.decimals;
    let currency = project.currency.clone();
    ui.weak(format!(
        "{}: how the charges become the net amount ({currency})",
        period.label()
    ));
    let mut names: Vec<&'static str> = Vec::new();
    let mut bars = Vec::new();
    let mut running = Decimal::ZERO;
    let mut annotations: Vec<(f64, f64, String)> = Vec::new();
    for (i, (name, amount, colour)) in steps.iter().enumerate() {
        names.push(name);
        let bar = Bar::new(i as f64, to_f64(*amount))
            .base_offset(to_f64(running))
            .width(0.6)
            .fill(*colour)
            .name(format!(
                "{name}: {} {currency}",
                format_money(*amount, decimals)
            ));
        bars.push(bar);
        annotations.push((
            i as f64,
            to_f64(running.max(running + amount)),
            format_money(*amount, 0),
        ));
        running += amount;
    }
    names.push("Net");
    annotations.push((
        steps.len() as f64,
        to_f64(running),
        format_money(running, 0),
    ));
    bars.push(
        Bar::new(steps.len() as f64, to_f64(running))
            .width(0.6)
            .fill(theme::NET)
            .name(format!(
                "Net: {} {currency}",
                format_money(running, decimals)
            )),
    );
    let labels = names.clone();
    Plot::new("waterfall_plot")
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 0.01 && i >= 0.0 {
                labels
                    .get(i as usize)
                    .map(|s| s.to_string())
                    .unwrap_or_default()
            } else {
                String::new()
            }
        })
        .x_grid_spacer(|input| {
            let (lo, hi) = input.bounds;
            (lo.ceil() as i64..=hi.floor() as i64)
                .map(|v| egui_plot::GridMark {
                    value: v as f64,
                    step_size: 1.0,
                })
                .collect()
        })
        .y_axis_formatter(money_axis())
        .include_y(annotations.iter().map(|a| a.1).fold(0.0, f64::max) * 1.1)
        .allow_scroll(false)
        .show_x(false)
        .show(ui, |plot| {
            plot.bar_chart(
                BarChart::new("Waterfall", bars)
                    .element_formatter(Box::new(|bar, _| bar.name.clone())),
            );
            // Each step's amount above its bar: small steps are thin next to the charges.
            // Lifted a little off the bar so a grid line does not run through the figure.
            let lift = plot.plot_bounds().height() * 0.015;
            for (x, y, text) in &annotations {
                plot.text(
                    egui_plot::Text::new(
                        "",
                        egui_plot::PlotPoint::new(*x, *y + lift),
                        eframe::egui::RichText::new(text).size(14.0).strong(),
                    )
                    .anchor(eframe::egui::Align2::CENTER_BOTTOM),
                );
            }
        });
}
