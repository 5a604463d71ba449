//! The heat map: the offer's net (or credits) over a grid of two of its terms, each cell
//! coloured from cheapest to dearest and holding its amount; the offer's own point framed;
//! hovering a cell says which values it is for.

use eframe::egui::{self, Color32, Context, RichText, Stroke, Ui};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive as _;

use super::{GridAsk, NegotiationView, Place, compute_grid, decimal, updating, waiting};
use crate::engine::grid::{Axis, Grid, Measure};
use crate::format::{format_money, format_number};
use crate::model::terms::{NumericTerm, numeric_terms};
use crate::model::{Project, TermPath};
use crate::ui::theme;
use crate::ui::widgets::choice;

/// The most values an axis takes in the app (the CLI allows more).
const MAX_STEPS: usize = 20;

/// Shows the term pickers and the heat map.
pub(super) fn show(
    ui: &mut Ui,
    project: &Project,
    ctx: &Context,
    place: &Place<'_>,
    view: &mut NegotiationView,
) {
    let Some(scenario) = project.scenarios.get(place.scenario) else {
        return;
    };
    let terms = numeric_terms(project, scenario);
    let g = &mut view.grid;
    pick(ui, "Across", &terms, &mut g.x, &mut g.x_range);
    pick(ui, "Down", &terms, &mut g.y, &mut g.y_range);
    ui.horizontal(|ui| {
        let label = ui.label("Values per term");
        ui.add(egui::DragValue::new(&mut g.steps).range(2..=MAX_STEPS))
            .labelled_by(label.id);
        ui.checkbox(&mut g.credits, "Credits instead of the net");
    });
    let (Some(x), Some(y)) = (g.x.clone(), g.y.clone()) else {
        ui.weak("Pick two terms: the offer is billed at every pair of their values.");
        return;
    };
    let axis = |path: TermPath, (from, to): (f64, f64)| Axis {
        path,
        from: decimal(from),
        to: decimal(to),
        steps: g.steps,
    };
    let ask = GridAsk {
        scenario: place.scenario,
        x: axis(x, g.x_range),
        y: axis(y, g.y_range),
        measure: if g.credits {
            Measure::Credits
        } else {
            Measure::Net
        },
    };
    view.heatmap
        .update(project, place.revision, &ask, compute_grid, ctx);
    match view.heatmap.answer(place.revision, &ask) {
        None => waiting(ui, "Billing every pair…"),
        Some((Err(why), _)) => {
            ui.colored_label(theme::ERROR, why);
        }
        Some((Ok(grid), current)) => {
            updating(ui, current);
            cells(ui, grid, project.rounding.decimals);
        }
    }
}

/// A term picker with its range.
fn pick(
    ui: &mut Ui,
    label: &str,
    terms: &[NumericTerm],
    path: &mut Option<TermPath>,
    range: &mut (f64, f64),
) {
    let names: Vec<String> = terms.iter().map(|t| t.path.to_string()).collect();
    let mut options: Vec<(Option<TermPath>, &str)> = vec![(None, "(pick a term)")];
    options.extend((terms.iter().zip(&names)).map(|(t, n)| (Some(t.path.clone()), n.as_str())));
    ui.horizontal(|ui| {
        let before = path.clone();
        choice(ui, label, path, &options);
        if *path != before
            && let Some(t) = terms.iter().find(|t| Some(&t.path) == path.as_ref())
        {
            // A range around the offer's value: ±50 %, or 0 to 1 for a term at 0.
            let v = t.value.to_f64().unwrap_or_default();
            *range = if v == 0.0 {
                (0.0, 1.0)
            } else {
                (v * 0.5, v * 1.5)
            };
        }
        let from = ui.label("from");
        ui.add(egui::DragValue::new(&mut range.0).speed(0.1))
            .labelled_by(from.id);
        let to = ui.label("to");
        ui.add(egui::DragValue::new(&mut range.1).speed(0.1))
            .labelled_by(to.id);
    });
}

fn colour(v: f64, (lo, hi): (f64, f64)) -> Color32 {
    let t = if hi > lo {
        ((v - lo) / (hi - lo)) as f32
    } else {
        0.5
    };
    // Cheapest green, dearest red: what the customer pays.
    theme::BONUS
        .lerp_to_gamma(theme::CREDIT, t.clamp(0.0, 1.0))
        .gamma_multiply(0.6)
}

/// The grid of coloured cells with their amounts.
fn cells(ui: &mut Ui, g: &Grid, dp: u32) {
    let what = match g.measure {
        Measure::Net => "Net over the term",
        Measure::Credits => "Credits over the term",
    };
    ui.label(
        RichText::new(format!(
            "{what}; at the offer's own values ({}, {}): {}",
            format_number(g.current.0),
            format_number(g.current.1),
            format_money(g.current_value, dp)
        ))
        .strong(),
    );
    let values: Vec<f64> = (g.cells.iter().flatten().flatten())
        .map(|v| v.to_f64().unwrap_or_default())
        .collect();
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let near = |values: &[Decimal], v: Decimal| {
        (values.iter().enumerate())
            .min_by_key(|(_, x)| (**x - v).abs())
            .map(|(i, _)| i)
    };
    let (cx, cy) = (near(&g.xs, g.current.0), near(&g.ys, g.current.1));
    egui::ScrollArea::both()
        .id_salt("heatmap_scroll")
        .show(ui, |ui| {
            egui::Grid::new("heatmap_grid")
                .spacing([2.0, 2.0])
                .show(ui, |ui| {
                    ui.label(RichText::new(format!("{} ↓ / {} →", g.y, g.x)).small());
                    for x in &g.xs {
                        ui.label(RichText::new(format_number(*x)).strong());
                    }
                    ui.end_row();
                    for (r, (y, row)) in g.ys.iter().zip(&g.cells).enumerate() {
                        ui.label(RichText::new(format_number(*y)).strong());
                        for (c, cell) in row.iter().enumerate() {
                            let mine = Some(r) == cy && Some(c) == cx;
                            let text = cell.map_or_else(|| "—".to_owned(), |v| format_money(v, dp));
                            let fill = cell.map_or(Color32::TRANSPARENT, |v| {
                                colour(v.to_f64().unwrap_or_default(), (lo, hi))
                            });
                            let stroke = if mine {
                                Stroke::new(2.0, theme::SELECTED)
                            } else {
                                Stroke::NONE
                            };
                            let hover = format!(
                                "{} = {}, {} = {}: {}{}",
                                g.x,
                                format_number(g.xs[c]),
                                g.y,
                                format_number(*y),
                                cell.map_or_else(
                                    || g.invalid_reason.clone().unwrap_or_else(|| "invalid".into()),
                                    |v| format_money(v, dp)
                                ),
                                if mine {
                                    " (the offer's own values)"
                                } else {
                                    ""
                                }
                            );
                            egui::Frame::new()
                                .fill(fill)
                                .stroke(stroke)
                                .inner_margin(3.0)
                                .show(ui, |ui| ui.monospace(text))
                                .response
                                .on_hover_text(hover);
                        }
                        ui.end_row();
                    }
                });
        });
}
