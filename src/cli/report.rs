//! `dealbench report`: the client report of a project as one self-contained HTML file,
//! written atomically.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::CliError;
use super::export::write_file_atomically;
use super::request::ProjectFile;
use crate::io::report::{self, Paper, ReportOptions};

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
    /// Loads the project and finds every offer named (all offers when none is).
    pub fn resolve(
        file: &Path,
        scenarios: &[String],
        paper: PaperSize,
        out: &Path,
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
        Ok(Self {
            file,
            options: ReportOptions { offers, paper },
            out: out.to_owned(),
        })
    }
}

/// Writes the report and says where.
pub(super) fn run(request: &ReportRequest, out: &mut dyn Write) -> Result<(), CliError> {
    let project = &request.file.project;
    let ledgers = crate::engine::evaluate_all(project);
    let html = report::html(project, &ledgers, &request.options);
    write_file_atomically(&request.out, |w| w.write_all(html.as_bytes()))?;
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
