//! What the caps leave at risk, and the fee that covers the expected credits.
//!
//! Charges never depend on service, so every trial bills the same fees as the replay
//! (`evaluate` of the offer): the fees and the caps' limits are read from the replay's ledger.
//!
//! **Fees** are charges and adjustments (ARC/RRC, indexation, minimum shortfalls, charge caps):
//! what the agreement bills before credits ([`crate::engine::Totals::gross`]).
//!
//! **The most the caps allow** are the credit regime's caps: in a month, the smaller of the
//! at-risk amount and the monthly cap, each read on the month's charges in the regime's base;
//! in a contract year, the smallest of the sum of its months' limits, the annual cap and the
//! term cap; over the term, the smaller of the sum of the years' limits and the term cap.
//! Service-level credit caps are not counted. `None` means no regime cap bounds credits there.
//!
//! **The risk-adjusted fee.** With G the term's fees, M its months and N a trial's term net
//! (fees − credits + bonuses + earn-back), the fee is F = G / M, a trial's credit share is
//! s = (G − N) / G (what the customer does not pay, net of bonuses and earn-back, as a share of
//! the fees), and F' = F / (1 − E\[s\]) = F × G / E\[N\]: the monthly fee that keeps the expected
//! net revenue at F when credits scale with the fee.

use rust_decimal::Decimal;
use serde::Serialize;

use super::stats::Distribution;
use crate::engine::charges::scoped_sum;
use crate::engine::{Ledger, Rounder};
use crate::model::{Limit, Scenario, YearMonth};

/// What the regime's caps allow in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthAtRisk {
    /// The billing month.
    pub period: YearMonth,
    /// The month's fees.
    pub fees: Decimal,
    /// The most credits the month-level caps allow; `None` without one.
    pub most: Option<Decimal>,
}

/// What is at risk in a contract year or over the term, as money and as % of its fees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodAtRisk {
    /// The contract year (1, 2, …), or `None` for the whole term.
    pub contract_year: Option<u32>,
    /// The period's fees.
    pub fees: Decimal,
    /// The most credits the regime's caps allow in the period; `None` when uncapped.
    pub most: Option<Decimal>,
    /// `most` as a percentage of the fees, to 2 decimals.
    pub most_pct: Option<Decimal>,
    /// The expected (mean) credits.
    pub expected: Decimal,
    /// `expected` as a percentage of the fees, to 2 decimals.
    pub expected_pct: Option<Decimal>,
    /// The 90th percentile of credits: a bad period.
    pub p90: Decimal,
    /// `p90` as a percentage of the fees, to 2 decimals.
    pub p90_pct: Option<Decimal>,
}

/// The fee at risk: the caps' limits beside the simulated credits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeeAtRisk {
    /// Each month of the term.
    pub months: Vec<MonthAtRisk>,
    /// Each contract year.
    pub years: Vec<PeriodAtRisk>,
    /// The whole term.
    pub term: PeriodAtRisk,
}

/// The fee that keeps expected net revenue at today's fee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RiskAdjustedFee {
    /// F: the mean monthly fee over the term, rounded to the currency.
    pub fee: Decimal,
    /// E\[s\]: the expected share of the fees not paid for service (credits less bonuses and
    /// earn-back), as a fraction.
    pub expected_credit_share: Decimal,
    /// F' = F / (1 − E\[s\]), rounded to the currency; `None` when the term has no fees or the
    /// expected net is not positive.
    pub adjusted: Option<Decimal>,
}

/// `part` as a percentage of `whole`, to 2 decimals; `None` when `whole` is zero.
fn pct(part: Decimal, whole: Decimal) -> Option<Decimal> {
    (!whole.is_zero()).then(|| (part / whole * Decimal::ONE_HUNDRED).round_dp(2))
}

fn limit_on(limit: &Limit, base: Decimal, rounder: &Rounder) -> Decimal {
    match limit {
        Limit::Amount(a) => *a,
        Limit::PctOfCharges(p) => rounder.round(base * p / Decimal::ONE_HUNDRED),
    }
}

fn smallest(limits: impl IntoIterator<Item = Option<Decimal>>) -> Option<Decimal> {
    limits.into_iter().flatten().min()
}

