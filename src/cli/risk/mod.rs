//! `dealbench risk`: the Monte Carlo simulation of one offer (see [`crate::engine::risk`]) as
//! a summary for people or JSON for programs, and optionally every trial's contract years as a
//! CSV file streamed while the trials run.
//!
//! - `mod.rs`: the request (the command line's settings over the project's, checked) and the
//!   run, with the CSV of trials (`--trials-out`);
//! - `export.rs`: the JSON, amounts as decimal strings with the currency's decimals;
//! - `table.rs`: the summary for people.

mod export;
mod table;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use clap::ValueEnum;

use super::CliError;
use super::export::write_file_atomically;
use super::request::ProjectFile;
use crate::engine::risk::{
    Control, Observer, Plan, RiskError, RiskReport, Simulation, TrialRow, Watched,
};
use crate::format::format_amount;
use crate::model::RiskSettings;

use export::RiskExport;

pub use crate::model::limits::MAX_TRIALS;

/// How `risk` writes its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RiskFormat {
    /// A summary for people: the distributions, the trigger odds and the fee at risk.
    Table,
    /// JSON as documented in the README, for programs.
    Json,
}

/// Why the simulation settings asked for cannot run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RiskOptionError {
    /// A trial count or block length out of bounds. `option` names where
    /// the value came from: `--trials`, `--block`, or the project's `risk` setting.
    #[error("{file}: {option}: {reason}")]
    Option {
        /// The project file.
        file: String,
        /// The option (`--trials 0`) or the project setting (`risk.trials 0`).
        option: String,
        /// Why, and what to do.
        reason: String,
    },
    /// The simulation cannot run (no KPI history to draw from).
    #[error("{file}: {source}")]
    Run {
        /// The project file.
        file: String,
        /// Why.
        source: RiskError,
    },
}

/// The command-line options of `risk`, as given.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct RiskOptions {
    /// `--trials`.
    pub trials: Option<u64>,
    /// `--seed`.
    pub seed: Option<u64>,
    /// `--block`.
    pub block: Option<u64>,
}

/// `risk`, checked: the project, the offer, the settings (the command line's over the
/// project's, within their bounds), the format and the file of trials.
#[derive(Debug)]
pub(super) struct RiskRequest {
    /// The project.
    pub file: ProjectFile,
    /// The offer's index in the project.
    pub scenario: usize,
    /// The settings the run uses.
    pub settings: RiskSettings,
    /// How the results are written.
    pub format: RiskFormat,
    /// `--trials-out`: the CSV file of every trial's contract years.
    pub trials_out: Option<PathBuf>,
}

impl RiskRequest {
    /// Loads the project, finds the offer (the first by default) and checks the settings: at
    /// least 1 and at most [`MAX_TRIALS`] trials, a block from 1 to the history's months.
    pub fn resolve(
        file: &Path,
        scenario: Option<&str>,
        options: RiskOptions,
        format: RiskFormat,
        trials_out: Option<&Path>,
    ) -> Result<Self, CliError> {
        let file = ProjectFile::load(file)?;
        let scenario = file.scenario_index(scenario)?;
        let settings = settings(&file, options)?;
        Ok(RiskRequest {
            file,
            scenario,
            settings,
            format,
            trials_out: trials_out.map(Path::to_owned),
        })
    }
}

/// The run's settings: each option given on the command line over the project's own, checked.
fn settings(file: &ProjectFile, options: RiskOptions) -> Result<RiskSettings, RiskOptionError> {
    let saved = file.project.risk;
    let name = file.path.display().to_string();
    let refuse = |flag: &str, given: bool, value: u64, reason: String| {
        let option = if given {
            format!("--{flag} {value}")
        } else {
            format!("the project's risk.{flag} {value}")
        };
        RiskOptionError::Option {
            file: name.clone(),
            option,
            reason,
        }
    };
    let trials = options.trials.unwrap_or(u64::from(saved.trials));
    if !(1..=MAX_TRIALS).contains(&trials) {
        return Err(refuse(
            "trials",
            options.trials.is_some(),
            trials,
            format!("the number of trials must be from 1 to {MAX_TRIALS}"),
        ));
    }
    let block = options.block.unwrap_or(u64::from(saved.block_months));
    let block_flag = if options.block.is_some() {
        "block"
    } else {
        "block_months"
    };
    let block_months = u32::try_from(block).unwrap_or(u32::MAX);
    let seed = options.seed.unwrap_or(saved.seed);
    match Plan::new(&file.project, block_months, seed) {
        Ok(_) => {}
        Err(RiskError::BlockLength { history_months, .. }) => {
            return Err(refuse(
                block_flag,
                options.block.is_some(),
                block,
                format!("a block must be from 1 to the {history_months} months of KPI history"),
            ));
        }
        Err(source) => return Err(RiskOptionError::Run { file: name, source }),
    }
    Ok(RiskSettings {
        trials: u32::try_from(trials).expect("at most MAX_TRIALS, which fits a u32"),
        seed,
        block_months,
    })
}

