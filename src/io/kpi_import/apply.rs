//! Applying an import to a project: series are created or updated, and the file and mapping are
//! remembered so that "Re-import" reads it the same way. All or nothing.

use std::collections::BTreeMap;

use crate::model::import_mapping::{ImportMapping, ValueKind};
use crate::model::{
    ImportSource, KpiData, KpiSeries, MonthlyValues, Project, VolumeForecast, VolumeSeries,
};

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
    /// The series is kept as raw parts (downtime, numerator/denominator) and cannot take values.
    #[error(
        "KPI \"{metric}\" is derived from raw parts ({parts}); map the file's columns to a new metric id, or import the parts as their own series"
    )]
    DerivedSeries {
        /// The metric id.
        metric: String,
        /// What it is derived from.
        parts: &'static str,
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
}

/// Every monthly series of the project by id (volumes and KPIs kept as values), as the importer
/// sees them: what [`super::diff_series`] compares an import against.
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

/// Applies `outcome` (read from `file` with `mapping`) to `project`: a metric that names an
/// existing volume series updates its history; one that names a KPI kept as values updates its
/// values; a new metric becomes a volume series when the mapping counts it, a KPI series
/// otherwise. The import is recorded in `project.imports` (replacing an earlier import of the
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
    for metric in outcome.series.keys() {
        if project.volume(metric).is_some() {
            continue;
        }
        if let Some(kpi) = project.kpi(metric) {
            let parts = match kpi.data {
                KpiData::Values { .. } => continue,
                KpiData::Downtime { .. } => "downtime minutes",
                KpiData::Ratio { .. } => "numerator and denominator",
            };
            return Err(ApplyError::DerivedSeries {
                metric: metric.clone(),
                parts,
            });
        }
    }
    let mut summary = ApplySummary::default();
    for (metric, months) in &outcome.series {
        let kind = mapping
            .layout
            .metrics()
            .iter()
            .find(|m| &m.metric == metric)
            .map(|m| m.kind)
            .unwrap_or_default();
        let target = if let Some(v) = project.volumes.iter_mut().find(|v| &v.id == metric) {
            &mut v.history
        } else if let Some(k) = project.kpis.iter_mut().find(|k| &k.id == metric) {
            match &mut k.data {
                KpiData::Values { values, .. } => values,
                _ => unreachable!("derived series were refused above"),
            }
        } else if kind == ValueKind::Count {
            summary.new_volumes.push(metric.clone());
            project.volumes.push(VolumeSeries {
                id: metric.clone(),
                name: metric.replace('_', " "),
                unit: String::new(),
                history: MonthlyValues::new(),
                forecast: VolumeForecast::default(),
            });
            &mut project.volumes.last_mut().expect("just pushed").history
        } else {
            summary.new_kpis.push(metric.clone());
            let unit = match kind {
                ValueKind::Percent { .. } => "%",
                ValueKind::Duration { .. } => "s",
                ValueKind::Number | ValueKind::Count => "",
            };
            project.kpis.push(KpiSeries {
                id: metric.clone(),
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
        };
        let written = months
            .iter()
            .filter(|(m, v)| target.get(m) != Some(v))
            .count();
        target.extend(months.iter().map(|(m, v)| (*m, *v)));
        summary.months_written.insert(metric.clone(), written);
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
