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
use crate::io::atomic;
use crate::io::export::{ComparisonExport, LedgerExport, Selection};
use crate::io::kpi_import::{
    self, ApplySummary, ImportError, ImportMapping, ImportOutcome, MetricDiff, Progress,
};
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
  dealbench import deal.ron --kpi calls.csv --dry-run      what importing KPI history would change
  dealbench import deal.ron --kpi calls.csv --print-mapping > calls.mapping.ron
  dealbench import deal.ron --kpi calls.csv --mapping calls.mapping.ron
  dealbench import deal.ron --reimport        re-read every file imported before
  dealbench export deal.ron --ledger ledger.csv --scenario \"Offer B\"
  dealbench export deal.ron --kpi history.csv --wide

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
    },
    /// Export the ledger of one scenario, or the KPI and volume history, as CSV.
    ///
    /// The output file is written atomically: it is either the old file or the complete new
    /// one.
    #[command(group(clap::ArgGroup::new("output").required(true).args(["ledger", "kpi"])))]
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
    /// An output file (`export`) could not be written; the old file, if any, is unchanged.
    #[error("{}: cannot write the file: {source}; check that the folder exists and is writable", path.display())]
    OutputFile {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// The KPI file could not be read at all.
    #[error("{source}")]
    KpiFile {
        /// Why.
        #[from]
        source: ImportError,
    },
    /// The mapping file could not be read.
    #[error("{}: cannot read the mapping: {source}", path.display())]
    MappingFile {
        /// The mapping file.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// The mapping file is not a valid mapping.
    #[error(
        "{file}:{line}:{column}: {message}; `dealbench import PROJECT --kpi FILE --print-mapping` prints a mapping to start from"
    )]
    BadMapping {
        /// The mapping file.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What RON said.
        message: String,
    },
    /// The import has errors, or cannot be applied; the project is unchanged. Every problem
    /// found is listed, one per line, before the reason.
    #[error("{}{reason}; nothing was changed", problems.iter().map(|p| format!("{p}\n")).collect::<String>())]
    ImportRefused {
        /// Every problem, as text.
        problems: Vec<String>,
        /// Why nothing was applied and what to do.
        reason: String,
    },
}

impl CliError {
    /// The process exit status for this error: 2 for bad input, 1 for output failures.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Output(_) | CliError::OutputFile { .. } => 1,
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
        Command::Import {
            file,
            kpi,
            mapping,
            print_mapping,
            reimport: _,
            skip_bad_rows,
            dry_run,
        } => {
            let options = ImportOptions {
                skip_bad_rows: *skip_bad_rows,
                dry_run: *dry_run,
            };
            match kpi {
                Some(kpi) if *print_mapping => {
                    let mapping = read_or_guess_mapping(kpi, mapping.as_deref())?;
                    out.write_all(mapping_to_ron(&mapping).as_bytes())?;
                    Ok(())
                }
                Some(kpi) => import(file, kpi, mapping.as_deref(), options, out),
                None => reimport(file, options, out),
            }
        }
        Command::Export {
            file,
            ledger,
            kpi,
            scenario,
            from,
            to,
            wide,
        } => {
            if let Some(path) = ledger {
                export_ledger(
                    file,
                    path,
                    scenario.as_deref(),
                    from.as_deref(),
                    to.as_deref(),
                    out,
                )?;
            }
            if let Some(path) = kpi {
                export_kpis(file, path, *wide, out)?;
            }
            Ok(())
        }
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

/// Checks `--from` and `--to`.
fn month_range(
    from: Option<&str>,
    to: Option<&str>,
) -> Result<(Option<YearMonth>, Option<YearMonth>), CliError> {
    let (from, to) = (month("from", from)?, month("to", to)?);
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        return Err(CliError::EmptyRange { from, to });
    }
    Ok((from, to))
}

/// The ledger of the scenario named (the first one by default).
fn scenario_ledger(
    file: &Path,
    project: &Project,
    scenario: Option<&str>,
) -> Result<Ledger, CliError> {
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
    Ok(engine::evaluate(project, scenario))
}

fn eval(
    file: &Path,
    scenario: Option<&str>,
    format: Format,
    from: Option<&str>,
    to: Option<&str>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let (from, to) = month_range(from, to)?;
    let project = project::load(file)?;
    let ledger = scenario_ledger(file, &project, scenario)?;
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

/// What `import` may do beyond reading.
#[derive(Debug, Clone, Copy)]
struct ImportOptions {
    /// Apply the import without the rows that have errors.
    skip_bad_rows: bool,
    /// Report, but save nothing.
    dry_run: bool,
}

/// RON as mapping files are written: 4-space indents and plain optional values.
fn mapping_to_ron(mapping: &ImportMapping) -> String {
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ")
        .new_line("\n")
        .struct_names(false)
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME);
    let mut text = ron::ser::to_string_pretty(mapping, config)
        .expect("a mapping always serialises: it has only strings, numbers and lists");
    text.push('\n');
    text
}

