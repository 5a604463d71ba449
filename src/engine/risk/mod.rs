//! Risk: what an offer will likely cost over the term, and how sure we are.
//!
//! The replay (`evaluate`) bills the offer on one future: the history and the projection. The
//! simulation bills it on many. Every month of the term without KPI data is *simulated*: it
//! takes one whole history month of KPI observations, drawn uniformly with replacement from the
//! *pool* of history months (month-joint, so the KPIs' correlation is kept), optionally in
//! blocks of L consecutive history months so that runs of bad months survive. [`plan`] defines
//! the pool, the simulated months and the draws exactly; [`draw`] the portable SplitMix64
//! stream they come from.
//!
//! Each trial bills the offer as the full engine does ([`trial`], the reference path): volumes
//! follow the projection as in `eval`, and every mechanic that carries state from month to month
//! applies. Where the offer allows, trials run on the [`fast`] path instead: the same rows to
//! the cent, from charges, measurements and credits precomputed by the engine's own functions
//! and a month loop in integer minor units ([`Simulation::path`] says which path runs,
//! [`Simulation::with_path`] asks for the reference). Results ([`RiskReport`])
//! are distributions by contract year and over the term with percentiles by nearest rank
//! ([`stats`]), the odds of each termination trigger and of each cap binding, the fee at risk
//! and the risk-adjusted fee ([`fee`]). Trials are independent and each draws from its own
//! position in the stream, so results are identical on any number of threads.
//!
//! ```
//! use std::sync::atomic::AtomicBool;
//! use dealbench::engine::risk::{Control, Simulation};
//! use dealbench::model::{KpiData, KpiSeries, Project, RiskSettings, YearMonth};
//! use rust_decimal::Decimal;
//!
//! let start = YearMonth::new(2025, 1).unwrap();
//! let mut project = Project::new_blank(start);
//! project.term_months = 12;
//! // One month of answer times: the other 11 months of the term are simulated from it.
//! project.kpis.push(KpiSeries {
//!     id: "asa_secs".into(),
//!     name: "Answer time".into(),
//!     unit: "s".into(),
//!     data: KpiData::Values {
//!         values: [(start, Decimal::new(28, 0))].into(),
//!         samples: Default::default(),
//!     },
//!     projected: Default::default(),
//! });
//! let settings = RiskSettings { trials: 10, ..RiskSettings::default() };
//! let simulation = Simulation::new(&project, &project.scenarios[0], settings).unwrap();
//! assert_eq!(simulation.plan().simulated.len(), 11);
//! let stop = AtomicBool::new(false);
//! let report = simulation.run(&Control { threads: Some(1), stop: &stop }, &mut ()).unwrap();
//! assert_eq!((report.trials, report.settings.seed), (10, 0));
//! ```

pub mod draw;
pub mod fast;
pub mod fee;
pub mod plan;
pub mod spread;
pub mod stats;
pub mod trial;

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use rust_decimal::Decimal;
use serde::Serialize;

pub use draw::SplitMix64;
pub use fast::{Path, Unsupported};
pub use fee::{FeeAtRisk, MonthAtRisk, PeriodAtRisk, RiskAdjustedFee};
pub use plan::Plan;
pub use spread::{Band, Spread, SpreadCollector};
pub use stats::{Distribution, Figures, Frequency, nearest_rank};
pub use trial::{MonthAmounts, TrialRow, Watched};

use super::{Ledger, Rounder, evaluate};
use crate::model::{Project, RiskSettings, Scenario, YearMonth};
use stats::Outcomes;

/// The name of the draw stream, as every output states it.
pub const DRAW: &str = "splitmix64";

/// Trials run between two looks at the stop flag and two progress reports, per thread.
const BATCH_PER_THREAD: usize = 32;

/// Why a simulation cannot run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RiskError {
    /// Months are to be simulated but no KPI has any data to draw them from.
    #[error(
        "no KPI history to draw the simulated months from: add KPI data for at least one month"
    )]
    NoHistory,
    /// The block length is zero or longer than the history.
    #[error(
        "a block of {block_months} months does not fit the {history_months} months of KPI history: choose a block length from 1 to {history_months}"
    )]
    BlockLength {
        /// The block length asked for.
        block_months: u32,
        /// The pool's size, H.
        history_months: usize,
    },
    /// Zero trials were asked for.
    #[error("no trials to run: ask for at least 1")]
    NoTrials,
    /// An input lies outside its documented range ([`crate::model::limits`]): trials bypass
    /// `evaluate`'s own guard, so the run is refused up front instead.
    #[error("{0}; fix it before simulating")]
    OutOfRange(String),
    /// The worker threads could not be started.
    #[error("the simulation's worker threads could not start: {0}")]
    Threads(String),
}

