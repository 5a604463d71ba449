//! `dealbench milestones` and `dealbench reviews`: an offer's milestones with their lateness
//! and delay credits, and the summary of each scheduled performance review.

use std::io::Write;

use super::CliError;
use super::request::{OfferFormat, OfferRequest};
use super::table::{columns, header, printable};
use crate::engine::milestones::{MilestoneStatus, milestones};
use crate::engine::reviews::{Review, reviews};
use crate::engine::{self};
use crate::format::{format_money, format_number};

/// Writes `value` as pretty JSON.
fn json(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<(), CliError> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(std::io::Error::other)?;
    writeln!(out)?;
    Ok(())
}

/// Writes the offer's milestones.
pub(super) fn run_milestones(r: &OfferRequest, out: &mut dyn Write) -> Result<(), CliError> {
    let project = &r.file.project;
    let scenario = &project.scenarios[r.scenario];
    let all = milestones(project, scenario);
    match r.format {
        OfferFormat::Json => json(out, &all),
        OfferFormat::Table => {
            let text = milestone_table(&scenario.name, &all, project.rounding.decimals);
            out.write_all(text.as_bytes())?;
            Ok(())
        }
    }
}

fn milestone_table(offer: &str, all: &[MilestoneStatus], dp: u32) -> String {
    let mut text = format!("Milestones of {}\n\n", printable(offer));
    if all.is_empty() {
        text.push_str("This offer has no milestones.\n");
        return text;
    }
    let mut rows = vec![header(&[
        "Milestone",
        "Target",
        "Actual",
        "Days late",
        "Credit",
        "Billed in",
    ])];
    for m in all {
        rows.push(vec![
            m.name.clone(),
            m.target.to_string(),
            m.actual
                .map_or_else(|| "not met".to_owned(), |d| d.to_string()),
            m.days_late.to_string(),
            format_money(m.credit, dp),
            m.billed.map_or_else(String::new, |b| b.to_string()),
        ]);
    }
    text.push_str(&columns(&rows, &[false, false, false, true, true, false]));
    text.push('\n');
    for m in all {
        text.push_str(&format!("{}\n", printable(&m.explanation)));
    }
    text
}

/// Writes the offer's reviews.
pub(super) fn run_reviews(r: &OfferRequest, out: &mut dyn Write) -> Result<(), CliError> {
    let project = &r.file.project;
    let scenario = &project.scenarios[r.scenario];
    let ledger = engine::evaluate(project, scenario);
    let all = reviews(scenario, &ledger);
    match r.format {
        OfferFormat::Json => json(out, &all),
        OfferFormat::Table => {
            let text = review_table(&scenario.name, &all, project.rounding.decimals);
            out.write_all(text.as_bytes())?;
            Ok(())
        }
    }
}

fn review_table(offer: &str, all: &[Review], dp: u32) -> String {
    let mut text = format!("Performance reviews of {}\n", printable(offer));
    if all.is_empty() {
        text.push_str("\nThis offer schedules no review within the term.\n");
        return text;
    }
    for (n, review) in all.iter().enumerate() {
        text.push_str(&format!(
            "\nReview {} on {}: {} to {}\n",
            n + 1,
            review.date,
            review.from,
            review.to
        ));
        let mut rows = vec![header(&[
            "Service level",
            "Measured",
            "Met",
            "Target misses",
            "Minimum misses",
            "Credits",
            "Average",
            "Trend",
        ])];
        for sl in &review.service_levels {
            rows.push(vec![
                sl.name.clone(),
                sl.measured.to_string(),
                sl.met.to_string(),
                sl.target_misses.to_string(),
                sl.minimum_misses.to_string(),
                format_money(sl.credits, dp),
                sl.average
                    .map_or_else(|| "—".to_owned(), |a| format_number(a.round_dp(2))),
                sl.trend.map_or("—", |t| t.label()).to_owned(),
            ]);
        }
        let right = [false, true, true, true, true, true, true, false];
        text.push_str(&columns(&rows, &right));
    }
    text
}
