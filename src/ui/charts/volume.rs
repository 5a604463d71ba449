//! Volumes with the tier band edges of the selected (or first) tiered charge; the edges can be
//! dragged to move the bands.

use crate::ui::charts::Named as _;
use eframe::egui::{Id, Ui};
use egui_plot::{Legend, Line, LineStyle, Plot, PlotPoints};

use super::{
    DragLine, drag_lines, from_plot, money_axis, month_axis, month_spacer, month_x, to_f64,
};
use crate::model::{Component, Pricing, Project};
use crate::ui::state::Selection;
use crate::ui::theme;

/// Shows the volume chart of scenario `si`, with the selected tiered charge's band edges.
pub fn show(ui: &mut Ui, project: &mut Project, si: usize, selection: &Selection) {
    let Some(scenario) = project.scenarios.get(si) else {
        return;
    };
    let selected = match selection {
        Selection::Term(c @ Component::Charge(_)) => scenario.position(c),
        _ => None,
    };
    let tier = match selected {
        Some(i)
            if matches!(
                scenario.charges.get(i).map(|c| &c.pricing),
                Some(Pricing::Tiered { .. })
            ) =>
        {
            Some(i)
        }
        _ => scenario
            .charges
            .iter()
            .position(|c| matches!(c.pricing, Pricing::Tiered { .. })),
    };
    let (volume_id, edges) = match tier
        .and_then(|i| scenario.charges.get(i))
        .map(|c| &c.pricing)
    {
        Some(Pricing::Tiered { volume, bands, .. }) => (
            Some(volume.clone()),
            bands.iter().filter_map(|b| b.to).collect::<Vec<_>>(),
        ),
        _ => (project.volumes.first().map(|v| v.id.clone()), Vec::new()),
    };
    let Some(volume) = volume_id.and_then(|id| project.volume(&id).cloned()) else {
        ui.label("No volume series: add volumes to the project to see them here.");
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{} ({}) per month", volume.name, volume.unit));
        ui.weak(if tier.is_some() {
            "Forecast dashed. Drag a band edge to move it."
        } else {
            "Forecast dashed."
        });
    });
    let forecast: Vec<[f64; 2]> = volume
        .history
        .iter()
        .next_back()
        .map(|(m, v)| (*m, *v))
        .into_iter()
        .chain(crate::engine::projected_volumes(project, &volume.id))
        .map(|(m, v)| [month_x(project, m), to_f64(v)])
        .collect();
    let history: PlotPoints<'_> = volume
        .history
        .iter()
        .map(|(m, v)| [month_x(project, *m), to_f64(*v)])
        .collect();
    let response = Plot::new(("volume_plot", si))
        // Bottom right: the axis starts at zero, so that corner is empty.
        .legend(Legend::default().position(egui_plot::Corner::RightBottom))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .include_y(0.0)
        .x_axis_formatter(month_axis(project.start))
        .x_grid_spacer(month_spacer)
        .y_axis_formatter(money_axis())
        .y_axis_label(volume.unit.clone())
        .show(ui, |plot| {
            plot.line(
                Line::new(volume.name.clone(), history)
                    .color(theme::KPI)
                    .width(1.8),
            );
            if forecast.len() > 1 {
                plot.line(
                    Line::new("", PlotPoints::from(forecast))
                        .color(theme::KPI.gamma_multiply(0.7))
                        .style(LineStyle::dashed_loose())
                        .width(1.8),
                );
            }
            let lines: Vec<DragLine> = edges
                .iter()
                .enumerate()
                .map(|(i, e)| DragLine {
                    name: format!("band {} edge {e}", i + 1),
                    value: to_f64(*e),
                    colour: theme::BAND_EDGE,
                    style: LineStyle::dashed_loose(),
                })
                .collect();
            drag_lines(plot, &lines, Id::unique(("band_drag", si)))
        })
        .named("Volume chart");
    if let (Some((i, y)), Some(ti)) = (response.inner, tier)
        && let Some(Pricing::Tiered { bands, .. }) = project
            .scenarios
            .get_mut(si)
            .and_then(|s| s.charges.get_mut(ti))
            .map(|c| &mut c.pricing)
        && let Some(value) = from_plot(y.max(0.0), 0)
    {
        move_edge(bands, i, value);
    }
}

/// Moves band edge `i` (counting the bands with an upper edge) to `value`: the end of that
/// band and the start of the next move together.
fn move_edge(bands: &mut [crate::model::TierBand], i: usize, value: rust_decimal::Decimal) {
    let edge_bands: Vec<usize> = bands
        .iter()
        .enumerate()
        .filter(|(_, b)| b.to.is_some())
        .map(|(j, _)| j)
        .collect();
    if let Some(&j) = edge_bands.get(i) {
        bands[j].to = Some(value);
        if let Some(next) = bands.get_mut(j + 1) {
            next.from = value;
        }
    }
}
