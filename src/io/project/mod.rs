//! The project file: RON, versioned, validated on load, saved atomically.
//!
//! A project is one RON file that people read and mail around, so every way it can be wrong
//! gets a message naming the file, the line and column, and what to do:
//!
//! ```text
//! contract.ron:12:22: found the number 180000.5 where text belongs: write amounts as strings, e.g. "180000.00"
//! ```
//!
//! Reading goes in three steps: the `format_version` is peeked first (a newer file is refused,
//! an older one migrated), then the text is read into the [`Project`] model, then the model is
//! [validated](crate::model::validate()) and each problem is placed on the line of the id it
//! concerns.
//!
//! Writing is deterministic (same project, same bytes) and atomic: the text goes to a temporary
//! file beside the target, which is flushed and synced before it replaces the target in one
//! rename; the previous version is kept as `NAME.ron.bak`.
//!
//! ```
//! use dealbench::io::project;
//!
//! let sample = project::default_project();
//! let text = project::to_ron(&sample);
//! assert!(text.starts_with("#![enable(implicit_some)]"));
//! assert_eq!(project::parse(&text, "sample.ron").unwrap(), sample);
//! ```

mod error;
mod locate;
mod messages;

use std::path::Path;

use ron::extensions::Extensions;
use serde::Deserialize;

use super::atomic::{Backup, write_atomically};
use crate::model::{FORMAT_VERSION, Project};
pub use error::{Problem, ProjectError};
use locate::{field_position, locate};
use messages::syntax_error;

/// The bundled sample projects as (file name, RON text), the first being the default project.
pub const SAMPLES: &[(&str, &str)] = &[
    (
        "contact_centre.ron",
        include_str!("../../../samples/contact_centre.ron"),
    ),
    (
        "it_outsourcing.ron",
        include_str!("../../../samples/it_outsourcing.ron"),
    ),
    (
        "cloud_service.ron",
        include_str!("../../../samples/cloud_service.ron"),
    ),
];

/// Files larger than this are refused before they are read: a project is kilobytes, so a file
/// this big is not one (and would take the app down if read whole).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The RON options every project is read with: `implicit_some` lets people write
/// `minimum: "45"` instead of `minimum: Some("45")`.
fn options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Just the version: read first, without `deny_unknown_fields`, so that any file (older,
/// newer) says which format it is before the model has to understand it.
#[derive(Deserialize)]
struct VersionPeek {
    format_version: Option<u32>,
}

/// Reads a project from RON text and validates it; `file` names it in errors.
///
/// Errors: [`ProjectError::Syntax`] for anything the text itself gets wrong,
/// [`ProjectError::NewerFormat`] / [`ProjectError::OldFormat`] for a format this build cannot
/// read, [`ProjectError::Invalid`] with every validation problem.
pub fn parse(text: &str, file: &str) -> Result<Project, ProjectError> {
    let project = parse_unchecked(text, file)?;
    let problems = problems(text, file, &project);
    if problems.is_empty() {
        Ok(project)
    } else {
        Err(ProjectError::Invalid {
            file: file.to_owned(),
            problems,
        })
    }
}

/// Reads a project from RON text without validating it (the app opens a project with problems
/// so they can be fixed; see [`problems`]).
pub fn parse_unchecked(text: &str, file: &str) -> Result<Project, ProjectError> {
    let migrated;
    let mut text = text;
    if let Ok(VersionPeek {
        format_version: Some(found),
    }) = options().from_str::<VersionPeek>(text)
    {
        if found > FORMAT_VERSION {
            let (line, column) = field_position(text, "format_version").unwrap_or((1, 1));
            return Err(ProjectError::NewerFormat {
                file: file.to_owned(),
                line,
                column,
                found,
                supported: FORMAT_VERSION,
            });
        }
        if found < FORMAT_VERSION {
            migrated = migrate(text, found, file)?;
            text = &migrated;
        }
    }
    options()
        .from_str::<Project>(text)
        .map_err(|e| syntax_error(text, file, &e))
}

/// Brings the text of a file in an older format up to [`FORMAT_VERSION`].
///
/// Each released format `N` that is not current gets an arm here that reads the text with its
/// own serde types (kept in a `vN` module, frozen) and converts them to the next format, arm by
/// arm, so that a file of any age is read. Format 1 is the first released format: nothing is
/// older, and a `format_version` of 0 (or anything below 1) is refused with a message saying so.
fn migrate(text: &str, from: u32, file: &str) -> Result<String, ProjectError> {
    // Each future format adds a step here, oldest first, e.g.
    // `if from == 1 { return migrate(&v1::to_v2(text, file)?, 2, file); }`
    // and the last step returns the text in the current format.
    let (line, column) = field_position(text, "format_version").unwrap_or((1, 1));
    Err(ProjectError::OldFormat {
        file: file.to_owned(),
        line,
        column,
        found: from,
        message: format!(
            "format_version {from} was never written by Dealbench (the first format is 1); \
             if the file was written by hand, set format_version: {FORMAT_VERSION}"
        ),
    })
}

/// Every validation problem of `project`, placed on the line of the id it concerns in `text`
/// (the text the project was read from).
pub fn problems(text: &str, file: &str, project: &Project) -> Vec<Problem> {
    crate::model::validate(project)
        .into_iter()
        .map(|error| {
            let position = locate(text, &error);
            Problem {
                file: file.to_owned(),
                line: position.map(|p| p.0),
                column: position.map(|p| p.1),
                error,
            }
        })
        .collect()
}

/// Reads and validates the project file at `path`.
pub fn load(path: &Path) -> Result<Project, ProjectError> {
    let text = read_text(path)?;
    parse(&text, &path.display().to_string())
}

/// Reads the text of the file at `path`, refusing what cannot be a project (a folder, a huge
/// file, non-UTF-8 bytes).
pub fn read_text(path: &Path) -> Result<String, ProjectError> {
    let read_error = |source: std::io::Error| match source.kind() {
        std::io::ErrorKind::NotFound => ProjectError::NotFound {
            path: path.to_owned(),
        },
        _ => ProjectError::Io {
            path: path.to_owned(),
            action: "read",
            source,
        },
    };
    let metadata = std::fs::metadata(path).map_err(read_error)?;
    if metadata.is_dir() {
        return Err(ProjectError::Io {
            path: path.to_owned(),
            action: "read",
            source: std::io::Error::from(std::io::ErrorKind::IsADirectory),
        });
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(ProjectError::TooLarge {
            path: path.to_owned(),
            bytes: metadata.len(),
        });
    }
    std::fs::read_to_string(path).map_err(read_error)
}

/// The pretty-printer settings of saved files: 4-space indents, no struct names, `\n` line
/// ends on every platform, and the `implicit_some` header so optional values read plainly.
fn pretty() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .indentor("    ")
        .new_line("\n")
        .separator(" ")
        .struct_names(false)
        .enumerate_arrays(false)
        .extensions(Extensions::IMPLICIT_SOME)
}

