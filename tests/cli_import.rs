//! `dealbench import` and `dealbench export` run as a user would, each in a temporary copy of a
//! fixture project: what is saved, what is printed, and that a refused import leaves the project
//! file byte for byte as it was.
#![allow(
    clippy::unwrap_used,
    reason = "test and bench set-up fails loudly with the value"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use dealbench::io::kpi_import::project_series;
use dealbench::io::project;
use dealbench::model::{KpiData, Project, YearMonth};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

/// A temporary folder holding copies of fixtures (never the committed files themselves).
struct Folder(tempfile::TempDir);

impl Folder {
    /// Copies `small.ron` and every file of `fixtures/cli_import` into a new folder.
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(
            Path::new(FIXTURES).join("small.ron"),
            dir.path().join("small.ron"),
        )
        .unwrap();
        for entry in std::fs::read_dir(Path::new(FIXTURES).join("cli_import")).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
        }
        Folder(dir)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.path().join(name)
    }

    fn bytes(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(name)).unwrap()
    }

    fn write(&self, name: &str, text: &str) {
        std::fs::write(self.path(name), text).unwrap();
    }

    fn load(&self, name: &str) -> Project {
        project::load(&self.path(name)).unwrap()
    }

    /// Runs `dealbench` in the folder, so that file names are relative to it.
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_dealbench"))
            .args(args)
            .current_dir(self.0.path())
            .output()
            .expect("the binary runs")
    }

    /// Runs a command that must be refused: status 2, nothing on stdout, exactly `stderr`, and
    /// `small.ron` unchanged with no backup made.
    fn assert_refused(&self, args: &[&str], expected_stderr: &str) {
        let before = self.bytes("small.ron");
        let output = self.run(args);
        assert_eq!(stderr(&output), expected_stderr, "stderr of {args:?}");
        assert_eq!(output.status.code(), Some(2), "exit status of {args:?}");
        assert_eq!(stdout(&output), "", "stdout of {args:?}");
        assert_eq!(self.bytes("small.ron"), before, "small.ron after {args:?}");
        assert!(
            !self.path("small.ron.bak").exists(),
            "no backup after {args:?}"
        );
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn assert_success(output: &Output) {
    assert!(
        output.status.success(),
        "status {:?}, stderr: {}",
        output.status,
        stderr(output)
    );
    assert_eq!(stderr(output), "");
}

fn ym(text: &str) -> YearMonth {
    text.parse().unwrap()
}

/// A KPI's values kept in the project, month by month.
fn kpi_values(project: &Project, id: &str) -> Vec<(String, Decimal)> {
    match &project.kpi(id).unwrap_or_else(|| panic!("KPI {id}")).data {
        KpiData::Values { values, .. } => values.iter().map(|(m, v)| (m.to_string(), *v)).collect(),
        other => panic!("{id} is not kept as values: {other:?}"),
    }
}

fn months(pairs: &[(&str, Decimal)]) -> Vec<(String, Decimal)> {
    pairs.iter().map(|(m, v)| ((*m).to_owned(), *v)).collect()
}

const BROKEN_PROBLEMS: &str = "\
dealbench: broken.csv row 3, column \"asa_secs\": \"2x9\" is not a number; fix the cell or choose Skip bad rows
dealbench: broken.csv row 4, column \"abandon_pct\": \"140%\" is 140, outside the allowed range 0 to 100 for abandon_pct; fix the cell, widen the range in the mapping or choose Skip bad rows
dealbench: broken.csv, column \"abandon_pct\": no values for 2025-07 to 2025-08 (2 months) between the first and the last month; add the missing months to the file, or import as is and they stay empty
dealbench: broken.csv, column \"asa_secs\": no values for 2025-07 to 2025-08 (2 months) between the first and the last month; add the missing months to the file, or import as is and they stay empty
";

#[test]
fn a_clean_csv_adds_and_updates_series_and_remembers_its_source() {
    let folder = Folder::new();
    let output = folder.run(&["import", "small.ron", "--kpi", "clean.csv"]);
    assert_success(&output);
    assert_eq!(
        stdout(&output),
        "\
clean.csv: 3 rows read, 0 errors, 0 warnings
  abandon_pct: new KPI series, 3 months added (2025-06 to 2025-08), 0 changed, 0 unchanged
  asa_secs: 2 months added (2025-07 to 2025-08), 1 changed, 0 unchanged, 5 kept
    2025-06: 31 → 33
Saved small.ron (the previous version is small.ron.bak).
"
    );
    let saved = folder.load("small.ron");
    assert_eq!(
        kpi_values(&saved, "abandon_pct"),
        months(&[
            ("2025-06", dec!(4.5)),
            ("2025-07", dec!(5)),
            ("2025-08", dec!(3.25))
        ])
    );
    assert_eq!(saved.kpi("abandon_pct").unwrap().unit, "%");
    assert_eq!(
        kpi_values(&saved, "asa_secs"),
        months(&[
            ("2025-01", dec!(28)),
            ("2025-02", dec!(35)),
            ("2025-03", dec!(50)),
            ("2025-04", dec!(29)),
            ("2025-05", dec!(30)),
            ("2025-06", dec!(33)),
            ("2025-07", dec!(29)),
            ("2025-08", dec!(30)),
        ])
    );
    assert_eq!(saved.imports.len(), 1);
    assert_eq!(
        saved.imports[0].file, "clean.csv",
        "relative to the project"
    );
    assert_eq!(saved.imports[0].series, ["abandon_pct", "asa_secs"]);
    assert_eq!(
        folder.bytes("small.ron.bak"),
        std::fs::read(Path::new(FIXTURES).join("small.ron")).unwrap()
    );
}

#[test]
fn a_broken_csv_is_refused_with_every_problem_and_changes_nothing() {
    let folder = Folder::new();
    folder.assert_refused(
        &["import", "small.ron", "--kpi", "broken.csv"],
        &format!(
            "{BROKEN_PROBLEMS}dealbench: broken.csv: 2 errors in rows 3, 4; fix them, or pass \
             --skip-bad-rows to import without those rows; nothing was changed\n"
        ),
    );
    // A dry run is refused the same way: it says whether the import would go through.
    folder.assert_refused(
        &["import", "small.ron", "--kpi", "broken.csv", "--dry-run"],
        &format!(
            "{BROKEN_PROBLEMS}dealbench: broken.csv: 2 errors in rows 3, 4; fix them, or pass \
             --skip-bad-rows to import without those rows; nothing was changed\n"
        ),
    );
}

#[test]
fn skip_bad_rows_applies_the_good_rows_only() {
    let folder = Folder::new();
    let output = folder.run(&[
        "import",
        "small.ron",
        "--kpi",
        "broken.csv",
        "--skip-bad-rows",
    ]);
    assert_success(&output);
    let text = stdout(&output);
    assert!(
        text.starts_with("broken.csv: 6 rows read, 2 errors, 2 warnings\n"),
        "{text}"
    );
    assert!(text.contains("broken.csv: skipping rows 3, 4\n"), "{text}");
    let saved = folder.load("small.ron");
    assert_eq!(
        kpi_values(&saved, "abandon_pct"),
        months(&[
            ("2025-06", dec!(4.5)),
            ("2025-09", dec!(3)),
            ("2025-10", dec!(2)),
            ("2025-11", dec!(1)),
        ])
    );
    let asa = kpi_values(&saved, "asa_secs");
    assert_eq!(asa.len(), 6 + 3, "2025-06 replaced, 2025-09 to 11 added");
    assert!(asa.contains(&("2025-06".to_owned(), dec!(33))));
    assert!(!asa.iter().any(|(m, _)| m == "2025-07" || m == "2025-08"));
}

#[test]
fn a_dry_run_shows_the_changes_and_saves_nothing() {
    let folder = Folder::new();
    let before = folder.bytes("small.ron");
    let output = folder.run(&["import", "small.ron", "--kpi", "clean.csv", "--dry-run"]);
    assert_success(&output);
    assert_eq!(
        stdout(&output),
        "\
clean.csv: 3 rows read, 0 errors, 0 warnings
  abandon_pct: new KPI series, 3 months added (2025-06 to 2025-08), 0 changed, 0 unchanged
  asa_secs: 2 months added (2025-07 to 2025-08), 1 changed, 0 unchanged, 5 kept
    2025-06: 31 → 33
Dry run: small.ron was not changed.
"
    );
    assert_eq!(folder.bytes("small.ron"), before);
    assert!(!folder.path("small.ron.bak").exists());
}

#[test]
fn a_file_that_cannot_be_read_changes_nothing() {
    let folder = Folder::new();
    folder.assert_refused(
        &["import", "small.ron", "--kpi", "missing.csv"],
        "dealbench: cannot read missing.csv: No such file or directory (os error 2); check that \
         the file exists and is not open in another program\n",
    );
    folder.write("empty.csv", "");
    folder.assert_refused(
        &["import", "small.ron", "--kpi", "empty.csv"],
        "dealbench: empty.csv is empty; choose a file with a header row and data rows\n",
    );
}

#[test]
fn a_bad_mapping_names_its_line_and_column() {
    let folder = Folder::new();
    folder.assert_refused(
        &[
            "import",
            "small.ron",
            "--kpi",
            "clean.csv",
            "--mapping",
            "bad_mapping.ron",
        ],
        "dealbench: bad_mapping.ron:5:9: Unexpected field named `colums` in `Wide`, expected \
         either `period_column` or `columns` instead; `dealbench import PROJECT --kpi FILE \
         --print-mapping` prints a mapping to start from\n",
    );
}

#[test]
fn a_mapping_file_decides_how_the_file_is_read() {
    let folder = Folder::new();
    let output = folder.run(&[
        "import",
        "small.ron",
        "--kpi",
        "clean.csv",
        "--mapping",
        "clean.mapping.ron",
    ]);
    assert_success(&output);
    let saved = folder.load("small.ron");
    assert_eq!(
        kpi_values(&saved, "abandon_pct")[2],
        ("2025-08".to_owned(), dec!(3.25))
    );
    let source = &saved.imports[0];
    let text = std::fs::read_to_string(folder.path("clean.mapping.ron")).unwrap();
    let expected: dealbench::io::kpi_import::ImportMapping = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(&text)
        .unwrap();
    assert_eq!(source.mapping, expected, "the mapping is remembered");
}

#[test]
fn a_printed_mapping_reads_back_as_a_mapping_file() {
    let folder = Folder::new();
    let output = folder.run(&[
        "import",
        "small.ron",
        "--kpi",
        "clean.csv",
        "--print-mapping",
    ]);
    assert_success(&output);
    let text = stdout(&output);
    assert!(text.starts_with("#![enable(implicit_some)]\n"), "{text}");
    assert!(text.contains("period_column: \"month\""), "{text}");
    assert!(
        !folder.path("small.ron.bak").exists(),
        "printing changes nothing"
    );
    folder.write("guessed.ron", &text);
    let via_file = folder.run(&[
        "import",
        "small.ron",
        "--kpi",
        "clean.csv",
        "--mapping",
        "guessed.ron",
        "--dry-run",
    ]);
    let guessed = folder.run(&["import", "small.ron", "--kpi", "clean.csv", "--dry-run"]);
    assert_success(&via_file);
    assert_eq!(stdout(&via_file), stdout(&guessed));
}

#[test]
fn exported_history_imports_back_as_the_same_series() {
    for format in [None, Some("--wide")] {
        let folder = Folder::new();
        let mut args = vec!["export", "small.ron", "--kpi", "history.csv"];
        args.extend(format);
        let output = folder.run(&args);
        assert_success(&output);
        let wide = format.is_some();
        assert_eq!(
            stdout(&output),
            format!(
                "Wrote history.csv: 2 series (asa_secs, calls), 12 values, {} format.\n",
                if wide { "wide" } else { "long" }
            )
        );
        let header = if wide {
            "period,asa_secs,calls\n"
        } else {
            "period,metric,value\n"
        };
        let csv = String::from_utf8(folder.bytes("history.csv")).unwrap();
        assert!(csv.starts_with(header), "{csv}");

        let output = folder.run(&["import", "no_history.ron", "--kpi", "history.csv"]);
        assert_success(&output);
        let original = project_series(&folder.load("small.ron"));
        let imported = project_series(&folder.load("no_history.ron"));
        assert_eq!(imported, original, "format {format:?}");
        assert_eq!(original["calls"][&ym("2025-05")], dec!(0));
    }
}

#[test]
fn the_exported_ledger_has_the_eval_header_and_the_net_of_each_month() {
    let folder = Folder::new();
    for (scenario, net) in [
        // Offer A, 2025-01: base fee 10,000.00; 4,800 calls graduated, all in the first band
        // (0–5,000 at 4.00) = 19,200.00; ASA 28 s meets the 30 s target, no credit.
        // Net 10,000.00 + 19,200.00 = 29,200.00.
        ("Offer A", dec!(29200.00)),
        // Offer B, 2025-01: 4,800 calls, all units at the rate of the band they fall in (4.50)
        // = 21,600.00, and nothing else. Net 21,600.00.
        ("Offer B", dec!(21600.00)),
    ] {
        let output = folder.run(&[
            "export",
            "small.ron",
            "--ledger",
            "ledger.csv",
            "--scenario",
            scenario,
            "--from",
            "2025-01",
            "--to",
            "2025-02",
        ]);
        assert_success(&output);
        assert_eq!(
            stdout(&output),
            format!("Wrote ledger.csv: the ledger of {scenario}, 2 months (2025-01 to 2025-02).\n")
        );
        let mut reader = csv::Reader::from_path(folder.path("ledger.csv")).unwrap();
        assert_eq!(
            reader.headers().unwrap(),
            vec![
                "period",
                "contract_year",
                "projected",
                "kind",
                "component",
                "amount",
                "explanation"
            ]
        );
        let january: Decimal = reader
            .records()
            .map(Result::unwrap)
            .filter(|r| &r[0] == "2025-01")
            .map(|r| r[5].parse::<Decimal>().unwrap())
            .sum();
        assert_eq!(january, net, "{scenario}");
    }
    // The same bytes as `eval --format csv`: one CSV writer.
    let eval = folder.run(&[
        "eval",
        "small.ron",
        "--scenario",
        "Offer B",
        "--format",
        "csv",
        "--from",
        "2025-01",
        "--to",
        "2025-02",
    ]);
    assert_eq!(eval.stdout, folder.bytes("ledger.csv"));
}

#[test]
fn export_refuses_an_unknown_scenario_and_an_unwritable_file() {
    let folder = Folder::new();
    let output = folder.run(&[
        "export",
        "small.ron",
        "--ledger",
        "out.csv",
        "--scenario",
        "C",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "dealbench: small.ron: no scenario named \"C\"; the scenarios are \"Offer A\", \"Offer B\"\n"
    );
    assert!(!folder.path("out.csv").exists());
    let output = folder.run(&["export", "small.ron", "--kpi", "no/such/folder/out.csv"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with("dealbench: no/such/folder/out.csv: cannot write the file: "),
        "{}",
        stderr(&output)
    );
}

#[test]
fn reimport_refreshes_a_series_after_its_file_changed() {
    let folder = Folder::new();
    std::fs::create_dir(folder.path("data")).unwrap();
    std::fs::copy(folder.path("clean.csv"), folder.path("data/calls.csv")).unwrap();
    assert_success(&folder.run(&["import", "small.ron", "--kpi", "data/calls.csv"]));
    assert_eq!(folder.load("small.ron").imports[0].file, "data/calls.csv");

    folder.write(
        "data/calls.csv",
        "month,abandon_pct,asa_secs\n2025-06,4.5%,33\n2025-07,6%,29\n2025-08,3.25%,30\n2025-09,2%,27\n",
    );
    // Run from another folder: the stored path is relative to the project's folder.
    let output = Command::new(env!("CARGO_BIN_EXE_dealbench"))
        .args(["import", "small.ron", "--reimport"])
        .current_dir(folder.0.path())
        .output()
        .unwrap();
    assert_success(&output);
    assert_eq!(
        stdout(&output),
        "\
calls.csv: 4 rows read, 0 errors, 0 warnings
  abandon_pct: 1 month added (2025-09), 1 changed, 2 unchanged
    2025-07: 5 → 6
  asa_secs: 1 month added (2025-09), 0 changed, 3 unchanged, 5 kept
Saved small.ron (the previous version is small.ron.bak).
"
    );
    let saved = folder.load("small.ron");
    assert_eq!(
        kpi_values(&saved, "abandon_pct"),
        months(&[
            ("2025-06", dec!(4.5)),
            ("2025-07", dec!(6)),
            ("2025-08", dec!(3.25)),
            ("2025-09", dec!(2)),
        ])
    );
    assert_eq!(
        saved.imports.len(),
        1,
        "the import is refreshed, not repeated"
    );

    // A re-import whose file went bad changes nothing.
    std::fs::remove_file(folder.path("small.ron.bak")).unwrap();
    std::fs::copy(folder.path("broken.csv"), folder.path("data/calls.csv")).unwrap();
    let before = folder.bytes("small.ron");
    let output = folder.run(&["import", "small.ron", "--reimport"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).ends_with(
            "dealbench: calls.csv: 2 errors in rows 3, 4; fix them, or pass --skip-bad-rows to \
             import without those rows; nothing was changed\n"
        ),
        "{}",
        stderr(&output)
    );
    assert_eq!(folder.bytes("small.ron"), before);
}

#[test]
fn reimport_without_imports_says_so() {
    let folder = Folder::new();
    let before = folder.bytes("small.ron");
    let output = folder.run(&["import", "small.ron", "--reimport"]);
    assert_success(&output);
    assert_eq!(
        stdout(&output),
        "small.ron: no imported files to re-import; import one with --kpi first\n"
    );
    assert_eq!(folder.bytes("small.ron"), before);
}

#[test]
fn import_needs_a_file_or_reimport() {
    let folder = Folder::new();
    let output = folder.run(&["import", "small.ron"]);
    assert_eq!(output.status.code(), Some(2), "clap's usage error");
    assert!(
        stderr(&output).contains("--kpi <FILE>"),
        "{}",
        stderr(&output)
    );
    let output = folder.run(&["import", "small.ron", "--kpi", "clean.csv", "--reimport"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        folder.bytes("small.ron"),
        std::fs::read(Path::new(FIXTURES).join("small.ron")).unwrap()
    );
}

#[test]
fn a_project_that_cannot_be_saved_exits_1_and_stays_as_it_was() {
    // A folder where the backup goes cannot be replaced, even by root: the save fails after the
    // import was checked, which is an output failure (1), not bad input (2).
    let folder = Folder::new();
    let before = folder.bytes("small.ron");
    std::fs::create_dir(folder.path("small.ron.bak")).unwrap();
    folder.write("small.ron.bak/keep", "a folder in the way");
    let output = folder.run(&["import", "small.ron", "--kpi", "clean.csv"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).starts_with("dealbench: small.ron: cannot write the file: "),
        "{}",
        stderr(&output)
    );
    assert_eq!(folder.bytes("small.ron"), before);
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_is_reported_as_the_folders_permissions() {
    use std::os::unix::fs::PermissionsExt as _;
    let folder = Folder::new();
    let before = folder.bytes("small.ron");
    let mode = |m| std::fs::set_permissions(folder.0.path(), std::fs::Permissions::from_mode(m));
    mode(0o555).unwrap();
    let writable = std::fs::write(folder.path("probe"), b"").is_ok(); // root ignores permissions
    let output = folder.run(&["import", "small.ron", "--kpi", "clean.csv"]);
    mode(0o755).unwrap();
    if writable {
        return;
    }
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).ends_with(
            "dealbench: small.ron: cannot write the file: permission denied in the folder .; \
             check that the folder is writable\n"
        ),
        "{}",
        stderr(&output)
    );
    assert_eq!(folder.bytes("small.ron"), before);
}

#[test]
fn a_column_left_out_is_in_the_report() {
    let folder = Folder::new();
    folder.write(
        "notes.csv",
        "month,asa_secs,Notes\n2025-06,33,late\n2025-07,29,ok\n",
    );
    let output = folder.run(&["import", "small.ron", "--kpi", "notes.csv", "--dry-run"]);
    assert_success(&output);
    assert_eq!(
        stdout(&output),
        "\
notes.csv: 2 rows read, 0 errors, 1 warning
notes.csv, column \"Notes\": not imported: its values are text, not KPI values
  asa_secs: 1 month added (2025-07), 1 changed, 0 unchanged, 5 kept
    2025-06: 31 → 33
Dry run: small.ron was not changed.
"
    );
}

#[test]
fn a_file_with_no_kpi_values_is_refused_and_nothing_is_saved() {
    let folder = Folder::new();
    folder.write("notes.csv", "month,Notes\n2025-06,late\n2025-07,ok\n");
    let expected = "\
dealbench: notes.csv, column \"Notes\": not imported: its values are text, not KPI values
dealbench: notes.csv: no KPI values found: column \"Notes\" was not imported (its values are text, not KPI values); choose the columns with --mapping (--print-mapping shows the guessed one); nothing was changed
";
    folder.assert_refused(&["import", "small.ron", "--kpi", "notes.csv"], expected);
    folder.assert_refused(
        &["import", "small.ron", "--kpi", "notes.csv", "--dry-run"],
        expected,
    );
}

#[test]
fn a_column_named_as_a_project_series_is_imported_with_its_bad_cells() {
    // "calls" is a volume of small.ron: its text cells are errors, not a column left out.
    let folder = Folder::new();
    folder.write(
        "calls.csv",
        "month,calls\n2025-06,n/a\n2025-07,-\n2025-08,5200\n",
    );
    folder.assert_refused(
        &["import", "small.ron", "--kpi", "calls.csv"],
        "\
dealbench: calls.csv row 2, column \"calls\": \"n/a\" is not a number; fix the cell or choose Skip bad rows
dealbench: calls.csv row 3, column \"calls\": \"-\" is not a number; fix the cell or choose Skip bad rows
dealbench: calls.csv: 2 errors in rows 2, 3; fix them, or pass --skip-bad-rows to import without those rows; nothing was changed
",
    );
}

#[test]
fn a_title_block_above_the_header_row_is_found_or_given() {
    let folder = Folder::new();
    folder.write(
        "titled.csv",
        "Contact centre KPI report\r\nexported 2025-09-01\r\n\r\nmonth,asa_secs\r\n2025-06,33\r\n2025-07,29\r\n",
    );
    let expected = "\
titled.csv: 2 rows read, 0 errors, 0 warnings
  asa_secs: 1 month added (2025-07), 1 changed, 0 unchanged, 5 kept
    2025-06: 31 → 33
Dry run: small.ron was not changed.
";
    let output = folder.run(&["import", "small.ron", "--kpi", "titled.csv", "--dry-run"]);
    assert_success(&output);
    assert_eq!(stdout(&output), expected);
    let output = folder.run(&[
        "import",
        "small.ron",
        "--kpi",
        "titled.csv",
        "--header-row",
        "4",
        "--dry-run",
    ]);
    assert_success(&output);
    assert_eq!(stdout(&output), expected);
    // The mapping remembers the row, so that a re-import reads the file the same way.
    let output = folder.run(&[
        "import",
        "small.ron",
        "--kpi",
        "titled.csv",
        "--print-mapping",
    ]);
    assert_success(&output);
    assert!(
        stdout(&output).contains("header_row: 4,"),
        "{}",
        stdout(&output)
    );
}

/// `small.ron` with two derived KPIs added (`uptime` from downtime minutes, `abandon` from a
/// numerator and a denominator) and sample sizes for two months of `asa_secs`.
fn with_derived_kpis(folder: &Folder) {
    use dealbench::model::KpiSeries;
    let mut project = folder.load("small.ron");
    let kpi = |id: &str, name: &str, data: KpiData| KpiSeries {
        id: id.to_owned(),
        name: name.to_owned(),
        unit: "%".to_owned(),
        data,
        projected: Default::default(),
    };
    project.kpis.push(kpi(
        "uptime",
        "Uptime",
        KpiData::Downtime {
            minutes: [(ym("2025-05"), dec!(20)), (ym("2025-06"), dec!(30))].into(),
        },
    ));
    project.kpis.push(kpi(
        "abandon",
        "Abandonment",
        KpiData::Ratio {
            numerator: [(ym("2025-06"), dec!(30))].into(),
            denominator: [(ym("2025-06"), dec!(600))].into(),
            scale: dec!(100),
        },
    ));
    if let KpiData::Values { samples, .. } = &mut project.kpis[0].data {
        *samples = [(ym("2025-05"), dec!(180)), (ym("2025-06"), dec!(200))].into();
    }
    project::save(&folder.path("small.ron"), &project).unwrap();
    std::fs::remove_file(folder.path("small.ron.bak")).ok();
}

#[test]
fn downtime_minutes_and_a_numerator_are_imported_into_their_kpis() {
    let folder = Folder::new();
    with_derived_kpis(&folder);
    folder.write(
        "parts.csv",
        "month,Downtime,Abandoned\n2025-06,44,36\n2025-07,12,40\n",
    );
    folder.write(
        "parts.mapping.ron",
        "(layout: Wide(period_column: \"month\", columns: [
            (metric: \"uptime.downtime\", source: Column(\"Downtime\")),
            (metric: \"abandon.numerator\", source: Column(\"Abandoned\")),
        ]))\n",
    );
    let output = folder.run(&[
        "import",
        "small.ron",
        "--kpi",
        "parts.csv",
        "--mapping",
        "parts.mapping.ron",
    ]);
    assert_success(&output);
    assert_eq!(
        stdout(&output),
        "\
parts.csv: 2 rows read, 0 errors, 1 warning
parts.csv: KPI \"abandon\": 2025-07 has a numerator but no denominator, so the KPI has no value there; import \"abandon.denominator\" for it too
  abandon.numerator: numerator of KPI \"abandon\", 1 month added (2025-07), 1 changed, 0 unchanged
    2025-06: 30 → 36
  uptime.downtime: downtime minutes of KPI \"uptime\", 1 month added (2025-07), 1 changed, 0 unchanged, 1 kept
    2025-06: 30 → 44
Saved small.ron (the previous version is small.ron.bak).
"
    );
    let saved = folder.load("small.ron");
    let parts = dealbench::io::kpi_import::import_series(&saved);
    assert_eq!(
        parts["uptime.downtime"],
        [
            (ym("2025-05"), dec!(20)),
            (ym("2025-06"), dec!(44)),
            (ym("2025-07"), dec!(12))
        ]
        .into()
    );
    assert_eq!(
        parts["abandon.numerator"],
        [(ym("2025-06"), dec!(36)), (ym("2025-07"), dec!(40))].into()
    );
    // 36 / 600 × 100 = 6
    let abandon = saved.kpi("abandon").unwrap();
    assert_eq!(abandon.observation(ym("2025-06")).unwrap().value, dec!(6));
}

#[test]
fn values_into_a_derived_kpi_are_refused_naming_its_parts() {
    let folder = Folder::new();
    with_derived_kpis(&folder);
    folder.write("uptime.csv", "month,uptime\n2025-07,99.9\n");
    folder.assert_refused(
        &["import", "small.ron", "--kpi", "uptime.csv"],
        "dealbench: KPI \"uptime\" is derived from raw parts (downtime minutes); import them as \"uptime.downtime\" (map the file's columns to those ids), or map the columns to a new metric id; nothing was changed\n",
    );
}

#[test]
fn replacing_survey_values_removes_their_sample_sizes_with_a_warning() {
    let folder = Folder::new();
    with_derived_kpis(&folder);
    // 2025-05 keeps its value (and its sample size); 2025-06 changes.
    folder.write("asa.csv", "month,asa_secs\n2025-05,30\n2025-06,33\n");
    let output = folder.run(&["import", "small.ron", "--kpi", "asa.csv"]);
    assert_success(&output);
    assert_eq!(
        stdout(&output),
        "\
asa.csv: 2 rows read, 0 errors, 1 warning
asa.csv: KPI \"asa_secs\": the sample sizes of 2025-06 were removed, as the import replaced their values without sample sizes; import \"asa_secs.samples\" with the values to keep them
  asa_secs: 0 months added, 1 changed, 1 unchanged, 4 kept
    2025-06: 31 → 33
Saved small.ron (the previous version is small.ron.bak).
"
    );
    let saved = folder.load("small.ron");
    assert_eq!(
        dealbench::io::kpi_import::import_series(&saved)["asa_secs.samples"],
        [(ym("2025-05"), dec!(180))].into()
    );
}

#[test]
fn a_column_named_as_a_series_of_the_project_updates_that_series() {
    // small.ron's KPI asa_secs is named "Average speed of answer", in seconds.
    let folder = Folder::new();
    folder.write(
        "named.csv",
        "month,Average Speed of Answer (s)\n2025-06,31\n2025-07,29\n",
    );
    let output = folder.run(&["import", "small.ron", "--kpi", "named.csv", "--dry-run"]);
    assert_success(&output);
    assert_eq!(
        stdout(&output),
        "\
named.csv: 2 rows read, 0 errors, 0 warnings
  asa_secs: 1 month added (2025-07), 0 changed, 1 unchanged, 5 kept
Dry run: small.ron was not changed.
"
    );
}

#[test]
fn a_column_named_by_a_kpis_part_id_is_guessed_into_that_part() {
    let folder = Folder::new();
    with_derived_kpis(&folder);
    folder.write(
        "parts.csv",
        "month,uptime.downtime,abandon.denominator\n2025-06,44,720\n",
    );
    let output = folder.run(&["import", "small.ron", "--kpi", "parts.csv", "--dry-run"]);
    assert_success(&output);
    assert_eq!(
        stdout(&output),
        "\
parts.csv: 1 row read, 0 errors, 0 warnings
  abandon.denominator: denominator of KPI \"abandon\", 0 months added, 1 changed, 0 unchanged
    2025-06: 600 → 720
  uptime.downtime: downtime minutes of KPI \"uptime\", 0 months added, 1 changed, 0 unchanged, 1 kept
    2025-06: 30 → 44
Dry run: small.ron was not changed.
"
    );
}
