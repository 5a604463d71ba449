//! The terms a new component starts from: typical values a negotiator then changes, so that
//! a term added from the palette already bills and shows on the charts.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::{ComponentKind, unique_id};
use crate::model::{
    Bonus, Charge, ChargeCap, ChargeScope, CommitmentBasis, CommitmentPeriod, CreditRule,
    DeadBandConvention, Direction, Indexation, IndexationMethod, MeasurementWindow,
    MinimumCommitment, MissingData, Pricing, ProductivityCombination, Rate, ResourceAdjustment,
    ServiceLevel, TierBand, TierMode, UnitRate,
};

/// A new charge of `kind` (a fee kind; anything else gives a fixed fee) with an id not in
/// `taken`, reading `volume`.
pub fn new_charge(kind: ComponentKind, taken: &[&str], volume: &str) -> Charge {
    let (id, name, pricing) = match kind {
        ComponentKind::UnitRates => (
            "unit_rates",
            "Unit rates",
            Pricing::UnitRates {
                rates: vec![UnitRate {
                    class: "standard".into(),
                    volume: volume.into(),
                    rate: dec!(1.00),
                }],
            },
        ),
        ComponentKind::Tiers => ("tiers", "Volume tiers", default_tiers(volume)),
        ComponentKind::ResourceAdjustment => (
            "arc_rrc",
            "ARC/RRC",
            Pricing::ResourceAdjustment(ResourceAdjustment {
                volume: volume.into(),
                baseline: dec!(10000),
                dead_band_pct: dec!(5),
                arc_rate: dec!(3.00),
                rrc_rate: dec!(2.50),
                convention: DeadBandConvention::BeyondDeadBand,
                outer_band_pct: Some(dec!(20)),
                upper_limit: None,
                lower_limit: None,
            }),
        ),
        _ => (
            "fixed_fee",
            "Fixed fee",
            Pricing::Fixed {
                monthly: dec!(10000),
            },
        ),
    };
    Charge {
        id: unique_id(id, taken),
        name: name.into(),
        pricing,
    }
}

/// Two graduated bands on `volume`: 4.00 up to 5,000 units, 3.50 above.
fn default_tiers(volume: &str) -> Pricing {
    Pricing::Tiered {
        volume: volume.into(),
        mode: TierMode::Graduated,
        bands: vec![
            TierBand {
                from: dec!(0),
                to: Some(dec!(5000)),
                rate: dec!(4.00),
                flat_fee: Decimal::ZERO,
            },
            TierBand {
                from: dec!(5000),
                to: None,
                rate: dec!(3.50),
                flat_fee: Decimal::ZERO,
            },
        ],
    }
}

/// A new annual spend commitment of 100,000 on all charges.
pub fn new_minimum(taken: &[&str]) -> MinimumCommitment {
    MinimumCommitment {
        id: unique_id("minimum", taken),
        name: "Minimum commitment".into(),
        period: CommitmentPeriod::Annual,
        basis: CommitmentBasis::Spend {
            amount: dec!(100000),
            applies_to: ChargeScope::AllCharges,
        },
        shortfall_pct: dec!(100),
    }
}

/// A new indexation on `index`: 70 % indexed, 0–4 %.
pub fn new_indexation(index: &str) -> Indexation {
    Indexation {
        index: index.into(),
        lag_months: 3,
        indexed_share_pct: dec!(70),
        floor_pct: Some(dec!(0)),
        cap_pct: Some(dec!(4)),
        productivity_pct: dec!(0),
        productivity: ProductivityCombination::Compounded,
        applies_to: ChargeScope::AllCharges,
        method: IndexationMethod::Line,
    }
}

/// A new annual charge cap of 1,000,000 on all charges.
pub fn new_charge_cap(taken: &[&str]) -> ChargeCap {
    ChargeCap {
        id: unique_id("charge_cap", taken),
        name: "Charge cap".into(),
        period: CommitmentPeriod::Annual,
        limit: dec!(1000000),
        applies_to: ChargeScope::AllCharges,
    }
}

/// A new bonus of 1 % of all charges for beating 98 on `service_level`.
pub fn new_bonus(taken: &[&str], service_level: &str) -> Bonus {
    Bonus {
        id: unique_id("bonus", taken),
        name: "Performance bonus".into(),
        service_level: service_level.into(),
        threshold: dec!(98),
        amount: Rate::PctOfBase(dec!(1)),
        base: ChargeScope::AllCharges,
        gated_by: Vec::new(),
        annual_cap: None,
    }
}

/// A new monthly service level on `kpi`: target 95, minimum 90, 2 % / 5 % credits.
pub fn new_service_level(taken: &[&str], kpi: &str) -> ServiceLevel {
    ServiceLevel {
        id: unique_id("service_level", taken),
        name: "Service level".into(),
        kpi: kpi.into(),
        direction: Direction::HigherIsBetter,
        target: dec!(95),
        minimum: Some(dec!(90)),
        window: MeasurementWindow::Month,
        missing_data: MissingData::NoClaim,
        minimum_sample: None,
        excluded_months: Vec::new(),
        credit: CreditRule::FixedPct {
            target_miss_pct: dec!(2),
            minimum_miss_pct: dec!(5),
        },
        credit_base: Default::default(),
        repeat_rule: None,
        cap: None,
        earn_back: None,
        improvement: None,
    }
}
