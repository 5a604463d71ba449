//! Offers compared: the net present value of a ledger.

use crate::common::*;
use dealbench::engine::npv;
use rust_decimal_macros::dec;

#[test]
fn npv_discounts_each_month_at_the_annual_rate() {
    let mut p = project("2025-01", 12);
    scenario(&mut p).charges.push(fixed("base", dec!(1000)));
    let ledger = run(&p);
    // At 0 % the NPV is the plain sum: 12 × 1,000
    assert_eq!(npv(&p, &ledger), dec!(12000.00));
    p.discount_rate_pct = dec!(12);
    // q = 1.12^(1/12) = 1.0094887929; Σ 1,000 / q^n for n = 1..12 is the annuity
    // 1,000 × (1 − 1/1.12) / (q − 1) = 1,000 × 0.1071428571 / 0.0094887929 = 11,291.52
    assert_eq!(npv(&p, &ledger), dec!(11291.52));
}
