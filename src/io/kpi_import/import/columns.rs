//! Mapping columns to metrics: where each metric's values are in a row, checked against the
//! table's headers before any row is read.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap;

use super::cells::cell;
use super::report::{ProblemKind, Problems};
use crate::io::kpi_import::guess::metric_id;
use crate::io::kpi_import::limits::{MAX_METRICS, MAX_NAME_CHARS, check_name, too_large};
use crate::io::kpi_import::table::{Cell, ImportError, RawTable};
use crate::model::KpiPart;
use crate::model::import_mapping::{
    Aggregation, ImportMapping, Layout, MetricMapping, Source, ValueKind,
};

/// Where one metric's values are in a row.
pub(super) struct Resolved {
    pub(super) mapping: MetricMapping,
    /// Wide: the value column, or the numerator for a ratio. Long: the value column.
    pub(super) column: usize,
    pub(super) denominator: Option<usize>,
    pub(super) weight: Option<usize>,
    /// The column name shown in problems.
    pub(super) column_name: String,
}

/// The long layout's columns, and the metric index of each metric name seen so far (`None`
/// for names the mapping does not list). With `grow`, unseen names become new metrics.
pub(super) struct LongColumns {
    metric_col: usize,
    value_col: usize,
    names: FxHashMap<String, Option<u32>>,
    /// With `grow`: the metric index of each id made so far (two names may give one id).
    ids: FxHashMap<String, u32>,
    grow: bool,
}

/// The table's columns by name, for finding the mapping's columns in one look-up each (a
/// file may have thousands): exact first, then ignoring case and surrounding spaces, as
/// [`RawTable::column`] does.
struct HeaderIndex<'a> {
    exact: FxHashMap<&'a str, usize>,
    folded: FxHashMap<String, usize>,
}

impl<'a> HeaderIndex<'a> {
    fn new(table: &'a RawTable) -> Self {
        let mut exact = FxHashMap::default();
        let mut folded = FxHashMap::default();
        for (i, h) in table.headers.iter().enumerate() {
            exact.entry(h.as_str()).or_insert(i);
            folded.entry(h.trim().to_ascii_lowercase()).or_insert(i);
        }
        Self { exact, folded }
    }

    /// The first column named `name`, exactly or else ignoring case and surrounding spaces.
    fn find(&self, name: &str) -> Option<usize> {
        let folded = || self.folded.get(&name.trim().to_ascii_lowercase()).copied();
        self.exact.get(name).copied().or_else(folded)
    }
}

/// The table's columns as the mapping reads them.
pub(super) struct Columns {
    /// The period column.
    pub(super) period: usize,
    /// The metrics, in mapping order; the long layout adds the names it meets when the mapping
    /// lists none.
    pub(super) metrics: Vec<Resolved>,
    /// The long layout's columns; `None` for the wide layout.
    pub(super) long: Option<LongColumns>,
    /// The columns holding numbers, which the decimal separator is decided from.
    pub(super) value_columns: Vec<usize>,
}

