//! Invariants of the engine over generated agreements and data.

use crate::common::*;
use dealbench::engine::{LineKind, tier_amount};
use dealbench::model::*;
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// Three contiguous bands from 0 with edges `a < a + b` and rates in cents.
fn bands(a: u32, b: u32, rates: [u32; 3]) -> Vec<TierBand> {
    let e1 = Decimal::from(a);
    let e2 = Decimal::from(a + b);
    let rate = |cents: u32| Decimal::new(cents as i64, 2);
    vec![
        TierBand {
            from: dec!(0),
            to: Some(e1),
            rate: rate(rates[0]),
            flat_fee: dec!(0),
        },
        TierBand {
            from: e1,
            to: Some(e2),
            rate: rate(rates[1]),
            flat_fee: dec!(0),
        },
        TierBand {
            from: e2,
            to: None,
            rate: rate(rates[2]),
            flat_fee: dec!(0),
        },
    ]
}

proptest! {
    #[test]
    fn a_graduated_total_never_falls_as_volume_rises(
        a in 1u32..10_000, b in 1u32..10_000,
        rates in proptest::array::uniform3(0u32..1_000),
        v in 0u32..30_000, extra in 0u32..5_000,
    ) {
        let bands = bands(a, b, rates);
        let (lower, _) = tier_amount(TierMode::Graduated, &bands, Decimal::from(v));
        let (higher, _) = tier_amount(TierMode::Graduated, &bands, Decimal::from(v + extra));
        prop_assert!(lower <= higher, "{lower} > {higher}");
    }

    #[test]
    fn credits_never_exceed_their_caps_and_the_net_adds_up(
        values in proptest::collection::vec(proptest::array::uniform3(80u32..100), 1..30),
        allocations in proptest::array::uniform3(0u32..80),
        annual_cap in 0u32..40_000,
        earn_back_window in 1u32..4,
    ) {
        let mut p = project("2025-01", values.len() as u32);
        for k in 0..3 {
            let series: Vec<Decimal> = values.iter().map(|v| Decimal::from(v[k])).collect();
            add_kpi(&mut p, &format!("k{k}"), monthly("2025-01", &series));
        }
        let s = scenario(&mut p);
        s.charges.push(fixed("base", dec!(100000.00)));
        s.credit_regime.at_risk_pct = Some(dec!(12));
        s.credit_regime.annual_cap = Some(Limit::Amount(Decimal::from(annual_cap)));
        for (k, a) in allocations.iter().enumerate() {
            let mut sl = service_level(
                &format!("sl{k}"), &format!("k{k}"), Direction::HigherIsBetter, dec!(95), Some(dec!(90)),
                CreditRule::AtRisk { allocation_pct: Decimal::from(*a) },
            );
            sl.earn_back = Some(EarnBack { window_months: earn_back_window, floor: None });
            s.service_levels.push(sl);
        }
        s.bonuses.push(Bonus {
            id: "bonus".into(), name: "Bonus".into(), service_level: "sl0".into(), threshold: dec!(98),
            amount: Rate::Amount(dec!(750)), base: ChargeScope::AllCharges, gated_by: vec!["sl1".into()],
            annual_cap: None,
        });
        let ledger = run(&p);
        // The at-risk amount: 12 % × 100,000 = 12,000 a month.
        for m in &ledger.months {
            prop_assert!(m.totals.credits <= dec!(12000), "{}: {}", m.period, m.totals.credits);
            prop_assert!(m.totals.credits >= dec!(0));
            let t = m.totals;
            prop_assert_eq!(t.net, t.charges + t.adjustments - t.credits + t.bonuses + t.earn_back);
            prop_assert_eq!(t.net, m.lines.iter().map(|l| l.amount).sum::<Decimal>());
            let credit_lines: Decimal = m.lines.iter().filter(|l| l.kind == LineKind::Credit).map(|l| l.amount).sum();
            prop_assert_eq!(-credit_lines, t.credits);
        }
        for y in &ledger.years {
            prop_assert!(y.totals.credits <= Decimal::from(annual_cap));
        }
        let t = ledger.totals;
        prop_assert_eq!(t.net, t.charges + t.adjustments - t.credits + t.bonuses + t.earn_back);
        let month_sum: Decimal = ledger.months.iter().map(|m| m.totals.net).sum();
        prop_assert_eq!(t.net, month_sum);
        // Nothing enters the earn-back ledger that was not credited (each entry is its share
        // after caps, rounded: at most half a cent each above it).
        let entries: Decimal = ledger.earn_back.iter().map(|e| e.amount).sum();
        let slack = Decimal::new(5, 3) * Decimal::from(ledger.earn_back.len());
        prop_assert!(entries <= t.credits + slack, "{entries} > {}", t.credits);
        let earned: Decimal = ledger.earn_back.iter()
            .filter(|e| e.state == dealbench::engine::EarnBackState::EarnedBack)
            .map(|e| e.amount).sum();
        prop_assert_eq!(earned, t.earn_back);
    }
}
