//! The app: a thin shell over the document, settings and view state. `show` draws a frame,
//! panels edit the project in place, and queued commands run at the end of the frame.

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::time::Instant;

use eframe::egui::{self, Ui, ViewportCommand};

use super::charts::ChartTab;
use super::commands::Command;
use super::files::{self, FileDialog};
use super::import_dialog::ImportDialog;
use super::risk::RiskRunner;
use super::state::{Document, Evaluator, Period, Selection, Settings, ViewState};
use super::undo::History;
use super::{edits, ledger_table, status, windows};
use crate::io::project as project_io;
use crate::model::{Project, YearMonth};

mod exports;
mod panels;

/// The key of the settings in eframe storage.
pub const SETTINGS_KEY: &str = "dealbench.settings";

/// The Dealbench desktop app.
pub struct DealbenchApp {
    /// The project and its file.
    pub doc: Document,
    /// Settings kept between runs.
    pub settings: Settings,
    /// Transient view state.
    pub view: ViewState,
    /// The recovery file of unsaved work.
    pub recovery: files::Recovery,
    /// The risk simulation of every offer, run in the background while the Risk tab shows.
    pub risk: RiskRunner,
    history: History,
    eval: Evaluator,
    queue: Vec<Command>,
    title: String,
    /// An internal error caught at the frame boundary, until the user goes on.
    failure: Option<String>,
    /// How a file is opened in the system's browser (Print).
    opener: fn(&Path) -> std::io::Result<()>,
    /// Whether the first-launch tour shows.
    touring: bool,
    frame_ms: f64,
    frames: u64,
    log_frames: bool,
}

impl DealbenchApp {
    /// An app showing `project` (from `path`, if it was read from a file).
    pub fn new(project: Project, path: Option<PathBuf>, settings: Settings) -> Self {
        let eval = Evaluator::new(&project);
        let period = first_period(&project);
        Self {
            history: History::new(&project),
            doc: Document::new(project, path),
            settings,
            view: ViewState {
                period,
                ..ViewState::default()
            },
            recovery: files::Recovery::disabled(),
            risk: RiskRunner::new(),
            eval,
            queue: Vec::new(),
            title: String::new(),
            failure: None,
            opener: |path| open::that_detached(path),
            touring: false,
            frame_ms: 0.0,
            frames: 0,
            log_frames: cfg!(debug_assertions) || std::env::var_os("DEALBENCH_FRAME_LOG").is_some(),
        }
    }

    /// The app with its recovery file in `recovery` (a file already there is offered).
    pub fn with_recovery(mut self, recovery: files::Recovery) -> Self {
        self.recovery = recovery;
        self
    }

    /// The app as it starts: the file named on the command line, else the last project, else
    /// the bundled sample. A file that cannot be read is reported in the window. Unsaved work
    /// of an earlier run found in the recovery file is offered.
    pub fn open(settings: Settings, file: Option<PathBuf>) -> Self {
        let recovery = files::Recovery::at(files::recovery_path(), files::RECOVERY_INTERVAL_SECS);
        Self::open_project(settings, file).with_recovery(recovery)
    }

    fn open_project(settings: Settings, file: Option<PathBuf>) -> Self {
        let candidate = file.or_else(|| settings.last_project.clone().filter(|p| p.exists()));
        match candidate {
            Some(path) => match project_io::load(&path) {
                Ok(project) => {
                    let mut app = Self::new(project, Some(path.clone()), settings);
                    app.settings.remember(&path);
                    app
                }
                Err(err) => {
                    let mut app = Self::new(project_io::default_project(), None, settings);
                    app.error(format!("Could not open the project: {err}"));
                    app
                }
            },
            None => Self::new(project_io::default_project(), None, settings).first_launch(),
        }
    }

    /// The app as a first launch shows it: the sample with the tour of three things to try,
    /// unless the tour was dismissed before.
    pub fn first_launch(mut self) -> Self {
        self.touring = !self.settings.toured;
        self
    }

    /// Queues a command to run at the end of the frame.
    pub fn queue(&mut self, command: Command) {
        self.queue.push(command);
    }

    /// The ledgers of all scenarios at the current revision.
    pub fn ledgers(&self) -> &[crate::engine::Ledger] {
        &self.eval.cache.ledgers
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        self.history.can_undo(&self.doc.project)
    }

