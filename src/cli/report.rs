//! `dealbench report`: the client report of a project as one self-contained HTML file, or as a
//! PDF of it (`-o OUT.pdf`, printed by a Chromium-family browser), written atomically.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::CliError;
use super::export::write_file_atomically;
use super::request::ProjectFile;
use std::sync::atomic::AtomicBool;

use super::risk::RiskOptionError;
use crate::engine::risk::{Control, Simulation, SpreadCollector};
use crate::io::report::{self, OfferRisk, Paper, ReportOptions};

/// The paper the report's print styles are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaperSize {
    /// ISO A4.
    A4,
    /// US Letter.
    Letter,
}

/// `report`, checked: the project, the offers given a section, the paper and the output.
#[derive(Debug)]
pub(super) struct ReportRequest {
    file: ProjectFile,
    options: ReportOptions,
    out: PathBuf,
}

impl ReportRequest {
    /// Loads the project and finds every offer named (all offers when none is); with `risk`,
    /// simulates each of them (with the project's settings) for its section.
    pub fn resolve(
        file: &Path,
        scenarios: &[String],
        paper: PaperSize,
        out: &Path,
        risk: bool,
    ) -> Result<Self, CliError> {
        let file = ProjectFile::load(file)?;
        let offers = scenarios
            .iter()
            .map(|name| file.scenario_index(Some(name)))
            .collect::<Result<Vec<usize>, CliError>>()?;
        let paper = match paper {
            PaperSize::A4 => Paper::A4,
            PaperSize::Letter => Paper::Letter,
        };
        let risk = if risk {
            simulate(&file, &offers)?
        } else {
            Vec::new()
        };
        Ok(Self {
            file,
            options: ReportOptions {
                offers,
                paper,
                risk,
            },
            out: out.to_owned(),
        })
    }
}

/// The risk simulation of the offers given a section (all when none is named), with the
/// project's settings.
fn simulate(file: &ProjectFile, offers: &[usize]) -> Result<Vec<OfferRisk>, CliError> {
    let project = &file.project;
    let all: Vec<usize> = if offers.is_empty() {
        (0..project.scenarios.len()).collect()
    } else {
        offers.to_vec()
    };
    let stop = AtomicBool::new(false);
    let control = Control {
        threads: None,
        stop: &stop,
    };
    all.into_iter()
        .map(|offer| {
            let scenario = &project.scenarios[offer];
            let failed = |source| {
                CliError::Risk(RiskOptionError::Run {
                    file: file.path.display().to_string(),
                    source,
                })
            };
            let simulation = Simulation::new(project, scenario, project.risk).map_err(failed)?;
            let replay = simulation.replay();
            let mut spread = SpreadCollector::new(replay.months.len(), replay.years.len());
            let report = simulation.run(&control, &mut spread).map_err(failed)?;
            Ok(OfferRisk {
                offer,
                report,
                spread: spread.finish(),
            })
        })
        .collect()
}

/// Writes the report and says where.
pub(super) fn run(request: &ReportRequest, out: &mut dyn Write) -> Result<(), CliError> {
    let project = &request.file.project;
    let ledgers = crate::engine::evaluate_all(project);
    let html = report::html(project, &ledgers, &request.options);
    let pdf = (request.out.extension()).is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if pdf {
        report::pdf::print(&html, &request.out).map_err(|e| CliError::OutputFile {
            path: request.out.clone(),
            source: std::io::Error::other(e.to_string()),
        })?;
    } else {
        write_file_atomically(&request.out, |w| w.write_all(html.as_bytes()))?;
    }
    let offers = if request.options.offers.is_empty() {
        ledgers.len()
    } else {
        request.options.offers.len()
    };
    writeln!(
        out,
        "Wrote {}: the report of {}, with a section for {}.",
        request.out.display(),
        project.name,
        super::table::count(offers, "offer", "offers")
    )?;
    Ok(())
}
