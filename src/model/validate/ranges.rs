//! Every input within its documented range ([`crate::model::limits`]): the term, the months,
//! every numeric term of an offer by its unit, and every value of every series. A project
//! inside these ranges is one the engine evaluates without overflow.

use rust_decimal::Decimal;

use super::Checker;
use crate::model::limits::*;
use crate::model::terms::{Unit, numeric_terms};
use crate::model::*;

/// Everything out of its documented range in `project`: the part of [`validate()`](super::validate()) that
/// must hold before the engine may run at all (the app evaluates only projects without such a
/// problem, while it shows the others).
pub fn out_of_range(project: &Project) -> Vec<ValidationError> {
    let mut check = Checker::default();
    check.ranges(project);
    check.errors
}

/// The largest a term of `unit` may be. Windows in months are held to the longest term, not to
/// this contract's: a 12-month repeat window in a 7-month contract is a real drafting.
fn unit_max(unit: &Unit) -> Decimal {
    match unit {
        Unit::Money => MAX_AMOUNT,
        Unit::MoneyPerUnit => MAX_UNIT_RATE,
        Unit::Percent => MAX_PCT,
        Unit::Kpi(_) => MAX_KPI_VALUE,
        Unit::Volume => MAX_VOLUME,
        Unit::Months => Decimal::from(MAX_TERM_MONTHS),
        Unit::Points | Unit::Count => MAX_COUNT,
    }
}

impl Checker {
    /// Pushes a problem when `value` lies outside `min..=max`.
    fn within(
        &mut self,
        location: Location,
        what: &str,
        value: Decimal,
        min: Decimal,
        max: Decimal,
    ) {
        if value < min || value > max {
            self.push(
                location,
                format!("{what} is {value}, outside the range {min} to {max}; enter a value in it"),
            );
        }
    }

    pub(super) fn ranges(&mut self, p: &Project) {
        let setting = |field| Location::Project(Some(field));
        if p.term_months > MAX_TERM_MONTHS {
            self.push(
                setting("term_months"),
                format!(
                    "term_months is {}, longer than {MAX_TERM_MONTHS} months (100 years); enter a shorter term",
                    p.term_months
                ),
            );
        }
        if !(FIRST_YEAR..=LAST_YEAR).contains(&p.start.year()) {
            self.push(
                setting("start"),
                format!(
                    "the start {} is outside the years {FIRST_YEAR} to {LAST_YEAR}; enter a start month in them",
                    p.start
                ),
            );
        }
        if p.discount_rate_pct > MAX_DISCOUNT_RATE_PCT {
            self.push(
                setting("discount_rate_pct"),
                format!(
                    "discount_rate_pct is {}, above {MAX_DISCOUNT_RATE_PCT} % a year; enter a lower rate",
                    p.discount_rate_pct
                ),
            );
        }
        if p.rounding.decimals > MAX_ROUNDING_DECIMALS {
            self.push(
                setting("rounding"),
                format!(
                    "rounding to {} decimals is more than {MAX_ROUNDING_DECIMALS}; enter at most {MAX_ROUNDING_DECIMALS}",
                    p.rounding.decimals
                ),
            );
        }
        for s in &p.scenarios {
            self.term_ranges(p, s);
        }
        self.series_ranges(p);
    }

    fn term_ranges(&mut self, p: &Project, s: &Scenario) {
        for term in numeric_terms(p, s) {
            let max = unit_max(&term.unit);
            let location = Location::term(&s.name, term.path.clone());
            if term.value.abs() <= max {
                continue;
            }
            let what = term
                .path
                .field
                .map_or_else(String::new, |f| format!("{} of ", f.label()));
            let message = if term.unit == Unit::Months {
                format!(
                    "{what}{} months is longer than the longest term ({max} months, 100 years); make it shorter",
                    term.value
                )
            } else {
                let unit = term.unit.suffix(&p.currency);
                format!(
                    "{what}{} {unit} is beyond the largest allowed, {max}; enter a value from -{max} to {max}",
                    term.value
                )
                .replace("  ", " ")
            };
            self.push(location, message);
        }
        let share = |c, f| Location::term(&s.name, Component::field(c, f));
        for (i, ix) in s.indexation.iter().enumerate() {
            let location = share(Component::Indexation(i), Field::IndexedSharePct);
            let pct = ix.indexed_share_pct;
            self.within(
                location,
                "indexed_share_pct",
                pct,
                Decimal::ZERO,
                MAX_SHARE_PCT,
            );
        }
        if let Some(pct) = s.credit_regime.at_risk_pct {
            let location = share(Component::CreditRegime, Field::AtRiskPct);
            self.within(location, "at_risk_pct", pct, Decimal::ZERO, MAX_SHARE_PCT);
        }
    }

    /// The months of a series' data lie in the sane years.
    fn months_in_range(&mut self, location: &Location, values: &MonthlyValues) {
        let out = values
            .keys()
            .find(|m| !(FIRST_YEAR..=LAST_YEAR).contains(&m.year()));
        if let Some(month) = out {
            self.push(
                location.clone(),
                format!("the month {month} is outside the years {FIRST_YEAR} to {LAST_YEAR}; remove it or correct its year"),
            );
        }
    }

