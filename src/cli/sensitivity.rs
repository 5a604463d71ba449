//! `dealbench sensitivity`: which term of an offer moves the money most (a tornado as a table),
//! and with `--grid`, the offer billed over a grid of two of its terms.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use rust_decimal::Decimal;

use super::request::ProjectFile;
use super::table::{columns, header, printable};
use super::{CliError, Format};
use crate::engine::grid::{Axis, Grid, Measure, grid};
use crate::engine::sensitivity::{KpiSteps, Moves, Sensitivity, sensitivity};
use crate::format::{format_money, format_number};
use crate::model::terms::numeric_terms;

/// `sensitivity`, checked: the project, the offer, how far terms move, and the grid if asked.
#[derive(Debug)]
pub(super) struct SensitivityRequest {
    file: ProjectFile,
    scenario: usize,
    moves: Moves,
    grid: Option<(Axis, Axis, Measure)>,
    format: Format,
}

/// The options of `sensitivity`.
#[derive(Debug, Clone, Args)]
pub struct SensitivityArgs {
    /// The project file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The offer, by name; the first one by default.
    #[arg(long, short, value_name = "NAME")]
    pub scenario: Option<String>,
    /// How far amounts, rates, percentages and volumes move, in percent of their value.
    #[arg(long, value_name = "PCT", default_value = "10")]
    pub pct: Decimal,
    /// The step of thresholds and targets in a KPI's unit; repeat per unit. By default 1 for
    /// "%" (a percentage point), 5 for "s", 1 for any other unit.
    #[arg(long, value_name = "UNIT=STEP")]
    pub kpi_step: Vec<String>,
    /// Bill the offer over a grid of two terms instead, each from FROM to TO in STEPS values
    /// (2 to 200); TERM as the tornado and `diff` print it, e.g.
    /// 'charge "fee" / monthly fee=900..1100:5'.
    #[arg(long, num_args = 2, value_names = ["TERM=FROM..TO:STEPS", "TERM=FROM..TO:STEPS"])]
    pub grid: Vec<String>,
    /// The grid shows the credits over the term instead of the net.
    #[arg(long, requires = "grid")]
    pub credits: bool,
    /// The output format (csv writes the table).
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

fn bad(flag: &'static str, message: String) -> CliError {
    CliError::BadOption { flag, message }
}

impl SensitivityRequest {
    /// Loads the project, finds the offer, and checks the moves and the grid's terms.
    pub fn resolve(options: &SensitivityArgs) -> Result<Self, CliError> {
        if options.pct <= Decimal::ZERO || options.pct > Decimal::ONE_HUNDRED {
            return Err(bad(
                "pct",
                format!("{} is not a percentage from above 0 to 100", options.pct),
            ));
        }
        let mut kpi_steps = KpiSteps::default();
        for text in &options.kpi_step {
            let (unit, step) = (text.rsplit_once('='))
                .and_then(|(u, s)| Some((u, s.trim().parse::<Decimal>().ok()?)))
                .filter(|(_, s)| *s > Decimal::ZERO)
                .ok_or_else(|| {
                    bad(
                        "kpi-step",
                        format!(
                            "{text:?} is not UNIT=STEP with a step above 0, e.g. %=0.5 or s=10"
                        ),
                    )
                })?;
            kpi_steps.by_unit.insert(unit.trim().to_owned(), step);
        }
        let file = ProjectFile::load(&options.file)?;
        let scenario = file.scenario_index(options.scenario.as_deref())?;
        let grid = match options.grid.as_slice() {
            [] => None,
            [x, y] => {
                let measure = if options.credits {
                    Measure::Credits
                } else {
                    Measure::Net
                };
                Some((
                    axis(&file, scenario, x)?,
                    axis(&file, scenario, y)?,
                    measure,
                ))
            }
            _ => {
                return Err(bad(
                    "grid",
                    "takes two terms: --grid TERM=FROM..TO:STEPS TERM=FROM..TO:STEPS".to_owned(),
                ));
            }
        };
        Ok(Self {
            file,
            scenario,
            moves: Moves {
                pct: options.pct,
                kpi_steps,
            },
            grid,
            format: options.format,
        })
    }
}

/// One `--grid` axis: `TERM=FROM..TO:STEPS`, the term written as `dealbench diff` and the
/// tornado print it (`charge "calls" / band 1 rate`).
fn axis(file: &ProjectFile, scenario: usize, text: &str) -> Result<Axis, CliError> {
    let project = &file.project;
    let shape = || {
        bad(
            "grid",
            format!(
                "{text:?} is not TERM=FROM..TO:STEPS, e.g. 'charge \"fee\" / monthly fee=900..1100:5'"
            ),
        )
    };
    let (term, range) = text.rsplit_once('=').ok_or_else(shape)?;
    let (span, steps) = range.rsplit_once(':').ok_or_else(shape)?;
    let (from, to) = span.split_once("..").ok_or_else(shape)?;
    let number = |t: &str| t.trim().parse::<Decimal>().map_err(|_| shape());
    let steps: usize = steps.trim().parse().map_err(|_| shape())?;
    let terms = numeric_terms(project, &project.scenarios[scenario]);
    let Some(found) = terms.iter().find(|t| t.path.to_string() == term.trim()) else {
        let names: Vec<String> = terms.iter().map(|t| t.path.to_string()).collect();
        return Err(bad(
            "grid",
            format!(
                "{}: offer {:?} has no numeric term {:?}; its terms are: {}",
                file.path.display(),
                project.scenarios[scenario].name,
                term.trim(),
                names.join("; ")
            ),
        ));
    };
    Ok(Axis {
        path: found.path.clone(),
        from: number(from)?,
        to: number(to)?,
        steps,
    })
}

/// Moves every term (or bills the grid) and writes the result.
pub(super) fn run(request: &SensitivityRequest, out: &mut dyn Write) -> Result<(), CliError> {
    let project = &request.file.project;
    let scenario = &project.scenarios[request.scenario];
    let decimals = project.rounding.decimals;
    if let Some((x, y, measure)) = &request.grid {
        let g = grid(project, scenario, x, y, *measure).map_err(|e| bad("grid", e.to_string()))?;
        return match request.format {
            Format::Json => json(out, &g),
            Format::Csv | Format::Table => Ok(out.write_all(grid_table(&g, decimals).as_bytes())?),
        };
    }
    let s = sensitivity(project, scenario, &request.moves);
    match request.format {
        Format::Json => json(out, &s),
        Format::Csv | Format::Table => Ok(out.write_all(table(&s, decimals).as_bytes())?),
    }
}

fn json(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<(), CliError> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(std::io::Error::other)?;
    writeln!(out)?;
    Ok(())
}

fn table(s: &Sensitivity, decimals: u32) -> String {
    let money = |v: Decimal| format_money(v, decimals);
    let steps: Vec<String> = (s.moves.kpi_steps.by_unit.iter())
        .map(|(unit, step)| format!("{} {unit}", format_number(*step)))
        .collect();
    let mut text = format!(
        "{}: net {}, NPV {}. Each term moved ±{} % (thresholds in a KPI's unit by {}, else {}), largest swing first\n\n",
        printable(&s.scenario),
        money(s.net),
        money(s.npv),
        format_number(s.moves.pct),
        steps.join(", "),
        format_number(s.moves.kpi_steps.other),
    );
    let mut rows = vec![header(&[
        "Term",
        "Value",
        "Low",
        "High",
        "Net at low",
        "Net at high",
        "Swing",
        "NPV swing",
    ])];
    let value =
        |v: Decimal, unit: &str| format!("{} {unit}", format_number(v)).trim_end().to_owned();
    for w in &s.swings {
        rows.push(vec![
            w.term.clone(),
            value(w.value, &w.unit),
            format_number(w.low),
            format_number(w.high),
            money(w.net_low),
            money(w.net_high),
            money(w.swing),
            money(w.npv_swing),
        ]);
    }
    text.push_str(&columns(
        &rows,
        &[false, true, true, true, true, true, true, true],
    ));
    if !s.skipped.is_empty() {
        text.push_str("\nNot moved:\n");
        for k in &s.skipped {
            text.push_str(&format!(
                "  {} ({}): {}\n",
                printable(&k.term),
                format_number(k.value),
                printable(&k.reason)
            ));
        }
    }
    text
}

fn grid_table(g: &Grid, decimals: u32) -> String {
    let what = match g.measure {
        Measure::Net => "Net over the term",
        Measure::Credits => "Credits over the term",
    };
    let mut text = format!(
        "{} of {}: {} down, {} across. * marks the offer's own values ({}, {}): {}\n\n",
        what,
        printable(&g.scenario),
        printable(&g.y),
        printable(&g.x),
        format_number(g.current.1),
        format_number(g.current.0),
        format_money(g.current_value, decimals),
    );
    let mark = |v: Decimal, current: Decimal| {
        let star = if v == current { "*" } else { "" };
        format!("{star}{}", format_number(v))
    };
    let mut rows = vec![
        std::iter::once(String::new())
            .chain(g.xs.iter().map(|&x| mark(x, g.current.0)))
            .collect::<Vec<_>>(),
    ];
    for (y, row) in g.ys.iter().zip(&g.cells) {
        let mut line = vec![mark(*y, g.current.1)];
        line.extend(
            row.iter()
                .map(|c| c.map_or_else(|| "—".to_owned(), |v| format_money(v, decimals))),
        );
        rows.push(line);
    }
    let right = vec![true; g.xs.len() + 1];
    text.push_str(&columns(&rows, &right));
    if let Some(why) = &g.invalid_reason {
        text.push_str(&format!(
            "\n— the project is invalid there: {}\n",
            printable(why)
        ));
    }
    text
}
