//! `dealbench diff`: what changed between two offers, and what each change is worth.

use std::io::Write;
use std::path::Path;

use rust_decimal::Decimal;

use super::request::ProjectFile;
use super::table::{columns, header, printable};
use super::{CliError, Format};
use crate::engine::diff::{OfferDiff, diff};
use crate::format::{format_money, format_number, format_signed_money};

/// `diff`, checked: the project, the two offers (by index) and the format.
#[derive(Debug)]
pub(super) struct DiffRequest {
    file: ProjectFile,
    from: usize,
    to: usize,
    format: Format,
}

impl DiffRequest {
    /// Loads the project and finds both offers.
    pub fn resolve(file: &Path, from: &str, to: &str, format: Format) -> Result<Self, CliError> {
        let file = ProjectFile::load(file)?;
        let from = file.scenario_index(Some(from))?;
        let to = file.scenario_index(Some(to))?;
        Ok(Self {
            file,
            from,
            to,
            format,
        })
    }
}

/// Compares the two offers and writes the terms that differ with their money.
pub(super) fn run(request: &DiffRequest, out: &mut dyn Write) -> Result<(), CliError> {
    let project = &request.file.project;
    let scenarios = &project.scenarios;
    let d = diff(project, &scenarios[request.from], &scenarios[request.to]);
    match request.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &d).map_err(std::io::Error::other)?;
            writeln!(out)?;
        }
        Format::Csv | Format::Table => {
            out.write_all(table(&d, project.rounding.decimals).as_bytes())?;
        }
    }
    Ok(())
}

fn table(d: &OfferDiff, decimals: u32) -> String {
    let money = |v: Decimal| format_money(v, decimals);
    let signed = |v: Decimal| format_signed_money(v, decimals);
    let mut text = format!(
        "From {} to {}: net {} → {} ({}), NPV {} → {} ({})\n\n",
        printable(&d.from),
        printable(&d.to),
        money(d.from_net),
        money(d.to_net),
        signed(d.to_net - d.from_net),
        money(d.from_npv),
        money(d.to_npv),
        signed(d.to_npv - d.from_npv),
    );
    let mut rows = vec![header(&[
        "Term",
        "Change",
        "From",
        "To",
        "Net effect",
        "NPV effect",
    ])];
    let value = |v: Option<Decimal>, unit: &str| {
        v.map_or_else(
            || "—".to_owned(),
            |v| format!("{} {unit}", format_number(v)).trim_end().to_owned(),
        )
    };
    for t in &d.terms {
        let change = t.change.label();
        rows.push(vec![
            t.term.clone(),
            change.to_owned(),
            value(t.from, &t.unit),
            value(t.to, &t.unit),
            t.net_effect.map_or_else(|| "—".to_owned(), signed),
            t.npv_effect.map_or_else(|| "—".to_owned(), signed),
        ]);
    }
    rows.push(vec![
        "Everything else (added or removed terms, rules, interaction)".to_owned(),
        String::new(),
        String::new(),
        String::new(),
        signed(d.remainder_net),
        signed(d.remainder_npv),
    ]);
    text.push_str(&columns(&rows, &[false, false, true, true, true, true]));
    text
}
