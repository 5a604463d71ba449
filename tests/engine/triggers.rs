//! Termination triggers: consecutive minimum misses and repeated cap hits.

use crate::common::*;
use dealbench::engine::FlagKind;
use dealbench::model::*;
use rust_decimal_macros::dec;

/// The termination-trigger flags of `ledger`: each month and message.
fn trigger_flags(ledger: &dealbench::engine::Ledger) -> Vec<(YearMonth, &str)> {
    (ledger.flags.iter())
        .filter(|f| f.kind == FlagKind::TerminationTrigger)
        .map(|f| (f.period, f.message.as_str()))
        .collect()
}

#[test]
fn termination_triggers_fire_on_consecutive_minimum_misses_and_repeated_cap_hits() {
    let mut p = with_kpi(&[dec!(50), dec!(50), dec!(50), dec!(20), dec!(50)]);
    let s = scenario(&mut p);
    s.service_levels.push(asa_fixed_pct());
    s.credit_regime.monthly_cap = Some(Limit::Amount(dec!(4000)));
    s.triggers
        .push(TerminationTrigger::ConsecutiveMinimumMisses {
            service_level: "asa".into(),
            months: 3,
        });
    s.triggers.push(TerminationTrigger::CapReached {
        times: 2,
        window_months: 3,
    });
    let ledger = run(&p);
    let triggers: Vec<_> = (ledger.flags.iter())
        .filter(|f| f.kind == FlagKind::TerminationTrigger)
        .map(|f| (f.period, f.component.as_str(), f.message.as_str()))
        .collect();
    // Three minimum misses running end in March (April's 20 is met: the run ends). The 4,000
    // cap (5 % of 100,000 = 5,000 > 4,000) is reached in Jan, Feb, Mar, May, not Apr: the
    // windows hold 1 (Jan), 2 (Jan–Feb), 3 (Jan–Mar), 2 (Feb–Apr), 2 (Mar–May) → at least 2
    // from February to May: fired in February, still holding in March, April and May.
    let cap =
        |n, right| format!("Credits reached the monthly cap in {n} of the last 3 months: {right}");
    assert_eq!(
        triggers,
        vec![
            (
                ym("2025-02"),
                "credit_cap",
                cap(2, "termination right").as_str()
            ),
            (
                ym("2025-03"),
                "asa",
                "asa missed its minimum 3 months running: termination right"
            ),
            (
                ym("2025-03"),
                "credit_cap",
                cap(3, "termination right still holds").as_str()
            ),
            (
                ym("2025-04"),
                "credit_cap",
                cap(2, "termination right still holds").as_str()
            ),
            (
                ym("2025-05"),
                "credit_cap",
                cap(2, "termination right still holds").as_str()
            ),
        ]
    );
}

/// Issue 10, item 11: a minimum-miss trigger holds while its streak stands: an unmeasured
/// month neither breaks nor extends it; a met month ends the run, and a new run fires again.
#[test]
fn a_minimum_miss_trigger_fires_once_and_holds_while_the_streak_stands() {
    let mut p = project("2025-01", 8);
    // 50 > 45 is a minimum miss, 20 is met; March has no data (no claim: not measured).
    add_kpi(
        &mut p,
        "kpi",
        [
            (ym("2025-01"), dec!(50)),
            (ym("2025-02"), dec!(50)),
            (ym("2025-04"), dec!(50)),
            (ym("2025-05"), dec!(20)),
            (ym("2025-06"), dec!(50)),
            (ym("2025-07"), dec!(50)),
            (ym("2025-08"), dec!(20)),
        ]
        .into(),
    );
    let s = scenario(&mut p);
    s.charges.push(fixed("base", dec!(100000)));
    s.service_levels.push(asa_fixed_pct());
    s.triggers
        .push(TerminationTrigger::ConsecutiveMinimumMisses {
            service_level: "asa".into(),
            months: 2,
        });
    let ledger = run(&p);
    let triggers = trigger_flags(&ledger);
    // Streak: Jan 1, Feb 2 (fires), Mar 2 (not measured: stands, holds), Apr 3 (holds), May 0
    // (met: the run ends), Jun 1, Jul 2 (fires again), Aug 0.
    assert_eq!(
        triggers,
        vec![
            (
                ym("2025-02"),
                "asa missed its minimum 2 months running: termination right"
            ),
            (
                ym("2025-03"),
                "asa not measured this month: its 2 minimum misses running stand (the trigger \
                 is 2): termination right still holds"
            ),
            (
                ym("2025-04"),
                "asa missed its minimum 3 months running (the trigger is 2): termination right \
                 still holds"
            ),
            (
                ym("2025-07"),
                "asa missed its minimum 2 months running: termination right"
            ),
        ]
    );
    // The offer's structure counts firings, not the months the right still holds in.
    let blocks = dealbench::engine::structure::blocks(
        &p,
        &p.scenarios[0],
        Some(&ledger),
        dealbench::engine::compare::Period::Term,
    );
    // The trigger's block (other blocks say in words why they bill nothing).
    let status = (blocks.iter())
        .find(|b| matches!(b.component, Component::Trigger(_)))
        .and_then(|b| b.status.clone());
    assert_eq!(status, Some(("fired 2× from 2025-02".to_owned(), true)));
}

