//! Volumes with the tier band edges of the selected (or first) tiered charge; the edges can be
//! dragged to move the bands.

use crate::ui::charts::Named as _;
use eframe::egui::{Id, Ui};
use egui_plot::{Line, LineStyle, Plot, PlotPoints};

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
        ui.label(format!("{}: {} per month", volume.name, volume.unit));
        ui.weak(if tier.is_some() {
            "Forecast dashed. Drag a band edge to move it: it snaps to round numbers (hold Alt to move it freely)."
        } else {
            "Forecast dashed."
        });
    });
    // The legend as a row above the plot, never over the volumes.
    let mut legend = vec![
        (volume.name.as_str(), theme::KPI),
        ("forecast", theme::KPI.gamma_multiply(0.7)),
    ];
    if tier.is_some() {
        legend.push(("band edges", theme::BAND_EDGE));
    }
    super::legend_row(ui, &legend);
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
                    name: format!("band {} edge {}", i + 1, crate::format::format_number(*e)),
                    value: to_f64(*e),
                    colour: theme::BAND_EDGE,
                    style: LineStyle::dashed_loose(),
                })
                .collect();
            let visible = plot.plot_bounds().height();
            drag_lines(plot, &lines, Id::unique(("band_drag", si))).map(|(i, y)| (i, y, visible))
        })
        .named("Volume chart");
    let free = ui.input(|i| i.modifiers.alt);
    if let (Some((i, y, visible)), Some(ti)) = (response.inner, tier)
        && let Some(Pricing::Tiered { bands, .. }) = project
            .scenarios
            .get_mut(si)
            .and_then(|s| s.charges.get_mut(ti))
            .map(|c| &mut c.pricing)
        && let Some(value) = snap_edge(y, visible, free)
    {
        move_edge(bands, i, value);
    }
}

/// Where a dragged band edge lands: on a round number (a step of 1, 2 or 5 × a power of ten,
/// about a fortieth of the volumes in view, so 4,130 calls become 4,000 when 10,000 are in
/// view), or on the whole unit under the pointer when `free` (Alt held). Never below zero.
pub fn snap_edge(y: f64, visible: f64, free: bool) -> Option<rust_decimal::Decimal> {
    let y = y.max(0.0);
    if free || !(visible.is_finite() && visible > 0.0) {
        return from_plot(y, 0);
    }
    let raw = visible / 40.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = ([1.0, 2.0, 5.0, 10.0].iter().map(|m| m * magnitude))
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude)
        .max(1.0);
    from_plot((y / step).round() * step, 0)
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

#[cfg(test)]
mod tests {
    use super::snap_edge;
    use rust_decimal_macros::dec;

    #[test]
    fn band_edges_snap_to_round_numbers_unless_alt_is_held() {
        // 10,000 in view: 10,000 / 40 = 250, the next round step is 500.
        assert_eq!(snap_edge(4130.0, 10_000.0, false), Some(dec!(4000)));
        assert_eq!(snap_edge(4260.0, 10_000.0, false), Some(dec!(4500)));
        // 300 in view: 300 / 40 = 7.5, step 10.
        assert_eq!(snap_edge(123.4, 300.0, false), Some(dec!(120)));
        // Alt: the whole unit under the pointer.
        assert_eq!(snap_edge(4130.4, 10_000.0, true), Some(dec!(4130)));
        // Never below zero; a tiny view steps by whole units.
        assert_eq!(snap_edge(-50.0, 10_000.0, false), Some(dec!(0)));
        assert_eq!(snap_edge(3.6, 20.0, false), Some(dec!(4)));
    }
}
