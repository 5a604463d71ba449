//! A seeded mutation fuzzer on stable Rust (cargo-fuzz needs a nightly toolchain): the inputs a
//! user can hand Dealbench, mutated, must never panic, abort or hang — only parse, or be refused
//! with an error.
//!
//! Targets, each fed mutations of its seeds (the samples and the test fixtures):
//! - `project`: RON text → `parse_unchecked` (as recovery reads) and `parse` → every offer
//!   evaluated, compared, costed (the provider's cost model) and simulated (a few trials), and
//!   a parsed project written back and read again unchanged;
//! - `engine`: the samples with their numbers replaced by extreme ones (the largest amounts, the
//!   longest terms, tiny and negative values), then the same path: the engine on valid
//!   projects at the edges of their documented ranges, and on invalid ones as the app shows
//!   them;
//! - `csv` and `xlsx`: KPI files → read, mapping guessed, imported, and applied to a sample.
//!
//! Mutations: byte flips, deleted, repeated and spliced ranges, and tokens that break parsers
//! (huge numbers, odd dates, brackets, quotes, control characters). The stream is the
//! project's own SplitMix64, so a run is reproducible from its seed.
//!
//! Every input that ever failed is kept in `tests/fuzz/<target>/` and runs first, every time
//! (the regression corpus). A failing input is written to `target/fuzz-failures/` and named in
//! the failure: move it into the corpus with the fix.
//!
//! Bounded run (CI, part of `cargo test`): a few thousand inputs per target. Long run before a
//! release (about a million inputs; figures in ARCHITECTURE.md):
//!
//! ```text
//! DEALBENCH_FUZZ_INPUTS=250000 cargo test --release --test fuzz -- --nocapture
//! ```
#![allow(
    clippy::unwrap_used,
    reason = "test and bench set-up fails loudly with the value"
)]

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use dealbench::engine::compare::Comparison;
use dealbench::engine::evaluate_all;
use dealbench::engine::risk::{Control, Simulation, SplitMix64};
use dealbench::io::kpi_import::{Progress, apply, guess_mapping, import, read_csv, read_xlsx};
use dealbench::io::project::{parse, parse_unchecked, to_ron};
use dealbench::model::import_mapping::SourceFormat;
use dealbench::model::{Project, RiskSettings};
use rayon::prelude::*;

/// Inputs per target in the bounded run.
const DEFAULT_INPUTS: u64 = 1500;

/// Tokens that break parsers and arithmetic.
const TOKENS: &[&str] = &[
    "99999999999999999999999999999",
    "79228162514264337593543950335",
    "1000000000000",
    "-1",
    "0",
    "-0.0000000000000000000000000001",
    "0.000001",
    "1e400",
    "NaN",
    "4294967295",
    "2147483647",
    "18446744073709551615",
    "9999-12",
    "0000-00",
    "1899-12",
    "2201-01",
    "\u{1b}[31m",
    "\u{0}",
    "\"",
    "\"\"",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    ";",
    "\n",
    "\r\n",
    "Some(",
    "None",
    "%",
    "1,234.5",
    "1.234,5",
    "12:34",
    "59:59:59",
    "100%",
    "31/12/2024",
    "2024-13-45",
    "é",
    "\u{feff}",
];

/// Numbers a sample's own numbers are replaced with in the `engine` target: the documented
/// bounds (model::limits), just past them, and the degenerate values.
const EXTREMES: &[&str] = &[
    "1000000000000",
    "999999999999.999999",
    "1000001",
    "1000000000",
    "1000",
    "100",
    "-100",
    "-99.99",
    "1200",
    "1201",
    "0",
    "0.000001",
    "0.01",
    "6",
    "7",
    "1",
    "-1",
    "28",
];

