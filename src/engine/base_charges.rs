//! Base charges: fixed monthly fees and unit rates, and the dispatch of each fee component to
//! its pricing (tiers and resource adjustment have their own files) (design §2.2).
//!
//! Reading: a volume missing from the data is billed as zero and flagged, so a project in the
//! middle of an edit still has a ledger; each unit-rate class is its own line on its own
//! volume.

use rust_decimal::Decimal;

use super::inputs::Inputs;
use super::{Flag, FlagKind, Line, Rounder, Stage, resource_adjustment, tiers};
use crate::format::format_number as number;
use crate::model::{Charge, Component, Pricing, YearMonth};

/// The base charges and volume adjustments of one component in one month.
pub(crate) fn base_lines(
    lines: &mut Vec<Line>,
    flags: &mut Vec<Flag>,
    charge: &Charge,
    month: YearMonth,
    inputs: &Inputs<'_>,
    rounder: &Rounder,
) {
    let term = || Component::Charge(charge.id.clone());
    let mut volume_of = |id: &str| {
        inputs.volume(id, month).unwrap_or_else(|| {
            flags.push(Flag {
                period: month,
                kind: FlagKind::MissingData,
                component: charge.id.clone(),
                term: Some(term()),
                message: format!(
                    "No volume \"{id}\" for {month}: {} billed on zero",
                    charge.name
                ),
            });
            Decimal::ZERO
        })
    };
    match &charge.pricing {
        Pricing::Fixed { monthly } => lines.push(rounder.line(
            Stage::BaseCharge,
            term(),
            &charge.id,
            *monthly,
            format!("{}: fixed monthly fee", charge.name),
        )),
        Pricing::UnitRates { rates } => {
            for rate in rates {
                let volume = volume_of(&rate.volume);
                lines.push(rounder.line(
                    Stage::BaseCharge,
                    term(),
                    &charge.id,
                    volume * rate.rate,
                    format!(
                        "{} ({}): {} × {}",
                        charge.name,
                        rate.class,
                        number(volume),
                        number(rate.rate)
                    ),
                ));
            }
        }
        Pricing::Tiered {
            volume,
            mode,
            bands,
        } => {
            let volume = volume_of(volume);
            let (exact, how) = tiers::tier_amount(*mode, bands, volume);
            lines.push(rounder.line(
                Stage::BaseCharge,
                term(),
                &charge.id,
                exact,
                format!("{}: {how}", charge.name),
            ));
        }
        Pricing::ResourceAdjustment(adj) => {
            let volume = volume_of(&adj.volume);
            resource_adjustment::adjustment_lines(
                lines, flags, charge, adj, volume, month, rounder,
            );
        }
    }
}
