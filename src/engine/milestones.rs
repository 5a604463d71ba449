//! Milestones and their delay credits (issue 11, governance).
//!
//! A milestone met late earns the customer its delay credit: the days (or weeks, as the term
//! counts them) between the target date and the day it was met, times the amount, limited by
//! the milestone's own cap. The credit is billed in the invoice of the month the milestone is
//! met, as real transition contracts do; a milestone not met within the term is credited in the
//! term's last month for its lateness up to the term's last day.
//!
//! In the order of operations a delay credit is a credit line of the service-credit stage made
//! after the credit caps: it is a remedy for a missed date, not for a service level, so neither
//! the at-risk pool nor the regime's monthly, annual or term caps count it, and bonuses and
//! earn-back never read it.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::{Line, Rounder, Stage};
use crate::format::format_money;
use crate::model::{Component, Milestone, Project, Scenario, YearMonth};

/// One milestone as the contract stands at the end of the term: how late, and what it credits.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MilestoneStatus {
    /// The milestone's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The day it is due.
    pub target: NaiveDate,
    /// The day it was met, if it was.
    pub actual: Option<NaiveDate>,
    /// Days late: to the day it was met, or (not met within the term) to the term's last day;
    /// 0 when met on time or early, or when the term ends before it is due.
    pub days_late: i64,
    /// The delay credit, rounded, as a positive amount; zero without one.
    pub credit: Decimal,
    /// The month whose invoice carries the credit; `None` when there is none.
    pub billed: Option<YearMonth>,
    /// One sentence in the contract's words.
    pub explanation: String,
}

/// The last day of the project's term.
fn term_last_day(project: &Project) -> NaiveDate {
    let after = project.end().plus(1).first_day();
    after
        .pred_opt()
        .expect("the term's last day is a valid date")
}

/// Every milestone of `scenario` with its lateness and delay credit, in the offer's order.
pub fn milestones(project: &Project, scenario: &Scenario) -> Vec<MilestoneStatus> {
    let rounder = Rounder::new(project.rounding);
    scenario
        .milestones
        .iter()
        .map(|m| status(project, m, &rounder).0)
        .collect()
}

/// `m`'s lateness and credit on `project`'s term, with the credit before rounding.
fn status(project: &Project, m: &Milestone, rounder: &Rounder) -> (MilestoneStatus, Decimal) {
    let last_day = term_last_day(project);
    // Met within the term: late to the day it was met. Not met (or met after the term): late
    // to the term's last day, credited in the last month.
    let met = m.actual.filter(|a| *a <= last_day);
    let until = met.unwrap_or(last_day);
    let days_late = (until - m.target).num_days().max(0);
    let dp = rounder.decimals;
    let when = match met {
        Some(day) => format!("target {}, met {day}", m.target),
        None => format!(
            "target {}, not met by the term's last day {last_day}",
            m.target
        ),
    };
    let late = match days_late {
        0 => "on time".to_owned(),
        1 => "1 day late".to_owned(),
        n => format!("{n} days late"),
    };
    let mut none = Decimal::ZERO;
    none.rescale(dp);
    let mut out = MilestoneStatus {
        id: m.id.clone(),
        name: m.name.clone(),
        target: m.target,
        actual: m.actual,
        days_late,
        credit: none,
        billed: None,
        explanation: format!("{} {late} ({when})", m.name),
    };
    let Some(rule) = m.delay_credit.as_ref().filter(|_| days_late > 0) else {
        if days_late > 0 {
            out.explanation.push_str(": no delay credit");
        }
        return (out, Decimal::ZERO);
    };
    let units = rule.per.units(days_late);
    let full = Decimal::from(units) * rule.amount;
    let (exact, capped) = match rule.cap {
        Some(cap) if full > cap => (cap, format!(", capped at {}", format_money(cap, dp))),
        Some(cap) => (full, format!(", under the {} cap", format_money(cap, dp))),
        None => (full, String::new()),
    };
    out.credit = rounder.round(exact);
    // Written with the currency's decimals ("6000.00"), as the ledger's exports write amounts.
    out.credit.rescale(dp);
    let billed = met.map_or(project.end(), YearMonth::of_date);
    out.billed = Some(billed.max(project.start).min(project.end()));
    out.explanation = format!(
        "{}: {units} {} × {} = {}{capped}",
        out.explanation,
        rule.per.word(units),
        format_money(rule.amount, dp),
        format_money(full, dp),
    );
    (out, exact)
}

/// The delay-credit lines of `scenario`, each with the month whose invoice carries it.
pub(crate) fn delay_credit_lines(
    project: &Project,
    scenario: &Scenario,
    rounder: &Rounder,
) -> Vec<(YearMonth, Line)> {
    scenario
        .milestones
        .iter()
        .map(|m| status(project, m, rounder))
        .filter(|(s, _)| !s.credit.is_zero())
        .filter_map(|(s, exact)| {
            let month = s.billed?;
            let line = rounder.line(
                Stage::Credit,
                Component::Milestone(s.id.clone()),
                &s.id,
                -exact,
                s.explanation,
            );
            Some((month, line))
        })
        .collect()
}