    /// Draws one frame and runs the commands it queued.
    pub fn show(&mut self, ui: &mut Ui) {
        let started = Instant::now();
        let ctx = ui.ctx().clone();
        self.view.now = ctx.input(|i| i.time);
        self.clamp_view();
        self.handle_input(&ctx);
        self.refresh(&ctx);
        self.panels(ui);
        let ledger = self.eval.cache.ledgers.get(self.view.scenario);
        windows::prompts(
            &ctx,
            &self.doc,
            &mut self.view,
            &self.settings.recent,
            &mut self.queue,
        );
        windows::import(&ctx, &mut self.doc, &mut self.view);
        windows::show(&ctx, ledger, &mut self.view);
        self.recovery_prompt(&ctx);
        if self.touring && windows::tour(&ctx, &self.doc.project, &mut self.view) {
            self.touring = false;
            self.settings.toured = true;
        }
        self.picture_outcome();
        status::toasts(&ctx, &mut self.view.toasts, self.view.now);

        let queued = std::mem::take(&mut self.queue);
        let revision = self.doc.revision;
        if !queued.is_empty() {
            // Show what the commands did without waiting for the next input.
            ctx.request_repaint();
        }
        for command in queued {
            self.run(&ctx, command);
        }
        self.refresh(&ctx);
        if self.doc.revision != revision {
            ctx.request_repaint();
        }
        if let Err(err) = self.recovery.tick(&ctx, &self.doc, self.view.now) {
            self.error(err);
        }
        let busy = ctx.input(|i| i.pointer.any_down() || !i.keys_down.is_empty())
            || ctx.egui_wants_keyboard_input();
        if !busy {
            self.history.record(&self.doc.project);
        }
        let title = self.doc.title();
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        self.measure(started);
    }

    /// Recomputes the ledgers when the project changed, and keeps the risk simulation current
    /// while the Risk tab shows.
    fn refresh(&mut self, ctx: &egui::Context) {
        self.doc.notice_changes();
        self.eval.update(&self.doc.project, self.doc.revision, ctx);
        if self.eval.cache.revision == self.doc.revision {
            let selected = match &self.view.selection {
                Selection::Term(c) => Some(c),
                _ => None,
            };
            let at = (self.doc.revision, self.view.scenario, self.view.period);
            let ledgers = &self.eval.cache.ledgers;
            (self.view.edit_effect).update(&self.doc.project, ledgers, at, selected);
        }
        let wanted = self.settings.show_charts && self.view.chart == ChartTab::Risk;
        let (project, revision) = (&self.doc.project, self.doc.revision);
        (self.risk).update(project, revision, self.view.scenario, wanted, ctx);
    }

