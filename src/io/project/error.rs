//! What can go wrong with a project file, as the messages people read: the file, the line and
//! column when there is one, and what to do.

use std::fmt;
use std::path::PathBuf;

use super::MAX_FILE_BYTES;
use crate::model::ValidationError;

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
    #[error("{}: cannot {action} the file: {}", path.display(), io_reason(path, action, source))]
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
    /// The project would be written larger than a project file may be read: saving it would
    /// make a file that cannot be opened again, so nothing is written.
    #[error(
        "{}: the project would be {bytes} bytes, more than the {MAX_FILE_BYTES} a project file may have (it could not be opened again); nothing was written: remove KPI history or import sources you no longer need",
        path.display()
    )]
    TooLargeToSave {
        /// The file it was to be written to.
        path: PathBuf,
        /// The size it would have.
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
        /// The newest format this build reads ([`crate::model::FORMAT_VERSION`]).
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
            | ProjectError::TooLarge { path, .. }
            | ProjectError::TooLargeToSave { path, .. } => path.display().to_string(),
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

impl ProjectError {
    /// Whether the project file could not be written (as opposed to read or understood): the
    /// CLI exits 1 for it, as for any output it cannot write.
    pub fn is_write_failure(&self) -> bool {
        matches!(self, ProjectError::Io { action, .. } if *action == "write")
            || matches!(self, ProjectError::TooLargeToSave { .. })
    }
}

fn io_reason(path: &std::path::Path, action: &str, error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        // A save makes a temporary file beside the target and renames it: what it needs is a
        // writable folder, whatever the file's own permissions.
        ErrorKind::PermissionDenied if action == "write" => format!(
            "permission denied in the folder {}; check that the folder is writable",
            crate::io::atomic::folder_of(path).display()
        ),
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
