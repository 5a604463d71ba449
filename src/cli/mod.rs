//! The headless command line: `check`, `eval`, `compare`, `import`, `export`, `risk` and
//! `staffing` over the same engine as the app.
//!
//! Arguments are parsed by clap into [`Cli`], then resolved once into a checked request (the
//! project loaded and validated, the scenario looked up, the months parsed and in order, the
//! mapping file read) before any work is done; each command family's module then works on its
//! request and writes to the given output:
//!
//! - `check` (`check.rs`): the one-line summary of a sound project;
//! - `eval` (`eval.rs`): one scenario's ledger as a table, CSV or JSON;
//! - `compare` (`compare.rs`): every scenario side by side;
//! - `import` (`import.rs`): KPI history, re-import and `--print-mapping`;
//! - `export` (`export.rs`): the ledger or the KPI history as a CSV file;
//! - `risk` (`risk/`): the Monte Carlo simulation of one offer, and its trials as CSV;
//! - `staffing` (`staffing.rs`): the agents one contact-centre interval needs (Erlang C);
//! - `sensitivity` (`sensitivity.rs`): the tornado of an offer's terms, and two-term grids;
//! - `breakeven` (`breakeven.rs`): the volume at which two offers cost the same;
//! - `milestones` and `reviews` (`governance.rs`): milestones with their delay credits, and
//!   the summary of each performance review;
//! - `cost` (`cost.rs`) and `price` (`price.rs`): an offer's cost and margin, and its price
//!   for a target margin;
//! - `request.rs`: what the commands share when they resolve their arguments;
//! - `table.rs`: the aligned text columns of the tables.
//!
//! Errors come back as [`CliError`], whose [`CliError::exit_code`] is 2 for bad input (a
//! malformed project, an unknown scenario, a bad month) and 1 when the output cannot be
//! written.

mod breakeven;
mod check;
mod compare;
mod cost;
mod diff;
mod error;
mod eval;
mod export;
mod governance;
mod import;
mod price;
mod report;
mod request;
mod risk;
mod sensitivity;
mod staffing;
mod table;

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

pub use breakeven::BreakEvenArgs;
pub use compare::comparison_table;
pub use cost::{CostFileError, cost_table};
pub use error::CliError;
pub use eval::ledger_table;
pub use price::{PriceArgs, PriceOptionError};
pub use request::{OfferArgs, OfferFormat};
pub use sensitivity::SensitivityArgs;
pub use staffing::{StaffingArgs, StaffingFormat, StaffingOptionError, significant};
pub use table::printable;

