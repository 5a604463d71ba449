//! The service side of the invoice, month by month over the charge book: each service level
//! measured and credited, then the credit caps, bonuses, earn-back and termination triggers,
//! in that order (design §2.3, §2.4); continuous improvement moves targets at anniversaries.
//!
//! Each mechanic has its own file; this one holds the month loop and what it remembers of
//! each service level between months.

use rust_decimal::Decimal;

use super::bonuses::BonusUsage;
use super::charges::scoped_sum;
use super::credit_caps::{CreditCapUsage, service_level_cap};
use super::credit_rules::{CreditCase, PointsMemory, credit_for};
use super::earn_back::EarnBackBook;
use super::inputs::Inputs;
use super::measurement::{InForce, Record, measure, policy_words};
use super::triggers::TriggerWatch;
use super::{
    EarnBackEntry, Flag, FlagKind, Line, MonthLedger, Rounder, ServiceLevelResult, Stage,
    TermMonth, Totals, at_risk, improvement,
};
use crate::model::{Component, Project, Scenario, ServiceLevel, YearMonth};

/// Credits, bonuses and earn-back settled over the charge book.
pub(crate) struct Settled {
    pub months: Vec<MonthLedger>,
    pub earn_back: Vec<EarnBackEntry>,
}

/// What the month loop remembers of a service level from month to month.
#[derive(Clone)]
struct Watched {
    /// The target in force (continuous improvement moves it).
    target: Decimal,
    /// The anniversary at which continuous improvement last moved the target.
    target_since: Option<YearMonth>,
    /// What was measured so far.
    record: Record,
    /// Whether the last measured month earned service points.
    points: PointsMemory,
}

/// The service levels' state and the month's facts that crediting them reads.
struct Month<'a> {
    project: &'a Project,
    at: &'a TermMonth,
    inputs: &'a Inputs<'a>,
    rounder: &'a Rounder,
    /// The month's charge lines.
    lines: &'a [Line],
    /// The month's at-risk amount.
    pool: Option<Decimal>,
}

/// Settles every month of `charges` (the charge lines of each month of the term).
pub(crate) fn settle(
    project: &Project,
    scenario: &Scenario,
    inputs: &Inputs<'_>,
    rounder: &Rounder,
    charges: Vec<Vec<Line>>,
    flags: &mut Vec<Flag>,
) -> Settled {
    let months = TermMonth::all(project);
    let regime = &scenario.credit_regime;
    let mut caps = CreditCapUsage::new(regime, &charges, rounder);
    let mut bonuses = BonusUsage::new(project, scenario, &charges, rounder);
    let mut earn_back = EarnBackBook::new(scenario.service_levels.len());
    let mut triggers = TriggerWatch::new(scenario.service_levels.len(), scenario.triggers.len());
    let mut watched: Vec<Watched> = scenario
        .service_levels
        .iter()
        .map(|sl| Watched {
            target: sl.target,
            target_since: None,
            record: Record::default(),
            points: PointsMemory::default(),
        })
        .collect();
    let mut delays = super::milestones::delay_credit_lines(project, scenario, rounder);
    let mut out = Vec::with_capacity(months.len());
    // Each month in the order of operations (design §2.4): targets moved at the anniversary,
    // service levels measured and credited, the regime's caps, bonuses, earn-back, triggers.
    for (at, mut lines) in months.iter().zip(charges) {
        if at.opens_year() && at.index > 0 {
            for (sl, w) in scenario.service_levels.iter().zip(&mut watched) {
                if improvement::at_anniversary(sl, &mut w.target, &w.record, &months, at.index) {
                    w.target_since = Some(at.month);
                }
            }
        }
        let regime_base = scoped_sum(&lines, &regime.base);
        let pool = at_risk::pool(regime, regime_base, rounder);
        let month = Month {
            project,
            at,
            inputs,
            rounder,
            lines: &lines,
            pool,
        };
        let (results, mut credit_lines) =
            credit_service_levels(scenario, &month, &mut watched, flags);
        let capped = caps.apply(
            regime,
            regime_base,
            pool,
            at,
            &mut credit_lines,
            flags,
            rounder,
        );
        lines.extend(credit_lines);
        // Delay credits sit with the service credits but after the credit caps: no cap counts
        // them (see `milestones.rs`).
        let after_credits = lines
            .iter()
            .position(|l| l.stage > Stage::Credit)
            .unwrap_or(lines.len());
        let due: Vec<Line> = delays
            .extract_if(.., |(month, _)| *month == at.month)
            .map(|(_, line)| line)
            .collect();
        lines.splice(after_credits..after_credits, due);
        bonuses.pay(scenario, &results, &mut lines, flags, at, rounder);
        earn_back.month(scenario, &results, capped.share(), at, &mut lines, rounder);
        triggers.watch(scenario, &results, capped.reached_month, at, flags);
        out.push(MonthLedger {
            period: at.month,
            contract_year: at.year_index() as u32 + 1,
            projected: inputs.is_projected(at.month),
            totals: Totals::of(&lines),
            lines,
            service_levels: results,
        });
    }
    Settled {
        months: out,
        earn_back: earn_back.entries,
    }
}

