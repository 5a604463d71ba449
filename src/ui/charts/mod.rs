//! Charts (egui_plot): the invoice over time, service levels against their lines (dragged to
//! change the term), the waterfall of a period, offers compared, volumes with tier edges, and
//! the ledger table. Months on the x axis are counted from the contract start.

mod diff;
mod invoice;
mod kpi;
mod offers;
pub mod values;
mod volume;
mod waterfall;

use std::ops::RangeInclusive;

use eframe::egui::{self, Color32, CursorIcon, Id, Ui};
use egui_plot::{GridMark, HLine, LineStyle, PlotUi};
use rust_decimal::Decimal;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};

use super::commands::Command;
use super::data_table::DataTableState;
use super::risk::{RiskRunner, RiskViewState};
use super::state::{Period, Selection};
use crate::engine::Ledger;
use crate::model::{Project, YearMonth};

pub use kpi::drag_to_value;

/// The chart shown below the structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartTab {
    /// Monthly invoice stacked by line kind.
    Invoice,
    /// Service levels against target and minimum.
    ServiceLevels,
    /// Waterfall of the selected period.
    Waterfall,
    /// Offers compared.
    Offers,
    /// Volumes with tier band edges.
    Volumes,
    /// The ledger table.
    Ledger,
    /// The KPI and volume history as a table to edit.
    Data,
    /// What the offers will likely cost, from simulated futures.
    Risk,
    /// Which term matters most, two-term grids and break-even between offers.
    Negotiation,
    /// The provider's side: cost of delivery, margin, the cost of a target, pricing.
    Cost,
}

impl ChartTab {
    /// All tabs in order.
    pub const ALL: [ChartTab; 10] = [
        ChartTab::Invoice,
        ChartTab::ServiceLevels,
        ChartTab::Waterfall,
        ChartTab::Offers,
        ChartTab::Negotiation,
        ChartTab::Risk,
        ChartTab::Cost,
        ChartTab::Volumes,
        ChartTab::Ledger,
        ChartTab::Data,
    ];

    /// Whether the tab is a chart that can be saved as a picture (not a table).
    pub fn is_picture(self) -> bool {
        !matches!(
            self,
            ChartTab::Ledger | ChartTab::Data | ChartTab::Negotiation | ChartTab::Cost
        )
    }

    /// The tab's name.
    pub fn label(self) -> &'static str {
        match self {
            ChartTab::Invoice => "Invoice per month",
            ChartTab::ServiceLevels => "Service levels",
            ChartTab::Waterfall => "Waterfall",
            ChartTab::Offers => "Offers compared",
            ChartTab::Volumes => "Volumes and tiers",
            ChartTab::Ledger => "Ledger",
            ChartTab::Data => "History data",
            ChartTab::Risk => "Risk",
            ChartTab::Negotiation => "Negotiation",
            ChartTab::Cost => "Cost & margin",
        }
    }
}

/// What the charts read and change of the view.
pub struct ChartView<'a> {
    /// The scenario shown.
    pub scenario: usize,
    /// The period amounts are shown for.
    pub period: Period,
    /// Whether the ledger tab is offered.
    pub show_ledger: bool,
    /// The chart shown.
    pub tab: &'a mut ChartTab,
    /// The selected item: it picks the service level or tiered charge charted.
    pub selection: &'a mut Selection,
    /// The history data table's paste box and new-month field.
    pub data_table: &'a mut DataTableState,
    /// The KPI chart's last transform.
    pub kpi_transform: &'a mut Option<egui_plot::PlotTransform>,
    /// The risk simulation of every offer.
    pub risk: &'a mut RiskRunner,
    /// The Risk tab's choices.
    pub risk_view: &'a mut RiskViewState,
    /// The project revision shown: the negotiation analyses are computed for it.
    pub revision: u64,
    /// The Negotiation tab's choices and background work.
    pub negotiation: &'a mut super::negotiation::NegotiationView,
    /// Where the chart was drawn, on screen: what a PNG of it shows.
    pub area: &'a mut Option<egui::Rect>,
}

/// A plot named for assistive tech: the plot area takes the pointer and a Tab stop, and a
/// screen reader says which chart it is ("Values as a table" reads its figures).
pub trait Named {
    /// The plot, its area named `name`.
    fn named(self, name: &str) -> Self;
}

impl<R> Named for egui_plot::PlotResponse<R> {
    fn named(self, name: &str) -> Self {
        self.response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, name));
        self
    }
}

/// The memory key of the "Values as a table" switch, shared by every chart.
const VALUES_SHOWN: &str = "chart_values_shown";

