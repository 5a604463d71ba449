//! The `dealbench` binary, run as a user would: `check`, `eval` and `compare` on a small
//! fixture, and every kind of bad input with its exact message and exit status 2.
//!
//! Engine numbers are not asserted here (see `tests/golden.rs` and the engine's unit tests);
//! these tests pin the commands' shape, formats and messages.
#![allow(
    clippy::unwrap_used,
    reason = "test and bench set-up fails loudly with the value"
)]

use std::path::Path;
use std::process::Output;

#[path = "common/cli.rs"]
mod cli_run;
use cli_run::{dealbench, stdout};

const SMALL: &str = "tests/fixtures/small.ron";

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// Runs a command that must fail on bad input: exit status 2, nothing on stdout, and exactly
/// `message` on stderr.
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
fn check_summarises_a_sound_project() {
    let output = dealbench(&["check", SMALL]);
    assert_eq!(
        stdout(&output),
        "tests/fixtures/small.ron: ok — 2 scenarios, 12 months from 2025-01 to 2025-12, \
         history to 2025-06, 1 KPI, 1 volume, 0 indices\n"
    );
    assert_eq!(stderr(&output), "");
    assert!(output.status.success());
}

#[test]
fn eval_json_has_the_documented_shape() {
    let output = dealbench(&["eval", SMALL, "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["project"], "Small test project");
    assert_eq!(json["scenario"], "Offer A", "the first scenario by default");
    assert_eq!(json["currency"], "EUR");
    assert!(json["months"].is_array());
    assert!(json["flags"].is_array());
    let totals = json["totals"].as_object().unwrap();
    let keys: Vec<&str> = totals.keys().map(String::as_str).collect();
    let mut expected = [
        "charges",
        "adjustments",
        "credits",
        "bonuses",
        "earn_back",
        "net",
    ];
    expected.sort();
    let mut keys_sorted = keys.clone();
    keys_sorted.sort();
    assert_eq!(keys_sorted, expected);
    for (key, value) in totals {
        let text = value
            .as_str()
            .unwrap_or_else(|| panic!("{key} is a string"));
        let (_, decimals) = text.split_once('.').expect("two decimals");
        assert_eq!(decimals.len(), 2, "{key}: {text}");
    }
    for month in json["months"].as_array().unwrap() {
        let period = month["period"].as_str().unwrap();
        assert_eq!(period.len(), 7, "{period}");
        assert!(month["contract_year"].is_u64());
        assert!(month["projected"].is_boolean());
        assert!(month["net"].is_string());
        for line in month["lines"].as_array().unwrap() {
            for key in ["kind", "component", "amount", "explanation"] {
                assert!(line[key].is_string(), "{key} in {line}");
            }
        }
        for sl in month["service_levels"].as_array().unwrap() {
            assert!(sl["id"].is_string());
            assert!(sl["value"].is_string() || sl["value"].is_null());
            assert!(sl["outcome"].is_string());
        }
    }
}

#[test]
fn eval_picks_a_scenario_and_a_month_range() {
    let output = dealbench(&[
        "eval",
        SMALL,
        "--scenario",
        "Offer B",
        "--from",
        "2025-03",
        "--to",
        "2025-04",
        "-f",
        "json",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["scenario"], "Offer B");
    for month in json["months"].as_array().unwrap() {
        let period = month["period"].as_str().unwrap();
        assert!(("2025-03"..="2025-04").contains(&period), "{period}");
    }
}

#[test]
fn eval_csv_has_a_header_and_one_row_per_line() {
    let output = dealbench(&["eval", SMALL, "--format", "csv"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("period,contract_year,projected,kind,component,amount,explanation")
    );
    for line in lines {
        assert!(line.len() > 7 && line.as_bytes()[4] == b'-', "{line}");
    }
}

#[test]
fn eval_table_ends_with_the_totals() {
    let output = dealbench(&["eval", SMALL]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.starts_with("Small test project · Offer A · EUR · "),
        "{text}"
    );
    assert!(text.contains("\nTotals\nCharges  "), "{text}");
    assert!(text.lines().last().unwrap().starts_with("Net "), "{text}");
    assert!(
        text.lines().all(|l| !l.ends_with(' ')),
        "no trailing spaces"
    );
}

#[test]
fn compare_lists_every_scenario() {
    let output = dealbench(&["compare", SMALL, "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["project"], "Small test project");
    assert_eq!(json["currency"], "EUR");
    assert_eq!(json["discount_rate_pct"], "8");
    let names: Vec<&str> = json["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["scenario"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Offer A", "Offer B"]);
    for s in json["scenarios"].as_array().unwrap() {
        for key in [
            "charges",
            "adjustments",
            "credits",
            "bonuses",
            "earn_back",
            "net",
            "npv",
        ] {
            assert!(s[key].is_string(), "{key} in {s}");
        }
    }

    let table = stdout(&dealbench(&["compare", SMALL]));
    assert!(table.contains("\nScenario "), "{table}");
    assert!(table.contains("\nOffer A "), "{table}");
    assert!(table.contains("\nOffer B "), "{table}");

    let csv = stdout(&dealbench(&["compare", SMALL, "--format", "csv"]));
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(
        rows[0],
        "scenario,charges,adjustments,credits,bonuses,earn_back,net,npv"
    );
    assert_eq!(rows.len(), 3);
}

#[test]
fn version_and_help() {
    let output = dealbench(&["--version"]);
    assert_eq!(
        stdout(&output),
        format!("dealbench {}\n", env!("CARGO_PKG_VERSION"))
    );
    let help = stdout(&dealbench(&["--help"]));
    for word in ["check", "eval", "compare", "Examples:"] {
        assert!(help.contains(word), "{word} in {help}");
    }
    let help = stdout(&dealbench(&["eval", "--help"]));
    for word in [
        "--scenario",
        "--format",
        "--from",
        "--to",
        "table",
        "csv",
        "json",
    ] {
        assert!(help.contains(word), "{word} in {help}");
    }
}

// Bad input: exact messages, exit status 2.

#[test]
fn a_number_where_an_amount_string_belongs() {
    assert_refused(
        &["check", "tests/fixtures/wrong_type.ron"],
        "dealbench: tests/fixtures/wrong_type.ron:20:44: found the number 10000.00 where text \
         belongs: write amounts as strings, e.g. \"180000.00\"",
    );
}

#[test]
fn text_that_is_not_a_number() {
    assert_refused(
        &["check", "tests/fixtures/bad_decimal.ron"],
        "dealbench: tests/fixtures/bad_decimal.ron:41:29: \"thirty\" is not a number: write \
         amounts as decimal strings, e.g. \"180000.00\"",
    );
}

#[test]
fn a_whole_number_in_quotes() {
    assert_refused(
        &["check", "tests/fixtures/wrong_int.ron"],
        "dealbench: tests/fixtures/wrong_int.ron:10:17: found \"12\" where a whole number \
         belongs: write it without quotes, e.g. 36",
    );
}

#[test]
fn an_unknown_field_lists_the_expected_ones() {
    assert_refused(
        &["check", "tests/fixtures/unknown_field.ron"],
        "dealbench: tests/fixtures/unknown_field.ron:41:21: unknown field `taget` in \
         ServiceLevel; expected one of `id`, `name`, `kpi`, `direction`, `target`, `minimum`, \
         `window`, `missing_data`, `minimum_sample`, `excluded_months`, `credit`, \
         `credit_base`, `repeat_rule`, `cap`, `earn_back`, `improvement`: check the spelling",
    );
}

#[test]
fn an_unknown_kind_lists_the_expected_ones() {
    assert_refused(
        &["check", "tests/fixtures/unknown_variant.ron"],
        "dealbench: tests/fixtures/unknown_variant.ron:56:31: unknown kind `AllUnit` in \
         TierMode; expected one of `Graduated`, `AllUnits`, `FixedFee`",
    );
}

#[test]
fn a_month_that_does_not_exist() {
    assert_refused(
        &["check", "tests/fixtures/bad_date.ron"],
        "dealbench: tests/fixtures/bad_date.ron:74:17: `2025-13` is not a month: write it as \
         YYYY-MM, for example 2025-04",
    );
    assert_refused(
        &["check", "tests/fixtures/bad_start.ron"],
        "dealbench: tests/fixtures/bad_start.ron:9:12: `2025-1` is not a month: write it as \
         YYYY-MM, for example 2025-04",
    );
}

#[test]
fn a_syntax_error() {
    assert_refused(
        &["check", "tests/fixtures/syntax_error.ron"],
        "dealbench: tests/fixtures/syntax_error.ron:85:13: expected a `,` before this: separate \
         fields and list items with commas",
    );
}

#[test]
fn overlapping_bands() {
    assert_refused(
        &["check", "tests/fixtures/overlapping_bands.ron"],
        "dealbench: tests/fixtures/overlapping_bands.ron:23:21: scenario \"Offer A\", charge \
         \"calls\": band 2 starts at 4000 but band 1 ends at 5000: they overlap; start band 2 at 5000",
    );
}

#[test]
fn gapped_bands() {
    assert_refused(
        &["check", "tests/fixtures/gapped_bands.ron"],
        "dealbench: tests/fixtures/gapped_bands.ron:23:21: scenario \"Offer A\", charge \
         \"calls\": band 2 starts at 6000 but band 1 ends at 5000: volumes between are in no \
         band; start band 2 at 5000",
    );
}

#[test]
fn a_negative_rate() {
    assert_refused(
        &["check", "tests/fixtures/negative_rate.ron"],
        "dealbench: tests/fixtures/negative_rate.ron:23:21: scenario \"Offer A\", charge \
         \"calls\": the rate of band 2 is -3.50, but it cannot be negative; enter 0 or more",
    );
}

#[test]
fn a_missing_file() {
    assert_refused(
        &["check", "tests/fixtures/no_such_file.ron"],
        "dealbench: tests/fixtures/no_such_file.ron: no such file; check the name and the folder",
    );
    assert_refused(
        &["eval", "tests/fixtures/no_such_file.ron"],
        "dealbench: tests/fixtures/no_such_file.ron: no such file; check the name and the folder",
    );
}

#[test]
fn a_newer_format_version() {
    assert_refused(
        &["check", "tests/fixtures/newer_format.ron"],
        "dealbench: tests/fixtures/newer_format.ron:4:5: made by a newer Dealbench (format 2); \
         this one reads up to 1: update Dealbench",
    );
}

#[test]
fn an_unknown_scenario_lists_the_names() {
    assert_refused(
        &["eval", SMALL, "--scenario", "Offer C"],
        "dealbench: tests/fixtures/small.ron: no scenario named \"Offer C\"; the scenarios are \
         \"Offer A\", \"Offer B\"",
    );
}

#[test]
fn a_bad_month_range() {
    assert_refused(
        &["eval", SMALL, "--from", "2025-13"],
        "dealbench: --from: `2025-13` is not a month: write it as YYYY-MM, for example 2025-04",
    );
    assert_refused(
        &["eval", SMALL, "--from", "2025-06", "--to", "2025-03"],
        "dealbench: --from 2025-06 is after --to 2025-03; swap them",
    );
}

#[test]
fn every_problem_is_reported_on_its_own_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("two.ron");
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SMALL))
        .unwrap()
        .replace(
            "(from: \"5000\", rate: \"3.50\")",
            "(from: \"6000\", rate: \"-3.50\")",
        );
    std::fs::write(&path, text).unwrap();
    let output = dealbench(&["check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(err.lines().all(|l| l.starts_with("dealbench: ")), "{err}");
}

#[test]
fn the_readme_project_excerpt_is_a_valid_project() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    // The whole project (the other RON excerpts are fragments of one).
    let start = readme
        .find("```ron\n#![enable(implicit_some)]")
        .expect("a RON project excerpt in the README")
        + 7;
    let end = start + readme[start..].find("```").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("readme.ron");
    std::fs::write(&path, &readme[start..end]).unwrap();
    let output = dealbench(&["check", path.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[cfg(not(feature = "gui"))]
#[test]
fn without_the_app_no_command_prints_help_and_exits_2() {
    let output = dealbench(&[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).contains("Usage:"), "{}", stdout(&output));
    assert!(
        stderr(&output).contains("no desktop app"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn control_characters_in_names_are_escaped_on_the_terminal_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("escapes.ron");
    let text = std::fs::read_to_string(SMALL)
        .unwrap()
        .replace("\"Small test project\"", "\"\x1b[31mRed project\"")
        .replace("\"Offer A\"", "\"\x1b[31mOffer A\"")
        .replace("\"Offer B\"", "\"\x1b[31mOffer B\"")
        .replace("\"Base service fee\"", "\"\x1b[2JBase service fee\"");
    std::fs::write(&path, &text).unwrap();
    let file = path.to_str().unwrap();

    for args in [["eval", file], ["compare", file]] {
        let output = dealbench(&args);
        assert!(output.status.success(), "{}", stderr(&output));
        let out = stdout(&output);
        assert!(!out.contains('\x1b'), "{args:?}: {out:?}");
        assert!(out.contains("\\u{1b}[31mRed project · "), "{args:?}: {out}");
    }
    let out = stdout(&dealbench(&["eval", file]));
    assert!(out.contains(" · \\u{1b}[31mOffer A · EUR"), "{out}");
    assert!(out.contains("\\u{1b}[2JBase service fee"), "{out}");
    let out = stdout(&dealbench(&["compare", file]));
    assert!(out.contains("\n\\u{1b}[31mOffer A "), "{out}");

    // CSV keeps the data; JSON escapes it its own way.
    let csv = stdout(&dealbench(&["eval", file, "--format", "csv"]));
    assert!(csv.contains("\x1b[2JBase service fee"), "{csv:?}");
    let json = stdout(&dealbench(&["eval", file, "--format", "json"]));
    assert!(!json.contains('\x1b'), "{json:?}");
    assert!(json.contains("\\u001b[31mOffer A"), "{json}");

    // Messages that quote a name.
    let broken = text.replace(
        r#"(from: "5000", rate: "4.00")"#,
        r#"(from: "6000", rate: "4.00")"#,
    );
    std::fs::write(&path, broken).unwrap();
    let output = dealbench(&["check", file]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(!err.contains('\x1b'), "{err:?}");
    assert!(err.contains("\\u{1b}[31mOffer B"), "{err}");
}

#[test]
fn csv_output_never_carries_a_formula_a_spreadsheet_would_run() {
    // OWASP's CSV injection: names that a spreadsheet would run are written as text (a leading
    // quote); numbers, negative ones included, stay numbers.
    let hostile = r#"=HYPERLINK("http://example.com","click")"#;
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(SMALL).unwrap();
    let text = text
        .replace(r#"name: "Offer A""#, &format!("name: {hostile:?}"))
        .replace(r#"name: "Offer B""#, r#"name: "@SUM(1+1)""#);
    let file = dir.path().join("hostile.ron");
    std::fs::write(&file, text).unwrap();
    let file = file.to_str().unwrap();

    let compare = stdout(&dealbench(&["compare", file, "--format", "csv"]));
    let row = compare.lines().nth(1).unwrap();
    assert!(
        row.starts_with(r#""'=HYPERLINK(""http://example.com"",""click"")","#),
        "{row}"
    );

    assert!(
        compare.lines().nth(2).unwrap().starts_with("'@SUM(1+1),"),
        "{compare}"
    );

    let output = dealbench(&["eval", file, "--scenario", hostile, "--format", "csv"]);
    let ledger = stdout(&output);
    assert!(output.status.success(), "{}", stderr(&output));
    // A credit line's negative amount is still a number.
    let credit = ledger.lines().find(|l| l.contains(",credit,")).unwrap();
    let amount = credit.split(',').nth(5).unwrap();
    assert!(
        amount.starts_with('-') && amount[1..].parse::<f64>().is_ok(),
        "{credit}"
    );
}

#[test]
fn diff_lists_the_terms_that_differ_with_their_money() {
    let output = dealbench(&[
        "diff", SMALL, "--from", "Offer A", "--to", "Offer B", "-f", "json",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    for key in [
        "from",
        "to",
        "from_net",
        "to_net",
        "from_npv",
        "to_npv",
        "terms",
        "remainder_net",
        "remainder_npv",
    ] {
        assert!(json.get(key).is_some(), "{key}");
    }
    // The effects and the remainder add up to the difference, to the cent.
    let dec = |v: &serde_json::Value| {
        v.as_str()
            .unwrap()
            .parse::<rust_decimal::Decimal>()
            .unwrap()
    };
    let effects: rust_decimal::Decimal = json["terms"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| !t["net_effect"].is_null())
        .map(|t| dec(&t["net_effect"]))
        .sum();
    assert_eq!(
        effects + dec(&json["remainder_net"]),
        dec(&json["to_net"]) - dec(&json["from_net"])
    );
    let table = stdout(&dealbench(&[
        "diff", SMALL, "--from", "Offer A", "--to", "Offer B",
    ]));
    assert!(
        table.starts_with("From Offer A to Offer B: net "),
        "{table}"
    );
    assert!(table.contains("Everything else"), "{table}");
    assert_refused(
        &["diff", SMALL, "--from", "Offer A", "--to", "Offer Z"],
        "dealbench: tests/fixtures/small.ron: no scenario named \"Offer Z\"; the scenarios are \"Offer A\", \"Offer B\"",
    );
}
