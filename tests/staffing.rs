//! Staffing by Erlang C (`engine::staffing`, `dealbench staffing`): hand-computed intervals,
//! the exact agent counts (whole-number traffic, ties, shrinkage that divides exactly), the
//! occupancy binding, very large traffic, refused input, and properties over random intervals.
//!
//! The hand arithmetic uses the Erlang B recursion B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)),
//! then C = N·B / (N − A + A·B), SL = 1 − C·e^(−(N−A)·T/AHT), ASA = C·AHT / (N − A).
#![allow(
    clippy::unwrap_used,
    reason = "test and bench set-up fails loudly with the value"
)]

use std::str::FromStr;

use dealbench::engine::staffing::{
    Binding, StaffingError, StaffingField, StaffingInput, TIE_TOLERANCE, metrics_at, staff,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

#[path = "common/cli.rs"]
mod cli_run;
use cli_run::dealbench;

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

/// An interval: calls, interval (s), AHT (s), target (%), within (s), max occupancy (%),
/// shrinkage (%).
fn input(v: [&str; 7]) -> StaffingInput {
    StaffingInput {
        calls: d(v[0]),
        interval_s: d(v[1]),
        aht_s: d(v[2]),
        target_pct: d(v[3]),
        within_s: d(v[4]),
        max_occupancy_pct: d(v[5]),
        shrinkage_pct: d(v[6]),
    }
}

fn close(actual: f64, expected: f64, within: f64) {
    assert!(
        (actual - expected).abs() <= within,
        "{actual} is not within {within} of {expected}"
    );
}

const PUBLIC: [&str; 7] = ["100", "1800", "180", "80", "20", "85", "30"];

#[test]
fn the_public_check() {
    // A = 100 × 180 / 1800 = 10 Erlangs. At N = 14 (the reference figures):
    // P(wait) ≈ 0.1741, SL = 1 − 0.1741·e^(−4·20/180) = 1 − 0.1741·0.6412 ≈ 0.8884 ≥ 0.80;
    // at 13, SL = 1 − 0.2853·e^(−3·20/180) = 1 − 0.2853·0.7165 ≈ 0.7956 < 0.80, so 14.
    // ASA = 0.1741 × 180 / 4 ≈ 7.84 s; occupancy 10/14 ≈ 0.714.
    // Occupancy: ceil(10 / 0.85) = ceil(11.76) = 12 < 14, so the service level binds.
    // Scheduled: ceil(14 / 0.7) = ceil(1400 / 70) = 20 exactly.
    let s = staff(&input(PUBLIC)).unwrap();
    assert_eq!(s.traffic_erlangs, d("10"));
    assert_eq!(
        (s.agents_for_service_level, s.agents_for_occupancy),
        (14, 12)
    );
    assert_eq!(
        (s.productive_agents, s.binding),
        (14, Binding::ServiceLevel)
    );
    assert_eq!(s.scheduled_agents, 20);
    let agents: Vec<u64> = s.at.iter().map(|m| m.agents).collect();
    assert_eq!(agents, [13, 14, 15]);
    let n = s.at[1];
    close(n.p_wait, 0.1741, 5e-5);
    close(n.service_level, 0.8884, 5e-5);
    close(n.asa_s, 7.84, 5e-3);
    close(n.occupancy, 10.0 / 14.0, 1e-15);
    close(s.at[0].service_level, 0.7956, 5e-5);
}

#[test]
fn whole_number_traffic_needs_more_agents_than_the_traffic() {
    // 60 calls × 60 s / 3600 s = A = 1 exactly: N = 1 would never empty the queue (N − A = 0,
    // where naive code divides by zero), so the search starts at 2.
    // N = 2: B(1) = 1/2, B(2) = (1/2)/(2 + 1/2) = 1/5; C = 2·(1/5) / (1 + 1/5) = 1/3;
    //   SL = 1 − (1/3)·e^(−20/60) = 1 − 0.33333·0.71653 = 0.76116 < 0.80.
    // N = 3: B(3) = (1/5)/(3 + 1/5) = 1/16; C = (3/16) / (2 + 1/16) = 1/11;
    //   SL = 1 − (1/11)·e^(−40/60) = 1 − 0.090909·0.51342 = 0.95333 ≥ 0.80: N = 3.
    //   ASA = (1/11)·60/2 = 2.72727 s.
    let s = staff(&input(["60", "3600", "60", "80", "20", "100", "0"])).unwrap();
    assert_eq!(s.traffic_erlangs, d("1"));
    assert_eq!((s.productive_agents, s.agents_for_occupancy), (3, 1));
    close(s.at[0].p_wait, 1.0 / 3.0, 1e-15);
    close(s.at[0].service_level, 0.761_156_229_808_737, 1e-14);
    close(s.at[1].p_wait, 1.0 / 11.0, 1e-15);
    close(s.at[1].asa_s, 30.0 / 11.0, 1e-13);
    // At 50 %, N = 2 is enough; N − 1 = 1 ≤ A cannot carry the traffic and is left out.
    let s = staff(&input(["60", "3600", "60", "50", "20", "100", "0"])).unwrap();
    assert_eq!(s.productive_agents, 2);
    let agents: Vec<u64> = s.at.iter().map(|m| m.agents).collect();
    assert_eq!(agents, [2, 3]);
    assert_eq!(
        metrics_at(&input(["60", "3600", "60", "50", "20", "100", "0"]), 1).unwrap(),
        None
    );
}

#[test]
fn a_target_met_exactly_counts_as_met() {
    // 1 call × 180 s / 360 s = A = 0.5, answered within 0 s, so SL = 1 − C.
    // N = 1: B(1) = 0.5/1.5 = 1/3; C = (1/3) / (0.5 + 0.5/3) = (1/3)/(2/3) = 1/2; SL = 0.5.
    // N = 2: B(2) = (1/6)/(2 + 1/6) = 1/13; C = (2/13) / (1.5 + 0.5/13) = (2/13)/(20/13) = 0.1;
    //   SL = 0.9 exactly (ASA = 0.1 × 180 / 1.5 = 12 s).
    // 50 % is met at N = 1 and 90 % at N = 2, to the digit: a tie counts as met.
    let half = staff(&input(["1", "360", "180", "50", "0", "100", "0"])).unwrap();
    assert_eq!(half.productive_agents, 1);
    close(half.at[0].service_level, 0.5, TIE_TOLERANCE);
    let ninety = staff(&input(["1", "360", "180", "90", "0", "100", "0"])).unwrap();
    assert_eq!(ninety.productive_agents, 2);
    close(ninety.at[1].service_level, 0.9, TIE_TOLERANCE);
    close(ninety.at[1].asa_s, 12.0, 1e-12);
    // A hair above the tie is not met.
    let above = staff(&input(["1", "360", "180", "90.000001", "0", "100", "0"])).unwrap();
    assert_eq!(above.productive_agents, 3);
    // A tie that floating point misses: 7 × 360 / 3600 = A = 0.7, one agent, within 0 s.
    // B(1) = 0.7/1.7; C = B / (0.3 + 0.7·B) = 0.7/(0.51 + 0.49) = 0.7 exactly, SL = 0.3; but in
    // f64 SL comes out 0.29999999999999993 < 0.3. Within TIE_TOLERANCE it is met: N = 1, not 2.
    let tie = staff(&input(["7", "3600", "360", "30", "0", "100", "0"])).unwrap();
    assert!(tie.at[0].service_level < 0.3);
    assert_eq!(tie.productive_agents, 1);
}

#[test]
fn shrinkage_that_divides_exactly_is_not_rounded_up() {
    // 168 × 180 / 1800 = A = 16.8; at most 80 % occupied: ceil(16.8 / 0.8) = 21 exactly (in
    // f64, 16.8 / 0.8 = 20.999999999999996). 30 % shrinkage: 21 / 0.7 = 2100 / 70 = 30 exactly
    // (in f64, 30.000000000000004, which rounds up to 31).
    let s = staff(&input(["168", "1800", "180", "20", "0", "80", "30"])).unwrap();
    assert_eq!(s.agents_for_occupancy, 21);
    assert_eq!(s.productive_agents, 21);
    assert_eq!(s.scheduled_agents, 30);
}

#[test]
fn the_maximum_occupancy_can_set_the_count() {
    // A = 16.8 and 80 % within 20 s: 18 agents give SL ≥ 0.80 but run 16.8/18 = 93 % occupied;
    // at most 80 %: ceil(16.8 / 0.8) = 21, so occupancy binds. N − 1 = 20 is shown (20 > A).
    // At 21: occupancy 16.8 / 21 = 0.8 exactly.
    let s = staff(&input(["168", "1800", "180", "20", "0", "80", "30"])).unwrap();
    assert_eq!(s.agents_for_service_level, 18);
    assert_eq!(s.binding, Binding::Occupancy);
    let agents: Vec<u64> = s.at.iter().map(|m| m.agents).collect();
    assert_eq!(agents, [20, 21, 22]);
    close(s.at[1].occupancy, 0.8, 1e-15);
    // Equal counts: the service level is named (100 % occupancy allows ceil(A) = 17 < 18).
    let s = staff(&input(["168", "1800", "180", "20", "0", "100", "0"])).unwrap();
    assert_eq!(
        (s.productive_agents, s.binding),
        (18, Binding::ServiceLevel)
    );
}

#[test]
fn very_large_traffic_neither_overflows_nor_underflows() {
    // 2,000 calls × 300 s / 900 s = A = 666.67 Erlangs; A^N / N! would overflow f64 long before
    // N = 667, the recursion does not. 680 agents give SL 0.7958, 681 give 0.8196 (≥ 0.80):
    // N = 681, occupancy 666.67/681 = 0.9790; scheduled ceil(681 / 0.7) = ceil(972.86) = 973.
    let s = staff(&input(["2000", "900", "300", "80", "20", "100", "30"])).unwrap();
    assert_eq!(s.productive_agents, 681);
    assert_eq!(s.scheduled_agents, 973);
    for m in &s.at {
        for value in [m.p_wait, m.service_level, m.asa_s, m.occupancy] {
            assert!(value.is_finite() && value > 0.0, "{m:?}");
        }
    }
    close(s.at[1].service_level, 0.8196, 5e-5);
    close(s.at[0].service_level, 0.7958, 5e-5);
    // Far past the traffic, B underflows to 0: no wait, every call in time, and no endless walk.
    let far = metrics_at(
        &input(["2000", "900", "300", "80", "20", "100", "30"]),
        u64::MAX,
    )
    .unwrap()
    .unwrap();
    assert_eq!((far.p_wait, far.service_level, far.asa_s), (0.0, 1.0, 0.0));
}

#[test]
fn bad_input_is_refused_with_the_field_named() {
    let cases: [([&str; 7], StaffingField); 9] = [
        (
            ["-1", "1800", "180", "80", "20", "100", "0"],
            StaffingField::Calls,
        ),
        (
            ["100", "0", "180", "80", "20", "100", "0"],
            StaffingField::IntervalS,
        ),
        (
            ["100", "1800", "-5", "80", "20", "100", "0"],
            StaffingField::AhtS,
        ),
        (
            ["100", "1800", "180", "0", "20", "100", "0"],
            StaffingField::TargetPct,
        ),
        (
            ["100", "1800", "180", "100", "20", "100", "0"],
            StaffingField::TargetPct,
        ),
        (
            ["100", "1800", "180", "80", "-1", "100", "0"],
            StaffingField::WithinS,
        ),
        (
            ["100", "1800", "180", "80", "20", "0", "0"],
            StaffingField::MaxOccupancyPct,
        ),
        (
            ["100", "1800", "180", "80", "20", "100.5", "0"],
            StaffingField::MaxOccupancyPct,
        ),
        (
            ["100", "1800", "180", "80", "20", "100", "100"],
            StaffingField::ShrinkagePct,
        ),
    ];
    for (values, expected) in cases {
        match staff(&input(values)) {
            Err(StaffingError::OutOfRange { field, .. }) => assert_eq!(field, expected),
            other => panic!("{values:?}: {other:?}"),
        }
    }
    // 100,001 Erlangs, and a product that does not fit a decimal: refused, not a panic.
    for calls in ["100001", "79228162514264337593543950335"] {
        let refused = staff(&input([calls, "1", "1", "80", "20", "100", "0"]));
        assert!(matches!(
            refused,
            Err(StaffingError::TrafficTooLarge { .. })
        ));
    }
}

#[test]
fn the_command_prints_the_public_check_as_json() {
    let output = dealbench(&[
        "staffing",
        "--calls",
        "100",
        "--interval-s",
        "1800",
        "--aht-s",
        "180",
        "--target-pct",
        "80",
        "--within-s",
        "20",
        "--max-occupancy",
        "85",
        "--shrinkage",
        "30",
        "--format",
        "json",
    ]);
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "traffic_erlangs",
            "agents_for_service_level",
            "agents_for_occupancy",
            "productive_agents",
            "binding",
            "scheduled_agents",
            "at"
        ]
    );
    assert_eq!(json["traffic_erlangs"], "10");
    assert_eq!(json["binding"], "service_level");
    assert_eq!(json["scheduled_agents"], 20);
    let n = &json["at"][1];
    assert_eq!(n["agents"], 14);
    for field in ["p_wait", "service_level", "asa_s", "occupancy"] {
        let text = n[field].as_str().unwrap();
        let digits = text.trim_start_matches(['0', '.']).replace('.', "");
        assert!(digits.len() >= 12, "{field}: {text}");
    }
    assert!(n["p_wait"].as_str().unwrap().starts_with("0.17413"));
    assert!(n["service_level"].as_str().unwrap().starts_with("0.88835"));
}