/// A source of choices, from the project's own portable stream.
struct Dice(SplitMix64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        (self.0.next_u64() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One to four random mutations of `seed`, with `others` to splice from.
fn mutate(dice: &mut Dice, seed: &[u8], others: &[Vec<u8>]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..1 + dice.below(4) {
        let len = bytes.len();
        let at = dice.below(len + 1);
        match dice.below(9) {
            6 => lines(dice, &mut bytes, false),
            7 => lines(dice, &mut bytes, true),
            8 => {
                // A number replaced whole: the file stays well formed more often.
                let text = String::from_utf8_lossy(&bytes).into_owned();
                bytes = extreme(dice, &text);
            }
            0 if len > 0 => bytes[at.min(len - 1)] = dice.below(256) as u8,
            1 => {
                let end = (at + 1 + dice.below(32)).min(len);
                bytes.drain(at..end);
            }
            2 => {
                let end = (at + 1 + dice.below(64)).min(len);
                let copy = bytes[at..end].to_vec();
                bytes.splice(at..at, copy);
            }
            3 => {
                let other = dice.pick(others);
                let from = dice.below(other.len());
                let end = (from + 1 + dice.below(128)).min(other.len());
                bytes.splice(at..at, other[from..end].iter().copied());
            }
            _ => {
                let token = dice.pick(TOKENS).as_bytes();
                bytes.splice(at..at, token.iter().copied());
            }
        }
    }
    bytes
}

/// Deletes a random line of `bytes`, or repeats it.
fn lines(dice: &mut Dice, bytes: &mut Vec<u8>, repeat: bool) {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(
            bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| i + 1),
        )
        .filter(|&i| i < bytes.len())
        .collect();
    if starts.is_empty() {
        return;
    }
    let n = dice.below(starts.len());
    let (start, end) = (starts[n], starts.get(n + 1).copied().unwrap_or(bytes.len()));
    if repeat {
        let line = bytes[start..end].to_vec();
        bytes.splice(start..start, line);
    } else {
        bytes.drain(start..end);
    }
}

/// A spreadsheet package with one of its XML parts mutated, packed again (a mutated zip alone
/// mostly fails its checksums before any reader sees the XML).
fn mutate_xlsx(dice: &mut Dice, seed: &[u8], others: &[Vec<u8>]) -> Vec<u8> {
    use std::io::{Read, Write};
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(seed)) else {
        return mutate(dice, seed, others);
    };
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        parts.push((entry.name().unwrap().into_owned(), bytes));
    }
    let xml: Vec<usize> = (0..parts.len())
        .filter(|&i| parts[i].0.ends_with(".xml"))
        .collect();
    let chosen = *dice.pick(&xml);
    let sources: Vec<Vec<u8>> = parts.iter().map(|(_, b)| b.clone()).collect();
    parts[chosen].1 = mutate(dice, &parts[chosen].1, &sources);
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, bytes) in &parts {
        out.start_file(name.as_str(), options).unwrap();
        out.write_all(bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The sample with one to three of its numbers replaced by extreme ones.
fn extreme(dice: &mut Dice, seed: &str) -> Vec<u8> {
    let numbers: Vec<(usize, usize)> = number_spans(seed);
    if numbers.is_empty() {
        return seed.as_bytes().to_vec();
    }
    let mut text = seed.to_owned();
    let mut chosen: Vec<(usize, usize)> = (0..1 + dice.below(3))
        .map(|_| *dice.pick(&numbers))
        .collect();
    // Replace from the end so earlier spans stay where they are.
    chosen.sort_unstable();
    chosen.dedup();
    for (start, end) in chosen.into_iter().rev() {
        let number = dice.pick(EXTREMES).to_owned();
        text.replace_range(start..end, number);
    }
    text.into_bytes()
}

/// Where the numbers of a RON text are (digits with an optional sign and point).
fn number_spans(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = if i > 0 && bytes[i - 1] == b'-' {
                i - 1
            } else {
                i
            };
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                i += 1;
            }
            spans.push((start, i));
        }
        i += 1;
    }
    spans
}

/// Everything the app and the CLI do with a project file's text; whether it got as far as the
/// engine.
fn project_target(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    let _ = parse(text, "fuzz.ron");
    let Ok(project) = parse_unchecked(text, "fuzz.ron") else {
        return false;
    };
    let written = to_ron(&project);
    let again = parse_unchecked(&written, "written.ron")
        .unwrap_or_else(|e| panic!("a parsed project written back does not read: {e}"));
    assert_eq!(again, project, "a project written back reads differently");
    let ledgers = evaluate_all(&project);
    let _ = Comparison::new(&project, &ledgers);
    let settings = RiskSettings {
        trials: 3,
        seed: 1,
        block_months: project.risk.block_months,
    };
    let stop = AtomicBool::new(false);
    for scenario in &project.scenarios {
        // The provider's cost of delivery, as the app's Cost & margin tab computes it on
        // whatever is being edited.
        let _ = dealbench::engine::cost::cost(&project, scenario);
        if let Ok(simulation) = Simulation::new(&project, scenario, settings) {
            // The harness's own pool: a run building a pool of its own inside a rayon worker
            // would have that worker steal other inputs while it waits, nesting without end.
            let control = Control {
                threads: None,
                stop: &stop,
            };
            let _ = simulation.run(&control, &mut ());
        }
    }
    true
}

