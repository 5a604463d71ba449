//! `dealbench breakeven`: the volume level, as a multiple of the volumes the offers are billed
//! on, at which two offers cost the same over the term.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use rust_decimal::Decimal;

use super::request::ProjectFile;
use super::table::{columns, header, printable};
use super::{CliError, Format};
use crate::engine::breakeven::{BreakEven, BreakEvens, MAX_MULTIPLE, Meeting, break_even};
use crate::format::{format_money, format_number};

/// The options of `breakeven`.
#[derive(Debug, Clone, Args)]
pub struct BreakEvenArgs {
    /// The project file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The first offer, by name.
    #[arg(long, value_name = "NAME")]
    pub a: String,
    /// The second offer, by name.
    #[arg(long, value_name = "NAME")]
    pub b: String,
    /// The lowest multiple of the volumes looked at.
    #[arg(long, value_name = "K", default_value = "0.5")]
    pub from: Decimal,
    /// The highest multiple of the volumes looked at (at most 1000).
    #[arg(long, value_name = "K", default_value = "2.0")]
    pub to: Decimal,
    /// The output format (csv writes the table).
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// `breakeven`, checked: the project, both offers (by index), the range and the format.
#[derive(Debug)]
pub(super) struct BreakEvenRequest {
    file: ProjectFile,
    a: usize,
    b: usize,
    range: (Decimal, Decimal),
    format: Format,
}

impl BreakEvenRequest {
    /// Checks the range, loads the project and finds both offers.
    pub fn resolve(args: &BreakEvenArgs) -> Result<Self, CliError> {
        let (from, to) = (args.from, args.to);
        if from < Decimal::ZERO || from >= to || to > MAX_MULTIPLE {
            return Err(CliError::BadOption {
                flag: "from",
                message: format!(
                    "--from {from} --to {to}: the multiples must run upward from 0 or more to at most {MAX_MULTIPLE}"
                ),
            });
        }
        let file = ProjectFile::load(&args.file)?;
        let a = file.scenario_index(Some(&args.a))?;
        let b = file.scenario_index(Some(&args.b))?;
        Ok(Self {
            file,
            a,
            b,
            range: (from, to),
            format: args.format,
        })
    }
}

/// Finds where the two offers cross and writes it.
pub(super) fn run(request: &BreakEvenRequest, out: &mut dyn Write) -> Result<(), CliError> {
    let project = &request.file.project;
    let scenarios = &project.scenarios;
    let be = break_even(
        project,
        &scenarios[request.a],
        &scenarios[request.b],
        request.range,
    );
    match request.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &be).map_err(std::io::Error::other)?;
            writeln!(out)?;
        }
        Format::Csv | Format::Table => {
            out.write_all(table(&be, project.rounding.decimals).as_bytes())?;
        }
    }
    Ok(())
}

/// A multiple as shown: 4 decimals ("× 1.2346").
fn multiple(k: Decimal) -> String {
    format!("× {}", format_number(k.round_dp(4)))
}

fn table(be: &BreakEvens, decimals: u32) -> String {
    let money = |v: Decimal| format_money(v, decimals);
    let mut text = format!(
        "{} against {}, volumes {} to {} of those billed on today\n\n",
        printable(&be.a),
        printable(&be.b),
        multiple(be.range.0),
        multiple(be.range.1),
    );
    let mut rows = vec![header(&[
        "Volumes scaled",
        "Bracket",
        "Crossing",
        &format!("Net {}", be.a),
        &format!("Net {}", be.b),
        "Volume over the term",
        "Meeting",
    ])];
    // Volumes of several series in different units do not add up to one figure.
    let mixed = be.per_series.len() > 1;
    let mut add = |name: String, one: &BreakEven| {
        if one.crossings.is_empty() {
            let mut row = vec![name.clone(), "none in range".to_owned()];
            row.resize(7, String::new());
            rows.push(row);
        }
        for c in &one.crossings {
            rows.push(vec![
                name.clone(),
                format!("{} – {}", multiple(c.bracket.0), multiple(c.bracket.1)),
                multiple(c.multiple),
                money(c.net_a),
                money(c.net_b),
                if mixed && one.series.is_none() {
                    "—".to_owned()
                } else {
                    format_number(c.volume.round_dp(2))
                },
                match c.meeting {
                    Meeting::Equal => "equal".to_owned(),
                    Meeting::Jump => "jump past each other".to_owned(),
                },
            ]);
        }
    };
    add("all together".to_owned(), &be.all);
    for one in &be.per_series {
        add(one.series.clone().unwrap_or_default(), one);
    }
    text.push_str(&columns(
        &rows,
        &[false, false, true, true, true, true, false],
    ));
    text
}
