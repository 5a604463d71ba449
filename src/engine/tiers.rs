//! Tiers: a charge priced by the band a month's volume reaches (design §2.2).
//!
//! Reading: a volume exactly at a band's upper edge is in that band (`to` is inclusive);
//! graduated tiers price each band's units at its own rate; all-units tiers price every unit
//! at the rate of the band reached (the cliff of design §2.2); a fixed-fee tier bills the flat
//! fee of the band reached. A band's flat fee is added when the band is reached.

use rust_decimal::Decimal;

use crate::format::format_number as number;
use crate::model::{TierBand, TierMode};

/// The index of the band `volume` falls in: the first whose upper edge is at or above it.
pub fn band_reached(bands: &[TierBand], volume: Decimal) -> usize {
    bands
        .iter()
        .position(|b| b.to.is_none_or(|to| volume <= to))
        .unwrap_or(bands.len().saturating_sub(1))
}

/// The exact charge for `volume` under `bands` in `mode`, and how it was made.
pub fn tier_amount(mode: TierMode, bands: &[TierBand], volume: Decimal) -> (Decimal, String) {
    if bands.is_empty() {
        return (Decimal::ZERO, "no bands".to_owned());
    }
    let reached = band_reached(bands, volume);
    let band = &bands[reached];
    let flat = |text: String| {
        if band.flat_fee.is_zero() {
            text
        } else {
            format!("{text} + flat fee {}", number(band.flat_fee))
        }
    };
    match mode {
        TierMode::Graduated => {
            let mut amount = Decimal::ZERO;
            let mut parts = Vec::new();
            for b in &bands[..=reached] {
                let top = b.to.map_or(volume, |to| to.min(volume));
                let units = (top - b.from).max(Decimal::ZERO);
                if units > Decimal::ZERO {
                    amount += units * b.rate;
                    parts.push(format!("{} × {}", number(units), number(b.rate)));
                }
            }
            let parts = if parts.is_empty() {
                "0 units".to_owned()
            } else {
                parts.join(" + ")
            };
            (
                amount + band.flat_fee,
                flat(format!("{} units graduated: {parts}", number(volume))),
            )
        }
        TierMode::AllUnits => (
            volume * band.rate + band.flat_fee,
            flat(format!(
                "{} units, all at band {} rate {}",
                number(volume),
                reached + 1,
                number(band.rate)
            )),
        ),
        TierMode::FixedFee => (
            band.flat_fee,
            format!(
                "{} units in band {}: fixed fee {}",
                number(volume),
                reached + 1,
                number(band.flat_fee)
            ),
        ),
    }
}
