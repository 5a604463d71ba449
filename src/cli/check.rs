//! `dealbench check`: the one-line summary of a sound project. Every problem of an unsound
//! one was already reported when the file was loaded (see [`ProjectFile::load`]).

use std::io::Write;

use super::CliError;
use super::request::ProjectFile;
use super::table::count;

/// Prints `FILE: ok — 2 scenarios, 12 months from … to …, history to …, …`.
pub(super) fn run(file: &ProjectFile, out: &mut dyn Write) -> Result<(), CliError> {
    let project = &file.project;
    let history = match project.history_end() {
        Some(end) => format!("history to {end}"),
        None => "no history".to_owned(),
    };
    writeln!(
        out,
        "{}: ok — {}, {} from {} to {}, {}, {}, {}, {}",
        file.path.display(),
        count(project.scenarios.len(), "scenario", "scenarios"),
        count(project.term_months as usize, "month", "months"),
        project.start,
        project.end(),
        history,
        count(project.kpis.len(), "KPI", "KPIs"),
        count(project.volumes.len(), "volume", "volumes"),
        count(project.indices.len(), "index", "indices"),
    )?;
    Ok(())
}
