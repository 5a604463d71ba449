//! Tiers: graduated, all-units and fixed-fee bands, and band flat fees (design §2.2).

use crate::common::*;
use dealbench::engine::Stage;
use dealbench::model::*;
use rust_decimal_macros::dec;

fn tiers(mode: TierMode, bands: Vec<TierBand>) -> Charge {
    Charge {
        id: "calls".into(),
        name: "Calls".into(),
        pricing: Pricing::Tiered {
            volume: "calls".into(),
            mode,
            bands,
        },
    }
}

fn band(
    from: rust_decimal::Decimal,
    to: Option<rust_decimal::Decimal>,
    rate: rust_decimal::Decimal,
) -> TierBand {
    TierBand {
        from,
        to,
        rate,
        flat_fee: dec!(0),
    }
}

/// 1–5,000 @ 4.00 and 5,001+ @ 3.50 (design §2.2), billed on `volumes` month by month.
fn two_band_project(mode: TierMode, volumes: &[rust_decimal::Decimal]) -> Project {
    let mut p = project("2025-01", volumes.len() as u32);
    add_volume(&mut p, "calls", monthly("2025-01", volumes));
    scenario(&mut p).charges.push(tiers(
        mode,
        vec![
            band(dec!(0), Some(dec!(5000)), dec!(4.00)),
            band(dec!(5000), None, dec!(3.50)),
        ],
    ));
    p
}

#[test]
fn graduated_tiers_price_each_band_at_its_own_rate() {
    let p = two_band_project(
        TierMode::Graduated,
        &[dec!(0), dec!(5000), dec!(5001), dec!(12000)],
    );
    let ledger = run(&p);
    let at = |i| sum_at(&ledger, i, Stage::BaseCharge);
    assert_eq!(at(0), dec!(0.00)); // zero volume
    assert_eq!(at(1), dec!(20000.00)); // 5,000 × 4.00, exactly at the band edge
    assert_eq!(at(2), dec!(20003.50)); // 5,000 × 4.00 + 1 × 3.50
    assert_eq!(at(3), dec!(44500.00)); // 5,000 × 4.00 + 7,000 × 3.50 = 20,000 + 24,500
    assert_eq!(
        lines_at(&ledger, 3, Stage::BaseCharge)[0].explanation,
        "Calls: 12,000 units graduated: 5,000 × 4 + 7,000 × 3.5"
    );
}

#[test]
fn all_units_tiers_have_the_cliff_of_design_2_2() {
    let p = two_band_project(TierMode::AllUnits, &[dec!(0), dec!(5000), dec!(5001)]);
    let ledger = run(&p);
    let at = |i| sum_at(&ledger, i, Stage::BaseCharge);
    assert_eq!(at(0), dec!(0.00));
    assert_eq!(at(1), dec!(20000.00)); // 5,000 × 4.00
    assert_eq!(at(2), dec!(17503.50)); // 5,001 × 3.50: cheaper than 5,000
}

#[test]
fn a_tiered_fixed_fee_is_chosen_by_the_band_reached() {
    let fee = |from, to, flat_fee| TierBand {
        from,
        to,
        rate: dec!(0),
        flat_fee,
    };
    let mut p = project("2025-01", 4);
    add_volume(
        &mut p,
        "calls",
        monthly("2025-01", &[dec!(0), dec!(10000), dec!(10001), dec!(25000)]),
    );
    scenario(&mut p).charges.push(tiers(
        TierMode::FixedFee,
        vec![
            fee(dec!(0), Some(dec!(10000)), dec!(50000)),
            fee(dec!(10000), Some(dec!(20000)), dec!(80000)),
            fee(dec!(20000), None, dec!(100000)),
        ],
    ));
    let ledger = run(&p);
    let at = |i| sum_at(&ledger, i, Stage::BaseCharge);
    assert_eq!(at(0), dec!(50000)); // zero volume is in the first band
    assert_eq!(at(1), dec!(50000)); // 10,000 is the first band's upper edge, included
    assert_eq!(at(2), dec!(80000)); // 10,001 is above it
    assert_eq!(at(3), dec!(100000));
}

#[test]
fn a_band_flat_fee_is_added_when_the_band_is_reached() {
    let mut p = two_band_project(TierMode::AllUnits, &[dec!(6000)]);
    if let Pricing::Tiered { bands, .. } = &mut scenario(&mut p).charges[0].pricing {
        bands[1].flat_fee = dec!(750);
    }
    let ledger = run(&p);
    // 6,000 × 3.50 + 750 = 21,000 + 750 = 21,750.00
    assert_eq!(sum_at(&ledger, 0, Stage::BaseCharge), dec!(21750.00));
}

/// The structure view shows no tier total while the bands overlap: it says the tiers need
/// fixing, and shows the total again once they are contiguous.
#[test]
fn the_structure_shows_no_tier_total_while_bands_overlap() {
    use dealbench::engine::compare::Period;
    use dealbench::engine::structure::blocks;
    let mut p = project("2025-01", 1);
    add_volume(&mut p, "calls", monthly("2025-01", &[dec!(6000)]));
    let overlapping = vec![
        band(dec!(0), Some(dec!(5000)), dec!(4)),
        band(dec!(4000), None, dec!(3.5)),
    ];
    scenario(&mut p)
        .charges
        .push(tiers(TierMode::Graduated, overlapping));
    // Validation refuses the overlap; the app still evaluates what is being edited.
    let ledger = dealbench::engine::evaluate(&p, &p.scenarios[0]);
    let block = |p: &Project, ledger| {
        blocks(p, &p.scenarios[0], Some(ledger), Period::Term)
            .into_iter()
            .find(|b| b.title == "Calls")
            .unwrap()
    };
    let shown = block(&p, &ledger);
    assert_eq!(shown.amount, None);
    assert_eq!(
        shown.status,
        Some((
            "tiers need fixing: band 2 (from 4000) overlaps band 1 (to 5000)".to_owned(),
            true
        ))
    );
    // Fixed: 5,000 × 4 + 1,000 × 3.5 = 23,500.00.
    let Pricing::Tiered { bands, .. } = &mut scenario(&mut p).charges[0].pricing else {
        unreachable!()
    };
    bands[1].from = dec!(5000);
    let ledger = run(&p);
    let shown = block(&p, &ledger);
    assert_eq!(shown.amount, Some(dec!(23500.00)));
    assert_eq!(shown.status, None);
}
