//! The waterfall of a period: charges → adjustments → indexation → credits → bonuses →
//! earn-back → net.

use crate::ui::charts::Named as _;
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

/// The caption and the zoom on the changes (kept between frames): the steps after the
/// charges are often a few percent of them, so the zoom starts the axis near the lowest level
/// instead of at zero.
fn zoom_toggle(ui: &mut Ui, period: Period, currency: &str) -> bool {
    let zoom_id = eframe::egui::Id::unique("waterfall_changes");
    let mut zoom: bool = ui.data(|d| d.get_temp(zoom_id)).unwrap_or(false);
    ui.horizontal(|ui| {
        ui.weak(format!(
            "{}: how the charges become the net amount ({currency})",
            period.label()
        ));
        ui.checkbox(&mut zoom, "Zoom on the changes").on_hover_text(
            "Start the axis near the lowest level, not at zero, so small steps are readable",
        );
    });
    ui.data_mut(|d| d.insert_temp(zoom_id, zoom));
    zoom
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
    let zoom = zoom_toggle(ui, period, &currency);
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
    let top = annotations.iter().map(|a| a.1).fold(0.0, f64::max);
    // The levels after the charges, each step's two ends and the net: what the zoom shows.
    let levels: Vec<f64> = (annotations.iter().skip(1))
        .map(|a| a.1)
        .chain(steps.iter().scan(Decimal::ZERO, |r, (_, a, _)| {
            *r += a;
            Some(to_f64(*r))
        }))
        .collect();
    let low = levels.iter().copied().fold(top, f64::min);
    let span = (top - low).max(top * 0.001).max(1.0);
    let id = if zoom {
        "waterfall_plot_changes"
    } else {
        "waterfall_plot"
    };
    let mut plot = Plot::new(id);
    if zoom {
        plot = plot.default_y_bounds(low - span * 0.6, top + span * 0.4);
    } else {
        plot = plot.include_y(top * 1.1);
    }
    plot.x_axis_formatter(move |mark, _| {
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
    .allow_scroll(false)
    .show_x(false)
    .show(ui, |plot| {
        plot.bar_chart(
            BarChart::new("Waterfall", bars).element_formatter(Box::new(|bar, _| bar.name.clone())),
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
    })
    .named("Waterfall chart");
}
