//! `dealbench cost` and `dealbench price`, run as a user would on the contact-centre sample:
//! the totals line, the JSON totals, a priced copy written and read back, and bad input with
//! its message and exit status 2.
#![allow(
    clippy::unwrap_used,
    reason = "test and bench set-up fails loudly with the value"
)]

#[path = "common/cli.rs"]
mod cli_run;
use cli_run::{dealbench, stdout};

const SAMPLE: &str = "samples/contact_centre.ron";

fn assert_refused(args: &[&str], message: &str) {
    let output = dealbench(args);
    assert_eq!(
        String::from_utf8(output.stderr.clone()).unwrap(),
        format!("{message}\n")
    );
    assert_eq!(output.status.code(), Some(2), "exit status of {args:?}");
}

#[test]
fn cost_prints_the_months_and_the_totals() {
    let output = dealbench(&["cost", SAMPLE]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.starts_with(
        "Northwind Retail – customer service BPO · Offer A – Graduated · EUR · staffed to an average speed of answer of 30 s\n"
    ));
    let total = text.lines().last().unwrap();
    assert_eq!(
        total,
        "Total    1,760,794     22,560                          272,975.5  4,757,122.12  6,064,213.18  1,307,091.06   21.55 %"
    );
}

#[test]
fn cost_as_json_has_the_totals() {
    let output = dealbench(&[
        "cost",
        SAMPLE,
        "--scenario",
        "Offer B – All-units",
        "-f",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["totals"]["cost"], "4680764.44");
    assert_eq!(json["totals"]["margin_pct"], "20.19");
    assert_eq!(json["months"].as_array().unwrap().len(), 36);
}

#[test]
fn price_writes_the_priced_copy_which_reaches_the_margin() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("priced.ron");
    let output = dealbench(&[
        "price",
        SAMPLE,
        "--scenario",
        "Offer A – Graduated",
        "--margin-pct",
        "25",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("fixed fee \"management_fee\" (monthly): 18500 → 26266.31"));
    let name = "Offer A – Graduated at 25 % margin";
    let cost = dealbench(&["cost", out.to_str().unwrap(), "--scenario", name]);
    let total = stdout(&cost).lines().last().unwrap().to_owned();
    assert!(total.ends_with("25.00 %"), "{total}");
}

#[test]
fn bad_input_is_refused_with_advice() {
    assert_refused(
        &["cost", "tests/fixtures/small.ron"],
        "dealbench: tests/fixtures/small.ron: offer \"Offer A\" has no cost model; add one (`cost_model` in the offer, Cost & margin in the app)",
    );
    assert_refused(
        &[
            "price",
            SAMPLE,
            "--scenario",
            "Offer A – Graduated",
            "--margin-pct",
            "10",
            "--premium",
            "p99",
        ],
        "dealbench: samples/contact_centre.ron: --premium p99: give replay, mean, p50, p90 or p95",
    );
    assert_refused(
        &[
            "price",
            SAMPLE,
            "--scenario",
            "Offer A – Graduated",
            "--margin-pct",
            "10",
            "--charge",
            "calls",
        ],
        "dealbench: samples/contact_centre.ron: --charge calls: the offer has no fixed fee or unit-rate charge with this id",
    );
}
