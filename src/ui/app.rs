//! The app: a thin shell over the document, settings and view state. `show` draws a frame,
//! panels edit the project in place, and queued commands run at the end of the frame.

use std::path::{Path, PathBuf};
use std::time::Instant;

use eframe::egui::{self, Panel, Ui, ViewportCommand};

use super::charts::{self, ChartTab};
use super::commands::{Command, ComponentKind};
use super::data_table::DataTableState;
use super::files::{self, FileDialog};
use super::import_dialog::{DialogAction, ImportDialog};
use super::state::{Document, Evaluator, Period, Selection, Settings, Toast};
use super::undo::History;
use super::{editors, ledger_table, status, structure, tree};
use crate::io::project as project_io;
use crate::model::{self, Project, YearMonth};

/// The key of the settings in eframe storage.
pub const SETTINGS_KEY: &str = "dealbench.settings";

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
    /// The flags window.
    pub flags: status::FlagsView,
    /// The KPI import dialog, while it is open.
    pub import: Option<ImportDialog>,
    /// The history data table's paste box and new-month field.
    pub data_table: DataTableState,
    /// The KPI chart's last transform, so a drag can be aimed at a line (tests use it).
    pub kpi_transform: Option<egui_plot::PlotTransform>,
    /// Egui time at the start of the frame.
    pub now: f64,
}

impl Default for ViewState {
    fn default() -> Self {
        Self {
            scenario: 0,
            selection: Selection::Scenario,
            period: Period::Year(1),
            chart: ChartTab::Invoice,
            dialog: None,
            prompt: None,
            discard_confirmed: false,
            closing: false,
            toasts: Vec::new(),
            show_shortcuts: false,
            show_about: false,
            flags: status::FlagsView::default(),
            import: None,
            data_table: DataTableState::default(),
            kpi_transform: None,
            now: 0.0,
        }
    }
}

