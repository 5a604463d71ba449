//! Resource adjustment: ARC/RRC around a baseline, the dead band and change control.

use crate::common::*;
use dealbench::engine::{FlagKind, LineKind, Stage};
use dealbench::model::*;
use rust_decimal_macros::dec;

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
            upper_limit: None,
            lower_limit: None,
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

/// An asymmetric band: 30 % above the baseline is change control, 15 % below is billed as if at
/// the limit (a hidden minimum); each side follows its own limit, not the symmetric 20 %.
#[test]
fn an_asymmetric_band_applies_each_side_s_own_limit_and_consequence() {
    let mut p = project("2025-01", 4);
    let volumes = [dec!(1250), dec!(1301), dec!(850), dec!(700)];
    add_volume(&mut p, "servers", monthly("2025-01", &volumes));
    scenario(&mut p).charges.push(Charge {
        id: "servers".into(),
        name: "Servers".into(),
        pricing: Pricing::ResourceAdjustment(ResourceAdjustment {
            volume: "servers".into(),
            baseline: dec!(1000),
            dead_band_pct: dec!(5),
            arc_rate: dec!(10),
            rrc_rate: dec!(8),
            convention: DeadBandConvention::WholeDifference,
            outer_band_pct: Some(dec!(20)),
            upper_limit: Some(BandLimit {
                pct: dec!(30),
                beyond: BeyondLimit::ChangeControl,
            }),
            lower_limit: Some(BandLimit {
                pct: dec!(15),
                beyond: BeyondLimit::BilledAtLimit,
            }),
        }),
    });
    let ledger = run(&p);
    let at = |i| sum_at(&ledger, i, Stage::VolumeAdjustment);
    // 1,250: +250 × ARC 10 = 2,500; within the upper limit 1,300 (the 20 % band no longer
    // applies above), no flag.
    assert_eq!(at(0), dec!(2500.00));
    // 1,301: beyond the upper limit 1,300: change control, still priced: +301 × 10 = 3,010.
    assert_eq!(at(1), dec!(3010.00));
    // 850: exactly at the lower limit 1,000 − 15 % = 850: within it, −150 × RRC 8 = −1,200.
    assert_eq!(at(2), dec!(-1200.00));
    // 700: below the lower limit: billed as if at 850: −150 × 8 = −1,200 (not −300 × 8).
    assert_eq!(at(3), dec!(-1200.00));
    assert_eq!(
        ledger.months[3].lines[0].explanation,
        "Servers: volume 700 is below the lower limit 850 (−15% of the baseline 1,000): billed as if at the limit; volume 850 against baseline 1,000 is outside the ±5% dead band; RRC on the whole difference: -150 × 8"
    );
    let flags: Vec<_> = (ledger.flags.iter())
        .filter(|f| f.kind == FlagKind::ChangeControl)
        .map(|f| (f.period.to_string(), f.message.as_str()))
        .collect();
    assert_eq!(
        flags,
        vec![(
            "2025-02".to_owned(),
            "Servers: volume 1,301 is above the upper limit 1,300 (+30% of the baseline 1,000): change control"
        )]
    );
}