/// Measures and credits every service level of `scenario` in `month`: each one's result and
/// its credit line (after its own cap), in the scenario's order.
fn credit_service_levels(
    scenario: &Scenario,
    month: &Month<'_>,
    watched: &mut [Watched],
    flags: &mut Vec<Flag>,
) -> (Vec<ServiceLevelResult>, Vec<Line>) {
    let mut results = Vec::with_capacity(scenario.service_levels.len());
    let mut credit_lines = Vec::new();
    for (sl, w) in scenario.service_levels.iter().zip(watched) {
        let result = credit_service_level(sl, scenario, month, w, flags);
        if result.credit > Decimal::ZERO {
            credit_lines.push(month.rounder.line(
                Stage::Credit,
                Component::ServiceLevel(sl.id.clone()),
                &sl.id,
                -result.credit,
                result.explanation.clone(),
            ));
        }
        results.push(result);
    }
    (results, credit_lines)
}

/// Measures `sl` in `month`, then credits it by its rule and limits the credit by its own cap.
fn credit_service_level(
    sl: &ServiceLevel,
    scenario: &Scenario,
    month: &Month<'_>,
    w: &mut Watched,
    flags: &mut Vec<Flag>,
) -> ServiceLevelResult {
    let rounder = month.rounder;
    let unit = month.project.kpi(&sl.kpi).map_or("", |k| k.unit.as_str());
    let in_force = InForce {
        target: w.target,
        minimum: sl.minimum,
        target_since: w.target_since,
    };
    let m = measure(
        sl,
        unit,
        month.at.month,
        month.at.last_of_term,
        &in_force,
        month.inputs,
    );
    w.record.push(&m);
    if let Some(policy) = m.missing {
        flags.push(Flag {
            period: month.at.month,
            kind: FlagKind::MissingData,
            component: sl.id.clone(),
            term: Some(Component::ServiceLevel(sl.id.clone())),
            message: format!(
                "No data of KPI \"{}\" for {}: {} {} (its missing-data policy)",
                sl.kpi,
                month.at.month,
                sl.name,
                policy_words(policy)
            ),
        });
    }
    let base = scoped_sum(month.lines, &sl.credit_base);
    let case = CreditCase {
        outcome: m.outcome,
        value: m.value,
        target: w.target,
        base,
        at_risk: month.pool,
        points_rate: scenario.credit_regime.points_rate.as_ref(),
        dp: rounder.decimals,
    };
    let (credit, credit_why) = credit_for(sl, &case, &w.record, &mut w.points);
    let explanation = if credit_why.is_empty() {
        m.why.clone()
    } else {
        format!("{}; {credit_why}", m.why)
    };
    let (credit, explanation) = service_level_cap(
        sl,
        rounder.round(credit),
        base,
        explanation,
        month.at,
        flags,
        rounder,
    );
    ServiceLevelResult {
        id: sl.id.clone(),
        value: m.value,
        target: w.target,
        minimum: sl.minimum,
        outcome: m.outcome,
        credit,
        explanation,
    }
}
