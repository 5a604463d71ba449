//! Monthly data: KPI history (with the raw parts of derived metrics), volumes with their
//! forecast, and price indices.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::YearMonth;
use super::agreement::MonthlyValues;

/// Minutes in a day, for availability from downtime.
const MINUTES_PER_DAY: u32 = 24 * 60;

/// A KPI's monthly history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KpiSeries {
    /// A word naming the metric (`asa_secs`, `uptime_pct`).
    pub id: String,
    /// The name shown to people.
    pub name: String,
    /// The unit shown after values ("s", "%", "points").
    #[serde(default)]
    pub unit: String,
    /// The measured data, as values or as the raw parts the value is derived from.
    pub data: KpiData,
    /// Values assumed for future months when the projection is explicit.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub projected: MonthlyValues,
}

/// A KPI's measured data. Derived metrics keep their raw parts, so that a quarter or a rolling
/// window is computed from the parts (Σ numerator / Σ denominator), not by averaging ratios.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum KpiData {
    /// Values as reported, with an optional sample size per month (e.g. survey responses);
    /// windows average them weighted by sample where every month has one.
    Values {
        /// The monthly values.
        values: MonthlyValues,
        /// The sample behind each value, for minimum-sample rules and weighting.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        samples: MonthlyValues,
    },
    /// Availability in percent from downtime minutes, using the real month length: 44 minutes
    /// down is 99.8981 % in a 30-day month and 99.9014 % in a 31-day month.
    Downtime {
        /// Minutes of downtime in each month.
        minutes: MonthlyValues,
    },
    /// numerator / denominator × scale, e.g. abandoned / offered × 100. The denominator is the
    /// sample.
    Ratio {
        /// Counts of the measured event (abandoned calls, resolved first time).
        numerator: MonthlyValues,
        /// Counts of all events (offered calls, contacts).
        denominator: MonthlyValues,
        /// 100 for a percentage, 1 for a fraction.
        scale: Decimal,
    },
}

/// One month of a KPI: its value and, where known, the weight behind it (sample, minutes or
/// denominator) used to combine months into a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Observation {
    /// The month's value in the KPI's unit.
    pub value: Decimal,
    /// The weight of the month in a window (sample size, minutes in the month, denominator).
    pub weight: Option<Decimal>,
}

impl KpiSeries {
    /// The month's observation, computed from the raw parts where the metric is derived.
    /// `None` when the month has no data (or a zero denominator).
    pub fn observation(&self, month: YearMonth) -> Option<Observation> {
        match &self.data {
            KpiData::Values { values, samples } => values.get(&month).map(|&value| Observation {
                value,
                weight: samples.get(&month).copied(),
            }),
            KpiData::Downtime { minutes } => minutes.get(&month).map(|&down| {
                let total = Decimal::from(month.days() * MINUTES_PER_DAY);
                Observation {
                    value: (total - down) / total * Decimal::ONE_HUNDRED,
                    weight: Some(total),
                }
            }),
            KpiData::Ratio {
                numerator,
                denominator,
                scale,
            } => {
                let num = numerator.get(&month)?;
                let den = denominator.get(&month)?;
                (!den.is_zero()).then(|| Observation {
                    value: num / den * scale,
                    weight: Some(*den),
                })
            }
        }
    }

    /// The months with data, in order.
    pub fn months(&self) -> Vec<YearMonth> {
        match &self.data {
            KpiData::Values { values, .. } => values.keys().copied().collect(),
            KpiData::Downtime { minutes } => minutes.keys().copied().collect(),
            KpiData::Ratio {
                numerator,
                denominator,
                ..
            } => numerator
                .keys()
                .filter(|m| denominator.contains_key(m))
                .copied()
                .collect(),
        }
    }

    /// The last month with data.
    pub fn last_month(&self) -> Option<YearMonth> {
        match &self.data {
            KpiData::Values { values, .. } => values.keys().next_back().copied(),
            KpiData::Downtime { minutes } => minutes.keys().next_back().copied(),
            KpiData::Ratio {
                numerator,
                denominator,
                ..
            } => numerator
                .keys()
                .rev()
                .find(|m| denominator.contains_key(m))
                .copied(),
        }
    }

