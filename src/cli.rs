//! The headless command line: `check`, `eval` and `compare` over the same engine as the app.
//!
//! Arguments are parsed by clap into [`Cli`], then [`run`] does the work and writes to the
//! given output; errors come back as [`CliError`], whose [`CliError::exit_code`] is 2 for bad
//! input (a malformed project, an unknown scenario, a bad month) and 1 when the output cannot
//! be written.

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;

use crate::engine::{self, Ledger};
use crate::format::{format_money, format_value};
use crate::io::export::{ComparisonExport, LedgerExport, Selection};
use crate::io::project::{self, ProjectError};
use crate::model::{ParseMonthError, Project, YearMonth};

const EXAMPLES: &str = "\
Examples:
  dealbench                                   open the app on the bundled sample
  dealbench deal.ron                          open deal.ron in the app
  dealbench check deal.ron                    check a project file, every problem with its line
  dealbench eval deal.ron                     bill the first offer month by month
  dealbench eval deal.ron --scenario \"Offer B\" --from 2025-04 --to 2026-03 --format csv
  dealbench compare deal.ron --format json    every offer side by side, with NPV

Exit status: 0 on success, 2 on bad input (the message names file, line and column), 1 when
the output cannot be written.";

/// Dealbench: model and negotiate service contracts.
#[derive(Debug, Parser)]
#[command(
    name = "dealbench",
    version,
    about = "Model and negotiate service contracts: fees, tiers, service levels, credits and offers",
    long_about = "Model and negotiate service contracts: fees, volume tiers, indexation, service \
levels with credits, bonuses and earn-back, evaluated month by month on KPI history and \
compared offer against offer.\n\nWithout a command, Dealbench opens the desktop app (when \
built with it). The commands below work headless on a project file (.ron).",
    after_help = EXAMPLES,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// What to do; without one, the desktop app opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A project file to open in the desktop app.
    #[arg(value_name = "FILE.ron")]
    pub file: Option<PathBuf>,
}

/// A headless command.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a project file: RON syntax, format version and every validation rule.
    ///
    /// Prints a one-line summary when the file is sound; otherwise every problem with its file,
    /// line and column, and exits with status 2.
    Check {
        /// The project file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Bill one scenario month by month: every line with its explanation, service levels,
    /// flags and totals.
    Eval {
        /// The project file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The scenario (offer) to bill, by name; the first one by default.
        #[arg(long, short, value_name = "NAME")]
        scenario: Option<String>,
        /// The output format.
        #[arg(long, short, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// The first month shown (totals are over the months shown).
        #[arg(long, value_name = "YYYY-MM")]
        from: Option<String>,
        /// The last month shown.
        #[arg(long, value_name = "YYYY-MM")]
        to: Option<String>,
    },
    /// Compare every scenario over the term: charges, adjustments, credits, bonuses,
    /// earn-back, net and NPV at the project's discount rate.
    Compare {
        /// The project file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The output format.
        #[arg(long, short, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

/// How results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns with thousands separators, for people.
    Table,
    /// Comma-separated values with a header row, for spreadsheets.
    Csv,
    /// JSON as documented in the README, for programs.
    Json,
}

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The project file could not be read, or is not a valid project.
    #[error(transparent)]
    Project(#[from] ProjectError),
    /// `--scenario` names no scenario of the project.
    #[error(
        "{file}: no scenario named {name:?}; the scenarios are {}",
        quoted_list(names)
    )]
    UnknownScenario {
        /// The project file.
        file: String,
        /// The name asked for.
        name: String,
        /// The project's scenario names.
        names: Vec<String>,
    },
    /// `--from` or `--to` is not a month.
    #[error("--{flag}: {source}")]
    BadMonth {
        /// "from" or "to".
        flag: &'static str,
        /// Why.
        source: ParseMonthError,
    },
    /// `--from` is after `--to`.
    #[error("--from {from} is after --to {to}; swap them")]
    EmptyRange {
        /// The first month asked for.
        from: YearMonth,
        /// The last month asked for.
        to: YearMonth,
    },
    /// The output could not be written (a closed pipe, a full disk).
    #[error("cannot write the output: {0}")]
    Output(#[from] std::io::Error),
}

impl CliError {
    /// The process exit status for this error: 2 for bad input, 1 for output failures.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Output(_) => 1,
            _ => 2,
        }
    }
}

