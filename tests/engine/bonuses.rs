//! Bonuses: thresholds, gates and annual caps.

use crate::common::*;
use dealbench::engine::Stage;
use dealbench::model::*;
use rust_decimal_macros::dec;

use Direction::{HigherIsBetter, LowerIsBetter};

#[test]
fn a_bonus_is_gated_by_other_misses_and_capped_per_contract_year() {
    // CSAT (k0) ≥ 90 earns 1,000; ASA (k1) ≤ 30 gates it.
    let mut p = project("2025-01", 5);
    add_kpi(
        &mut p,
        "csat",
        monthly(
            "2025-01",
            &[dec!(92), dec!(90), dec!(95), dec!(95), dec!(95)],
        ),
    );
    add_kpi(
        &mut p,
        "asa",
        monthly(
            "2025-01",
            &[dec!(20), dec!(20), dec!(40), dec!(20), dec!(20)],
        ),
    );
    let s = scenario(&mut p);
    s.charges.push(fixed("base", dec!(100000)));
    s.service_levels.push(service_level(
        "csat",
        "csat",
        HigherIsBetter,
        dec!(85),
        None,
        CreditRule::None,
    ));
    s.service_levels.push(service_level(
        "asa",
        "asa",
        LowerIsBetter,
        dec!(30),
        None,
        CreditRule::None,
    ));
    s.bonuses.push(Bonus {
        id: "csat_bonus".into(),
        name: "CSAT bonus".into(),
        service_level: "csat".into(),
        threshold: dec!(90),
        amount: Rate::Amount(dec!(1000)),
        base: ChargeScope::AllCharges,
        gated_by: vec!["asa".into()],
        annual_cap: Some(Limit::Amount(dec!(2500))),
    });
    let ledger = run(&p);
    let bonuses: Vec<_> = ledger.months.iter().map(|m| m.totals.bonuses).collect();
    // 92 and 90 (exactly the threshold) earn 1,000 each; month 3 is gated by the ASA miss;
    // month 4 has 500 left under the 2,500 cap; month 5 nothing
    assert_eq!(
        bonuses,
        vec![dec!(1000), dec!(1000), dec!(0), dec!(500), dec!(0)]
    );
}

/// A bonus cut by its annual cap: the line's `exact` is the amount before rounding, so it must
/// be the capped amount, not the uncapped one.
#[test]
fn a_capped_bonus_line_keeps_exact_and_amount_together() {
    let mut p = project("2025-01", 2);
    add_kpi(&mut p, "kpi", monthly("2025-01", &[dec!(20), dec!(20)]));
    let s = scenario(&mut p);
    s.charges.push(fixed("base", dec!(100000)));
    s.service_levels.push(asa_fixed_pct());
    s.bonuses.push(Bonus {
        id: "bonus".into(),
        name: "bonus".into(),
        service_level: "asa".into(),
        threshold: dec!(25),
        amount: Rate::Amount(dec!(1000)),
        base: ChargeScope::AllCharges,
        gated_by: Vec::new(),
        annual_cap: Some(Limit::Amount(dec!(1500))),
    });
    let ledger = run(&p);
    // Jan 1,000.00; Feb 1,000.00 limited to the 500.00 left under the 1,500.00 cap
    let feb = lines_at(&ledger, 1, Stage::Bonus);
    assert_eq!(feb[0].amount, dec!(500.00));
    assert_eq!(feb[0].exact, dec!(500.00));
}

/// Issue 10, item 12: a bonus on a KPI in percent shows its value and threshold with "%".
#[test]
fn a_bonus_explanation_shows_the_kpi_unit() {
    let mut p = project("2025-01", 1);
    add_kpi(&mut p, "csat", monthly("2025-01", &[dec!(92.5)]));
    p.kpis[0].unit = "%".into();
    let s = scenario(&mut p);
    s.charges.push(fixed("base", dec!(100000)));
    s.service_levels.push(service_level(
        "csat",
        "csat",
        HigherIsBetter,
        dec!(85),
        None,
        CreditRule::None,
    ));
    s.bonuses.push(Bonus {
        id: "csat_bonus".into(),
        name: "CSAT bonus".into(),
        service_level: "csat".into(),
        threshold: dec!(90),
        amount: Rate::PctOfBase(dec!(1)),
        base: ChargeScope::AllCharges,
        gated_by: Vec::new(),
        annual_cap: None,
    });
    let ledger = run(&p);
    let line = &lines_at(&ledger, 0, Stage::Bonus)[0];
    // 92.5 % ≥ 90 %: 1 % of 100,000.00 = 1,000.00
    assert_eq!(line.amount, dec!(1000.00));
    assert_eq!(
        line.explanation,
        "CSAT bonus: csat 92.5% reaches the bonus threshold 90%; 1% of 100,000.00"
    );
}