/// Runs the simulation and writes its results; with `--trials-out`, every trial's rows are
/// streamed to the file (written atomically) as the trials finish.
pub(super) fn run(request: &RiskRequest, out: &mut dyn Write) -> Result<(), CliError> {
    let project = &request.file.project;
    let scenario = &project.scenarios[request.scenario];
    let simulation = Simulation::new(project, scenario, request.settings).map_err(|source| {
        RiskOptionError::Run {
            file: request.file.path.display().to_string(),
            source,
        }
    })?;
    let stop = AtomicBool::new(false);
    let control = Control {
        threads: None,
        stop: &stop,
    };
    let report = match &request.trials_out {
        None => simulation.run(&control, &mut ()),
        Some(path) => {
            let mut result = None;
            write_file_atomically(path, |w| {
                let names = Watched::of(scenario).triggers;
                let mut rows = TrialCsv::new(w, names, project.rounding.decimals)?;
                result = Some(simulation.run(&control, &mut rows));
                rows.finish()
            })?;
            result.expect("the writer ran the simulation")
        }
    }
    .map_err(|source| RiskOptionError::Run {
        file: request.file.path.display().to_string(),
        source,
    })?;
    write_report(request, &report, out)
}

fn write_report(
    request: &RiskRequest,
    report: &RiskReport,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let project = &request.file.project;
    match request.format {
        RiskFormat::Json => RiskExport::new(report, project.rounding.decimals).write_json(out)?,
        RiskFormat::Table => {
            out.write_all(table::risk_table(project, report).as_bytes())?;
            if let Some(path) = &request.trials_out {
                let years = report.contract_years.len() as u64;
                writeln!(
                    out,
                    "\nWrote {}: {} rows, one per trial and contract year.",
                    path.display(),
                    report.trials * years
                )?;
            }
        }
    }
    Ok(())
}

/// The CSV of trials, written row by row as the simulation tells each trial: never more than
/// one trial's rows in memory. The first write error is kept and reported at the end.
struct TrialCsv<'w> {
    writer: csv::Writer<&'w mut dyn Write>,
    decimals: u32,
    /// Each trigger's name in the `triggers` column, in the offer's order.
    names: Vec<String>,
    error: Option<csv::Error>,
}

impl<'w> TrialCsv<'w> {
    /// A writer with the header row written.
    fn new(out: &'w mut dyn Write, names: Vec<String>, decimals: u32) -> std::io::Result<Self> {
        let mut writer = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(out);
        writer.write_record([
            "trial",
            "contract_year",
            "credits",
            "bonuses",
            "earn_back",
            "net",
            "triggers",
        ])?;
        Ok(Self {
            writer,
            decimals,
            names,
            error: None,
        })
    }

    fn row(&mut self, row: &TrialRow) -> csv::Result<()> {
        let amount = |d| format_amount(d, self.decimals);
        let triggers: Vec<&str> = row
            .triggers
            .iter()
            .filter_map(|&t| self.names.get(t).map(String::as_str))
            .collect();
        crate::io::csv_safe::write_record(
            &mut self.writer,
            [
                row.trial.to_string(),
                row.contract_year.to_string(),
                amount(row.credits),
                amount(row.bonuses),
                amount(row.earn_back),
                amount(row.net),
                triggers.join(";"),
            ],
        )
    }

    /// Flushes the file, or returns the first error met.
    fn finish(mut self) -> std::io::Result<()> {
        if let Some(error) = self.error.take() {
            return Err(error.into());
        }
        self.writer.flush()
    }
}

impl Observer for TrialCsv<'_> {
    fn trial(&mut self, rows: &[TrialRow]) {
        if self.error.is_some() {
            return;
        }
        for row in rows {
            if let Err(error) = self.row(row) {
                self.error = Some(error);
                return;
            }
        }
    }
}
