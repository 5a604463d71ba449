//! Credit caps: the most a service level's credit may be in a month, and the most the month's
//! credits together may be per month (or the at-risk pool), per contract year and over the
//! term (design §2.3).
//!
//! Reading: caps apply to the sum of rounded credit lines, narrowest scope first (the month,
//! then the year, then the term), each on what the previous left; annual and term caps are
//! cumulative and count what was allowed, not what was earned; caps in percent read the
//! charges on the credit regime's base over their period (a year's or the term's charges,
//! known in advance because charges never depend on service). What a cap cuts is given back
//! as a positive credit-cap line, so the credits stay visible at their full amount.

use rust_decimal::Decimal;

use super::charges::yearly_sums;
use super::limits::{CapName, cap_flag, limit_amount, limit_words};
use super::{Flag, Line, Rounder, Stage, TermMonth, at_risk};
use crate::format::format_money as money;
use crate::model::{Component, CreditRegime, ServiceLevel};

/// One cap in the chain applied to a month's credits.
pub(crate) struct CapStep {
    /// The id shown on its line and flag (`monthly_cap`, `at_risk_cap`, `annual_cap`,
    /// `term_cap`).
    pub id: &'static str,
    /// The name shown to people.
    pub name: String,
    /// What the cap still allows this month; `None` when not set.
    pub left: Option<Decimal>,
}

/// What the caps made of a month's credits.
pub(crate) struct Capped {
    /// The month's credits before the regime's caps (after each service level's own cap).
    pub uncapped: Decimal,
    /// What the caps allowed.
    pub allowed: Decimal,
    /// The month's first cap (`at_risk_cap` or `monthly_cap`) when it was reached: what a
    /// cap trigger counts, and names.
    pub reached_month: Option<&'static str>,
}

impl Capped {
    /// The share of each credit that survived the caps (1 when there was none): what earn-back
    /// can return.
    pub(crate) fn share(&self) -> Decimal {
        if self.uncapped.is_zero() {
            Decimal::ONE
        } else {
            self.allowed / self.uncapped
        }
    }
}

/// A service level's credit limited by its own cap, with the explanation extended when the cap
/// binds. `base` is the charges on the service level's credit base.
pub(crate) fn service_level_cap(
    sl: &ServiceLevel,
    credit: Decimal,
    base: Decimal,
    explanation: String,
    at: &TermMonth,
    flags: &mut Vec<Flag>,
    rounder: &Rounder,
) -> (Decimal, String) {
    let (Some(cap), true) = (&sl.cap, credit > Decimal::ZERO) else {
        return (credit, explanation);
    };
    let limit = limit_amount(cap, base, rounder);
    if credit < limit {
        return (credit, explanation);
    }
    let binding = credit > limit;
    let name = format!("{} credit cap", sl.name);
    let cap_name = CapName {
        id: &sl.id,
        term: Component::ServiceLevel(sl.id.clone()),
        name: &name,
    };
    flags.push(cap_flag(
        at.month,
        cap_name,
        credit,
        limit,
        binding,
        rounder.decimals,
    ));
    if binding {
        let explanation = format!(
            "{explanation}; capped at {}",
            money(limit, rounder.decimals)
        );
        return (limit, explanation);
    }
    (credit, explanation)
}

/// The credit regime's caps, and what the cumulative ones have allowed so far.
pub(crate) struct CreditCapUsage {
    /// Charges on the regime's base per contract year, for annual caps in percent.
    year_base: Vec<Decimal>,
    /// The term cap's amount, if set.
    term_limit: Option<Decimal>,
    /// Credits allowed so far this contract year.
    used_year: Decimal,
    /// Credits allowed so far in the term.
    used_term: Decimal,
}

impl CreditCapUsage {
    /// The caps of `regime` over the term's charge lines `charges`.
    pub(crate) fn new(regime: &CreditRegime, charges: &[Vec<Line>], rounder: &Rounder) -> Self {
        let year_base = yearly_sums(charges, &regime.base);
        let term_base: Decimal = year_base.iter().copied().sum();
        let term_limit = regime
            .term_cap
            .as_ref()
            .map(|l| limit_amount(l, term_base, rounder));
        Self {
            year_base,
            term_limit,
            used_year: Decimal::ZERO,
            used_term: Decimal::ZERO,
        }
    }

