//! Applying an import to a project: series are created or updated, and the file and mapping are
//! remembered so that "Re-import" reads it the same way. All or nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use crate::model::import_mapping::{ImportMapping, ValueKind};
use crate::model::{
    ImportSource, KpiData, KpiPart, KpiSeries, MonthlyValues, Project, VolumeForecast,
    VolumeSeries, YearMonth,
};

use super::parts::{self, ApplyWarning, Target};
use super::{ImportOutcome, MonthlySeries};

/// Why an import cannot be applied; the project is left as it was.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApplyError {
    /// The import has errors and the user did not choose to skip the bad rows.
    #[error(
        "{file}: {errors} problem(s) must be fixed first, or choose to skip the listed bad rows"
    )]
    Unresolved {
        /// The file imported.
        file: String,
        /// How many error-severity problems it has.
        errors: usize,
    },
    /// The import brings in no value at all: refused, so that a file read wrongly never
    /// passes for an import.
    #[error("{file}: no KPI values found: {why}; nothing was changed")]
    NothingImported {
        /// The file imported.
        file: String,
        /// Why: the columns not imported and their reasons (see
        /// [`ImportOutcome::nothing_imported`]).
        why: String,
    },
    /// The series is kept as raw parts (downtime, numerator/denominator) and cannot take values;
    /// its parts can be imported under their own ids.
    #[error(
        "KPI \"{metric}\" is derived from raw parts ({parts}); import them as {ids} (map the file's columns to those ids), or map the columns to a new metric id"
    )]
    DerivedSeries {
        /// The metric id.
        metric: String,
        /// What it is derived from.
        parts: &'static str,
        /// The ids of the parts that can be imported, quoted.
        ids: String,
    },
    /// A metric names a part (`<kpi_id>.<part>`) of a KPI the project does not have.
    #[error(
        "metric \"{metric}\" is the {part} of KPI \"{kpi}\", which the project does not have; add the KPI first, or map the column to a plain metric id"
    )]
    NoKpiForPart {
        /// The metric id.
        metric: String,
        /// The KPI id it names.
        kpi: String,
        /// The part, in words.
        part: &'static str,
    },
    /// A metric names a part the KPI is not kept as (numerator of a downtime KPI).
    #[error(
        "metric \"{metric}\": KPI \"{kpi}\" is kept as {kept_as}, which has no such part; import {ids}"
    )]
    NoSuchPart {
        /// The metric id.
        metric: String,
        /// The KPI id.
        kpi: String,
        /// What the KPI is kept as, in words.
        kept_as: &'static str,
        /// The ids of the parts it has, quoted.
        ids: String,
    },
}

/// What applying changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplySummary {
    /// KPI series created.
    pub new_kpis: Vec<String>,
    /// Volume series created.
    pub new_volumes: Vec<String>,
    /// Months written (added or changed) per series.
    pub months_written: BTreeMap<String, usize>,
    /// What the import leaves incomplete: ratio months with one part, sample sizes removed.
    pub warnings: Vec<ApplyWarning>,
}

/// Every monthly series of the project by id (volumes and KPIs kept as values): what
/// exports write.
pub fn project_series(project: &Project) -> MonthlySeries {
    let kpis = project.kpis.iter().filter_map(|k| match &k.data {
        KpiData::Values { values, .. } => Some((k.id.clone(), values.clone())),
        _ => None,
    });
    let volumes = project
        .volumes
        .iter()
        .map(|v| (v.id.clone(), v.history.clone()));
    kpis.chain(volumes).collect()
}

/// Every series an import can write, by id, as the importer sees them: [`project_series`] and
/// each KPI's raw parts under `<kpi_id>.<part>` (`uptime.downtime`, `abandon.numerator`,
/// `csat.samples`, see [`KpiPart`]). What [`super::diff_series`] compares an import against.
pub fn import_series(project: &Project) -> MonthlySeries {
    let mut series = project_series(project);
    for k in &project.kpis {
        for &part in k.data.parts() {
            if let Some(values) = k.data.part(part) {
                series.insert(part.id(&k.id), values.clone());
            }
        }
    }
    series
}

