//! What changed between two offers and what each change is worth: the effects add up exactly.

use dealbench::engine::diff::{Change, diff};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use crate::common::*;

#[test]
fn each_change_is_priced_in_turn_and_the_rest_is_the_remainder() {
    // A 12-month term at a 0 % discount rate (so the NPV is the net). Offer A: a fixed fee of
    // 10,000 a month and a fee of 1,000. Offer B: the fixed fee at 9,000, the second fee at
    // 1,500, and a new fee of 500.
    let mut p = project("2025-01", 12);
    scenario(&mut p).charges.push(fixed("base", dec!(10000)));
    scenario(&mut p)
        .charges
        .push(fixed("reporting", dec!(1000)));
    let mut b = p.scenarios[0].clone();
    b.name = "Offer B".into();
    b.charges[0] = fixed("base", dec!(9000));
    b.charges[1] = fixed("reporting", dec!(1500));
    b.charges.push(fixed("support", dec!(500)));
    p.scenarios.push(b);
    let d = diff(&p, &p.scenarios[0], &p.scenarios[1]);
    // A: (10,000 + 1,000) × 12 = 132,000. B: (9,000 + 1,500 + 500) × 12 = 132,000.
    assert_eq!((d.from_net, d.to_net), (dec!(132000), dec!(132000)));
    let changed: Vec<_> = d
        .terms
        .iter()
        .filter(|t| t.change == Change::Changed)
        .collect();
    assert_eq!(changed.len(), 2);
    // The base fee first: (9,000 − 10,000) × 12 = −12,000; then reporting: +500 × 12 = +6,000.
    assert_eq!(changed[0].term, "charge \"base\" / monthly fee");
    assert_eq!(changed[0].net_effect, Some(dec!(-12000)));
    assert_eq!(changed[1].net_effect, Some(dec!(6000)));
    // The new fee is listed as added, and its 500 × 12 = 6,000 is the remainder.
    let added: Vec<_> = d
        .terms
        .iter()
        .filter(|t| t.change == Change::Added)
        .collect();
    assert_eq!(added.len(), 1);
    assert_eq!(added[0].to, Some(dec!(500)));
    assert_eq!(d.remainder_net, dec!(6000));
    // The effects add up exactly to the difference: −12,000 + 6,000 + 6,000 = 0.
    let effects: Decimal = changed.iter().filter_map(|t| t.net_effect).sum();
    assert_eq!(effects + d.remainder_net, d.to_net - d.from_net);
    assert_eq!(d.remainder_npv, dec!(6000));
}

#[test]
fn the_effects_add_up_on_every_pair_of_sample_offers() {
    for name in ["contact_centre", "it_outsourcing", "cloud_service"] {
        let path = format!("{}/samples/{name}.ron", env!("CARGO_MANIFEST_DIR"));
        let p = dealbench::io::project::load(std::path::Path::new(&path)).unwrap();
        for a in &p.scenarios {
            for b in &p.scenarios {
                let d = diff(&p, a, b);
                let effects: Decimal = d.terms.iter().filter_map(|t| t.net_effect).sum();
                assert_eq!(effects + d.remainder_net, d.to_net - d.from_net, "{name}");
                let npv: Decimal = d.terms.iter().filter_map(|t| t.npv_effect).sum();
                assert_eq!(npv + d.remainder_npv, d.to_npv - d.from_npv, "{name}");
                if a.name == b.name {
                    assert!(d.terms.is_empty());
                    assert_eq!(d.remainder_net, Decimal::ZERO);
                }
            }
        }
    }
}
