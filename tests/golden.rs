//! Golden tests: the output of the built binary against committed expected files.
//!
//! - Each sample's `eval --format json`, per scenario, against
//!   `tests/golden/<sample>.<scenario-slug>.json`: the proof that no amount of money moved.
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

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

fn eval_json(root: &Path, sample: &Path, scenario: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_dealbench"))
        .current_dir(root)
        .arg("eval")
        .arg(sample.strip_prefix(root).unwrap())
        .args(["--scenario", scenario, "--format", "json"])
        .output()
        .expect("the binary runs");
    assert!(
        output.status.success(),
        "eval {} --scenario {scenario:?} failed: {}",
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
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bless = std::env::var_os("DEALBENCH_BLESS").is_some_and(|v| v == "1");
    let golden_dir = root.join("tests/golden");
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut expected_files = Vec::new();
    for sample in samples(root) {
        let text = std::fs::read_to_string(&sample).unwrap();
        let name = sample.file_stem().unwrap().to_string_lossy().into_owned();
        let project = dealbench::io::project::parse(&text, &sample.display().to_string())
            .unwrap_or_else(|e| panic!("{e}"));
        for scenario in &project.scenarios {
            let golden = golden_dir.join(format!("{name}.{}.json", slug(&scenario.name)));
            let actual = eval_json(root, &sample, &scenario.name);
            checked += 1;
            expected_files.push(golden.clone());
            if bless {
                std::fs::create_dir_all(&golden_dir).unwrap();
                std::fs::write(&golden, &actual).unwrap();
                continue;
            }
            match std::fs::read_to_string(&golden) {
                Ok(expected) if expected == actual => {}
                Ok(expected) => failures.push(format!(
                    "{} differs from `eval {} --scenario {:?} --format json` at {}",
                    golden.strip_prefix(root).unwrap().display(),
                    sample.strip_prefix(root).unwrap().display(),
                    scenario.name,
                    first_difference(&expected, &actual)
                )),
                Err(_) => failures.push(format!(
                    "{} is missing: run `DEALBENCH_BLESS=1 cargo test --test golden` to write \
                     it, then review and commit it",
                    golden.strip_prefix(root).unwrap().display()
                )),
            }
        }
    }
    // A golden file no sample scenario produces is stale (a renamed scenario or sample).
    for entry in std::fs::read_dir(&golden_dir).into_iter().flatten() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") && !expected_files.contains(&path) {
            if bless {
                std::fs::remove_file(&path).unwrap();
            } else {
                failures.push(format!(
                    "{} belongs to no sample scenario: delete it (blessing does)",
                    path.strip_prefix(root).unwrap().display()
                ));
            }
        }
    }
    assert!(checked > 0, "no samples found in samples/");
    assert!(
        failures.is_empty(),
        "{} of {checked} golden files do not match; if the change is intended, run \
         `DEALBENCH_BLESS=1 cargo test --test golden` and review the diff:\n{}",
        failures.len(),
        failures.join("\n")
    );
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
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bless = std::env::var_os("DEALBENCH_BLESS").is_some_and(|v| v == "1");
    let golden_dir = root.join("tests/golden/refused");
    let fixtures = root.join("tests/fixtures/refused");
    let before = snapshot(&fixtures);
    let mut failures = Vec::new();
    for (name, args) in REFUSED {
        let output = Command::new(env!("CARGO_BIN_EXE_dealbench"))
            .current_dir(root)
            .args(*args)
            .output()
            .expect("the binary runs");
        let actual = refused_record(args, &output);
        let golden = golden_dir.join(format!("{name}.txt"));
        if !output.stdout.is_empty() {
            failures.push(format!(
                "{name}: printed on stdout: {}",
                String::from_utf8_lossy(&output.stdout)
            ));
        }
        if snapshot(&fixtures) != before {
            // Put the fixtures back before the next case runs on them.
            failures.push(format!("{name}: changed a file in tests/fixtures/refused/"));
            restore(&fixtures, &before);
        }
        if bless {
            std::fs::create_dir_all(&golden_dir).unwrap();
            std::fs::write(&golden, &actual).unwrap();
            continue;
        }
        match std::fs::read_to_string(&golden) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => failures.push(format!(
                "{} differs (- expected, + actual):\n{}",
                golden.strip_prefix(root).unwrap().display(),
                line_diff(&expected, &actual)
            )),
            Err(_) => failures.push(format!(
                "{} is missing: run `DEALBENCH_BLESS=1 cargo test --test golden` to write it, \
                 then read it and commit it",
                golden.strip_prefix(root).unwrap().display()
            )),
        }
    }
    // A golden file no case produces is stale (a renamed or removed case).
    for entry in std::fs::read_dir(&golden_dir).into_iter().flatten() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap_or_default().to_string_lossy();
        if !REFUSED.iter().any(|(name, _)| *name == stem) {
            if bless {
                std::fs::remove_file(&path).unwrap();
            } else {
                failures.push(format!(
                    "{} belongs to no refused case: delete it (blessing does)",
                    path.strip_prefix(root).unwrap().display()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} refused cases do not match; if the change is intended, run \
         `DEALBENCH_BLESS=1 cargo test --test golden` and review the diff:\n{}",
        failures.len(),
        REFUSED.len(),
        failures.join("\n")
    );
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
