//! Bonuses: an amount paid to the provider for a service level at or better than a threshold,
//! unless a gating service level was missed, capped per contract year (design §2.3).
//!
//! Reading: a bonus reads the month's measurement, so an unmeasured or excluded month earns
//! none; a value exactly at the threshold earns it; a miss (target or minimum) of any gating
//! service level in the same month withholds it; a bonus in percent is of the month's charges
//! on its own base; the annual cap counts bonuses paid since the anniversary and limits the
//! month that reaches it (exact and amount both become what the cap left).

use rust_decimal::Decimal;

use super::charges::{scoped_sum, yearly_sums};
use super::limits::{CapName, cap_flag, limit_amount, percent_of};
use super::measurement::with_unit;
use super::{Flag, Line, Rounder, ServiceLevelResult, Stage, TermMonth};
use crate::format::{format_money as money, format_number as number};
use crate::model::{Bonus, Component, Project, Rate, Scenario};

/// What each bonus has paid this contract year, against its annual cap, and what all of them
/// have paid against the regime's aggregate bonus cap.
pub(crate) struct BonusUsage {
    /// Charges on each bonus's base, per contract year, for caps in percent.
    year_base: Vec<Vec<Decimal>>,
    /// Paid so far this contract year, per bonus.
    used: Vec<Decimal>,
    /// The aggregate cap's amount per contract year, when the regime sets one.
    pool: Option<Vec<Decimal>>,
    /// Paid so far this contract year by all bonuses.
    pool_used: Decimal,
    /// The unit of each bonus's KPI ("%", "s"), shown after its value and threshold.
    units: Vec<String>,
}

impl BonusUsage {
    /// The bonuses of `scenario` (an offer of `project`) over the term's charge lines
    /// `charges`.
    pub(crate) fn new(
        project: &Project,
        scenario: &Scenario,
        charges: &[Vec<Line>],
        rounder: &Rounder,
    ) -> Self {
        let year_base = scenario
            .bonuses
            .iter()
            .map(|b| yearly_sums(charges, &b.base))
            .collect();
        let regime = &scenario.credit_regime;
        let pool = regime.bonus_cap.as_ref().map(|cap| {
            (yearly_sums(charges, &regime.base).iter())
                .map(|base| limit_amount(cap, *base, rounder))
                .collect()
        });
        let units = scenario
            .bonuses
            .iter()
            .map(|b| {
                let sl = scenario
                    .service_levels
                    .iter()
                    .find(|s| s.id == b.service_level);
                let kpi = sl.and_then(|s| project.kpi(&s.kpi));
                kpi.map(|k| k.unit.clone()).unwrap_or_default()
            })
            .collect();
        Self {
            year_base,
            used: vec![Decimal::ZERO; scenario.bonuses.len()],
            pool,
            pool_used: Decimal::ZERO,
            units,
        }
    }

    /// Pays month `at`'s bonuses on its service-level `results`, adding a line to `lines`
    /// (which holds the month's charges and credits) for each bonus earned.
    pub(crate) fn pay(
        &mut self,
        scenario: &Scenario,
        results: &[ServiceLevelResult],
        lines: &mut Vec<Line>,
        flags: &mut Vec<Flag>,
        at: &TermMonth,
        rounder: &Rounder,
    ) {
        if at.opens_year() {
            self.used.iter_mut().for_each(|b| *b = Decimal::ZERO);
            self.pool_used = Decimal::ZERO;
        }
        for (b, bonus) in scenario.bonuses.iter().enumerate() {
            let unit = &self.units[b];
            let Some((exact, why)) =
                earned(scenario, bonus, unit, results, lines, rounder.decimals)
            else {
                continue;
            };
            let (exact, amount, why) = self.capped(b, bonus, exact, why, at, flags, rounder);
            let (exact, amount, why) = self.pooled(exact, amount, why, at, flags, rounder);
            self.used[b] += amount;
            self.pool_used += amount;
            if amount > Decimal::ZERO {
                lines.push(Line {
                    kind: Stage::Bonus.kind(),
                    stage: Stage::Bonus,
                    component: bonus.id.clone(),
                    term: Component::Bonus(bonus.id.clone()),
                    exact,
                    amount,
                    explanation: why,
                });
            }
        }
    }