const EXAMPLES: &str = "\
Examples:
  dealbench                                   open the app on the bundled sample
  dealbench deal.ron                          open deal.ron in the app
  dealbench check deal.ron                    check a project file, every problem with its line
  dealbench eval deal.ron                     bill the first offer month by month
  dealbench eval deal.ron --scenario \"Offer B\" --from 2025-04 --to 2026-03 --format csv
  dealbench compare deal.ron --format json    every offer side by side, with NPV
  dealbench import deal.ron --kpi calls.csv --dry-run      what importing KPI history would change
  dealbench import deal.ron --kpi calls.csv --print-mapping > calls.mapping.ron
  dealbench import deal.ron --kpi calls.csv --mapping calls.mapping.ron
  dealbench import deal.ron --reimport        re-read every file imported before
  dealbench export deal.ron --ledger ledger.csv --scenario \"Offer B\"
  dealbench export deal.ron --kpi history.csv --wide
  dealbench risk deal.ron --trials 2000 --seed 7 --format json --trials-out trials.csv
  dealbench sensitivity deal.ron --scenario \"Offer B\" --pct 10   which term moves the net most
  dealbench sensitivity deal.ron --grid 'charge \"fee\" / monthly fee=900..1100:5' 'service level \"asa\" / target=30..60:7'
  dealbench breakeven deal.ron --a \"Offer A\" --b \"Offer B\" --from 0.5 --to 2   where the two cross
  dealbench staffing --calls 100 --interval-s 1800 --aht-s 180 --target-pct 80 --within-s 20
  dealbench milestones deal.ron --scenario \"Offer B\"   target, actual, days late, delay credit
  dealbench reviews deal.ron --format json    each performance review's summary
  dealbench cost deal.ron --scenario \"Offer B\"  cost of delivery, net and margin by month
  dealbench price deal.ron --scenario \"Offer B\" --margin-pct 15 -o priced.ron

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
    /// Import KPI and volume history from a CSV or XLSX file into a project.
    ///
    /// Prints every problem of the file (file, row, column and value) and what would change per
    /// series, then applies the import and saves the project (the previous file is kept as
    /// FILE.bak). Nothing is changed when the file cannot be read, the mapping is bad, errors
    /// remain (unless --skip-bad-rows) or the import cannot be applied: the exit status is 2.
    #[command(group(clap::ArgGroup::new("source").required(true).args(["kpi", "reimport"])))]
    Import {
        /// The project file.
        #[arg(value_name = "PROJECT")]
        file: PathBuf,
        /// The KPI file to import (.csv, .tsv or .xlsx).
        #[arg(long, value_name = "FILE")]
        kpi: Option<PathBuf>,
        /// How to read the file (RON, as printed by --print-mapping); guessed from the file
        /// when not given.
        #[arg(long, value_name = "MAPPING.ron", requires = "kpi")]
        mapping: Option<PathBuf>,
        /// Print the mapping (the guessed one without --mapping) as RON and change nothing;
        /// save it to a file, edit it and pass it with --mapping.
        #[arg(long, requires = "kpi")]
        print_mapping: bool,
        /// Re-read every file imported before, each with its stored mapping (paths relative
        /// to the project's folder).
        #[arg(long)]
        reimport: bool,
        /// Import without the rows that have errors (they are listed) instead of refusing.
        #[arg(long)]
        skip_bad_rows: bool,
        /// Show the problems and what would change, but save nothing.
        #[arg(long)]
        dry_run: bool,
        /// The row that names the columns (1 for the first), for a file with a title block
        /// above it; found by itself when the first row holds a title.
        #[arg(long, value_name = "N", requires = "kpi", value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
        header_row: Option<u32>,
    },
    /// Export the ledger of one scenario, or the KPI and volume history, as CSV; or the whole
    /// project as a workbook (every offer's ledger, the offers compared, the history and the
    /// assumptions).
    ///
    /// Each output file is written atomically: it is either the old file or the complete new
    /// one.
    #[command(group(clap::ArgGroup::new("output").required(true).multiple(true).args(["ledger", "kpi", "xlsx"])))]
    Export {
        /// The project file.
        #[arg(value_name = "PROJECT")]
        file: PathBuf,
        /// Write the ledger (every line of every month, as `eval --format csv`) to this file.
        #[arg(long, value_name = "OUT.csv")]
        ledger: Option<PathBuf>,
        /// Write every KPI series kept as values and every volume series to this file, in
        /// long format (period, metric, value) unless --wide.
        #[arg(long, value_name = "OUT.csv")]
        kpi: Option<PathBuf>,
        /// The scenario (offer) of the ledger, by name; the first one by default.
        #[arg(long, short, value_name = "NAME", requires = "ledger")]
        scenario: Option<String>,
        /// The first month of the ledger.
        #[arg(long, value_name = "YYYY-MM", requires = "ledger")]
        from: Option<String>,
        /// The last month of the ledger.
        #[arg(long, value_name = "YYYY-MM", requires = "ledger")]
        to: Option<String>,
        /// The KPI file in wide format: a period column and a column per series.
        #[arg(long, requires = "kpi")]
        wide: bool,
        /// Write the workbook (XLSX) to this file: a sheet per offer with its ledger, the
        /// offers compared, the KPI and volume history, and the assumptions.
        #[arg(long, value_name = "OUT.xlsx")]
        xlsx: Option<PathBuf>,
    },
    /// Simulate one offer over many futures of the term (a bootstrap of whole KPI history
    /// months): credits, bonuses, earn-back and net per contract year and over the term (mean,
    /// P5, P50, P90, P95, max), the odds of each termination trigger and cap, the fee at risk
    /// and the risk-adjusted fee.
    ///
    /// The options override the project's `risk` settings. The same seed gives the same
    /// figures on any machine.
    Risk {
        /// The project file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The scenario (offer) to simulate, by name; the first one by default.
        #[arg(long, short, value_name = "NAME")]
        scenario: Option<String>,
        /// How many futures to simulate (1 to 1,000,000); the project's setting by default.
        #[arg(long, value_name = "N")]
        trials: Option<u64>,
        /// Where the SplitMix64 draw stream starts; the project's setting by default.
        #[arg(long, value_name = "S")]
        seed: Option<u64>,
        /// Consecutive history months per draw (1 to the months of KPI history); the
        /// project's setting by default.
        #[arg(long, value_name = "L")]
        block: Option<u64>,
        /// The output format.
        #[arg(long, short, value_enum, default_value_t = risk::RiskFormat::Table)]
        format: risk::RiskFormat,
        /// Also write one row per trial and contract year to this CSV file:
        /// trial,contract_year,credits,bonuses,earn_back,net,triggers.
        #[arg(long, value_name = "OUT.csv")]
        trials_out: Option<PathBuf>,
    },
    /// What changed from one offer to another, term by term, and what each change is worth:
    /// each changed term set to the second offer's value in turn, its effect on the net over
    /// the term and the NPV; the rest (terms added or removed, rules, interaction) in one line,
    /// so the effects add up exactly to the difference.
    Diff {
        /// The project file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The offer compared from, by name.
        #[arg(long, value_name = "NAME")]
        from: String,
        /// The offer compared to, by name.
        #[arg(long, value_name = "NAME")]
        to: String,
        /// The output format (csv writes the table).
        #[arg(long, short, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Write the client report: one self-contained HTML file (styles and charts inline) with
    /// the parties and term, each offer's structure, the offers compared, the invoice and
    /// waterfall charts, the service levels, the flags and triggers, and the assumptions.
    Report {
        /// The project file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The report file: HTML, or a PDF when it ends in `.pdf` (printed by Chromium or
        /// Chrome, found on the PATH or named by DEALBENCH_BROWSER).
        #[arg(long, short, value_name = "OUT.html|OUT.pdf")]
        out: PathBuf,
        /// An offer given a section of its own, by name; repeat for several. All offers by
        /// default (the comparison always shows every offer).
        #[arg(long, short, value_name = "NAME")]
        scenario: Vec<String>,
        /// The paper the print styles are for.
        #[arg(long, value_enum, default_value_t = report::PaperSize::A4)]
        paper: report::PaperSize,
        /// Also simulate each offer's risk (with the project's risk settings) and show it in
        /// its section: the spread by year, the fan of monthly net, the fee at risk and the
        /// triggers' odds.
        #[arg(long)]
        risk: bool,
    },
    /// Which term of an offer moves the money most: every numeric term moved down and up
    /// (±10 % by default; thresholds and targets in a KPI's unit by a step in that unit), the
    /// offer billed again each time, the terms ranked by the swing of the net over the term
    /// (and NPV). Terms whose moved value makes the project invalid are listed as not moved,
    /// with the reason. With --grid, the net (or --credits) over a grid of two terms instead.
    Sensitivity(SensitivityArgs),
    /// Where two offers cost the same: the volume level, as a multiple of the volumes they
    /// are billed on (every month of the term), at which their nets over the term are equal:
    /// all volume series scaled together, then each alone. Found exactly (the net is piecewise
    /// linear in volume): the sampled bracket and the crossing, or "none in range".
    Breakeven(BreakEvenArgs),
    /// Staff one contact-centre interval by Erlang C: the productive agents that meet the
    /// service-level target and the maximum occupancy, the agents to schedule after shrinkage,
    /// and P(wait), service level, ASA and occupancy at N − 1, N and N + 1. Reads no project.
    Staffing(StaffingArgs),
    /// An offer's cost of delivery by month (the project's cost model: contacts spread over
    /// the opening hours, staffed by Erlang C, paid hours costed) beside its net, with the margin.
    Cost(OfferArgs),
    /// The fixed fee or unit rate at which an offer reaches a target margin over the term,
    /// after delivery cost and a risk premium; with -o, the project with the priced copy added.
    Price(PriceArgs),
    /// An offer's milestones: target and actual dates, days late and the delay credit, with
    /// the month whose invoice carries it.
    Milestones(OfferArgs),
    /// An offer's performance reviews: for each review within the term, every service level
    /// since the previous review (months measured, met, misses, credits, trend).
    Reviews(OfferArgs),
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

/// Runs a headless command, writing its results to `out`: its arguments are checked first
/// (see `Request`), then the command does its work.
pub fn run(command: &Command, out: &mut dyn Write) -> Result<(), CliError> {
    Request::resolve(command)?.run(out)
}

/// A command with its arguments checked: every file it reads is loaded and every name and
/// month it was given is found, so the work that follows cannot fail on them.
#[derive(Debug)]
enum Request {
    /// `check`: the project, loaded and validated.
    Check(request::ProjectFile),
    /// `eval`.
    Eval(eval::EvalRequest),
    /// `compare`.
    Compare(compare::CompareRequest),
    /// `import`, `import --reimport` and `import --print-mapping`.
    Import(import::ImportRequest),
    /// `export`.
    Export(export::ExportRequest),
    /// `risk`.
    Risk(risk::RiskRequest),
    /// `report`.
    Report(report::ReportRequest),
    /// `diff`.
    Diff(diff::DiffRequest),
    /// `staffing`.
    Staffing(staffing::StaffingRequest),
    /// `sensitivity`.
    Sensitivity(sensitivity::SensitivityRequest),
    /// `breakeven`.
    BreakEven(breakeven::BreakEvenRequest),
    /// `cost`.
    Cost(request::OfferRequest),
    /// `price`.
    Price(price::PriceRequest),
    Milestones(request::OfferRequest),
    Reviews(request::OfferRequest),
}

impl Request {
    /// Checks a command's arguments, in the order their errors are reported: months before
    /// the project (a bad month is named even when the file is also bad), then the project,
    /// then the names looked up in it.
    fn resolve(command: &Command) -> Result<Self, CliError> {
        Ok(match command {
            Command::Check { file } => Request::Check(request::ProjectFile::load(file)?),
            Command::Eval {
                file,
                scenario,
                format,
                from,
                to,
            } => Request::Eval(eval::EvalRequest::resolve(
                file,
                scenario.as_deref(),
                (from.as_deref(), to.as_deref()),
                *format,
            )?),
            Command::Compare { file, format } => {
                Request::Compare(compare::CompareRequest::resolve(file, *format)?)
            }
            Command::Import {
                file,
                kpi,
                mapping,
                print_mapping,
                reimport: _,
                skip_bad_rows,
                dry_run,
                header_row,
            } => Request::Import(import::ImportRequest::resolve(
                file,
                kpi.as_deref(),
                mapping.as_deref(),
                *print_mapping,
                import::ImportOptions {
                    skip_bad_rows: *skip_bad_rows,
                    dry_run: *dry_run,
                    header_row: header_row.map(|n| n as usize),
                },
            )?),
            Command::Export {
                file,
                ledger,
                kpi,
                scenario,
                from,
                to,
                wide,
                xlsx,
            } => Request::Export(
                export::ExportRequest::resolve(
                    file,
                    ledger.as_deref(),
                    (scenario.as_deref(), from.as_deref(), to.as_deref()),
                    kpi.as_deref(),
                    *wide,
                )?
                .with_workbook(xlsx.as_deref()),
            ),
            Command::Risk {
                file,
                scenario,
                trials,
                seed,
                block,
                format,
                trials_out,
            } => Request::Risk(risk::RiskRequest::resolve(
                file,
                scenario.as_deref(),
                risk::RiskOptions {
                    trials: *trials,
                    seed: *seed,
                    block: *block,
                },
                *format,
                trials_out.as_deref(),
            )?),
            Command::Diff {
                file,
                from,
                to,
                format,
            } => Request::Diff(diff::DiffRequest::resolve(file, from, to, *format)?),
            Command::Report {
                file,
                out,
                scenario,
                paper,
                risk,
            } => Request::Report(report::ReportRequest::resolve(
                file, scenario, *paper, out, *risk,
            )?),
            Command::Staffing(args) => Request::Staffing(staffing::StaffingRequest::resolve(args)?),
            Command::Sensitivity(args) => {
                Request::Sensitivity(sensitivity::SensitivityRequest::resolve(args)?)
            }
            Command::Breakeven(args) => {
                Request::BreakEven(breakeven::BreakEvenRequest::resolve(args)?)
            }
            Command::Cost(args) => Request::Cost(request::OfferRequest::resolve(args)?),
            Command::Price(args) => Request::Price(price::PriceRequest::resolve(args)?),
            Command::Milestones(args) => Request::Milestones(request::OfferRequest::resolve(args)?),
            Command::Reviews(args) => Request::Reviews(request::OfferRequest::resolve(args)?),
        })
    }

    /// Does the work of a checked command.
    fn run(&self, out: &mut dyn Write) -> Result<(), CliError> {
        match self {
            Request::Check(file) => check::run(file, out),
            Request::Eval(request) => eval::run(request, out),
            Request::Compare(request) => compare::run(request, out),
            Request::Import(request) => import::run(request, out),
            Request::Export(request) => export::run(request, out),
            Request::Risk(request) => risk::run(request, out),
            Request::Report(request) => report::run(request, out),
            Request::Diff(request) => diff::run(request, out),
            Request::Staffing(request) => staffing::run(request, out),
            Request::Sensitivity(request) => sensitivity::run(request, out),
            Request::BreakEven(request) => breakeven::run(request, out),
            Request::Cost(request) => cost::run(request, out),
            Request::Price(request) => price::run(request, out),
            Request::Milestones(request) => governance::run_milestones(request, out),
            Request::Reviews(request) => governance::run_reviews(request, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

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
