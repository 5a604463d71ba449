//! The risk simulation of every offer, run on a worker thread so that no frame waits for it.
//!
//! A run simulates the offer shown first, then the others; a first pass of a few hundred
//! trials answers within a fraction of a second, then the full count refines it. Any change of
//! the project (a dragged target, an edited term, the seed) stops the run and starts a new one;
//! the figures shown until it answers are the last ones, marked as updating. Stop keeps the
//! trials finished so far (a prefix of the trials, so a stopped run agrees with a shorter one).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

use eframe::egui::Context;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::engine::risk::{Control, Observer, RiskReport, Simulation, TrialRow, nearest_rank};
use crate::model::limits::MAX_TRIALS;
use crate::model::{Project, RiskSettings};

/// Trials of the first pass: enough for a usable fan within a fraction of a second.
pub const FIRST_PASS_TRIALS: u32 = 250;

/// The trials the fan's monthly bands are drawn from, at most: the first 100,000 (a picture
/// does not change past that, and a million trials of a ten-year term would hold a gigabyte
/// of monthly amounts). Every figure and the histogram use all trials.
pub const FAN_TRIALS: usize = 100_000;

/// The percentiles a fan band is drawn between, with its median.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Band {
    /// 5th percentile (nearest rank).
    pub p5: f64,
    /// 25th percentile.
    pub p25: f64,
    /// The median.
    pub p50: f64,
    /// 75th percentile.
    pub p75: f64,
    /// 95th percentile.
    pub p95: f64,
}

impl Band {
    /// The band of `values` (sorted here); `None` when empty.
    fn of(values: &mut [f32]) -> Option<Self> {
        values.sort_by(f32::total_cmp);
        let p = |q| nearest_rank(values, q).map(f64::from);
        Some(Self {
            p5: p(5)?,
            p25: p(25)?,
            p50: p(50)?,
            p75: p(75)?,
            p95: p(95)?,
        })
    }
}

/// One offer's simulated futures as the Risk view draws them.
#[derive(Debug, Clone)]
pub struct OfferRisk {
    /// The figures (exact).
    pub report: RiskReport,
    /// Per month of the term, the spread of credits over the trials.
    pub credits: Vec<Band>,
    /// Per month of the term, the spread of net over the trials.
    pub net: Vec<Band>,
    /// Each trial's credits over the term, for the histogram.
    pub term_credits: Vec<f64>,
    /// Per contract year, each trial's credits in that year.
    pub year_credits: Vec<Vec<f64>>,
    /// The project revision simulated.
    pub revision: u64,
}

/// What the worker is doing.
#[derive(Debug, Clone, PartialEq)]
pub enum RunState {
    /// Nothing to do: the figures shown are for the project as it is.
    Idle,
    /// Simulating `offer` (a scenario index): `done` of `of` trials of this pass.
    Running {
        /// The offer being simulated.
        offer: usize,
        /// Trials finished in this pass.
        done: u64,
        /// Trials in this pass.
        of: u64,
    },
    /// Stopped by the user.
    Stopped,
}

/// The risk of every offer, kept current in the background.
pub struct RiskRunner {
    /// Per scenario, the latest figures (possibly of an earlier revision while a run goes).
    pub offers: Vec<Option<OfferRisk>>,
    /// Per scenario, why it cannot be simulated (no history, a block too long, …).
    pub errors: Vec<Option<String>>,
    /// What the worker is doing.
    pub state: RunState,
    /// The revision the current or last run is for.
    revision: Option<u64>,
    job: Option<Job>,
}

struct Job {
    stop: Arc<AtomicBool>,
    inbox: Receiver<Message>,
}

enum Message {
    Progress {
        offer: usize,
        done: u64,
        of: u64,
    },
    Result {
        offer: usize,
        result: Box<Result<OfferRisk, String>>,
    },
    Finished,
}

impl Default for RiskRunner {
    fn default() -> Self {
        Self::new()
    }
}