/// Applies `outcome` (read from `file` with `mapping`) to `project`: a metric that names an
/// existing volume series updates its history; one that names a KPI kept as values updates its
/// values (removing the sample size of each month whose value it replaces without bringing
/// one: see [`ApplyWarning::SamplesRemoved`]); one that names a KPI's raw part
/// (`uptime.downtime`, `abandon.numerator`, `abandon.denominator`, `csat.samples`: see
/// [`KpiPart`]) updates that part, and a ratio month left with one part is a warning; a new
/// metric becomes a volume series when the mapping counts it, a KPI series otherwise. Values
/// into a derived KPI are refused, naming the parts to import instead. The import is recorded in `project.imports` (replacing an earlier import of the
/// same file). Nothing changes when it fails.
pub fn apply(
    project: &mut Project,
    outcome: &ImportOutcome,
    mapping: &ImportMapping,
    file: &str,
    skip_bad_rows: bool,
) -> Result<ApplySummary, ApplyError> {
    if !outcome.can_apply(skip_bad_rows) {
        return Err(ApplyError::Unresolved {
            file: file.to_owned(),
            errors: outcome.error_count,
        });
    }
    if let Some(why) = outcome.nothing_imported() {
        return Err(ApplyError::NothingImported {
            file: file.to_owned(),
            why,
        });
    }
    // Series by id, looked up once per imported metric: a file may bring thousands.
    let volumes: FxHashMap<String, usize> = ids(project.volumes.iter().map(|v| &v.id));
    let kpis: FxHashMap<String, usize> = ids(project.kpis.iter().map(|k| &k.id));
    let targets = outcome
        .series
        .keys()
        .map(|metric| parts::target(&project.kpis, &kpis, &volumes, metric))
        .collect::<Result<Vec<Target>, ApplyError>>()?;
    let kinds: FxHashMap<&str, ValueKind> = mapping
        .layout
        .metrics()
        .iter()
        .map(|m| (m.metric.as_str(), m.kind))
        .collect();
    let mut summary = ApplySummary::default();
    // Per ratio KPI, the months the import wrote a part of.
    let mut ratio_months: BTreeMap<usize, BTreeSet<YearMonth>> = BTreeMap::new();
    for ((metric, months), target) in outcome.series.iter().zip(targets) {
        let values = match target {
            Target::Volume(v) => &mut project.volumes[v].history,
            Target::Values(k) => {
                let kpi = &mut project.kpis[k];
                let removed = parts::drop_stale_samples(kpi, &outcome.series, months);
                if !removed.is_empty() {
                    summary.warnings.push(ApplyWarning::SamplesRemoved {
                        kpi: kpi.id.clone(),
                        months: removed,
                    });
                }
                match &mut kpi.data {
                    KpiData::Values { values, .. } => values,
                    _ => unreachable!("a values target is a KPI kept as values"),
                }
            }
            Target::Part(k, part) => {
                if matches!(part, KpiPart::Numerator | KpiPart::Denominator) {
                    ratio_months.entry(k).or_default().extend(months.keys());
                }
                project.kpis[k]
                    .data
                    .part_mut(part)
                    .expect("the target was checked to have the part")
            }
            Target::New => {
                let kind = kinds.get(metric.as_str()).copied().unwrap_or_default();
                new_series(project, metric, kind, &mut summary)
            }
        };
        let written = months
            .iter()
            .filter(|(m, v)| values.get(m) != Some(v))
            .count();
        values.extend(months.iter().map(|(m, v)| (*m, *v)));
        summary.months_written.insert(metric.clone(), written);
    }
    for (k, written) in ratio_months {
        let lone = parts::lone_parts(&project.kpis[k], &written);
        summary.warnings.extend(lone);
    }
    let source = ImportSource {
        file: file.to_owned(),
        mapping: mapping.clone(),
        series: outcome.series.keys().cloned().collect(),
    };
    match project.imports.iter_mut().find(|s| s.file == file) {
        Some(existing) => *existing = source,
        None => project.imports.push(source),
    }
    Ok(summary)
}

/// Each id's index (the first, should a project repeat one, as `Project::kpi` finds it).
fn ids<'a>(ids: impl Iterator<Item = &'a String>) -> FxHashMap<String, usize> {
    let mut map = FxHashMap::default();
    for (i, id) in ids.enumerate() {
        map.entry(id.clone()).or_insert(i);
    }
    map
}

