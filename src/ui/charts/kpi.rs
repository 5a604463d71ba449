//! Each service level's KPI against its target and minimum. The lines can be dragged to change
//! the term; the money updates live and the drag is one undo step. Misses are marked in the
//! theme's colours; hovering a month shows its credit and why.

use crate::ui::charts::Named as _;
use eframe::egui::{self, Id, RichText, Ui};
use egui_plot::{Line, LineStyle, MarkerShape, Plot, PlotPoints, PlotUi, Points, VLine};
use rust_decimal::Decimal;

use super::{
    DragLine, drag_lines, from_plot, month_axis, month_label, month_spacer, month_x, to_f64,
};
use crate::engine::{Ledger, Outcome, ServiceLevelResult};
use crate::model::{Component, Project, Scenario, ServiceLevel};
use crate::ui::format::format_money;
use crate::ui::state::{Period, Selection};
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

/// A month of the service level as the ledger assessed it: plot x, the result, projected.
type Assessed = (f64, ServiceLevelResult, bool);

/// A point to draw: plot x, the value, what the month counts as.
type Point = (f64, f64, Outcome);

/// Shows the chart of the selected service level (or the first one); a click in its chooser
/// selects another, a drag of a line changes its target or minimum.
pub fn show(
    ui: &mut Ui,
    project: &mut Project,
    ledger: Option<&Ledger>,
    si: usize,
    period: Period,
    selection: &mut Selection,
    transform: &mut Option<egui_plot::PlotTransform>,
) {
    let Some(scenario) = project.scenarios.get(si) else {
        return;
    };
    if scenario.service_levels.is_empty() {
        ui.label("This offer has no service levels: add one from the palette.");
        return;
    }
    let index = match selection {
        Selection::Term(c @ Component::ServiceLevel(_)) => scenario.position(c).unwrap_or(0),
        _ => 0,
    };
    chooser(ui, scenario, index, selection);
    let sl = scenario.service_levels[index].clone();
    let results = assessed(project, ledger, &sl);
    let values = points(project, &results, &sl);
    if values.is_empty() {
        ui.label(format!(
            "No data for KPI \"{}\": add its history under KPI series.",
            sl.kpi
        ));
    }
    let chart = Chart {
        project,
        sl: &sl,
        results: &results,
        values: &values,
        period,
        key: (si, index),
    };
    let response = chart.plot(ui);
    *transform = Some(response.transform);
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

/// The service level chooser above the chart, and how to drag.
fn chooser(ui: &mut Ui, scenario: &Scenario, index: usize, selection: &mut Selection) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Service level");
        egui::ComboBox::from_id_salt("kpi_chart_sl")
            .selected_text(&scenario.service_levels[index].name)
            .show_ui(ui, |ui| {
                for (i, sl) in scenario.service_levels.iter().enumerate() {
                    if ui.selectable_label(i == index, &sl.name).clicked() {
                        *selection = Selection::Term(Component::ServiceLevel(sl.id.clone()));
                    }
                }
            })
            .response
            .labelled_by(label.id);
        ui.weak("Drag the target (solid) or minimum (dashed) line. Hollow points are projected.");
    });
}

/// The ledger's assessment of `sl`, month by month.
fn assessed(project: &Project, ledger: Option<&Ledger>, sl: &ServiceLevel) -> Vec<Assessed> {
    let Some(ledger) = ledger else {
        return Vec::new();
    };
    ledger
        .months
        .iter()
        .filter_map(|m| {
            m.service_levels
                .iter()
                .find(|r| r.id == sl.id)
                .map(|r| (month_x(project, m.period), r.clone(), m.projected))
        })
        .collect()
}

