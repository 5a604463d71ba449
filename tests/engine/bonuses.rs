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

/// Two bonus tiers on one KPI share an aggregate cap per contract year: each is paid in the
/// offer's order while the cap has room, the tier that meets it exactly is paid in full, and the
/// cap starts again at the anniversary.
#[test]
fn an_aggregate_bonus_cap_is_shared_by_every_bonus_and_resets_each_contract_year() {
    // CSAT 96, 96, 92, 97, then 80 for months 5–12, then 96 in month 13 (contract year 2).
    let mut values = vec![dec!(96), dec!(96), dec!(92), dec!(97)];
    values.extend([dec!(80); 8]);
    values.push(dec!(96));
    let mut p = project("2025-01", 13);
    add_kpi(&mut p, "csat", monthly("2025-01", &values));
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
    let tier = |id: &str, threshold, amount| Bonus {
        id: id.into(),
        name: id.into(),
        service_level: "csat".into(),
        threshold,
        amount: Rate::Amount(amount),
        base: ChargeScope::AllCharges,
        gated_by: vec![],
        annual_cap: None,
    };
    s.bonuses.push(tier("tier_1", dec!(90), dec!(1000)));
    s.bonuses.push(tier("tier_2", dec!(95), dec!(1500)));
    s.credit_regime.bonus_cap = Some(Limit::Amount(dec!(5000)));
    let ledger = run(&p);
    let bonuses: Vec<_> = ledger.months.iter().map(|m| m.totals.bonuses).collect();
    // Month 1: 1,000 + 1,500 = 2,500 (2,500 used). Month 2: 1,000 (3,500), then tier 2's
    // 1,500 meets the 1,500 left exactly: paid (5,000). Month 3: tier 1's 1,000 finds nothing
    // left. Month 4: nothing left for either. Year 2 (month 13): 2,500 again.
    let mut expected = vec![dec!(2500), dec!(2500), dec!(0), dec!(0)];
    expected.extend([dec!(0); 8]);
    expected.push(dec!(2500));
    assert_eq!(bonuses, expected);
    let kinds: Vec<_> = (ledger.flags.iter())
        .filter(|f| f.component == "bonus_cap")
        .map(|f| (f.period.to_string(), f.kind))
        .collect();
    use dealbench::engine::FlagKind::{CapBinding, CapReached};
    assert_eq!(
        kinds,
        vec![
            ("2025-02".to_owned(), CapReached),
            ("2025-03".to_owned(), CapBinding),
            ("2025-04".to_owned(), CapBinding),
            ("2025-04".to_owned(), CapBinding),
        ]
    );
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