/// A new series for `metric`, added to `project` and `summary`: a volume series when the
/// mapping counts it, a KPI series kept as values otherwise. Its history, to be filled.
fn new_series<'a>(
    project: &'a mut Project,
    metric: &str,
    kind: ValueKind,
    summary: &mut ApplySummary,
) -> &'a mut MonthlyValues {
    if kind == ValueKind::Count {
        summary.new_volumes.push(metric.to_owned());
        project.volumes.push(VolumeSeries {
            id: metric.to_owned(),
            name: metric.replace('_', " "),
            unit: String::new(),
            history: MonthlyValues::new(),
            forecast: VolumeForecast::default(),
        });
        return &mut project.volumes.last_mut().expect("just pushed").history;
    }
    summary.new_kpis.push(metric.to_owned());
    let unit = match kind {
        ValueKind::Percent { .. } => "%",
        ValueKind::Duration { .. } => "s",
        ValueKind::Number | ValueKind::Count => "",
    };
    project.kpis.push(KpiSeries {
        id: metric.to_owned(),
        name: metric.replace('_', " "),
        unit: unit.to_owned(),
        data: KpiData::Values {
            values: MonthlyValues::new(),
            samples: MonthlyValues::new(),
        },
        projected: MonthlyValues::new(),
    });
    match &mut project.kpis.last_mut().expect("just pushed").data {
        KpiData::Values { values, .. } => values,
        _ => unreachable!("just made as values"),
    }
}

/// The file name recorded for a pasted block; a paste is not a file to re-import.
const PASTED: &str = "pasted block";

/// Applies a block pasted from a spreadsheet (tab-separated, a header row with a period column
/// and series ids or names) to `project`, all or nothing: read by the same importer as files,
/// refused with the first problem when it has any error.
pub fn paste_block(project: &mut Project, text: &str) -> Result<ApplySummary, String> {
    let format = super::SourceFormat {
        delimiter: super::Delimiter::Tab,
        ..super::SourceFormat::default()
    };
    let progress = super::Progress::new();
    let table = super::read_csv(text.as_bytes(), &format, PASTED, None, &progress)
        .map_err(|e| e.to_string())?;
    // Every column but the period is a series: named by id, or by a series' name.
    let period_column = super::guess_mapping(&table)
        .layout
        .period_column()
        .to_owned();
    let series_id = |header: &str| {
        // A KPI's raw part by its id (`uptime.downtime`), as in a mapping.
        let part = KpiPart::split(header.trim()).filter(|(kpi, _)| project.kpi(kpi).is_some());
        if part.is_some() {
            return header.trim().to_owned();
        }
        let named = |name: &str, id: &str| {
            (name.eq_ignore_ascii_case(header.trim())).then(|| id.to_owned())
        };
        project
            .volumes
            .iter()
            .find_map(|v| named(&v.name, &v.id))
            .or_else(|| project.kpis.iter().find_map(|k| named(&k.name, &k.id)))
            .unwrap_or_else(|| super::metric_id(header))
    };
    let columns = table
        .headers
        .iter()
        .filter(|h| **h != period_column)
        .map(|h| crate::model::import_mapping::MetricMapping {
            metric: series_id(h),
            source: crate::model::import_mapping::Source::Column(h.clone()),
            kind: ValueKind::Number,
            aggregation: Default::default(),
            min: None,
            max: None,
        })
        .collect();
    let mapping = ImportMapping {
        format,
        layout: crate::model::import_mapping::Layout::Wide {
            period_column,
            columns,
        },
    };
    let outcome = super::import(&table, &mapping, PASTED, &progress).map_err(|e| e.to_string())?;
    if let Some(problem) = outcome
        .problems
        .iter()
        .find(|p| p.severity() == super::Severity::Error)
    {
        return Err(format!(
            "{problem} ({} error(s): nothing was pasted)",
            outcome.error_count
        ));
    }
    if outcome.series.is_empty() {
        return Err(
            "nothing to paste: no column was read as numbers by month; copy a header row with a period column and series ids"
                .to_owned(),
        );
    }
    let mut changed = project.clone();
    let summary =
        apply(&mut changed, &outcome, &mapping, PASTED, false).map_err(|e| e.to_string())?;
    changed.imports.retain(|s| s.file != PASTED);
    *project = changed;
    Ok(summary)
}