impl RiskRunner {
    /// A runner with no figures yet.
    pub fn new() -> Self {
        Self {
            offers: Vec::new(),
            errors: Vec::new(),
            state: RunState::Idle,
            revision: None,
            job: None,
        }
    }

    /// Takes what the worker sent, and when the figures are wanted (the Risk view is shown)
    /// and the project changed since the last run, starts a new run (`first` is simulated
    /// first). A run for an older revision is stopped whether or not figures are wanted.
    pub fn update(
        &mut self,
        project: &Project,
        revision: u64,
        first: usize,
        wanted: bool,
        wake: &Context,
    ) {
        self.receive();
        let current = self.revision == Some(revision);
        if !current && self.job.is_some() {
            self.cancel();
            self.state = RunState::Idle;
        }
        if wanted && !current && self.state != RunState::Stopped {
            self.start(project, revision, first, wake);
        }
    }

    /// Whether the figures of `offer` will still change: they are for an older revision, or a
    /// run going will refine them toward the `trials` asked for.
    pub fn is_stale(&self, offer: usize, trials: u32) -> bool {
        let shown = self.offers.get(offer).and_then(|o| o.as_ref());
        shown.is_some_and(|o| {
            let old = Some(o.revision) != self.revision;
            old || (self.job.is_some() && o.report.trials < u64::from(trials))
        })
    }

    /// Stops the run, keeping the trials finished so far.
    pub fn stop(&mut self) {
        if let Some(job) = &self.job {
            job.stop.store(true, Ordering::Relaxed);
        }
        self.state = RunState::Stopped;
    }

    /// Runs again from the start (after Stop, or to see it run).
    pub fn restart(&mut self) {
        self.cancel();
        self.revision = None;
        self.state = RunState::Idle;
    }

    /// Whether a run is going.
    pub fn is_running(&self) -> bool {
        self.job.is_some()
    }

    fn cancel(&mut self) {
        if let Some(job) = self.job.take() {
            // The worker sees the flag within one batch of trials and exits; nobody waits.
            job.stop.store(true, Ordering::Relaxed);
        }
    }

    fn start(&mut self, project: &Project, revision: u64, first: usize, wake: &Context) {
        self.cancel();
        let count = project.scenarios.len();
        self.offers.resize(count, None);
        self.errors.resize(count, None);
        let stop = Arc::new(AtomicBool::new(false));
        let (outbox, inbox) = channel();
        let work = Work {
            project: project.clone(),
            revision,
            first,
            stop: stop.clone(),
            outbox,
            wake: wake.clone(),
        };
        let spawned = std::thread::Builder::new()
            .name("dealbench-risk".into())
            .spawn(move || work.run());
        self.revision = Some(revision);
        match spawned {
            Ok(_) => {
                self.job = Some(Job { stop, inbox });
                self.state = RunState::Running {
                    offer: first,
                    done: 0,
                    of: 0,
                };
            }
            Err(err) => {
                let message = format!("the simulation could not start: {err}");
                self.errors
                    .iter_mut()
                    .for_each(|e| *e = Some(message.clone()));
                self.state = RunState::Idle;
            }
        }
    }

    fn receive(&mut self) {
        let Some(job) = &self.job else { return };
        let mut finished = false;
        while let Ok(message) = job.inbox.try_recv() {
            match message {
                Message::Progress { offer, done, of } => {
                    if self.state != RunState::Stopped {
                        self.state = RunState::Running { offer, done, of };
                    }
                }
                Message::Result { offer, result } => match *result {
                    Ok(risk) => {
                        self.errors[offer] = None;
                        // A run stopped early may have fewer trials than the first pass had:
                        // keep whichever saw more of the current revision.
                        let keep = self.offers[offer].as_ref().is_some_and(|old| {
                            old.revision == risk.revision && old.report.trials > risk.report.trials
                        });
                        if !keep {
                            self.offers[offer] = Some(risk);
                        }
                    }
                    Err(err) => {
                        self.errors[offer] = Some(err);
                        self.offers[offer] = None;
                    }
                },
                Message::Finished => finished = true,
            }
        }
        if finished {
            self.job = None;
            if self.state != RunState::Stopped {
                self.state = RunState::Idle;
            }
        }
    }
}