    /// Every value of `values` within `min..=max`; one problem per series, at its first
    /// value out of range.
    fn values_within(
        &mut self,
        location: &Location,
        what: &str,
        values: &MonthlyValues,
        min: Decimal,
        max: Decimal,
    ) {
        self.months_in_range(location, values);
        if let Some((month, value)) = values.iter().find(|(_, v)| **v < min || **v > max) {
            self.within(
                location.clone(),
                &format!("{what} of {month}"),
                *value,
                min,
                max,
            );
        }
    }

    fn series_ranges(&mut self, p: &Project) {
        let (zero, kpi_max) = (Decimal::ZERO, MAX_KPI_VALUE);
        for k in &p.kpis {
            let location = Location::Kpi(k.id.clone());
            match &k.data {
                KpiData::Values { values, samples } => {
                    self.values_within(&location, "the value", values, -kpi_max, kpi_max);
                    self.values_within(&location, "the sample size", samples, zero, kpi_max);
                }
                KpiData::Downtime { minutes } => {
                    self.values_within(&location, "the downtime", minutes, zero, kpi_max);
                }
                KpiData::Ratio {
                    numerator,
                    denominator,
                    scale,
                } => {
                    self.values_within(&location, "the numerator", numerator, zero, kpi_max);
                    self.values_within(&location, "the denominator", denominator, zero, kpi_max);
                    self.within(location.clone(), "scale", *scale, zero, MAX_RATIO_SCALE);
                }
            }
            self.values_within(
                &location,
                "the projected value",
                &k.projected,
                -kpi_max,
                kpi_max,
            );
        }
        for v in &p.volumes {
            let location = Location::Volume(v.id.clone());
            self.values_within(&location, "the volume", &v.history, zero, MAX_VOLUME);
            match &v.forecast {
                VolumeForecast::Explicit(values) => {
                    self.values_within(&location, "the forecast volume", values, zero, MAX_VOLUME)
                }
                VolumeForecast::Growth { annual_pct } => {
                    self.growth(p, &location, &v.history, *annual_pct, MAX_VOLUME)
                }
            }
        }
        for i in &p.indices {
            let location = Location::Index(i.id.clone());
            let (min, max) = (MIN_INDEX_VALUE, MAX_INDEX_VALUE);
            self.values_within(&location, "the value", &i.values, min, max);
            self.growth(p, &location, &i.values, i.forecast_annual_pct, max);
        }
    }

    /// A yearly growth above −100 % and at most [`MAX_GROWTH_PCT`], that keeps the series'
    /// largest value within `max` up to the end of the term.
    fn growth(
        &mut self,
        p: &Project,
        location: &Location,
        history: &MonthlyValues,
        pct: Decimal,
        max: Decimal,
    ) {
        if pct <= -Decimal::ONE_HUNDRED || pct > MAX_GROWTH_PCT {
            self.push(
                location.clone(),
                format!("a growth of {pct} % a year is outside the range above -100 and at most {MAX_GROWTH_PCT}; enter a growth in it"),
            );
            return;
        }
        let (Some(last), Some(largest)) = (history.keys().next_back(), history.values().max())
        else {
            return;
        };
        let end = p.start.plus(p.term_months.min(MAX_TERM_MONTHS) as i32 - 1);
        let years = (end.months_since(*last) + 11) / 12;
        if years <= 0 || largest.is_zero() {
            return;
        }
        let factor = Decimal::ONE + pct / Decimal::ONE_HUNDRED;
        let grown =
            (0..years).try_fold(*largest, |v, _| v.checked_mul(factor).filter(|v| *v <= max));
        if grown.is_none() {
            self.push(
                location.clone(),
                format!("a growth of {pct} % a year for {years} years takes {largest} past the largest value allowed, {max}; lower the growth or shorten the term"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    fn blank() -> Project {
        Project::new_blank("2025-01".parse().expect("a month"))
    }

    fn messages(p: &Project) -> Vec<String> {
        out_of_range(p).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn the_blank_project_and_every_bound_itself_are_in_range() {
        let mut p = blank();
        assert_eq!(messages(&p), Vec::<String>::new());
        p.term_months = MAX_TERM_MONTHS;
        p.discount_rate_pct = MAX_DISCOUNT_RATE_PCT;
        p.rounding.decimals = MAX_ROUNDING_DECIMALS;
        assert_eq!(messages(&p), Vec::<String>::new());
    }

    #[test]
    fn the_term_the_start_the_rate_and_the_decimals_are_bounded_with_advice() {
        let mut p = blank();
        p.term_months = u32::MAX;
        p.start = "9999-12".parse().expect("a month");
        p.discount_rate_pct = dec!(1000);
        p.rounding.decimals = 29;
        assert_eq!(
            messages(&p),
            vec![
                "project: term_months is 4294967295, longer than 1200 months (100 years); enter a shorter term",
                "project: the start 9999-12 is outside the years 1900 to 2200; enter a start month in them",
                "project: discount_rate_pct is 1000, above 100 % a year; enter a lower rate",
                "project: rounding to 29 decimals is more than 6; enter at most 6",
            ]
        );
    }

    #[test]
    fn a_fee_past_a_trillion_names_its_term() {
        let mut p = blank();
        p.scenarios[0].charges.push(Charge {
            id: "base".into(),
            name: "Base".into(),
            pricing: Pricing::Fixed {
                monthly: dec!(1e13),
            },
        });
        let found = messages(&p);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].ends_with("monthly fee of 10000000000000 EUR is beyond the largest allowed, 1000000000000; enter a value from -1000000000000 to 1000000000000"),
            "{found:?}"
        );
    }
}
