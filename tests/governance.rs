//! Governance terms (issue 11, item 6): milestones with delay credits billed in the ledger,
//! the performance reviews' summaries, and the `milestones` and `reviews` commands.
//! Each engine test carries its hand arithmetic.
#![allow(
    clippy::unwrap_used,
    reason = "test and bench set-up fails loudly with the value"
)]

#[path = "common/mod.rs"]
mod common;

use chrono::NaiveDate;
use common::*;
use dealbench::engine::milestones::milestones;
use dealbench::engine::reviews::{Trend, review_dates, reviews};
use dealbench::engine::{Ledger, Line, Stage};
use dealbench::model::*;
use rust_decimal_macros::dec;

#[path = "common/cli.rs"]
mod cli_run;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// A 6-month project from 2025-01 with a 10,000.00 fixed fee and one milestone.
fn with_milestone(target: &str, actual: Option<&str>, credit: Option<DelayCredit>) -> Project {
    let mut p = project("2025-01", 6);
    let s = scenario(&mut p);
    s.charges.push(fixed("base", dec!(10000)));
    let mut m = Milestone::new("go_live", "Go-live", day(target));
    m.actual = actual.map(day);
    m.delay_credit = credit;
    s.milestones.push(m);
    p
}

fn per(
    amount: rust_decimal::Decimal,
    per: DelayUnit,
    cap: Option<rust_decimal::Decimal>,
) -> DelayCredit {
    DelayCredit { amount, per, cap }
}

/// Every delay-credit line of the ledger: (month index, amount, explanation).
fn delay_lines(ledger: &Ledger) -> Vec<(usize, rust_decimal::Decimal, String)> {
    let is_delay = |l: &&Line| matches!(l.term, Component::Milestone(_));
    (ledger.months.iter().enumerate())
        .flat_map(|(i, m)| m.lines.iter().filter(is_delay).map(move |l| (i, l)))
        .map(|(i, l)| (i, l.amount, l.explanation.clone()))
        .collect()
}

#[test]
fn days_late_are_credited_in_the_month_the_milestone_is_met_outside_the_credit_caps() {
    let credit = per(dec!(500), DelayUnit::Day, Some(dec!(10000)));
    let mut p = with_milestone("2025-03-01", Some("2025-03-13"), Some(credit));
    // A monthly credit cap of 1,000 does not count a delay credit.
    scenario(&mut p).credit_regime.monthly_cap = Some(Limit::Amount(dec!(1000)));
    let ledger = run(&p);
    // 2025-03-01 → 2025-03-13 is 12 days; 12 × 500.00 = 6,000.00, under the 10,000.00 cap;
    // billed in March (month 3, index 2), with the service credits.
    assert_eq!(
        delay_lines(&ledger),
        vec![(
            2,
            dec!(-6000.00),
            "Go-live 12 days late (target 2025-03-01, met 2025-03-13): 12 days × 500.00 = 6,000.00, under the 10,000.00 cap".to_owned()
        )]
    );
    assert_eq!(sum_at(&ledger, 2, Stage::CreditCap), dec!(0));
    // March: 10,000.00 − 6,000.00 = 4,000.00; the term: 6 × 10,000.00 − 6,000.00 = 54,000.00.
    assert_eq!(ledger.months[2].totals.net, dec!(4000.00));
    assert_eq!(ledger.months[2].totals.credits, dec!(6000.00));
    assert_eq!(ledger.totals.net, dec!(54000.00));
}

