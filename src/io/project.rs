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

use std::fmt;
use std::path::{Path, PathBuf};

use ron::extensions::Extensions;
use serde::Deserialize;

use super::atomic::{Backup, write_atomically};
use crate::model::{Component, FORMAT_VERSION, Location, Project, TermPath, ValidationError};

/// The bundled sample projects as (file name, RON text), the first being the default project.
pub const SAMPLES: &[(&str, &str)] = &[
    (
        "contact_centre.ron",
        include_str!("../../samples/contact_centre.ron"),
    ),
    (
        "it_outsourcing.ron",
        include_str!("../../samples/it_outsourcing.ron"),
    ),
    (
        "cloud_service.ron",
        include_str!("../../samples/cloud_service.ron"),
    ),
];

/// Files larger than this are refused before they are read: a project is kilobytes, so a file
/// this big is not one (and would take the app down if read whole).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Why a project file could not be read or written. Every message names the file and says what
/// to do; `Syntax` and `Invalid` also name the line and column.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    /// The file does not exist.
    #[error("{}: no such file; check the name and the folder", path.display())]
    NotFound {
        /// The file.
        path: PathBuf,
    },
    /// The file could not be read or written.
    #[error("{}: cannot {action} the file: {}", path.display(), io_reason(source))]
    Io {
        /// The file.
        path: PathBuf,
        /// "read" or "write".
        action: &'static str,
        /// The system's reason.
        source: std::io::Error,
    },
    /// The file is far too large to be a project.
    #[error(
        "{}: the file is {bytes} bytes, too large for a project (at most {MAX_FILE_BYTES}); check you chose the right file",
        path.display()
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        bytes: u64,
    },
    /// The text is not a valid project: RON syntax, a wrong type, an unknown or missing field,
    /// a bad date.
    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        /// The file name.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong and what to do.
        message: String,
    },
    /// The file was written by a newer Dealbench, in a format this one cannot read.
    #[error(
        "{file}:{line}:{column}: made by a newer Dealbench (format {found}); this one reads up to {supported}: update Dealbench"
    )]
    NewerFormat {
        /// The file name.
        file: String,
        /// 1-based line of `format_version`.
        line: usize,
        /// 1-based column of `format_version`.
        column: usize,
        /// The file's format version.
        found: u32,
        /// The newest format this build reads ([`FORMAT_VERSION`]).
        supported: u32,
    },
    /// The file has an old format version that cannot be migrated.
    #[error("{file}:{line}:{column}: {message}")]
    OldFormat {
        /// The file name.
        file: String,
        /// 1-based line of `format_version`.
        line: usize,
        /// 1-based column of `format_version`.
        column: usize,
        /// The file's format version.
        found: u32,
        /// What is wrong and what to do.
        message: String,
    },
    /// The file reads as a project, but the project does not make sense (bands that overlap,
    /// a negative rate, a reference to a missing series). One line per problem.
    #[error("{}", Problems(problems))]
    Invalid {
        /// The file name.
        file: String,
        /// Every problem, in file order.
        problems: Vec<Problem>,
    },
}

impl ProjectError {
    /// The file the error is about, as named in the message.
    pub fn file(&self) -> String {
        match self {
            ProjectError::NotFound { path }
            | ProjectError::Io { path, .. }
            | ProjectError::TooLarge { path, .. } => path.display().to_string(),
            ProjectError::Syntax { file, .. }
            | ProjectError::NewerFormat { file, .. }
            | ProjectError::OldFormat { file, .. }
            | ProjectError::Invalid { file, .. } => file.clone(),
        }
    }

    /// The line and column the error points at, when it points at one (the first problem's for
    /// [`ProjectError::Invalid`]).
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            ProjectError::Syntax { line, column, .. }
            | ProjectError::NewerFormat { line, column, .. }
            | ProjectError::OldFormat { line, column, .. } => Some((*line, *column)),
            ProjectError::Invalid { problems, .. } => problems.first().and_then(Problem::position),
            _ => None,
        }
    }
}

/// A validation problem placed in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file name.
    pub file: String,
    /// 1-based line of the id the problem concerns; `None` when it could not be found.
    pub line: Option<usize>,
    /// 1-based column of that id.
    pub column: Option<usize>,
    /// The problem.
    pub error: ValidationError,
}

impl Problem {
    /// The line and column, when known.
    pub fn position(&self) -> Option<(usize, usize)> {
        self.line.zip(self.column)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position() {
            Some((line, column)) => write!(f, "{}:{line}:{column}: {}", self.file, self.error),
            None => write!(f, "{}: {}", self.file, self.error),
        }
    }
}

struct Problems<'a>(&'a [Problem]);

impl fmt::Display for Problems<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

