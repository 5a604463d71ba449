//! Resource adjustment: ARC (additional resource charge) above a baseline volume and RRC
//! (reduced resource credit) below it, with a dead band around the baseline and an outer band
//! beyond which change control is due (design §2.2).
//!
//! Reading: a deviation exactly at the dead band's edge is inside it (no adjustment); by the
//! whole-difference convention the whole deviation is priced once outside the dead band, by
//! the beyond-the-dead-band convention only the part beyond it; a volume more than the outer
//! band from the baseline is flagged, not refused, and still priced.

use rust_decimal::Decimal;

use super::{Flag, FlagKind, Line, Rounder, Stage};
use crate::format::format_number as number;
use crate::model::{Charge, Component, DeadBandConvention, ResourceAdjustment, YearMonth};

/// The volume adjustment line of `charge` (ARC/RRC) for `volume`, and a change-control flag
/// when the volume is beyond the outer band.
pub(crate) fn adjustment_lines(
    lines: &mut Vec<Line>,
    flags: &mut Vec<Flag>,
    charge: &Charge,
    adj: &ResourceAdjustment,
    volume: Decimal,
    month: YearMonth,
    rounder: &Rounder,
) {
    if let Some((exact, why)) = resource_adjustment(adj, volume) {
        lines.push(rounder.line(
            Stage::VolumeAdjustment,
            Component::Charge(charge.id.clone()),
            &charge.id,
            exact,
            format!("{}: {why}", charge.name),
        ));
    }
    if let Some(outer) = adj.outer_band_pct {
        let deviation = volume - adj.baseline;
        if deviation.abs() * Decimal::ONE_HUNDRED > outer * adj.baseline {
            flags.push(Flag {
                period: month,
                kind: FlagKind::ChangeControl,
                component: charge.id.clone(),
                term: Some(Component::Charge(charge.id.clone())),
                message: format!(
                    "{}: volume {} is more than {}% from the baseline {}: change control",
                    charge.name,
                    number(volume),
                    number(outer),
                    number(adj.baseline)
                ),
            });
        }
    }
}

/// The ARC (positive) or RRC (negative) for `volume`, or `None` inside the dead band.
pub(crate) fn resource_adjustment(
    adj: &ResourceAdjustment,
    volume: Decimal,
) -> Option<(Decimal, String)> {
    let deviation = volume - adj.baseline;
    let band = adj.baseline * adj.dead_band_pct / Decimal::ONE_HUNDRED;
    if deviation.abs() <= band {
        return None;
    }
    let units = match adj.convention {
        DeadBandConvention::WholeDifference => deviation,
        DeadBandConvention::BeyondDeadBand if deviation > Decimal::ZERO => deviation - band,
        DeadBandConvention::BeyondDeadBand => deviation + band,
    };
    let (rate, name) = if deviation > Decimal::ZERO {
        (adj.arc_rate, "ARC")
    } else {
        (adj.rrc_rate, "RRC")
    };
    let which = match adj.convention {
        DeadBandConvention::WholeDifference => "the whole difference",
        DeadBandConvention::BeyondDeadBand => "the part beyond the dead band",
    };
    Some((
        units * rate,
        format!(
            "volume {} against baseline {} is outside the ±{}% dead band; {name} on {which}: {} × {}",
            number(volume),
            number(adj.baseline),
            number(adj.dead_band_pct),
            number(units),
            number(rate)
        ),
    ))
}