/// Shows the tab bar and the chosen chart.
pub fn show(
    ui: &mut Ui,
    project: &mut Project,
    ledgers: &[Ledger],
    mut view: ChartView<'_>,
    queue: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        for tab in ChartTab::ALL {
            if tab == ChartTab::Ledger && !view.show_ledger {
                continue;
            }
            if ui.selectable_label(*view.tab == tab, tab.label()).clicked() {
                *view.tab = tab;
            }
        }
        if values::has_values(*view.tab) {
            ui.separator();
            let id = Id::unique(VALUES_SHOWN);
            let mut shown: bool = ui.data(|d| d.get_temp(id)).unwrap_or_default();
            ui.toggle_value(&mut shown, "Values as a table")
                .on_hover_text("The chart's figures as rows: to read, check or copy");
            ui.data_mut(|d| d.insert_temp(id, shown));
        }
        if view.tab.is_picture() {
            ui.separator();
            for command in [Command::SaveChart, Command::CopyChart] {
                if ui
                    .button(command.label())
                    .on_hover_text(command.tooltip())
                    .clicked()
                {
                    queue.push(command);
                }
            }
        }
    });
    ui.separator();
    let drawn = ui.scope(|ui| chart(ui, project, ledgers, &mut view, queue));
    *view.area = Some(drawn.response.rect);
}

/// The chosen chart.
fn chart(
    ui: &mut Ui,
    project: &mut Project,
    ledgers: &[Ledger],
    view: &mut ChartView<'_>,
    queue: &mut Vec<Command>,
) {
    let (si, period) = (view.scenario, view.period);
    let ledger = ledgers.get(si);
    let values_shown = ui.data(|d| d.get_temp::<bool>(Id::unique(VALUES_SHOWN)));
    if values_shown == Some(true) && values::has_values(*view.tab) {
        let source = values::Source {
            project,
            ledgers,
            scenario: si,
            period,
            selection: view.selection,
            risk: view.risk,
        };
        match values::table(*view.tab, &source) {
            Some(table) => values::show(ui, &table),
            None => {
                ui.weak("Nothing to show yet: the chart has no values.");
            }
        }
        return;
    }
    match *view.tab {
        ChartTab::Invoice => invoice::show(ui, project, ledger, period),
        ChartTab::ServiceLevels => kpi::show(
            ui,
            project,
            ledger,
            si,
            period,
            view.selection,
            view.kpi_transform,
        ),
        ChartTab::Waterfall => waterfall::show(ui, project, ledger, period),
        ChartTab::Offers => {
            egui::ScrollArea::vertical()
                .id_salt("offers_tab_scroll")
                .show(ui, |ui| {
                    offers::show(ui, project, ledgers, view.revision, view.negotiation);
                });
        }
        ChartTab::Risk => super::risk::show(ui, project, ledgers, si, view.risk, view.risk_view),
        ChartTab::Cost => super::provider::show(ui, project, si),
        ChartTab::Volumes => volume::show(ui, project, si, view.selection),
        ChartTab::Negotiation => {
            let place = super::negotiation::Place {
                scenario: si,
                revision: view.revision,
                selection: &mut *view.selection,
            };
            super::negotiation::show(ui, project, place, view.negotiation);
        }
        ChartTab::Ledger => match ledger {
            Some(ledger) => {
                let mut copy = false;
                let scenario = project.scenarios.get(si);
                super::ledger_table::show(
                    ui,
                    ledger,
                    scenario,
                    project.rounding.decimals,
                    &mut copy,
                );
                if copy {
                    queue.push(Command::CopyLedger);
                }
            }
            None => {
                ui.label("No scenario");
            }
        },
        ChartTab::Data => {
            ui.horizontal(|ui| {
                if ui
                    .button(Command::ImportKpis.label())
                    .on_hover_text(Command::ImportKpis.tooltip())
                    .clicked()
                {
                    queue.push(Command::ImportKpis);
                }
                for (i, source) in project.imports.iter().enumerate() {
                    let name = reimport_label(&source.file);
                    if ui
                        .button(format!("Re-import {name}"))
                        .on_hover_text(Command::Reimport(i).tooltip())
                        .clicked()
                    {
                        queue.push(Command::Reimport(i));
                    }
                }
            });
            super::data_table::show(ui, project, view.data_table);
        }
    }
}

/// A short name for an import source: its file name without the folders.
pub fn reimport_label(file: &str) -> String {
    std::path::Path::new(file)
        .file_name()
        .map_or_else(|| file.to_owned(), |n| n.to_string_lossy().into_owned())
}

/// A faint band over the months of `period` (the one the structure and status bar show);
/// none for the whole term.
pub fn period_span(project: &Project, period: Period) -> Option<egui_plot::Span> {
    let (first, last) = match period {
        Period::Month(m) => (m, m),
        Period::Year(y) => {
            let first = project.start.plus(12 * (y as i32 - 1));
            (first, first.plus(11).min(project.end()))
        }
        Period::Term => return None,
    };
    let range = month_x(project, first) - 0.5..=month_x(project, last) + 0.5;
    Some(
        // Unnamed: a name would put it in the legend; the toolbar names the period.
        egui_plot::Span::new("", range)
            .fill(Color32::from_white_alpha(16))
            .border_width(0.0),
    )
}

/// The plot x of a month: months since the contract start.
pub fn month_x(project: &Project, month: YearMonth) -> f64 {
    month.months_since(project.start) as f64
}