#[test]
fn weeks_late_count_a_part_week_as_the_term_says() {
    // 2025-02-01 → 2025-02-09 is 8 days: one week and one day.
    let started = per(dec!(1000), DelayUnit::StartedWeek, None);
    let p = with_milestone("2025-02-01", Some("2025-02-09"), Some(started));
    // Each started week: ⌈8 / 7⌉ = 2 weeks × 1,000.00 = 2,000.00, billed in February.
    let lines = delay_lines(&run(&p));
    assert_eq!(lines[0].0, 1);
    assert_eq!(lines[0].1, dec!(-2000.00));
    assert_eq!(
        lines[0].2,
        "Go-live 8 days late (target 2025-02-01, met 2025-02-09): 2 started weeks × 1,000.00 = 2,000.00"
    );
    // Each complete week: ⌊8 / 7⌋ = 1 week × 1,000.00 = 1,000.00.
    let completed = per(dec!(1000), DelayUnit::CompletedWeek, None);
    let p = with_milestone("2025-02-01", Some("2025-02-09"), Some(completed));
    assert_eq!(delay_lines(&run(&p))[0].1, dec!(-1000.00));
}

#[test]
fn the_cap_limits_a_long_delay() {
    let credit = per(dec!(500), DelayUnit::Day, Some(dec!(10000)));
    let p = with_milestone("2025-01-10", Some("2025-02-14"), Some(credit));
    // 2025-01-10 → 2025-02-14: 21 days to 31 January + 14 = 35 days; 35 × 500.00 = 17,500.00,
    // above the 10,000.00 cap: 10,000.00 in February.
    assert_eq!(
        delay_lines(&run(&p)),
        vec![(
            1,
            dec!(-10000.00),
            "Go-live 35 days late (target 2025-01-10, met 2025-02-14): 35 days × 500.00 = 17,500.00, capped at 10,000.00".to_owned()
        )]
    );
}

#[test]
fn a_milestone_met_on_time_or_early_credits_nothing() {
    for actual in ["2025-03-01", "2025-02-20"] {
        let credit = per(dec!(500), DelayUnit::Day, None);
        let p = with_milestone("2025-03-01", Some(actual), Some(credit));
        let ledger = run(&p);
        assert_eq!(delay_lines(&ledger), vec![]);
        // 6 × 10,000.00, untouched.
        assert_eq!(ledger.totals.net, dec!(60000.00));
        let status = &milestones(&p, &p.scenarios[0])[0];
        assert_eq!(
            (status.days_late, status.credit, status.billed),
            (0, dec!(0), None)
        );
    }
}

#[test]
fn a_milestone_not_met_by_the_end_of_the_term_is_credited_in_its_last_month() {
    let credit = per(dec!(100), DelayUnit::Day, None);
    let p = with_milestone("2025-06-01", None, Some(credit));
    // The term ends 2025-06-30: 2025-06-01 → 2025-06-30 is 29 days; 29 × 100.00 = 2,900.00,
    // in June (index 5), the term's last month.
    assert_eq!(
        delay_lines(&run(&p)),
        vec![(
            5,
            dec!(-2900.00),
            "Go-live 29 days late (target 2025-06-01, not met by the term's last day 2025-06-30): 29 days × 100.00 = 2,900.00".to_owned()
        )]
    );
    let status = &milestones(&p, &p.scenarios[0])[0];
    assert_eq!(status.billed, Some(ym("2025-06")));
}

#[test]
fn bad_delay_credits_and_schedules_are_named() {
    let credit = per(dec!(-5), DelayUnit::Day, Some(dec!(-1)));
    let mut p = with_milestone("2025-03-01", None, Some(credit));
    scenario(&mut p).reviews = Some(ReviewSchedule {
        first: ReviewStart::AfterMilestone {
            milestone: "handover".into(),
            months: 1,
        },
        every_months: 0,
    });
    let problems: Vec<String> = validate(&p).iter().map(|e| e.to_string()).collect();
    assert_eq!(
        problems,
        vec![
            "scenario \"Offer\", milestone \"go_live\": the delay credit per day late is -5, but it cannot be negative; enter 0 or more",
            "scenario \"Offer\", milestone \"go_live\": the delay credit's cap is -1, but it cannot be negative; enter 0 or more",
            "scenario \"Offer\": reviews are held every 0 months; enter the months between reviews (2 for every two months)",
            "scenario \"Offer\": the first review counts from milestone \"handover\", which this offer does not have; name one of its milestones",
        ]
    );
}