fn io_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::PermissionDenied => "permission denied; check the file's permissions".to_owned(),
        ErrorKind::InvalidData => {
            "it is not UTF-8 text; a project file is a RON text file".to_owned()
        }
        ErrorKind::NotFound => "the folder does not exist; choose an existing folder".to_owned(),
        ErrorKind::IsADirectory => "it is a folder; choose a .ron file".to_owned(),
        _ => {
            // Drop the "(os error N)" suffix the standard library adds.
            let text = error.to_string();
            match text.find(" (os error") {
                Some(at) => text[..at].to_owned(),
                None => text,
            }
        }
    }
}

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
/// half-written mix. Any failure leaves the old file as it was.
pub fn save(path: &Path, project: &Project) -> Result<(), ProjectError> {
    let text = to_ron(project);
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

/// The line and column of the first `field:` in `text`.
fn field_position(text: &str, field: &str) -> Option<(usize, usize)> {
    find_field(text, 0, field).map(|at| line_column(text, at))
}

/// The byte offset of `field:` (as a whole word) at or after `from`.
fn find_field(text: &str, from: usize, field: &str) -> Option<usize> {
    let mut start = from;
    while let Some(found) = text.get(start..)?.find(field) {
        let at = start + found;
        let before_ok = text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        let after = text[at + field.len()..].trim_start();
        if before_ok && after.starts_with(':') {
            return Some(at);
        }
        start = at + field.len();
    }
    None
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The byte offset of a 1-based line and column (in characters), clamped to the text.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for _ in 1..line {
        match text[offset..].find('\n') {
            Some(i) => offset += i + 1,
            None => return text.len(),
        }
    }
    let rest = &text[offset..];
    offset
        + rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(rest.len(), |(i, _)| i)
}

/// A string as RON writes it, quotes and escapes included, to find it in the text.
fn quoted(value: &str) -> String {
    ron::to_string(value).unwrap_or_else(|_| format!("{value:?}"))
}

/// Where a validation problem is in the text, found from its typed location: the section it
/// names (an offer by name, a series by id), then the component in it (the `id:` of a charge,
/// service level, …; the `indexation:`, `credit_regime:` or `triggers:` field), then for a
/// project setting or a single component the field itself. An id used in two offers is found
/// in the right one.
fn locate(text: &str, error: &ValidationError) -> Option<(usize, usize)> {
    let at = match &error.location {
        Location::Project(field) => find_field(text, 0, (*field)?)?,
        Location::Kpi(id) => series_start(text, "kpis", id)?,
        Location::Volume(id) => series_start(text, "volumes", id)?,
        Location::Index(id) => series_start(text, "indices", id)?,
        Location::Scenario { scenario, term } => {
            let start = series_start(text, "scenarios", scenario).unwrap_or(0);
            match term {
                Some(term) => component_start(text, start, term).unwrap_or(start),
                None => start,
            }
        }
    };
    Some(line_column(text, at))
}

/// The offset of the entry of `section` whose `id` (a scenario's `name`) is `key`.
fn series_start(text: &str, section: &str, key: &str) -> Option<usize> {
    let field = if section == "scenarios" { "name" } else { "id" };
    let from = find_field(text, 0, section)?;
    Some(find_field_with_value(text, from, field, &quoted(key)).unwrap_or(from))
}

/// The offset of a term within the offer starting at `start`: a component with an id at its
/// `id:` field; the indexation and the credit regime at their field, or the field named by
/// the path within it; a trigger at the offer's `triggers:`.
fn component_start(text: &str, start: usize, term: &TermPath) -> Option<usize> {
    let section = match &term.component {
        Component::Offer => return Some(start),
        Component::Indexation => "indexation",
        Component::CreditRegime => "credit_regime",
        Component::Trigger(_) => "triggers",
        component => {
            let id = component.id()?;
            return find_field_with_value(text, start, "id", &quoted(id));
        }
    };
    let at = find_field(text, start, section)?;
    match (&term.component, term.field) {
        (Component::Indexation | Component::CreditRegime, Some(field)) => {
            Some(find_field(text, at, field.file_name()).unwrap_or(at))
        }
        _ => Some(at),
    }
}

/// The offset of the first `field: value` at or after `from` whose value starts with `value`.
fn find_field_with_value(text: &str, from: usize, field: &str, value: &str) -> Option<usize> {
    let mut at = from;
    while let Some(found) = find_field(text, at, field) {
        let rest = text[found + field.len()..].trim_start();
        if rest[1..].trim_start().starts_with(value) {
            return Some(found);
        }
        at = found + field.len();
    }
    None
}

/// A tidy message for a RON or serde error: what is wrong and what to do, no Debug dumps.
fn syntax_error(text: &str, file: &str, e: &ron::error::SpannedError) -> ProjectError {
    use ron::error::Error as E;
    let (mut line, mut column) = (e.span.start.line.max(1), e.span.start.col.max(1));
    // ron's span of a rejected string value starts inside the quotes: point at the value.
    if column > 1 && text[..offset_of(text, line, column)].ends_with('"') {
        column -= 1;
    }
    let message = match &e.code {
        E::ExpectedString | E::ExpectedStringEnd => {
            let at = offset_of(text, line, column);
            let token = token_at(text, at);
            if looks_like_number(token) {
                format!(
                    "found the number {token} where text belongs: write amounts as strings, e.g. \"180000.00\""
                )
            } else if token.is_empty() {
                "expected a string in double quotes here".to_owned()
            } else {
                format!("found {token} where a string belongs: put it in double quotes")
            }
        }
        E::InvalidValueForType { expected, found } => {
            if expected.contains("Decimal") {
                format!(
                    "{} is not a number: write amounts as decimal strings, e.g. \"180000.00\"",
                    found.trim_start_matches("the string ")
                )
            } else {
                format!("expected {expected}, found {found}")
            }
        }
        E::ExpectedInteger => {
            let at = offset_of(text, line, column);
            let token = token_at(text, at);
            if token.starts_with('"') {
                format!(
                    "found {token} where a whole number belongs: write it without quotes, e.g. 36"
                )
            } else {
                "expected a whole number here, e.g. 36".to_owned()
            }
        }
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            if let Some((l, c)) = word_before(text, line, column, found) {
                (line, column) = (l, c);
            }
            format!(
                "unknown field `{found}`{}; {}: check the spelling",
                in_outer(outer),
                one_of(expected, "fields")
            )
        }
        E::MissingStructField { field, outer } => {
            format!("missing field `{field}`{}; add it", in_outer(outer))
        }
        E::DuplicateStructField { field, outer } => {
            format!(
                "field `{field}` is written twice{}; keep one",
                in_outer(outer)
            )
        }
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            if let Some((l, c)) = word_before(text, line, column, found) {
                (line, column) = (l, c);
            }
            format!(
                "unknown kind `{found}`{}; {}",
                in_outer(outer),
                one_of(expected, "kinds")
            )
        }
        // Custom errors from the model's own types (a month like "2025-13") carry their
        // advice already.
        E::Message(message) => message.clone(),
        E::Eof => "the file ends too early: a `)` or `]` is missing".to_owned(),
        E::ExpectedComma => {
            "expected a `,` before this: separate fields and list items with commas".to_owned()
        }
        E::ExpectedMapColon => "expected `:` between a field and its value".to_owned(),
        E::TrailingCharacters => {
            "text after the end of the project: remove it, or check the brackets above".to_owned()
        }
        E::Utf8Error(_) => "the file is not UTF-8 text".to_owned(),
        other => {
            let text = other.to_string();
            let mut chars = text.chars();
            let first = chars
                .next()
                .map(|c| c.to_lowercase().to_string())
                .unwrap_or_default();
            format!("{first}{}: check the RON syntax here", chars.as_str())
        }
    };
    ProjectError::Syntax {
        file: file.to_owned(),
        line,
        column,
        message,
    }
}

