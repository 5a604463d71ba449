//! Limits shared by the caps on credits and bonuses: an amount, or a percentage of the charges
//! on the cap's base, and the flag a cap raises when reached or binding (design §2.3).
//!
//! Reading: a limit in percent is money, so it is rounded by the contract's rule before it is
//! compared; credits exactly at a limit reach the cap without binding it.

use rust_decimal::Decimal;

use super::{Flag, FlagKind, Rounder};
use crate::format::{format_money as money, format_number as number};
use crate::model::{Component, Limit, YearMonth};

/// `pct` percent of `base`, unrounded.
pub(crate) fn percent_of(base: Decimal, pct: Decimal) -> Decimal {
    base * pct / Decimal::ONE_HUNDRED
}

/// The amount a limit allows on `charges`, rounded: limits are money.
pub(crate) fn limit_amount(limit: &Limit, charges: Decimal, rounder: &Rounder) -> Decimal {
    match limit {
        Limit::Amount(a) => *a,
        Limit::PctOfCharges(p) => rounder.round(percent_of(charges, *p)),
    }
}

/// How a limit is named after its cap: nothing for an amount, " (5% of charges)" for a share.
pub(crate) fn limit_words(limit: &Limit) -> String {
    match limit {
        Limit::Amount(_) => String::new(),
        Limit::PctOfCharges(p) => format!(" ({}% of charges)", number(*p)),
    }
}

/// What a cap is, for its flag: the id shown, the term it belongs to and its name.
pub(crate) struct CapName<'a> {
    /// The id shown in the flag's `component`.
    pub id: &'a str,
    /// The term the cap belongs to.
    pub term: Component,
    /// The name shown in the message.
    pub name: &'a str,
}

/// The flag of a cap reached (`amount` at `limit`) or binding (`amount` beyond it).
pub(crate) fn cap_flag(
    month: YearMonth,
    cap: CapName<'_>,
    amount: Decimal,
    limit: Decimal,
    binding: bool,
    dp: u32,
) -> Flag {
    let (kind, what) = if binding {
        (FlagKind::CapBinding, "binding")
    } else {
        (FlagKind::CapReached, "reached")
    };
    Flag {
        period: month,
        kind,
        component: cap.id.to_owned(),
        term: Some(cap.term),
        message: format!(
            "{} {what}: {} against a limit of {}",
            cap.name,
            money(amount, dp),
            money(limit, dp)
        ),
    }
}
