//! Golden tests: each sample's `eval --format json`, per scenario, against a committed expected
//! file `tests/golden/<sample>.<scenario-slug>.json`.
//!
//! After a deliberate change to the engine or the samples, regenerate the files and review the
//! diff before committing it:
//!
//! ```text
//! DEALBENCH_BLESS=1 cargo test --test golden
//! ```

use std::path::{Path, PathBuf};
use std::process::Command;

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