/// Reads a mapping file; a RON error names the file, line and column.
fn read_mapping(path: &Path) -> Result<ImportMapping, CliError> {
    let text = std::fs::read_to_string(path).map_err(|source| CliError::MappingFile {
        path: path.to_owned(),
        source,
    })?;
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(&text)
        .map_err(|e| CliError::BadMapping {
            file: path.display().to_string(),
            line: e.span.start.line.max(1),
            column: e.span.start.col.max(1),
            message: e.code.to_string(),
        })
}

/// The mapping file's mapping, or one guessed from the KPI file.
fn read_or_guess_mapping(kpi: &Path, mapping: Option<&Path>) -> Result<ImportMapping, CliError> {
    match mapping {
        Some(path) => read_mapping(path),
        None => {
            let format = kpi_import::SourceFormat::default();
            let table = kpi_import::read_table(kpi, &format, None, &Progress::new())?;
            Ok(kpi_import::guess_mapping(&table))
        }
    }
}

fn import(
    file: &Path,
    kpi: &Path,
    mapping: Option<&Path>,
    options: ImportOptions,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let project = project::load(file)?;
    let progress = Progress::new();
    // A guessed mapping leaves the format to `Auto`, so the table read to guess it is the
    // table to import: the file is read once.
    let (mapping, outcome) = match mapping {
        Some(path) => {
            let mapping = read_mapping(path)?;
            let outcome = kpi_import::import_file(kpi, &mapping, &progress)?;
            (mapping, outcome)
        }
        None => {
            let format = kpi_import::SourceFormat::default();
            let table = kpi_import::read_table(kpi, &format, None, &progress)?;
            let mapping = kpi_import::guess_mapping(&table);
            let name = kpi_import::file_name(kpi);
            let outcome = kpi_import::import(&table, &mapping, &name, &progress)?;
            (mapping, outcome)
        }
    };
    let mut updated = project.clone();
    let mut report = String::new();
    let source = kpi_import::source_path(Some(file), kpi);
    let name = kpi_import::file_name(kpi);
    apply_import(
        &mut updated,
        &name,
        &source,
        &mapping,
        &outcome,
        options,
        &mut report,
    )?;
    finish_import(file, &project, &updated, options, &report, out)
}

fn reimport(file: &Path, options: ImportOptions, out: &mut dyn Write) -> Result<(), CliError> {
    let project = project::load(file)?;
    if project.imports.is_empty() {
        writeln!(
            out,
            "{}: no imported files to re-import; import one with --kpi first",
            file.display()
        )?;
        return Ok(());
    }
    let mut updated = project.clone();
    let mut report = String::new();
    for source in &project.imports {
        let path = kpi_import::resolve_source(Some(file), &source.file);
        let outcome = kpi_import::import_file(&path, &source.mapping, &Progress::new())?;
        apply_import(
            &mut updated,
            &kpi_import::file_name(&path),
            &source.file,
            &source.mapping,
            &outcome,
            options,
            &mut report,
        )?;
    }
    finish_import(file, &project, &updated, options, &report, out)
}

/// Applies one import to `project` (a working copy) and describes it in `report`: the problems,
/// then what changes per series. Refuses, leaving `project` as it was, when errors remain
/// without `--skip-bad-rows` or when the import cannot be applied.
fn apply_import(
    project: &mut Project,
    name: &str,
    source: &str,
    mapping: &ImportMapping,
    outcome: &ImportOutcome,
    options: ImportOptions,
    report: &mut String,
) -> Result<(), CliError> {
    let mut problems: Vec<String> = outcome.problems.iter().map(ToString::to_string).collect();
    if outcome.unlisted_problems > 0 {
        problems.push(format!(
            "{name}: {} more not listed",
            count(outcome.unlisted_problems, "problem", "problems")
        ));
    }
    if !outcome.can_apply(options.skip_bad_rows) {
        return Err(CliError::ImportRefused {
            problems,
            reason: format!(
                "{name}: {} in {}; fix {}, or pass --skip-bad-rows to import without {}",
                count(outcome.error_count, "error", "errors"),
                rows_list(&outcome.skipped_rows),
                if outcome.error_count == 1 {
                    "it"
                } else {
                    "them"
                },
                if outcome.skipped_rows.len() == 1 {
                    "that row"
                } else {
                    "those rows"
                }
            ),
        });
    }
    let diff = kpi_import::diff_series(&kpi_import::project_series(project), &outcome.series);
    let summary = kpi_import::apply(project, outcome, mapping, source, options.skip_bad_rows)
        .map_err(|e| CliError::ImportRefused {
            problems: problems.clone(),
            reason: e.to_string(),
        })?;
    let _ = writeln!(
        report,
        "{name}: {} read, {}, {}",
        count(outcome.rows_read, "row", "rows"),
        count(outcome.error_count, "error", "errors"),
        count(outcome.warning_count, "warning", "warnings"),
    );
    for problem in &problems {
        let _ = writeln!(report, "{problem}");
    }
    if !outcome.skipped_rows.is_empty() {
        let _ = writeln!(
            report,
            "{name}: skipping {}",
            rows_list(&outcome.skipped_rows)
        );
    }
    for (id, metric) in &diff.metrics {
        let _ = writeln!(report, "  {id}: {}", describe_diff(metric, &summary, id));
        for (month, old, new) in &metric.changed {
            let _ = writeln!(report, "    {month}: {old} → {new}");
        }
    }
    if diff.metrics.is_empty() {
        let _ = writeln!(report, "  no series in the file");
    }
    Ok(())
}