/// How a run is carried out; none of it changes the results.
#[derive(Debug, Clone, Copy)]
pub struct Control<'a> {
    /// Worker threads; `None` for one per core (rayon's global pool, or the pool the caller
    /// runs in). `Some(n)` builds a pool of n threads for the run: call it from outside any
    /// rayon pool, since a rayon worker waiting on another pool takes other work meanwhile.
    pub threads: Option<usize>,
    /// Set to stop the run: it returns the report of the trials finished so far (a prefix of
    /// the trials, so a stopped run agrees with a shorter one).
    pub stop: &'a AtomicBool,
}

/// Told about a run as it goes, on the calling thread, in trial order.
pub trait Observer {
    /// One trial's rows (one per contract year), in trial order: for a streaming export.
    fn trial(&mut self, _rows: &[TrialRow]) {}
    /// `done` of `of` trials are finished.
    fn progress(&mut self, _done: u64, _of: u64) {}
}

/// Nothing to be told.
impl Observer for () {}

/// The distributions of one contract year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearFigures {
    /// The contract year (1, 2, …).
    pub contract_year: u32,
    /// Credits, bonuses, earn-back and net over the trials.
    #[serde(flatten)]
    pub figures: Figures,
}

/// How often a termination trigger fired during the term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TriggerOdds {
    /// The ledger component of its flags: the service level watched, or `credit_cap`.
    pub trigger: String,
    /// The rule, in words.
    pub rule: String,
    /// The trials in which it fired at least once.
    pub fired: Frequency,
}

/// How often a cap bound in each contract year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CapOdds {
    /// The ledger component of its flags (see [`Watched::caps`]).
    pub cap: String,
    /// For each contract year, the trials in which it bound at least once.
    pub years: Vec<Frequency>,
}

/// The risk of one offer: what the simulated futures of the term cost, and how often things go
/// wrong. States the seed, the trials and the block length, so it can be reproduced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RiskReport {
    /// The offer.
    pub scenario: String,
    /// The contract currency.
    pub currency: String,
    /// The settings asked for (`trials` is the count asked for).
    pub settings: RiskSettings,
    /// The trials run: fewer than asked when the run was stopped.
    pub trials: u64,
    /// The draw stream, [`DRAW`].
    pub draw: &'static str,
    /// The history months drawn from.
    pub pool: Vec<YearMonth>,
    /// The months of the term that were simulated.
    pub simulated: Vec<YearMonth>,
    /// Each contract year's distributions.
    pub contract_years: Vec<YearFigures>,
    /// The term's distributions.
    pub term: Figures,
    /// Each termination trigger of the offer, in its order.
    pub triggers: Vec<TriggerOdds>,
    /// The trials in which any termination trigger fired (escalation steps not counted).
    pub any_trigger: Frequency,
    /// Each cap of the offer.
    pub caps: Vec<CapOdds>,
    /// The caps' limits beside the expected and bad-year credits.
    pub fee_at_risk: FeeAtRisk,
    /// The fee that keeps expected net revenue at today's fee.
    pub risk_adjusted_fee: RiskAdjustedFee,
}

/// A risk run of one offer, ready to go: its plan, and the replay it is compared with.
pub struct Simulation<'a> {
    project: &'a Project,
    scenario: &'a Scenario,
    settings: RiskSettings,
    plan: Plan,
    watched: Watched,
    replay: Ledger,
    /// The offer precomputed for the fast path, or why it is not covered.
    fast: Result<fast::Prepared, Unsupported>,
    /// The path asked for.
    path: Path,
}