/// The project as RON text, as it is saved. Deterministic: the same project always gives the
/// same bytes (maps are sorted by month, lists keep their order).
pub fn to_ron(project: &Project) -> String {
    let mut text = ron::ser::to_string_pretty(project, pretty())
        .expect("a project always serialises: it has only strings, numbers, lists and sorted maps");
    text.push('\n');
    text
}

pub use super::atomic::backup_path;

/// Writes the project to `path` atomically and keeps the previous file as `NAME.ron.bak`.
///
/// The text goes to a temporary file in the same folder, is flushed and synced to disk, and
/// then renamed over the target, so the target is either the old file or the new one, never a
/// half-written mix. Any failure leaves the old file as it was. A project larger than
/// [`MAX_FILE_BYTES`] (what `load` reads) is refused before anything is written.
pub fn save(path: &Path, project: &Project) -> Result<(), ProjectError> {
    save_within(path, project, MAX_FILE_BYTES)
}

/// [`save`] with the largest file allowed as a parameter, so tests need not build 64 MiB.
fn save_within(path: &Path, project: &Project, max_bytes: u64) -> Result<(), ProjectError> {
    let text = to_ron(project);
    if text.len() as u64 > max_bytes {
        return Err(ProjectError::TooLargeToSave {
            path: path.to_owned(),
            bytes: text.len() as u64,
        });
    }
    write_atomically(path, Backup::Keep, |w| w.write_all(text.as_bytes())).map_err(|source| {
        ProjectError::Io {
            path: path.to_owned(),
            action: "write",
            source,
        }
    })
}

/// The bundled sample the app opens on first run.
pub fn default_project() -> Project {
    let (name, text) = SAMPLES[0];
    parse(text, name).expect("the bundled sample is a valid project")
}

#[cfg(test)]
mod tests {
    use super::locate::line_column;
    use super::*;

    fn sample() -> Project {
        default_project()
    }

    #[test]
    fn a_written_project_reads_back_equal() {
        for (name, text) in SAMPLES {
            let project = parse(text, name).unwrap();
            let written = to_ron(&project);
            assert_eq!(parse(&written, name).unwrap(), project, "{name}");
            // Writing is deterministic and a fixed point.
            assert_eq!(to_ron(&parse(&written, name).unwrap()), written, "{name}");
        }
    }

    #[test]
    fn a_project_too_large_to_open_again_is_not_saved() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deal.ron");
        save(&path, &sample()).unwrap();
        let before = std::fs::read(&path).unwrap();
        let mut bigger = sample();
        bigger.scenarios[0].notes.push_str(&"x".repeat(100));
        // The limit is `load`'s 64 MiB in the app; here the file as it stands, so that 100
        // more bytes of notes are refused.
        let limit = before.len() as u64;
        let err = save_within(&path, &bigger, limit).unwrap_err();
        assert!(err.is_write_failure());
        let bytes = to_ron(&bigger).len();
        assert!(bytes as u64 > limit);
        assert_eq!(
            err.to_string(),
            format!(
                "{}: the project would be {bytes} bytes, more than the 67108864 a project file may have (it could not be opened again); nothing was written: remove KPI history or import sources you no longer need",
                path.display()
            )
        );
        // The file on disk is the one saved before.
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn written_files_use_the_documented_layout() {
        let text = to_ron(&sample());
        assert!(text.starts_with("#![enable(implicit_some)]\n("), "{text}");
        assert!(text.contains("\n    format_version: 1,\n"), "{text}");
        assert!(!text.contains("Project("), "struct names are off");
        assert!(!text.contains('\r'));
        assert!(text.ends_with(")\n"));
    }

