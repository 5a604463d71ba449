//! What the commands share when they check their arguments: the project file loaded and
//! validated, a scenario found by name, and `--from`/`--to` parsed and in order.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::CliError;
use crate::engine::{self, Ledger};
use crate::io::project;
use crate::model::{Project, YearMonth};

/// How a command that reads one offer writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OfferFormat {
    /// Aligned columns for people.
    Table,
    /// JSON as documented in the README, for programs.
    Json,
}

/// The options of a command that reads one offer of a project (`cost`, `milestones`,
/// `reviews`).
#[derive(Debug, Clone, Args)]
pub struct OfferArgs {
    /// The project file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The offer, by name; the first one by default.
    #[arg(long, short, value_name = "NAME")]
    pub scenario: Option<String>,
    /// The output format.
    #[arg(long, short, value_enum, default_value_t = OfferFormat::Table)]
    pub format: OfferFormat,
}

/// A command on one offer, checked: the project loaded and the offer found.
#[derive(Debug)]
pub(super) struct OfferRequest {
    /// The project file.
    pub file: ProjectFile,
    /// The offer's position in the project.
    pub scenario: usize,
    /// How to write the answer.
    pub format: OfferFormat,
}

impl OfferRequest {
    /// Loads the project and finds the offer.
    pub fn resolve(args: &OfferArgs) -> Result<Self, CliError> {
        let file = ProjectFile::load(&args.file)?;
        let scenario = file.scenario_index(args.scenario.as_deref())?;
        Ok(Self {
            file,
            scenario,
            format: args.format,
        })
    }
}

/// A project file, read, migrated and validated: a sound project.
#[derive(Debug)]
pub(super) struct ProjectFile {
    /// The file as given on the command line; messages name it so.
    pub path: PathBuf,
    /// Its project.
    pub project: Project,
}

impl ProjectFile {
    /// Loads `path`; every problem of the file comes back as [`CliError::Project`].
    pub fn load(path: &Path) -> Result<Self, CliError> {
        Ok(ProjectFile {
            path: path.to_owned(),
            project: project::load(path)?,
        })
    }

    /// The index of the scenario named `name`, or of the first one when no name is given (a
    /// valid project has at least one).
    pub fn scenario_index(&self, name: Option<&str>) -> Result<usize, CliError> {
        let Some(name) = name else { return Ok(0) };
        let scenarios = &self.project.scenarios;
        scenarios
            .iter()
            .position(|s| s.name == name)
            .ok_or_else(|| CliError::UnknownScenario {
                file: self.path.display().to_string(),
                name: name.to_owned(),
                names: scenarios.iter().map(|s| s.name.clone()).collect(),
            })
    }
}

/// One scenario over the months asked for: what `eval` shows and `export --ledger` writes.
#[derive(Debug, Clone, Copy)]
pub(super) struct ScenarioSpan {
    /// The scenario's index in the project, found by [`ProjectFile::scenario_index`].
    pub scenario: usize,
    /// The months shown (totals are over them).
    pub months: MonthRange,
}

impl ScenarioSpan {
    /// The scenario's ledger over the whole term.
    pub fn ledger(&self, project: &Project) -> Ledger {
        engine::evaluate(project, &project.scenarios[self.scenario])
    }
}

/// `--from` and `--to`, checked: both months, the first not after the last. Either may be
/// open (the start or the end of the term).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct MonthRange {
    /// The first month shown.
    pub from: Option<YearMonth>,
    /// The last month shown.
    pub to: Option<YearMonth>,
}

impl MonthRange {
    /// Parses `--from` and `--to` as given; `--from` is checked first.
    pub fn parse(from: Option<&str>, to: Option<&str>) -> Result<Self, CliError> {
        let (from, to) = (month("from", from)?, month("to", to)?);
        if let (Some(from), Some(to)) = (from, to)
            && from > to
        {
            return Err(CliError::EmptyRange { from, to });
        }
        Ok(MonthRange { from, to })
    }
}

fn month(flag: &'static str, text: Option<&str>) -> Result<Option<YearMonth>, CliError> {
    text.map(|t| {
        t.parse()
            .map_err(|source| CliError::BadMonth { flag, source })
    })
    .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(text: &str) -> YearMonth {
        text.parse().unwrap()
    }

    #[test]
    fn a_month_range_is_checked_from_first() {
        assert_eq!(
            MonthRange::parse(Some("2025-03"), None).unwrap(),
            MonthRange {
                from: Some(ym("2025-03")),
                to: None
            }
        );
        assert_eq!(
            MonthRange::parse(Some("2025-03"), Some("2025-03")).unwrap(),
            MonthRange {
                from: Some(ym("2025-03")),
                to: Some(ym("2025-03"))
            }
        );
        let both_bad = MonthRange::parse(Some("2025-13"), Some("x")).unwrap_err();
        assert!(matches!(both_bad, CliError::BadMonth { flag: "from", .. }));
        let reversed = MonthRange::parse(Some("2025-06"), Some("2025-03")).unwrap_err();
        assert_eq!(
            reversed.to_string(),
            "--from 2025-06 is after --to 2025-03; swap them"
        );
    }
}