/// A run on the worker thread: every offer, first pass then full.
struct Work {
    project: Project,
    revision: u64,
    first: usize,
    stop: Arc<AtomicBool>,
    outbox: Sender<Message>,
    wake: Context,
}

impl Work {
    fn run(self) {
        let settings = self.project.risk;
        let first_pass = settings.trials.min(FIRST_PASS_TRIALS);
        let passes: &[u32] = if first_pass < settings.trials {
            &[first_pass, settings.trials]
        } else {
            &[first_pass]
        };
        let count = self.project.scenarios.len();
        let order: Vec<usize> = std::iter::once(self.first)
            .chain((0..count).filter(|&i| i != self.first))
            .filter(|&i| i < count)
            .collect();
        'passes: for &trials in passes {
            for &offer in &order {
                let settings = RiskSettings { trials, ..settings };
                let result = self.offer(offer, settings);
                let sent = self.outbox.send(Message::Result {
                    offer,
                    result: Box::new(result),
                });
                self.wake.request_repaint();
                if sent.is_err() || self.stop.load(Ordering::Relaxed) {
                    break 'passes;
                }
            }
        }
        let _ = self.outbox.send(Message::Finished);
        self.wake.request_repaint();
    }

    fn offer(&self, offer: usize, settings: RiskSettings) -> Result<OfferRisk, String> {
        if u64::from(settings.trials) > MAX_TRIALS {
            return Err(format!(
                "the project asks for {} trials, more than the {MAX_TRIALS} one run may take; enter fewer trials",
                settings.trials
            ));
        }
        let scenario = &self.project.scenarios[offer];
        let simulation =
            Simulation::new(&self.project, scenario, settings).map_err(|e| e.to_string())?;
        let months = simulation.replay().months.len();
        let years = simulation.replay().years.len();
        let mut collect = Collect {
            work: self,
            offer,
            credits: vec![Vec::new(); months],
            net: vec![Vec::new(); months],
            term_credits: Vec::new(),
            year_credits: vec![Vec::new(); years],
        };
        // One core stays free for the window.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().max(2) - 1);
        let control = Control {
            threads: Some(threads),
            stop: &self.stop,
        };
        let report = simulation
            .run(&control, &mut collect)
            .map_err(|e| e.to_string())?;
        let bands = |series: Vec<Vec<f32>>| {
            series
                .into_iter()
                .map(|mut values| Band::of(&mut values).unwrap_or_default())
                .collect()
        };
        Ok(OfferRisk {
            report,
            credits: bands(collect.credits),
            net: bands(collect.net),
            term_credits: collect.term_credits,
            year_credits: collect.year_credits,
            revision: self.revision,
        })
    }
}

/// Keeps, of each trial, what the charts draw (in f64: the plot boundary).
struct Collect<'a> {
    work: &'a Work,
    offer: usize,
    credits: Vec<Vec<f32>>,
    net: Vec<Vec<f32>>,
    term_credits: Vec<f64>,
    year_credits: Vec<Vec<f64>>,
}

fn plot(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

impl Observer for Collect<'_> {
    fn trial(&mut self, rows: &[TrialRow]) {
        if self.term_credits.len() < FAN_TRIALS {
            let months = rows.iter().flat_map(|r| &r.months);
            for ((m, credits), net) in months.zip(&mut self.credits).zip(&mut self.net) {
                // A picture's precision: f32 halves the memory of the bands' inputs.
                credits.push(plot(m.credits) as f32);
                net.push(plot(m.net) as f32);
            }
        }
        let term: Decimal = rows.iter().map(|r| r.credits).sum();
        self.term_credits.push(plot(term));
        for (row, year) in rows.iter().zip(&mut self.year_credits) {
            year.push(plot(row.credits));
        }
    }

    fn progress(&mut self, done: u64, of: u64) {
        let offer = self.offer;
        let _ = self.work.outbox.send(Message::Progress { offer, done, of });
        self.work.wake.request_repaint();
    }
}
