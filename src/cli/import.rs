//! `dealbench import`: KPI and volume history read from a CSV or XLSX file into a project
//! (`--kpi`), every file imported before read again (`--reimport`), or the mapping that says
//! how a file is read, printed as RON (`--print-mapping`).
//!
//! Nothing is saved when the file cannot be read, the mapping is bad, errors remain (unless
//! `--skip-bad-rows`) or the import cannot be applied; otherwise the project is saved with its
//! previous version kept as `FILE.bak`.

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashSet;

use super::CliError;
use super::request::ProjectFile;
use super::table::count;
use crate::io::kpi_import::{self, ImportMapping, ImportOutcome, MetricDiff, Progress, RawTable};
use crate::io::project;
use crate::model::{KpiPart, Project};

/// What `import` may do beyond reading.
#[derive(Debug, Clone, Copy)]
pub(super) struct ImportOptions {
    /// Apply the import without the rows that have errors.
    pub skip_bad_rows: bool,
    /// Report, but save nothing.
    pub dry_run: bool,
    /// `--header-row N`: the row that names the columns, instead of the mapping's or the
    /// one found.
    pub header_row: Option<usize>,
}

/// `import`, checked: the project loaded (except for `--print-mapping`, which does not read
/// it) and the mapping file, when given, read. The KPI files themselves are read by the work.
#[derive(Debug)]
pub(super) enum ImportRequest {
    /// `--kpi FILE --print-mapping`: print the mapping given, or the one guessed from the file.
    PrintMapping {
        /// The KPI file.
        kpi: PathBuf,
        /// The mapping of `--mapping`; guessed from the file when not given.
        mapping: Option<ImportMapping>,
        /// `--header-row N`.
        header_row: Option<usize>,
    },
    /// `--kpi FILE`: import one file.
    Import {
        /// The project.
        file: ProjectFile,
        /// The KPI file.
        kpi: PathBuf,
        /// The mapping of `--mapping`; guessed from the file when not given.
        mapping: Option<ImportMapping>,
        /// `--skip-bad-rows`, `--dry-run`.
        options: ImportOptions,
    },
    /// `--reimport`: read every file imported before, each with its stored mapping.
    Reimport {
        /// The project.
        file: ProjectFile,
        /// `--skip-bad-rows`, `--dry-run`.
        options: ImportOptions,
    },
}

impl ImportRequest {
    /// Loads the project (first, so its problems are named before the mapping's), then reads
    /// the mapping file. Without `--kpi`, clap has made sure `--reimport` was given.
    pub fn resolve(
        file: &Path,
        kpi: Option<&Path>,
        mapping: Option<&Path>,
        print_mapping: bool,
        options: ImportOptions,
    ) -> Result<Self, CliError> {
        let Some(kpi) = kpi else {
            return Ok(ImportRequest::Reimport {
                file: ProjectFile::load(file)?,
                options,
            });
        };
        let kpi = kpi.to_owned();
        let read = |path: &Path| {
            let mut mapping = read_mapping(path)?;
            if let Some(row) = options.header_row {
                mapping.format.header_row = row;
            }
            Ok::<_, CliError>(mapping)
        };
        if print_mapping {
            let mapping = mapping.map(read).transpose()?;
            let header_row = options.header_row;
            return Ok(ImportRequest::PrintMapping {
                kpi,
                mapping,
                header_row,
            });
        }
        let file = ProjectFile::load(file)?;
        let mapping = mapping.map(read).transpose()?;
        Ok(ImportRequest::Import {
            file,
            kpi,
            mapping,
            options,
        })
    }
}

