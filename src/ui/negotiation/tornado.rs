//! The tornado: each term's net at its low and high value, as bars either side of the offer's
//! net, largest swing on top. Clicking a bar, or a term in the list below, selects the term and
//! opens its editor.

use eframe::egui::{self, Context, RichText, Ui};
use egui_plot::{Bar, BarChart, Plot};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive as _;

use super::{NegotiationView, Place, TornadoAsk, compute_tornado, updating, waiting};
use crate::engine::sensitivity::Sensitivity;
use crate::format::{format_money, format_number};
use crate::model::Project;
use crate::ui::charts::money_axis;
use crate::ui::state::Selection;
use crate::ui::theme;

/// The most bars drawn; the list below has every term.
const BARS: usize = 15;

/// Shows the tornado of the offer shown.
pub(super) fn show(
    ui: &mut Ui,
    project: &Project,
    ctx: &Context,
    place: Place<'_>,
    view: &mut NegotiationView,
) {
    ui.horizontal(|ui| {
        let label = ui.label("Move each term by ±");
        ui.add(
            egui::DragValue::new(&mut view.pct)
                .range(1..=100)
                .suffix(" %"),
        )
        .labelled_by(label.id);
        ui.weak("(thresholds in a KPI's unit: 1 point for %, 5 s for seconds, else 1)");
    });
    let ask = TornadoAsk {
        scenario: place.scenario,
        pct: view.pct,
    };
    view.tornado
        .update(project, place.revision, &ask, compute_tornado, ctx);
    let Some((s, current)) = view.tornado.answer(place.revision, &ask) else {
        waiting(ui, "Moving every term…");
        return;
    };
    updating(ui, current);
    let dp = project.rounding.decimals;
    ui.label(
        RichText::new(format!(
            "{}: net {} over the term, NPV {}",
            s.scenario,
            format_money(s.net, dp),
            format_money(s.npv, dp)
        ))
        .strong(),
    );
    if let Some(i) = chart(ui, s) {
        *place.selection = Selection::Term(s.swings[i].path.component.clone());
    }
    if let Some(i) = list(ui, s, dp) {
        *place.selection = Selection::Term(s.swings[i].path.component.clone());
    }
}

fn f(v: Decimal) -> f64 {
    v.to_f64().unwrap_or_default()
}

/// The bars; the index of the term clicked, if one was.
fn chart(ui: &mut Ui, s: &Sensitivity) -> Option<usize> {
    let shown = &s.swings[..s.swings.len().min(BARS)];
    let bar = |i: usize, net: Decimal, at: Decimal, side: &str| {
        // Rank 0 on top: bars go down the y axis.
        Bar::new(-(i as f64), f(net - s.net))
            .width(0.7)
            .name(format!(
                "{}\n{side} {}: net {}",
                shown[i].term,
                format_number(at),
                format_number(net)
            ))
    };
    let low: Vec<Bar> = (shown.iter().enumerate())
        .map(|(i, w)| bar(i, w.net_low, w.low, "low"))
        .collect();
    let high: Vec<Bar> = (shown.iter().enumerate())
        .map(|(i, w)| bar(i, w.net_high, w.high, "high"))
        .collect();
    let names: Vec<String> = shown.iter().map(|w| w.term.clone()).collect();
    // The legend as a row above the plot, never over the longest bars.
    crate::ui::charts::legend_row(
        ui,
        &[
            ("Term at its low value", theme::CHARGE),
            ("Term at its high value", theme::CREDIT),
        ],
    );
    let response = Plot::new("tornado_plot")
        .height((shown.len() as f32 * 22.0 + 60.0).clamp(120.0, 380.0))
        .x_axis_formatter(money_axis())
        .x_axis_label("change of the net over the term")
        .y_axis_formatter(move |mark, _| {
            let i = (-mark.value).round();
            (i >= 0.0 && (mark.value + i).abs() < 1e-6)
                .then(|| names.get(i as usize).cloned())
                .flatten()
                .unwrap_or_default()
        })
        .y_axis_min_width(180.0)
        .allow_scroll(false)
        .allow_drag(false)
        .show(ui, |plot| {
            plot.bar_chart(
                BarChart::new("Term at its low value", low)
                    .color(theme::CHARGE)
                    .horizontal(),
            );
            plot.bar_chart(
                BarChart::new("Term at its high value", high)
                    .color(theme::CREDIT)
                    .horizontal(),
            );
            plot.pointer_coordinate()
        });
    // Named for assistive tech: the bars are painted, the plot area is what takes the click.
    response.response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Image,
            true,
            "Tornado chart: click a bar to open its term",
        )
    });
    let at = response.inner?;
    if !response.response.clicked() {
        return None;
    }
    let i = (-at.y).round();
    (i >= 0.0 && (i as usize) < shown.len()).then_some(i as usize)
}

/// Every term with its figures; the index of the term clicked, if one was.
fn list(ui: &mut Ui, s: &Sensitivity, dp: u32) -> Option<usize> {
    let mut clicked = None;
    egui::ScrollArea::vertical()
        .id_salt("tornado_list")
        .max_height(220.0)
        .show(ui, |ui| {
            egui::Grid::new("tornado_grid")
                .striped(true)
                .show(ui, |ui| {
                    for head in [
                        "Term (click to edit)",
                        "Swing",
                        "Net at low",
                        "Net at high",
                        "Low",
                        "High",
                    ] {
                        ui.label(RichText::new(head).strong());
                    }
                    ui.end_row();
                    for (i, w) in s.swings.iter().enumerate() {
                        if ui
                            .link(&w.term)
                            .on_hover_text("Open this term's editor")
                            .clicked()
                        {
                            clicked = Some(i);
                        }
                        ui.monospace(format_money(w.swing, dp));
                        ui.monospace(format_money(w.net_low, dp));
                        ui.monospace(format_money(w.net_high, dp));
                        ui.label(format!("{} {}", format_number(w.low), w.unit));
                        ui.label(format!("{} {}", format_number(w.high), w.unit));
                        ui.end_row();
                    }
                });
            if !s.skipped.is_empty() {
                ui.collapsing(format!("Not moved ({})", s.skipped.len()), |ui| {
                    for k in &s.skipped {
                        ui.label(format!(
                            "{} ({}): {}",
                            k.term,
                            format_number(k.value),
                            k.reason
                        ));
                    }
                });
            }
        });
    clicked
}