impl<'a> Simulation<'a> {
    /// Prepares the simulation of `scenario` with `settings` (trials, seed, block length).
    pub fn new(
        project: &'a Project,
        scenario: &'a Scenario,
        settings: RiskSettings,
    ) -> Result<Self, RiskError> {
        if settings.trials == 0 {
            return Err(RiskError::NoTrials);
        }
        if let Some(problem) = crate::model::validate::out_of_range(project).first() {
            return Err(RiskError::OutOfRange(problem.to_string()));
        }
        // The replay's own guard (an indexation compounding past its bound) refuses the run
        // too: trials and the fast path's preparation bill the same charges.
        let replay = evaluate(project, scenario);
        if let Some(flag) = (replay.flags.iter()).find(|f| f.kind == super::FlagKind::OutOfRange) {
            return Err(RiskError::OutOfRange(flag.message.clone()));
        }
        let plan = Plan::new(project, settings.block_months, settings.seed)?;
        let watched = Watched::of(scenario);
        Ok(Self {
            project,
            scenario,
            settings,
            fast: fast::prepare(project, scenario, &plan, &watched),
            plan,
            watched,
            replay,
            path: Path::Fast,
        })
    }

    /// The same simulation run on `path`: [`Path::Reference`] runs every trial on the full
    /// engine, to check the fast path against it. The results are the same either way.
    pub fn with_path(mut self, path: Path) -> Self {
        self.path = path;
        self
    }

    /// Whether the fast path covers this offer, and why not when it does not (its trials then
    /// run on the full engine).
    pub fn fast_path(&self) -> Result<(), &Unsupported> {
        self.fast.as_ref().map(|_| ())
    }

    /// The path the trials run on: [`Path::Fast`] only when it was asked for and covers the
    /// offer.
    pub fn path(&self) -> Path {
        match (&self.fast, self.path) {
            (Ok(_), Path::Fast) => Path::Fast,
            _ => Path::Reference,
        }
    }

    /// The rows of `trial`, on the path the simulation runs.
    fn trial_rows(&self, trial: u64, scratch: &mut Option<fast::Scratch>) -> Vec<TrialRow> {
        match (&self.fast, self.path, scratch) {
            (Ok(prepared), Path::Fast, Some(scratch)) => prepared.run(trial, scratch),
            _ => trial::run(
                self.project,
                self.scenario,
                &self.plan,
                &self.watched,
                trial,
            ),
        }
    }

    /// Which months are drawn from and which are simulated.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The replay: the offer evaluated on the history and the projection.
    pub fn replay(&self) -> &Ledger {
        &self.replay
    }

    /// The full ledger of one trial (see [`trial::ledger`]).
    pub fn trial_ledger(&self, trial: u64) -> Ledger {
        trial::ledger(self.project, self.scenario, &self.plan, trial)
    }

    /// Runs the trials and summarises them, telling `observer` each trial's rows and the
    /// progress. Stops early, with the trials finished, when `control.stop` is set.
    pub fn run(
        &self,
        control: &Control<'_>,
        observer: &mut dyn Observer,
    ) -> Result<RiskReport, RiskError> {
        let pool = match control.threads {
            Some(n) => Some(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(n.max(1))
                    .build()
                    .map_err(|e| RiskError::Threads(e.to_string()))?,
            ),
            None => None,
        };
        let threads = pool
            .as_ref()
            .map_or_else(rayon::current_num_threads, |p| p.current_num_threads());
        let batch = (threads * BATCH_PER_THREAD) as u64;
        let total = u64::from(self.settings.trials);
        let mut tally = Tally::new(self.replay.years.len(), &self.watched);
        // Any termination trigger: an escalation step is not a right to terminate.
        tally.termination = (self.scenario.triggers.iter())
            .map(|t| !t.is_escalation())
            .collect();
        let mut done = 0;
        while done < total && !control.stop.load(Ordering::Relaxed) {
            let end = (done + batch).min(total);
            let run_batch = || {
                // Trials are counted in u32 (the settings), so they index as usize everywhere.
                (done as usize..end as usize)
                    .into_par_iter()
                    // Whole runs of trials per thread: one scratch space each, not one a trial.
                    .with_min_len(BATCH_PER_THREAD)
                    .map_init(
                        || match (&self.fast, self.path) {
                            (Ok(prepared), Path::Fast) => Some(prepared.scratch()),
                            _ => None,
                        },
                        |scratch, t| {
                            (!control.stop.load(Ordering::Relaxed))
                                .then(|| self.trial_rows(t as u64, scratch))
                        },
                    )
                    .collect::<Option<Vec<Vec<TrialRow>>>>()
            };
            let rows = match &pool {
                Some(pool) => pool.install(run_batch),
                None => run_batch(),
            };
            // A batch cut short is dropped whole: the report covers trials 0..done.
            let Some(rows) = rows else { break };
            for trial in &rows {
                tally.add(trial);
                observer.trial(trial);
            }
            done = end;
            observer.progress(done, total);
        }
        Ok(self.report(tally))
    }

