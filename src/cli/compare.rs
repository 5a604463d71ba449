//! `dealbench compare`: every scenario over the term side by side, with its NPV, as a table,
//! CSV or JSON.

use std::io::Write;
use std::path::Path;

use super::request::ProjectFile;
use super::table::{columns, header, printable};
use super::{CliError, Format};
use crate::format::format_money;
use rust_decimal::Decimal;

use crate::engine::compare::Comparison;
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
    let comparison = Comparison::of_project(project);
    match request.format {
        Format::Json => ComparisonExport::of(project, &comparison).write_json(out)?,
        Format::Csv => ComparisonExport::of(project, &comparison).write_csv(out)?,
        Format::Table => out.write_all(comparison_table(project, &comparison).as_bytes())?,
    }
    Ok(())
}

/// Every scenario side by side, for people.
pub fn comparison_table(project: &Project, comparison: &Comparison) -> String {
    let decimals = project.rounding.decimals;
    let money = |amount: &Decimal| format_money(*amount, decimals);
    let mut text = format!(
        "{} · {} · {} months from {} · NPV at {} % a year\n\n",
        printable(&project.name),
        printable(&project.currency),
        project.term_months,
        project.start,
        project.discount_rate_pct.normalize()
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
    for offer in &comparison.offers {
        let t = &offer.totals;
        rows.push(vec![
            offer.scenario.clone(),
            money(&t.charges),
            money(&t.adjustments),
            money(&t.credits),
            money(&t.bonuses),
            money(&t.earn_back),
            money(&t.net),
            money(&offer.npv),
        ]);
    }
    text.push_str(&columns(
        &rows,
        &[false, true, true, true, true, true, true, true],
    ));
    text
}
