//! The Risk view's charts: the fan of monthly net or credits over the simulated futures, with
//! the replay beside it, and the histogram of credits over the term or a contract year.

use crate::ui::charts::Named as _;
use eframe::egui::{Color32, Ui};
use egui_plot::{Bar, BarChart, FilledArea, Line, LineStyle, Plot, PlotPoints, VLine};

use super::runner::OfferRisk;
use crate::engine::Ledger;
use crate::engine::risk::Band;
use crate::engine::risk::Distribution;
use crate::model::Project;
use crate::ui::charts::{legend_row, money_axis, month_axis, month_spacer, month_x, to_f64};
use crate::ui::format::format_compact;
use crate::ui::theme;

/// Which amount the fan draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FanOf {
    /// What the customer pays each month.
    #[default]
    Net,
    /// Service credits each month.
    Credits,
}

/// Bars of the histogram.
const BINS: usize = 30;

/// The fan chart: P5–P95 and P25–P75 bands, the median, and the replay's line.
pub fn fan(ui: &mut Ui, project: &Project, risk: &OfferRisk, replay: &Ledger, of: FanOf) {
    let (bands, colour) = match of {
        FanOf::Net => (&risk.spread.net, theme::CHARGE),
        FanOf::Credits => (&risk.spread.credits, theme::CREDIT),
    };
    let xs: Vec<f64> = (replay.months.iter())
        .map(|m| month_x(project, m.period))
        .collect();
    let n = xs.len().min(bands.len());
    let (xs, bands) = (&xs[..n], &bands[..n]);
    let edge = |f: fn(&Band) -> f64| -> Vec<f64> { bands.iter().map(f).collect() };
    let replay_line: PlotPoints<'_> = (replay.months.iter())
        .map(|m| {
            let amount = match of {
                FanOf::Net => m.totals.net,
                FanOf::Credits => m.totals.credits,
            };
            [month_x(project, m.period), to_f64(amount)]
        })
        .collect();
    let median: PlotPoints<'_> = xs.iter().zip(bands).map(|(x, b)| [*x, b.p50]).collect();
    let history_end = project.history_end().map(|m| month_x(project, m));
    legend_row(
        ui,
        &[
            ("P5–P95", colour.gamma_multiply(0.22)),
            ("P25–P75", colour.gamma_multiply(0.45)),
            ("Median", colour),
            ("Replay", theme::SELECTED),
        ],
    );
    Plot::new("risk_fan")
        .x_axis_formatter(month_axis(project.start))
        .x_grid_spacer(month_spacer)
        .y_axis_formatter(money_axis())
        .y_axis_label(format!("per month ({})", project.currency))
        .allow_scroll(false)
        .height(ui.available_height().max(180.0))
        .show(ui, |plot| {
            plot.add(
                FilledArea::new("P5–P95", xs, &edge(|b| b.p5), &edge(|b| b.p95))
                    .fill_color(colour.gamma_multiply(0.22)),
            );
            plot.add(
                FilledArea::new("P25–P75", xs, &edge(|b| b.p25), &edge(|b| b.p75))
                    .fill_color(colour.gamma_multiply(0.45)),
            );
            plot.line(Line::new("Median", median).color(colour).width(2.0));
            plot.line(
                Line::new("Replay", replay_line)
                    .color(theme::SELECTED)
                    .style(LineStyle::dashed_loose())
                    .width(1.5),
            );
            if let Some(end) = history_end {
                plot.vline(
                    VLine::new("", end + 0.5)
                        .color(theme::NOT_MEASURED)
                        .style(LineStyle::dashed_dense()),
                );
            }
        })
        .named("Risk fan chart of the net by month");
}

/// The histogram of `values` (each trial's credits) with P50 and P90 of `exact` marked.
pub fn histogram(ui: &mut Ui, id: &str, values: &[f64], exact: &Distribution, currency: &str) {
    let (lo, hi) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(*v), hi.max(*v))
        });
    if values.is_empty() || !lo.is_finite() {
        ui.weak("No trials yet.");
        return;
    }
    let width = if hi > lo {
        (hi - lo) / BINS as f64
    } else {
        1.0
    };
    let mut counts = [0u32; BINS];
    for v in values {
        let bin = (((v - lo) / width) as usize).min(BINS - 1);
        counts[bin] += 1;
    }
    let total = values.len() as f64;
    let bars: Vec<Bar> = (counts.iter().enumerate())
        .filter(|(_, c)| **c > 0)
        .map(|(i, c)| {
            let from = lo + width * i as f64;
            Bar::new(from + width / 2.0, f64::from(*c) / total * 100.0)
                .width(width * 0.95)
                .name(format!(
                    "{} – {}: {c} trials",
                    format_compact(from),
                    format_compact(from + width)
                ))
                .fill(theme::CREDIT.gamma_multiply(0.7))
        })
        .collect();
    let marks = [
        ("P50", exact.p50, theme::NET),
        ("P90", exact.p90, theme::MISSED_MINIMUM),
    ];
    let labels: Vec<(String, Color32)> = (marks.iter())
        .map(|(name, value, colour)| {
            (
                format!("{name} {}", format_compact(to_f64(*value))),
                *colour,
            )
        })
        .collect();
    let mut legend: Vec<(&str, Color32)> = vec![("Trials", theme::CREDIT)];
    legend.extend(labels.iter().map(|(l, c)| (l.as_str(), *c)));
    legend_row(ui, &legend);
    Plot::new(id)
        .x_axis_formatter(money_axis())
        .x_axis_label(format!("credits ({currency})"))
        .y_axis_label("% of trials")
        .allow_scroll(false)
        .height(ui.available_height().max(180.0))
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new("Trials", bars).color(theme::CREDIT));
            for (name, value, colour) in marks {
                let label = format!("{name} {}", format_compact(to_f64(value)));
                plot.vline(mark(label, to_f64(value), colour));
            }
        })
        .named("Risk histogram");
}

fn mark(name: String, x: f64, colour: Color32) -> VLine {
    VLine::new(name, x).color(colour).width(2.0)
}