/// Runs the import asked for.
pub(super) fn run(request: &ImportRequest, out: &mut dyn Write) -> Result<(), CliError> {
    match request {
        ImportRequest::PrintMapping {
            kpi,
            mapping,
            header_row,
        } => {
            let mapping = match mapping {
                Some(mapping) => mapping.clone(),
                None => read_and_guess(kpi, None, *header_row, &Progress::new())?.1,
            };
            out.write_all(mapping_to_ron(&mapping).as_bytes())?;
            Ok(())
        }
        ImportRequest::Import {
            file,
            kpi,
            mapping,
            options,
        } => import(file, kpi, mapping.as_ref(), *options, out),
        ImportRequest::Reimport { file, options } => reimport(file, *options, out),
    }
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

/// Reads a KPI file as found (the format left to `Auto`) and guesses how to map it. The header
/// is in row `header_row`, else in the first row, or below a title block when the first row
/// is a title (the file is then read again from the row found). Columns named by a series id
/// of `project` are mapped even when many of their cells are not numbers.
fn read_and_guess(
    kpi: &Path,
    project: Option<&Project>,
    header_row: Option<usize>,
    progress: &Progress,
) -> Result<(RawTable, ImportMapping), CliError> {
    let mut format = kpi_import::SourceFormat::default();
    if let Some(row) = header_row {
        format.header_row = row;
    }
    let mut table = kpi_import::read_table(kpi, &format, None, progress)?;
    if header_row.is_none() {
        let found = kpi_import::guess_header_row(&table, format.header_row);
        if found != format.header_row {
            format.header_row = found;
            table = kpi_import::read_table(kpi, &format, None, progress)?;
        }
    }
    let mapping = match project {
        Some(project) => kpi_import::guess_mapping_for(&table, project),
        None => kpi_import::guess_mapping(&table),
    };
    let mapping = ImportMapping { format, ..mapping };
    Ok((table, mapping))
}

/// Imports one KPI file into a working copy of the project, then reports and saves it.
fn import(
    file: &ProjectFile,
    kpi: &Path,
    mapping: Option<&ImportMapping>,
    options: ImportOptions,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let progress = Progress::new();
    // A guessed mapping leaves the format to `Auto`, so the table read to guess it is the
    // table to import: the file is read once.
    let (mapping, outcome) = match mapping {
        Some(mapping) => {
            let outcome = kpi_import::import_file(kpi, mapping, &progress)?;
            (mapping.clone(), outcome)
        }
        None => {
            let header_row = options.header_row;
            let (table, mapping) = read_and_guess(kpi, Some(&file.project), header_row, &progress)?;
            let name = kpi_import::file_name(kpi);
            let outcome = kpi_import::import(&table, &mapping, &name, &progress)?;
            (mapping, outcome)
        }
    };
    let mut updated = file.project.clone();
    let mut report = String::new();
    let source = kpi_import::source_path(Some(&file.path), kpi);
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
    finish_import(file, &updated, options, &report, out)
}

/// Reads every file imported before again, each with its stored mapping; refused as a whole
/// when any one of them is.
fn reimport(
    file: &ProjectFile,
    options: ImportOptions,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let project = &file.project;
    if project.imports.is_empty() {
        writeln!(
            out,
            "{}: no imported files to re-import; import one with --kpi first",
            file.path.display()
        )?;
        return Ok(());
    }
    let mut updated = project.clone();
    let mut report = String::new();
    for source in &project.imports {
        let path = kpi_import::resolve_source(Some(&file.path), &source.file);
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
    finish_import(file, &updated, options, &report, out)
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
    if let Some(why) = outcome.nothing_imported() {
        return Err(CliError::ImportRefused {
            problems,
            reason: format!(
                "{name}: no KPI values found: {why}; choose the columns with --mapping (--print-mapping shows the guessed one)"
            ),
        });
    }
    let diff = kpi_import::diff_series(&kpi_import::import_series(project), &outcome.series);
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
        count(
            outcome.warning_count + summary.warnings.len(),
            "warning",
            "warnings"
        ),
    );
    for problem in &problems {
        let _ = writeln!(report, "{problem}");
    }
    for warning in &summary.warnings {
        let _ = writeln!(report, "{name}: {warning}");
    }
    if !outcome.skipped_rows.is_empty() {
        let _ = writeln!(
            report,
            "{name}: skipping {}",
            rows_list(&outcome.skipped_rows)
        );
    }
    let new_kpis: FxHashSet<&str> = summary.new_kpis.iter().map(String::as_str).collect();
    let new_volumes: FxHashSet<&str> = summary.new_volumes.iter().map(String::as_str).collect();
    for (id, metric) in &diff.metrics {
        let new = if new_kpis.contains(id.as_str()) {
            "new KPI series, ".to_owned()
        } else if new_volumes.contains(id.as_str()) {
            "new volume series, ".to_owned()
        } else if let Some((kpi, part)) = KpiPart::split(id) {
            format!("{} of KPI \"{kpi}\", ", part.words())
        } else {
            String::new()
        };
        let _ = writeln!(report, "  {id}: {new}{}", describe_diff(metric));
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

/// One series' change in words: `3 months added (2024-01 to 2024-03), 0 changed, …`.
fn describe_diff(metric: &MetricDiff) -> String {
    let mut parts = Vec::new();
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
    file: &ProjectFile,
    updated: &Project,
    options: ImportOptions,
    report: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    out.write_all(report.as_bytes())?;
    if options.dry_run {
        writeln!(out, "Dry run: {} was not changed.", file.path.display())?;
    } else if *updated == file.project {
        writeln!(
            out,
            "{} already has this history; it was not changed.",
            file.path.display()
        )?;
    } else {
        project::save(&file.path, updated)?;
        writeln!(
            out,
            "Saved {} (the previous version is {}).",
            file.path.display(),
            project::backup_path(&file.path).display()
        )?;
    }
    Ok(())
}