    /// Applies the month, year and term caps to month `at`'s `credit_lines`, adding a
    /// credit-cap line for each cap that binds. `regime_base` is the month's charges on the
    /// regime's base, `pool` its at-risk amount.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn apply(
        &mut self,
        regime: &CreditRegime,
        regime_base: Decimal,
        pool: Option<Decimal>,
        at: &TermMonth,
        credit_lines: &mut Vec<Line>,
        flags: &mut Vec<Flag>,
        rounder: &Rounder,
    ) -> Capped {
        if at.opens_year() {
            self.used_year = Decimal::ZERO;
        }
        let uncapped: Decimal = -credit_lines.iter().map(|l| l.amount).sum::<Decimal>();
        let mut allowed = uncapped;
        let mut reached_month = None;
        for (n, step) in self
            .chain(regime, regime_base, pool, at, rounder)
            .into_iter()
            .enumerate()
        {
            let Some(limit) = step.left else { continue };
            if allowed.is_zero() || allowed < limit {
                continue;
            }
            if n == 0 {
                reached_month = Some(step.id);
            }
            let binding = allowed > limit;
            let cap_name = CapName {
                id: step.id,
                term: Component::CreditRegime,
                name: &step.name,
            };
            // A cumulative cap's flag shows the cap itself as the limit, against the credits
            // it counts (so far in the year or term, with this month's), not the headroom
            // left: `used + limit` is the cap, since what it counted never exceeds it.
            let used = self.used_by(step.id);
            flags.push(cap_flag(
                at.month,
                cap_name,
                used + allowed,
                used + limit,
                binding,
                rounder.decimals,
            ));
            if binding {
                credit_lines.push(give_back(&step, allowed, limit, rounder));
                allowed = limit;
            }
        }
        if let Some(minimum) = regime.minimum_credit
            && allowed > Decimal::ZERO
            && allowed <= minimum
        {
            not_issued(credit_lines, allowed, minimum, rounder);
            allowed = Decimal::ZERO;
        }
        self.used_year += allowed;
        self.used_term += allowed;
        Capped {
            uncapped,
            allowed,
            reached_month,
        }
    }

    /// What the cap `id` has counted before this month: the credits allowed so far in the
    /// contract year (annual cap) or the term (term cap); nothing for the month's caps.
    fn used_by(&self, id: &str) -> Decimal {
        match id {
            "annual_cap" => self.used_year,
            "term_cap" => self.used_term,
            _ => Decimal::ZERO,
        }
    }

    /// The caps in the order they apply: the month's (at-risk or monthly), the year's, the
    /// term's, each with what it still allows.
    fn chain(
        &self,
        regime: &CreditRegime,
        regime_base: Decimal,
        pool: Option<Decimal>,
        at: &TermMonth,
        rounder: &Rounder,
    ) -> Vec<CapStep> {
        let monthly_cap = regime
            .monthly_cap
            .as_ref()
            .map(|l| limit_amount(l, regime_base, rounder));
        let mut caps = vec![at_risk::month_cap(regime, pool, monthly_cap)];
        if let Some(limit) = &regime.annual_cap {
            let amount = limit_amount(limit, self.year_base[at.year_index()], rounder);
            caps.push(CapStep {
                id: "annual_cap",
                name: format!("Contract-year credit cap{}", limit_words(limit)),
                left: Some((amount - self.used_year).max(Decimal::ZERO)),
            });
        }
        if let Some(limit) = self.term_limit {
            caps.push(CapStep {
                id: "term_cap",
                name: format!(
                    "Term credit cap{}",
                    regime
                        .term_cap
                        .as_ref()
                        .map(limit_words)
                        .unwrap_or_default()
                ),
                left: Some((limit - self.used_term).max(Decimal::ZERO)),
            });
        }
        caps
    }
}

/// The line giving back what a cap cut from `allowed` credits.
fn give_back(step: &CapStep, allowed: Decimal, limit: Decimal, rounder: &Rounder) -> Line {
    let dp = rounder.decimals;
    let given_back = allowed - limit;
    rounder.line(
        Stage::CreditCap,
        Component::CreditRegime,
        step.id,
        given_back,
        format!(
            "{}: credits of {} exceed the {} left under the cap; {} given back",
            step.name,
            money(allowed, dp),
            money(limit, dp),
            money(given_back, dp)
        ),
    )
}

/// A month's credits of `allowed` (after the caps) at or below the regime's `minimum` credit are
/// not issued: each credit line says so, and one line gives the whole amount back.
fn not_issued(credit_lines: &mut Vec<Line>, allowed: Decimal, minimum: Decimal, rounder: &Rounder) {
    let dp = rounder.decimals;
    let why = format!(
        "not issued: the month's credits of {} are not more than the minimum credit of {}",
        money(allowed, dp),
        money(minimum, dp)
    );
    for line in credit_lines.iter_mut() {
        line.explanation = format!("{}; {why}", line.explanation);
    }
    credit_lines.push(rounder.line(
        Stage::CreditCap,
        Component::CreditRegime,
        "minimum_credit",
        allowed,
        format!("Minimum credit: {why}"),
    ));
}