fn in_outer(outer: &Option<String>) -> String {
    outer
        .as_ref()
        .map(|o| format!(" in {o}"))
        .unwrap_or_default()
}

fn one_of(expected: &[&str], none: &str) -> String {
    let names: Vec<String> = expected.iter().map(|e| format!("`{e}`")).collect();
    match names.as_slice() {
        [] => format!("there are no {none}"),
        [one] => format!("expected {one}"),
        _ => format!("expected one of {}", names.join(", ")),
    }
}

/// The token starting at `at`: a quoted string, or a run of characters up to a delimiter.
fn token_at(text: &str, at: usize) -> &str {
    let rest = text[at..].trim_start();
    if let Some(inner) = rest.strip_prefix('"') {
        let end = inner.find('"').map_or(rest.len(), |i| i + 2);
        return &rest[..end];
    }
    let end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, ',' | ')' | ']' | '}' | '('))
        .unwrap_or(rest.len());
    &rest[..end]
}

fn looks_like_number(token: &str) -> bool {
    !token.is_empty()
        && token
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | '_' | 'e' | 'E'))
        && token.chars().any(|c| c.is_ascii_digit())
}

/// The position of `word` as it last appears before (line, column): ron reports an unknown
/// field after reading it, so its span may end past the name.
fn word_before(text: &str, line: usize, column: usize, word: &str) -> Option<(usize, usize)> {
    let end = offset_of(text, line, column);
    let mut cut = (end + word.len()).min(text.len());
    while !text.is_char_boundary(cut) {
        cut += 1;
    }
    let window = &text[..cut];
    let mut search = window;
    while let Some(at) = search.rfind(word) {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        if !is_word(before) && !is_word(after) {
            return Some(line_column(text, at));
        }
        search = &search[..at];
    }
    None
}

#[cfg(test)]
mod tests {
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

    #[test]
    fn positions_are_found_by_offset_and_back() {
        let text = "ab\ncdé\nf";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        assert_eq!(offset_of(text, 2, 3), 5);
        assert_eq!(line_column(text, offset_of(text, 3, 1)), (3, 1));
        assert_eq!(find_field("(my_id: 1, id: 2)", 0, "id"), Some(11));
    }
}