    /// The first month with data.
    pub fn first_month(&self) -> Option<YearMonth> {
        self.months().first().copied()
    }
}

/// A raw part of a KPI's data that an import can write on its own, named in a mapping as
/// `<kpi_id>.<part>`: `uptime.downtime`, `abandon.numerator`, `abandon.denominator`,
/// `csat.samples`. A derived KPI takes only its parts, never values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KpiPart {
    /// The downtime minutes of a [`KpiData::Downtime`] KPI (`<kpi_id>.downtime`).
    Downtime,
    /// The numerator of a [`KpiData::Ratio`] KPI (`<kpi_id>.numerator`).
    Numerator,
    /// The denominator of a [`KpiData::Ratio`] KPI (`<kpi_id>.denominator`).
    Denominator,
    /// The sample sizes of a [`KpiData::Values`] KPI (`<kpi_id>.samples`).
    Samples,
}

impl KpiPart {
    /// Every part, in the order they are named in messages.
    pub const ALL: [KpiPart; 4] = [
        KpiPart::Downtime,
        KpiPart::Numerator,
        KpiPart::Denominator,
        KpiPart::Samples,
    ];

    /// The suffix that names the part after the KPI id and a dot.
    pub fn suffix(self) -> &'static str {
        match self {
            KpiPart::Downtime => "downtime",
            KpiPart::Numerator => "numerator",
            KpiPart::Denominator => "denominator",
            KpiPart::Samples => "samples",
        }
    }

    /// The part in words, for messages: "downtime minutes", "numerator".
    pub fn words(self) -> &'static str {
        match self {
            KpiPart::Downtime => "downtime minutes",
            KpiPart::Numerator => "numerator",
            KpiPart::Denominator => "denominator",
            KpiPart::Samples => "sample sizes",
        }
    }

    /// Splits a part's id (`uptime.downtime`) into the KPI id and the part; `None` for an id
    /// without a known part suffix.
    pub fn split(id: &str) -> Option<(&str, KpiPart)> {
        let (kpi, suffix) = id.rsplit_once('.')?;
        let part = KpiPart::ALL.into_iter().find(|p| p.suffix() == suffix)?;
        (!kpi.is_empty()).then_some((kpi, part))
    }

    /// The id naming this part of KPI `kpi`: `uptime.downtime`.
    pub fn id(self, kpi: &str) -> String {
        format!("{kpi}.{}", self.suffix())
    }
}

impl KpiData {
    /// The parts an import can write into data of this kind: downtime minutes, numerator and
    /// denominator, or sample sizes (values themselves are the KPI's own id).
    pub fn parts(&self) -> &'static [KpiPart] {
        match self {
            KpiData::Values { .. } => &[KpiPart::Samples],
            KpiData::Downtime { .. } => &[KpiPart::Downtime],
            KpiData::Ratio { .. } => &[KpiPart::Numerator, KpiPart::Denominator],
        }
    }

    /// The monthly values of `part`, when data of this kind has it.
    pub fn part(&self, part: KpiPart) -> Option<&MonthlyValues> {
        match (self, part) {
            (KpiData::Values { samples, .. }, KpiPart::Samples) => Some(samples),
            (KpiData::Downtime { minutes }, KpiPart::Downtime) => Some(minutes),
            (KpiData::Ratio { numerator, .. }, KpiPart::Numerator) => Some(numerator),
            (KpiData::Ratio { denominator, .. }, KpiPart::Denominator) => Some(denominator),
            _ => None,
        }
    }

    /// The monthly values of `part` to change, when data of this kind has it.
    pub fn part_mut(&mut self, part: KpiPart) -> Option<&mut MonthlyValues> {
        match (self, part) {
            (KpiData::Values { samples, .. }, KpiPart::Samples) => Some(samples),
            (KpiData::Downtime { minutes }, KpiPart::Downtime) => Some(minutes),
            (KpiData::Ratio { numerator, .. }, KpiPart::Numerator) => Some(numerator),
            (KpiData::Ratio { denominator, .. }, KpiPart::Denominator) => Some(denominator),
            _ => None,
        }
    }
}

