//! The three kinds of state: the document (saved, undoable, dirty-tracked), the settings
//! (eframe storage) and transient UI state (selection, dialogs; never saved). Derived data,
//! the ledgers, is a cache keyed by the project revision.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::engine::{self, Ledger, Totals};
use crate::model::{Project, YearMonth};

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

/// What the editor shows: an item of the selected scenario or of the project's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection {
    /// Project settings.
    Project,
    /// The scenario's name and notes.
    Scenario,
    /// A charge of the scenario.
    Charge(usize),
    /// A minimum commitment.
    Minimum(usize),
    /// The indexation.
    Indexation,
    /// A charge cap.
    ChargeCap(usize),
    /// A service level.
    ServiceLevel(usize),
    /// The credit regime (pool, points, caps).
    CreditRegime,
    /// A bonus.
    Bonus(usize),
    /// A termination trigger.
    Trigger(usize),
    /// A KPI series.
    Kpi(usize),
    /// A volume series.
    Volume(usize),
    /// An index series.
    Index(usize),
}

/// The period amounts are shown for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// One billing month.
    Month(YearMonth),
    /// One contract year (1, 2, …).
    Year(u32),
    /// The whole term.
    Term,
}

impl Period {
    /// The period in words: "2025-04", "Contract year 2", "Whole term".
    pub fn label(self) -> String {
        match self {
            Period::Month(m) => m.to_string(),
            Period::Year(y) => format!("Contract year {y}"),
            Period::Term => "Whole term".into(),
        }
    }

    /// Whether month `m` of contract year `year` falls in the period.
    pub fn contains(self, m: YearMonth, year: u32) -> bool {
        match self {
            Period::Month(p) => p == m,
            Period::Year(y) => y == year,
            Period::Term => true,
        }
    }

    /// The totals of `ledger` over the period.
    pub fn totals(self, ledger: &Ledger) -> Totals {
        let mut totals = Totals::default();
        for m in ledger
            .months
            .iter()
            .filter(|m| self.contains(m.period, m.contract_year))
        {
            totals.add(&m.totals);
        }
        totals
    }
}

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
