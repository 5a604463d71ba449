//! The summary of a risk run for people: what was run, the distributions per contract year and
//! over the term, the odds of each trigger and cap, the fee at risk and the risk-adjusted fee.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::super::table::{columns, count, header, span};
use crate::engine::risk::{Distribution, Figures, Frequency, PeriodAtRisk, RiskReport};
use crate::format::{format_amount, format_money};
use crate::model::Project;

/// The summary of `report`, a risk run of an offer of `project`.
pub(super) fn risk_table(project: &Project, report: &RiskReport) -> String {
    let money = |d: Decimal| format_money(d, project.rounding.decimals);
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{} · {} · {} · {} · seed {} · {} · draw {}",
        project.name,
        report.scenario,
        report.currency,
        count(report.trials as usize, "trial", "trials"),
        report.settings.seed,
        block_words(report.settings.block_months),
        report.draw,
    );
    let _ = writeln!(
        text,
        "{} drawn from {} of KPI history ({}); percentiles by nearest rank\n",
        count(report.simulated.len(), "month", "months"),
        count(report.pool.len(), "month", "months"),
        span(report.pool.first(), report.pool.last()),
    );
    text.push_str(&distribution_rows(report, &money));
    text.push_str(&trigger_rows(report));
    text.push_str(&cap_rows(report));
    text.push_str(&fee_rows(report, &money));
    text
}

fn block_words(block: u32) -> String {
    if block == 1 {
        "month bootstrap (block 1)".to_owned()
    } else {
        format!("blocks of {block} months")
    }
}

/// Which amount of a period's figures a row shows.
type Pick = fn(&Figures) -> &Distribution;

/// Per contract year and the term: credits and net always, bonuses and earn-back when any
/// trial had some.
fn distribution_rows(report: &RiskReport, money: &dyn Fn(Decimal) -> String) -> String {
    let mut rows = vec![header(&[
        "Period", "Amount", "Mean", "P5", "P50", "P90", "P95", "Max",
    ])];
    let shows = |pick: Pick| pick(&report.term).max != Decimal::ZERO;
    let amounts: [(&str, Pick, bool); 4] = [
        ("credits", |f| &f.credits, true),
        ("bonuses", |f| &f.bonuses, shows(|f| &f.bonuses)),
        ("earn-back", |f| &f.earn_back, shows(|f| &f.earn_back)),
        ("net", |f| &f.net, true),
    ];
    let periods = (report.contract_years.iter())
        .map(|y| (format!("Year {}", y.contract_year), &y.figures))
        .chain([("Term".to_owned(), &report.term)]);
    for (period, figures) in periods {
        for (label, pick, shown) in &amounts {
            if !shown {
                continue;
            }
            let d = pick(figures);
            let mut row = vec![period.clone(), (*label).to_owned()];
            row.extend([d.mean, d.p5, d.p50, d.p90, d.p95, d.max].map(money));
            rows.push(row);
        }
    }
    columns(&rows, &[false, false, true, true, true, true, true, true])
}

/// "12.50 % (25 of 200 trials)".
fn odds(frequency: &Frequency) -> String {
    format!(
        "{} % ({} of {})",
        format_amount(frequency.probability() * Decimal::ONE_HUNDRED, 2),
        frequency.trials,
        count(frequency.of as usize, "trial", "trials"),
    )
}

fn trigger_rows(report: &RiskReport) -> String {
    if report.triggers.is_empty() {
        return "\nTermination triggers: none in this offer\n".to_owned();
    }
    let mut rows = vec![header(&["Trigger", "Fires during the term", "Rule"])];
    for t in &report.triggers {
        rows.push(vec![t.trigger.clone(), odds(&t.fired), t.rule.clone()]);
    }
    rows.push(vec!["any".to_owned(), odds(&report.any_trigger)]);
    format!("\nTermination triggers\n{}", columns(&rows, &[]))
}

fn cap_rows(report: &RiskReport) -> String {
    if report.caps.is_empty() {
        return String::new();
    }
    let mut rows = vec![header(&["Cap", "Year", "Binds in the year"])];
    for cap in &report.caps {
        for (f, y) in cap.years.iter().zip(&report.contract_years) {
            rows.push(vec![cap.cap.clone(), y.contract_year.to_string(), odds(f)]);
        }
    }
    format!("\nCaps\n{}", columns(&rows, &[false, true, false]))
}

fn fee_rows(report: &RiskReport, money: &dyn Fn(Decimal) -> String) -> String {
    let with_pct = |amount: Option<Decimal>, pct: Option<Decimal>| match (amount, pct) {
        (None, _) => "no cap".to_owned(),
        (Some(a), None) => money(a),
        (Some(a), Some(p)) => format!("{} ({} %)", money(a), format_amount(p, 2)),
    };
    let row = |label: String, p: &PeriodAtRisk| {
        vec![
            label,
            money(p.fees),
            with_pct(p.most, p.most_pct),
            with_pct(Some(p.expected), p.expected_pct),
            with_pct(Some(p.p90), p.p90_pct),
        ]
    };
    let fee = &report.fee_at_risk;
    let mut rows = vec![header(&[
        "Period",
        "Fees",
        "Most the caps allow",
        "Expected credits",
        "P90 credits",
    ])];
    for y in &fee.years {
        let year = y.contract_year.map_or_else(String::new, |y| y.to_string());
        rows.push(row(format!("Year {year}"), y));
    }
    rows.push(row("Term".to_owned(), &fee.term));
    let mut text = format!(
        "\nFee at risk\n{}",
        columns(&rows, &[false, true, true, true, true])
    );
    let adjusted = &report.risk_adjusted_fee;
    let _ = writeln!(
        text,
        "\nRisk-adjusted fee: {} a month (today's mean monthly fee {}, expected credit share {} %)",
        adjusted.adjusted.map_or_else(
            || "none (no fees, or no positive expected net)".to_owned(),
            money
        ),
        money(adjusted.fee),
        format_amount(adjusted.expected_credit_share * Decimal::ONE_HUNDRED, 2),
    );
    text
}
