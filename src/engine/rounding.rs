//! Rounding: the one named step where an amount becomes money (design §2.4), and the two
//! roundings of numbers that are not money but feed it (a moved target, a projected volume).
//!
//! Money is rounded per line, when the line is made, to the currency's decimals by the
//! contract's rule ([`crate::model::Rounding`]); caps apply to sums of rounded lines. KPI values
//! are compared unrounded. The two non-money roundings below are the engine's own rules, not
//! the contract's, so they do not follow the project's rounding rule: each has a named number
//! of decimals and a named strategy, and both keep what the engine has always computed
//! (`Decimal::round_dp`, which rounds a midpoint to the even neighbour).

use rust_decimal::{Decimal, RoundingStrategy};

use super::{Line, Stage};
use crate::model::{Component, Precision, Rounding, RoundingRule};

/// The precision a target moved by continuous improvement is kept to when the clause states
/// none: 4 decimals, half to even — what the engine computed before the precision became a term
/// of the clause ([`crate::model::ContinuousImprovement::precision`]).
pub const DEFAULT_IMPROVED_TARGET: Precision = Precision {
    decimals: 4,
    rule: RoundingRule::HalfEven,
};

/// Decimals a projected volume (history grown at the forecast rate) is kept to, so that the
/// explanations that quote it stay readable; measured and explicit volumes are never rounded.
pub(crate) const PROJECTED_VOLUME_DP: u32 = 2;

/// The strategy of both non-money roundings: a midpoint goes to the even neighbour (banker's
/// rounding), which is what `Decimal::round_dp` does and what every result so far was made
/// with. Changing it would move money, so it is named here rather than left implicit.
pub(crate) const NON_MONEY_STRATEGY: RoundingStrategy = RoundingStrategy::MidpointNearestEven;

/// A projected volume, kept to [`PROJECTED_VOLUME_DP`] decimals.
pub(crate) fn projected_volume(exact: Decimal) -> Decimal {
    exact.round_dp_with_strategy(PROJECTED_VOLUME_DP, NON_MONEY_STRATEGY)
}

/// Rounds amounts at the one named step where lines are made.
pub(crate) struct Rounder {
    strategy: RoundingStrategy,
    /// Decimal places of the currency.
    pub decimals: u32,
}

impl Rounder {
    /// The rounder of the contract's rule.
    pub(crate) fn new(rounding: Rounding) -> Self {
        Self {
            strategy: rounding.rule.strategy(),
            decimals: rounding.decimals,
        }
    }

    /// `exact` rounded to the currency's decimals by the contract's rule.
    pub(crate) fn round(&self, exact: Decimal) -> Decimal {
        exact.round_dp_with_strategy(self.decimals, self.strategy)
    }

    /// A ledger line made by `term`, shown as `component`, rounded now.
    pub(crate) fn line(
        &self,
        stage: Stage,
        term: Component,
        component: &str,
        exact: Decimal,
        explanation: String,
    ) -> Line {
        Line {
            kind: stage.kind(),
            stage,
            component: component.to_owned(),
            term,
            exact,
            amount: self.round(exact),
            explanation,
        }
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    #[test]
    fn non_money_roundings_send_a_midpoint_to_the_even_neighbour() {
        // 97.00005 is a midpoint at 4 dp: the even neighbour is 97.0000 (round_dp agrees).
        let improved = |x| DEFAULT_IMPROVED_TARGET.round(x);
        assert_eq!(improved(dec!(97.00005)), dec!(97.0000));
        assert_eq!(improved(dec!(97.00015)), dec!(97.0002));
        assert_eq!(dec!(97.00005).round_dp(4), improved(dec!(97.00005)));
        // 1030.125 → 1030.12 (even), 1030.135 → 1030.14.
        assert_eq!(projected_volume(dec!(1030.125)), dec!(1030.12));
        assert_eq!(projected_volume(dec!(1030.135)), dec!(1030.14));
        assert_eq!(dec!(1030.125).round_dp(2), projected_volume(dec!(1030.125)));
    }
}
