//! The three kinds of state: the document (saved, undoable, dirty-tracked), the settings
//! (eframe storage) and transient UI state (selection, dialogs; never saved). Derived data,
//! the ledgers, is a cache keyed by the project revision.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use super::charts::ChartTab;
use super::commands::Command;
use super::data_table::DataTableState;
use super::files::FileDialog;
use super::import_dialog::ImportDialog;
use super::status::FlagsView;
use crate::engine::{self, Ledger};
use crate::model::edit::SeriesKind;
use crate::model::{Component, Project};

/// How many recent files are remembered.
const MAX_RECENT: usize = 10;

/// The project being edited, its file and whether it differs from the file.
pub struct Document {
    /// The project, edited in place by the panels.
    pub project: Project,
    /// The file it was opened from or saved to.
    pub path: Option<PathBuf>,
    /// The project as last saved or opened: dirty means different from this.
    saved: Project,
    /// Bumped on every change of `project`, edits and undo alike.
    pub revision: u64,
    /// The project at the last revision, to notice in-place edits.
    seen: Project,
    dirty: bool,
}

impl Document {
    /// A document for `project`, clean, from `path`.
    pub fn new(project: Project, path: Option<PathBuf>) -> Self {
        Self {
            saved: project.clone(),
            seen: project.clone(),
            project,
            path,
            revision: 0,
            dirty: false,
        }
    }

    /// Whether the project differs from the file.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Notices an in-place edit: bumps the revision when the project changed since last call.
    pub fn notice_changes(&mut self) -> bool {
        if self.project != self.seen {
            self.seen = self.project.clone();
            self.revision += 1;
            self.dirty = self.project != self.saved;
            true
        } else {
            false
        }
    }

    /// Marks the project as saved to `path`.
    pub fn mark_saved(&mut self, path: &Path) {
        self.saved = self.project.clone();
        self.path = Some(path.to_owned());
        self.dirty = false;
    }

    /// The window title: "name — path •" with the unsaved marker.
    pub fn title(&self) -> String {
        let path = self
            .path
            .as_ref()
            .map_or_else(|| "not saved yet".to_owned(), |p| p.display().to_string());
        let marker = if self.dirty { " •" } else { "" };
        format!("{} — {path}{marker} — Dealbench", self.project.name)
    }
}

/// Settings kept between runs in eframe storage. New fields must have defaults.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Recently opened or saved files, most recent first.
    pub recent: Vec<PathBuf>,
    /// The project open when the app last closed.
    pub last_project: Option<PathBuf>,
    /// Whether the project tree is shown.
    pub show_tree: bool,
    /// Whether the charts are shown.
    pub show_charts: bool,
    /// Whether the ledger table is shown.
    pub show_ledger: bool,
    /// Whether the frame time is shown in the status bar.
    pub show_frame_time: bool,
    /// Whether the first-launch tour was dismissed (it shows until then).
    pub toured: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            last_project: None,
            show_tree: true,
            show_charts: true,
            show_ledger: true,
            show_frame_time: false,
            toured: false,
        }
    }
}

impl Settings {
    /// Puts `path` first in the recent files.
    pub fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_owned());
        self.recent.truncate(MAX_RECENT);
        self.last_project = Some(path.to_owned());
    }
}

/// What the editor shows: a term of the selected scenario (by its typed address), the project
/// settings, or a data series (by id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// Project settings.
    Project,
    /// A component of the selected scenario; [`Component::Offer`] for its name and notes.
    Term(Component),
    /// A KPI, volume or index series, by id.
    Series(SeriesKind, String),
}

impl Selection {
    /// The selected scenario's own fields: what the app falls back to.
    pub const OFFER: Selection = Selection::Term(Component::Offer);

    /// Whether the item belongs to the selected scenario (not to the project).
    pub fn is_scenario_item(&self) -> bool {
        matches!(self, Selection::Term(_))
    }

    /// Whether the item is still there: in `project`, or in its scenario `scenario`.
    pub fn exists(&self, project: &Project, scenario: usize) -> bool {
        match self {
            Selection::Project => true,
            Selection::Term(c) => project.scenarios.get(scenario).is_some_and(|s| s.has(c)),
            Selection::Series(kind, id) => series_position(project, *kind, id).is_some(),
        }
    }
}

/// The position of series `id` of `kind` in the project's list of that kind.
pub fn series_position(project: &Project, kind: SeriesKind, id: &str) -> Option<usize> {
    match kind {
        SeriesKind::Kpi => project.kpis.iter().position(|s| s.id == id),
        SeriesKind::Volume => project.volumes.iter().position(|s| s.id == id),
        SeriesKind::Index => project.indices.iter().position(|s| s.id == id),
    }
}

/// Transient view state: never saved, never undone.
pub struct ViewState {
    /// The scenario shown (index into the project's scenarios).
    pub scenario: usize,
    /// The item in the editor.
    pub selection: Selection,
    /// The period amounts are shown for.
    pub period: Period,
    /// The chart shown below the structure.
    pub chart: ChartTab,
    /// The open file dialog, if any.
    pub dialog: Option<FileDialog>,
    /// A command waiting for Save / Don't save / Cancel.
    pub prompt: Option<Command>,
    /// The user chose "Don't save": the next guarded command may drop changes.
    pub discard_confirmed: bool,
    /// Set when the app decided to close (tests read it; the window gets `Close`).
    pub closing: bool,
    /// Notifications shown in the window.
    pub toasts: Vec<Toast>,
    /// The shortcuts window is open.
    pub show_shortcuts: bool,
    /// The about window is open.
    pub show_about: bool,
    /// The glossary window, open with what is searched for.
    pub glossary: Option<String>,
    /// The flags window.
    pub flags: FlagsView,
    /// The KPI import dialog, while it is open.
    pub import: Option<ImportDialog>,
    /// The history data table's paste box and new-month field.
    pub data_table: DataTableState,
    /// The KPI chart's last transform, so a drag can be aimed at a line (tests use it).
    pub kpi_transform: Option<egui_plot::PlotTransform>,
    /// The Risk tab's choices.
    pub risk: super::risk::RiskViewState,
    /// The Negotiation tab's choices and background work.
    pub negotiation: super::negotiation::NegotiationView,
    /// Where the chart was last drawn, on screen (a PNG of it shows that area).
    pub chart_area: Option<eframe::egui::Rect>,
    /// What became of the last picture asked for, set when it is ready.
    pub picture: super::pictures::Outcome,
    /// Egui time at the start of the frame.
    pub now: f64,
    /// Whether the last edit changed anything, and why not.
    pub edit_effect: super::unchanged::EditEffect,
}