    fn report(&self, mut tally: Tally) -> RiskReport {
        let rounder = Rounder::new(self.project.rounding);
        let mean_net = stats::mean(&tally.term.net);
        let contract_years: Vec<YearFigures> = self
            .replay
            .years
            .iter()
            .zip(&mut tally.years)
            .map(|(y, outcomes)| YearFigures {
                contract_year: y.contract_year,
                figures: outcomes.figures(&rounder),
            })
            .collect();
        let term = tally.term.figures(&rounder);
        let year_credits: Vec<Distribution> =
            contract_years.iter().map(|y| y.figures.credits).collect();
        let of = tally.trials;
        let frequency = |trials| Frequency { trials, of };
        RiskReport {
            scenario: self.scenario.name.clone(),
            currency: self.project.currency.clone(),
            settings: self.settings,
            trials: of,
            draw: DRAW,
            pool: self.plan.pool.clone(),
            simulated: self.plan.simulated.clone(),
            contract_years,
            term,
            triggers: (self.scenario.triggers.iter())
                .zip(&self.watched.triggers)
                .zip(&tally.triggers)
                .map(|((rule, trigger), &n)| TriggerOdds {
                    trigger: trigger.clone(),
                    rule: rule.rule(),
                    fired: frequency(n),
                })
                .collect(),
            any_trigger: frequency(tally.any_trigger),
            caps: (self.watched.caps.iter())
                .zip(&tally.caps)
                .map(|(cap, years)| CapOdds {
                    cap: cap.clone(),
                    years: years.iter().map(|&n| frequency(n)).collect(),
                })
                .collect(),
            fee_at_risk: fee::fee_at_risk(
                self.scenario,
                &self.replay,
                &rounder,
                &year_credits,
                &term.credits,
            ),
            risk_adjusted_fee: fee::risk_adjusted_fee(&self.replay, mean_net, &rounder),
        }
    }
}

/// Everything kept of the trials run: their amounts per period, and counts.
struct Tally {
    /// Per trigger: whether it is a termination right (not an escalation step), what "any
    /// trigger" counts.
    termination: Vec<bool>,
    trials: u64,
    years: Vec<Outcomes>,
    term: Outcomes,
    triggers: Vec<u64>,
    any_trigger: u64,
    /// Per cap, per contract year: trials in which it bound.
    caps: Vec<Vec<u64>>,
}

impl Tally {
    fn new(years: usize, watched: &Watched) -> Self {
        Self {
            termination: vec![true; watched.triggers.len()],
            trials: 0,
            years: vec![Outcomes::default(); years],
            term: Outcomes::default(),
            triggers: vec![0; watched.triggers.len()],
            any_trigger: 0,
            caps: vec![vec![0; years]; watched.caps.len()],
        }
    }

    fn add(&mut self, rows: &[TrialRow]) {
        self.trials += 1;
        let mut term = [Decimal::ZERO; 4];
        let mut fired = vec![false; self.triggers.len()];
        for (y, row) in rows.iter().enumerate() {
            if let Some(year) = self.years.get_mut(y) {
                year.push(row.credits, row.bonuses, row.earn_back, row.net);
            }
            for (sum, amount) in
                term.iter_mut()
                    .zip([row.credits, row.bonuses, row.earn_back, row.net])
            {
                *sum += amount;
            }
            row.triggers.iter().for_each(|&t| fired[t] = true);
            for &c in &row.caps_binding {
                if let Some(n) = self.caps[c].get_mut(y) {
                    *n += 1;
                }
            }
        }
        let [credits, bonuses, earn_back, net] = term;
        self.term.push(credits, bonuses, earn_back, net);
        for (n, fired) in self.triggers.iter_mut().zip(&fired) {
            *n += u64::from(*fired);
        }
        let any = (fired.iter().zip(&self.termination)).any(|(fired, right)| *fired && *right);
        self.any_trigger += u64::from(any);
    }
}