    #[allow(
        clippy::print_stderr,
        reason = "the frame log is for developers, on standard error"
    )]
    fn measure(&mut self, started: Instant) {
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        self.frame_ms = if self.frames == 0 {
            ms
        } else {
            0.9 * self.frame_ms + 0.1 * ms
        };
        self.frames += 1;
        // Debug builds, or any build run with DEALBENCH_FRAME_LOG set, report the frame time.
        if self.log_frames && self.frames.is_power_of_two() && self.frames >= 16 {
            eprintln!(
                "dealbench: frame {:.2} ms (mean), evaluation of all scenarios {:.2} ms",
                self.frame_ms, self.eval.cache.eval_ms
            );
        }
    }

    fn clamp_view(&mut self) {
        let count = self.doc.project.scenarios.len();
        if self.view.scenario >= count {
            self.view.scenario = count.saturating_sub(1);
        }
        // A deleted or undone item falls back to its offer's own fields.
        if !self
            .view
            .selection
            .exists(&self.doc.project, self.view.scenario)
        {
            self.view.selection = Selection::OFFER;
        }
    }

    fn handle_input(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped
            .into_iter()
            .find(|p| p.extension().is_some_and(|e| e == "ron"))
        {
            self.queue.push(Command::OpenPath(path));
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.view.closing {
            if self.doc.is_dirty() {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                self.view.prompt = Some(Command::Quit);
            } else {
                self.view.closing = true;
            }
        }
        let modal_open =
            self.view.dialog.is_some() || self.view.prompt.is_some() || self.view.import.is_some();
        if modal_open || ctx.egui_wants_keyboard_input() {
            return;
        }
        let bindings = Command::bindings();
        let fired: Vec<Command> = ctx.input_mut(|i| {
            let mut fired = Vec::new();
            for (shortcut, command) in &bindings {
                if i.consume_shortcut(shortcut) {
                    fired.push(command.clone());
                }
            }
            fired
        });
        self.queue.extend(fired);
    }

    /// Runs one command. Commands that would drop unsaved changes ask first.
    pub fn run(&mut self, ctx: &egui::Context, command: Command) {
        let guarded = matches!(
            command,
            Command::New | Command::Open | Command::OpenPath(_) | Command::Quit
        );
        if guarded && self.doc.is_dirty() && !self.view.discard_confirmed {
            self.view.prompt = Some(command);
            return;
        }
        if guarded {
            self.view.discard_confirmed = false;
        }
        match command {
            Command::New => {
                let start = YearMonth::of_date(chrono::Local::now().date_naive());
                self.replace(Project::new_blank(start), None);
            }
            Command::Open => self.view.dialog = Some(FileDialog::open(&self.doc)),
            Command::OpenPath(path) => self.open_path(&path),
            Command::Save => match self.doc.path.clone() {
                Some(path) => self.save_to(&path),
                None => self.view.dialog = Some(FileDialog::save_as(&self.doc, None)),
            },
            Command::SaveAs => self.view.dialog = Some(FileDialog::save_as(&self.doc, None)),
            Command::SaveTo(path) => self.save_to(&path),
            Command::ExportWorkbook => self.view.dialog = Some(FileDialog::workbook(&self.doc)),
            Command::ExportWorkbookTo(path) => self.export_workbook(&path),
            Command::ExportReport => self.view.dialog = Some(FileDialog::report(&self.doc)),
            Command::ExportReportTo(path) => self.export_report(&path),
            Command::Print => self.print(),
            Command::SaveChart => {
                let chart = self.view.chart.label();
                self.view.dialog = Some(FileDialog::picture(&self.doc, chart));
            }
            Command::SaveChartTo(path) => self.save_chart(ctx, path),
            Command::CopyChart => match self.view.chart_area {
                Some(area) => crate::ui::pictures::copy(ctx, area, &self.view.picture),
                None => self.error("No chart is shown to copy".into()),
            },
            Command::ImportKpis => {
                let file = self.doc.path.clone();
                self.view.import = Some(ImportDialog::for_project(&self.doc.project, file));
            }
            Command::Reimport(i) => match self.doc.project.imports.get(i) {
                Some(source) => {
                    self.view.import = Some(ImportDialog::reimport(source, self.doc.path.clone()));
                }
                None => self.error("That import source is no longer in the project".into()),
            },
            Command::Quit => {
                self.view.closing = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            Command::Undo => {
                if let Some(project) = self.history.undo(&self.doc.project) {
                    self.doc.project = project;
                }
            }
            Command::Redo => {
                if let Some(project) = self.history.redo(&self.doc.project) {
                    self.doc.project = project;
                }
            }
            Command::Add(_)
            | Command::AddSeries(_)
            | Command::NewScenario
            | Command::DuplicateScenario
            | Command::CounterOffer
            | Command::Delete
            | Command::MoveUp
            | Command::MoveDown => {
                let (project, view) = (&mut self.doc.project, &mut self.view);
                let at = (&mut view.scenario, &mut view.selection);
                if let Err(err) = edits::apply(&command, project, at.0, at.1) {
                    self.error(edits::sentence(&err));
                }
                self.clamp_view();
            }
            Command::CopyLedger => {
                if let Some(ledger) = self.eval.cache.ledgers.get(self.view.scenario) {
                    ctx.copy_text(ledger_table::tsv(ledger));
                    self.info("Ledger copied as TSV: paste it into a spreadsheet".into());
                }
            }
            Command::Shortcuts => self.view.show_shortcuts = true,
            Command::Glossary => self.view.glossary = Some(String::new()),
            Command::About => self.view.show_about = true,
        }
    }

    fn replace(&mut self, project: Project, path: Option<PathBuf>) {
        self.view.period = first_period(&project);
        self.history = History::new(&project);
        let revision = self.doc.revision + 1;
        self.doc = Document::new(project, path);
        self.doc.revision = revision;
        self.view.scenario = 0;
        self.view.selection = Selection::OFFER;
    }

    fn open_path(&mut self, path: &Path) {
        match project_io::load(path) {
            Ok(project) => {
                self.replace(project, Some(path.to_owned()));
                self.settings.remember(path);
                self.info(format!("Opened {}", path.display()));
            }
            Err(err) => self.error(format!("Could not open the project: {err}")),
        }
    }

    fn save_to(&mut self, path: &Path) {
        match project_io::save(path, &self.doc.project) {
            Ok(()) => {
                self.doc.mark_saved(path);
                self.settings.remember(path);
                self.info(format!("Saved {}", path.display()));
            }
            Err(err) => self.error(format!("Could not save: {err}")),
        }
    }

    /// The offer of a recovery file found at start, and what the user chose.
    fn recovery_prompt(&mut self, ctx: &egui::Context) {
        match files::recovery_prompt(ctx, self.recovery.offer.as_ref()) {
            None => {}
            Some(files::RecoveryChoice::Discard) => self.recovery.discard(),
            Some(files::RecoveryChoice::Recover) => match self.recovery.recover() {
                Ok(project) => {
                    // Unsaved work with no file: Save asks where, so it cannot overwrite a
                    // file it did not come from.
                    self.replace(Project::new_blank(project.start), None);
                    self.history = History::new(&project);
                    self.doc.project = project;
                    self.refresh(ctx);
                    self.info("Recovered the unsaved changes: save them to keep them".into());
                }
                Err(err) => self.error(format!("Could not recover: {err}")),
            },
        }
    }

    /// Runs `frame` (a frame of the app) so that a panic in it does not lose the work: the
    /// panic is caught at the frame boundary, the unsaved changes are written to the recovery
    /// file at once, the view goes back to its start, and the next frames say what happened
    /// until the user goes on. The window keeps running either way.
    pub fn guarded(&mut self, ui: &mut Ui, frame: impl FnOnce(&mut Self, &mut Ui)) {
        if let Some(message) = self.failure.clone() {
            self.failure_screen(ui, &message);
            return;
        }
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| frame(&mut *self, &mut *ui)));
        if let Err(payload) = outcome {
            self.caught(payload.as_ref());
            ui.ctx().request_repaint();
        }
    }

    /// The internal error being reported, if any.
    pub fn failure(&self) -> Option<&str> {
        self.failure.as_deref()
    }

    fn caught(&mut self, payload: &(dyn std::any::Any + Send)) {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "an unknown internal error".to_owned());
        let kept = match (self.recovery.path.clone(), self.doc.is_dirty()) {
            (_, false) => "There were no unsaved changes.".to_owned(),
            (Some(path), true) => match self.recovery.write_now(&self.doc) {
                Ok(()) => format!(
                    "Your unsaved changes were written to the recovery file {}.",
                    path.display()
                ),
                Err(err) => format!("{err}. Save your work now with File ▸ Save As."),
            },
            (None, true) => "Save your work now with File ▸ Save As.".to_owned(),
        };
        self.view = ViewState {
            period: first_period(&self.doc.project),
            ..ViewState::default()
        };
        self.queue.clear();
        self.failure = Some(format!("{what}\n\n{kept}"));
    }

    fn failure_screen(&mut self, ui: &mut Ui, message: &str) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.add_space(40.0);
            ui.vertical_centered(|ui| {
                ui.set_max_width(560.0);
                ui.heading("Dealbench hit an internal error");
                ui.add_space(8.0);
                ui.label(message);
                ui.add_space(8.0);
                ui.label(
                    "This is a bug: the project itself is unharmed. Continue goes back to the \
                     project with the view reset; please report what you were doing.",
                );
                ui.add_space(12.0);
                ui.horizontal(|ui| {
                    if ui.button("Continue").clicked() {
                        self.failure = None;
                    }
                    if ui.button("Quit").clicked() {
                        self.failure = None;
                        self.queue.push(Command::Quit);
                    }
                });
            });
        });
    }

    fn info(&mut self, text: String) {
        self.view.toast(text, false);
    }

    fn error(&mut self, text: String) {
        self.view.toast(text, true);
    }
}

impl eframe::App for DealbenchApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.guarded(ui, Self::show);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if let Some(path) = &self.doc.path {
            self.settings.last_project = Some(path.clone());
        }
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
        // Unsaved work survives a crash: eframe calls this every 30 s and on exit (the timer
        // in `show` writes it in between).
        if self.view.closing {
            self.recovery.forget_ours();
        } else if let Err(err) = self.recovery.write_now(&self.doc) {
            self.error(err);
        }
    }
}

/// The period the app opens on: the first contract year, the figure negotiations start from.
fn first_period(_project: &Project) -> Period {
    Period::Year(1)
}
