//! The data a month is billed on: volumes, KPI observations and index values, from history
//! where it exists and from the projection after it.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::model::{KpiAssumption, MonthlyValues, Observation, Project, VolumeForecast, YearMonth};

/// Reads the project's data for one scenario, month by month.
pub(crate) struct Inputs<'a> {
    project: &'a Project,
    history_end: Option<YearMonth>,
    /// Months whose KPI observations are read from another month: the risk simulation's draws
    /// (simulated month → drawn history month). `None` for `evaluate`.
    kpi_months: Option<&'a BTreeMap<YearMonth, YearMonth>>,
}

impl<'a> Inputs<'a> {
    pub(crate) fn new(project: &'a Project) -> Self {
        Self {
            project,
            history_end: project.history_end(),
            kpi_months: None,
        }
    }

    /// Reads the project's data, except that every KPI's observation in a month that is a key
    /// of `kpi_months` is its observation in the month it maps to (missing there, missing
    /// here), whatever the projection says. Volumes, indices and `is_projected` are unchanged.
    pub(crate) fn with_kpi_months(
        project: &'a Project,
        kpi_months: &'a BTreeMap<YearMonth, YearMonth>,
    ) -> Self {
        Self {
            kpi_months: Some(kpi_months),
            ..Self::new(project)
        }
    }

    /// The contract's first month.
    pub(crate) fn start(&self) -> YearMonth {
        self.project.start
    }

    /// Whether `month` lies after the measured history.
    pub(crate) fn is_projected(&self, month: YearMonth) -> bool {
        self.history_end.is_none_or(|end| month > end)
    }

    /// The volume of series `id` in `month`: measured, else forecast after the history.
    /// `None` when the series does not exist or the month is a gap in the history.
    pub(crate) fn volume(&self, id: &str, month: YearMonth) -> Option<Decimal> {
        let series = self.project.volume(id)?;
        if let Some(value) = series.history.get(&month) {
            return Some(*value);
        }
        // With no history at all, every month is a projection.
        let last = series.history.keys().next_back().copied();
        if last.is_some_and(|last| month < last) {
            return None;
        }
        match &series.forecast {
            VolumeForecast::Explicit(values) => {
                Some(values.get(&month).copied().unwrap_or_default())
            }
            VolumeForecast::Growth { annual_pct } => {
                grown(&series.history, last?, month, *annual_pct)
                    .map(super::rounding::projected_volume)
            }
        }
    }

    /// The value of index `id` in `month`: published, else grown at the series' forecast rate.
    pub(crate) fn index(&self, id: &str, month: YearMonth) -> Option<Decimal> {
        let series = self.project.index(id)?;
        if let Some(value) = series.values.get(&month) {
            return Some(*value);
        }
        let last = *series.values.keys().next_back()?;
        if month < last {
            return None;
        }
        grown(&series.values, last, month, series.forecast_annual_pct)
    }

    /// The observation of KPI `id` in `month`: measured, else assumed by the projection
    /// (`target` is used when the assumption is to hold at target).
    pub(crate) fn observation(
        &self,
        id: &str,
        month: YearMonth,
        target: Decimal,
    ) -> Option<Observation> {
        let series = self.project.kpi(id)?;
        if let Some(drawn) = self.kpi_months.and_then(|m| m.get(&month)) {
            return series.observation(*drawn);
        }
        // With no history at all, every month is a projection.
        let last = series.last_month();
        if let Some(last) = last
            && month <= last
        {
            return series.observation(month);
        }
        match self.project.projection.kpi {
            KpiAssumption::RepeatLast12 => {
                let last = last?;
                let back = (month.months_since(last) + 11) / 12 * 12;
                series.observation(month.plus(-back))
            }
            KpiAssumption::HoldAtTarget => Some(Observation {
                value: target,
                weight: None,
            }),
            KpiAssumption::Explicit => series.projected.get(&month).map(|&value| Observation {
                value,
                weight: None,
            }),
        }
    }
}

/// `month`'s value grown from the same calendar month of the last year of `values` (which ends
/// at `last`) by `annual_pct` a year, compounded once per year: keeps the seasonality. With no
/// value a whole number of years back, the last value is grown by the same rule.
fn grown(
    values: &MonthlyValues,
    last: YearMonth,
    month: YearMonth,
    annual_pct: Decimal,
) -> Option<Decimal> {
    let years = (month.months_since(last) + 11) / 12;
    let base = values
        .get(&month.plus(-12 * years))
        .or_else(|| values.get(&last))?;
    let factor = Decimal::ONE + annual_pct / Decimal::ONE_HUNDRED;
    // Validation bounds the growth so that the grown value stays within its range over the
    // term; checked all the same, so a project outside that range reads as a gap, not a crash.
    (0..years).try_fold(*base, |v, _| v.checked_mul(factor))
}
