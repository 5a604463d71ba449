//! Base charges: fixed monthly fees, unit rates, and a missing volume billed as zero.

use crate::common::*;
use dealbench::engine::{FlagKind, LineKind, Stage};
use dealbench::model::*;
use rust_decimal_macros::dec;

#[test]
fn a_fixed_fee_bills_every_month() {
    let mut p = project("2025-01", 3);
    scenario(&mut p)
        .charges
        .push(fixed("base", dec!(180000.00)));
    let ledger = run(&p);
    assert_eq!(ledger.months.len(), 3);
    // 3 × 180,000.00 = 540,000.00
    assert_eq!(ledger.totals.charges, dec!(540000.00));
    assert_eq!(ledger.totals.net, dec!(540000.00));
    assert_eq!(ledger.months[0].lines[0].kind, LineKind::Charge);
}

#[test]
fn unit_rates_price_each_service_class_on_its_own_volume() {
    let mut p = project("2025-01", 1);
    add_volume(&mut p, "simple", monthly("2025-01", &[dec!(1000)]));
    add_volume(&mut p, "complex", monthly("2025-01", &[dec!(200)]));
    scenario(&mut p).charges.push(Charge {
        id: "calls".into(),
        name: "Calls".into(),
        pricing: Pricing::UnitRates {
            rates: vec![
                UnitRate {
                    class: "simple".into(),
                    volume: "simple".into(),
                    rate: dec!(1.20),
                },
                UnitRate {
                    class: "complex".into(),
                    volume: "complex".into(),
                    rate: dec!(4.50),
                },
            ],
        },
    });
    let ledger = run(&p);
    let lines = lines_at(&ledger, 0, Stage::BaseCharge);
    // 1,000 × 1.20 = 1,200.00; 200 × 4.50 = 900.00
    assert_eq!(lines[0].amount, dec!(1200.00));
    assert_eq!(lines[1].amount, dec!(900.00));
    assert_eq!(ledger.totals.charges, dec!(2100.00));
    assert_eq!(lines[1].explanation, "Calls (complex): 200 × 4.5");
}

#[test]
fn a_missing_volume_month_is_billed_as_zero_and_flagged() {
    let mut p = project("2025-01", 3);
    add_volume(
        &mut p,
        "calls",
        [(ym("2025-01"), dec!(10)), (ym("2025-03"), dec!(10))].into(),
    );
    scenario(&mut p).charges.push(Charge {
        id: "calls".into(),
        name: "Calls".into(),
        pricing: Pricing::UnitRates {
            rates: vec![UnitRate {
                class: "all".into(),
                volume: "calls".into(),
                rate: dec!(2),
            }],
        },
    });
    let ledger = run(&p);
    assert_eq!(ledger.months[1].totals.charges, dec!(0));
    assert_eq!(ledger.flags.len(), 1);
    assert_eq!(ledger.flags[0].kind, FlagKind::MissingData);
    assert_eq!(ledger.flags[0].period, ym("2025-02"));
}