/// ASA (lower is better, target 30, minimum 45, 2 % / 5 % of 100,000.00) over six months:
/// Jan 20 met, Feb 40 target miss, Mar 50 minimum miss, Apr 25 met, May 20 met, Jun 35 target
/// miss; reviews on 2025-03-15 and every two months.
fn reviewed() -> Project {
    let values = [dec!(20), dec!(40), dec!(50), dec!(25), dec!(20), dec!(35)];
    let mut p = with_kpi(&values);
    let s = scenario(&mut p);
    s.service_levels.push(asa_fixed_pct());
    s.reviews = Some(ReviewSchedule {
        first: ReviewStart::On(day("2025-03-15")),
        every_months: 2,
    });
    p
}

#[test]
fn each_review_summarises_the_months_since_the_previous_one() {
    let p = reviewed();
    let ledger = run(&p);
    let all = reviews(&p.scenarios[0], &ledger);
    // 2025-03-15 and 2025-05-15; 2025-07-15 is after the term's last day 2025-06-30.
    let dates: Vec<_> = all.iter().map(|r| (r.date, r.from, r.to)).collect();
    assert_eq!(
        dates,
        vec![
            (day("2025-03-15"), ym("2025-01"), ym("2025-02")),
            (day("2025-05-15"), ym("2025-03"), ym("2025-04")),
        ]
    );
    let first = &all[0].service_levels[0];
    // Jan–Feb: 2 measured, 1 met, 1 target miss; credits 2 % × 100,000.00 = 2,000.00;
    // average (20 + 40) / 2 = 30; no previous review: no trend.
    assert_eq!(
        (
            first.measured,
            first.met,
            first.target_misses,
            first.minimum_misses
        ),
        (2, 1, 1, 0)
    );
    assert_eq!(
        (first.credits, first.average, first.trend),
        (dec!(2000), Some(dec!(30)), None)
    );
    let second = &all[1].service_levels[0];
    // Mar–Apr: 1 minimum miss (5 % = 5,000.00), 1 met; average (50 + 25) / 2 = 37.5, above
    // 30 where lower is better: worse.
    assert_eq!(
        (
            second.measured,
            second.met,
            second.target_misses,
            second.minimum_misses
        ),
        (2, 1, 0, 1)
    );
    assert_eq!(second.credits, dec!(5000));
    assert_eq!(second.average, Some(dec!(37.5)));
    assert_eq!(second.trend, Some(Trend::Worse));
}

#[test]
fn reviews_counted_from_a_milestone_follow_its_actual_date() {
    let mut p = reviewed();
    let s = scenario(&mut p);
    let mut m = Milestone::new("go_live", "Go-live", day("2025-01-10"));
    m.actual = Some(day("2025-01-20"));
    s.milestones.push(m);
    s.reviews = Some(ReviewSchedule {
        first: ReviewStart::AfterMilestone {
            milestone: "go_live".into(),
            months: 2,
        },
        every_months: 3,
    });
    // Met 2025-01-20, + 2 months = 2025-03-20; + 3 = 2025-06-20; + 3 = 2025-09-20 is after
    // the term.
    assert_eq!(
        review_dates(&p.scenarios[0], ym("2025-01"), ym("2025-06")),
        vec![day("2025-03-20"), day("2025-06-20")]
    );
    let ledger = run(&p);
    let all = reviews(&p.scenarios[0], &ledger);
    // Second review: Mar–May, (50 + 25 + 20) / 3 = 31.666…, above 30: worse.
    assert_eq!(all[1].service_levels[0].trend, Some(Trend::Worse));
    // A better period: the same months with a lower-is-better KPI falling.
    let mut p = reviewed();
    p.kpis[0].data = KpiData::Values {
        values: monthly(
            "2025-01",
            &[dec!(40), dec!(40), dec!(20), dec!(20), dec!(20), dec!(20)],
        ),
        samples: Default::default(),
    };
    let ledger = run(&p);
    // Jan–Feb average 40, Mar–Apr 20: better.
    assert_eq!(
        reviews(&p.scenarios[0], &ledger)[1].service_levels[0].trend,
        Some(Trend::Better)
    );
}

