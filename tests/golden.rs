//! Golden tests: the output of the built binary against committed expected files.
//!
//! - Each sample's `eval --format json`, per scenario, against
//!   `tests/golden/<sample>.<scenario-slug>.json`: the proof that no amount of money moved.
//! - Each sample's `risk --format json`, per scenario, with fixed settings ([`RISK_ARGS`]),
//!   against `tests/golden/risk/<sample>.<scenario-slug>.json`: the simulated figures (draws,
//!   percentiles, trigger and cap odds, fee at risk) cannot move unnoticed either, whichever
//!   path computes them.
//! - Each refused input in [`REFUSED`] (a bad file from `tests/fixtures/refused/` or a bad
//!   argument), against `tests/golden/refused/<case>.txt`: the command line, the exit status
//!   and every line of stderr. A refused command prints nothing on stdout and changes no file
//!   in `tests/fixtures/refused/`. Commands run from the package root with paths relative to
//!   it, so the messages, which name the files, are the same on every machine.
//!
//! After a deliberate change to the engine, the samples or a message, regenerate the files and
//! review the diff before committing it (never bless to make a failure go away):
//!
//! ```text
//! DEALBENCH_BLESS=1 cargo test --test golden
//! ```
#![allow(
    clippy::unwrap_used,
    reason = "test and bench set-up fails loudly with the value"
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// One folder of golden files: each output is compared with its file, or written over it when
/// `DEALBENCH_BLESS=1`; at the end, a file no output claimed is stale (a renamed sample,
/// scenario or case) and is reported, or removed when blessing.
struct GoldenFolder {
    /// The package root: paths in failures are relative to it.
    root: PathBuf,
    /// The folder, below the root.
    folder: PathBuf,
    /// The golden files' extension.
    extension: &'static str,
    /// What produces a golden file, for the stale ones: "sample scenario".
    producer: &'static str,
    bless: bool,
    claimed: Vec<PathBuf>,
    failures: Vec<String>,
}

impl GoldenFolder {
    fn new(folder: &str, extension: &'static str, producer: &'static str) -> Self {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        GoldenFolder {
            folder: root.join(folder),
            root,
            extension,
            producer,
            bless: std::env::var_os("DEALBENCH_BLESS").is_some_and(|v| v == "1"),
            claimed: Vec::new(),
            failures: Vec::new(),
        }
    }

    fn relative<'p>(&self, path: &'p Path) -> std::path::Display<'p> {
        path.strip_prefix(&self.root).unwrap_or(path).display()
    }

    /// Compares `actual` with the golden file `name`, or writes it when blessing;
    /// `difference(expected)` says how they differ.
    fn check(&mut self, name: &str, actual: &str, difference: impl FnOnce(&str) -> String) {
        let golden = self.folder.join(format!("{name}.{}", self.extension));
        self.claimed.push(golden.clone());
        if self.bless {
            std::fs::create_dir_all(&self.folder).unwrap();
            std::fs::write(&golden, actual).unwrap();
            return;
        }
        let failure = match std::fs::read_to_string(&golden) {
            Ok(expected) if expected == actual => return,
            Ok(expected) => format!("{} {}", self.relative(&golden), difference(&expected)),
            Err(_) => format!(
                "{} is missing: run `DEALBENCH_BLESS=1 cargo test --test golden` to write it, \
                 then read it and commit it",
                self.relative(&golden)
            ),
        };
        self.failures.push(failure);
    }

    /// Records a failure that is not a difference of text.
    fn fail(&mut self, failure: String) {
        self.failures.push(failure);
    }

    /// Fails with every failure, after looking for stale files.
    fn finish(mut self, checked: usize) {
        for entry in std::fs::read_dir(&self.folder).into_iter().flatten() {
            let path = entry.unwrap().path();
            let golden = path.extension().is_some_and(|e| e == self.extension);
            if !golden || self.claimed.contains(&path) {
                continue;
            }
            if self.bless {
                std::fs::remove_file(&path).unwrap();
            } else {
                let failure = format!(
                    "{} belongs to no {}: delete it (blessing does)",
                    self.relative(&path),
                    self.producer
                );
                self.failures.push(failure);
            }
        }
        assert!(
            self.failures.is_empty(),
            "{} of {checked} golden files in {} do not match; if the change is intended, run \
             `DEALBENCH_BLESS=1 cargo test --test golden` and review the diff:\n{}",
            self.failures.len(),
            self.relative(&self.folder),
            self.failures.join("\n")
        );
    }
}

