//! `dealbench risk`, run as a user would, on the small fixture (12 months, 6 of KPI history,
//! 6 simulated): the JSON's shape, determinism by seed, the CSV of trials against the JSON,
//! and bad options with their exact message and exit status 2.
#![allow(
    clippy::unwrap_used,
    reason = "test and bench set-up fails loudly with the value"
)]

use std::process::Output;
use std::str::FromStr;

use rust_decimal::Decimal;

#[path = "common/cli.rs"]
mod cli_run;
use cli_run::{dealbench, stdout};

const SMALL: &str = "tests/fixtures/small.ron";

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn risk_json(extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["risk", SMALL, "--format", "json", "--trials", "50"];
    args.extend(extra);
    let output = dealbench(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    serde_json::from_str(&stdout(&output)).unwrap()
}

fn keys(value: &serde_json::Value) -> Vec<&str> {
    value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect()
}

fn decimal(value: &serde_json::Value) -> Decimal {
    Decimal::from_str(value.as_str().unwrap()).unwrap()
}

#[test]
fn the_json_has_the_documented_shape() {
    let json = risk_json(&[]);
    assert_eq!(
        keys(&json),
        [
            "scenario",
            "currency",
            "trials",
            "seed",
            "block",
            "draw",
            "pool",
            "simulated",
            "contract_years",
            "term",
            "triggers",
            "any_trigger",
            "caps",
            "fee_at_risk",
            "risk_adjusted_fee"
        ]
    );
    assert_eq!(json["scenario"], "Offer A");
    assert_eq!(json["trials"], 50);
    assert_eq!(json["seed"], 0, "the project's seed: the default");
    assert_eq!(json["block"], 1);
    assert_eq!(json["draw"], "splitmix64");
    let months =
        |from: u32| -> Vec<String> { (from..from + 6).map(|m| format!("2025-{m:02}")).collect() };
    assert_eq!(json["pool"], serde_json::json!(months(1)));
    assert_eq!(json["simulated"], serde_json::json!(months(7)));
    let years = json["contract_years"].as_array().unwrap();
    assert_eq!(years.len(), 1);
    assert_eq!(years[0]["contract_year"], 1);
    for period in [&years[0], &json["term"]] {
        for amount in ["credits", "bonuses", "earn_back", "net"] {
            let d = &period[amount];
            assert_eq!(keys(d), ["mean", "p5", "p50", "p90", "p95", "max"]);
            for stat in keys(d) {
                let text = d[stat].as_str().unwrap();
                assert_eq!(
                    text.split_once('.').unwrap().1.len(),
                    2,
                    "{amount}.{stat}: {text}"
                );
            }
            let (p5, p50, p90, p95, max) = (
                decimal(&d["p5"]),
                decimal(&d["p50"]),
                decimal(&d["p90"]),
                decimal(&d["p95"]),
                decimal(&d["max"]),
            );
            assert!(p5 <= p50 && p50 <= p90 && p90 <= p95 && p95 <= max);
        }
    }
    // One contract year: the year is the term.
    assert_eq!(years[0]["credits"], json["term"]["credits"]);
    assert_eq!(json["triggers"], serde_json::json!([]));
    assert_eq!(
        json["any_trigger"],
        serde_json::json!({"probability": "0.0000", "trials": 0})
    );
    assert_eq!(json["caps"], serde_json::json!([]));
    assert_eq!(keys(&json["fee_at_risk"]), ["months", "years", "term"]);
    assert_eq!(json["fee_at_risk"]["months"].as_array().unwrap().len(), 12);
    // No regime cap in Offer A: nothing bounds the credits.
    assert_eq!(json["fee_at_risk"]["term"]["most"], serde_json::Value::Null);
    assert_eq!(
        json["fee_at_risk"]["term"]["expected"],
        json["term"]["credits"]["mean"]
    );
    assert_eq!(
        keys(&json["risk_adjusted_fee"]),
        ["fee", "expected_credit_share", "adjusted"]
    );
}

#[test]
fn the_same_seed_gives_the_same_figures_and_another_seed_others() {
    let first = risk_json(&["--seed", "7"]);
    let again = risk_json(&["--seed", "7"]);
    assert_eq!(first, again);
    assert_eq!(first["seed"], 7);
    let other = risk_json(&["--seed", "8"]);
    assert_eq!(other["seed"], 8);
    assert_ne!(first["term"], other["term"]);
}

#[test]
fn the_trials_file_has_a_row_per_trial_and_year_and_agrees_with_the_json() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trials.csv");
    let json = risk_json(&["--seed", "3", "--trials-out", path.to_str().unwrap()]);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("trial,contract_year,credits,bonuses,earn_back,net,triggers")
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 50, "50 trials × 1 contract year");
    for (t, row) in rows.iter().enumerate() {
        assert_eq!(row.len(), 7);
        assert_eq!(row[0], t.to_string(), "trials in order");
        assert_eq!(row[1], "1");
        assert_eq!(row[6], "", "Offer A has no trigger");
    }
    // The mean of the trials' credits, rounded to the cent as the JSON's mean is.
    let credits: Decimal = rows.iter().map(|r| Decimal::from_str(r[2]).unwrap()).sum();
    let mean = (credits / Decimal::from(50))
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    assert_eq!(mean, decimal(&json["term"]["credits"]["mean"]));
    let mut nets: Vec<Decimal> = rows
        .iter()
        .map(|r| Decimal::from_str(r[5]).unwrap())
        .collect();
    nets.sort();
    // Nearest rank: P90 of 50 is rank ⌈45⌉ = 45, the max rank 50.
    assert_eq!(nets[44], decimal(&json["term"]["net"]["p90"]));
    assert_eq!(nets[49], decimal(&json["term"]["net"]["max"]));
}

