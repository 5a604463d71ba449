//! The service side of the invoice: credits by rule, caps, earn-back, bonuses, continuous
//! improvement and termination triggers (design §2.3), month by month over the charge book.

use rust_decimal::Decimal;

use super::charges::scoped_sum;
use super::inputs::Inputs;
use super::service_levels::{measure, shown};
use super::{
    EarnBackEntry, EarnBackState, Flag, FlagKind, Line, MonthLedger, Outcome, Rounder,
    ServiceLevelResult, Stage, Totals,
};
use crate::format::{format_money as money, format_number as number};
use crate::model::{
    CreditRule, Limit, MeasurementWindow, Project, Rate, Scenario, ServiceLevel,
    TerminationTrigger, YearMonth,
};

/// Credits, bonuses and earn-back settled over the charge book.
pub(crate) struct Settled {
    pub months: Vec<MonthLedger>,
    pub earn_back: Vec<EarnBackEntry>,
}

/// What is remembered of a service level from month to month.
#[derive(Default, Clone)]
struct SlState {
    /// The target in force (continuous improvement moves it).
    target: Decimal,
    /// Outcomes so far, one per month of the term.
    outcomes: Vec<Outcome>,
    /// Values so far, one per month of the term.
    values: Vec<Option<Decimal>>,
    /// Consecutive minimum misses up to the last measured month.
    minimum_streak: u32,
    /// Whether the last measured month earned service points.
    had_points: bool,
    /// Met months counted for each pending earn-back entry (by index in the ledger).
    pending: Vec<(usize, u32)>,
}

fn percent_of(base: Decimal, pct: Decimal) -> Decimal {
    base * pct / Decimal::ONE_HUNDRED
}

/// The amount a limit allows on `charges`, rounded: limits are money.
fn limit_amount(limit: &Limit, charges: Decimal, rounder: &Rounder) -> Decimal {
    match limit {
        Limit::Amount(a) => *a,
        Limit::PctOfCharges(p) => rounder.round(percent_of(charges, *p)),
    }
}

fn limit_words(limit: &Limit) -> String {
    match limit {
        Limit::Amount(_) => String::new(),
        Limit::PctOfCharges(p) => format!(" ({}% of charges)", number(*p)),
    }
}

