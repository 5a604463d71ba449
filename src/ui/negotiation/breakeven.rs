//! Break-even: two offers' nets over the term as every volume is scaled, on a small chart with
//! today's volumes and each crossing marked, and the crossings in words ("none in range" when
//! the offers never cross).

use crate::ui::charts::Named as _;
use eframe::egui::{self, Context, RichText, Ui};
use egui_plot::{Line, MarkerShape, Plot, PlotPoints, Points, VLine};
use rust_decimal::prelude::ToPrimitive as _;

use super::{BreakEvenAsk, NegotiationView, compute_breakeven, decimal, updating, waiting};
use crate::engine::breakeven::{BreakEven, Meeting};
use crate::format::{format_money, format_number};
use crate::model::Project;
use crate::ui::charts::money_axis;
use crate::ui::theme;
use crate::ui::widgets::choice;

/// Shows the offer pickers, the range, the chart and the crossings.
pub(super) fn show(
    ui: &mut Ui,
    project: &Project,
    ctx: &Context,
    revision: u64,
    view: &mut NegotiationView,
) {
    if project.scenarios.len() < 2 {
        ui.weak("Break-even compares two offers: add a second offer.");
        return;
    }
    let names: Vec<(usize, &str)> = (project.scenarios.iter().enumerate())
        .map(|(i, s)| (i, s.name.as_str()))
        .collect();
    ui.horizontal(|ui| {
        choice(ui, "Offer", &mut view.pair.0, &names);
        choice(ui, "against", &mut view.pair.1, &names);
    });
    ui.horizontal(|ui| {
        let from = ui.label("Volumes from ×");
        ui.add(
            egui::DragValue::new(&mut view.range.0)
                .range(0.0..=999.0)
                .speed(0.05),
        )
        .labelled_by(from.id);
        let to = ui.label("to ×");
        ui.add(
            egui::DragValue::new(&mut view.range.1)
                .range(0.01..=1000.0)
                .speed(0.05),
        )
        .labelled_by(to.id);
    });
    if view.range.0 >= view.range.1 {
        ui.colored_label(theme::WARNING, "The range must run upward.");
        return;
    }
    let ask = BreakEvenAsk {
        a: view.pair.0.min(names.len() - 1),
        b: view.pair.1.min(names.len() - 1),
        from: decimal(view.range.0),
        to: decimal(view.range.1),
    };
    view.breakeven
        .update(project, revision, &ask, compute_breakeven, ctx);
    let Some((be, current)) = view.breakeven.answer(revision, &ask) else {
        waiting(ui, "Scaling the volumes…");
        return;
    };
    updating(ui, current);
    let dp = project.rounding.decimals;
    ui.label(RichText::new(format!("{} against {}", be.a, be.b)).strong());
    crossings(ui, "All volumes together", &be.all, dp);
    for one in &be.per_series {
        let name = one.series.clone().unwrap_or_default();
        crossings(ui, &format!("Only {name}"), one, dp);
    }
    chart(ui, &be.all, (&be.a, &be.b));
}

/// The crossings of one scaling, in words.
fn crossings(ui: &mut Ui, what: &str, one: &BreakEven, dp: u32) {
    if one.crossings.is_empty() {
        ui.label(format!("{what}: none in range"));
    }
    for c in &one.crossings {
        let how = match c.meeting {
            Meeting::Equal => format!("both {}", format_money(c.net_a, dp)),
            Meeting::Jump => format!(
                "they jump past each other ({} and {})",
                format_money(c.net_a, dp),
                format_money(c.net_b, dp)
            ),
        };
        ui.label(format!(
            "{what}: crossing at × {} (between × {} and × {}), {} units over the term: {how}",
            format_number(c.multiple.round_dp(4)),
            format_number(c.bracket.0),
            format_number(c.bracket.1),
            format_number(c.volume.round_dp(0)),
        ));
    }
}

/// Both nets against the multiple, today's volumes and the crossings marked.
fn chart(ui: &mut Ui, be: &BreakEven, (a, b): (&str, &str)) {
    let f = |v: rust_decimal::Decimal| v.to_f64().unwrap_or_default();
    let line = |net: &dyn Fn(&crate::engine::breakeven::Sample) -> f64| -> PlotPoints<'static> {
        be.samples.iter().map(|s| [f(s.multiple), net(s)]).collect()
    };
    let marks: PlotPoints<'_> = be
        .crossings
        .iter()
        .map(|c| [f(c.multiple), f(c.net_a)])
        .collect();
    // The legend as a row above the plot, never over the lines.
    crate::ui::charts::legend_row(
        ui,
        &[
            (a, theme::CHARGE),
            (b, theme::BONUS),
            ("Today's volumes", theme::NET),
            ("Crossing", theme::SELECTED),
        ],
    );
    Plot::new("breakeven_plot")
        .height(240.0)
        .y_axis_formatter(money_axis())
        .x_axis_label("multiple of today's volumes")
        .allow_scroll(false)
        .show(ui, |plot| {
            let net_a = Line::new(a.to_owned(), line(&|s| f(s.net_a)));
            plot.line(net_a.width(2.0).color(theme::CHARGE));
            let net_b = Line::new(b.to_owned(), line(&|s| f(s.net_b)));
            plot.line(net_b.width(2.0).color(theme::BONUS));
            plot.vline(VLine::new("Today's volumes", 1.0).color(theme::NET));
            plot.points(
                Points::new("Crossing", marks)
                    .shape(MarkerShape::Diamond)
                    .radius(6.0)
                    .color(theme::SELECTED),
            );
        })
        .named("Break-even chart");
}
