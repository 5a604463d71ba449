//! `dealbench cost`: an offer's cost of delivery month by month (contacts, intervals, FTE,
//! paid hours, cost) beside what it bills, with the margin (see [`crate::engine::cost`]).

use std::io::Write;

use rust_decimal::Decimal;

use super::CliError;
use super::request::{OfferFormat, OfferRequest};
use super::table::{columns, printable};
use crate::engine::cost::{CostError, CostReport, cost};
use crate::format::format_money;

/// The cost model cannot be used: the file and why.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}: {source}")]
pub struct CostFileError {
    /// The project file.
    pub file: String,
    /// Why.
    pub source: CostError,
}

/// Costs the offer and writes the table or the JSON.
pub(super) fn run(request: &OfferRequest, out: &mut dyn Write) -> Result<(), CliError> {
    let project = &request.file.project;
    let report =
        cost(project, &project.scenarios[request.scenario]).map_err(|source| CostFileError {
            file: request.file.path.display().to_string(),
            source,
        })?;
    match request.format {
        OfferFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &report).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        OfferFormat::Table => {
            let title = format!(
                "{} · {} · {} · staffed to {}\n\n",
                printable(&project.name),
                printable(&report.scenario),
                printable(&report.currency),
                report.answer.words()
            );
            out.write_all(title.as_bytes())?;
            out.write_all(cost_table(&report, project.rounding.decimals).as_bytes())?;
        }
    }
    Ok(())
}

/// The months and the totals as aligned columns.
pub fn cost_table(report: &CostReport, decimals: u32) -> String {
    let money = |d: Decimal| format_money(d, decimals);
    let one = |d: Decimal| format_money(d, 1);
    let pct = |p: Option<Decimal>| p.map_or_else(|| "–".to_owned(), |p| format!("{p:.2} %"));
    let mut rows = vec![
        [
            "Month",
            "Contacts",
            "Intervals",
            "Prod. FTE",
            "Sched. FTE",
            "Paid hours",
            "Cost",
            "Net",
            "Margin",
            "Margin %",
        ]
        .map(str::to_owned)
        .to_vec(),
    ];
    for m in &report.months {
        rows.push(vec![
            m.period.to_string(),
            format_money(m.contacts, 0),
            m.intervals.to_string(),
            format_money(m.productive_fte, 2),
            format_money(m.scheduled_fte, 2),
            one(m.paid_hours),
            money(m.cost),
            money(m.net),
            money(m.margin),
            pct(m.margin_pct),
        ]);
    }
    let t = &report.totals;
    rows.push(vec![
        "Total".to_owned(),
        format_money(t.contacts, 0),
        format_money(Decimal::from(t.intervals), 0),
        String::new(),
        String::new(),
        one(t.paid_hours),
        money(t.cost),
        money(t.net),
        money(t.margin),
        pct(t.margin_pct),
    ]);
    let mut right = vec![true; 10];
    right[0] = false;
    columns(&rows, &right)
}
