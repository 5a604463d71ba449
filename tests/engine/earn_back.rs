//! Earn-back: credits returned after a window of met months, or made final.

use crate::common::*;
use dealbench::engine::{EarnBackState, Stage};
use dealbench::model::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

#[test]
fn earn_back_returns_a_credit_after_n_met_months_and_misses_make_it_final() {
    // Miss (35) in month 1, met in 2–4 → earned back in month 4. Miss in 5, met 6, miss 7 → final.
    let mut p = with_kpi(&[
        dec!(35),
        dec!(25),
        dec!(25),
        dec!(25),
        dec!(35),
        dec!(25),
        dec!(35),
    ]);
    let mut sl = asa_fixed_pct();
    sl.earn_back = Some(EarnBack {
        window_months: 3,
        floor: None,
    });
    scenario(&mut p).service_levels.push(sl);
    let ledger = run(&p);
    assert_eq!(sum_at(&ledger, 3, Stage::EarnBack), dec!(2000.00));
    assert_eq!(ledger.months[3].totals.earn_back, dec!(2000.00));
    let states: Vec<_> = ledger
        .earn_back
        .iter()
        .map(|e| (e.credited_in, e.state, e.resolved_in))
        .collect();
    assert_eq!(
        states,
        vec![
            (
                ym("2025-01"),
                EarnBackState::EarnedBack,
                Some(ym("2025-04"))
            ),
            (ym("2025-05"), EarnBackState::Final, Some(ym("2025-07"))),
            (ym("2025-07"), EarnBackState::Pending, None),
        ]
    );
    // Net over the term: 7 × 100,000 − 3 × 2,000 credits + 2,000 earned back = 696,000
    assert_eq!(ledger.totals.net, dec!(696000.00));
}

#[test]
fn earn_back_is_not_open_to_misses_beyond_the_floor() {
    let mut p = with_kpi(&[dec!(50), dec!(25), dec!(25)]);
    let mut sl = asa_fixed_pct();
    sl.earn_back = Some(EarnBack {
        window_months: 2,
        floor: Some(dec!(45)),
    });
    scenario(&mut p).service_levels.push(sl);
    let ledger = run(&p);
    assert_eq!(ledger.earn_back[0].state, EarnBackState::Final);
    assert_eq!(ledger.totals.earn_back, dec!(0));
}

/// A credit that the annual cap gave back in full leaves nothing to earn back: no 0.00 entry in
/// the earn-back ledger and no "credit of 0.00 is earned back" line.
#[test]
fn a_credit_fully_given_back_by_a_cap_has_nothing_to_earn_back() {
    let mut p = project("2025-01", 3);
    add_kpi(
        &mut p,
        "kpi",
        monthly("2025-01", &[dec!(50), dec!(35), dec!(20)]),
    );
    let s = scenario(&mut p);
    s.charges.push(fixed("base", dec!(100000)));
    let mut sl = asa_fixed_pct();
    sl.earn_back = Some(EarnBack {
        window_months: 1,
        floor: None,
    });
    s.service_levels.push(sl);
    s.credit_regime.annual_cap = Some(Limit::Amount(dec!(5000)));
    let ledger = run(&p);
    // Jan: 50 > 45, 5 % = 5,000.00, the whole annual cap; Feb: 35 > 30, 2 % = 2,000.00, all
    // given back (0 left), so 0.00 is credited; Mar: met, but there is nothing to return.
    assert_eq!(ledger.months[1].totals.credits, dec!(0));
    assert!(lines_at(&ledger, 2, Stage::EarnBack).is_empty());
    assert!(ledger.earn_back.iter().all(|e| e.amount > Decimal::ZERO));
    assert_eq!(ledger.earn_back.len(), 1);
}
