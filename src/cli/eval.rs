//! `dealbench eval`: one scenario billed month by month, as a table for people, CSV for
//! spreadsheets or JSON for programs.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use super::request::{MonthRange, ProjectFile, ScenarioSpan};
use super::table::{columns, header, name_of, printable, span};
use super::{CliError, Format};
use crate::engine::Ledger;
use crate::format::{format_money, format_value};
use crate::io::export::{LedgerExport, Selection};
use crate::model::{Project, YearMonth};

/// `eval`, checked: the project, the scenario and the months to show.
#[derive(Debug)]
pub(super) struct EvalRequest {
    /// The project.
    pub file: ProjectFile,
    /// The scenario billed and the months shown.
    pub span: ScenarioSpan,
    /// How the ledger is written.
    pub format: Format,
}

impl EvalRequest {
    /// Checks `--from`/`--to`, loads the project and finds the scenario (the first by
    /// default).
    pub fn resolve(
        file: &Path,
        scenario: Option<&str>,
        (from, to): (Option<&str>, Option<&str>),
        format: Format,
    ) -> Result<Self, CliError> {
        let months = MonthRange::parse(from, to)?;
        let file = ProjectFile::load(file)?;
        let scenario = file.scenario_index(scenario)?;
        Ok(EvalRequest {
            file,
            span: ScenarioSpan { scenario, months },
            format,
        })
    }
}

/// Bills the scenario and writes its ledger over the months asked for.
pub(super) fn run(request: &EvalRequest, out: &mut dyn Write) -> Result<(), CliError> {
    let project = &request.file.project;
    let ledger = request.span.ledger(project);
    let MonthRange { from, to } = request.span.months;
    match request.format {
        Format::Json => LedgerExport::new(project, &ledger, from, to).write_json(out)?,
        Format::Csv => LedgerExport::new(project, &ledger, from, to).write_csv(out)?,
        Format::Table => out.write_all(ledger_table(project, &ledger, from, to).as_bytes())?,
    }
    Ok(())
}

/// The ledger as a table for people: a row per line and per service level, the month's net,
/// then the flags and the totals of the months shown.
pub fn ledger_table(
    project: &Project,
    ledger: &Ledger,
    from: Option<YearMonth>,
    to: Option<YearMonth>,
) -> String {
    let money = |d| format_money(d, project.rounding.decimals);
    let selection = Selection::new(ledger, from, to);
    let mut text = String::new();
    let months = span(
        selection.months.first().map(|m| m.period),
        selection.months.last().map(|m| m.period),
    );
    let _ = writeln!(
        text,
        "{} · {} · {} · {months}\n",
        printable(&project.name),
        printable(&ledger.scenario),
        printable(&ledger.currency)
    );
    let (rows, any_projected) = month_rows(&selection, &money);
    text.push_str(&columns(&rows, &[false, true, false, false, true, false]));
    if any_projected {
        text.push_str("* projected: volumes from the forecast, KPIs by the projection setting\n");
    }
    if !selection.flags.is_empty() {
        text.push_str("\nFlags\n");
        text.push_str(&flag_rows(&selection));
    }
    text.push_str("\nTotals\n");
    text.push_str(&totals_rows(&selection, &money));
    text
}

/// The header and, per month shown, its lines, its service levels and its net; and whether any
/// month is projected (marked `*`).
fn month_rows(
    selection: &Selection<'_>,
    money: &dyn Fn(rust_decimal::Decimal) -> String,
) -> (Vec<Vec<String>>, bool) {
    let mut rows = vec![header(&[
        "Period",
        "Year",
        "Kind",
        "Component",
        "Amount",
        "Explanation",
    ])];
    let mut any_projected = false;
    for m in &selection.months {
        any_projected |= m.projected;
        let period = format!("{}{}", m.period, if m.projected { "*" } else { "" });
        let year = m.contract_year.to_string();
        for line in &m.lines {
            rows.push(vec![
                period.clone(),
                year.clone(),
                name_of(&line.kind),
                line.component.clone(),
                money(line.amount),
                line.explanation.clone(),
            ]);
        }
        for sl in &m.service_levels {
            let value = sl.value.map_or_else(|| "-".to_owned(), format_value);
            rows.push(vec![
                period.clone(),
                year.clone(),
                name_of(&sl.outcome),
                sl.id.clone(),
                value,
                sl.explanation.clone(),
            ]);
        }
        rows.push(vec![
            period,
            year,
            "net".to_owned(),
            String::new(),
            money(m.totals.net),
        ]);
    }
    (rows, any_projected)
}

/// The flags raised in the months shown, one per row.
fn flag_rows(selection: &Selection<'_>) -> String {
    let rows: Vec<Vec<String>> = selection
        .flags
        .iter()
        .map(|f| {
            vec![
                f.period.to_string(),
                name_of(&f.kind),
                f.component.clone(),
                f.message.clone(),
            ]
        })
        .collect();
    columns(&rows, &[])
}

/// The totals of the months shown, in the order of the JSON's `totals`.
fn totals_rows(
    selection: &Selection<'_>,
    money: &dyn Fn(rust_decimal::Decimal) -> String,
) -> String {
    let t = &selection.totals;
    let rows: Vec<Vec<String>> = [
        ("Charges", t.charges),
        ("Adjustments", t.adjustments),
        ("Credits", t.credits),
        ("Bonuses", t.bonuses),
        ("Earn-back", t.earn_back),
        ("Net", t.net),
    ]
    .into_iter()
    .map(|(label, amount)| vec![label.to_owned(), money(amount)])
    .collect();
    columns(&rows, &[false, true])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ledger_table_aligns_amounts_and_ends_with_totals() {
        let project = {
            let mut p = Project::new_blank("2025-01".parse().unwrap());
            p.name = "Test".into();
            p
        };
        let table = ledger_table(&project, &crate::io::export::tests::ledger(), None, None);
        let expected = "\
Test · Offer A · EUR · 2025-01 to 2025-02

Period    Year  Kind           Component     Amount  Explanation
2025-01      1  charge         base_fee   10,000.00  Base fee
2025-01      1  credit         asa          -200.00  ASA missed
2025-01      1  missed_target  asa          35.0000  ASA 35 s above target 30 s: 2 % of 10,000.00
2025-01      1  net                        9,800.00
2025-02*     1  charge         base_fee   10,000.00  Base fee
2025-02*     1  earn_back      asa           200.50  Earned back
2025-02*     1  not_measured   asa                -  ASA 35 s above target 30 s: 2 % of 10,000.00
2025-02*     1  net                       10,200.50
* projected: volumes from the forecast, KPIs by the projection setting

Flags
2025-02  cap_binding  credit_regime  The monthly cap cut credits

Totals
Charges      20,000.00
Adjustments       0.00
Credits         200.00
Bonuses           0.00
Earn-back       200.50
Net          20,000.50
";
        assert_eq!(table, expected);
    }
}