/// A volume's monthly history and its forecast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VolumeSeries {
    /// A word naming the volume (`calls_simple`, `tickets`, `hours_senior`).
    pub id: String,
    /// The name shown to people.
    pub name: String,
    /// The unit counted ("calls", "hours").
    #[serde(default)]
    pub unit: String,
    /// Measured monthly volumes.
    pub history: MonthlyValues,
    /// How volumes after the history are forecast.
    #[serde(default)]
    pub forecast: VolumeForecast,
}

/// How a volume is forecast after its history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum VolumeForecast {
    /// The same month a year earlier grown by `annual_pct` (keeps the history's seasonality);
    /// with less than a year of history, the last month grown by the same rule.
    Growth {
        /// Yearly growth in percent (negative for decline).
        annual_pct: Decimal,
    },
    /// Volumes entered month by month; months without one have zero volume.
    Explicit(MonthlyValues),
}

impl Default for VolumeForecast {
    fn default() -> Self {
        VolumeForecast::Growth {
            annual_pct: Decimal::ZERO,
        }
    }
}

/// A price index (CPI, a labour-cost index) read by indexation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexSeries {
    /// A word naming the index (`cpi_uk`).
    pub id: String,
    /// The name shown to people.
    pub name: String,
    /// Published values by month.
    pub values: MonthlyValues,
    /// Assumed yearly change in percent for months after the last published value.
    #[serde(default)]
    pub forecast_annual_pct: Decimal,
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    fn ym(text: &str) -> YearMonth {
        text.parse().unwrap()
    }

    fn downtime(month: &str, minutes: Decimal) -> KpiSeries {
        KpiSeries {
            id: "uptime".into(),
            name: "Uptime".into(),
            unit: "%".into(),
            data: KpiData::Downtime {
                minutes: [(ym(month), minutes)].into(),
            },
            projected: MonthlyValues::new(),
        }
    }

    #[test]
    fn availability_uses_the_real_month_length() {
        // 30 days: 43,200 min; (43,200 − 44) / 43,200 × 100 = 99.898148…
        let april = downtime("2025-04", dec!(44))
            .observation(ym("2025-04"))
            .unwrap();
        assert_eq!(april.value.round_dp(4), dec!(99.8981));
        assert_eq!(april.weight, Some(dec!(43200)));
        // 31 days: 44,640 min; (44,640 − 44) / 44,640 × 100 = 99.901433…
        let may = downtime("2025-05", dec!(44))
            .observation(ym("2025-05"))
            .unwrap();
        assert_eq!(may.value.round_dp(4), dec!(99.9014));
    }

    #[test]
    fn part_ids_split_into_the_kpi_and_the_part() {
        assert_eq!(
            KpiPart::split("uptime.downtime"),
            Some(("uptime", KpiPart::Downtime))
        );
        assert_eq!(
            KpiPart::split("abandon.denominator"),
            Some(("abandon", KpiPart::Denominator))
        );
        assert_eq!(KpiPart::split("uptime"), None);
        assert_eq!(KpiPart::split("uptime.minutes"), None);
        assert_eq!(KpiPart::split(".samples"), None);
        assert_eq!(KpiPart::Samples.id("csat"), "csat.samples");
    }

    #[test]
    fn a_ratio_with_a_zero_denominator_is_missing() {
        let series = KpiSeries {
            id: "abandon".into(),
            name: "Abandonment".into(),
            unit: "%".into(),
            data: KpiData::Ratio {
                numerator: [(ym("2025-01"), dec!(0)), (ym("2025-02"), dec!(30))].into(),
                denominator: [(ym("2025-01"), dec!(0)), (ym("2025-02"), dec!(600))].into(),
                scale: dec!(100),
            },
            projected: MonthlyValues::new(),
        };
        assert_eq!(series.observation(ym("2025-01")), None);
        // 30 / 600 × 100 = 5
        assert_eq!(series.observation(ym("2025-02")).unwrap().value, dec!(5));
    }
}