/// The values to draw: the measured ones from the ledger when it has them, else the KPI's
/// history (a service level the ledger has not evaluated yet). Either way the outcome is the
/// ledger's: a month it has not assessed is drawn as not measured.
fn points(project: &Project, results: &[Assessed], sl: &ServiceLevel) -> Vec<Point> {
    let values: Vec<Point> = results
        .iter()
        .filter_map(|(x, r, _)| r.value.map(|v| (*x, to_f64(v), r.outcome)))
        .collect();
    if !values.is_empty() {
        return values;
    }
    let Some(series) = project.kpi(&sl.kpi) else {
        return values;
    };
    let outcome = |x: f64| {
        results
            .iter()
            .find(|(at, _, _)| *at == x)
            .map_or(Outcome::NotMeasured, |(_, r, _)| r.outcome)
    };
    series
        .months()
        .into_iter()
        .filter_map(|m| {
            series
                .observation(m)
                .map(|o| (month_x(project, m), o.value))
        })
        .map(|(x, v)| (x, to_f64(v), outcome(x)))
        .collect()
}

/// The target in force in each month the ledger assessed: plot x and the target.
fn target_steps(results: &[Assessed]) -> Vec<(f64, Decimal)> {
    results.iter().map(|(x, r, _)| (*x, r.target)).collect()
}

/// One service level's chart, ready to draw.
struct Chart<'a> {
    project: &'a Project,
    sl: &'a ServiceLevel,
    results: &'a [Assessed],
    values: &'a [Point],
    period: Period,
    /// The scenario and the service level's position: keys the plot and its drag.
    key: (usize, usize),
}