    #[test]
    fn optional_values_need_no_some() {
        #[derive(Deserialize, PartialEq, Debug)]
        struct Probe {
            minimum: Option<rust_decimal::Decimal>,
        }
        let a: Probe = options().from_str(r#"(minimum: "45")"#).unwrap();
        let b: Probe = options().from_str(r#"(minimum: Some("45"))"#).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.minimum, Some(rust_decimal::Decimal::new(45, 0)));
    }

    #[test]
    fn a_newer_format_is_refused_with_the_versions() {
        let text = to_ron(&sample()).replace("format_version: 1,", "format_version: 7,");
        let err = parse(&text, "new.ron").unwrap_err();
        assert_eq!(
            err.to_string(),
            "new.ron:3:5: made by a newer Dealbench (format 7); this one reads up to 1: update Dealbench"
        );
    }

    #[test]
    fn format_zero_was_never_written_and_is_refused() {
        let text = to_ron(&sample()).replace("format_version: 1,", "format_version: 0,");
        let err = parse(&text, "old.ron").unwrap_err();
        assert!(matches!(err, ProjectError::OldFormat { found: 0, .. }));
        assert_eq!(
            err.to_string(),
            "old.ron:3:5: format_version 0 was never written by Dealbench (the first format is 1); \
             if the file was written by hand, set format_version: 1"
        );
    }

    #[test]
    fn save_writes_the_file_and_keeps_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deal.ron");
        let mut project = sample();
        save(&path, &project).unwrap();
        assert_eq!(load(&path).unwrap(), project);
        assert!(
            !backup_path(&path).exists(),
            "no backup of a file that did not exist"
        );

        let first = std::fs::read(&path).unwrap();
        project.name = "Renamed".to_owned();
        save(&path, &project).unwrap();
        assert_eq!(load(&path).unwrap().name, "Renamed");
        assert_eq!(std::fs::read(backup_path(&path)).unwrap(), first);
        // Nothing else is left in the folder: the temporary file was renamed away.
        let mut names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["deal.ron", "deal.ron.bak"]);
    }

    #[test]
    fn save_into_a_missing_folder_fails_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no-such-folder").join("deal.ron");
        let err = save(&path, &sample()).unwrap_err();
        assert!(
            matches!(
                err,
                ProjectError::Io {
                    action: "write",
                    ..
                }
            ),
            "{err}"
        );
        assert!(
            err.to_string().ends_with(
                "cannot write the file: the folder does not exist; choose an existing folder"
            ),
            "{err}"
        );
        assert!(!path.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_failed_save_leaves_the_old_file_intact() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deal.ron");
        save(&path, &sample()).unwrap();
        let before = std::fs::read(&path).unwrap();

        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
        let probe = dir.path().join("probe");
        let writable = std::fs::write(&probe, b"").is_ok(); // root ignores permissions
        let mut changed = sample();
        changed.name = "Changed".to_owned();
        let result = save(&path, &changed);
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        if writable {
            return;
        }
        let err = result.unwrap_err();
        assert!(err.to_string().contains("permission denied"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn a_missing_file_says_so() {
        let err = load(Path::new("no/such/project.ron")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "no/such/project.ron: no such file; check the name and the folder"
        );
    }

    #[test]
    fn a_problem_is_placed_in_the_scenario_it_concerns() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/small.ron"
        ))
        .unwrap()
        .replace(
            r#"(from: "5000", rate: "4.00")"#,
            r#"(from: "6000", rate: "4.00")"#,
        );
        // "calls" is a charge of both offers (and a volume): the problem is in Offer B's.
        let offer_b = text.find(r#"name: "Offer B""#).unwrap();
        let calls = offer_b + text[offer_b..].find(r#"id: "calls""#).unwrap();
        let err = parse(&text, "two.ron").unwrap_err();
        let ProjectError::Invalid { problems, .. } = &err else {
            panic!("{err}")
        };
        assert_eq!(problems.len(), 1, "{err}");
        assert_eq!(problems[0].position(), Some(line_column(&text, calls)));
        assert!(problems[0].error.to_string().contains("Offer B"), "{err}");
    }

    #[test]
    fn broken_text_gives_errors_never_panics() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/small.ron"
        ))
        .unwrap();
        // Every truncation, and a multi-byte character at every position.
        for (at, _) in text.char_indices() {
            let _ = parse(&text[..at], "cut.ron");
            let mut bent = text.clone();
            bent.insert(at, 'é');
            let _ = parse(&bent, "bent.ron");
        }
    }
}
