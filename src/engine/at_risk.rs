//! The at-risk pool: the share of the month's charges the provider puts at risk, which
//! allocation credits are a share of and which caps the month's credits (design §2.3).
//!
//! Reading: the pool is a percentage of the month's charges on the credit regime's base,
//! rounded as money; an over-allocated pool (allocations over 100 %) is not refused, its
//! credits are capped at the pool. Where a monthly credit cap is also set, the lower of the
//! two applies, and a tie is the at-risk cap.

use rust_decimal::Decimal;

use super::Rounder;
use super::credit_caps::CapStep;
use super::limits::{limit_words, percent_of};
use crate::format::format_number as number;
use crate::model::CreditRegime;

/// The month's at-risk amount on `regime_base` (the charges on the regime's base), if the
/// regime has a pool.
pub(crate) fn pool(
    regime: &CreditRegime,
    regime_base: Decimal,
    rounder: &Rounder,
) -> Option<Decimal> {
    regime
        .at_risk_pct
        .map(|p| rounder.round(percent_of(regime_base, p)))
}

/// The first cap on a month's credits: the at-risk pool or the monthly cap, whichever is lower
/// (the at-risk cap on a tie); a step with no limit when neither is set.
pub(crate) fn month_cap(
    regime: &CreditRegime,
    pool: Option<Decimal>,
    monthly_cap: Option<Decimal>,
) -> CapStep {
    let limit = match (pool, monthly_cap) {
        (Some(a), Some(m)) => Some(a.min(m)),
        (a, m) => a.or(m),
    };
    if pool.is_some() && limit == pool {
        CapStep {
            id: "at_risk_cap",
            name: format!(
                "At-risk cap ({}% of charges)",
                number(regime.at_risk_pct.unwrap_or_default())
            ),
            left: limit,
        }
    } else {
        CapStep {
            id: "monthly_cap",
            name: format!(
                "Monthly credit cap{}",
                regime
                    .monthly_cap
                    .as_ref()
                    .map(limit_words)
                    .unwrap_or_default()
            ),
            left: limit,
        }
    }
}
