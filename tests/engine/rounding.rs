//! Rounding: per line, when the line is made, by the contract's rule.

use crate::common::*;
use dealbench::model::*;
use rust_decimal_macros::dec;

#[test]
fn rounding_is_per_line_with_the_contract_rule() {
    let mut p = project("2025-01", 2);
    add_volume(&mut p, "units", monthly("2025-01", &[dec!(1), dec!(1)]));
    let s = scenario(&mut p);
    for (id, rate) in [("a", dec!(0.125)), ("b", dec!(0.135))] {
        s.charges.push(Charge {
            id: id.into(),
            name: id.into(),
            pricing: Pricing::UnitRates {
                rates: vec![UnitRate {
                    class: id.into(),
                    volume: "units".into(),
                    rate,
                }],
            },
        });
    }
    let amounts = |p: &Project| -> Vec<_> {
        run(p).months[0]
            .lines
            .iter()
            .map(|l| (l.exact, l.amount))
            .collect()
    };
    // Half away from zero: 0.125 → 0.13, 0.135 → 0.14
    assert_eq!(
        amounts(&p),
        vec![(dec!(0.125), dec!(0.13)), (dec!(0.135), dec!(0.14))]
    );
    p.rounding.rule = RoundingRule::HalfEven;
    // Banker's: 0.125 → 0.12, 0.135 → 0.14
    assert_eq!(
        amounts(&p),
        vec![(dec!(0.125), dec!(0.12)), (dec!(0.135), dec!(0.14))]
    );
}
