//! Minimum commitments: monthly and annual take-or-pay, on spend or volume.

use crate::common::*;
use dealbench::engine::Stage;
use dealbench::model::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

#[test]
fn a_monthly_minimum_bills_the_shortfall_and_nothing_when_exactly_met() {
    let mut p = project("2025-01", 2);
    add_volume(
        &mut p,
        "calls",
        monthly("2025-01", &[dec!(6250), dec!(7500)]),
    );
    let s = scenario(&mut p);
    s.charges.push(Charge {
        id: "calls".into(),
        name: "Calls".into(),
        pricing: Pricing::UnitRates {
            rates: vec![UnitRate {
                class: "all".into(),
                volume: "calls".into(),
                rate: dec!(4.00),
            }],
        },
    });
    s.minimums.push(MinimumCommitment {
        id: "min_spend".into(),
        name: "Minimum spend".into(),
        period: CommitmentPeriod::Monthly,
        basis: CommitmentBasis::Spend {
            amount: dec!(30000),
            applies_to: ChargeScope::AllCharges,
        },
        shortfall_pct: dec!(100),
    });
    let ledger = run(&p);
    // Month 1: 6,250 × 4 = 25,000; shortfall 30,000 − 25,000 = 5,000 × 100 %
    assert_eq!(sum_at(&ledger, 0, Stage::Minimum), dec!(5000.00));
    assert_eq!(ledger.months[0].totals.charges, dec!(30000.00));
    // Month 2: 7,500 × 4 = 30,000: exactly the minimum, no line
    assert!(lines_at(&ledger, 1, Stage::Minimum).is_empty());
}

#[test]
fn an_annual_take_or_pay_is_settled_in_the_last_month_of_the_contract_year() {
    let mut p = project("2025-04", 12);
    let s = scenario(&mut p);
    s.charges.push(fixed("base", dec!(9000)));
    s.minimums.push(MinimumCommitment {
        id: "annual_min".into(),
        name: "Annual commitment".into(),
        period: CommitmentPeriod::Annual,
        basis: CommitmentBasis::Spend {
            amount: dec!(120000),
            applies_to: ChargeScope::AllCharges,
        },
        shortfall_pct: dec!(50),
    });
    let ledger = run(&p);
    for i in 0..11 {
        assert!(lines_at(&ledger, i, Stage::Minimum).is_empty());
    }
    // 12 × 9,000 = 108,000; shortfall 12,000 × 50 % = 6,000.00, in 2026-03 (contract years run from April)
    assert_eq!(ledger.months[11].period, ym("2026-03"));
    assert_eq!(sum_at(&ledger, 11, Stage::Minimum), dec!(6000.00));
}

#[test]
fn a_volume_commitment_prices_missing_units() {
    let mut p = project("2025-01", 1);
    add_volume(&mut p, "tickets", monthly("2025-01", &[dec!(800)]));
    let s = scenario(&mut p);
    s.minimums.push(MinimumCommitment {
        id: "min_tickets".into(),
        name: "Minimum tickets".into(),
        period: CommitmentPeriod::Monthly,
        basis: CommitmentBasis::Volume {
            volume: "tickets".into(),
            units: dec!(1000),
            rate: dec!(12.50),
        },
        shortfall_pct: dec!(80),
    });
    let ledger = run(&p);
    // (1,000 − 800) × 12.50 × 80 % = 200 × 12.5 × 0.8 = 2,000.00
    assert_eq!(sum_at(&ledger, 0, Stage::Minimum), dec!(2000.00));
}

fn spend_minimum(id: &str, period: CommitmentPeriod, amount: Decimal) -> MinimumCommitment {
    MinimumCommitment {
        id: id.into(),
        name: id.into(),
        period,
        basis: CommitmentBasis::Spend {
            amount,
            applies_to: ChargeScope::AllCharges,
        },
        shortfall_pct: dec!(100),
    }
}

/// An annual take-or-pay counts the year's base charges and adjustments; it must not count the
/// last month's monthly-minimum shortfall (and not the other eleven), nor depend on the order
/// the commitments are listed in.
#[test]
fn an_annual_minimum_does_not_count_the_last_months_monthly_shortfall() {
    for annual_first in [false, true] {
        let mut p = project("2025-01", 12);
        let s = scenario(&mut p);
        s.charges.push(fixed("base", dec!(800)));
        let monthly_min = spend_minimum("monthly_min", CommitmentPeriod::Monthly, dec!(1000));
        let annual_min = spend_minimum("annual_min", CommitmentPeriod::Annual, dec!(12000));
        if annual_first {
            s.minimums.extend([annual_min, monthly_min]);
        } else {
            s.minimums.extend([monthly_min, annual_min]);
        }
        let ledger = run(&p);
        let annual: Decimal = lines_at(&ledger, 11, Stage::Minimum)
            .iter()
            .filter(|l| l.component == "annual_min")
            .map(|l| l.amount)
            .sum();
        // monthly: 1,000 − 800 = 200 each month; annual: 12,000 − 12 × 800 = 2,400
        assert_eq!(annual, dec!(2400.00), "annual listed first: {annual_first}");
        assert_eq!(sum_at(&ledger, 11, Stage::Minimum), dec!(2600.00));
    }
}