fn period(
    contract_year: Option<u32>,
    fees: Decimal,
    most: Option<Decimal>,
    credits: &Distribution,
) -> PeriodAtRisk {
    PeriodAtRisk {
        contract_year,
        fees,
        most,
        most_pct: most.and_then(|m| pct(m, fees)),
        expected: credits.mean,
        expected_pct: pct(credits.mean, fees),
        p90: credits.p90,
        p90_pct: pct(credits.p90, fees),
    }
}

/// The fee at risk of `scenario` on the replay's `ledger`, beside the simulated credits of each
/// contract year (`years`, in order) and of the term.
pub(crate) fn fee_at_risk(
    scenario: &Scenario,
    ledger: &Ledger,
    rounder: &Rounder,
    years: &[Distribution],
    term: &Distribution,
) -> FeeAtRisk {
    let regime = &scenario.credit_regime;
    let months: Vec<MonthAtRisk> = ledger
        .months
        .iter()
        .map(|m| {
            let base = scoped_sum(&m.lines, &regime.base);
            let at_risk = regime
                .at_risk_pct
                .map(|p| rounder.round(base * p / Decimal::ONE_HUNDRED));
            let cap = regime
                .monthly_cap
                .as_ref()
                .map(|l| limit_on(l, base, rounder));
            MonthAtRisk {
                period: m.period,
                fees: m.totals.gross(),
                most: smallest([at_risk, cap]),
            }
        })
        .collect();
    let base_of = |from: usize, to: usize| -> Decimal {
        ledger.months[from..to]
            .iter()
            .map(|m| scoped_sum(&m.lines, &regime.base))
            .sum()
    };
    let term_cap = regime
        .term_cap
        .as_ref()
        .map(|l| limit_on(l, base_of(0, ledger.months.len()), rounder));
    let mut year_limits = Vec::new();
    let mut out_years = Vec::new();
    for (y, credits) in ledger.years.iter().zip(years) {
        let from = (y.contract_year as usize - 1) * 12;
        let to = (from + 12).min(months.len());
        let in_year = &months[from..to];
        let monthly: Option<Decimal> = in_year.iter().map(|m| m.most).sum();
        let annual = regime
            .annual_cap
            .as_ref()
            .map(|l| limit_on(l, base_of(from, to), rounder));
        let most = smallest([monthly, annual, term_cap]);
        year_limits.push(most);
        out_years.push(period(
            Some(y.contract_year),
            y.totals.gross(),
            most,
            credits,
        ));
    }
    let all_years: Option<Decimal> = year_limits.into_iter().sum();
    let term = period(
        None,
        ledger.totals.gross(),
        smallest([all_years, term_cap]),
        term,
    );
    FeeAtRisk {
        months,
        years: out_years,
        term,
    }
}

/// The most credits the regime's caps allow in money, on the replay alone (no simulation:
/// the expected and P90 figures are left at zero): per month, per contract year and over the
/// term. The structure view shows these beside the credits used.
pub(crate) fn caps_in_money(scenario: &Scenario, ledger: &Ledger, rounder: &Rounder) -> FeeAtRisk {
    let none = vec![Distribution::default(); ledger.years.len()];
    fee_at_risk(scenario, ledger, rounder, &none, &Distribution::default())
}

/// The risk-adjusted fee on the replay's `ledger` (whose fees every trial bills) and the exact
/// mean of the trials' term nets.
pub(crate) fn risk_adjusted_fee(
    ledger: &Ledger,
    mean_net: Decimal,
    rounder: &Rounder,
) -> RiskAdjustedFee {
    let fees = ledger.totals.gross();
    let months = Decimal::from(ledger.months.len().max(1));
    let fee = fees / months;
    let share = if fees.is_zero() {
        Decimal::ZERO
    } else {
        (fees - mean_net) / fees
    };
    let adjusted =
        (!fees.is_zero() && mean_net > Decimal::ZERO).then(|| rounder.round(fee * fees / mean_net));
    RiskAdjustedFee {
        fee: rounder.round(fee),
        expected_credit_share: share,
        adjusted,
    }
}
