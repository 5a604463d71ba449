//! Credit caps: a service level's own cap, and the regime's annual and term caps.

use crate::common::*;
use dealbench::engine::FlagKind;
use dealbench::model::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

#[test]
fn a_service_level_cap_limits_its_own_credit() {
    let mut p = with_kpi(&[dec!(50)]);
    let mut sl = asa_fixed_pct();
    sl.cap = Some(Limit::Amount(dec!(1500)));
    scenario(&mut p).service_levels.push(sl);
    let ledger = run(&p);
    // 5 % of 100,000 = 5,000 → capped at 1,500
    assert_eq!(ledger.totals.credits, dec!(1500.00));
    assert_eq!(ledger.flags[0].kind, FlagKind::CapBinding);
    assert_eq!(ledger.flags[0].component, "asa");
}

#[test]
fn annual_and_term_caps_are_cumulative() {
    // Minimum misses every month: 5,000 a month.
    let mut p = with_kpi(&[dec!(50); 14]);
    scenario(&mut p).service_levels.push(asa_fixed_pct());
    scenario(&mut p).credit_regime.annual_cap = Some(Limit::Amount(dec!(12000)));
    let c = credits(&p);
    // Year 1: 5,000, 5,000, then 2,000 left under 12,000, then nothing until the year resets
    assert_eq!(
        c[..4],
        [dec!(5000.00), dec!(5000.00), dec!(2000.00), dec!(0)]
    );
    assert_eq!(c[12], dec!(5000.00));
    let ledger = run(&p);
    assert_eq!(ledger.years[0].totals.credits, dec!(12000.00));

    scenario(&mut p).credit_regime.annual_cap = None;
    // Term cap of 1 % of term charges: 1 % × 14 × 100,000 = 14,000
    scenario(&mut p).credit_regime.term_cap = Some(Limit::PctOfCharges(dec!(1)));
    let c = credits(&p);
    assert_eq!(
        c[..4],
        [dec!(5000.00), dec!(5000.00), dec!(4000.00), dec!(0)]
    );
    assert_eq!(c.iter().copied().sum::<Decimal>(), dec!(14000.00));
}

#[test]
fn a_month_s_credits_at_or_below_the_minimum_credit_are_not_issued() {
    // ASA 35 (target miss: 2 %), 50 (minimum miss: 5 %), 20 (met) on a fee of 100.00.
    let mut p = with_kpi(&[dec!(35), dec!(50), dec!(20)]);
    scenario(&mut p).charges[0] = fixed("base", dec!(100));
    scenario(&mut p).service_levels.push(asa_fixed_pct());
    scenario(&mut p).credit_regime.minimum_credit = Some(dec!(2.00));
    let ledger = run(&p);
    // Month 1: 2 % of 100.00 = 2.00, not more than 2.00: not issued, net 100.00.
    // Month 2: 5 % of 100.00 = 5.00 > 2.00: issued, net 95.00. Month 3: met, net 100.00.
    assert_eq!(credits(&p), vec![dec!(0.00), dec!(5.00), dec!(0)]);
    let nets: Vec<_> = ledger.months.iter().map(|m| m.totals.net).collect();
    assert_eq!(nets, vec![dec!(100.00), dec!(95.00), dec!(100.00)]);
    let month_1 = &ledger.months[0].lines;
    assert_eq!(month_1[1].amount, dec!(-2.00));
    assert!(
        month_1[1].explanation.ends_with(
            "not issued: the month's credits of 2.00 are not more than the minimum credit of 2.00"
        ),
        "{}",
        month_1[1].explanation
    );
    assert_eq!(month_1[2].component, "minimum_credit");
    assert_eq!(month_1[2].amount, dec!(2.00));
    // A minimum of 1.99 lets the 2.00 through.
    scenario(&mut p).credit_regime.minimum_credit = Some(dec!(1.99));
    assert_eq!(credits(&p), vec![dec!(2.00), dec!(5.00), dec!(0)]);
}

/// Issue 10, item 12: an annual or term cap's flag shows the cap itself as the limit, against
/// the credits it counts so far, not the headroom left in the month.
#[test]
fn a_cumulative_cap_flag_shows_the_cap_itself_as_the_limit() {
    // Minimum misses every month: 5,000.00 a month; annual cap 12,000.00.
    let mut p = with_kpi(&[dec!(50); 4]);
    scenario(&mut p).service_levels.push(asa_fixed_pct());
    scenario(&mut p).credit_regime.annual_cap = Some(Limit::Amount(dec!(12000)));
    let ledger = run(&p);
    let caps: Vec<_> = ledger
        .flags
        .iter()
        .map(|f| (f.period, f.kind, f.message.as_str()))
        .collect();
    // March: 5,000 + 5,000 allowed so far, + 5,000 = 15,000 > 12,000 → binding (2,000 left);
    // April: 12,000 allowed so far + 5,000 = 17,000 > 12,000 → binding (0.00 left). The limit
    // printed is 12,000.00 both times, not 2,000.00 and 0.00.
    assert_eq!(
        caps,
        vec![
            (
                ym("2025-03"),
                FlagKind::CapBinding,
                "Contract-year credit cap binding: 15,000.00 against a limit of 12,000.00"
            ),
            (
                ym("2025-04"),
                FlagKind::CapBinding,
                "Contract-year credit cap binding: 17,000.00 against a limit of 12,000.00"
            ),
        ]
    );
    // The money is unchanged: 5,000 + 5,000 + 2,000 + 0 = 12,000.00.
    assert_eq!(ledger.totals.credits, dec!(12000.00));

    // Term cap of 1 % of term charges: 1 % × 4 × 100,000 = 4,000; January's 5,000 binds it.
    scenario(&mut p).credit_regime.annual_cap = None;
    scenario(&mut p).credit_regime.term_cap = Some(Limit::PctOfCharges(dec!(1)));
    let ledger = run(&p);
    assert_eq!(
        ledger.flags[1].message,
        "Term credit cap (1% of charges) binding: 9,000.00 against a limit of 4,000.00"
    );
}
