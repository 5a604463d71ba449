//! Indexation: the index change limited, weighted and combined with productivity.

use crate::common::*;
use dealbench::engine::Stage;
use dealbench::model::*;
use rust_decimal_macros::dec;

fn indexed(
    productivity: ProductivityCombination,
    index_now: rust_decimal::Decimal,
) -> dealbench::engine::Ledger {
    let mut p = project("2025-01", 24);
    p.indices.push(IndexSeries {
        id: "cpi".into(),
        name: "CPI".into(),
        values: [(ym("2024-12"), dec!(100)), (ym("2025-12"), index_now)].into(),
        forecast_annual_pct: dec!(0),
    });
    let s = scenario(&mut p);
    s.charges.push(fixed("base", dec!(100000)));
    s.indexation = vec![Indexation {
        index: "cpi".into(),
        lag_months: 1,
        indexed_share_pct: dec!(70),
        floor_pct: Some(dec!(0)),
        cap_pct: Some(dec!(4)),
        productivity_pct: dec!(2),
        productivity,
        applies_to: ChargeScope::AllCharges,
        method: IndexationMethod::Line,
    }];
    run(&p)
}

#[test]
fn indexation_caps_the_index_change_weights_it_and_compounds_productivity() {
    let ledger = indexed(ProductivityCombination::Compounded, dec!(105));
    // Year 1 is never indexed.
    assert!(lines_at(&ledger, 11, Stage::Indexation).is_empty());
    // Year 2 (2026-01), index read one month earlier: 105 / 100 = +5 %, capped at 4 %,
    // × 70 % = 2.8 %; (1.028 × 0.98) = 1.00744; 0.00744 × 100,000 = 744.00
    assert_eq!(ledger.months[12].period, ym("2026-01"));
    assert_eq!(sum_at(&ledger, 12, Stage::Indexation), dec!(744.00));
    assert_eq!(sum_at(&ledger, 23, Stage::Indexation), dec!(744.00));
    assert_eq!(ledger.years[1].totals.adjustments, dec!(8928.00)); // 12 × 744
}

#[test]
fn indexation_with_additive_productivity() {
    let ledger = indexed(ProductivityCombination::Additive, dec!(105));
    // 1 + (2.8 − 2) / 100 = 1.008 → 800.00
    assert_eq!(sum_at(&ledger, 12, Stage::Indexation), dec!(800.00));
}

#[test]
fn indexation_floor_stops_a_falling_index_but_productivity_still_applies() {
    let ledger = indexed(ProductivityCombination::Compounded, dec!(97));
    // −3 % floored to 0 %; factor (1 + 0) × 0.98 = 0.98 → −2,000.00
    assert_eq!(sum_at(&ledger, 12, Stage::Indexation), dec!(-2000.00));
}
