//! Small builders for engine tests: a project with a term, volumes and KPIs, and one scenario.
#![allow(dead_code)]

use std::collections::BTreeMap;

use dealbench::engine::{Ledger, Line, Outcome, Stage, evaluate};
use dealbench::model::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

pub fn ym(text: &str) -> YearMonth {
    text.parse().unwrap()
}

/// `values` for consecutive months from `first`.
pub fn monthly(first: &str, values: &[Decimal]) -> MonthlyValues {
    let first = ym(first);
    values
        .iter()
        .enumerate()
        .map(|(i, v)| (first.plus(i as i32), *v))
        .collect::<BTreeMap<_, _>>()
}

/// A project starting in `start` for `term` months with one empty scenario "Offer".
pub fn project(start: &str, term: u32) -> Project {
    let mut p = Project::new_blank(ym(start));
    p.term_months = term;
    p.discount_rate_pct = Decimal::ZERO;
    p.scenarios = vec![Scenario::new("Offer")];
    p
}

pub fn scenario(p: &mut Project) -> &mut Scenario {
    &mut p.scenarios[0]
}

pub fn add_volume(p: &mut Project, id: &str, history: MonthlyValues) {
    p.volumes.push(VolumeSeries {
        id: id.into(),
        name: id.into(),
        unit: String::new(),
        history,
        forecast: VolumeForecast::default(),
    });
}

pub fn add_kpi(p: &mut Project, id: &str, values: MonthlyValues) {
    p.kpis.push(KpiSeries {
        id: id.into(),
        name: id.into(),
        unit: String::new(),
        data: KpiData::Values {
            values,
            samples: MonthlyValues::new(),
        },
        projected: MonthlyValues::new(),
    });
}

pub fn fixed(id: &str, monthly: Decimal) -> Charge {
    Charge {
        id: id.into(),
        name: id.into(),
        pricing: Pricing::Fixed { monthly },
    }
}

/// A service level on KPI `kpi` with the given levels and rule, measured monthly.
pub fn service_level(
    id: &str,
    kpi: &str,
    direction: Direction,
    target: Decimal,
    minimum: Option<Decimal>,
    credit: CreditRule,
) -> ServiceLevel {
    ServiceLevel {
        id: id.into(),
        name: id.into(),
        kpi: kpi.into(),
        direction,
        target,
        minimum,
        window: MeasurementWindow::Month,
        missing_data: MissingData::NoClaim,
        minimum_sample: None,
        excluded_months: Vec::new(),
        credit,
        credit_base: ChargeScope::AllCharges,
        repeat_rule: None,
        cap: None,
        earn_back: None,
        improvement: None,
    }
}

pub fn run(p: &Project) -> Ledger {
    assert_eq!(validate(p), vec![], "test project must be valid");
    evaluate(p, &p.scenarios[0])
}

/// The lines of month `i` (0-based) made at `stage`.
pub fn lines_at(ledger: &Ledger, i: usize, stage: Stage) -> Vec<&Line> {
    ledger.months[i]
        .lines
        .iter()
        .filter(|l| l.stage == stage)
        .collect()
}

/// The sum of the amounts of month `i`'s lines at `stage`.
pub fn sum_at(ledger: &Ledger, i: usize, stage: Stage) -> Decimal {
    lines_at(ledger, i, stage).iter().map(|l| l.amount).sum()
}

/// A project over `values.len()` months from 2025-01 with a 100,000.00 fixed fee and KPI "kpi".
pub fn with_kpi(values: &[Decimal]) -> Project {
    let mut p = project("2025-01", values.len() as u32);
    add_kpi(&mut p, "kpi", monthly("2025-01", values));
    scenario(&mut p)
        .charges
        .push(fixed("base", dec!(100000.00)));
    p
}

/// The first service level's outcome in each month.
pub fn outcomes(p: &Project) -> Vec<Outcome> {
    run(p)
        .months
        .iter()
        .map(|m| m.service_levels[0].outcome)
        .collect()
}

/// The credits (after caps) of each month.
pub fn credits(p: &Project) -> Vec<Decimal> {
    run(p).months.iter().map(|m| m.totals.credits).collect()
}

/// ASA on KPI "kpi", lower is better: target 30 s, minimum 45 s; 2 % of charges for a target
/// miss, 5 % for a minimum miss.
pub fn asa_fixed_pct() -> ServiceLevel {
    service_level(
        "asa",
        "kpi",
        Direction::LowerIsBetter,
        dec!(30),
        Some(dec!(45)),
        CreditRule::FixedPct {
            target_miss_pct: dec!(2),
            minimum_miss_pct: dec!(5),
        },
    )
}
