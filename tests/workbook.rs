//! The workbook (`dealbench export FILE --xlsx OUT.xlsx`) read back with calamine, as a
//! spreadsheet would read it: every offer's ledger equals the engine's to the cent, and the
//! comparison sheet equals `compare --format json`.
#![allow(
    clippy::unwrap_used,
    reason = "test and bench set-up fails loudly with the value"
)]

use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};
use dealbench::engine::evaluate_all;
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

fn export(sample: &str, out: &Path) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_dealbench"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["export", sample, "--xlsx"])
        .arg(out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// A cell as an amount to the cent (the spreadsheet holds a double).
fn cents(cell: &Data) -> Decimal {
    match cell {
        Data::Float(f) => Decimal::from_f64(*f).unwrap().round_dp(2),
        Data::Int(i) => Decimal::from(*i),
        other => panic!("not a number: {other:?}"),
    }
}

fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        other => panic!("not text: {other:?}"),
    }
}

#[test]
fn every_offers_ledger_reads_back_to_the_cent() {
    let dir = tempfile::tempdir().unwrap();
    for sample in ["samples/contact_centre.ron", "samples/it_outsourcing.ron"] {
        let out = dir.path().join("deal.xlsx");
        let said = export(sample, &out);
        assert!(
            said.starts_with(&format!("Wrote {}: ", out.display())),
            "{said}"
        );
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(sample);
        let project = dealbench::io::project::load(&path).unwrap();
        let ledgers = evaluate_all(&project);
        let mut book: Xlsx<_> = open_workbook(&out).unwrap();
        let names = book.sheet_names();
        assert_eq!(names[0], "Offers compared");
        assert_eq!(names.len(), 3 + ledgers.len(), "{names:?}");
        for (i, ledger) in ledgers.iter().enumerate() {
            let range = book.worksheet_range(&names[1 + i]).unwrap();
            let mut rows = range.rows();
            let head: Vec<String> = rows.next().unwrap().iter().map(text).collect();
            assert_eq!(
                head,
                [
                    "Period",
                    "Contract year",
                    "Projected",
                    "Kind",
                    "Component",
                    "Amount",
                    "Explanation"
                ]
            );
            let lines: Vec<_> = ledger.months.iter().flat_map(|m| &m.lines).collect();
            let cells: Vec<&[Data]> = rows.collect();
            assert_eq!(cells.len(), lines.len(), "{}", ledger.scenario);
            for (row, line) in cells.iter().zip(&lines) {
                assert_eq!(cents(&row[5]), line.amount, "{}", line.explanation);
                assert_eq!(text(&row[4]), line.component);
                assert_eq!(text(&row[6]), line.explanation);
            }
            // The sheet's total is the ledger's net.
            let total: Decimal = cells.iter().map(|r| cents(&r[5])).sum();
            assert_eq!(total, ledger.totals.net, "{}", ledger.scenario);
        }
    }
}

#[test]
fn the_comparison_sheet_equals_compare_json() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("deal.xlsx");
    export("samples/contact_centre.ron", &out);
    let json = Command::new(env!("CARGO_BIN_EXE_dealbench"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["compare", "samples/contact_centre.ron", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    let range = book.worksheet_range("Offers compared").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(text(&rows[0][7]), "NPV at 8 % a year");
    let offers = json["scenarios"].as_array().unwrap();
    assert_eq!(rows.len(), 1 + offers.len());
    for (row, offer) in rows[1..].iter().zip(offers) {
        assert_eq!(text(&row[0]), offer["scenario"].as_str().unwrap());
        for (col, key) in [
            "charges",
            "adjustments",
            "credits",
            "bonuses",
            "earn_back",
            "net",
            "npv",
        ]
        .iter()
        .enumerate()
        {
            let expected: Decimal = offer[key].as_str().unwrap().parse().unwrap();
            assert_eq!(cents(&row[col + 1]), expected, "{key} of {}", text(&row[0]));
        }
    }
}

#[test]
fn an_unwritable_workbook_is_reported_with_exit_1_and_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("missing-folder").join("deal.xlsx");
    let output = Command::new(env!("CARGO_BIN_EXE_dealbench"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["export", "samples/contact_centre.ron", "--xlsx"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains(&out.display().to_string()), "{err}");
    assert!(!out.exists());
}