/// `Counter-offer 2 (final)` → `counter-offer-2-final`.
fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

fn samples(root: &Path) -> Vec<PathBuf> {
    let mut samples: Vec<PathBuf> = std::fs::read_dir(root.join("samples"))
        .expect("the samples folder")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    samples.sort();
    samples
}

/// The risk goldens' settings: enough trials for every percentile to differ, blocks of two
/// months so the block draw is covered too, a seed that is not the default.
const RISK_ARGS: [&str; 6] = ["--trials", "400", "--seed", "20261129", "--block", "2"];

fn eval_json(root: &Path, sample: &Path, scenario: &str) -> String {
    command_json(root, "eval", sample, scenario, &[])
}

fn command_json(
    root: &Path,
    command: &str,
    sample: &Path,
    scenario: &str,
    args: &[&str],
) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_dealbench"))
        .current_dir(root)
        .arg(command)
        .arg(sample.strip_prefix(root).unwrap())
        .args(["--scenario", scenario, "--format", "json"])
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(
        output.status.success(),
        "{command} {} --scenario {scenario:?} failed: {}",
        sample.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// The first line where two texts differ, for a readable failure.
fn first_difference(expected: &str, actual: &str) -> String {
    let mut expected_lines = expected.lines();
    let mut actual_lines = actual.lines();
    for line in 1.. {
        match (expected_lines.next(), actual_lines.next()) {
            (None, None) => break,
            (e, a) if e != a => {
                return format!(
                    "line {line}:\n  expected: {}\n  actual:   {}",
                    e.unwrap_or("(end of file)"),
                    a.unwrap_or("(end of output)")
                );
            }
            _ => {}
        }
    }
    "they differ only in line endings".to_owned()
}

#[test]
fn every_sample_scenario_matches_its_golden_file() {
    let mut golden = GoldenFolder::new("tests/golden", "json", "sample scenario");
    let root = golden.root.clone();
    let mut checked = 0;
    for sample in samples(&root) {
        let text = std::fs::read_to_string(&sample).unwrap();
        let name = sample.file_stem().unwrap().to_string_lossy().into_owned();
        let project = dealbench::io::project::parse(&text, &sample.display().to_string())
            .unwrap_or_else(|e| panic!("{e}"));
        for scenario in &project.scenarios {
            let actual = eval_json(&root, &sample, &scenario.name);
            checked += 1;
            golden.check(
                &format!("{name}.{}", slug(&scenario.name)),
                &actual,
                |expected| {
                    format!(
                        "differs from `eval {} --scenario {:?} --format json` at {}",
                        sample.strip_prefix(&root).unwrap().display(),
                        scenario.name,
                        first_difference(expected, &actual)
                    )
                },
            );
        }
    }
    assert!(checked > 0, "no samples found in samples/");
    golden.finish(checked);
}

#[test]
fn every_sample_scenario_simulates_to_its_risk_golden_file() {
    let mut golden = GoldenFolder::new("tests/golden/risk", "json", "sample scenario");
    let root = golden.root.clone();
    let mut checked = 0;
    for sample in samples(&root) {
        let text = std::fs::read_to_string(&sample).unwrap();
        let name = sample.file_stem().unwrap().to_string_lossy().into_owned();
        let project = dealbench::io::project::parse(&text, &sample.display().to_string())
            .unwrap_or_else(|e| panic!("{e}"));
        for scenario in &project.scenarios {
            let actual = command_json(&root, "risk", &sample, &scenario.name, &RISK_ARGS);
            checked += 1;
            golden.check(
                &format!("{name}.{}", slug(&scenario.name)),
                &actual,
                |expected| {
                    format!(
                        "differs from `risk {} --scenario {:?} --format json {}` at {}",
                        sample.strip_prefix(&root).unwrap().display(),
                        scenario.name,
                        RISK_ARGS.join(" "),
                        first_difference(expected, &actual)
                    )
                },
            );
        }
    }
    assert!(checked > 0, "no samples found in samples/");
    golden.finish(checked);
}

#[test]
fn slugs_are_file_name_safe() {
    assert_eq!(slug("Offer A"), "offer-a");
    assert_eq!(slug("Counter-offer 2 (final)"), "counter-offer-2-final");
    assert_eq!(slug("  Ours vs theirs! "), "ours-vs-theirs");
}

// Refused input: one case at least per family of error.

/// The sound project the cases with a bad argument or a bad companion file run on.
const SOUND: &str = "tests/fixtures/refused/sound.ron";
/// A KPI file with a cell that is not a number.
const KPI_ERRORS: &str = "tests/fixtures/refused/kpi_errors.csv";

/// Every refused case: the name of its golden file in `tests/golden/refused/` (without `.txt`),
/// and the arguments of `dealbench`.
const REFUSED: &[(&str, &[&str])] = &[
    // A malformed project: RON that is not a project.
    (
        "malformed-number-for-text",
        &["check", "tests/fixtures/refused/number_for_text.ron"],
    ),
    (
        "malformed-unknown-field",
        &["check", "tests/fixtures/refused/unknown_field.ron"],
    ),
    // A format version this build cannot read.
    (
        "newer-format",
        &["check", "tests/fixtures/refused/newer_format.ron"],
    ),
    // A well-formed project that breaks a validation rule.
    (
        "invalid-band-gap",
        &["check", "tests/fixtures/refused/band_gap.ron"],
    ),
    (
        "invalid-unknown-kpi",
        &["eval", "tests/fixtures/refused/unknown_kpi.ron"],
    ),
    // A file that is not there.
    (
        "missing-project",
        &["eval", "tests/fixtures/refused/no_such_project.ron"],
    ),
    (
        "missing-kpi-file",
        &[
            "import",
            SOUND,
            "--kpi",
            "tests/fixtures/refused/no_such_file.csv",
        ],
    ),
    // A name the project does not have.
    (
        "unknown-scenario",
        &["eval", SOUND, "--scenario", "Offer Z"],
    ),
    // A month argument that is not a month, or a range the wrong way round.
    ("bad-month", &["eval", SOUND, "--from", "2025-13"]),
    (
        "bad-month-range",
        &[
            "export",
            SOUND,
            "--ledger",
            "tests/fixtures/refused/ledger.csv",
            "--from",
            "2025-06",
            "--to",
            "2025-03",
        ],
    ),
    // A KPI file with errors: the import is refused and the project is not saved.
    ("import-kpi-errors", &["import", SOUND, "--kpi", KPI_ERRORS]),
    // A KPI file with nothing to import: refused with the columns and why each was left out.
    (
        "import-no-kpi-values",
        &[
            "import",
            SOUND,
            "--kpi",
            "tests/fixtures/refused/no_kpi_values.csv",
        ],
    ),
    // A mapping file that is not a mapping.
    (
        "import-bad-mapping",
        &[
            "import",
            SOUND,
            "--kpi",
            KPI_ERRORS,
            "--mapping",
            "tests/fixtures/refused/bad.mapping.ron",
        ],
    ),
    // A staffing option out of range (no project is read).
    (
        "staffing-bad-option",
        &[
            "staffing",
            "--calls",
            "100",
            "--interval-s",
            "1800",
            "--aht-s",
            "0",
            "--target-pct",
            "80",
            "--within-s",
            "20",
        ],
    ),
    // An output that cannot be written: exit status 1, not 2.
    (
        "unwritable-output",
        &[
            "export",
            SOUND,
            "--ledger",
            "tests/fixtures/refused/no_such_folder/ledger.csv",
        ],
    ),
];

/// The command line as a reader would type it: arguments with spaces in quotes.
fn command_line(args: &[&str]) -> String {
    let mut line = "$ dealbench".to_owned();
    for arg in args {
        line.push(' ');
        if arg.contains(' ') {
            line.push_str(&format!("\"{arg}\""));
        } else {
            line.push_str(arg);
        }
    }
    line
}

/// What a golden file of refused input holds: the command, its exit status, then its stderr.
fn refused_record(args: &[&str], output: &Output) -> String {
    let status = output
        .status
        .code()
        .map_or_else(|| "none (killed by a signal)".to_owned(), |c| c.to_string());
    format!(
        "{}\nexit status {status}\n{}",
        command_line(args),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Every file under `folder` with its bytes, to prove a refused command wrote nothing.
fn snapshot(folder: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(folder).expect("the fixtures folder") {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(snapshot(&path));
        } else {
            files.insert(path.clone(), std::fs::read(&path).unwrap());
        }
    }
    files
}

/// A line diff of two short texts, for a failure a reader can act on: `-` lines are only in
/// the expected file, `+` lines only in the actual output, the others in both.
fn line_diff(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    // lcs[i][j]: the longest common subsequence of e[i..] and a[j..].
    let mut lcs = vec![vec![0usize; a.len() + 1]; e.len() + 1];
    for i in (0..e.len()).rev() {
        for j in (0..a.len()).rev() {
            lcs[i][j] = if e[i] == a[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut diff) = (0, 0, String::new());
    while i < e.len() || j < a.len() {
        if i < e.len() && j < a.len() && e[i] == a[j] {
            diff.push_str(&format!("    {}\n", e[i]));
            (i, j) = (i + 1, j + 1);
        } else if i < e.len() && (j == a.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            diff.push_str(&format!("  - {}\n", e[i]));
            i += 1;
        } else {
            diff.push_str(&format!("  + {}\n", a[j]));
            j += 1;
        }
    }
    if expected.ends_with('\n') != actual.ends_with('\n') {
        diff.push_str("  (one of them does not end with a new line)\n");
    }
    diff
}

#[test]
fn every_refused_input_matches_its_golden_file() {
    let mut golden = GoldenFolder::new("tests/golden/refused", "txt", "refused case");
    let fixtures = golden.root.join("tests/fixtures/refused");
    let before = snapshot(&fixtures);
    for (name, args) in REFUSED {
        let output = Command::new(env!("CARGO_BIN_EXE_dealbench"))
            .current_dir(&golden.root)
            .args(*args)
            .output()
            .expect("the binary runs");
        if !output.stdout.is_empty() {
            let stdout = String::from_utf8_lossy(&output.stdout);
            golden.fail(format!("{name}: printed on stdout: {stdout}"));
        }
        // The project is byte for byte as it was, no backup or output was made.
        if snapshot(&fixtures) != before {
            golden.fail(format!("{name}: changed a file in tests/fixtures/refused/"));
            // Put the fixtures back before the next case runs on them.
            restore(&fixtures, &before);
        }
        let actual = refused_record(args, &output);
        golden.check(name, &actual, |expected| {
            format!(
                "differs (- expected, + actual):\n{}",
                line_diff(expected, &actual)
            )
        });
    }
    golden.finish(REFUSED.len());
}

/// Puts `folder` back as `snapshot` found it: files changed or removed are rewritten, files
/// added are removed.
fn restore(folder: &Path, snapshot_before: &BTreeMap<PathBuf, Vec<u8>>) {
    for path in snapshot(folder).keys() {
        if !snapshot_before.contains_key(path) {
            std::fs::remove_file(path).unwrap();
        }
    }
    for (path, bytes) in snapshot_before {
        std::fs::write(path, bytes).unwrap();
    }
}

#[test]
fn a_command_line_quotes_the_arguments_with_spaces() {
    assert_eq!(
        command_line(&["eval", SOUND, "--scenario", "Offer Z"]),
        "$ dealbench eval tests/fixtures/refused/sound.ron --scenario \"Offer Z\""
    );
}

#[test]
fn the_line_diff_marks_what_was_expected_and_what_came() {
    assert_eq!(
        line_diff("a\nb\nc\n", "a\nB\nc\n"),
        "    a\n  - b\n  + B\n    c\n"
    );
    assert_eq!(line_diff("a\n", "a\nz\n"), "    a\n  + z\n");
}