impl Chart<'_> {
    /// Draws the plot; its inner value is the dragged line, the pointer's y and the visible
    /// height while a line is dragged.
    fn plot(&self, ui: &mut Ui) -> egui_plot::PlotResponse<Option<(usize, f64, f64)>> {
        let (sl, start) = (self.sl, self.project.start);
        let series = self.project.kpi(&sl.kpi);
        let unit = series.map(|k| k.unit.clone()).unwrap_or_default();
        // The axis names the KPI as the user named it; the id is what the file says.
        let kpi_name = series.map_or_else(|| sl.kpi.clone(), |k| k.name.clone());
        let ys: Vec<f64> = (self.values.iter().map(|v| v.1))
            .chain([to_f64(sl.target)])
            .chain(sl.minimum.map(to_f64))
            .chain(self.results.iter().map(|(_, r, _)| to_f64(r.target)))
            .collect();
        let (lo, hi) = ys
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), y| (a.min(*y), b.max(*y)));
        let pad = ((hi - lo) * 0.15).max(hi.abs() * 0.002).max(0.5);
        let (y_min, y_max) = (lo - pad, hi + pad);
        let hover = self.hover(ui, unit.clone());
        // The legend as a row above the plot: inside it, it would cover the newest months.
        let moved = (target_steps(self.results).iter()).any(|(_, t)| *t != sl.target);
        let target = if moved {
            format!("contract target {}", sl.target)
        } else {
            format!("target {}", sl.target)
        };
        let minimum = sl.minimum.map(|m| format!("minimum {m}"));
        let mut legend = vec![
            (sl.name.as_str(), theme::KPI),
            (target.as_str(), theme::TARGET),
        ];
        legend.extend(minimum.as_deref().map(|m| (m, theme::MINIMUM)));
        if moved {
            legend.push(("target in force", theme::TARGET));
        }
        // The points' colours: each month's outcome.
        legend.extend([
            ("met", theme::MET),
            ("missed target", theme::MISSED_TARGET),
            ("missed minimum", theme::MISSED_MINIMUM),
        ]);
        super::legend_row(ui, &legend);
        Plot::new(("kpi_plot", self.key.0, self.key.1))
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .allow_boxed_zoom(false)
            .allow_double_click_reset(false)
            .include_y(y_min)
            .include_y(y_max)
            .x_axis_formatter(month_axis(start))
            .x_grid_spacer(month_spacer)
            .y_axis_label(RichText::new(format!("{kpi_name} ({unit})")))
            .label_formatter(hover)
            .show(ui, |plot| self.draw(plot))
            .named("Service level chart")
    }

    /// The tooltip of a month: its value, outcome, credit and why.
    fn hover(
        &self,
        ui: &Ui,
        unit: String,
    ) -> impl Fn(&egui_plot::HoverPosition<'_>) -> Option<String> + 'static {
        // No tooltip while a line is dragged: it would cover the line.
        let dragging = ui.input(|i| i.pointer.primary_down());
        let results = self.results.to_vec();
        let values = self.values.to_vec();
        let start = self.project.start;
        let decimals = self.project.rounding.decimals;
        move |hover| {
            if dragging {
                return None;
            }
            let p = match hover {
                egui_plot::HoverPosition::NearDataPoint { position, .. }
                | egui_plot::HoverPosition::Elsewhere { position } => *position,
            };
            let month = month_label(start, p.x.round());
            let near = |x: f64| (x - p.x).abs() < 0.5;
            if let Some((_, r, projected)) = results.iter().find(|(x, _, _)| near(*x)) {
                return Some(format!(
                    "{month}{}: {} {unit}, {} (target {} {unit})\ncredit {}\n{}",
                    if *projected { " (projected)" } else { "" },
                    r.value
                        .map_or("not measured".into(), |v| v.round_dp(3).to_string()),
                    r.outcome.label(),
                    r.target.normalize(),
                    format_money(r.credit, decimals),
                    r.explanation
                ));
            }
            match values.iter().find(|(x, _, _)| near(*x)) {
                Some((_, v, outcome)) => Some(format!("{month}: {v} {unit}, {}", outcome.label())),
                None => Some(month),
            }
        }
    }

    /// The KPI line and its points, the history's end, and the two lines to drag.
    fn draw(&self, plot: &mut PlotUi<'_>) -> Option<(usize, f64, f64)> {
        let project = self.project;
        if let Some(span) = super::period_span(project, self.period) {
            plot.span(span);
        }
        let history_end = project.history_end().map(|m| month_x(project, m));
        self.values_line(plot, history_end);
        if let Some(end) = history_end {
            plot.vline(
                VLine::new("", end + 0.5)
                    .color(theme::NOT_MEASURED)
                    .style(LineStyle::dotted_dense()),
            );
        }
        let sl = self.sl;
        // Where continuous improvement moved the target, the target in force is drawn month
        // by month as a step line; the contract's target stays as the line to drag (dotted),
        // since a drag edits the term as written.
        let moved = self.target_in_force(plot);
        let mut lines = vec![DragLine {
            name: if moved {
                format!("contract target {}", sl.target)
            } else {
                format!("target {}", sl.target)
            },
            value: to_f64(sl.target),
            colour: theme::TARGET,
            style: if moved {
                LineStyle::dotted_loose()
            } else {
                LineStyle::Solid
            },
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
        drag_lines(
            plot,
            &lines,
            Id::unique(("kpi_drag", self.key.0, self.key.1)),
        )
        .map(|(i, y)| (i, y, visible))
    }

    /// Draws the target in force as a step line (each month's level across the month) when
    /// it differs from the contract's in any month the ledger assessed; returns whether it
    /// did.
    fn target_in_force(&self, plot: &mut PlotUi<'_>) -> bool {
        let steps = target_steps(self.results);
        if steps.iter().all(|(_, t)| *t == self.sl.target) {
            return false;
        }
        let pts: PlotPoints<'_> = steps
            .iter()
            .flat_map(|(x, t)| [[x - 0.5, to_f64(*t)], [x + 0.5, to_f64(*t)]])
            .collect();
        plot.line(
            Line::new("target in force", pts)
                .color(theme::TARGET)
                .width(1.8),
        );
        true
    }

    /// History solid, projection dashed and its markers hollow, joined at the last measured
    /// month; each point in the colour of its outcome.
    fn values_line(&self, plot: &mut PlotUi<'_>, history_end: Option<f64>) {
        let values = self.values;
        let measured = |x: f64| history_end.is_none_or(|end| x <= end);
        let history: PlotPoints<'_> = values
            .iter()
            .filter(|v| measured(v.0))
            .map(|(x, y, _)| [*x, *y])
            .collect();
        plot.line(
            Line::new(self.sl.name.clone(), history)
                .color(theme::KPI)
                .width(1.5),
        );
        if let Some(first) = values.iter().position(|v| !measured(v.0)) {
            let projection: PlotPoints<'_> = values[first.saturating_sub(1)..]
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
                let pts: PlotPoints<'_> = values
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
    }
}