/// The month at plot x, formatted "2025-04"; empty between months.
pub fn month_label(start: YearMonth, x: f64) -> String {
    let n = x.round();
    if (x - n).abs() > 0.01 || n.abs() > 10_000.0 {
        return String::new();
    }
    start.plus(n as i32).to_string()
}

/// An x axis formatter for months.
/// A label too close to either end of the axis is left out: drawn centred on its mark, it
/// would be cut in half by the plot's edge.
pub fn month_axis(start: YearMonth) -> impl Fn(GridMark, &RangeInclusive<f64>) -> String {
    move |mark, range| {
        let margin = (range.end() - range.start()) * 0.035;
        if mark.value > range.end() - margin || mark.value < range.start() + margin {
            return String::new();
        }
        month_label(start, mark.value)
    }
}

/// Grid marks on whole months, every 1, 3, 6 or 12 months depending on the zoom.
pub fn month_spacer(input: egui_plot::GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    let span = (hi - lo).max(1.0);
    let step = [1.0, 3.0, 6.0, 12.0, 24.0]
        .into_iter()
        .find(|s| span / s <= 8.0)
        .unwrap_or(48.0);
    let mut marks = Vec::new();
    let mut x = (lo / step).ceil() * step;
    while x <= hi {
        marks.push(GridMark {
            value: x,
            step_size: step,
        });
        x += step;
    }
    marks
}

/// A y axis formatter for money.
pub fn money_axis() -> impl Fn(GridMark, &RangeInclusive<f64>) -> String {
    |mark, _| crate::format::format_compact_by(mark.value, mark.step_size)
}

/// A legend as a row above a plot: it never covers the data (the newest months included).
pub fn legend_row(ui: &mut Ui, items: &[(&str, Color32)]) {
    ui.horizontal_wrapped(|ui| {
        for (name, colour) in items {
            // Each item wraps as a whole: a swatch never ends a line without its name.
            ui.horizontal(|ui| {
                let size = egui::vec2(10.0, 10.0);
                let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
                ui.painter().rect_filled(rect, 2.0, *colour);
                ui.add(egui::Label::new(*name).extend());
            });
            ui.add_space(6.0);
        }
    });
}

/// A decimal at the plot boundary.
pub fn to_f64(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

/// A horizontal line that can be dragged with the mouse.
pub struct DragLine {
    /// The legend name.
    pub name: String,
    /// The line's value.
    pub value: f64,
    /// Its colour.
    pub colour: Color32,
    /// Dashed or solid.
    pub style: LineStyle,
}

/// Draws `lines` and handles dragging them: returns the index of the dragged line and the
/// pointer's y while it is dragged. `state` keys the drag in egui memory.
pub fn drag_lines(plot: &mut PlotUi<'_>, lines: &[DragLine], state: Id) -> Option<(usize, f64)> {
    const GRAB_PX: f32 = 8.0;
    let ctx = plot.ctx().clone();
    let nearest = |plot: &PlotUi<'_>, p: egui::Pos2| {
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                (
                    i,
                    (plot
                        .screen_from_plot(egui_plot::PlotPoint::new(0.0, l.value))
                        .y
                        - p.y)
                        .abs(),
                )
            })
            .filter(|(_, d)| *d <= GRAB_PX)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i)
    };
    let pointer = plot
        .response()
        .hover_pos()
        .or_else(|| plot.response().interact_pointer_pos());
    let near = pointer.and_then(|p| nearest(plot, p));
    let (started, dragging, stopped) = {
        let r = plot.response();
        (r.drag_started(), r.dragged(), r.drag_stopped())
    };
    if started {
        let origin = ctx.input(|i| i.pointer.press_origin());
        match origin.and_then(|p| nearest(plot, p)) {
            Some(i) => {
                ctx.data_mut(|d| d.insert_temp(state, i));
            }
            None => ctx.data_mut(|d| {
                d.remove::<usize>(state);
            }),
        }
    }
    let active: Option<usize> = ctx.data(|d| d.get_temp(state));
    for (i, l) in lines.iter().enumerate() {
        let width = if Some(i) == active || Some(i) == near {
            3.0
        } else {
            1.8
        };
        plot.hline(
            HLine::new(l.name.clone(), l.value)
                .color(l.colour)
                .width(width)
                .style(l.style),
        );
    }
    if near.is_some() || active.is_some() {
        ctx.set_cursor_icon(CursorIcon::ResizeVertical);
    }
    let result = match (active, dragging || started) {
        (Some(i), true) => plot.pointer_coordinate().map(|p| (i, p.y)),
        _ => None,
    };
    if stopped {
        ctx.data_mut(|d| {
            d.remove::<usize>(state);
        });
    }
    result
}

/// A decimal from a plot value, rounded to `dp` places.
pub fn from_plot(value: f64, dp: u32) -> Option<Decimal> {
    Decimal::from_f64(value).map(|d| d.round_dp(dp))
}
