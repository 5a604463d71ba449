//! The monthly invoice stacked by kind of line: charges, adjustments, bonuses and earn-back
//! above zero, credits below; projected months lighter, with a line where history ends.

use crate::ui::charts::Named as _;
use eframe::egui::{Color32, Ui};
use egui_plot::{Bar, BarChart, Line, LineStyle, Plot, PlotPoints, VLine};

use super::{money_axis, month_axis, month_label, month_spacer, month_x, to_f64};
use crate::engine::{Ledger, LineKind};
use crate::model::Project;
use crate::ui::format::format_money;
use crate::ui::state::Period;
use crate::ui::theme;

/// Shows the invoice chart of `ledger`.
pub fn show(ui: &mut Ui, project: &Project, ledger: Option<&Ledger>, period: Period) {
    let Some(ledger) = ledger else { return };
    if ledger.months.is_empty() {
        ui.label("No billed months yet: the ledger is empty.");
        return;
    }
    let start = project.start;
    let currency = project.currency.clone();
    ui.weak(
        "Projected months are drawn fainter; credits are drawn below zero. Hover a bar for its amount.",
    );
    let charts = stacked_bars(project, ledger);
    let net: PlotPoints<'_> = ledger
        .months
        .iter()
        .map(|m| [month_x(project, m.period), to_f64(m.totals.net)])
        .collect();
    let history_end = project.history_end().map(|m| month_x(project, m));
    let top = ledger
        .months
        .iter()
        .map(|m| to_f64(m.totals.gross() + m.totals.bonuses + m.totals.earn_back))
        .fold(0.0, f64::max);
    let summaries = summaries(project, ledger);
    let mut legend: Vec<(&str, Color32)> = (LineKind::ALL.iter())
        .filter(|k| {
            ledger
                .months
                .iter()
                .flat_map(|m| &m.lines)
                .any(|l| l.kind == **k)
        })
        .map(|k| (k.label(), theme::line_kind(*k)))
        .collect();
    legend.push(("Net", theme::NET));
    super::legend_row(ui, &legend);
    Plot::new("invoice_plot")
        .x_axis_formatter(month_axis(start))
        .x_grid_spacer(month_spacer)
        .y_axis_formatter(money_axis())
        .y_axis_label(format!("per month ({currency})"))
        .label_formatter(move |hover| {
            let p = match hover {
                egui_plot::HoverPosition::NearDataPoint { position, .. }
                | egui_plot::HoverPosition::Elsewhere { position } => *position,
            };
            let i = p.x.round();
            summaries
                .iter()
                .find(|(x, _)| (*x - i).abs() < 0.01)
                .map(|(_, text)| text.clone())
                .or_else(|| Some(month_label(start, i)))
        })
        .allow_scroll(false)
        .include_y(top * 1.05)
        .show(ui, |plot| {
            if let Some(span) = super::period_span(project, period) {
                plot.span(span);
            }
            for chart in charts {
                plot.bar_chart(chart);
            }
            plot.line(Line::new("Net", net).color(theme::NET).width(2.0));
            if let Some(end) = history_end {
                plot.vline(
                    VLine::new("", end + 0.5)
                        .color(theme::NOT_MEASURED)
                        .style(LineStyle::dashed_dense()),
                );
            }
        })
        .named("Invoice chart");
}

/// Per month, per kind of line, the signed total; stacked from zero upward (positive) and
/// downward.
fn stacked_bars(project: &Project, ledger: &Ledger) -> Vec<BarChart> {
    let decimals = project.rounding.decimals;
    let currency = &project.currency;
    let mut charts = Vec::new();
    for kind in LineKind::ALL {
        let mut up = Vec::new();
        let mut down = Vec::new();
        for m in &ledger.months {
            let x = month_x(project, m.period);
            let mut pos_base = 0.0;
            let mut neg_base = 0.0;
            for earlier in LineKind::ALL.iter().take_while(|k| **k != kind) {
                let v: f64 = m
                    .lines
                    .iter()
                    .filter(|l| l.kind == *earlier)
                    .map(|l| to_f64(l.amount))
                    .sum();
                if v >= 0.0 {
                    pos_base += v;
                } else {
                    neg_base += v;
                }
            }
            let amount: rust_decimal::Decimal = m
                .lines
                .iter()
                .filter(|l| l.kind == kind)
                .map(|l| l.amount)
                .sum();
            if amount.is_zero() {
                continue;
            }
            let v = to_f64(amount);
            let colour = if m.projected {
                theme::projected(theme::line_kind(kind))
            } else {
                theme::line_kind(kind)
            };
            let bar = Bar::new(x, v).width(0.8).fill(colour).name(format!(
                "{} {}: {} {currency}",
                m.period,
                kind.label(),
                format_money(amount, decimals)
            ));
            if v >= 0.0 {
                up.push(bar.base_offset(pos_base));
            } else {
                down.push(bar.base_offset(neg_base));
            }
        }
        let bars: Vec<Bar> = up.into_iter().chain(down).collect();
        if !bars.is_empty() {
            charts.push(
                BarChart::new(kind.label(), bars)
                    .color(theme::line_kind(kind))
                    .element_formatter(Box::new(|bar, _| bar.name.clone())),
            );
        }
    }
    charts
}

/// The hover text of each month: its totals by kind and its net.
fn summaries(project: &Project, ledger: &Ledger) -> Vec<(f64, String)> {
    let decimals = project.rounding.decimals;
    let currency = &project.currency;
    ledger
        .months
        .iter()
        .map(|m| {
            let t = &m.totals;
            let mut text = format!(
                "{}{}\ncharges {}",
                m.period,
                if m.projected { " (projected)" } else { "" },
                format_money(t.charges, decimals)
            );
            for (label, amount) in [
                ("adjustments", t.adjustments),
                ("credits", -t.credits),
                ("bonuses", t.bonuses),
                ("earn-back", t.earn_back),
            ] {
                if !amount.is_zero() {
                    text.push_str(&format!("\n{label} {}", format_money(amount, decimals)));
                }
            }
            text.push_str(&format!(
                "\nnet {} {currency}",
                format_money(t.net, decimals)
            ));
            (month_x(project, m.period), text)
        })
        .collect()
}