/// The folder a project's relative paths start from: the project file's folder, or the
/// working directory for a bare file name.
pub fn project_folder(project_file: &Path) -> &Path {
    match project_file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// The KPI file as the project remembers it (`ImportSource::file`): relative to the project's
/// folder, with `/` separators, when it lies inside it (so the folder can be moved or shared);
/// absolute otherwise, and always absolute for a project not yet saved.
pub fn source_path(project_file: Option<&Path>, kpi: &Path) -> String {
    let absolute = kpi.canonicalize().unwrap_or_else(|_| kpi.to_owned());
    let Some(project_file) = project_file else {
        return absolute.display().to_string();
    };
    match project_folder(project_file).canonicalize() {
        Ok(folder) => match absolute.strip_prefix(&folder) {
            Ok(relative) => relative
                .iter()
                .map(|part| part.to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
            Err(_) => absolute.display().to_string(),
        },
        Err(_) => absolute.display().to_string(),
    }
}

/// Where a remembered import source is on disk: relative paths start at the project's folder
/// (the working directory for a project not yet saved); absolute paths stand as they are.
pub fn resolve_source(project_file: Option<&Path>, source: &str) -> PathBuf {
    // Joining an absolute path replaces the folder.
    match project_file {
        Some(file) => project_folder(file).join(source),
        None => PathBuf::from(source),
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;
    use crate::model::YearMonth;

    fn ym(text: &str) -> YearMonth {
        text.parse().unwrap()
    }

    fn blank() -> Project {
        let mut p = Project::new_blank(ym("2025-01"));
        p.volumes.push(VolumeSeries {
            id: "calls".into(),
            name: "Calls".into(),
            unit: String::new(),
            history: [(ym("2025-01"), dec!(100))].into(),
            forecast: VolumeForecast::default(),
        });
        p
    }

    #[test]
    fn a_pasted_block_updates_existing_series_and_adds_new_ones() {
        let mut p = blank();
        let summary = paste_block(
            &mut p,
            "month\tcalls\tasa_secs\n2025-01\t120\t31.5\n2025-02\t130\t29\n",
        )
        .unwrap();
        assert_eq!(
            p.volume("calls").unwrap().history[&ym("2025-01")],
            dec!(120)
        );
        assert_eq!(
            p.volume("calls").unwrap().history[&ym("2025-02")],
            dec!(130)
        );
        let asa = p.kpi("asa_secs").unwrap();
        assert_eq!(asa.observation(ym("2025-02")).unwrap().value, dec!(29));
        assert_eq!(summary.new_kpis, vec!["asa_secs".to_owned()]);
        assert!(
            p.imports.is_empty(),
            "a paste is not recorded as a file import"
        );
    }

    #[test]
    fn a_pasted_block_with_a_bad_cell_changes_nothing() {
        let mut p = blank();
        let before = p.clone();
        let err = paste_block(
            &mut p,
            "month\tcalls\n2025-01\t120\n2025-02\t13O\n2025-03\t140\n",
        )
        .unwrap_err();
        assert!(err.contains("\"13O\" is not a number"), "{err}");
        assert_eq!(p, before);
        let err = paste_block(&mut p, "just some text\n").unwrap_err();
        assert!(
            err.starts_with("nothing to paste") || err.contains("pasted block"),
            "{err}"
        );
        assert_eq!(p, before);
    }

    #[test]
    fn a_pasted_block_can_fill_a_derived_kpis_part() {
        let mut p = blank();
        p.kpis.push(KpiSeries {
            id: "uptime".into(),
            name: "Uptime".into(),
            unit: "%".into(),
            data: KpiData::Downtime {
                minutes: [(ym("2025-01"), dec!(30))].into(),
            },
            projected: MonthlyValues::new(),
        });
        let summary = paste_block(&mut p, "month\tuptime.downtime\n2025-01\t44\n").unwrap();
        assert_eq!(summary.months_written["uptime.downtime"], 1);
        assert_eq!(
            p.kpi("uptime").unwrap().data,
            KpiData::Downtime {
                minutes: [(ym("2025-01"), dec!(44))].into()
            }
        );
    }

    #[test]
    fn an_import_into_a_derived_kpi_is_refused_whole() {
        let mut p = blank();
        p.kpis.push(KpiSeries {
            id: "uptime".into(),
            name: "Uptime".into(),
            unit: "%".into(),
            data: KpiData::Downtime {
                minutes: MonthlyValues::new(),
            },
            projected: MonthlyValues::new(),
        });
        let before = p.clone();
        let err = paste_block(&mut p, "month\tcalls\tuptime\n2025-01\t5\t99.9\n").unwrap_err();
        assert_eq!(
            err,
            "KPI \"uptime\" is derived from raw parts (downtime minutes); import them as \"uptime.downtime\" (map the file's columns to those ids), or map the columns to a new metric id"
        );
        assert_eq!(p, before);
    }
}
