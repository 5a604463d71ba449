//! Projection: volumes and KPIs after the history (growth, repeat, hold at target).

use crate::common::*;
use dealbench::engine::{FlagKind, Outcome};
use dealbench::model::*;
use rust_decimal_macros::dec;

#[test]
fn volumes_after_the_history_grow_from_the_same_month_a_year_earlier() {
    let mut p = project("2025-01", 14);
    let history: Vec<_> = (1..=12)
        .map(|m| rust_decimal::Decimal::from(1000 * m))
        .collect();
    add_volume(&mut p, "calls", monthly("2025-01", &history));
    p.volumes[0].forecast = VolumeForecast::Growth {
        annual_pct: dec!(10),
    };
    scenario(&mut p).charges.push(Charge {
        id: "calls".into(),
        name: "Calls".into(),
        pricing: Pricing::UnitRates {
            rates: vec![UnitRate {
                class: "all".into(),
                volume: "calls".into(),
                rate: dec!(1),
            }],
        },
    });
    let ledger = run(&p);
    assert!(!ledger.months[11].projected);
    assert!(ledger.months[12].projected);
    // 2026-01 = 2025-01 × 1.10 = 1,000 × 1.1 = 1,100; 2026-02 = 2,000 × 1.1 = 2,200
    assert_eq!(ledger.months[12].totals.charges, dec!(1100.00));
    assert_eq!(ledger.months[13].totals.charges, dec!(2200.00));
}

#[test]
fn projected_volumes_grow_the_same_month_of_the_last_year() {
    // 14-month term from 2025-01; history 2025-01..2025-12 = 1000, 1100, …, 2100.
    let mut p = project("2025-01", 14);
    let history: Vec<_> = (0..12)
        .map(|i| dec!(1000) + dec!(100) * rust_decimal::Decimal::from(i))
        .collect();
    add_volume(&mut p, "calls", monthly("2025-01", &history));
    p.volumes[0].forecast = VolumeForecast::Growth {
        annual_pct: dec!(3),
    };
    // 2026-01 = 2025-01 × 1.03 = 1030; 2026-02 = 1100 × 1.03 = 1133.
    assert_eq!(
        dealbench::engine::projected_volumes(&p, "calls"),
        vec![
            (ym("2026-01"), dec!(1030.00)),
            (ym("2026-02"), dec!(1133.00))
        ]
    );
    assert!(dealbench::engine::projected_volumes(&p, "nothing").is_empty());
}

#[test]
fn projected_kpis_repeat_the_last_twelve_months_or_hold_at_target() {
    let values: Vec<_> = (0..12)
        .map(|i| if i == 1 { dec!(50) } else { dec!(20) })
        .collect();
    let mut p = with_kpi(&values);
    p.term_months = 14;
    scenario(&mut p).service_levels.push(asa_fixed_pct());
    let ledger = run(&p);
    // 2026-02 repeats 2025-02 (50): a minimum miss in the projection
    assert!(ledger.months[13].projected);
    assert_eq!(ledger.months[13].service_levels[0].value, Some(dec!(50)));
    assert_eq!(ledger.months[13].totals.credits, dec!(5000.00));
    p.projection.kpi = KpiAssumption::HoldAtTarget;
    let ledger = run(&p);
    assert_eq!(ledger.months[13].service_levels[0].value, Some(dec!(30)));
    assert_eq!(ledger.months[13].service_levels[0].outcome, Outcome::Met);
}

/// A new deal priced on forecasts only: a KPI with no history under "hold at target" is met, and
/// a volume with no history but an explicit forecast is billed on that forecast.
#[test]
fn a_project_without_history_uses_its_projection() {
    let mut p = project("2025-01", 2);
    add_kpi(&mut p, "kpi", MonthlyValues::new());
    p.projection.kpi = KpiAssumption::HoldAtTarget;
    add_volume(&mut p, "calls", MonthlyValues::new());
    p.volumes[0].forecast = VolumeForecast::Explicit(monthly("2025-01", &[dec!(1000), dec!(2000)]));
    let s = scenario(&mut p);
    s.charges.push(Charge {
        id: "calls".into(),
        name: "calls".into(),
        pricing: Pricing::UnitRates {
            rates: vec![UnitRate {
                class: "standard".into(),
                volume: "calls".into(),
                rate: dec!(2.50),
            }],
        },
    });
    let mut sl = asa_fixed_pct();
    sl.missing_data = MissingData::DeemedMinimumMiss;
    s.service_levels.push(sl);
    let ledger = run(&p);
    // 1,000 × 2.50 = 2,500.00 and 2,000 × 2.50 = 5,000.00; ASA held at its 30 s target: met
    assert_eq!(ledger.months[0].totals.charges, dec!(2500.00));
    assert_eq!(ledger.months[1].totals.charges, dec!(5000.00));
    assert_eq!(ledger.months[0].service_levels[0].outcome, Outcome::Met);
    assert_eq!(ledger.totals.credits, dec!(0));
    assert!(ledger.flags.iter().all(|f| f.kind != FlagKind::MissingData));
}