/// Everything an import does with a KPI file: read, guess, import, apply to `into`; whether it
/// got as far as applying.
fn kpi_target(bytes: &[u8], xlsx: bool, into: &Project) -> bool {
    let progress = Progress::new();
    let format = SourceFormat::default();
    let table = if xlsx {
        read_xlsx(
            std::io::Cursor::new(bytes),
            &format,
            "fuzz.xlsx",
            None,
            &progress,
        )
    } else {
        read_csv(bytes, &format, "fuzz.csv", None, &progress)
    };
    let Ok(table) = table else { return false };
    let mapping = guess_mapping(&table);
    let Ok(outcome) = import(&table, &mapping, "fuzz", &progress) else {
        return false;
    };
    let mut project = into.clone();
    apply(&mut project, &outcome, &mapping, "fuzz", true).is_ok()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The files in `folder` (not recursive) whose name ends with one of `extensions`.
fn files(folder: &Path, extensions: &[&str]) -> Vec<(PathBuf, Vec<u8>)> {
    let mut found: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.to_string_lossy();
            extensions.iter().any(|e| name.ends_with(e))
        })
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    found.sort();
    found
}

/// What a campaign did.
struct Campaign {
    /// Inputs run (the corpus and the mutations).
    inputs: u64,
    /// Inputs that went all the way (parsed and evaluated, or imported and applied).
    deep: u64,
    /// The files of the inputs that panicked.
    failures: Vec<PathBuf>,
}

