//! The Negotiation tab: which term moves the money most (a tornado; click a bar to open the
//! term's editor), an offer over a grid of two of its terms (a heat map), and the volume at
//! which two offers cost the same (break-even). Each is computed on a worker thread
//! ([`runner::Worker`]) keyed by the project revision, so editing never waits for it.

mod breakeven;
mod heatmap;
pub mod runner;
mod tornado;

use eframe::egui::Ui;
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive as _;

use super::state::Selection;
use crate::engine::breakeven::{BreakEvens, break_even};
use crate::engine::grid::{Axis, Grid, Measure, grid};
use crate::engine::sensitivity::{Moves, Sensitivity, sensitivity};
use crate::model::{Project, TermPath};
use runner::Worker;

/// Which analysis the tab shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Every term moved down and up, ranked by swing.
    #[default]
    Tornado,
    /// Two terms over a grid of values.
    Grid,
    /// Where two offers cross as volumes move.
    BreakEven,
}

/// A tornado asked for: the offer and the percentage terms move by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TornadoAsk {
    /// The offer (a scenario index).
    pub scenario: usize,
    /// ± this percent.
    pub pct: u32,
}

/// A grid asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct GridAsk {
    /// The offer.
    pub scenario: usize,
    /// The term across.
    pub x: Axis,
    /// The term down.
    pub y: Axis,
    /// What the cells hold.
    pub measure: Measure,
}

/// A break-even asked for: two offers and the range of multiples.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BreakEvenAsk {
    /// The first offer.
    pub a: usize,
    /// The second offer.
    pub b: usize,
    /// The lowest multiple of the volumes.
    pub from: Decimal,
    /// The highest.
    pub to: Decimal,
}

/// The grid's choices: two terms and their ranges.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GridChoice {
    /// The term across, once picked.
    pub x: Option<TermPath>,
    /// The term down, once picked.
    pub y: Option<TermPath>,
    /// The range across (from, to).
    pub x_range: (f64, f64),
    /// The range down.
    pub y_range: (f64, f64),
    /// Values per axis.
    pub steps: usize,
    /// Credits instead of the net.
    pub credits: bool,
}

/// What the tab remembers between frames, and its workers.
pub struct NegotiationView {
    /// The analysis shown.
    pub mode: Mode,
    /// ± percent of the tornado.
    pub pct: u32,
    /// The grid's terms and ranges.
    pub grid: GridChoice,
    /// The two offers of the break-even (scenario indices).
    pub pair: (usize, usize),
    /// The break-even's range of multiples.
    pub range: (f64, f64),
    /// The tornado, in the background.
    pub tornado: Worker<TornadoAsk, Sensitivity>,
    /// The grid, in the background.
    pub heatmap: Worker<GridAsk, Result<Grid, String>>,
    /// The break-even, in the background.
    pub breakeven: Worker<BreakEvenAsk, BreakEvens>,
}

impl Default for NegotiationView {
    fn default() -> Self {
        Self {
            mode: Mode::Tornado,
            pct: 10,
            grid: GridChoice {
                steps: 7,
                ..GridChoice::default()
            },
            pair: (0, 1),
            range: (0.5, 2.0),
            tornado: Worker::default(),
            heatmap: Worker::default(),
            breakeven: Worker::default(),
        }
    }
}

/// Where the tab draws and what it may change.
pub struct Place<'a> {
    /// The offer shown.
    pub scenario: usize,
    /// The project revision shown.
    pub revision: u64,
    /// The app's selection: a tornado bar selects its term.
    pub selection: &'a mut Selection,
}

/// Shows the Negotiation tab.
pub fn show(ui: &mut Ui, project: &Project, place: Place<'_>, view: &mut NegotiationView) {
    ui.horizontal(|ui| {
        ui.radio_value(&mut view.mode, Mode::Tornado, "Which term matters")
            .on_hover_text("Each term moved down and up, ranked by what it does to the net");
        ui.radio_value(&mut view.mode, Mode::Grid, "Two terms")
            .on_hover_text("The net or credits over a grid of two terms' values");
        ui.radio_value(&mut view.mode, Mode::BreakEven, "Break-even")
            .on_hover_text("The volume level at which two offers cost the same");
    });
    let ctx = ui.ctx().clone();
    match view.mode {
        Mode::Tornado => tornado::show(ui, project, &ctx, place, view),
        Mode::Grid => heatmap::show(ui, project, &ctx, &place, view),
        Mode::BreakEven => breakeven::show(ui, project, &ctx, place.revision, view),
    }
}

/// The break-even of the two offers picked, as the Offers tab draws it beside the offers'
/// cumulative net: the same pickers, range and background answer as the Negotiation tab's.
pub fn show_breakeven(ui: &mut Ui, project: &Project, revision: u64, view: &mut NegotiationView) {
    let ctx = ui.ctx().clone();
    breakeven::show(ui, project, &ctx, revision, view);
}

fn compute_tornado(project: &Project, ask: &TornadoAsk) -> Sensitivity {
    let moves = Moves {
        pct: Decimal::from(ask.pct),
        ..Moves::default()
    };
    let fallback = crate::model::Scenario::new("");
    let scenario = project.scenarios.get(ask.scenario).unwrap_or(&fallback);
    sensitivity(project, scenario, &moves)
}

fn compute_grid(project: &Project, ask: &GridAsk) -> Result<Grid, String> {
    let scenario = (project.scenarios.get(ask.scenario)).ok_or("no such offer")?;
    grid(project, scenario, &ask.x, &ask.y, ask.measure).map_err(|e| e.to_string())
}

fn compute_breakeven(project: &Project, ask: &BreakEvenAsk) -> BreakEvens {
    let fallback = crate::model::Scenario::new("");
    let pick = |i: usize| project.scenarios.get(i).unwrap_or(&fallback);
    break_even(project, pick(ask.a), pick(ask.b), (ask.from, ask.to))
}

/// `v` as a decimal for the engine, to 6 places (the pickers hold floats).
fn decimal(v: f64) -> Decimal {
    Decimal::from_f64(v).unwrap_or_default().round_dp(6)
}

/// What is being computed, until the first answer comes. Not a spinner: a spinner repaints
/// every frame, and the worker wakes the window itself when it is done.
fn waiting(ui: &mut Ui, what: &str) {
    ui.weak(format!("{what} (in the background)"));
}

/// Says the answer shown is for an earlier state of the project while a newer one is computed.
fn updating(ui: &mut Ui, current: bool) {
    if !current {
        ui.colored_label(super::theme::WARNING, "Updating…");
    }
}