fn quoted_list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("{n:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Runs a headless command, writing its results to `out`.
pub fn run(command: &Command, out: &mut dyn Write) -> Result<(), CliError> {
    match command {
        Command::Check { file } => check(file, out),
        Command::Eval {
            file,
            scenario,
            format,
            from,
            to,
        } => eval(
            file,
            scenario.as_deref(),
            *format,
            from.as_deref(),
            to.as_deref(),
            out,
        ),
        Command::Compare { file, format } => compare(file, *format, out),
    }
}

fn check(file: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    let project = project::load(file)?;
    let history = match project.history_end() {
        Some(end) => format!("history to {end}"),
        None => "no history".to_owned(),
    };
    writeln!(
        out,
        "{}: ok — {}, {} from {} to {}, {}, {}, {}, {}",
        file.display(),
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

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn month(flag: &'static str, text: Option<&str>) -> Result<Option<YearMonth>, CliError> {
    text.map(|t| {
        t.parse()
            .map_err(|source| CliError::BadMonth { flag, source })
    })
    .transpose()
}

fn eval(
    file: &Path,
    scenario: Option<&str>,
    format: Format,
    from: Option<&str>,
    to: Option<&str>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let (from, to) = (month("from", from)?, month("to", to)?);
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        return Err(CliError::EmptyRange { from, to });
    }
    let project = project::load(file)?;
    let scenario = match scenario {
        Some(name) => project
            .scenario(name)
            .ok_or_else(|| CliError::UnknownScenario {
                file: file.display().to_string(),
                name: name.to_owned(),
                names: project.scenarios.iter().map(|s| s.name.clone()).collect(),
            })?,
        None => &project.scenarios[0], // a valid project has at least one
    };
    let ledger = engine::evaluate(&project, scenario);
    match format {
        Format::Json => LedgerExport::new(&project, &ledger, from, to).write_json(out)?,
        Format::Csv => LedgerExport::new(&project, &ledger, from, to).write_csv(out)?,
        Format::Table => out.write_all(ledger_table(&project, &ledger, from, to).as_bytes())?,
    }
    Ok(())
}

fn compare(file: &Path, format: Format, out: &mut dyn Write) -> Result<(), CliError> {
    let project = project::load(file)?;
    let comparison = ComparisonExport::new(&project);
    match format {
        Format::Json => comparison.write_json(out)?,
        Format::Csv => comparison.write_csv(out)?,
        Format::Table => out.write_all(comparison_table(&project, &comparison).as_bytes())?,
    }
    Ok(())
}

/// A value's serde name (`missed_target`), so the table says what the JSON says.
fn name_of(value: &impl Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}

/// Lays out rows in aligned columns; `right` marks the columns aligned right (numbers). The
/// last column is not padded, and no line ends in spaces.
fn columns(rows: &[Vec<String>], right: &[bool]) -> String {
    let n = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..n)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut text = String::new();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            if c > 0 {
                line.push_str("  ");
            }
            let pad = widths[c] - cell.chars().count();
            let last = c + 1 == row.len();
            if right.get(c).copied().unwrap_or(false) {
                line.extend(std::iter::repeat_n(' ', pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                if !last {
                    line.extend(std::iter::repeat_n(' ', pad));
                }
            }
        }
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}

/// The ledger as a table for people: a row per line and per service level, the month's net,
/// then the flags and the totals of the months shown.
pub fn ledger_table(
    project: &Project,
    ledger: &Ledger,
    from: Option<YearMonth>,
    to: Option<YearMonth>,
) -> String {
    let decimals = project.rounding.decimals;
    let money = |d| format_money(d, decimals);
    let selection = Selection::new(ledger, from, to);
    let mut text = String::new();
    let span = match (selection.months.first(), selection.months.last()) {
        (Some(first), Some(last)) => format!("{} to {}", first.period, last.period),
        _ => "no months in the range".to_owned(),
    };
    let _ = writeln!(
        text,
        "{} · {} · {} · {span}\n",
        project.name, ledger.scenario, ledger.currency
    );
    let mut rows = vec![
        [
            "Period",
            "Year",
            "Kind",
            "Component",
            "Amount",
            "Explanation",
        ]
        .map(String::from)
        .to_vec(),
    ];
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
            period.clone(),
            year,
            "net".to_owned(),
            String::new(),
            money(m.totals.net),
        ]);
    }
    text.push_str(&columns(&rows, &[false, true, false, false, true, false]));
    if any_projected {
        text.push_str("* projected: volumes from the forecast, KPIs by the projection setting\n");
    }
    if !selection.flags.is_empty() {
        text.push_str("\nFlags\n");
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
        text.push_str(&columns(&rows, &[]));
    }
    let t = &selection.totals;
    text.push_str("\nTotals\n");
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
    text.push_str(&columns(&rows, &[false, true]));
    text
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
    let mut rows = vec![
        [
            "Scenario",
            "Charges",
            "Adjustments",
            "Credits",
            "Bonuses",
            "Earn-back",
            "Net",
            "NPV",
        ]
        .map(String::from)
        .to_vec(),
    ];
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_and_leave_no_trailing_spaces() {
        let rows = vec![
            vec!["a".to_owned(), "1.00".to_owned(), "x".to_owned()],
            vec!["long".to_owned(), "1,000.00".to_owned(), String::new()],
        ];
        assert_eq!(
            columns(&rows, &[false, true, false]),
            "a         1.00  x\nlong  1,000.00\n"
        );
    }

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

    #[test]
    fn the_cli_definition_is_consistent() {
        use clap::CommandFactory as _;
        Cli::command().debug_assert();
    }

    #[test]
    fn a_file_alone_opens_the_app_and_a_command_runs_headless() {
        let cli = Cli::try_parse_from(["dealbench", "deal.ron"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.file.as_deref(), Some(Path::new("deal.ron")));
        let cli = Cli::try_parse_from(["dealbench", "check", "deal.ron"]).unwrap();
        assert!(matches!(cli.command, Some(Command::Check { .. })));
        assert!(cli.file.is_none());
    }
}