/// Settles every month of `charges` (the charge lines of each month of the term).
pub(crate) fn settle(
    project: &Project,
    scenario: &Scenario,
    inputs: &Inputs,
    rounder: &Rounder,
    charges: Vec<Vec<Line>>,
    flags: &mut Vec<Flag>,
) -> Settled {
    let months: Vec<YearMonth> = project.months().collect();
    let regime = &scenario.credit_regime;
    let dp = rounder.decimals;
    // Charges on the regime's base per contract year and over the term, for caps in percent.
    let year_of = |i: usize| i / 12;
    let mut year_base = vec![Decimal::ZERO; months.len().div_ceil(12)];
    for (i, lines) in charges.iter().enumerate() {
        year_base[year_of(i)] += scoped_sum(lines, &regime.base);
    }
    let bonus_year_base: Vec<Vec<Decimal>> = scenario
        .bonuses
        .iter()
        .map(|b| {
            let mut years = vec![Decimal::ZERO; year_base.len()];
            for (i, lines) in charges.iter().enumerate() {
                years[year_of(i)] += scoped_sum(lines, &b.base);
            }
            years
        })
        .collect();
    let term_base: Decimal = year_base.iter().copied().sum();
    let term_limit = regime
        .term_cap
        .as_ref()
        .map(|l| limit_amount(l, term_base, rounder));
    let mut used_term = Decimal::ZERO;
    let mut used_year = Decimal::ZERO;
    let mut bonus_used = vec![Decimal::ZERO; scenario.bonuses.len()];
    let mut cap_reached_months: Vec<bool> = Vec::with_capacity(months.len());
    let mut states: Vec<SlState> = scenario
        .service_levels
        .iter()
        .map(|sl| SlState {
            target: sl.target,
            ..SlState::default()
        })
        .collect();
    let mut earn_back: Vec<EarnBackEntry> = Vec::new();
    let mut out = Vec::with_capacity(months.len());

    for (i, (&month, mut lines)) in months.iter().zip(charges).enumerate() {
        let year = year_of(i);
        if i % 12 == 0 {
            used_year = Decimal::ZERO;
            bonus_used.iter_mut().for_each(|b| *b = Decimal::ZERO);
            if i > 0 {
                for (sl, state) in scenario.service_levels.iter().zip(&mut states) {
                    improve(sl, state, &months, i);
                }
            }
        }
        let regime_base = scoped_sum(&lines, &regime.base);
        let at_risk = regime
            .at_risk_pct
            .map(|p| rounder.round(percent_of(regime_base, p)));

        // Service levels: measure, then credit.
        let mut results = Vec::with_capacity(scenario.service_levels.len());
        let mut credit_lines = Vec::new();
        for (sl, state) in scenario.service_levels.iter().zip(&mut states) {
            let unit = project.kpi(&sl.kpi).map_or("", |k| k.unit.as_str());
            let minimum = sl.minimum;
            let m = measure(
                sl,
                unit,
                month,
                i + 1 == months.len(),
                state.target,
                minimum,
                inputs,
            );
            state.outcomes.push(m.outcome);
            state.values.push(m.value);
            let base = scoped_sum(&lines, &sl.credit_base);
            let (credit, credit_why) = credit_for(
                sl,
                state,
                &m.outcome,
                m.value,
                base,
                at_risk,
                regime.points_rate.as_ref(),
                dp,
            );
            let mut credit = rounder.round(credit);
            let mut explanation = if credit_why.is_empty() {
                m.why.clone()
            } else {
                format!("{}; {credit_why}", m.why)
            };
            if let (Some(cap), true) = (&sl.cap, credit > Decimal::ZERO) {
                let limit = limit_amount(cap, base, rounder);
                if credit >= limit {
                    let binding = credit > limit;
                    flags.push(cap_flag(
                        month,
                        &sl.id,
                        &format!("{} credit cap", sl.name),
                        credit,
                        limit,
                        binding,
                        dp,
                    ));
                    if binding {
                        explanation = format!("{explanation}; capped at {}", money(limit, dp));
                        credit = limit;
                    }
                }
            }
            if credit > Decimal::ZERO {
                credit_lines.push(rounder.line(
                    Stage::Credit,
                    &sl.id,
                    -credit,
                    explanation.clone(),
                ));
            }
            results.push(ServiceLevelResult {
                id: sl.id.clone(),
                value: m.value,
                target: state.target,
                minimum,
                outcome: m.outcome,
                credit,
                explanation,
            });
        }

        // Credit caps apply to the sum of rounded credit lines, narrowest scope first.
        let uncapped: Decimal = -credit_lines.iter().map(|l| l.amount).sum::<Decimal>();
        let mut allowed = uncapped;
        let monthly_cap = regime
            .monthly_cap
            .as_ref()
            .map(|l| limit_amount(l, regime_base, rounder));
        let month_limit = match (at_risk, monthly_cap) {
            (Some(a), Some(m)) => Some(a.min(m)),
            (a, m) => a.or(m),
        };
        let mut reached_month = false;
        let mut caps: Vec<(&str, String, Option<Decimal>)> = vec![(
            if at_risk.is_some() && month_limit == at_risk {
                "at_risk_cap"
            } else {
                "monthly_cap"
            },
            if at_risk.is_some() && month_limit == at_risk {
                format!(
                    "At-risk cap ({}% of charges)",
                    number(regime.at_risk_pct.unwrap_or_default())
                )
            } else {
                format!(
                    "Monthly credit cap{}",
                    regime
                        .monthly_cap
                        .as_ref()
                        .map(limit_words)
                        .unwrap_or_default()
                )
            },
            month_limit,
        )];
        if let Some(limit) = &regime.annual_cap {
            let amount = limit_amount(limit, year_base[year], rounder);
            caps.push((
                "annual_cap",
                format!("Contract-year credit cap{}", limit_words(limit)),
                Some((amount - used_year).max(Decimal::ZERO)),
            ));
        }
        if let Some(limit) = term_limit {
            caps.push((
                "term_cap",
                format!(
                    "Term credit cap{}",
                    regime
                        .term_cap
                        .as_ref()
                        .map(limit_words)
                        .unwrap_or_default()
                ),
                Some((limit - used_term).max(Decimal::ZERO)),
            ));
        }
        for (n, (id, name, limit)) in caps.into_iter().enumerate() {
            let Some(limit) = limit else { continue };
            if allowed.is_zero() || allowed < limit {
                continue;
            }
            if n == 0 {
                reached_month = true;
            }
            let binding = allowed > limit;
            flags.push(cap_flag(month, id, &name, allowed, limit, binding, dp));
            if binding {
                let given_back = allowed - limit;
                credit_lines.push(rounder.line(
                    Stage::CreditCap,
                    id,
                    given_back,
                    format!(
                        "{name}: credits of {} exceed the {} left under the cap; {} given back",
                        money(allowed, dp),
                        money(limit, dp),
                        money(given_back, dp)
                    ),
                ));
                allowed = limit;
            }
        }
        used_year += allowed;
        used_term += allowed;
        cap_reached_months.push(reached_month);
        lines.extend(credit_lines);

        // Bonuses: read the measurements, gated by misses elsewhere, capped per contract year.
        for (b, bonus) in scenario.bonuses.iter().enumerate() {
            let Some((sl, result)) = scenario
                .service_levels
                .iter()
                .zip(&results)
                .find(|(sl, _)| sl.id == bonus.service_level)
            else {
                continue;
            };
            let Some(value) = result.value.filter(|_| result.outcome.is_measured()) else {
                continue;
            };
            if sl.direction.worse(value, bonus.threshold) {
                continue;
            }
            if results
                .iter()
                .any(|r| bonus.gated_by.contains(&r.id) && r.outcome.is_miss())
            {
                continue;
            }
            let base = scoped_sum(&lines, &bonus.base);
            let (exact, how) = match &bonus.amount {
                Rate::Amount(a) => (*a, money(*a, dp)),
                Rate::PctOfBase(p) => (
                    percent_of(base, *p),
                    format!("{}% of {}", number(*p), money(base, dp)),
                ),
            };
            let mut exact = exact;
            let mut amount = rounder.round(exact);
            let mut why = format!(
                "{}: {} {} reaches the bonus threshold {}; {how}",
                bonus.name,
                sl.name,
                shown(value),
                shown(bonus.threshold)
            );
            if let Some(cap) = &bonus.annual_cap {
                let limit = limit_amount(cap, bonus_year_base[b][year], rounder);
                let left = (limit - bonus_used[b]).max(Decimal::ZERO);
                if amount >= left {
                    flags.push(cap_flag(
                        month,
                        &bonus.id,
                        &format!("{} annual cap", bonus.name),
                        bonus_used[b] + amount,
                        limit,
                        amount > left,
                        dp,
                    ));
                    if amount > left {
                        why = format!(
                            "{why}; limited to the {} left under the annual cap",
                            money(left, dp)
                        );
                        amount = left;
                        exact = left;
                    }
                }
            }
            bonus_used[b] += amount;
            if amount > Decimal::ZERO {
                lines.push(Line {
                    kind: Stage::Bonus.kind(),
                    stage: Stage::Bonus,
                    component: bonus.id.clone(),
                    exact,
                    amount,
                    explanation: why,
                });
            }
        }

        // Earn-back: earlier credits move on this month's outcome, then this month's credits
        // join the ledger at their share after caps.
        let share = if uncapped.is_zero() {
            Decimal::ONE
        } else {
            allowed / uncapped
        };
        for (s, (sl, state)) in scenario.service_levels.iter().zip(&mut states).enumerate() {
            let Some(terms) = &sl.earn_back else { continue };
            let outcome = results[s].outcome;
            let mut still = Vec::new();
            for (entry, met) in std::mem::take(&mut state.pending) {
                match outcome {
                    Outcome::Met if met + 1 >= terms.window_months => {
                        let e = &mut earn_back[entry];
                        e.state = EarnBackState::EarnedBack;
                        e.resolved_in = Some(month);
                        lines.push(rounder.line(
                            Stage::EarnBack,
                            &sl.id,
                            e.amount,
                            format!(
                                "{}: the credit of {} ({}) is earned back: target met in the {} measured months since",
                                sl.name,
                                e.credited_in,
                                money(e.amount, dp),
                                terms.window_months
                            ),
                        ));
                    }
                    Outcome::Met => still.push((entry, met + 1)),
                    Outcome::MissedTarget | Outcome::MissedMinimum => {
                        earn_back[entry].state = EarnBackState::Final;
                        earn_back[entry].resolved_in = Some(month);
                    }
                    Outcome::NotMeasured | Outcome::Excluded => still.push((entry, met)),
                }
            }
            state.pending = still;
            let credit = results[s].credit;
            let amount = rounder.round(credit * share);
            // A credit the caps gave back in full leaves nothing to earn back.
            if amount > Decimal::ZERO {
                let beyond_floor = terms.floor.is_some_and(|floor| {
                    results[s]
                        .value
                        .is_none_or(|v| sl.direction.worse(v, floor))
                });
                earn_back.push(EarnBackEntry {
                    service_level: sl.id.clone(),
                    credited_in: month,
                    amount,
                    state: if beyond_floor {
                        EarnBackState::Final
                    } else {
                        EarnBackState::Pending
                    },
                    resolved_in: beyond_floor.then_some(month),
                });
                if !beyond_floor {
                    state.pending.push((earn_back.len() - 1, 0));
                }
            }
        }

        // Termination triggers. Each service level's streak moves once a month, however many
        // triggers watch it.
        for (state, result) in states.iter_mut().zip(&results) {
            match result.outcome {
                Outcome::MissedMinimum => state.minimum_streak += 1,
                Outcome::Met | Outcome::MissedTarget => state.minimum_streak = 0,
                Outcome::NotMeasured | Outcome::Excluded => {}
            }
        }
        for trigger in &scenario.triggers {
            match trigger {
                TerminationTrigger::ConsecutiveMinimumMisses {
                    service_level,
                    months: k,
                } => {
                    let Some(s) = scenario
                        .service_levels
                        .iter()
                        .position(|sl| &sl.id == service_level)
                    else {
                        continue;
                    };
                    if results[s].outcome == Outcome::MissedMinimum
                        && states[s].minimum_streak == *k
                    {
                        flags.push(Flag {
                            period: month,
                            kind: FlagKind::TerminationTrigger,
                            component: service_level.clone(),
                            message: format!(
                                "{} missed its minimum {k} months running: termination right",
                                scenario.service_levels[s].name
                            ),
                        });
                    }
                }
                TerminationTrigger::CapReached {
                    times,
                    window_months,
                } => {
                    let from = (i + 1).saturating_sub(*window_months as usize);
                    let count = cap_reached_months[from..].iter().filter(|r| **r).count() as u32;
                    if reached_month && count >= *times {
                        flags.push(Flag {
                            period: month,
                            kind: FlagKind::TerminationTrigger,
                            component: "credit_cap".to_owned(),
                            message: format!(
                                "Credits reached the monthly cap in {count} of the last {window_months} months: termination right"
                            ),
                        });
                    }
                }
            }
        }

        out.push(MonthLedger {
            period: month,
            contract_year: year as u32 + 1,
            projected: inputs.is_projected(month),
            totals: Totals::of(&lines),
            lines,
            service_levels: results,
        });
    }
    Settled {
        months: out,
        earn_back,
    }
}

