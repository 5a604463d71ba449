//! `dealbench export`: the ledger of one scenario, or the KPI and volume history, written as a
//! CSV file atomically (the old file or the complete new one, never a mix).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::CliError;
use super::request::{MonthRange, ProjectFile, ScenarioSpan};
use super::table::{count, span};
use crate::io::atomic;
use crate::io::export::LedgerExport;
use crate::io::{kpi_import, workbook};

/// `export`, checked: the project and what to write where. With both outputs the ledger is
/// written first.
#[derive(Debug)]
pub(super) struct ExportRequest {
    /// The project.
    pub file: ProjectFile,
    /// `--ledger`: the file, and the scenario and months written to it.
    pub ledger: Option<(PathBuf, ScenarioSpan)>,
    /// `--kpi`: the file, and whether it is in wide format (`--wide`).
    pub kpi: Option<(PathBuf, bool)>,
    /// `--xlsx`: the workbook's file.
    pub xlsx: Option<PathBuf>,
}

impl ExportRequest {
    /// Checks the ledger's `--from`/`--to` (when a ledger is asked for), loads the project and
    /// finds the ledger's scenario.
    pub fn resolve(
        file: &Path,
        ledger: Option<&Path>,
        (scenario, from, to): (Option<&str>, Option<&str>, Option<&str>),
        kpi: Option<&Path>,
        wide: bool,
    ) -> Result<Self, CliError> {
        let months = match ledger {
            Some(_) => MonthRange::parse(from, to)?,
            None => MonthRange::default(),
        };
        let file = ProjectFile::load(file)?;
        let ledger = match ledger {
            Some(path) => {
                let scenario = file.scenario_index(scenario)?;
                Some((path.to_owned(), ScenarioSpan { scenario, months }))
            }
            None => None,
        };
        Ok(ExportRequest {
            file,
            ledger,
            kpi: kpi.map(|path| (path.to_owned(), wide)),
            xlsx: None,
        })
    }

    /// The request with the workbook asked for (`--xlsx`).
    pub fn with_workbook(self, xlsx: Option<&Path>) -> Self {
        Self {
            xlsx: xlsx.map(Path::to_owned),
            ..self
        }
    }
}

/// Writes the files asked for, each with a line saying what it holds.
pub(super) fn run(request: &ExportRequest, out: &mut dyn Write) -> Result<(), CliError> {
    if let Some((path, span)) = &request.ledger {
        export_ledger(&request.file, path, span, out)?;
    }
    if let Some((path, wide)) = &request.kpi {
        export_kpis(&request.file, path, *wide, out)?;
    }
    if let Some(path) = &request.xlsx {
        export_workbook(&request.file, path, out)?;
    }
    Ok(())
}

fn export_workbook(file: &ProjectFile, path: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    let project = &file.project;
    let ledgers = crate::engine::evaluate_all(project);
    let bytes = workbook::workbook(project, &ledgers)
        .map_err(|e| CliError::Output(std::io::Error::other(e.to_string())))?;
    write_file_atomically(path, |w| w.write_all(&bytes))?;
    writeln!(
        out,
        "Wrote {}: {} with its ledger, the offers compared, the history and the assumptions.",
        path.display(),
        count(ledgers.len(), "offer", "offers"),
    )?;
    Ok(())
}

fn export_ledger(
    file: &ProjectFile,
    path: &Path,
    scenario: &ScenarioSpan,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let project = &file.project;
    let ledger = scenario.ledger(project);
    let MonthRange { from, to } = scenario.months;
    let export = LedgerExport::new(project, &ledger, from, to);
    write_file_atomically(path, |w| export.write_csv(w))?;
    let months = span(
        export.months.first().map(|m| &m.period),
        export.months.last().map(|m| &m.period),
    );
    writeln!(
        out,
        "Wrote {}: the ledger of {}, {} ({months}).",
        path.display(),
        export.scenario,
        count(export.months.len(), "month", "months"),
    )?;
    Ok(())
}

fn export_kpis(
    file: &ProjectFile,
    path: &Path,
    wide: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let series = kpi_import::project_series(&file.project);
    write_file_atomically(path, |w| {
        if wide {
            kpi_import::export_wide(&series, w)
        } else {
            kpi_import::export_long(&series, w)
        }
    })?;
    let values: usize = series.values().map(|m| m.len()).sum();
    let ids = series.keys().cloned().collect::<Vec<_>>().join(", ");
    writeln!(
        out,
        "Wrote {}: {} ({ids}), {}, {} format.",
        path.display(),
        count(series.len(), "series", "series"),
        count(values, "value", "values"),
        if wide { "wide" } else { "long" },
    )?;
    Ok(())
}

/// Writes an output file atomically (see [`atomic::write_atomically`]): a failure leaves the
/// old file as it was, and is reported as [`CliError::OutputFile`].
pub(super) fn write_file_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), CliError> {
    atomic::write_atomically(path, atomic::Backup::None, write).map_err(|source| {
        CliError::OutputFile {
            path: path.to_owned(),
            source: without_temporary_path(source),
        }
    })
}

/// The system's reason without the name of the temporary file the `tempfile` crate appends to
/// it (`… at path "/home/…/.dealbench-Xy12Ab.tmp"`): the user named the output, not the
/// temporary file, and a random name would make the message differ from run to run.
fn without_temporary_path(error: std::io::Error) -> std::io::Error {
    let text = error.to_string();
    match (error.get_ref(), text.find(" at path \"")) {
        (Some(_), Some(at)) => std::io::Error::new(error.kind(), &text[..at]),
        _ => error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unwritable_output_names_the_output_not_the_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no_such_folder/out.csv");
        let error = write_file_atomically(&path, |w| w.write_all(b"x")).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "{}: cannot write the file: No such file or directory (os error 2); check that \
                 the folder exists and is writable",
                path.display()
            )
        );
        assert_eq!(error.exit_code(), 1);
    }
}
