//! Credit rules: fixed percentages, credit tables, repeat rules, service points, per-step credits.

use crate::common::*;
use dealbench::engine::{Outcome, Stage};
use dealbench::model::*;
use rust_decimal_macros::dec;

use Direction::HigherIsBetter;

#[test]
fn fixed_pct_credits_distinguish_target_and_minimum_misses_at_the_edges() {
    let mut p = with_kpi(&[dec!(30), dec!(35), dec!(45), dec!(50)]);
    scenario(&mut p).service_levels.push(asa_fixed_pct());
    use Outcome::*;
    // 30 exactly meets the target; 45 exactly is not worse than the minimum
    assert_eq!(
        outcomes(&p),
        vec![Met, MissedTarget, MissedTarget, MissedMinimum]
    );
    // 2 % and 5 % of 100,000.00
    assert_eq!(
        credits(&p),
        vec![dec!(0), dec!(2000.00), dec!(2000.00), dec!(5000.00)]
    );
    let ledger = run(&p);
    let line = &ledger.months[3].lines[1];
    assert_eq!(line.stage, Stage::Credit);
    assert_eq!(line.amount, dec!(-5000.00));
    assert_eq!(
        line.explanation,
        "asa 50 is above the minimum 45; 5% of 100,000.00"
    );
    // net = charges − credits: 100,000 − 5,000
    assert_eq!(ledger.months[3].totals.net, dec!(95000.00));
}

#[test]
fn a_credit_table_takes_the_worst_row_breached_and_a_value_at_a_threshold_is_not_worse() {
    let mut p = with_kpi(&[dec!(99.9), dec!(99.0), dec!(98.99), dec!(94.99)]);
    scenario(&mut p).service_levels.push(service_level(
        "uptime",
        "kpi",
        HigherIsBetter,
        dec!(99.95),
        None,
        CreditRule::Table(vec![
            CreditStep {
                worse_than: dec!(99.9),
                credit_pct: dec!(10),
            },
            CreditStep {
                worse_than: dec!(99.0),
                credit_pct: dec!(25),
            },
            CreditStep {
                worse_than: dec!(95.0),
                credit_pct: dec!(100),
            },
        ]),
    ));
    // 99.9: missed target 99.95 but no row breached → 0; 99.0: only "below 99.9" → 10 %;
    // 98.99: below 99.0 → 25 %; 94.99: below 95.0 → 100 %
    assert_eq!(
        credits(&p),
        vec![dec!(0), dec!(10000.00), dec!(25000.00), dec!(100000.00)]
    );
}

#[test]
fn a_target_miss_earns_a_credit_only_after_n_misses_in_the_rolling_window() {
    // Target misses (35) in months 1–4, a minimum miss (50) in month 6.
    let mut p = with_kpi(&[
        dec!(35),
        dec!(35),
        dec!(35),
        dec!(35),
        dec!(20),
        dec!(50),
        dec!(35),
    ]);
    let mut sl = asa_fixed_pct();
    sl.repeat_rule = Some(RepeatRule::new(4, 12));
    scenario(&mut p).service_levels.push(sl);
    // Months 1–3: 1, 2, 3 misses: no credit. Month 4: 4th miss → 2 %. Month 6: minimum miss
    // → 5 % at once. Month 7: 6 misses in the window → 2 %.
    assert_eq!(
        credits(&p),
        vec![
            dec!(0),
            dec!(0),
            dec!(0),
            dec!(2000.00),
            dec!(0),
            dec!(5000.00),
            dec!(2000.00)
        ]
    );
}

#[test]
fn a_target_only_repeat_rule_counts_neither_minimum_misses_nor_deemed_ones() {
    // Minimum misses (50) in months 1–2, target misses (35) in months 3–6.
    let mut p = with_kpi(&[dec!(50), dec!(50), dec!(35), dec!(35), dec!(35), dec!(35)]);
    let mut sl = asa_fixed_pct();
    sl.repeat_rule = Some(RepeatRule {
        counts: RepeatCount::TargetMissesOnly,
        ..RepeatRule::new(3, 12)
    });
    scenario(&mut p).service_levels.push(sl.clone());
    // Target misses only: months 1–2 earn 5 % of 100,000.00 = 5,000.00 each at once and count
    // nothing; months 3, 4: 1st and 2nd target miss, no credit; month 5: 3rd → 2 % = 2,000.00;
    // month 6: 4th → 2,000.00.
    assert_eq!(
        credits(&p),
        vec![
            dec!(5000.00),
            dec!(5000.00),
            dec!(0),
            dec!(0),
            dec!(2000.00),
            dec!(2000.00)
        ]
    );
    let ledger = run(&p);
    let line = &ledger.months[4].lines[1];
    assert_eq!(
        line.explanation,
        "asa 35 is above the target 30; creditable as the 3rd target miss in 12 months: 2% of 100,000.00"
    );
    let why = &ledger.months[3].service_levels[0].explanation;
    assert!(
        why.ends_with(
            "2 of 3 target misses in 12 months needed before a target miss earns a credit"
        ),
        "{why}"
    );
    // The same months read the old way (every miss counts): month 3 is the 3rd miss already,
    // so months 3–6 all earn 2,000.00.
    sl.repeat_rule = Some(RepeatRule::new(3, 12));
    scenario(&mut p).service_levels[0] = sl;
    assert_eq!(
        credits(&p),
        vec![
            dec!(5000.00),
            dec!(5000.00),
            dec!(2000.00),
            dec!(2000.00),
            dec!(2000.00),
            dec!(2000.00)
        ]
    );
    // What the editor says at month 4: every miss counts, months 1–4 are four misses.
    let ledger = run(&p);
    let rule_sl = &p.scenarios[0].service_levels[0];
    assert_eq!(
        dealbench::engine::repeat_window_misses(&ledger, rule_sl, ledger.months[3].period),
        Some(4)
    );
}