impl Default for ViewState {
    fn default() -> Self {
        Self {
            scenario: 0,
            selection: Selection::OFFER,
            period: Period::Year(1),
            chart: ChartTab::Invoice,
            dialog: None,
            prompt: None,
            discard_confirmed: false,
            closing: false,
            toasts: Vec::new(),
            show_shortcuts: false,
            show_about: false,
            glossary: None,
            flags: FlagsView::default(),
            import: None,
            data_table: DataTableState::default(),
            kpi_transform: None,
            chart_area: None,
            picture: Default::default(),
            risk: Default::default(),
            negotiation: Default::default(),
            now: 0.0,
            edit_effect: Default::default(),
        }
    }
}

impl ViewState {
    /// Raises a notification.
    pub fn toast(&mut self, text: String, error: bool) {
        self.toasts.push(Toast {
            text,
            error,
            since: self.now,
        });
    }
}

pub use crate::engine::compare::Period;

/// The ledgers of all scenarios at one project revision.
pub struct LedgerCache {
    /// The revision evaluated.
    pub revision: u64,
    /// One ledger per scenario, in project order.
    pub ledgers: Vec<Ledger>,
    /// How long the last evaluation of all scenarios took, in milliseconds.
    pub eval_ms: f64,
}

impl LedgerCache {
    /// Evaluates every scenario of `project`.
    pub fn compute(project: &Project, revision: u64) -> Self {
        let start = Instant::now();
        let ledgers = project
            .scenarios
            .iter()
            .map(|s| engine::evaluate(project, s))
            .collect();
        Self {
            revision,
            ledgers,
            eval_ms: start.elapsed().as_secs_f64() * 1000.0,
        }
    }
}

/// A notification in the window.
#[derive(Debug, Clone)]
pub struct Toast {
    /// What happened.
    pub text: String,
    /// Whether it is an error (stays longer, red).
    pub error: bool,
    /// When it was raised (seconds of `egui` time).
    pub since: f64,
}

/// Evaluation slower than this (all scenarios, in milliseconds) moves to a worker thread so
/// dragging stays smooth.
pub const FRAME_BUDGET_MS: f64 = 8.0;

/// Keeps the ledgers up to date with the project: synchronously while evaluation is fast, on a
/// worker thread once it takes longer than [`FRAME_BUDGET_MS`]. Results older than the ledgers
/// shown are dropped.
pub struct Evaluator {
    /// The latest ledgers.
    pub cache: LedgerCache,
    worker: Option<Worker>,
    requested: u64,
}

struct Worker {
    requests: Sender<(u64, Project)>,
    results: Receiver<LedgerCache>,
}

impl Evaluator {
    /// Ledgers for `project` at revision 0.
    pub fn new(project: &Project) -> Self {
        Self {
            cache: LedgerCache::compute(project, 0),
            worker: None,
            requested: 0,
        }
    }

    /// Whether evaluation runs on the worker thread.
    pub fn is_threaded(&self) -> bool {
        self.worker.is_some()
    }

    /// Brings the ledgers toward `revision` of `project`. `wake` is asked to repaint when a
    /// worker result arrives.
    pub fn update(&mut self, project: &Project, revision: u64, wake: &eframe::egui::Context) {
        if let Some(worker) = &self.worker {
            while let Ok(result) = worker.results.try_recv() {
                if result.revision >= self.cache.revision {
                    self.cache = result;
                }
            }
            if self.requested != revision && self.cache.revision != revision {
                self.requested = revision;
                // A closed channel means the worker died: evaluate here instead.
                if worker.requests.send((revision, project.clone())).is_err() {
                    self.worker = None;
                    self.cache = LedgerCache::compute(project, revision);
                }
            }
            return;
        }
        if self.cache.revision != revision {
            self.cache = LedgerCache::compute(project, revision);
            self.requested = revision;
            if self.cache.eval_ms > FRAME_BUDGET_MS {
                self.worker = Some(Worker::spawn(wake.clone()));
            }
        }
    }
}

impl Worker {
    fn spawn(wake: eframe::egui::Context) -> Self {
        let (requests, inbox) = channel::<(u64, Project)>();
        let (outbox, results) = channel();
        std::thread::Builder::new()
            .name("dealbench-evaluate".into())
            .spawn(move || {
                while let Ok(mut request) = inbox.recv() {
                    // Only the newest edit matters: skip requests already superseded.
                    while let Ok(newer) = inbox.try_recv() {
                        request = newer;
                    }
                    let (revision, project) = request;
                    if outbox
                        .send(LedgerCache::compute(&project, revision))
                        .is_err()
                    {
                        break;
                    }
                    wake.request_repaint();
                }
            })
            .expect("the evaluation thread starts");
        Self { requests, results }
    }
}