/// The credit `sl` earns this month before its own cap, unrounded, and how it was made.
#[allow(clippy::too_many_arguments)]
fn credit_for(
    sl: &ServiceLevel,
    state: &mut SlState,
    outcome: &Outcome,
    value: Option<Decimal>,
    base: Decimal,
    at_risk: Option<Decimal>,
    points_rate: Option<&Rate>,
    dp: u32,
) -> (Decimal, String) {
    let previous_points = state.had_points;
    if outcome.is_measured() {
        state.had_points = false;
    }
    let due = match outcome {
        Outcome::MissedMinimum => Ok(()),
        Outcome::MissedTarget => match sl.repeat_rule {
            None => Ok(()),
            Some(rule) => {
                let from = state
                    .outcomes
                    .len()
                    .saturating_sub(rule.window_months as usize);
                let misses = state.outcomes[from..]
                    .iter()
                    .filter(|o| o.is_miss())
                    .count() as u32;
                if misses >= rule.misses {
                    Ok(())
                } else {
                    Err(format!(
                        "{misses} of {} misses in {} months needed before a target miss earns a credit",
                        rule.misses, rule.window_months
                    ))
                }
            }
        },
        _ => Err(String::new()),
    };
    if let Err(why) = due {
        return (Decimal::ZERO, why);
    }
    let worse = |threshold: Decimal| value.is_none_or(|v| sl.direction.worse(v, threshold));
    let of_base = |pct: Decimal| {
        (
            percent_of(base, pct),
            format!("{}% of {}", number(pct), money(base, dp)),
        )
    };
    let (amount, why) = match &sl.credit {
        CreditRule::None => (Decimal::ZERO, String::new()),
        CreditRule::FixedPct {
            target_miss_pct,
            minimum_miss_pct,
        } => {
            let pct = if *outcome == Outcome::MissedMinimum {
                minimum_miss_pct
            } else {
                target_miss_pct
            };
            of_base(*pct)
        }
        CreditRule::Table(steps) => {
            match steps
                .iter()
                .filter(|s| worse(s.worse_than))
                .max_by_key(|s| s.credit_pct)
            {
                Some(step) => {
                    let (amount, how) = of_base(step.credit_pct);
                    (
                        amount,
                        format!(
                            "{} {} in the credit table: {how}",
                            sl.direction.worse_word(),
                            shown(step.worse_than)
                        ),
                    )
                }
                None => (Decimal::ZERO, "no credit-table row applies".to_owned()),
            }
        }
        CreditRule::AtRisk { allocation_pct } => match at_risk {
            Some(pool) => (
                percent_of(pool, *allocation_pct),
                format!(
                    "{}% allocation of the at-risk amount {}",
                    number(*allocation_pct),
                    money(pool, dp)
                ),
            ),
            None => (Decimal::ZERO, "no at-risk pool set".to_owned()),
        },
        CreditRule::Points {
            bands,
            repeat_doubles,
        } => {
            let points = bands
                .iter()
                .filter(|b| worse(b.worse_than))
                .map(|b| b.points)
                .max()
                .unwrap_or(0);
            let doubled = *repeat_doubles && previous_points && points > 0;
            state.had_points = points > 0;
            let points = if doubled { points * 2 } else { points };
            let per = match points_rate {
                Some(Rate::Amount(a)) => (*a, money(*a, dp)),
                Some(Rate::PctOfBase(p)) => (
                    percent_of(base, *p),
                    format!("{}% of {}", number(*p), money(base, dp)),
                ),
                None => (Decimal::ZERO, "no points rate".to_owned()),
            };
            let repeat = if doubled {
                " (doubled for a repeat failure)"
            } else {
                ""
            };
            (
                Decimal::from(points) * per.0,
                format!("{points} service points{repeat} × {}", per.1),
            )
        }
        CreditRule::PerStep {
            step,
            per_step,
            max_pct,
        } => {
            let steps = match value {
                Some(v) => (sl.direction.shortfall(v, state.target) / step).floor(),
                None => Decimal::ZERO,
            };
            let (mut amount, mut how) = match per_step {
                Rate::Amount(a) => (
                    steps * a,
                    format!(
                        "{} full steps of {} × {}",
                        number(steps),
                        number(*step),
                        money(*a, dp)
                    ),
                ),
                Rate::PctOfBase(p) => (
                    percent_of(base, steps * p),
                    format!(
                        "{} full steps of {} × {}% of {}",
                        number(steps),
                        number(*step),
                        number(*p),
                        money(base, dp)
                    ),
                ),
            };
            if let Some(max) = max_pct {
                let most = percent_of(base, *max);
                if value.is_none() || amount > most {
                    amount = most;
                    how = format!("{how}, limited to {}% of {}", number(*max), money(base, dp));
                }
            }
            (amount, how)
        }
    };
    (amount, why)
}