/// `row 14` or `rows 14, 15`.
fn rows_list(rows: &[usize]) -> String {
    let list = rows
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    if rows.len() == 1 {
        format!("row {list}")
    } else {
        format!("rows {list}")
    }
}

/// One series' change in words: `new KPI series, 3 months added (2024-01 to 2024-03)`.
fn describe_diff(metric: &MetricDiff, summary: &ApplySummary, id: &str) -> String {
    let mut parts = Vec::new();
    if summary.new_kpis.iter().any(|k| k == id) {
        parts.push("new KPI series".to_owned());
    } else if summary.new_volumes.iter().any(|v| v == id) {
        parts.push("new volume series".to_owned());
    }
    let mut added = format!("{} added", count(metric.added.len(), "month", "months"));
    if let (Some(first), Some(last)) = (metric.added.first(), metric.added.last()) {
        if first.0 == last.0 {
            let _ = write!(added, " ({})", first.0);
        } else {
            let _ = write!(added, " ({} to {})", first.0, last.0);
        }
    }
    parts.push(added);
    parts.push(format!("{} changed", metric.changed.len()));
    parts.push(format!("{} unchanged", metric.unchanged));
    if metric.kept > 0 {
        parts.push(format!("{} kept", metric.kept));
    }
    parts.join(", ")
}

/// Prints the report and saves the working copy unless it is a dry run or nothing changed.
fn finish_import(
    file: &Path,
    original: &Project,
    updated: &Project,
    options: ImportOptions,
    report: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    out.write_all(report.as_bytes())?;
    if options.dry_run {
        writeln!(out, "Dry run: {} was not changed.", file.display())?;
    } else if updated == original {
        writeln!(
            out,
            "{} already has this history; it was not changed.",
            file.display()
        )?;
    } else {
        project::save(file, updated)?;
        writeln!(
            out,
            "Saved {} (the previous version is {}).",
            file.display(),
            project::backup_path(file).display()
        )?;
    }
    Ok(())
}

/// Writes an output file atomically (see [`atomic::write_atomically`]): a failure leaves the
/// old file as it was.
fn write_file_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), CliError> {
    atomic::write_atomically(path, atomic::Backup::None, write).map_err(|source| {
        CliError::OutputFile {
            path: path.to_owned(),
            source,
        }
    })
}

fn export_ledger(
    file: &Path,
    path: &Path,
    scenario: Option<&str>,
    from: Option<&str>,
    to: Option<&str>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let (from, to) = month_range(from, to)?;
    let project = project::load(file)?;
    let ledger = scenario_ledger(file, &project, scenario)?;
    let export = LedgerExport::new(&project, &ledger, from, to);
    write_file_atomically(path, |w| export.write_csv(w))?;
    let span = match (export.months.first(), export.months.last()) {
        (Some(first), Some(last)) => format!("{} to {}", first.period, last.period),
        _ => "no months in the range".to_owned(),
    };
    writeln!(
        out,
        "Wrote {}: the ledger of {}, {} ({span}).",
        path.display(),
        export.scenario,
        count(export.months.len(), "month", "months"),
    )?;
    Ok(())
}

fn export_kpis(file: &Path, path: &Path, wide: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let project = project::load(file)?;
    let series = kpi_import::project_series(&project);
    write_file_atomically(path, |w| {
        if wide {
            kpi_import::export_wide(&series, w)
        } else {
            kpi_import::export_long(&series, w)
        }
    })?;
    let values: usize = series.values().map(|m| m.len()).sum();
    let ids = series.keys().cloned().collect::<Vec<_>>().join(", ");
    writeln!(
        out,
        "Wrote {}: {} ({ids}), {}, {} format.",
        path.display(),
        count(series.len(), "series", "series"),
        count(values, "value", "values"),
        if wide { "wide" } else { "long" },
    )?;
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