/// Runs `target` on the corpus of `name`, then on `inputs` mutations of `seeds`.
fn campaign(
    name: &str,
    seeds: &[Vec<u8>],
    make: impl Fn(&mut Dice, usize) -> Vec<u8> + Sync,
    target: impl Fn(&[u8]) -> bool + Sync,
) -> Campaign {
    let inputs: u64 = std::env::var("DEALBENCH_FUZZ_INPUTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_INPUTS);
    let corpus = files(&root().join("tests/fuzz").join(name), &[""]);
    let failures_dir = root().join("target/fuzz-failures");
    // An abort (a stack overflow) or a hang cannot be caught: with DEALBENCH_FUZZ_TRACE set,
    // each thread writes its input before running it, so the culprit is left on disk.
    let trace = std::env::var_os("DEALBENCH_FUZZ_TRACE").is_some();
    // Ok(went deep), or Err(the file the panicking input was written to).
    let run = |bytes: &[u8], label: &str| -> Result<bool, PathBuf> {
        if trace {
            std::fs::create_dir_all(&failures_dir).unwrap();
            let thread = rayon::current_thread_index().unwrap_or(0);
            std::fs::write(failures_dir.join(format!("{name}-current-{thread}")), bytes).unwrap();
        }
        catch_unwind(AssertUnwindSafe(|| target(bytes))).map_err(|_| {
            std::fs::create_dir_all(&failures_dir).unwrap();
            let path = failures_dir.join(format!("{name}-{label}"));
            std::fs::write(&path, bytes).unwrap();
            path
        })
    };
    let mut outcomes: Vec<Result<bool, PathBuf>> = corpus
        .iter()
        .map(|(path, bytes)| run(bytes, &path.file_name().unwrap().to_string_lossy()))
        .collect();
    outcomes.par_extend((0..inputs).into_par_iter().map(|i| {
        // Input i of a target is the same on every run and any number of threads.
        let mut dice = Dice(SplitMix64::new(i ^ 0xD1CE_BE7C_u64));
        let seed = dice.below(seeds.len());
        let bytes = make(&mut dice, seed);
        run(&bytes, &i.to_string())
    }));
    Campaign {
        inputs: outcomes.len() as u64,
        deep: outcomes.iter().filter(|o| matches!(o, Ok(true))).count() as u64,
        failures: outcomes.into_iter().filter_map(Result::err).collect(),
    }
}

fn seeds(found: &[(PathBuf, Vec<u8>)]) -> Vec<Vec<u8>> {
    assert!(!found.is_empty(), "no seed files");
    found.iter().map(|(_, b)| b.clone()).collect()
}

/// Fails on any panicking input; also when fewer than `deep_pct` % of the inputs went all the
/// way, so the harness cannot quietly decay into feeding only garbage the parsers refuse.
#[allow(
    clippy::print_stdout,
    reason = "the run's figures, shown with --nocapture"
)]
fn check(name: &str, campaign: Campaign, deep_pct: u64) {
    let Campaign {
        inputs,
        deep,
        failures,
    } = campaign;
    println!(
        "fuzz {name}: {inputs} inputs, {deep} went all the way, {} panicked",
        failures.len()
    );
    // Only a run of mutations says how deep they go (a corpus alone may be all refusals).
    assert!(
        inputs < 100 || deep * 100 >= inputs * deep_pct,
        "only {deep} of {inputs} {name} inputs went all the way"
    );
    assert!(
        failures.is_empty(),
        "{} of {inputs} {name} inputs panicked; each is written to a file: fix the cause, then \
         move the file into tests/fuzz/{name}/ so it runs every time:\n{}",
        failures.len(),
        failures
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The samples and the fixtures that read: the broken fixtures' faults are what the mutations
/// make anyway, and mutating a file that already fails to read never gets past the parser.
fn project_seeds() -> Vec<Vec<u8>> {
    let mut found = files(&root().join("samples"), &[".ron"]);
    found.extend(files(&root().join("tests/fixtures"), &[".ron"]));
    found.retain(|(_, bytes)| {
        std::str::from_utf8(bytes).is_ok_and(|text| parse_unchecked(text, "seed").is_ok())
    });
    seeds(&found)
}

fn quiet_panics() {
    // The harness reports the inputs that panicked; a backtrace per input would drown them.
    // DEALBENCH_FUZZ_LOUD keeps them, to see why an input of the corpus fails.
    if std::env::var_os("DEALBENCH_FUZZ_LOUD").is_some() {
        return;
    }
    std::panic::set_hook(Box::new(|_| {}));
}

#[test]
fn project_files_never_panic() {
    quiet_panics();
    let seeds = project_seeds();
    let make = |dice: &mut Dice, i: usize| mutate(dice, &seeds[i], &seeds);
    check(
        "project",
        campaign("project", &seeds, make, project_target),
        3,
    );
}

#[test]
fn extreme_numbers_in_the_samples_never_panic() {
    quiet_panics();
    let samples = seeds(&files(&root().join("samples"), &[".ron"]));
    let texts: Vec<String> = (samples.iter())
        .map(|b| String::from_utf8(b.clone()).unwrap())
        .collect();
    let make = |dice: &mut Dice, i: usize| extreme(dice, &texts[i]);
    check(
        "engine",
        campaign("engine", &samples, make, project_target),
        20,
    );
}

#[test]
fn kpi_csv_files_never_panic() {
    quiet_panics();
    let mut found = files(&root().join("tests/fixtures/import"), &[".csv"]);
    found.extend(files(&root().join("tests/fixtures/cli_import"), &[".csv"]));
    let seeds = seeds(&found);
    let into = dealbench::io::project::load(&root().join("samples/contact_centre.ron")).unwrap();
    let make = |dice: &mut Dice, i: usize| mutate(dice, &seeds[i], &seeds);
    let target = |bytes: &[u8]| kpi_target(bytes, false, &into);
    check("csv", campaign("csv", &seeds, make, target), 30);
}

#[test]
fn kpi_xlsx_files_never_panic() {
    quiet_panics();
    let seeds = seeds(&files(&root().join("tests/fixtures/import"), &[".xlsx"]));
    let into = dealbench::io::project::load(&root().join("samples/contact_centre.ron")).unwrap();
    let make = |dice: &mut Dice, i: usize| mutate_xlsx(dice, &seeds[i], &seeds);
    let target = |bytes: &[u8]| kpi_target(bytes, true, &into);
    check("xlsx", campaign("xlsx", &seeds, make, target), 10);
}
