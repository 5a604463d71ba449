//! Termination triggers: consecutive minimum misses and repeated cap hits.

use crate::common::*;
use dealbench::engine::FlagKind;
use dealbench::model::*;
use rust_decimal_macros::dec;

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
    let triggers: Vec<_> = ledger
        .flags
        .iter()
        .filter(|f| f.kind == FlagKind::TerminationTrigger)
        .map(|f| (f.period, f.component.as_str()))
        .collect();
    // Three minimum misses running end in March. The 4,000 cap is hit in Jan, Feb, Mar, May:
    // 2 of 3 from February; May has Mar and May in its window (Mar–May).
    assert_eq!(
        triggers,
        vec![
            (ym("2025-02"), "credit_cap"),
            (ym("2025-03"), "asa"),
            (ym("2025-03"), "credit_cap"),
            (ym("2025-05"), "credit_cap"),
        ]
    );
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
    let fired: Vec<_> = ledger
        .flags
        .iter()
        .filter(|f| f.kind == FlagKind::TerminationTrigger)
        .map(|f| f.period)
        .collect();
    // 50 > 45 in Jan, Feb, Mar: 2 running at the end of Feb, 3 running at the end of Mar
    assert_eq!(fired, vec![ym("2025-02"), ym("2025-03")]);
}