/// The Dealbench desktop app.
pub struct DealbenchApp {
    /// The project and its file.
    pub doc: Document,
    /// Settings kept between runs.
    pub settings: Settings,
    /// Transient view state.
    pub view: ViewState,
    history: History,
    eval: Evaluator,
    queue: Vec<Command>,
    title: String,
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
            eval,
            queue: Vec::new(),
            title: String::new(),
            frame_ms: 0.0,
            frames: 0,
            log_frames: cfg!(debug_assertions) || std::env::var_os("DEALBENCH_FRAME_LOG").is_some(),
        }
    }

    /// The app as it starts: the file named on the command line, else the last project, else
    /// the bundled sample. A file that cannot be read is reported in the window.
    pub fn open(settings: Settings, file: Option<PathBuf>) -> Self {
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
            None => Self::new(project_io::default_project(), None, settings),
        }
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

        Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        Panel::top("toolbar").show(ui, |ui| self.toolbar(ui));
        Panel::bottom("status").show(ui, |ui| {
            let ledger = self.eval.cache.ledgers.get(self.view.scenario);
            status::show(
                ui,
                &self.doc.project,
                ledger,
                self.view.period,
                self.eval.cache.eval_ms,
                self.settings.show_frame_time.then_some(self.frame_ms),
                &mut self.view.flags,
            );
        });
        if self.settings.show_tree {
            Panel::left("tree")
                .resizable(true)
                .default_size(210.0)
                .show(ui, |ui| {
                    tree::show(ui, &self.doc.project, &mut self.view, &mut self.queue);
                });
        }
        Panel::right("editor")
            .resizable(true)
            .default_size(400.0)
            .min_size(280.0)
            .show(ui, |ui| {
                editors::show(ui, &mut self.doc.project, &mut self.view);
            });
        egui::CentralPanel::default().show(ui, |ui| {
            // The structure above, the charts below; drag the line between them.
            let height = ui.available_height();
            let mut structure = |ui: &mut Ui| {
                structure::show(
                    ui,
                    &self.doc.project,
                    &self.eval.cache.ledgers,
                    &mut self.view,
                    &mut self.queue,
                );
            };
            if !self.settings.show_charts {
                structure(ui);
                return;
            }
            Panel::top("structure")
                .resizable(true)
                .default_size((height * 0.5).clamp(200.0, 460.0))
                .size_range(120.0..=(height - 160.0).max(160.0))
                .frame(egui::Frame::NONE)
                .show(ui, structure);
            charts::show(
                ui,
                &mut self.doc.project,
                &self.eval.cache.ledgers,
                &mut self.view,
                self.settings.show_ledger,
                &mut self.queue,
            );
        });

        if let Some(command) = files::prompt(&ctx, &self.doc, self.view.prompt.as_ref()) {
            self.view.prompt = None;
            match command {
                files::PromptChoice::Save(pending) => {
                    self.queue.push(Command::Save);
                    if self.doc.path.is_some() {
                        self.queue.push(pending);
                    } else if let Some(dialog) = &mut self.view.dialog {
                        dialog.after = Some(pending);
                    } else {
                        self.view.dialog = Some(FileDialog::save_as(&self.doc, Some(pending)));
                    }
                }
                files::PromptChoice::Discard(pending) => {
                    self.view.discard_confirmed = true;
                    self.queue.push(pending);
                }
                files::PromptChoice::Cancel => {}
            }
        }
        if let Some(dialog) = &mut self.view.dialog {
            match files::dialog(&ctx, dialog, &self.settings.recent) {
                files::DialogOutcome::Open => {}
                files::DialogOutcome::Cancelled => self.view.dialog = None,
                files::DialogOutcome::Command(command) => {
                    let after = dialog.after.take();
                    self.view.dialog = None;
                    self.queue.push(command);
                    self.queue.extend(after);
                }
            }
        }
        if let Some(dialog) = &mut self.view.import {
            match dialog.show(&ctx, &self.doc.project) {
                DialogAction::Open => {}
                DialogAction::Cancelled => self.view.import = None,
                DialogAction::Apply(project, message) => {
                    // One change of the whole project: one undo step.
                    self.doc.project = *project;
                    self.view.import = None;
                    self.view.chart = ChartTab::Data;
                    self.info(message);
                }
            }
        }
        self.windows(&ctx);
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

    /// Recomputes the ledgers when the project changed.
    fn refresh(&mut self, ctx: &egui::Context) {
        self.doc.notice_changes();
        self.eval.update(&self.doc.project, self.doc.revision, ctx);
    }

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
        if !selection_exists(&self.doc.project, self.view.scenario, self.view.selection) {
            self.view.selection = Selection::Scenario;
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
            Command::ImportKpis => {
                let last = self
                    .doc
                    .project
                    .imports
                    .last()
                    .map(|s| {
                        crate::io::kpi_import::resolve_source(self.doc.path.as_deref(), &s.file)
                            .display()
                            .to_string()
                    })
                    .unwrap_or_default();
                self.view.import = Some(ImportDialog::new(last, self.doc.path.clone()));
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
            Command::Add(kind) => self.add(kind),
            Command::NewScenario => {
                let name = unique_name(&self.doc.project, "Offer");
                self.doc.project.scenarios.push(model::Scenario::new(&name));
                self.view.scenario = self.doc.project.scenarios.len() - 1;
                self.view.selection = Selection::Scenario;
            }
            Command::DuplicateScenario => {
                if let Some(s) = self.doc.project.scenarios.get(self.view.scenario) {
                    let mut copy = s.clone();
                    copy.name = unique_name(&self.doc.project, &format!("{} copy", s.name));
                    self.doc
                        .project
                        .scenarios
                        .insert(self.view.scenario + 1, copy);
                    self.view.scenario += 1;
                    self.view.selection = Selection::Scenario;
                }
            }
            Command::Delete => self.delete(),
            Command::MoveUp => self.move_selected(-1),
            Command::MoveDown => self.move_selected(1),
            Command::CopyLedger => {
                if let Some(ledger) = self.eval.cache.ledgers.get(self.view.scenario) {
                    ctx.copy_text(ledger_table::tsv(ledger));
                    self.info("Ledger copied as TSV: paste it into a spreadsheet".into());
                }
            }
            Command::Shortcuts => self.view.show_shortcuts = true,
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
        self.view.selection = Selection::Scenario;
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

    fn info(&mut self, text: String) {
        self.view.toasts.push(Toast {
            text,
            error: false,
            since: self.view.now,
        });
    }

    fn error(&mut self, text: String) {
        self.view.toasts.push(Toast {
            text,
            error: true,
            since: self.view.now,
        });
    }

    fn add(&mut self, kind: ComponentKind) {
        let project = &mut self.doc.project;
        if project.scenarios.is_empty() {
            project.scenarios.push(model::Scenario::new("Offer A"));
            self.view.scenario = 0;
        }
        let volume = project
            .volumes
            .first()
            .map(|v| v.id.clone())
            .unwrap_or_else(|| "volume".into());
        let index = project
            .indices
            .first()
            .map(|v| v.id.clone())
            .unwrap_or_else(|| "index".into());
        let kpi = project
            .kpis
            .first()
            .map(|k| k.id.clone())
            .unwrap_or_else(|| "kpi".into());
        let data_ids: Vec<String> = project
            .kpis
            .iter()
            .map(|k| k.id.clone())
            .chain(project.volumes.iter().map(|v| v.id.clone()))
            .chain(project.indices.iter().map(|v| v.id.clone()))
            .collect();
        let taken: Vec<&str> = data_ids.iter().map(String::as_str).collect();
        match kind {
            ComponentKind::KpiSeries => {
                project.kpis.push(model::KpiSeries {
                    id: editors::unique_id("kpi", &taken),
                    name: "New KPI".into(),
                    unit: "%".into(),
                    data: model::KpiData::Values {
                        values: Default::default(),
                        samples: Default::default(),
                    },
                    projected: Default::default(),
                });
                self.view.selection = Selection::Kpi(project.kpis.len() - 1);
                return;
            }
            ComponentKind::VolumeSeries => {
                project.volumes.push(model::VolumeSeries {
                    id: editors::unique_id("volume", &taken),
                    name: "New volume".into(),
                    unit: "units".into(),
                    history: Default::default(),
                    forecast: Default::default(),
                });
                self.view.selection = Selection::Volume(project.volumes.len() - 1);
                return;
            }
            ComponentKind::IndexSeries => {
                project.indices.push(model::IndexSeries {
                    id: editors::unique_id("index", &taken),
                    name: "New index".into(),
                    values: Default::default(),
                    forecast_annual_pct: Default::default(),
                });
                self.view.selection = Selection::Index(project.indices.len() - 1);
                return;
            }
            _ => {}
        }
        let scenario = &mut project.scenarios[self.view.scenario];
        self.view.selection = match kind {
            ComponentKind::FixedFee
            | ComponentKind::UnitRates
            | ComponentKind::Tiers
            | ComponentKind::ResourceAdjustment => {
                let taken: Vec<&str> = scenario.charges.iter().map(|c| c.id.as_str()).collect();
                let charge = editors::new_charge(kind, &taken, &volume);
                scenario.charges.push(charge);
                Selection::Charge(scenario.charges.len() - 1)
            }
            ComponentKind::MinimumCommitment => {
                let taken: Vec<&str> = scenario.minimums.iter().map(|c| c.id.as_str()).collect();
                scenario.minimums.push(editors::new_minimum(&taken));
                Selection::Minimum(scenario.minimums.len() - 1)
            }
            ComponentKind::Indexation => {
                if scenario.indexation.is_none() {
                    scenario.indexation = Some(editors::new_indexation(&index));
                }
                Selection::Indexation
            }
            ComponentKind::ChargeCap => {
                let taken: Vec<&str> = scenario.charge_caps.iter().map(|c| c.id.as_str()).collect();
                scenario.charge_caps.push(editors::new_charge_cap(&taken));
                Selection::ChargeCap(scenario.charge_caps.len() - 1)
            }
            ComponentKind::ServiceLevel => {
                let taken: Vec<&str> = scenario
                    .service_levels
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect();
                scenario
                    .service_levels
                    .push(editors::new_service_level(&taken, &kpi));
                Selection::ServiceLevel(scenario.service_levels.len() - 1)
            }
            ComponentKind::Bonus => {
                let taken: Vec<&str> = scenario.bonuses.iter().map(|c| c.id.as_str()).collect();
                let sl = scenario
                    .service_levels
                    .first()
                    .map(|s| s.id.clone())
                    .unwrap_or_default();
                scenario.bonuses.push(editors::new_bonus(&taken, &sl));
                Selection::Bonus(scenario.bonuses.len() - 1)
            }
            ComponentKind::Trigger => {
                let sl = scenario
                    .service_levels
                    .first()
                    .map(|s| s.id.clone())
                    .unwrap_or_default();
                scenario
                    .triggers
                    .push(model::TerminationTrigger::ConsecutiveMinimumMisses {
                        service_level: sl,
                        months: 3,
                    });
                Selection::Trigger(scenario.triggers.len() - 1)
            }
            ComponentKind::KpiSeries | ComponentKind::VolumeSeries | ComponentKind::IndexSeries => {
                self.view.selection
            }
        };
    }

    fn delete(&mut self) {
        let project = &mut self.doc.project;
        let s = self.view.scenario;
        match self.view.selection {
            Selection::Project | Selection::CreditRegime => return,
            Selection::Scenario => {
                if project.scenarios.len() > 1 {
                    project.scenarios.remove(s);
                } else {
                    self.error("A project needs at least one scenario".into());
                    return;
                }
            }
            Selection::Kpi(i) => drop(project.kpis.remove(i)),
            Selection::Volume(i) => drop(project.volumes.remove(i)),
            Selection::Index(i) => drop(project.indices.remove(i)),
            sel => {
                let Some(scenario) = project.scenarios.get_mut(s) else {
                    return;
                };
                match sel {
                    Selection::Charge(i) => drop(scenario.charges.remove(i)),
                    Selection::Minimum(i) => drop(scenario.minimums.remove(i)),
                    Selection::Indexation => scenario.indexation = None,
                    Selection::ChargeCap(i) => drop(scenario.charge_caps.remove(i)),
                    Selection::ServiceLevel(i) => drop(scenario.service_levels.remove(i)),
                    Selection::Bonus(i) => drop(scenario.bonuses.remove(i)),
                    Selection::Trigger(i) => drop(scenario.triggers.remove(i)),
                    _ => {}
                }
            }
        }
        self.view.selection = Selection::Scenario;
        self.clamp_view();
    }

    fn move_selected(&mut self, delta: isize) {
        fn shift<T>(items: &mut [T], i: usize, delta: isize) -> Option<usize> {
            let j = i.checked_add_signed(delta).filter(|j| *j < items.len())?;
            items.swap(i, j);
            Some(j)
        }
        let project = &mut self.doc.project;
        let s = self.view.scenario;
        let sel = self.view.selection;
        if sel == Selection::Scenario {
            if let Some(j) = shift(&mut project.scenarios, s, delta) {
                self.view.scenario = j;
            }
            return;
        }
        let Some(scenario) = project.scenarios.get_mut(s) else {
            return;
        };
        self.view.selection = match sel {
            Selection::Charge(i) => {
                shift(&mut scenario.charges, i, delta).map_or(sel, Selection::Charge)
            }
            Selection::Minimum(i) => {
                shift(&mut scenario.minimums, i, delta).map_or(sel, Selection::Minimum)
            }
            Selection::ChargeCap(i) => {
                shift(&mut scenario.charge_caps, i, delta).map_or(sel, Selection::ChargeCap)
            }
            Selection::ServiceLevel(i) => {
                shift(&mut scenario.service_levels, i, delta).map_or(sel, Selection::ServiceLevel)
            }
            Selection::Bonus(i) => {
                shift(&mut scenario.bonuses, i, delta).map_or(sel, Selection::Bonus)
            }
            Selection::Trigger(i) => {
                shift(&mut scenario.triggers, i, delta).map_or(sel, Selection::Trigger)
            }
            other => other,
        };
    }

    fn menu_bar(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                self.menu_item(ui, Command::New);
                self.menu_item(ui, Command::Open);
                ui.menu_button("Open recent", |ui| {
                    if self.settings.recent.is_empty() {
                        ui.label("No recent files");
                    }
                    for path in self.settings.recent.clone() {
                        self.menu_item(ui, Command::OpenPath(path));
                    }
                });
                ui.menu_button("Samples", |ui| {
                    let samples = files::samples();
                    if samples.is_empty() {
                        ui.label("No bundled samples found");
                    }
                    for path in samples {
                        let name = path
                            .file_stem()
                            .map(|s| s.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        if ui
                            .button(name)
                            .on_hover_text(path.display().to_string())
                            .clicked()
                        {
                            self.queue.push(Command::OpenPath(path));
                        }
                    }
                });
                ui.separator();
                self.menu_item(ui, Command::Save);
                self.menu_item(ui, Command::SaveAs);
                ui.separator();
                self.menu_item(ui, Command::ImportKpis);
                ui.add_enabled_ui(!self.doc.project.imports.is_empty(), |ui| {
                    ui.menu_button("Re-import", |ui| {
                        for (i, source) in self.doc.project.imports.clone().iter().enumerate() {
                            if ui
                                .button(charts::reimport_label(&source.file))
                                .on_hover_text(format!(
                                    "{}\n{}",
                                    source.file,
                                    Command::Reimport(i).tooltip()
                                ))
                                .clicked()
                            {
                                self.queue.push(Command::Reimport(i));
                            }
                        }
                    });
                });
                ui.separator();
                self.menu_item(ui, Command::Quit);
            });
            ui.menu_button("Edit", |ui| {
                let undo = self.can_undo();
                let redo = self.history.can_redo();
                ui.add_enabled_ui(undo, |ui| self.menu_item(ui, Command::Undo));
                ui.add_enabled_ui(redo, |ui| self.menu_item(ui, Command::Redo));
                ui.separator();
                self.menu_item(ui, Command::NewScenario);
                self.menu_item(ui, Command::DuplicateScenario);
                self.menu_item(ui, Command::Delete);
                self.menu_item(ui, Command::MoveUp);
                self.menu_item(ui, Command::MoveDown);
                ui.separator();
                self.menu_item(ui, Command::CopyLedger);
            });
            ui.menu_button("View", |ui| {
                ui.checkbox(&mut self.settings.show_tree, "Project tree");
                ui.checkbox(&mut self.settings.show_charts, "Charts");
                ui.checkbox(&mut self.settings.show_ledger, "Ledger tab");
                ui.checkbox(
                    &mut self.settings.show_frame_time,
                    "Frame time in status bar",
                );
                if ui
                    .button("Flags…")
                    .on_hover_text("Triggers, caps, change control and missing data of the offer")
                    .clicked()
                {
                    self.view.flags.open = true;
                }
                ui.separator();
                ui.label("Period");
                if ui
                    .radio(matches!(self.view.period, Period::Month(_)), "Month")
                    .clicked()
                    && !matches!(self.view.period, Period::Month(_))
                {
                    let project = &self.doc.project;
                    self.view.period =
                        Period::Month(project.history_end().unwrap_or(project.start));
                }
                let years = self.doc.project.term_months.div_ceil(12).max(1);
                for period in (1..=years).map(Period::Year).chain([Period::Term]) {
                    if ui
                        .radio(self.view.period == period, period.label())
                        .clicked()
                    {
                        self.view.period = period;
                    }
                }
                ui.separator();
                ui.label("Chart");
                for tab in ChartTab::ALL {
                    if ui.radio(self.view.chart == tab, tab.label()).clicked() {
                        self.view.chart = tab;
                    }
                }
            });
            ui.menu_button("Help", |ui| {
                self.menu_item(ui, Command::Shortcuts);
                self.menu_item(ui, Command::About);
            });
        });
    }

    fn menu_item(&mut self, ui: &mut Ui, command: Command) {
        let mut button = egui::Button::new(command.label());
        if let Some(shortcut) = command.shortcuts().first() {
            button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
        }
        if ui.add(button).on_hover_text(command.tooltip()).clicked() {
            self.queue.push(command);
        }
    }

    fn toolbar(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let project = &self.doc.project;
            let label = ui.label("Scenario");
            let current = project
                .scenarios
                .get(self.view.scenario)
                .map_or("", |s| s.name.as_str());
            egui::ComboBox::from_id_salt("scenario")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    for (i, s) in project.scenarios.iter().enumerate() {
                        if ui
                            .selectable_label(i == self.view.scenario, &s.name)
                            .clicked()
                        {
                            self.view.scenario = i;
                            self.view.selection = Selection::Scenario;
                        }
                    }
                })
                .response
                .labelled_by(label.id);
            ui.separator();
            period_picker(ui, project, &mut self.view.period);
            ui.separator();
            for command in [Command::Undo, Command::Redo] {
                let enabled = match command {
                    Command::Undo => self.can_undo(),
                    _ => self.history.can_redo(),
                };
                let shortcut = command
                    .shortcuts()
                    .first()
                    .map(|s| ui.ctx().format_shortcut(s))
                    .unwrap_or_default();
                let icon = if command == Command::Undo {
                    "Undo"
                } else {
                    "Redo"
                };
                if ui
                    .add_enabled(enabled, egui::Button::new(icon))
                    .on_hover_text(format!("{} ({shortcut})", command.tooltip()))
                    .clicked()
                {
                    self.queue.push(command);
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.strong(&self.doc.project.name);
            });
        });
    }

    fn windows(&mut self, ctx: &egui::Context) {
        status::flags_window(
            ctx,
            self.eval.cache.ledgers.get(self.view.scenario),
            &mut self.view.flags,
            &mut self.view.period,
        );
        let mut open = self.view.show_shortcuts;
        egui::Window::new("Keyboard shortcuts")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for command in Command::MENU {
                        let keys: Vec<String> = command
                            .shortcuts()
                            .iter()
                            .map(|s| ctx.format_shortcut(s))
                            .collect();
                        if keys.is_empty() {
                            continue;
                        }
                        ui.label(command.label());
                        ui.monospace(keys.join("  or  "));
                        ui.end_row();
                    }
                });
                ui.label("Shortcuts do not fire while you type in a field.");
            });
        self.view.show_shortcuts = open;
        let mut open = self.view.show_about;
        egui::Window::new("About Dealbench").open(&mut open).collapsible(false).resizable(false).show(ctx, |ui| {
            ui.heading("Dealbench");
            ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
            ui.label("Model and negotiate service contracts: build the agreement, move its terms, watch the money.");
        });
        self.view.show_about = open;
    }
}

