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
use crate::model::{
    BeyondLimit, Charge, Component, DeadBandConvention, ResourceAdjustment, YearMonth,
};

/// The volume adjustment line of `charge` (ARC/RRC) for `volume`, and a change-control flag
/// when the volume is beyond an outer limit that calls for it. Beyond a limit billed as if at
/// the limit, the line is priced on the limit's volume and says so.
pub(crate) fn adjustment_lines(
    lines: &mut Vec<Line>,
    flags: &mut Vec<Flag>,
    charge: &Charge,
    adj: &ResourceAdjustment,
    volume: Decimal,
    month: YearMonth,
    rounder: &Rounder,
) {
    let beyond = beyond_limit(adj, volume);
    let billed = match &beyond {
        Some(b) if b.consequence == BeyondLimit::BilledAtLimit => b.limit_volume,
        _ => volume,
    };
    if let Some((exact, why)) = resource_adjustment(adj, billed) {
        let why = match &beyond {
            Some(b) if b.consequence == BeyondLimit::BilledAtLimit => format!(
                "volume {} is {}: billed as if at the limit; {why}",
                number(volume),
                b.words(adj)
            ),
            _ => why,
        };
        lines.push(rounder.line(
            Stage::VolumeAdjustment,
            Component::Charge(charge.id.clone()),
            &charge.id,
            exact,
            format!("{}: {why}", charge.name),
        ));
    }
    if let Some(b) = beyond
        && b.consequence == BeyondLimit::ChangeControl
    {
        let message = if adj.upper_limit.is_none() && adj.lower_limit.is_none() {
            // The symmetric outer band, worded as it always was.
            format!(
                "{}: volume {} is more than {}% from the baseline {}: change control",
                charge.name,
                number(volume),
                number(b.pct),
                number(adj.baseline)
            )
        } else {
            format!(
                "{}: volume {} is {}: change control",
                charge.name,
                number(volume),
                b.words(adj)
            )
        };
        flags.push(Flag {
            period: month,
            kind: FlagKind::ChangeControl,
            component: charge.id.clone(),
            term: Some(Component::Charge(charge.id.clone())),
            message,
        });
    }
}

/// A volume beyond one of the band's outer limits.
struct Beyond {
    /// Whether above the upper limit (else below the lower).
    above: bool,
    /// The limit in percent of the baseline.
    pct: Decimal,
    /// The volume at the limit.
    limit_volume: Decimal,
    /// What the contract says follows.
    consequence: BeyondLimit,
}

impl Beyond {
    /// "above the upper limit 1,300 (+30% of the baseline 1,000)".
    fn words(&self, adj: &ResourceAdjustment) -> String {
        let (side, sign) = if self.above {
            ("above the upper", "+")
        } else {
            ("below the lower", "−")
        };
        format!(
            "{side} limit {} ({sign}{}% of the baseline {})",
            number(self.limit_volume),
            number(self.pct),
            number(adj.baseline)
        )
    }
}

/// Which outer limit `volume` is beyond, if any; a volume exactly at a limit is within it.
fn beyond_limit(adj: &ResourceAdjustment, volume: Decimal) -> Option<Beyond> {
    let hundred = Decimal::ONE_HUNDRED;
    let deviation = volume - adj.baseline;
    let (above, limit) = if deviation > Decimal::ZERO {
        (true, adj.upper()?)
    } else {
        (false, adj.lower()?)
    };
    let (pct, consequence) = limit;
    let reach = adj.baseline * pct / hundred;
    if deviation.abs() <= reach {
        return None;
    }
    let limit_volume = if above {
        adj.baseline + reach
    } else {
        (adj.baseline - reach).max(Decimal::ZERO)
    };
    Some(Beyond {
        above,
        pct,
        limit_volume,
        consequence,
    })
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