    /// The bonus limited by what its annual cap has left: (exact, amount, explanation).
    #[allow(clippy::too_many_arguments)]
    fn capped(
        &self,
        b: usize,
        bonus: &Bonus,
        exact: Decimal,
        why: String,
        at: &TermMonth,
        flags: &mut Vec<Flag>,
        rounder: &Rounder,
    ) -> (Decimal, Decimal, String) {
        let amount = rounder.round(exact);
        let Some(cap) = &bonus.annual_cap else {
            return (exact, amount, why);
        };
        let dp = rounder.decimals;
        let limit = limit_amount(cap, self.year_base[b][at.year_index()], rounder);
        let left = (limit - self.used[b]).max(Decimal::ZERO);
        if amount < left {
            return (exact, amount, why);
        }
        let name = format!("{} annual cap", bonus.name);
        let cap_name = CapName {
            id: &bonus.id,
            term: Component::Bonus(bonus.id.clone()),
            name: &name,
        };
        let binding = amount > left;
        flags.push(cap_flag(
            at.month,
            cap_name,
            self.used[b] + amount,
            limit,
            binding,
            dp,
        ));
        if !binding {
            return (exact, amount, why);
        }
        let why = format!(
            "{why}; limited to the {} left under the annual cap",
            money(left, dp)
        );
        (left, left, why)
    }
}

impl BonusUsage {
    /// A bonus of `amount` (after its own cap) limited by what the aggregate bonus cap has
    /// left this contract year: (exact, amount, explanation).
    fn pooled(
        &self,
        exact: Decimal,
        amount: Decimal,
        why: String,
        at: &TermMonth,
        flags: &mut Vec<Flag>,
        rounder: &Rounder,
    ) -> (Decimal, Decimal, String) {
        let Some(limit) = self.pool.as_ref().map(|p| p[at.year_index()]) else {
            return (exact, amount, why);
        };
        let left = (limit - self.pool_used).max(Decimal::ZERO);
        if amount.is_zero() || amount < left {
            return (exact, amount, why);
        }
        let binding = amount > left;
        let cap_name = CapName {
            id: BONUS_CAP_ID,
            term: Component::CreditRegime,
            name: "Aggregate bonus cap",
        };
        let dp = rounder.decimals;
        let paid = self.pool_used + amount;
        flags.push(cap_flag(at.month, cap_name, paid, limit, binding, dp));
        if !binding {
            return (exact, amount, why);
        }
        let why = format!(
            "{why}; limited to the {} left under the aggregate bonus cap of {}",
            money(left, dp),
            money(limit, dp)
        );
        (left, left, why)
    }
}

/// The id the aggregate bonus cap's flags carry.
pub(crate) const BONUS_CAP_ID: &str = "bonus_cap";

/// The bonus `bonus` earns this month before its cap, unrounded, and why (its KPI's value and
/// threshold in `unit`); `None` when its service level is unmeasured, short of the threshold,
/// or a gating level was missed.
fn earned(
    scenario: &Scenario,
    bonus: &Bonus,
    unit: &str,
    results: &[ServiceLevelResult],
    lines: &[Line],
    dp: u32,
) -> Option<(Decimal, String)> {
    let (sl, result) = scenario
        .service_levels
        .iter()
        .zip(results)
        .find(|(sl, _)| sl.id == bonus.service_level)?;
    let value = result.value.filter(|_| result.outcome.is_measured())?;
    if sl.direction.worse(value, bonus.threshold) {
        return None;
    }
    if results
        .iter()
        .any(|r| bonus.gated_by.contains(&r.id) && r.outcome.is_miss())
    {
        return None;
    }
    let base = scoped_sum(lines, &bonus.base);
    let (exact, how) = match &bonus.amount {
        Rate::Amount(a) => (*a, money(*a, dp)),
        Rate::PctOfBase(p) => (
            percent_of(base, *p),
            format!("{}% of {}", number(*p), money(base, dp)),
        ),
    };
    let why = format!(
        "{}: {} {} reaches the bonus threshold {}; {how}",
        bonus.name,
        sl.name,
        with_unit(value, unit),
        with_unit(bonus.threshold, unit)
    );
    Some((exact, why))
}
