//! Why a command failed, and the exit status it ends with: 2 for bad input (the message names
//! the file, line and column, or the option), 1 when the output cannot be written.

use std::path::PathBuf;

use crate::io::kpi_import::ImportError;
use crate::io::project::ProjectError;
use crate::model::{ParseMonthError, YearMonth};

use super::{CostFileError, PriceOptionError, StaffingOptionError};

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The project file could not be read, or is not a valid project.
    #[error(transparent)]
    Project(#[from] ProjectError),
    /// `--scenario` names no scenario of the project.
    #[error(
        "{file}: no scenario named {name:?}; the scenarios are {}",
        quoted_list(names)
    )]
    UnknownScenario {
        /// The project file.
        file: String,
        /// The name asked for.
        name: String,
        /// The project's scenario names.
        names: Vec<String>,
    },
    /// `--from` or `--to` is not a month.
    #[error("--{flag}: {source}")]
    BadMonth {
        /// "from" or "to".
        flag: &'static str,
        /// Why.
        source: ParseMonthError,
    },
    /// `--from` is after `--to`.
    #[error("--from {from} is after --to {to}; swap them")]
    EmptyRange {
        /// The first month asked for.
        from: YearMonth,
        /// The last month asked for.
        to: YearMonth,
    },
    /// The output could not be written (a closed pipe, a full disk).
    #[error("cannot write the output: {0}")]
    Output(#[from] std::io::Error),
    /// An output file (`export`) could not be written; the old file, if any, is unchanged.
    #[error("{}: cannot write the file: {source}; check that the folder exists and is writable", path.display())]
    OutputFile {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// `risk`'s settings cannot run.
    #[error(transparent)]
    Risk(#[from] super::risk::RiskOptionError),
    /// An option's value cannot be used (`--pct`, `--grid`, `--kpi-step`, `--from`/`--to` of
    /// `breakeven`).
    #[error("--{flag}: {message}")]
    BadOption {
        /// The option, without its dashes.
        flag: &'static str,
        /// What is wrong and what to write instead.
        message: String,
    },
    /// An option of `staffing` is out of range.
    #[error(transparent)]
    Staffing(#[from] StaffingOptionError),
    /// The cost model cannot be used.
    #[error(transparent)]
    Cost(#[from] CostFileError),
    /// An option of `price` cannot be used, or no price reaches the margin.
    #[error(transparent)]
    Price(#[from] PriceOptionError),
    /// The KPI file could not be read at all.
    #[error("{source}")]
    KpiFile {
        /// Why.
        #[from]
        source: ImportError,
    },
    /// The mapping file could not be read.
    #[error("{}: cannot read the mapping: {source}", path.display())]
    MappingFile {
        /// The mapping file.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// The mapping file is not a valid mapping.
    #[error(
        "{file}:{line}:{column}: {message}; `dealbench import PROJECT --kpi FILE --print-mapping` prints a mapping to start from"
    )]
    BadMapping {
        /// The mapping file.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What RON said.
        message: String,
    },
    /// The import has errors, or cannot be applied; the project is unchanged. Every problem
    /// found is listed, one per line, before the reason.
    #[error("{}{reason}; nothing was changed", problems.iter().map(|p| format!("{p}\n")).collect::<String>())]
    ImportRefused {
        /// Every problem, as text.
        problems: Vec<String>,
        /// Why nothing was applied and what to do.
        reason: String,
    },
}

impl CliError {
    /// The process exit status for this error: 2 for bad input, 1 for output failures.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Output(_) | CliError::OutputFile { .. } => 1,
            CliError::Project(error) if error.is_write_failure() => 1,
            _ => 2,
        }
    }
}

fn quoted_list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("{n:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}
