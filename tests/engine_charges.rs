//! Hand-computed tests of the charge side: fixed fees, unit rates, tiers, minimums, ARC/RRC,
//! indexation, charge caps, rounding, projection, NPV.

mod common;

use common::*;
use dealbench::engine::{FlagKind, LineKind, Stage, npv};
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

fn arc_rrc(
    convention: DeadBandConvention,
    volumes: &[rust_decimal::Decimal],
) -> dealbench::engine::Ledger {
    let mut p = project("2025-01", volumes.len() as u32);
    add_volume(&mut p, "servers", monthly("2025-01", volumes));
    scenario(&mut p).charges.push(Charge {
        id: "servers".into(),
        name: "Servers".into(),
        pricing: Pricing::ResourceAdjustment(ResourceAdjustment {
            volume: "servers".into(),
            baseline: dec!(1000),
            dead_band_pct: dec!(5),
            arc_rate: dec!(10),
            rrc_rate: dec!(8),
            convention,
            outer_band_pct: Some(dec!(20)),
        }),
    });
    run(&p)
}

#[test]
fn arc_rrc_whole_difference_once_outside_the_dead_band() {
    let ledger = arc_rrc(
        DeadBandConvention::WholeDifference,
        &[dec!(1050), dec!(1060), dec!(900), dec!(950)],
    );
    let at = |i| sum_at(&ledger, i, Stage::VolumeAdjustment);
    assert_eq!(at(0), dec!(0)); // +50 is exactly the ±5 % edge: inside
    assert_eq!(at(1), dec!(600.00)); // +60 × ARC 10
    assert_eq!(at(2), dec!(-800.00)); // −100 × RRC 8
    assert_eq!(at(3), dec!(0)); // −50: the lower edge, inside
    assert_eq!(ledger.months[1].lines[0].kind, LineKind::Adjustment);
}

#[test]
fn arc_rrc_beyond_the_dead_band_only() {
    let ledger = arc_rrc(DeadBandConvention::BeyondDeadBand, &[dec!(1060), dec!(900)]);
    // (60 − 50) × 10 = 100; (−100 + 50) × 8 = −400
    assert_eq!(sum_at(&ledger, 0, Stage::VolumeAdjustment), dec!(100.00));
    assert_eq!(sum_at(&ledger, 1, Stage::VolumeAdjustment), dec!(-400.00));
}

#[test]
fn arc_rrc_beyond_the_outer_band_flags_change_control() {
    let ledger = arc_rrc(
        DeadBandConvention::WholeDifference,
        &[dec!(1200), dec!(1201), dec!(799)],
    );
    let flagged: Vec<_> = ledger
        .flags
        .iter()
        .filter(|f| f.kind == FlagKind::ChangeControl)
        .map(|f| f.period)
        .collect();
    // +200 is exactly 20 %: not beyond; +201 and −201 are
    assert_eq!(flagged, vec![ym("2025-02"), ym("2025-03")]);
}

fn indexed(
    productivity: ProductivityCombination,
    index_now: rust_decimal::Decimal,
) -> dealbench::engine::Ledger {
    let mut p = project("2025-01", 24);
    p.indices.push(IndexSeries {
        id: "cpi".into(),
        name: "CPI".into(),
        values: [(ym("2024-12"), dec!(100)), (ym("2025-12"), index_now)].into(),
        forecast_annual_pct: dec!(0),
    });
    let s = scenario(&mut p);
    s.charges.push(fixed("base", dec!(100000)));
    s.indexation = Some(Indexation {
        index: "cpi".into(),
        lag_months: 1,
        indexed_share_pct: dec!(70),
        floor_pct: Some(dec!(0)),
        cap_pct: Some(dec!(4)),
        productivity_pct: dec!(2),
        productivity,
        applies_to: ChargeScope::AllCharges,
    });
    run(&p)
}

#[test]
fn indexation_caps_the_index_change_weights_it_and_compounds_productivity() {
    let ledger = indexed(ProductivityCombination::Compounded, dec!(105));
    // Year 1 is never indexed.
    assert!(lines_at(&ledger, 11, Stage::Indexation).is_empty());
    // Year 2 (2026-01), index read one month earlier: 105 / 100 = +5 %, capped at 4 %,
    // × 70 % = 2.8 %; (1.028 × 0.98) = 1.00744; 0.00744 × 100,000 = 744.00
    assert_eq!(ledger.months[12].period, ym("2026-01"));
    assert_eq!(sum_at(&ledger, 12, Stage::Indexation), dec!(744.00));
    assert_eq!(sum_at(&ledger, 23, Stage::Indexation), dec!(744.00));
    assert_eq!(ledger.years[1].totals.adjustments, dec!(8928.00)); // 12 × 744
}

#[test]
fn indexation_with_additive_productivity() {
    let ledger = indexed(ProductivityCombination::Additive, dec!(105));
    // 1 + (2.8 − 2) / 100 = 1.008 → 800.00
    assert_eq!(sum_at(&ledger, 12, Stage::Indexation), dec!(800.00));
}

#[test]
fn indexation_floor_stops_a_falling_index_but_productivity_still_applies() {
    let ledger = indexed(ProductivityCombination::Compounded, dec!(97));
    // −3 % floored to 0 %; factor (1 + 0) × 0.98 = 0.98 → −2,000.00
    assert_eq!(sum_at(&ledger, 12, Stage::Indexation), dec!(-2000.00));
}

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

#[test]
fn volumes_after_the_history_grow_from_the_same_month_a_year_earlier() {
    let mut p = project("2025-01", 14);
    let history: Vec<_> = (1..=12)
        .map(|m| rust_decimal::Decimal::from(1000 * m))
        .collect();
    add_volume(&mut p, "calls", monthly("2025-01", &history));
    p.volumes[0].forecast = VolumeForecast::Growth {
        annual_pct: dec!(10),
    };
    scenario(&mut p).charges.push(Charge {
        id: "calls".into(),
        name: "Calls".into(),
        pricing: Pricing::UnitRates {
            rates: vec![UnitRate {
                class: "all".into(),
                volume: "calls".into(),
                rate: dec!(1),
            }],
        },
    });
    let ledger = run(&p);
    assert!(!ledger.months[11].projected);
    assert!(ledger.months[12].projected);
    // 2026-01 = 2025-01 × 1.10 = 1,000 × 1.1 = 1,100; 2026-02 = 2,000 × 1.1 = 2,200
    assert_eq!(ledger.months[12].totals.charges, dec!(1100.00));
    assert_eq!(ledger.months[13].totals.charges, dec!(2200.00));
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

#[test]
fn projected_volumes_grow_the_same_month_of_the_last_year() {
    // 14-month term from 2025-01; history 2025-01..2025-12 = 1000, 1100, …, 2100.
    let mut p = project("2025-01", 14);
    let history: Vec<_> = (0..12)
        .map(|i| dec!(1000) + dec!(100) * rust_decimal::Decimal::from(i))
        .collect();
    add_volume(&mut p, "calls", monthly("2025-01", &history));
    p.volumes[0].forecast = VolumeForecast::Growth {
        annual_pct: dec!(3),
    };
    // 2026-01 = 2025-01 × 1.03 = 1030; 2026-02 = 1100 × 1.03 = 1133.
    assert_eq!(
        dealbench::engine::projected_volumes(&p, "calls"),
        vec![
            (ym("2026-01"), dec!(1030.00)),
            (ym("2026-02"), dec!(1133.00))
        ]
    );
    assert!(dealbench::engine::projected_volumes(&p, "nothing").is_empty());
}