impl eframe::App for DealbenchApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if let Some(path) = &self.doc.path {
            self.settings.last_project = Some(path.clone());
        }
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
        // Unsaved work survives a crash: eframe calls this every 30 s and on exit.
        if let Some(path) = files::recovery_path() {
            if self.doc.is_dirty() && !self.view.closing {
                let _ = std::fs::create_dir_all(path.parent().unwrap_or(&path));
                if let Err(err) = project_io::save(&path, &self.doc.project) {
                    self.error(format!("Could not write the recovery file: {err}"));
                }
            } else {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
}

/// The period the app opens on: the first contract year, the figure negotiations start from.
fn first_period(_project: &Project) -> Period {
    Period::Year(1)
}

fn period_picker(ui: &mut Ui, project: &Project, period: &mut Period) {
    let label = ui.label("Period");
    let years = project.term_months.div_ceil(12).max(1);
    egui::ComboBox::from_id_salt("period_kind")
        .selected_text(match period {
            Period::Month(_) => "Month".to_owned(),
            Period::Year(y) => format!("Contract year {y}"),
            Period::Term => "Whole term".to_owned(),
        })
        .show_ui(ui, |ui| {
            let month = match *period {
                Period::Month(m) => m,
                _ => project.history_end().unwrap_or(project.start),
            };
            if ui
                .selectable_label(matches!(period, Period::Month(_)), "Month")
                .clicked()
            {
                *period = Period::Month(month);
            }
            for y in 1..=years {
                if ui
                    .selectable_label(*period == Period::Year(y), format!("Contract year {y}"))
                    .clicked()
                {
                    *period = Period::Year(y);
                }
            }
            if ui
                .selectable_label(*period == Period::Term, "Whole term")
                .clicked()
            {
                *period = Period::Term;
            }
        })
        .response
        .labelled_by(label.id);
    if let Period::Month(m) = period {
        if ui
            .small_button("‹")
            .on_hover_text("Previous month")
            .clicked()
            && *m > project.start
        {
            *m = m.plus(-1);
        }
        ui.monospace(m.to_string());
        if ui.small_button("›").on_hover_text("Next month").clicked() && *m < project.end() {
            *m = m.plus(1);
        }
    }
}

fn unique_name(project: &Project, base: &str) -> String {
    let first: Vec<String> = if base == "Offer" {
        ('A'..='Z').map(|c| format!("Offer {c}")).collect()
    } else {
        vec![base.to_owned()]
    };
    first
        .into_iter()
        .chain((2..).map(|n| format!("{base} {n}")))
        .find(|name| project.scenario(name).is_none())
        .expect("an unused name exists")
}

fn selection_exists(project: &Project, scenario: usize, selection: Selection) -> bool {
    let s = project.scenarios.get(scenario);
    match selection {
        Selection::Project | Selection::Scenario => true,
        Selection::Kpi(i) => i < project.kpis.len(),
        Selection::Volume(i) => i < project.volumes.len(),
        Selection::Index(i) => i < project.indices.len(),
        Selection::Charge(i) => s.is_some_and(|s| i < s.charges.len()),
        Selection::Minimum(i) => s.is_some_and(|s| i < s.minimums.len()),
        Selection::Indexation => s.is_some_and(|s| s.indexation.is_some()),
        Selection::ChargeCap(i) => s.is_some_and(|s| i < s.charge_caps.len()),
        Selection::ServiceLevel(i) => s.is_some_and(|s| i < s.service_levels.len()),
        Selection::CreditRegime => s.is_some(),
        Selection::Bonus(i) => s.is_some_and(|s| i < s.bonuses.len()),
        Selection::Trigger(i) => s.is_some_and(|s| i < s.triggers.len()),
    }
}