fn column_index(
    (table, index): (&RawTable, &HeaderIndex<'_>),
    name: &str,
    file: &str,
) -> Result<usize, ImportError> {
    index.find(name).ok_or_else(|| ImportError::MissingColumn {
        file: file.to_owned(),
        column: name.to_owned(),
        available: table.headers.join(", "),
    })
}

fn resolve(
    (table, index): (&RawTable, &HeaderIndex<'_>),
    mapping: &MetricMapping,
    value_column: Option<usize>,
    file: &str,
) -> Result<Resolved, ImportError> {
    let (column, denominator, column_name) = match (&mapping.source, value_column) {
        (Source::Column(_), Some(value)) => (value, None, table.headers[value].clone()),
        (Source::Column(name), None) => (
            column_index((table, index), name, file)?,
            None,
            name.clone(),
        ),
        (
            Source::Ratio {
                numerator,
                denominator,
            },
            None,
        ) => (
            column_index((table, index), numerator, file)?,
            Some(column_index((table, index), denominator, file)?),
            numerator.clone(),
        ),
        (Source::Ratio { .. }, Some(_)) => {
            return Err(ImportError::InvalidMapping {
                file: file.to_owned(),
                message: format!(
                    "metric {} is a ratio, which needs the wide layout; use two columns or import the ratio itself",
                    mapping.metric
                ),
            });
        }
    };
    let weight = match &mapping.aggregation {
        Aggregation::VolumeWeightedMean { weight_column } => {
            Some(column_index((table, index), weight_column, file)?)
        }
        _ => None,
    };
    Ok(Resolved {
        mapping: mapping.clone(),
        column,
        denominator,
        weight,
        column_name,
    })
}

/// Whether `id` can name an imported series: a word (`asa_secs`), or a word and a KPI part
/// (`uptime.downtime`, see [`KpiPart`]).
fn is_metric_id(id: &str) -> bool {
    let word = KpiPart::split(id).map_or(id, |(kpi, _)| kpi);
    metric_id(word) == word
}

/// Refuses a mapping that contradicts itself: metric ids that are not unique words, an
/// allowed range that runs backwards.
fn check_metrics(mapping: &ImportMapping, file: &str) -> Result<(), ImportError> {
    let metrics = mapping.layout.metrics();
    if metrics.len() > MAX_METRICS {
        return Err(too_large(
            file,
            format!(
                "its mapping lists {} metrics, more than the {MAX_METRICS} allowed",
                metrics.len()
            ),
        ));
    }
    let mut seen_ids = BTreeSet::new();
    for m in metrics {
        if m.metric.chars().count() > MAX_NAME_CHARS {
            return Err(ImportError::InvalidMapping {
                file: file.to_owned(),
                message: format!(
                    "metric id \"{}…\" is {} characters long, more than the {MAX_NAME_CHARS} allowed; choose a shorter one",
                    m.metric.chars().take(40).collect::<String>(),
                    m.metric.chars().count()
                ),
            });
        }
        if !is_metric_id(&m.metric) || !seen_ids.insert(m.metric.as_str()) {
            return Err(ImportError::InvalidMapping {
                file: file.to_owned(),
                message: format!(
                    "metric id \"{}\" must be a unique word of lowercase letters, digits and _ (such as asa_secs), or a KPI's raw part (such as uptime.downtime, abandon.numerator, abandon.denominator, csat.samples)",
                    m.metric
                ),
            });
        }
        if let (Some(min), Some(max)) = (m.min, m.max)
            && min > max
        {
            return Err(ImportError::InvalidMapping {
                file: file.to_owned(),
                message: format!(
                    "the allowed range of {} runs from {min} down to {max}; swap them",
                    m.metric
                ),
            });
        }
    }
    Ok(())
}

/// Finds every column the mapping names in `table`. Errors when one is missing or the mapping
/// contradicts itself: nothing can be imported then.
pub(super) fn map_columns(
    table: &RawTable,
    mapping: &ImportMapping,
    file: &str,
) -> Result<Columns, ImportError> {
    let index = &HeaderIndex::new(table);
    let period = column_index((table, index), mapping.layout.period_column(), file)?;
    check_metrics(mapping, file)?;
    let mut columns = Columns {
        period,
        metrics: Vec::new(),
        long: None,
        value_columns: Vec::new(),
    };
    match &mapping.layout {
        Layout::Long {
            metric_column,
            value_column,
            metrics: listed,
            ..
        } => {
            let metric_col = column_index((table, index), metric_column, file)?;
            let value_col = column_index((table, index), value_column, file)?;
            let mut names = FxHashMap::default();
            for m in listed {
                let Source::Column(name) = &m.source else {
                    // resolve() refuses ratios in the long layout with a clear message
                    resolve((table, index), m, Some(value_col), file)?;
                    continue;
                };
                names.insert(name.clone(), Some(columns.metrics.len() as u32));
                columns
                    .metrics
                    .push(resolve((table, index), m, Some(value_col), file)?);
            }
            columns.value_columns.push(value_col);
            let weights = columns.metrics.iter().filter_map(|m| m.weight);
            columns.value_columns.extend(weights);
            columns.long = Some(LongColumns {
                metric_col,
                value_col,
                names,
                ids: FxHashMap::default(),
                grow: listed.is_empty(),
            });
        }
        Layout::Wide {
            columns: listed, ..
        } => {
            for m in listed {
                let r = resolve((table, index), m, None, file)?;
                columns.value_columns.push(r.column);
                columns.value_columns.extend(r.denominator);
                columns.value_columns.extend(r.weight);
                columns.metrics.push(r);
            }
        }
    }
    Ok(columns)
}

impl Columns {
    /// By column index, whether the mapping reads the column (as the period, the long
    /// layout's metric name or value, a metric's value, denominator or weight).
    pub(super) fn used(&self, width: usize) -> Vec<bool> {
        let mut used = vec![false; width];
        let mut mark = |i: usize| {
            if let Some(u) = used.get_mut(i) {
                *u = true;
            }
        };
        mark(self.period);
        if let Some(long) = &self.long {
            mark(long.metric_col);
            mark(long.value_col);
        }
        for m in &self.metrics {
            mark(m.column);
            m.denominator
                .into_iter()
                .chain(m.weight)
                .for_each(&mut mark);
        }
        used
    }

    /// The metric a long-format row is about, by the name in its metric column; `None` for a
    /// wide table, or a name the mapping does not list (a warning, once per name). When the
    /// mapping lists no metrics, every name becomes a metric of its own on first sight.
    pub(super) fn long_metric(
        &mut self,
        table: &RawTable,
        file: &str,
        row: usize,
        cells: &[Cell],
        problems: &mut Problems,
    ) -> Result<Option<u32>, ImportError> {
        let Some(long) = &mut self.long else {
            return Ok(None);
        };
        let name_cell = cell(cells, long.metric_col);
        let owned;
        let name = match name_cell {
            Cell::Text(t) => t.trim(),
            other => {
                owned = other.to_string();
                owned.trim()
            }
        };
        if let Some(found) = long.names.get(name) {
            return Ok(*found);
        }
        check_name(name, &format!("the metric name in row {row}"), file)?;
        if long.names.len() >= MAX_METRICS {
            return Err(too_large(
                file,
                format!(
                    "its column \"{}\" has more than {MAX_METRICS} different metric names",
                    table.headers[long.metric_col]
                ),
            ));
        }
        let id = metric_id(name);
        let found = if long.grow && !id.is_empty() {
            match long.ids.get(&id) {
                Some(&i) => Some(i),
                None => {
                    let i = self.metrics.len() as u32;
                    long.ids.insert(id.clone(), i);
                    self.metrics.push(Resolved {
                        mapping: MetricMapping {
                            metric: id,
                            source: Source::Column(name.to_owned()),
                            kind: ValueKind::Number,
                            aggregation: Aggregation::Mean,
                            min: None,
                            max: None,
                        },
                        column: long.value_col,
                        denominator: None,
                        weight: None,
                        column_name: table.headers[long.value_col].clone(),
                    });
                    Some(i)
                }
            }
        } else {
            problems.add(
                Some(row),
                Some(&table.headers[long.metric_col]),
                Some(name.to_owned()),
                None,
                ProblemKind::UnmappedMetric,
            );
            None
        };
        long.names.insert(name.to_owned(), found);
        Ok(found)
    }
}
