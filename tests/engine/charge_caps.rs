//! Charge caps: a ceiling on charges in a period.

use crate::common::*;
use dealbench::engine::{FlagKind, Stage};
use dealbench::model::*;
use rust_decimal_macros::dec;

#[test]
fn a_monthly_charge_cap_cuts_charges_above_it() {
    let mut p = project("2025-01", 2);
    add_volume(
        &mut p,
        "calls",
        monthly("2025-01", &[dec!(15000), dec!(12500)]),
    );
    let s = scenario(&mut p);
    s.charges.push(Charge {
        id: "calls".into(),
        name: "Calls".into(),
        pricing: Pricing::UnitRates {
            rates: vec![UnitRate {
                class: "all".into(),
                volume: "calls".into(),
                rate: dec!(4),
            }],
        },
    });
    s.charge_caps.push(ChargeCap {
        id: "calls_cap".into(),
        name: "Calls cap".into(),
        period: CommitmentPeriod::Monthly,
        limit: dec!(50000),
        applies_to: ChargeScope::AllCharges,
    });
    let ledger = run(&p);
    // 15,000 × 4 = 60,000 → 10,000 above the 50,000 cap
    assert_eq!(sum_at(&ledger, 0, Stage::ChargeCap), dec!(-10000));
    assert_eq!(ledger.months[0].totals.net, dec!(50000));
    // 12,500 × 4 = 50,000: reached exactly, not binding
    assert!(lines_at(&ledger, 1, Stage::ChargeCap).is_empty());
    let kinds: Vec<_> = ledger.flags.iter().map(|f| (f.period, f.kind)).collect();
    assert_eq!(
        kinds,
        vec![
            (ym("2025-01"), FlagKind::CapBinding),
            (ym("2025-02"), FlagKind::CapReached)
        ]
    );
}
