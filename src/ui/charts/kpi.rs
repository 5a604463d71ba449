//! Each service level's KPI against its target and minimum. The lines can be dragged to change
//! the term; the money updates live and the drag is one undo step. Misses are marked in the
//! theme's colours; hovering a month shows its credit and why.

use eframe::egui::{self, Id, RichText, Ui};
use egui_plot::{Legend, Line, LineStyle, MarkerShape, Plot, PlotPoints, Points, VLine};
use rust_decimal::Decimal;

use super::{
    DragLine, drag_lines, from_plot, month_axis, month_label, month_spacer, month_x, to_f64,
};
use crate::engine::{Ledger, Outcome};
use crate::model::{Project, ServiceLevel};
use crate::ui::app::ViewState;
use crate::ui::format::format_money;
use crate::ui::state::Selection;
use crate::ui::theme;

/// The value a dragged line takes: the pointer's `y` rounded to a precision that suits the
/// visible range (about 20 steps across it) and never coarser than the term as written
/// (`level_scale` decimals), at most 4 decimals.
pub fn drag_to_value(y: f64, visible_range: f64, level_scale: u32) -> Decimal {
    let step_dp = if visible_range > 0.0 {
        (-(visible_range / 20.0).log10()).ceil().max(0.0) as u32
    } else {
        0
    };
    let dp = step_dp.max(level_scale).min(4);
    from_plot(y, dp).unwrap_or_default()
}

