//! The at-risk pool: allocations of it, and the pool as a cap on a month's credits.

use crate::common::*;
use dealbench::engine::{FlagKind, Stage};
use dealbench::model::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use Direction::HigherIsBetter;

fn pool_project(values: [Decimal; 3], allocations: [Decimal; 3]) -> Project {
    let mut p = project("2025-01", 1);
    for (i, v) in values.iter().enumerate() {
        add_kpi(&mut p, &format!("k{i}"), monthly("2025-01", &[*v]));
    }
    let s = scenario(&mut p);
    s.charges.push(fixed("base", dec!(100000.00)));
    s.credit_regime.at_risk_pct = Some(dec!(12));
    for (i, a) in allocations.iter().enumerate() {
        s.service_levels.push(service_level(
            &format!("sl{i}"),
            &format!("k{i}"),
            HigherIsBetter,
            dec!(95),
            None,
            CreditRule::AtRisk { allocation_pct: *a },
        ));
    }
    p
}

#[test]
fn an_over_allocated_at_risk_pool_is_capped_at_the_at_risk_amount() {
    // At-risk amount 12 % × 100,000 = 12,000. Allocations 60 + 50 + 40 = 150 %.
    let p = pool_project(
        [dec!(90), dec!(90), dec!(90)],
        [dec!(60), dec!(50), dec!(40)],
    );
    let ledger = run(&p);
    let m = &ledger.months[0];
    // 7,200 + 6,000 + 4,800 = 18,000 → capped at 12,000: 6,000 given back
    assert_eq!(sum_at(&ledger, 0, Stage::Credit), dec!(-18000.00));
    assert_eq!(sum_at(&ledger, 0, Stage::CreditCap), dec!(6000.00));
    assert_eq!(m.totals.credits, dec!(12000.00));
    assert_eq!(ledger.flags[0].kind, FlagKind::CapBinding);
    assert_eq!(ledger.flags[0].component, "at_risk_cap");

    // One miss: 60 % × 12,000 = 7,200, under the cap, no flag
    let p = pool_project(
        [dec!(90), dec!(99), dec!(99)],
        [dec!(60), dec!(50), dec!(40)],
    );
    let ledger = run(&p);
    assert_eq!(ledger.totals.credits, dec!(7200.00));
    assert!(ledger.flags.is_empty());
}

#[test]
fn a_cap_exactly_reached_is_reached_but_not_binding() {
    // 60 % + 40 % of 12,000 = 12,000: exactly the cap
    let p = pool_project(
        [dec!(90), dec!(99), dec!(90)],
        [dec!(60), dec!(50), dec!(40)],
    );
    let ledger = run(&p);
    assert_eq!(ledger.totals.credits, dec!(12000.00));
    assert!(lines_at(&ledger, 0, Stage::CreditCap).is_empty());
    assert_eq!(ledger.flags.len(), 1);
    assert_eq!(ledger.flags[0].kind, FlagKind::CapReached);
}
