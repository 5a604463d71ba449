//! `dealbench compare`: every scenario over the term side by side, with its NPV, as a table,
//! CSV or JSON.

use std::io::Write;
use std::path::Path;

use super::request::ProjectFile;
use super::table::{columns, header};
use super::{CliError, Format};
use crate::format::format_money;
use crate::io::export::ComparisonExport;
use crate::model::Project;

/// `compare`, checked: the project and the format.
#[derive(Debug)]
pub(super) struct CompareRequest {
    /// The project.
    pub file: ProjectFile,
    /// How the comparison is written.
    pub format: Format,
}

impl CompareRequest {
    /// Loads the project.
    pub fn resolve(file: &Path, format: Format) -> Result<Self, CliError> {
        Ok(CompareRequest {
            file: ProjectFile::load(file)?,
            format,
        })
    }
}

/// Evaluates every scenario and writes them side by side.
pub(super) fn run(request: &CompareRequest, out: &mut dyn Write) -> Result<(), CliError> {
    let project = &request.file.project;
    let comparison = ComparisonExport::new(project);
    match request.format {
        Format::Json => comparison.write_json(out)?,
        Format::Csv => comparison.write_csv(out)?,
        Format::Table => out.write_all(comparison_table(project, &comparison).as_bytes())?,
    }
    Ok(())
}

/// Every scenario side by side, for people.
pub fn comparison_table(project: &Project, comparison: &ComparisonExport) -> String {
    let decimals = project.rounding.decimals;
    let money = |s: &str| {
        s.parse()
            .map_or_else(|_| s.to_owned(), |d| format_money(d, decimals))
    };
    let mut text = format!(
        "{} · {} · {} months from {} · NPV at {} % a year\n\n",
        comparison.project,
        comparison.currency,
        project.term_months,
        project.start,
        comparison.discount_rate_pct
    );
    let mut rows = vec![header(&[
        "Scenario",
        "Charges",
        "Adjustments",
        "Credits",
        "Bonuses",
        "Earn-back",
        "Net",
        "NPV",
    ])];
    for s in &comparison.scenarios {
        rows.push(vec![
            s.scenario.clone(),
            money(&s.charges),
            money(&s.adjustments),
            money(&s.credits),
            money(&s.bonuses),
            money(&s.earn_back),
            money(&s.net),
            money(&s.npv),
        ]);
    }
    text.push_str(&columns(
        &rows,
        &[false, true, true, true, true, true, true, true],
    ));
    text
}