/// Shows the chart of the selected service level (or the first one).
pub fn show(ui: &mut Ui, project: &mut Project, ledger: Option<&Ledger>, view: &mut ViewState) {
    let si = view.scenario;
    let Some(scenario) = project.scenarios.get(si) else {
        return;
    };
    if scenario.service_levels.is_empty() {
        ui.label("This offer has no service levels: add one from the palette.");
        return;
    }
    let index = match view.selection {
        Selection::ServiceLevel(i) => i,
        _ => 0,
    };
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Service level");
        egui::ComboBox::from_id_salt("kpi_chart_sl")
            .selected_text(&scenario.service_levels[index].name)
            .show_ui(ui, |ui| {
                for (i, sl) in scenario.service_levels.iter().enumerate() {
                    if ui.selectable_label(i == index, &sl.name).clicked() {
                        view.selection = Selection::ServiceLevel(i);
                    }
                }
            })
            .response
            .labelled_by(label.id);
        ui.weak("Drag the target (solid) or minimum (dashed) line. Hollow points are projected.");
    });
    let sl = scenario.service_levels[index].clone();
    let start = project.start;
    let unit = project
        .kpi(&sl.kpi)
        .map(|k| k.unit.clone())
        .unwrap_or_default();
    let decimals = project.rounding.decimals;
    let period = view.period;
    let series = project.kpi(&sl.kpi).cloned();
    let results: Vec<(f64, crate::engine::ServiceLevelResult, bool)> = ledger
        .map(|l| {
            l.months
                .iter()
                .filter_map(|m| {
                    m.service_levels
                        .iter()
                        .find(|r| r.id == sl.id)
                        .map(|r| (month_x(project, m.period), r.clone(), m.projected))
                })
                .collect()
        })
        .unwrap_or_default();
    // The measured values: from the ledger when it has them, else from the KPI history.
    let mut values: Vec<(f64, f64, Outcome)> = results
        .iter()
        .filter_map(|(x, r, _)| r.value.map(|v| (*x, to_f64(v), r.outcome)))
        .collect();
    if values.is_empty()
        && let Some(series) = &series
    {
        values = series
            .months()
            .into_iter()
            .filter_map(|m| {
                series
                    .observation(m)
                    .map(|o| (month_x(project, m), o.value, m))
            })
            .map(|(x, v, _)| (x, to_f64(v), outcome_of(&sl, v)))
            .collect();
    }
    if values.is_empty() {
        ui.label(format!(
            "No data for KPI \"{}\": add its history under KPI series.",
            sl.kpi
        ));
    }
    let history_end = project.history_end().map(|m| month_x(project, m));
    let ys: Vec<f64> = values
        .iter()
        .map(|v| v.1)
        .chain([to_f64(sl.target)])
        .chain(sl.minimum.map(to_f64))
        .collect();
    let (lo, hi) = ys
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), y| (a.min(*y), b.max(*y)));
    let pad = ((hi - lo) * 0.15).max(hi.abs() * 0.002).max(0.5);
    let (y_min, y_max) = (lo - pad, hi + pad);
    let dragging = ui.input(|i| i.pointer.primary_down());
    let results_for_hover = results.clone();
    let values_for_hover = values.clone();
    let unit_for_hover = unit.clone();
    let response = Plot::new(("kpi_plot", si, index))
        .legend(Legend::default())
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .include_y(y_min)
        .include_y(y_max)
        .x_axis_formatter(month_axis(start))
        .x_grid_spacer(month_spacer)
        .y_axis_label(RichText::new(format!("{} ({unit})", sl.kpi)))
        .label_formatter(move |hover| {
            // No tooltip while a line is dragged: it would cover the line.
            if dragging {
                return None;
            }
            let p = match hover {
                egui_plot::HoverPosition::NearDataPoint { position, .. }
                | egui_plot::HoverPosition::Elsewhere { position } => *position,
            };
            let month = month_label(start, p.x.round());
            match results_for_hover
                .iter()
                .find(|(x, _, _)| (*x - p.x).abs() < 0.5)
            {
                Some((_, r, projected)) => Some(format!(
                    "{month}{}: {} {unit_for_hover}, {}\ncredit {}\n{}",
                    if *projected { " (projected)" } else { "" },
                    r.value
                        .map_or("no data".into(), |v| v.round_dp(3).to_string()),
                    r.outcome.label(),
                    format_money(r.credit, decimals),
                    r.explanation
                )),
                None => match values_for_hover
                    .iter()
                    .find(|(x, _, _)| (*x - p.x).abs() < 0.5)
                {
                    Some((_, v, outcome)) => Some(format!(
                        "{month}: {v} {unit_for_hover}, {}",
                        outcome.label()
                    )),
                    None => Some(month),
                },
            }
        })
        .show(ui, |plot| {
            // History solid, projection dashed and its markers hollow, joined at the last
            // measured month.
            if let Some(span) = super::period_span(project, period) {
                plot.span(span);
            }
            let measured = |x: f64| history_end.is_none_or(|end| x <= end);
            let history: PlotPoints = values
                .iter()
                .filter(|v| measured(v.0))
                .map(|(x, y, _)| [*x, *y])
                .collect();
            plot.line(
                Line::new(sl.name.clone(), history)
                    .color(theme::KPI)
                    .width(1.5),
            );
            let first_projected = values.iter().position(|v| !measured(v.0));
            if let Some(first) = first_projected {
                let projection: PlotPoints = values[first.saturating_sub(1)..]
                    .iter()
                    .map(|(x, y, _)| [*x, *y])
                    .collect();
                plot.line(
                    Line::new("", projection)
                        .color(theme::KPI.gamma_multiply(0.7))
                        .style(LineStyle::dashed_loose())
                        .width(1.5),
                );
            }
            // Unnamed, so the legend lists only the KPI and its two lines.
            for outcome in [Outcome::Met, Outcome::MissedTarget, Outcome::MissedMinimum] {
                for projected in [false, true] {
                    let pts: PlotPoints = values
                        .iter()
                        .filter(|v| v.2 == outcome && measured(v.0) != projected)
                        .map(|(x, y, _)| [*x, *y])
                        .collect();
                    plot.points(
                        Points::new("", pts)
                            .color(theme::outcome(outcome))
                            .radius(4.0)
                            .filled(!projected)
                            .shape(MarkerShape::Circle),
                    );
                }
            }
            if let Some(end) = history_end {
                plot.vline(
                    VLine::new("", end + 0.5)
                        .color(theme::NOT_MEASURED)
                        .style(LineStyle::dotted_dense()),
                );
            }
            let mut lines = vec![DragLine {
                name: format!("target {}", sl.target),
                value: to_f64(sl.target),
                colour: theme::TARGET,
                style: LineStyle::Solid,
            }];
            if let Some(m) = sl.minimum {
                lines.push(DragLine {
                    name: format!("minimum {m}"),
                    value: to_f64(m),
                    colour: theme::MINIMUM,
                    style: LineStyle::dashed_dense(),
                });
            }
            let visible = plot.plot_bounds().height();
            drag_lines(plot, &lines, Id::unique(("kpi_drag", si, index)))
                .map(|(i, y)| (i, y, visible))
        });
    view.kpi_transform = Some(response.transform);
    if let Some((line, y, visible)) = response.inner {
        let scale = sl.target.scale().max(sl.minimum.map_or(0, |m| m.scale()));
        let value = drag_to_value(y, visible, scale);
        if let Some(target) = project
            .scenarios
            .get_mut(si)
            .and_then(|s| s.service_levels.get_mut(index))
        {
            match line {
                0 => target.target = value,
                _ => target.minimum = Some(value),
            }
        }
    }
}

/// The outcome from the raw value, before the engine has evaluated the month (display only).
fn outcome_of(sl: &ServiceLevel, value: Decimal) -> Outcome {
    if sl.minimum.is_some_and(|m| sl.direction.worse(value, m)) {
        Outcome::MissedMinimum
    } else if sl.direction.worse(value, sl.target) {
        Outcome::MissedTarget
    } else {
        Outcome::Met
    }
}
