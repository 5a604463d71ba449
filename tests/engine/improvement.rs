//! Continuous improvement: targets moved at anniversaries.

use crate::common::*;
use dealbench::model::*;
use rust_decimal_macros::dec;

use Direction::HigherIsBetter;

#[test]
fn continuous_improvement_moves_the_target_halfway_to_the_year_average() {
    // Year 1: ASA 25 or 27 every month (all met, average 26); year 2 measured against 28.
    let values: Vec<_> = (0..13)
        .map(|i| if i % 2 == 0 { dec!(25) } else { dec!(27) })
        .collect();
    let mut p = with_kpi(&values);
    let mut sl = asa_fixed_pct();
    sl.improvement = Some(ContinuousImprovement {
        share_pct: dec!(50),
        precision: None,
    });
    scenario(&mut p).service_levels.push(sl);
    let ledger = run(&p);
    // 12 months: six 25s and six 27s → 26; 30 + (26 − 30) × 50 % = 28
    assert_eq!(ledger.months[11].service_levels[0].target, dec!(30));
    assert_eq!(ledger.months[12].service_levels[0].target, dec!(28));
}

/// Continuous improvement on a quarterly service level: four quarters met at 96 against 90 is a
/// year above target; halfway to the average moves the target to 93.
#[test]
fn continuous_improvement_applies_to_a_quarterly_service_level() {
    let mut p = project("2025-01", 13);
    add_kpi(&mut p, "kpi", monthly("2025-01", &[dec!(96); 13]));
    let s = scenario(&mut p);
    s.charges.push(fixed("base", dec!(100000)));
    let mut sl = service_level(
        "avail",
        "kpi",
        HigherIsBetter,
        dec!(90),
        None,
        CreditRule::FixedPct {
            target_miss_pct: dec!(5),
            minimum_miss_pct: dec!(5),
        },
    );
    sl.window = MeasurementWindow::Quarter;
    sl.improvement = Some(ContinuousImprovement {
        share_pct: dec!(50),
        precision: None,
    });
    s.service_levels.push(sl);
    let ledger = run(&p);
    // quarters Mar, Jun, Sep, Dec 2025 all 96: 90 + (96 − 90) × 50 % = 93 from 2026-01
    assert_eq!(ledger.months[12].service_levels[0].target, dec!(93));
}

/// The moved target's precision is a term of the clause: a midpoint at the stated decimals goes
/// up or to even by the stated rule, and a clause stating none keeps 4 decimals, half to even.
#[test]
fn the_moved_target_is_kept_to_the_clause_s_precision() {
    // Year 1: eleven months at 26 and one at 27.02, all meeting 30 (lower is better):
    // sum 286 + 27.02 = 313.02, average 313.02 / 12 = 26.085;
    // moved target 30 + (26.085 − 30) × 50 % = 30 − 1.9575 = 28.0425 exactly.
    let mut values = vec![dec!(26); 11];
    values.push(dec!(27.02));
    values.push(dec!(26));
    let target_in_year_2 = |precision: Option<Precision>| {
        let mut p = with_kpi(&values);
        let mut sl = asa_fixed_pct();
        sl.improvement = Some(ContinuousImprovement {
            share_pct: dec!(50),
            precision,
        });
        scenario(&mut p).service_levels.push(sl);
        run(&p).months[12].service_levels[0].target
    };
    // No stated precision: 4 decimals keep 28.0425 as it is.
    assert_eq!(target_in_year_2(None), dec!(28.0425));
    // 3 decimals half up: 28.0425 → 28.043; half to even: → 28.042 (2 is even).
    let three = |rule| Precision { decimals: 3, rule };
    assert_eq!(
        target_in_year_2(Some(three(RoundingRule::HalfAwayFromZero))),
        dec!(28.043)
    );
    assert_eq!(
        target_in_year_2(Some(three(RoundingRule::HalfEven))),
        dec!(28.042)
    );
}

/// Issue 10, item 12: a month judged against a target continuous improvement moved says which
/// reset set it; a month before the reset does not.
#[test]
fn a_month_under_a_moved_target_names_the_reset() {
    // Year 1: ASA 25 or 27 (average 26, all met); 30 + (26 − 30) × 50 % = 28 from 2026-01.
    // 2026-01 has 29 > 28: a target miss, 2 % of 100,000.00 = 2,000.00.
    let mut values = [dec!(25), dec!(27)].repeat(6);
    values.push(dec!(29));
    let mut p = with_kpi(&values);
    let improvement = ContinuousImprovement {
        share_pct: dec!(50),
        precision: None,
    };
    scenario(&mut p).service_levels.push(ServiceLevel {
        improvement: Some(improvement),
        ..asa_fixed_pct()
    });
    let ledger = run(&p);
    assert_eq!(
        ledger.months[11].service_levels[0].explanation,
        "asa 27 meets the target 30"
    );
    let moved = &ledger.months[12].service_levels[0];
    assert_eq!(moved.target, dec!(28));
    assert_eq!(
        moved.explanation,
        "asa 29 is above the target 28 (in force since the 2026-01 continuous-improvement \
         reset); 2% of 100,000.00"
    );
    assert_eq!(ledger.months[12].totals.credits, dec!(2000.00));
}
