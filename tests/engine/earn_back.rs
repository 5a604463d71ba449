//! Earn-back: credits returned after a window of met months, or made final.

use crate::common::*;
use dealbench::engine::{EarnBackState, Stage};
use dealbench::model::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// Seven months of ASA from 2025-01 (35, 25, 25, 25, 35, 25, 35 s against a 30 s target: a
/// 2 % target-miss credit of 2,000.00 in months 1, 5 and 7), earned back after 3 met months.
fn three_credits_with_earn_back() -> Project {
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
    p
}

#[test]
fn earn_back_returns_a_credit_after_n_met_months_and_misses_make_it_final() {
    // Miss (35) in month 1, met in 2–4 → earned back in month 4. Miss in 5, met 6, miss 7 → final.
    let p = three_credits_with_earn_back();
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

/// Issue 10, item 10: the JSON export's earn-back ledger, over the term and over a range that
/// ends before a credit is settled (it is then still pending there).
#[test]
fn the_export_lists_the_earn_back_ledger_and_what_is_pending() {
    use dealbench::io::export::LedgerExport;
    // As above: a 2,000.00 credit in 2025-01 earned back in 2025-04; one in 2025-05 final in
    // 2025-07; one in 2025-07 pending at the end of the term.
    let p = three_credits_with_earn_back();
    let ledger = run(&p);
    let row = |e: &dealbench::io::export::EarnBackExport| {
        (
            e.period.clone(),
            e.service_level.clone(),
            e.amount.clone(),
            e.state,
            e.settled.clone(),
        )
    };
    let whole = LedgerExport::new(&p, &ledger, None, None);
    let s = |t: &str| t.to_owned();
    assert_eq!(
        whole.earn_back.iter().map(row).collect::<Vec<_>>(),
        vec![
            (
                s("2025-01"),
                s("asa"),
                s("2000.00"),
                EarnBackState::EarnedBack,
                Some(s("2025-04"))
            ),
            (
                s("2025-05"),
                s("asa"),
                s("2000.00"),
                EarnBackState::Final,
                Some(s("2025-07"))
            ),
            (
                s("2025-07"),
                s("asa"),
                s("2000.00"),
                EarnBackState::Pending,
                None
            ),
        ]
    );
    // Only July's credit is pending at the end of the term: 2,000.00.
    assert_eq!(whole.earn_back_pending, "2000.00");
    // Up to 2025-03: January's credit is not yet earned back (that happens in April), so it
    // is pending there; 2,000.00 pending.
    let to_march = LedgerExport::new(&p, &ledger, None, Some(ym("2025-03")));
    assert_eq!(
        to_march.earn_back.iter().map(row).collect::<Vec<_>>(),
        vec![(
            s("2025-01"),
            s("asa"),
            s("2000.00"),
            EarnBackState::Pending,
            None
        )]
    );
    assert_eq!(to_march.earn_back_pending, "2000.00");
    // 2025-06 alone: no credit made in it; May's credit (made before the range) is pending at
    // its end (final only in July): 2,000.00.
    let june = LedgerExport::new(&p, &ledger, Some(ym("2025-06")), Some(ym("2025-06")));
    assert!(june.earn_back.is_empty());
    assert_eq!(june.earn_back_pending, "2000.00");
}