/// Continuous improvement at an anniversary: month `i` starts a contract year.
/// Only the months the window is assessed in count: the quarter ends for a quarterly level.
fn improve(sl: &ServiceLevel, state: &mut SlState, months: &[YearMonth], i: usize) {
    let Some(ci) = &sl.improvement else { return };
    let year: Vec<usize> = (i - 12..i)
        .filter(|&j| sl.window != MeasurementWindow::Quarter || months[j].month().is_multiple_of(3))
        .collect();
    let all_met = year.iter().all(|&j| state.outcomes[j] == Outcome::Met);
    let values: Option<Vec<Decimal>> = year.iter().map(|&j| state.values[j]).collect();
    let (true, Some(values)) = (all_met, values) else {
        return;
    };
    let average = values.iter().copied().sum::<Decimal>() / Decimal::from(values.len());
    if sl.direction.worse(state.target, average) {
        state.target = (state.target
            + (average - state.target) * ci.share_pct / Decimal::ONE_HUNDRED)
            .round_dp(4);
    }
}

fn cap_flag(
    month: YearMonth,
    id: &str,
    name: &str,
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
        component: id.to_owned(),
        message: format!(
            "{name} {what}: {} against a limit of {}",
            money(amount, dp),
            money(limit, dp)
        ),
    }
}