#[test]
fn the_table_states_what_was_run() {
    let output = dealbench(&[
        "risk", SMALL, "--trials", "20", "--seed", "5", "--block", "2",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert_eq!(
        text.lines().next(),
        Some(
            "Small test project · Offer A · EUR · 20 trials · seed 5 · blocks of 2 months · \
             draw splitmix64"
        )
    );
    assert!(text.contains("Period  Amount"), "{text}");
    assert!(text.contains("\nFee at risk\n"), "{text}");
    assert!(text.contains("\nRisk-adjusted fee: "), "{text}");
}

fn assert_refused(args: &[&str], message: &str) {
    let output = dealbench(args);
    assert_eq!(
        stderr(&output),
        format!("{message}\n"),
        "stderr of {args:?}"
    );
    assert_eq!(output.status.code(), Some(2), "exit status of {args:?}");
    assert_eq!(stdout(&output), "", "stdout of {args:?}");
}

#[test]
fn bad_options_are_refused_with_the_option_named() {
    assert_refused(
        &["risk", SMALL, "--trials", "0"],
        "dealbench: tests/fixtures/small.ron: --trials 0: the number of trials must be from 1 to \
         1000000",
    );
    assert_refused(
        &["risk", SMALL, "--trials", "1000001"],
        "dealbench: tests/fixtures/small.ron: --trials 1000001: the number of trials must be from \
         1 to 1000000",
    );
    assert_refused(
        &["risk", SMALL, "--block", "0"],
        "dealbench: tests/fixtures/small.ron: --block 0: a block must be from 1 to the 6 months of \
         KPI history",
    );
    assert_refused(
        &["risk", SMALL, "--block", "7"],
        "dealbench: tests/fixtures/small.ron: --block 7: a block must be from 1 to the 6 months of \
         KPI history",
    );
    assert_refused(
        &["risk", SMALL, "--scenario", "Offer Z"],
        "dealbench: tests/fixtures/small.ron: no scenario named \"Offer Z\"; the scenarios are \
         \"Offer A\", \"Offer B\"",
    );
}
