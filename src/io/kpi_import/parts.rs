//! Imports into the raw parts of a KPI: downtime minutes, numerators and denominators, sample
//! sizes. A mapping names a part as `<kpi_id>.<part>` ([`KpiPart`]); a derived KPI takes only
//! its parts, and what a part import leaves incomplete is said as a warning.

use std::collections::BTreeSet;
use std::fmt;

use rustc_hash::FxHashMap;

use super::apply::ApplyError;
use super::import::MonthlySeries;
use crate::model::{KpiData, KpiPart, KpiSeries, YearMonth};

/// Where one imported series goes in the project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    /// The history of the volume series at this index.
    Volume(usize),
    /// The values of the KPI at this index, kept as values.
    Values(usize),
    /// A raw part of the KPI at this index.
    Part(usize, KpiPart),
    /// A series the project does not have yet.
    New,
}

/// Where `metric` goes: a volume or a KPI by its id, a KPI's part by `<kpi_id>.<part>`, else a
/// new series. Refused: values into a derived KPI, a part the KPI does not have, a part of a
/// KPI the project does not have.
pub(super) fn target(
    kpis: &[KpiSeries],
    kpi_index: &FxHashMap<String, usize>,
    volume_index: &FxHashMap<String, usize>,
    metric: &str,
) -> Result<Target, ApplyError> {
    if let Some(&v) = volume_index.get(metric) {
        return Ok(Target::Volume(v));
    }
    if let Some(&k) = kpi_index.get(metric) {
        return match kpis[k].data {
            KpiData::Values { .. } => Ok(Target::Values(k)),
            KpiData::Downtime { .. } | KpiData::Ratio { .. } => Err(ApplyError::DerivedSeries {
                metric: metric.to_owned(),
                parts: kind_words(&kpis[k].data),
                ids: part_ids(metric, &kpis[k].data),
            }),
        };
    }
    let Some((kpi, part)) = KpiPart::split(metric) else {
        return Ok(Target::New);
    };
    let Some(&k) = kpi_index.get(kpi) else {
        return Err(ApplyError::NoKpiForPart {
            metric: metric.to_owned(),
            kpi: kpi.to_owned(),
            part: part.words(),
        });
    };
    let data = &kpis[k].data;
    if data.part(part).is_none() {
        return Err(ApplyError::NoSuchPart {
            metric: metric.to_owned(),
            kpi: kpi.to_owned(),
            kept_as: kind_words(data),
            ids: part_ids(kpi, data),
        });
    }
    Ok(Target::Part(k, part))
}

/// What a KPI's data is kept as, in words.
fn kind_words(data: &KpiData) -> &'static str {
    match data {
        KpiData::Values { .. } => "values (with sample sizes)",
        KpiData::Downtime { .. } => "downtime minutes",
        KpiData::Ratio { .. } => "numerator and denominator",
    }
}

/// The ids of the parts of `kpi` an import can write, quoted: `"uptime.downtime"`, or
/// `"abandon.numerator" and "abandon.denominator"`.
fn part_ids(kpi: &str, data: &KpiData) -> String {
    data.parts()
        .iter()
        .map(|p| format!("\"{}\"", p.id(kpi)))
        .collect::<Vec<_>>()
        .join(" and ")
}

/// What applying an import leaves for the user to look at; the import is applied all the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApplyWarning {
    /// Months of a ratio KPI that the import wrote one part of while the other part is
    /// missing: the KPI has no value for them until both are there.
    LonePart {
        /// The KPI id.
        kpi: String,
        /// The part the months have (numerator or denominator).
        present: KpiPart,
        /// The part they lack.
        missing: KpiPart,
        /// The months, ascending.
        months: Vec<YearMonth>,
    },
    /// Sample sizes removed because the import replaced (or added) the value of their month
    /// without bringing a sample size for it: an old sample never weighs a new value.
    SamplesRemoved {
        /// The KPI id.
        kpi: String,
        /// The months whose sample size was removed, ascending.
        months: Vec<YearMonth>,
    },
}

impl fmt::Display for ApplyWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApplyWarning::LonePart {
                kpi,
                present,
                missing,
                months,
            } => write!(
                f,
                "KPI \"{kpi}\": {} {} a {} but no {}, so the KPI has no value there; import \"{}\" for {} too",
                month_list(months),
                if months.len() == 1 { "has" } else { "have" },
                present.words(),
                missing.words(),
                missing.id(kpi),
                if months.len() == 1 { "it" } else { "them" },
            ),
            ApplyWarning::SamplesRemoved { kpi, months } => write!(
                f,
                "KPI \"{kpi}\": the sample sizes of {} were removed, as the import replaced their values without sample sizes; import \"{}\" with the values to keep them",
                month_list(months),
                KpiPart::Samples.id(kpi),
            ),
        }
    }
}

/// `2025-03`, `2025-03, 2025-04`, or the first five and `and N more`.
fn month_list(months: &[YearMonth]) -> String {
    const SHOWN: usize = 5;
    let mut list = months
        .iter()
        .take(SHOWN)
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    if months.len() > SHOWN {
        list.push_str(&format!(" and {} more", months.len() - SHOWN));
    }
    list
}

/// The months of a ratio KPI that the import wrote a part of and that now have one part only,
/// as warnings (numerator without denominator first).
pub(super) fn lone_parts(kpi: &KpiSeries, written: &BTreeSet<YearMonth>) -> Vec<ApplyWarning> {
    let KpiData::Ratio {
        numerator,
        denominator,
        ..
    } = &kpi.data
    else {
        return Vec::new();
    };
    let pairs = [
        (
            KpiPart::Numerator,
            numerator,
            KpiPart::Denominator,
            denominator,
        ),
        (
            KpiPart::Denominator,
            denominator,
            KpiPart::Numerator,
            numerator,
        ),
    ];
    pairs
        .into_iter()
        .filter_map(|(present, has, missing, lacks)| {
            let months: Vec<YearMonth> = written
                .iter()
                .filter(|m| has.contains_key(m) && !lacks.contains_key(m))
                .copied()
                .collect();
            (!months.is_empty()).then(|| ApplyWarning::LonePart {
                kpi: kpi.id.clone(),
                present,
                missing,
                months,
            })
        })
        .collect()
}

/// Removes the sample sizes of the months whose value the import adds or changes without
/// bringing a sample size for them; the months removed, ascending.
pub(super) fn drop_stale_samples(
    kpi: &mut KpiSeries,
    incoming: &MonthlySeries,
    months: &std::collections::BTreeMap<YearMonth, rust_decimal::Decimal>,
) -> Vec<YearMonth> {
    let brought = incoming.get(&KpiPart::Samples.id(&kpi.id));
    let KpiData::Values { values, samples } = &mut kpi.data else {
        return Vec::new();
    };
    let stale: Vec<YearMonth> = months
        .iter()
        .filter(|(m, v)| values.get(m) != Some(v) && samples.contains_key(m))
        .filter(|(m, _)| brought.is_none_or(|b| !b.contains_key(m)))
        .map(|(m, _)| *m)
        .collect();
    for month in &stale {
        samples.remove(month);
    }
    stale
}