fn dealbench(args: &[&str]) -> (String, String, Option<i32>) {
    let output = cli_run::dealbench(args);
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
        output.status.code(),
    )
}

/// `reviewed()` with a late go-live, saved to a temporary file.
fn saved() -> (tempfile::TempDir, String) {
    let mut p = reviewed();
    let mut m = Milestone::new("go_live", "Go-live", day("2025-03-01"));
    m.actual = Some(day("2025-03-13"));
    m.delay_credit = Some(per(dec!(500), DelayUnit::Day, Some(dec!(10000))));
    scenario(&mut p).milestones.push(m);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("governance.ron");
    dealbench::io::project::save(&path, &p).unwrap();
    let path = path.to_str().unwrap().to_owned();
    (dir, path)
}

#[test]
fn milestones_command_prints_each_milestone_with_its_credit() {
    let (_dir, path) = saved();
    let (out, err, code) = dealbench(&["milestones", &path]);
    assert_eq!((err.as_str(), code), ("", Some(0)));
    assert_eq!(
        out,
        "Milestones of Offer\n\n\
         Milestone  Target      Actual      Days late    Credit  Billed in\n\
         Go-live    2025-03-01  2025-03-13         12  6,000.00  2025-03\n\n\
         Go-live 12 days late (target 2025-03-01, met 2025-03-13): 12 days × 500.00 = 6,000.00, under the 10,000.00 cap\n"
    );
    let (out, _, code) = dealbench(&["milestones", &path, "--format", "json"]);
    assert_eq!(code, Some(0));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json[0]["days_late"], 12);
    assert_eq!(json[0]["credit"], "6000.00");
    assert_eq!(json[0]["billed"], "2025-03");
}

#[test]
fn reviews_command_prints_each_review() {
    let (_dir, path) = saved();
    let (out, err, code) = dealbench(&["reviews", &path, "--scenario", "Offer"]);
    assert_eq!((err.as_str(), code), ("", Some(0)));
    assert_eq!(
        out,
        "Performance reviews of Offer\n\n\
         Review 1 on 2025-03-15: 2025-01 to 2025-02\n\
         Service level  Measured  Met  Target misses  Minimum misses   Credits  Average  Trend\n\
         asa                   2    1              1               0  2,000.00       30  —\n\n\
         Review 2 on 2025-05-15: 2025-03 to 2025-04\n\
         Service level  Measured  Met  Target misses  Minimum misses   Credits  Average  Trend\n\
         asa                   2    1              0               1  5,000.00     37.5  worse\n"
    );
    let (out, _, _) = dealbench(&["reviews", &path, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json[1]["service_levels"][0]["trend"], "worse");
    let (_, err, code) = dealbench(&["reviews", &path, "--scenario", "Nope"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("Nope"), "{err}");
}

#[test]
fn the_structure_shows_each_milestone_with_its_delay_credit() {
    use dealbench::engine::compare::Period;
    let credit = per(dec!(500), DelayUnit::Day, Some(dec!(10000)));
    let p = with_milestone("2025-03-01", Some("2025-03-13"), Some(credit));
    let ledger = run(&p);
    let blocks =
        dealbench::engine::structure::blocks(&p, &p.scenarios[0], Some(&ledger), Period::Term);
    let block = (blocks.iter())
        .find(|b| b.component == Component::Milestone("go_live".into()))
        .expect("a block for the milestone");
    assert_eq!(block.stage, "Milestone");
    assert_eq!(block.title, "Go-live");
    assert_eq!(
        block.detail,
        "due 2025-03-01, met 2025-03-13 · 500.00 per day late, cap 10,000"
    );
    // 12 days × 500.00 = 6,000.00 credited over the term.
    assert_eq!(block.amount, Some(dec!(-6000.00)));
}