/// Issue 10, item 12: the cap trigger names the cap reached: the at-risk amount when the pool
/// is the month's cap.
#[test]
fn the_cap_trigger_names_the_at_risk_amount_when_the_pool_was_reached() {
    let mut p = with_kpi(&[dec!(50), dec!(50)]);
    let s = scenario(&mut p);
    s.service_levels.push(asa_fixed_pct());
    // Pool: 3 % of 100,000 = 3,000 < the 5,000 minimum-miss credit: reached both months.
    s.credit_regime.at_risk_pct = Some(dec!(3));
    s.triggers.push(TerminationTrigger::CapReached {
        times: 2,
        window_months: 2,
    });
    let ledger = run(&p);
    let triggers = trigger_flags(&ledger);
    assert_eq!(
        triggers,
        vec![(
            ym("2025-02"),
            "Credits reached the at-risk amount in 2 of the last 2 months: termination right"
        )]
    );
    assert_eq!(ledger.totals.credits, dec!(6000.00));
}

/// An escalation trigger (2 months) and a termination trigger (3 months) on the same service
/// level must each count the same streak; the streak must not advance once per trigger.
#[test]
fn two_triggers_on_one_service_level_share_one_streak() {
    let mut p = project("2025-01", 3);
    add_kpi(
        &mut p,
        "kpi",
        monthly("2025-01", &[dec!(50), dec!(50), dec!(50)]),
    );
    let s = scenario(&mut p);
    s.charges.push(fixed("base", dec!(100000)));
    s.service_levels.push(asa_fixed_pct());
    for k in [2, 3] {
        s.triggers
            .push(TerminationTrigger::ConsecutiveMinimumMisses {
                service_level: "asa".into(),
                months: k,
            });
    }
    let ledger = run(&p);
    let flagged: Vec<_> = ledger
        .flags
        .iter()
        .filter(|f| f.kind == FlagKind::TerminationTrigger)
        .map(|f| (f.period, f.term.clone(), f.message.ends_with("still holds")))
        .collect();
    // 50 > 45 in Jan, Feb, Mar: 2 running at the end of Feb (the 2-month trigger fires), 3
    // running at the end of Mar (the 3-month trigger fires; the 2-month one still holds).
    assert_eq!(
        flagged,
        vec![
            (ym("2025-02"), Some(Component::Trigger(0)), false),
            (ym("2025-03"), Some(Component::Trigger(0)), true),
            (ym("2025-03"), Some(Component::Trigger(1)), false),
        ]
    );
}

/// An escalation ladder: two misses in three months go to the service manager, three to the
/// steering committee, a minimum miss to a rectification plan. Each step is flagged as an
/// escalation in the month it is reached, then as still holding while its condition holds;
/// no money moves.
#[test]
fn an_escalation_ladder_flags_each_step_when_reached_and_while_it_holds() {
    // ASA (target 30, minimum 45): 35 (target miss), 20 (met), 35 (target miss), 50 (minimum
    // miss), 20, 20.
    let mut p = with_kpi(&[dec!(35), dec!(20), dec!(35), dec!(50), dec!(20), dec!(20)]);
    let s = scenario(&mut p);
    s.service_levels.push(asa_fixed_pct());
    let step = |misses, window_months, minimum_only, to: &str| TerminationTrigger::Escalation {
        service_level: "asa".into(),
        misses,
        window_months,
        minimum_only,
        to: to.into(),
    };
    s.triggers.push(step(2, 3, false, "service manager"));
    s.triggers.push(step(3, 3, false, "steering committee"));
    s.triggers.push(step(1, 1, true, "rectification plan"));
    let with_ladder = run(&p);
    let flags: Vec<_> = (with_ladder.flags.iter())
        .filter(|f| f.kind == FlagKind::Escalation)
        .map(|f| (f.period.to_string(), f.message.as_str()))
        .collect();
    // Misses in the last 3 months: Jan 1, Feb 1, Mar 2 (Jan, Mar), Apr 2 (Mar, Apr), May 2
    // (Mar, Apr), Jun 1 (Apr): the service manager from March, still in April and May; never
    // 3 in 3. A minimum miss this month: April only.
    assert_eq!(
        flags,
        vec![
            (
                "2025-03".to_owned(),
                "asa has 2 misses in the last 3 months: escalated to service manager"
            ),
            (
                "2025-04".to_owned(),
                "asa has 2 misses in the last 3 months: the escalation to service manager still holds"
            ),
            (
                "2025-04".to_owned(),
                "asa has 1 minimum miss this month: escalated to rectification plan"
            ),
            (
                "2025-05".to_owned(),
                "asa has 2 misses in the last 3 months: the escalation to service manager still holds"
            ),
        ]
    );
    assert!(trigger_flags(&with_ladder).is_empty());
    // The ladder moves no money.
    scenario(&mut p).triggers.clear();
    assert_eq!(run(&p).totals, with_ladder.totals);
    // The firings the structure and the risk simulation count: the step's first month only.
    assert_eq!(
        dealbench::engine::firings(&with_ladder.flags),
        vec![(0, ym("2025-03")), (2, ym("2025-04"))]
    );
}