#[test]
fn the_command_refuses_a_bad_option_with_status_2() {
    let output = dealbench(&[
        "staffing",
        "--calls",
        "100",
        "--interval-s",
        "1800",
        "--aht-s",
        "180",
        "--target-pct",
        "80",
        "--within-s",
        "20",
        "--shrinkage",
        "100",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "dealbench: --shrinkage 100: the shrinkage must be at least 0 and less than 100 percent; \
give a percentage, e.g. --shrinkage 30, or leave it out for none\n"
    );
}

/// A random interval: whole or fractional calls, usual interval lengths and handle times.
fn intervals() -> impl Strategy<Value = StaffingInput> {
    (
        0u32..=60_000,
        prop::sample::select(vec![900u32, 1800, 3600]),
        10u32..=900,
        1u32..=999,
        0u32..=180,
        30u32..=100,
        0u32..=999,
    )
        .prop_map(
            |(calls, interval, aht, target, within, occupancy, shrinkage)| StaffingInput {
                calls: Decimal::new(i64::from(calls), 2),
                interval_s: Decimal::from(interval),
                aht_s: Decimal::from(aht),
                target_pct: Decimal::new(i64::from(target), 1),
                within_s: Decimal::from(within),
                max_occupancy_pct: Decimal::from(occupancy),
                shrinkage_pct: Decimal::new(i64::from(shrinkage), 1),
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn service_level_never_falls_with_more_agents(interval in intervals()) {
        let s = staff(&interval).unwrap();
        let mut previous = f64::NEG_INFINITY;
        for agents in s.productive_agents.saturating_sub(5)..=s.productive_agents + 5 {
            if let Some(m) = metrics_at(&interval, agents).unwrap() {
                prop_assert!(m.service_level >= previous - 1e-15, "{agents}: {m:?}");
                previous = m.service_level;
            }
        }
    }

    #[test]
    fn the_count_chosen_is_the_smallest_that_meets_the_target(interval in intervals()) {
        let s = staff(&interval).unwrap();
        let target = (interval.target_pct / Decimal::ONE_HUNDRED).to_string().parse::<f64>().unwrap();
        let n = s.agents_for_service_level;
        let at_n = metrics_at(&interval, n).unwrap().unwrap();
        prop_assert!(at_n.service_level >= target - TIE_TOLERANCE);
        if let Some(below) = metrics_at(&interval, n - 1).unwrap() {
            prop_assert!(below.service_level < target - TIE_TOLERANCE);
        }
        // Occupancy: N·occ ≥ A·100 > (N − 1)·occ, in exact decimals.
        let (a, occ) = (s.traffic_erlangs * Decimal::ONE_HUNDRED, interval.max_occupancy_pct);
        let k = Decimal::from(s.agents_for_occupancy);
        prop_assert!(k * occ >= a && (k == Decimal::ZERO || (k - Decimal::ONE) * occ < a));
    }

    #[test]
    fn scheduled_agents_cover_the_productive_ones_exactly(interval in intervals()) {
        let s = staff(&interval).unwrap();
        let available = Decimal::ONE_HUNDRED - interval.shrinkage_pct;
        let (scheduled, productive) =
            (Decimal::from(s.scheduled_agents), Decimal::from(s.productive_agents));
        prop_assert!(scheduled * available >= productive * Decimal::ONE_HUNDRED);
        prop_assert!((scheduled - Decimal::ONE) * available < productive * Decimal::ONE_HUNDRED);
    }
}