#[test]
fn a_month_deemed_missed_for_missing_data_counts_only_when_the_rule_says_so() {
    // Month 1 has no data (deemed a minimum miss), months 2–3 miss the target (35).
    let mut p = project("2025-01", 3);
    add_kpi(&mut p, "kpi", monthly("2025-02", &[dec!(35), dec!(35)]));
    scenario(&mut p).charges.push(fixed("base", dec!(100000)));
    let mut sl = asa_fixed_pct();
    sl.missing_data = MissingData::DeemedMinimumMiss;
    sl.repeat_rule = Some(RepeatRule {
        deemed_misses_count: false,
        ..RepeatRule::new(2, 12)
    });
    scenario(&mut p).service_levels.push(sl.clone());
    // Deemed not counted: month 1 earns 5 % = 5,000.00 at once; month 2 is the 1st counted
    // miss (none); month 3 the 2nd → 2 % = 2,000.00.
    assert_eq!(credits(&p), vec![dec!(5000.00), dec!(0), dec!(2000.00)]);
    // Deemed counted (the default): month 2 is the 2nd miss → 2,000.00.
    sl.repeat_rule = Some(RepeatRule::new(2, 12));
    scenario(&mut p).service_levels[0] = sl;
    assert_eq!(
        credits(&p),
        vec![dec!(5000.00), dec!(2000.00), dec!(2000.00)]
    );
}

#[test]
fn ordinals_read_as_english() {
    use dealbench::engine::ordinal;
    let words: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111]
        .into_iter()
        .map(ordinal)
        .collect();
    assert_eq!(
        words,
        [
            "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st",
            "111th"
        ]
    );
}

#[test]
fn service_points_by_severity_double_on_a_repeat_failure() {
    let mut p = with_kpi(&[dec!(98.5), dec!(97.5), dec!(99.5), dec!(98.5), dec!(96)]);
    let s = scenario(&mut p);
    s.credit_regime.points_rate = Some(Rate::Amount(dec!(500)));
    s.service_levels.push(service_level(
        "avail",
        "kpi",
        HigherIsBetter,
        dec!(99),
        None,
        CreditRule::Points {
            bands: vec![
                PointsBand {
                    worse_than: dec!(99),
                    points: 1,
                },
                PointsBand {
                    worse_than: dec!(98),
                    points: 2,
                },
                PointsBand {
                    worse_than: dec!(97),
                    points: 4,
                },
            ],
            repeat_doubles: true,
        },
    ));
    // 98.5: 1 point = 500. 97.5: 2 points, doubled after a failure = 4 = 2,000. 99.5: met.
    // 98.5: 1 point (no failure before) = 500. 96: 4 points, doubled = 8 = 4,000.
    assert_eq!(
        credits(&p),
        vec![
            dec!(500.00),
            dec!(2000.00),
            dec!(0),
            dec!(500.00),
            dec!(4000.00)
        ]
    );
}

/// Issue 10, item 12: one service point is "1 service point", not "1 service points".
#[test]
fn one_service_point_is_singular() {
    let mut p = with_kpi(&[dec!(98.5), dec!(98.5)]);
    let s = scenario(&mut p);
    s.credit_regime.points_rate = Some(Rate::Amount(dec!(500)));
    let mut sl = asa_fixed_pct();
    sl.direction = HigherIsBetter;
    sl.minimum = None;
    sl.target = dec!(99);
    let one_band = PointsBand {
        worse_than: dec!(99),
        points: 1,
    };
    sl.credit = CreditRule::Points {
        bands: vec![one_band],
        repeat_doubles: true,
    };
    s.service_levels.push(sl);
    let ledger = run(&p);
    let why = |i: usize| ledger.months[i].service_levels[0].explanation.clone();
    // 98.5 < 99: 1 point × 500.00 = 500.00; again in February, doubled: 2 × 500.00 = 1,000.00
    assert!(why(0).ends_with("; 1 service point × 500.00"), "{}", why(0));
    assert!(
        why(1).ends_with("; 2 service points (doubled for a repeat failure) × 500.00"),
        "{}",
        why(1)
    );
    assert_eq!(ledger.totals.credits, dec!(1500.00));
}

#[test]
fn per_step_credits_count_full_steps_of_shortfall_and_respect_their_maximum() {
    let mut p = with_kpi(&[dec!(98.75), dec!(98.8), dec!(90)]);
    let s = scenario(&mut p);
    s.charges[0] = fixed("base", dec!(10000));
    s.service_levels.push(service_level(
        "fcr",
        "kpi",
        HigherIsBetter,
        dec!(99),
        None,
        CreditRule::PerStep {
            step: dec!(0.1),
            per_step: Rate::PctOfBase(dec!(1)),
            max_pct: Some(dec!(5)),
        },
    ));
    // 99 − 98.75 = 0.25 → 2 full steps × 1 % × 10,000 = 200; 0.2 → exactly 2 steps = 200;
    // 99 − 90 = 9 → 90 steps = 90 % → limited to 5 % = 500
    assert_eq!(credits(&p), vec![dec!(200.00), dec!(200.00), dec!(500.00)]);
}
